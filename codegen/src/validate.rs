//! Checks a captured payload against the JSON Schema published for its
//! operation, built in memory from the spec: what `kassa validate` runs.
//!
//! The validator is the `jsonschema` crate, the same one the tests use to
//! check the published files, so the command and any other 2020-12
//! validator reading `generated-client/schemas/` reach the same verdict.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::emit::schema::DEFS_FILE;
use crate::emit::schema::ops::{Direction, defs_document, operation_schemas};
use crate::ir::{Auth, Spec};

/// One way the payload does not conform.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer (RFC 6901) of the offending value; empty for the whole body.
    pub pointer: String,
    pub reason: String,
}

/// Why a payload could not be checked at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unchecked {
    /// No operation of the spec has this name, wire name or alias.
    UnknownOperation { name: String, known: Vec<String> },
    /// The operation's request carries no body (its parameters travel in the URL).
    NoBody { operation: String },
    /// The generated schema does not compile (a bug in the generator).
    Schema(String),
}

impl std::fmt::Display for Unchecked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unchecked::UnknownOperation { name, known } => write!(
                f,
                "no operation `{name}`; the spec has {}",
                known.join(", ")
            ),
            Unchecked::NoBody { operation } => write!(
                f,
                "`{operation}` sends no request body (its parameters travel in the URL); there is nothing to validate"
            ),
            Unchecked::Schema(e) => write!(f, "the generated schema does not compile: {e}"),
        }
    }
}

/// Where the in-memory schemas live; never fetched from anywhere.
const BASE: &str = "file:///kassa/schemas";

/// Serves the vendor's shared definitions to `$ref`s, from memory.
struct Defs {
    uri: String,
    document: Value,
}

impl jsonschema::Retrieve for Defs {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str() == self.uri {
            Ok(self.document.clone())
        } else {
            Err(format!("{uri} is not a schema of this spec").into())
        }
    }
}

/// Checks `payload` as the request or response body of `operation`
/// (its name, wire name or a wire alias). An empty list means it conforms.
pub fn validate(
    spec: &Spec,
    operation: &str,
    direction: Direction,
    payload: &Value,
) -> Result<Vec<Problem>, Unchecked> {
    let op = spec
        .operations
        .iter()
        .find(|o| o.name == operation || o.wire == operation)
        .or_else(|| {
            spec.operations
                .iter()
                .find(|o| o.wire_aliases.iter().any(|a| a == operation))
        })
        .ok_or_else(|| Unchecked::UnknownOperation {
            name: operation.to_owned(),
            known: spec.operations.iter().map(|o| o.name.clone()).collect(),
        })?;
    let source = format!("spec/{}", spec.id);
    let schemas = operation_schemas(spec, &source);
    let Some(found) = schemas
        .iter()
        .find(|s| s.operation.name == op.name && s.direction == direction)
    else {
        return Err(Unchecked::NoBody {
            operation: op.name.clone(),
        });
    };
    let defs = Defs {
        uri: format!("{BASE}/{}/{DEFS_FILE}", spec.id),
        document: defs_document(spec, &source),
    };
    let validator = jsonschema::options()
        .with_base_uri(format!("{BASE}/{}/{}", spec.id, found.file))
        .with_retriever(defs)
        .build(&found.schema)
        .map_err(|e| Unchecked::Schema(e.to_string()))?;
    let secrets = secret_members(spec);
    let mut problems: Vec<Problem> = validator
        .iter_errors(payload)
        .map(|e| {
            let pointer = e.instance_path().as_str().to_owned();
            let last = pointer.rsplit('/').next().unwrap_or_default();
            // A value is quoted only when it is a plain scalar and not a
            // secret; objects would print whole bodies.
            let show =
                !e.instance().is_object() && !e.instance().is_array() && !secrets.contains(last);
            let reason = if show {
                e.to_string()
            } else {
                e.masked_with("the value").to_string()
            };
            Problem { pointer, reason }
        })
        .collect();
    problems.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    problems.dedup();
    Ok(problems)
}

/// Wire names of members whose values must never be printed.
fn secret_members(spec: &Spec) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut add = |name: &str| {
        out.insert(name.to_owned());
    };
    for a in &spec.auth {
        match a {
            Auth::BodyCredentials { password, .. } => add(password),
            Auth::Hmac { key_field, .. } => add(key_field),
            Auth::Session { field, .. } => add(field),
            Auth::Bearer { token_field, .. } => add(token_field),
            Auth::PathSecret { .. } => {}
        }
    }
    for f in spec.fields().filter(|f| f.secret) {
        add(&f.wire);
        f.aliases.iter().for_each(|a| add(a));
    }
    out
}
