//! The code of the [`kassa`](https://docs.rs/kassa) crate, which re-exports
//! all of it with the derives of `kassa-macros`: depend on `kassa`.
//!
//! Apart from the derives, this crate compiles while they do. Its own tests
//! derive through `kassa-macros` (a dev-dependency), whose output names
//! `::kassa`, which is this crate there.

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
#[cfg(feature = "pattern")]
mod simple_pattern;
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

// The derives, for this crate's tests; `kassa` re-exports them for everyone.
#[cfg(test)]
use kassa_macros::{ErrorTable, Operation, Validate};
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

/// A check against a [`validate::Pattern`] of its own, compiled once, where
/// kassa's `pattern` feature is on; a compile error naming the feature where
/// it is off. `#[derive(Validate)]` writes each `pattern` check through it,
/// so a type with a pattern says what it needs rather than failing on a
/// missing function.
#[cfg(feature = "pattern")]
#[doc(hidden)]
#[macro_export]
macro_rules! __pattern {
    ($value:expr, $pattern:literal, $field:expr) => {{
        static PATTERN: $crate::validate::Pattern = $crate::validate::Pattern::new($pattern);
        PATTERN.check($value, $field)
    }};
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
