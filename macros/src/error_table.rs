//! `#[derive(ErrorTable)]`: a vendor's error codes (or messages) as an enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident};

use crate::attr::{Attrs, Errors};
use crate::util::{self, CodeLit, Repr};

const CATEGORIES: &[&str] = &[
    "success",
    "not_modified",
    "auth",
    "permission",
    "invalid_request",
    "not_found",
    "conflict",
    "state",
    "rate_limit",
    "device",
    "server",
    "other",
];

const VARIANT_KEYS: &[&str] = &[
    "code",
    "matches",
    "message",
    "remedy",
    "category",
    "retryable",
    "retry",
    "doc",
    "other",
];

struct Entry {
    ident: Ident,
    code: Option<CodeLit>,
    matches: Option<String>,
    message: Option<String>,
    remedy: Option<String>,
    category: Ident,
    retry: Ident,
}

pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let data = util::expect_enum(input, "ErrorTable")?;
    let mut errors = Errors::default();
    util::no_generics(input, "ErrorTable", &mut errors);
    let ident = &input.ident;
    let attrs = Attrs::parse(&input.attrs, &mut errors);
    let mut sound = attrs.check_keys(&["repr", "details", "details_field"], &[], &mut errors);
    let repr = util::repr(&attrs, &["int", "string", "message"], ident, &mut errors);
    let details = attrs.ty("details", &mut errors);
    let details_field = attrs.string("details_field", &mut errors);
    if details.is_some() != details_field.is_some() {
        errors.help(
            ident.span(),
            "`details` and `details_field` go together",
            "name the type of the failure's details and the body member that holds them: \
             #[kassa(details = FieldErrors, details_field = \"detail\")]",
        );
    }
    let details_ty = match &details {
        Some(ty) => quote!(#ty),
        None => quote!(::kassa::Empty),
    };
    let details_field = match &details_field {
        Some(lit) => quote!(::core::option::Option::Some(#lit)),
        None => quote!(::core::option::Option::None),
    };

    let mut entries: Vec<Entry> = Vec::new();
    let mut other: Option<Ident> = None;
    for variant in &data.variants {
        let v = &variant.ident;
        let va = Attrs::parse(&variant.attrs, &mut errors);
        // `match` is a keyword; `r#match` and `match` are read as `matches`.
        let variant_sound = va.check_keys(VARIANT_KEYS, &["match"], &mut errors);
        sound &= variant_sound;
        // Read for its errors only: the trait has no per-entry doc.
        let _ = util::doc_or_override(&variant.attrs, &va, &mut errors);
        if !variant.fields.is_empty() {
            errors.help(
                variant.fields.span(),
                format!("error table variant `{v}` has fields"),
                "error table variants are unit variants; the raw code and message live in kassa::VendorError",
            );
        }
        let category = category(&va, &mut errors);
        let retry = retry(&va, &mut errors);
        let message = va.string("message", &mut errors).map(|s| s.value());
        let remedy = va.string("remedy", &mut errors).map(|s| s.value());
        let matches_key = if va.get("matches").is_some() {
            "matches"
        } else {
            "match"
        };
        let matches = va.string(matches_key, &mut errors);

        if let Some(span) = va.flag("other", &mut errors) {
            if let Some(first) = &other {
                errors.help(
                    span,
                    "a second `other` variant",
                    format!("`{first}` is the `other` variant already"),
                );
            }
            for key in ["code", matches_key] {
                if let Some(entry) = va.get(key) {
                    errors.help(
                        entry.span(),
                        format!("the `other` variant has no `{key}`"),
                        "it stands for everything the table does not list",
                    );
                }
            }
            other = Some(v.clone());
            entries.push(Entry {
                ident: v.clone(),
                code: None,
                matches: None,
                message,
                remedy,
                category,
                retry,
            });
            continue;
        }
        let Some(repr) = repr.filter(|_| variant_sound) else {
            continue;
        };
        let mut code = None;
        let mut matched = None;
        if repr == Repr::Message {
            if let Some(entry) = va.get("code") {
                errors.help(
                    entry.span(),
                    "`code` in a table matched by message",
                    "#[kassa(repr = \"message\")] tables match `matches = \"...\"` against the vendor message; use repr = \"int\" or \"string\" for codes",
                );
            }
            match (matches, &message) {
                (Some(m), _) => {
                    if let Some(first) = entries
                        .iter()
                        .find(|e| e.matches.as_deref() == Some(m.value().as_str()))
                    {
                        errors.help(
                            m.span(),
                            format!("duplicate match \"{}\"", m.value()),
                            format!("`{}` matches it already", first.ident),
                        );
                    }
                    matched = Some(m.value());
                }
                (None, Some(message)) => matched = Some(message.clone()),
                (None, None) => errors.help(
                    v.span(),
                    format!("variant `{v}` has nothing to match"),
                    format!(
                        "add #[kassa(matches = \"...\")] to `{v}`: a part of the vendor message"
                    ),
                ),
            }
        } else {
            // In a coded table `matches` refines a code shared by several
            // entries, or stands alone for a failure known only by its text.
            matched = matches.as_ref().map(|m| m.value());
            if va.get("code").is_none() {
                if matched.is_none() {
                    errors.help(
                        v.span(),
                        format!("variant `{v}` has no code"),
                        format!("add #[kassa(code = ...)] (or `matches = \"...\"` for a failure known by its message) to `{v}`"),
                    );
                }
            } else if let Some((c, span)) = util::code(&va, "code", repr, &mut errors) {
                if let Some(first) = entries
                    .iter()
                    .find(|e| e.code.as_ref() == Some(&c) && e.matches == matched)
                {
                    let hint = match &matched {
                        Some(_) => format!(
                            "`{}` has code {} and the same `matches` already",
                            first.ident,
                            c.display()
                        ),
                        None => format!(
                            "`{}` has code {} already; entries sharing a code need different `matches = \"...\"`",
                            first.ident,
                            c.display()
                        ),
                    };
                    errors.help(
                        span,
                        format!("duplicate code {} in `{ident}`", c.display()),
                        hint,
                    );
                }
                code = Some(c);
            }
        }
        entries.push(Entry {
            ident: v.clone(),
            code,
            matches: matched,
            message,
            remedy,
            category,
            retry,
        });
    }
    if sound && other.is_none() {
        errors.help(
            ident.span(),
            format!(
                "error table `{ident}` has no #[kassa(other)] variant for codes it does not list"
            ),
            "add `#[kassa(other)] Unknown`",
        );
    }
    errors.finish()?;
    match (repr, other) {
        (Some(repr), Some(other)) => {
            let details = (details_ty, details_field);
            Ok(generate(ident, repr, &entries, &other, &details))
        }
        _ => Ok(TokenStream::new()),
    }
}

/// `category = "conflict"` → `Conflict`; `Other` when absent.
fn category(attrs: &Attrs, errors: &mut Errors) -> Ident {
    let Some(lit) = attrs.string("category", errors) else {
        return format_ident!("Other");
    };
    let value = lit.value();
    if !CATEGORIES.contains(&value.as_str()) {
        let hint = match util::did_you_mean(&value, CATEGORIES) {
            Some(close) => format!(
                "did you mean \"{close}\"? expected one of: {}",
                CATEGORIES.join(", ")
            ),
            None => format!("expected one of: {}", CATEGORIES.join(", ")),
        };
        errors.help(lit.span(), format!("unknown category \"{value}\""), hint);
        return format_ident!("Other");
    }
    let pascal: String = value
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    format_ident!("{}", pascal, span = lit.span())
}

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn generate(
    ident: &Ident,
    repr: Repr,
    entries: &[Entry],
    other: &Ident,
    (details_ty, details_field): &(TokenStream, TokenStream),
) -> TokenStream {
    let all: Vec<&Ident> = entries.iter().map(|e| &e.ident).collect();
    let names: Vec<String> = all.iter().map(|i| i.to_string()).collect();
    let codes: Vec<TokenStream> = entries
        .iter()
        .map(|e| match &e.code {
            Some(c) => {
                let c = c.to_code();
                quote!(::core::option::Option::Some(#c))
            }
            None => quote!(::core::option::Option::None),
        })
        .collect();
    let messages: Vec<TokenStream> = entries
        .iter()
        .map(|e| opt_str(e.message.as_deref().or(e.matches.as_deref())))
        .collect();
    let remedies: Vec<TokenStream> = entries
        .iter()
        .map(|e| opt_str(e.remedy.as_deref()))
        .collect();
    let categories: Vec<&Ident> = entries.iter().map(|e| &e.category).collect();
    let retries: Vec<&Ident> = entries.iter().map(|e| &e.retry).collect();
    let displays: Vec<TokenStream> = entries
        .iter()
        .map(|e| match &e.code {
            Some(c) => {
                let text = format!("{} (code {})", e.ident, c.display());
                quote!(__f.write_str(#text))
            }
            None => {
                let text = e.ident.to_string();
                quote!(__f.write_str(#text))
            }
        })
        .collect();

    let refined: Vec<(&Ident, TokenStream, &String)> = entries
        .iter()
        .filter_map(|e| match (&e.code, &e.matches) {
            (Some(c), Some(m)) => Some((&e.ident, c.pattern(), m)),
            _ => None,
        })
        .collect();
    let coded: Vec<(&Ident, TokenStream)> = entries
        .iter()
        .filter(|e| e.matches.is_none())
        .filter_map(|e| e.code.as_ref().map(|c| (&e.ident, c.pattern())))
        .collect();
    let by_text: Vec<(&Ident, &String)> = entries
        .iter()
        .filter(|e| e.code.is_none() && !e.ident.eq(other))
        .filter_map(|e| e.matches.as_ref().map(|m| (&e.ident, m)))
        .collect();
    let refined_idents = refined.iter().map(|(i, _, _)| i);
    let refined_pats = refined.iter().map(|(_, p, _)| p);
    let refined_texts = refined.iter().map(|(_, _, t)| t);
    let coded_idents = coded.iter().map(|(i, _)| i);
    let coded_pats = coded.iter().map(|(_, p)| p);
    let text_idents = by_text.iter().map(|(i, _)| i);
    let text_texts = by_text.iter().map(|(_, t)| t);
    // Most specific first: code and text, then code, then text alone.
    let lookup = |key: TokenStream| {
        quote! {
            #(if ::core::matches!(#key, ::core::option::Option::Some(#refined_pats))
                && __message.is_some_and(|__m| __m.contains(#refined_texts)) {
                return Self::#refined_idents;
            })*
            match #key {
                #(::core::option::Option::Some(#coded_pats) => return Self::#coded_idents,)*
                _ => {}
            }
            if let ::core::option::Option::Some(__m) = __message {
                #(if __m.contains(#text_texts) { return Self::#text_idents; })*
                let _ = __m;
            }
            Self::#other
        }
    };
    let from_wire = match repr {
        Repr::Int => {
            let body = lookup(quote!(__n));
            quote! {
                let __n: ::core::option::Option<i64> = match __code {
                    ::core::option::Option::Some(::kassa::Code::Int(n)) => ::core::option::Option::Some(*n),
                    ::core::option::Option::Some(::kassa::Code::Str(s)) => s.trim().parse::<i64>().ok(),
                    ::core::option::Option::None => ::core::option::Option::None,
                };
                #body
            }
        }
        Repr::Str => {
            let body = lookup(quote!(__s.as_deref()));
            quote! {
                let __s: ::core::option::Option<::std::borrow::Cow<'_, str>> = match __code {
                    ::core::option::Option::Some(::kassa::Code::Str(s)) => ::core::option::Option::Some(::std::borrow::Cow::Borrowed(s.as_ref())),
                    ::core::option::Option::Some(::kassa::Code::Int(n)) => ::core::option::Option::Some(::std::borrow::Cow::Owned(::std::string::ToString::to_string(n))),
                    ::core::option::Option::None => ::core::option::Option::None,
                };
                #body
            }
        }
        Repr::Message => {
            let matched: Vec<(&Ident, &String)> = entries
                .iter()
                .filter_map(|e| e.matches.as_ref().map(|m| (&e.ident, m)))
                .collect();
            let idents = matched.iter().map(|(i, _)| i);
            let texts = matched.iter().map(|(_, t)| t);
            quote! {
                let _ = __code;
                if let ::core::option::Option::Some(__m) = __message {
                    #(if __m.contains(#texts) { return Self::#idents; })*
                }
                Self::#other
            }
        }
    };

    let by_message = repr == Repr::Message;
    quote! {
        #[automatically_derived]
        impl ::kassa::ErrorTable for #ident {
            const BY_MESSAGE: bool = #by_message;
            type Details = #details_ty;
            const DETAILS_FIELD: ::core::option::Option<&'static str> = #details_field;

            fn from_wire(__code: ::core::option::Option<&::kassa::Code>, __message: ::core::option::Option<&str>) -> Self {
                #from_wire
            }
            fn code(&self) -> ::core::option::Option<::kassa::Code> {
                match self { #(Self::#all => #codes,)* }
            }
            fn name(&self) -> &'static str {
                match self { #(Self::#all => #names,)* }
            }
            fn message(&self) -> ::core::option::Option<&'static str> {
                match self { #(Self::#all => #messages,)* }
            }
            fn remedy(&self) -> ::core::option::Option<&'static str> {
                match self { #(Self::#all => #remedies,)* }
            }
            fn category(&self) -> ::kassa::Category {
                match self { #(Self::#all => ::kassa::Category::#categories,)* }
            }
            fn retry(&self) -> ::kassa::Retry {
                match self { #(Self::#all => ::kassa::Retry::#retries,)* }
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self { #(Self::#all => #displays,)* }
            }
        }

        #[automatically_derived]
        impl ::std::error::Error for #ident {}
    }
}

const RETRIES: &[(&str, &str)] = &[
    ("never", "Never"),
    ("same_request", "SameRequest"),
    ("after_login", "AfterLogin"),
    ("document_exists", "DocumentExists"),
    ("unknown", "Unknown"),
];

/// `retry = "same_request"`; the older flag `retryable` means the same.
fn retry(va: &Attrs, errors: &mut Errors) -> Ident {
    let mut variant = "Never";
    if let Some(span) = va.flag("retryable", errors) {
        if va.get("retry").is_some() {
            errors.help(
                span,
                "both `retryable` and `retry`",
                "keep `retry = \"...\"`; `retryable` is its older spelling of `retry = \"same_request\"`",
            );
        }
        variant = "SameRequest";
    }
    if let Some(lit) = va.string("retry", errors) {
        match RETRIES.iter().find(|(name, _)| *name == lit.value()) {
            Some((_, v)) => variant = v,
            None => {
                let names: Vec<&str> = RETRIES.iter().map(|(n, _)| *n).collect();
                errors.help(
                    lit.span(),
                    format!("unknown retry class \"{}\"", lit.value()),
                    format!("expected one of: {}", names.join(", ")),
                );
            }
        }
    }
    Ident::new(variant, proc_macro2::Span::call_site())
}
