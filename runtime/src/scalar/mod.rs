//! Scalar wire types: values whose encoding on the wire is special.
//!
//! Generated vendor clients use these for fields such as `1`/`0` flags,
//! sums in kopecks, decimals that travel as strings with a fixed number of
//! places, dates in a vendor's own pattern and payloads that are either one
//! item or a list. Each type serializes to the vendor's encoding, decodes it
//! (leniently where vendors are known to slip) and never panics on hostile
//! input: a value it cannot read becomes a serde error.
//!
//! | type | wire |
//! |---|---|
//! | [`Bool01`] | `0` / `1` (decodes `true`/`false`, `"0"`/`"1"` too) |
//! | [`MinorUnits`], [`Milli`], [`BasisPoints`] | integer hundredths / thousandths |
//! | [`Number`] | JSON number |
//! | [`DecimalString`] | `"12.50000"`, a fixed number of places |
//! | [`DecimalText`] | `"12.50"`, the decimal's own places |
//! | [`UnixSeconds`], [`UnixMillis`] | integer timestamp |
//! | [`Rfc3339`] | `"2021-03-01T12:00:00+03:00"` |
//! | [`LocalDateTime`], [`LocalDate`], [`LocalTime`] | string in a [`DateFormat`] pattern |
//! | [`OneOrMany`] | one value or an array of values |
//! | [`Base64`] | standard base64 string |
//! | [`Empty`] | nothing: any value is accepted and ignored |

mod base64;
mod bool01;
mod date_format;
mod dates;
mod decimal;
mod decimal_text;
mod empty;
mod fixed;
mod local;
mod number;
mod one_or_many;
mod units;

pub use self::base64::{Base64, CappedBase64, base64_at_most};
pub use self::bool01::Bool01;
pub use self::date_format::{__DatePattern, DateFormat, IsoDate, IsoTime};
pub use self::dates::{Rfc3339, UnixMillis, UnixSeconds};
pub use self::decimal::DecimalString;
pub use self::decimal_text::DecimalText;
pub use self::empty::Empty;
pub use self::local::{LocalDate, LocalDateTime, LocalTime};
pub use self::number::Number;
pub use self::one_or_many::OneOrMany;
pub use self::units::{BasisPoints, Milli, MinorUnits};

/// Shortens hostile input before it goes into an error message.
fn excerpt(text: &str) -> String {
    const MAX: usize = 64;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{:?}…", &text[..end]),
        None => format!("{text:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_quotes_and_shortens() {
        assert_eq!(excerpt("a\"b"), r#""a\"b""#);
        let long = "я".repeat(100);
        assert_eq!(excerpt(&long), format!("{:?}…", "я".repeat(64)));
    }
}
