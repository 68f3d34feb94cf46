//! The HTTP client every generated vendor client wraps.

use std::borrow::Cow;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use self::attempts::{Done, Failed};
use self::slot::Slot;
use crate::codec::{self, Answer, AuthValues, Failure, Prepared};
use crate::config::ConfigError;
use crate::{
    Auth, Config, DecodeError, Error, ErrorTable, Fresh, HttpError, InvalidRequest, Operation,
    OperationInfo, Redactor, Reply, Secret, TransportError, Vendor, VendorError,
};

/// Bodies longer than this are refused (a vendor answer is never this big).
const MAX_BODY: usize = 32 * 1024 * 1024;
/// How much of an unexplained body an [`HttpError`] keeps.
const KEPT_BODY: usize = 4096;
/// Bodies at least this long are decoded on a blocking thread, so that a
/// large answer never holds up an async worker.
const DECODE_ON_WORKER: usize = 256 * 1024;

/// A client for one vendor, driven by its [`Vendor`] description.
pub struct Client {
    vendor: &'static Vendor,
    config: Config,
    /// The server's URL, parsed once. Secret: it may carry a device key
    /// (HEADO); never printed.
    base: reqwest::Url,
    secrets: Vec<Secret>,
    http: reqwest::Client,
    state: Mutex<State>,
    last_nonce: AtomicU64,
    rpc_id: AtomicU64,
    login_lock: tokio::sync::Mutex<()>,
    /// The named server in use; `None` with an explicit base URL.
    server: Option<&'static str>,
    /// Requests with a [direct path](Operation::direct_path) may be sent
    /// from it: a REST vendor whose auth writes nothing into a body, and no
    /// revision to check requests against.
    direct: bool,
    /// The headers of `Config::header`, checked once.
    fixed_headers: reqwest::header::HeaderMap,
    /// The vendor logs in (a bearer token or a session).
    logs_in: bool,
    /// The wire names of the operations that log in, or send, set or
    /// recover a state header: the only ones a call must look up in the
    /// vendor's tables. Gathered once, so that every other call reads this
    /// short list and not the tables.
    stateful: Box<[&'static str]>,
}

#[derive(Default)]
struct State {
    token: Option<Secret>,
    /// The token as an `Authorization` header, built once per login for
    /// the requests sent from a direct path.
    bearer: Option<reqwest::header::HeaderValue>,
    session: Option<Secret>,
    headers: Vec<(String, String)>,
    /// Logins stored so far: which login a failed attempt was sent under.
    logins: u64,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("vendor", &self.vendor.id)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

fn resolve_base(vendor: &Vendor, config: &Config) -> Result<Secret, ConfigError> {
    if let Some(url) = &config.base_url {
        // `{name}` in an explicit URL is a configured variable too
        // (`http://127.0.0.1:8080/device/{auth_key}`).
        let mut url = url.expose().to_owned();
        for (name, value) in &config.variables {
            url = url.replace(&format!("{{{name}}}"), value.expose());
        }
        return Ok(Secret::new(url));
    }
    let server = match &config.server {
        Some(name) => vendor
            .servers
            .iter()
            .find(|s| s.name == name)
            .ok_or_else(|| {
                let names: Vec<&str> = vendor.servers.iter().map(|s| s.name).collect();
                ConfigError(format!(
                    "{} has no server `{name}`; its servers are: {}",
                    vendor.name,
                    names.join(", ")
                ))
            })?,
        None => vendor.servers.first().ok_or_else(|| {
            ConfigError(format!(
                "{} names no server; set Config::base_url",
                vendor.name
            ))
        })?,
    };
    let mut url = server.url.to_owned();
    for var in server.variables {
        let value = config
            .variables
            .iter()
            .find(|(n, _)| n == var.name)
            .map(|(_, v)| v.expose().to_owned())
            .or_else(|| var.default.map(str::to_owned))
            .ok_or_else(|| {
                ConfigError(format!(
                    "server `{}` of {} needs the variable `{}`; set Config::variable(\"{}\", ..)",
                    server.name, vendor.name, var.name, var.name
                ))
            })?;
        url = url.replace(&format!("{{{}}}", var.name), &value);
    }
    Ok(Secret::new(url))
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Refuses a request that sends what the vendor's revision `version` does
/// not have: an operation or field a later revision introduced, or one
/// that revision or an earlier one removed.
fn not_in_revision(
    vendor: &Vendor,
    info: &OperationInfo,
    version: &str,
    prepared: &Prepared,
) -> Result<(), InvalidRequest> {
    use std::cmp::Ordering::Greater;
    // `version` lacks what a later revision introduced (`removed`: false),
    // and what it or an earlier one removed (true).
    let lacks = |rev: &str, removed: bool| {
        let order = vendor.compare_revisions(rev, version);
        if removed {
            order.is_some_and(|o| o != Greater)
        } else {
            order == Some(Greater)
        }
    };
    let checks = [
        (info.since, info.field_since, false, "is new in"),
        (info.until, info.field_until, true, "was removed in"),
    ];
    for (op, fields, removed, did) in checks {
        if let Some(rev) = op.filter(|r| lacks(r, removed)) {
            let reason = format!(
                "`{}` {did} revision {rev}; the server runs {version} (Config::api_version)",
                info.wire
            );
            return Err(InvalidRequest::new("", reason));
        }
        if let Some((wire, rev)) = fields
            .iter()
            .find(|(w, r)| lacks(r, removed) && prepared.sends(w))
        {
            let reason = format!(
                "{did} revision {rev}; the server runs {version} (Config::api_version): leave it unset"
            );
            return Err(InvalidRequest::new(wire, reason));
        }
    }
    Ok(())
}

impl Client {
    /// A client for `vendor`; fails when the configuration lacks what the
    /// vendor's servers and auth schemes need.
    pub fn new(vendor: &'static Vendor, config: Config) -> Result<Client, ConfigError> {
        let resolved = resolve_base(vendor, &config)?;
        let server = match (&config.base_url, &config.server) {
            (Some(_), _) => None,
            (None, Some(name)) => vendor
                .servers
                .iter()
                .find(|s| s.name == name)
                .map(|s| s.name),
            (None, None) => vendor.servers.first().map(|s| s.name),
        };
        let base = reqwest::Url::parse(resolved.expose()).map_err(|e| {
            ConfigError(format!(
                "the server URL of {} is not a URL: {e}",
                vendor.name
            ))
        })?;
        if base.scheme() == "https" && !cfg!(feature = "rustls") {
            return Err(ConfigError(format!(
                "{} is reached over HTTPS; enable the `rustls` feature of kassa (or kassa-client)",
                vendor.name
            )));
        }
        let rpc = matches!(vendor.protocol, crate::Protocol::JsonRpc { .. });
        if !rpc && (config.rpc_params.is_some() || !config.rpc_params_for.is_empty()) {
            return Err(ConfigError(format!(
                "Config::rpc_params: {} is not a JSON-RPC API; its parameters have one form",
                vendor.name
            )));
        }
        if let Some(version) = &config.api_version
            && !vendor
                .revisions
                .iter()
                .any(|r| vendor.compare_revisions(r, version).is_some())
        {
            return Err(ConfigError(format!(
                "Config::api_version(\"{version}\"): {} documents the revisions {}; name one, \
                 or a dotted number",
                vendor.name,
                if vendor.revisions.is_empty() {
                    "of none".to_owned()
                } else {
                    vendor.revisions.join(", ")
                }
            )));
        }
        for (operation, path) in &config.paths {
            if !matches!(vendor.protocol, crate::Protocol::Rest { .. }) {
                return Err(ConfigError(format!(
                    "Config::path(\"{operation}\", …): {} is not a REST API; its operations \
                     have no paths",
                    vendor.name
                )));
            }
            crate::config::parse_route(path, crate::Method::Post).map_err(|e| {
                ConfigError(format!("Config::path(\"{operation}\", \"{path}\"): {e}"))
            })?;
        }
        for scheme in vendor.auth {
            let needs = match scheme {
                Auth::BodyCredentials { .. } if config.password.is_none() => {
                    Some("Config::credentials(user, password)")
                }
                Auth::Hmac { .. } if config.secret_key.is_none() => {
                    Some("Config::api_key(key, secret)")
                }
                Auth::Bearer { .. } | Auth::Session { .. } if config.login.is_none() => {
                    Some("Config::login(&LoginRequest { .. })")
                }
                _ => None,
            };
            if let Some(needs) = needs {
                return Err(ConfigError(format!(
                    "{} authenticates with {needs}",
                    vendor.name
                )));
            }
            if let (logins @ [_, ..], Some(login)) = (scheme.logins(), &config.login)
                && !logins.contains(&login.info.wire)
            {
                return Err(ConfigError(format!(
                    "{} logs in with {}; Config::login was given `{}`",
                    vendor.name,
                    logins.join(" or "),
                    login.info.wire
                )));
            }
            if let Auth::Hmac { context, .. } = scheme {
                for name in *context {
                    if !config.context.iter().any(|(n, _)| n == name) {
                        return Err(ConfigError(format!(
                            "{} sends `{name}` with every request; set Config::context(\"{name}\", ..)",
                            vendor.name
                        )));
                    }
                }
            }
        }
        for header in vendor.headers {
            let given = config
                .headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(header.name));
            if !header.optional && !given {
                return Err(ConfigError(format!(
                    "{} sends the header `{}` with every request; set Config::header(\"{}\", ..)",
                    vendor.name, header.name, header.name
                )));
            }
        }
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .build()
            .map_err(|e| {
                ConfigError(format!("cannot build the HTTP client: {}", e.without_url()))
            })?;
        let mut secrets = config.secrets();
        // Header values are secret where the vendor's spec says so.
        secrets.extend(
            config
                .headers
                .iter()
                .filter(|(name, _)| request::secret_header(vendor, name))
                .map(|(_, value)| value.clone()),
        );
        let fixed_headers = request::fixed_headers(vendor, &config)?;
        // Credentials in the URL become a basic-auth header, which only
        // reqwest's request builder writes.
        let direct = matches!(vendor.protocol, crate::Protocol::Rest { .. })
            && config.api_version.is_none()
            && base.username().is_empty()
            && base.password().is_none()
            && vendor
                .auth
                .iter()
                .all(|a| matches!(a, Auth::Bearer { .. } | Auth::PathSecret { .. }));
        let stateful = vendor
            .auth
            .iter()
            .flat_map(|a| a.logins())
            .chain(vendor.state.iter().flat_map(|h| {
                h.set_by
                    .iter()
                    .chain(h.sent_by)
                    .chain(h.recover.as_ref().map(|(wire, _)| wire))
            }))
            .copied()
            .collect();
        Ok(Client {
            logs_in: vendor.auth.iter().any(|a| !a.logins().is_empty()),
            stateful,
            vendor,
            config,
            base,
            secrets,
            http,
            state: Mutex::new(State::default()),
            last_nonce: AtomicU64::new(0),
            rpc_id: AtomicU64::new(0),
            login_lock: tokio::sync::Mutex::new(()),
            server,
            direct,
            fixed_headers,
        })
    }

    pub fn vendor(&self) -> &'static Vendor {
        self.vendor
    }

    /// Calls an operation and returns its payload. For an operation that
    /// may answer "not modified", that answer is an [`Error::Vendor`] of
    /// category [`Category::NotModified`](crate::Category::NotModified); use
    /// [`Client::call_fresh`] to get it as a value.
    pub async fn call<O: Operation>(&self, request: &O) -> Result<O::Response, Error<O::Error>> {
        let mut slot = None;
        self.attempts(request, &mut slot).await?;
        slot.ok_or_else(|| self.not_modified::<O>())
    }

    /// Reads a paged operation page by page, from `first` on.
    pub fn pages<O: crate::Paged>(&self, first: O) -> crate::Pages<'_, O> {
        crate::Pages::new(self, first)
    }

    /// Calls an operation and returns its payload with what the client knows
    /// about how it was obtained: whether the vendor answered a repeated
    /// idempotency key with the earlier result, the key, the attempts.
    pub async fn send<O: Operation>(
        &self,
        request: &O,
    ) -> Result<Reply<O::Response>, Error<O::Error>> {
        let mut slot = None;
        let (done, key) = self.attempts(request, &mut slot).await?;
        let replayed = done.answer == Answer::Replayed;
        match slot {
            Some(value) => Ok(Reply {
                value,
                replayed,
                idempotency_key: key,
                attempts: done.attempts,
            }),
            None => Err(self.not_modified::<O>()),
        }
    }

    /// Calls an operation whose server may answer "not modified".
    pub async fn call_fresh<O: Operation>(
        &self,
        request: &O,
    ) -> Result<Fresh<O::Response>, Error<O::Error>> {
        let mut slot = None;
        self.attempts(request, &mut slot).await?;
        Ok(match slot {
            Some(data) => Fresh::Modified(data),
            None => Fresh::NotModified,
        })
    }

    /// Validates `request`, then makes its attempts into `slot`: the first
    /// on its own where the request has a [direct
    /// path](Operation::direct_path), and, unless that one succeeded, the
    /// attempt loop. Returns the idempotency key the request carried.
    async fn attempts<O: Operation>(
        &self,
        request: &O,
        slot: &mut Option<O::Response>,
    ) -> Result<(Done, Option<String>), Error<O::Error>> {
        request.validate()?;
        let info = &O::INFO;
        let mut first = None;
        if let Some((http, carried)) = self.direct(request) {
            match self.exchange::<O::Error>(info, http, None, slot).await {
                Ok(answer) => {
                    return Ok((
                        Done {
                            answer,
                            attempts: 1,
                        },
                        None,
                    ));
                }
                Err(failed) => first = Some(Box::new((failed, carried))),
            }
        }
        // The loop, and the request it encodes, are boxed: a read by path
        // that succeeds at once carries neither in its future.
        Box::pin(async move {
            let (prepared, key) = self.prepare(request)?;
            let done = self
                .run::<O::Error>(info, &prepared, key.clone(), slot, first)
                .await?;
            Ok((done, key))
        })
        .await
    }

    /// Encodes a request and mints its key.
    fn prepare<O: Operation>(
        &self,
        request: &O,
    ) -> Result<(Prepared, Option<String>), Error<O::Error>> {
        let (prepared, key) = Prepared::new(self.vendor, &O::INFO, request).map_err(|e| {
            Error::InvalidRequest(InvalidRequest::new("", format!("cannot be encoded: {e}")))
        })?;
        if let Some(version) = &self.config.api_version {
            not_in_revision(self.vendor, &O::INFO, version, &prepared)?;
        }
        Ok((prepared, key))
    }

    /// The error of a success without a payload ("not modified") where the
    /// caller needs one.
    fn not_modified<O: Operation>(&self) -> Error<O::Error> {
        let status = self
            .vendor
            .protocol
            .envelope()
            .and_then(|e| e.not_modified.first().cloned());
        Error::Vendor(VendorError {
            kind: O::Error::from_wire(status.as_ref(), None),
            raw_code: status,
            message: None,
            http_status: 200,
            details: None,
        })
    }

    /// The current value of a state header (Kassa24 `Uid`).
    pub fn state_header(&self, header: &str) -> Option<String> {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state
            .headers
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(header))
            .map(|(_, v)| v.clone())
    }

    /// Sets a state header, e.g. after recovering it out of band.
    pub fn set_state_header(&self, header: &str, value: impl Into<String>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state
            .headers
            .retain(|(h, _)| !h.eq_ignore_ascii_case(header));
        state.headers.push((header.to_owned(), value.into()));
    }

    /// A strictly increasing nonce: the Unix time, or one more than the
    /// last nonce when calls come faster than one a second.
    fn next_nonce(&self) -> u64 {
        let now = unix_now();
        let prev = self
            .last_nonce
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |last| {
                Some(last.saturating_add(1).max(now))
            })
            .unwrap_or_else(|last| last);
        prev.saturating_add(1).max(now)
    }

    /// The method and path `Config::path` gives a REST operation.
    fn route(&self, info: &OperationInfo) -> Option<(crate::Method, &str)> {
        let default = info.http.map_or(crate::Method::Post, |(method, _)| method);
        self.config.route(info.name, default)
    }

    /// Whether the JSON-RPC method `info` sends its parameters by position:
    /// `Config::rpc_params_for` that method, else `Config::rpc_params`, else
    /// the method's spec, else the protocol's.
    pub(crate) fn by_position(&self, info: &OperationInfo) -> bool {
        let crate::Protocol::JsonRpc { by_position } = self.vendor.protocol else {
            return false;
        };
        let style = self
            .config
            .rpc_params_for
            .iter()
            .find(|(op, _)| *op == info.name)
            .map(|(_, style)| *style)
            .or(self.config.rpc_params)
            .or(info.rpc_params);
        style.map_or(by_position, |s| s == crate::RpcParams::ByPosition)
    }

    /// The auth values of an attempt of `info` sent in `state`, lent from
    /// the configuration and the state rather than copied.
    fn auth_from<'a>(&'a self, state: &'a State, info: &OperationInfo) -> AuthValues<'a> {
        let signs = self
            .vendor
            .auth
            .iter()
            .any(|a| matches!(a, Auth::Hmac { .. }));
        let config = &self.config;
        AuthValues {
            username: config.username.as_deref().map(Cow::Borrowed),
            password: config.password.as_ref().map(Cow::Borrowed),
            token: state.token.as_ref().map(Cow::Borrowed),
            session: state.session.as_ref().map(Cow::Borrowed),
            api_key: config.api_key.as_ref().map(Cow::Borrowed),
            secret_key: config.secret_key.as_ref().map(Cow::Borrowed),
            nonce: signs.then(|| self.next_nonce()),
            context: Cow::Borrowed(&config.context),
            state: Cow::Borrowed(&state.headers),
            rpc_id: self.rpc_id.fetch_add(1, Ordering::SeqCst) + 1,
            rpc_by_position: self.by_position(info),
            route: self
                .route(info)
                .map(|(method, path)| (method, Cow::Borrowed(path))),
        }
    }

    /// Removes every secret the client knows, in every encoding a server may
    /// echo it in, then keeps at most `max_chars` characters.
    fn redact_cut(&self, text: &str, max_chars: usize) -> String {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let secrets = self
            .secrets
            .iter()
            .chain(&state.token)
            .chain(&state.session);
        Redactor::new(secrets).redact_cut(text, max_chars)
    }

    fn redact(&self, text: &str) -> String {
        self.redact_cut(text, usize::MAX)
    }

    fn redact_decode(&self, e: DecodeError) -> DecodeError {
        DecodeError {
            body: self.redact(&e.body),
            reason: self.redact(&e.reason),
            ..e
        }
    }

    /// Whether `info` is offered on the server in use.
    fn offered<E: ErrorTable>(&self, info: &OperationInfo) -> Result<(), Error<E>> {
        match self.server {
            Some(server) if !info.servers.is_empty() && !info.servers.contains(&server) => {
                Err(Error::Config(format!(
                    "`{}` is not offered on the server `{server}` of {}; it is on: {}",
                    info.name,
                    self.vendor.name,
                    info.servers.join(", ")
                )))
            }
            _ => Ok(()),
        }
    }

    /// One HTTP exchange: send, read, decode the body into `slot`.
    async fn exchange<E: ErrorTable>(
        &self,
        info: &OperationInfo,
        request: reqwest::Request,
        key: Option<String>,
        slot: &mut dyn Slot,
    ) -> Result<Answer, Failed<E>> {
        tracing::debug!(vendor = self.vendor.id, operation = info.wire, "sending");
        // Timed only for the log that reports it.
        let started = tracing::enabled!(tracing::Level::DEBUG).then(std::time::Instant::now);
        let transport = |e: reqwest::Error, key: &Option<String>| {
            let (timeout, request_sent) = (e.is_timeout(), !e.is_connect());
            Error::Transport(TransportError {
                message: self.redact(&error_chain(&e.without_url())),
                timeout,
                request_sent,
                idempotency_key: key.clone(),
            })
        };
        let response = self
            .http
            .execute(request)
            .await
            .map_err(|e| Failed::from(transport(e, &key)))?;
        let status = response.status().as_u16();
        // Looked up once: most operations have no state header to keep.
        let stateful = !self.stateless(info.wire);
        if stateful {
            self.keep_state(info, response.headers());
        }
        let retry_after = retry_after(response.headers());
        let bytes = match read_body(response, MAX_BODY).await {
            Ok(bytes) => bytes,
            Err(Read::Transport(e)) => return Err(transport(e, &key).into()),
            Err(Read::TooLarge) => {
                return Err(Error::Decode(DecodeError {
                    idempotency_key: key,
                    ..DecodeError::new(
                        "",
                        format!("the response is larger than {MAX_BODY} bytes"),
                        "",
                    )
                })
                .into());
            }
        };
        tracing::debug!(
            vendor = self.vendor.id,
            operation = info.wire,
            status,
            elapsed_ms = started.map_or(0, |s| s.elapsed().as_millis() as u64),
            "answered"
        );
        let decoded = if bytes.len() < DECODE_ON_WORKER {
            slot.decode(self.vendor, info, status, &bytes)
        } else {
            // The worker shares the body (a reference count), kept here for
            // an error's message.
            slot.decode_on_worker(self.vendor, *info, status, bytes.clone())
                .await
                .map_err(|e| {
                    Failed::from(Error::Decode(DecodeError {
                        idempotency_key: key.clone(),
                        ..DecodeError::new("", format!("decoding was interrupted: {e}"), "")
                    }))
                })?
        };
        let answer = decoded.map_err(|f| Failed {
            error: self.failure(f, &bytes, key.clone()),
            retry_after,
        })?;
        if stateful {
            self.recover_state(info, slot);
        }
        Ok(answer)
    }

    #[cold]
    fn failure<E: ErrorTable>(
        &self,
        failure: Failure,
        body: &[u8],
        key: Option<String>,
    ) -> Error<E> {
        match failure {
            Failure::Vendor {
                code,
                message,
                http_status,
            } => Error::Vendor(VendorError {
                kind: E::from_wire(code.as_ref(), message.as_deref()),
                raw_code: code,
                message: message.map(|m| self.redact(&m)),
                http_status,
                details: E::DETAILS_FIELD.and_then(|field| {
                    // Read from the redacted text: details may echo a secret.
                    let text = self.redact(&String::from_utf8_lossy(body));
                    codec::failure_details(&self.vendor.protocol, field, &text)
                }),
            }),
            Failure::Http { status } => Error::Http(HttpError {
                status,
                body: self.redact_cut(&String::from_utf8_lossy(body), KEPT_BODY),
                idempotency_key: key,
            }),
            Failure::Decode(e) => Error::Decode(DecodeError {
                idempotency_key: key,
                ..self.redact_decode(e)
            }),
        }
    }

    /// True when a call of `wire` has no business with the vendor's state
    /// headers and logins.
    #[inline]
    fn stateless(&self, wire: &str) -> bool {
        !self.stateful.contains(&wire)
    }

    fn keep_state(&self, info: &OperationInfo, headers: &reqwest::header::HeaderMap) {
        for state in self.vendor.state {
            if state.set_by.contains(&info.wire)
                && let Some(value) = headers.get(state.header).and_then(|v| v.to_str().ok())
            {
                self.set_state_header(state.header, value);
            }
        }
    }

    /// Takes a state header's value from the payload of the operation that
    /// recovers it.
    fn recover_state(&self, info: &OperationInfo, slot: &dyn Slot) {
        for state in self.vendor.state {
            if let Some((wire, field)) = state.recover
                && wire == info.wire
                && let Some(data) = slot.to_value()
                && let Some(value) = data.get(field).and_then(Value::as_str)
            {
                self.set_state_header(state.header, value);
            }
        }
    }
}

/// A `Retry-After` of whole seconds (an HTTP date is not honoured).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<std::time::Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    value
        .trim()
        .parse::<u64>()
        .ok()
        .map(std::time::Duration::from_secs)
}

enum Read {
    Transport(reqwest::Error),
    TooLarge,
}

/// Reads the body, refusing it as soon as it passes `limit` bytes: a
/// hostile or broken server cannot make the client buffer more. The body
/// is kept as reqwest hands it over, without a copy.
async fn read_body(mut response: reqwest::Response, limit: usize) -> Result<bytes::Bytes, Read> {
    let announced = response.content_length().unwrap_or(0);
    if announced > limit as u64 {
        return Err(Read::TooLarge);
    }
    if response.content_length().is_some() {
        // The length is known and within the cap; hyper stops at it.
        return response.bytes().await.map_err(Read::Transport);
    }
    let mut body = Vec::with_capacity((announced as usize).min(64 * 1024));
    while let Some(chunk) = response.chunk().await.map_err(Read::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(Read::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.into())
}

/// An error and its sources on one line.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

mod attempts;
mod login;
mod request;
mod slot;

#[cfg(test)]
mod tests;
