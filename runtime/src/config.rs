//! Client configuration: where the vendor is, who we are, how long to wait.

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::{Operation, OperationInfo, RetryPolicy, Secret};

/// How a [`crate::Client`] reaches and authenticates with a vendor.
///
/// Every value that may be secret is kept as a [`Secret`]; `Debug` prints
/// none of them.
#[derive(Clone)]
pub struct Config {
    pub(crate) base_url: Option<Secret>,
    pub(crate) server: Option<String>,
    pub(crate) variables: Vec<(String, Secret)>,
    pub(crate) username: Option<String>,
    pub(crate) password: Option<Secret>,
    pub(crate) api_key: Option<Secret>,
    pub(crate) secret_key: Option<Secret>,
    pub(crate) context: Vec<(String, Value)>,
    /// Values of the vendor's configured headers, by name.
    pub(crate) headers: Vec<(String, Secret)>,
    /// REST paths used instead of the spec's, by operation name.
    pub(crate) paths: Vec<(String, String)>,
    pub(crate) api_version: Option<String>,
    /// JSON-RPC: how every method sends its parameters, where set.
    pub(crate) rpc_params: Option<crate::RpcParams>,
    /// JSON-RPC: the same for one method, by Rust name.
    pub(crate) rpc_params_for: Vec<(&'static str, crate::RpcParams)>,
    pub(crate) login: Option<LoginCall>,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
}

/// The login request a bearer or session scheme sends (it holds credentials).
#[derive(Clone)]
pub(crate) struct LoginCall {
    pub info: OperationInfo,
    pub params: Value,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: None,
            server: None,
            variables: Vec::new(),
            username: None,
            password: None,
            api_key: None,
            secret_key: None,
            context: Vec::new(),
            headers: Vec::new(),
            paths: Vec::new(),
            api_version: None,
            rpc_params: None,
            rpc_params_for: Vec::new(),
            login: None,
            connect_timeout: Self::DEFAULT_CONNECT_TIMEOUT,
            timeout: Self::DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
        }
    }
}

impl Config {
    /// Time to establish a connection before giving up (nothing was sent).
    pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
    /// Time for a whole call; fiscal devices print before they answer.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

    pub fn new() -> Self {
        Self::default()
    }

    /// The vendor's first server, with `name = value` for a URL variable
    /// (`device_ip`): the shortest way to point at a LAN device.
    pub fn device(ip: impl Into<String>) -> Self {
        Self::new().variable("device_ip", ip)
    }

    /// Sends every call to this URL instead of a named server (a proxy, a
    /// test server). Treated as secret, since it may embed a key.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(Secret::new(url));
        self
    }

    /// Picks a named server of the vendor (`test`, `bg`, `gamma`).
    pub fn server(mut self, name: impl Into<String>) -> Self {
        self.server = Some(name.into());
        self
    }

    /// Sets a server URL variable (`device_ip`, HEADO's `auth_key`).
    pub fn variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.variables.retain(|(n, _)| *n != name);
        self.variables.push((name, Secret::new(value)));
        self
    }

    /// Username and password sent in the body of every request.
    pub fn credentials(mut self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.username = Some(username.into());
        self.password = Some(password.into());
        self
    }

    /// API key and the secret key that signs requests (HMAC schemes).
    pub fn api_key(mut self, key: impl Into<Secret>, secret: impl Into<Secret>) -> Self {
        self.api_key = Some(key.into());
        self.secret_key = Some(secret.into());
        self
    }

    /// A value sent with every request (iCash `WareHouseID`).
    pub fn context(mut self, name: impl Into<String>, value: impl Serialize) -> Self {
        let name = name.into();
        let value = serde_json::to_value(value).unwrap_or(Value::Null);
        self.context.retain(|(n, _)| *n != name);
        self.context.push((name, value));
        self
    }

    /// A header sent with every request (a licence key, a client name):
    /// the vendor's spec lists which (`headers:`). Kept as a secret where
    /// the spec says the value is one. A name or value HTTP cannot carry (a
    /// space in the name, a line break in the value) is refused by
    /// [`Client::new`](crate::Client::new).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<Secret>) -> Self {
        let name = name.into();
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
        self
    }

    /// Sends the REST operation `operation` (its Rust name, `refund`) to
    /// `path` instead of the path its spec documents: `"/kkms/{IdKkm}/refunds"`,
    /// or with a method, `"PUT /kkms/{IdKkm}/refunds"`. Each `{Name}` is a
    /// path field of the request, as in the spec. For a vendor whose real
    /// path differs from what its documentation (or the spec's guess, see
    /// its `unknowns`) says, without regenerating. `Client::new` rejects a
    /// path that is not one; an unknown `{Name}` fails the call, before
    /// anything is sent.
    pub fn path(mut self, operation: impl Into<String>, path: impl Into<String>) -> Self {
        let operation = operation.into();
        self.paths.retain(|(op, _)| *op != operation);
        self.paths.push((operation, path.into()));
        self
    }

    /// JSON-RPC: sends every method's parameters by name (an object) or by
    /// position (an array in the documented order), whatever the spec says:
    /// for a server that reads the other form. `Client::new` rejects it for
    /// a vendor that is not JSON-RPC.
    pub fn rpc_params(mut self, style: crate::RpcParams) -> Self {
        self.rpc_params = Some(style);
        self
    }

    /// The vendor revision the server runs (`"1.2.0"`, one of the spec's
    /// changelog versions, or a dotted number placed among them). A request
    /// of an operation, or with a field, that a later revision introduced is
    /// an [`Error::InvalidRequest`](crate::Error::InvalidRequest) naming it
    /// and its revision, before anything is sent; an optional newer field
    /// left unset is simply not sent. Unset: the latest revision.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }

    /// The same for one method, named by its request type
    /// (`.rpc_params_for::<heado::PlanSet>(RpcParams::ByPosition)`); it wins
    /// over [`Config::rpc_params`].
    pub fn rpc_params_for<O: Operation>(mut self, style: crate::RpcParams) -> Self {
        let operation = O::INFO.name;
        self.rpc_params_for.retain(|(op, _)| *op != operation);
        self.rpc_params_for.push((operation, style));
        self
    }

    /// The method and path `Config::path` gives `operation`, where it gives
    /// one; `default` is the spec's method, kept when the path names none.
    pub(crate) fn route(
        &self,
        operation: &str,
        default: crate::Method,
    ) -> Option<(crate::Method, &str)> {
        let (_, path) = self.paths.iter().find(|(op, _)| op == operation)?;
        parse_route(path, default).ok()
    }

    /// The login request that obtains a bearer token or session id; the
    /// client sends it before the first call and again when the token expires.
    pub fn login<O: Operation>(mut self, request: &O) -> Self {
        let params = serde_json::to_value(request).unwrap_or(Value::Null);
        self.login = Some(LoginCall {
            info: O::INFO,
            params,
        });
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time for a whole call, from sending to the last byte of the answer.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How failed calls are retried ([`RetryPolicy::default`] unless set).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Every secret this configuration holds, for redaction.
    pub(crate) fn secrets(&self) -> Vec<Secret> {
        let mut out: Vec<Secret> = [
            &self.base_url,
            &self.password,
            &self.api_key,
            &self.secret_key,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        out.extend(self.variables.iter().map(|(_, v)| v.clone()));
        if let Some(login) = &self.login {
            collect_strings(&login.params, &mut out);
        }
        out
    }
}

/// Login parameters hold credentials under vendor-specific names; every
/// string in them of four characters or more is treated as secret.
fn collect_strings(value: &Value, out: &mut Vec<Secret>) {
    match value {
        Value::String(s) if s.chars().count() >= 4 => out.push(Secret::new(s.clone())),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.variables.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .field("server", &self.server)
            .field("variables", &names)
            .field("username", &self.username)
            .field("password", &self.password)
            .field("api_key", &self.api_key)
            .field("secret_key", &self.secret_key)
            .field("context", &self.context)
            .field("login", &self.login.as_ref().map(|l| l.info.wire))
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish()
    }
}

/// A configuration the vendor's client cannot work with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "client configuration: {}", self.0)
    }
}

impl std::error::Error for ConfigError {}

/// `"/a/{B}"` or `"METHOD /a/{B}"`: the method (`default` where none is
/// given) and the path; an error that says what is wrong otherwise.
pub(crate) fn parse_route(
    text: &str,
    default: crate::Method,
) -> Result<(crate::Method, &str), String> {
    let text = text.trim();
    let (method, path) = match text.split_once(' ') {
        Some((method, path)) => match crate::Method::parse(method) {
            Some(method) => (method, path.trim()),
            None => {
                return Err(format!(
                    "`{method}` is not an HTTP method (GET, POST, PUT, PATCH, DELETE)"
                ));
            }
        },
        None => (default, text),
    };
    if !path.starts_with('/') {
        return Err(format!("the path `{path}` does not start with `/`"));
    }
    if path.contains(char::is_whitespace) || path.contains('?') || path.contains('#') {
        return Err(format!(
            "the path `{path}` has a space, `?` or `#`; give the path alone"
        ));
    }
    let opens = path.matches('{').count();
    if opens != path.matches('}').count() {
        return Err(format!("the braces of `{path}` do not pair"));
    }
    Ok((method, path))
}
