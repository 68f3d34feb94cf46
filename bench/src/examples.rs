//! Example bodies from the vendor documentation, exactly as the spec keeps
//! them (`examples:` in spec/<vendor>/*.yaml, whitespace included).

use std::path::PathBuf;

use kassa_codegen::read::model::Outcome;

/// One documented response or request body.
pub struct Doc {
    pub op: String,
    pub body: Vec<u8>,
}

pub fn spec_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
}

pub fn spec_dir(vendor: &str) -> PathBuf {
    spec_root().join(vendor)
}

/// Every example of `vendor`: (operation, example name, outcome, request, response).
type Raw = (String, String, Outcome, Option<String>, Option<String>);

fn all(vendor: &str) -> Vec<Raw> {
    let loaded = kassa_codegen::read::load_dir(&spec_dir(vendor));
    assert!(
        loaded.diagnostics.is_empty(),
        "spec/{vendor} does not load: {:?}",
        loaded.diagnostics
    );
    let mut out = Vec::new();
    for (_, file) in &loaded.files {
        let Some(ops) = &file.operations else {
            continue;
        };
        for (name, op) in ops.iter() {
            for ex in &op.value.examples {
                let ex = &ex.value;
                out.push((
                    name.value.clone(),
                    ex.name.value.clone(),
                    ex.outcome,
                    ex.request.as_ref().map(|r| r.value.clone()),
                    ex.response.as_ref().map(|r| r.value.clone()),
                ));
            }
        }
    }
    out
}

/// Successful responses of `vendor`, largest first.
pub fn success_responses(vendor: &str) -> Vec<Doc> {
    let mut docs: Vec<Doc> = all(vendor)
        .into_iter()
        .filter(|(_, _, outcome, _, _)| matches!(outcome, Outcome::Success))
        .filter_map(|(op, _, _, _, response)| {
            Some(Doc {
                op,
                body: response?.into_bytes(),
            })
        })
        .collect();
    docs.sort_by_key(|d| std::cmp::Reverse(d.body.len()));
    docs
}

/// The largest successful response of operation `op`.
pub fn response(vendor: &str, op: &str) -> Doc {
    success_responses(vendor)
        .into_iter()
        .find(|d| d.op == op)
        .unwrap_or_else(|| panic!("spec/{vendor} has no successful response example of `{op}`"))
}

/// The request body of the example `example` of operation `op`.
pub fn request(vendor: &str, op: &str, example: &str) -> serde_json::Value {
    let text = all(vendor)
        .into_iter()
        .find(|(o, n, _, _, _)| o == op && n == example)
        .and_then(|(_, _, _, request, _)| request)
        .unwrap_or_else(|| panic!("spec/{vendor} has no request example `{example}` of `{op}`"));
    serde_json::from_str(&text).expect("the spec checks its examples")
}

/// The name of the operation with the largest documented successful
/// response, to confirm the bench measures the right one.
pub fn largest_op(vendor: &str) -> Option<String> {
    success_responses(vendor).into_iter().next().map(|d| d.op)
}
