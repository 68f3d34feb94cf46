//! A [`Split`] request and this attempt's auth values → the bytes to send.
//!
//! The parameters were serialized once; each attempt only writes the
//! envelope around them (credentials, token, session and state headers may
//! differ from one attempt to the next). The result is byte for byte what
//! [`encode_request`] makes of the same request as a `Value`; protocols
//! this path does not cover (form bodies, HMAC signing, positional JSON-RPC)
//! and bodies whose keys collide take that path.

use std::ops::Range;

use serde_json::Value;

use super::request::{
    AuthValues, EncodeError, bearer, credentials, encode_request, rest_target, state_headers,
};
use super::split::{Params, Split};
use super::wire::{WireBody, WireRequest};
use crate::{Auth, InvalidRequest, Method, OperationInfo, Protocol, Vendor};

/// A request ready to go: where, with which headers, and the body.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub method: Method,
    /// Path after the base URL (REST), empty otherwise.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// Content type and bytes.
    pub body: Option<(&'static str, Vec<u8>)>,
}

pub const JSON: &str = "application/json; charset=utf-8";
pub const FORM: &str = "application/x-www-form-urlencoded";

impl From<WireRequest> for Outgoing {
    fn from(wire: WireRequest) -> Outgoing {
        let body = match wire.body {
            WireBody::None => None,
            WireBody::Json(v) => Some((JSON, serde_json::to_vec(&v).unwrap_or_default())),
            WireBody::Form(fields) => Some((
                FORM,
                form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&fields)
                    .finish()
                    .into_bytes(),
            )),
        };
        Outgoing {
            method: wire.method,
            path: wire.path,
            query: wire.query,
            headers: wire.headers,
            body,
        }
    }
}

/// Whether requests of `vendor` are split and assembled (else they go
/// through [`encode_request`] as a `Value`).
pub fn splits(vendor: &Vendor) -> bool {
    let signs = vendor.auth.iter().any(|a| matches!(a, Auth::Hmac { .. }));
    let shape = matches!(
        vendor.protocol,
        Protocol::JsonEnvelope { .. }
            | Protocol::Rest { .. }
            | Protocol::JsonRpc { by_position: false }
    );
    shape && !signs
}

/// A JSON object being written, with where each key is in it (a JSON
/// string, quotes included), to notice a key written twice.
///
/// Its text is allocated with the first member: most REST reads send none.
struct Object {
    text: Vec<u8>,
    keys: Vec<Range<usize>>,
    collided: bool,
}

impl Object {
    /// An object that will hold `bytes` of members written elsewhere, with
    /// `key_count` keys, and room for the envelope's own: one allocation
    /// each rather than a copy of the parameters into a buffer too small
    /// for them.
    fn with_capacity(bytes: usize, key_count: usize) -> Object {
        const ENVELOPE_BYTES: usize = 128;
        const ENVELOPE_KEYS: usize = 4;
        let (text, keys) = match bytes {
            0 => (Vec::new(), Vec::new()),
            n => (
                Vec::with_capacity(n + ENVELOPE_BYTES),
                Vec::with_capacity(key_count + ENVELOPE_KEYS),
            ),
        };
        Object {
            text,
            keys,
            collided: false,
        }
    }

    /// Before a member: the opening brace, or the comma after the last one.
    fn separate(&mut self) {
        if self.text.is_empty() {
            self.text.reserve(128);
            self.text.push(b'{');
        } else if !self.keys.is_empty() {
            self.text.push(b',');
        }
    }

    /// Notes the key at `range` of `text`, and whether it was written before.
    fn note(&mut self, range: Range<usize>) {
        let new = &self.text[range.clone()];
        if self.keys.iter().any(|k| &self.text[k.clone()] == new) {
            self.collided = true;
        }
        self.keys.push(range);
    }

    fn key(&mut self, key: &str) {
        self.separate();
        let start = self.text.len();
        // Writing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.text, key);
        self.note(start..self.text.len());
        self.text.push(b':');
    }

    fn value(&mut self, key: &str, value: &Value) {
        self.key(key);
        let _ = serde_json::to_writer(&mut self.text, value);
    }

    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        let _ = serde_json::to_writer(&mut self.text, value);
    }

    fn raw(&mut self, key: &str, json: &[&[u8]]) {
        self.key(key);
        for part in json {
            self.text.extend_from_slice(part);
        }
    }

    /// Members written elsewhere (`"a":1,"b":2`), with where their keys are.
    fn members(&mut self, members: &[u8], keys: &[Range<usize>]) {
        if members.is_empty() {
            return;
        }
        self.separate();
        let offset = self.text.len();
        self.text.extend_from_slice(members);
        for k in keys {
            self.note(k.start + offset..k.end + offset);
        }
    }

    fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn finish(mut self) -> Vec<u8> {
        if self.text.is_empty() {
            self.text.push(b'{');
        }
        self.text.push(b'}');
        self.text
    }
}

/// `{members}` or the raw text of the parameters, in parts.
fn params_json(params: &Params) -> Option<[&[u8]; 3]> {
    match params {
        Params::None => None,
        Params::Object { members, .. } => Some([b"{", members, b"}"]),
        Params::Raw(text) => Some([b"", text.as_bytes(), b""]),
    }
}

/// The bytes of one attempt of `split`.
pub fn assemble(
    vendor: &Vendor,
    info: &OperationInfo,
    split: &Split,
    auth: &AuthValues<'_>,
) -> Result<Outgoing, EncodeError> {
    let fallback = || encode_request(vendor, info, split.to_value(), auth).map(Outgoing::from);
    if !splits(vendor) || auth.rpc_by_position {
        return fallback();
    }
    let (params_len, params_keys) = match &split.params {
        Params::None => (0, 0),
        Params::Object { members, keys } => (members.len(), keys.len()),
        Params::Raw(text) => (text.len(), 0),
    };
    // JSON-RPC writes its parameters into an object of its own.
    let json_rpc = matches!(vendor.protocol, Protocol::JsonRpc { .. });
    let mut body = if json_rpc {
        Object::with_capacity(0, 0)
    } else {
        Object::with_capacity(params_len, params_keys)
    };
    let (method, path) = match &vendor.protocol {
        Protocol::JsonEnvelope {
            operation_field, ..
        } => {
            body.string(operation_field, info.wire);
            (Method::Post, String::new())
        }
        Protocol::Rest { .. } => rest_target(info, &split.path, auth)?,
        _ => (Method::Post, String::new()),
    };
    let mut headers = auth_fields(vendor, info, &mut body, auth)?;
    headers.extend(state_headers(vendor, info, auth));
    headers.extend(split.headers.iter().cloned());
    let bytes = match &vendor.protocol {
        Protocol::JsonEnvelope { params_field, .. } => {
            match (params_field, &split.params) {
                (_, Params::None) => {}
                (Some(field), params) => {
                    body.raw(field, &params_json(params).unwrap_or_default());
                }
                (None, Params::Object { members, keys }) => body.members(members, keys),
                (None, Params::Raw(_)) => {
                    return Err(EncodeError::Invalid(InvalidRequest::new(
                        "",
                        "must be an object: the protocol merges parameters into the envelope",
                    )));
                }
            }
            for (key, value) in &split.envelope {
                body.value(key, value);
            }
            if body.collided {
                return fallback();
            }
            Some(body.finish())
        }
        Protocol::JsonRpc { .. } => {
            let mut rpc = Object::with_capacity(params_len, 0);
            rpc.string("jsonrpc", "2.0");
            rpc.string("method", info.wire);
            if let Some(params) = params_json(&split.params) {
                rpc.raw("params", &params);
            }
            rpc.value("id", &Value::from(auth.rpc_id));
            Some(rpc.finish())
        }
        Protocol::Rest { .. } if matches!(method, Method::Get | Method::Delete) => {
            if body.collided {
                return fallback();
            }
            (!body.is_empty()).then(|| body.finish())
        }
        Protocol::Rest { .. } => match &split.params {
            Params::Object { members, keys } => {
                body.members(members, keys);
                if body.collided {
                    return fallback();
                }
                Some(body.finish())
            }
            Params::None if body.is_empty() => None,
            Params::None => Some(body.finish()),
            Params::Raw(text) if body.is_empty() => Some(text.clone().into_bytes()),
            Params::Raw(_) => {
                return Err(EncodeError::Invalid(InvalidRequest::new(
                    "",
                    "must be an object: auth fields travel in the body",
                )));
            }
        },
        Protocol::Form { .. } => return fallback(),
    };
    Ok(Outgoing {
        method,
        path,
        query: split.query.clone(),
        headers,
        body: bytes.map(|b| (JSON, b)),
    })
}

/// The auth fields of the body (credentials, session) and headers (bearer).
fn auth_fields(
    vendor: &Vendor,
    info: &OperationInfo,
    body: &mut Object,
    auth: &AuthValues<'_>,
) -> Result<Vec<(String, String)>, EncodeError> {
    let mut headers = Vec::new();
    for scheme in vendor.auth {
        match scheme {
            Auth::BodyCredentials {
                username,
                password,
                except,
                optional_for,
                ..
            } if !super::request::leaves_out_credentials(except, optional_for, info, auth) => {
                let (user, pass) = credentials(vendor, auth)?;
                body.string(username, user);
                body.string(password, pass);
            }
            Auth::Bearer { .. } if !scheme.is_login(info.wire) => {
                headers.extend(bearer(auth));
            }
            Auth::Session { field, .. } if !scheme.is_login(info.wire) => {
                if let Some(session) = &auth.session {
                    body.string(field, session.expose());
                }
            }
            _ => {}
        }
    }
    Ok(headers)
}

/// A request serialized for sending, kept across attempts: split into
/// JSON text where the vendor's protocol allows, as a `Value` otherwise.
#[derive(Clone, Debug, PartialEq)]
pub enum Prepared {
    Value(Value),
    Split(Split),
}

impl Prepared {
    /// Serializes `request` once, minting its idempotency key if the
    /// operation mints one and the field is empty. Returns the key it carries.
    pub fn new<T: serde::Serialize + ?Sized>(
        vendor: &Vendor,
        info: &OperationInfo,
        request: &T,
    ) -> Result<(Prepared, Option<String>), serde_json::Error> {
        if splits(vendor) {
            let split = Split::new(vendor, info, request)?;
            let key = split.key.clone();
            return Ok((Prepared::Split(split), key));
        }
        let mut params = serde_json::to_value(request)?;
        let key = mint_key(info, &mut params);
        Ok((Prepared::Value(params), key))
    }

    /// Whether the request sends the top-level field `wire` (anywhere:
    /// parameters, envelope, path, query or a header).
    pub fn sends(&self, wire: &str) -> bool {
        match self {
            Prepared::Value(Value::Object(map)) => map.contains_key(wire),
            Prepared::Value(_) => false,
            Prepared::Split(split) => split.sends(wire),
        }
    }

    /// The bytes of one attempt.
    pub fn outgoing(
        &self,
        vendor: &Vendor,
        info: &OperationInfo,
        auth: &AuthValues<'_>,
    ) -> Result<Outgoing, EncodeError> {
        match self {
            Prepared::Value(params) => {
                encode_request(vendor, info, params.clone(), auth).map(Outgoing::from)
            }
            Prepared::Split(split) => assemble(vendor, info, split, auth),
        }
    }

    /// A top-level field of the request (for a split request: one a
    /// recovery of the operation reads).
    pub fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Prepared::Value(params) => params.get(name),
            Prepared::Split(split) => split.kept(name),
        }
    }
}

/// Mints the idempotency key when the operation says so and the caller
/// left the field empty; returns the key the request carries.
fn mint_key(info: &OperationInfo, params: &mut Value) -> Option<String> {
    let crate::Idempotency { field, mint, .. } = info.idempotency?;
    let map = params.as_object_mut()?;
    let empty = match map.get(field) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(_) => false,
    };
    if empty && mint == crate::Mint::UuidV4 {
        map.insert(
            field.to_owned(),
            Value::String(uuid::Uuid::new_v4().to_string()),
        );
    }
    map.get(field).and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    })
}
