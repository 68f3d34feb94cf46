//! `#[derive(Tagged)]`: an enum of records told apart by a field of the record
//! itself (SM POS `op`), with a fallback that keeps unknown records whole.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Fields, Ident, Type};

use crate::attr::{Attrs, Errors};
use crate::util::{self, CodeLit, Repr};

struct Case {
    ident: Ident,
    ty: Type,
    code: CodeLit,
}

pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let data = util::expect_enum(input, "Tagged")?;
    let mut errors = Errors::default();
    util::no_generics(input, "Tagged", &mut errors);
    let ident = &input.ident;
    let attrs = Attrs::parse(&input.attrs, &mut errors);
    attrs.check_keys(&["tag", "repr", "doc"], &[], &mut errors);
    let repr = util::repr(&attrs, &["int", "string"], ident, &mut errors);
    let tag = attrs.string("tag", &mut errors).map(|s| s.value());
    if attrs.get("tag").is_none() {
        errors.help(
            ident.span(),
            format!("`{ident}` needs #[kassa(tag = \"...\")]: the record field that tells the variants apart"),
            "add #[kassa(tag = \"op\")]",
        );
    }
    let doc = util::doc_or_override(&input.attrs, &attrs, &mut errors);

    let mut cases: Vec<Case> = Vec::new();
    let mut other: Option<Ident> = None;
    for variant in &data.variants {
        let v = &variant.ident;
        let va = Attrs::parse(&variant.attrs, &mut errors);
        let variant_sound = va.check_keys(&["code", "other", "doc"], &[], &mut errors);
        // Read for its errors only.
        let _ = util::doc_or_override(&variant.attrs, &va, &mut errors);
        let is_other = va.flag("other", &mut errors);
        let ty = match &variant.fields {
            Fields::Unnamed(f) if f.unnamed.len() == 1 => Some(f.unnamed[0].ty.clone()),
            fields => {
                let example = if is_other.is_some() {
                    "Unknown(serde_json::Value)".to_owned()
                } else {
                    format!("{v}({v}Record)")
                };
                let span = if matches!(fields, Fields::Unit) {
                    v.span()
                } else {
                    fields.span()
                };
                errors.help(
                    span,
                    format!("variant `{v}` must hold exactly one record"),
                    format!("write `{example}`"),
                );
                None
            }
        };
        if let Some(span) = is_other {
            if let Some(first) = &other {
                errors.help(
                    span,
                    "a second `other` variant",
                    format!("`{first}` is the `other` variant already"),
                );
            }
            if let Some(code) = va.get("code") {
                errors.help(
                    code.span(),
                    "the `other` variant has no code",
                    "it holds every record with a tag not listed",
                );
            }
            if let Some(ty) = &ty
                && !matches!(util::type_name(ty).as_deref(), Some("Value" | "Json"))
            {
                errors.help(
                    ty.span(),
                    "the `other` variant holds the whole record as JSON",
                    format!("write `{v}(kassa::Json)` (a `serde_json::Value`)"),
                );
            }
            other = Some(v.clone());
            continue;
        }
        let Some(repr) = repr.filter(|_| variant_sound) else {
            continue;
        };
        if va.get("code").is_none() {
            errors.help(
                v.span(),
                format!("variant `{v}` has no code"),
                format!("add #[kassa(code = ...)] to `{v}`"),
            );
            continue;
        }
        let Some((code, span)) = util::code(&va, "code", repr, &mut errors) else {
            continue;
        };
        if let Some(first) = cases.iter().find(|c| c.code == code) {
            errors.help(
                span,
                format!("duplicate code {} in `{ident}`", code.display()),
                format!("`{}` has code {} already", first.ident, code.display()),
            );
            continue;
        }
        if let Some(ty) = ty {
            cases.push(Case {
                ident: v.clone(),
                ty,
                code,
            });
        }
    }
    errors.finish()?;
    let (Some(repr), Some(tag)) = (repr, tag) else {
        return Ok(TokenStream::new());
    };
    Ok(generate(ident, repr, &tag, &cases, other.as_ref(), &doc))
}

fn generate(
    ident: &Ident,
    repr: Repr,
    tag: &str,
    cases: &[Case],
    other: Option<&Ident>,
    doc: &str,
) -> TokenStream {
    let serde = quote!(::kassa::__private::serde);
    let json = quote!(::kassa::__private::serde_json);
    let schemars = quote!(::kassa::__private::schemars);
    let name = ident.to_string();
    let idents: Vec<&Ident> = cases.iter().map(|c| &c.ident).collect();
    let codes: Vec<TokenStream> = cases.iter().map(|c| c.code.to_code()).collect();
    let json_codes: Vec<TokenStream> = cases.iter().map(|c| c.code.json()).collect();
    let shown: Vec<String> = cases.iter().map(|c| c.code.display()).collect();
    let expected = shown.join(", ");
    let not_object = format!("must serialize to a JSON object to carry the tag `{tag}`");

    let other_ser = other.map(|o| quote!(Self::#o(__inner) => return #serde::Serialize::serialize(__inner, __serializer),));
    let int = matches!(repr, Repr::Int);
    let variant_names = idents.iter().map(|v| v.to_string());
    let code_patterns: Vec<TokenStream> = cases.iter().map(|c| c.code.pattern()).collect();
    let code_match = if int {
        quote!(__code.as_int())
    } else {
        quote!(__code.as_str())
    };
    let unknown = match other {
        Some(o) => quote!(::core::option::Option::Some(Self::#o(__record))),
        None => quote!({
            let _ = __record;
            ::core::option::Option::None
        }),
    };
    let variant_schemas = cases.iter().map(|c| {
        let (ty, code) = (&c.ty, c.code.json());
        let sub = quote_spanned!(ty.span()=> __generator.subschema_for::<#ty>());
        quote! {
            __one_of.push(#json::json!({
                "allOf": [#json::Value::from(#sub), { "properties": { #tag: { "const": #code } }, "required": [#tag] }]
            }));
        }
    });
    let fallback_schema = other.map(|_| {
        quote! {
            __one_of.push(#json::json!({
                "type": "object",
                "not": { "properties": { #tag: { "enum": [#(#json_codes),*] } }, "required": [#tag] }
            }));
        }
    });
    let description = (!doc.is_empty()).then(|| quote!("description": #doc,));

    let schema_impl = util::json_schema_impl(
        ident,
        quote! {
            let mut __one_of: ::std::vec::Vec<#json::Value> = ::std::vec::Vec::new();
            #(#variant_schemas)*
            #fallback_schema
            #schemars::json_schema!({ #description "oneOf": __one_of })
        },
    );
    quote! {
        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(&self, __serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                use #serde::ser::{Error as _, SerializeMap as _};
                let (__tag, __value, __variant): (::kassa::Code, _, &str) = match self {
                    #(Self::#idents(__inner) => (#codes, #json::to_value(__inner).map_err(S::Error::custom)?, ::core::stringify!(#idents)),)*
                    #other_ser
                };
                let #json::Value::Object(__map) = __value else {
                    return ::core::result::Result::Err(S::Error::custom(::core::format_args!("{}::{} {}", #name, __variant, #not_object)));
                };
                let mut __out = __serializer.serialize_map(::core::option::Option::Some(__map.len() + 1))?;
                __out.serialize_entry(#tag, &__tag)?;
                for (__k, __v) in &__map {
                    if __k != #tag {
                        __out.serialize_entry(__k, __v)?;
                    }
                }
                __out.end()
            }
        }

        #[automatically_derived]
        impl ::kassa::codec::TaggedRecord for #ident {
            const NAME: &'static str = #name;
            const TAG: &'static str = #tag;
            const INT: bool = #int;
            const EXPECTED: &'static str = #expected;

            fn variant(__code: &::kassa::Code) -> ::core::option::Option<&'static str> {
                match #code_match {
                    #(::core::option::Option::Some(#code_patterns) => ::core::option::Option::Some(#variant_names),)*
                    _ => ::core::option::Option::None,
                }
            }

            fn decode_variant<'de, D: #serde::Deserializer<'de>>(__code: &::kassa::Code, __record: D) -> ::core::result::Result<Self, D::Error> {
                match #code_match {
                    #(::core::option::Option::Some(#code_patterns) => #serde::Deserialize::deserialize(__record).map(Self::#idents),)*
                    _ => ::core::result::Result::Err(#serde::de::Error::custom(::core::format_args!(
                        "unknown {} `{}` {}, expected one of {}", #name, #tag, __code, #expected))),
                }
            }

            fn unknown(__record: #json::Value) -> ::core::option::Option<Self> {
                #unknown
            }
        }

        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(__deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::kassa::codec::deserialize_tagged(__deserializer)
            }
        }

        #schema_impl
    }
}
