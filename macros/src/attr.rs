//! A small parser for `#[kassa(key = value, flag, ...)]`, shared by every derive.
//!
//! Parsing is purely syntactic; each derive then checks the keys it owns
//! with [`Attrs::check_keys`] and reads values with the typed accessors,
//! which report a spanned error when a value has the wrong shape.

use std::fmt::Display;

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, Lit, LitStr, Token, Type, bracketed};

use crate::util::did_you_mean;

/// Errors collected so the user sees all of them at once.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// An error with a `= help:` line.
    pub fn help(&mut self, span: Span, message: impl Display, help: impl Display) {
        self.push(syn::Error::new(
            span,
            format!("{message}\n  = help: {help}"),
        ));
    }

    pub fn finish(self) -> syn::Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

/// The value after `=`.
pub enum Value {
    Str(LitStr),
    /// Base-10 digits with an optional leading `-`.
    Int(String, Span),
    Float(String, Span),
    Bool(bool, Span),
    /// `[a, b]`.
    List(Vec<Value>, Span),
    /// Anything that is not a literal: a type such as `OpenShiftResponse`.
    Type(Box<Type>),
    /// A literal of no use here (char, byte string...).
    Other(Lit),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Str(s) => s.span(),
            Value::Int(_, span)
            | Value::Float(_, span)
            | Value::Bool(_, span)
            | Value::List(_, span) => *span,
            Value::Type(ty) => syn::spanned::Spanned::span(ty),
            Value::Other(lit) => lit.span(),
        }
    }

    /// What kind of value this is, for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Int(..) => "an integer",
            Value::Float(..) => "a float",
            Value::Bool(..) => "a boolean",
            Value::List(..) => "a list",
            Value::Type(_) => "a path or type",
            Value::Other(_) => "an unsupported literal",
        }
    }

    /// The number an integer, float or numeric string literal stands for.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Int(text, _) | Value::Float(text, _) => text.parse().ok(),
            Value::Str(s) => s.value().trim().parse().ok(),
            _ => None,
        }
    }
}

/// One `key` or `key = value`.
pub struct Entry {
    /// The key, `r#` stripped.
    pub key: Ident,
    pub value: Option<Value>,
}

impl Entry {
    pub fn name(&self) -> String {
        self.key.to_string()
    }

    pub fn span(&self) -> Span {
        self.key.span()
    }
}

/// Every `#[kassa(...)]` entry on one item, field or variant, in order.
#[derive(Default)]
pub struct Attrs {
    pub entries: Vec<Entry>,
    /// An attribute failed to parse: some entries may be missing, so
    /// "missing key" errors would only repeat the syntax error.
    pub broken: bool,
}

/// Keys that may be given more than once (one field group each).
pub const REPEATABLE: &[&str] = &["exactly_one_of", "at_least_one_of"];

impl Attrs {
    /// Parses all `#[kassa(...)]` attributes; syntax errors go to `errors`.
    pub fn parse(attrs: &[Attribute], errors: &mut Errors) -> Attrs {
        let mut entries = Vec::new();
        let mut broken = false;
        for attr in attrs.iter().filter(|a| a.path().is_ident("kassa")) {
            let parser = Punctuated::<Entry, Token![,]>::parse_terminated_with;
            match attr.parse_args_with(|input: ParseStream| parser(input, parse_entry)) {
                Ok(list) => entries.extend(list),
                Err(e) => {
                    errors.push(e);
                    broken = true;
                }
            }
        }
        Attrs { entries, broken }
    }

    /// Reports keys outside `known` and keys given twice. `also` lists keys
    /// that belong to another derive: accepted, not read here. Returns
    /// whether the attributes are sound (parsed, no unknown key), that is
    /// whether "missing key" errors are worth reporting.
    pub fn check_keys(&self, known: &[&str], also: &[&str], errors: &mut Errors) -> bool {
        let mut sound = !self.broken;
        for (i, entry) in self.entries.iter().enumerate() {
            let name = entry.name();
            if !known.contains(&name.as_str()) && !also.contains(&name.as_str()) {
                let all: Vec<&str> = known.iter().chain(also).copied().collect();
                let hint = match did_you_mean(&name, &all) {
                    Some(close) => format!(
                        "did you mean `{close}`? expected one of: {}",
                        all.join(", ")
                    ),
                    None => format!("expected one of: {}", all.join(", ")),
                };
                errors.help(
                    entry.span(),
                    format!("unknown key `{name}` in #[kassa(...)]"),
                    hint,
                );
                sound = false;
            } else if !REPEATABLE.contains(&name.as_str())
                && self.entries[..i].iter().any(|e| e.name() == name)
            {
                errors.help(
                    entry.span(),
                    format!("duplicate key `{name}`"),
                    "give each key once",
                );
            }
        }
        sound
    }

    /// Whether an unknown key (not in `known`) looks like a misspelling of
    /// `key`: its error says "did you mean `key`?" already, so a second
    /// "`key` is missing" would only repeat it.
    pub fn misspelt(&self, key: &str, known: &[&str]) -> bool {
        self.entries.iter().any(|entry| {
            let name = entry.name();
            !known.contains(&name.as_str()) && did_you_mean(&name, known) == Some(key)
        })
    }

    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The value of `key`, an error if the key is present without one.
    pub fn value(&self, key: &str, errors: &mut Errors) -> Option<&Value> {
        let entry = self.get(key)?;
        if entry.value.is_none() {
            errors.help(
                entry.span(),
                format!("`{key}` needs a value"),
                format!("write `{key} = ...`"),
            );
        }
        entry.value.as_ref()
    }

    /// A flag: `key` (or `key = true`). Returns the key's span when set.
    pub fn flag(&self, key: &str, errors: &mut Errors) -> Option<Span> {
        let entry = self.get(key)?;
        match &entry.value {
            None => Some(entry.span()),
            Some(Value::Bool(true, _)) => Some(entry.span()),
            Some(Value::Bool(false, _)) => None,
            Some(other) => {
                errors.help(
                    other.span(),
                    format!("`{key}` is a flag and takes no value"),
                    format!("write just `{key}`"),
                );
                None
            }
        }
    }

    /// A string literal value.
    pub fn string(&self, key: &str, errors: &mut Errors) -> Option<LitStr> {
        match self.value(key, errors)? {
            Value::Str(s) => Some(s.clone()),
            other => {
                expected(
                    errors,
                    other,
                    key,
                    "a string literal",
                    &format!("{key} = \"...\""),
                );
                None
            }
        }
    }

    /// A type, written bare (`response = Reply`) or as a string (`response = "Reply"`).
    pub fn ty(&self, key: &str, errors: &mut Errors) -> Option<Type> {
        match self.value(key, errors)? {
            Value::Type(ty) => Some((**ty).clone()),
            Value::Str(s) => {
                // A type in quotes would compile today and stop compiling
                // the day the string stops naming one: say it now.
                let help = match s.parse::<Type>() {
                    Ok(_) => format!("write it without quotes: `{key} = {}`", s.value()),
                    Err(_) => format!("`{key} = MyType`, without quotes"),
                };
                errors.help(
                    s.span(),
                    format!("`{key}` takes a type, not a string"),
                    help,
                );
                None
            }
            other => {
                expected(errors, other, key, "a type", &format!("{key} = MyType"));
                None
            }
        }
    }

    /// Every list of strings given under `key` (a repeatable key), with
    /// the span of each.
    pub fn string_lists(&self, key: &str, errors: &mut Errors) -> Vec<(Vec<LitStr>, Span)> {
        let mut out = Vec::new();
        for entry in self.entries.iter().filter(|e| e.key == key) {
            let Some(value) = &entry.value else {
                errors.help(
                    entry.span(),
                    format!("`{key}` needs a list of field names"),
                    format!("{key} = [\"a\", \"b\"]"),
                );
                continue;
            };
            let items: Vec<&Value> = match value {
                Value::List(items, _) => items.iter().collect(),
                single => vec![single],
            };
            let mut names = Vec::new();
            for item in items {
                match item {
                    Value::Str(s) => names.push(s.clone()),
                    other => expected(
                        errors,
                        other,
                        key,
                        "a list of string literals",
                        &format!("{key} = [\"a\", \"b\"]"),
                    ),
                }
            }
            out.push((names, entry.span()));
        }
        out
    }

    /// A list of strings: `key = ["a", "b"]` (a single `"a"` is a list of one).
    pub fn strings(&self, key: &str, errors: &mut Errors) -> Option<Vec<LitStr>> {
        let items = match self.value(key, errors)? {
            Value::List(items, _) => items.iter().collect::<Vec<_>>(),
            single => vec![single],
        };
        let mut out = Vec::new();
        for item in items {
            match item {
                Value::Str(s) => out.push(s.clone()),
                other => expected(
                    errors,
                    other,
                    key,
                    "a list of string literals",
                    &format!("{key} = [\"...\"]"),
                ),
            }
        }
        Some(out)
    }
}

/// Reports a value of the wrong kind.
pub fn expected(errors: &mut Errors, value: &Value, key: &str, what: &str, example: &str) {
    errors.help(
        value.span(),
        format!("`{key}` expects {what}, found {}", value.describe()),
        format!("write `{example}`"),
    );
}

fn parse_entry(input: ParseStream) -> syn::Result<Entry> {
    let key = Ident::parse_any(input)?.unraw();
    if !input.peek(Token![=]) {
        if !input.is_empty() && !input.peek(Token![,]) {
            return Err(input.error(format!(
                "unexpected token after `{key}`\n  = help: write `{key} = value`, and separate entries with `,`"
            )));
        }
        return Ok(Entry { key, value: None });
    }
    let eq = input.parse::<Token![=]>()?;
    if input.is_empty() || input.peek(Token![,]) {
        return Err(syn::Error::new(
            eq.span,
            format!("`{key} =` needs a value\n  = help: give a value after `=`, or remove `{key}`"),
        ));
    }
    let value = parse_value(input)?;
    if !input.is_empty() && !input.peek(Token![,]) {
        return Err(input.error(format!("unexpected token after `{key} = ...`\n  = help: separate #[kassa(...)] entries with `,`")));
    }
    Ok(Entry {
        key,
        value: Some(value),
    })
}

fn parse_value(input: ParseStream) -> syn::Result<Value> {
    if input.peek(syn::token::Bracket) {
        let content;
        let bracket = bracketed!(content in input);
        let items = Punctuated::<Value, Token![,]>::parse_terminated_with(&content, parse_value)?;
        return Ok(Value::List(
            items.into_iter().collect(),
            bracket.span.join(),
        ));
    }
    if input.peek(Token![-]) {
        let minus = input.parse::<Token![-]>()?;
        let lit: Lit = input.parse()?;
        let span = minus.span.join(lit.span()).unwrap_or(lit.span());
        return match lit {
            Lit::Int(i) => Ok(Value::Int(format!("-{}", i.base10_digits()), span)),
            Lit::Float(f) => Ok(Value::Float(format!("-{}", f.base10_digits()), span)),
            other => Err(syn::Error::new(other.span(), "expected a number after `-`")),
        };
    }
    if input.peek(Lit) {
        return Ok(match input.parse::<Lit>()? {
            Lit::Str(s) => Value::Str(s),
            Lit::Int(i) => Value::Int(i.base10_digits().to_owned(), i.span()),
            Lit::Float(f) => Value::Float(f.base10_digits().to_owned(), f.span()),
            Lit::Bool(b) => Value::Bool(b.value, b.span),
            other => Value::Other(other),
        });
    }
    Ok(Value::Type(Box::new(input.parse()?)))
}
