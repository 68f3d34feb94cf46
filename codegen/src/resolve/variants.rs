//! `variants:` of an operation: each form becomes an operation of its own,
//! `<operation>_<form>`, with the same wire name, response and retry rules
//! and its own request fields, so every emitter treats it as one.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::{Code, did_you_mean};
use crate::ir;
use crate::names;
use crate::read::model::{self, Spanned};
use crate::resolve::{Cx, Item, errata_of, fields, opt_text};

/// The operations the forms of `base` add, in the order written.
pub(crate) fn expand(
    cx: &mut Cx<'_>,
    item: &Item<'_, model::Operation>,
    base: &ir::Operation,
    taken: &mut BTreeSet<String>,
) -> Vec<ir::Operation> {
    let file = item.file;
    let mut out = Vec::new();
    for (form, variant) in item.value.variants.iter() {
        let name = format!("{}_{}", base.name, form.value);
        if let Err(e) = names::snake(&form.value, "variant") {
            cx.error(Code::BadName, file, form.pos, e.message)
                .width(form.value.chars().count())
                .help(e.help);
            continue;
        }
        if !taken.insert(name.clone()) {
            cx.error(
                Code::Duplicate,
                file,
                form.pos,
                format!(
                    "the form `{}` of `{}` is named `{name}`, which is taken",
                    form.value, base.name
                ),
            )
            .width(form.value.chars().count())
            .help("rename the form or the other operation");
            continue;
        }
        let Some(request) = request(cx, file, base, variant, &relied_on(item.value)) else {
            continue;
        };
        let v = &variant.value;
        let (until, deprecated) = cx.life(file, &v.since, &v.until, &v.deprecated);
        let kept = |group: &Vec<String>| {
            group
                .iter()
                .all(|w| request.iter().any(|f| f.wire == *w && f.optional))
        };
        let request_groups = ir::Groups {
            exactly_one_of: base
                .request_groups
                .exactly_one_of
                .iter()
                .filter(|g| kept(g))
                .cloned()
                .collect(),
            at_least_one_of: base
                .request_groups
                .at_least_one_of
                .iter()
                .filter(|g| kept(g))
                .cloned()
                .collect(),
        };
        out.push(ir::Operation {
            name,
            request: ir::Body::Fields(request),
            request_groups,
            doc: opt_text(&v.doc).or_else(|| base.doc.clone()),
            doc_original: opt_text(&v.doc_original),
            section: opt_text(&v.section).or_else(|| base.section.clone()),
            since: opt_text(&v.since).or_else(|| base.since.clone()),
            until: until.or_else(|| base.until.clone()),
            deprecated: deprecated.or_else(|| base.deprecated.clone()),
            line: form.pos.line,
            variant_of: Some(base.name.clone()),
            errata: errata_of(&v.errata),
            examples: Vec::new(),
            ..base.clone()
        });
    }
    out
}

/// The form's request fields, or `None` (with diagnostics).
fn request(
    cx: &mut Cx<'_>,
    file: &Path,
    base: &ir::Operation,
    variant: &Spanned<model::Variant>,
    relied_on: &[(&str, &'static str)],
) -> Option<Vec<ir::Field>> {
    let ir::Body::Fields(base_fields) = &base.request else {
        cx.error(
            Code::WrongKind,
            file,
            variant.pos,
            format!("`{}` has forms but its request has no `fields:`", base.name),
        )
        .help("declare the request's fields; each form then requires, omits or adds some");
        return None;
    };
    let v = &variant.value;
    let known = || base_fields.iter().map(|f| f.wire.as_str());
    let mut ok = true;
    for name in v.required.iter().chain(&v.omit) {
        match base_fields.iter().find(|f| f.wire == name.value) {
            None => {
                let help = did_you_mean(&name.value, known())
                    .unwrap_or_else(|| "name a field of the operation's request; a field only this form has goes under `fields:`".to_owned());
                cx.error(
                    Code::Undefined,
                    file,
                    name.pos,
                    format!("`{}` is not a request field of `{}`", name.value, base.name),
                )
                .width(name.value.chars().count())
                .help(help);
                ok = false;
            }
            Some(f) if !f.optional && v.required.iter().any(|r| r.value == name.value) => {
                cx.error(
                    Code::Invalid,
                    file,
                    name.pos,
                    format!(
                        "`{}` is required in every form of `{}` already",
                        name.value, base.name
                    ),
                )
                .width(name.value.chars().count())
                .help("list under `required:` only fields the operation declares optional");
                ok = false;
            }
            Some(_) => {}
        }
    }
    for name in &v.omit {
        if let Some((_, by)) = relied_on.iter().find(|(w, _)| *w == name.value) {
            cx.error(
                Code::Invalid,
                file,
                name.pos,
                format!(
                    "the form cannot omit `{}`: the operation's {by} names it",
                    name.value
                ),
            )
            .width(name.value.chars().count())
            .help("keep the field in every form");
            ok = false;
        }
    }
    for name in &v.required {
        if v.omit.iter().any(|o| o.value == name.value) {
            cx.error(
                Code::Invalid,
                file,
                name.pos,
                format!("`{}` is both required and omitted", name.value),
            )
            .width(name.value.chars().count())
            .help("keep it in one of the two lists");
            ok = false;
        }
    }
    let mut out: Vec<ir::Field> = base_fields
        .iter()
        .filter(|f| !v.omit.iter().any(|o| o.value == f.wire))
        .cloned()
        .map(|mut f| {
            if v.required.iter().any(|r| r.value == f.wire) {
                f.optional = false;
            }
            f
        })
        .collect();
    if let Some(own) = &v.fields {
        for field in fields(cx, file, own, &format!("form of `{}`", base.name)) {
            if base_fields.iter().any(|f| f.wire == field.wire) {
                let pos = own
                    .iter()
                    .find(|(k, _)| k.value == field.wire)
                    .map_or(variant.pos, |(k, _)| k.pos);
                cx.error(
                    Code::Duplicate,
                    file,
                    pos,
                    format!(
                        "`{}` is already a request field of `{}`",
                        field.wire, base.name
                    ),
                )
                .width(field.wire.chars().count())
                .help("list it under `required:` to make it required in this form");
                ok = false;
                continue;
            }
            out.push(field);
        }
    }
    ok.then_some(out)
}

/// Request fields (wire names) the operation's idempotency, pagination or
/// recovery reads, which every form must keep.
fn relied_on(op: &model::Operation) -> Vec<(&str, &'static str)> {
    let mut out = Vec::new();
    if let Some(i) = &op.idempotency {
        out.push((i.field.value.as_str(), "`idempotency`"));
    }
    if let Some(p) = &op.pagination {
        for f in [&p.offset, &p.page, &p.cursor, &p.limit]
            .into_iter()
            .flatten()
        {
            out.push((f.value.as_str(), "`pagination`"));
        }
    }
    if let Some(r) = &op.recovery {
        for (_, from) in r.request.iter() {
            out.push((from.value.as_str(), "`recovery`"));
        }
    }
    out
}
