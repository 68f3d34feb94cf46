//! Vendor error tables.

use std::fmt;

use crate::Code;

/// The broad class of a vendor error, for callers that branch on kind
/// rather than on one vendor's codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    /// Not an error: the request succeeded.
    Success,
    /// Not an error: nothing changed since the caller's timestamp.
    NotModified,
    Auth,
    Permission,
    InvalidRequest,
    NotFound,
    Conflict,
    State,
    RateLimit,
    Device,
    Server,
    Other,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Success => "success",
            Category::NotModified => "not_modified",
            Category::Auth => "auth",
            Category::Permission => "permission",
            Category::InvalidRequest => "invalid_request",
            Category::NotFound => "not_found",
            Category::Conflict => "conflict",
            Category::State => "state",
            Category::RateLimit => "rate_limit",
            Category::Device => "device",
            Category::Server => "server",
            Category::Other => "other",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a vendor error means for the request, and what the runtime may do
/// about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Retry {
    /// A definite failure: nothing was applied, and the same request fails again.
    #[default]
    Never,
    /// A transient refusal: nothing was applied; the same request may succeed later.
    SameRequest,
    /// The token or session expired: log in again, then send the same request.
    AfterLogin,
    /// The vendor created the document although it reports an error; it is
    /// never sent again, under any key.
    DocumentExists,
    /// The vendor may or may not have applied the request (a server error
    /// after the request arrived): resend only under the same deduplicating
    /// key, or after a recovery says the document does not exist.
    Unknown,
}

impl Retry {
    pub fn as_str(self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::SameRequest => "same_request",
            Retry::AfterLogin => "after_login",
            Retry::DocumentExists => "document_exists",
            Retry::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A vendor's table of error codes (or of error messages, for vendors
/// without codes). Implemented by `#[derive(ErrorTable)]`.
///
/// The table is always open: a code it does not list maps to its fallback
/// variant, and [`crate::VendorError`] keeps the raw code and message.
pub trait ErrorTable:
    fmt::Debug + fmt::Display + Clone + PartialEq + Send + Sync + 'static
{
    /// Entries are told apart by the vendor's message, not by a code; the
    /// status the envelope carries says only "failed".
    const BY_MESSAGE: bool = false;

    /// What a failure body carries beside code and message, typed (a list
    /// of field errors: `detail: [{loc, msg}]`); [`Empty`](crate::Empty)
    /// for a table that documents none.
    type Details: serde::de::DeserializeOwned
        + fmt::Debug
        + Clone
        + PartialEq
        + Send
        + Sync
        + 'static;
    /// The member of the failure body holding the details (of the `error`
    /// object, for JSON-RPC).
    const DETAILS_FIELD: Option<&'static str> = None;

    /// Classifies a vendor failure by its code, or by its message for
    /// tables matched by message.
    fn from_wire(code: Option<&Code>, message: Option<&str>) -> Self;
    /// The documented code, `None` for the fallback and for message-matched entries.
    fn code(&self) -> Option<Code>;
    /// The Rust variant name (`InvalidShiftStatus`).
    fn name(&self) -> &'static str;
    /// The vendor's documented message for this code.
    fn message(&self) -> Option<&'static str>;
    /// What the caller should do about it.
    fn remedy(&self) -> Option<&'static str>;
    fn category(&self) -> Category;
    /// What this error means for the request (see [`Retry`]).
    fn retry(&self) -> Retry;
    /// Whether sending the same request again may succeed: a transient
    /// refusal, or an expired login.
    fn is_retryable(&self) -> bool {
        matches!(self.retry(), Retry::SameRequest | Retry::AfterLogin)
    }
}
