//! Which response the example server sends, and the auth it simulates.

use super::*;

/// Chooses the answer: an auth failure, a queued response, the login's
/// token, a matching example, the first example, or the sample.
pub(super) fn answer(
    shared: &Shared,
    inner: &mut Inner,
    entry: &OperationEntry,
    wire: &WireRequest,
    params: &Value,
    rpc_id: Option<&Value>,
) -> Canned {
    let vendor = shared.vendor;
    let info = &entry.info;
    let mut login_data = Map::new();
    for scheme in vendor.auth {
        match scheme {
            Auth::Bearer {
                login, token_field, ..
            } => {
                if info.wire == *login {
                    inner.tokens_issued += 1;
                    let token = format!("mock-token-{}", inner.tokens_issued);
                    inner.token = Some(token.clone());
                    login_data.insert((*token_field).to_owned(), Value::String(token));
                } else {
                    let sent = wire
                        .header("authorization")
                        .and_then(|h| h.strip_prefix("Bearer "));
                    if sent.is_none() || sent != inner.token.as_deref() {
                        let (status, body) = codec::encode_failure(
                            vendor,
                            info,
                            &Code::Int(401),
                            "token is expired",
                            rpc_id,
                        );
                        return Canned {
                            status,
                            body,
                            headers: Vec::new(),
                        };
                    }
                }
            }
            Auth::Session { login, from, .. } if info.wire == *login => {
                inner.sessions_issued += 1;
                login_data.insert(
                    (*from).to_owned(),
                    Value::String(format!("mock-session-{}", inner.sessions_issued)),
                );
            }
            _ => {}
        }
    }
    let queued = inner
        .queued
        .iter_mut()
        .find(|(w, _)| *w == info.wire)
        .and_then(|(_, q)| q.pop_front());
    let mut canned = match queued {
        Some(c) => c,
        None if !login_data.is_empty() => {
            let mut data = (entry.sample_response)();
            match &mut data {
                Value::Object(map) => map.extend(login_data),
                other => *other = Value::Object(login_data),
            }
            let (status, body) = codec::encode_success(vendor, info, data, &Map::new(), rpc_id);
            Canned {
                status,
                body,
                headers: Vec::new(),
            }
        }
        None => {
            let live = normalise(entry, params.clone());
            let raw = match &wire.body {
                WireBody::Json(v) => Some(v),
                _ => None,
            };
            let mine = || inner.examples.iter().filter(|e| e.wire == info.wire);
            let chosen = mine()
                .find(|e| {
                    e.params.as_ref() == Some(&live)
                        || (e.request.is_some() && e.request.as_ref() == raw)
                })
                .or_else(|| mine().next());
            match chosen {
                Some(e) => e.response.clone(),
                None => {
                    let (status, body) = codec::encode_success(
                        vendor,
                        info,
                        (entry.sample_response)(),
                        &Map::new(),
                        rpc_id,
                    );
                    Canned {
                        status,
                        body,
                        headers: Vec::new(),
                    }
                }
            }
        }
    };
    // A JSON-RPC answer carries the id of its request.
    if let (Protocol::JsonRpc { .. }, Value::Object(map)) = (&vendor.protocol, &mut canned.body)
        && map.contains_key("id")
    {
        map.insert("id".to_owned(), rpc_id.cloned().unwrap_or(Value::Null));
    }
    canned
}
