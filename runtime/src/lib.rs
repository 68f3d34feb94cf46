//! Runtime for kassa-generated POS vendor clients.
//!
//! Generated vendor modules are declarative: structs and enums with derive
//! attributes, and one static [`Vendor`] description. The behaviour lives
//! here, written once: protocol codecs, auth, errors, scalar encodings and
//! secrets that never print. Downstream crates use the same derives for
//! their own types.

extern crate self as kassa;

mod client;
mod code;
pub mod codec;
mod config;
pub mod double_option;
mod enums;
mod error;
mod error_table;
mod lifecycle;
#[cfg(feature = "mock")]
pub mod mock;
mod operation;
mod retry;
pub mod scalar;
mod secret;
mod table;
pub mod validate;
mod vendor;

pub use client::Client;
pub use code::Code;
pub use config::{Config, ConfigError};
pub use enums::{KnownValue, VendorEnum};
pub use error::{
    DecodeError, DocumentExists, Error, HttpError, OutcomeUnknown, TransportError, VendorError,
};
pub use error_table::{Category, ErrorTable, Retry};
pub use lifecycle::{Answer, Counter, Creation, Expiry, Lifecycle, Move, StateReport};
pub use operation::{
    Dedup, Fresh, Idempotency, ListStyle, Method, Mint, Operation, OperationInfo, Placement,
    Recovery, Reply, Test,
};
pub use retry::RetryPolicy;
pub use scalar::*;
pub use secret::{REDACTED, Redactor, Secret, redact, redact_cut};
pub use table::{Classified, OperationEntry};
pub use validate::{InvalidRequest, Validate};
pub use vendor::{
    Auth, ConfigHeader, Envelope, Protocol, Server, ServerVariable, SignatureEncoding, StateHeader,
    Vendor,
};

pub use kassa_macros::{ErrorTable, Operation, Tagged, Validate, VendorEnum};
#[cfg(feature = "include-spec")]
pub use kassa_spec_macro::include_spec;
pub use rust_decimal::Decimal;

/// Any JSON value: payloads the vendor documents without a shape.
pub type Json = serde_json::Value;

/// Crates generated code refers to, re-exported so a downstream crate
/// depends on `kassa` alone.
#[doc(hidden)]
pub mod __private {
    pub use schemars;
    pub use serde;
    pub use serde_json;
    pub use time;
}
