//! The `Operation` trait: one request type, its response and its errors.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{ErrorTable, Validate};

/// HTTP methods a REST operation may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        Some(match s {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "PATCH" => Method::Patch,
            "DELETE" => Method::Delete,
            _ => return None,
        })
    }
}

/// Where a request field travels when not with the other parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// With the other parameters (the default).
    Params,
    /// In the envelope beside the parameter object (Caspos `cashierName`).
    Envelope,
    /// In the URL path (`{name}` in the REST path).
    Path,
    /// In the URL query string.
    Query,
    /// In an HTTP header.
    Header,
}

/// How a list travels in the query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListStyle {
    /// The key once per item: `?s=A&s=B`.
    Repeated,
    /// One key, the items joined by commas: `?s=A,B`.
    Comma,
    /// The key with `[]` once per item: `?s[]=A&s[]=B`.
    Brackets,
}

/// How an idempotency key is obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mint {
    /// The client mints a UUID v4 when the field is left empty.
    UuidV4,
    /// The caller always supplies it.
    Caller,
}

/// How the vendor treats a request that repeats an idempotency key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dedup {
    /// It answers with the earlier result (Caspos `documentUUID`).
    Replays,
    /// It refuses the request with an error (an entry of class
    /// [`Retry::DocumentExists`](crate::Retry::DocumentExists)).
    Rejects,
    /// It does not check, or the documentation does not say: the key
    /// alone does not make a resend safe.
    NotChecked,
}

/// The request field that identifies a document across resends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Idempotency {
    /// Wire name of the key field.
    pub field: &'static str,
    pub mint: Mint,
    pub dedup: Dedup,
}

impl Idempotency {
    /// A resend under the same key cannot create a second document.
    pub fn makes_resend_safe(&self) -> bool {
        self.dedup != Dedup::NotChecked
    }
}

/// How to learn, after an unknown outcome, whether an operation created its
/// document: a read of the same vendor and a test on its answer.
#[derive(Clone, Copy, Debug)]
pub struct Recovery {
    /// The read to call.
    pub operation: &'static OperationInfo,
    /// Its request fields, each filled from the original request's field or
    /// from a state header the original request carried: `(field, source)`.
    pub request: &'static [(&'static str, &'static str)],
    /// The field of its answer the test reads.
    pub field: &'static str,
    pub test: Test,
}

/// A test on a recovery's answer that means "the document exists".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Test {
    /// The field equals the original request's value of this name.
    Equals(&'static str),
    /// The field differs from the original request's value of this name.
    DiffersFrom(&'static str),
    /// The field is one of these codes.
    In(&'static [crate::Code]),
    /// The field is none of these codes.
    NotIn(&'static [crate::Code]),
}

/// What the body of a successful reply is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReplyKind {
    /// JSON in the protocol's envelope.
    #[default]
    Json,
    /// JSON in the envelope, or sometimes an empty body: the response type
    /// is an `Option`, `None` for the empty body.
    JsonOrEmpty,
    /// Text as it is, not in an envelope (a receipt as `text/plain`): `String`.
    Text,
    /// Bytes as they are (a PDF or PNG receipt): [`Base64`](crate::Base64)
    /// holds them.
    Binary,
    /// Nothing: an empty body, `()`.
    Empty,
}

/// What the runtime needs to know about an operation besides its types.
#[derive(Clone, Copy, Debug)]
pub struct OperationInfo {
    /// Rust name (`open_shift`).
    pub name: &'static str,
    /// Wire name (`openShift`, the JSON-RPC method, the form path segment).
    pub wire: &'static str,
    /// Other wire names the server accepts for it (decode only).
    pub wire_aliases: &'static [&'static str],
    /// REST: method and path template (`/kkms/{IdKkm}`).
    pub http: Option<(Method, &'static str)>,
    /// Request fields (wire names) that do not travel with the parameters.
    pub placement: &'static [(&'static str, Placement)],
    /// Query fields that are lists, and how each is written.
    pub lists: &'static [(&'static str, ListStyle)],
    /// The parameters (wire names) in their documented order: the positions
    /// of a JSON-RPC call by position.
    pub params: &'static [&'static str],
    /// JSON-RPC: how this method sends its parameters, where it differs
    /// from the protocol's default.
    pub rpc_params: Option<crate::RpcParams>,
    /// What a successful reply's body is: JSON in the envelope, or not.
    pub reply: ReplyKind,
    /// The content type of a text or binary reply, where the vendor says.
    pub content_type: Option<&'static str>,
    /// The servers (by name) that offer it; empty: all of the vendor's.
    pub servers: &'static [&'static str],
    /// The key field, how it is minted and whether the vendor deduplicates by it.
    pub idempotency: Option<Idempotency>,
    /// Sending it twice has no further effect (a read).
    pub safe_to_retry: bool,
    /// It creates a fiscal document (a receipt, a return, a cash movement,
    /// a Z report): a duplicate is a second document.
    pub fiscal: bool,
    /// How to learn whether the document exists after an unknown outcome.
    pub recovery: Option<&'static Recovery>,
    /// The server may answer "not modified".
    pub not_modified: bool,
    /// Payload fields (wire names) the vendor may send beside the payload,
    /// in the envelope, instead of inside it; decoding takes them from
    /// there when the payload lacks them.
    pub reply_beside: &'static [&'static str],
    /// Sets those fields on the decoded payload, so the one pass reads them
    /// ([`SetBeside::of`](crate::codec::SetBeside::of) the response type);
    /// without it such a body takes the slower path.
    pub set_beside: Option<crate::codec::SetBeside>,
    /// The vendor revision that introduced the operation.
    pub since: Option<&'static str>,
    /// Request fields (wire names) introduced after the operation, with
    /// the revision of each.
    pub field_since: &'static [(&'static str, &'static str)],
    /// The vendor revision that removed the operation.
    pub until: Option<&'static str>,
    /// Request fields (wire names) a revision removed, with that revision.
    pub field_until: &'static [(&'static str, &'static str)],
}

impl OperationInfo {
    /// A plain JSON operation named `sale`, for tests to vary.
    #[cfg(test)]
    pub(crate) const TEST: OperationInfo = OperationInfo {
        name: "sale",
        wire: "sale",
        wire_aliases: &[],
        http: None,
        placement: &[],
        lists: &[],
        params: &[],
        rpc_params: None,
        reply: ReplyKind::Json,
        content_type: None,
        servers: &[],
        idempotency: None,
        safe_to_retry: false,
        fiscal: false,
        recovery: None,
        not_modified: false,
        reply_beside: &[],
        set_beside: None,
        since: None,
        field_since: &[],
        until: None,
        field_until: &[],
    };

    /// Sending the same request again cannot create a second document: a
    /// read, or a key the vendor deduplicates by.
    pub fn resend_is_safe(&self) -> bool {
        self.safe_to_retry || self.idempotency.is_some_and(|i| i.makes_resend_safe())
    }

    /// How the query field `wire` writes a list, if it is one.
    pub fn list_style(&self, wire: &str) -> Option<ListStyle> {
        self.lists
            .iter()
            .find(|(name, _)| *name == wire)
            .map(|(_, s)| *s)
    }

    /// Where the request field `wire` travels.
    pub fn placement_of(&self, wire: &str) -> Placement {
        self.placement
            .iter()
            .find(|(name, _)| *name == wire)
            .map_or(Placement::Params, |(_, p)| *p)
    }
}

/// A request type. Implemented by `#[derive(Operation)]`, so a downstream
/// crate can add an undocumented operation to any generated client.
pub trait Operation: Serialize + DeserializeOwned + Validate + fmt::Debug + Send + Sync {
    /// The payload of a successful response.
    type Response: Serialize + DeserializeOwned + fmt::Debug + Send + 'static;
    /// The vendor's error table for this operation.
    type Error: ErrorTable;
    const INFO: OperationInfo;

    /// The REST path of this request, written straight from its fields,
    /// for a read whose fields all travel in its path: its first attempt
    /// then needs no serialization. `None` (the default) leaves the request
    /// to the general encoding, which sends the same bytes.
    /// `#[derive(Operation)]` writes it where it applies.
    fn direct_path(&self) -> Option<String> {
        None
    }
}

/// The result of an operation whose server may answer "not modified since
/// your timestamp" (SM POS status 4).
#[derive(Clone, Debug, PartialEq)]
pub enum Fresh<T> {
    Modified(T),
    NotModified,
}

impl<T> Fresh<T> {
    /// The new value, `None` when nothing changed.
    pub fn modified(self) -> Option<T> {
        match self {
            Fresh::Modified(t) => Some(t),
            Fresh::NotModified => None,
        }
    }
}

/// A payload with what the client knows about how it was obtained.
///
/// Dereferences to the payload, so `reply.document_id` reads a field.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply<T> {
    pub value: T,
    /// The vendor answered a repeated idempotency key with the result of the
    /// earlier request: the document was made once, by that request.
    pub replayed: bool,
    /// The key the request carried.
    pub idempotency_key: Option<String>,
    /// Attempts it took (1 without retries; a login in between is not counted).
    pub attempts: u32,
}

impl<T> Reply<T> {
    pub fn into_inner(self) -> T {
        self.value
    }

    pub fn replayed(&self) -> bool {
        self.replayed
    }
}

impl<T> std::ops::Deref for Reply<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}
