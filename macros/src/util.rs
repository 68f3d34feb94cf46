//! Doc comments, serde renames, codes and other small helpers.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Field, Lit, Meta, Token, Type};

use crate::attr::{Attrs, Errors, Value};

/// The doc comment: lines trimmed, paragraphs joined by a blank line.
pub fn doc(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if let Meta::NameValue(nv) = &attr.meta
            && nv.path.is_ident("doc")
            && let Expr::Lit(lit) = &nv.value
            && let Lit::Str(s) = &lit.lit
        {
            lines.extend(s.value().split('\n').map(|l| l.trim().to_owned()));
        }
    }
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs.join("\n\n")
}

/// `#[kassa(doc = "...")]` if given, else the doc comment.
pub fn doc_or_override(attrs: &[Attribute], kassa: &Attrs, errors: &mut Errors) -> String {
    match kassa.string("doc", errors) {
        Some(s) => s.value(),
        None => doc(attrs),
    }
}

/// The `name = value` pairs and bare words of every `#[serde(...)]`;
/// anything serde-specific we cannot read is skipped (serde reports it).
fn serde_metas(attrs: &[Attribute]) -> Vec<Meta> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .filter_map(|a| {
            a.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .ok()
        })
        .flatten()
        .collect()
}

fn serde_str(attrs: &[Attribute], key: &str) -> Option<String> {
    serde_metas(attrs).into_iter().find_map(|meta| match meta {
        Meta::NameValue(nv) if nv.path.is_ident(key) => match nv.value {
            Expr::Lit(lit) => match lit.lit {
                Lit::Str(s) => Some(s.value()),
                _ => None,
            },
            _ => None,
        },
        // `rename(serialize = "a", deserialize = "b")`: the name we send.
        Meta::List(list) if list.path.is_ident(key) => list
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .ok()?
            .into_iter()
            .find_map(|m| match m {
                Meta::NameValue(nv) if nv.path.is_ident("serialize") => match nv.value {
                    Expr::Lit(lit) => match lit.lit {
                        Lit::Str(s) => Some(s.value()),
                        _ => None,
                    },
                    _ => None,
                },
                _ => None,
            }),
        _ => None,
    })
}

/// Whether every `#[serde(...)]` of `attrs` reads, and names only keys of
/// `allowed`: attributes that leave how a value serializes as it is.
pub fn serde_only(attrs: &[Attribute], allowed: &[&str]) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .all(|a| {
            a.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .is_ok_and(|metas| {
                    metas
                        .iter()
                        .all(|m| allowed.iter().any(|key| m.path().is_ident(key)))
                })
        })
}

/// Whether a field carries `#[serde(flatten)]`.
pub fn serde_flatten(attrs: &[Attribute]) -> bool {
    serde_metas(attrs)
        .iter()
        .any(|m| matches!(m, Meta::Path(p) if p.is_ident("flatten")))
}

/// The container's `#[serde(rename_all = "...")]`.
pub fn serde_rename_all(attrs: &[Attribute]) -> Option<String> {
    serde_str(attrs, "rename_all")
}

/// The wire name of a named field: its `#[serde(rename)]`, else the
/// container's `rename_all` applied to the ident, else the ident (`r#` stripped).
pub fn wire_name(field: &Field, rename_all: Option<&str>) -> String {
    if let Some(name) = serde_str(&field.attrs, "rename") {
        return name;
    }
    let ident = match &field.ident {
        Some(ident) => ident.to_string(),
        None => return String::new(),
    };
    let ident = ident.strip_prefix("r#").unwrap_or(&ident).to_owned();
    match rename_all {
        Some(rule) => apply_rename_rule(&ident, rule),
        None => ident,
    }
}

/// serde's field renaming rules, for snake_case field idents.
fn apply_rename_rule(field: &str, rule: &str) -> String {
    let pascal = || {
        let mut out = String::new();
        let mut upper = true;
        for c in field.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    match rule {
        "lowercase" => field.to_lowercase(),
        "UPPERCASE" | "SCREAMING_SNAKE_CASE" => field.to_uppercase(),
        "PascalCase" => pascal(),
        "camelCase" => {
            let p = pascal();
            let mut chars = p.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default()
        }
        "kebab-case" => field.replace('_', "-"),
        "SCREAMING-KEBAB-CASE" => field.replace('_', "-").to_uppercase(),
        _ => field.to_owned(),
    }
}

/// `OpenShift` → `open_shift`, `GetPRTList` → `get_prt_list`.
pub fn snake_case(ident: &str) -> String {
    let chars: Vec<char> = ident.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1);
            let boundary = match prev {
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_uppercase() => next.is_some_and(|n| n.is_lowercase()),
                _ => false,
            };
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The closest candidate within two edits, for "did you mean".
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The last path segment of a type: `i64`, `String`, `Value`.
pub fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Group(g) => type_name(&g.elem),
        Type::Paren(p) => type_name(&p.elem),
        _ => None,
    }
}

/// Whether a field's type is an `Option` (by its last path segment).
pub fn is_option(ty: &Type) -> bool {
    type_name(ty).as_deref() == Some("Option")
}

/// How codes travel: `repr = "int"` or `repr = "string"` (error tables add `"message"`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    Int,
    Str,
    Message,
}

/// Reads the required `repr` of an enum. `allowed` lists the accepted spellings.
pub fn repr(
    attrs: &Attrs,
    allowed: &[&str],
    ident: &syn::Ident,
    errors: &mut Errors,
) -> Option<Repr> {
    let Some(lit) = attrs.string("repr", errors) else {
        if attrs.get("repr").is_none() {
            let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            errors.help(
                ident.span(),
                format!("`{ident}` needs #[kassa(repr = ...)]: how its codes travel"),
                format!(
                    "add #[kassa(repr = \"int\")]; expected one of: {}",
                    list.join(", ")
                ),
            );
        }
        return None;
    };
    let value = lit.value();
    match value.as_str() {
        "int" if allowed.contains(&"int") => Some(Repr::Int),
        "string" if allowed.contains(&"string") => Some(Repr::Str),
        "message" if allowed.contains(&"message") => Some(Repr::Message),
        _ => {
            let list: Vec<String> = allowed.iter().map(|a| format!("\"{a}\"")).collect();
            errors.help(
                lit.span(),
                format!("unknown repr \"{value}\""),
                format!("expected one of: {}", list.join(", ")),
            );
            None
        }
    }
}

/// A code as written in `code = ...`.
#[derive(Clone, PartialEq, Eq)]
pub enum CodeLit {
    Int(i64),
    Str(String),
}

impl CodeLit {
    /// `::kassa::Code::Int(0)` or `::kassa::Code::str("X")`.
    pub fn to_code(&self) -> TokenStream {
        match self {
            CodeLit::Int(n) => quote!(::kassa::Code::Int(#n)),
            CodeLit::Str(s) => quote!(::kassa::Code::str(#s)),
        }
    }

    /// The pattern matching this code: `0` or `"X"`.
    pub fn pattern(&self) -> TokenStream {
        match self {
            CodeLit::Int(n) => quote!(#n),
            CodeLit::Str(s) => quote!(#s),
        }
    }

    /// As `::kassa::Code` displays it: `0` or `"X"`.
    pub fn display(&self) -> String {
        match self {
            CodeLit::Int(n) => n.to_string(),
            CodeLit::Str(s) => format!("{s:?}"),
        }
    }

    /// As listed in a schema description: `0` or `X`.
    pub fn pattern_text(&self) -> String {
        match self {
            CodeLit::Int(n) => n.to_string(),
            CodeLit::Str(s) => s.clone(),
        }
    }

    /// As JSON: `0` or `"X"`.
    pub fn json(&self) -> TokenStream {
        match self {
            CodeLit::Int(n) => quote!(#n),
            CodeLit::Str(s) => quote!(#s),
        }
    }
}

/// Reads `key = <code>` for a table whose codes are `repr`.
pub fn code(attrs: &Attrs, key: &str, repr: Repr, errors: &mut Errors) -> Option<(CodeLit, Span)> {
    let value = attrs.value(key, errors)?;
    let span = value.span();
    match (repr, value) {
        (Repr::Int, Value::Int(text, _)) => match text.parse::<i64>() {
            Ok(n) => Some((CodeLit::Int(n), span)),
            Err(_) => {
                errors.help(
                    span,
                    format!("code {text} does not fit in an i64"),
                    "integer codes are i64",
                );
                None
            }
        },
        (Repr::Str, Value::Str(s)) => Some((CodeLit::Str(s.value()), span)),
        (Repr::Int, other) => {
            let example = match other {
                Value::Str(s) if s.value().trim().parse::<i64>().is_ok() => {
                    format!("{key} = {}", s.value().trim())
                }
                _ => format!("{key} = 0"),
            };
            errors.help(
                span,
                format!(
                    "expected an integer code because of #[kassa(repr = \"int\")], found {}",
                    other.describe()
                ),
                format!("write `{example}`, or use #[kassa(repr = \"string\")]"),
            );
            None
        }
        (_, other) => {
            let example = match other {
                Value::Int(text, _) => format!("{key} = \"{text}\""),
                _ => format!("{key} = \"CODE\""),
            };
            errors.help(
                span,
                format!(
                    "expected a string code because of #[kassa(repr = \"string\")], found {}",
                    other.describe()
                ),
                format!("write `{example}`, or use #[kassa(repr = \"int\")]"),
            );
            None
        }
    }
}

/// Reports generic parameters, which these derives do not support.
pub fn no_generics(input: &syn::DeriveInput, derive: &str, errors: &mut Errors) {
    if let Some(param) = input.generics.params.first() {
        errors.help(
            syn::spanned::Spanned::span(param),
            format!("#[derive({derive})] does not support generic parameters"),
            "derive it on a concrete type",
        );
    }
}

/// The enum's variants, or an error on the `struct`/`union` keyword.
pub fn expect_enum<'a>(
    input: &'a syn::DeriveInput,
    derive: &str,
) -> syn::Result<&'a syn::DataEnum> {
    match &input.data {
        syn::Data::Enum(data) if data.variants.is_empty() => Err(syn::Error::new(
            input.ident.span(),
            format!(
                "`{}` has no variants\n  = help: #[derive({derive})] needs at least one",
                input.ident
            ),
        )),
        syn::Data::Enum(data) => Ok(data),
        syn::Data::Struct(s) => Err(syn::Error::new(
            s.struct_token.span,
            format!(
                "#[derive({derive})] works on enums only\n  = help: make `{}` an enum",
                input.ident
            ),
        )),
        syn::Data::Union(u) => Err(syn::Error::new(
            u.union_token.span,
            format!(
                "#[derive({derive})] works on enums only\n  = help: make `{}` an enum",
                input.ident
            ),
        )),
    }
}

/// `impl JsonSchema for ident`, compiled only with kassa's `schemars`
/// feature (`if_schemars!`): named `ident`, with a module-qualified id;
/// `body` builds the schema, with `__generator` in scope.
pub fn json_schema_impl(ident: &syn::Ident, body: TokenStream) -> TokenStream {
    let schemars = quote!(::kassa::__private::schemars);
    let name = ident.to_string();
    let schema_id =
        quote_spanned!(ident.span()=> ::core::concat!(::core::module_path!(), "::", #name));
    quote! {
        ::kassa::__private::if_schemars! {
            #[automatically_derived]
            impl #schemars::JsonSchema for #ident {
                fn schema_name() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed(#name)
                }
                fn schema_id() -> ::std::borrow::Cow<'static, str> {
                    ::std::borrow::Cow::Borrowed(#schema_id)
                }
                fn json_schema(__generator: &mut #schemars::SchemaGenerator) -> #schemars::Schema {
                    let _ = &__generator;
                    #body
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(snake_case("OpenShift"), "open_shift");
        assert_eq!(snake_case("GetPRTList"), "get_prt_list");
        assert_eq!(snake_case("SendRawJSON"), "send_raw_json");
        assert_eq!(snake_case("Get2Fa"), "get2_fa");
        assert_eq!(apply_rename_rule("kkm_code", "camelCase"), "kkmCode");
        assert_eq!(apply_rename_rule("kkm_code", "PascalCase"), "KkmCode");
        assert_eq!(
            apply_rename_rule("kkm_code", "SCREAMING-KEBAB-CASE"),
            "KKM-CODE"
        );
        assert_eq!(did_you_mean("cod", &["code", "doc", "other"]), Some("code"));
        assert_eq!(did_you_mean("zzzzz", &["code"]), None);
    }

    #[test]
    fn docs() {
        let attrs: Vec<Attribute> = vec![
            syn::parse_quote!(#[doc = " Cash payment,"]),
            syn::parse_quote!(#[doc = " in the drawer."]),
            syn::parse_quote!(#[doc = ""]),
            syn::parse_quote!(#[doc = " Second."]),
        ];
        assert_eq!(doc(&attrs), "Cash payment, in the drawer.\n\nSecond.");
    }
}
