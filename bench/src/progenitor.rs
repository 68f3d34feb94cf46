//! The generation anchor (feature `progenitor`): Oxide's OpenAPI client
//! generator on the same API. Its input is kassa's OpenAPI export of
//! `spec/kassa24` rewritten as OpenAPI 3.0.3 in-process (progenitor reads
//! only 3.0), then the bench's adjustments below.
//!
//! Like with like: kassa's generation (`check_dir` + `vendor_module`) reads
//! and resolves the YAML spec files, emits the module and pretty-prints it
//! with prettyplease. progenitor's is timed from the JSON text of the
//! document: `serde_json` into `openapiv3::OpenAPI`, then
//! `Generator::default().generate_tokens`, `syn::parse2` and
//! `prettyplease::unparse`, what progenitor's README has a `build.rs` do.
//! The 3.1 → 3.0 conversion is not timed (it is not part of either
//! generator).

use kassa_codegen::check::check_dir;
use kassa_codegen::emit::export::{self, Format};
use kassa_codegen::emit::rust::vendor_module;
use serde_json::Value;

use crate::examples::spec_dir;
use crate::harness::{Report, compare, rounds};

/// kassa's OpenAPI 3.0.3 document of Kassa24, as progenitor is given it.
///
/// One adjustment, in the bench's copy only, because progenitor (through
/// typify) cannot take the document as it is: see [`adjust`].
pub fn kassa24_openapi30() -> Result<String, String> {
    let dir = spec_dir("kassa24");
    let (spec, diags, _) = check_dir(&dir);
    let spec = spec.ok_or_else(|| format!("spec/kassa24 does not check: {diags:?}"))?;
    let mut doc = export::export(&spec, Format::OpenApi30, "spec/kassa24")?;
    adjust(&mut doc);
    serde_json::to_string(&doc).map_err(|e| e.to_string())
}

/// The bench's adjustments of the document for progenitor, each for a
/// valid OpenAPI 3.0 construct that progenitor 0.15.1 (typify 0.8) panics
/// on, each rewritten into an equivalent form it takes:
///
/// 1. An `enum` without `type` whose values have several JSON types
///    (Kassa24's `ChkLocation`: `[true, false, "true", "false"]`): typify
///    panics with "multiple implied types for an un-typed enum". Rewritten
///    as `anyOf` of one typed `enum` per type.
fn adjust(doc: &mut Value) {
    match doc {
        Value::Object(map) => {
            split_untyped_enum(map);
            map.values_mut().for_each(adjust);
        }
        Value::Array(items) => items.iter_mut().for_each(adjust),
        _ => {}
    }
}

/// Adjustment 1: `{enum: [true, "true"]}` → `{anyOf: [{type: boolean,
/// enum: [true]}, {type: string, enum: ["true"]}]}`.
fn split_untyped_enum(map: &mut serde_json::Map<String, Value>) {
    if map.contains_key("type") || map.contains_key("anyOf") {
        return;
    }
    let Some(Value::Array(values)) = map.get("enum") else {
        return;
    };
    let kind = |v: &Value| match v {
        Value::Bool(_) => "boolean",
        Value::String(_) => "string",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => "null",
    };
    let mut kinds: Vec<&str> = values.iter().map(kind).collect();
    kinds.dedup();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.len() < 2 || kinds.contains(&"null") {
        return;
    }
    let branches: Vec<Value> = kinds
        .iter()
        .map(|k| {
            let same: Vec<Value> = values.iter().filter(|v| kind(v) == *k).cloned().collect();
            serde_json::json!({ "type": k, "enum": same })
        })
        .collect();
    map.shift_remove("enum");
    map.insert("anyOf".into(), Value::Array(branches));
}

/// progenitor's client of `document` (OpenAPI 3.0 JSON text), formatted.
pub fn generate(document: &str) -> Result<String, String> {
    let spec: openapiv3::OpenAPI =
        serde_json::from_str(document).map_err(|e| format!("openapiv3 refuses it: {e}"))?;
    generate_parsed(&spec)
}

/// progenitor's client of a parsed document, formatted.
fn generate_parsed(spec: &openapiv3::OpenAPI) -> Result<String, String> {
    // typify panics on some valid schemas; a panic is reported, not fatal.
    let tokens =
        std::panic::catch_unwind(|| progenitor::Generator::default().generate_tokens(spec))
            .map_err(|panic| {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                format!("progenitor panics on it: {why}")
            })?
            .map_err(|e| format!("progenitor refuses it: {e}"))?;
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("not Rust: {e}"))?;
    Ok(prettyplease::unparse(&file))
}

/// `generate/kassa24 per op, kassa vs progenitor`: interleaved rounds of
/// kassa's generation of Kassa24 (load+resolve+emit) and progenitor's (from
/// the JSON text), per operation; then kassa's emit alone against
/// progenitor from the parsed document.
pub fn run(filter: &str, out: &mut Report) {
    let name = "generate/kassa24 per op, kassa vs progenitor";
    if !name.contains(filter) {
        return;
    }
    let document = match kassa24_openapi30() {
        Ok(d) => d,
        Err(why) => return out.not_measured(name, &why),
    };
    if let Err(why) = generate(&document) {
        return out.not_measured(name, &why);
    }
    let dir = spec_dir("kassa24");
    let source = "spec/kassa24";
    let (spec, _, _) = check_dir(&dir);
    let Some(spec) = spec else {
        return out.not_measured(name, "spec/kassa24 does not check");
    };
    let ops = spec.operations.len() as f64;
    let n = rounds(41).min(21);
    let row = compare(
        name,
        n,
        || {
            let (spec, _, _) = check_dir(&dir);
            spec.map(|s| vendor_module(&s, source))
        },
        || generate(&document),
    );
    let parsed: openapiv3::OpenAPI = match serde_json::from_str(&document) {
        Ok(p) => p,
        Err(e) => return out.not_measured(name, &e.to_string()),
    };
    let emit = compare(
        "generate/kassa24 per op, emit alone vs progenitor from a parsed document",
        n,
        || vendor_module(&spec, source),
        || generate_parsed(&parsed),
    );
    for mut row in [row, emit] {
        row.kassa /= ops;
        row.anchor = row.anchor.map(|a| a / ops);
        row.unit = "µs/op";
        out.push(row);
    }
}
