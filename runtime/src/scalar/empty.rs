//! The payload of an operation that carries nothing.

#[cfg(feature = "schemars")]
use std::borrow::Cow;

#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::validate::{InvalidRequest, Validate};

/// The request or response of an operation that carries nothing.
///
/// Decoding accepts and ignores any value (`null`, `{}`, `"OK"`, `0`, a
/// whole document), since devices answer "nothing" in many ways; encoding
/// writes `null`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Empty;

impl From<()> for Empty {
    fn from((): ()) -> Self {
        Empty
    }
}

impl From<Empty> for () {
    fn from(_: Empty) -> Self {}
}

impl Serialize for Empty {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

impl<'de> Deserialize<'de> for Empty {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| Empty)
    }
}

impl Validate for Empty {
    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

#[cfg(feature = "schemars")]
impl JsonSchema for Empty {
    fn schema_name() -> Cow<'static, str> {
        "Empty".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!(true)
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_anything() {
        for json in [
            "null",
            "{}",
            "\"OK\"",
            "0",
            "1e400",
            "[1, {\"a\": [null]}]",
            "true",
            "-5.5",
        ] {
            assert_eq!(
                serde_json::from_str::<Empty>(json).ok(),
                Some(Empty),
                "{json}"
            );
        }
        assert_eq!(
            serde_json::from_value::<Empty>(serde_json::json!({"a": 1})).unwrap(),
            Empty
        );
    }

    #[test]
    fn still_rejects_broken_json() {
        assert!(serde_json::from_str::<Empty>("{").is_err());
        assert!(serde_json::from_str::<Empty>("").is_err());
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn encodes_null() {
        assert_eq!(serde_json::to_string(&Empty).unwrap(), "null");
        assert_eq!(schemars::schema_for!(Empty).as_bool(), None);
        assert_eq!(
            Empty::json_schema(&mut SchemaGenerator::default()).as_bool(),
            Some(true)
        );
    }
}
