//! Every example of every vendor's documentation, through the generated
//! types: responses decode and re-encode to the same payload; requests
//! decode, and the client encodes exactly the same wire request again.
//!
//! Compared by value: numbers numerically, key order ignored, `null` equal
//! to absent, and keys the spec lists as aliases read as their canonical name.

mod support;

use std::collections::BTreeMap;

use kassa::codec::{self, AuthValues, Failure, WireBody};
use kassa::{OperationEntry, OperationInfo, Vendor};
use kassa_codegen::ir::{self, Outcome, Spec};
use serde_json::{Map, Value};
use support::{load, wire_request, without_slip};

/// Alias → canonical wire name, over every field of the spec.
fn aliases(spec: &Spec) -> BTreeMap<String, String> {
    spec.fields()
        .flat_map(|f| f.aliases.iter().map(|a| (a.clone(), f.wire.clone())))
        .collect()
}

/// `original` as the generated types would spell it, for comparison with `reencoded`.
fn canonical(original: &Value, reencoded: &Value, aliases: &BTreeMap<String, String>) -> Value {
    match (original, reencoded) {
        (Value::Object(o), Value::Object(r)) => {
            let mut out = Map::new();
            for (k, v) in o {
                if v.is_null() {
                    continue;
                }
                let key = match aliases.get(k) {
                    Some(canon) if !r.contains_key(k) && r.contains_key(canon) => canon.clone(),
                    _ => k.clone(),
                };
                let other = r.get(&key).unwrap_or(&Value::Null);
                out.insert(key, canonical(v, other, aliases));
            }
            Value::Object(out)
        }
        (Value::Array(o), Value::Array(r)) => Value::Array(
            o.iter()
                .enumerate()
                .map(|(i, v)| canonical(v, r.get(i).unwrap_or(&Value::Null), aliases))
                .collect(),
        ),
        (v, _) => v.clone(),
    }
}

fn drop_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), drop_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(drop_nulls).collect()),
        other => other.clone(),
    }
}

/// Equal by value; the first difference as a JSON path otherwise.
fn diff(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.as_f64() == y.as_f64() => None,
        // Errata: integer fields the vendor's example sends as digit strings
        // decode (and are sent) as integers.
        (Value::String(x), Value::Number(y)) if x.parse::<f64>().ok() == y.as_f64() => None,
        // `Z` and `+00:00` spell the same RFC 3339 offset.
        (Value::String(x), Value::String(y)) if same_instant(x, y) => None,
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                if let Some(d) = diff(v, y.get(k).unwrap_or(&Value::Null), &format!("{at}.{k}")) {
                    return Some(d);
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| format!("{at}.{k}: not in the example"))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| diff(v, w, &format!("{at}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{at}: example {a}, re-encoded {b}")),
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    let read = |s: &str| {
        serde_json::from_value::<kassa::Rfc3339>(Value::from(s))
            .ok()
            .map(|t| (t.0, t.0.offset()))
    };
    read(a).is_some() && read(a) == read(b)
}

#[derive(Default)]
struct Counts {
    responses: usize,
    requests: usize,
    failures: Vec<String>,
}

fn check_vendor(id: &str) -> Counts {
    let spec = load(id);
    let (vendor, table) = support::vendor(id);
    let infos: Vec<OperationInfo> = table.iter().map(|e| e.info).collect();
    let aliases = aliases(&spec);
    let mut counts = Counts::default();
    for op in &spec.operations {
        let entry: &OperationEntry =
            OperationEntry::find(table, &op.wire).expect("every spec operation is in the table");
        for ex in &op.examples {
            let label = format!("{id} {} “{}”", op.wire, ex.name);
            if let Some(response) = &ex.response {
                counts.responses += 1;
                let status = ex.http_status.unwrap_or(200);
                let decoded =
                    codec::decode_response(vendor, &entry.info, status, &response.to_string());
                let problem = match (ex.outcome, decoded) {
                    (Outcome::Success, Ok(d)) | (Outcome::Replayed, Ok(d))
                        if !d.not_modified
                            && d.replayed == matches!(ex.outcome, Outcome::Replayed) =>
                    {
                        match entry.response_in_body(&vendor.protocol, d.data.clone()) {
                            Ok(again) => diff(
                                &drop_nulls(&canonical(&d.data, &again, &aliases)),
                                &drop_nulls(&again),
                                "data",
                            ),
                            Err(e) => Some(format!("does not decode: {e} (at `{}`)", e.path)),
                        }
                    }
                    (Outcome::NotModified, Ok(d)) if d.not_modified => None,
                    (Outcome::Error, Err(Failure::Vendor { code, message, .. })) => {
                        let got = (entry.classify)(code.as_ref(), message.as_deref());
                        match &ex.error {
                            Some(want) if *want != got.name => {
                                Some(format!("classified as {}, the spec says {want}", got.name))
                            }
                            _ => None,
                        }
                    }
                    (outcome, other) => Some(format!("expected {outcome:?}, got {other:?}")),
                };
                if let Some(p) = problem {
                    counts.failures.push(format!("{label} (response): {p}"));
                }
            }
            if let Some(request) = &ex.request {
                counts.requests += 1;
                if let Some(p) = check_request(vendor, &infos, entry, op, ex, request, &aliases) {
                    counts.failures.push(format!("{label} (request): {p}"));
                }
            }
        }
    }
    counts
}

fn check_request(
    vendor: &Vendor,
    infos: &[OperationInfo],
    entry: &OperationEntry,
    op: &ir::Operation,
    ex: &ir::Example,
    request: &Value,
    aliases: &BTreeMap<String, String>,
) -> Option<String> {
    // An example that names another operation by mistake, or by a
    // documented alias, is read as this one under its own name.
    let request = without_slip(vendor, op, ex, request);
    let wire = wire_request(vendor, &entry.info, &request);
    let decoded = match codec::decode_request(vendor, infos, &wire) {
        Ok(d) => d,
        Err(e) => return Some(format!("the codec does not read it: {e} (at `{}`)", e.path)),
    };
    if infos[decoded.operation].wire != entry.info.wire {
        return Some(format!(
            "read as operation {}",
            infos[decoded.operation].wire
        ));
    }
    let params = match (entry.request)(decoded.params.clone()) {
        Ok(p) => p,
        Err(e) => return Some(format!("does not decode: {e} (at `{}`)", e.path)),
    };
    let auth = AuthValues::observed(vendor, &decoded);
    let again = match codec::encode_request(vendor, &entry.info, params, &auth) {
        Ok(w) => w,
        Err(e) => return Some(format!("does not encode again: {e}")),
    };
    if again.path != wire.path {
        return Some(format!("path {} instead of {}", again.path, wire.path));
    }
    let body = match again.body {
        WireBody::Json(v) => v,
        WireBody::Form(f) => {
            Value::Object(f.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
        }
        WireBody::None => Value::Object(Map::new()),
    };
    let original = match wire.body {
        WireBody::Form(f) => {
            Value::Object(f.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
        }
        _ => request,
    };
    diff(
        &drop_nulls(&canonical(&original, &body, aliases)),
        &drop_nulls(&body),
        "$",
    )
}

fn run(id: &str) {
    let counts = check_vendor(id);
    println!(
        "{id}: {} response and {} request examples",
        counts.responses, counts.requests
    );
    assert!(
        counts.failures.is_empty(),
        "{} of {} examples of {id} do not round-trip:\n{}",
        counts.failures.len(),
        counts.responses + counts.requests,
        counts.failures.join("\n")
    );
}

#[test]
fn caspos_examples_round_trip() {
    run("caspos");
}

#[test]
fn smpos_examples_round_trip() {
    run("smpos");
}

#[test]
fn kassa24_examples_round_trip() {
    run("kassa24");
}

#[test]
fn icash_examples_round_trip() {
    run("icash");
}

#[test]
fn heado_examples_round_trip() {
    run("heado");
}
