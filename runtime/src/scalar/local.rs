//! Local dates and times in a vendor's own pattern (`01.03.2021 12:00:00`).

#[cfg(feature = "schemars")]
use std::any::type_name;
#[cfg(feature = "schemars")]
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time};

/// Parses `text` in `items`. A two-digit year (`[year repr:last_two]`)
/// is read in 1970..=2069, which `time` leaves to the caller.
pub(super) fn parse_items<T: TryFrom<time::parsing::Parsed>>(
    text: &str,
    items: &[time::format_description::BorrowedFormatItem<'_>],
) -> Option<T> {
    let mut parsed = time::parsing::Parsed::new();
    let rest = parsed.parse_items(text.as_bytes(), items).ok()?;
    if !rest.is_empty() {
        return None;
    }
    if parsed.year().is_none()
        && let Some(yy) = parsed.year_last_two()
    {
        let century = if yy < 70 { 2000 } else { 1900 };
        parsed.set_year(century + i32::from(yy))?;
    }
    T::try_from(parsed).ok()
}

/// The Unix epoch in each of the wrapped types, for `Default`.
trait Epoch {
    fn epoch() -> Self;
}

impl Epoch for PrimitiveDateTime {
    fn epoch() -> Self {
        PrimitiveDateTime::new(Date::epoch(), Time::MIDNIGHT)
    }
}

impl Epoch for Date {
    fn epoch() -> Self {
        OffsetDateTime::UNIX_EPOCH.date()
    }
}

/// The example the schemas give: 2021-03-01 12:00:00 (checked when
/// compiling; `time`'s macros are not compiled for it).
#[cfg(feature = "schemars")]
mod sample {
    use time::{Date, Month, PrimitiveDateTime, Time};

    pub const DATE: Date = match Date::from_calendar_date(2021, Month::March, 1) {
        Ok(date) => date,
        Err(_) => panic!("a valid date"),
    };
    pub const TIME: Time = match Time::from_hms(12, 0, 0) {
        Ok(time) => time,
        Err(_) => panic!("a valid time"),
    };
    pub const DATE_TIME: PrimitiveDateTime = PrimitiveDateTime::new(DATE, TIME);
}

impl Epoch for Time {
    fn epoch() -> Self {
        Time::MIDNIGHT
    }
}

use super::date_format::{DateFormat, items};
use super::excerpt;
use crate::validate::{InvalidRequest, Validate};

/// Defines a wrapper that travels as text in a [`DateFormat`] pattern:
/// `$what` names it in errors, `$sample` gives the schema example.
macro_rules! local {
    ($(#[$doc:meta])* $name:ident($inner:ty), $what:literal, sample $sample:expr) => {
        $(#[$doc])*
        pub struct $name<F>(pub $inner, PhantomData<fn() -> F>);

        impl<F> $name<F> {
            /// Wraps a value.
            pub const fn new(value: $inner) -> Self {
                $name(value, PhantomData)
            }

            /// The value.
            pub const fn get(&self) -> $inner {
                self.0
            }
        }

        impl<F: DateFormat> $name<F> {
            /// The wire text in `F`'s pattern.
            pub fn encode(&self) -> Result<String, String> {
                self.0.format(items::<F>()?).map_err(|e| {
                    format!("{} does not fit the pattern {:?}: {e}", self.0, F::PATTERN)
                })
            }

            /// Reads text in `F`'s pattern.
            pub fn parse(text: &str) -> Result<Self, String> {
                if let Some(value) = super::fixed::parse::<$inner>(
                    &const { super::fixed::Layout::of(F::PATTERN) },
                    text,
                ) {
                    return Ok(Self::new(value));
                }
                parse_items::<$inner>(text, items::<F>()?).map(Self::new).ok_or_else(|| {
                    format!(concat!("expected ", $what, " like \"{}\", got {}"), F::PATTERN, excerpt(text))
                })
            }
        }

        impl<F> Clone for $name<F> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<F> Copy for $name<F> {}

        /// The Unix epoch (1970-01-01 00:00:00), so request structs can use
        /// `..Default::default()`; set a real value before sending.
        impl<F> Default for $name<F> {
            fn default() -> Self {
                Self::new(<$inner as Epoch>::epoch())
            }
        }

        impl<F> PartialEq for $name<F> {
            fn eq(&self, other: &Self) -> bool {
                self.0 == other.0
            }
        }

        impl<F> Eq for $name<F> {}

        impl<F> PartialOrd for $name<F> {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl<F> Ord for $name<F> {
            fn cmp(&self, other: &Self) -> Ordering {
                self.0.cmp(&other.0)
            }
        }

        impl<F> Hash for $name<F> {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.0.hash(state);
            }
        }

        impl<F> fmt::Debug for $name<F> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        /// Shows the wire text, or `time`'s own form when the pattern cannot
        /// express the value.
        impl<F: DateFormat> fmt::Display for $name<F> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self.encode() {
                    Ok(text) => f.write_str(&text),
                    Err(_) => fmt::Display::fmt(&self.0, f),
                }
            }
        }

        impl<F> From<$inner> for $name<F> {
            fn from(value: $inner) -> Self {
                Self::new(value)
            }
        }

        impl<F> From<$name<F>> for $inner {
            fn from(value: $name<F>) -> Self {
                value.0
            }
        }

        impl<F: DateFormat> Serialize for $name<F> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.encode().map_err(S::Error::custom)?)
            }
        }

        impl<'de, F: DateFormat> Deserialize<'de> for $name<F> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                /// Reads the wrapper from a string.
                struct Text<F>(PhantomData<fn() -> F>);

                impl<F: DateFormat> Visitor<'_> for Text<F> {
                    type Value = $name<F>;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        write!(f, concat!($what, " string like \"{}\""), F::PATTERN)
                    }

                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name<F>, E> {
                        $name::parse(v).map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(Text(PhantomData))
            }
        }

        impl<F> Validate for $name<F> {
            fn validate(&self) -> Result<(), InvalidRequest> {
                Ok(())
            }
        }

        #[cfg(feature = "schemars")]
        impl<F: DateFormat> JsonSchema for $name<F> {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn schema_id() -> Cow<'static, str> {
                format!(concat!("kassa::", stringify!($name), "<{}>"), type_name::<F>()).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                let mut schema = schemars::json_schema!({
                    "type": "string",
                    "description": format!(concat!($what, " in the pattern {}"), F::PATTERN),
                });
                if let Some(example) = items::<F>().ok().and_then(|items| $sample.format(items).ok()) {
                    schema.insert("examples".to_owned(), serde_json::json!([example]));
                }
                schema
            }
            fn inline_schema() -> bool {
                true
            }
        }
    };
}

local! {
    /// A date and time without offset, as a string in `F`'s pattern
    /// (`LocalDateTime<DayMonthYearTime>`: `"01.03.2021 12:00:00"`).
    LocalDateTime(PrimitiveDateTime), "a date", sample sample::DATE_TIME
}

local! {
    /// A calendar date, as a string in `F`'s pattern
    /// (`LocalDate<IsoDate>`: `"2021-03-01"`).
    LocalDate(Date), "a date", sample sample::DATE
}

local! {
    /// A time of day, as a string in `F`'s pattern
    /// (`LocalTime<IsoTime>`: `"12:00:00"`).
    LocalTime(Time), "a time", sample sample::TIME
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::{date, datetime, time};

    use super::*;
    use crate::{IsoDate, IsoTime};

    crate::date_format! {
        /// `01.03.2021 12:00:00`
        DayMonthYearTime = "[day].[month].[year] [hour]:[minute]:[second]";
        /// Cannot express a local time.
        WithOffset = "[hour]:[minute] [offset_hour]";
    }

    /// A format with no derived traits, to show the wrappers need none.
    enum Bare {}

    impl DateFormat for Bare {
        const PATTERN: &'static str = "[day]/[month]/[year]";
        fn items() -> &'static [time::format_description::BorrowedFormatItem<'static>] {
            static ITEMS: crate::__DatePattern = crate::__DatePattern::new();
            ITEMS.items(Self::PATTERN)
        }
    }

    #[test]
    fn wire_text_in_the_pattern() {
        let dt: LocalDateTime<DayMonthYearTime> =
            serde_json::from_str("\"01.03.2021 12:05:09\"").unwrap();
        assert_eq!(dt.get(), datetime!(2021-03-01 12:05:09));
        assert_eq!(
            serde_json::to_string(&dt).unwrap(),
            "\"01.03.2021 12:05:09\""
        );
        assert_eq!(dt.to_string(), "01.03.2021 12:05:09");
        let d: LocalDate<IsoDate> = serde_json::from_str("\"2021-03-01\"").unwrap();
        assert_eq!(Date::from(d), date!(2021 - 03 - 01));
        let t: LocalTime<IsoTime> = LocalTime::from(time!(07:08:09));
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"07:08:09\"");
        assert_eq!(
            LocalDate::<Bare>::parse("01/03/2021").unwrap().0,
            date!(2021 - 03 - 01)
        );
    }

    #[test]
    fn errors_say_what_was_expected() {
        let err =
            serde_json::from_str::<LocalDateTime<DayMonthYearTime>>("\"2021-13-01\"").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"expected a date like "[day].[month].[year] [hour]:[minute]:[second]", got "2021-13-01" at line 1 column 12"#
        );
        let err = LocalTime::<IsoTime>::parse("25:00:00").unwrap_err();
        assert_eq!(
            err,
            r#"expected a time like "[hour]:[minute]:[second]", got "25:00:00""#
        );
        let err = serde_json::from_str::<LocalDate<IsoDate>>("20210301")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(r#"expected a date string like "[year]-[month]-[day]""#),
            "{err}"
        );
    }

    #[test]
    fn hostile_inputs_are_errors() {
        let long = format!("\"{}\"", "9".repeat(10_000));
        for bad in [
            "\"2021-02-30\"",
            "\"2021-03-01 \"",
            "\" 2021-03-01\"",
            "\"\"",
            "\"99999-01-01\"",
            "\"2021-3-1\"",
            "\"２０２１-03-01\"",
            "null",
            "1e400",
            "[]",
            "{}",
            long.as_str(),
        ] {
            assert!(
                serde_json::from_str::<LocalDate<IsoDate>>(bad).is_err(),
                "{bad}"
            );
        }
        let err = LocalDate::<IsoDate>::parse(&"9".repeat(10_000)).unwrap_err();
        assert!(err.len() < 200, "{err}");
    }

    #[test]
    fn values_the_pattern_cannot_express() {
        let t = LocalTime::<WithOffset>::new(time!(12:00));
        assert!(
            serde_json::to_string(&t)
                .unwrap_err()
                .to_string()
                .contains("does not fit the pattern")
        );
        assert_eq!(t.to_string(), "12:00:00.0");
    }

    #[test]
    fn traits_need_nothing_from_the_format() {
        let a = LocalDate::<Bare>::new(date!(2021 - 03 - 01));
        let b = a;
        assert_eq!(a, b.clone());
        assert!(a < LocalDate::new(date!(2021 - 03 - 02)));
        assert_eq!(format!("{a:?}"), "LocalDate(2021-03-01)");
        let set: std::collections::HashSet<_> = [a, b].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert!(a.validate().is_ok());
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schema() {
        let schema = schemars::schema_for!(LocalDateTime<DayMonthYearTime>);
        assert_eq!(schema.get("type").unwrap(), "string");
        assert_eq!(
            schema.get("description").unwrap(),
            "a date in the pattern [day].[month].[year] [hour]:[minute]:[second]"
        );
        assert_eq!(
            schema.get("examples").unwrap(),
            &serde_json::json!(["01.03.2021 12:00:00"])
        );
        assert!(LocalDate::<IsoDate>::schema_id().contains("IsoDate"));
        assert_ne!(
            LocalDate::<IsoDate>::schema_id(),
            LocalDate::<Bare>::schema_id()
        );
    }

    fn any_date() -> impl Strategy<Value = Date> {
        // 0001-01-01 ..= 9999-12-31
        (1_721_426i32..=5_373_484).prop_map(|day| Date::from_julian_day(day).unwrap())
    }

    fn any_time() -> impl Strategy<Value = Time> {
        (0u8..24, 0u8..60, 0u8..60).prop_map(|(h, m, s)| Time::from_hms(h, m, s).unwrap())
    }

    proptest! {
        #[test]
        fn round_trips(date in any_date(), time in any_time()) {
            let dt = LocalDateTime::<DayMonthYearTime>::new(PrimitiveDateTime::new(date, time));
            let json = serde_json::to_string(&dt).unwrap();
            prop_assert_eq!(serde_json::from_str::<LocalDateTime<DayMonthYearTime>>(&json).unwrap(), dt);
            let d = LocalDate::<IsoDate>::new(date);
            prop_assert_eq!(serde_json::from_str::<LocalDate<IsoDate>>(&serde_json::to_string(&d).unwrap()).unwrap(), d);
            let t = LocalTime::<IsoTime>::new(time);
            prop_assert_eq!(serde_json::from_str::<LocalTime<IsoTime>>(&serde_json::to_string(&t).unwrap()).unwrap(), t);
        }

        #[test]
        fn parse_never_panics(text in ".{0,40}") {
            let _ = LocalDateTime::<DayMonthYearTime>::parse(&text);
        }
    }
}
