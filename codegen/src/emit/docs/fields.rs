//! Field tables: one row per wire field.

use super::table::Table;
use super::{text, wire_type};
use crate::ir::{Erratum, Field, Placement, Spec};

/// The table of `fields`, or a sentence when there are none.
pub fn table(spec: &Spec, fields: &[Field]) -> String {
    if fields.is_empty() {
        return "No fields.\n\n".to_owned();
    }
    let mut t = Table::new(&[
        ("Field", true),
        ("Type", true),
        ("Unit", false),
        ("Required", true),
        ("Default", false),
        ("Constraints", false),
        ("Description", true),
        ("Since", false),
    ]);
    for f in fields {
        t.row(vec![
            name_cell(f),
            wire_type::describe(spec, &f.ty, Some(f)),
            wire_type::unit(f.unit).unwrap_or_default().to_owned(),
            presence(f),
            f.default
                .as_ref()
                .map(|d| text::code(&d.to_string()))
                .unwrap_or_default(),
            wire_type::constraints(f).unwrap_or_default(),
            description(f.doc.as_deref(), f.doc_original.as_deref(), &f.errata),
            text::life_cell(
                f.since.as_deref(),
                f.until.as_deref(),
                f.deprecated.as_ref(),
            ),
        ]);
    }
    t.render()
}

fn name_cell(f: &Field) -> String {
    let mut out = text::code(&f.wire);
    if !f.aliases.is_empty() {
        let aliases: Vec<String> = f.aliases.iter().map(|a| text::code(a)).collect();
        out.push_str(&format!("<br>also read as {}", aliases.join(", ")));
    }
    let place = match f.placement {
        Placement::Params => None,
        Placement::Envelope => Some("in the envelope, beside the parameters"),
        Placement::Path => Some("in the URL path"),
        Placement::Query => Some("in the query string"),
        Placement::Header => Some("an HTTP header"),
    };
    if let Some(place) = place {
        out.push_str(&format!("<br>_{place}_"));
    }
    let second = match f.also_in {
        Some(Placement::Envelope) => {
            Some("also read beside the parameters or payload, in the envelope")
        }
        Some(Placement::Params) => Some("also read inside the parameters"),
        _ => None,
    };
    if let Some(second) = second {
        out.push_str(&format!("<br>_{second}_"));
    }
    let style = match f.style {
        Some(crate::read::model::ListStyle::Repeated) => Some("the key once per item: `?k=A&k=B`"),
        Some(crate::read::model::ListStyle::Comma) => Some("the items joined by commas: `?k=A,B`"),
        Some(crate::read::model::ListStyle::Brackets) => {
            Some("`k[]` once per item: `?k[]=A&k[]=B`")
        }
        None => None,
    };
    if let Some(style) = style {
        out.push_str(&format!("<br>_{style}_"));
    }
    out
}

fn presence(f: &Field) -> String {
    let base = if f.optional { "optional" } else { "required" };
    if f.nullable {
        format!("{base}, nullable")
    } else {
        base.to_owned()
    }
}

/// English text, the vendor's wording beside it, and errata, for one cell.
pub fn description(doc: Option<&str>, original: Option<&str>, errata: &[Erratum]) -> String {
    let mut parts = Vec::new();
    if let Some(doc) = doc.filter(|d| !d.trim().is_empty()) {
        parts.push(text::cell(doc));
    }
    if let Some(o) = original.filter(|o| !o.trim().is_empty() && Some(*o) != doc) {
        parts.push(format!("_Original:_ {}", text::cell(o)));
    }
    for e in errata {
        parts.push(format!(
            "_Erratum_ ({}): {}",
            text::cell(&e.section),
            text::cell(&e.doc)
        ));
    }
    parts.join("<br>")
}

/// The rules across an object's fields, one sentence each.
pub fn groups(groups: &crate::ir::Groups) -> String {
    let names = |g: &Vec<String>| -> String {
        g.iter()
            .map(|n| text::code(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    for g in &groups.exactly_one_of {
        out.push_str(&format!("Exactly one of {} is given.\n\n", names(g)));
    }
    for g in &groups.at_least_one_of {
        out.push_str(&format!("At least one of {} is given.\n\n", names(g)));
    }
    out
}
