//! What changed between two resolved specs, and what each change means on
//! three axes: the Rust API of the generated client (the semver bump), a
//! client built from the old spec talking to a server that runs the new
//! one, and a client built from the new spec talking to a server still on
//! the old one.
//!
//! It compares the IR, not the YAML: reordered keys, a field moved to
//! another file or reworded docs are no change. Items are matched by name
//! (operations, types, enums, error tables) and fields by wire name.

pub mod changelog;
mod renames;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::ir::{Body, Deprecated, Field, Operation, Placement, Spec, Ty, TypeKind};

/// What a change means on one axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    None,
    Additive,
    Breaking,
}

/// One change, with its rule, where it is and its verdicts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The rule that classified it (`operation-removed`).
    pub rule: &'static str,
    /// The item it concerns (`operation sale`, `field sale.request.phone`).
    pub item: String,
    /// Why, in one line.
    pub reason: String,
    /// The Rust API of the generated client.
    pub rust: Verdict,
    /// A client generated from the old spec, against a server running the new.
    pub old_client_new_server: Verdict,
    /// A client generated from the new spec, against a server still on the old.
    pub new_client_old_server: Verdict,
    /// Where it is written in the old spec and in the new one (for an
    /// item one side lacks, where its parent is, if it has one).
    pub old: Option<Loc>,
    pub new: Option<Loc>,
}

/// A place in a spec folder: a file name (`goods.yaml`) and a 1-based line
/// (0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Loc {
    pub file: String,
    pub line: u32,
}

impl Change {
    /// The worst verdict of the three.
    pub fn worst(&self) -> Verdict {
        self.rust
            .max(self.old_client_new_server)
            .max(self.new_client_old_server)
    }
}

use Verdict::{Additive as A, Breaking as B, None as N};

struct Diff<'s> {
    old: &'s Spec,
    new: &'s Spec,
    renames: renames::Renames,
    out: Vec<Change>,
}

impl Diff<'_> {
    fn push(
        &mut self,
        rule: &'static str,
        item: String,
        reason: String,
        (rust, old_new, new_old): (Verdict, Verdict, Verdict),
        old: At<'_>,
        new: At<'_>,
    ) {
        // An item names its file by stem; the spec knows the file's name.
        let loc = |spec: &Spec, (stem, line): (&str, u32)| {
            let file = spec
                .file_names
                .iter()
                .find(|f| f.rsplit_once('.').is_some_and(|(s, _)| s == stem))
                .cloned()
                .unwrap_or_else(|| format!("{stem}.yaml"));
            Loc { file, line }
        };
        self.out.push(Change {
            rule,
            item,
            reason,
            rust,
            old_client_new_server: old_new,
            new_client_old_server: new_old,
            old: old.map(|o| loc(self.old, o)),
            new: new.map(|n| loc(self.new, n)),
        });
    }
}

/// Every change from `old` to `new`, in a stable order.
/// One paragraph on what `changes` mean, for a reviewer who reads it before
/// the regenerated Rust: the semver bump of the generated client, what
/// breaks on the wire in each direction, and the first items.
pub fn summary(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no API changes".to_owned();
    }
    let count =
        |f: fn(&Change) -> Verdict| changes.iter().filter(|c| f(c) == Verdict::Breaking).count();
    let bump = changelog::bump(changes);
    let items: Vec<String> = changes
        .iter()
        .take(4)
        .map(|c| format!("{} ({})", c.item, c.rule))
        .collect();
    let more = changes.len().saturating_sub(items.len());
    format!(
        "{} change(s), a {bump} release of the generated client; {} break an old client against \
         a new server, {} a new client against an old server: {}{}",
        changes.len(),
        count(|c| c.old_client_new_server),
        count(|c| c.new_client_old_server),
        items.join(", "),
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    )
}

pub fn diff(old: &Spec, new: &Spec) -> Vec<Change> {
    let mut d = Diff {
        old,
        new,
        renames: renames::Renames::find(old, new),
        out: Vec::new(),
    };
    operations(&mut d);
    types(&mut d);
    enums(&mut d);
    errors(&mut d);
    d.out
}

fn operations(d: &mut Diff<'_>) {
    for o in &d.old.operations {
        let new_name = d.renames.operations.get(&o.name).unwrap_or(&o.name);
        let Some(n) = d.new.operations.iter().find(|n| n.name == *new_name) else {
            d.push(
                "operation-removed",
                format!("operation {}", o.name),
                format!("`{}` is gone: its method and request type disappear, and the server no longer answers `{}`", o.name, o.wire),
                (B, B, N),
                Some((&o.file, o.line)),
                None,
            );
            continue;
        };
        if o.name != n.name {
            d.push(
                "operation-renamed-in-rust",
                format!("operation {}", o.name),
                format!(
                    "`{}` is `{}` in Rust: its method and request type are renamed; the call on the wire is the same",
                    o.name, n.name
                ),
                (B, N, N),
                Some((&o.file, o.line)),
                Some((&n.file, n.line)),
            );
        }
        if o.wire != n.wire {
            d.push(
                "operation-wire-renamed",
                format!("operation {}", o.name),
                format!(
                    "`{}` travels as `{}` instead of `{}`",
                    o.name, n.wire, o.wire
                ),
                (N, B, B),
                Some((&o.file, o.line)),
                Some((&n.file, n.line)),
            );
        }
        if o.reply != n.reply {
            d.push(
                "reply-changed",
                format!("operation {}", o.name),
                format!(
                    "`{}` replies {} instead of {}",
                    o.name,
                    n.reply.word(),
                    o.reply.word()
                ),
                (B, B, B),
                Some((&o.file, o.line)),
                Some((&n.file, n.line)),
            );
        }
        retired(
            d,
            true,
            &format!("operation {}", o.name),
            (&o.until, &o.deprecated),
            (&n.until, &n.deprecated),
            (B, N),
            (Some((&o.file, o.line)), Some((&n.file, n.line))),
        );
        body(d, o, n, true);
        body(d, o, n, false);
    }
    for n in &d.new.operations {
        if d.old.operations.iter().any(|o| o.name == n.name)
            || d.renames.is_operation_target(&n.name)
        {
            continue;
        }
        if n.variant_of.is_some() && d.old.operations.iter().any(|o| o.wire == n.wire) {
            d.push(
                "operation-form-added",
                format!("operation {}", n.name),
                format!(
                    "`{}` is a new typed form of `{}`, which servers already answer",
                    n.name, n.wire
                ),
                (A, N, N),
                None,
                Some((&n.file, n.line)),
            );
        } else {
            d.push(
                "operation-added",
                format!("operation {}", n.name),
                format!(
                    "`{}` is new; a server still on the old revision does not answer it",
                    n.name
                ),
                (A, N, B),
                None,
                Some((&n.file, n.line)),
            );
        }
    }
}

/// The request (`request`) or response body of one operation.
fn body(d: &mut Diff<'_>, o: &Operation, n: &Operation, request: bool) {
    let side = if request { "request" } else { "response" };
    let (ob, nb) = if request {
        (&o.request, &n.request)
    } else {
        (&o.response, &n.response)
    };
    let place = |f: &str| format!("field {}.{side}.{f}", o.name);
    match (ob, nb) {
        (Body::Fields(of), Body::Fields(nf)) => {
            fields(
                d,
                of,
                nf,
                request,
                &place,
                ((&o.file, o.line), (&n.file, n.line)),
            );
        }
        (Body::Type(ot), Body::Type(nt)) if d.renames.ty(ot) == *nt => {}
        (Body::Empty, Body::Empty) | (Body::Unknown, Body::Unknown) => {}
        _ => d.push(
            "body-changed",
            format!("{side} of {}", o.name),
            format!("the {side} of `{}` has another shape", o.name),
            (B, B, B),
            Some((&o.file, o.line)),
            Some((&n.file, n.line)),
        ),
    }
}

/// Fields matched by wire name. `request`: they travel from client to server.
fn fields(
    d: &mut Diff<'_>,
    old: &[Field],
    new: &[Field],
    request: bool,
    place: &dyn Fn(&str) -> String,
    (of, nf): ((&str, u32), (&str, u32)),
) {
    // A field is where it is written; on the side that lacks it, its parent.
    let renamed = renames::renamed_field(&d.renames, old, new);
    if let Some((o, n)) = renamed {
        d.push(
            "field-wire-renamed",
            place(&o.wire),
            format!("`{}` travels as `{}`", o.wire, n.wire),
            (if o.rust == n.rust { N } else { B }, B, B),
            Some((of.0, o.line)),
            Some((nf.0, n.line)),
        );
    }
    let is_renamed = |f: &Field| renamed.is_some_and(|(o, n)| f.wire == o.wire || f.wire == n.wire);
    for o in old {
        if is_renamed(o) {
            continue;
        }
        let Some(n) = new.iter().find(|n| n.wire == o.wire) else {
            let verdicts = match (request, o.optional) {
                // An old client still sends it; a new one no longer does.
                (true, true) => (B, N, N),
                (true, false) => (B, N, B),
                // An old client needs it; the new server no longer sends it.
                (false, true) => (B, N, N),
                (false, false) => (B, B, N),
            };
            d.push(
                "field-removed",
                place(&o.wire),
                format!("`{}` is gone", o.wire),
                verdicts,
                Some((of.0, o.line)),
                Some(nf),
            );
            continue;
        };
        let (ol, nl) = (Some((of.0, o.line)), Some((nf.0, n.line)));
        // Withdrawn, the field stays in both clients' types; only an old
        // client that needs it in a reply misses it from a new server.
        let wire = if !request && !o.optional {
            (B, N)
        } else {
            (N, N)
        };
        retired(
            d,
            false,
            &place(&o.wire),
            (&o.until, &o.deprecated),
            (&n.until, &n.deprecated),
            wire,
            (ol, nl),
        );
        if d.renames.ty(&o.ty) != n.ty {
            d.push(
                "field-type-changed",
                place(&o.wire),
                format!("`{}` changed type", o.wire),
                (B, B, B),
                ol,
                nl,
            );
        }
        if o.optional != n.optional {
            let now_required = !n.optional;
            let verdicts = match (request, now_required) {
                // An old client may leave it out; the new server needs it.
                (true, true) => (B, B, N),
                // A new client may leave it out; the old server needs it.
                (true, false) => (B, N, B),
                // The new server always sends it: old clients are fine.
                (false, true) => (B, N, B),
                // The new server may leave it out; old clients need it.
                (false, false) => (B, B, N),
            };
            d.push(
                if now_required {
                    "field-now-required"
                } else {
                    "field-now-optional"
                },
                place(&o.wire),
                format!(
                    "`{}` is {} now",
                    o.wire,
                    if now_required { "required" } else { "optional" }
                ),
                verdicts,
                ol,
                nl,
            );
        }
        let (tighter, looser) = constraints(o, n);
        if tighter || looser {
            let what = match (tighter, looser) {
                (true, true) => "tighter in one way, looser in another",
                (true, false) => "tighter",
                _ => "looser",
            };
            // A request is checked by the client before sending and by the
            // server on arrival; of a reply, only the decoded size of base64
            // is enforced while reading.
            let verdicts = if request {
                (N, if tighter { B } else { N }, if looser { B } else { N })
            } else {
                let size = o.max_bytes != n.max_bytes;
                (
                    N,
                    if size && looser { B } else { N },
                    if size && tighter { B } else { N },
                )
            };
            d.push(
                "field-constraints-changed",
                place(&o.wire),
                format!("the constraints of `{}` are {what}", o.wire),
                verdicts,
                ol,
                nl,
            );
        }
        let (op, np) = (places(o), places(n));
        if op != np {
            let verdicts = if request {
                // Each client sends it in its own spec's `placement`.
                (
                    N,
                    if np.contains(&o.placement) { N } else { B },
                    if op.contains(&n.placement) { N } else { B },
                )
            } else {
                // A server sends it in any place its spec accepts.
                (
                    N,
                    if np.is_subset(&op) { N } else { B },
                    if op.is_subset(&np) { N } else { B },
                )
            };
            d.push(
                "field-place-changed",
                place(&o.wire),
                format!(
                    "`{}` travels {} instead of {}",
                    o.wire,
                    places_text(n),
                    places_text(o)
                ),
                verdicts,
                ol,
                nl,
            );
        }
        if o.rust != n.rust {
            d.push(
                "field-renamed-in-rust",
                place(&o.wire),
                format!(
                    "`{}` is `{}` in Rust instead of `{}`",
                    o.wire, n.rust, o.rust
                ),
                (B, N, N),
                ol,
                nl,
            );
        }
    }
    for n in new {
        if old.iter().any(|o| o.wire == n.wire) || is_renamed(n) {
            continue;
        }
        let verdicts = match (request, n.optional) {
            // A struct gains a field: a struct literal breaks.
            (true, true) => (B, N, N),
            // An old client does not send it; the new server needs it.
            (true, false) => (B, B, N),
            (false, true) => (B, N, N),
            // A new client needs it; the old server does not send it.
            (false, false) => (B, N, B),
        };
        d.push(
            "field-added",
            place(&n.wire),
            format!(
                "`{}` is new{}",
                n.wire,
                if n.optional { "" } else { " and required" }
            ),
            verdicts,
            Some(of),
            Some((nf.0, n.line)),
        );
    }
}

/// Where a field is accepted: its placement and its second place.
fn places(f: &Field) -> BTreeSet<Placement> {
    std::iter::once(f.placement).chain(f.also_in).collect()
}

fn places_text(f: &Field) -> String {
    let word = |p: Placement| format!("{p:?}").to_lowercase();
    match f.also_in {
        Some(also) => format!("in {} (also read in {})", word(f.placement), word(also)),
        None => format!("in {}", word(f.placement)),
    }
}

/// Whether `n`'s constraints refuse something `o`'s allowed (tighter), and
/// allow something `o`'s refused (looser). Changed patterns count as both.
fn constraints(o: &Field, n: &Field) -> (bool, bool) {
    // Each bound as a number, and whether it is an upper one.
    fn bounds(f: &Field) -> [(Option<f64>, bool); 13] {
        let num = |v: &Option<serde_json::Value>| v.as_ref().and_then(serde_json::Value::as_f64);
        let int = |v: Option<u64>| v.map(|x| x as f64);
        let each = f.each.as_ref();
        [
            (num(&f.min), false),
            (num(&f.max), true),
            (int(f.min_length), false),
            (int(f.max_length), true),
            (int(f.min_items), false),
            (int(f.max_items), true),
            (int(f.max_bytes), true),
            (f.precision.map(f64::from), true),
            (f.scale.map(f64::from), true),
            (each.and_then(|e| num(&e.min)), false),
            (each.and_then(|e| num(&e.max)), true),
            (each.and_then(|e| int(e.min_length)), false),
            (each.and_then(|e| int(e.max_length)), true),
        ]
    }
    let (mut tighter, mut looser) = (false, false);
    for ((old, upper), (new, _)) in bounds(o).into_iter().zip(bounds(n)) {
        match (old, new) {
            (Some(a), Some(b)) if a != b => {
                let t = if upper { b < a } else { b > a };
                tighter |= t;
                looser |= !t;
            }
            (None, Some(_)) => tighter = true,
            (Some(_), None) => looser = true,
            _ => {}
        }
    }
    let pattern = |f: &Field| {
        (
            f.pattern.clone(),
            f.each.as_ref().and_then(|e| e.pattern.clone()),
        )
    };
    if pattern(o) != pattern(n) {
        tighter = true;
        looser = true;
    }
    (tighter, looser)
}

/// Type names reachable from the requests (`true`) or the responses.
fn reachable(spec: &Spec, request: bool) -> BTreeSet<String> {
    fn ty(t: &Ty, out: &mut Vec<String>) {
        match t {
            Ty::Type(n) | Ty::Enum(n) => out.push(n.clone()),
            Ty::Array(i) | Ty::OneOrMany(i) => ty(i, out),
            Ty::Map(k, v) => {
                ty(k, out);
                ty(v, out);
            }
            Ty::Scalar(_) => {}
        }
    }
    let mut todo = Vec::new();
    for op in &spec.operations {
        match if request { &op.request } else { &op.response } {
            Body::Fields(fs) => fs.iter().for_each(|f| ty(&f.ty, &mut todo)),
            Body::Type(t) => ty(t, &mut todo),
            Body::Empty | Body::Unknown => {}
        }
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(t) = spec.type_def(&name) {
            match &t.kind {
                TypeKind::Object(fs) => fs.iter().for_each(|f| ty(&f.ty, &mut todo)),
                TypeKind::Union(u) => u
                    .variants
                    .iter()
                    .flat_map(|v| &v.fields)
                    .for_each(|f| ty(&f.ty, &mut todo)),
                TypeKind::Alias(a) => ty(a, &mut todo),
                TypeKind::OneOf(forms) => {
                    for form in forms {
                        if let crate::ir::FormKind::Holds(t) = &form.kind {
                            ty(t, &mut todo);
                        }
                    }
                }
            }
        }
    }
    seen
}

fn types(d: &mut Diff<'_>) {
    let sent = reachable(d.new, true);
    for o in &d.old.types {
        let new_name = d.renames.items.get(&o.name).unwrap_or(&o.name);
        let Some(n) = d.new.types.iter().find(|n| n.name == *new_name) else {
            d.push(
                "type-removed",
                format!("type {}", o.name),
                format!("`{}` is gone", o.name),
                (B, N, N),
                Some((&o.file, o.line)),
                None,
            );
            continue;
        };
        // A type used in both directions is judged as a request (the stricter).
        let request = sent.contains(&n.name);
        let files = ((o.file.as_str(), o.line), (n.file.as_str(), n.line));
        if o.name != n.name {
            d.push(
                "type-renamed",
                format!("type {}", o.name),
                format!(
                    "`{}` is `{}` now; on the wire nothing changed",
                    o.name, n.name
                ),
                (B, N, N),
                Some(files.0),
                Some(files.1),
            );
        }
        retired(
            d,
            true,
            &format!("type {}", o.name),
            (&o.until, &o.deprecated),
            (&n.until, &n.deprecated),
            (N, N),
            (Some(files.0), Some(files.1)),
        );
        match (&o.kind, &n.kind) {
            (TypeKind::Object(of), TypeKind::Object(nf)) => {
                let place = |f: &str| format!("field {}.{f}", o.name);
                fields(d, of, nf, request, &place, files);
            }
            (TypeKind::Union(ou), TypeKind::Union(nu)) => {
                for ov in &ou.variants {
                    match nu.variants.iter().find(|nv| nv.name == ov.name) {
                        Some(nv) => {
                            let place = |f: &str| format!("field {}::{}.{f}", o.name, ov.name);
                            fields(d, &ov.fields, &nv.fields, request, &place, files);
                        }
                        None => d.push(
                            "variant-removed",
                            format!("variant {}::{}", o.name, ov.name),
                            format!("`{}` no longer has the record `{}`", o.name, ov.name),
                            (B, B, N),
                            Some(files.0),
                            Some(files.1),
                        ),
                    }
                }
                for nv in &nu.variants {
                    if !ou.variants.iter().any(|ov| ov.name == nv.name) {
                        d.push(
                            "variant-added",
                            format!("variant {}::{}", n.name, nv.name),
                            format!(
                                "`{}` gains the record `{}`; an old client cannot read it",
                                n.name, nv.name
                            ),
                            (B, B, N),
                            Some(files.0),
                            Some(files.1),
                        );
                    }
                }
            }
            (TypeKind::Alias(a), TypeKind::Alias(b)) if d.renames.ty(a) == *b => {}
            (TypeKind::OneOf(a), TypeKind::OneOf(b))
                if a.iter().map(|f| &f.name).eq(b.iter().map(|f| &f.name)) => {}
            _ => d.push(
                "type-changed",
                format!("type {}", o.name),
                format!("`{}` has another shape", o.name),
                (B, B, B),
                Some(files.0),
                Some(files.1),
            ),
        }
    }
    for n in &d.new.types {
        if !d.old.types.iter().any(|o| o.name == n.name) && !d.renames.is_target(&n.name) {
            d.push(
                "type-added",
                format!("type {}", n.name),
                format!("`{}` is new", n.name),
                (A, N, N),
                None,
                Some((&n.file, n.line)),
            );
        }
    }
}

fn enums(d: &mut Diff<'_>) {
    for o in &d.old.enums {
        let new_name = d.renames.items.get(&o.name).unwrap_or(&o.name);
        let Some(n) = d.new.enums.iter().find(|n| n.name == *new_name) else {
            d.push(
                "enum-removed",
                format!("enum {}", o.name),
                format!("`{}` is gone", o.name),
                (B, N, N),
                Some((&o.file, o.line)),
                None,
            );
            continue;
        };
        if o.name != n.name {
            d.push(
                "enum-renamed",
                format!("enum {}", o.name),
                format!("`{}` is `{}` now; its codes are the same", o.name, n.name),
                (B, N, N),
                Some((&o.file, o.line)),
                Some((&n.file, n.line)),
            );
        }
        retired(
            d,
            true,
            &format!("enum {}", o.name),
            (&o.until, &o.deprecated),
            (&n.until, &n.deprecated),
            (N, N),
            (Some((&o.file, o.line)), Some((&n.file, n.line))),
        );
        for v in &o.values {
            if let Some(w) = n.values.iter().find(|w| w.code == v.code) {
                // An old client may still send it to a server that no longer has it.
                retired(
                    d,
                    true,
                    &format!("enum {}::{}", o.name, v.name),
                    (&v.until, &v.deprecated),
                    (&w.until, &w.deprecated),
                    (B, N),
                    (Some((&o.file, v.line)), Some((&n.file, w.line))),
                );
            }
            if !n.values.iter().any(|w| w.code == v.code) {
                d.push(
                    "enum-value-removed",
                    format!("enum {}::{}", o.name, v.name),
                    format!("code {} of `{}` is gone", v.code, o.name),
                    // An old client still sends it; a new one decodes it as unknown.
                    (B, B, N),
                    Some((&o.file, v.line)),
                    Some((&n.file, n.line)),
                );
            }
        }
        for v in &n.values {
            if !o.values.iter().any(|w| w.code == v.code) {
                d.push(
                    "enum-value-added",
                    format!("enum {}::{}", n.name, v.name),
                    format!(
                        "`{}` gains code {}: an exhaustive match breaks; an old client reads it as unknown",
                        n.name, v.code
                    ),
                    (B, N, B),
                    Some((&o.file, o.line)),
                    Some((&n.file, v.line)),
                );
            }
        }
    }
    for n in &d.new.enums {
        if !d.old.enums.iter().any(|o| o.name == n.name) && !d.renames.is_target(&n.name) {
            d.push(
                "enum-added",
                format!("enum {}", n.name),
                format!("`{}` is new", n.name),
                (A, N, N),
                None,
                Some((&n.file, n.line)),
            );
        }
    }
}

fn errors(d: &mut Diff<'_>) {
    for o in &d.old.errors {
        let Some(n) = d.new.errors.iter().find(|n| n.name == o.name) else {
            d.push(
                "error-table-removed",
                format!("error table {}", o.name),
                format!("`{}` is gone", o.name),
                (B, N, N),
                Some((&o.file, o.line)),
                None,
            );
            continue;
        };
        // By name: some vendors list one code twice.
        for c in &o.codes {
            match n.codes.iter().find(|m| m.name == c.name) {
                None => d.push(
                    "error-code-removed",
                    format!("error {}::{}", o.name, c.name),
                    format!("`{}` no longer lists `{}`", o.name, c.name),
                    (B, N, N),
                    Some((&o.file, c.line)),
                    Some((&n.file, n.line)),
                ),
                Some(m)
                    if (&m.code, &m.matches, m.retry, m.category)
                        != (&c.code, &c.matches, c.retry, c.category) =>
                {
                    d.push(
                        "error-code-meaning-changed",
                        format!("error {}::{}", o.name, c.name),
                        format!(
                            "`{}` means something else now (its code, text, category or retry)",
                            c.name
                        ),
                        (N, B, B),
                        Some((&o.file, c.line)),
                        Some((&n.file, m.line)),
                    )
                }
                Some(_) => {}
            }
            if let Some(m) = n.codes.iter().find(|m| m.name == c.name) {
                retired(
                    d,
                    true,
                    &format!("error {}::{}", o.name, c.name),
                    (&c.until, &c.deprecated),
                    (&m.until, &m.deprecated),
                    (N, N),
                    (Some((&o.file, c.line)), Some((&n.file, m.line))),
                );
            }
        }
        for c in &n.codes {
            if !o.codes.iter().any(|m| m.name == c.name) {
                d.push(
                    "error-code-added",
                    format!("error {}::{}", n.name, c.name),
                    format!(
                        "`{}` lists `{}`; an old client reads it as its fallback",
                        n.name, c.name
                    ),
                    (B, N, N),
                    Some((&o.file, o.line)),
                    Some((&n.file, c.line)),
                );
            }
        }
    }
}

/// Where an item is on one side: its file's stem and line, if it is there.
type At<'a> = Option<(&'a str, u32)>;

/// An item's `until` and `deprecated`, on one side.
type Life<'a> = (&'a Option<String>, &'a Option<Deprecated>);

/// Deprecation, and removal by a revision later than the one an item came
/// in. The generated code keeps the item; `marked`: as `#[deprecated]`, a
/// new warning, a minor change of the Rust API (a field is marked in its
/// docs only: no change). On the wire, a withdrawn item loses what removing
/// it loses (`wire`: old client to new server, new client to old server).
fn retired(
    d: &mut Diff<'_>,
    marked: bool,
    item: &str,
    (ou, od): Life<'_>,
    (nu, nd): Life<'_>,
    wire: (Verdict, Verdict),
    (old, new): (At<'_>, At<'_>),
) {
    if let (None, Some(until)) = (ou, nu) {
        d.push(
            "item-withdrawn",
            item.to_owned(),
            format!(
                "the vendor removed it in revision {until}; the generated code keeps it, {}, for servers on earlier revisions",
                if marked { "deprecated" } else { "saying so in its docs" }
            ),
            (if marked { A } else { N }, wire.0, wire.1),
            old,
            new,
        );
    }
    if let (None, Some(dep)) = (od, nd) {
        let note = crate::ir::retirement(None, Some(dep)).unwrap_or_default();
        d.push(
            "item-deprecated",
            item.to_owned(),
            if marked {
                format!("{note} Users of it are warned")
            } else {
                format!("{note} Its docs say so")
            },
            (if marked { A } else { N }, N, N),
            old,
            new,
        );
    }
    if (ou.is_some() && nu.is_none()) || (od.is_some() && nd.is_none()) {
        d.push(
            "item-retirement-dropped",
            item.to_owned(),
            "it is no longer deprecated or removed in a later revision".to_owned(),
            (N, N, N),
            old,
            new,
        );
    }
}
