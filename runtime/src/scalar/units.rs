//! Fixed-point integers: kopecks, thousandths of a quantity, basis points.

#[cfg(feature = "schemars")]
use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

use crate::validate::{InvalidRequest, Numeric, Validate};

/// `value × 10^scale` as an `i64`, when that is an exact integer in range.
fn scaled_integer(value: Decimal, scale: u32) -> Option<i64> {
    let value = value.normalize();
    let places = scale.checked_sub(value.scale())?;
    let factor = 10i128.checked_pow(places)?;
    i64::try_from(value.mantissa().checked_mul(factor)?).ok()
}

/// Defines an `i64` fixed-point type standing for `value / 10^scale`.
macro_rules! fixed_point {
    ($(
        $(#[$doc:meta])*
        $name:ident, scale $scale:literal, unit $unit:literal, example $example:literal;
    )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// Places after the decimal point the integer stands for.
            pub const SCALE: u32 = $scale;

            /// The value as an exact decimal with [`Self::SCALE`] places.
            pub fn to_decimal(self) -> Decimal {
                Decimal::new(self.0, Self::SCALE)
            }

            /// The integer for `value`; `None` unless `value` has at most
            /// [`Self::SCALE`] significant places and fits an `i64`.
            pub fn from_decimal(value: Decimal) -> Option<Self> {
                scaled_integer(value, Self::SCALE).map($name)
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                $name(value)
            }
        }

        impl From<$name> for i64 {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl From<$name> for Decimal {
            fn from(value: $name) -> Self {
                value.to_decimal()
            }
        }

        /// Shows the decimal value (`12.50`), not the integer on the wire.
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&$name::to_decimal(*self), f)
            }
        }

        impl Numeric for $name {
            fn to_decimal(&self) -> Option<Decimal> {
                Some($name::to_decimal(*self))
            }
        }

        impl Validate for $name {
            fn validate(&self) -> Result<(), InvalidRequest> {
                Ok(())
            }
        }

        #[cfg(feature = "schemars")]
        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                schemars::json_schema!({
                    "type": "integer",
                    "format": "int64",
                    "description": concat!($unit, " (", $example, ")"),
                })
            }
            fn inline_schema() -> bool {
                true
            }
        }
    )*};
}

fixed_point! {
    /// An amount in hundredths of the currency unit (kopecks, cents): `1250`
    /// on the wire is 12.50. [`MinorUnits::to_decimal`] gives the amount.
    MinorUnits, scale 2, unit "hundredths of the currency unit", example "1250 = 12.50";
    /// A quantity in thousandths: `21000` on the wire is 21.
    /// [`Milli::to_decimal`] gives the quantity.
    Milli, scale 3, unit "thousandths", example "21000 = 21.000";
    /// A percentage in hundredths of a percent: `2000` on the wire is
    /// 20.00 %. [`BasisPoints::to_decimal`] gives the percent (`20.00`).
    BasisPoints, scale 2, unit "hundredths of a percent", example "2000 = 20.00 %";
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
    fn doc_values() {
        assert_eq!(MinorUnits(1250).to_decimal().to_string(), "12.50");
        assert_eq!(Milli(21000).to_decimal(), dec("21"));
        assert_eq!(Milli(21000).to_decimal().to_string(), "21.000");
        assert_eq!(BasisPoints(2000).to_decimal().to_string(), "20.00");
        assert_eq!(MinorUnits(-5).to_string(), "-0.05");
        assert_eq!(Numeric::to_decimal(&MinorUnits(1)), Some(dec("0.01")));
    }

    #[test]
    fn from_decimal_is_exact_or_none() {
        assert_eq!(
            MinorUnits::from_decimal(dec("12.5")),
            Some(MinorUnits(1250))
        );
        assert_eq!(
            MinorUnits::from_decimal(dec("12.5000")),
            Some(MinorUnits(1250))
        );
        assert_eq!(MinorUnits::from_decimal(dec("-0.01")), Some(MinorUnits(-1)));
        assert_eq!(MinorUnits::from_decimal(dec("12.501")), None);
        assert_eq!(Milli::from_decimal(dec("12.501")), Some(Milli(12501)));
        assert_eq!(Milli::from_decimal(dec("1200")), Some(Milli(1_200_000)));
        assert_eq!(
            BasisPoints::from_decimal(dec("20")),
            Some(BasisPoints(2000))
        );
        // Out of the i64 range.
        assert_eq!(MinorUnits::from_decimal(dec("92233720368547758.08")), None);
        assert_eq!(
            MinorUnits::from_decimal(dec("92233720368547758.07")),
            Some(MinorUnits(i64::MAX))
        );
        assert_eq!(MinorUnits::from_decimal(Decimal::MAX), None);
        assert_eq!(MinorUnits::from_decimal(Decimal::MIN), None);
        assert_eq!(MinorUnits::from_decimal(Decimal::new(1, 28)), None);
    }

    #[test]
    fn wire_is_a_plain_integer() {
        assert_eq!(serde_json::to_string(&MinorUnits(1250)).unwrap(), "1250");
        assert_eq!(
            serde_json::from_str::<Milli>("21000").unwrap(),
            Milli(21000)
        );
        assert_eq!(
            serde_json::from_str::<BasisPoints>("-3").unwrap(),
            BasisPoints(-3)
        );
    }

    #[test]
    fn hostile_inputs_are_errors() {
        for bad in [
            "12.5",
            "1e400",
            "99999999999999999999",
            "\"12\"",
            "null",
            "true",
            "[]",
            "\"NaN\"",
        ] {
            assert!(serde_json::from_str::<MinorUnits>(bad).is_err(), "{bad}");
        }
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schema() {
        let schema = schemars::schema_for!(MinorUnits);
        assert_eq!(schema.get("type").unwrap(), "integer");
        assert!(MinorUnits::inline_schema());
    }

    proptest! {
        #[test]
        fn round_trips(n in any::<i64>()) {
            let json = serde_json::to_string(&MinorUnits(n)).unwrap();
            prop_assert_eq!(serde_json::from_str::<MinorUnits>(&json).unwrap(), MinorUnits(n));
            prop_assert_eq!(MinorUnits::from_decimal(MinorUnits(n).to_decimal()), Some(MinorUnits(n)));
            prop_assert_eq!(Milli::from_decimal(Milli(n).to_decimal()), Some(Milli(n)));
        }
    }
}
