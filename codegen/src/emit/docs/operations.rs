//! The operations: a list, then one section each with its facts, field
//! tables, errata and examples.

use super::table::Table;
use super::{anchor, fields, heading, protocol, text, wire_type};
use crate::ir::{Body, Dedup, Example, Mint, Operation, Outcome, Protocol, Reply, Spec, Test};

/// The operations section.
pub fn section(spec: &Spec) -> String {
    let mut out = heading(2, &anchor::section(&spec.id, "operations"), "Operations");
    if spec.operations.is_empty() {
        out.push_str("The spec has no operation.\n\n");
        return out;
    }
    let mut t = Table::new(&[("Operation", true), ("Rust", true), ("Summary", false)]);
    for op in &spec.operations {
        t.row(vec![
            format!(
                "[{}](#{})",
                text::code(&op_title(op)),
                anchor::operation(&spec.id, &op.name)
            ),
            text::code(&format!("{}()", op.name)),
            op.doc
                .as_deref()
                .map(|d| text::cell(&summary(d)))
                .unwrap_or_default(),
        ]);
    }
    out.push_str(&t.render());
    for op in &spec.operations {
        out.push_str(&operation(spec, op));
    }
    out
}

/// The heading text: the wire name, with the HTTP route for REST.
fn op_title(op: &Operation) -> String {
    match &op.http {
        Some((method, path)) if op.wire != format!("{method} {path}") => {
            format!("{} ({method} {path})", op.wire)
        }
        _ => op.wire.clone(),
    }
}

/// The first sentence of a description.
fn summary(doc: &str) -> String {
    let doc = doc.trim();
    match doc.find(". ") {
        Some(i) => doc[..=i].to_owned(),
        None => doc.to_owned(),
    }
}

fn operation(spec: &Spec, op: &Operation) -> String {
    let id = anchor::operation(&spec.id, &op.name);
    let mut out = format!(
        "<h3 id=\"{id}\"><code>{}</code></h3>\n\n",
        text::html(&op_title(op))
    );
    if let Some(doc) = op.doc.as_deref().filter(|d| !d.trim().is_empty()) {
        out.push_str(&text::block(doc));
        out.push_str("\n\n");
    }
    if let Some(o) = op
        .doc_original
        .as_deref()
        .filter(|o| !o.trim().is_empty() && Some(*o) != op.doc.as_deref())
    {
        out.push_str(&format!(
            "> _Original:_ {}\n\n",
            text::block(o).replace('\n', "\n> ")
        ));
    }
    out.push_str(&facts(spec, op).render());
    out.push_str(&heading(
        4,
        &anchor::operation_part(&spec.id, &op.name, "request"),
        "Request",
    ));
    out.push_str(&body(spec, &op.request, "parameters"));
    out.push_str(&fields::groups(&op.request_groups));
    out.push_str(&heading(
        4,
        &anchor::operation_part(&spec.id, &op.name, "response"),
        "Response",
    ));
    out.push_str(&reply(op).unwrap_or_else(|| body(spec, &op.response, "payload")));
    if op.reply == Reply::JsonOrEmpty {
        out.push_str(
            "The vendor sometimes answers with an empty body instead; the client then returns \
             `None`.\n\n",
        );
    }
    if !op.errata.is_empty() {
        out.push_str(&heading(
            4,
            &anchor::operation_part(&spec.id, &op.name, "errata"),
            "Errata",
        ));
        for e in &op.errata {
            out.push_str(&format!(
                "- _{}_: {}\n",
                text::cell(&e.section),
                text::cell(&e.doc)
            ));
        }
        out.push('\n');
    }
    if !op.examples.is_empty() {
        out.push_str(&heading(
            4,
            &anchor::operation_part(&spec.id, &op.name, "examples"),
            "Examples",
        ));
        for ex in &op.examples {
            out.push_str(&example(ex));
        }
    }
    out
}

fn facts(spec: &Spec, op: &Operation) -> Table {
    let mut t = Table::new(&[("Fact", true), ("Value", true)]);
    let mut row = |k: &str, v: String| t.row(vec![k.to_owned(), v]);
    row("Wire name", text::code(&op.wire));
    if let Some(p) = &op.polling {
        let mut line = format!(
            "its result is reached by polling {} until {} is no longer {}",
            super::op_link(spec, &p.operation),
            text::code(&p.status),
            p.pending
                .iter()
                .map(|v| text::code(v))
                .collect::<Vec<_>>()
                .join(", ")
        );
        if !p.done.is_empty() {
            line.push_str(&format!(
                " (final: {})",
                p.done
                    .iter()
                    .map(|v| text::code(v))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        line.push_str(&format!(
            "; the client's `{}_and_wait` waits {} s, doubling up to {} s, until a deadline.",
            op.name,
            p.interval_ms / 1000,
            p.max_interval_ms / 1000
        ));
        if let Some(doc) = &p.doc {
            line.push(' ');
            line.push_str(&text::cell(doc));
        }
        row("Waiting", line);
    }
    if let Some(base) = &op.variant_of {
        row(
            "Form of",
            format!(
                "{}: the same call with its own required fields",
                super::op_link(spec, base)
            ),
        );
    }
    if let Some((method, path)) = &op.http {
        row("HTTP", text::code(&format!("{method} {path}")));
    } else if let Protocol::Form { path, .. } = &spec.protocol {
        row(
            "HTTP",
            text::code(&format!("POST {}", path.replace("{operation}", &op.wire))),
        );
    }
    if !op.wire_aliases.is_empty() {
        let a: Vec<String> = op.wire_aliases.iter().map(|a| text::code(a)).collect();
        row("Also accepted", a.join(", "));
    }
    row("Rust", text::code(&format!("client.{}(…)", op.name)));
    if let Some(section) = &op.section {
        row("Doc section", text::cell(section));
    }
    if op.since.is_some() || op.until.is_some() || op.deprecated.is_some() {
        row(
            "Since",
            text::life_cell(
                op.since.as_deref(),
                op.until.as_deref(),
                op.deprecated.as_ref(),
            ),
        );
    }
    if !op.servers.is_empty() {
        let servers: Vec<String> = op.servers.iter().map(|s| text::code(s)).collect();
        row("Servers", format!("only {}", servers.join(", ")));
    }
    if let Some(p) = &op.pagination {
        let by = match &p.by {
            crate::ir::PageBy::Offset(f) => format!("items to skip in {}", text::code(f)),
            crate::ir::PageBy::Page { field, first } => {
                format!("page number in {} (from {first})", text::code(field))
            }
            crate::ir::PageBy::Cursor { request, next } => format!(
                "cursor in {}, from the answer's {}",
                text::code(request),
                text::code(next)
            ),
        };
        let size = p
            .limit
            .as_ref()
            .map(|(f, _)| format!("; page size in {}", text::code(f)))
            .unwrap_or_default();
        let total = p
            .total
            .as_ref()
            .map(|t| format!("; total in {}", text::code(t)))
            .unwrap_or_default();
        row(
            "Paged",
            format!(
                "{by}{size}; items in {}{total}. Every page: {}",
                text::code(&p.items),
                text::code(&format!("client.{}_pages(first).all()", op.name))
            ),
        );
    }
    if op.fiscal {
        row(
            "Fiscal",
            "yes: it creates a fiscal document, and a duplicate is a second document".to_owned(),
        );
    }
    let dedups = op
        .idempotency
        .as_ref()
        .is_some_and(|i| i.dedup != Dedup::None);
    if let Some(idem) = &op.idempotency {
        let how = match idem.mint {
            Mint::UuidV4 => {
                "a UUID v4; the client mints a fresh one when the request leaves it empty"
            }
            Mint::Caller => "chosen by the caller, unique per document",
        };
        let dedup = match idem.dedup {
            Dedup::Replay => "the vendor answers a repeated key with the earlier result",
            Dedup::Reject => "the vendor refuses a repeated key with an error",
            Dedup::None => "the vendor is not known to deduplicate by it",
        };
        row(
            "Idempotency key",
            format!("{}: {how}; {dedup}.", text::code(&idem.field)),
        );
    }
    if let Some(r) = &op.recovery {
        let test = match &r.test {
            Test::Equals(name) => format!("equals the request's {}", text::code(name)),
            Test::DiffersFrom(name) => format!("differs from the request's {}", text::code(name)),
            Test::In(values) => format!("is one of {}", codes_text(values)),
            Test::NotIn(values) => format!("is none of {}", codes_text(values)),
        };
        let mut line = format!(
            "the client calls {} and the document exists when its {} {test}; otherwise it sends \
             the request again.",
            text::code(&r.operation),
            text::code(&r.field)
        );
        if let Some(doc) = &r.doc {
            line.push(' ');
            line.push_str(&text::cell(doc));
        }
        row("After an unknown outcome", line);
    } else if let Some(reason) = &op.unrecoverable {
        row(
            "After an unknown outcome",
            format!(
                "no recovery: the call ends in an “outcome unknown” error. {}",
                text::cell(reason)
            ),
        );
    }
    row(
        "Safe to retry",
        if op.safe_to_retry {
            "yes: sending it twice has no further effect; the client retries it by itself"
                .to_owned()
        } else if dedups {
            "with the same idempotency key: the client resends an unanswered request under its key"
                .to_owned()
        } else {
            "no: after a lost response the outcome is unknown, and the client reports it as such \
             instead of sending it again"
                .to_owned()
        },
    );
    if op.not_modified {
        let codes = spec
            .protocol
            .envelope()
            .map(|e| {
                e.not_modified
                    .iter()
                    .map(|v| text::code(&v.to_string()))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let codes = if codes.is_empty() {
            String::new()
        } else {
            format!(" (status {codes})")
        };
        row(
            "Not modified",
            format!(
                "may answer “not modified”{codes}: nothing changed since the caller's timestamp"
            ),
        );
    }
    let table = op.errors.as_deref().or_else(|| spec.protocol.error_table());
    if let Some(table) = table {
        row("Errors", protocol::table_link(spec, table));
    }
    t
}

/// The response of an operation whose reply is not (only) JSON.
fn reply(op: &Operation) -> Option<String> {
    let ct = |default: &str| text::code_text(op.content_type.as_deref().unwrap_or(default));
    Some(match op.reply {
        Reply::Json => return None,
        Reply::JsonOrEmpty => return None,
        Reply::Text => format!(
            "The reply is text ({}) as it is, not JSON in the envelope: a `String`. A failure \
             still comes in the envelope.\n\n",
            ct("text/plain")
        ),
        Reply::Binary => format!(
            "The reply is bytes ({}) as they are, not JSON in the envelope: `kassa::Base64` \
             holds them. A failure still comes in the envelope.\n\n",
            ct("application/octet-stream")
        ),
        Reply::Empty => {
            "The reply is an empty body. A failure still comes in the envelope.\n\n".to_owned()
        }
    })
}

fn body(spec: &Spec, body: &Body, what: &str) -> String {
    match body {
        Body::Empty => format!("No {what}.\n\n"),
        Body::Fields(f) => fields::table(spec, f),
        Body::Type(ty) => format!("The {what} is {}.\n\n", wire_type::describe(spec, ty, None)),
        Body::Unknown => format!(
            "The documentation gives no shape for the {what}: any JSON is passed through as it \
             is.\n\n"
        ),
    }
}

fn example(ex: &Example) -> String {
    let mut out = format!("**{}**", text::block(&ex.name));
    if let Some(section) = &ex.section {
        out.push_str(&format!(" (from “{}”)", text::block(section)));
    }
    out.push_str("\n\n");
    let mut facts = vec![format!(
        "Outcome: {}",
        match ex.outcome {
            Outcome::Success => "success".to_owned(),
            Outcome::NotModified => "not modified".to_owned(),
            Outcome::Replayed => "replayed (the earlier result of a repeated key)".to_owned(),
            Outcome::Error => match &ex.error {
                Some(e) => format!("error {}", text::code_text(e)),
                None => "error".to_owned(),
            },
        }
    )];
    if let Some(status) = ex.http_status {
        facts.push(format!("HTTP status {status}"));
    }
    if !ex.wrong_wire.is_empty() {
        let names: Vec<String> = ex.wrong_wire.iter().map(|w| text::code_text(w)).collect();
        facts.push(format!(
            "carries the wrong operation name {} (a slip in the vendor's document)",
            names.join(", ")
        ));
    }
    out.push_str(&facts.join("; "));
    out.push_str(".\n\n");
    if !ex.normalised.is_empty() {
        out.push_str("Normalised from the vendor's text:\n\n");
        for n in &ex.normalised {
            out.push_str(&format!("- {}\n", text::cell(n)));
        }
        out.push('\n');
    }
    if let Some(request) = &ex.request {
        out.push_str("Request:\n\n");
        out.push_str(&json_block(request));
    }
    if !ex.response_headers.is_empty() {
        out.push_str("Response headers:\n\n");
        let mut block = String::new();
        for (k, v) in &ex.response_headers {
            block.push_str(&format!("{k}: {v}\n"));
        }
        out.push_str(&fence("text", &block));
    }
    if let Some(response) = &ex.response {
        out.push_str("Response:\n\n");
        out.push_str(&json_block(response));
    }
    out
}

fn json_block(value: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string());
    fence("json", &(text + "\n"))
}

/// A fenced code block whose fence is longer than any backtick run inside.
fn fence(lang: &str, body: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{body}{fence}\n\n")
}

fn codes_text(values: &[serde_json::Value]) -> String {
    let shown: Vec<String> = values.iter().map(|v| text::code(&v.to_string())).collect();
    shown.join(", ")
}
