//! `polling:` of an operation, checked against the finished IR: the polled
//! read exists, is safe to retry and shares the error table; the request
//! mapping names real fields of the same type; the status field exists.

use std::path::Path;

use serde_json::Value;

use crate::diag::{Code, did_you_mean};
use crate::ir;
use crate::read::model::{self, Spanned};
use crate::resolve::Cx;
use crate::resolve::lifecycle::duration;

pub(crate) fn polling(
    cx: &mut Cx<'_>,
    file: &Path,
    p: &Spanned<model::PollingSpec>,
    op: &ir::Operation,
    spec: &ir::Spec,
) -> Option<ir::Polling> {
    let Some(poll) = spec.operations.iter().find(|o| o.name == p.operation.value) else {
        cx.undefined(
            file,
            &p.operation,
            "operation",
            spec.operations.iter().map(|o| o.name.as_str()),
            "name the read to poll, an operation of this spec",
        );
        return None;
    };
    let before = cx.diags.len();
    let fail = |cx: &mut Cx<'_>, at: &Spanned<String>, message: String, help: &str| {
        cx.error(Code::Invalid, file, at.pos, message)
            .width(at.value.chars().count())
            .help(help.to_owned());
    };
    if !poll.safe_to_retry {
        fail(
            cx,
            &p.operation,
            format!("`{}` is polled, but it is not `safe_to_retry`", poll.name),
            "poll a read: mark it `safe_to_retry: true`, or name another operation",
        );
    }
    let table = |o: &ir::Operation| {
        o.errors
            .clone()
            .or(spec.protocol.error_table().map(str::to_owned))
    };
    if table(poll) != table(op) {
        fail(
            cx,
            &p.operation,
            format!(
                "`{}` and `{}` have different error tables",
                poll.name, op.name
            ),
            "poll an operation with the same error table, so one error type covers the wait",
        );
    }
    let poll_request = spec.body_fields(&poll.request).unwrap_or_default();
    let answer = spec.body_fields(&op.response).unwrap_or_default();
    let poll_answer = spec.body_fields(&poll.response).unwrap_or_default();
    let mut request = Vec::new();
    for (to, from) in p.request.iter() {
        let target = poll_request.iter().find(|f| f.wire == to.value);
        let source = answer.iter().find(|f| f.wire == from.value);
        match (target, source) {
            (None, _) => {
                let help = did_you_mean(&to.value, poll_request.iter().map(|f| f.wire.as_str()))
                    .unwrap_or_else(|| format!("name a request field of `{}`", poll.name));
                fail(
                    cx,
                    to,
                    format!("`{}` is not a request field of `{}`", to.value, poll.name),
                    &help,
                );
            }
            (_, None) => {
                let help = did_you_mean(&from.value, answer.iter().map(|f| f.wire.as_str()))
                    .unwrap_or_else(|| format!("name a field of `{}`'s response", op.name));
                fail(
                    cx,
                    from,
                    format!(
                        "`{}` is not a field of `{}`'s response",
                        from.value, op.name
                    ),
                    &help,
                );
            }
            (Some(t), Some(s)) if t.ty != s.ty || (s.optional && !t.optional) => {
                fail(
                    cx,
                    from,
                    format!(
                        "`{}` does not fit `{}` of `{}`",
                        from.value, to.value, poll.name
                    ),
                    "map a response field of the same type (an optional one only to an optional field)",
                );
            }
            _ => request.push((to.value.clone(), from.value.clone())),
        }
    }
    for f in poll_request.iter().filter(|f| !f.optional) {
        if !p.request.iter().any(|(k, _)| k.value == f.wire) {
            cx.error(
                Code::MissingKey,
                file,
                p.pos,
                format!(
                    "`polling` gives `{}` no value for its required `{}`",
                    poll.name, f.wire
                ),
            )
            .help(format!(
                "map it under `request:`: `{{{}: <a field of the response>}}`",
                f.wire
            ));
        }
    }
    if !poll_answer.iter().any(|f| f.wire == p.status.value) {
        let help = did_you_mean(&p.status.value, poll_answer.iter().map(|f| f.wire.as_str()))
            .unwrap_or_else(|| {
                format!(
                    "name the field of `{}`'s response holding the status",
                    poll.name
                )
            });
        fail(
            cx,
            &p.status,
            format!(
                "`{}` is not a field of `{}`'s response",
                p.status.value, poll.name
            ),
            &help,
        );
    }
    if p.pending.is_empty() {
        cx.error(
            Code::MissingKey,
            file,
            p.pos,
            "`polling` lists no `pending` values",
        )
        .help("list the status values that mean \"not yet\": `pending: [PENDING]`");
    }
    let interval = p.interval.as_ref().map_or(1, |d| duration(cx, file, d));
    let max_interval = p
        .max_interval
        .as_ref()
        .map_or(30, |d| duration(cx, file, d));
    (cx.diags.len() == before).then(|| ir::Polling {
        operation: poll.name.clone(),
        request,
        status: p.status.value.clone(),
        pending: p.pending.iter().map(|v| text(&v.value)).collect(),
        done: p.done.iter().map(|v| text(&v.value)).collect(),
        interval_ms: interval * 1000,
        max_interval_ms: max_interval.max(interval) * 1000,
        doc: p.doc.as_ref().map(|d| d.value.clone()),
    })
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
