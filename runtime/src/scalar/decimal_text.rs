//! Decimals that travel as strings with their own scale.

#[cfg(feature = "schemars")]
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::decimal::{DecimalVisitor, parse_decimal};
use crate::validate::{InvalidRequest, Numeric, Validate};

/// A decimal that travels as a JSON string with its own places: a value
/// read from `"12.50"` is sent as `"12.50"`, `Decimal::new(125, 1)` as
/// `"12.5"`. Decoding accepts a string (no whitespace, no exponent) or,
/// leniently, a JSON number.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DecimalText(pub Decimal);

impl fmt::Display for DecimalText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for DecimalText {
    type Err = String;

    /// Reads `-?[0-9]+(\.[0-9]+)?`, keeping the places as written.
    fn from_str(text: &str) -> Result<Self, String> {
        parse_decimal(text).map(DecimalText)
    }
}

impl From<Decimal> for DecimalText {
    fn from(value: Decimal) -> Self {
        DecimalText(value)
    }
}

impl From<DecimalText> for Decimal {
    fn from(value: DecimalText) -> Self {
        value.0
    }
}

impl Serialize for DecimalText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DecimalText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(DecimalVisitor("a decimal string like \"12.50\""))
            .map(DecimalText)
    }
}

impl Numeric for DecimalText {
    fn to_decimal(&self) -> Option<Decimal> {
        Some(self.0)
    }
}

impl Validate for DecimalText {
    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

#[cfg(feature = "schemars")]
impl JsonSchema for DecimalText {
    fn schema_name() -> Cow<'static, str> {
        "DecimalText".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "description": "decimal",
        })
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn decimal_text_keeps_its_places() {
        let text: DecimalText = serde_json::from_str("\"12.50\"").unwrap();
        assert_eq!(serde_json::to_string(&text).unwrap(), "\"12.50\"");
        assert_eq!(
            serde_json::to_string(&DecimalText(dec("12.5"))).unwrap(),
            "\"12.5\""
        );
        let from_number: DecimalText = serde_json::from_str("1203.8201").unwrap();
        assert_eq!(from_number.to_string(), "1203.8201");
        assert_eq!("3.10".parse::<DecimalText>().unwrap().to_string(), "3.10");
        assert!(serde_json::from_str::<DecimalText>("\"1,5\"").is_err());
        assert!(serde_json::from_str::<DecimalText>("false").is_err());
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schema() {
        assert_eq!(
            schemars::schema_for!(DecimalText).get("type").unwrap(),
            "string"
        );
    }

    fn decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..=10).prop_map(|(m, s)| Decimal::new(m, s))
    }

    proptest! {
        #[test]
        fn decimal_text_round_trips(value in decimal()) {
            let json = serde_json::to_string(&DecimalText(value)).unwrap();
            let back = serde_json::from_str::<DecimalText>(&json).unwrap();
            prop_assert_eq!(back, DecimalText(value));
            prop_assert_eq!(back.0.scale(), value.scale());
        }
    }
}
