//! Requests: operation + parameters + auth values → HTTP, and back.

use std::borrow::Cow;
use std::fmt;

use serde_json::{Map, Value};

use super::sign::sign;
use super::wire::{WireBody, WireRequest, needs_no_escape, value_to_text};
use crate::{
    Auth, DecodeError, InvalidRequest, Method, OperationInfo, Placement, Protocol, Secret,
    SignatureEncoding, Vendor,
};

/// What the client puts into one request besides its parameters, gathered
/// per attempt: the auth schemes' values, the state headers, the JSON-RPC
/// id and the REST route `Config::path` gives the operation.
///
/// The client lends its credentials and state for the attempt's encoding
/// (`Cow::Borrowed`, read under its lock) rather than copying them; a value
/// built for the purpose, such as [`AuthValues::observed`], owns its own.
#[derive(Clone, Default)]
pub struct AuthValues<'a> {
    pub username: Option<Cow<'a, str>>,
    pub password: Option<Cow<'a, Secret>>,
    pub token: Option<Cow<'a, Secret>>,
    pub session: Option<Cow<'a, Secret>>,
    pub api_key: Option<Cow<'a, Secret>>,
    pub secret_key: Option<Cow<'a, Secret>>,
    /// The nonce of this request (HMAC schemes).
    pub nonce: Option<u64>,
    /// Values sent with every request (`WareHouseID`), by wire name.
    pub context: Cow<'a, [(String, Value)]>,
    /// Current values of state headers, by header name.
    pub state: Cow<'a, [(String, String)]>,
    /// JSON-RPC request id.
    pub rpc_id: u64,
    /// JSON-RPC: send the parameters by position (an array) in this call.
    pub rpc_by_position: bool,
    /// The REST method and path template to use instead of the
    /// operation's (`Config::path`).
    pub route: Option<(Method, Cow<'a, str>)>,
}

impl fmt::Debug for AuthValues<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthValues")
            .field("username", &self.username)
            .field("password", &self.password)
            .field("token", &self.token)
            .field("session", &self.session)
            .field("api_key", &self.api_key)
            .field("secret_key", &self.secret_key)
            .field("nonce", &self.nonce)
            .field("context", &self.context)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl AuthValues<'static> {
    /// The auth values a request a server received carries, so that
    /// encoding its parameters again reproduces the same body (credentials
    /// and JSON-RPC id; signatures need the secret key, which no request carries).
    pub fn observed(vendor: &Vendor, request: &DecodedRequest) -> AuthValues<'static> {
        let text = |k: &str| request.auth.get(k).and_then(value_to_text);
        let mut auth = AuthValues {
            rpc_id: request.rpc_id.as_ref().and_then(Value::as_u64).unwrap_or(0),
            ..AuthValues::default()
        };
        for scheme in vendor.auth {
            if let Auth::BodyCredentials {
                username, password, ..
            } = scheme
            {
                auth.username = text(username).map(Cow::Owned);
                auth.password = text(password).map(|p| Cow::Owned(Secret::new(p)));
            }
        }
        auth
    }
}

/// Why a request could not be encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodeError {
    Invalid(InvalidRequest),
    /// The client lacks a value the protocol needs.
    Config(String),
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::Invalid(e) => e.fmt(f),
            EncodeError::Config(m) => f.write_str(m),
        }
    }
}

/// Parameters sorted by where they travel.
#[derive(Default)]
struct Parts {
    params: Value,
    envelope: Map<String, Value>,
    path: Vec<(String, String)>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
}

fn split(info: &OperationInfo, params: Value) -> Parts {
    use super::query::query_pairs;
    let mut parts = Parts::default();
    let Value::Object(map) = params else {
        parts.params = params;
        return parts;
    };
    let mut rest = Map::new();
    for (key, value) in map {
        match info.placement_of(&key) {
            Placement::Params => {
                rest.insert(key, value);
            }
            Placement::Envelope => {
                parts.envelope.insert(key, value);
            }
            Placement::Path => parts.path.extend(value_to_text(&value).map(|v| (key, v))),
            Placement::Query => parts.query.extend(query_pairs(info, &key, &value)),
            Placement::Header => parts
                .headers
                .extend(value_to_text(&value).map(|v| (key, v))),
        }
    }
    parts.params = Value::Object(rest);
    parts
}

fn fill_path(template: &str, values: &[(String, String)], op: &str) -> Result<String, EncodeError> {
    // Room for the values as well as the template: one allocation, as a
    // rule, instead of a regrowth per piece.
    let room: usize = values.iter().map(|(_, v)| v.len()).sum();
    let mut out = String::with_capacity(template.len() + room);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        let value = values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
            .ok_or_else(|| {
                EncodeError::Invalid(InvalidRequest::new(
                    name,
                    format!("is required in the path of `{op}`"),
                ))
            })?;
        push_path_segment(&mut out, value);
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `value` form-urlencoded onto `out`. Ids and codes, the usual path
/// values, need no escape and are copied as they are.
pub(super) fn push_path_segment(out: &mut String, value: &str) {
    if needs_no_escape(value) {
        out.push_str(value);
    } else {
        out.extend(form_urlencoded::byte_serialize(value.as_bytes()));
    }
}

/// A REST operation's method and its path with the path fields filled in.
pub(super) fn rest_target(
    info: &OperationInfo,
    path: &[(String, String)],
    auth: &AuthValues<'_>,
) -> Result<(Method, String), EncodeError> {
    if let Some((method, template)) = &auth.route {
        return Ok((*method, fill_path(template, path, info.name)?));
    }
    let (method, template) = info.http.ok_or_else(|| {
        EncodeError::Config(format!(
            "operation `{}` has no HTTP method and path",
            info.name
        ))
    })?;
    Ok((method, fill_path(template, path, info.name)?))
}

/// The current values of the state headers the operation sends.
pub(super) fn state_headers<'a>(
    vendor: &'a Vendor,
    info: &'a OperationInfo,
    auth: &'a AuthValues<'_>,
) -> impl Iterator<Item = (String, String)> + 'a {
    vendor
        .state
        .iter()
        .filter(|state| state.sent_by.contains(&info.wire))
        .filter_map(|state| {
            auth.state
                .iter()
                .find(|(h, _)| h.eq_ignore_ascii_case(state.header))
                .map(|(_, value)| (state.header.to_owned(), value.clone()))
        })
}

/// The configuration error for a value the vendor's auth needs.
pub(super) fn missing(vendor: &Vendor, what: &str) -> EncodeError {
    EncodeError::Config(format!(
        "{} needs {what}; set it in the client's Config",
        vendor.name
    ))
}

/// The user name and password of body credentials.
pub(super) fn credentials<'a>(
    vendor: &Vendor,
    auth: &'a AuthValues<'_>,
) -> Result<(&'a str, &'a str), EncodeError> {
    let user = auth
        .username
        .as_deref()
        .ok_or_else(|| missing(vendor, "a username"))?;
    let pass = auth
        .password
        .as_ref()
        .ok_or_else(|| missing(vendor, "a password"))?;
    Ok((user, pass.expose()))
}

/// Whether a request of `info` goes without the body credentials: the
/// operation never carries them, or the vendor also takes it without them
/// and there are none (a request a server received, encoded again).
pub(super) fn leaves_out_credentials(
    except: &[&str],
    optional_for: &[&str],
    info: &OperationInfo,
    auth: &AuthValues<'_>,
) -> bool {
    except.contains(&info.wire) || (optional_for.contains(&info.wire) && auth.username.is_none())
}

/// The `Authorization` header of a bearer token, if the client holds one.
pub(super) fn bearer(auth: &AuthValues<'_>) -> Option<(String, String)> {
    auth.token
        .as_ref()
        .map(|t| ("Authorization".to_owned(), ["Bearer ", t.expose()].concat()))
}

/// The API key, secret key and nonce an HMAC scheme needs.
pub(super) fn hmac_values<'a>(
    vendor: &Vendor,
    auth: &'a AuthValues<'_>,
) -> Result<(&'a str, &'a Secret, u64), EncodeError> {
    let key = auth.api_key.as_ref();
    let key = key.ok_or_else(|| missing(vendor, "an API key"))?;
    let secret = auth.secret_key.as_ref();
    let secret = secret.ok_or_else(|| missing(vendor, "a secret key"))?;
    let nonce = auth.nonce.ok_or_else(|| missing(vendor, "a nonce"))?;
    Ok((key.expose(), secret, nonce))
}

/// The value of the context field `name` (sent with every request).
pub(super) fn context_value<'a>(
    vendor: &Vendor,
    auth: &'a AuthValues<'_>,
    name: &str,
) -> Result<&'a Value, EncodeError> {
    auth.context
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v)
        .ok_or_else(|| missing(vendor, &format!("the context value `{name}`")))
}

/// The signature over `message`: the text of each of its parts, as
/// `part` reads it from the request, joined and signed with `secret`.
pub(super) fn signature<'v>(
    vendor: &Vendor,
    secret: &Secret,
    message: &[&str],
    encoding: SignatureEncoding,
    mut part: impl FnMut(&str) -> Option<Cow<'v, str>>,
) -> Result<String, EncodeError> {
    let mut signed = String::new();
    for name in message {
        let text = part(name)
            .ok_or_else(|| missing(vendor, &format!("the value `{name}` the signature covers")))?;
        signed.push_str(&text);
    }
    sign(secret.expose().as_bytes(), signed.as_bytes(), encoding).ok_or_else(|| {
        EncodeError::Config(format!(
            "{} signs its requests with HMAC-SHA256: build kassa with its `hmac` feature",
            vendor.name
        ))
    })
}

/// The path a form protocol posts an operation to.
pub(super) fn form_path(template: &str, wire: &str) -> String {
    const SLOT: &str = "{operation}";
    let mut path = String::with_capacity(template.len() + wire.len());
    let mut rest = template;
    // A search for one byte, not for the whole pattern: cheaper on a path
    // this short.
    while let Some(brace) = rest.find('{') {
        path.push_str(&rest[..brace]);
        match rest[brace..].strip_prefix(SLOT) {
            Some(after) => {
                path.push_str(wire);
                rest = after;
            }
            None => {
                path.push('{');
                rest = &rest[brace + 1..];
            }
        }
    }
    path.push_str(rest);
    path
}

/// Puts the auth fields every request body carries; returns headers to add.
fn apply_auth(
    vendor: &Vendor,
    info: &OperationInfo,
    body: &mut Map<String, Value>,
    params: &Map<String, Value>,
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
            } => {
                if leaves_out_credentials(except, optional_for, info, auth) {
                    continue;
                }
                let (user, pass) = credentials(vendor, auth)?;
                body.insert((*username).to_owned(), Value::from(user));
                body.insert((*password).to_owned(), Value::from(pass));
            }
            Auth::Bearer { .. } => {
                if scheme.is_login(info.wire) {
                    continue;
                }
                headers.extend(bearer(auth));
            }
            Auth::PathSecret { .. } => {}
            Auth::Hmac {
                key_field,
                nonce_field,
                signature_field,
                message,
                encoding,
                context,
            } => {
                let (key, secret, nonce) = hmac_values(vendor, auth)?;
                body.insert((*key_field).to_owned(), Value::from(key));
                body.insert((*nonce_field).to_owned(), Value::from(nonce.to_string()));
                for name in *context {
                    let value = context_value(vendor, auth, name)?.clone();
                    body.insert((*name).to_owned(), value);
                }
                let signature = signature(vendor, secret, message, *encoding, |part| {
                    let value = body.get(part).or_else(|| params.get(part));
                    value.and_then(value_to_text).map(Cow::Owned)
                })?;
                body.insert((*signature_field).to_owned(), Value::from(signature));
            }
            Auth::Session { field, .. } => {
                if scheme.is_login(info.wire) {
                    continue;
                }
                if let Some(session) = &auth.session {
                    body.insert((*field).to_owned(), Value::from(session.expose()));
                }
            }
        }
    }
    Ok(headers)
}

/// Encodes one operation call. `params` is the request struct serialized
/// to JSON (`null` for an operation without parameters).
pub fn encode_request(
    vendor: &Vendor,
    info: &OperationInfo,
    params: Value,
    auth: &AuthValues<'_>,
) -> Result<WireRequest, EncodeError> {
    let mut parts = split(info, params);
    let empty = Map::new();
    let mut body = Map::new();
    let (method, path) = match &vendor.protocol {
        Protocol::JsonEnvelope {
            operation_field, ..
        } => {
            body.insert((*operation_field).to_owned(), Value::from(info.wire));
            (Method::Post, String::new())
        }
        Protocol::JsonRpc { .. } => (Method::Post, String::new()),
        Protocol::Rest { .. } => rest_target(info, &parts.path, auth)?,
        Protocol::Form { path, .. } => (Method::Post, form_path(path, info.wire)),
    };
    // The signature reads the parameters where they are: no copy of them.
    let params = parts.params.as_object().unwrap_or(&empty);
    let mut headers = apply_auth(vendor, info, &mut body, params, auth)?;
    headers.extend(state_headers(vendor, info, auth));
    headers.append(&mut parts.headers);
    let body = match &vendor.protocol {
        Protocol::JsonEnvelope { params_field, .. } => {
            match (params_field, parts.params) {
                (_, Value::Null) => {}
                (Some(field), params) => {
                    body.insert((*field).to_owned(), params);
                }
                (None, Value::Object(map)) => body.extend(map),
                (None, _) => {
                    return Err(EncodeError::Invalid(InvalidRequest::new(
                        "",
                        "must be an object: the protocol merges parameters into the envelope",
                    )));
                }
            }
            body.append(&mut parts.envelope);
            WireBody::Json(Value::Object(body))
        }
        Protocol::JsonRpc { .. } => {
            let mut rpc = Map::new();
            rpc.insert("jsonrpc".into(), "2.0".into());
            rpc.insert("method".into(), info.wire.into());
            let params = match (auth.rpc_by_position, parts.params) {
                (true, Value::Object(map)) => positional(info, map),
                (_, params) => params,
            };
            if !params.is_null() {
                rpc.insert("params".into(), params);
            }
            rpc.insert("id".into(), auth.rpc_id.into());
            WireBody::Json(Value::Object(rpc))
        }
        Protocol::Rest { .. } => {
            let params = parts.params;
            if matches!(method, Method::Get | Method::Delete) {
                if let Value::Object(map) = &params {
                    parts.query.extend(
                        map.iter()
                            .filter_map(|(k, v)| value_to_text(v).map(|v| (k.clone(), v))),
                    );
                }
                if body.is_empty() {
                    WireBody::None
                } else {
                    WireBody::Json(Value::Object(body))
                }
            } else {
                match params {
                    Value::Object(map) => {
                        body.extend(map);
                        WireBody::Json(Value::Object(body))
                    }
                    Value::Null if body.is_empty() => WireBody::None,
                    Value::Null => WireBody::Json(Value::Object(body)),
                    other if body.is_empty() => WireBody::Json(other),
                    _ => {
                        return Err(EncodeError::Invalid(InvalidRequest::new(
                            "",
                            "must be an object: auth fields travel in the body",
                        )));
                    }
                }
            }
        }
        Protocol::Form { .. } => {
            match parts.params {
                Value::Object(map) => body.extend(map),
                Value::Null => {}
                _ => return Err(not_named_fields()),
            }
            body.append(&mut parts.envelope);
            WireBody::Form(
                body.iter()
                    .filter_map(|(k, v)| value_to_text(v).map(|v| (k.clone(), v)))
                    .collect(),
            )
        }
    };
    Ok(WireRequest {
        method,
        path,
        query: parts.query,
        headers,
        body,
    })
}

/// The error for a form request whose parameters are not an object.
pub(super) fn not_named_fields() -> EncodeError {
    EncodeError::Invalid(InvalidRequest::new(
        "",
        "must be an object: a form sends named fields",
    ))
}

/// A request as a server reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedRequest {
    /// Index of the operation in the table passed to [`decode_request`].
    pub operation: usize,
    /// The operation name as it arrived (a wire alias or slip included).
    pub wire: String,
    /// The parameters, shaped as the request struct serializes.
    pub params: Value,
    /// Auth fields found in the body (credentials, nonce, signature, session).
    pub auth: Map<String, Value>,
    /// JSON-RPC id.
    pub rpc_id: Option<Value>,
}

fn auth_field_names(vendor: &Vendor) -> Vec<&'static str> {
    let mut names = Vec::new();
    for scheme in vendor.auth {
        match scheme {
            Auth::BodyCredentials {
                username, password, ..
            } => names.extend([*username, *password]),
            Auth::Hmac {
                key_field,
                nonce_field,
                signature_field,
                context,
                ..
            } => {
                names.extend([*key_field, *nonce_field, *signature_field]);
                names.extend(context.iter().copied());
            }
            Auth::Session { field, .. } => names.push(field),
            Auth::Bearer { .. } | Auth::PathSecret { .. } => {}
        }
    }
    names
}

fn match_path(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut vars = Vec::new();
    for (t, p) in t.iter().zip(&p) {
        if let Some(name) = t.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            let value = form_urlencoded::parse(format!("v={p}").as_bytes())
                .next()?
                .1
                .into_owned();
            vars.push((name.to_owned(), value));
        } else if t != p {
            return None;
        }
    }
    Some(vars)
}

fn find_op(ops: &[OperationInfo], name: &str) -> Option<usize> {
    ops.iter()
        .position(|o| o.wire == name)
        .or_else(|| ops.iter().position(|o| o.wire_aliases.contains(&name)))
}

/// The parameters as a JSON-RPC array: in the documented order, an absent
/// parameter before a present one as `null`, none after the last present
/// one. Parameters the operation does not list keep their order at the end.
pub(super) fn positional(info: &OperationInfo, mut map: Map<String, Value>) -> Value {
    let mut list: Vec<Value> = info
        .params
        .iter()
        .map(|name| map.remove(*name).unwrap_or(Value::Null))
        .collect();
    list.extend(map.into_iter().map(|(_, v)| v));
    while list.last().is_some_and(Value::is_null) {
        list.pop();
    }
    Value::Array(list)
}

/// A JSON-RPC `params` array read back into an object by the operation's
/// parameter order (`null` items are absent parameters).
fn by_name(info: &OperationInfo, params: Value) -> Result<Value, String> {
    let Value::Array(items) = params else {
        return Ok(params);
    };
    if items.len() > info.params.len() {
        return Err(format!(
            "{} parameters by position; `{}` takes at most {}",
            items.len(),
            info.wire,
            info.params.len()
        ));
    }
    let map = info
        .params
        .iter()
        .zip(items)
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| ((*k).to_owned(), v))
        .collect();
    Ok(Value::Object(map))
}

/// Reads a request the way the vendor's server would: which operation,
/// which parameters, which auth values. The inverse of [`encode_request`].
pub fn decode_request(
    vendor: &Vendor,
    ops: &[OperationInfo],
    req: &WireRequest,
) -> Result<DecodedRequest, DecodeError> {
    let raw = match &req.body {
        WireBody::Json(v) => v.to_string(),
        WireBody::Form(f) => form_urlencoded::Serializer::new(String::new())
            .extend_pairs(f)
            .finish(),
        WireBody::None => String::new(),
    };
    let fail = |path: &str, reason: String| DecodeError {
        request: true,
        ..DecodeError::new(path, reason, raw.clone())
    };
    let auth_names = auth_field_names(vendor);
    let mut auth = Map::new();
    let mut take_auth = |map: &mut Map<String, Value>| {
        for name in &auth_names {
            if let Some(v) = map.remove(*name) {
                auth.insert((*name).to_owned(), v);
            }
        }
    };
    let (operation, wire, mut params, extra, rpc_id) = match &vendor.protocol {
        Protocol::JsonEnvelope {
            operation_field,
            params_field,
            ..
        } => {
            let WireBody::Json(Value::Object(body)) = &req.body else {
                return Err(fail("", "expected a JSON object body".into()));
            };
            let mut body = body.clone();
            let wire = match body.remove(*operation_field) {
                Some(Value::String(s)) => s,
                _ => return Err(fail(operation_field, "missing the operation name".into())),
            };
            let op = find_op(ops, &wire)
                .ok_or_else(|| fail(operation_field, format!("unknown operation {wire:?}")))?;
            take_auth(&mut body);
            let params = match params_field {
                Some(field) => body.remove(*field).unwrap_or(Value::Null),
                None => Value::Object(std::mem::take(&mut body)),
            };
            (op, wire, params, body, None)
        }
        Protocol::JsonRpc { .. } => {
            let WireBody::Json(Value::Object(body)) = &req.body else {
                return Err(fail("", "expected a JSON-RPC request object".into()));
            };
            let wire = body
                .get("method")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let op = find_op(ops, &wire)
                .ok_or_else(|| fail("method", format!("unknown method {wire:?}")))?;
            // By name or by position: a server reads either.
            let params = body.get("params").cloned().unwrap_or(Value::Null);
            let params = by_name(&ops[op], params).map_err(|e| fail("params", e))?;
            (op, wire, params, Map::new(), body.get("id").cloned())
        }
        Protocol::Rest { .. } => {
            let found = ops.iter().enumerate().find_map(|(i, o)| {
                let (method, template) = o.http?;
                (method == req.method)
                    .then(|| match_path(template, &req.path))
                    .flatten()
                    .map(|vars| (i, vars))
            });
            let (op, vars) = found.ok_or_else(|| {
                fail(
                    "",
                    format!("no operation for {} {}", req.method.as_str(), req.path),
                )
            })?;
            let mut params = match &req.body {
                WireBody::Json(Value::Object(map)) => map.clone(),
                WireBody::Json(other) => {
                    return Ok(DecodedRequest {
                        operation: op,
                        wire: ops[op].wire.to_owned(),
                        params: other.clone(),
                        auth,
                        rpc_id: None,
                    });
                }
                WireBody::Form(_) | WireBody::None => Map::new(),
            };
            take_auth(&mut params);
            for (k, v) in vars {
                params.insert(k, Value::String(v));
            }
            for (k, v) in super::query::query_params(&ops[op], &req.query) {
                params.insert(k, v);
            }
            (
                op,
                ops[op].wire.to_owned(),
                Value::Object(params),
                Map::new(),
                None,
            )
        }
        Protocol::Form { path, .. } => {
            let (prefix, suffix) = path.split_once("{operation}").unwrap_or((path, ""));
            let name = req
                .path
                .strip_prefix(prefix)
                .and_then(|p| p.strip_suffix(suffix))
                .unwrap_or_default();
            let op = find_op(ops, name)
                .ok_or_else(|| fail("", format!("no operation at {}", req.path)))?;
            let WireBody::Form(fields) = &req.body else {
                return Err(fail("", "expected a form body".into()));
            };
            let mut map: Map<String, Value> = fields
                .iter()
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            take_auth(&mut map);
            (op, name.to_owned(), Value::Object(map), Map::new(), None)
        }
    };
    // Fields placed beside the parameters (and headers) belong to the request struct.
    let info = &ops[operation];
    if let Value::Object(map) = &mut params {
        for (k, v) in extra {
            map.insert(k, v);
        }
        for (name, placement) in info.placement {
            if *placement == Placement::Header
                && let Some(v) = req.header(name)
            {
                map.insert((*name).to_owned(), Value::String(v.to_owned()));
            }
        }
    } else if params.is_null() && !extra.is_empty() {
        params = Value::Object(extra);
    }
    Ok(DecodedRequest {
        operation,
        wire,
        params,
        auth,
        rpc_id,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// A form's path names its operation wherever the template says.
        #[test]
        fn form_paths_name_the_operation(template in "[a-z/{}]{0,6}(\\{operation\\}[a-z/{}]{0,6}){0,2}") {
            prop_assert_eq!(
                super::form_path(&template, "get-x"),
                template.replace("{operation}", "get-x")
            );
        }

        /// The shortcut for plain values writes what the encoder writes.
        #[test]
        fn path_segments_are_form_urlencoded(value in "[a-zA-Z0-9*._~ +%/-]{0,12}|\\PC{0,6}") {
            let mut out = String::from("/x/");
            super::push_path_segment(&mut out, &value);
            let encoded: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
            prop_assert_eq!(out, format!("/x/{encoded}"));
        }
    }
}
