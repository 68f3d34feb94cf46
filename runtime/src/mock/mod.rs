//! An example server: answers a vendor's operations over real HTTP, from
//! the vendor's [`Vendor`] description and operation table.
//!
//! It reads requests with [`codec::decode_request`] and writes answers with
//! [`codec::encode_success`] / [`codec::encode_failure`] (the same code the
//! client uses the other way round), serves canned examples, and simulates
//! the vendor's auth schemes (bearer tokens that expire, session logins,
//! state headers). For tests, and to develop against without the vendor.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};
use tokio::sync::oneshot;

use crate::codec::{self, WireBody, WireRequest, value_to_text};
use crate::{Auth, Code, Method, OperationEntry, OperationInfo, Protocol, ReplyKind, Vendor};

/// Request bodies larger than this are refused.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// A response the server sends as it is: HTTP status, JSON body, headers.
#[derive(Clone, Debug, PartialEq)]
pub struct Canned {
    pub status: u16,
    pub body: Value,
    pub headers: Vec<(String, String)>,
}

impl Canned {
    /// HTTP 200 with this body and no extra headers.
    pub fn ok(body: Value) -> Canned {
        Canned {
            status: 200,
            body,
            headers: Vec::new(),
        }
    }
}

/// One request the server received, and what it answered.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: Method,
    /// The URL path as received (`/clientapi/v1/login`).
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: WireBody,
    /// The wire name of the decoded operation; `None` when undecodable.
    pub operation: Option<&'static str>,
    /// The parameters as [`codec::decode_request`] read them.
    pub params: Option<Value>,
    /// Auth fields found in the body (credentials, nonce, signature, session).
    pub auth: Map<String, Value>,
    /// What the server answered (status 400 with a text reason in
    /// `body` as a JSON string for an undecodable request).
    pub response: Canned,
}

impl Recorded {
    /// The value of a request header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The value of a response header (case-insensitive name).
    pub fn response_header(&self, name: &str) -> Option<&str> {
        find_header(&self.response.headers, name)
    }

    /// A form field or top-level JSON body field, as text.
    pub fn body_field(&self, name: &str) -> Option<String> {
        match &self.body {
            WireBody::Form(fields) => fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone()),
            WireBody::Json(Value::Object(map)) => map.get(name).and_then(value_to_text),
            _ => None,
        }
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

struct Example {
    wire: &'static str,
    /// Parameters of the example request, normalised through the request type.
    params: Option<Value>,
    /// The example request as given.
    request: Option<Value>,
    response: Canned,
}

struct Inner {
    examples: Vec<Example>,
    queued: Vec<(&'static str, VecDeque<Canned>)>,
    requests: Vec<Recorded>,
    /// Whether requests are kept for [`MockServer::requests`].
    record: bool,
    tokens_issued: u64,
    /// The current token and when it was issued.
    token: Option<(String, Duration)>,
    sessions_issued: u64,
    /// Sessions handed out, with when.
    sessions: HashMap<String, Duration>,
    memory: state::Memory,
    lives: lifecycle::Lives,
    /// Whether lifecycles and counters are kept.
    keep_state: bool,
    /// The simulator's clock: real time since the start, plus what
    /// [`MockServer::advance`] added.
    started: Instant,
    advanced: Duration,
    faults: Option<(FaultPlan, faults::Dice)>,
    injected: BTreeMap<Fault, u64>,
}

impl Default for Inner {
    fn default() -> Self {
        Inner {
            examples: Vec::new(),
            queued: Vec::new(),
            requests: Vec::new(),
            record: true,
            tokens_issued: 0,
            token: None,
            sessions_issued: 0,
            sessions: HashMap::new(),
            memory: state::Memory::default(),
            lives: lifecycle::Lives::default(),
            keep_state: true,
            started: Instant::now(),
            advanced: Duration::ZERO,
            faults: None,
            injected: BTreeMap::new(),
        }
    }
}

impl Inner {
    /// The simulator's clock.
    fn now(&self) -> Duration {
        self.started.elapsed() + self.advanced
    }
}

struct Shared {
    vendor: &'static Vendor,
    ops: &'static [OperationEntry],
    infos: Vec<OperationInfo>,
    /// The answer of each operation that has no example, in `ops`' order.
    samples: Vec<Value>,
    inner: Mutex<Inner>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The payload that answers `entry` when no example does.
    fn sample(&self, entry: &OperationEntry) -> Value {
        self.ops
            .iter()
            .position(|e| std::ptr::eq(e, entry))
            .and_then(|i| self.samples.get(i).cloned())
            .unwrap_or(Value::Null)
    }

    fn entry(&self, wire: &str) -> &'static OperationEntry {
        OperationEntry::find(self.ops, wire)
            .unwrap_or_else(|| panic!("{} has no operation `{wire}`", self.vendor.name))
    }
}

/// An example server for one vendor on `127.0.0.1` (a random port); shut
/// down when dropped.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("vendor", &self.shared.vendor.id)
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts the server on a Tokio runtime, on a free port of 127.0.0.1.
    pub async fn start(
        vendor: &'static Vendor,
        ops: &'static [OperationEntry],
    ) -> std::io::Result<MockServer> {
        MockServer::start_at(([127, 0, 0, 1], 0).into(), vendor, ops, None).await
    }

    /// Starts the server on `addr` (port 0: a free one). `samples`, one per
    /// operation in `ops`' order, answer the operations that have no
    /// example instead of the payloads the entries' `sample_response`
    /// builds (for tables made without generated types).
    pub async fn start_at(
        addr: SocketAddr,
        vendor: &'static Vendor,
        ops: &'static [OperationEntry],
        samples: Option<Vec<Value>>,
    ) -> std::io::Result<MockServer> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let samples =
            samples.unwrap_or_else(|| ops.iter().map(|e| (e.sample_response)()).collect());
        let shared = Arc::new(Shared {
            vendor,
            ops,
            infos: ops.iter().map(|e| e.info).collect(),
            samples,
            inner: Mutex::new(Inner::default()),
        });
        let app = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&shared));
        let (tx, rx) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = rx.await;
                })
                .await;
            if let Err(e) = served {
                tracing::warn!("example server stopped: {e}");
            }
        });
        Ok(MockServer {
            addr,
            shared,
            shutdown: Some(tx),
        })
    }

    /// `http://HOST:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Serves `response` for the operation `wire` (wire name, alias or Rust
    /// name). With a `request`, it is served when the call's parameters
    /// equal the example request's; otherwise the operation's first
    /// example is served.
    ///
    /// Panics when the vendor has no such operation.
    pub fn example(&self, wire: &str, request: Option<Value>, response: Canned) {
        let entry = self.shared.entry(wire);
        let params = request
            .as_ref()
            .and_then(|r| example_params(self.shared.vendor, self.shared.ops, entry.info.wire, r));
        self.shared.lock().examples.push(Example {
            wire: entry.info.wire,
            params: params.map(|p| normalise(entry, p)),
            request,
            response,
        });
    }

    /// The next call of the operation gets `response` (before any example).
    pub fn respond_once(&self, wire: &str, response: Canned) {
        let wire = self.shared.entry(wire).info.wire;
        let mut inner = self.shared.lock();
        match inner.queued.iter_mut().find(|(w, _)| *w == wire) {
            Some((_, queue)) => queue.push_back(response),
            None => inner.queued.push((wire, VecDeque::from([response]))),
        }
    }

    /// The current bearer token and every session stop being valid (the
    /// next call with one is refused as the vendor refuses it).
    pub fn expire_tokens(&self) {
        let mut inner = self.shared.lock();
        inner.token = None;
        inner.sessions.clear();
    }

    /// Whether the lifecycles and counters the spec declares are kept (on
    /// by default). Off, every operation is answered from its examples in
    /// any order and no answer is changed: for tests of the wire format
    /// rather than of the vendor's behaviour.
    pub fn keep_state(&self, on: bool) {
        self.shared.lock().keep_state = on;
    }

    /// Moves the simulator's clock forward: shifts and sessions expire as
    /// if `by` had passed (also `POST /_kassa/advance?seconds=N`).
    pub fn advance(&self, by: Duration) {
        self.shared.lock().advanced += by;
    }

    /// The lifecycles' instances and the counters, now (also served as
    /// JSON at `GET /_kassa/state`).
    pub fn state(&self) -> Snapshot {
        let mut inner = self.shared.lock();
        let now = inner.now();
        inner.lives.snapshot(self.shared.vendor, now)
    }

    /// Injects faults into the requests that follow (see [`FaultPlan`]).
    pub fn inject(&self, plan: FaultPlan) {
        let dice = faults::Dice::new(plan.seed);
        self.shared.lock().faults = Some((plan, dice));
    }

    /// Stops injecting faults.
    pub fn heal(&self) {
        self.shared.lock().faults = None;
    }

    /// How many faults of each kind were injected so far.
    pub fn injected(&self) -> Vec<(Fault, u64)> {
        let inner = self.shared.lock();
        inner.injected.iter().map(|(f, n)| (*f, *n)).collect()
    }

    /// The documents fiscal operations created, in order (also served as
    /// JSON at `GET /_kassa/documents`).
    pub fn documents(&self) -> Vec<Document> {
        self.shared.lock().memory.documents.clone()
    }

    /// Whether to keep every request for [`MockServer::requests`] (on by
    /// default; turn it off for long simulations).
    pub fn record_requests(&self, on: bool) {
        let mut inner = self.shared.lock();
        inner.record = on;
        if !on {
            inner.requests.clear();
        }
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// Forgets the requests received so far.
    pub fn clear_requests(&self) {
        self.shared.lock().requests.clear();
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// The parameters of an example request of the operation `wire`, as
/// [`codec::decode_request`] reads them: the whole body for envelope and
/// JSON-RPC vendors, the parameter object itself for REST and form vendors
/// (whose examples show the fields, path and query values included).
pub fn example_params(
    vendor: &Vendor,
    ops: &[OperationEntry],
    wire: &str,
    request: &Value,
) -> Option<Value> {
    match &vendor.protocol {
        Protocol::Rest { .. } | Protocol::Form { .. } => Some(request.clone()),
        Protocol::JsonEnvelope { .. } | Protocol::JsonRpc { .. } => {
            let infos: Vec<OperationInfo> = ops.iter().map(|e| e.info).collect();
            let wire_req = WireRequest {
                method: Method::Post,
                path: String::new(),
                query: Vec::new(),
                headers: Vec::new(),
                body: WireBody::Json(request.clone()),
            };
            let decoded = codec::decode_request(vendor, &infos, &wire_req).ok()?;
            let entry = OperationEntry::find(ops, wire)?;
            (infos[decoded.operation].wire == entry.info.wire).then_some(decoded.params)
        }
    }
}

/// Parameters decoded with the request type and encoded again, so values
/// that differ only in spelling (`"5"` and `5`, `1.0` and `1`) compare equal.
fn normalise(entry: &OperationEntry, params: Value) -> Value {
    (entry.request)(params.clone()).unwrap_or(params)
}

fn text_response(status: u16, text: String) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "text/plain; charset=utf-8")
        .body(Body::from(text))
        .unwrap_or_default()
}

/// A successful reply that is not JSON, as canned: text (a JSON string),
/// bytes (base64 in a JSON string) or nothing (`null`).
enum Raw<'a> {
    Text(&'a str),
    Base64(&'a str),
    Nothing,
}

impl Raw<'_> {
    /// The bytes sent.
    fn bytes(self) -> Vec<u8> {
        match self {
            Raw::Text(text) => text.as_bytes().to_vec(),
            Raw::Base64(text) => crate::Base64::decode(text).map(|b| b.0).unwrap_or_default(),
            Raw::Nothing => Vec::new(),
        }
    }
}

/// `canned` as a [raw reply](Raw) of `info`, with its content type; `None`:
/// the canned body is sent as JSON.
fn raw_reply<'a>(info: &OperationInfo, canned: &'a Canned) -> Option<(&'static str, Raw<'a>)> {
    if !(200..300).contains(&canned.status) {
        return None;
    }
    match (info.reply, &canned.body) {
        (ReplyKind::Text, Value::String(text)) => Some((
            info.content_type.unwrap_or("text/plain; charset=utf-8"),
            Raw::Text(text),
        )),
        (ReplyKind::Binary, Value::String(text)) => Some((
            info.content_type.unwrap_or("application/octet-stream"),
            Raw::Base64(text),
        )),
        (ReplyKind::Empty | ReplyKind::JsonOrEmpty, Value::Null) => {
            Some(("text/plain", Raw::Nothing))
        }
        _ => None,
    }
}

/// Whether the client reads `canned` as `info`'s request done (applied, and
/// not "not modified"): a raw reply is; JSON is read as the client reads
/// it, from the value itself.
fn applies(vendor: &Vendor, info: &OperationInfo, canned: &Canned) -> bool {
    raw_reply(info, canned).is_some()
        || codec::answer_of(vendor, canned.status, &canned.body)
            .is_some_and(|a| a != codec::Answer::NotModified)
}

/// The answer as `info` replies: a [raw reply](Raw) as its bytes, anything
/// else as JSON. The body is written once, here.
fn response(info: &OperationInfo, canned: &Canned) -> Response {
    match raw_reply(info, canned) {
        Some((content_type, raw)) => with_headers(canned, raw.bytes(), content_type),
        None => json_response(canned),
    }
}

fn json_response(canned: &Canned) -> Response {
    let body = serde_json::to_vec(&canned.body).unwrap_or_default();
    with_headers(canned, body, "application/json; charset=utf-8")
}

/// `body` sent with `canned`'s status and headers; `content_type` unless
/// they name their own.
fn with_headers(canned: &Canned, body: Vec<u8>, content_type: &'static str) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::from_u16(canned.status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    for (name, value) in &canned.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.append(name, value);
        }
    }
    if !headers.contains_key(CONTENT_TYPE) {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    response
}

/// Reads the HTTP request into a [`WireRequest`]; `Err` with the reason
/// (and what could be read) when it cannot be.
async fn read_request(req: Request) -> (WireRequest, Result<(), String>) {
    let (parts, body) = req.into_parts();
    let method = Method::parse(parts.method.as_str());
    let path = parts.uri.path().to_owned();
    let query: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let mut wire = WireRequest {
        method: method.unwrap_or(Method::Get),
        path,
        query,
        headers,
        body: WireBody::None,
    };
    let Some(_) = method else {
        return (wire, Err(format!("unsupported method {}", parts.method)));
    };
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(e) => return (wire, Err(format!("cannot read the body: {e}"))),
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return (wire, Ok(()));
    }
    let content_type = wire
        .header("content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        wire.body = WireBody::Form(form_urlencoded::parse(&bytes).into_owned().collect());
        return (wire, Ok(()));
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v) => {
            wire.body = WireBody::Json(v);
            (wire, Ok(()))
        }
        Err(e) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            wire.body = WireBody::Json(Value::String(text));
            (wire, Err(format!("the body is not JSON: {e}")))
        }
    }
}

/// The simulator's own view of what it holds, and its clock.
fn inspect(shared: &Shared, path: &str, query: Option<&str>) -> Option<Response> {
    let body = match path {
        "/_kassa/documents" => {
            let documents = shared.lock().memory.documents.clone();
            serde_json::to_value(&documents).unwrap_or(Value::Null)
        }
        "/_kassa/state" => {
            let mut inner = shared.lock();
            let now = inner.now();
            let snapshot = inner.lives.snapshot(shared.vendor, now);
            serde_json::to_value(&snapshot).unwrap_or(Value::Null)
        }
        "/_kassa/advance" => {
            let seconds = query
                .map(|q| form_urlencoded::parse(q.as_bytes()))
                .and_then(|mut q| q.find(|(k, _)| k == "seconds"))
                .and_then(|(_, v)| v.parse::<u64>().ok());
            let Some(seconds) = seconds else {
                return Some(text_response(
                    400,
                    "give the seconds to advance: /_kassa/advance?seconds=86400".to_owned(),
                ));
            };
            let mut inner = shared.lock();
            inner.advanced += Duration::from_secs(seconds);
            serde_json::json!({ "clock_secs": inner.now().as_secs() })
        }
        _ => return None,
    };
    Some(json_response(&Canned::ok(body)))
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    if let Some(response) = inspect(&shared, req.uri().path(), req.uri().query()) {
        return response;
    }
    let (wire, read) = read_request(req).await;
    let decoded = read.map_err(|reason| (reason, None)).and_then(|()| {
        codec::decode_request(shared.vendor, &shared.infos, &wire)
            .map_err(|e| (e.to_string(), Some(e.path)))
    });
    let decoded = match decoded {
        Ok(d) => d,
        Err((reason, at)) => {
            let answer = malformed(shared.vendor, &shared.infos, &wire, &reason, at.as_deref());
            shared.lock().requests.push(Recorded {
                method: wire.method,
                path: wire.path,
                query: wire.query,
                headers: wire.headers,
                body: wire.body,
                operation: None,
                params: None,
                auth: Map::new(),
                response: answer.clone().unwrap_or(Canned {
                    status: 400,
                    body: Value::String(reason.clone()),
                    headers: Vec::new(),
                }),
            });
            return match answer {
                Some(canned) => json_response(&canned),
                None => text_response(400, reason),
            };
        }
    };
    let info = shared.infos[decoded.operation];
    match serve(&shared, wire, decoded) {
        Served::Answer(canned) => response(&info, &canned),
        Served::Before(fault) => faults::before(fault),
        Served::After(canned, fault, plan) => {
            faults::after(fault, &plan, response(&info, &canned)).await
        }
    }
}

/// The vendor's answer to a request it cannot read, where its protocol
/// has one: a REST vendor that tells failures by the HTTP status answers
/// 400 in its envelope; a JSON-RPC server, the standard "invalid request"
/// or "method not found". Others document none (`None`: plain text).
fn malformed(
    vendor: &Vendor,
    infos: &[OperationInfo],
    wire: &WireRequest,
    reason: &str,
    at: Option<&str>,
) -> Option<Canned> {
    let info = infos.first()?;
    let code = match &vendor.protocol {
        Protocol::Rest { response } if response.error_from_http => Code::Int(400),
        Protocol::JsonRpc { .. } if at == Some("method") => Code::Int(-32601),
        Protocol::JsonRpc { .. } => Code::Int(-32600),
        _ => return None,
    };
    // A JSON-RPC answer carries the request's id, where it has one.
    let id = match &wire.body {
        WireBody::Json(Value::Object(map)) => map.get("id"),
        _ => None,
    };
    let (status, body) = codec::encode_failure(vendor, info, &code, reason, id);
    Some(Canned {
        status,
        body,
        headers: Vec::new(),
    })
}

enum Served {
    Answer(Canned),
    /// A fault strikes before the request is applied.
    Before(Fault),
    /// The request is applied, then the fault spoils the answer.
    After(Canned, Fault, FaultPlan),
}

/// Everything done under the lock: the fault, the answer, the record.
fn serve(shared: &Shared, wire: WireRequest, decoded: codec::DecodedRequest) -> Served {
    let entry = &shared.ops[decoded.operation];
    let info = &entry.info;
    let rpc_id = decoded.rpc_id.as_ref();
    let mut inner = shared.lock();
    let fault = match &mut inner.faults {
        Some((plan, dice)) => dice.roll(plan).map(|f| (f, plan.clone())),
        None => None,
    };
    if let Some((fault, _)) = &fault {
        *inner.injected.entry(*fault).or_default() += 1;
        if !fault.applies() {
            return Served::Before(*fault);
        }
    }
    let canned = simulate(shared, &mut inner, entry, &wire, &decoded, rpc_id);
    if inner.record {
        inner.requests.push(Recorded {
            method: wire.method,
            path: wire.path,
            query: wire.query,
            headers: wire.headers,
            body: wire.body,
            operation: Some(info.wire),
            params: Some(decoded.params),
            auth: decoded.auth,
            response: canned.clone(),
        });
    }
    match fault {
        Some((fault, plan)) => Served::After(canned, fault, plan),
        None => Served::Answer(canned),
    }
}

/// The answer, with what the simulator remembers applied: credentials
/// checked, a repeated key replayed, a stale chained header or a lifecycle
/// refusal answered with the vendor's error, documents, states, counters
/// and chains updated.
fn simulate(
    shared: &Shared,
    inner: &mut Inner,
    entry: &OperationEntry,
    wire: &WireRequest,
    decoded: &codec::DecodedRequest,
    rpc_id: Option<&Value>,
) -> Canned {
    let vendor = shared.vendor;
    let info = &entry.info;
    let params = &decoded.params;
    if let Some(refused) = answer::authenticate(vendor, inner, info, wire, &decoded.auth, rpc_id) {
        return refused;
    }
    let now = inner.now();
    match inner
        .memory
        .admit(vendor, info, params, |h| wire.header(h).map(str::to_owned))
    {
        state::Admit::Replay(mut canned) => {
            if let (Some(envelope), Value::Object(body)) =
                (vendor.protocol.envelope(), &mut canned.body)
                && let (Some(field), Some(code)) =
                    (envelope.status_field, envelope.replayed.first())
            {
                body.insert(field.to_owned(), code.to_json());
            }
            canned
        }
        state::Admit::Stale(header) => answer::failure(
            vendor,
            info,
            &Code::Int(409),
            &format!("the {header} header is not the current one"),
            rpc_id,
        ),
        state::Admit::Go => {
            if inner.keep_state
                && let Some(refused) = inner.lives.refusal(vendor, info, params, now)
            {
                return answer::failure(vendor, info, &refused.code, refused.message, rpc_id);
            }
            let mut canned = answer(shared, inner, entry, wire, params, rpc_id);
            let recovered = inner.memory.recovered(vendor, info);
            if let Some(Value::Object(data)) = lifecycle::payload_mut(vendor, &mut canned.body)
                && !recovered.is_empty()
            {
                data.extend(recovered);
            }
            let applied = applies(vendor, info, &canned);
            if applied && inner.keep_state {
                let payload = lifecycle::payload_mut(vendor, &mut canned.body);
                inner.lives.apply(vendor, info, params, payload, now);
                if let Some(payload) = lifecycle::payload_mut(vendor, &mut canned.body) {
                    inner.lives.report(vendor, info, params, payload, now);
                }
            }
            if applied {
                let headers = inner.memory.apply(vendor, info, params, &canned);
                for (name, value) in headers {
                    canned
                        .headers
                        .retain(|(h, _)| !h.eq_ignore_ascii_case(&name));
                    canned.headers.push((name, value));
                }
            }
            canned
        }
    }
}

mod answer;
mod faults;
mod lifecycle;
mod state;
use answer::answer;
pub use faults::{Fault, FaultPlan};
pub use lifecycle::{Instance, Snapshot};
pub use state::Document;

#[cfg(test)]
mod tests;
