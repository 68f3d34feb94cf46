//! Exactly once, checked: every fiscal operation is protected by a key the
//! vendor deduplicates by, by a recovery the client can run after an
//! unknown outcome, or by a stated reason why the API offers neither; and
//! every recovery refers to operations, fields and values that exist.

use crate::diag::{Code, did_you_mean};
use crate::ir::{self, Body, Dedup, Field, Spec, Ty, TypeKind};
use crate::read::model;
use crate::resolve::{Cx, Item};

pub(crate) fn check(
    cx: &mut Cx<'_>,
    item: &Item<'_, model::Operation>,
    op: &ir::Operation,
    spec: &Spec,
) {
    let file = item.file;
    let m = &item.value.value;
    let dedups = op
        .idempotency
        .as_ref()
        .is_some_and(|i| i.dedup != Dedup::None);
    if op.fiscal && !dedups && m.recovery.is_none() && m.unrecoverable.is_none() {
        cx.error(
            Code::MissingKey,
            file,
            item.name.pos,
            format!(
                "fiscal operation `{}` has no deduplicating key and no recovery",
                op.name
            ),
        )
        .width(op.name.chars().count())
        .help(
            "after a lost answer the client could neither resend it safely nor learn whether the \
             document exists; add `idempotency: {field, mint, dedup: replay}` if the vendor \
             deduplicates by a key, or `recovery: {operation, request, exists_when}` naming a read \
             that tells whether the document exists, or `unrecoverable: \"<what the API lacks>\"`",
        );
    }
    if let Some(reason) = &m.unrecoverable {
        let why = if !op.fiscal {
            Some("it is not `fiscal: true`")
        } else if dedups {
            Some("its key is deduplicated by the vendor")
        } else if m.recovery.is_some() {
            Some("it has a `recovery`")
        } else {
            None
        };
        if let Some(why) = why {
            cx.error(
                Code::Invalid,
                file,
                reason.pos,
                format!("`unrecoverable` on `{}`, but {why}", op.name),
            )
            .help("remove `unrecoverable`");
        }
    }
    if let Some(recovery) = &m.recovery {
        check_recovery(cx, item, op, &recovery.value, spec);
    }
}

fn check_recovery(
    cx: &mut Cx<'_>,
    item: &Item<'_, model::Operation>,
    op: &ir::Operation,
    r: &model::Recovery,
    spec: &Spec,
) {
    let file = item.file;
    let Some(target) = spec.operations.iter().find(|o| o.name == r.operation.value) else {
        let help = did_you_mean(
            &r.operation.value,
            spec.operations.iter().map(|o| o.name.as_str()),
        )
        .unwrap_or_else(|| "name an operation of this spec (its Rust name)".to_owned());
        cx.error(
            Code::Undefined,
            file,
            r.operation.pos,
            format!("unknown operation `{}`", r.operation.value),
        )
        .width(r.operation.value.chars().count())
        .help(help);
        return;
    };
    if !target.safe_to_retry {
        cx.error(
            Code::Invalid,
            file,
            r.operation.pos,
            format!(
                "recovery operation `{}` is not `safe_to_retry`",
                target.name
            ),
        )
        .width(r.operation.value.chars().count())
        .help("a recovery must be a read: the client may call it more than once");
    }
    // Where the recovery's request values come from.
    let own = fields_of(spec, &op.request);
    let sent_headers: Vec<&str> = spec
        .state
        .iter()
        .filter(|s| s.sent_by.contains(&op.name))
        .map(|s| s.header.as_str())
        .collect();
    let sources = || {
        own.iter()
            .map(|f| f.wire.as_str())
            .chain(sent_headers.iter().copied())
    };
    let source_ok = |name: &str| sources().any(|s| s == name);
    let target_fields = fields_of(spec, &target.request);
    for (key, source) in r.request.iter() {
        if !target_fields.iter().any(|f| f.wire == key.value) {
            cx.error(
                Code::Undefined,
                file,
                key.pos,
                format!(
                    "`{}` is not a request field of `{}`",
                    key.value, target.name
                ),
            )
            .width(key.value.chars().count())
            .help(
                did_you_mean(&key.value, target_fields.iter().map(|f| f.wire.as_str()))
                    .unwrap_or_else(|| format!("name a request field of `{}`", target.name)),
            );
        }
        if !source_ok(&source.value) {
            cx.error(
                Code::Undefined,
                file,
                source.pos,
                format!(
                    "`{}` is neither a request field of `{}` nor a state header it sends",
                    source.value, op.name
                ),
            )
            .width(source.value.chars().count())
            .help(
                did_you_mean(&source.value, sources())
                    .unwrap_or_else(|| "name where the value comes from".to_owned()),
            );
        }
    }
    for f in target_fields.iter().filter(|f| !f.optional) {
        if r.request.get(&f.wire).is_none() {
            cx.error(
                Code::MissingKey,
                file,
                r.operation.pos,
                format!(
                    "recovery operation `{}` needs its request field `{}`",
                    target.name, f.wire
                ),
            )
            .width(r.operation.value.chars().count())
            .help(format!(
                "add `{}: <field of {}>` under the recovery's `request:`",
                f.wire, op.name
            ));
        }
    }
    let w = &r.exists_when.value;
    let tests = [
        w.equals.is_some(),
        w.differs_from.is_some(),
        w.is_in.is_some(),
        w.not_in.is_some(),
    ];
    if tests.iter().filter(|t| **t).count() != 1 {
        cx.error(
            Code::Invalid,
            file,
            r.exists_when.pos,
            "`exists_when` needs exactly one test",
        )
        .help("give one of `equals`, `differs_from`, `in`, `not_in` beside `field`");
    }
    let answer = fields_of(spec, &target.response);
    let Some(field) = answer.iter().find(|f| f.wire == w.field.value) else {
        cx.error(
            Code::Undefined,
            file,
            w.field.pos,
            format!(
                "`{}` is not a field of `{}`'s answer",
                w.field.value, target.name
            ),
        )
        .width(w.field.value.chars().count())
        .help(
            did_you_mean(&w.field.value, answer.iter().map(|f| f.wire.as_str()))
                .unwrap_or_else(|| "name a top-level field of the answer".to_owned()),
        );
        return;
    };
    for name in [&w.equals, &w.differs_from].into_iter().flatten() {
        if !source_ok(&name.value) {
            cx.error(
                Code::Undefined,
                file,
                name.pos,
                format!(
                    "`{}` is neither a request field of `{}` nor a state header it sends",
                    name.value, op.name
                ),
            )
            .width(name.value.chars().count())
            .help(
                did_you_mean(&name.value, sources())
                    .unwrap_or_else(|| "name what the answer is compared with".to_owned()),
            );
        }
    }
    if let Ty::Enum(name) = &field.ty
        && let Some(e) = spec.enums.iter().find(|e| &e.name == name)
    {
        for value in [&w.is_in, &w.not_in].into_iter().flatten().flatten() {
            if !e.values.iter().any(|v| v.code == value.value) {
                let codes: Vec<String> = e.values.iter().map(|v| v.code.to_string()).collect();
                cx.error(
                    Code::Undefined,
                    file,
                    value.pos,
                    format!("{} is not a code of enum `{}`", value.value, e.name),
                )
                .help(format!("its codes are {}", codes.join(", ")));
            }
        }
    }
}

/// The top-level fields of a body: its own, or those of the object type it is.
fn fields_of<'s>(spec: &'s Spec, body: &'s Body) -> Vec<&'s Field> {
    match body {
        Body::Fields(fields) => fields.iter().collect(),
        Body::Type(Ty::Type(name)) => match spec.types.iter().find(|t| &t.name == name) {
            Some(t) => match &t.kind {
                TypeKind::Object(fields) => fields.iter().collect(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        },
        _ => Vec::new(),
    }
}
