//! A spec as the vendor documented it at one revision, derived from the one
//! spec: every item whose `since` names a later revision is left out
//! (operations, types, enums, enum values, fields, error codes), and the
//! changelog stops at that revision.

use std::cmp::Ordering;

use crate::ir::{Body, Field, Spec, TypeKind};

/// How two revisions of `spec` compare: by their order in the changelog
/// when both are in it, else as dotted numbers (`1.0.0` comes before the
/// first listed `1.1.0`).
fn compare(spec: &Spec, a: &str, b: &str) -> Option<Ordering> {
    let index = |v: &str| spec.changelog.iter().position(|r| r.version == v);
    if let (Some(x), Some(y)) = (index(a), index(b)) {
        return Some(x.cmp(&y));
    }
    let numbers = |v: &str| -> Option<Vec<u64>> { v.split('.').map(|p| p.parse().ok()).collect() };
    Some(numbers(a)?.cmp(&numbers(b)?))
}

/// `spec` at revision `version`, or why that revision cannot be placed.
pub fn at(spec: &Spec, version: &str) -> Result<Spec, String> {
    let known = || {
        let list: Vec<&str> = spec.changelog.iter().map(|r| r.version.as_str()).collect();
        if list.is_empty() {
            "the spec's changelog lists none".to_owned()
        } else {
            format!("the changelog lists {}", list.join(", "))
        }
    };
    if spec
        .changelog
        .iter()
        .all(|r| compare(spec, &r.version, version).is_none())
    {
        return Err(format!(
            "revision `{version}` cannot be placed among the vendor's revisions ({}); \
             name one of them, or a dotted number",
            known()
        ));
    }
    // Present at `version`: no `since`, or a `since` not after it.
    Ok(keep(spec, |since| {
        compare(spec, since, version).is_some_and(|o| o != Ordering::Greater)
    }))
}

/// `spec` just before its revision `version` (one of its changelog's):
/// what the vendor documented until that revision came.
pub fn before(spec: &Spec, version: &str) -> Result<Spec, String> {
    if !spec.changelog.iter().any(|r| r.version == version) {
        return Err(format!(
            "revision `{version}` is not in the spec's changelog"
        ));
    }
    Ok(keep(spec, |since| {
        compare(spec, since, version) == Some(Ordering::Less)
    }))
}

/// `spec` with only the items whose revision `keep` accepts (and those
/// without one).
fn keep(spec: &Spec, keep: impl Fn(&str) -> bool) -> Spec {
    let present = |since: &Option<String>| since.as_deref().is_none_or(&keep);
    let fields = |list: &mut Vec<Field>| list.retain(|f| present(&f.since));
    let mut out = spec.clone();
    out.changelog.retain(|r| keep(&r.version));
    out.operations.retain(|o| present(&o.since));
    for op in &mut out.operations {
        for body in [&mut op.request, &mut op.response] {
            if let Body::Fields(list) = body {
                fields(list);
            }
        }
    }
    out.types.retain(|t| present(&t.since));
    for t in &mut out.types {
        match &mut t.kind {
            TypeKind::Object(list) => fields(list),
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| fields(&mut v.fields)),
            TypeKind::Alias(_) | TypeKind::OneOf(_) => {}
        }
    }
    out.enums.retain(|e| present(&e.since));
    for e in &mut out.enums {
        e.values.retain(|v| present(&v.since));
    }
    for table in &mut out.errors {
        table.codes.retain(|c| present(&c.since));
    }
    out
}
