#![doc = include_str!("../README.md")]
//!
//! Generated code names runtime items as `::kassa::...` and serde,
//! serde_json and schemars through `::kassa::__private`, so a downstream
//! crate depends on `kassa` alone. All derives read `#[kassa(key = value,
//! flag, ...)]` attributes; each module checks its keys.

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

mod attr;
mod deserialize;
mod error_table;
mod one_of;
mod operation;
mod tagged;
mod util;
mod validate;
mod vendor_enum;

/// A coded enum: `#[kassa(repr = "int" | "string", closed)]` on the enum,
/// `#[kassa(code = 0, doc = "...")]` per variant, and `#[kassa(other)]` on
/// the variant that keeps unknown codes (`Unknown(i64)` / `Unknown(String)`).
/// Implements `VendorEnum`, serde, `Display`, `FromStr`, and `JsonSchema`
/// where kassa's `schemars` feature is on.
#[proc_macro_derive(VendorEnum, attributes(kassa))]
pub fn derive_vendor_enum(input: TokenStream) -> TokenStream {
    expand(input, vendor_enum::expand)
}

/// A vendor error table: `#[kassa(repr = "int" | "string" | "message")]`,
/// per variant `code`, `matches`, `message`, `remedy`, `category`,
/// `retryable`, and one `#[kassa(other)]` fallback.
#[proc_macro_derive(ErrorTable, attributes(kassa))]
pub fn derive_error_table(input: TokenStream) -> TokenStream {
    expand(input, error_table::expand)
}

/// Request constraints per field: `min`, `max`, `scale`, `min_length`,
/// `max_length`, `min_items`, `max_items`, `pattern`. A `pattern` needs
/// kassa's `pattern` feature; without it the type does not compile, with an
/// error on the pattern that names the feature.
#[proc_macro_derive(Validate, attributes(kassa))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    expand(input, validate::expand)
}

/// A request type: `#[kassa(wire = "...", response = T, error = E, ...)]`.
/// For a `GET` or `DELETE` whose fields all travel in its path, it also
/// writes `Operation::direct_path`, from which the client makes the first
/// attempt without encoding the request in general.
#[proc_macro_derive(Operation, attributes(kassa))]
pub fn derive_operation(input: TokenStream) -> TokenStream {
    expand(input, operation::expand)
}

/// A value of one of several forms told apart by shape alone:
/// `Removed(RemovedItem)` holds a type, `#[kassa(value = "OK")] Ok` stands
/// for a fixed value. Forms are tried in order; implements serde,
/// `Default` (the first form) and, with kassa's `schemars` feature,
/// `JsonSchema`.
#[proc_macro_derive(OneOf, attributes(kassa))]
pub fn derive_one_of(input: TokenStream) -> TokenStream {
    expand(input, one_of::expand)
}

/// An enum of records told apart by a tag field: `#[kassa(tag = "op", repr = "int")]`.
#[proc_macro_derive(Tagged, attributes(kassa))]
pub fn derive_tagged(input: TokenStream) -> TokenStream {
    expand(input, tagged::expand)
}

/// serde's `Deserialize` for a struct with named fields: one map visitor,
/// the rest in `kassa::__private::de`. Reads `#[serde(rename, alias,
/// default, with, deserialize_with)]` as serde does; any other
/// deserialization key is an error.
#[proc_macro_derive(Deserialize, attributes(serde))]
pub fn derive_deserialize(input: TokenStream) -> TokenStream {
    expand(input, deserialize::expand)
}

/// Stands in for `schemars::JsonSchema` where kassa's `schemars` feature
/// is off (`kassa::__private::JsonSchema`): accepts the `#[schemars]`
/// attributes and emits nothing, so the generated types need no feature of
/// their own and pay for no schema code they do not use.
#[proc_macro_derive(NoJsonSchema, attributes(schemars))]
pub fn derive_no_json_schema(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

fn expand(
    input: TokenStream,
    f: fn(&DeriveInput) -> syn::Result<proc_macro2::TokenStream>,
) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    f(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
