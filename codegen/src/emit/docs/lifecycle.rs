//! What the vendor remembers between calls, in plain words: lifecycles,
//! counters, and how long logins last.

use super::{op_link, text};
use crate::ir::{Answer, Lifecycle, Spec};

/// A paragraph per lifecycle and counter; empty when the spec has none.
pub fn remembers(spec: &Spec) -> String {
    let mut out = String::new();
    for l in &spec.lifecycles {
        out.push_str(&lifecycle(spec, l));
        out.push_str("\n\n");
    }
    for c in &spec.counters {
        out.push_str(&format!("**Counter {}.** ", text::code_text(&c.name)));
        if let Some(doc) = &c.doc {
            out.push_str(&text::block(doc));
            out.push(' ');
        }
        out.push_str(&format!("One more with each {}", links(spec, &c.counts)));
        if !c.reset_by.is_empty() {
            out.push_str(&format!("; back to zero with {}", links(spec, &c.reset_by)));
        }
        out.push('.');
        if !c.reports.is_empty() {
            let shown: Vec<String> = c
                .reports
                .iter()
                .map(|(op, field)| format!("{} of {}", text::code_text(field), op_link(spec, op)))
                .collect();
            out.push_str(&format!(" Shown in {}.", shown.join(", ")));
        }
        out.push_str("\n\n");
    }
    out
}

fn lifecycle(spec: &Spec, l: &Lifecycle) -> String {
    let states: Vec<String> = l.states.iter().map(|s| text::code_text(s)).collect();
    let mut out = format!("**Lifecycle {}.** ", text::code_text(&l.name));
    if let Some(doc) = &l.doc {
        out.push_str(&text::block(doc));
        out.push(' ');
    }
    out.push_str(&format!("States: {}", states.join(", ")));
    match (&l.per, &l.created_by) {
        (Some(per), Some(c)) => out.push_str(&format!(
            "; one per {}, created {} by {}",
            text::code_text(per),
            text::code_text(&c.to),
            op_link(spec, &c.operation)
        )),
        (Some(per), None) => out.push_str(&format!("; one per {}", text::code_text(per))),
        (None, _) => {}
    }
    out.push_str(". ");
    for m in &l.moves {
        let from: Vec<String> = m.from.iter().map(|s| text::code_text(s)).collect();
        out.push_str(&format!(
            "{} {} only from {}",
            links(spec, &m.operations),
            if m.operations.len() > 1 {
                "run"
            } else {
                "runs"
            },
            from.join(" or ")
        ));
        if let Some(to) = &m.to {
            out.push_str(&format!(" and leave it {}", text::code_text(to)));
        }
        out.push_str(". ");
    }
    if let Some(e) = &l.expires {
        let from: Vec<String> = e.from.iter().map(|s| text::code_text(s)).collect();
        out.push_str(&format!(
            "After {} in {}, it becomes {}. ",
            duration(e.after),
            from.join(" or "),
            text::code_text(&e.to)
        ));
    }
    let refusals: Vec<String> = l
        .refused
        .iter()
        .chain(l.moves.iter().flat_map(|m| &m.refused))
        .map(|(state, a)| format!("{} → {}", text::code_text(state), answer(a)))
        .collect();
    if !refusals.is_empty() {
        out.push_str(&format!(
            "Refused, by current state: {}. ",
            refusals.join("; ")
        ));
    }
    for r in &l.reports {
        out.push_str(&format!(
            "{} shows it in {}. ",
            op_link(spec, &r.operation),
            text::code_text(&r.field)
        ));
    }
    out.trim_end().to_owned()
}

/// `code 503 "document: invalid shift status"`.
pub fn answer(a: &Answer) -> String {
    format!(
        "code {} {}",
        text::code_text(&a.code.to_string()),
        text::code_text(&a.message)
    )
}

/// `24 h`, `30 min`, `90 s`.
pub fn duration(secs: u64) -> String {
    match secs {
        s if s % 3600 == 0 => format!("{} h", s / 3600),
        s if s % 60 == 0 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

fn links(spec: &Spec, ops: &[String]) -> String {
    ops.iter()
        .map(|o| op_link(spec, o))
        .collect::<Vec<_>>()
        .join(", ")
}
