//! `Error<E>`: everything a call can end in besides success.

use std::fmt;

use crate::{Category, Code, ErrorTable, InvalidRequest};

/// The error of a call to a vendor whose error table is `E`.
#[derive(Debug)]
pub enum Error<E> {
    /// The request breaks a documented constraint; nothing was sent.
    InvalidRequest(InvalidRequest),
    /// The client is missing something it needs (a server variable, a credential).
    Config(String),
    /// No usable HTTP exchange: connect failure, timeout, broken connection.
    Transport(TransportError),
    /// An HTTP status the protocol does not explain.
    Http(HttpError),
    /// The vendor answered with one of its errors.
    Vendor(VendorError<E>),
    /// The answer does not match the spec.
    Decode(DecodeError),
}

impl<E: ErrorTable> Error<E> {
    /// Whether sending the same request again (with the same idempotency key) may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport(_) => true,
            Error::Http(e) => e.status >= 500 || e.status == 408 || e.status == 429,
            Error::Vendor(e) => e.kind.is_retryable(),
            Error::InvalidRequest(_) | Error::Config(_) | Error::Decode(_) => false,
        }
    }

    /// Whether the vendor may have applied the request although the call
    /// failed (a timeout after sending a fiscal document). Retry with the
    /// same [`Error::idempotency_key`], never with a new one.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            Error::Transport(e) => e.request_sent,
            Error::Http(e) => e.status >= 500 || e.status == 408,
            Error::Decode(_) => true,
            Error::InvalidRequest(_) | Error::Config(_) | Error::Vendor(_) => false,
        }
    }

    /// The idempotency key the failed request carried, when the operation has one.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Error::Transport(e) => e.idempotency_key.as_deref(),
            Error::Http(e) => e.idempotency_key.as_deref(),
            Error::Decode(e) => e.idempotency_key.as_deref(),
            _ => None,
        }
    }

    /// The vendor error, if that is what this is.
    pub fn vendor(&self) -> Option<&VendorError<E>> {
        match self {
            Error::Vendor(e) => Some(e),
            _ => None,
        }
    }
}

impl<E: ErrorTable> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(e) => e.fmt(f),
            Error::Config(message) => write!(f, "client configuration: {message}"),
            Error::Transport(e) => e.fmt(f),
            Error::Http(e) => e.fmt(f),
            Error::Vendor(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
        }
    }
}

impl<E: ErrorTable> std::error::Error for Error<E> {}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(e: InvalidRequest) -> Self {
        Error::InvalidRequest(e)
    }
}

/// A transport failure. Its message never contains a URL.
#[derive(Clone, Debug)]
pub struct TransportError {
    pub message: String,
    pub timeout: bool,
    /// The request may have reached the server.
    pub request_sent: bool,
    pub idempotency_key: Option<String>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.timeout { "timed out" } else { "failed" };
        write!(f, "request {what}: {}", self.message)?;
        if self.request_sent {
            f.write_str(" (the request may have been applied)")?;
        }
        Ok(())
    }
}

/// An HTTP status the protocol does not explain.
#[derive(Clone)]
pub struct HttpError {
    pub status: u16,
    /// The response body, cut to a few kilobytes, secrets removed.
    pub body: String,
    pub idempotency_key: Option<String>,
}

impl fmt::Debug for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpError")
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unexpected HTTP status {}", self.status)
    }
}

/// A vendor failure: the typed code, and what the vendor said.
#[derive(Clone, Debug, PartialEq)]
pub struct VendorError<E> {
    /// The entry of the vendor's error table (its fallback for an undocumented code).
    pub kind: E,
    /// The code as it arrived, if the vendor sent one.
    pub raw_code: Option<Code>,
    /// The vendor's message as it arrived.
    pub message: Option<String>,
    pub http_status: u16,
}

impl<E: ErrorTable> VendorError<E> {
    /// The typed error code.
    pub fn code(&self) -> &E {
        &self.kind
    }

    /// The vendor's message, or the documented one when the response had none.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref().or_else(|| self.kind.message())
    }

    pub fn remedy(&self) -> Option<&'static str> {
        self.kind.remedy()
    }

    pub fn category(&self) -> Category {
        self.kind.category()
    }
}

impl<E: ErrorTable> fmt::Display for VendorError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "vendor error {}", self.kind)?;
        if let Some(code) = &self.raw_code
            && !E::BY_MESSAGE
            && self.kind.code().as_ref() != Some(code)
        {
            write!(f, " (code {code})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(remedy) = self.kind.remedy() {
            write!(f, "; {remedy}")?;
        }
        Ok(())
    }
}

impl<E: ErrorTable> std::error::Error for VendorError<E> {}

/// A body that does not match the spec.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// JSON path of the problem (`data.items[2].price`), empty for the whole body.
    pub path: String,
    pub reason: String,
    /// The raw body as received (not printed by `Display` or `Debug`).
    pub body: String,
    pub idempotency_key: Option<String>,
}

impl DecodeError {
    pub fn new(
        path: impl Into<String>,
        reason: impl Into<String>,
        body: impl Into<String>,
    ) -> Self {
        DecodeError {
            path: path.into(),
            reason: reason.into(),
            body: body.into(),
            idempotency_key: None,
        }
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("path", &self.path)
            .field("reason", &self.reason)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() || self.path == "." {
            write!(f, "cannot decode the response: {}", self.reason)
        } else {
            write!(
                f,
                "cannot decode the response at `{}`: {}",
                self.path, self.reason
            )
        }
    }
}

impl std::error::Error for DecodeError {}
