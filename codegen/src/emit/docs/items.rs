//! Named types, enumerations and error tables.

use super::table::Table;
use super::{anchor, fields, heading, text, wire_type};
use crate::ir::{Enum, ErrorCategory, ErrorTable, FormKind, Repr, Spec, TypeDef, TypeKind};

/// The section of named types.
pub fn types(spec: &Spec) -> String {
    if spec.types.is_empty() {
        return String::new();
    }
    let mut out = heading(2, &anchor::section(&spec.id, "types"), "Types");
    out.push_str("Records the operations share; the field tables link here.\n\n");
    for t in &spec.types {
        out.push_str(&type_def(spec, t));
    }
    out
}

/// An item's text, the vendor's wording, and its revisions: `life` is
/// (`since`, `until`, `deprecated`).
fn intro(
    out: &mut String,
    doc: Option<&str>,
    original: Option<&str>,
    (since, until, deprecated): (Option<&str>, Option<&str>, Option<&crate::ir::Deprecated>),
) {
    if let Some(doc) = doc.filter(|d| !d.trim().is_empty()) {
        out.push_str(&text::block(doc));
        out.push_str("\n\n");
    }
    if let Some(o) = original.filter(|o| !o.trim().is_empty() && Some(*o) != doc) {
        out.push_str(&format!(
            "> _Original:_ {}\n\n",
            text::block(o).replace('\n', "\n> ")
        ));
    }
    if let Some(since) = since {
        out.push_str(&format!("Since revision {}.\n\n", text::block(since)));
    }
    if let Some(note) = crate::ir::retirement(until, deprecated) {
        out.push_str(&format!("**{}**\n\n", text::block(&note)));
    }
}

fn type_def(spec: &Spec, t: &TypeDef) -> String {
    let id = anchor::type_def(&spec.id, &t.name);
    let mut out = format!(
        "<h3 id=\"{id}\"><code>{}</code></h3>\n\n",
        text::html(&t.name)
    );
    intro(
        &mut out,
        t.doc.as_deref(),
        t.doc_original.as_deref(),
        (
            t.since.as_deref(),
            t.until.as_deref(),
            t.deprecated.as_ref(),
        ),
    );
    for e in &t.errata {
        out.push_str(&format!(
            "_Erratum_ ({}): {}\n\n",
            text::block(&e.section),
            text::block(&e.doc)
        ));
    }
    match &t.kind {
        TypeKind::Object(f) => {
            out.push_str(&fields::table(spec, f));
            out.push_str(&fields::groups(&t.groups));
        }
        TypeKind::Alias(ty) => out.push_str(&format!(
            "Another name for {}.\n\n",
            wire_type::describe(spec, ty, None)
        )),
        TypeKind::OneOf(forms) => {
            out.push_str(
                "One of the forms below, told apart by shape alone: the first that fits is \
                 taken.\n\n",
            );
            for form in forms {
                let what = match &form.kind {
                    FormKind::Holds(ty) => wire_type::describe(spec, ty, None),
                    FormKind::Value(v) => format!("the value {}", text::json_text(v)),
                };
                let meaning = form
                    .doc
                    .as_deref()
                    .map(|d| format!(": {}", text::block(d)))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "- {} ({}){meaning}\n",
                    what,
                    text::code_text(&form.name)
                ));
            }
            out.push('\n');
        }
        TypeKind::Union(u) => {
            out.push_str(&format!(
                "One of the records below; the field {} tells which, with a code of {}.\n\n",
                text::code_text(&u.tag),
                format_args!(
                    "[{}](#{})",
                    text::code_text(&u.tag_enum),
                    anchor::enumeration(&spec.id, &u.tag_enum)
                )
            ));
            for v in &u.variants {
                out.push_str(&heading(
                    4,
                    &anchor::variant(&spec.id, &t.name, &v.name),
                    &format!("{} = {} ({})", u.tag, text::json_text(&v.code), v.name),
                ));
                intro(
                    &mut out,
                    v.doc.as_deref(),
                    v.doc_original.as_deref(),
                    (None, None, None),
                );
                out.push_str(&fields::table(spec, &v.fields));
            }
        }
    }
    out
}

/// The section of enumerations.
pub fn enums(spec: &Spec) -> String {
    if spec.enums.is_empty() {
        return String::new();
    }
    let mut out = heading(2, &anchor::section(&spec.id, "enums"), "Enumerations");
    out.push_str(
        "An open enumeration keeps a code this client does not know (`Unknown(raw)` in Rust) and \
         sends it back unchanged.\n\n",
    );
    for e in &spec.enums {
        out.push_str(&enumeration(spec, e));
    }
    out
}

fn repr(r: Repr) -> &'static str {
    match r {
        Repr::Int => "integers",
        Repr::String => "strings",
    }
}

fn enumeration(spec: &Spec, e: &Enum) -> String {
    let id = anchor::enumeration(&spec.id, &e.name);
    let mut out = format!(
        "<h3 id=\"{id}\"><code>{}</code></h3>\n\n",
        text::html(&e.name)
    );
    intro(
        &mut out,
        e.doc.as_deref(),
        e.doc_original.as_deref(),
        (
            e.since.as_deref(),
            e.until.as_deref(),
            e.deprecated.as_ref(),
        ),
    );
    for er in &e.errata {
        out.push_str(&format!(
            "_Erratum_ ({}): {}\n\n",
            text::block(&er.section),
            text::block(&er.doc)
        ));
    }
    out.push_str(&format!(
        "Codes travel as {}; the enumeration is {}.\n\n",
        repr(e.repr),
        if e.open {
            "open"
        } else {
            "closed: an unknown code is an error"
        }
    ));
    let mut t = Table::new(&[
        ("Code", true),
        ("Name", true),
        ("Vendor constant", false),
        ("Description", false),
        ("Since", false),
    ]);
    for v in &e.values {
        t.row(vec![
            text::code(&text::json_text(&v.code)),
            text::code(&v.name),
            v.constant.as_deref().map(text::code).unwrap_or_default(),
            fields::description(v.doc.as_deref(), v.doc_original.as_deref(), &v.errata),
            text::life_cell(
                v.since.as_deref(),
                v.until.as_deref(),
                v.deprecated.as_ref(),
            ),
        ]);
    }
    out.push_str(&t.render());
    out
}

/// The section of error tables.
pub fn errors(spec: &Spec) -> String {
    let mut out = heading(2, &anchor::section(&spec.id, "errors"), "Error codes");
    if spec.errors.is_empty() {
        out.push_str("The documentation gives no error codes.\n\n");
        return out;
    }
    for e in &spec.errors {
        out.push_str(&error_table(spec, e));
    }
    out
}

fn category(c: ErrorCategory) -> &'static str {
    match c {
        ErrorCategory::Success => "success",
        ErrorCategory::NotModified => "not modified",
        ErrorCategory::Auth => "auth",
        ErrorCategory::Permission => "permission",
        ErrorCategory::InvalidRequest => "invalid request",
        ErrorCategory::NotFound => "not found",
        ErrorCategory::Conflict => "conflict",
        ErrorCategory::State => "state",
        ErrorCategory::RateLimit => "rate limit",
        ErrorCategory::Device => "device",
        ErrorCategory::Server => "server",
        ErrorCategory::Other => "other",
    }
}

fn error_table(spec: &Spec, e: &ErrorTable) -> String {
    let id = anchor::error_table(&spec.id, &e.name);
    let mut out = format!(
        "<h3 id=\"{id}\"><code>{}</code></h3>\n\n",
        text::html(&e.name)
    );
    intro(&mut out, e.doc.as_deref(), None, (None, None, None));
    out.push_str(&format!(
        "{} entries; codes travel as {}.\n\n",
        e.codes.len(),
        repr(e.repr)
    ));
    if let Some(d) = &e.details {
        out.push_str(&format!(
            "A failure body also carries {} in {}, which the client decodes into the error's \
             `details`{}.\n\n",
            super::wire_type::describe(spec, &d.ty, None),
            text::code(&d.field),
            d.doc
                .as_deref()
                .map(|doc| format!(": {}", text::cell(doc)))
                .unwrap_or_default()
        ));
    }
    let mut t = Table::new(&[
        ("Code", true),
        ("Name", true),
        ("Message contains", false),
        ("Vendor constant", false),
        ("Message", false),
        ("Original message", false),
        ("Remedy", false),
        ("Category", true),
        ("Retry", true),
        ("Since", false),
    ]);
    for c in &e.codes {
        t.row(vec![
            c.code
                .as_ref()
                .map(|v| text::code(&text::json_text(v)))
                .unwrap_or_else(|| "—".to_owned()),
            text::code(&c.name),
            c.matches.as_deref().map(text::code).unwrap_or_default(),
            c.constant.as_deref().map(text::code).unwrap_or_default(),
            c.message.as_deref().map(text::cell).unwrap_or_default(),
            c.message_original
                .as_deref()
                .filter(|o| Some(*o) != c.message.as_deref())
                .map(text::cell)
                .unwrap_or_default(),
            c.remedy.as_deref().map(text::cell).unwrap_or_default(),
            category(c.category).to_owned(),
            c.retry.as_str().replace('_', " "),
            text::life_cell(
                c.since.as_deref(),
                c.until.as_deref(),
                c.deprecated.as_ref(),
            ),
        ]);
    }
    out.push_str(&t.render());
    out
}
