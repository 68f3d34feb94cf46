//! The resolved intermediate representation every emitter reads.
//!
//! Names are resolved, type expressions parsed and bound, Rust identifiers
//! decided, and recursion marked. Positions are gone: the IR is valid.

use serde_json::Value;

use crate::read::model::field::Unit;
pub use crate::read::model::{Dedup, ErrorCategory, Mint, Outcome, Placement, Repr, RetryClass};
pub use crate::types::Scalar;

/// A resolved type.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Scalar(Scalar),
    /// A named object type, union or alias of this spec.
    Type(String),
    /// An enum of this spec.
    Enum(String),
    Array(Box<Ty>),
    Map(Box<Ty>, Box<Ty>),
    OneOrMany(Box<Ty>),
}

/// A vendor spec, resolved.
#[derive(Clone, Debug)]
pub struct Spec {
    pub id: String,
    pub name: String,
    pub language: String,
    pub doc: Option<String>,
    pub doc_original: Option<String>,
    pub source_title: String,
    pub source_revision: Option<String>,
    pub countries: Vec<String>,
    pub changelog: Vec<Revision>,
    pub errata: Vec<Erratum>,
    pub unknowns: Vec<String>,
    pub servers: Vec<Server>,
    pub protocol: Protocol,
    pub auth: Vec<Auth>,
    pub state: Vec<StateHeader>,
    pub headers: Vec<ConfigHeader>,
    pub lifecycles: Vec<Lifecycle>,
    pub counters: Vec<Counter>,
    pub errors: Vec<ErrorTable>,
    pub enums: Vec<Enum>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The names of the files the spec was read from (`goods.yaml`), in
    /// order; items name theirs by stem.
    pub file_names: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Revision {
    pub version: String,
    pub date: Option<String>,
    pub changes: Vec<String>,
}

/// The vendor discourages an item but still has it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Deprecated {
    /// The revision that deprecated it; `None`: every revision it is in.
    pub since: Option<String>,
    /// What to use instead.
    pub replacement: Option<String>,
    pub doc: Option<String>,
}

/// One sentence on an item the vendor deprecated or removed (in a later
/// revision than the one it came in), for rustdoc's `#[deprecated]`, the
/// reference docs and the schemas; `None` for an item that is neither.
pub fn retirement(until: Option<&str>, deprecated: Option<&Deprecated>) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(d) = deprecated {
        let mut text = match &d.since {
            Some(v) => format!("deprecated by the vendor in revision {v}"),
            None => "deprecated by the vendor".to_owned(),
        };
        if let Some(why) = &d.doc {
            text.push_str(&format!(": {}", why.trim().trim_end_matches('.')));
        }
        if let Some(r) = &d.replacement {
            text.push_str(&format!("; use `{r}` instead"));
        }
        parts.push(text);
    }
    if let Some(v) = until {
        parts.push(format!(
            "removed in revision {v}: a server on it or a later one does not have it"
        ));
    }
    if parts.is_empty() {
        return None;
    }
    let mut text = parts.join("; ");
    if let Some(first) = text.get(..1) {
        text.replace_range(..1, &first.to_uppercase());
    }
    Some(text + ".")
}

#[derive(Clone, Debug)]
pub struct Erratum {
    pub section: String,
    pub doc: String,
}

#[derive(Clone, Debug)]
pub struct Server {
    pub name: String,
    pub url: String,
    pub doc: Option<String>,
    pub variables: Vec<ServerVariable>,
}

#[derive(Clone, Debug)]
pub struct ServerVariable {
    pub name: String,
    pub default: Option<String>,
    pub doc: Option<String>,
    pub secret: bool,
}

#[derive(Clone, Debug)]
pub struct ErrorTable {
    pub name: String,
    /// The member of a failure body holding typed details, their type and
    /// what they are.
    pub details: Option<ErrorDetails>,
    /// The spec file it is written in, by stem (`types-goods`): generated
    /// code is laid out the same way.
    pub file: String,
    pub doc: Option<String>,
    pub repr: Repr,
    pub codes: Vec<ErrorCode>,
    /// The line it is written on, in its spec file.
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct ErrorCode {
    pub name: String,
    pub code: Option<Value>,
    pub matches: Option<String>,
    pub constant: Option<String>,
    pub message: Option<String>,
    pub message_original: Option<String>,
    pub remedy: Option<String>,
    pub category: ErrorCategory,
    pub retry: RetryClass,
    pub since: Option<String>,
    /// The revision that removed it (it is kept, for servers still on an
    /// earlier one).
    pub until: Option<String>,
    pub deprecated: Option<Deprecated>,
    /// The line it is written on, in its spec file (0: not from a file).
    pub line: u32,
}

#[derive(Clone, Debug)]
pub struct Enum {
    pub name: String,
    /// The spec file it is written in, by stem (`types-goods`): generated
    /// code is laid out the same way.
    pub file: String,
    pub doc: Option<String>,
    pub doc_original: Option<String>,
    pub repr: Repr,
    pub open: bool,
    pub since: Option<String>,
    /// The revision that removed it (it is kept, for servers still on an
    /// earlier one).
    pub until: Option<String>,
    pub deprecated: Option<Deprecated>,
    /// The line it is written on, in its spec file (0: not from a file).
    pub line: u32,
    pub errata: Vec<Erratum>,
    pub values: Vec<EnumValue>,
}

#[derive(Clone, Debug)]
pub struct EnumValue {
    pub name: String,
    pub code: Value,
    pub constant: Option<String>,
    pub doc: Option<String>,
    pub doc_original: Option<String>,
    pub since: Option<String>,
    /// The revision that removed it (it is kept, for servers still on an
    /// earlier one).
    pub until: Option<String>,
    pub deprecated: Option<Deprecated>,
    /// The line it is written on, in its spec file (0: not from a file).
    pub line: u32,
    pub errata: Vec<Erratum>,
}

#[derive(Clone, Debug)]
pub struct TypeDef {
    pub name: String,
    /// The spec file it is written in, by stem (`types-goods`): generated
    /// code is laid out the same way.
    pub file: String,
    pub doc: Option<String>,
    pub doc_original: Option<String>,
    pub since: Option<String>,
    /// The revision that removed it (it is kept, for servers still on an
    /// earlier one).
    pub until: Option<String>,
    pub deprecated: Option<Deprecated>,
    /// The line it is written on, in its spec file (0: not from a file).
    pub line: u32,
    pub errata: Vec<Erratum>,
    pub kind: TypeKind,
    /// Rules across the fields of an object.
    pub groups: Groups,
}

/// Groups of optional fields (wire names) of which exactly one, or at
/// least one, is given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Groups {
    pub exactly_one_of: Vec<Vec<String>>,
    pub at_least_one_of: Vec<Vec<String>>,
}

impl Groups {
    pub fn is_empty(&self) -> bool {
        self.exactly_one_of.is_empty() && self.at_least_one_of.is_empty()
    }
}

#[derive(Clone, Debug)]
pub enum TypeKind {
    Object(Vec<Field>),
    Union(Union),
    Alias(Ty),
    /// Forms told apart by shape alone, tried in order.
    OneOf(Vec<Form>),
}

/// One form of a `one_of` type.
#[derive(Clone, Debug)]
pub struct Form {
    /// The Rust variant name.
    pub name: String,
    pub kind: FormKind,
    pub doc: Option<String>,
    pub doc_original: Option<String>,
}

#[derive(Clone, Debug)]
pub enum FormKind {
    /// The form holds a value of this type.
    Holds(Ty),
    /// The form is this one value (a string, integer or boolean).
    Value(Value),
}

#[derive(Clone, Debug)]
pub struct Union {
    pub tag: String,
    pub tag_enum: String,
    pub variants: Vec<UnionVariant>,
}

#[derive(Clone, Debug)]
pub struct UnionVariant {
    pub name: String,
    pub code: Value,
    pub doc: Option<String>,
    pub doc_original: Option<String>,
    pub fields: Vec<Field>,
    /// Stored behind a `Box`: its record is much larger than a pointer, and
    /// the enum is as large as its largest variant.
    pub boxed: bool,
}

#[derive(Clone, Debug)]
pub struct Field {
    pub wire: String,
    pub rust: String,
    pub ty: Ty,
    pub optional: bool,
    pub nullable: bool,
    /// Stored behind a `Box` because the type contains itself.
    pub boxed: bool,
    pub default: Option<Value>,
    pub aliases: Vec<String>,
    pub unit: Option<Unit>,
    pub scale: Option<u32>,
    /// Total digits of a decimal (`decimal(precision, scale)`).
    pub precision: Option<u32>,
    pub format: Option<String>,
    pub min: Option<Value>,
    pub max: Option<Value>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    /// Most bytes of a decoded `base64` value.
    pub max_bytes: Option<u64>,
    /// Constraints on each element of a list.
    pub each: Option<Each>,
    pub placement: Placement,
    /// A second place the field is accepted in (`also_in`): `Envelope` or
    /// `Params`.
    pub also_in: Option<Placement>,
    /// How a list in the query is written.
    pub style: Option<crate::read::model::ListStyle>,
    pub secret: bool,
    pub doc: Option<String>,
    pub doc_original: Option<String>,
    pub since: Option<String>,
    /// The revision that removed it (it is kept, for servers still on an
    /// earlier one).
    pub until: Option<String>,
    pub deprecated: Option<Deprecated>,
    /// The line it is written on, in its spec file (0: not from a file).
    pub line: u32,
    pub errata: Vec<Erratum>,
}

/// A request or response payload.
#[derive(Clone, Debug)]
pub enum Body {
    /// No payload.
    Empty,
    Fields(Vec<Field>),
    /// The payload is one type.
    Type(Ty),
    /// The docs give no shape: raw JSON.
    Unknown,
}

/// How an operation's result is polled for.
#[derive(Clone, Debug)]
pub struct Polling {
    /// The operation polled (by name).
    pub operation: String,
    /// (poll request field, this operation's response field), wire names.
    pub request: Vec<(String, String)>,
    /// The status field of the polled answer.
    pub status: String,
    /// Pending and final values, as text.
    pub pending: Vec<String>,
    pub done: Vec<String>,
    /// Waits between polls, in milliseconds.
    pub interval_ms: u64,
    pub max_interval_ms: u64,
    pub doc: Option<String>,
}

/// What the body of a successful reply is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reply {
    /// JSON in the envelope (the response body's type).
    #[default]
    Json,
    /// JSON in the envelope, or sometimes an empty body.
    JsonOrEmpty,
    /// Text as it is; the response is a `string`.
    Text,
    /// Bytes as they are; the response is `base64` in Rust and schemas.
    Binary,
    /// No body.
    Empty,
}

impl Reply {
    /// The derive's and the docs' word for it.
    pub fn word(self) -> &'static str {
        match self {
            Reply::Json => "json",
            Reply::JsonOrEmpty => "json_or_empty",
            Reply::Text => "text",
            Reply::Binary => "binary",
            Reply::Empty => "empty",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Operation {
    pub name: String,
    /// The spec file it is written in, by stem (`types-goods`): generated
    /// code is laid out the same way.
    pub file: String,
    pub wire: String,
    pub wire_aliases: Vec<String>,
    /// REST only: HTTP method and path template.
    pub http: Option<(String, String)>,
    pub doc: Option<String>,
    pub doc_original: Option<String>,
    pub section: Option<String>,
    pub since: Option<String>,
    /// The revision that removed it (it is kept, for servers still on an
    /// earlier one).
    pub until: Option<String>,
    pub deprecated: Option<Deprecated>,
    /// The line it is written on, in its spec file (0: not from a file).
    pub line: u32,
    pub request: Body,
    /// Rules across the request's fields.
    pub request_groups: Groups,
    pub response: Body,
    pub errors: Option<String>,
    pub idempotency: Option<Idempotency>,
    pub safe_to_retry: bool,
    pub fiscal: bool,
    pub recovery: Option<Recovery>,
    pub unrecoverable: Option<String>,
    pub not_modified: bool,
    /// Servers that offer it; empty: all.
    pub servers: Vec<String>,
    /// It answers one page of a longer list.
    pub pagination: Option<Pagination>,
    /// What a successful reply's body is.
    pub reply: Reply,
    /// The content type of a text or binary reply.
    pub content_type: Option<String>,
    /// Its result is reached by polling another operation.
    pub polling: Option<Polling>,
    /// JSON-RPC: the method's parameters go by position (`Some(true)`) or
    /// by name (`Some(false)`) whatever the protocol's default.
    pub rpc_by_position: Option<bool>,
    /// A form of another operation (by name): same wire name, its own
    /// request fields.
    pub variant_of: Option<String>,
    pub errata: Vec<Erratum>,
    pub examples: Vec<Example>,
}

/// How a paged operation moves through its pages (fields by wire name).
#[derive(Clone, Debug)]
pub struct Pagination {
    pub by: PageBy,
    /// Request field: items per page, and the default the spec gives it.
    pub limit: Option<(String, Option<u64>)>,
    /// Response field holding the items, and the type of one item.
    pub items: String,
    pub item: Ty,
    /// Response field: the number of items in all.
    pub total: Option<String>,
}

#[derive(Clone, Debug)]
pub enum PageBy {
    /// Request field: items to skip.
    Offset(String),
    /// Request field: the page number, counted from `first`.
    Page { field: String, first: u64 },
    /// Request field given the response field's cursor.
    Cursor { request: String, next: String },
}

#[derive(Clone, Debug)]
pub struct Example {
    pub name: String,
    pub section: Option<String>,
    /// Operation names the vendor's example carries by mistake.
    pub wrong_wire: Vec<String>,
    pub normalised: Vec<String>,
    pub request: Option<Value>,
    pub response: Option<Value>,
    pub http_status: Option<u16>,
    pub response_headers: Vec<(String, String)>,
    pub outcome: Outcome,
    pub error: Option<String>,
}

impl Spec {
    /// Every field of the spec's types (objects and union records) and of
    /// its operations' request and response bodies, in spec order.
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        let of_types = self.types.iter().flat_map(|t| match &t.kind {
            TypeKind::Object(fields) => fields.iter().collect::<Vec<_>>(),
            TypeKind::Union(u) => u.variants.iter().flat_map(|v| &v.fields).collect(),
            TypeKind::Alias(_) | TypeKind::OneOf(_) => Vec::new(),
        });
        let of_bodies = self
            .operations
            .iter()
            .flat_map(|op| [&op.request, &op.response])
            .filter_map(|body| match body {
                Body::Fields(fields) => Some(fields),
                _ => None,
            })
            .flatten();
        of_types.chain(of_bodies)
    }

    /// Whether the spec signs its requests (an `hmac` auth scheme).
    pub fn signs(&self) -> bool {
        self.auth.iter().any(|a| matches!(a, Auth::Hmac { .. }))
    }

    /// The features of the `kassa` runtime the spec's generated code needs:
    /// `hmac` where it signs its requests, `pattern` where a field (or the
    /// elements of one) has a `pattern`. Without them the code does not
    /// compile, with an error that names the feature.
    pub fn kassa_features(&self) -> Vec<&'static str> {
        let signs = self.signs();
        let patterns = self
            .fields()
            .any(|f| f.pattern.is_some() || f.each.as_ref().is_some_and(|e| e.pattern.is_some()));
        [(signs, "hmac"), (patterns, "pattern")]
            .into_iter()
            .filter_map(|(needed, feature)| needed.then_some(feature))
            .collect()
    }

    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
    pub fn enum_def(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }
    pub fn error_table(&self, name: &str) -> Option<&ErrorTable> {
        self.errors.iter().find(|e| e.name == name)
    }
    /// The named fields of a body: its own, or those of the object type it is.
    pub fn body_fields<'a>(&'a self, body: &'a Body) -> Option<&'a [Field]> {
        match body {
            Body::Fields(fields) => Some(fields),
            Body::Type(Ty::Type(name)) => match &self.type_def(name)?.kind {
                TypeKind::Object(fields) => Some(fields),
                _ => None,
            },
            _ => None,
        }
    }
}

/// How operations travel.
#[derive(Clone, Debug)]
pub enum Protocol {
    JsonEnvelope {
        operation_field: String,
        params_field: Option<String>,
        echo_operation: bool,
        response: Envelope,
    },
    JsonRpc {
        by_position: bool,
        error_table: String,
    },
    Rest {
        response: Envelope,
    },
    Form {
        path: String,
        response: Envelope,
    },
}

impl Protocol {
    pub fn envelope(&self) -> Option<&Envelope> {
        match self {
            Protocol::JsonEnvelope { response, .. }
            | Protocol::Rest { response }
            | Protocol::Form { response, .. } => Some(response),
            Protocol::JsonRpc { .. } => None,
        }
    }
    pub fn error_table(&self) -> Option<&str> {
        match self {
            Protocol::JsonRpc { error_table, .. } => Some(error_table),
            _ => self.envelope().and_then(|e| e.error_table.as_deref()),
        }
    }
}

/// A response envelope.
#[derive(Clone, Debug)]
pub struct Envelope {
    pub status_field: Option<String>,
    pub success: Vec<Value>,
    pub success_aliases: Vec<Value>,
    pub not_modified: Vec<Value>,
    pub replayed: Vec<Value>,
    pub data_field: Option<String>,
    pub message_field: Option<String>,
    pub extra_fields: Vec<Field>,
    pub error_from_http: bool,
    pub error_table: Option<String>,
}

/// The structured part of a failure body.
#[derive(Clone, Debug)]
pub struct ErrorDetails {
    pub field: String,
    pub ty: Ty,
    pub doc: Option<String>,
}

/// An authentication scheme.
#[derive(Clone, Debug)]
pub enum Auth {
    BodyCredentials {
        username: String,
        password: String,
        except: Vec<String>,
        /// Operations that also go through without them (sent all the same).
        optional_for: Vec<String>,
        refused: Option<Answer>,
    },
    Bearer {
        /// The login operations (by name); the configuration picks one.
        logins: Vec<String>,
        token_field: String,
        relogin_on: Vec<u16>,
        lifetime: Option<u64>,
        refused: Option<Answer>,
    },
    PathSecret {
        variable: String,
    },
    Hmac {
        key_field: String,
        nonce_field: String,
        signature_field: String,
        message: Vec<String>,
        encoding: crate::read::model::SignatureEncoding,
        context: Vec<Field>,
    },
    Session {
        /// The login operations (by name); the configuration picks one.
        logins: Vec<String>,
        from: String,
        field: String,
        lifetime: Option<u64>,
        refused: Option<Answer>,
    },
}

/// A header carried between calls.
#[derive(Clone, Debug)]
pub struct StateHeader {
    pub header: String,
    pub doc: Option<String>,
    pub set_by: Vec<String>,
    pub sent_by: Vec<String>,
    pub recover: Option<String>,
    pub recover_field: Option<String>,
}

/// The request field that identifies a document across resends.
#[derive(Clone, Debug)]
pub struct Idempotency {
    pub field: String,
    pub mint: Mint,
    pub dedup: Dedup,
}

/// How to learn whether a document exists after an unknown outcome.
#[derive(Clone, Debug)]
pub struct Recovery {
    /// Rust name of the operation to call.
    pub operation: String,
    /// (its request field, the original request's field or state header), by wire name.
    pub request: Vec<(String, String)>,
    /// Wire name of the answer's field the test reads.
    pub field: String,
    pub test: Test,
    pub doc: Option<String>,
}

/// A test on a recovery's answer that means "the document exists".
#[derive(Clone, Debug)]
pub enum Test {
    Equals(String),
    DiffersFrom(String),
    In(Vec<Value>),
    NotIn(Vec<Value>),
}

/// A thing with states that operations move between (operations by Rust name).
#[derive(Clone, Debug)]
pub struct Lifecycle {
    pub name: String,
    pub doc: Option<String>,
    pub states: Vec<String>,
    pub per: Option<String>,
    pub created_by: Option<Creation>,
    pub expires: Option<Expiry>,
    pub moves: Vec<Move>,
    /// By current state (`missing` for an unknown instance).
    pub refused: Vec<(String, Answer)>,
    pub reports: Vec<StateReport>,
}

#[derive(Clone, Debug)]
pub struct Creation {
    pub operation: String,
    pub field: Option<String>,
    pub to: String,
}

#[derive(Clone, Debug)]
pub struct Expiry {
    pub from: Vec<String>,
    /// Seconds.
    pub after: u64,
    pub to: String,
}

#[derive(Clone, Debug)]
pub struct Move {
    pub operations: Vec<String>,
    pub from: Vec<String>,
    pub to: Option<String>,
    pub refused: Vec<(String, Answer)>,
}

/// A vendor answer the example server gives.
#[derive(Clone, Debug)]
pub struct Answer {
    pub code: Value,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct StateReport {
    pub operation: String,
    pub field: String,
    /// The value shown in each state.
    pub values: Vec<(String, Value)>,
}

/// A number counted up by operations (by Rust name).
#[derive(Clone, Debug)]
pub struct Counter {
    pub name: String,
    pub doc: Option<String>,
    pub counts: Vec<String>,
    pub reset_by: Vec<String>,
    /// `(operation, field)`.
    pub reports: Vec<(String, String)>,
}

/// A header every request carries, from the client's configuration.
#[derive(Clone, Debug)]
pub struct ConfigHeader {
    pub name: String,
    pub doc: Option<String>,
    pub secret: bool,
    pub optional: bool,
    pub refused: Option<Answer>,
}

/// A member an auth scheme adds to request bodies.
#[derive(Clone, Copy, Debug)]
pub enum AuthMember<'a> {
    Username(&'a str),
    Password(&'a str),
    Key(&'a str),
    Nonce(&'a str),
    /// A configured value sent with every request (iCash `WareHouseID`).
    Context(&'a Field),
    Signature {
        field: &'a str,
        message: &'a [String],
        encoding: crate::read::model::SignatureEncoding,
    },
    Session(&'a str),
}

impl AuthMember<'_> {
    /// Its wire name.
    pub fn wire(&self) -> &str {
        match self {
            AuthMember::Username(w)
            | AuthMember::Password(w)
            | AuthMember::Key(w)
            | AuthMember::Nonce(w)
            | AuthMember::Session(w) => w,
            AuthMember::Context(f) => &f.wire,
            AuthMember::Signature { field, .. } => field,
        }
    }
}

impl Spec {
    /// Whether any item is deprecated, or removed in a later revision than
    /// the one it came in: the generated code then marks it `#[deprecated]`
    /// (fields say so in their docs only).
    pub fn retires_anything(&self) -> bool {
        let retires =
            |until: &Option<String>, dep: &Option<Deprecated>| until.is_some() || dep.is_some();
        self.operations
            .iter()
            .any(|o| retires(&o.until, &o.deprecated))
            || self.types.iter().any(|t| retires(&t.until, &t.deprecated))
            || self.enums.iter().any(|e| {
                retires(&e.until, &e.deprecated)
                    || e.values.iter().any(|v| retires(&v.until, &v.deprecated))
            })
            || self
                .errors
                .iter()
                .flat_map(|t| &t.codes)
                .any(|c| retires(&c.until, &c.deprecated))
    }

    /// The fields of `op`'s reply that may arrive beside the payload, in the
    /// envelope, instead of inside it (`also_in: envelope`): of an inline
    /// reply, or of the object type the reply is.
    pub fn reply_fields_beside<'s>(&'s self, op: &'s Operation) -> Vec<&'s Field> {
        let fields: &[Field] = match &op.response {
            Body::Fields(fields) => fields,
            Body::Type(Ty::Type(name)) => match self.type_def(name).map(|t| &t.kind) {
                Some(TypeKind::Object(fields)) => fields,
                _ => &[],
            },
            _ => &[],
        };
        fields
            .iter()
            .filter(|f| f.also_in == Some(Placement::Envelope))
            .collect()
    }

    /// Whether the vendor also takes `op` without the body credentials
    /// (`optional_for`).
    pub fn credentials_optional(&self, op: &Operation) -> bool {
        self.auth.iter().any(|a| {
            matches!(a, Auth::BodyCredentials { optional_for, .. } if optional_for.contains(&op.name))
        })
    }

    /// The members the auth schemes add to request bodies, in the order the
    /// client writes them; with `op`, those its request carries (a login
    /// sends no session, an excepted operation no credentials).
    pub fn auth_members(&self, op: Option<&Operation>) -> Vec<AuthMember<'_>> {
        let mut out = Vec::new();
        for scheme in &self.auth {
            match scheme {
                Auth::BodyCredentials {
                    username,
                    password,
                    except,
                    ..
                } if op.is_none_or(|op| !except.contains(&op.name)) => {
                    out.push(AuthMember::Username(username));
                    out.push(AuthMember::Password(password));
                }
                Auth::Hmac {
                    key_field,
                    nonce_field,
                    signature_field,
                    message,
                    encoding,
                    context,
                } => {
                    out.push(AuthMember::Key(key_field));
                    out.push(AuthMember::Nonce(nonce_field));
                    out.extend(context.iter().map(AuthMember::Context));
                    out.push(AuthMember::Signature {
                        field: signature_field,
                        message,
                        encoding: *encoding,
                    });
                }
                Auth::Session { logins, field, .. }
                    if op.is_none_or(|op| !logins.contains(&op.name)) =>
                {
                    out.push(AuthMember::Session(field));
                }
                _ => {}
            }
        }
        out
    }
}

/// Constraints on each element of a list field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Each {
    pub min: Option<Value>,
    pub max: Option<Value>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
}
