//! OpenAPI 3.0.3 of a REST or form vendor, for tools that read only 3.0
//! (progenitor and the `openapiv3` crate, older generators): the OpenAPI
//! 3.1 document of [`super::openapi`] rewritten, nothing else changed.
//!
//! The document: `openapi` becomes `3.0.3`; `jsonSchemaDialect` goes (3.0
//! has one dialect); `webhooks`, `info.summary`, `info.license.identifier`
//! and `components.pathItems`, which 3.0 has no place for, go to the
//! document's `x-kassa-dropped`.
//!
//! Every Schema Object (JSON Schema 2020-12 in 3.1) becomes 3.0's subset:
//!
//! - `type: [T, "null"]` → `type: T, nullable: true`; `type: "null"` →
//!   `nullable: true, enum: [null]`; several types (`[integer, string]`) →
//!   `anyOf` of one schema per type, each keeping the keywords of its type
//!   (`pattern` goes with `string`, `minimum` with `integer`, …) and
//!   `nullable` when `null` was one of them; `[integer, number]` is `number`.
//! - `anyOf`/`oneOf` with a null member (`{"type": "null"}`, `{"const":
//!   null}`, `{"enum": [null]}`) → the other members and `nullable: true`; a
//!   single other member is merged into the schema, or, when it is a lone
//!   `$ref` or its keywords clash with the schema's, becomes `allOf: [it]`.
//! - `const` → a one-value `enum`; `null` in an `enum` adds `nullable`.
//! - `examples: [a, …]` → `example: a`.
//! - `exclusiveMinimum`/`exclusiveMaximum` numbers → `minimum`/`maximum`
//!   with 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` (the stricter
//!   bound when both are given).
//! - `contentEncoding: base64` → `format: byte`; `contentMediaType` of a
//!   non-text type without an encoding → `format: binary`.
//! - `if`/`then`/`else` → `anyOf: [{allOf: [if, then]}, {allOf: [{not:
//!   if}, else]}]` (the same logic in 3.0's words); `dependentRequired` and
//!   `dependentSchemas` → `allOf` entries `anyOf: [{not: {required: [p]}},
//!   …]`.
//! - `unevaluatedProperties` → `additionalProperties` when nothing beside
//!   the schema's own `properties` evaluates properties (no `$ref`, no
//!   subschema with `properties`); `unevaluatedItems` likewise → `items`.
//! - `$ref` with other keywords (ignored beside a `$ref` in 3.0) →
//!   `allOf: [{$ref}]` with the keywords.
//! - `true` → `{}`, `false` → `{not: {}}` (3.0 has no boolean schemas, but
//!   for `additionalProperties`); an empty `required` goes, an empty `enum`
//!   becomes `{not: {}}`; an `array` without `items` gets `items: {}`.
//! - `$schema`, `$id`, `$anchor` and `$comment` go.
//!
//! What 3.0 cannot say is dropped visibly: the keyword and its value move to
//! the schema's `x-kassa-dropped` (an extension every 3.0 tool ignores).
//! That is `prefixItems` (with the `items` after it), `contains`,
//! `propertyNames`, `patternProperties` (with the `additionalProperties`
//! beside it), `$defs`, `$dynamicRef`, an `unevaluated*` that other
//! subschemas take part in, `contentMediaType` of text, extra `examples`,
//! and any keyword 3.0 does not know. A drop only ever loosens a schema:
//! the 3.0 document accepts everything the 3.1 document accepts, and may
//! accept more. The result is always a well-formed 3.0.3 document for a
//! well-formed 3.1 input; the conversion never fails.

use serde_json::{Map, Value, json};

/// Where a schema keeps what 3.0 could not say.
const DROPPED: &str = "x-kassa-dropped";

/// Schemas nested deeper than this are replaced by `{}` (with a note):
/// kassa's documents nest schemas less than twenty levels deep; the bound
/// keeps the recursion within a small thread's stack on any input.
const MAX_DEPTH: usize = 64;

/// The keywords of a 3.0 Schema Object (besides `x-` extensions).
const KEYWORDS_30: &[&str] = &[
    "$ref",
    "title",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "type",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "example",
    "deprecated",
];

/// The types a 3.0 `type` names.
const TYPES_30: &[&str] = &["string", "number", "integer", "boolean", "array", "object"];

/// Keywords that constrain only instances of one type, for splitting a
/// schema of several types into one schema per type.
const STRING_KEYWORDS: &[&str] = &["minLength", "maxLength", "pattern"];
const NUMBER_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
];
const ARRAY_KEYWORDS: &[&str] = &["items", "minItems", "maxItems", "uniqueItems"];
const OBJECT_KEYWORDS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
];

/// Map keys whose values are maps of names (paths, status codes, media
/// types, header names, …), where a key `schema` is a name, not a schema.
const NAME_MAPS: &[&str] = &[
    "paths",
    "responses",
    "content",
    "headers",
    "callbacks",
    "links",
    "encoding",
    "securitySchemes",
    "requestBodies",
    "parameters",
];

/// An OpenAPI 3.1 document (as kassa exports it) as OpenAPI 3.0.3; see the
/// module's documentation for each rewrite. A value that is not a JSON
/// object is returned as it is.
pub fn from_openapi31(doc: Value) -> Value {
    let Value::Object(mut doc) = doc else {
        return doc;
    };
    let mut dropped = Map::new();
    doc.insert("openapi".into(), Value::from("3.0.3"));
    doc.shift_remove("jsonSchemaDialect");
    if let Some(webhooks) = doc.shift_remove("webhooks") {
        dropped.insert("webhooks".into(), webhooks);
    }
    if let Some(Value::Object(info)) = doc.get_mut("info") {
        if let Some(summary) = info.shift_remove("summary") {
            dropped.insert("info.summary".into(), summary);
        }
        if let Some(Value::Object(license)) = info.get_mut("license")
            && let Some(id) = license.shift_remove("identifier")
        {
            dropped.insert("info.license.identifier".into(), id);
        }
    }
    if let Some(Value::Object(components)) = doc.get_mut("components")
        && let Some(items) = components.shift_remove("pathItems")
    {
        dropped.insert("components.pathItems".into(), items);
    }
    if !doc.contains_key("paths") {
        doc.insert("paths".into(), Value::Object(Map::new()));
    }
    if let Some(Value::String(note)) = doc.get_mut("x-generated") {
        note.push_str(
            " OpenAPI 3.0.3, rewritten from kassa's OpenAPI 3.1 document; what 3.0 cannot say \
             is under `x-kassa-dropped`.",
        );
    }
    for (key, value) in doc.iter_mut() {
        if key == "components" {
            if let Value::Object(components) = value {
                for (kind, entries) in components.iter_mut() {
                    match (kind.as_str(), entries) {
                        ("schemas", Value::Object(schemas)) => {
                            for s in schemas.values_mut() {
                                *s = schema(std::mem::take(s), 0);
                            }
                        }
                        (_, entries) => walk(entries, true),
                    }
                }
            }
        } else if !key.starts_with("x-") {
            walk(value, NAME_MAPS.contains(&key.as_str()));
        }
    }
    if !dropped.is_empty() {
        doc.insert(DROPPED.into(), Value::Object(dropped));
    }
    Value::Object(doc)
}

/// Converts the schemas found under `value` (the parts of the document
/// outside the Schema Objects). `names`: `value` maps names to objects.
fn walk(value: &mut Value, names: bool) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if names {
                    walk(v, false);
                } else if key == "schema" {
                    *v = schema(std::mem::take(v), 0);
                } else if key.starts_with("x-") || matches!(key.as_str(), "example" | "examples") {
                    // Free-form values: no schemas in there.
                } else {
                    walk(v, NAME_MAPS.contains(&key.as_str()));
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| walk(v, false)),
        _ => {}
    }
}

/// Whether a raw (3.1) schema only says "null": `{"type": "null"}`,
/// `{"const": null}`, `{"enum": [null]}`, with annotations at most.
fn is_null_schema(value: &Value) -> bool {
    let Value::Object(map) = value else {
        return false;
    };
    let says_null = match (map.get("type"), map.get("const"), map.get("enum")) {
        (Some(t), None, None) => t == "null" || *t == json!(["null"]),
        (None, Some(Value::Null), None) => true,
        (None, None, Some(e)) => *e == json!([null]),
        _ => false,
    };
    says_null
        && map.keys().all(|k| {
            matches!(
                k.as_str(),
                "type" | "const" | "enum" | "description" | "title" | "$comment"
            )
        })
}

/// Keys that only annotate (kept from the outer schema when two merge).
fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "description" | "title" | "default" | "example" | "deprecated" | "readOnly" | "writeOnly"
    ) || key.starts_with("x-")
}

/// Whether a schema (or the subschemas applied in place of it) evaluates
/// object properties, so that `unevaluatedProperties` beside it is not
/// simply `additionalProperties`.
fn evaluates(value: &Value, keys: &[&str]) -> bool {
    let Value::Object(map) = value else {
        return false;
    };
    keys.iter().any(|k| map.contains_key(*k))
        || map.contains_key("$ref")
        || ["allOf", "anyOf", "oneOf"].iter().any(|k| {
            map.get(*k)
                .and_then(Value::as_array)
                .is_some_and(|all| all.iter().any(|s| evaluates(s, keys)))
        })
        || ["if", "then", "else"]
            .iter()
            .any(|k| map.get(*k).is_some_and(|s| evaluates(s, keys)))
        || map
            .get("dependentSchemas")
            .and_then(Value::as_object)
            .is_some_and(|all| all.values().any(|s| evaluates(s, keys)))
}

/// Adds `branches` as the schema's `anyOf`, or, when it has one already,
/// as an `allOf` entry.
fn add_any_of(s: &mut Map<String, Value>, branches: Vec<Value>) {
    if s.contains_key("anyOf") {
        push_all_of(s, json!({ "anyOf": branches }));
    } else {
        s.insert("anyOf".into(), Value::Array(branches));
    }
}

fn push_all_of(s: &mut Map<String, Value>, entry: Value) {
    match s.get_mut("allOf") {
        Some(Value::Array(all)) => all.push(entry),
        _ => {
            s.insert("allOf".into(), Value::Array(vec![entry]));
        }
    }
}

/// Moves `key` (if present) into `dropped`.
fn drop_key(s: &mut Map<String, Value>, dropped: &mut Map<String, Value>, key: &str) {
    if let Some(v) = s.shift_remove(key) {
        dropped.insert(key.to_owned(), v);
    }
}

/// A 3.1 schema as a 3.0 Schema Object.
fn schema(value: Value, depth: usize) -> Value {
    let mut s = match value {
        Value::Bool(true) => return Value::Object(Map::new()),
        Value::Bool(false) => return json!({ "not": {} }),
        Value::Object(map) => map,
        // Not a schema: left as it is.
        other => return other,
    };
    let mut dropped = match s.shift_remove(DROPPED) {
        Some(Value::Object(d)) => d,
        _ => Map::new(),
    };
    if depth >= MAX_DEPTH {
        return json!({ DROPPED: { "schema": Value::Object(s) } });
    }
    let sub = |v: Value| schema(v, depth + 1);
    for key in ["$schema", "$id", "$anchor", "$comment"] {
        s.shift_remove(key);
    }
    for key in [
        "$defs",
        "definitions",
        "$dynamicRef",
        "$dynamicAnchor",
        "$vocabulary",
    ] {
        drop_key(&mut s, &mut dropped, key);
    }

    // Subschemas first, the null members of anyOf/oneOf taken out.
    if let Some(Value::Object(props)) = s.get_mut("properties") {
        for v in props.values_mut() {
            *v = sub(std::mem::take(v));
        }
    }
    if let Some(v @ Value::Object(_)) = s.get_mut("additionalProperties") {
        *v = sub(std::mem::take(v));
    }
    for key in ["items", "not"] {
        if let Some(v) = s.get_mut(key) {
            *v = sub(std::mem::take(v));
        }
    }
    if let Some(Value::Array(all)) = s.get_mut("allOf") {
        for v in all.iter_mut() {
            *v = sub(std::mem::take(v));
        }
    }
    let mut nullable = false;
    for key in ["anyOf", "oneOf"] {
        let members = match s.shift_remove(key) {
            Some(Value::Array(members)) => members,
            Some(other) => {
                dropped.insert(key.into(), other);
                continue;
            }
            None => continue,
        };
        let (nulls, rest): (Vec<Value>, Vec<Value>) = members.into_iter().partition(is_null_schema);
        let mut rest: Vec<Value> = rest.into_iter().map(sub).collect();
        if nulls.is_empty() {
            s.insert(key.into(), Value::Array(rest));
            continue;
        }
        nullable = true;
        match rest.len() {
            0 => {
                s.entry("enum").or_insert_with(|| json!([null]));
            }
            1 => {
                let one = rest.pop().unwrap_or_default();
                merge_or_all_of(&mut s, one);
            }
            _ => {
                s.insert(key.into(), Value::Array(rest));
            }
        }
    }

    // One keyword at a time.
    if let Some(value) = s.shift_remove("const") {
        match s.get("enum") {
            Some(Value::Array(values)) if !values.contains(&value) => {
                s.insert("not".into(), json!({}));
            }
            _ => {
                s.insert("enum".into(), json!([value]));
            }
        }
    }
    match s.shift_remove("examples") {
        Some(Value::Array(mut examples)) if !examples.is_empty() => {
            let first = examples.remove(0);
            s.entry("example").or_insert(first);
            if !examples.is_empty() {
                dropped.insert("examples".into(), Value::Array(examples));
            }
        }
        Some(Value::Array(_)) | None => {}
        Some(other) => {
            dropped.insert("examples".into(), other);
        }
    }
    exclusive_bound(&mut s, "exclusiveMinimum", "minimum", |a, b| a >= b);
    exclusive_bound(&mut s, "exclusiveMaximum", "maximum", |a, b| a <= b);
    content(&mut s, &mut dropped);
    if s.contains_key("prefixItems") {
        drop_key(&mut s, &mut dropped, "prefixItems");
        drop_key(&mut s, &mut dropped, "items");
    }
    if s.contains_key("patternProperties") {
        drop_key(&mut s, &mut dropped, "patternProperties");
        drop_key(&mut s, &mut dropped, "additionalProperties");
    }
    unevaluated(&mut s, &mut dropped, depth);
    dependent(&mut s, &mut dropped, depth);
    conditional(&mut s, depth);

    match s.shift_remove("type") {
        Some(Value::String(t)) if t == "null" => {
            nullable = true;
            s.entry("enum").or_insert_with(|| json!([null]));
        }
        Some(Value::String(t)) if TYPES_30.contains(&t.as_str()) => {
            s.insert("type".into(), Value::String(t));
        }
        Some(Value::Array(types)) => types_30(&mut s, &mut dropped, types, &mut nullable),
        Some(other) => {
            dropped.insert("type".into(), other);
        }
        None => {}
    }
    if let Some(Value::Array(values)) = s.get("enum") {
        if values.is_empty() {
            s.shift_remove("enum");
            s.insert("not".into(), json!({}));
        } else if values.contains(&Value::Null) {
            nullable = true;
        }
    }
    if nullable {
        s.insert("nullable".into(), Value::Bool(true));
    }
    if matches!(s.get("required"), Some(Value::Array(r)) if r.is_empty()) {
        s.shift_remove("required");
    }
    if s.get("type").is_some_and(|t| t == "array") && !s.contains_key("items") {
        s.insert("items".into(), json!({}));
    }
    if s.contains_key("$ref") && s.len() > 1 {
        let target = s.shift_remove("$ref").unwrap_or_default();
        let reference = json!({ "$ref": target });
        match s.get_mut("allOf") {
            Some(Value::Array(all)) => all.insert(0, reference),
            _ => {
                s.insert("allOf".into(), json!([reference]));
            }
        }
    }
    let unknown: Vec<String> = s
        .keys()
        .filter(|k| !KEYWORDS_30.contains(&k.as_str()) && !k.starts_with("x-"))
        .cloned()
        .collect();
    for key in unknown {
        drop_key(&mut s, &mut dropped, &key);
    }
    if !dropped.is_empty() {
        s.insert(DROPPED.into(), Value::Object(dropped));
    }
    Value::Object(s)
}

/// The one non-null member of an `anyOf`/`oneOf` that also allowed null,
/// merged into the schema around it; a lone `$ref`, or a member whose
/// keywords clash with the schema's, becomes an `allOf` entry instead.
fn merge_or_all_of(s: &mut Map<String, Value>, member: Value) {
    let Value::Object(member) = member else {
        push_all_of(s, member);
        return;
    };
    let clash = member
        .keys()
        .any(|k| !is_annotation(k) && s.contains_key(k.as_str()));
    if member.contains_key("$ref") || clash {
        push_all_of(s, Value::Object(member));
        return;
    }
    for (key, value) in member {
        s.entry(key).or_insert(value);
    }
}

/// A 2020-12 `exclusiveMinimum: n` as 3.0's `minimum: n, exclusiveMinimum:
/// true` (or the inclusive bound beside it, when that is the stricter).
fn exclusive_bound(
    s: &mut Map<String, Value>,
    exclusive: &str,
    inclusive: &str,
    stricter: fn(f64, f64) -> bool,
) {
    let Some(Value::Number(bound)) = s.get(exclusive).cloned() else {
        return;
    };
    s.shift_remove(exclusive);
    let keep_inclusive = s
        .get(inclusive)
        .and_then(Value::as_f64)
        .zip(bound.as_f64())
        .is_some_and(|(inc, exc)| inc != exc && stricter(inc, exc));
    if !keep_inclusive {
        s.insert(inclusive.into(), Value::Number(bound));
        s.insert(exclusive.into(), Value::Bool(true));
    }
}

/// `contentEncoding` and `contentMediaType` as 3.0's `format`.
fn content(s: &mut Map<String, Value>, dropped: &mut Map<String, Value>) {
    let encoding = s.shift_remove("contentEncoding");
    let media = s.shift_remove("contentMediaType");
    let is_string = s.get("type").is_some_and(|t| t == "string");
    match (&encoding, &media) {
        (None, None) => return,
        (Some(e), _) if e == "base64" && is_string => {
            s.entry("format").or_insert_with(|| Value::from("byte"));
            return;
        }
        (None, Some(Value::String(m))) if is_string && !is_text(m) => {
            s.entry("format").or_insert_with(|| Value::from("binary"));
            return;
        }
        _ => {}
    }
    if let Some(e) = encoding {
        dropped.insert("contentEncoding".into(), e);
    }
    if let Some(m) = media {
        dropped.insert("contentMediaType".into(), m);
    }
}

/// Whether a media type is text a JSON string holds as it is.
fn is_text(media: &str) -> bool {
    let essence = media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.ends_with("/json")
        || essence.ends_with("+json")
        || essence.ends_with("/xml")
        || essence.ends_with("+xml")
}

/// The subschemas applied in place of `s` (`$ref`, `allOf`, `anyOf`,
/// `oneOf`, `if`/`then`/`else`, and for objects `dependentSchemas`), as
/// one object for [`evaluates`].
fn applicators(s: &Map<String, Value>, objects: bool) -> Value {
    Value::Object(
        s.iter()
            .filter(|(k, _)| {
                matches!(
                    k.as_str(),
                    "$ref" | "allOf" | "anyOf" | "oneOf" | "if" | "then" | "else"
                ) || (objects && k.as_str() == "dependentSchemas")
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

/// `unevaluatedProperties` as `additionalProperties`, `unevaluatedItems` as
/// `items`, where no other subschema takes part; dropped otherwise.
fn unevaluated(s: &mut Map<String, Value>, dropped: &mut Map<String, Value>, depth: usize) {
    let object_keys = ["properties", "patternProperties", "additionalProperties"];
    if let Some(value) = s.shift_remove("unevaluatedProperties") {
        let applicators = applicators(s, true);
        if s.contains_key("additionalProperties") {
            // Every property not in `properties` is evaluated already.
        } else if evaluates(&applicators, &object_keys) {
            dropped.insert("unevaluatedProperties".into(), value);
        } else {
            let value = match value {
                Value::Bool(b) => Value::Bool(b),
                other => schema(other, depth + 1),
            };
            s.insert("additionalProperties".into(), value);
        }
    }
    let array_keys = ["items", "prefixItems", "contains"];
    if let Some(value) = s.shift_remove("unevaluatedItems") {
        let applicators = applicators(s, false);
        if s.contains_key("items") && !s.contains_key("prefixItems") {
            // Every item is evaluated already.
        } else if array_keys.iter().any(|k| s.contains_key(*k))
            || evaluates(&applicators, &array_keys)
        {
            dropped.insert("unevaluatedItems".into(), value);
        } else {
            match value {
                Value::Bool(true) => {}
                Value::Bool(false) => {
                    s.insert("maxItems".into(), Value::from(0));
                }
                other => {
                    s.insert("items".into(), schema(other, depth + 1));
                }
            }
        }
    }
}

/// `dependentRequired` and `dependentSchemas` as `allOf` entries.
fn dependent(s: &mut Map<String, Value>, dropped: &mut Map<String, Value>, depth: usize) {
    match s.shift_remove("dependentRequired") {
        Some(Value::Object(deps)) => {
            for (name, also) in deps {
                let Value::Array(also) = also else { continue };
                let mut all = vec![Value::from(name.clone())];
                all.extend(also.into_iter().filter(|v| v.as_str() != Some(&name)));
                push_all_of(
                    s,
                    json!({ "anyOf": [{ "not": { "required": [name] } }, { "required": all }] }),
                );
            }
        }
        Some(other) => {
            dropped.insert("dependentRequired".into(), other);
        }
        None => {}
    }
    match s.shift_remove("dependentSchemas") {
        Some(Value::Object(deps)) => {
            for (name, then) in deps {
                let then = schema(then, depth + 1);
                push_all_of(
                    s,
                    json!({ "anyOf": [{ "not": { "required": [name] } }, then] }),
                );
            }
        }
        Some(other) => {
            dropped.insert("dependentSchemas".into(), other);
        }
        None => {}
    }
}

/// `if`/`then`/`else` as `(if ∧ then) ∨ (¬if ∧ else)`.
fn conditional(s: &mut Map<String, Value>, depth: usize) {
    let Some(condition) = s.shift_remove("if") else {
        s.shift_remove("then");
        s.shift_remove("else");
        return;
    };
    let then = s.shift_remove("then").map(|v| schema(v, depth + 1));
    let otherwise = s.shift_remove("else").map(|v| schema(v, depth + 1));
    if then.is_none() && otherwise.is_none() {
        return;
    }
    let condition = schema(condition, depth + 1);
    let first = match then {
        Some(then) => json!({ "allOf": [condition.clone(), then] }),
        None => condition.clone(),
    };
    let second = match otherwise {
        Some(otherwise) => json!({ "allOf": [{ "not": condition }, otherwise] }),
        None => json!({ "not": condition }),
    };
    add_any_of(s, vec![first, second]);
}

/// A `type` array: one type (and `nullable`), or one schema per type.
fn types_30(
    s: &mut Map<String, Value>,
    dropped: &mut Map<String, Value>,
    types: Vec<Value>,
    nullable: &mut bool,
) {
    let mut names: Vec<String> = Vec::new();
    for t in types {
        match t.as_str() {
            Some("null") => *nullable = true,
            Some(name) if TYPES_30.contains(&name) => {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_owned());
                }
            }
            _ => {
                dropped.insert("type".into(), t);
            }
        }
    }
    if names.iter().any(|n| n == "number") {
        names.retain(|n| n != "integer");
    }
    match names.len() {
        0 => {
            if *nullable {
                s.entry("enum").or_insert_with(|| json!([null]));
            }
        }
        1 => {
            s.insert("type".into(), Value::from(names.remove(0)));
        }
        _ => {
            let format = s.shift_remove("format");
            let mut branches = Vec::new();
            for name in &names {
                let mut branch = Map::new();
                branch.insert("type".into(), Value::from(name.as_str()));
                let keywords: &[&str] = match name.as_str() {
                    "string" => STRING_KEYWORDS,
                    "number" | "integer" => NUMBER_KEYWORDS,
                    "array" => ARRAY_KEYWORDS,
                    "object" => OBJECT_KEYWORDS,
                    _ => &[],
                };
                for key in keywords {
                    if let Some(v) = s.get(*key) {
                        branch.insert((*key).into(), v.clone());
                    }
                }
                if let Some(f) = &format
                    && format_type(f.as_str().unwrap_or_default()) == name
                {
                    branch.insert("format".into(), f.clone());
                }
                if name == "array" && !branch.contains_key("items") {
                    branch.insert("items".into(), json!({}));
                }
                if *nullable {
                    branch.insert("nullable".into(), Value::Bool(true));
                }
                branches.push(Value::Object(branch));
            }
            // What constrained only the types listed has moved to their
            // branches; what constrained other types had no instance.
            for key in STRING_KEYWORDS
                .iter()
                .chain(NUMBER_KEYWORDS)
                .chain(ARRAY_KEYWORDS)
                .chain(OBJECT_KEYWORDS)
            {
                s.shift_remove(*key);
            }
            add_any_of(s, branches);
        }
    }
}

/// The type a 3.0 `format` belongs to.
fn format_type(format: &str) -> &'static str {
    match format {
        "int32" | "int64" => "integer",
        "float" | "double" => "number",
        _ => "string",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(schema31: Value) -> Value {
        schema(schema31, 0)
    }

    #[test]
    fn a_type_with_null_is_nullable() {
        assert_eq!(
            one(json!({ "type": ["string", "null"], "maxLength": 3 })),
            json!({ "type": "string", "maxLength": 3, "nullable": true })
        );
        assert_eq!(
            one(json!({ "type": "null" })),
            json!({ "enum": [null], "nullable": true })
        );
    }

    #[test]
    fn several_types_become_one_branch_each_with_its_keywords() {
        assert_eq!(
            one(json!({
                "type": ["integer", "string", "null"],
                "pattern": "^[0-9]+$",
                "minimum": 0,
                "description": "An id."
            })),
            json!({
                "description": "An id.",
                "anyOf": [
                    { "type": "integer", "minimum": 0, "nullable": true },
                    { "type": "string", "pattern": "^[0-9]+$", "nullable": true }
                ],
                "nullable": true
            })
        );
        assert_eq!(
            one(json!({ "type": ["integer", "number"] })),
            json!({ "type": "number" })
        );
        assert_eq!(
            one(json!({ "type": ["string", "integer"], "format": "int64" })),
            json!({ "anyOf": [{ "type": "string" }, { "type": "integer", "format": "int64" }] })
        );
    }

    #[test]
    fn a_null_member_of_any_of_or_one_of_becomes_nullable() {
        assert_eq!(
            one(json!({ "anyOf": [{ "type": "object", "properties": {} }, { "const": null }] })),
            json!({ "type": "object", "properties": {}, "nullable": true })
        );
        assert_eq!(
            one(json!({ "oneOf": [{ "$ref": "#/components/schemas/A" }, { "type": "null" }] })),
            json!({ "allOf": [{ "$ref": "#/components/schemas/A" }], "nullable": true })
        );
        assert_eq!(
            one(
                json!({ "anyOf": [{ "type": "string" }, { "type": "integer" }, { "type": "null" }] })
            ),
            json!({ "anyOf": [{ "type": "string" }, { "type": "integer" }], "nullable": true })
        );
        // A member whose keywords clash with the schema's stays whole.
        assert_eq!(
            one(json!({ "type": "object", "anyOf": [{ "type": "string" }, { "enum": [null] }] })),
            json!({ "type": "object", "allOf": [{ "type": "string" }], "nullable": true })
        );
    }

    #[test]
    fn const_becomes_a_one_value_enum() {
        assert_eq!(one(json!({ "const": 1 })), json!({ "enum": [1] }));
        assert_eq!(
            one(json!({ "const": null })),
            json!({ "enum": [null], "nullable": true })
        );
        assert_eq!(
            one(json!({ "const": 1, "enum": [2, 3] })),
            json!({ "enum": [2, 3], "not": {} })
        );
    }

    #[test]
    fn examples_become_example() {
        assert_eq!(
            one(json!({ "type": "integer", "examples": [1, 2] })),
            json!({ "type": "integer", "example": 1, DROPPED: { "examples": [2] } })
        );
        assert_eq!(one(json!({ "examples": [1] })), json!({ "example": 1 }));
    }

    #[test]
    fn meta_keywords_go() {
        assert_eq!(
            one(json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": "x",
                "$comment": "y",
                "type": "string"
            })),
            json!({ "type": "string" })
        );
    }

    #[test]
    fn content_keywords_become_formats() {
        assert_eq!(
            one(
                json!({ "type": "string", "contentEncoding": "base64", "contentMediaType": "image/png" })
            ),
            json!({ "type": "string", "format": "byte" })
        );
        assert_eq!(
            one(json!({ "type": "string", "contentMediaType": "application/pdf" })),
            json!({ "type": "string", "format": "binary" })
        );
        assert_eq!(
            one(json!({ "type": "string", "contentMediaType": "text/plain; charset=utf-8" })),
            json!({ "type": "string", DROPPED: { "contentMediaType": "text/plain; charset=utf-8" } })
        );
        assert_eq!(
            one(json!({ "type": "string", "contentEncoding": "base32" })),
            json!({ "type": "string", DROPPED: { "contentEncoding": "base32" } })
        );
    }

    #[test]
    fn exclusive_bounds_take_the_boolean_form() {
        assert_eq!(
            one(json!({ "type": "number", "exclusiveMinimum": -1.5, "exclusiveMaximum": 10 })),
            json!({
                "type": "number",
                "minimum": -1.5,
                "exclusiveMinimum": true,
                "maximum": 10,
                "exclusiveMaximum": true
            })
        );
        // The stricter of the two bounds stays.
        assert_eq!(
            one(json!({ "type": "number", "minimum": 5, "exclusiveMinimum": 1 })),
            json!({ "type": "number", "minimum": 5 })
        );
        assert_eq!(
            one(json!({ "type": "number", "minimum": 1, "exclusiveMinimum": 1 })),
            json!({ "type": "number", "minimum": 1, "exclusiveMinimum": true })
        );
    }

    #[test]
    fn conditionals_become_any_of() {
        let condition =
            json!({ "properties": { "Status": { "enum": [200] } }, "required": ["Status"] });
        let then = json!({ "properties": { "Data": { "type": "string" } }, "required": ["Data"] });
        assert_eq!(
            one(json!({ "type": "object", "if": condition, "then": then })),
            json!({
                "type": "object",
                "anyOf": [{ "allOf": [condition, then] }, { "not": condition }]
            })
        );
        assert_eq!(
            one(json!({ "if": condition, "else": then, "anyOf": [{ "type": "object" }] })),
            json!({
                "anyOf": [{ "type": "object" }],
                "allOf": [{ "anyOf": [condition, { "allOf": [{ "not": condition }, then] }] }]
            })
        );
        assert_eq!(one(json!({ "if": condition })), json!({}));
    }

    #[test]
    fn unevaluated_properties_become_additional_properties_where_alone() {
        assert_eq!(
            one(json!({
                "type": "object",
                "properties": { "a": true },
                "allOf": [{ "anyOf": [{ "required": ["a"] }] }],
                "unevaluatedProperties": false
            })),
            json!({
                "type": "object",
                "properties": { "a": {} },
                "allOf": [{ "anyOf": [{ "required": ["a"] }] }],
                "additionalProperties": false
            })
        );
        assert_eq!(
            one(json!({
                "type": "object",
                "allOf": [{ "$ref": "#/components/schemas/A" }],
                "unevaluatedProperties": false
            })),
            json!({
                "type": "object",
                "allOf": [{ "$ref": "#/components/schemas/A" }],
                DROPPED: { "unevaluatedProperties": false }
            })
        );
        assert_eq!(
            one(json!({ "type": "array", "unevaluatedItems": false })),
            json!({ "type": "array", "maxItems": 0, "items": {} })
        );
    }

    #[test]
    fn what_3_0_cannot_say_is_dropped_visibly() {
        assert_eq!(
            one(json!({
                "type": "array",
                "prefixItems": [{ "type": "string" }],
                "items": { "type": "integer" }
            })),
            json!({
                "type": "array",
                "items": {},
                DROPPED: { "prefixItems": [{ "type": "string" }], "items": { "type": "integer" } }
            })
        );
        assert_eq!(
            one(json!({
                "type": "object",
                "additionalProperties": { "type": "integer" },
                "propertyNames": { "pattern": "^[0-9]+$" }
            })),
            json!({
                "type": "object",
                "additionalProperties": { "type": "integer" },
                DROPPED: { "propertyNames": { "pattern": "^[0-9]+$" } }
            })
        );
        assert_eq!(
            one(json!({
                "patternProperties": { "^a": {} },
                "additionalProperties": false,
                "contains": { "type": "string" }
            })),
            json!({
                DROPPED: {
                    "patternProperties": { "^a": {} },
                    "additionalProperties": false,
                    "contains": { "type": "string" }
                }
            })
        );
    }

    #[test]
    fn dependencies_become_all_of_entries() {
        assert_eq!(
            one(json!({
                "dependentRequired": { "a": ["b"] },
                "dependentSchemas": { "c": { "required": ["d"] } }
            })),
            json!({
                "allOf": [
                    { "anyOf": [{ "not": { "required": ["a"] } }, { "required": ["a", "b"] }] },
                    { "anyOf": [{ "not": { "required": ["c"] } }, { "required": ["d"] }] }
                ]
            })
        );
    }

    #[test]
    fn a_ref_with_siblings_is_wrapped_and_booleans_become_objects() {
        assert_eq!(
            one(json!({ "$ref": "#/components/schemas/A", "description": "An A." })),
            json!({ "description": "An A.", "allOf": [{ "$ref": "#/components/schemas/A" }] })
        );
        assert_eq!(
            one(json!({ "$ref": "#/components/schemas/A" })),
            json!({ "$ref": "#/components/schemas/A" })
        );
        assert_eq!(one(json!(true)), json!({}));
        assert_eq!(one(json!(false)), json!({ "not": {} }));
        assert_eq!(
            one(json!({ "type": "object", "required": [], "enum": [] })),
            json!({ "type": "object", "not": {} })
        );
    }

    #[test]
    fn deep_nesting_is_cut_not_overflowed() {
        let mut deep = json!({ "type": "string" });
        for _ in 0..1_000 {
            deep = json!({ "items": deep });
        }
        let out = one(deep);
        let mut depth = 0;
        let mut at = &out;
        while let Some(next) = at.get("items") {
            at = next;
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH);
        assert!(at.get(DROPPED).is_some());
    }

    #[test]
    fn the_document_says_3_0_and_drops_what_3_0_lacks() {
        let doc = from_openapi31(json!({
            "openapi": "3.1.0",
            "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
            "info": {
                "title": "T",
                "version": "1",
                "summary": "S",
                "license": { "name": "MIT", "identifier": "MIT" }
            },
            "webhooks": { "w": {} },
            "components": {
                "schemas": { "A": { "type": ["string", "null"] } },
                "pathItems": { "p": {} }
            },
            "paths": {
                "/a": { "get": {
                    "parameters": [{ "name": "q", "in": "query", "schema": { "const": "x" } }],
                    "responses": { "200": { "description": "ok", "content": {
                        "application/json": { "schema": { "type": ["integer", "null"] } }
                    } } }
                } }
            }
        }));
        assert_eq!(
            doc,
            json!({
                "openapi": "3.0.3",
                "info": { "title": "T", "version": "1", "license": { "name": "MIT" } },
                "components": { "schemas": { "A": { "type": "string", "nullable": true } } },
                "paths": {
                    "/a": { "get": {
                        "parameters": [{ "name": "q", "in": "query", "schema": { "enum": ["x"] } }],
                        "responses": { "200": { "description": "ok", "content": {
                            "application/json": { "schema": { "type": "integer", "nullable": true } }
                        } } }
                    } }
                },
                DROPPED: {
                    "webhooks": { "w": {} },
                    "info.summary": "S",
                    "info.license.identifier": "MIT",
                    "components.pathItems": { "p": {} }
                }
            })
        );
        assert_eq!(from_openapi31(json!([1])), json!([1]));
    }

    /// Every keyword 3.1 has and 3.0 lacks is gone from the exported
    /// documents, and nothing is left but 3.0 schemas.
    #[test]
    fn the_vendor_documents_keep_no_3_1_keyword() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for dir in ["spec/kassa24", "spec/icash", "codegen/tests/fixtures/tally"] {
            let (spec, diags, _) = crate::check::check_dir(&root.join(dir));
            let spec = spec.unwrap_or_else(|| panic!("{dir}: {diags:?}"));
            let doc = super::super::export(&spec, super::super::Format::OpenApi30, dir)
                .unwrap_or_else(|e| panic!("{dir}: {e}"));
            assert_eq!(doc["openapi"], "3.0.3");
            assert!(doc.get("jsonSchemaDialect").is_none());
            let mut bad = Vec::new();
            check_30(&doc, "", false, &mut bad);
            assert!(bad.is_empty(), "{dir}: {bad:#?}");
        }
    }

    /// Collects the places under `value` where a schema is not 3.0's.
    fn check_30(value: &Value, at: &str, is_schema: bool, bad: &mut Vec<String>) {
        match value {
            Value::Object(map) if is_schema => {
                for (k, v) in map {
                    let here = format!("{at}/{k}");
                    if k.starts_with("x-") {
                        continue;
                    }
                    if !KEYWORDS_30.contains(&k.as_str()) {
                        bad.push(here.clone());
                    }
                    match k.as_str() {
                        "type" if !v.is_string() => bad.push(here.clone()),
                        "exclusiveMinimum" | "exclusiveMaximum" if !v.is_boolean() => {
                            bad.push(here.clone())
                        }
                        "properties" => {
                            for (name, s) in v.as_object().into_iter().flatten() {
                                check_30(s, &format!("{here}/{name}"), true, bad);
                            }
                        }
                        "items" | "not" => check_30(v, &here, true, bad),
                        "additionalProperties" if v.is_object() => check_30(v, &here, true, bad),
                        "allOf" | "anyOf" | "oneOf" => {
                            for (i, s) in v.as_array().into_iter().flatten().enumerate() {
                                check_30(s, &format!("{here}/{i}"), true, bad);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Value::Bool(_) if is_schema => bad.push(at.to_owned()),
            Value::Object(map) => {
                for (k, v) in map {
                    let here = format!("{at}/{k}");
                    let schemas = at == "/components/schemas";
                    check_30(v, &here, k == "schema" || schemas, bad);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    check_30(v, &format!("{at}/{i}"), false, bad);
                }
            }
            _ => {}
        }
    }
}
