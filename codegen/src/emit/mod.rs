//! Emitting: the resolved [`ir::Spec`](crate::ir::Spec) becomes Rust
//! ([`rust`]), JSON Schemas ([`schema`]), reference docs ([`docs`]) and
//! OpenAPI or OpenRPC documents ([`export`]). Each emitter reads only the IR.

pub mod docs;
pub mod export;
pub mod rust;
pub mod schema;

/// One generated file: its path relative to the output folder, and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}
