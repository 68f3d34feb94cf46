//! Instants: Unix timestamps and RFC 3339 strings.

#[cfg(feature = "schemars")]
use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339 as Rfc3339Format;

use super::excerpt;
use crate::validate::{InvalidRequest, Numeric, Validate};

/// Defines an integer Unix timestamp type; `nanos` is nanoseconds per unit.
macro_rules! timestamp {
    ($(#[$doc:meta])* $name:ident, $unit:literal, nanos $nanos:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The instant in UTC; `None` outside the years `time` supports.
            pub fn to_datetime(self) -> Option<OffsetDateTime> {
                OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * $nanos).ok()
            }

            /// The timestamp of `value`, rounded down to whole units.
            pub fn from_datetime(value: OffsetDateTime) -> Self {
                let units = value.unix_timestamp_nanos().div_euclid($nanos);
                // Years -9999..=9999 are far inside the i64 range in any unit here.
                $name(i64::try_from(units).unwrap_or(if units < 0 { i64::MIN } else { i64::MAX }))
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

        impl From<OffsetDateTime> for $name {
            fn from(value: OffsetDateTime) -> Self {
                $name::from_datetime(value)
            }
        }

        /// Shows the integer as it travels.
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl Numeric for $name {
            fn to_decimal(&self) -> Option<Decimal> {
                Some(Decimal::from(self.0))
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
                    "description": concat!($unit, " since 1970-01-01T00:00:00Z"),
                })
            }
            fn inline_schema() -> bool {
                true
            }
        }
    };
}

timestamp! {
    /// A Unix timestamp in seconds, a plain integer on the wire.
    UnixSeconds, "seconds", nanos 1_000_000_000
}

timestamp! {
    /// A Unix timestamp in milliseconds, a plain integer on the wire.
    UnixMillis, "milliseconds", nanos 1_000_000
}

/// An instant as an RFC 3339 string: `"2021-03-01T12:00:00+03:00"`,
/// `"2021-03-01T09:00:00.5Z"`. The offset is kept; equality and order
/// compare instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rfc3339(pub OffsetDateTime);

impl Rfc3339 {
    /// The wire text; fails for years outside 0..=9999 and offsets with
    /// seconds, which RFC 3339 cannot express.
    pub fn encode(&self) -> Result<String, time::error::Format> {
        self.0.format(&Rfc3339Format)
    }
}

impl Default for Rfc3339 {
    /// The Unix epoch.
    fn default() -> Self {
        Rfc3339(OffsetDateTime::UNIX_EPOCH)
    }
}

impl From<OffsetDateTime> for Rfc3339 {
    fn from(value: OffsetDateTime) -> Self {
        Rfc3339(value)
    }
}

impl From<Rfc3339> for OffsetDateTime {
    fn from(value: Rfc3339) -> Self {
        value.0
    }
}

/// Shows the RFC 3339 text, or `time`'s own form when RFC 3339 cannot
/// express the value.
impl fmt::Display for Rfc3339 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.encode() {
            Ok(text) => f.write_str(&text),
            Err(_) => fmt::Display::fmt(&self.0, f),
        }
    }
}

impl Serialize for Rfc3339 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self
            .encode()
            .map_err(|e| S::Error::custom(format!("{} has no RFC 3339 form: {e}", self.0)))?;
        serializer.serialize_str(&text)
    }
}

/// Reads [`Rfc3339`] from a string.
struct Rfc3339Visitor;

impl Visitor<'_> for Rfc3339Visitor {
    type Value = Rfc3339;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 date-time string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Rfc3339, E> {
        OffsetDateTime::parse(v, &Rfc3339Format)
            .map(Rfc3339)
            .map_err(|_| {
                E::custom(format!(
                    "expected an RFC 3339 date-time like \"2021-03-01T12:00:00+03:00\", got {}",
                    excerpt(v)
                ))
            })
    }
}

impl<'de> Deserialize<'de> for Rfc3339 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Rfc3339Visitor)
    }
}

impl Validate for Rfc3339 {
    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

#[cfg(feature = "schemars")]
impl JsonSchema for Rfc3339 {
    fn schema_name() -> Cow<'static, str> {
        "Rfc3339".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date-time",
        })
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::datetime;

    use super::*;

    #[test]
    fn timestamps() {
        let t = datetime!(2021-03-01 12:00:00.750 +03:00);
        assert_eq!(UnixSeconds::from_datetime(t), UnixSeconds(1_614_589_200));
        assert_eq!(UnixMillis::from_datetime(t), UnixMillis(1_614_589_200_750));
        assert_eq!(UnixMillis(1_614_589_200_750).to_datetime(), Some(t));
        assert_eq!(
            UnixSeconds(0).to_datetime(),
            Some(OffsetDateTime::UNIX_EPOCH)
        );
        assert_eq!(
            UnixMillis::from_datetime(datetime!(1969-12-31 23:59:59.9995 UTC)),
            UnixMillis(-1)
        );
        assert_eq!(serde_json::to_string(&UnixSeconds(5)).unwrap(), "5");
        assert_eq!(
            serde_json::from_str::<UnixMillis>("-5").unwrap(),
            UnixMillis(-5)
        );
        assert_eq!(Numeric::to_decimal(&UnixSeconds(7)), Some(Decimal::from(7)));
    }

    #[test]
    fn out_of_range_timestamps_are_none() {
        assert_eq!(UnixSeconds(i64::MAX).to_datetime(), None);
        assert_eq!(UnixSeconds(i64::MIN).to_datetime(), None);
        assert_eq!(UnixMillis(i64::MAX).to_datetime(), None);
        assert_eq!(UnixMillis(i64::MIN).to_datetime(), None);
        for bad in ["1.5", "1e400", "\"5\"", "null", "99999999999999999999"] {
            assert!(serde_json::from_str::<UnixSeconds>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rfc3339() {
        let t: Rfc3339 = serde_json::from_str("\"2021-03-01T12:00:00+03:00\"").unwrap();
        assert_eq!(t.0, datetime!(2021-03-01 12:00:00 +03:00));
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2021-03-01T12:00:00+03:00\""
        );
        let z: Rfc3339 = serde_json::from_str("\"2021-03-01T09:00:00.5Z\"").unwrap();
        assert_eq!(
            serde_json::to_string(&z).unwrap(),
            "\"2021-03-01T09:00:00.5Z\""
        );
        assert_eq!(t.to_string(), "2021-03-01T12:00:00+03:00");
    }

    #[test]
    fn rfc3339_hostile() {
        for bad in [
            "\"2021-13-01T00:00:00Z\"",
            "\"2021-03-01\"",
            "\"\"",
            "12",
            "null",
            "[\"x\"]",
        ] {
            assert!(serde_json::from_str::<Rfc3339>(bad).is_err(), "{bad}");
        }
        let err = serde_json::from_str::<Rfc3339>("\"yesterday\"")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(r#"like "2021-03-01T12:00:00+03:00", got "yesterday""#),
            "{err}"
        );
        let far = Rfc3339(datetime!(2021-03-01 12:00:00 UTC).replace_year(-5).unwrap());
        assert!(serde_json::to_string(&far).is_err());
        assert!(!far.to_string().is_empty());
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schema() {
        assert_eq!(
            schemars::schema_for!(Rfc3339).get("format").unwrap(),
            "date-time"
        );
        assert_eq!(
            schemars::schema_for!(UnixMillis).get("type").unwrap(),
            "integer"
        );
    }

    proptest! {
        #[test]
        fn millis_round_trip(ms in -62_135_596_800_000i64..=253_402_300_799_999) {
            let dt = UnixMillis(ms).to_datetime().unwrap();
            prop_assert_eq!(UnixMillis::from_datetime(dt), UnixMillis(ms));
            let json = serde_json::to_string(&Rfc3339(dt)).unwrap();
            prop_assert_eq!(serde_json::from_str::<Rfc3339>(&json).unwrap(), Rfc3339(dt));
        }

        #[test]
        fn rfc3339_never_panics(text in ".{0,40}") {
            let _ = serde_json::from_value::<Rfc3339>(serde_json::Value::String(text));
        }
    }
}
