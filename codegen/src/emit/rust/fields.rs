//! Fields: the Rust type of a spec type, and the attributes that carry a
//! field's wire name, optionality, constraints and placement.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::Doc;
use super::names::Names;
use crate::ir::{Dedup, Field, Idempotency, Mint, Placement, Ty};
use crate::read::model::field::Unit;
use crate::types::Scalar;

/// A Rust identifier from a name the spec already made valid (`r#type` included).
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// The Rust type of `ty`; the field's unit, scale and format apply to the
/// scalar inside arrays and maps too.
pub fn rust_type(ty: &Ty, field: Option<&Field>, names: &Names) -> TokenStream {
    match ty {
        Ty::Scalar(s) => scalar(*s, field, names),
        Ty::Type(name) | Ty::Enum(name) => {
            let id = ident(name);
            quote!(#id)
        }
        Ty::Array(inner) => {
            let inner = rust_type(inner, field, names);
            quote!(::std::vec::Vec<#inner>)
        }
        Ty::Map(key, value) => {
            let key = rust_type(key, None, names);
            let value = rust_type(value, field, names);
            quote!(::std::collections::BTreeMap<#key, #value>)
        }
        Ty::OneOrMany(inner) => {
            let inner = rust_type(inner, field, names);
            quote!(::kassa::OneOrMany<#inner>)
        }
    }
}

fn scalar(s: Scalar, field: Option<&Field>, names: &Names) -> TokenStream {
    let unit = field.and_then(|f| f.unit);
    let format = field
        .and_then(|f| f.format.as_ref())
        .and_then(|p| names.format.get(p))
        .map(|n| ident(n));
    match s {
        Scalar::Bool => quote!(bool),
        Scalar::Bool01 => quote!(::kassa::Bool01),
        Scalar::I8
        | Scalar::I16
        | Scalar::I32
        | Scalar::I64
        | Scalar::U8
        | Scalar::U16
        | Scalar::U32
        | Scalar::U64 => match unit {
            Some(Unit::MinorUnits) => quote!(::kassa::MinorUnits),
            Some(Unit::Milli) => quote!(::kassa::Milli),
            Some(Unit::BasisPoints) => quote!(::kassa::BasisPoints),
            _ => {
                let id = format_ident!("{}", s.name());
                quote!(#id)
            }
        },
        Scalar::F64 => quote!(f64),
        Scalar::Decimal => quote!(::kassa::Number),
        Scalar::DecimalString => match field.and_then(|f| f.scale) {
            Some(scale) => {
                let scale = proc_macro2::Literal::u32_unsuffixed(scale);
                quote!(::kassa::DecimalString<#scale>)
            }
            None => quote!(::kassa::DecimalText),
        },
        Scalar::String | Scalar::Uuid => {
            if field.is_some_and(|f| f.secret) {
                quote!(::kassa::Secret)
            } else {
                quote!(::std::string::String)
            }
        }
        Scalar::Base64 => quote!(::kassa::Base64),
        Scalar::UnixSeconds => quote!(::kassa::UnixSeconds),
        Scalar::UnixMillis => quote!(::kassa::UnixMillis),
        Scalar::DateTime => match format {
            Some(f) => quote!(::kassa::LocalDateTime<#f>),
            None => quote!(::kassa::Rfc3339),
        },
        Scalar::Date => match format {
            Some(f) => quote!(::kassa::LocalDate<#f>),
            None => quote!(::kassa::LocalDate<::kassa::IsoDate>),
        },
        Scalar::Time => match format {
            Some(f) => quote!(::kassa::LocalTime<#f>),
            None => quote!(::kassa::LocalTime<::kassa::IsoTime>),
        },
        Scalar::Json => quote!(::kassa::Json),
    }
}

fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One struct field with its attributes and doc comment.
pub fn field(f: &Field, names: &Names, idempotency: Option<&Idempotency>) -> TokenStream {
    let name = ident(&f.rust);
    let mut ty = rust_type(&f.ty, Some(f), names);
    if f.boxed {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    let mut serde_attrs = Vec::new();
    let mut schema_attr = None;
    if f.rust.trim_start_matches("r#") != f.wire {
        let wire = &f.wire;
        serde_attrs.push(quote!(rename = #wire));
    }
    for alias in &f.aliases {
        serde_attrs.push(quote!(alias = #alias));
    }
    if let Some(max) = f.max_bytes {
        // Refused while decoding, before the bytes are kept.
        let path = format!("::kassa::base64_at_most::<{max}, _, _>");
        serde_attrs.push(quote!(deserialize_with = #path));
    }
    ty = match (f.optional, f.nullable) {
        (true, true) => {
            serde_attrs.push(quote!(
                default,
                skip_serializing_if = "::std::option::Option::is_none",
                with = "::kassa::double_option"
            ));
            let schema = quote!(::std::option::Option<#ty>)
                .to_string()
                .replace(' ', "");
            schema_attr = Some(quote!(#[schemars(with = #schema)]));
            quote!(::std::option::Option<::std::option::Option<#ty>>)
        }
        (true, false) => {
            serde_attrs.push(quote!(
                default,
                skip_serializing_if = "::std::option::Option::is_none"
            ));
            quote!(::std::option::Option<#ty>)
        }
        (false, true) => quote!(::std::option::Option<#ty>),
        (false, false) => ty,
    };
    let serde = (!serde_attrs.is_empty()).then(|| quote!(#[serde(#(#serde_attrs),*)]));
    let kassa_attrs = constraint_attrs(f);
    let kassa = (!kassa_attrs.is_empty()).then(|| quote!(#[kassa(#(#kassa_attrs),*)]));
    let doc = field_doc(f, idempotency).tokens();
    quote! {
        #doc
        #serde
        #schema_attr
        #kassa
        pub #name: #ty,
    }
}

fn constraint_attrs(f: &Field) -> Vec<TokenStream> {
    let mut attrs = Vec::new();
    if let Some(min) = &f.min {
        let min = json_text(min);
        attrs.push(quote!(min = #min));
    }
    if let Some(max) = &f.max {
        let max = json_text(max);
        attrs.push(quote!(max = #max));
    }
    let numeric = matches!(
        f.ty,
        Ty::Scalar(Scalar::Decimal | Scalar::DecimalString | Scalar::F64)
    );
    if let (Some(scale), true) = (f.scale, numeric) {
        attrs.push(quote!(scale = #scale));
    }
    if let (Some(precision), true) = (f.precision, numeric) {
        attrs.push(quote!(precision = #precision));
    }
    for (key, value) in [
        ("min_length", f.min_length),
        ("max_length", f.max_length),
        ("min_items", f.min_items),
        ("max_items", f.max_items),
        ("max_bytes", f.max_bytes),
    ] {
        if let Some(v) = value {
            let key = format_ident!("{}", key);
            let v = proc_macro2::Literal::u64_unsuffixed(v);
            attrs.push(quote!(#key = #v));
        }
    }
    if let Some(p) = &f.pattern {
        attrs.push(quote!(pattern = #p));
    }
    if let Some(each) = &f.each {
        for (key, value) in [("each_min", &each.min), ("each_max", &each.max)] {
            if let Some(v) = value {
                let key = format_ident!("{}", key);
                let v = json_text(v);
                attrs.push(quote!(#key = #v));
            }
        }
        for (key, value) in [
            ("each_min_length", each.min_length),
            ("each_max_length", each.max_length),
        ] {
            if let Some(v) = value {
                let key = format_ident!("{}", key);
                let v = proc_macro2::Literal::u64_unsuffixed(v);
                attrs.push(quote!(#key = #v));
            }
        }
        if let Some(p) = &each.pattern {
            attrs.push(quote!(each_pattern = #p));
        }
    }
    let placement = match f.placement {
        Placement::Params => None,
        Placement::Envelope => Some("envelope"),
        Placement::Path => Some("path"),
        Placement::Query => Some("query"),
        Placement::Header => Some("header"),
    };
    if let Some(p) = placement {
        attrs.push(quote!(placement = #p));
    }
    if let Some(style) = f.style {
        let style = style.as_str();
        attrs.push(quote!(style = #style));
    }
    if let Some(since) = &f.since {
        attrs.push(quote!(since = #since));
    }
    if let Some(until) = &f.until {
        attrs.push(quote!(until = #until));
    }
    attrs
}

fn field_doc(f: &Field, idempotency: Option<&Idempotency>) -> Doc {
    let mut doc = Doc::new(f.doc.as_deref(), &format!("`{}`.", f.wire));
    doc.original(f.doc_original.as_deref(), f.doc.as_deref());
    let mut facts = Vec::new();
    if let Some(unit) = f.unit {
        facts.push(format!("Unit: {}", unit.words()));
    }
    match (f.precision, f.scale) {
        (Some(p), Some(s)) => facts.push(format!("decimal({p},{s})")),
        (None, Some(s)) => facts.push(format!("{s} decimal places")),
        _ => {}
    }
    if let Some(format) = &f.format {
        facts.push(format!("format `{format}`"));
    }
    match (&f.min, &f.max) {
        (Some(a), Some(b)) => facts.push(format!("from {} to {}", json_text(a), json_text(b))),
        (Some(a), None) => facts.push(format!("at least {}", json_text(a))),
        (None, Some(b)) => facts.push(format!("at most {}", json_text(b))),
        (None, None) => {}
    }
    if let Some(n) = f.max_length {
        facts.push(format!("at most {n} characters"));
    }
    if let Some(n) = f.max_items {
        facts.push(format!("at most {n} items"));
    }
    if let Some(p) = &f.pattern {
        facts.push(format!("matches `{}`", p.replace('`', "'")));
    }
    if let Some(d) = &f.default {
        facts.push(format!("the vendor assumes `{}` when absent", json_text(d)));
    }
    if !f.aliases.is_empty() {
        let list: Vec<String> = f.aliases.iter().map(|a| format!("`{a}`")).collect();
        facts.push(format!("also read as {}", list.join(", ")));
    }
    match f.also_in {
        Some(Placement::Envelope) => {
            facts.push("also read beside the payload, in the envelope".into())
        }
        Some(Placement::Params) => facts.push("also read inside the parameters".into()),
        _ => {}
    }
    if let Some(since) = &f.since {
        facts.push(format!("since revision {since}"));
    }
    doc.facts(&facts);
    doc.retired_field(f.until.as_deref(), f.deprecated.as_ref());
    for e in &f.errata {
        doc.raw(&format!(
            "Erratum ({}): {}",
            super::docs::escape(&e.section),
            super::docs::escape(&e.doc)
        ));
    }
    if let Some(idem) = idempotency
        && idem.field == f.wire
    {
        doc.raw(match idem.mint {
            Mint::UuidV4 if f.optional => {
                "Idempotency key: leave it `None` and the client mints a UUID v4."
            }
            Mint::UuidV4 => "Idempotency key: leave it empty and the client mints a UUID v4.",
            Mint::Caller => "Idempotency key: unique per document, chosen by the caller.",
        });
        doc.raw(match idem.dedup {
            Dedup::Replay | Dedup::Reject => "The vendor deduplicates by it: the client resends a request whose outcome \
                is unknown under the same key, and so may the caller (`Error::idempotency_key`); never under a new one.",
            Dedup::None => "The vendor does not deduplicate by it, so it does not make a resend safe.",
        });
    }
    doc
}

/// `kassa::codec::Beside` for a payload struct named `name` whose fields
/// the server may also send beside it (`also_in: envelope`); nothing where
/// it has none. An optional field is set where the payload lacks it; a
/// required one the payload always has (it did not decode otherwise); a
/// nullable or size-capped one is left to the slower path, which reads it
/// with its own rules.
pub fn beside_impl(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let beside: Vec<&Field> = fields
        .iter()
        .filter(|f| f.also_in == Some(Placement::Envelope))
        .collect();
    if beside.is_empty() {
        return quote!();
    }
    let arms = beside.iter().map(|f| {
        let wire = &f.wire;
        let rust = ident(&f.rust);
        let set = if !f.optional {
            quote!(true)
        } else if f.nullable || f.max_bytes.is_some() || f.boxed {
            quote!(false)
        } else {
            quote!(::kassa::codec::set_absent(&mut self.#rust, __value))
        };
        quote!(#wire => #set,)
    });
    quote! {
        impl ::kassa::codec::Beside for #name {
            fn set_beside(&mut self, __wire: &str, __value: ::kassa::Json) -> bool {
                match __wire {
                    #(#arms)*
                    _ => true,
                }
            }
        }
    }
}
