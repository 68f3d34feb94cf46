//! The markdown page of one vendor.

use super::table::Table;
use super::{anchor, header, heading, items, op_link, operations, protocol, text};
use crate::ir::{Body, Field, Spec, TypeKind};

/// The reference page of one vendor: overview, servers, protocol and auth,
/// operations, types, enumerations, error codes, errata, unknowns and the
/// changelog of the vendor's documentation.
pub fn vendor_markdown(spec: &Spec) -> String {
    let mut out = header(&format!("spec/{}", spec.id));
    out.push('\n');
    out.push_str(&heading(1, &anchor::vendor(&spec.id), &spec.name));
    out.push_str(&overview(spec));
    out.push_str(&contents(spec));
    out.push_str(&protocol::servers(spec));
    out.push_str(&protocol::protocol(spec));
    out.push_str(&protocol::auth(spec));
    out.push_str(&operations::section(spec));
    out.push_str(&items::types(spec));
    out.push_str(&items::enums(spec));
    out.push_str(&items::errors(spec));
    out.push_str(&errata(spec));
    out.push_str(&unknowns(spec));
    out.push_str(&changelog(spec));
    // One trailing newline, as editors keep it.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn overview(spec: &Spec) -> String {
    let mut out = heading(2, &anchor::section(&spec.id, "overview"), "Overview");
    if let Some(doc) = spec.doc.as_deref().filter(|d| !d.trim().is_empty()) {
        out.push_str(&text::block(doc));
        out.push_str("\n\n");
    }
    if let Some(o) = spec
        .doc_original
        .as_deref()
        .filter(|o| !o.trim().is_empty() && Some(*o) != spec.doc.as_deref())
    {
        out.push_str(&format!(
            "> _Original:_ {}\n\n",
            text::block(o).replace('\n', "\n> ")
        ));
    }
    let mut t = Table::new(&[("Fact", true), ("Value", true)]);
    t.row(vec!["Vendor id".into(), text::code(&spec.id)]);
    if !spec.countries.is_empty() {
        t.row(vec![
            "Countries".into(),
            text::cell(&spec.countries.join(", ")),
        ]);
    }
    t.row(vec![
        "Language of the documentation".into(),
        text::cell(&spec.language),
    ]);
    let mut source = text::cell(&spec.source_title);
    if let Some(rev) = &spec.source_revision {
        source.push_str(&format!(", revision {}", text::cell(rev)));
    }
    t.row(vec!["Source document".into(), source]);
    t.row(vec![
        "Rust module".into(),
        text::code(&format!("kassa_client::{}", spec.id)),
    ]);
    t.row(vec![
        "Size".into(),
        [
            count(spec.operations.len(), "operation"),
            count(spec.types.len(), "type"),
            count(spec.enums.len(), "enumeration"),
            count(
                spec.errors.iter().map(|e| e.codes.len()).sum::<usize>(),
                "error code",
            ),
        ]
        .join(", "),
    ]);
    out.push_str(&t.render());
    out
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn contents(spec: &Spec) -> String {
    let mut out = String::from("Contents:\n\n");
    let mut sections = vec![
        ("servers", "Servers"),
        ("protocol", "Protocol"),
        ("auth", "Authentication"),
        ("operations", "Operations"),
    ];
    if !spec.types.is_empty() {
        sections.push(("types", "Types"));
    }
    if !spec.enums.is_empty() {
        sections.push(("enums", "Enumerations"));
    }
    sections.push(("errors", "Error codes"));
    sections.push(("errata", "Errata"));
    if !spec.unknowns.is_empty() {
        sections.push(("unknowns", "Unknowns"));
    }
    if !spec.changelog.is_empty() {
        sections.push(("changelog", "Changelog"));
    }
    for (id, title) in sections {
        out.push_str(&format!(
            "- [{title}](#{})\n",
            anchor::section(&spec.id, id)
        ));
    }
    out.push('\n');
    out
}

fn errata(spec: &Spec) -> String {
    let mut out = heading(2, &anchor::section(&spec.id, "errata"), "Errata");
    out.push_str(
        "Where the vendor's documentation contradicts itself or the device, and what the spec \
         follows.\n\n",
    );
    if spec.errata.is_empty() {
        out.push_str("None about the document as a whole.\n\n");
    }
    for e in &spec.errata {
        out.push_str(&format!(
            "- _{}_: {}\n",
            text::cell(&e.section),
            text::cell(&e.doc)
        ));
    }
    if !spec.errata.is_empty() {
        out.push('\n');
    }
    let places = item_errata(spec);
    if !places.is_empty() {
        out.push_str("Errata about one item stand with it:\n\n");
        for p in places {
            out.push_str(&format!("- {p}\n"));
        }
        out.push('\n');
    }
    out
}

/// Links to the operations, types and fields that carry errata.
fn item_errata(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    let field_errata = |fields: &[Field], within: &str, out: &mut Vec<String>| {
        for f in fields.iter().filter(|f| !f.errata.is_empty()) {
            let sections: Vec<String> = f.errata.iter().map(|e| text::cell(&e.section)).collect();
            out.push(format!(
                "field {} of {within} ({})",
                text::code_text(&f.wire),
                sections.join("; ")
            ));
        }
    };
    for op in &spec.operations {
        let link = op_link(spec, &op.name);
        if !op.errata.is_empty() {
            let sections: Vec<String> = op.errata.iter().map(|e| text::cell(&e.section)).collect();
            out.push(format!("operation {link} ({})", sections.join("; ")));
        }
        for body in [&op.request, &op.response] {
            if let Body::Fields(fields) = body {
                field_errata(fields, &link, &mut out);
            }
        }
    }
    for t in &spec.types {
        let link = format!(
            "[{}](#{})",
            text::code_text(&t.name),
            anchor::type_def(&spec.id, &t.name)
        );
        if !t.errata.is_empty() {
            let sections: Vec<String> = t.errata.iter().map(|e| text::cell(&e.section)).collect();
            out.push(format!("type {link} ({})", sections.join("; ")));
        }
        match &t.kind {
            TypeKind::Object(fields) => field_errata(fields, &link, &mut out),
            TypeKind::Union(u) => {
                for v in &u.variants {
                    field_errata(&v.fields, &link, &mut out);
                }
            }
            TypeKind::Alias(_) | TypeKind::OneOf(_) => {}
        }
    }
    for e in &spec.enums {
        let link = format!(
            "[{}](#{})",
            text::code_text(&e.name),
            anchor::enumeration(&spec.id, &e.name)
        );
        let sections: Vec<String> = e
            .errata
            .iter()
            .chain(e.values.iter().flat_map(|v| &v.errata))
            .map(|er| text::cell(&er.section))
            .collect();
        if !sections.is_empty() {
            out.push(format!("enumeration {link} ({})", sections.join("; ")));
        }
    }
    out
}

fn unknowns(spec: &Spec) -> String {
    if spec.unknowns.is_empty() {
        return String::new();
    }
    let mut out = heading(2, &anchor::section(&spec.id, "unknowns"), "Unknowns");
    out.push_str("What the vendor's documentation does not say:\n\n");
    for u in &spec.unknowns {
        out.push_str(&format!("- {}\n", text::cell(u)));
    }
    out.push('\n');
    out
}

fn changelog(spec: &Spec) -> String {
    if spec.changelog.is_empty() {
        return String::new();
    }
    let mut out = heading(2, &anchor::section(&spec.id, "changelog"), "Changelog");
    out.push_str(
        "Revisions of the vendor's documentation, newest first: the vendor's notes, then what \
         each revision changes in the API (`kassa changelog` prints the same).\n\n",
    );
    out.push_str(&crate::diff::changelog::revisions(spec, |r| {
        let mut title = r.version.clone();
        if let Some(date) = &r.date {
            title.push_str(&format!(" ({date})"));
        }
        let id = anchor::section(
            &spec.id,
            &format!("changelog-{}", r.version.replace('.', "-")),
        );
        heading(3, &id, &title)
    }));
    out
}
