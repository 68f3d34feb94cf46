//! `Error<E>`: everything a call can end in besides success.

use std::fmt;

use crate::{Category, Code, ErrorTable, InvalidRequest};

/// The error of a call to a vendor whose error table is `E`.
#[derive(Debug)]
pub enum Error<E: ErrorTable> {
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
    /// The call failed in a way that leaves open whether the vendor applied
    /// it, and the operation cannot simply be sent again (it is not a read,
    /// and no deduplicating key protects it), or the retries ran out.
    OutcomeUnknown(OutcomeUnknown<E>),
    /// The vendor created the document although the call failed: it must
    /// not be sent again, under any key.
    DocumentExists(DocumentExists<E>),
}

impl<E: ErrorTable> Error<E> {
    /// Whether sending the same request again (with the same idempotency
    /// key) is safe and may succeed.
    ///
    /// The client decides it from the error *and* the operation: a call
    /// whose outcome is unknown comes back as [`Error::OutcomeUnknown`],
    /// retryable only when the operation is a read or carries a key the
    /// vendor deduplicates by. Other errors it returns left the vendor's
    /// state unchanged (or concern a read).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport(_) => true,
            Error::Http(e) => e.status >= 500 || e.status == 408 || e.status == 429,
            Error::Vendor(e) => e.kind.is_retryable(),
            Error::OutcomeUnknown(e) => e.resend_is_safe,
            Error::InvalidRequest(_)
            | Error::Config(_)
            | Error::Decode(_)
            | Error::DocumentExists(_) => false,
        }
    }

    /// Whether the vendor may have applied the request although the call
    /// failed. Never send it again under a new key: resend it under
    /// [`Error::idempotency_key`] when [`Error::is_retryable`], or find out
    /// first whether the document exists.
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, Error::OutcomeUnknown(_))
    }

    /// Whether the vendor created the document although the call failed.
    pub fn document_exists(&self) -> bool {
        matches!(self, Error::DocumentExists(_))
    }

    /// The idempotency key the failed request carried, when the operation has one.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Error::Transport(e) => e.idempotency_key.as_deref(),
            Error::Http(e) => e.idempotency_key.as_deref(),
            Error::Decode(e) => e.idempotency_key.as_deref(),
            Error::OutcomeUnknown(e) => e.idempotency_key.as_deref(),
            Error::DocumentExists(e) => e.idempotency_key.as_deref(),
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
            Error::OutcomeUnknown(e) => e.fmt(f),
            Error::DocumentExists(e) => e.fmt(f),
        }
    }
}

impl<E: ErrorTable> std::error::Error for Error<E> {}

impl<E: ErrorTable> From<InvalidRequest> for Error<E> {
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
        write!(f, "unexpected HTTP status {}", self.status)?;
        // A short plain-text reason (an example server's, a proxy's) says
        // more than the status; JSON and HTML bodies stay in `body`.
        let reason = self.body.trim();
        let plain = !reason.is_empty()
            && reason.len() <= MAX_REASON
            && !reason.starts_with(['{', '[', '<'])
            && !reason.contains('\n');
        if plain {
            write!(f, ": {reason}")?;
        }
        Ok(())
    }
}

/// The longest body `HttpError` shows as its reason.
const MAX_REASON: usize = 300;

/// A vendor failure: the typed code, and what the vendor said.
#[derive(Clone, Debug, PartialEq)]
pub struct VendorError<E: ErrorTable> {
    /// The entry of the vendor's error table (its fallback for an undocumented code).
    pub kind: E,
    /// The code as it arrived, if the vendor sent one.
    pub raw_code: Option<Code>,
    /// The vendor's message as it arrived.
    pub message: Option<String>,
    pub http_status: u16,
    /// What the failure body carries beside code and message, where the
    /// error table documents it and the body has it in that shape.
    pub details: Option<E::Details>,
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
    /// The body is a request (the example server reading what a client
    /// sent), not a response.
    pub request: bool,
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
            request: false,
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
        let what = if self.request { "request" } else { "response" };
        if self.path.is_empty() || self.path == "." {
            write!(f, "cannot decode the {what}: {}", self.reason)
        } else {
            write!(
                f,
                "cannot decode the {what} at `{}`: {}",
                self.path, self.reason
            )
        }
    }
}

impl std::error::Error for DecodeError {}

/// A call whose effect on the vendor is unknown (see [`Error::OutcomeUnknown`]).
#[derive(Debug)]
pub struct OutcomeUnknown<E: ErrorTable> {
    /// Rust name of the operation.
    pub operation: &'static str,
    /// The last failure.
    pub cause: Box<Error<E>>,
    /// The key the request carried.
    pub idempotency_key: Option<String>,
    /// Sending the same request again cannot create a second document (a
    /// read, or a key the vendor deduplicates by).
    pub resend_is_safe: bool,
    /// Why the operation's recovery could not tell, when it ran.
    pub recovery_failed: Option<String>,
}

impl<E: ErrorTable> fmt::Display for OutcomeUnknown<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` may or may not have been applied ({})",
            self.operation, self.cause
        )?;
        if let Some(why) = &self.recovery_failed {
            write!(f, "; the recovery could not tell: {why}")?;
        }
        match (&self.idempotency_key, self.resend_is_safe) {
            (Some(key), true) => write!(f, "; send it again under the same key `{key}`"),
            (_, true) => f.write_str("; it is safe to send again"),
            (_, false) => f.write_str(
                "; do not send it again before finding out whether the vendor created the document",
            ),
        }
    }
}

impl<E: ErrorTable> std::error::Error for OutcomeUnknown<E> {}

/// A document the vendor created although the call failed (see
/// [`Error::DocumentExists`]).
#[derive(Debug)]
pub struct DocumentExists<E: ErrorTable> {
    /// Rust name of the operation.
    pub operation: &'static str,
    /// The vendor's error that says so, when it was an error.
    pub vendor: Option<VendorError<E>>,
    /// The recovery operation that found the document, when the call's
    /// outcome was unknown and a recovery ran.
    pub recovered_by: Option<&'static str>,
    /// The key the request carried: the document's key at the vendor.
    pub idempotency_key: Option<String>,
}

impl<E: ErrorTable> DocumentExists<E> {
    /// How to find the document, as the vendor's error table says.
    pub fn remedy(&self) -> Option<&'static str> {
        self.vendor.as_ref().and_then(|v| v.remedy())
    }
}

impl<E: ErrorTable> fmt::Display for DocumentExists<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` created its document although the call failed; never send it again",
            self.operation
        )?;
        match (&self.vendor, self.recovered_by) {
            (Some(vendor), _) => write!(f, ": {vendor}")?,
            (None, Some(read)) => write!(f, " (`{read}` shows it)")?,
            (None, None) => {}
        }
        if let Some(key) = &self.idempotency_key {
            write!(f, " (key `{key}`)")?;
        }
        Ok(())
    }
}

impl<E: ErrorTable> std::error::Error for DocumentExists<E> {}
