//! An HTTP exchange as the codecs see it, and value helpers.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{DecodeError, Method};

/// A request as the protocol shapes it, before a transport sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct WireRequest {
    pub method: Method,
    /// Path relative to the server URL (`/kkms/5`), or empty for the URL itself.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: WireBody,
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub enum WireBody {
    None,
    Json(Value),
    Form(Vec<(String, String)>),
}

impl WireRequest {
    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A JSON value as text in a URL, a header or a form field.
///
/// Strings go as they are, numbers and booleans in their JSON spelling,
/// arrays and objects as JSON text; `None` for null.
pub fn value_to_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(_) | Value::Number(_) | Value::Array(_) | Value::Object(_) => {
            Some(value.to_string())
        }
    }
}

/// Decodes `value` into `T`, reporting the JSON path of the first problem
/// (prefixed with `at`).
///
/// Values from URLs and forms arrive as text; where the type wants a
/// number or a boolean and the text is one, it is converted and decoding
/// retried, so `"5"` from a path decodes into a `u64` field.
pub fn decode_typed<T: DeserializeOwned>(
    mut value: Value,
    at: &str,
    body: &str,
) -> Result<T, DecodeError> {
    // Each retry fixes one value; a body has at most this many scalars to fix.
    for _ in 0..256 {
        let attempt = value.clone();
        match serde_path_to_error::deserialize::<_, T>(attempt) {
            Ok(t) => return Ok(t),
            Err(e) => {
                let path = e.path().to_string();
                if !coerce_at(&mut value, e.path()) {
                    return Err(DecodeError::new(
                        join(at, &path),
                        e.into_inner().to_string(),
                        body,
                    ));
                }
            }
        }
    }
    Err(DecodeError::new(
        at,
        "too many text values to convert",
        body,
    ))
}

fn join(at: &str, path: &str) -> String {
    match (at.is_empty(), path == "." || path.is_empty()) {
        (_, true) => at.to_owned(),
        (true, false) => path.to_owned(),
        (false, false) if path.starts_with('[') => format!("{at}{path}"),
        (false, false) => format!("{at}.{path}"),
    }
}

/// Converts the text at `path` into a number or boolean; false if there is
/// nothing to convert.
fn coerce_at(root: &mut Value, path: &serde_path_to_error::Path) -> bool {
    use serde_path_to_error::Segment;
    let mut node = root;
    for segment in path.iter() {
        node = match (segment, node) {
            (Segment::Map { key }, Value::Object(map)) => match map.get_mut(key) {
                Some(v) => v,
                None => return false,
            },
            (Segment::Seq { index }, Value::Array(items)) => match items.get_mut(*index) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    let Value::String(text) = node else {
        return false;
    };
    let replacement = if let Ok(i) = text.parse::<i64>() {
        Value::from(i)
    } else if let Ok(u) = text.parse::<u64>() {
        Value::from(u)
    } else if let Some(n) = text
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
    {
        if text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        {
            Value::Number(n)
        } else {
            return false;
        }
    } else if text == "true" || text == "false" {
        Value::Bool(text == "true")
    } else {
        return false;
    };
    *node = replacement;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Q {
        id: u64,
        name: String,
        list: Vec<i32>,
    }

    #[test]
    fn text_becomes_numbers_where_the_type_wants_them() {
        let v = serde_json::json!({"id": "5", "name": "7", "list": ["1", "-2"]});
        let q: Q = decode_typed(v, "", "").unwrap();
        assert_eq!(
            q,
            Q {
                id: 5,
                name: "7".into(),
                list: vec![1, -2]
            }
        );
    }

    #[test]
    fn errors_carry_the_path() {
        let v = serde_json::json!({"id": 1, "name": "x", "list": [1, "a"]});
        let e = decode_typed::<Q>(v, "data", "{}").unwrap_err();
        assert_eq!(e.path, "data.list[1]");
        assert!(e.reason.contains("expected i32"), "{}", e.reason);
    }
}
