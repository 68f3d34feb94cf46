//! Runtime for kassa-generated POS vendor clients.
//!
//! Generated vendor modules are declarative: structs and enums with derive
//! attributes, and one static [`Vendor`] description. The behaviour lives
//! here, written once: protocol codecs, auth, errors, scalar encodings and
//! secrets that never print. Downstream crates use the same derives for
//! their own types.
//!
//! The code is in `kassa-runtime` and the derives in `kassa-macros`; this
//! crate puts them together, so that a build compiles the two at once.

pub use kassa_runtime::*;

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

/// What generated code refers to: the runtime's, and the `JsonSchema`
/// derive of the features this crate was built with.
#[doc(hidden)]
pub mod __private {
    pub use crate::JsonSchema;
    pub use kassa_runtime::__private::*;
}
