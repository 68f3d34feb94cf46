//! Wire codes of enums and error tables: integers or strings.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A code as it travels on the wire: `4`, `"0"`, `"PRODUCT"`.
///
/// Known codes in generated tables are `Code::Int(4)` or
/// `Code::Str(Cow::Borrowed("0"))`, so they can live in statics.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Int(i64),
    Str(Cow<'static, str>),
}

impl Code {
    /// A string code usable in a `const` or `static`.
    pub const fn str(s: &'static str) -> Code {
        Code::Str(Cow::Borrowed(s))
    }

    /// Reads a code from JSON: integers and strings; anything else is `None`.
    pub fn from_json(value: &serde_json::Value) -> Option<Code> {
        match value {
            serde_json::Value::Number(n) => n.as_i64().map(Code::Int),
            serde_json::Value::String(s) => Some(Code::Str(Cow::Owned(s.clone()))),
            _ => None,
        }
    }

    /// The code as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Code::Int(i) => (*i).into(),
            Code::Str(s) => s.as_ref().into(),
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Code::Int(i) => Some(*i),
            Code::Str(_) => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Code::Str(s) => Some(s),
            Code::Int(_) => None,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code::Int(i) => write!(f, "{i}"),
            Code::Str(s) => write!(f, "{s:?}"),
        }
    }
}

impl From<i64> for Code {
    fn from(i: i64) -> Self {
        Code::Int(i)
    }
}

impl From<String> for Code {
    fn from(s: String) -> Self {
        Code::Str(Cow::Owned(s))
    }
}

impl From<&'static str> for Code {
    fn from(s: &'static str) -> Self {
        Code::Str(Cow::Borrowed(s))
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Code::Int(i) => serializer.serialize_i64(*i),
            Code::Str(s) => serializer.serialize_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for Code {
    /// Reads the code as it passes, with no `serde_json::Value` between:
    /// an envelope's status is read on every call.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CodeVisitor)
    }
}

struct CodeVisitor;

impl<'de> Visitor<'de> for CodeVisitor {
    type Value = Code;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer or string code")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Code, E> {
        Ok(Code::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Code, E> {
        i64::try_from(v)
            .map(Code::Int)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Code, E> {
        Ok(Code::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Code, E> {
        Ok(Code::Str(Cow::Owned(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Code, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_integers_and_strings_as_they_are() {
        assert_eq!(read("200"), Ok(Code::Int(200)));
        assert_eq!(read("-7"), Ok(Code::Int(-7)));
        assert_eq!(read(r#""0""#), Ok(Code::str("0")));
        assert_eq!(read(r#""PRODUCT""#), Ok(Code::str("PRODUCT")));
        // An escaped string is read into an owned one.
        assert_eq!(read(r#""A\u0042""#), Ok(Code::str("AB")));
    }

    #[test]
    fn refuses_what_is_not_a_code() {
        for json in ["9223372036854775808", "1.5", "true", "null", "[1]", "{}"] {
            let error = read(json).expect_err(json);
            assert!(
                error.contains("an integer or string code"),
                "{json}: {error}"
            );
        }
    }

    #[test]
    fn reads_back_what_it_writes() {
        for code in [Code::Int(i64::MIN), Code::Int(i64::MAX), Code::str("E-1")] {
            let json = serde_json::to_string(&code).expect("a code serializes");
            assert_eq!(read(&json), Ok(code));
        }
    }
}
