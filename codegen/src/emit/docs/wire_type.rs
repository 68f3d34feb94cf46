//! Types, units and constraints in wire terms, as an integrator reads them.

use super::{anchor, text};
use crate::ir::{Field, Spec, Ty, TypeKind};
use crate::read::model::field::Unit;
use crate::types::Scalar;

/// The wire type of `ty` (markdown for a table cell), named types and enums
/// linked to their sections. The field's scale and format apply to the
/// scalar inside arrays and maps too.
pub fn describe(spec: &Spec, ty: &Ty, field: Option<&Field>) -> String {
    match ty {
        Ty::Scalar(s) => scalar(*s, field),
        Ty::Type(name) => {
            let link = link(name, &anchor::type_def(&spec.id, name));
            match spec.type_def(name).map(|t| &t.kind) {
                Some(TypeKind::Object(_)) => format!("object {link}"),
                Some(TypeKind::Union(u)) => {
                    format!("record {link}, kind in {}", text::code(&u.tag))
                }
                Some(TypeKind::OneOf(_)) => format!("one of the forms of {link}"),
                Some(TypeKind::Alias(_)) | None => link,
            }
        }
        Ty::Enum(name) => format!("enum {}", link(name, &anchor::enumeration(&spec.id, name))),
        Ty::Array(inner) => format!("array of {}", describe(spec, inner, field)),
        Ty::Map(key, value) => format!(
            "object keyed by {}, values {}",
            describe(spec, key, None),
            describe(spec, value, field)
        ),
        Ty::OneOrMany(inner) => {
            let inner = describe(spec, inner, field);
            format!("{inner}, or an array of them")
        }
    }
}

fn link(name: &str, id: &str) -> String {
    format!("[{}](#{id})", text::code(name))
}

fn scalar(s: Scalar, field: Option<&Field>) -> String {
    let scale = field.and_then(|f| f.scale);
    let format = field.and_then(|f| f.format.as_deref());
    let precision = field.and_then(|f| f.precision);
    let places = |base: &str| match (precision, scale) {
        (Some(p), Some(s)) => format!("{base}, decimal({p},{s})"),
        (_, Some(1)) => format!("{base}, 1 place"),
        (_, Some(n)) => format!("{base}, {n} places"),
        _ => base.to_owned(),
    };
    let mut out = match s {
        Scalar::Bool => "boolean".to_owned(),
        Scalar::Bool01 => "0 or 1 (boolean)".to_owned(),
        Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64 => {
            format!("integer ({})", s.name())
        }
        Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64 => {
            format!("integer ≥ 0 ({})", s.name())
        }
        Scalar::F64 => "number (floating point)".to_owned(),
        Scalar::Decimal => places("decimal as number"),
        Scalar::DecimalString => places("decimal as string"),
        Scalar::String => "string".to_owned(),
        Scalar::Uuid => "string, UUID".to_owned(),
        Scalar::Base64 => "string, base64".to_owned(),
        Scalar::UnixSeconds => "integer, Unix time in seconds".to_owned(),
        Scalar::UnixMillis => "integer, Unix time in milliseconds".to_owned(),
        Scalar::DateTime => match format {
            Some(f) => format!("date-time {}", text::code(&layout(f))),
            None => "date-time, RFC 3339".to_owned(),
        },
        Scalar::Date => format!(
            "date {}",
            text::code(&format.map_or_else(|| "yyyy-MM-dd".to_owned(), layout))
        ),
        Scalar::Time => format!(
            "time {}",
            text::code(&format.map_or_else(|| "HH:mm:ss".to_owned(), layout))
        ),
        Scalar::Json => "any JSON".to_owned(),
    };
    if field.is_some_and(|f| f.secret) {
        out.push_str(", secret (never printed)");
    }
    out
}

/// The unit of a field in words, if it has one.
pub fn unit(unit: Option<Unit>) -> Option<&'static str> {
    unit.map(Unit::words)
}

/// The constraints of a field (markdown for a table cell), `None` without any.
pub fn constraints(f: &Field) -> Option<String> {
    let mut parts: Vec<String> = bounds(f.min.as_ref(), f.max.as_ref()).into_iter().collect();
    if let Some(p) = range("length", "character", f.min_length, f.max_length) {
        parts.push(p);
    }
    if let Some(p) = range("", "item", f.min_items, f.max_items) {
        parts.push(p);
    }
    if let Some(max) = f.max_bytes {
        parts.push(format!("at most {max} bytes decoded"));
    }
    if let Some(pattern) = &f.pattern {
        parts.push(format!("matches {}", text::code(pattern)));
    }
    if let Some(each) = &f.each {
        let mut rules: Vec<String> = bounds(each.min.as_ref(), each.max.as_ref())
            .into_iter()
            .collect();
        if let Some(p) = range("length", "character", each.min_length, each.max_length) {
            rules.push(p);
        }
        if let Some(pattern) = &each.pattern {
            rules.push(format!("matches {}", text::code(pattern)));
        }
        parts.push(format!("each element {}", rules.join(", ")));
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("; "))
    }
}

/// `1 … 9`, `≥ 1` or `≤ 9`.
fn bounds(min: Option<&serde_json::Value>, max: Option<&serde_json::Value>) -> Option<String> {
    let value = |v: &serde_json::Value| text::cell(&text::json_text(v));
    match (min, max) {
        (Some(min), Some(max)) => Some(format!("{} … {}", value(min), value(max))),
        (Some(min), None) => Some(format!("≥ {}", value(min))),
        (None, Some(max)) => Some(format!("≤ {}", value(max))),
        (None, None) => None,
    }
}

fn range(what: &str, noun: &str, min: Option<u64>, max: Option<u64>) -> Option<String> {
    let plural = |n: u64| if n == 1 { "" } else { "s" };
    let body = match (min, max) {
        (Some(a), Some(b)) if a == b => format!("exactly {a} {noun}{}", plural(a)),
        (Some(a), Some(b)) => format!("{a} … {b} {noun}s"),
        (Some(a), None) => format!("at least {a} {noun}{}", plural(a)),
        (None, Some(b)) => format!("at most {b} {noun}{}", plural(b)),
        (None, None) => return None,
    };
    Some(if what.is_empty() {
        body
    } else {
        format!("{what}: {body}")
    })
}

/// A `time` format description (`[day].[month].[year] [hour]:[minute]`)
/// as the familiar layout letters (`dd.MM.yyyy HH:mm`). Components without
/// a letter form stay in brackets.
pub fn layout(description: &str) -> String {
    let mut out = String::with_capacity(description.len());
    let mut rest = description;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(literal) = after.strip_prefix('[') {
            out.push('[');
            rest = literal;
            continue;
        }
        let Some(close) = after.find(']') else {
            out.push_str(&rest[open..]);
            return out;
        };
        out.push_str(&component(&after[..close]));
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn component(text: &str) -> String {
    let mut words = text.split_whitespace();
    let name = words.next().unwrap_or_default();
    let modifiers: Vec<&str> = words.collect();
    let has = |m: &str| modifiers.contains(&m);
    match name {
        "day" => "dd".to_owned(),
        "month" if has("repr:short") => "MMM".to_owned(),
        "month" if has("repr:long") => "MMMM".to_owned(),
        "month" => "MM".to_owned(),
        "year" if has("repr:last_two") => "yy".to_owned(),
        "year" => "yyyy".to_owned(),
        "hour" if has("repr:12") => "hh".to_owned(),
        "hour" => "HH".to_owned(),
        "minute" => "mm".to_owned(),
        "second" => "ss".to_owned(),
        "period" => "a".to_owned(),
        "weekday" => "EEE".to_owned(),
        "offset_hour" => "XXX".to_owned(),
        "offset_minute" => String::new(),
        "subsecond" => {
            let digits = modifiers
                .iter()
                .find_map(|m| m.strip_prefix("digits:"))
                .and_then(|d| d.parse::<usize>().ok())
                .unwrap_or(3);
            "S".repeat(digits.clamp(1, 9))
        }
        _ => format!("[{text}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_read_like_patterns() {
        assert_eq!(
            layout("[day].[month].[year] [hour]:[minute]:[second]"),
            "dd.MM.yyyy HH:mm:ss"
        );
        assert_eq!(
            layout("[day]-[month]-[year repr:last_two] [hour]:[minute]"),
            "dd-MM-yy HH:mm"
        );
        assert_eq!(layout("[[x] [unknown]"), "[x] [unknown]");
        assert_eq!(layout("[day"), "[day");
    }

    #[test]
    fn ranges_read_as_words() {
        assert_eq!(
            range("", "item", Some(1), Some(100)).as_deref(),
            Some("1 … 100 items")
        );
        assert_eq!(
            range("", "item", None, Some(1)).as_deref(),
            Some("at most 1 item")
        );
        assert_eq!(
            range("length", "character", Some(3), Some(3)).as_deref(),
            Some("length: exactly 3 characters")
        );
    }
}
