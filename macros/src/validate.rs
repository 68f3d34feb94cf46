//! `#[derive(Validate)]`: documented constraints checked before a request is sent.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Field, Fields};

use crate::attr::{self, Attrs, Errors, Value};
use crate::util;

const KEYS: &[&str] = &[
    "min",
    "max",
    "scale",
    "precision",
    "min_length",
    "max_length",
    "min_items",
    "max_items",
    "max_bytes",
    "pattern",
    "each_min",
    "each_max",
    "each_min_length",
    "each_max_length",
    "each_pattern",
];
/// Field keys of other derives, accepted and ignored here.
const OTHER_KEYS: &[&str] = &["placement", "style", "since", "until"];

pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    let rename_all = util::serde_rename_all(&input.attrs);
    let rename_all = rename_all.as_deref();
    let body = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => {
                let checks: Vec<TokenStream> = named
                    .named
                    .iter()
                    .map(|f| {
                        let ident = f.ident.as_ref().map(|i| quote!(#i)).unwrap_or_default();
                        let wire = util::wire_name(f, rename_all);
                        let inline = util::serde_flatten(&f.attrs);
                        field_checks(f, quote!(&self.#ident), &wire, inline, &mut errors)
                    })
                    .collect();
                let groups = groups(input, named, rename_all, &mut errors);
                quote!(#(#checks)* #groups)
            }
            Fields::Unnamed(unnamed) if unnamed.unnamed.len() == 1 => {
                field_checks(&unnamed.unnamed[0], quote!(&self.0), "", true, &mut errors)
            }
            Fields::Unnamed(unnamed) => {
                errors.help(
                    unnamed.span(),
                    format!(
                        "#[derive(Validate)] on a tuple struct with {} fields",
                        unnamed.unnamed.len()
                    ),
                    "use named fields, or a newtype with one field",
                );
                quote!()
            }
            Fields::Unit => quote!(),
        },
        Data::Enum(data) => {
            let arms = data.variants.iter().map(|v| {
                let ident = &v.ident;
                match &v.fields {
                    Fields::Unit => quote!(Self::#ident => {}),
                    Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                        let binding = format_ident!("__inner");
                        let checks =
                            field_checks(&f.unnamed[0], quote!(#binding), "", true, &mut errors);
                        quote!(Self::#ident(#binding) => { #checks })
                    }
                    fields => {
                        errors.help(
                            fields.span(),
                            format!(
                                "#[derive(Validate)] on enum variant `{ident}` with these fields"
                            ),
                            "variants must be units or newtypes such as `Sale(SaleRecord)`",
                        );
                        quote!()
                    }
                }
            });
            let arms: Vec<TokenStream> = arms.collect();
            if data.variants.is_empty() {
                quote!()
            } else {
                quote!(match self { #(#arms)* })
            }
        }
        Data::Union(u) => {
            errors.help(
                u.union_token.span,
                "#[derive(Validate)] does not support unions",
                "use a struct or an enum",
            );
            quote!()
        }
    };
    errors.finish()?;

    let ident = &input.ident;
    let mut generics = input.generics.clone();
    let params: Vec<syn::Ident> = generics.type_params().map(|p| p.ident.clone()).collect();
    if !params.is_empty() {
        let where_clause = generics.make_where_clause();
        for p in params {
            where_clause
                .predicates
                .push(syn::parse_quote!(#p: ::kassa::Validate));
        }
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics ::kassa::Validate for #ident #ty_generics #where_clause {
            fn validate(&self) -> ::core::result::Result<(), ::kassa::InvalidRequest> {
                #body
                ::core::result::Result::Ok(())
            }
        }
    })
}

/// `exactly_one_of = ["a", "b"]` and `at_least_one_of = [...]` on the
/// struct: how many of the named `Option` fields are given.
fn groups(
    input: &DeriveInput,
    named: &syn::FieldsNamed,
    rename_all: Option<&str>,
    errors: &mut Errors,
) -> TokenStream {
    let attrs = Attrs::parse(&input.attrs, &mut Errors::default());
    let mut out = TokenStream::new();
    for (key, exactly) in [("exactly_one_of", true), ("at_least_one_of", false)] {
        for (names, span) in attrs.string_lists(key, errors) {
            if names.len() < 2 {
                errors.help(
                    span,
                    format!("`{key}` names one field"),
                    "a group has two fields or more",
                );
                continue;
            }
            let mut given = Vec::new();
            let mut listed = Vec::new();
            for name in &names {
                let wire = name.value();
                let field = named
                    .named
                    .iter()
                    .find(|f| util::wire_name(f, rename_all) == wire);
                match field {
                    Some(f) if util::is_option(&f.ty) => {
                        let ident = &f.ident;
                        given.push(quote!(self.#ident.is_some()));
                        listed.push(format!("`{wire}`"));
                    }
                    Some(_) => errors.help(
                        name.span(),
                        format!("`{wire}` in `{key}` is not an `Option`"),
                        "a field of a group may be absent: make it `Option<...>`",
                    ),
                    None => errors.help(
                        name.span(),
                        format!("`{key}` names `{wire}`, which is not a field (by wire name)"),
                        "name the fields by the names they have on the wire",
                    ),
                }
            }
            let listed = listed.join(", ");
            let (test, reason) = if exactly {
                (
                    quote!(__given != 1),
                    format!("exactly one of {listed} must be given"),
                )
            } else {
                (
                    quote!(__given == 0),
                    format!("at least one of {listed} must be given"),
                )
            };
            out.extend(quote! {
                {
                    let __given = [#(#given),*].iter().filter(|g| **g).count();
                    if #test {
                        return ::core::result::Result::Err(::kassa::InvalidRequest::new(
                            "",
                            ::std::format!("{}; {} are", #reason, __given),
                        ));
                    }
                }
            });
        }
    }
    out
}

/// The checks of one field, then the recursion into its value. `inline`
/// fields (newtypes, `#[serde(flatten)]`) add no path segment of their own.
fn field_checks(
    field: &Field,
    access: TokenStream,
    wire: &str,
    inline: bool,
    errors: &mut Errors,
) -> TokenStream {
    let attrs = Attrs::parse(&field.attrs, errors);
    attrs.check_keys(KEYS, OTHER_KEYS, errors);
    let span = field.ty.span();
    let mut out = TokenStream::new();

    let min = bound(&attrs, "min", errors);
    let max = bound(&attrs, "max", errors);
    check_order(&attrs, "min", "max", errors);
    if min.is_some() || max.is_some() {
        let min = opt(min.map(|m| quote!(#m)));
        let max = opt(max.map(|m| quote!(#m)));
        out.extend(quote_spanned!(span=> ::kassa::validate::range(#access, #min, #max, #wire)?;));
    }
    let scale = int::<u32>(&attrs, "scale", errors);
    if let Some(scale) = scale {
        out.extend(quote_spanned!(span=> ::kassa::validate::scale(#access, #scale, #wire)?;));
    }
    if let Some(precision) = int::<u32>(&attrs, "precision", errors) {
        match scale {
            Some(scale) if scale <= precision => out.extend(quote_spanned!(span=>
                ::kassa::validate::precision(#access, #precision, #scale, #wire)?;
            )),
            Some(_) => errors.help(
                span,
                "`scale` is larger than `precision`",
                "decimal(p, s) has s <= p: `precision = 12, scale = 4`",
            ),
            None => errors.help(
                span,
                "`precision` without `scale`",
                "decimal(p, s) gives both: `precision = 12, scale = 4`",
            ),
        }
    }
    for (lo, hi) in [("min_length", "max_length"), ("min_items", "max_items")] {
        let min = int::<usize>(&attrs, lo, errors);
        let max = int::<usize>(&attrs, hi, errors);
        check_order(&attrs, lo, hi, errors);
        if min.is_some() || max.is_some() {
            let min = opt(min.map(|m| quote!(#m)));
            let max = opt(max.map(|m| quote!(#m)));
            out.extend(
                quote_spanned!(span=> ::kassa::validate::length(#access, #min, #max, #wire)?;),
            );
        }
    }
    if let Some(max) = int::<usize>(&attrs, "max_bytes", errors) {
        out.extend(quote_spanned!(span=> ::kassa::validate::max_bytes(#access, #max, #wire)?;));
    }
    if let Some(value) = attrs.value("pattern", errors) {
        match value {
            Value::Str(p) => {
                // The pattern's span: without kassa's `pattern` feature, the
                // error that names it points at the pattern.
                out.extend(
                    quote_spanned!(p.span()=> ::kassa::__private::pattern!(#access, #p, #wire)?;),
                )
            }
            other => attr::expected(
                errors,
                other,
                "pattern",
                "a string literal",
                "pattern = \"[0-9]+\"",
            ),
        }
    }
    let each = each_checks(&attrs, errors);
    if !each.is_empty() {
        out.extend(quote_spanned!(span=>
            ::kassa::validate::each(#access, #wire, |__element| {
                #each
                ::core::result::Result::Ok(())
            })?;
        ));
    }
    if inline {
        out.extend(quote_spanned!(span=> ::kassa::Validate::validate(#access)?;));
    } else {
        out.extend(quote_spanned!(span=> ::kassa::Validate::validate(#access).map_err(|e| e.within(#wire))?;));
    }
    out
}

/// The `each_*` keys: checks on one element, `__element`, whose errors
/// the caller places at `field[i]`.
fn each_checks(attrs: &Attrs, errors: &mut Errors) -> TokenStream {
    let mut out = TokenStream::new();
    let min = bound(attrs, "each_min", errors);
    let max = bound(attrs, "each_max", errors);
    check_order(attrs, "each_min", "each_max", errors);
    if min.is_some() || max.is_some() {
        let min = opt(min.map(|m| quote!(#m)));
        let max = opt(max.map(|m| quote!(#m)));
        out.extend(quote!(::kassa::validate::range(__element, #min, #max, "")?;));
    }
    let min = int::<usize>(attrs, "each_min_length", errors);
    let max = int::<usize>(attrs, "each_max_length", errors);
    check_order(attrs, "each_min_length", "each_max_length", errors);
    if min.is_some() || max.is_some() {
        let min = opt(min.map(|m| quote!(#m)));
        let max = opt(max.map(|m| quote!(#m)));
        out.extend(quote!(::kassa::validate::length(__element, #min, #max, "")?;));
    }
    if let Some(value) = attrs.value("each_pattern", errors) {
        match value {
            Value::Str(p) => out.extend(
                quote_spanned!(p.span()=> ::kassa::__private::pattern!(__element, #p, "")?;),
            ),
            other => attr::expected(
                errors,
                other,
                "each_pattern",
                "a string literal",
                "each_pattern = \"[0-9]+\"",
            ),
        }
    }
    out
}

fn opt(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// `min`/`max`: an integer, float or numeric string, passed on as text.
fn bound(attrs: &Attrs, key: &str, errors: &mut Errors) -> Option<String> {
    let value = attrs.value(key, errors)?;
    let text = match value {
        Value::Int(text, _) | Value::Float(text, _) => text.clone(),
        Value::Str(s) => s.value().trim().to_owned(),
        other => {
            attr::expected(errors, other, key, "a number", &format!("{key} = 1"));
            return None;
        }
    };
    if value.number().is_none() {
        errors.help(
            value.span(),
            format!("`{key}` must be a number, found \"{text}\""),
            format!("write `{key} = 1` or `{key} = \"0.01\"`"),
        );
        return None;
    }
    Some(text)
}

/// A non-negative integer such as `scale = 2`.
fn int<T: std::str::FromStr + quote::ToTokens>(
    attrs: &Attrs,
    key: &str,
    errors: &mut Errors,
) -> Option<T> {
    let value = attrs.value(key, errors)?;
    if let Value::Int(text, _) = value
        && let Ok(n) = text.parse::<T>()
    {
        return Some(n);
    }
    attr::expected(
        errors,
        value,
        key,
        "a non-negative integer",
        &format!("{key} = 1"),
    );
    None
}

/// Reports `lo` greater than `hi` when both are numbers.
fn check_order(attrs: &Attrs, lo: &str, hi: &str, errors: &mut Errors) {
    let number = |key| {
        attrs
            .get(key)
            .and_then(|e| e.value.as_ref())
            .and_then(|v| v.number().map(|n| (n, v.span())))
    };
    if let (Some((min, span)), Some((max, _))) = (number(lo), number(hi))
        && min > max
    {
        errors.help(
            span,
            format!("`{lo}` ({min}) is greater than `{hi}` ({max})"),
            format!("`{lo}` must not exceed `{hi}`"),
        );
    }
}
