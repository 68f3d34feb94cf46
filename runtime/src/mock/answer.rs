//! Which response the example server sends, and the auth it simulates.

use std::time::Duration;

use super::*;

/// The vendor's answer to a request whose credentials, token or session
/// are missing, wrong or expired; `None` when it may go on. Token and
/// session lifetimes run on the simulator's clock. Credentials and sessions
/// are only checked where the spec declares the vendor's answer.
pub(super) fn authenticate(
    vendor: &'static Vendor,
    inner: &Inner,
    info: &OperationInfo,
    wire: &WireRequest,
    auth: &Map<String, Value>,
    rpc_id: Option<&Value>,
) -> Option<Canned> {
    let now = inner.now();
    let valid = |issued: Duration, lifetime: Option<u64>| {
        lifetime.is_none_or(|secs| now < issued + Duration::from_secs(secs))
    };
    let given = |field: &str| {
        auth.get(field)
            .and_then(value_to_text)
            .filter(|v| !v.is_empty())
    };
    for header in vendor.headers {
        if let Some(refused) = &header.refused
            && wire.header(header.name).is_none_or(str::is_empty)
        {
            return Some(failure(
                vendor,
                info,
                &refused.code,
                refused.message,
                rpc_id,
            ));
        }
    }
    for scheme in vendor.auth {
        let (ok, refused, fallback) = match scheme {
            Auth::Bearer {
                lifetime_secs,
                refused,
                ..
            } if !scheme.is_login(info.wire) => {
                let sent = wire
                    .header("authorization")
                    .and_then(|h| h.strip_prefix("Bearer "));
                let ok = match &inner.token {
                    Some((token, issued)) => {
                        sent == Some(token.as_str()) && valid(*issued, *lifetime_secs)
                    }
                    None => false,
                };
                (ok, refused, Some((Code::Int(401), "token is expired")))
            }
            Auth::Session {
                field,
                lifetime_secs,
                refused,
                ..
            } if !scheme.is_login(info.wire) => {
                let ok = given(field)
                    .and_then(|s| inner.sessions.get(&s))
                    .is_some_and(|issued| valid(*issued, *lifetime_secs));
                (ok, refused, None)
            }
            Auth::BodyCredentials {
                username,
                password,
                except,
                optional_for,
                refused,
            } if !except.contains(&info.wire) && !optional_for.contains(&info.wire) => {
                let ok = given(username).is_some() && given(password).is_some();
                (ok, refused, None)
            }
            _ => continue,
        };
        if ok {
            continue;
        }
        let (code, message) = match (refused, fallback) {
            (Some(a), _) => (a.code.clone(), a.message),
            (None, Some(fallback)) => fallback,
            (None, None) => continue,
        };
        return Some(failure(vendor, info, &code, message, rpc_id));
    }
    None
}

/// A failure answer of the vendor's protocol.
pub(super) fn failure(
    vendor: &Vendor,
    info: &OperationInfo,
    code: &Code,
    message: &str,
    rpc_id: Option<&Value>,
) -> Canned {
    let (status, body) = codec::encode_failure(vendor, info, code, message, rpc_id);
    Canned {
        status,
        body,
        headers: Vec::new(),
    }
}

/// Chooses the answer of an admitted request: the login's token or
/// session, a queued response, a matching example, the first example, or
/// the sample.
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
    let now = inner.now();
    let mut login_data = Map::new();
    for scheme in vendor.auth {
        match scheme {
            Auth::Bearer { token_field, .. } if scheme.is_login(info.wire) => {
                inner.tokens_issued += 1;
                let token = format!("mock-token-{}", inner.tokens_issued);
                inner.token = Some((token.clone(), now));
                login_data.insert((*token_field).to_owned(), Value::String(token));
            }
            Auth::Session { from, .. } if scheme.is_login(info.wire) => {
                inner.sessions_issued += 1;
                let session = format!("mock-session-{}", inner.sessions_issued);
                inner.sessions.insert(session.clone(), now);
                login_data.insert((*from).to_owned(), Value::String(session));
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
            let mut data = shared.sample(entry);
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
            let raw = match &wire.body {
                WireBody::Json(v) => Some(v),
                _ => None,
            };
            let mine = || inner.examples.iter().filter(|e| e.wire == info.wire);
            // Read through the request type only where an example has
            // parameters to compare with.
            let live = mine()
                .any(|e| e.params.is_some())
                .then(|| normalise(entry, params.clone()));
            let chosen = mine()
                .find(|e| {
                    (e.params.is_some() && e.params == live)
                        || (e.request.is_some() && e.request.as_ref() == raw)
                })
                .or_else(|| mine().next());
            match chosen {
                Some(e) => e.response.clone(),
                None => {
                    let (status, body) = codec::encode_success(
                        vendor,
                        info,
                        shared.sample(entry),
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
