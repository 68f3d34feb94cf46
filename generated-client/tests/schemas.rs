//! The published JSON Schemas and the generated types say the same thing.
//!
//! Every example of every vendor's documentation validates against its
//! schema (checked by the `jsonschema` crate, a validator written
//! elsewhere) and decodes through the generated types. Then each example is
//! mutated at every place it can be: a member removed, a value of the wrong
//! JSON type, a constraint of the spec broken. For every mutation the
//! schema and the types must reach the same verdict, and the test counts
//! how many mutations both rejected.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use kassa::{OperationEntry, Vendor};
use kassa_codegen::ir::{Auth, Field, Scalar, Spec, Ty};
use serde_json::{Value, json};

fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

#[derive(Debug)]
struct Entry {
    vendor: String,
    operation: String,
    wire: String,
    direction: String,
    path: String,
}

fn index() -> Vec<Entry> {
    let text = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_owned();
    read_json(&schemas_dir().join("index.json"))
        .as_array()
        .expect("index.json is a list")
        .iter()
        .map(|v| Entry {
            vendor: text(v, "vendor"),
            operation: text(v, "operation"),
            wire: text(v, "wire"),
            direction: text(v, "direction"),
            path: text(v, "path"),
        })
        .collect()
}

/// A validator for a published schema file, its `$ref`s resolved beside it.
fn validator(path: &Path) -> jsonschema::Validator {
    let schema = read_json(path);
    jsonschema::options()
        .with_base_uri(format!("file://{}", path.display()))
        .build(&schema)
        .unwrap_or_else(|e| panic!("{} does not compile: {e}", path.display()))
}

fn schema_of(vendor: &str, operation: &str, direction: &str) -> Option<jsonschema::Validator> {
    index()
        .into_iter()
        .find(|e| e.vendor == vendor && e.operation == operation && e.direction == direction)
        .map(|e| validator(&schemas_dir().join(e.path)))
}

#[test]
fn the_index_lists_a_valid_schema_for_every_operation() {
    let entries = index();
    let mut files = 0;
    for id in ["caspos", "heado", "icash", "kassa24", "smpos"] {
        let spec = support::load(id);
        for op in &spec.operations {
            let has = |direction: &str| {
                entries.iter().any(|e| {
                    e.vendor == id
                        && e.operation == op.name
                        && e.wire == op.wire
                        && e.direction == direction
                })
            };
            assert!(has("response"), "{id} {}: no response schema", op.name);
            let bodiless = matches!(&op.http, Some((m, _)) if m == "GET");
            assert!(
                has("request") || bodiless,
                "{id} {}: no request schema",
                op.name
            );
        }
        let defs = schemas_dir().join(id).join("defs.schema.json");
        assert!(
            jsonschema::meta::is_valid(&read_json(&defs)),
            "{}",
            defs.display()
        );
        validator(&defs);
    }
    for e in &entries {
        let path = schemas_dir().join(&e.path);
        let schema = read_json(&path);
        if let Err(err) = jsonschema::meta::validate(&schema) {
            panic!("{} is not a valid 2020-12 schema: {err}", e.path);
        }
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{}",
            e.path
        );
        validator(&path);
        files += 1;
    }
    let published = std::fs::read_to_string(schemas_dir().join("kassa-spec.schema.json"))
        .expect("the spec language's schema is published");
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/kassa-spec.schema.json"),
    )
    .expect("spec/kassa-spec.schema.json");
    assert_eq!(published, source);
    println!("{files} operation schemas, all valid draft 2020-12");
}

/// One example body, and how the types judge it.
struct Case<'a> {
    vendor: &'static Vendor,
    entry: &'a OperationEntry,
    direction: &'static str,
    status: u16,
    body: Value,
}

impl Case<'_> {
    fn types(&self, body: &Value) -> Result<(), String> {
        match self.direction {
            "request" => support::request_verdict(self.vendor, self.entry, body),
            _ => support::response_verdict(self.vendor, self.entry, self.status, body),
        }
    }
}

fn cases<'a>(
    spec: &Spec,
    table: &'a [OperationEntry],
    vendor: &'static Vendor,
) -> Vec<(String, Case<'a>)> {
    let mut out = Vec::new();
    for op in &spec.operations {
        let entry = OperationEntry::find(table, &op.wire).expect("every operation is in the table");
        for ex in &op.examples {
            if let Some(request) = &ex.request {
                let body = support::without_slip(vendor, op, ex, request);
                let case = Case {
                    vendor,
                    entry,
                    direction: "request",
                    status: 200,
                    body,
                };
                out.push((
                    format!("{} {} “{}” request", spec.id, op.name, ex.name),
                    case,
                ));
            }
            if let Some(response) = &ex.response {
                let status = ex.http_status.unwrap_or(200);
                let case = Case {
                    vendor,
                    entry,
                    direction: "response",
                    status,
                    body: response.clone(),
                };
                out.push((
                    format!("{} {} “{}” response", spec.id, op.name, ex.name),
                    case,
                ));
            }
        }
    }
    out
}

fn errors(v: &jsonschema::Validator, body: &Value) -> String {
    let list: Vec<String> = v
        .iter_errors(body)
        .map(|e| format!("{}: {}", e.instance_path(), e.masked()))
        .collect();
    list.join("; ")
}

fn examples_validate_and_decode(id: &str) {
    let spec = support::load(id);
    let (vendor, table) = support::vendor(id);
    let mut failures = Vec::new();
    let mut count = 0;
    for (label, case) in cases(&spec, table, vendor) {
        count += 1;
        let op = &case.entry.info.name;
        let Some(v) = schema_of(id, op, case.direction) else {
            failures.push(format!("{label}: no schema"));
            continue;
        };
        if !v.is_valid(&case.body) {
            failures.push(format!(
                "{label}: schema rejects it: {}",
                errors(&v, &case.body)
            ));
        }
        if let Err(e) = case.types(&case.body) {
            failures.push(format!("{label}: the types reject it: {e}"));
        }
    }
    println!("{id}: {count} examples valid and decoded");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Fields with a constraint, by wire name (names repeat across types).
fn constrained_fields(spec: &Spec) -> BTreeMap<String, Vec<Field>> {
    let all = spec.fields();
    let mut map: BTreeMap<String, Vec<Field>> = BTreeMap::new();
    for f in all {
        let limited = f.max.is_some()
            || f.min.is_some()
            || f.max_length.is_some()
            || f.pattern.is_some()
            || f.max_items.is_some()
            || (f.scale.is_some() && f.ty == Ty::Scalar(Scalar::DecimalString));
        if limited {
            map.entry(f.wire.clone()).or_default().push(f.clone());
        }
    }
    map
}

/// Members that authentication adds to request bodies.
fn auth_members(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    for a in &spec.auth {
        match a {
            Auth::BodyCredentials {
                username, password, ..
            } => {
                out.extend([username.clone(), password.clone()]);
            }
            Auth::Hmac {
                key_field,
                nonce_field,
                signature_field,
                context,
                ..
            } => {
                out.extend([
                    key_field.clone(),
                    nonce_field.clone(),
                    signature_field.clone(),
                ]);
                out.extend(context.iter().map(|f| f.wire.clone()));
            }
            Auth::Session { field, .. } => out.push(field.clone()),
            Auth::Bearer { .. } | Auth::PathSecret { .. } => {}
        }
    }
    out
}

/// A change to one place of a body.
struct Mutation {
    kind: &'static str,
    at: String,
    value: Option<Value>,
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Every mutation of `body`: each member removed, each value replaced by
/// one of the wrong JSON type, each constrained field pushed past its limit.
fn mutations(
    value: &Value,
    at: &str,
    constraints: &BTreeMap<String, Vec<Field>>,
    out: &mut Vec<Mutation>,
) {
    let children: Vec<(String, &Value, Option<&str>)> = match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (format!("{at}/{}", escape(k)), v, Some(k.as_str())))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{at}/{i}"), v, None))
            .collect(),
        _ => Vec::new(),
    };
    for (path, child, key) in children {
        if key.is_some() {
            out.push(Mutation {
                kind: "member removed",
                at: path.clone(),
                value: None,
            });
        }
        let wrong = match child {
            Value::Object(_) | Value::Array(_) => json!(true),
            _ => json!({ "mutated": true }),
        };
        out.push(Mutation {
            kind: "wrong type",
            at: path.clone(),
            value: Some(wrong),
        });
        for f in key.and_then(|k| constraints.get(k)).into_iter().flatten() {
            for broken in violations(f, child) {
                out.push(Mutation {
                    kind: "constraint broken",
                    at: path.clone(),
                    value: Some(broken),
                });
            }
        }
        mutations(child, &path, constraints, out);
    }
}

/// Values that break `f`'s constraints, in the JSON type `current` has.
fn violations(f: &Field, current: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    // One past the limit, an integer where the limit is one.
    let past = |limit: &Option<Value>, step: i64| -> Option<Value> {
        let limit = limit.as_ref()?;
        match (limit.as_i64(), limit.as_f64()) {
            (Some(n), _) => n.checked_add(step).map(Value::from),
            (None, Some(x)) => Some(json!(x + step as f64)),
            _ => None,
        }
    };
    if current.is_number() {
        out.extend(past(&f.max, 1));
        out.extend(past(&f.min, -1));
    }
    if let Some(text) = current.as_str() {
        if let Some(n) = f.max_length {
            out.push(Value::String("7".repeat(n as usize + 1)));
        }
        if f.pattern.is_some() {
            out.push(Value::String(format!("{text}\u{1}")));
        }
        if let (Ty::Scalar(Scalar::DecimalString), Some(scale)) = (&f.ty, f.scale) {
            out.push(Value::String(format!(
                "1.{}",
                "5".repeat(scale as usize + 1)
            )));
        }
    }
    if let (Some(items), Some(n)) = (current.as_array(), f.max_items)
        && let Some(first) = items.first()
    {
        out.push(Value::Array(vec![first.clone(); n as usize + 1]));
    }
    out
}

fn apply(body: &Value, m: &Mutation) -> Value {
    let mut body = body.clone();
    let (parent, last) = m.at.rsplit_once('/').unwrap_or(("", &m.at));
    let key = last.replace("~1", "/").replace("~0", "~");
    match (body.pointer_mut(parent), &m.value) {
        (Some(Value::Object(map)), None) => {
            map.shift_remove(&key);
        }
        (Some(Value::Object(map)), Some(v)) => {
            map.insert(key, v.clone());
        }
        (Some(Value::Array(items)), Some(v)) => {
            if let Some(slot) = key.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                *slot = v.clone();
            }
        }
        _ => {}
    }
    body
}

#[derive(Default)]
struct Tally {
    tried: usize,
    rejected: BTreeMap<&'static str, usize>,
    /// Credentials left out of an operation the vendor takes without them,
    /// accepted by the schema.
    optional_credentials: usize,
    disagreements: Vec<String>,
}

fn mutated_examples_get_one_verdict(id: &str) -> Tally {
    let spec = support::load(id);
    let (vendor, table) = support::vendor(id);
    let constraints = constrained_fields(&spec);
    let auth = auth_members(&spec);
    let mut tally = Tally::default();
    for (label, case) in cases(&spec, table, vendor) {
        let Some(v) = schema_of(id, case.entry.info.name, case.direction) else {
            continue;
        };
        let mut list = Vec::new();
        mutations(&case.body, "", &constraints, &mut list);
        for m in &list {
            let body = apply(&case.body, m);
            if body == case.body {
                continue;
            }
            tally.tried += 1;
            let schema = v.is_valid(&body);
            // The codec reads credentials as they come and leaves judging
            // them to the server; the schema says what the server needs.
            let credential =
                case.direction == "request" && auth.iter().any(|a| m.at == format!("/{a}"));
            // Left out where the vendor also goes without them (`optional_for`).
            let optional = spec
                .operations
                .iter()
                .find(|o| o.name == case.entry.info.name)
                .is_some_and(|o| spec.credentials_optional(o));
            if credential && optional && m.value.is_none() {
                if schema {
                    tally.optional_credentials += 1;
                } else {
                    tally.disagreements.push(format!(
                        "{label}, {} at `{}`: the schema requires credentials the vendor goes without",
                        m.kind, m.at
                    ));
                }
                continue;
            }
            if credential {
                if schema {
                    tally.disagreements.push(format!(
                        "{label}, {} at `{}`: the schema accepts a request without valid credentials",
                        m.kind, m.at
                    ));
                } else {
                    *tally
                        .rejected
                        .entry("credential (schema only)")
                        .or_default() += 1;
                }
                continue;
            }
            let types = case.types(&body);
            match (schema, &types) {
                (false, Err(_)) => *tally.rejected.entry(m.kind).or_default() += 1,
                (true, Ok(())) => {}
                (true, Err(e)) => tally.disagreements.push(format!(
                    "{label}, {} at `{}`: the schema accepts it, the types say {e}",
                    m.kind, m.at
                )),
                (false, Ok(())) => tally.disagreements.push(format!(
                    "{label}, {} at `{}`: the types accept it, the schema says {}",
                    m.kind,
                    m.at,
                    errors(&v, &body)
                )),
            }
        }
    }
    tally
}

fn run(id: &str) -> Tally {
    examples_validate_and_decode(id);
    let tally = mutated_examples_get_one_verdict(id);
    println!(
        "{id}: {} mutations, rejected by both: {:?}; optional credentials left out and accepted: {}",
        tally.tried, tally.rejected, tally.optional_credentials
    );
    assert!(
        tally.disagreements.is_empty(),
        "{} of {} mutations of {id}'s examples get different verdicts:\n{}",
        tally.disagreements.len(),
        tally.tried,
        tally.disagreements.join("\n")
    );
    for kind in ["member removed", "wrong type"] {
        assert!(
            tally.rejected.get(kind).is_some_and(|n| *n > 0),
            "{id}: no `{kind}` mutation was rejected"
        );
    }
    tally
}

#[test]
fn caspos_schemas_agree_with_the_types() {
    run("caspos");
}

#[test]
fn smpos_schemas_agree_with_the_types() {
    let tally = run("smpos");
    assert!(
        tally
            .rejected
            .get("constraint broken")
            .is_some_and(|n| *n > 0)
    );
}

#[test]
fn kassa24_schemas_agree_with_the_types() {
    run("kassa24");
}

#[test]
fn icash_schemas_agree_with_the_types() {
    let tally = run("icash");
    assert!(
        tally
            .rejected
            .get("constraint broken")
            .is_some_and(|n| *n > 0)
    );
}

/// A field group (exactly one of `SaleItemID` and `SaleItemInventoryID`)
/// holds in the generated type's `validate()` and in the published schema
/// alike: one is accepted, both or neither are refused.
#[test]
fn field_groups_agree_between_the_type_and_the_schema() {
    use kassa::Validate as _;
    let schema = schema_of("icash", "add_operation_sale_item", "request").unwrap();
    let auth = serde_json::json!({
        "api_key": "k", "nonce": "1", "signature": "AB12", "ses": "x",
        "WareHouseID": 5, "UserID": 7,
    });
    for (id, inventory, ok) in [
        (Some(1), None, true),
        (None, Some("A-1"), true),
        (Some(1), Some("A-1"), false),
        (None, None, false),
    ] {
        let item = kassa_client::icash::AddOperationSaleItem {
            operation_id: 9,
            sale_item_id: id,
            sale_item_inventory_id: inventory.map(Into::into),
            qty: kassa::Number::from(1),
            sale_item_single_price: kassa::Number::from(2),
            ..Default::default()
        };
        assert_eq!(item.validate().is_ok(), ok, "{id:?} {inventory:?}");
        let mut body = serde_json::to_value(&item).unwrap();
        body.as_object_mut()
            .unwrap()
            .extend(auth.as_object().unwrap().clone());
        assert_eq!(
            schema.is_valid(&body),
            ok,
            "{id:?} {inventory:?}: {}",
            errors(&schema, &body)
        );
    }
}

/// decimal(10,5): five digits before the point at most, in `validate()` and
/// in the published schema alike, whether the number travels as a number
/// or as text.
#[test]
fn decimal_precision_agrees_between_the_type_and_the_schema() {
    use kassa::Validate as _;
    let schema = schema_of("icash", "add_operation_sale_item", "request").unwrap();
    let auth = serde_json::json!({
        "api_key": "k", "nonce": "1", "signature": "AB12", "ses": "x",
        "WareHouseID": 5, "UserID": 7,
    });
    for (qty, ok) in [
        ("99999.5", true),
        ("-99999.99999", true),
        ("100000", false),
        ("-100000.5", false),
    ] {
        let item = kassa_client::icash::AddOperationSaleItem {
            operation_id: 9,
            sale_item_id: Some(1),
            qty: qty.parse().unwrap(),
            sale_item_single_price: kassa::Number::from(2),
            ..Default::default()
        };
        assert_eq!(item.validate().is_ok(), ok, "{qty}");
        let mut body = serde_json::to_value(&item).unwrap();
        let map = body.as_object_mut().unwrap();
        map.extend(auth.as_object().unwrap().clone());
        let as_number: serde_json::Value = serde_json::from_str(qty).unwrap();
        for written in [as_number, serde_json::Value::String(qty.to_owned())] {
            map.insert("Qty".into(), written.clone());
            let body = serde_json::Value::Object(map.clone());
            assert_eq!(
                schema.is_valid(&body),
                ok,
                "{written}: {}",
                errors(&schema, &body)
            );
        }
    }
}
