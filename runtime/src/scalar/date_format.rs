//! Date patterns: the [`DateFormat`] trait and the [`date_format!`](crate::date_format) macro.

use std::sync::OnceLock;

use time::format_description::{BorrowedFormatItem, parse_borrowed};

/// A date/time pattern: the marker type behind [`LocalDateTime`](super::LocalDateTime),
/// [`LocalDate`](super::LocalDate) and [`LocalTime`](super::LocalTime). Define one with [`date_format!`](crate::date_format).
pub trait DateFormat {
    /// The pattern in `time`'s format description syntax (version 1), such
    /// as `"[day].[month].[year] [hour]:[minute]:[second]"`.
    const PATTERN: &'static str;

    /// [`Self::PATTERN`], parsed; empty if it does not parse.
    fn items() -> &'static [BorrowedFormatItem<'static>];

    /// Whether [`Self::PATTERN`] parses (and is not empty).
    fn check() -> Result<(), String> {
        items::<Self>().map(|_| ())
    }
}

/// Defines [`DateFormat`] marker types, one per `Name = "pattern";`.
///
/// ```
/// kassa::date_format! {
///     /// `01.03.2021 12:00:00`
///     pub DayMonthYearTime = "[day].[month].[year] [hour]:[minute]:[second]";
///     /// `01.03.2021`
///     pub DayMonthYear = "[day].[month].[year]";
/// }
///
/// let date: kassa::LocalDate<DayMonthYear> = serde_json::from_str("\"01.03.2021\"").unwrap();
/// assert_eq!(date.to_string(), "01.03.2021");
/// ```
///
/// The pattern is parsed once, on first use. A crate using the macro needs
/// no `time` dependency of its own (`time`'s `format_description!` expands to
/// `::time::...` paths, so it cannot be used here). A broken pattern makes
/// every encode and decode of the types using it fail with an error naming
/// the pattern; [`DateFormat::check`] reports it up front.
#[macro_export]
macro_rules! date_format {
    ($(
        $(#[$attr:meta])*
        $vis:vis $name:ident = $pattern:expr;
    )*) => {$(
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        $vis struct $name;

        impl $crate::scalar::DateFormat for $name {
            const PATTERN: &'static str = $pattern;

            fn items() -> &'static [$crate::__private::time::format_description::BorrowedFormatItem<'static>] {
                static ITEMS: $crate::scalar::__DatePattern = $crate::scalar::__DatePattern::new();
                ITEMS.items(<Self as $crate::scalar::DateFormat>::PATTERN)
            }
        }
    )*};
}

/// Support for [`date_format!`](crate::date_format): a pattern parsed on
/// first use. Not a public API.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct __DatePattern(OnceLock<Vec<BorrowedFormatItem<'static>>>);

impl __DatePattern {
    /// An empty cache, for a `static`.
    pub const fn new() -> Self {
        __DatePattern(OnceLock::new())
    }

    /// The parsed `pattern`; empty when it does not parse.
    pub fn items(&'static self, pattern: &'static str) -> &'static [BorrowedFormatItem<'static>] {
        self.0
            .get_or_init(|| parse_borrowed::<1>(pattern).unwrap_or_default())
    }
}

/// `F`'s items, or why there are none.
pub(super) fn items<F: DateFormat + ?Sized>()
-> Result<&'static [BorrowedFormatItem<'static>], String> {
    let items = F::items();
    if items.is_empty() {
        return Err(match parse_borrowed::<1>(F::PATTERN) {
            Err(e) => format!("invalid date pattern {:?}: {e}", F::PATTERN),
            Ok(_) => format!("empty date pattern {:?}", F::PATTERN),
        });
    }
    Ok(items)
}

crate::date_format! {
    /// ISO 8601 calendar date: `2021-03-01`.
    pub IsoDate = "[year]-[month]-[day]";
    /// ISO 8601 time of day to the second: `12:00:00`.
    pub IsoTime = "[hour]:[minute]:[second]";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LocalDate;

    crate::date_format! {
        /// Several definitions, attributes and visibilities in one invocation.
        pub(crate) Dotted = "[day].[month].[year]";
        #[allow(dead_code)]
        Built = concat!("[year]", "/", "[month]");
        Broken = "[dya].[month]";
        Blank = "";
    }

    #[test]
    fn patterns_parse_once() {
        assert_eq!(IsoDate::PATTERN, "[year]-[month]-[day]");
        assert_eq!(IsoDate::items().len(), 5);
        assert!(std::ptr::eq(IsoTime::items(), IsoTime::items()));
        assert_eq!(Built::PATTERN, "[year]/[month]");
        assert!(Dotted::check().is_ok());
        assert_eq!(format!("{:?}", Dotted.clone()), "Dotted");
    }

    #[test]
    fn broken_patterns_are_errors_not_panics() {
        assert!(Broken::items().is_empty());
        let err = Broken::check().unwrap_err();
        assert!(
            err.starts_with(r#"invalid date pattern "[dya].[month]""#),
            "{err}"
        );
        assert_eq!(Blank::check().unwrap_err(), r#"empty date pattern """#);
        let date = LocalDate::<Broken>::new(time::macros::date!(2021 - 03 - 01));
        assert!(
            serde_json::to_string(&date)
                .unwrap_err()
                .to_string()
                .contains("invalid date pattern")
        );
        assert!(serde_json::from_str::<LocalDate<Broken>>("\"01.03\"").is_err());
        assert!(serde_json::from_str::<LocalDate<Blank>>("\"\"").is_err());
        assert_eq!(date.to_string(), "2021-03-01");
    }
}
