//! A spec's resolved IR as the runtime's tables: the same [`kassa::Vendor`]
//! and [`kassa::OperationEntry`] values the generated code declares as
//! statics, built at run time (and leaked: they live as long as the
//! process that serves them).

use std::borrow::Cow;

use kassa::{
    Answer, Auth, Code, Counter, Creation, DecodeError, Envelope, Expiry, Idempotency, Lifecycle,
    Method, Move, OperationEntry, OperationInfo, Placement, Protocol, Recovery, Server,
    ServerVariable, SignatureEncoding, StateHeader, StateReport, Test, Vendor,
};
use kassa_codegen::ir::{self, Body, Spec};
use serde_json::Value;

fn text(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn opt(s: Option<&String>) -> Option<&'static str> {
    s.map(|s| text(s))
}

fn slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn texts(items: &[String]) -> &'static [&'static str] {
    slice(items.iter().map(|s| text(s)).collect())
}

fn code(v: &Value) -> Code {
    match v {
        Value::Number(n) => Code::Int(n.as_i64().unwrap_or_default()),
        Value::String(s) => Code::Str(Cow::Owned(s.clone())),
        other => Code::Str(Cow::Owned(other.to_string())),
    }
}

fn codes(values: &[Value]) -> &'static [Code] {
    slice(values.iter().map(code).collect())
}

/// The wire name of the operation `name` (a Rust name in the IR).
fn wire_of<'a>(spec: &'a Spec, name: &'a str) -> &'a str {
    spec.operations
        .iter()
        .find(|o| o.name == name)
        .map_or(name, |o| o.wire.as_str())
}

fn wires(spec: &Spec, names: &[String]) -> &'static [&'static str] {
    slice(names.iter().map(|n| text(wire_of(spec, n))).collect())
}

fn answer(a: &ir::Answer) -> Answer {
    Answer {
        code: code(&a.code),
        message: text(&a.message),
    }
}

fn answers(list: &[(String, ir::Answer)]) -> &'static [(&'static str, Answer)] {
    slice(list.iter().map(|(s, a)| (text(s), answer(a))).collect())
}

fn envelope(e: &ir::Envelope) -> Envelope {
    Envelope {
        status_field: opt(e.status_field.as_ref()),
        success: codes(&e.success),
        success_aliases: codes(&e.success_aliases),
        not_modified: codes(&e.not_modified),
        replayed: codes(&e.replayed),
        data_field: opt(e.data_field.as_ref()),
        message_field: opt(e.message_field.as_ref()),
        extra_fields: slice(e.extra_fields.iter().map(|f| text(&f.wire)).collect()),
        error_from_http: e.error_from_http,
    }
}

fn protocol(p: &ir::Protocol) -> Protocol {
    match p {
        ir::Protocol::JsonEnvelope {
            operation_field,
            params_field,
            echo_operation,
            response,
        } => Protocol::JsonEnvelope {
            operation_field: text(operation_field),
            params_field: opt(params_field.as_ref()),
            echo_operation: *echo_operation,
            response: envelope(response),
        },
        ir::Protocol::JsonRpc { by_position, .. } => Protocol::JsonRpc {
            by_position: *by_position,
        },
        ir::Protocol::Rest { response } => Protocol::Rest {
            response: envelope(response),
        },
        ir::Protocol::Form { path, response } => Protocol::Form {
            path: text(path),
            response: envelope(response),
        },
    }
}

fn auth(spec: &Spec, a: &ir::Auth) -> Auth {
    match a {
        ir::Auth::BodyCredentials {
            username,
            password,
            except,
            optional_for,
            refused,
        } => Auth::BodyCredentials {
            username: text(username),
            password: text(password),
            except: wires(spec, except),
            optional_for: wires(spec, optional_for),
            refused: refused.as_ref().map(answer),
        },
        ir::Auth::Bearer {
            logins,
            token_field,
            relogin_on,
            lifetime,
            refused,
        } => Auth::Bearer {
            logins: wires(spec, logins),
            token_field: text(token_field),
            relogin_on: slice(relogin_on.clone()),
            lifetime_secs: *lifetime,
            refused: refused.as_ref().map(answer),
        },
        ir::Auth::PathSecret { variable } => Auth::PathSecret {
            variable: text(variable),
        },
        ir::Auth::Hmac {
            key_field,
            nonce_field,
            signature_field,
            message,
            encoding,
            context,
        } => Auth::Hmac {
            key_field: text(key_field),
            nonce_field: text(nonce_field),
            signature_field: text(signature_field),
            message: texts(message),
            encoding: match encoding {
                kassa_codegen::read::model::SignatureEncoding::HexUpper => {
                    SignatureEncoding::HexUpper
                }
                kassa_codegen::read::model::SignatureEncoding::HexLower => {
                    SignatureEncoding::HexLower
                }
                kassa_codegen::read::model::SignatureEncoding::Base64 => SignatureEncoding::Base64,
            },
            context: slice(context.iter().map(|f| text(&f.wire)).collect()),
        },
        ir::Auth::Session {
            logins,
            from,
            field,
            lifetime,
            refused,
        } => Auth::Session {
            logins: wires(spec, logins),
            from: text(from),
            field: text(field),
            lifetime_secs: *lifetime,
            refused: refused.as_ref().map(answer),
        },
    }
}

fn lifecycle(spec: &Spec, l: &ir::Lifecycle) -> Lifecycle {
    Lifecycle {
        name: text(&l.name),
        states: texts(&l.states),
        per: opt(l.per.as_ref()),
        created_by: l.created_by.as_ref().map(|c| Creation {
            operation: text(wire_of(spec, &c.operation)),
            field: opt(c.field.as_ref()),
            to: text(&c.to),
        }),
        expires: l.expires.as_ref().map(|e| Expiry {
            from: texts(&e.from),
            after_secs: e.after,
            to: text(&e.to),
        }),
        moves: slice(
            l.moves
                .iter()
                .map(|m| Move {
                    operations: wires(spec, &m.operations),
                    from: texts(&m.from),
                    to: opt(m.to.as_ref()),
                    refused: answers(&m.refused),
                })
                .collect(),
        ),
        refused: answers(&l.refused),
        reports: slice(
            l.reports
                .iter()
                .map(|r| StateReport {
                    operation: text(wire_of(spec, &r.operation)),
                    field: text(&r.field),
                    values: slice(
                        r.values
                            .iter()
                            .map(|(s, v)| (text(s), text(&v.to_string())))
                            .collect(),
                    ),
                })
                .collect(),
        ),
    }
}

/// The vendor table of `spec`.
pub fn vendor(spec: &Spec) -> &'static Vendor {
    let servers = spec
        .servers
        .iter()
        .map(|s| Server {
            name: text(&s.name),
            url: text(&s.url),
            variables: slice(
                s.variables
                    .iter()
                    .map(|v| ServerVariable {
                        name: text(&v.name),
                        default: opt(v.default.as_ref()),
                        secret: v.secret,
                    })
                    .collect(),
            ),
        })
        .collect();
    let state = spec
        .state
        .iter()
        .map(|h| StateHeader {
            header: text(&h.header),
            set_by: wires(spec, &h.set_by),
            sent_by: wires(spec, &h.sent_by),
            recover: match (&h.recover, &h.recover_field) {
                (Some(op), Some(field)) => Some((text(wire_of(spec, op)), text(field))),
                _ => None,
            },
        })
        .collect();
    let counters = spec
        .counters
        .iter()
        .map(|c| Counter {
            name: text(&c.name),
            counts: wires(spec, &c.counts),
            reset_by: wires(spec, &c.reset_by),
            reports: slice(
                c.reports
                    .iter()
                    .map(|(op, field)| (text(wire_of(spec, op)), text(field)))
                    .collect(),
            ),
        })
        .collect();
    Box::leak(Box::new(Vendor {
        id: text(&spec.id),
        name: text(&spec.name),
        servers: slice(servers),
        protocol: protocol(&spec.protocol),
        auth: slice(spec.auth.iter().map(|a| auth(spec, a)).collect()),
        state: slice(state),
        headers: slice(
            spec.headers
                .iter()
                .map(|h| kassa::ConfigHeader {
                    name: text(&h.name),
                    secret: h.secret,
                    optional: h.optional,
                    refused: h.refused.as_ref().map(answer),
                })
                .collect(),
        ),
        lifecycles: slice(spec.lifecycles.iter().map(|l| lifecycle(spec, l)).collect()),
        counters: slice(counters),
        revisions: texts(
            &spec
                .changelog
                .iter()
                .map(|r| r.version.clone())
                .collect::<Vec<_>>(),
        ),
    }))
}

/// What the derive makes of an operation, without its recovery.
fn info(spec: &Spec, op: &ir::Operation) -> OperationInfo {
    let placement = match &op.request {
        Body::Fields(fields) => fields
            .iter()
            .filter_map(|f| {
                let placed = match f.placement {
                    ir::Placement::Params => return None,
                    ir::Placement::Envelope => Placement::Envelope,
                    ir::Placement::Path => Placement::Path,
                    ir::Placement::Query => Placement::Query,
                    ir::Placement::Header => Placement::Header,
                };
                Some((text(&f.wire), placed))
            })
            .collect(),
        _ => Vec::new(),
    };
    OperationInfo {
        name: text(&op.name),
        wire: text(&op.wire),
        wire_aliases: texts(&op.wire_aliases),
        http: op
            .http
            .as_ref()
            .and_then(|(method, path)| Method::parse(method).map(|m| (m, text(path)))),
        placement: slice(placement),
        lists: match &op.request {
            Body::Fields(fields) => slice(
                fields
                    .iter()
                    .filter_map(|f| {
                        let style = match f.style? {
                            kassa_codegen::read::model::ListStyle::Repeated => {
                                kassa::ListStyle::Repeated
                            }
                            kassa_codegen::read::model::ListStyle::Comma => kassa::ListStyle::Comma,
                            kassa_codegen::read::model::ListStyle::Brackets => {
                                kassa::ListStyle::Brackets
                            }
                        };
                        Some((text(&f.wire), style))
                    })
                    .collect(),
            ),
            _ => &[],
        },
        params: match &op.request {
            Body::Fields(fields) => slice(
                fields
                    .iter()
                    .filter(|f| f.placement == ir::Placement::Params)
                    .map(|f| text(&f.wire))
                    .collect(),
            ),
            _ => &[],
        },
        reply: match op.reply {
            ir::Reply::Json => kassa::ReplyKind::Json,
            ir::Reply::JsonOrEmpty => kassa::ReplyKind::JsonOrEmpty,
            ir::Reply::Text => kassa::ReplyKind::Text,
            ir::Reply::Binary => kassa::ReplyKind::Binary,
            ir::Reply::Empty => kassa::ReplyKind::Empty,
        },
        content_type: op.content_type.as_deref().map(text),
        rpc_params: op.rpc_by_position.map(|p| {
            if p {
                kassa::RpcParams::ByPosition
            } else {
                kassa::RpcParams::ByName
            }
        }),
        servers: texts(&op.servers),
        idempotency: op.idempotency.as_ref().map(|i| Idempotency {
            field: text(&i.field),
            mint: match i.mint {
                ir::Mint::UuidV4 => kassa::Mint::UuidV4,
                ir::Mint::Caller => kassa::Mint::Caller,
            },
            dedup: match i.dedup {
                ir::Dedup::Replay => kassa::Dedup::Replays,
                ir::Dedup::Reject => kassa::Dedup::Rejects,
                ir::Dedup::None => kassa::Dedup::NotChecked,
            },
        }),
        safe_to_retry: op.safe_to_retry,
        fiscal: op.fiscal,
        recovery: None,
        not_modified: op.not_modified,
        since: op.since.as_deref().map(text),
        field_since: revisions(&op.request, |f| f.since.as_deref()),
        until: op.until.as_deref().map(text),
        field_until: revisions(&op.request, |f| f.until.as_deref()),
        reply_beside: texts(
            &spec
                .reply_fields_beside(op)
                .iter()
                .map(|f| f.wire.clone())
                .collect::<Vec<_>>(),
        ),
        set_beside: (!spec.reply_fields_beside(op).is_empty())
            .then(kassa::codec::SetBeside::of::<Value>),
    }
}

fn unchanged(v: Value) -> Result<Value, DecodeError> {
    Ok(v)
}

fn no_sample() -> Value {
    Value::Null
}

fn unclassified(_: Option<&Code>, message: Option<&str>) -> kassa::Classified {
    kassa::Classified {
        name: "Unclassified",
        text: message.unwrap_or_default().to_owned(),
    }
}

/// The operation table of `spec`, in the spec's order. Without generated
/// types, parameters and payloads pass as they are; the samples come from
/// [`super::sample`].
pub fn operations(spec: &Spec) -> &'static [OperationEntry] {
    let plain: Vec<&'static OperationInfo> = spec
        .operations
        .iter()
        .map(|op| &*Box::leak(Box::new(info(spec, op))))
        .collect();
    let entries = spec
        .operations
        .iter()
        .zip(&plain)
        .map(|(op, own)| {
            let mut info = **own;
            info.recovery = op.recovery.as_ref().and_then(|r| {
                let read = spec.operations.iter().position(|o| o.name == r.operation)?;
                let test = match &r.test {
                    ir::Test::Equals(f) => Test::Equals(text(f)),
                    ir::Test::DiffersFrom(f) => Test::DiffersFrom(text(f)),
                    ir::Test::In(v) => Test::In(codes(v)),
                    ir::Test::NotIn(v) => Test::NotIn(codes(v)),
                };
                let recovery: &'static Recovery = Box::leak(Box::new(Recovery {
                    operation: plain[read],
                    request: slice(
                        r.request
                            .iter()
                            .map(|(field, source)| (text(field), text(source)))
                            .collect(),
                    ),
                    field: text(&r.field),
                    test,
                }));
                Some(recovery)
            });
            OperationEntry {
                info,
                request: unchanged,
                response: unchanged,
                sample_response: no_sample,
                classify: unclassified,
                direct_path: |_| None,
            }
        })
        .collect();
    slice(entries)
}

/// The request fields that name a revision (`since`, `until`), with it.
fn revisions(
    request: &Body,
    revision: impl Fn(&ir::Field) -> Option<&str>,
) -> &'static [(&'static str, &'static str)] {
    match request {
        Body::Fields(fields) => slice(
            fields
                .iter()
                .filter_map(|f| Some((text(&f.wire), text(revision(f)?))))
                .collect(),
        ),
        _ => &[],
    }
}
