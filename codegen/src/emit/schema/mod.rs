//! JSON Schemas (draft 2020-12) of payloads as they travel on the wire:
//! scalars in every spelling the runtime accepts, enums with their known
//! codes, objects, unions and the shared `$defs` of a vendor.
//!
//! The runtime is a tolerant reader: integers and booleans also arrive as
//! text (form bodies, and vendors that quote numbers), decimals as numbers
//! or strings, and open enums take codes this version does not know. The
//! schemas accept exactly those spellings, so a payload the generated
//! types decode validates, and one they reject does not.

pub mod ops;

use serde_json::{Map, Value, json};

use crate::ir::{Enum, Field, FormKind, Repr, Spec, Ty, TypeDef, TypeKind, Union};
use crate::types::Scalar;

/// The dialect every published schema declares.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The file of a vendor's shared definitions, beside its operation schemas.
pub const DEFS_FILE: &str = "defs.schema.json";

/// Integers in JSON or as digit text.
const INTEGER_TEXT: &str = "^[+-]?[0-9]+$";
/// Decimals as text, as the runtime reads them (`-12.50`; no exponent).
const DECIMAL_TEXT: &str = "^-?[0-9]+(\\.[0-9]+)?$";
/// RFC 3339 date-time, as the runtime reads it.
const RFC3339: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";

/// Where `$ref`s point: inside the defs file, or from an operation file to it.
#[derive(Clone, Copy)]
pub enum Refs {
    Local,
    DefsFile,
}

impl Refs {
    fn to(self, name: &str) -> Value {
        let prefix = match self {
            Refs::Local => "",
            Refs::DefsFile => DEFS_FILE,
        };
        json!({ "$ref": format!("{prefix}#/$defs/{name}") })
    }
}

/// The vendor's `$defs`: every named type and enum, keyed by its name.
pub fn defs(spec: &Spec) -> Map<String, Value> {
    let mut defs = Map::new();
    for e in &spec.enums {
        defs.insert(e.name.clone(), enum_schema(e));
    }
    for t in &spec.types {
        defs.insert(t.name.clone(), type_schema(spec, t));
    }
    defs.sort_keys();
    defs
}

/// `description` from the English text, the vendor's wording and notes.
pub fn describe(doc: Option<&str>, original: Option<&str>, notes: &[String]) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(d) = doc {
        parts.push(d.trim().to_owned());
    }
    if let Some(o) = original
        && Some(o) != doc
    {
        parts.push(format!("Vendor's wording: {}", o.trim()));
    }
    parts.extend(notes.iter().cloned());
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// The notes on an item's revisions (`Since revision 1.1.0.`, and what
/// [`crate::ir::retirement`] says), and whether the schema marks it
/// `deprecated`.
pub fn life_notes(
    since: Option<&str>,
    until: Option<&str>,
    deprecated: Option<&crate::ir::Deprecated>,
) -> (Vec<String>, bool) {
    let mut notes: Vec<String> = since
        .map(|s| format!("Since revision {s}."))
        .into_iter()
        .collect();
    let retired = crate::ir::retirement(until, deprecated);
    let marked = retired.is_some();
    notes.extend(retired);
    (notes, marked)
}

/// `"deprecated": true` on `schema` when `marked`.
pub fn mark_deprecated(schema: &mut Value, marked: bool) {
    if let (true, Some(obj)) = (marked, schema.as_object_mut()) {
        obj.insert("deprecated".into(), Value::Bool(true));
    }
}

fn set_description(schema: &mut Value, text: Option<String>) {
    if let (Some(text), Some(obj)) = (text, schema.as_object_mut()) {
        obj.insert("description".into(), Value::String(text));
    }
}

fn enum_schema(e: &Enum) -> Value {
    let mut branches: Vec<Value> = e
        .values
        .iter()
        .map(|v| {
            let mut b = json!({ "const": v.code, "title": v.name });
            let (mut notes, marked) = life_notes(
                v.since.as_deref(),
                v.until.as_deref(),
                v.deprecated.as_ref(),
            );
            notes.extend(
                v.errata
                    .iter()
                    .map(|e| format!("Erratum ({}): {}", e.section, e.doc)),
            );
            set_description(
                &mut b,
                describe(v.doc.as_deref(), v.doc_original.as_deref(), &notes),
            );
            mark_deprecated(&mut b, marked);
            b
        })
        .collect();
    let int = e.repr == Repr::Int;
    if int {
        // The runtime also reads a known code written as digits.
        let texts: Vec<Value> = e
            .values
            .iter()
            .map(|v| Value::String(v.code.to_string()))
            .collect();
        branches.push(json!({ "enum": texts, "description": "A known code written as digits." }));
    }
    if e.open {
        let other = if int {
            json!({ "type": ["integer", "string"], "pattern": INTEGER_TEXT })
        } else {
            json!({ "type": "string" })
        };
        let mut other = other;
        set_description(
            &mut other,
            Some(
                "A code this version does not know yet; it is kept and sent back unchanged.".into(),
            ),
        );
        branches.push(other);
    }
    let mut schema = json!({ "title": e.name, "anyOf": branches });
    let kind = if e.open { "Open enum" } else { "Closed enum" };
    let (life, marked) = life_notes(
        e.since.as_deref(),
        e.until.as_deref(),
        e.deprecated.as_ref(),
    );
    let notes: Vec<String> = std::iter::once(format!("{kind} `{}`.", e.name))
        .chain(life)
        .chain(
            e.errata
                .iter()
                .map(|er| format!("Erratum ({}): {}", er.section, er.doc)),
        )
        .collect();
    set_description(
        &mut schema,
        describe(e.doc.as_deref(), e.doc_original.as_deref(), &notes),
    );
    mark_deprecated(&mut schema, marked);
    schema
}

fn type_schema(spec: &Spec, t: &TypeDef) -> Value {
    let mut schema = match &t.kind {
        TypeKind::Object(fields) => {
            let mut schema = object(fields, Refs::Local, &[]);
            add_groups(&mut schema, &t.groups);
            schema
        }
        TypeKind::Union(u) => union(spec, u),
        TypeKind::Alias(ty) => ty_schema(ty, None, Refs::Local),
        // Tried in order, so forms may overlap: `anyOf`, not `oneOf`.
        TypeKind::OneOf(forms) => {
            let forms: Vec<Value> = forms
                .iter()
                .map(|form| {
                    let mut schema = match &form.kind {
                        FormKind::Holds(ty) => ty_schema(ty, None, Refs::Local),
                        FormKind::Value(v) => json!({ "const": v }),
                    };
                    if let Some(obj) = schema.as_object_mut() {
                        obj.insert("title".into(), Value::String(form.name.clone()));
                    }
                    set_description(
                        &mut schema,
                        describe(form.doc.as_deref(), form.doc_original.as_deref(), &[]),
                    );
                    schema
                })
                .collect();
            json!({ "anyOf": forms })
        }
    };
    let (mut notes, marked) = life_notes(
        t.since.as_deref(),
        t.until.as_deref(),
        t.deprecated.as_ref(),
    );
    notes.extend(
        t.errata
            .iter()
            .map(|e| format!("Erratum ({}): {}", e.section, e.doc)),
    );
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("title".into(), Value::String(t.name.clone()));
    }
    set_description(
        &mut schema,
        describe(t.doc.as_deref(), t.doc_original.as_deref(), &notes),
    );
    mark_deprecated(&mut schema, marked);
    schema
}

/// An object of `fields`; `extra` adds properties that travel beside them
/// (the union tag). Unknown members are allowed, as the runtime allows them.
pub fn object(fields: &[Field], refs: Refs, extra: &[(String, Value)]) -> Value {
    let mut props = Map::new();
    for (name, schema) in extra {
        props.insert(name.clone(), schema.clone());
    }
    let mut required = Vec::new();
    let mut either = Vec::new();
    for f in fields {
        let schema = field_schema(f, refs);
        for alias in &f.aliases {
            let mut s = schema.clone();
            set_description(&mut s, Some(format!("Read as `{}`.", f.wire)));
            props.insert(alias.clone(), s);
        }
        props.insert(f.wire.clone(), schema);
        if f.optional || f.nullable {
            continue;
        }
        if f.aliases.is_empty() {
            required.push(Value::String(f.wire.clone()));
        } else {
            let names = std::iter::once(&f.wire).chain(&f.aliases);
            let alts: Vec<Value> = names.map(|n| json!({ "required": [n] })).collect();
            either.push(json!({ "anyOf": alts }));
        }
    }
    let mut schema = json!({ "type": "object", "properties": props });
    if !required.is_empty() {
        schema["required"] = Value::Array(required);
    }
    if !either.is_empty() {
        schema["allOf"] = Value::Array(either);
    }
    schema
}

/// Field groups as schema rules: `oneOf` (exactly one of) and `anyOf`
/// (at least one of) over "this field is present", under `allOf`.
pub fn add_groups(schema: &mut Value, groups: &crate::ir::Groups) {
    let present =
        |g: &Vec<String>| -> Vec<Value> { g.iter().map(|n| json!({ "required": [n] })).collect() };
    let rules = groups
        .exactly_one_of
        .iter()
        .map(|g| json!({ "oneOf": present(g) }))
        .chain(
            groups
                .at_least_one_of
                .iter()
                .map(|g| json!({ "anyOf": present(g) })),
        );
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    let all = obj
        .entry("allOf")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(all) = all {
        all.extend(rules);
    }
    if obj
        .get("allOf")
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty)
    {
        obj.remove("allOf");
    }
}

fn union(spec: &Spec, u: &Union) -> Value {
    let tag_enum = spec.enum_def(&u.tag_enum);
    let mut rules = Vec::new();
    for v in &u.variants {
        let tag = (u.tag.clone(), json!({ "const": v.code }));
        let mut then = object(&v.fields, Refs::Local, &[tag]);
        if let Some(obj) = then.as_object_mut() {
            obj.remove("type");
        }
        set_description(
            &mut then,
            describe(v.doc.as_deref(), v.doc_original.as_deref(), &[]),
        );
        rules.push(json!({
            "if": { "properties": { &u.tag: { "const": v.code } }, "required": [&u.tag] },
            "then": then,
        }));
    }
    let tag_schema = match tag_enum {
        Some(e) => Refs::Local.to(&e.name),
        None => json!({}),
    };
    json!({
        "type": "object",
        "properties": { &u.tag: tag_schema },
        "required": [&u.tag],
        "allOf": rules,
    })
}

/// Puts `each`'s rules on the element schemas of a list schema: the
/// `items` of an array, and both forms of a `one_or_many`.
fn each_schema(schema: &mut Value, each: &crate::ir::Each) {
    let rules = [
        ("minimum", each.min.clone().filter(Value::is_number)),
        ("maximum", each.max.clone().filter(Value::is_number)),
        ("minLength", each.min_length.map(Value::from)),
        ("maxLength", each.max_length.map(Value::from)),
        ("pattern", each.pattern.clone().map(Value::String)),
    ];
    let apply = |element: &mut Value| {
        if let Some(obj) = element.as_object_mut() {
            for (key, value) in &rules {
                if let Some(value) = value {
                    obj.insert((*key).into(), value.clone());
                }
            }
        }
    };
    if let Some(items) = schema.get_mut("items") {
        apply(items);
    } else if let Some(Value::Array(forms)) = schema.get_mut("anyOf") {
        for form in forms {
            match form.get_mut("items") {
                Some(items) => apply(items),
                None => apply(form),
            }
        }
    }
}

/// A field's schema: its type, constraints, nullability and description.
pub fn field_schema(f: &Field, refs: Refs) -> Value {
    let mut schema = ty_schema(&f.ty, Some(f), refs);
    let number = |v: &Option<Value>| v.as_ref().filter(|v| v.is_number()).cloned();
    if let Some(obj) = schema.as_object_mut() {
        let mut put = |key: &str, v: Option<Value>| {
            if let Some(v) = v {
                obj.insert(key.into(), v);
            }
        };
        put("minimum", number(&f.min));
        put("maximum", number(&f.max));
        if let (Some(p), Some(s)) = (f.precision, f.scale) {
            // decimal(p, s): at most p - s digits before the point, as a
            // number and as text.
            let whole = p.saturating_sub(s);
            let limit = 10f64.powi(whole as i32);
            put("exclusiveMaximum", Some(json!(limit)));
            put("exclusiveMinimum", Some(json!(-limit)));
            let places = if s == 0 {
                String::new()
            } else {
                format!("(\\.[0-9]{{1,{s}}})?")
            };
            put(
                "pattern",
                Some(Value::String(format!("^-?[0-9]{{1,{whole}}}{places}$"))),
            );
        }
        put("minLength", f.min_length.map(Value::from));
        put("maxLength", f.max_length.map(Value::from));
        put("pattern", f.pattern.clone().map(Value::String));
        put("minItems", f.min_items.map(Value::from));
        put("maxItems", f.max_items.map(Value::from));
        put("default", f.default.clone());
    }
    if let Some(each) = &f.each {
        each_schema(&mut schema, each);
    }
    if f.nullable {
        schema = nullable(schema);
    }
    let mut notes = Vec::new();
    if let Some(unit) = f.unit {
        notes.push(format!("Unit: {}.", unit.words()));
    }
    if let Some(max) = f.max_bytes {
        // Not a maxLength: the text may be wrapped and unpadded.
        notes.push(format!("At most {max} bytes once decoded."));
    }
    if let Some(format) = &f.format {
        notes.push(format!("Format `{format}`."));
    }
    let (life, marked) = life_notes(
        f.since.as_deref(),
        f.until.as_deref(),
        f.deprecated.as_ref(),
    );
    notes.extend(life);
    if f.secret {
        notes.push("A secret: never log it.".into());
    }
    notes.extend(
        f.errata
            .iter()
            .map(|e| format!("Erratum ({}): {}", e.section, e.doc)),
    );
    set_description(
        &mut schema,
        describe(f.doc.as_deref(), f.doc_original.as_deref(), &notes),
    );
    mark_deprecated(&mut schema, marked);
    // Not `writeOnly`: a secret field may be a reply's (a login's token),
    // which the caller reads; its description says it is a secret.
    schema
}

/// `schema`, or `null`.
fn nullable(mut schema: Value) -> Value {
    if let Some(obj) = schema.as_object_mut()
        && let Some(types) = obj.get_mut("type")
    {
        match types {
            Value::String(t) => *types = json!([t.clone(), "null"]),
            Value::Array(list) => list.push(Value::from("null")),
            _ => {}
        }
        return schema;
    }
    json!({ "anyOf": [schema, { "type": "null" }] })
}

/// The schema of a type; `field` supplies scale and date format.
pub fn ty_schema(ty: &Ty, field: Option<&Field>, refs: Refs) -> Value {
    match ty {
        Ty::Scalar(s) => scalar(*s, field),
        Ty::Type(name) | Ty::Enum(name) => refs.to(name),
        Ty::Array(inner) => json!({
            "type": "array",
            "items": ty_schema(inner, field, refs),
        }),
        Ty::OneOrMany(inner) => {
            let one = ty_schema(inner, field, refs);
            json!({ "anyOf": [one.clone(), { "type": "array", "items": one }] })
        }
        Ty::Map(key, value) => {
            let mut schema = json!({
                "type": "object",
                "additionalProperties": ty_schema(value, field, refs),
            });
            if matches!(**key, Ty::Scalar(s) if s.is_integer()) {
                schema["propertyNames"] = json!({ "pattern": INTEGER_TEXT });
            }
            schema
        }
    }
}

fn scalar(s: Scalar, field: Option<&Field>) -> Value {
    let format = field.and_then(|f| f.format.as_deref());
    match s {
        Scalar::Bool => json!({ "enum": [true, false, "true", "false"] }),
        Scalar::Bool01 => json!({ "enum": [0, 1, true, false, "0", "1", "true", "false"] }),
        Scalar::F64 | Scalar::Decimal => json!({
            "type": ["number", "string"],
            "pattern": DECIMAL_TEXT,
        }),
        Scalar::DecimalString => {
            let pattern = match field.and_then(|f| f.scale) {
                Some(0) => "^-?[0-9]+$".to_owned(),
                Some(scale) => format!("^-?[0-9]+(\\.[0-9]{{1,{scale}}})?$"),
                None => DECIMAL_TEXT.to_owned(),
            };
            json!({ "type": ["string", "number"], "pattern": pattern })
        }
        Scalar::String => json!({ "type": "string" }),
        Scalar::Uuid => json!({ "type": "string", "format": "uuid" }),
        Scalar::Base64 => json!({ "type": "string", "contentEncoding": "base64" }),
        Scalar::DateTime => match format {
            Some(f) => json!({ "type": "string", "pattern": date_pattern(f) }),
            None => json!({ "type": "string", "format": "date-time", "pattern": RFC3339 }),
        },
        Scalar::Date => match format {
            Some(f) => json!({ "type": "string", "pattern": date_pattern(f) }),
            None => {
                json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
            }
        },
        Scalar::Time => match format {
            Some(f) => json!({ "type": "string", "pattern": date_pattern(f) }),
            None => {
                json!({ "type": "string", "format": "time", "pattern": "^[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?$" })
            }
        },
        Scalar::Json => json!({}),
        Scalar::UnixSeconds | Scalar::UnixMillis => integer(None),
        int => integer(int.int_range()),
    }
}

/// An integer in JSON or as digits, within the type's range where it is
/// narrower than 64 bits (wider bounds tell a reader nothing).
fn integer(range: Option<(i128, i128)>) -> Value {
    let mut schema = json!({ "type": ["integer", "string"], "pattern": INTEGER_TEXT });
    if let Some((lo, hi)) = range {
        if let (Ok(lo), true) = (i64::try_from(lo), lo > i128::from(i64::MIN)) {
            schema["minimum"] = Value::from(lo);
        }
        if let (Ok(hi), true) = (i64::try_from(hi), hi < i128::from(i64::MAX)) {
            schema["maximum"] = Value::from(hi);
        }
    }
    schema
}

/// A regular expression for a date format such as `[day].[month].[year]`.
pub fn date_pattern(format: &str) -> String {
    let mut out = String::from("^");
    let mut rest = format;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[')
            && let Some((component, tail)) = after.split_once(']')
        {
            let mut words = component.split_whitespace();
            let name = words.next().unwrap_or_default();
            let last_two = words.any(|w| w == "repr:last_two");
            out.push_str(match name {
                "year" if last_two => "[0-9]{2}",
                "year" => "[0-9]{4}",
                "subsecond" => "[0-9]+",
                "day" | "month" | "hour" | "minute" | "second" => "[0-9]{2}",
                _ => ".+?",
            });
            rest = tail;
            continue;
        }
        let c = rest.chars().next().unwrap_or_default();
        if "\\^$.|?*+()[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out.push('$');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_patterns_follow_the_format() {
        assert_eq!(
            date_pattern("[day].[month].[year] [hour]:[minute]:[second]"),
            "^[0-9]{2}\\.[0-9]{2}\\.[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}$"
        );
        assert_eq!(
            date_pattern("[day]-[month]-[year repr:last_two]"),
            "^[0-9]{2}-[0-9]{2}-[0-9]{2}$"
        );
    }

    #[test]
    fn integers_keep_narrow_ranges_only() {
        assert_eq!(integer(Scalar::U8.int_range())["maximum"], 255);
        assert_eq!(integer(Scalar::U64.int_range())["minimum"], 0);
        assert!(integer(Scalar::U64.int_range()).get("maximum").is_none());
        assert!(integer(Scalar::I64.int_range()).get("minimum").is_none());
    }

    #[test]
    fn nullable_widens_the_type_or_wraps() {
        assert_eq!(
            nullable(json!({"type": "string"})),
            json!({"type": ["string", "null"]})
        );
        assert_eq!(
            nullable(json!({"$ref": "#/$defs/X"})),
            json!({"anyOf": [{"$ref": "#/$defs/X"}, {"type": "null"}]})
        );
    }
}
