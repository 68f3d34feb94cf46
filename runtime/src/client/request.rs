//! The HTTP request of an attempt: from the wire form the codec writes, or,
//! for a read by path, straight from the path the operation writes.

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use super::Client;
use super::attempts::Carried;
use crate::codec::{self, EncodeError, Prepared};
use crate::config::ConfigError;
use crate::{Config, InvalidRequest, Operation, OperationInfo, Vendor};

impl Client {
    /// The first attempt of a request with a direct path, and what its
    /// failure may need; `None` where the attempt loop must make it: the
    /// client has no direct requests, the operation mints a key, sends,
    /// sets or recovers a state header, is a login, is not on this server
    /// or has a `Config::path`, the client is not logged in yet, or the
    /// request has no direct path.
    ///
    /// The request is built in place, without a builder: it is the one
    /// every read by path sends.
    pub(super) fn direct<O: Operation>(&self, request: &O) -> Option<(reqwest::Request, Carried)> {
        let info = &O::INFO;
        let usable = self.direct
            && info.idempotency.is_none()
            && self.stateless(info.wire)
            && self.offered::<O::Error>(info).is_ok()
            && !self.config.paths.iter().any(|(op, _)| op == info.name);
        if !usable {
            return None;
        }
        let (method, _) = info.http?;
        let path = request.direct_path()?;
        let url = codec::request_url(&self.base, &path, &[]);
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if self.has_login() && state.token.is_none() {
            return None;
        }
        let mut http = reqwest::Request::new(http_method(method), url);
        let headers = http.headers_mut();
        if let Some(bearer) = &state.bearer {
            headers.insert(AUTHORIZATION, bearer.clone());
        }
        let carried = Carried::of(info, &state);
        drop(state);
        self.add_fixed_headers(headers);
        Some((http, carried))
    }

    /// The HTTP request of one attempt of `info`, and what its failure may
    /// need. A plain function, so that what it builds from (the auth
    /// values, the wire form) is gone before the exchange first awaits:
    /// only the request in flight is held.
    ///
    /// The attempt's wire form is written under the client's lock, from
    /// the credentials and state lent to it: nothing of them is copied but
    /// what goes into the request. Nothing in the writing waits or takes
    /// the lock again.
    ///
    /// A header value HTTP cannot carry (a line break in a field sent as a
    /// header) makes the request invalid: it is never sent.
    pub(super) fn request(
        &self,
        info: &OperationInfo,
        prepared: &Prepared,
    ) -> (Result<reqwest::Request, EncodeError>, Carried) {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let carried = Carried::of(info, &state);
        let wire = prepared.outgoing(self.vendor, info, &self.auth_from(&state, info));
        drop(state);
        (wire.and_then(|wire| self.http_request(wire)), carried)
    }

    /// An attempt's wire form as the HTTP request reqwest sends.
    fn http_request(&self, wire: codec::Outgoing) -> Result<reqwest::Request, EncodeError> {
        let url = codec::request_url(&self.base, &wire.path, &wire.query);
        let mut builder = self.http.request(http_method(wire.method), url);
        for (name, value) in &wire.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some((content_type, bytes)) = wire.body {
            builder = builder.header(CONTENT_TYPE, content_type).body(bytes);
        }
        let mut http = builder.build().map_err(|e| {
            EncodeError::Invalid(InvalidRequest::new(
                "",
                format!(
                    "cannot be written as an HTTP request: {}",
                    super::error_chain(&e.without_url())
                ),
            ))
        })?;
        // As the direct request's: never printed.
        for (name, value) in http.headers_mut().iter_mut() {
            if name == AUTHORIZATION {
                value.set_sensitive(true);
            }
        }
        self.add_fixed_headers(http.headers_mut());
        Ok(http)
    }

    /// Adds the headers `Config::header` sends with every request.
    #[inline]
    fn add_fixed_headers(&self, headers: &mut HeaderMap) {
        if self.fixed_headers.is_empty() {
            return;
        }
        for (name, value) in &self.fixed_headers {
            headers.append(name.clone(), value.clone());
        }
    }
}

/// The headers `Config::header` sends with every request, checked once:
/// a name or value HTTP cannot carry is the configuration's error. Values
/// the vendor's spec calls secret are marked sensitive (never printed).
pub(super) fn fixed_headers(vendor: &Vendor, config: &Config) -> Result<HeaderMap, ConfigError> {
    let refused = |name: &str, what: &str| {
        ConfigError(format!(
            "Config::header(\"{}\", ..): an HTTP header {what}; use letters, digits and `-` in \
             the name, and visible ASCII characters in the value",
            name.escape_debug()
        ))
    };
    let mut headers = HeaderMap::with_capacity(config.headers.len());
    for (name, value) in &config.headers {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| refused(name, "name cannot be empty or hold spaces or separators"))?;
        let mut value = HeaderValue::from_str(value.expose()).map_err(|_| {
            refused(
                name,
                "value cannot hold line breaks, control or non-ASCII characters",
            )
        })?;
        value.set_sensitive(secret_header(vendor, name));
        headers.append(header, value);
    }
    Ok(headers)
}

/// Whether the vendor's spec calls the configured header `name` a secret.
pub(super) fn secret_header(vendor: &Vendor, name: &str) -> bool {
    vendor
        .headers
        .iter()
        .any(|h| h.secret && h.name.eq_ignore_ascii_case(name))
}

pub(super) fn http_method(method: crate::Method) -> reqwest::Method {
    match method {
        crate::Method::Get => reqwest::Method::GET,
        crate::Method::Post => reqwest::Method::POST,
        crate::Method::Put => reqwest::Method::PUT,
        crate::Method::Patch => reqwest::Method::PATCH,
        crate::Method::Delete => reqwest::Method::DELETE,
    }
}
