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
#[doc(hidden)]
pub mod de;
pub mod double_option;
mod enums;
mod error;
mod error_table;
mod lifecycle;
#[cfg(feature = "mock")]
pub mod mock;
mod operation;
pub mod paging;
mod polling;
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
    Recovery, Reply, ReplyKind, Test,
};
pub use paging::{Paged, Pages};
pub use polling::Polling;
pub use retry::RetryPolicy;
pub use scalar::*;
pub use secret::{REDACTED, Redactor, Secret, redact, redact_cut};
pub use table::{Classified, OperationEntry};
pub use validate::{InvalidRequest, Validate};
pub use vendor::{
    Auth, ConfigHeader, Envelope, Protocol, RpcParams, Server, ServerVariable, SignatureEncoding,
    StateHeader, Vendor,
};

/// serde's `Deserialize` for a struct with named fields, in a fraction of
/// the code serde's own derive writes; reads the `#[serde(...)]` attributes
/// `rename`, `alias`, `default`, `with` and `deserialize_with` (and skips
/// serialization-only ones). The generated types use it.
pub use kassa_macros::Deserialize;
/// `#[derive(kassa::JsonSchema)]` derives `schemars::JsonSchema` where
/// kassa's `schemars` feature is on, and nothing (accepting the
/// `#[schemars]` attributes) where it is off: generated code and
/// downstream types derive it without a feature of their own. With
/// `#[schemars(crate = "kassa::schemars")]` the derive needs no schemars
/// dependency either.
#[cfg(not(feature = "schemars"))]
pub use kassa_macros::NoJsonSchema as JsonSchema;
pub use kassa_macros::{ErrorTable, OneOf, Operation, Tagged, Validate, VendorEnum};
#[cfg(feature = "include-spec")]
pub use kassa_spec_macro::include_spec;
pub use rust_decimal::Decimal;
#[cfg(feature = "schemars")]
pub use schemars::JsonSchema;

/// schemars, whose `JsonSchema` the scalars and every generated type
/// implement with the `schemars` feature: `kassa::schemars::schema_for!(T)`.
#[cfg(feature = "schemars")]
pub use schemars;

/// serde and serde_json, as kassa uses them: a crate that depends on
/// `kassa` alone derives serde for its own operations with
/// `use kassa::serde::{Deserialize, Serialize};` and
/// `#[serde(crate = "kassa::serde")]` (or depends on serde itself).
pub use serde;
pub use serde_json;

/// Any JSON value: payloads the vendor documents without a shape.
pub type Json = serde_json::Value;

/// Crates generated code refers to, re-exported so a downstream crate
/// depends on `kassa` alone.
#[doc(hidden)]
pub mod __private {
    pub use crate::JsonSchema;
    pub use crate::de;
    #[cfg(feature = "schemars")]
    pub use schemars;

    pub use crate::__if_schemars as if_schemars;
    pub use crate::__pattern as pattern;
    pub use crate::__requires_hmac as requires_hmac;
    pub use serde;
    pub use serde_json;
    pub use time;
}

/// The items given where kassa's `schemars` feature is on, nothing where it
/// is off: the derives' `JsonSchema` impls go through it, so they compile
/// in a downstream crate whatever features that crate has.
#[cfg(feature = "schemars")]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_schemars {
    ($($item:tt)*) => { $($item)* };
}

/// See the `schemars` variant above.
#[cfg(not(feature = "schemars"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_schemars {
    ($($item:tt)*) => {};
}

/// [`validate::pattern`] where kassa's `pattern` feature is on; a compile
/// error naming the feature where it is off. `#[derive(Validate)]` writes
/// each `pattern` check through it, so a type with a pattern says what it
/// needs rather than failing on a missing function.
#[cfg(feature = "pattern")]
#[doc(hidden)]
#[macro_export]
macro_rules! __pattern {
    ($value:expr, $pattern:expr, $field:expr) => {
        $crate::validate::pattern($value, $pattern, $field)
    };
}

/// See the `pattern` variant above.
#[cfg(not(feature = "pattern"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __pattern {
    ($($arg:tt)*) => {
        ::core::compile_error!(
            "this type checks a `pattern`: enable kassa's `pattern` feature \
             (kassa = { version = \"…\", features = [\"pattern\"] })"
        )
    };
}

/// Nothing where kassa's `hmac` feature is on; a compile error naming the
/// feature where it is off. Generated code of a vendor that signs its
/// requests calls it once.
#[cfg(feature = "hmac")]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_hmac {
    () => {};
}

/// See the `hmac` variant above.
#[cfg(not(feature = "hmac"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __requires_hmac {
    () => {
        ::core::compile_error!(
            "this vendor signs its requests with HMAC-SHA256: enable kassa's `hmac` feature \
             (kassa = { version = \"…\", features = [\"hmac\"] })"
        );
    };
}
