//! `#[derive(OneOf)]`: a value that takes one of several forms with nothing
//! to tell them apart but their shape (iCash `data`: an object, or the bare
//! string "OK"). Each form is tried in order; the first that reads wins.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Fields, Ident, Type};

use crate::attr::{Attrs, Errors, Value};
use crate::util;

/// One form: a type it holds, or a fixed value it stands for.
enum Form {
    Holds(Ident, Type),
    Value(Ident, TokenStream, String),
}

pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let data = util::expect_enum(input, "OneOf")?;
    let mut errors = Errors::default();
    util::no_generics(input, "OneOf", &mut errors);
    let ident = &input.ident;
    let attrs = Attrs::parse(&input.attrs, &mut errors);
    attrs.check_keys(&["doc"], &[], &mut errors);
    let doc = util::doc_or_override(&input.attrs, &attrs, &mut errors);
    let mut forms = Vec::new();
    for variant in &data.variants {
        let v = &variant.ident;
        let va = Attrs::parse(&variant.attrs, &mut errors);
        va.check_keys(&["value", "doc"], &[], &mut errors);
        let _ = util::doc_or_override(&variant.attrs, &va, &mut errors);
        let value = va.value("value", &mut errors);
        match (&variant.fields, value) {
            (Fields::Unnamed(f), None) if f.unnamed.len() == 1 => {
                forms.push(Form::Holds(v.clone(), f.unnamed[0].ty.clone()));
            }
            (Fields::Unit, Some(value)) => match literal(value) {
                Some((json, shown)) => forms.push(Form::Value(v.clone(), json, shown)),
                None => errors.help(
                    value.span(),
                    format!("the value of `{v}` is {}", value.describe()),
                    "give a string, an integer or a boolean: #[kassa(value = \"OK\")]",
                ),
            },
            (Fields::Unit, None) => errors.help(
                v.span(),
                format!("form `{v}` holds nothing and stands for no value"),
                format!("write `{v}(SomeType)`, or give the value it stands for: #[kassa(value = \"OK\")]"),
            ),
            (_, Some(value)) => errors.help(
                value.span(),
                format!("form `{v}` holds a value and has a `value` too"),
                "a form either holds one type or stands for one value (a unit variant)",
            ),
            (fields, None) => errors.help(
                fields.span(),
                format!("form `{v}` must hold exactly one type"),
                format!("write `{v}(SomeType)`"),
            ),
        }
    }
    if forms.is_empty() && data.variants.is_empty() {
        errors.help(
            ident.span(),
            format!("`{ident}` has no forms"),
            "list the forms it takes, in the order to try them",
        );
    }
    errors.finish()?;
    Ok(generate(ident, &forms, &doc))
}

/// A literal value as JSON tokens, and as shown in errors.
fn literal(value: &Value) -> Option<(TokenStream, String)> {
    match value {
        Value::Str(s) => {
            let text = s.value();
            Some((quote!(#text), format!("{text:?}")))
        }
        Value::Int(digits, span) => {
            let n: i64 = digits.parse().ok()?;
            Some((quote_spanned!(*span=> #n), digits.clone()))
        }
        Value::Bool(b, span) => Some((quote_spanned!(*span=> #b), b.to_string())),
        _ => None,
    }
}

fn generate(ident: &Ident, forms: &[Form], doc: &str) -> TokenStream {
    let serde = quote!(::kassa::__private::serde);
    let json = quote!(::kassa::__private::serde_json);
    let schemars = quote!(::kassa::__private::schemars);
    let name = ident.to_string();
    let shown: Vec<String> = forms
        .iter()
        .map(|form| match form {
            Form::Holds(_, ty) => quote!(#ty).to_string().replace(' ', ""),
            Form::Value(_, _, shown) => shown.clone(),
        })
        .collect();
    let expected = shown.join(", ");
    let tries = forms.iter().map(|form| match form {
        Form::Holds(v, ty) => quote! {
            if let ::core::result::Result::Ok(__form) = <#ty as #serde::Deserialize>::deserialize(::kassa::codec::Lenient(&__value)) {
                return ::core::result::Result::Ok(Self::#v(__form));
            }
        },
        Form::Value(v, lit, _) => quote! {
            if __value == #json::json!(#lit) {
                return ::core::result::Result::Ok(Self::#v);
            }
        },
    });
    let writes = forms.iter().map(|form| match form {
        Form::Holds(v, _) => {
            quote!(Self::#v(__form) => #serde::Serialize::serialize(__form, __serializer),)
        }
        Form::Value(v, lit, _) => {
            quote!(Self::#v => #serde::Serialize::serialize(&#lit, __serializer),)
        }
    });
    let default = match forms.first() {
        Some(Form::Holds(v, _)) => quote!(Self::#v(::core::default::Default::default())),
        Some(Form::Value(v, _, _)) => quote!(Self::#v),
        None => return TokenStream::new(),
    };
    let schemas = forms.iter().map(|form| match form {
        Form::Holds(_, ty) => {
            let sub = quote_spanned!(ty.span()=> __generator.subschema_for::<#ty>());
            quote!(#json::Value::from(#sub))
        }
        Form::Value(_, lit, _) => quote!(#json::json!({ "const": #lit })),
    });
    let description = (!doc.is_empty()).then(|| quote!("description": #doc,));
    let schema_impl = util::json_schema_impl(
        ident,
        quote!(#schemars::json_schema!({ #description "anyOf": [#(#schemas),*] })),
    );
    quote! {
        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(&self, __serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                }
            }
        }

        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(__deserializer: D) -> ::core::result::Result<Self, D::Error> {
                // The forms have nothing in common to read first: the value
                // is held, and each form tried on it in order.
                let __value = <#json::Value as #serde::Deserialize>::deserialize(__deserializer)?;
                #(#tries)*
                ::core::result::Result::Err(<D::Error as #serde::de::Error>::custom(::core::format_args!(
                    "{} must be one of: {}; found {}", #name, #expected, ::kassa::codec::excerpt(&__value))))
            }
        }

        #[automatically_derived]
        impl ::core::default::Default for #ident {
            /// The first form, empty.
            fn default() -> Self {
                #default
            }
        }

        #schema_impl
    }
}
