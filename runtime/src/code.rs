//! Wire codes of enums and error tables: integers or strings.

use std::borrow::Cow;
use std::fmt;

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
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Code::from_json(&value).ok_or_else(|| {
            serde::de::Error::custom(format!("expected an integer or string code, found {value}"))
        })
    }
}
