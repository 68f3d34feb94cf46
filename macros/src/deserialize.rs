//! `#[derive(kassa::Deserialize)]`: serde's `Deserialize` for a struct with
//! named fields, in a fraction of the code serde's derive expands to.
//!
//! serde's derive writes, per struct, a field enum with three visitors
//! (string, bytes, index), a sequence visitor and a map visitor: about 250
//! lines for a generated response type, the bulk of what a vendor module
//! expands to. This one writes the map visitor alone, with one `match` on
//! the member name, and leaves the rest to `kassa::__private::de`. It reads
//! the `#[serde(...)]` attributes the generator emits (`rename`, `alias`,
//! `default`, `with`, `deserialize_with`; serialization-only keys are
//! skipped) with serde's meaning, and refuses any other, so a type it cannot
//! read exactly as serde would does not compile. The one difference: serde's
//! derive also reads a struct written as an array of its fields, which no
//! vendor sends; this one reads objects only.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Expr, ExprPath, Fields, Lit, LitStr, Meta, Token};

use crate::attr::Errors;
use crate::util;

/// Keys that concern serialization only.
const SERIALIZE_ONLY: &[&str] = &["skip_serializing_if", "serialize_with"];
/// Container keys: `crate` is ignored (the impl names serde through
/// `::kassa::__private`), `rename_all` is applied.
const CONTAINER: &[&str] = &["crate", "rename_all"];

/// How a field is read.
struct Field {
    ident: syn::Ident,
    ty: syn::Type,
    name: String,
    aliases: Vec<String>,
    default: bool,
    /// A function `fn<'de, D: Deserializer<'de>>(D) -> Result<T, D::Error>`.
    with: Option<ExprPath>,
}

pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let fields = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => &named.named,
            _ => {
                return Err(syn::Error::new(
                    input.ident.span(),
                    "#[derive(kassa::Deserialize)] reads structs with named fields; \
                     derive serde's Deserialize for this one",
                ));
            }
        },
        _ => {
            return Err(syn::Error::new(
                input.ident.span(),
                "#[derive(kassa::Deserialize)] reads structs with named fields; \
                 derive serde's Deserialize for this one",
            ));
        }
    };
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(
            input.generics.span(),
            "#[derive(kassa::Deserialize)] does not take generic parameters; \
             derive serde's Deserialize for this type",
        ));
    }
    for meta in metas(&input.attrs, &mut errors) {
        let key = meta.path().get_ident().map(ToString::to_string);
        if !key.as_deref().is_some_and(|k| CONTAINER.contains(&k)) {
            unsupported(&meta, &mut errors);
        }
    }
    let rename_all = util::serde_rename_all(&input.attrs);
    let fields: Vec<Field> = fields
        .iter()
        .filter_map(|f| field(f, rename_all.as_deref(), &mut errors))
        .collect();
    errors.finish()?;

    let ident = &input.ident;
    let serde = quote!(::kassa::__private::serde);
    let de = quote!(::kassa::__private::de);
    let expecting = format!("struct {ident}");
    let struct_name = ident.to_string();
    // Every name a field is read under, as serde's derive lists them: a
    // deserializer may go by the list (kassa's tagged records replay their
    // tag only to a struct that has it).
    let wire_names: Vec<&str> = fields
        .iter()
        .flat_map(|f| std::iter::once(&f.name).chain(&f.aliases))
        .map(String::as_str)
        .collect();
    let slots = fields.iter().enumerate().map(|(i, f)| {
        let slot = format_ident!("__f{i}");
        let ty = &f.ty;
        quote!(let mut #slot: ::core::option::Option<#ty> = ::core::option::Option::None;)
    });
    let arms = fields.iter().enumerate().map(|(i, f)| {
        let slot = format_ident!("__f{i}");
        let name = &f.name;
        let aliases = &f.aliases;
        let read = match &f.with {
            None => quote!(#de::next(&mut __map, &mut #slot, #name)?),
            Some(path) => {
                let ty = &f.ty;
                quote!({
                    struct __With;
                    impl<'de> #serde::de::DeserializeSeed<'de> for __With {
                        type Value = #ty;
                        fn deserialize<__D: #serde::Deserializer<'de>>(
                            self,
                            __d: __D,
                        ) -> ::core::result::Result<#ty, __D::Error> {
                            #path(__d)
                        }
                    }
                    #de::next_seed(&mut __map, &mut #slot, #name, __With)?
                })
            }
        };
        quote!(#name #(| #aliases)* => #read,)
    });
    let values = fields.iter().enumerate().map(|(i, f)| {
        let slot = format_ident!("__f{i}");
        let field = &f.ident;
        let name = &f.name;
        let value = if f.default {
            quote!(#slot.unwrap_or_default())
        } else if f.with.is_some() {
            quote!(#de::required(#slot, #name)?)
        } else {
            quote!(#de::take(#slot, #name)?)
        };
        quote!(#field: #value,)
    });
    Ok(quote! {
        #[automatically_derived]
        impl<'de> #serde::Deserialize<'de> for #ident {
            fn deserialize<__D: #serde::Deserializer<'de>>(
                __d: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                struct __Visitor;
                impl<'de> #serde::de::Visitor<'de> for __Visitor {
                    type Value = #ident;
                    fn expecting(
                        &self,
                        __f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        __f.write_str(#expecting)
                    }
                    // Compiled where the deserializer is, with a key reading
                    // of its own (`KeyFor<Self>`), so the two are folded
                    // together: see `KeyFor`.
                    #[inline]
                    fn visit_map<__A: #serde::de::MapAccess<'de>>(
                        self,
                        mut __map: __A,
                    ) -> ::core::result::Result<#ident, __A::Error> {
                        #(#slots)*
                        while let ::core::option::Option::Some(__key) =
                            __map.next_key_seed(<#de::KeyFor<Self> as ::core::default::Default>::default())?
                        {
                            match &*__key {
                                #(#arms)*
                                _ => #de::skip(&mut __map)?,
                            }
                        }
                        ::core::result::Result::Ok(#ident { #(#values)* })
                    }
                }
                __d.deserialize_struct(#struct_name, &[#(#wire_names),*], __Visitor)
            }
        }
    })
}

/// The `#[serde(...)]` items of `attrs`.
fn metas(attrs: &[syn::Attribute], errors: &mut Errors) -> Vec<Meta> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        match attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) {
            Ok(metas) => out.extend(metas),
            Err(e) => errors.push(e),
        }
    }
    out
}

fn unsupported(meta: &Meta, errors: &mut Errors) {
    let key = meta
        .path()
        .get_ident()
        .map_or_else(|| "?".to_owned(), ToString::to_string);
    errors.help(
        meta.span(),
        format!("#[derive(kassa::Deserialize)] does not read `#[serde({key})]`"),
        "derive serde's Deserialize for this type",
    );
}

fn string(meta: &Meta, errors: &mut Errors) -> Option<LitStr> {
    if let Meta::NameValue(nv) = meta
        && let Expr::Lit(lit) = &nv.value
        && let Lit::Str(s) = &lit.lit
    {
        return Some(s.clone());
    }
    errors.help(
        meta.span(),
        "expected a string",
        format!(
            "write `{} = \"...\"`",
            meta.path()
                .get_ident()
                .map_or_else(String::new, ToString::to_string)
        ),
    );
    None
}

fn path(meta: &Meta, errors: &mut Errors) -> Option<ExprPath> {
    let text = string(meta, errors)?;
    match text.parse::<ExprPath>() {
        Ok(path) => Some(path),
        Err(e) => {
            errors.push(syn::Error::new(text.span(), format!("not a path: {e}")));
            None
        }
    }
}

fn field(f: &syn::Field, rename_all: Option<&str>, errors: &mut Errors) -> Option<Field> {
    let ident = f.ident.clone()?;
    let mut field = Field {
        ident,
        ty: f.ty.clone(),
        name: util::wire_name(f, rename_all),
        aliases: Vec::new(),
        default: false,
        with: None,
    };
    for meta in metas(&f.attrs, errors) {
        let key = meta
            .path()
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match key.as_str() {
            // Read by `util::wire_name`; only the plain form is serde's
            // single name for both directions.
            "rename" => {
                string(&meta, errors);
            }
            "alias" => {
                if let Some(alias) = string(&meta, errors) {
                    field.aliases.push(alias.value());
                }
            }
            "default" if matches!(meta, Meta::Path(_)) => field.default = true,
            "with" => {
                field.with = path(&meta, errors).map(|mut p| {
                    p.path.segments.push(syn::PathSegment::from(syn::Ident::new(
                        "deserialize",
                        Span::call_site(),
                    )));
                    p
                });
            }
            "deserialize_with" => field.with = path(&meta, errors),
            k if SERIALIZE_ONLY.contains(&k) => {}
            _ => unsupported(&meta, errors),
        }
    }
    Some(field)
}
