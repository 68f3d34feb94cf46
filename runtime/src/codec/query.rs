//! Lists in the query string, written and read back as the operation's
//! `ListStyle` says.

use serde_json::Value;

use super::wire::value_to_text;
use crate::{ListStyle, OperationInfo};

/// The query pairs of the field `name`: its text, or for a list field one
/// pair per item, or the items joined by commas, as the operation says.
pub fn query_pairs(info: &OperationInfo, name: &str, value: &Value) -> Vec<(String, String)> {
    match (info.list_style(name), value) {
        (Some(style), Value::Array(items)) => {
            let texts = items.iter().filter_map(value_to_text);
            match style {
                ListStyle::Repeated => texts.map(|t| (name.to_owned(), t)).collect(),
                ListStyle::Brackets => texts.map(|t| (format!("{name}[]"), t)).collect(),
                ListStyle::Comma => {
                    let joined: Vec<String> = texts.collect();
                    vec![(name.to_owned(), joined.join(","))]
                }
            }
        }
        _ => value_to_text(value)
            .map(|t| vec![(name.to_owned(), t)])
            .unwrap_or_default(),
    }
}

/// The parameters a query string carries for `info`: list fields gathered
/// back into arrays of strings, other keys as strings (the last one wins).
pub fn query_params(info: &OperationInfo, query: &[(String, String)]) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = Vec::new();
    for (key, text) in query {
        let bare = key.strip_suffix("[]").unwrap_or(key);
        match info.list_style(bare) {
            Some(ListStyle::Comma) if bare == key => {
                let items = text
                    .split(',')
                    .filter(|t| !t.is_empty())
                    .map(|t| Value::String(t.to_owned()))
                    .collect();
                out.retain(|(k, _)| k != bare);
                out.push((bare.to_owned(), Value::Array(items)));
            }
            Some(ListStyle::Repeated) if bare == key => push_item(&mut out, bare, text),
            Some(ListStyle::Brackets) if bare != key => push_item(&mut out, bare, text),
            _ => {
                out.retain(|(k, _)| k != key);
                out.push((key.clone(), Value::String(text.clone())));
            }
        }
    }
    out
}

fn push_item(out: &mut Vec<(String, Value)>, key: &str, text: &str) {
    match out.iter_mut().find(|(k, _)| k == key) {
        Some((_, Value::Array(items))) => items.push(Value::String(text.to_owned())),
        _ => out.push((
            key.to_owned(),
            Value::Array(vec![Value::String(text.to_owned())]),
        )),
    }
}
