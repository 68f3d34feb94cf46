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

/// How an idempotency key is obtained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mint {
    /// The client mints a UUID v4 when the field is left empty.
    UuidV4,
    /// The caller always supplies it.
    Caller,
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
    /// The request field that makes a retry safe, and how it is minted.
    pub idempotency: Option<(&'static str, Mint)>,
    /// Sending it twice has no further effect (a read).
    pub safe_to_retry: bool,
    /// The server may answer "not modified".
    pub not_modified: bool,
}

impl OperationInfo {
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
