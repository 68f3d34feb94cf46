//! Lifecycles, counters and the answers the example server gives, checked:
//! every state and operation they name exists, every refusal the server
//! could have to give is declared, every report shows every state.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diag::{Code, did_you_mean};
use crate::ir;
use crate::read::model::{self, NamedMap, Spanned};
use crate::resolve::op_ref;
use crate::resolve::{Cx, opt_text};

/// The refusal key of a request that names an instance nothing created.
const MISSING: &str = "missing";

pub(crate) fn lifecycle(
    cx: &mut Cx<'_>,
    file: &Path,
    l: &Spanned<model::Lifecycle>,
    ops: &BTreeSet<String>,
) -> ir::Lifecycle {
    let states: Vec<String> = l.states.iter().map(|s| s.value.clone()).collect();
    if states.is_empty() {
        cx.error(
            Code::MissingKey,
            file,
            l.name.pos,
            format!("lifecycle `{}` has no states", l.name.value),
        )
        .help("list its states under `states:`, the initial one first");
    }
    let mut seen = BTreeSet::new();
    for s in &l.states {
        if !seen.insert(s.value.as_str()) {
            cx.error(
                Code::Duplicate,
                file,
                s.pos,
                format!("state `{}` is listed twice", s.value),
            )
            .width(s.value.chars().count())
            .help("list each state once");
        }
    }
    let state = |cx: &mut Cx<'_>, s: &Spanned<String>| state_ref(cx, file, s, &states);
    let created_by = l.created_by.as_ref().map(|c| {
        op_ref(cx, file, &c.operation, ops);
        state(cx, &c.to);
        if l.per.is_none() {
            cx.error(
                Code::MissingKey,
                file,
                c.pos,
                format!(
                    "lifecycle `{}` is created by an operation but has no `per`",
                    l.name.value
                ),
            )
            .help("name the request field that carries the new key: `per: <field>`");
        }
        ir::Creation {
            operation: c.operation.value.clone(),
            field: opt_text(&c.field),
            to: c.to.value.clone(),
        }
    });
    let expires = l.expires.as_ref().map(|e| {
        for s in e.from.iter().chain([&e.to]) {
            state(cx, s);
        }
        ir::Expiry {
            from: e.from.iter().map(|s| s.value.clone()).collect(),
            after: duration(cx, file, &e.after),
            to: e.to.value.clone(),
        }
    });
    let mut refusable: Vec<&str> = states.iter().map(String::as_str).collect();
    if created_by.is_some() {
        refusable.push(MISSING);
    }
    let refused = answers(cx, file, &l.refused, &refusable);
    let mut moved = BTreeSet::new();
    let moves = l
        .moves
        .iter()
        .map(|m| {
            for op in &m.operations {
                op_ref(cx, file, op, ops);
                if !moved.insert(op.value.as_str()) {
                    cx.error(
                        Code::Duplicate,
                        file,
                        op.pos,
                        format!(
                            "`{}` is in two moves of lifecycle `{}`",
                            op.value, l.name.value
                        ),
                    )
                    .width(op.value.chars().count())
                    .help("an operation makes one move; merge the two");
                }
            }
            for s in m.from.iter().chain(m.to.iter()) {
                state(cx, s);
            }
            let own = answers(cx, file, &m.refused, &refusable);
            for s in &refusable {
                let allowed = m.from.iter().any(|f| f.value == *s);
                let answered = own.iter().chain(&refused).any(|(k, _)| k == s);
                if !allowed && !answered {
                    let op = m.operations.first().map_or("", |o| o.value.as_str());
                    cx.error(
                        Code::MissingKey,
                        file,
                        m.pos,
                        format!(
                            "`{op}` is refused when the {} is `{s}`, but no answer is declared",
                            l.name.value
                        ),
                    )
                    .help(format!(
                        "add `{s}: {{code, message}}` (the vendor's error) under the lifecycle's \
                         or this move's `refused:`"
                    ));
                }
            }
            ir::Move {
                operations: m.operations.iter().map(|o| o.value.clone()).collect(),
                from: m.from.iter().map(|s| s.value.clone()).collect(),
                to: opt_text(&m.to),
                refused: own,
            }
        })
        .collect();
    let reports = l
        .reports
        .iter()
        .map(|r| {
            op_ref(cx, file, &r.operation, ops);
            for (k, _) in r.values.iter() {
                state(cx, k);
            }
            for s in &states {
                if r.values.get(s).is_none() {
                    cx.error(
                        Code::MissingKey,
                        file,
                        r.pos,
                        format!(
                            "the report in `{}` of `{}` shows no value for state `{s}`",
                            r.field.value, r.operation.value
                        ),
                    )
                    .help(format!("add `{s}: <value>` under `values:`"));
                }
            }
            ir::StateReport {
                operation: r.operation.value.clone(),
                field: r.field.value.clone(),
                values: r
                    .values
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.value.clone()))
                    .collect(),
            }
        })
        .collect();
    ir::Lifecycle {
        name: l.name.value.clone(),
        doc: opt_text(&l.doc),
        states,
        per: opt_text(&l.per),
        created_by,
        expires,
        moves,
        refused,
        reports,
    }
}

pub(crate) fn counter(
    cx: &mut Cx<'_>,
    file: &Path,
    c: &Spanned<model::Counter>,
    ops: &BTreeSet<String>,
) -> ir::Counter {
    for op in c.counts.iter().chain(&c.reset_by) {
        op_ref(cx, file, op, ops);
    }
    for r in &c.reports {
        op_ref(cx, file, &r.operation, ops);
    }
    ir::Counter {
        name: c.name.value.clone(),
        doc: opt_text(&c.doc),
        counts: c.counts.iter().map(|o| o.value.clone()).collect(),
        reset_by: c.reset_by.iter().map(|o| o.value.clone()).collect(),
        reports: c
            .reports
            .iter()
            .map(|r| (r.operation.value.clone(), r.field.value.clone()))
            .collect(),
    }
}

pub(crate) fn answer(cx: &mut Cx<'_>, file: &Path, a: &Spanned<model::Answer>) -> ir::Answer {
    if !(a.code.value.is_string() || a.code.value.is_i64() || a.code.value.is_u64()) {
        cx.error(
            Code::Invalid,
            file,
            a.code.pos,
            "an answer's `code` is an integer or a string",
        )
        .help("write the code as the vendor's error table has it");
    }
    ir::Answer {
        code: a.code.value.clone(),
        message: a.message.value.clone(),
    }
}

fn answers(
    cx: &mut Cx<'_>,
    file: &Path,
    map: &NamedMap<Spanned<model::Answer>>,
    states: &[&str],
) -> Vec<(String, ir::Answer)> {
    map.iter()
        .map(|(k, a)| {
            if !states.contains(&k.value.as_str()) {
                cx.undefined(
                    file,
                    k,
                    "state",
                    states.iter().copied(),
                    "key each answer by a state of the lifecycle (`missing`: an unknown instance)",
                );
            }
            (k.value.clone(), answer(cx, file, a))
        })
        .collect()
}

fn state_ref(cx: &mut Cx<'_>, file: &Path, s: &Spanned<String>, states: &[String]) {
    if !states.contains(&s.value) {
        cx.undefined(
            file,
            s,
            "state",
            states.iter().map(String::as_str),
            "name a state listed under the lifecycle's `states:`",
        );
    }
}

/// Every report names a field the operation's answer has: the first
/// segment of its path is a response field (checked against the finished
/// IR, where response types are resolved).
pub(crate) fn check_reports(cx: &mut Cx<'_>, file: &Path, f: &model::SpecFile, spec: &ir::Spec) {
    let lifecycle_reports = f
        .lifecycles
        .iter()
        .flatten()
        .flat_map(|l| l.reports.iter().map(|r| (&r.operation, &r.field)));
    let counter_reports = f
        .counters
        .iter()
        .flatten()
        .flat_map(|c| c.reports.iter().map(|r| (&r.operation, &r.field)));
    for (op, field) in lifecycle_reports.chain(counter_reports) {
        let Some(op) = spec.operations.iter().find(|o| o.name == op.value) else {
            continue; // reported as an unknown operation already
        };
        let Some(fields) = spec.body_fields(&op.response) else {
            continue; // a payload without named fields: nothing to check
        };
        let first = field.value.split('.').next().unwrap_or_default();
        if !fields.iter().any(|f| f.wire == first) {
            let help =
                did_you_mean(first, fields.iter().map(|f| f.wire.as_str())).unwrap_or_else(|| {
                    "name a field of the operation's response (`a.b` inside an object, `a.0.b` \
                     in an array)"
                        .to_owned()
                });
            cx.error(
                Code::Undefined,
                file,
                field.pos,
                format!("`{first}` is not a field of `{}`'s response", op.name),
            )
            .width(first.chars().count())
            .help(help);
        }
    }
}

/// The field a login's answer hands the token or session in exists in
/// that answer (the example server would otherwise invent it).
pub(crate) fn check_login_fields(
    cx: &mut Cx<'_>,
    file: &Path,
    f: &model::SpecFile,
    spec: &ir::Spec,
) {
    for scheme in f.auth.iter().flatten() {
        let (logins, field, what) = match &scheme.value {
            model::AuthScheme::Bearer(b) => (&b.login, &b.token_field, "token_field"),
            model::AuthScheme::Session(s) => (&s.login, &s.from, "from"),
            _ => continue,
        };
        for login in logins.ops() {
            let Some(op) = spec.operations.iter().find(|o| o.name == login.value) else {
                continue; // reported as an unknown operation already
            };
            let Some(fields) = spec.body_fields(&op.response) else {
                continue;
            };
            if fields.iter().any(|f| f.wire == field.value) {
                continue;
            }
            let help = did_you_mean(&field.value, fields.iter().map(|f| f.wire.as_str()))
                .unwrap_or_else(|| {
                    format!(
                        "name the field of `{}`'s response that carries it, or declare it there",
                        op.name
                    )
                });
            cx.error(
                Code::Undefined,
                file,
                field.pos,
                format!(
                    "`{what}: {}` is not a field of `{}`'s response",
                    field.value, op.name
                ),
            )
            .width(field.value.chars().count())
            .help(help);
        }
    }
}

/// `90s`, `30m`, `24h`, `7d`, in seconds.
pub(crate) fn duration(cx: &mut Cx<'_>, file: &Path, d: &Spanned<String>) -> u64 {
    let text = d.value.trim();
    let (digits, unit) = text.split_at(text.len().saturating_sub(1));
    let scale = match unit {
        "s" => Some(1),
        "m" => Some(60),
        "h" => Some(3600),
        "d" => Some(86_400),
        _ => None,
    };
    match (digits.parse::<u64>(), scale) {
        (Ok(n), Some(scale)) if n > 0 => n.saturating_mul(scale),
        _ => {
            cx.error(
                Code::Invalid,
                file,
                d.pos,
                format!("`{}` is not a duration", d.value),
            )
            .width(d.value.chars().count())
            .help("write a positive whole number and a unit: `90s`, `30m`, `24h` or `7d`");
            0
        }
    }
}
