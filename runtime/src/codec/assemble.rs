//! A [`Split`] request and this attempt's auth values → the bytes to send.
//!
//! The parameters were serialized once; each attempt only writes the
//! envelope around them (credentials, token, session, a signature with its
//! nonce, and state headers may differ from one attempt to the next). The
//! result is byte for byte what [`encode_request`] makes of the same
//! request as a `Value`; bodies whose keys collide take that path.

use std::borrow::Cow;

use serde_json::Value;

use super::body::{Body, Form, Object};
use super::positional::positional;
use super::request::{
    AuthValues, EncodeError, bearer, context_value, credentials, encode_request, form_path,
    hmac_values, not_named_fields, rest_target, signature, state_headers,
};
use super::split::{Params, Split};
use super::wire::{WireBody, WireRequest, value_to_text};
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

/// `{members}` or the raw text of the parameters, in parts.
fn params_json(params: &Params) -> Option<[&[u8]; 3]> {
    match params {
        Params::None => None,
        Params::Object { members, .. } => Some([b"{", members, b"}"]),
        Params::Raw(text) => Some([b"", text.as_bytes(), b""]),
        // Not JSON: `assemble` refuses it before it writes parameters.
        Params::Form { .. } => None,
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
    if let Protocol::Form { path, .. } = &vendor.protocol {
        return assemble_form(vendor, info, split, auth, path);
    }
    let (params_len, params_keys) = match &split.params {
        Params::None => (0, 0),
        Params::Object { members, keys } => (members.len(), keys.len()),
        Params::Raw(text) => (text.len(), 0),
        Params::Form { .. } => return Err(not_json()),
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
    let mut headers = auth_fields(vendor, info, &mut body, split, auth)?;
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
                (None, Params::Form { .. }) => return Err(not_json()),
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
            match &split.params {
                Params::Object { members, keys } if auth.rpc_by_position => {
                    let Some(array) = positional(info, members, keys) else {
                        return fallback();
                    };
                    rpc.raw("params", &[&array]);
                }
                params => {
                    if let Some(params) = params_json(params) {
                        rpc.raw("params", &params);
                    }
                }
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
            Params::Form { .. } => return Err(not_json()),
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

/// The bytes of one attempt of a form protocol's `split`, posted to the
/// path `template` names.
fn assemble_form(
    vendor: &Vendor,
    info: &OperationInfo,
    split: &Split,
    auth: &AuthValues<'_>,
    template: &str,
) -> Result<Outgoing, EncodeError> {
    let (pairs, keys) = match &split.params {
        Params::None => (&[][..], &[][..]),
        Params::Form { pairs, keys } => (pairs.as_slice(), keys.as_slice()),
        Params::Object { .. } | Params::Raw(_) => return Err(not_named_fields()),
    };
    let mut body = Form::with_capacity(pairs.len(), keys.len());
    let mut headers = auth_fields(vendor, info, &mut body, split, auth)?;
    headers.extend(state_headers(vendor, info, auth));
    headers.extend(split.headers.iter().cloned());
    body.pairs(pairs, keys);
    for (key, value) in &split.envelope {
        body.value(key, value);
    }
    if body.collided {
        return encode_request(vendor, info, split.to_value(), auth).map(Outgoing::from);
    }
    Ok(Outgoing {
        method: Method::Post,
        path: form_path(template, info.wire),
        query: split.query.clone(),
        headers,
        body: Some((FORM, body.finish())),
    })
}

/// Parameters serialized for a form, given to a JSON protocol: a `Split`
/// made for another vendor.
fn not_json() -> EncodeError {
    EncodeError::Config("the request was serialized for a form, not for JSON".into())
}

/// The auth fields of the body (credentials, session, a signature and what
/// it signs) and headers (bearer). A signature covers fields of the body
/// written before it and the parameters the split kept.
fn auth_fields<B: Body>(
    vendor: &Vendor,
    info: &OperationInfo,
    body: &mut B,
    split: &Split,
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
            Auth::Hmac {
                key_field,
                nonce_field,
                signature_field,
                message,
                encoding,
                context,
            } => {
                let (key, secret, nonce) = hmac_values(vendor, auth)?;
                body.string(key_field, key);
                body.string(nonce_field, itoa::Buffer::new().format(nonce));
                for name in *context {
                    body.value(name, context_value(vendor, auth, name)?);
                }
                let signature = signature(vendor, secret, message, *encoding, |part| {
                    let kept = || split.kept(part).and_then(value_to_text).map(Cow::Owned);
                    body.read(part).or_else(kept)
                })?;
                body.string(signature_field, &signature);
            }
            _ => {}
        }
    }
    Ok(headers)
}

/// A request serialized for sending, kept across attempts: a typed
/// request split into JSON text or form pairs ([`Prepared::new`]), or a
/// request the client builds as a `Value` itself (a login, a recovery's
/// read).
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
        let split = Split::new(vendor, info, request)?;
        let key = split.key.clone();
        Ok((Prepared::Split(split), key))
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

#[cfg(test)]
#[path = "assemble_tests.rs"]
mod tests;
