//! The one place that turns spec names into Rust identifiers.
//!
//! Rules: type-like names (types, enums, error tables, enum values, error
//! entries) must already be PascalCase ASCII identifiers; operation names
//! snake_case. Field names derive from wire names by snake_case conversion;
//! characters that cannot appear in an identifier separate words; a leading
//! digit gets an `n` prefix. Rust keywords become raw identifiers (`r#type`),
//! except those that cannot be raw (`self`, `Self`, `super`, `crate`), which
//! get a trailing underscore. Anything else (non-ASCII letters such as `Ədəd`,
//! an empty result) is reported, and the author sets `rust:`.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of Rust 2024.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
];

/// Keywords that cannot be written as raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// True for `[A-Za-z_][A-Za-z0-9_]*` other than `_`.
pub fn is_ascii_ident(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    s != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Escapes a valid identifier that is a keyword.
pub fn escape(ident: &str) -> String {
    if NOT_RAW.contains(&ident) {
        format!("{ident}_")
    } else if is_keyword(ident) {
        format!("r#{ident}")
    } else {
        ident.to_owned()
    }
}

/// Why a name cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameError {
    pub message: String,
    pub help: String,
}

/// Checks a PascalCase name (type, enum, value...). Returns it as written.
pub fn pascal(name: &str, what: &str) -> Result<String, NameError> {
    if !is_ascii_ident(name) {
        return Err(NameError {
            message: format!("{what} name `{name}` is not a Rust identifier"),
            help: suggest_pascal(name),
        });
    }
    // Acronyms (`RW`, `VAT`) are allowed; underscores and a lowercase start are not.
    if name.starts_with(|c: char| !c.is_ascii_uppercase()) || name.contains('_') {
        return Err(NameError {
            message: format!("{what} name `{name}` is not PascalCase"),
            help: suggest_pascal(name),
        });
    }
    Ok(escape(name))
}

fn suggest_pascal(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut guess = ascii.to_upper_camel_case();
    if guess.starts_with(|c: char| c.is_ascii_digit()) {
        guess.insert(0, 'N');
    }
    if guess.is_empty() {
        "use ASCII letters, digits and `_`, starting with a letter".to_owned()
    } else {
        format!("write it as `{guess}`")
    }
}

/// Checks a snake_case operation name.
pub fn snake(name: &str, what: &str) -> Result<String, NameError> {
    if !is_ascii_ident(name) || name.to_snake_case() != name {
        let guess = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
            .collect::<String>()
            .to_snake_case();
        return Err(NameError {
            message: format!("{what} name `{name}` is not a snake_case Rust identifier"),
            help: if guess.is_empty() {
                "use ASCII letters, digits and `_`".to_owned()
            } else {
                format!("write it as `{guess}`")
            },
        });
    }
    Ok(escape(name))
}

/// The Rust field name for a wire name, or why there is none.
pub fn field(wire: &str) -> Result<String, NameError> {
    if !wire.is_ascii() {
        return Err(NameError {
            message: format!("field `{wire}` has no Rust name: it is not ASCII"),
            help: "add `rust: <snake_case name>` to the field".to_owned(),
        });
    }
    let spaced: String = wire
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut snake = spaced.to_snake_case();
    if snake.is_empty() {
        return Err(NameError {
            message: format!("field `{wire}` has no Rust name"),
            help: "add `rust: <snake_case name>` to the field".to_owned(),
        });
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, 'n');
    }
    Ok(escape(&snake))
}

/// Checks an explicit `rust:` field name.
pub fn field_override(name: &str) -> Result<String, NameError> {
    snake(name, "field")
}

/// The snake_case form of a PascalCase name (module and function names).
pub fn to_snake(name: &str) -> String {
    escape(&name.to_snake_case())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        assert_eq!(field("ID").unwrap(), "id");
        assert_eq!(field("withResults ").unwrap(), "with_results");
        assert_eq!(field("type").unwrap(), "r#type");
        assert_eq!(field("self").unwrap(), "self_");
        assert_eq!(field("2fa").unwrap(), "n2fa");
        assert_eq!(field("SV 2%").unwrap(), "sv_2");
        assert!(field("Ədəd").is_err());
        assert!(field("%%").is_err());
        assert_eq!(field("IdKkm").unwrap(), "id_kkm");
    }

    #[test]
    fn pascal_and_snake() {
        assert!(pascal("Goods", "type").is_ok());
        assert!(pascal("StorageRWError", "error").is_ok());
        assert!(pascal("Storage_Error", "error").is_err());
        assert_eq!(
            pascal("goods", "type").unwrap_err().help,
            "write it as `Goods`"
        );
        assert!(pascal("Kv. metr", "value").is_err());
        assert_eq!(pascal("Self", "type").unwrap(), "Self_");
        assert!(snake("get_goods", "operation").is_ok());
        assert!(snake("getGoods", "operation").is_err());
        assert_eq!(snake("type", "operation").unwrap(), "r#type");
    }
}
