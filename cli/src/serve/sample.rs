//! A response payload for an operation the spec has no example of, built
//! from its IR types: the declared default where there is one, otherwise
//! the zero value of each required field (what `Default` gives the
//! generated types, written the way the wire writes it).

use kassa_codegen::ir::{Body, Field, FormKind, Spec, Ty, TypeKind};
use kassa_codegen::types::Scalar;
use serde_json::{Map, Value, json};

/// Deep enough for any real payload; a type that contains itself stops here.
const MAX_DEPTH: usize = 16;

pub fn response(spec: &Spec, body: &Body) -> Value {
    match body {
        Body::Fields(fields) => object(spec, fields, 0),
        Body::Type(ty) => value(spec, ty, None, 0),
        Body::Empty | Body::Unknown => Value::Null,
    }
}

fn object(spec: &Spec, fields: &[Field], depth: usize) -> Value {
    let mut map = Map::new();
    for f in fields.iter().filter(|f| !f.optional) {
        let v = f
            .default
            .clone()
            .unwrap_or_else(|| value(spec, &f.ty, Some(f), depth + 1));
        map.insert(f.wire.clone(), v);
    }
    Value::Object(map)
}

fn value(spec: &Spec, ty: &Ty, field: Option<&Field>, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match ty {
        Ty::Scalar(s) => scalar(*s, field),
        Ty::Enum(name) => spec
            .enum_def(name)
            .and_then(|e| e.values.first())
            .map_or(Value::Null, |v| v.code.clone()),
        Ty::Type(name) => match spec.type_def(name).map(|t| &t.kind) {
            Some(TypeKind::Object(fields)) => object(spec, fields, depth),
            Some(TypeKind::Alias(ty)) => value(spec, ty, field, depth + 1),
            // The first form, as the generated type's `Default` is.
            Some(TypeKind::OneOf(forms)) => match forms.first().map(|f| &f.kind) {
                Some(FormKind::Holds(ty)) => value(spec, ty, field, depth + 1),
                Some(FormKind::Value(v)) => v.clone(),
                None => Value::Null,
            },
            Some(TypeKind::Union(u)) => match u.variants.first() {
                Some(v) => {
                    let mut obj = object(spec, &v.fields, depth);
                    if let Value::Object(map) = &mut obj {
                        map.insert(u.tag.clone(), v.code.clone());
                    }
                    obj
                }
                None => Value::Null,
            },
            None => Value::Null,
        },
        Ty::Array(_) | Ty::OneOrMany(_) => json!([]),
        Ty::Map(..) => json!({}),
    }
}

fn scalar(s: Scalar, field: Option<&Field>) -> Value {
    match s {
        Scalar::Bool => json!(false),
        Scalar::Bool01 => json!(0),
        Scalar::DecimalString => json!("0"),
        Scalar::String | Scalar::Base64 => json!(""),
        Scalar::Uuid => json!("00000000-0000-0000-0000-000000000000"),
        Scalar::DateTime => match field.and_then(|f| f.format.as_deref()) {
            Some(format) => json!(epoch_as(format)),
            None => json!("1970-01-01T00:00:00Z"),
        },
        Scalar::Date => json!("1970-01-01"),
        Scalar::Time => json!("00:00:00"),
        Scalar::Json => Value::Null,
        // The integers, unix times, floats and decimals.
        _ => json!(0),
    }
}

/// The Unix epoch written with a spec's date-time format (empty when the
/// format cannot be read; `kassa check` has reported that already).
fn epoch_as(format: &str) -> String {
    time::format_description::parse_borrowed::<2>(format)
        .ok()
        .and_then(|f| time::OffsetDateTime::UNIX_EPOCH.format(&f).ok())
        .unwrap_or_default()
}
