//! kassa-codegen: the spec language, its loader and validator, and the
//! resolved IR that emitters read.
//!
//! Data flow: [`load`] reads a folder of YAML files (syntax, then the
//! structural check in [`shape`] against the language's own schema, then the
//! typed [`model`]); [`resolve`] binds names and checks every rule, producing
//! an [`ir::Spec`]; [`check`] runs both for the CLI and tests. [`Builder`]
//! generates a vendor's module from a build script.

pub mod builder;
pub mod check;
pub mod diag;
pub mod emit;
pub mod emit_docs;
mod examples;
pub mod inventory;
pub mod ir;
pub mod load;
pub mod model;
pub mod names;
pub mod node;
pub mod resolve;
mod resolve_items;
mod resolve_lifecycle;
mod resolve_outcomes;
mod resolve_paging;
mod resolve_protocol;
pub mod schema;
pub mod shape;
pub mod types;
#[cfg(feature = "validate")]
pub mod validate;

pub use builder::Builder;
