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
    /// the spec says the value is one.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<Secret>) -> Self {
        let name = name.into();
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.headers.push((name, value.into()));
        self
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
