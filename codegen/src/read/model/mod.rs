//! The spec language, version 1, as a serde model.
//!
//! A vendor spec is a folder of YAML files; every file has the shape of
//! [`SpecFile`], and the loader merges them. Every value that a diagnostic may
//! point at is [`Spanned`]. The model avoids `flatten`, `untagged` and
//! internally tagged enums, which lose positions; choices are externally
//! tagged (`{json_envelope: {...}}`) and the [`Field`] shorthand is parsed by a
//! hand-written visitor. `spec/README.md` is the reference for authors; the
//! doc comments here become the descriptions in `spec/kassa-spec.schema.json`.

pub mod field;
mod lifecycle;
mod logins;
mod map;
mod protocol;
mod span;

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

pub use field::{Each, Field, FieldBody, ListStyle, Placement};
pub use lifecycle::{
    Answer, Counter, CounterReport, Creation, Expiry, Lifecycle, Move, StateReport,
};
pub use logins::Logins;
pub use map::NamedMap;
pub use protocol::{
    AuthScheme, BearerAuth, BodyCredentials, Envelope, ErrorSource, FormProtocol, HmacAuth,
    JsonEnvelope, JsonRpc, ParamStyle, PathSecret, Protocol, Rest, SessionAuth, SignatureEncoding,
    StateHeader,
};
pub use span::{Pos, Spanned};

/// One YAML file of a vendor spec. Every section is optional; the files of a
/// folder are merged and exactly one of them declares `vendor`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "kassa vendor spec file",
    description = "One YAML file of a kassa vendor spec (spec language v1)."
)]
pub struct SpecFile {
    /// Who the vendor is and which revision of its documentation this spec follows.
    pub vendor: Option<Spanned<Vendor>>,
    /// Named servers (production, test, a device on the LAN) with URL variables.
    pub servers: Option<NamedMap<Spanned<Server>>>,
    /// How an operation travels on the wire; exactly one protocol per vendor.
    pub protocol: Option<Spanned<Protocol>>,
    /// Authentication schemes, applied in order to every request.
    pub auth: Option<Vec<Spanned<AuthScheme>>>,
    /// Headers that carry state from one response to the next request.
    pub state: Option<Vec<Spanned<StateHeader>>>,
    /// Headers every request carries, their values from the client's configuration
    /// (a licence key, a client name).
    pub headers: Option<Vec<Spanned<ConfigHeader>>>,
    /// Things with states that operations move between (a shift, a draft
    /// operation); the example server keeps them.
    pub lifecycles: Option<Vec<Spanned<Lifecycle>>>,
    /// Numbers the vendor counts up with its documents.
    pub counters: Option<Vec<Spanned<Counter>>>,
    /// Error tables: vendor status or error codes with messages and remedies.
    pub errors: Option<NamedMap<Spanned<ErrorTable>>>,
    /// Enumerations coded by integers or strings.
    pub enums: Option<NamedMap<Spanned<EnumDef>>>,
    /// Named object types, tagged unions and aliases.
    pub types: Option<NamedMap<Spanned<TypeDef>>>,
    /// Operations, keyed by their Rust name in snake_case.
    pub operations: Option<NamedMap<Spanned<Operation>>>,
}

/// A header sent with every request, its value set in the client's configuration.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfigHeader {
    /// Header name (`X-License-Key`).
    pub name: Spanned<String>,
    /// What it is and where its value comes from.
    pub doc: Option<Spanned<String>>,
    /// The value is never printed.
    #[serde(default)]
    pub secret: bool,
    /// The client may be built without it.
    #[serde(default)]
    pub optional: bool,
    /// The vendor's answer to a request without it.
    pub refused: Option<Spanned<Answer>>,
}

/// Vendor identity.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Short lowercase identifier; the Rust module name (`smpos`).
    pub id: Spanned<String>,
    /// Display name.
    pub name: Spanned<String>,
    /// ISO 3166 country codes the vendor serves.
    #[serde(default)]
    pub countries: Vec<Spanned<String>>,
    /// ISO 639 language of the original documentation (`uk`, `ru`, `en`).
    pub language: Spanned<String>,
    /// What the vendor's API is for, in English.
    pub doc: Option<Spanned<String>>,
    /// The same in the vendor's own words.
    pub doc_original: Option<Spanned<String>>,
    /// The documentation this spec was written from.
    pub source: Spanned<DocSource>,
    /// Revisions of the vendor documentation, oldest first.
    #[serde(default)]
    pub changelog: Vec<Spanned<Revision>>,
    /// Doc errors that concern the whole API rather than one item.
    #[serde(default)]
    pub errata: Vec<Spanned<Erratum>>,
    /// What the documentation leaves unknown.
    #[serde(default)]
    pub unknowns: Vec<Spanned<String>>,
}

/// The document a spec was written from.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocSource {
    /// Title of the document.
    pub title: Spanned<String>,
    /// Revision of the document the spec follows.
    pub revision: Option<Spanned<String>>,
    /// Where it comes from (URL or file name).
    pub location: Option<Spanned<String>>,
}

/// One revision of the vendor documentation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// Version string used by `since` on items.
    pub version: Spanned<String>,
    /// Release date, `YYYY-MM-DD`, when the document gives one.
    pub date: Option<Spanned<String>>,
    /// What changed, in English.
    #[serde(default)]
    pub changes: Vec<Spanned<String>>,
}

/// A place where the vendor's documentation is wrong or contradicts itself.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Erratum {
    /// Section of the vendor document (heading or number).
    pub section: Spanned<String>,
    /// What the document says and what the spec does about it.
    pub doc: Spanned<String>,
}

/// A server the client can talk to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Server {
    /// URL template; `{name}` refers to a variable.
    pub url: Spanned<String>,
    /// What this server is.
    pub doc: Option<Spanned<String>>,
    /// Variables used in `url`.
    #[serde(default)]
    pub variables: NamedMap<Spanned<ServerVariable>>,
}

/// A variable of a server URL template.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServerVariable {
    /// Value used when the caller gives none.
    pub default: Option<Spanned<String>>,
    /// What the variable is.
    pub doc: Option<Spanned<String>>,
    /// True when the value is a secret (it is never printed).
    #[serde(default)]
    pub secret: bool,
}

/// An error table: the codes a vendor returns and what to do about them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorTable {
    /// What the table is.
    pub doc: Option<Spanned<String>>,
    /// The same in the vendor's words.
    pub doc_original: Option<Spanned<String>>,
    /// How codes travel: `int` or `string`.
    pub repr: Spanned<Repr>,
    /// What a failure body carries beside code and message (a list of field
    /// errors), and where.
    pub details: Option<Spanned<ErrorDetails>>,
    /// The entries, keyed by their Rust variant name (PascalCase).
    pub codes: NamedMap<Spanned<ErrorCode>>,
}

/// The structured part of a failure body: `detail: [{loc, msg}]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetails {
    /// The member of the failure body holding them (of the `error` object,
    /// for JSON-RPC).
    pub field: Spanned<String>,
    /// Their type expression (`array<FieldError>`).
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// What they are.
    pub doc: Option<Spanned<String>>,
}

/// One vendor error.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorCode {
    /// The code on the wire (HTTP status for REST vendors). Omit for errors
    /// told apart by message alone.
    pub code: Option<Spanned<Value>>,
    /// Substring of the vendor message that identifies this error when codes
    /// are shared or absent.
    #[serde(rename = "match")]
    pub matches: Option<Spanned<String>>,
    /// The vendor's constant name (`ERR_NOT_CHANGED`).
    #[serde(rename = "const")]
    pub constant: Option<Spanned<String>>,
    /// What it means, in English.
    pub message: Option<Spanned<String>>,
    /// The vendor's own wording.
    pub message_original: Option<Spanned<String>>,
    /// What the caller should do.
    pub remedy: Option<Spanned<String>>,
    /// Broad class of the error.
    pub category: Option<Spanned<ErrorCategory>>,
    /// What the error means for the request, and what a client may do: `never` (the
    /// default), `same_request`, `after_login`, `document_exists` or `unknown`.
    #[serde(default)]
    pub retry: Option<Spanned<RetryClass>>,
    /// Documentation revision that introduced it.
    pub since: Option<Spanned<String>>,
    /// Documentation revision that removed it: from that revision on the
    /// vendor no longer has it.
    pub until: Option<Spanned<String>>,
    /// The vendor discourages it: what to use instead, and from when.
    pub deprecated: Option<Spanned<Deprecation>>,
}

/// `deprecated:` on an item: the vendor discourages it but still has it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deprecation {
    /// Documentation revision that deprecated it (absent: every revision the
    /// item exists in).
    pub since: Option<Spanned<String>>,
    /// What to use instead: a name of the same kind (an operation, type,
    /// enum, or a sibling field, value or error code).
    #[serde(rename = "use")]
    pub replacement: Option<Spanned<String>>,
    /// Why, in English.
    pub doc: Option<Spanned<String>>,
}

/// What a vendor error means for the request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RetryClass {
    /// A definite failure: nothing was applied, and the same request fails again.
    #[default]
    Never,
    /// A transient refusal: nothing was applied; the same request may succeed later.
    SameRequest,
    /// The login (token, session) expired: log in again, then send the same request.
    AfterLogin,
    /// The vendor created the document although it reports an error: never send it again.
    DocumentExists,
    /// The vendor may or may not have applied the request (a server error).
    Unknown,
}

impl RetryClass {
    pub fn as_str(self) -> &'static str {
        match self {
            RetryClass::Never => "never",
            RetryClass::SameRequest => "same_request",
            RetryClass::AfterLogin => "after_login",
            RetryClass::DocumentExists => "document_exists",
            RetryClass::Unknown => "unknown",
        }
    }
}

/// Broad class of a vendor error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCategory {
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

/// How codes of an enum or error table travel on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Repr {
    Int,
    String,
}

/// An enumeration.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumDef {
    /// What it is, in English.
    pub doc: Option<Spanned<String>>,
    /// The vendor's wording.
    pub doc_original: Option<Spanned<String>>,
    /// How values travel: `int` or `string`.
    pub repr: Spanned<Repr>,
    /// Unknown codes decode into `Unknown(raw)` (default true). A closed enum
    /// rejects them.
    #[serde(default = "yes")]
    pub open: bool,
    /// Documentation revision that introduced it.
    pub since: Option<Spanned<String>>,
    /// Documentation revision that removed it: from that revision on the
    /// vendor no longer has it.
    pub until: Option<Spanned<String>>,
    /// The vendor discourages it: what to use instead, and from when.
    pub deprecated: Option<Spanned<Deprecation>>,
    /// Doc errors about the enumeration as a whole.
    #[serde(default)]
    pub errata: Vec<Spanned<Erratum>>,
    /// The values, keyed by their Rust variant name (PascalCase).
    pub values: NamedMap<Spanned<EnumValue>>,
}

fn yes() -> bool {
    true
}

/// One value of an enumeration.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The code on the wire: an integer or a string, as `repr` says.
    pub code: Spanned<Value>,
    /// The vendor's constant name (`PRT_ART_PLUS`).
    #[serde(rename = "const")]
    pub constant: Option<Spanned<String>>,
    /// Meaning in English.
    pub doc: Option<Spanned<String>>,
    /// Meaning in the vendor's words.
    pub doc_original: Option<Spanned<String>>,
    /// Documentation revision that introduced it.
    pub since: Option<Spanned<String>>,
    /// Documentation revision that removed it: from that revision on the
    /// vendor no longer has it.
    pub until: Option<Spanned<String>>,
    /// The vendor discourages it: what to use instead, and from when.
    pub deprecated: Option<Spanned<Deprecation>>,
    /// Doc errors about this value (a code written two ways, a meaning the
    /// pages disagree on).
    #[serde(default)]
    pub errata: Vec<Spanned<Erratum>>,
}

/// A named type: exactly one of `fields`, `union` or `alias`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// What it is, in English.
    pub doc: Option<Spanned<String>>,
    /// The vendor's wording.
    pub doc_original: Option<Spanned<String>>,
    /// Documentation revision that introduced it.
    pub since: Option<Spanned<String>>,
    /// Documentation revision that removed it: from that revision on the
    /// vendor no longer has it.
    pub until: Option<Spanned<String>>,
    /// The vendor discourages it: what to use instead, and from when.
    pub deprecated: Option<Spanned<Deprecation>>,
    /// An object: its fields keyed by wire name, in document order.
    pub fields: Option<NamedMap<Spanned<Field>>>,
    /// Groups of optional fields of which exactly one is given (iCash `SaleItemID` or
    /// `SaleItemInventoryID`).
    #[serde(default)]
    pub exactly_one_of: Vec<Spanned<Vec<Spanned<String>>>>,
    /// Groups of optional fields of which at least one is given.
    #[serde(default)]
    pub at_least_one_of: Vec<Spanned<Vec<Spanned<String>>>>,
    /// A union of object shapes told apart by a tag field.
    pub union: Option<Spanned<Union>>,
    /// Forms told apart by shape alone, tried in order (iCash `data`: an
    /// object, or the bare string "OK"), keyed by the Rust variant name.
    pub one_of: Option<Spanned<NamedMap<Spanned<Form>>>>,
    /// Another name for a type expression (`one_or_many<u32>`).
    pub alias: Option<Spanned<String>>,
    /// Doc errors about this type.
    #[serde(default)]
    pub errata: Vec<Spanned<Erratum>>,
}

/// A union of object shapes told apart by the value of a tag field.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Union {
    /// Wire name of the tag field (`op`).
    pub tag: Spanned<String>,
    /// Enum whose codes the tag carries; variant keys must be its value names.
    #[serde(rename = "enum")]
    pub tag_enum: Spanned<String>,
    /// The shapes, keyed by the enum value name they carry.
    pub variants: NamedMap<Spanned<UnionVariant>>,
}

/// One form of a `one_of` type: a type expression, or a fixed value.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form {
    /// The type this form holds (`RemovedItem`, `array<u64>`).
    #[serde(rename = "type")]
    pub ty: Option<Spanned<String>>,
    /// The one value this form stands for (`"OK"`): a string, integer or boolean.
    pub value: Option<Spanned<Value>>,
    /// What this form means.
    pub doc: Option<Spanned<String>>,
    /// The vendor's wording.
    pub doc_original: Option<Spanned<String>>,
}

/// One shape of a union.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnionVariant {
    /// What this record is.
    pub doc: Option<Spanned<String>>,
    /// The vendor's wording.
    pub doc_original: Option<Spanned<String>>,
    /// Fields besides the tag, keyed by wire name.
    #[serde(default)]
    pub fields: NamedMap<Spanned<Field>>,
    /// Reuse the fields of an object type instead of listing them.
    pub like: Option<Spanned<String>>,
}

/// An operation of the vendor API.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Name on the wire: the body field value, the JSON-RPC method, the form
    /// path segment, or `METHOD /path/{param}` for REST.
    pub wire: Spanned<String>,
    /// Other operation names the vendor's examples use (typos), accepted on decode.
    #[serde(default)]
    pub wire_aliases: Vec<Spanned<String>>,
    /// What it does, in English.
    pub doc: Option<Spanned<String>>,
    /// The same in the vendor's words.
    pub doc_original: Option<Spanned<String>>,
    /// Section of the vendor document that describes it.
    pub section: Option<Spanned<String>>,
    /// Documentation revision that introduced it.
    pub since: Option<Spanned<String>>,
    /// Documentation revision that removed it: from that revision on the
    /// vendor no longer has it.
    pub until: Option<Spanned<String>>,
    /// The vendor discourages it: what to use instead, and from when.
    pub deprecated: Option<Spanned<Deprecation>>,
    /// Request parameters.
    #[serde(default)]
    pub request: Spanned<Body>,
    /// Response payload (inside the protocol's envelope).
    #[serde(default)]
    pub response: Spanned<Body>,
    /// Error table for this operation, when it differs from the protocol's.
    pub errors: Option<Spanned<String>>,
    /// The request field that makes a retry safe, and how to mint it.
    pub idempotency: Option<Spanned<Idempotency>>,
    /// True when sending the request twice cannot do harm (reads).
    #[serde(default)]
    pub safe_to_retry: bool,
    /// It creates a fiscal document (a receipt, a return, a cash movement, a Z report): a
    /// duplicate is a second document, so the client never resends it unless a key the
    /// vendor deduplicates by protects it.
    #[serde(default)]
    pub fiscal: bool,
    /// How the client finds out, after an unknown outcome, whether the document exists:
    /// an operation of this spec and a test on its answer.
    pub recovery: Option<Spanned<Recovery>>,
    /// Why a fiscal operation has neither a key the vendor deduplicates by nor a
    /// `recovery` (what the API lacks). The client then never resends it.
    pub unrecoverable: Option<Spanned<String>>,
    /// The vendor may answer "not modified" (see the protocol's envelope).
    #[serde(default)]
    pub not_modified: bool,
    /// The servers (by name) that offer it, where not all of the vendor's do.
    #[serde(default)]
    pub servers: Vec<Spanned<String>>,
    /// It answers one page of a longer list: which fields move through the pages.
    pub pagination: Option<Spanned<Pagination>>,
    /// Its result is reached by polling another operation until a status
    /// leaves its pending values.
    pub polling: Option<Spanned<PollingSpec>>,
    /// JSON-RPC: how this method sends its parameters, where it differs
    /// from the protocol's `params` (`by_name` or `by_position`).
    pub params: Option<Spanned<ParamStyle>>,
    /// Forms of the request under the same wire name with their own required
    /// fields (Caspos `sale`: plain, credit, advance), keyed by the form's name.
    #[serde(default)]
    pub variants: NamedMap<Spanned<Variant>>,
    /// Doc errors about this operation.
    #[serde(default)]
    pub errata: Vec<Spanned<Erratum>>,
    /// Example payloads copied from the vendor documentation.
    #[serde(default)]
    pub examples: Vec<Spanned<Example>>,
}

/// How the result of an operation is polled for.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PollingSpec {
    /// The read to poll (a `safe_to_retry` operation of this spec with the
    /// same error table).
    pub operation: Spanned<String>,
    /// Its request fields, each given a field of this operation's response
    /// (wire names): `{id: receipt_id}`.
    #[serde(default)]
    pub request: NamedMap<Spanned<String>>,
    /// The field of the polled answer that holds the status.
    pub status: Spanned<String>,
    /// Status values that mean "not yet".
    pub pending: Vec<Spanned<serde_json::Value>>,
    /// Status values that end the wait (for the docs; any value not pending ends it).
    #[serde(default)]
    pub done: Vec<Spanned<serde_json::Value>>,
    /// The first wait between two polls (`500ms`, `1s`; default 1s).
    pub interval: Option<Spanned<String>>,
    /// The longest wait between two polls (default 30s).
    pub max_interval: Option<Spanned<String>>,
    /// What the wait is for.
    pub doc: Option<Spanned<String>>,
}

/// One form of an operation's request: the operation's request fields, less
/// `omit`, with `required` ones no longer optional, plus `fields`. The
/// client gets an operation `<operation>_<form>` with the same wire name,
/// response and retry rules.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// What this form is for, in English.
    pub doc: Option<Spanned<String>>,
    /// The same in the vendor's words.
    pub doc_original: Option<Spanned<String>>,
    /// Section of the vendor document that describes the form.
    pub section: Option<Spanned<String>>,
    /// Documentation revision that introduced it.
    pub since: Option<Spanned<String>>,
    /// Documentation revision that removed it: from that revision on the
    /// vendor no longer has it.
    pub until: Option<Spanned<String>>,
    /// The vendor discourages it: what to use instead, and from when.
    pub deprecated: Option<Spanned<Deprecation>>,
    /// Optional request fields (wire names) that this form requires.
    #[serde(default)]
    pub required: Vec<Spanned<String>>,
    /// Request fields (wire names) this form does not send.
    #[serde(default)]
    pub omit: Vec<Spanned<String>>,
    /// Fields only this form has, keyed by wire name.
    pub fields: Option<NamedMap<Spanned<Field>>>,
    /// Doc errors about this form.
    #[serde(default)]
    pub errata: Vec<Spanned<Erratum>>,
}

/// How a paged operation moves through its pages: exactly one of `offset`,
/// `page` or `cursor` (with `next`). Fields are named by wire name.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// Request field: how many items to skip.
    pub offset: Option<Spanned<String>>,
    /// Request field: the page number.
    pub page: Option<Spanned<String>>,
    /// Number of the first page (default 1).
    pub first_page: Option<Spanned<u64>>,
    /// Request field: where the page starts, as the previous page's `next` gave it.
    pub cursor: Option<Spanned<String>>,
    /// Response field: the cursor of the next page (absent or empty after the last).
    pub next: Option<Spanned<String>>,
    /// Request field: items per page.
    pub limit: Option<Spanned<String>>,
    /// Response field holding the page's items (an array).
    pub items: Spanned<String>,
    /// Response field: how many items there are in all.
    pub total: Option<Spanned<String>>,
}

/// A request or response body.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// An object type whose fields come first (the list parameters several
    /// list calls share); `fields` adds to them.
    pub like: Option<Spanned<String>>,
    /// Fields keyed by wire name, in document order.
    pub fields: Option<NamedMap<Spanned<Field>>>,
    /// The whole body is this type expression instead (`Shift`, `array<Kkm>`, `json`).
    #[serde(rename = "type")]
    pub ty: Option<Spanned<String>>,
    /// The docs give no shape for this body: it is decoded as raw JSON.
    #[serde(default)]
    pub unknown: bool,
    /// A reply that is not JSON in the envelope: `text` (a `String`),
    /// `binary` (bytes: a PDF, a PNG) or `empty` (no body). Responses only.
    pub reply: Option<Spanned<ReplyForm>>,
    /// The content type of a `text` or `binary` reply (`application/pdf`).
    pub content_type: Option<Spanned<String>>,
    /// The vendor sometimes answers with an empty body instead of this JSON
    /// reply (iCash `login`); the client then gets `None`. Responses only.
    #[serde(default)]
    pub or_empty: bool,
    /// What the body is.
    pub doc: Option<Spanned<String>>,
    /// Groups of optional fields of which exactly one is given (iCash `SaleItemID` or
    /// `SaleItemInventoryID`).
    #[serde(default)]
    pub exactly_one_of: Vec<Spanned<Vec<Spanned<String>>>>,
    /// Groups of optional fields of which at least one is given.
    #[serde(default)]
    pub at_least_one_of: Vec<Spanned<Vec<Spanned<String>>>>,
}

impl Default for Spanned<Body> {
    fn default() -> Self {
        Spanned::new(Body::default(), Pos::default())
    }
}

/// A reply that is not JSON in the protocol's envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReplyForm {
    /// Text as it is (a receipt as `text/plain`).
    Text,
    /// Bytes as they are (a PDF or PNG receipt).
    Binary,
    /// No body.
    Empty,
}

/// Which request field makes a retry safe.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Idempotency {
    /// Wire name of the request field.
    pub field: Spanned<String>,
    /// How a client mints a fresh key.
    pub mint: Spanned<Mint>,
    /// What the vendor does with a repeated key: `replay` (answers with the earlier
    /// result), `reject` (answers an error of class `document_exists`) or `none` (does not
    /// check, or the documentation does not say; the default).
    #[serde(default)]
    pub dedup: Dedup,
    /// What the vendor does with a repeated key.
    pub doc: Option<Spanned<String>>,
}

/// An operation that tells whether a document exists.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recovery {
    /// The operation to call (its Rust name in this spec), e.g. a read by the key.
    pub operation: Spanned<String>,
    /// Its request fields (wire names), each filled from the original request's field or
    /// from a state header the original request carried, named by wire name.
    #[serde(default)]
    pub request: NamedMap<Spanned<String>>,
    /// The test on its answer that means "the document exists".
    pub exists_when: Spanned<ExistsWhen>,
    /// What the test relies on, in English.
    pub doc: Option<Spanned<String>>,
}

/// A test on one field of a recovery's answer; exactly one of `equals`, `differs_from`,
/// `in` and `not_in`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExistsWhen {
    /// Wire name of a top-level field of the recovery operation's response.
    pub field: Spanned<String>,
    /// It equals the original request's field or state header of this name.
    pub equals: Option<Spanned<String>>,
    /// It differs from the original request's field or state header of this name.
    pub differs_from: Option<Spanned<String>>,
    /// It is one of these values.
    #[serde(rename = "in")]
    pub is_in: Option<Vec<Spanned<Value>>>,
    /// It is none of these values.
    pub not_in: Option<Vec<Spanned<Value>>>,
}

/// How a vendor treats a repeated idempotency key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dedup {
    /// It answers with the earlier result.
    Replay,
    /// It answers an error that says the document exists.
    Reject,
    /// It does not check, or the documentation does not say.
    #[default]
    None,
}

impl Dedup {
    pub fn as_str(self) -> &'static str {
        match self {
            Dedup::Replay => "replay",
            Dedup::Reject => "reject",
            Dedup::None => "none",
        }
    }
}

/// How to mint an idempotency key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mint {
    UuidV4,
    Caller,
}

/// An example payload from the vendor documentation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Short name (`Приклад 2`, `credit sale`).
    pub name: Spanned<String>,
    /// Section of the vendor document it comes from.
    pub section: Option<Spanned<String>>,
    /// Operation names this example carries by mistake (slips in the
    /// vendor's doc, accepted for this example only; record them in `errata`).
    #[serde(default)]
    pub wrong_wire: Vec<Spanned<String>>,
    /// What was changed to make the vendor's text valid JSON.
    #[serde(default)]
    pub normalised: Vec<Spanned<String>>,
    /// The request body as JSON, envelope included.
    pub request: Option<Spanned<String>>,
    /// The response body as JSON, envelope included.
    pub response: Option<Spanned<String>>,
    /// HTTP status of the response (REST vendors), default 200.
    pub http_status: Option<Spanned<u16>>,
    /// Headers of the response (REST vendors).
    #[serde(default)]
    pub response_headers: NamedMap<Spanned<String>>,
    /// What the response means.
    #[serde(default)]
    pub outcome: Outcome,
    /// For `outcome: error`, the error table entry it must decode to.
    pub error: Option<Spanned<String>>,
}

/// What an example response means.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    #[default]
    Success,
    NotModified,
    /// A repeated idempotency key answered with the earlier result.
    Replayed,
    Error,
}
