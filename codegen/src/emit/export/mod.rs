//! Documents other tools read: OpenAPI 3.1 for REST and form vendors (and
//! OpenAPI 3.0.3 rewritten from it, for tools that read only 3.0),
//! OpenRPC for JSON-RPC vendors. Both carry the JSON Schemas kassa
//! publishes, with their `$ref`s pointed at the document's own components.
//!
//! The JSON envelope protocol (one URL for every operation, the operation
//! named inside the body) has no faithful OpenAPI form: OpenAPI tells
//! operations apart by path and method, so every Caspos or SM POS
//! operation would be the same `POST /` whose body is any of twenty and
//! whose reply cannot be matched to its request. Their per-operation JSON
//! Schemas are what is published for them.

mod openapi;
mod openapi30;
mod openrpc;

use serde_json::{Map, Value};

use super::File;
use crate::ir::{Protocol, Server, Spec};

/// A document kind kassa exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// OpenAPI 3.1: REST and form vendors.
    OpenApi,
    /// OpenAPI 3.0.3, rewritten from the 3.1 document for tools that read
    /// only 3.0; what 3.0 cannot say is under `x-kassa-dropped` (see
    /// `openapi30.rs`). Never published: `kassa export openapi
    /// --openapi-version 3.0` prints it.
    OpenApi30,
    /// OpenRPC 1.3: JSON-RPC vendors.
    OpenRpc,
}

impl Format {
    /// The word on the command line and in file names.
    pub fn word(self) -> &'static str {
        match self {
            Format::OpenApi | Format::OpenApi30 => "openapi",
            Format::OpenRpc => "openrpc",
        }
    }

    /// The format that describes `spec`'s protocol, if any.
    pub fn of(spec: &Spec) -> Option<Format> {
        match spec.protocol {
            Protocol::Rest { .. } | Protocol::Form { .. } => Some(Format::OpenApi),
            Protocol::JsonRpc { .. } => Some(Format::OpenRpc),
            Protocol::JsonEnvelope { .. } => None,
        }
    }
}

/// `spec` as a document of `format`, or why it cannot be one.
pub fn export(spec: &Spec, format: Format, source: &str) -> Result<Value, String> {
    match (format, &spec.protocol) {
        (Format::OpenApi, Protocol::Rest { .. } | Protocol::Form { .. }) => {
            Ok(openapi::document(spec, source))
        }
        (Format::OpenApi30, Protocol::Rest { .. } | Protocol::Form { .. }) => {
            Ok(openapi30::from_openapi31(openapi::document(spec, source)))
        }
        (Format::OpenRpc, Protocol::JsonRpc { .. }) => Ok(openrpc::document(spec, source)),
        (_, protocol) => {
            let (kind, why) = match protocol {
                Protocol::Rest { .. } | Protocol::Form { .. } => (
                    "REST or form posts",
                    "describe it with `kassa export openapi`",
                ),
                Protocol::JsonRpc { .. } => ("JSON-RPC", "describe it with `kassa export openrpc`"),
                Protocol::JsonEnvelope { .. } => (
                    "a JSON envelope (every operation is POSTed to one URL and named in the body)",
                    "neither OpenAPI nor OpenRPC describes it faithfully; its per-operation JSON \
                     Schemas are published instead (`kassa validate` checks payloads against them)",
                ),
            };
            Err(format!(
                "{} ({}) speaks {kind}, not what {} describes: {why}",
                spec.name,
                spec.id,
                match format {
                    Format::OpenApi | Format::OpenApi30 => "OpenAPI",
                    Format::OpenRpc => "OpenRPC",
                }
            ))
        }
    }
}

/// Every vendor's document in the format its protocol has, paths relative
/// to the schemas folder: `<vendor>/openapi.json` or `<vendor>/openrpc.json`
/// (none for a JSON envelope vendor).
pub fn files(specs: &[(&Spec, String)]) -> Vec<File> {
    specs
        .iter()
        .filter_map(|(spec, source)| {
            let format = Format::of(spec)?;
            let doc = export(spec, format, source).ok()?;
            Some(File {
                path: format!("{}/{}.json", spec.id, format.word()),
                contents: super::schema::ops::render(&doc),
            })
        })
        .collect()
}

/// `$ref`s into the published defs file (or a defs document's own
/// `#/$defs/`) pointed at `#/components/schemas/`.
fn components_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref") {
                let name = r
                    .strip_prefix(super::schema::DEFS_FILE)
                    .unwrap_or(r)
                    .strip_prefix("#/$defs/")
                    .map(str::to_owned);
                if let Some(name) = name {
                    *r = format!("#/components/schemas/{name}");
                }
            }
            map.values_mut().for_each(components_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(components_refs),
        _ => {}
    }
}

/// The vendor's shared types and enums as components.
fn component_schemas(spec: &Spec) -> Map<String, Value> {
    let mut defs = Value::Object(super::schema::defs(spec));
    components_refs(&mut defs);
    match defs {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// A server variable's default: the spec's, or a placeholder naming it
/// (OpenAPI and OpenRPC require one; secrets and unknown URLs have none).
fn variable_default(name: &str, default: Option<&str>) -> String {
    default.map_or_else(|| name.to_uppercase(), str::to_owned)
}

/// Server variables as both formats write them.
fn server_variables(server: &Server) -> Map<String, Value> {
    server
        .variables
        .iter()
        .map(|v| {
            let mut var = Map::new();
            var.insert(
                "default".into(),
                Value::from(variable_default(&v.name, v.default.as_deref())),
            );
            let mut text = v.doc.clone().unwrap_or_default();
            if v.default.is_none() {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str("No default: the default is a placeholder to replace.");
            }
            if v.secret {
                text.push_str(" A secret: never logged.");
            }
            var.insert("description".into(), Value::from(text.trim().to_owned()));
            (v.name.clone(), Value::Object(var))
        })
        .collect()
}

/// The document's version: the vendor's latest documented revision.
fn version(spec: &Spec) -> String {
    spec.changelog
        .last()
        .map(|r| r.version.clone())
        .or_else(|| spec.source_revision.clone())
        .unwrap_or_else(|| "unversioned".to_owned())
}

/// An operation's `summary` (the first sentence of its doc) and
/// `description` (its doc, the vendor's wording, its section), as both
/// formats write them.
fn describe_operation(out: &mut Value, op: &crate::ir::Operation) {
    if let Some(s) = summary(op.doc.as_deref()) {
        out["summary"] = Value::from(s);
    }
    let mut notes: Vec<String> = op
        .section
        .iter()
        .map(|s| format!("Documented in “{s}”."))
        .collect();
    let (life, marked) = super::schema::life_notes(
        op.since.as_deref(),
        op.until.as_deref(),
        op.deprecated.as_ref(),
    );
    notes.extend(life);
    let text = super::schema::describe(op.doc.as_deref(), op.doc_original.as_deref(), &notes);
    if let Some(d) = text {
        out["description"] = Value::from(d);
    }
    super::schema::mark_deprecated(out, marked);
}

/// The first sentence of a text, for a summary.
fn summary(doc: Option<&str>) -> Option<String> {
    let doc = doc?.trim();
    let end = doc.find(". ").map_or(doc.len(), |i| i + 1);
    Some(doc[..end].trim_end_matches('.').to_owned())
}
