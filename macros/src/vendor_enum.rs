//! `#[derive(VendorEnum)]`: a coded enum, open to codes the client does not know.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{DeriveInput, Fields, Ident};

use crate::attr::{Attrs, Errors};
use crate::util::{self, CodeLit, Repr};

struct Known {
    ident: Ident,
    code: CodeLit,
    doc: String,
}

pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let data = util::expect_enum(input, "VendorEnum")?;
    let mut errors = Errors::default();
    util::no_generics(input, "VendorEnum", &mut errors);
    let ident = &input.ident;
    let attrs = Attrs::parse(&input.attrs, &mut errors);
    let mut sound = attrs.check_keys(&["repr", "closed", "doc"], &[], &mut errors);
    let repr = util::repr(&attrs, &["int", "string"], ident, &mut errors);
    let closed = attrs.flag("closed", &mut errors);
    let enum_doc = util::doc_or_override(&input.attrs, &attrs, &mut errors);

    let mut known: Vec<Known> = Vec::new();
    let mut other: Option<Ident> = None;
    for variant in &data.variants {
        let v = &variant.ident;
        let va = Attrs::parse(&variant.attrs, &mut errors);
        let variant_sound = va.check_keys(&["code", "doc", "other"], &[], &mut errors);
        sound &= variant_sound;
        let doc = util::doc_or_override(&variant.attrs, &va, &mut errors);
        if let Some(span) = va.flag("other", &mut errors) {
            if closed.is_some() {
                errors.help(
                    span,
                    format!("`{ident}` is #[kassa(closed)], so it has no `other` variant"),
                    "remove `closed` to keep unknown codes, or remove this variant",
                );
            }
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
                    "it holds every code not listed",
                );
            }
            if let Some(repr) = repr {
                check_payload(variant, repr, &mut errors);
            }
            other = Some(v.clone());
            continue;
        }
        if !variant_sound {
            continue;
        }
        if !variant.fields.is_empty() {
            errors.help(
                variant.fields.span(),
                format!("variant `{v}` has fields, but only the #[kassa(other)] variant carries a payload"),
                format!("make `{v}` a unit variant"),
            );
        }
        let Some(repr) = repr else { continue };
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
        if let Some(first) = known.iter().find(|k| k.code == code) {
            errors.help(
                span,
                format!("duplicate code {} in `{ident}`", code.display()),
                format!("`{}` has code {} already", first.ident, code.display()),
            );
            continue;
        }
        known.push(Known {
            ident: v.clone(),
            code,
            doc,
        });
    }
    if sound && closed.is_none() && other.is_none() && repr.is_some() {
        let payload = if repr == Some(Repr::Int) {
            "i64"
        } else {
            "String"
        };
        errors.help(
            ident.span(),
            format!(
                "open enum `{ident}` has no #[kassa(other)] variant for codes it does not list"
            ),
            format!("add `#[kassa(other)] Unknown({payload})`, or mark the enum #[kassa(closed)]"),
        );
    }
    errors.finish()?;
    let Some(repr) = repr else {
        return Ok(TokenStream::new());
    };
    Ok(generate(ident, repr, &known, other.as_ref(), &enum_doc))
}

/// The `other` variant holds the raw code: `Unknown(i64)` or `Unknown(String)`.
fn check_payload(variant: &syn::Variant, repr: Repr, errors: &mut Errors) {
    let want = if repr == Repr::Int { "i64" } else { "String" };
    let v = &variant.ident;
    let help = format!("write `{v}({want})`: it keeps the raw code");
    match &variant.fields {
        Fields::Unnamed(f) if f.unnamed.len() == 1 => {
            let ty = &f.unnamed[0].ty;
            if util::type_name(ty).as_deref() != Some(want) {
                errors.help(
                    ty.span(),
                    format!("the `other` variant must hold `{want}`, the raw code"),
                    help,
                );
            }
        }
        Fields::Unit => errors.help(
            v.span(),
            format!("the `other` variant must hold the unknown code, a `{want}`"),
            help,
        ),
        fields => errors.help(
            fields.span(),
            format!("the `other` variant must hold exactly one `{want}`"),
            help,
        ),
    }
}

fn generate(
    ident: &Ident,
    repr: Repr,
    known: &[Known],
    other: Option<&Ident>,
    enum_doc: &str,
) -> TokenStream {
    let name = ident.to_string();
    let open = other.is_some();
    let names: Vec<&Ident> = known.iter().map(|k| &k.ident).collect();
    let name_strs: Vec<String> = names.iter().map(|i| i.to_string()).collect();
    let codes: Vec<TokenStream> = known.iter().map(|k| k.code.to_code()).collect();
    let pats: Vec<TokenStream> = known.iter().map(|k| k.code.pattern()).collect();
    let docs: Vec<&str> = known.iter().map(|k| k.doc.as_str()).collect();
    let expected = known
        .iter()
        .map(|k| k.code.display())
        .collect::<Vec<_>>()
        .join(", ");
    let serde = quote!(::kassa::__private::serde);
    let schemars = quote!(::kassa::__private::schemars);

    let (other_code, other_ser) = match (other, repr) {
        (Some(o), Repr::Int) => (
            quote!(Self::#o(code) => ::kassa::Code::Int(*code),),
            quote!(Self::#o(code) => __serializer.serialize_i64(*code),),
        ),
        (Some(o), _) => (
            quote!(Self::#o(code) => ::kassa::Code::from(::std::clone::Clone::clone(code)),),
            quote!(Self::#o(code) => __serializer.serialize_str(code),),
        ),
        (None, _) => (quote!(), quote!()),
    };
    let ser_known = match repr {
        Repr::Int => quote!(#(Self::#names => __serializer.serialize_i64(#pats),)*),
        _ => quote!(#(Self::#names => __serializer.serialize_str(#pats),)*),
    };
    let from_code = match (repr, other) {
        (Repr::Int, o) => {
            let fallback = match o {
                Some(o) => quote!(__n => Self::#o(__n)),
                None => quote!(_ => return ::core::option::Option::None),
            };
            quote! {
                let __n: i64 = match __code {
                    ::kassa::Code::Int(__n) => __n,
                    ::kassa::Code::Str(__s) => __s.trim().parse::<i64>().ok()?,
                };
                ::core::option::Option::Some(match __n { #(#pats => Self::#names,)* #fallback })
            }
        }
        (_, o) => {
            let fallback = match o {
                Some(o) => quote!(_ => Self::#o(__s)),
                None => quote!(_ => return ::core::option::Option::None),
            };
            quote! {
                let __s: ::std::string::String = match __code {
                    ::kassa::Code::Int(__n) => ::std::string::ToString::to_string(&__n),
                    ::kassa::Code::Str(__s) => ::std::borrow::Cow::into_owned(__s),
                };
                ::core::option::Option::Some(match __s.as_str() { #(#pats => Self::#names,)* #fallback })
            }
        }
    };
    let other_display = other.map(|o| quote!(Self::#o(_) => ::core::write!(__f, "unknown code {}", ::kassa::VendorEnum::code(self)),));

    // Deserialize: integers and numeric strings for int codes; strings (and integers, as text) for string codes.
    let expecting = match repr {
        Repr::Int => format!("an integer {name} code"),
        _ => format!("a {name} code (a string)"),
    };
    let visit = match repr {
        Repr::Int => quote! {
            fn visit_i64<E: #serde::de::Error>(self, v: i64) -> ::core::result::Result<#ident, E> {
                __decode(::kassa::Code::Int(v))
            }
            fn visit_u64<E: #serde::de::Error>(self, v: u64) -> ::core::result::Result<#ident, E> {
                match i64::try_from(v) {
                    ::core::result::Result::Ok(v) => __decode(::kassa::Code::Int(v)),
                    ::core::result::Result::Err(_) => ::core::result::Result::Err(E::custom(::core::format_args!("{} code {} is out of range", #name, v))),
                }
            }
            fn visit_str<E: #serde::de::Error>(self, v: &str) -> ::core::result::Result<#ident, E> {
                match v.trim().parse::<i64>() {
                    ::core::result::Result::Ok(n) => __decode(::kassa::Code::Int(n)),
                    ::core::result::Result::Err(_) => ::core::result::Result::Err(E::custom(::core::format_args!("invalid {} code {:?}, expected an integer", #name, v))),
                }
            }
        },
        _ => quote! {
            fn visit_str<E: #serde::de::Error>(self, v: &str) -> ::core::result::Result<#ident, E> {
                __decode(::kassa::Code::from(::std::borrow::ToOwned::to_owned(v)))
            }
            fn visit_i64<E: #serde::de::Error>(self, v: i64) -> ::core::result::Result<#ident, E> {
                __decode(::kassa::Code::from(::std::string::ToString::to_string(&v)))
            }
            fn visit_u64<E: #serde::de::Error>(self, v: u64) -> ::core::result::Result<#ident, E> {
                __decode(::kassa::Code::from(::std::string::ToString::to_string(&v)))
            }
        },
    };
    let parse_code = match repr {
        Repr::Int => quote! {
            let __code = match __text.trim().parse::<i64>() {
                ::core::result::Result::Ok(n) => ::kassa::Code::Int(n),
                ::core::result::Result::Err(_) => return ::core::result::Result::Err(::std::format!(
                    "unknown {} `{}`, expected a variant name or an integer code", #name, __text)),
            };
        },
        _ => quote!(let __code = ::kassa::Code::from(::std::borrow::ToOwned::to_owned(__text));),
    };

    // JSON Schema: the documented codes, plus "any integer/string" for open enums.
    let json_codes: Vec<TokenStream> = known.iter().map(|k| k.code.json()).collect();
    let value_list = known
        .iter()
        .map(|k| format!("{} {}", k.code.pattern_text(), k.ident))
        .collect::<Vec<_>>()
        .join("; ");
    let any = if repr == Repr::Int {
        "integer"
    } else {
        "string"
    };
    let description = (!enum_doc.is_empty()).then(|| quote!("description": #enum_doc,));
    let schema = if open {
        quote!(#schemars::json_schema!({
            #description
            "anyOf": [ { "enum": [#(#json_codes),*], "description": #value_list }, { "type": #any } ]
        }))
    } else {
        quote!(#schemars::json_schema!({ #description "enum": [#(#json_codes),*] }))
    };

    let schema_impl = util::json_schema_impl(ident, schema);
    quote! {
        #[automatically_derived]
        impl ::kassa::VendorEnum for #ident {
            const NAME: &'static str = #name;
            const VALUES: &'static [::kassa::KnownValue] = &[
                #(::kassa::KnownValue { code: #codes, name: #name_strs, doc: #docs },)*
            ];
            const OPEN: bool = #open;

            fn code(&self) -> ::kassa::Code {
                match self {
                    #(Self::#names => #codes,)*
                    #other_code
                }
            }

            fn from_code(__code: ::kassa::Code) -> ::core::option::Option<Self> {
                #from_code
            }
        }

        #[automatically_derived]
        impl #serde::Serialize for #ident {
            fn serialize<S: #serde::Serializer>(&self, __serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #ser_known
                    #other_ser
                }
            }
        }

        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<D: #serde::Deserializer<'de>>(__deserializer: D) -> ::core::result::Result<Self, D::Error> {
                fn __decode<E: #serde::de::Error>(code: ::kassa::Code) -> ::core::result::Result<#ident, E> {
                    match <#ident as ::kassa::VendorEnum>::from_code(::core::clone::Clone::clone(&code)) {
                        ::core::option::Option::Some(v) => ::core::result::Result::Ok(v),
                        ::core::option::Option::None => ::core::result::Result::Err(E::custom(::core::format_args!(
                            "unknown {} code {}, expected one of {}", #name, code, #expected))),
                    }
                }
                struct __Visitor;
                impl<'de> #serde::de::Visitor<'de> for __Visitor {
                    type Value = #ident;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    #visit
                }
                __deserializer.deserialize_any(__Visitor)
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #(Self::#names => __f.write_str(#name_strs),)*
                    #other_display
                }
            }
        }

        #[automatically_derived]
        impl ::core::str::FromStr for #ident {
            type Err = ::std::string::String;
            fn from_str(__text: &str) -> ::core::result::Result<Self, Self::Err> {
                match __text {
                    #(#name_strs => return ::core::result::Result::Ok(Self::#names),)*
                    _ => {}
                }
                #parse_code
                match <Self as ::kassa::VendorEnum>::from_code(::core::clone::Clone::clone(&__code)) {
                    ::core::option::Option::Some(v) => ::core::result::Result::Ok(v),
                    ::core::option::Option::None => ::core::result::Result::Err(::std::format!(
                        "unknown {} code {}, expected one of {}", #name, __code, #expected)),
                }
            }
        }

        #schema_impl
    }
}
