//! What the client does to a body between the socket and the caller, as two
//! functions. They reproduce `runtime/src/client/` (`Client::prepare`,
//! `attempt_auth`, `request`, `exchange`) step by step without the network, so a codec
//! rewrite changes these two functions and nothing else in the bench.

use std::borrow::Cow;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use kassa::codec::{self, AuthValues};
use kassa::{Operation, Vendor};

/// The client refuses bodies longer than this (`MAX_BODY` in the client).
const MAX_BODY: usize = 32 * 1024 * 1024;

/// Bytes received with HTTP `status` → the operation's typed response, the
/// way `Client::exchange` gets there: one pass from bytes into the caller's
/// slot (`codec::decode_response_into`).
pub fn client_path_decode<O: Operation>(
    vendor: &'static Vendor,
    status: u16,
    bytes: &[u8],
) -> Result<O::Response, String> {
    if bytes.len() > MAX_BODY {
        return Err("the response is too large".into());
    }
    let mut slot = None;
    codec::decode_response_into::<O::Response>(vendor, &O::INFO, status, bytes, &mut slot)
        .map_err(|f| format!("{f:?}"))?;
    slot.ok_or_else(|| "not modified".into())
}

/// A request on the wire: URL, headers and body bytes (handed to reqwest
/// as they are: the client does not check them as UTF-8 again).
pub struct Wire {
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What a logged-in client holds between calls (credentials, token, state
/// headers), lent under a lock to every attempt as `Client::request` does.
pub struct Session {
    /// The server's URL, parsed once as the client parses it.
    pub base: reqwest::Url,
    pub auth: Mutex<AuthValues<'static>>,
    pub rpc_id: AtomicU64,
}

impl Session {
    pub fn new(base: &str, auth: AuthValues<'static>) -> Session {
        Session {
            base: reqwest::Url::parse(base).expect("a base URL"),
            auth: Mutex::new(auth),
            rpc_id: AtomicU64::new(0),
        }
    }
}

/// `held`'s values lent to one attempt, with its JSON-RPC id: no copy.
fn lend<'a>(held: &'a AuthValues<'_>, rpc_id: u64) -> AuthValues<'a> {
    AuthValues {
        username: held.username.as_deref().map(Cow::Borrowed),
        password: held.password.as_deref().map(Cow::Borrowed),
        token: held.token.as_deref().map(Cow::Borrowed),
        session: held.session.as_deref().map(Cow::Borrowed),
        api_key: held.api_key.as_deref().map(Cow::Borrowed),
        secret_key: held.secret_key.as_deref().map(Cow::Borrowed),
        nonce: held.nonce,
        context: Cow::Borrowed(&held.context),
        state: Cow::Borrowed(&held.state),
        rpc_id,
        rpc_by_position: held.rpc_by_position,
        route: held
            .route
            .as_ref()
            .map(|(method, path)| (*method, Cow::Borrowed(&**path))),
    }
}

/// A typed request → the URL, headers and body bytes handed to reqwest, the
/// way `Client::prepare` and `request` get there: validate, serialize once
/// into JSON text (`codec::Prepared`, key minted on the way), then per
/// attempt the envelope written around the parameters under the lock, from
/// the auth values lent to it (`Prepared::outgoing`).
pub fn client_path_encode<O: Operation>(
    vendor: &'static Vendor,
    session: &Session,
    request: &O,
) -> Result<Wire, String> {
    request.validate().map_err(|e| e.to_string())?;
    let (prepared, key) =
        codec::Prepared::new(vendor, &O::INFO, request).map_err(|e| e.to_string())?;
    std::hint::black_box(&key);
    let held = session.auth.lock().unwrap_or_else(|p| p.into_inner());
    let rpc_id = session.rpc_id.fetch_add(1, Ordering::SeqCst) + 1;
    let wire = prepared.outgoing(vendor, &O::INFO, &lend(&held, rpc_id));
    drop(held);
    let wire = wire.map_err(|e| e.to_string())?;
    let url = codec::request_url(&session.base, &wire.path, &wire.query).into();
    let mut headers = wire.headers;
    let body = match wire.body {
        Some((content_type, bytes)) => {
            headers.push(("Content-Type".into(), content_type.into()));
            bytes
        }
        None => Vec::new(),
    };
    Ok(Wire { url, headers, body })
}
