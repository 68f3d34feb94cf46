//! What the client does to a body between the socket and the caller, as two
//! functions. They reproduce `runtime/src/client/mod.rs` (`call_fresh`,
//! `call_value`, `exchange`) step by step without the network, so a codec
//! rewrite changes these two functions and nothing else in the bench.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use kassa::codec::{self, AuthValues, WireBody};
use kassa::{Mint, Operation, OperationInfo, Vendor};
use serde_json::Value;

/// The client refuses bodies longer than this (`MAX_BODY` in the client).
const MAX_BODY: usize = 32 * 1024 * 1024;

/// Bytes received with HTTP `status` → the operation's typed response, the
/// way `Client::exchange` gets there: one pass from bytes into the response
/// type (`codec::decode_response_as`).
pub fn client_path_decode<O: Operation>(
    vendor: &'static Vendor,
    status: u16,
    bytes: &[u8],
) -> Result<O::Response, String> {
    if bytes.len() > MAX_BODY {
        return Err("the response is too large".into());
    }
    let typed = codec::decode_response_as::<O::Response>(vendor, &O::INFO, status, bytes)
        .map_err(|f| format!("{f:?}"))?;
    typed.data.ok_or_else(|| "not modified".into())
}

/// A request on the wire: URL, headers and body text.
pub struct Wire {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// What a logged-in client holds between calls (credentials, token, state
/// headers), read under a lock for every exchange as `Client::auth_values` does.
pub struct Session {
    pub base: String,
    pub auth: Mutex<AuthValues>,
    pub rpc_id: AtomicU64,
}

impl Session {
    pub fn new(base: &str, auth: AuthValues) -> Session {
        Session {
            base: base.to_owned(),
            auth: Mutex::new(auth),
            rpc_id: AtomicU64::new(0),
        }
    }

    fn auth_values(&self) -> AuthValues {
        let auth = self.auth.lock().unwrap_or_else(|p| p.into_inner());
        AuthValues {
            rpc_id: self.rpc_id.fetch_add(1, Ordering::SeqCst) + 1,
            ..auth.clone()
        }
    }
}

/// A typed request → the URL, headers and body text handed to reqwest, the
/// way `Client::call_fresh`, `call_value` and `exchange` get there today.
pub fn client_path_encode<O: Operation>(
    vendor: &'static Vendor,
    session: &Session,
    request: &O,
) -> Result<Wire, String> {
    // call_fresh
    request.validate().map_err(|e| e.to_string())?;
    let mut params = serde_json::to_value(request).map_err(|e| e.to_string())?;
    let key = mint_key(&O::INFO, &mut params);
    // the attempt loop keeps the parameters for a resend
    let kept = params.clone();
    std::hint::black_box((&kept, &key));
    // exchange
    let auth = session.auth_values();
    let wire = codec::encode_request(vendor, &O::INFO, params, &auth).map_err(|e| e.to_string())?;
    let mut url = if wire.path.is_empty() {
        session.base.clone()
    } else {
        format!("{}{}", session.base.trim_end_matches('/'), wire.path)
    };
    if !wire.query.is_empty() {
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&wire.query)
            .finish();
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&query);
    }
    let mut headers = wire.headers.clone();
    let body = match &wire.body {
        WireBody::None => String::new(),
        WireBody::Json(v) => {
            headers.push((
                "Content-Type".into(),
                "application/json; charset=utf-8".into(),
            ));
            String::from_utf8(serde_json::to_vec(v).unwrap_or_default()).unwrap_or_default()
        }
        WireBody::Form(fields) => {
            headers.push((
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            ));
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(fields)
                .finish()
        }
    };
    Ok(Wire { url, headers, body })
}

/// `mint_key` of the client: mints the idempotency key when the request
/// left it empty; returns the key the request carries.
fn mint_key(info: &OperationInfo, params: &mut Value) -> Option<String> {
    let kassa::Idempotency { field, mint, .. } = info.idempotency?;
    let map = params.as_object_mut()?;
    let empty = match map.get(field) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    };
    if empty && mint == Mint::UuidV4 {
        // The client mints a UUID v4 here; a fixed one of the same length
        // keeps the bench free of the uuid crate (the sale examples carry a key).
        map.insert(
            field.to_owned(),
            Value::String("00000000-0000-4000-8000-000000000000".into()),
        );
    }
    map.get(field).and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    })
}
