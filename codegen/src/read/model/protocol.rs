//! How operations travel: protocols, envelopes, auth and state headers.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use super::{Field, NamedMap, Spanned};

/// The wire protocol of a vendor (exactly one key).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    /// One URL; POST a JSON object whose field names the operation.
    JsonEnvelope(JsonEnvelope),
    /// JSON-RPC 2.0: `{jsonrpc, id, method, params}`.
    JsonRpc(JsonRpc),
    /// REST: the operation is `METHOD /path`, JSON bodies.
    Rest(Rest),
    /// POST `application/x-www-form-urlencoded` to a per-operation path; JSON replies.
    Form(FormProtocol),
}

/// JSON body with the operation name in a field.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonEnvelope {
    /// Body field that carries the operation's wire name (`req`, `operation`).
    pub operation_field: Spanned<String>,
    /// Field that holds the parameters; absent when they sit at the top level.
    pub params_field: Option<Spanned<String>>,
    /// The response repeats the operation name in `operation_field`.
    #[serde(default)]
    pub echo_operation: bool,
    /// The response envelope.
    pub response: Spanned<Envelope>,
}

/// JSON-RPC 2.0.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonRpc {
    /// Parameters as an object keyed by name (`by_name`) or an array (`by_position`).
    pub params: Spanned<ParamStyle>,
    /// Error table for the `error.code` values.
    pub error_table: Spanned<String>,
}

/// How JSON-RPC parameters are passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParamStyle {
    ByName,
    ByPosition,
}

/// REST with a JSON response envelope.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rest {
    /// The response envelope.
    pub response: Spanned<Envelope>,
}

/// Form-encoded requests.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormProtocol {
    /// Path template appended to the server URL; `{operation}` is the wire name.
    pub path: Spanned<String>,
    /// The response envelope.
    pub response: Spanned<Envelope>,
}

/// Where a response keeps its status, payload and message.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// Field holding the status code; absent when only HTTP status tells.
    pub status_field: Option<Spanned<String>>,
    /// Status values that mean success (numbers and strings are told apart).
    #[serde(default)]
    pub success: Vec<Spanned<Value>>,
    /// Status values that mean "not modified since the caller's timestamp".
    #[serde(default)]
    pub not_modified: Vec<Spanned<Value>>,
    /// Status values to accept as well on decode (a documented value of another type).
    #[serde(default)]
    pub success_aliases: Vec<Spanned<Value>>,
    /// Status values that mean "this idempotency key was used before; the payload is the
    /// earlier result". The client returns the payload as a success, marked as a replay.
    #[serde(default)]
    pub replayed: Vec<Spanned<Value>>,
    /// Field holding the payload; absent when payload fields sit beside the status.
    pub data_field: Option<Spanned<String>>,
    /// Field holding the vendor's message.
    pub message_field: Option<Spanned<String>>,
    /// Other envelope fields the response carries (not part of any payload).
    #[serde(default)]
    pub extra_fields: NamedMap<Spanned<Field>>,
    /// How an error is recognised: by the status field, or by the HTTP status.
    #[serde(default)]
    pub error_from: ErrorSource,
    /// Error table the status or HTTP codes are looked up in.
    pub error_table: Option<Spanned<String>>,
}

/// How an error response is recognised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorSource {
    /// A status field value outside `success` and `not_modified`.
    #[default]
    StatusField,
    /// An HTTP status outside 2xx; the code is the HTTP status.
    HttpStatus,
}

/// An authentication scheme (exactly one key).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthScheme {
    /// User name and password in every request body.
    BodyCredentials(BodyCredentials),
    /// `Authorization: Bearer` with a token obtained from a login operation.
    Bearer(BearerAuth),
    /// A secret server URL variable (the key is a path segment).
    PathSecret(PathSecret),
    /// Key, increasing nonce and HMAC signature fields in every request.
    Hmac(HmacAuth),
    /// A session id from a login operation, sent as a field.
    Session(SessionAuth),
}

/// Credentials in the body.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyCredentials {
    /// Wire name of the user-name field.
    pub username: Spanned<String>,
    /// Wire name of the password field (a secret).
    pub password: Spanned<String>,
    /// Operations that do not carry them.
    #[serde(default)]
    pub except: Vec<Spanned<String>>,
    /// Operations the vendor also accepts without them, relying on an
    /// earlier login (Caspos `openShift`): the client still sends them; a
    /// request without them is valid, and the example server admits it.
    #[serde(default)]
    pub optional_for: Vec<Spanned<String>>,
    /// The vendor's answer to missing credentials.
    pub refused: Option<Spanned<super::Answer>>,
}

/// Bearer token from a login operation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BearerAuth {
    /// The login operation, or the alternatives the configuration picks from.
    pub login: Spanned<super::Logins>,
    /// Response field of the login operation holding the token.
    pub token_field: Spanned<String>,
    /// HTTP statuses after which the client logs in again once and retries.
    #[serde(default)]
    pub relogin_on: Vec<Spanned<u16>>,
    /// How long a token stays valid (`30m`, `24h`), where the vendor says.
    pub lifetime: Option<Spanned<String>>,
    /// The vendor's answer to a missing, wrong or expired token.
    pub refused: Option<Spanned<super::Answer>>,
}

/// A secret URL path segment.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PathSecret {
    /// Server variable holding the key; it must be declared `secret: true`.
    pub variable: Spanned<String>,
}

/// HMAC request signing with an increasing nonce.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HmacAuth {
    /// Hash function.
    pub algorithm: Spanned<HmacAlgorithm>,
    /// Request field carrying the public key.
    pub key_field: Spanned<String>,
    /// Request field carrying the nonce.
    pub nonce_field: Spanned<String>,
    /// Request field carrying the signature.
    pub signature_field: Spanned<String>,
    /// Wire names concatenated, in order and without separators, to form the
    /// signed message (the nonce and key fields, or `context` fields).
    pub message: Vec<Spanned<String>>,
    /// How the signature is written.
    pub encoding: Spanned<SignatureEncoding>,
    /// Values from the client configuration sent with every request.
    #[serde(default)]
    pub context: NamedMap<Spanned<Field>>,
}

/// Hash functions for HMAC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum HmacAlgorithm {
    Sha256,
}

/// Text encodings of a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SignatureEncoding {
    HexUpper,
    HexLower,
    Base64,
}

/// A session id from a login operation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionAuth {
    /// The login operation, or the alternatives the configuration picks from.
    pub login: Spanned<super::Logins>,
    /// Response field of the login operation holding the session id.
    pub from: Spanned<String>,
    /// Request field that carries it.
    pub field: Spanned<String>,
    /// How long a session stays valid (`30m`, `24h`), where the vendor says.
    pub lifetime: Option<Spanned<String>>,
    /// The vendor's answer to a missing, unknown or expired session.
    pub refused: Option<Spanned<super::Answer>>,
}

/// A header carried from a response to the next request.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StateHeader {
    /// Header name (`Uid`).
    pub header: Spanned<String>,
    /// What it is.
    pub doc: Option<Spanned<String>>,
    /// Operations whose response hands out a new value.
    pub set_by: Vec<Spanned<String>>,
    /// Operations that must send the current value.
    pub sent_by: Vec<Spanned<String>>,
    /// Operation that fetches the current value after a lost response.
    pub recover: Option<Spanned<String>>,
    /// Response field of `recover` holding the value.
    pub recover_field: Option<Spanned<String>>,
}
