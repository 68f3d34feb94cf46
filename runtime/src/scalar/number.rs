//! Decimals that travel as JSON numbers.

#[cfg(feature = "schemars")]
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::decimal::{DecimalVisitor, parse_decimal};
use crate::validate::{InvalidRequest, Numeric, Validate};

/// A decimal that travels as a JSON number (`12.5`, `1203.8201`, `7`).
///
/// Encoding: a value without a fractional part is written as an integer
/// (exact in the `i64` and `u64` ranges); any other value is
/// written as an `f64`. serde_json prints an `f64` as the shortest text that
/// reads back as the same `f64`, which is the decimal's own digits whenever
/// it has at most 15 significant digits (`0.5999999`, `-0.8000001`); longer
/// values, and integers beyond the `u64` range, are rounded to the nearest
/// `f64` on the way out. Fractions below 1e-5 in magnitude are written in
/// exponent form (`1e-7`), which is valid JSON.
///
/// Decoding: integers exactly; a fraction through the shortest text of the
/// `f64` serde_json read, so `0.5999999` becomes exactly `0.5999999` (not
/// `0.59999990000000000279...`); and, because vendors slip, a string holding
/// a plain decimal (`"12.50"`). A JSON number with more than 15 significant
/// digits may come back with different trailing digits, as it would in any
/// `f64`-based JSON reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Number(pub Decimal);

impl Number {
    /// The value as the nearest `f64` (correctly rounded).
    pub fn to_f64(&self) -> f64 {
        // Clinger's fast path: a mantissa below 2^53 and a power of ten up
        // to 10^22 are both exact in an f64, and IEEE division rounds
        // correctly, so their quotient is the nearest f64. (Decimal's own
        // conversion can be off by one unit in the last place.)
        const POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
            1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        ];
        let mantissa = self.0.mantissa();
        if let Some(pow) = POW10.get(self.0.scale() as usize)
            && mantissa.unsigned_abs() < 1 << 53
        {
            return mantissa as f64 / pow;
        }
        // Elsewhere, reading the decimal's text is exact-nearest.
        self.0.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Number {
    type Err = String;

    /// Reads `-?[0-9]+(\.[0-9]+)?` exactly.
    fn from_str(text: &str) -> Result<Self, String> {
        parse_decimal(text).map(Number)
    }
}

impl From<Decimal> for Number {
    fn from(value: Decimal) -> Self {
        Number(value)
    }
}

impl From<Number> for Decimal {
    fn from(value: Number) -> Self {
        value.0
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Self {
        Number(Decimal::from(value))
    }
}

impl From<i32> for Number {
    fn from(value: i32) -> Self {
        Number(Decimal::from(value))
    }
}

impl From<u32> for Number {
    fn from(value: u32) -> Self {
        Number(Decimal::from(value))
    }
}

impl From<u64> for Number {
    fn from(value: u64) -> Self {
        Number(Decimal::from(value))
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(n) = whole(self.0) {
            if let Ok(n) = i64::try_from(n) {
                return serializer.serialize_i64(n);
            }
            if let Ok(n) = u64::try_from(n) {
                return serializer.serialize_u64(n);
            }
        }
        let value = self.to_f64();
        if value.is_finite() {
            serializer.serialize_f64(value)
        } else {
            Err(S::Error::custom(format!(
                "decimal {} has no f64 form",
                self.0
            )))
        }
    }
}

/// The value as an integer where it has no fractional part: its mantissa
/// divided by its power of ten, exactly. (Cheaper than `fract()`, which
/// subtracts a truncated copy.)
fn whole(value: Decimal) -> Option<i128> {
    const POW10: [i64; 19] = {
        let mut pow = [1i64; 19];
        let mut i = 1;
        while i < pow.len() {
            pow[i] = pow[i - 1] * 10;
            i += 1;
        }
        pow
    };
    let (mantissa, scale) = (value.mantissa(), value.scale());
    // Amounts fit 64 bits, where the division is one instruction rather
    // than a call into 128-bit arithmetic.
    if let (Ok(m), Some(&pow)) = (i64::try_from(mantissa), POW10.get(scale as usize)) {
        return (m % pow == 0).then_some(i128::from(m / pow));
    }
    // A scale is at most 28, and 10^28 fits an i128.
    let pow = 10i128.checked_pow(scale)?;
    (mantissa % pow == 0).then_some(mantissa / pow)
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(DecimalVisitor("a number"))
            .map(Number)
    }
}

impl Numeric for Number {
    fn to_decimal(&self) -> Option<Decimal> {
        Some(self.0)
    }
}

impl Validate for Number {
    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

#[cfg(feature = "schemars")]
impl JsonSchema for Number {
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({ "type": "number" })
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

    fn read(json: &str) -> Result<Decimal, serde_json::Error> {
        serde_json::from_str::<Number>(json).map(|n| n.0)
    }

    fn write(s: &str) -> String {
        serde_json::to_string(&Number(dec(s))).unwrap()
    }

    #[test]
    fn doc_values_decode_exactly() {
        for text in [
            "0.5999999",
            "-0.8000001",
            "1203.8201",
            "12.5",
            "0.1",
            "99999999.99",
            "-0.01",
        ] {
            let value = read(text).unwrap();
            assert_eq!(value, dec(text), "{text}");
            assert_eq!(value.to_string(), text);
        }
        assert_eq!(read("12").unwrap(), dec("12"));
        assert_eq!(
            read("-9223372036854775808").unwrap(),
            Decimal::from(i64::MIN)
        );
        assert_eq!(
            read("18446744073709551615").unwrap(),
            Decimal::from(u64::MAX)
        );
        assert_eq!(read("1e-7").unwrap(), dec("0.0000001"));
        assert_eq!(read("1.5E3").unwrap(), dec("1500"));
    }

    #[test]
    fn doc_values_encode() {
        assert_eq!(write("0.5999999"), "0.5999999");
        assert_eq!(write("-0.8000001"), "-0.8000001");
        assert_eq!(write("1203.8201"), "1203.8201");
        assert_eq!(write("12.50"), "12.5");
        assert_eq!(write("12.00"), "12");
        assert_eq!(write("-7"), "-7");
        assert_eq!(write("18446744073709551615"), "18446744073709551615");
        assert_eq!(write("0.1234567890123456789"), "0.12345678901234568");
        assert_eq!(Number(dec("12.50")).to_string(), "12.50");
    }

    #[test]
    fn strings_are_accepted() {
        assert_eq!(read("\"12.50\"").unwrap().to_string(), "12.50");
        assert_eq!("-3.1".parse::<Number>().unwrap(), Number(dec("-3.1")));
    }

    #[test]
    fn hostile_inputs_are_errors() {
        let huge = "9".repeat(500);
        for bad in [
            "1e400",
            "-1e400",
            "1e300",
            "\"1e400\"",
            "\"NaN\"",
            "\"inf\"",
            "\" 1\"",
            "\"\"",
            "null",
            "true",
            "[1]",
            "{}",
            &huge,
            "123456789012345678901234567890",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
        assert!(
            read("\"abc\"")
                .unwrap_err()
                .to_string()
                .contains("expected a decimal")
        );
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schema() {
        assert_eq!(schemars::schema_for!(Number).get("type").unwrap(), "number");
    }

    fn short_decimal() -> impl Strategy<Value = Decimal> {
        // At most 15 significant digits: the documented exact range.
        (-999_999_999_999_999i64..=999_999_999_999_999, 0u32..=15)
            .prop_map(|(m, s)| Decimal::new(m, s))
    }

    proptest! {
        #[test]
        fn round_trips(value in short_decimal()) {
            let json = serde_json::to_string(&Number(value)).unwrap();
            prop_assert_eq!(read(&json).unwrap(), value, "{}", json);
        }

        #[test]
        fn integers_round_trip(n in any::<i64>()) {
            let json = serde_json::to_string(&Number::from(n)).unwrap();
            prop_assert_eq!(json.clone(), n.to_string());
            prop_assert_eq!(read(&json).unwrap(), Decimal::from(n));
        }

        #[test]
        fn whole_is_exact(
            lo in any::<u32>(),
            mid in prop_oneof![Just(0u32), any::<u32>()],
            hi in prop_oneof![Just(0u32), any::<u32>()],
            negative in any::<bool>(),
            scale in 0u32..=28,
            zeros in 0u32..=19,
        ) {
            // Mantissas inside and outside 64 bits, with and without
            // trailing zeros: the 64-bit path agrees with 128-bit division.
            let base = Decimal::from_parts(lo, mid, hi, negative, 0);
            let value = base
                .checked_mul(Decimal::from(10u64.pow(zeros)))
                .and_then(|v| Decimal::try_from_i128_with_scale(v.mantissa(), scale).ok())
                .unwrap_or_else(|| Decimal::from_parts(lo, mid, hi, negative, scale));
            let pow = 10i128.pow(value.scale());
            let expected = (value.mantissa() % pow == 0).then(|| value.mantissa() / pow);
            prop_assert_eq!(whole(value), expected, "{}", value);
        }

        #[test]
        fn to_f64_is_the_nearest_f64(
            mantissa in prop_oneof![any::<i64>(), -(1i64 << 54)..(1i64 << 54), -100_000i64..100_000],
            scale in 0u32..=28,
        ) {
            // Mantissas on both sides of 2^53 and scales on both sides of
            // 22: the fast path and the text path agree with the text.
            let value = Number(Decimal::new(mantissa, scale));
            let nearest: f64 = value.0.to_string().parse().unwrap();
            prop_assert_eq!(value.to_f64().to_bits(), nearest.to_bits(), "{}", value);
        }

        #[test]
        fn any_f64_decodes_or_errors(v in any::<f64>()) {
            if let Ok(json) = serde_json::to_string(&v) {
                let _ = read(&json);
            }
        }
    }
}
