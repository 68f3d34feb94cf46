//! Enums, error tables, types and date formats of one vendor.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::docs::{Doc, escape};
use super::fields::{beside_impl, field, ident, rust_type};
use super::names::{Names, fallback};
use crate::ir::{Enum, ErrorCategory, ErrorTable, FormKind, Repr, RetryClass, TypeDef, TypeKind};

/// How a generated struct holds its data.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Named fields: read with `kassa::Deserialize`, which writes a
    /// fraction of the code serde's derive does.
    Named,
    /// A unit or newtype struct: serde's derive.
    Other,
}

/// The derives every generated struct carries.
pub fn struct_derives(operation: bool, shape: Shape) -> TokenStream {
    let operation = operation.then(|| quote!(, kassa::Operation));
    let deserialize = match shape {
        Shape::Named => quote!(kassa::Deserialize),
        Shape::Other => quote!(Deserialize),
    };
    quote! {
        #[derive(Clone, Debug, Default, PartialEq, Serialize, #deserialize, JsonSchema, kassa::Validate #operation)]
        #[serde(crate = "::kassa::__private::serde")]
        #[schemars(crate = "::kassa::__private::schemars")]
    }
}

/// `exactly_one_of = [...]` and `at_least_one_of = [...]` entries of a
/// `#[kassa(...)]` attribute, one per group; `None` without groups.
pub fn group_attrs(groups: &crate::ir::Groups) -> Option<Vec<TokenStream>> {
    if groups.is_empty() {
        return None;
    }
    let exactly = groups
        .exactly_one_of
        .iter()
        .map(|g| quote!(exactly_one_of = [#(#g),*]));
    let at_least = groups
        .at_least_one_of
        .iter()
        .map(|g| quote!(at_least_one_of = [#(#g),*]));
    Some(exactly.chain(at_least).collect())
}

pub fn code_literal(code: &Value) -> TokenStream {
    match code {
        Value::Number(n) => match n.as_i64() {
            Some(i) => {
                let lit = Literal::i64_unsuffixed(i);
                quote!(#lit)
            }
            None => {
                let text = n.to_string();
                quote!(#text)
            }
        },
        Value::String(s) => quote!(#s),
        other => {
            let text = other.to_string();
            quote!(#text)
        }
    }
}

fn repr(r: Repr) -> &'static str {
    match r {
        Repr::Int => "int",
        Repr::String => "string",
    }
}

pub fn vendor_enum(e: &Enum) -> TokenStream {
    let mut doc = Doc::new(e.doc.as_deref(), &format!("`{}` codes.", e.name));
    doc.original(e.doc_original.as_deref(), e.doc.as_deref());
    if let Some(since) = &e.since {
        doc.raw(&format!("Since revision {since}."));
    }
    doc.retired(e.until.as_deref(), e.deprecated.as_ref());
    for er in &e.errata {
        doc.raw(&format!(
            "Erratum ({}): {}",
            escape(&er.section),
            escape(&er.doc)
        ));
    }
    let doc = doc.tokens();
    let name = ident(&e.name);
    let repr = repr(e.repr);
    let variants = e.values.iter().enumerate().map(|(i, v)| {
        let mut vdoc = Doc::new(v.doc.as_deref(), &format!("Code {}.", v.code));
        vdoc.original(v.doc_original.as_deref(), v.doc.as_deref());
        let mut facts = vec![format!("Code `{}`", v.code)];
        if let Some(c) = &v.constant {
            facts.push(format!("vendor constant `{c}`"));
        }
        if let Some(s) = &v.since {
            facts.push(format!("since revision {s}"));
        }
        vdoc.facts(&facts);
        vdoc.retired(v.until.as_deref(), v.deprecated.as_ref());
        for er in &v.errata {
            vdoc.raw(&format!(
                "Erratum ({}): {}",
                escape(&er.section),
                escape(&er.doc)
            ));
        }
        let vdoc = vdoc.tokens();
        let vname = ident(&v.name);
        let code = code_literal(&v.code);
        let default = (i == 0).then(|| quote!(#[default]));
        quote! {
            #vdoc
            #default
            #[kassa(code = #code)]
            #vname,
        }
    });
    let (closed, other) = if e.open {
        let other = ident(fallback(e.values.iter().map(|v| v.name.as_str())));
        let raw = match e.repr {
            Repr::Int => quote!(i64),
            Repr::String => quote!(::std::string::String),
        };
        (
            None,
            Some(quote! {
                /// A code this client does not know; it is sent back unchanged.
                #[kassa(other)]
                #other(#raw),
            }),
        )
    } else {
        (Some(quote!(, closed)), None)
    };
    quote! {
        #doc
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, kassa::VendorEnum, kassa::Validate)]
        #[kassa(repr = #repr #closed)]
        pub enum #name {
            #(#variants)*
            #other
        }
    }
}

fn category(c: ErrorCategory) -> &'static str {
    match c {
        ErrorCategory::Success => "success",
        ErrorCategory::NotModified => "not_modified",
        ErrorCategory::Auth => "auth",
        ErrorCategory::Permission => "permission",
        ErrorCategory::InvalidRequest => "invalid_request",
        ErrorCategory::NotFound => "not_found",
        ErrorCategory::Conflict => "conflict",
        ErrorCategory::State => "state",
        ErrorCategory::RateLimit => "rate_limit",
        ErrorCategory::Device => "device",
        ErrorCategory::Server => "server",
        ErrorCategory::Other => "other",
    }
}

pub fn error_table(t: &ErrorTable, names: &Names) -> TokenStream {
    let doc = Doc::new(t.doc.as_deref(), &format!("`{}` error codes.", t.name)).tokens();
    let name = ident(&t.name);
    let by_message = t.codes.iter().all(|c| c.code.is_none());
    let repr = if by_message { "message" } else { repr(t.repr) };
    let variants = t.codes.iter().map(|c| {
        let mut cdoc = Doc::new(c.message.as_deref(), &c.name);
        cdoc.original(c.message_original.as_deref(), c.message.as_deref());
        if let Some(r) = &c.remedy {
            cdoc.raw(&format!("Remedy: {}", escape(r)));
        }
        let mut facts = Vec::new();
        if let Some(code) = &c.code {
            facts.push(format!("Code `{code}`"));
        }
        if let Some(m) = &c.matches {
            facts.push(format!("the vendor's message contains “{}”", escape(m)));
        }
        if let Some(k) = &c.constant {
            facts.push(format!("vendor constant `{k}`"));
        }
        if let Some(s) = &c.since {
            facts.push(format!("since revision {s}"));
        }
        cdoc.facts(&facts);
        cdoc.retired(c.until.as_deref(), c.deprecated.as_ref());
        let cdoc = cdoc.tokens();
        let vname = ident(&c.name);
        let mut attrs = Vec::new();
        if let Some(code) = &c.code {
            let code = code_literal(code);
            attrs.push(quote!(code = #code));
        }
        if let Some(m) = &c.matches {
            attrs.push(quote!(matches = #m));
        }
        if let Some(m) = c.message_original.as_ref().or(c.message.as_ref()) {
            attrs.push(quote!(message = #m));
        }
        if let Some(r) = &c.remedy {
            attrs.push(quote!(remedy = #r));
        }
        let cat = category(c.category);
        attrs.push(quote!(category = #cat));
        if c.retry != RetryClass::Never {
            let retry = c.retry.as_str();
            attrs.push(quote!(retry = #retry));
        }
        quote! {
            #cdoc
            #[kassa(#(#attrs),*)]
            #vname,
        }
    });
    let other = ident(fallback(t.codes.iter().map(|c| c.name.as_str())));
    let details = t.details.as_ref().map(|d| {
        let ty = rust_type(&d.ty, None, names);
        let field = &d.field;
        quote!(#[kassa(details = #ty, details_field = #field)])
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
        #[kassa(repr = #repr)]
        #details
        pub enum #name {
            #(#variants)*
            /// A code or message the documentation does not list.
            #[kassa(other)]
            #other,
        }
    }
}

fn type_doc(t: &TypeDef) -> Doc {
    let mut doc = Doc::new(t.doc.as_deref(), &format!("`{}`.", t.name));
    doc.original(t.doc_original.as_deref(), t.doc.as_deref());
    if let Some(since) = &t.since {
        doc.raw(&format!("Since revision {since}."));
    }
    doc.retired(t.until.as_deref(), t.deprecated.as_ref());
    for e in &t.errata {
        doc.raw(&format!(
            "Erratum ({}): {}",
            escape(&e.section),
            escape(&e.doc)
        ));
    }
    doc
}

pub fn type_def(t: &TypeDef, names: &Names) -> TokenStream {
    let doc = type_doc(t).tokens();
    let name = ident(&t.name);
    match &t.kind {
        TypeKind::Object(fields) => {
            let derives = struct_derives(false, Shape::Named);
            let groups = group_attrs(&t.groups).map(|g| quote!(#[kassa(#(#g),*)]));
            let beside = beside_impl(&name, fields);
            let fields = fields.iter().map(|f| field(f, names, None));
            quote! {
                #doc
                #derives
                #groups
                pub struct #name {
                    #(#fields)*
                }
                #beside
            }
        }
        TypeKind::Alias(ty) => {
            let ty = rust_type(ty, None, names);
            quote! {
                #doc
                pub type #name = #ty;
            }
        }
        TypeKind::OneOf(forms) => {
            let forms = forms.iter().map(|form| {
                let vname = ident(&form.name);
                let fallback = match &form.kind {
                    FormKind::Holds(_) => format!("The `{}` form.", form.name),
                    FormKind::Value(v) => format!("The value `{v}`."),
                };
                let mut fdoc = Doc::new(form.doc.as_deref(), &fallback);
                fdoc.original(form.doc_original.as_deref(), form.doc.as_deref());
                let fdoc = fdoc.tokens();
                match &form.kind {
                    FormKind::Holds(ty) => {
                        let ty = rust_type(ty, None, names);
                        quote!(#fdoc #vname(#ty),)
                    }
                    FormKind::Value(v) => {
                        let value = code_literal(v);
                        quote!(#fdoc #[kassa(value = #value)] #vname,)
                    }
                }
            });
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, kassa::OneOf, kassa::Validate)]
                pub enum #name {
                    #(#forms)*
                }
            }
        }
        TypeKind::Union(u) => {
            let tag = &u.tag;
            let derives = struct_derives(false, Shape::Named);
            let mut structs = Vec::new();
            let mut variants = Vec::new();
            for v in &u.variants {
                let struct_name = ident(&names.variant[&(t.name.clone(), v.name.clone())]);
                let mut vdoc = Doc::new(v.doc.as_deref(), &format!("`{}` record.", v.name));
                vdoc.original(v.doc_original.as_deref(), v.doc.as_deref());
                vdoc.raw(&format!("`{tag}` is `{}`.", v.code));
                let vdoc = vdoc.tokens();
                let fields = v.fields.iter().map(|f| field(f, names, None));
                structs.push(quote! {
                    #vdoc
                    #derives
                    pub struct #struct_name {
                        #(#fields)*
                    }
                });
                let vname = ident(&v.name);
                let code = code_literal(&v.code);
                let variant_doc = format!(" `{tag}` = `{}`.", v.code);
                let ty = match v.boxed {
                    true => quote!(::std::boxed::Box<#struct_name>),
                    false => quote!(#struct_name),
                };
                variants.push(quote! {
                    #[doc = #variant_doc]
                    #[kassa(code = #code)]
                    #vname(#ty),
                });
            }
            let other = ident(fallback(u.variants.iter().map(|v| v.name.as_str())));
            let repr = if u.variants.iter().all(|v| v.code.is_string()) {
                "string"
            } else {
                "int"
            };
            let first = u.variants.first().map(|v| {
                let vname = ident(&v.name);
                quote! {
                    impl ::std::default::Default for #name {
                        fn default() -> Self {
                            Self::#vname(::std::default::Default::default())
                        }
                    }
                }
            });
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, kassa::Tagged, kassa::Validate)]
                #[kassa(tag = #tag, repr = #repr)]
                pub enum #name {
                    #(#variants)*
                    /// A record kind this client does not know; kept whole.
                    #[kassa(other)]
                    #other(::kassa::Json),
                }
                #first
                #(#structs)*
            }
        }
    }
}

pub fn formats(names: &Names) -> TokenStream {
    if names.format.is_empty() {
        return quote!();
    }
    let defs = names.format.iter().map(|(pattern, name)| {
        let id = ident(name);
        let doc = format!(" Date layout `{pattern}`.");
        quote! {
            #[doc = #doc]
            pub #id = #pattern;
        }
    });
    quote! {
        ::kassa::date_format! {
            #(#defs)*
        }
    }
}
