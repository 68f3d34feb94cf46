//! Responses: HTTP status + body → payload or vendor failure, and back.

use serde_json::{Map, Value};

use super::{Answer, Beside};
use crate::{Code, DecodeError, Envelope, OperationInfo, Protocol, Vendor};

/// A successful response, unwrapped from its envelope.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The payload (`null` when the response carries none).
    pub data: Value,
    /// The server said "not modified since your timestamp".
    pub not_modified: bool,
    /// The server answered a repeated idempotency key with the earlier result.
    pub replayed: bool,
    /// Envelope fields kept beside the payload (iCash `nonce`).
    pub extra: Map<String, Value>,
}

/// A response that is not a success.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The vendor reported an error.
    Vendor {
        code: Option<Code>,
        message: Option<String>,
        http_status: u16,
    },
    /// An HTTP status the protocol does not explain.
    Http { status: u16 },
    /// The body does not have the protocol's shape.
    Decode(DecodeError),
}

/// The typed details of a failure body: its member `field` (of the
/// `error` object, for JSON-RPC). `None` when absent or of another shape:
/// the error is still reported by its code and message.
pub fn failure_details<T: serde::de::DeserializeOwned>(
    protocol: &Protocol,
    field: &str,
    body: &str,
) -> Option<T> {
    let mut value: Value = serde_json::from_str(body).ok()?;
    if let Protocol::JsonRpc { .. } = protocol {
        value = value.get_mut("error")?.take();
    }
    serde_json::from_value(value.get_mut(field)?.take()).ok()
}

fn is_2xx(status: u16) -> bool {
    (200..300).contains(&status)
}

fn message_of(body: &Map<String, Value>, field: Option<&str>) -> Option<String> {
    field.and_then(|f| body.get(f)).and_then(|m| match m {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    })
}

/// What an envelope object says of its request: its HTTP status and status
/// field read as [`decode_response`] reads them. `body` is the text the
/// object was read from, for a decoding error's message.
fn envelope_answer(
    envelope: &Envelope,
    status: u16,
    map: &Map<String, Value>,
    body: &str,
) -> Result<Answer, Failure> {
    let decode_error =
        |path: &str, reason: &str| Failure::Decode(DecodeError::new(path, reason, body));
    if envelope.error_from_http && !is_2xx(status) {
        return Err(Failure::Vendor {
            code: Some(Code::Int(i64::from(status))),
            message: message_of(map, envelope.message_field),
            http_status: status,
        });
    }
    let Some(field) = envelope.status_field else {
        return if is_2xx(status) {
            Ok(Answer::Done)
        } else {
            Err(Failure::Http { status })
        };
    };
    let Some(raw) = map.get(field) else {
        return Err(if is_2xx(status) {
            decode_error(field, "missing the status field")
        } else {
            Failure::Http { status }
        });
    };
    let code = Code::from_json(raw)
        .ok_or_else(|| decode_error(field, "the status is neither an integer nor a string"))?;
    if envelope.is_not_modified(&code) {
        Ok(Answer::NotModified)
    } else if envelope.is_replayed(&code) {
        Ok(Answer::Replayed)
    } else if envelope.is_success(&code) {
        Ok(Answer::Done)
    } else {
        Err(Failure::Vendor {
            code: Some(code),
            message: message_of(map, envelope.message_field),
            http_status: status,
        })
    }
}

/// Whether a JSON-RPC response is a success: `Ok` where it carries its
/// `result`. `body` as for [`envelope_answer`].
fn rpc_answer(status: u16, parsed: &Value, body: &str) -> Result<(), Failure> {
    if let Some(error) = parsed.get("error").filter(|e| !e.is_null()) {
        let code = error.get("code").and_then(Code::from_json);
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_owned);
        return Err(Failure::Vendor {
            code,
            message,
            http_status: status,
        });
    }
    if !is_2xx(status) {
        return Err(Failure::Http { status });
    }
    match parsed.get("result") {
        Some(_) => Ok(()),
        None => Err(Failure::Decode(DecodeError::new(
            "",
            "a JSON-RPC response needs `result` or `error`",
            body,
        ))),
    }
}

/// What a response body held as JSON says of its request, read as
/// [`decode_response`] reads the same body as text, without writing it
/// out: `None` for a failure. The simulator's check of its own answers.
#[cfg(feature = "mock")]
pub(crate) fn answer_of(vendor: &Vendor, status: u16, body: &Value) -> Option<Answer> {
    match &vendor.protocol {
        Protocol::JsonEnvelope { response, .. }
        | Protocol::Rest { response }
        | Protocol::Form { response, .. } => {
            envelope_answer(response, status, body.as_object()?, "").ok()
        }
        Protocol::JsonRpc { .. } => rpc_answer(status, body, "").ok().map(|()| Answer::Done),
    }
}

fn decode_envelope(
    envelope: &Envelope,
    echo_field: Option<&str>,
    beside: &[&str],
    status: u16,
    body: &str,
) -> Result<Decoded, Failure> {
    let decode_error =
        |path: &str, reason: &str| Failure::Decode(DecodeError::new(path, reason, body));
    if body.trim().is_empty() {
        return if is_2xx(status) && envelope.status_field.is_none() && !envelope.error_from_http {
            Ok(Decoded {
                data: Value::Null,
                not_modified: false,
                replayed: false,
                extra: Map::new(),
            })
        } else if is_2xx(status) {
            Err(decode_error("", "the response body is empty"))
        } else {
            Err(Failure::Http { status })
        };
    }
    let parsed: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(_) if !is_2xx(status) => return Err(Failure::Http { status }),
        Err(e) => return Err(decode_error("", &format!("the response is not JSON: {e}"))),
    };
    let Value::Object(map) = parsed else {
        return if is_2xx(status) {
            Err(decode_error("", "expected a JSON object"))
        } else {
            Err(Failure::Http { status })
        };
    };
    let answer = envelope_answer(envelope, status, &map, body)?;
    let (not_modified, replayed) = (answer == Answer::NotModified, answer == Answer::Replayed);
    let mut extra = Map::new();
    for field in envelope.extra_fields {
        if let Some(v) = map.get(*field) {
            extra.insert((*field).to_owned(), v.clone());
        }
    }
    let data = match envelope.data_field {
        Some(field) => {
            let mut data = map.get(field).cloned().unwrap_or(Value::Null);
            // Payload fields sent beside the payload, where it lacks them
            // (or has them null): the one pass's rule for JSON payloads.
            for name in beside {
                if let Some(v) = map.get(*name) {
                    data.set_beside(name, v.clone());
                }
            }
            data
        }
        None => {
            let mut rest = map;
            for field in envelope
                .status_field
                .iter()
                .chain(&envelope.message_field)
                .chain(&echo_field)
            {
                rest.remove(*field);
            }
            for field in envelope.extra_fields {
                rest.remove(*field);
            }
            Value::Object(rest)
        }
    };
    Ok(Decoded {
        data,
        not_modified,
        replayed,
        extra,
    })
}

fn decode_rpc(status: u16, body: &str) -> Result<Decoded, Failure> {
    let parsed: Value = match serde_json::from_str(body) {
        Ok(v) => v,
        Err(_) if !is_2xx(status) => return Err(Failure::Http { status }),
        Err(e) => {
            return Err(Failure::Decode(DecodeError::new(
                "",
                format!("the response is not JSON: {e}"),
                body,
            )));
        }
    };
    rpc_answer(status, &parsed, body)?;
    Ok(Decoded {
        data: parsed.get("result").cloned().unwrap_or(Value::Null),
        not_modified: false,
        replayed: false,
        extra: Map::new(),
    })
}

/// Reads a response of `info` from its HTTP status and body.
pub fn decode_response(
    vendor: &Vendor,
    info: &OperationInfo,
    status: u16,
    body: &str,
) -> Result<Decoded, Failure> {
    match &vendor.protocol {
        Protocol::JsonEnvelope {
            operation_field,
            echo_operation,
            response,
            ..
        } => decode_envelope(
            response,
            echo_operation.then_some(*operation_field),
            info.reply_beside,
            status,
            body,
        ),
        Protocol::Rest { response } | Protocol::Form { response, .. } => {
            decode_envelope(response, None, info.reply_beside, status, body)
        }
        Protocol::JsonRpc { .. } => decode_rpc(status, body),
    }
}

fn envelope_body(
    envelope: &Envelope,
    echo: Option<(&str, &str)>,
    status: Option<&Code>,
    message: Option<&str>,
    data: Value,
    extra: &Map<String, Value>,
) -> Value {
    let mut body = Map::new();
    if let Some((field, wire)) = echo {
        body.insert(field.to_owned(), wire.into());
    }
    if let (Some(field), Some(code)) = (envelope.status_field, status) {
        body.insert(field.to_owned(), code.to_json());
    }
    if let (Some(field), Some(message)) = (envelope.message_field, message) {
        body.insert(field.to_owned(), message.into());
    }
    body.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    match (envelope.data_field, data) {
        (_, Value::Null) => {}
        (Some(field), data) => {
            body.insert(field.to_owned(), data);
        }
        (None, Value::Object(map)) => body.extend(map),
        (None, other) => {
            body.insert("data".to_owned(), other);
        }
    }
    Value::Object(body)
}

/// The HTTP status and body of a successful response carrying `data`, as
/// the vendor's server would send it.
pub fn encode_success(
    vendor: &Vendor,
    info: &OperationInfo,
    data: Value,
    extra: &Map<String, Value>,
    rpc_id: Option<&Value>,
) -> (u16, Value) {
    // Text, bytes (in base64) or nothing, without the envelope; the
    // example server sends them as they are.
    if matches!(
        info.reply,
        crate::ReplyKind::Text | crate::ReplyKind::Binary | crate::ReplyKind::Empty
    ) {
        return (200, data);
    }
    match &vendor.protocol {
        Protocol::JsonEnvelope {
            operation_field,
            echo_operation,
            response,
            ..
        } => {
            let echo = echo_operation.then_some((*operation_field, info.wire));
            (
                200,
                envelope_body(response, echo, response.success.first(), None, data, extra),
            )
        }
        Protocol::Rest { response } | Protocol::Form { response, .. } => {
            let message = response.message_field.map(|_| "OK");
            (
                200,
                envelope_body(
                    response,
                    None,
                    response.success.first(),
                    message,
                    data,
                    extra,
                ),
            )
        }
        Protocol::JsonRpc { .. } => {
            let mut body = Map::new();
            body.insert("jsonrpc".into(), "2.0".into());
            body.insert("result".into(), data);
            body.insert("id".into(), rpc_id.cloned().unwrap_or(Value::Null));
            (200, Value::Object(body))
        }
    }
}

/// The HTTP status and body of a vendor failure.
pub fn encode_failure(
    vendor: &Vendor,
    info: &OperationInfo,
    code: &Code,
    message: &str,
    rpc_id: Option<&Value>,
) -> (u16, Value) {
    match &vendor.protocol {
        Protocol::JsonEnvelope {
            operation_field,
            echo_operation,
            response,
            ..
        } => {
            let echo = echo_operation.then_some((*operation_field, info.wire));
            (
                200,
                envelope_body(
                    response,
                    echo,
                    Some(code),
                    Some(message),
                    Value::Null,
                    &Map::new(),
                ),
            )
        }
        Protocol::Rest { response } | Protocol::Form { response, .. } => {
            let status = match (response.error_from_http, code) {
                (true, Code::Int(c)) => u16::try_from(*c).unwrap_or(500),
                _ => 200,
            };
            (
                status,
                envelope_body(
                    response,
                    None,
                    Some(code),
                    Some(message),
                    Value::Null,
                    &Map::new(),
                ),
            )
        }
        Protocol::JsonRpc { .. } => {
            let body = serde_json::json!({
                "jsonrpc": "2.0",
                "error": {"code": code.to_json(), "message": message},
                "id": rpc_id.cloned().unwrap_or(Value::Null),
            });
            (200, body)
        }
    }
}
