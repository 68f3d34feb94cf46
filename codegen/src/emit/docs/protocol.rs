//! The sections that say how to reach a vendor: servers, protocol,
//! authentication and headers carried between calls.

use super::table::Table;
use super::{anchor, fields, heading, op_link, text};
use crate::ir::{Answer, Auth, Body, Envelope, Placement, Protocol, Spec};
use crate::read::model::SignatureEncoding;

/// The servers table with their variables.
pub fn servers(spec: &Spec) -> String {
    let mut out = heading(2, &anchor::section(&spec.id, "servers"), "Servers");
    if spec.servers.is_empty() {
        out.push_str("The documentation names no server.\n\n");
        return out;
    }
    let mut t = Table::new(&[("Name", true), ("URL", true), ("Description", false)]);
    for s in &spec.servers {
        let mut desc = s.doc.as_deref().map(text::cell).unwrap_or_default();
        for v in &s.variables {
            let mut line = format!("{}: ", text::code(&format!("{{{}}}", v.name)));
            line.push_str(&v.doc.as_deref().map(sentence).unwrap_or_default());
            if let Some(d) = &v.default {
                line.push_str(&format!(" Default {}.", text::code(d)));
            }
            if v.secret {
                line.push_str(" Secret: never printed.");
            }
            if !desc.is_empty() {
                desc.push_str("<br>");
            }
            desc.push_str(line.trim_end());
        }
        t.row(vec![text::code(&s.name), text::code(&s.url), desc]);
    }
    out.push_str(&t.render());
    out
}

/// Spec text for a cell, ending with a full stop.
fn sentence(doc: &str) -> String {
    let mut s = text::cell(doc);
    if !s.ends_with(['.', '!', '?', ')']) {
        s.push('.');
    }
    s
}

/// The protocol in plain words: where the operation name, parameters,
/// status, payload and errors travel.
pub fn protocol(spec: &Spec) -> String {
    let mut out = heading(2, &anchor::section(&spec.id, "protocol"), "Protocol");
    let mut lines: Vec<String> = Vec::new();
    match &spec.protocol {
        Protocol::JsonEnvelope {
            operation_field,
            params_field,
            echo_operation,
            response,
        } => {
            lines.push(format!(
                "Every request is an HTTP POST of one JSON object to the server URL. The \
                 operation's wire name travels in the body field {}.",
                text::code_text(operation_field)
            ));
            lines.push(match params_field {
                Some(p) => format!(
                    "The parameters travel as an object in the field {}, beside the operation \
                     name.",
                    text::code_text(p)
                ),
                None => format!(
                    "The parameters travel at the top level of the same object, beside {}.",
                    text::code_text(operation_field)
                ),
            });
            if *echo_operation {
                lines.push(format!(
                    "The response repeats the operation name in {}.",
                    text::code_text(operation_field)
                ));
            }
            lines.extend(envelope(spec, response));
        }
        Protocol::JsonRpc {
            by_position,
            error_table,
        } => {
            lines.push(
                "JSON-RPC 2.0 over HTTP POST: `method` is the operation's wire name.".to_owned(),
            );
            lines.push(if *by_position {
                "`params` is an array of the request fields in the order of the tables below."
                    .to_owned()
            } else {
                "`params` is an object keyed by the wire names of the request fields.".to_owned()
            });
            let other: Vec<String> = spec
                .operations
                .iter()
                .filter(|o| o.rpc_by_position.is_some_and(|p| p != *by_position))
                .map(|o| super::op_link(spec, &o.name))
                .collect();
            if !other.is_empty() {
                lines.push(format!(
                    "These methods send them the other way: {}.",
                    other.join(", ")
                ));
            }
            lines.push(
                "A client can switch every method, or one, to the other form at run time \
                 (`Config::rpc_params`, `Config::rpc_params_for`); the example server reads both."
                    .to_owned(),
            );
            lines.push(format!(
                "The payload is `result`. A failure comes back as the `error` object; its `code` \
                 is looked up in {}.",
                table_link(spec, error_table)
            ));
        }
        Protocol::Rest { response } => {
            lines.push(
                "REST over HTTP: each operation has its own method and path (see its table). The \
                 request fields travel as a JSON body unless a field's table row puts them in \
                 the path, the query string or a header."
                    .to_owned(),
            );
            lines.extend(envelope(spec, response));
        }
        Protocol::Form { path, response } => {
            lines.push(format!(
                "Every request is an HTTP POST of form fields \
                 (`application/x-www-form-urlencoded`) to {} on the server, where `{{operation}}` \
                 is the operation's wire name. The reply is JSON.",
                text::code_text(path)
            ));
            lines.extend(envelope(spec, response));
        }
    }
    for line in &lines {
        out.push_str(line);
        out.push_str("\n\n");
    }
    if let Some(extra) = spec.protocol.envelope().map(|e| &e.extra_fields)
        && !extra.is_empty()
    {
        out.push_str("Other fields of every response envelope:\n\n");
        out.push_str(&fields::table(spec, extra));
    }
    out.push_str(&placements(spec, &spec.protocol));
    out.push_str(&auth_fields(spec));
    out
}

/// The body fields the auth schemes add to requests, named in the protocol
/// section so a reader of a captured body knows where each field comes from.
fn auth_fields(spec: &Spec) -> String {
    let members = spec.auth_members(None);
    let names: Vec<&str> = members.iter().map(|m| m.wire()).collect();
    if names.is_empty() {
        return String::new();
    }
    let beside = match &spec.protocol {
        Protocol::JsonEnvelope {
            params_field: Some(p),
            ..
        } => format!("beside {}", text::code_text(p)),
        _ => "beside the parameters".to_owned(),
    };
    let names: Vec<String> = names.iter().map(|n| text::code_text(n)).collect();
    format!(
        "**Fields added for authentication.** The client adds {} to the request body, {beside}; \
         the field tables of the operations do not repeat them (see [Authentication](#{})).\n\n",
        names.join(", "),
        anchor::section(&spec.id, "auth")
    )
}

fn values(values: &[serde_json::Value]) -> String {
    let v: Vec<String> = values
        .iter()
        .map(|v| text::code_text(&v.to_string()))
        .collect();
    v.join(", ")
}

fn envelope(spec: &Spec, e: &Envelope) -> Vec<String> {
    let mut lines = Vec::new();
    let table = e
        .error_table
        .as_deref()
        .map(|t| format!(" and is looked up in {}", table_link(spec, t)))
        .unwrap_or_default();
    match (&e.status_field, e.error_from_http) {
        (_, true) => lines.push(format!(
            "The HTTP status tells success ({}) from failure; a failing status is the error \
             code{table}.",
            values(&e.success)
        )),
        (Some(status), false) => {
            let mut line = format!(
                "The response's {} field holds the status: {} means success",
                text::code_text(status),
                values(&e.success)
            );
            if !e.success_aliases.is_empty() {
                line.push_str(&format!(
                    " ({} is accepted as success too)",
                    values(&e.success_aliases)
                ));
            }
            line.push_str(&format!("; any other value is an error code{table}."));
            lines.push(line);
        }
        (None, false) => lines.push("The response carries no status field.".to_owned()),
    }
    if !e.not_modified.is_empty() {
        lines.push(format!(
            "{} means “not modified”: nothing changed since the timestamp the caller sent; it is \
             an outcome, not a failure (operations that may answer it say so).",
            values(&e.not_modified)
        ));
    }
    if !e.replayed.is_empty() {
        lines.push(format!(
            "{} means “replayed”: the idempotency key was used before and the payload is the \
             earlier result; the client returns it as a success, marked as a replay.",
            values(&e.replayed)
        ));
    }
    lines.push(match &e.data_field {
        Some(d) => format!(
            "The payload (the response tables below) is the field {}.",
            text::code_text(d)
        ),
        None => "The payload fields (the response tables below) sit at the top level of the \
                 response, beside the status."
            .to_owned(),
    });
    if let Some(m) = &e.message_field {
        lines.push(format!(
            "{} carries the vendor's message; the client keeps it on every error.",
            text::code_text(m)
        ));
    }
    lines
}

/// Request fields that do not travel with the other parameters.
fn placements(spec: &Spec, protocol: &Protocol) -> String {
    let mut envelope: Vec<(String, Vec<String>)> = Vec::new();
    let mut other = false;
    for op in &spec.operations {
        let Body::Fields(fields) = &op.request else {
            continue;
        };
        for f in fields {
            match f.placement {
                Placement::Envelope => {
                    let link = op_link(spec, &op.name);
                    match envelope.iter_mut().find(|(w, _)| *w == f.wire) {
                        Some((_, ops)) => ops.push(link),
                        None => envelope.push((f.wire.clone(), vec![link])),
                    }
                }
                Placement::Params => {}
                Placement::Path | Placement::Query | Placement::Header => other = true,
            }
        }
    }
    let mut out = String::new();
    if !envelope.is_empty() {
        let beside = match protocol {
            Protocol::JsonEnvelope {
                params_field: Some(p),
                ..
            } => format!("beside {} rather than inside it", text::code_text(p)),
            _ => "in the envelope rather than with the parameters".to_owned(),
        };
        out.push_str(&format!(
            "**Envelope placement.** These request fields travel {beside} (marked _in the \
             envelope_ in the tables):\n\n"
        ));
        for (wire, ops) in &envelope {
            out.push_str(&format!(
                "- {} in {}\n",
                text::code_text(wire),
                ops.join(", ")
            ));
        }
        out.push('\n');
    }
    if other {
        out.push_str(
            "**Path, query and header fields.** A request field marked _in the URL path_ fills \
             the `{name}` of the operation's path; one marked _in the query string_ or _an HTTP \
             header_ travels there; the rest form the body.\n\n",
        );
    }
    out
}

/// The authentication schemes, applied in order, in plain words.
pub fn auth(spec: &Spec) -> String {
    let mut out = heading(2, &anchor::section(&spec.id, "auth"), "Authentication");
    if spec.auth.is_empty() {
        out.push_str("No authentication.\n\n");
    }
    for scheme in &spec.auth {
        out.push_str("- ");
        out.push_str(&auth_text(spec, scheme));
        out.push('\n');
    }
    if !spec.auth.is_empty() {
        out.push('\n');
    }
    for scheme in &spec.auth {
        if let Auth::Hmac { context, .. } = scheme
            && !context.is_empty()
        {
            out.push_str(
                "Fields the client adds to every request body from its configuration:\n\n",
            );
            out.push_str(&fields::table(spec, context));
        }
    }
    out.push_str(&config_headers(spec));
    out.push_str(&state(spec));
    out.push_str(&super::lifecycle::remembers(spec));
    out
}

fn auth_text(spec: &Spec, scheme: &Auth) -> String {
    let code = text::code_text;
    match scheme {
        Auth::BodyCredentials {
            username,
            password,
            except,
            optional_for,
            refused,
        } => {
            let mut s = format!(
                "**Credentials in the body.** Every request carries the user name in {} and the \
                 password in {}, as body fields beside the parameters",
                code(username),
                code(password)
            );
            let links = |list: &[String]| -> String {
                let ops: Vec<String> = list.iter().map(|o| op_link(spec, o)).collect();
                ops.join(", ")
            };
            if except.is_empty() {
                s.push('.');
            } else {
                s.push_str(&format!(", except {}.", links(except)));
            }
            if !optional_for.is_empty() {
                s.push_str(&format!(
                    " The vendor also takes {} without them, relying on an earlier login; the \
                     client sends them all the same.",
                    links(optional_for)
                ));
            }
            s.push_str(" The password is never printed.");
            s.push_str(&login_limits(
                None,
                refused.as_ref(),
                "user name and password",
            ));
            s
        }
        Auth::Bearer {
            logins,
            token_field,
            relogin_on,
            lifetime,
            refused,
        } => {
            let mut s = format!(
                "**Bearer token.** The client calls {} first and sends the {} of its response \
                 as `Authorization: Bearer <token>` on every later request.",
                login_links(spec, logins),
                code(token_field)
            )
            .replace("<token>", "…");
            if !relogin_on.is_empty() {
                let statuses: Vec<String> = relogin_on.iter().map(u16::to_string).collect();
                s.push_str(&format!(
                    " On HTTP {} it logs in again and repeats the request once.",
                    statuses.join(", ")
                ));
            }
            s.push_str(&login_limits(*lifetime, refused.as_ref(), "token"));
            s
        }
        Auth::PathSecret { variable } => format!(
            "**Secret in the URL.** The key is the server variable {}, a segment of the URL \
             path; the whole URL is therefore secret and never printed.",
            code(&format!("{{{variable}}}"))
        ),
        Auth::Hmac {
            key_field,
            nonce_field,
            signature_field,
            message,
            encoding,
            ..
        } => {
            let parts: Vec<String> = message.iter().map(|m| code(m)).collect();
            let encoding = match encoding {
                SignatureEncoding::HexUpper => "upper-case hex",
                SignatureEncoding::HexLower => "lower-case hex",
                SignatureEncoding::Base64 => "base64",
            };
            format!(
                "**HMAC signature.** Every request carries the API key in {}, a nonce that \
                 increases with every request in {}, and in {} the HMAC-SHA256, keyed with the \
                 secret key, of the values of {} written one after another, as {encoding}. The \
                 keys are never printed.",
                code(key_field),
                code(nonce_field),
                code(signature_field),
                parts.join(" + ")
            )
        }
        Auth::Session {
            logins,
            from,
            field,
            lifetime,
            refused,
        } => format!(
            "**Session.** After {}, the client sends the {} of its response as the body field \
             {} of every later request.{}",
            login_links(spec, logins),
            code(from),
            code(field),
            login_limits(*lifetime, refused.as_ref(), "session")
        ),
    }
}

/// The login operation, or the alternatives the configuration picks from.
fn login_links(spec: &Spec, logins: &[String]) -> String {
    let links: Vec<String> = logins.iter().map(|l| op_link(spec, l)).collect();
    match links.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!(
            "the login the configuration names ({} or {last})",
            init.join(", ")
        ),
        [] => String::new(),
    }
}

/// How long a login lasts and what the vendor answers without one.
fn login_limits(lifetime: Option<u64>, refused: Option<&Answer>, what: &str) -> String {
    let mut s = String::new();
    if let Some(secs) = lifetime {
        s.push_str(&format!(
            " A {what} stays valid for {}.",
            super::lifecycle::duration(secs)
        ));
    }
    if let Some(a) = refused {
        s.push_str(&format!(
            " Without a valid {what} the vendor answers {}.",
            super::lifecycle::answer(a)
        ));
    }
    s
}

/// Headers every request carries, from the configuration.
fn config_headers(spec: &Spec) -> String {
    let mut out = String::new();
    for h in &spec.headers {
        out.push_str(&format!("**Header {}.** ", text::code_text(&h.name)));
        if let Some(doc) = &h.doc {
            out.push_str(&text::block(doc));
            out.push(' ');
        }
        out.push_str(&format!(
            "Sent with every request; its value is set with `Config::header({:?}, ..)`{}.",
            h.name,
            if h.optional {
                ""
            } else {
                ", and the client is not built without it"
            }
        ));
        if h.secret {
            out.push_str(" The value is secret and never printed.");
        }
        if let Some(a) = &h.refused {
            out.push_str(&format!(
                " Without it the vendor answers {}.",
                super::lifecycle::answer(a)
            ));
        }
        out.push_str("\n\n");
    }
    out
}

/// Headers carried from one call to the next.
fn state(spec: &Spec) -> String {
    let mut out = String::new();
    for h in &spec.state {
        out.push_str(&format!("**Header {}.** ", text::code_text(&h.header)));
        if let Some(doc) = &h.doc {
            out.push_str(&text::block(doc));
            out.push(' ');
        }
        let links = |ops: &[String]| {
            ops.iter()
                .map(|o| op_link(spec, o))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !h.set_by.is_empty() {
            out.push_str(&format!("Set by the responses of {}. ", links(&h.set_by)));
        }
        if !h.sent_by.is_empty() {
            out.push_str(&format!("Sent with {}. ", links(&h.sent_by)));
        }
        if let Some(r) = &h.recover {
            out.push_str(&format!(
                "After a lost response, {} returns the current value",
                op_link(spec, r)
            ));
            if let Some(f) = &h.recover_field {
                out.push_str(&format!(" in {}", text::code_text(f)));
            }
            out.push_str(". ");
        }
        out = out.trim_end().to_owned();
        out.push_str("\n\n");
    }
    out
}

/// A link to an error table of the spec.
pub fn table_link(spec: &Spec, name: &str) -> String {
    format!(
        "[{}](#{})",
        text::code_text(name),
        anchor::error_table(&spec.id, name)
    )
}
