//! What changed between two resolved specs, and what each change means on
//! three axes: the Rust API of the generated client (the semver bump), a
//! client built from the old spec talking to a server that runs the new
//! one, and a client built from the new spec talking to a server still on
//! the old one.
//!
//! It compares the IR, not the YAML: reordered keys, a field moved to
//! another file or reworded docs are no change. Items are matched by name
//! (operations, types, enums, error tables) and fields by wire name.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::ir::{Body, Field, Operation, Placement, Spec, Ty, TypeKind};

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
    /// The spec files (stems) it sits in, old and new side.
    pub old_file: Option<String>,
    pub new_file: Option<String>,
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
    out: Vec<Change>,
}

impl Diff<'_> {
    fn push(
        &mut self,
        rule: &'static str,
        item: String,
        reason: String,
        (rust, old_new, new_old): (Verdict, Verdict, Verdict),
        old_file: Option<&str>,
        new_file: Option<&str>,
    ) {
        self.out.push(Change {
            rule,
            item,
            reason,
            rust,
            old_client_new_server: old_new,
            new_client_old_server: new_old,
            old_file: old_file.map(str::to_owned),
            new_file: new_file.map(str::to_owned),
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
    let bump = match changes.iter().map(|c| c.rust).max() {
        Some(Verdict::Breaking) => "major",
        Some(Verdict::Additive) => "minor",
        _ => "patch",
    };
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
        let Some(n) = d.new.operations.iter().find(|n| n.name == o.name) else {
            d.push(
                "operation-removed",
                format!("operation {}", o.name),
                format!("`{}` is gone: its method and request type disappear, and the server no longer answers `{}`", o.name, o.wire),
                (B, B, N),
                Some(&o.file),
                None,
            );
            continue;
        };
        if o.wire != n.wire {
            d.push(
                "operation-wire-renamed",
                format!("operation {}", o.name),
                format!(
                    "`{}` travels as `{}` instead of `{}`",
                    o.name, n.wire, o.wire
                ),
                (N, B, B),
                Some(&o.file),
                Some(&n.file),
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
                Some(&o.file),
                Some(&n.file),
            );
        }
        body(d, o, n, true);
        body(d, o, n, false);
    }
    for n in &d.new.operations {
        if d.old.operations.iter().any(|o| o.name == n.name) {
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
                Some(&n.file),
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
                Some(&n.file),
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
            fields(d, of, nf, request, &place, (&o.file, &n.file));
        }
        (Body::Type(ot), Body::Type(nt)) if ot == nt => {}
        (Body::Empty, Body::Empty) | (Body::Unknown, Body::Unknown) => {}
        _ => d.push(
            "body-changed",
            format!("{side} of {}", o.name),
            format!("the {side} of `{}` has another shape", o.name),
            (B, B, B),
            Some(&o.file),
            Some(&n.file),
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
    (of, nf): (&str, &str),
) {
    for o in old {
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
                Some(of),
                Some(nf),
            );
            continue;
        };
        if o.ty != n.ty {
            d.push(
                "field-type-changed",
                place(&o.wire),
                format!("`{}` changed type", o.wire),
                (B, B, B),
                Some(of),
                Some(nf),
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
                Some(of),
                Some(nf),
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
                Some(of),
                Some(nf),
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
                Some(of),
                Some(nf),
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
                Some(of),
                Some(nf),
            );
        }
    }
    for n in new {
        if old.iter().any(|o| o.wire == n.wire) {
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
            Some(nf),
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
        let Some(n) = d.new.types.iter().find(|n| n.name == o.name) else {
            d.push(
                "type-removed",
                format!("type {}", o.name),
                format!("`{}` is gone", o.name),
                (B, N, N),
                Some(&o.file),
                None,
            );
            continue;
        };
        // A type used in both directions is judged as a request (the stricter).
        let request = sent.contains(&o.name);
        let files = (o.file.as_str(), n.file.as_str());
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
            (TypeKind::Alias(a), TypeKind::Alias(b)) if a == b => {}
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
        if !d.old.types.iter().any(|o| o.name == n.name) {
            d.push(
                "type-added",
                format!("type {}", n.name),
                format!("`{}` is new", n.name),
                (A, N, N),
                None,
                Some(&n.file),
            );
        }
    }
}

fn enums(d: &mut Diff<'_>) {
    for o in &d.old.enums {
        let Some(n) = d.new.enums.iter().find(|n| n.name == o.name) else {
            d.push(
                "enum-removed",
                format!("enum {}", o.name),
                format!("`{}` is gone", o.name),
                (B, N, N),
                Some(&o.file),
                None,
            );
            continue;
        };
        for v in &o.values {
            if !n.values.iter().any(|w| w.code == v.code) {
                d.push(
                    "enum-value-removed",
                    format!("enum {}::{}", o.name, v.name),
                    format!("code {} of `{}` is gone", v.code, o.name),
                    // An old client still sends it; a new one decodes it as unknown.
                    (B, B, N),
                    Some(&o.file),
                    Some(&n.file),
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
                    Some(&o.file),
                    Some(&n.file),
                );
            }
        }
    }
    for n in &d.new.enums {
        if !d.old.enums.iter().any(|o| o.name == n.name) {
            d.push(
                "enum-added",
                format!("enum {}", n.name),
                format!("`{}` is new", n.name),
                (A, N, N),
                None,
                Some(&n.file),
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
                Some(&o.file),
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
                    Some(&o.file),
                    Some(&n.file),
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
                        Some(&o.file),
                        Some(&n.file),
                    )
                }
                Some(_) => {}
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
                    Some(&o.file),
                    Some(&n.file),
                );
            }
        }
    }
}
