//! `include_spec!`, kept apart from the derives: it compiles the spec
//! loader, validator and emitters, which only its users should pay for.
//! Reach it through the `include-spec` feature of `kassa`.

use proc_macro::TokenStream;

mod expand;

/// A vendor module generated at compile time from a spec folder, relative
/// to the crate's `Cargo.toml`: `kassa::include_spec!("spec/myvendor");`
/// declares `pub mod myvendor { ... }` exactly as `kassa-client` has one.
/// Spec mistakes are compile errors carrying the spec's file:line:col.
#[proc_macro]
pub fn include_spec(input: TokenStream) -> TokenStream {
    expand::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
