//! kassa-codegen: the spec language, its loader and validator, the resolved
//! IR, and the emitters that read it.
//!
//! The data flows one way, through three stages, each a folder:
//!
//! | stage | folder | from → to |
//! |---|---|---|
//! | reading | [`read`] | YAML files → the typed [`read::model`] (syntax, then the shape against the language's own schema) |
//! | resolving | [`resolve`] | model → [`ir::Spec`]: names bound, every rule checked, examples decoded |
//! | emitting | [`emit`] | IR → Rust ([`emit::rust`]), JSON Schemas ([`emit::schema`]), docs ([`emit::docs`]) |
//!
//! Beside them: [`types`] parses type expressions, [`names`] turns wire
//! names into Rust names, [`diag`] renders diagnostics, [`check`] runs
//! reading and resolving for the CLI and tests, [`inventory`] lists what a
//! spec declares, and [`Builder`] generates a vendor's module from a build
//! script.

pub mod at;
pub mod builder;
pub mod check;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod inventory;
pub mod ir;
pub mod names;
pub mod read;
pub mod resolve;
pub mod types;
#[cfg(feature = "validate")]
pub mod validate;

pub use builder::Builder;
