//! A spec as the vendor documented it at one revision, derived from the one
//! spec: every item whose `since` names a later revision, or whose `until`
//! names that revision or an earlier one, is left out (operations, types,
//! enums, enum values, fields, error codes), a deprecation is kept from its
//! revision on, and the changelog stops at that revision.

use std::cmp::Ordering;

use crate::ir::{Body, Deprecated, Field, Spec, TypeKind};

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
    // Revisions not after `version` have come.
    Ok(keep(spec, |rev| {
        compare(spec, rev, version).is_some_and(|o| o != Ordering::Greater)
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
    Ok(keep(spec, |rev| {
        compare(spec, rev, version) == Some(Ordering::Less)
    }))
}

/// `spec` as it stands when the revisions `reached` accepts have come:
/// items introduced later are left out, items removed by then too, and a
/// deprecation that has not come yet is dropped.
fn keep(spec: &Spec, reached: impl Fn(&str) -> bool) -> Spec {
    let present = |since: &Option<String>, until: &Option<String>| {
        since.as_deref().is_none_or(&reached) && !until.as_deref().is_some_and(&reached)
    };
    let now = |d: &mut Option<Deprecated>| {
        if d.as_ref()
            .and_then(|d| d.since.as_deref())
            .is_some_and(|s| !reached(s))
        {
            *d = None;
        }
    };
    let fields = |list: &mut Vec<Field>| {
        list.retain(|f| present(&f.since, &f.until));
        list.iter_mut().for_each(|f| now(&mut f.deprecated));
    };
    let mut out = spec.clone();
    out.changelog.retain(|r| reached(&r.version));
    out.operations.retain(|o| present(&o.since, &o.until));
    for op in &mut out.operations {
        now(&mut op.deprecated);
        for body in [&mut op.request, &mut op.response] {
            if let Body::Fields(list) = body {
                fields(list);
            }
        }
    }
    out.types.retain(|t| present(&t.since, &t.until));
    for t in &mut out.types {
        now(&mut t.deprecated);
        match &mut t.kind {
            TypeKind::Object(list) => fields(list),
            TypeKind::Union(u) => u.variants.iter_mut().for_each(|v| fields(&mut v.fields)),
            TypeKind::Alias(_) | TypeKind::OneOf(_) => {}
        }
    }
    out.enums.retain(|e| present(&e.since, &e.until));
    for e in &mut out.enums {
        now(&mut e.deprecated);
        e.values.retain(|v| present(&v.since, &v.until));
        e.values.iter_mut().for_each(|v| now(&mut v.deprecated));
    }
    for table in &mut out.errors {
        table.codes.retain(|c| present(&c.since, &c.until));
        table.codes.iter_mut().for_each(|c| now(&mut c.deprecated));
    }
    out
}
