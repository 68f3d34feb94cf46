//! Flags that travel as `0` / `1`.

#[cfg(feature = "schemars")]
use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::validate::{InvalidRequest, Validate};

/// A flag that travels as the integer `0` or `1`.
///
/// Decoding also accepts `true`/`false` and the strings `"0"`/`"1"`;
/// encoding always writes `0` or `1`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bool01(pub bool);

impl From<bool> for Bool01 {
    fn from(value: bool) -> Self {
        Bool01(value)
    }
}

impl From<Bool01> for bool {
    fn from(value: Bool01) -> Self {
        value.0
    }
}

/// Shows `true` or `false`.
impl fmt::Display for Bool01 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for Bool01 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(u8::from(self.0))
    }
}

/// Reads [`Bool01`] from an integer, a bool or a string.
struct Bool01Visitor;

impl Visitor<'_> for Bool01Visitor {
    type Value = Bool01;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("0 or 1")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Bool01, E> {
        Ok(Bool01(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Bool01, E> {
        match v {
            0 => Ok(Bool01(false)),
            1 => Ok(Bool01(true)),
            _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Bool01, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Bool01, E> {
        match v {
            "0" => Ok(Bool01(false)),
            "1" => Ok(Bool01(true)),
            _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
        }
    }
}

impl<'de> Deserialize<'de> for Bool01 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Bool01Visitor)
    }
}

impl Validate for Bool01 {
    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

#[cfg(feature = "schemars")]
impl JsonSchema for Bool01 {
    fn schema_name() -> Cow<'static, str> {
        "Bool01".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "type": "integer",
            "enum": [0, 1],
            "description": "flag: 1 is true, 0 is false",
        })
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<bool, serde_json::Error> {
        serde_json::from_str::<Bool01>(json).map(bool::from)
    }

    #[test]
    fn encodes_as_integer() {
        assert_eq!(serde_json::to_string(&Bool01(true)).unwrap(), "1");
        assert_eq!(serde_json::to_string(&Bool01(false)).unwrap(), "0");
        assert_eq!(Bool01(true).to_string(), "true");
    }

    #[test]
    fn decodes_every_spelling() {
        assert!(read("1").unwrap());
        assert!(!read("0").unwrap());
        assert!(read("true").unwrap());
        assert!(!read("false").unwrap());
        assert!(read("\"1\"").unwrap());
        assert!(!read("\"0\"").unwrap());
        assert!(
            !serde_json::from_value::<Bool01>(serde_json::json!(0))
                .unwrap()
                .0
        );
    }

    #[test]
    fn hostile_inputs_are_errors() {
        for bad in [
            "2",
            "-1",
            "1.0",
            "1e400",
            "\"true\"",
            "\" 1\"",
            "\"\"",
            "null",
            "[]",
            "{}",
            "99999999999999999999",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
        let err = read("7").unwrap_err().to_string();
        assert!(err.contains("expected 0 or 1"), "{err}");
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schema() {
        let schema = schemars::schema_for!(Bool01);
        assert_eq!(schema.get("enum").unwrap(), &serde_json::json!([0, 1]));
    }
}
