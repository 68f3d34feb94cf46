//! Decimals that travel as strings with a fixed scale, and the decimal
//! reading shared with [`Number`](super::Number) and
//! [`DecimalText`](super::DecimalText).

#[cfg(feature = "schemars")]
use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::excerpt;
use crate::validate::{InvalidRequest, Numeric, Validate};

/// Reads `-?[0-9]+(\.[0-9]+)?` exactly: no whitespace, exponent, `+`,
/// underscores or rounding of digits a [`Decimal`] cannot hold.
pub(super) fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !fraction.is_none_or(all_digits) {
        return Err(format!(
            "expected a decimal like \"12.50\", got {}",
            excerpt(text)
        ));
    }
    Decimal::from_str_exact(text).map_err(|_| {
        format!(
            "decimal {} does not fit 28 significant digits",
            excerpt(text)
        )
    })
}

/// The decimal whose digits are the shortest representation that reads
/// back as `value`: `0.5999999_f64` gives exactly `0.5999999`.
pub(super) fn decimal_from_f64(value: f64) -> Result<Decimal, String> {
    if !value.is_finite() {
        return Err(format!("expected a finite number, got {value}"));
    }
    // `Display` for f64 prints the shortest round-trip digits, never an exponent.
    Decimal::from_str_exact(&value.to_string())
        .map_err(|_| format!("number {value:e} is out of the decimal range"))
}

/// Reads a decimal from a JSON string or number.
pub(super) struct DecimalVisitor(pub(super) &'static str);

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::from_i128(v)
            .ok_or_else(|| E::custom(format!("integer {v} is out of the decimal range")))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Decimal, E> {
        Decimal::from_u128(v)
            .ok_or_else(|| E::custom(format!("integer {v} is out of the decimal range")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        decimal_from_f64(v).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).map_err(E::custom)
    }
}

/// A decimal that travels as a JSON string with exactly `SCALE` places:
/// `DecimalString::<5>` sends 12.5 as `"12.50000"`.
///
/// Encoding rounds to `SCALE` places with [`Decimal::round_dp`] (banker's
/// rounding: 0.125 becomes `"0.12"` for `SCALE = 2`) and pads with zeros.
/// Decoding accepts a string with any number of places (no whitespace, no
/// exponent) or, leniently, a JSON number. `SCALE` must be at most 28; a
/// larger one fails to compile where the type is encoded or decoded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DecimalString<const SCALE: u32>(pub Decimal);

impl<const SCALE: u32> DecimalString<SCALE> {
    /// The wire text: rounded to `SCALE` places and padded with zeros.
    pub fn encode(&self) -> String {
        const { assert!(SCALE <= 28, "DecimalString supports at most 28 places") };
        let mut value = self.0.round_dp(SCALE);
        if value.is_zero() {
            value.set_sign_positive(true);
        }
        format!("{value:.0$}", SCALE as usize)
    }
}

impl<const SCALE: u32> fmt::Display for DecimalString<SCALE> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

impl<const SCALE: u32> From<Decimal> for DecimalString<SCALE> {
    fn from(value: Decimal) -> Self {
        DecimalString(value)
    }
}

impl<const SCALE: u32> From<DecimalString<SCALE>> for Decimal {
    fn from(value: DecimalString<SCALE>) -> Self {
        value.0
    }
}

impl<const SCALE: u32> Serialize for DecimalString<SCALE> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

impl<'de, const SCALE: u32> Deserialize<'de> for DecimalString<SCALE> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const { assert!(SCALE <= 28, "DecimalString supports at most 28 places") };
        deserializer
            .deserialize_any(DecimalVisitor("a decimal string like \"12.50\""))
            .map(DecimalString)
    }
}

impl<const SCALE: u32> Numeric for DecimalString<SCALE> {
    fn to_decimal(&self) -> Option<Decimal> {
        Some(self.0)
    }
}

impl<const SCALE: u32> Validate for DecimalString<SCALE> {
    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

#[cfg(feature = "schemars")]
impl<const SCALE: u32> JsonSchema for DecimalString<SCALE> {
    fn schema_name() -> Cow<'static, str> {
        format!("DecimalString{SCALE}").into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let pattern = if SCALE == 0 {
            "^-?[0-9]+$".to_owned()
        } else {
            format!("^-?[0-9]+\\.[0-9]{{{SCALE}}}$")
        };
        schemars::json_schema!({
            "type": "string",
            "pattern": pattern,
            "description": format!("decimal with exactly {SCALE} places"),
        })
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use proptest::prelude::*;

    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parse_is_strict() {
        assert_eq!(parse_decimal("12.50").unwrap().to_string(), "12.50");
        assert_eq!(parse_decimal("-0.5999999").unwrap(), dec("-0.5999999"));
        assert_eq!(parse_decimal("7").unwrap(), dec("7"));
        for bad in [
            "", "-", ".5", "5.", " 1", "1 ", "1\n", "+1", "1_000", "1e3", "NaN", "inf", "1.2.3",
            "--1", "١",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?}");
        }
        let too_long = format!("0.{}", "1".repeat(40));
        assert!(
            parse_decimal(&too_long)
                .unwrap_err()
                .contains("28 significant digits")
        );
        assert!(parse_decimal(&"9".repeat(30)).is_err());
    }

    #[test]
    fn f64_digits() {
        assert_eq!(decimal_from_f64(0.5999999).unwrap(), dec("0.5999999"));
        assert_eq!(decimal_from_f64(-0.8000001).unwrap(), dec("-0.8000001"));
        assert_eq!(decimal_from_f64(1203.8201).unwrap(), dec("1203.8201"));
        assert_eq!(decimal_from_f64(1e-7).unwrap(), dec("0.0000001"));
        assert!(decimal_from_f64(f64::NAN).is_err());
        assert!(decimal_from_f64(f64::INFINITY).is_err());
        assert!(decimal_from_f64(1e300).is_err());
        assert!(decimal_from_f64(1e-300).is_err());
    }

    #[test]
    fn decimal_string_pads_and_rounds() {
        let five = |s: &str| serde_json::to_string(&DecimalString::<5>(dec(s))).unwrap();
        assert_eq!(five("12.5"), "\"12.50000\"");
        assert_eq!(five("12.500000"), "\"12.50000\"");
        assert_eq!(five("-3"), "\"-3.00000\"");
        assert_eq!(five("0.123456"), "\"0.12346\"");
        assert_eq!(five("-0.000001"), "\"0.00000\"");
        assert_eq!(
            serde_json::to_string(&DecimalString::<2>(dec("0.125"))).unwrap(),
            "\"0.12\""
        );
        assert_eq!(
            serde_json::to_string(&DecimalString::<0>(dec("12.5"))).unwrap(),
            "\"12\""
        );
        assert_eq!(
            serde_json::to_string(&DecimalString::<28>(dec("1"))).unwrap(),
            format!("\"1.{}\"", "0".repeat(28))
        );
        assert_eq!(DecimalString::<2>(dec("7")).to_string(), "7.00");
    }

    #[test]
    fn decimal_string_decodes_strings_and_numbers() {
        let read = |s: &str| serde_json::from_str::<DecimalString<5>>(s).map(|d| d.0);
        assert_eq!(read("\"12.50000\"").unwrap(), dec("12.5"));
        assert_eq!(read("\"12.5\"").unwrap(), dec("12.5"));
        assert_eq!(read("12.5").unwrap(), dec("12.5"));
        assert_eq!(read("12").unwrap(), dec("12"));
        for bad in [
            "\" 12.5\"",
            "\"12.5 \"",
            "\"\"",
            "\"1e400\"",
            "1e400",
            "\"NaN\"",
            "null",
            "true",
            "[]",
            "{}",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
        let huge = format!("\"{}\"", "9".repeat(400));
        assert!(read(&huge).is_err());
        let err = read("\"abc\"").unwrap_err().to_string();
        assert!(
            err.contains(r#"expected a decimal like "12.50", got "abc""#),
            "{err}"
        );
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schemas() {
        let schema = schemars::schema_for!(DecimalString<5>);
        assert_eq!(schema.get("pattern").unwrap(), "^-?[0-9]+\\.[0-9]{5}$");
        assert_eq!(DecimalString::<5>::schema_name(), "DecimalString5");
    }

    fn decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..=10).prop_map(|(m, s)| Decimal::new(m, s))
    }

    proptest! {
        #[test]
        fn decimal_string_round_trips(value in decimal()) {
            let sent = DecimalString::<5>(value.round_dp(5));
            let json = serde_json::to_string(&sent).unwrap();
            prop_assert_eq!(serde_json::from_str::<DecimalString<5>>(&json).unwrap(), sent);
            prop_assert_eq!(json.split_once('.').map(|(_, places)| places.len()), Some(6));
        }

        #[test]
        fn parse_never_panics(text in ".{0,40}") {
            let _ = parse_decimal(&text);
        }
    }
}
