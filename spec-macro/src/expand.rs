//! Expands `include_spec!("path")`.

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let lit: LitStr = syn::parse2(input).map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected a spec folder: include_spec!(\"spec/myvendor\")",
        )
    })?;
    let relative = lit.value();
    let manifest = std::env::var("CARGO_MANIFEST_DIR").map_err(|_| {
        syn::Error::new(
            lit.span(),
            "CARGO_MANIFEST_DIR is not set; include_spec! runs under cargo",
        )
    })?;
    let dir = PathBuf::from(&manifest).join(&relative);
    if !dir.is_dir() {
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "no spec folder at {}\n  = help: the path is relative to {manifest}",
                dir.display()
            ),
        ));
    }
    let (spec, diagnostics, sources) = kassa_codegen::check::check_dir(&dir);
    if !diagnostics.is_empty() {
        let mut text = String::new();
        for d in &diagnostics {
            text.push_str(&kassa_codegen::diag::render(d, &sources));
        }
        let message = format!(
            "the spec in {relative} has {} problem(s):\n{text}",
            diagnostics.len()
        );
        return Err(syn::Error::new(lit.span(), message));
    }
    let spec =
        spec.ok_or_else(|| syn::Error::new(lit.span(), format!("{relative} holds no spec")))?;
    let code = kassa_codegen::emit::rust::inline_module(&spec, &relative)
        .map_err(|e| syn::Error::new(lit.span(), e))?;
    let module: TokenStream = code
        .parse()
        .map_err(|e| syn::Error::new(lit.span(), format!("generated code does not parse: {e}")))?;
    // Editing any file of the spec rebuilds the crate that includes it.
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .map(|p| p.display().to_string())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    Ok(quote! {
        #( const _: &[u8] = ::core::include_bytes!(#files); )*
        #module
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand_path(path: &str) -> syn::Result<TokenStream> {
        let lit = LitStr::new(path, proc_macro2::Span::call_site());
        expand(quote!(#lit))
    }

    #[test]
    fn a_spec_mistake_is_a_compile_error_with_its_location() {
        let err = expand_path("../codegen/tests/bad/undefined_type")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown type `Gods`"), "{err}");
        assert!(err.contains("api.yaml:29:22"), "{err}");
        assert!(err.contains("did you mean `Goods`?"), "{err}");
    }

    #[test]
    fn a_missing_folder_says_where_it_looked() {
        let err = expand_path("spec/nowhere").unwrap_err().to_string();
        assert!(
            err.contains("no spec folder") && err.contains("relative to"),
            "{err}"
        );
    }

    #[test]
    fn a_valid_spec_becomes_a_module_that_tracks_its_files() {
        let code = expand_path("../codegen/tests/fixtures/mini")
            .unwrap()
            .to_string();
        assert!(code.contains("pub mod mini"), "{code}");
        assert!(code.contains("include_bytes"), "{code}");
        assert!(code.contains("GETGOODS"), "{code}");
    }

    #[test]
    fn anything_but_a_string_is_refused() {
        let err = expand(quote!(spec / mini)).unwrap_err().to_string();
        assert!(err.contains("expected a spec folder"), "{err}");
    }
}
