//! Type expressions: `u64`, `Goods`, `array<Goods>`, `map<string, Section>`.

use std::fmt;

/// Built-in scalar types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scalar {
    Bool,
    Bool01,
    I8,
    I16,
    I32,
    I64,
    U8,
    U16,
    U32,
    U64,
    F64,
    Decimal,
    DecimalString,
    String,
    Uuid,
    Base64,
    UnixSeconds,
    UnixMillis,
    DateTime,
    Date,
    Time,
    Json,
}

impl Scalar {
    pub const ALL: &'static [(&'static str, Scalar)] = &[
        ("bool", Scalar::Bool),
        ("bool01", Scalar::Bool01),
        ("i8", Scalar::I8),
        ("i16", Scalar::I16),
        ("i32", Scalar::I32),
        ("i64", Scalar::I64),
        ("u8", Scalar::U8),
        ("u16", Scalar::U16),
        ("u32", Scalar::U32),
        ("u64", Scalar::U64),
        ("f64", Scalar::F64),
        ("decimal", Scalar::Decimal),
        ("decimal_string", Scalar::DecimalString),
        ("string", Scalar::String),
        ("uuid", Scalar::Uuid),
        ("base64", Scalar::Base64),
        ("unix_seconds", Scalar::UnixSeconds),
        ("unix_millis", Scalar::UnixMillis),
        ("datetime", Scalar::DateTime),
        ("date", Scalar::Date),
        ("time", Scalar::Time),
        ("json", Scalar::Json),
    ];

    pub fn from_name(name: &str) -> Option<Scalar> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("?", |(n, _)| n)
    }

    /// Integers, Unix times included.
    pub fn is_integer(self) -> bool {
        self.is_plain_integer() || matches!(self, Scalar::UnixSeconds | Scalar::UnixMillis)
    }

    /// `i8` to `u64`: counts, ids, offsets.
    pub fn is_plain_integer(self) -> bool {
        matches!(
            self,
            Scalar::I8
                | Scalar::I16
                | Scalar::I32
                | Scalar::I64
                | Scalar::U8
                | Scalar::U16
                | Scalar::U32
                | Scalar::U64
        )
    }

    pub fn is_numeric(self) -> bool {
        self.is_integer() || matches!(self, Scalar::F64 | Scalar::Decimal | Scalar::DecimalString)
    }

    pub fn is_temporal(self) -> bool {
        matches!(self, Scalar::DateTime | Scalar::Date | Scalar::Time)
    }

    /// The inclusive range of an integer scalar.
    pub fn int_range(self) -> Option<(i128, i128)> {
        Some(match self {
            Scalar::I8 => (i8::MIN.into(), i8::MAX.into()),
            Scalar::I16 => (i16::MIN.into(), i16::MAX.into()),
            Scalar::I32 => (i32::MIN.into(), i32::MAX.into()),
            Scalar::I64 | Scalar::UnixSeconds | Scalar::UnixMillis => {
                (i64::MIN.into(), i64::MAX.into())
            }
            Scalar::U8 => (0, u8::MAX.into()),
            Scalar::U16 => (0, u16::MAX.into()),
            Scalar::U32 => (0, u32::MAX.into()),
            Scalar::U64 => (0, u64::MAX.into()),
            _ => return None,
        })
    }
}

/// A parsed, unresolved type expression. `offset` is the character offset in
/// the expression text, for diagnostics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    pub name: String,
    pub args: Vec<Expr>,
    pub offset: usize,
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)?;
        if !self.args.is_empty() {
            f.write_str("<")?;
            for (i, a) in self.args.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{a}")?;
            }
            f.write_str(">")?;
        }
        Ok(())
    }
}

/// A syntax error in a type expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

/// Parses a type expression.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut p = Parser {
        chars: &chars,
        pos: 0,
        depth: 0,
    };
    let expr = p.expr()?;
    p.skip_ws();
    if p.pos < chars.len() {
        return Err(ParseError {
            offset: p.pos,
            message: format!("unexpected `{}` after the type", chars[p.pos]),
        });
    }
    Ok(expr)
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self.chars.get(self.pos).is_some_and(|c| c.is_whitespace()) {
            self.pos += 1;
        }
    }

    fn expr(&mut self) -> Result<Expr, ParseError> {
        self.depth += 1;
        if self.depth > 32 {
            return Err(ParseError {
                offset: self.pos,
                message: "type expression nests too deeply".into(),
            });
        }
        self.skip_ws();
        let start = self.pos;
        while self
            .chars
            .get(self.pos)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            self.pos += 1;
        }
        if start == self.pos {
            let found = self
                .chars
                .get(self.pos)
                .map_or("the end".to_owned(), |c| format!("`{c}`"));
            return Err(ParseError {
                offset: self.pos,
                message: format!("expected a type name, found {found}"),
            });
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        let mut args = Vec::new();
        self.skip_ws();
        if self.chars.get(self.pos) == Some(&'<') {
            self.pos += 1;
            loop {
                args.push(self.expr()?);
                self.skip_ws();
                match self.chars.get(self.pos) {
                    Some(',') => self.pos += 1,
                    Some('>') => {
                        self.pos += 1;
                        break;
                    }
                    other => {
                        let found = other.map_or("the end".to_owned(), |c| format!("`{c}`"));
                        return Err(ParseError {
                            offset: self.pos,
                            message: format!("expected `,` or `>`, found {found}"),
                        });
                    }
                }
            }
        }
        self.depth -= 1;
        Ok(Expr {
            name,
            args,
            offset: start,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_generics() {
        let e = parse("map<string, array<Goods>>").unwrap();
        assert_eq!(e.to_string(), "map<string, array<Goods>>");
        assert_eq!(e.args[1].args[0].offset, 18);
    }

    #[test]
    fn reports_position_of_syntax_errors() {
        assert_eq!(parse("array<Goods").unwrap_err().offset, 11);
        assert_eq!(parse("array<>").unwrap_err().offset, 6);
        assert_eq!(parse("u64 x").unwrap_err().offset, 4);
        assert!(parse(&"array<".repeat(100)).is_err());
    }
}
