//! Fixed-width numeric date layouts read directly, without `time`'s general
//! parser.
//!
//! Vendors write dates as two-digit days, months, hours, minutes and seconds
//! and four-digit (or two-digit) years between literal separators:
//! `2019-07-16 12:17:00`, `16.07.2019 12:17:00`, `16-07-19 12:17`. Such a
//! pattern is read here by walking it and the text together. Anything else
//! (a modifier, another component, a sign, a fifth year digit, a value out
//! of range) gives `None`, and `time`'s parser decides, errors included.
//!
//! The pattern is read once, at compile time, into a [`Layout`] of steps
//! (`const { Layout::of(F::PATTERN) }` where a date type is read), so a
//! date costs only the walk over its text.

use time::{Date, Month, PrimitiveDateTime, Time};

/// The numbers a fixed layout carries.
#[derive(Default)]
pub(super) struct Fields {
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    hour: Option<u8>,
    minute: Option<u8>,
    second: Option<u8>,
}

/// A type built from [`Fields`].
pub(super) trait FromFields: Sized {
    fn from_fields(f: &Fields) -> Option<Self>;
}

impl FromFields for Date {
    fn from_fields(f: &Fields) -> Option<Date> {
        if f.hour.is_some() || f.minute.is_some() || f.second.is_some() {
            return None;
        }
        date(f)
    }
}

impl FromFields for Time {
    fn from_fields(f: &Fields) -> Option<Time> {
        if f.year.is_some() || f.month.is_some() || f.day.is_some() {
            return None;
        }
        time(f)
    }
}

impl FromFields for PrimitiveDateTime {
    fn from_fields(f: &Fields) -> Option<PrimitiveDateTime> {
        Some(PrimitiveDateTime::new(date(f)?, time(f)?))
    }
}

fn date(f: &Fields) -> Option<Date> {
    let month = Month::try_from(f.month?).ok()?;
    Date::from_calendar_date(f.year?, month, f.day?).ok()
}

/// Hours and minutes are needed; seconds may be left out (`12:17`).
fn time(f: &Fields) -> Option<Time> {
    Time::from_hms(f.hour?, f.minute?, f.second.unwrap_or(0)).ok()
}

/// One step of a fixed layout: a literal byte or a number of fixed width.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Literal(u8),
    Number(Part),
}

/// A number of a date or time: two digits but for `[year]`'s four.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Part {
    Year,
    /// `[year repr:last_two]`, read in 1970..=2069.
    YearLastTwo,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}

/// The longest pattern read directly, in steps.
const MAX_STEPS: usize = 48;

/// A pattern as steps; `None` where it is not a fixed numeric layout.
#[derive(Clone, Copy, Debug)]
pub(super) struct Layout {
    steps: [Step; MAX_STEPS],
    len: usize,
}

impl Layout {
    /// `pattern` as steps: literal bytes and the components listed in
    /// [`Part`] with their default modifiers. Anything else (another
    /// component, a modifier, an unclosed bracket, more than
    /// [`MAX_STEPS`] steps) gives `None`.
    pub(super) const fn of(pattern: &str) -> Option<Layout> {
        let bytes = pattern.as_bytes();
        let mut layout = Layout {
            steps: [Step::Literal(0); MAX_STEPS],
            len: 0,
        };
        let mut i = 0;
        while i < bytes.len() {
            if layout.len == MAX_STEPS {
                return None;
            }
            let step = if bytes[i] == b'[' {
                let mut end = i + 1;
                while end < bytes.len() && bytes[end] != b']' {
                    end += 1;
                }
                if end == bytes.len() {
                    return None;
                }
                let (_, rest) = bytes.split_at(i + 1);
                let (name, _) = rest.split_at(end - i - 1);
                i = end + 1;
                match component(name) {
                    Some(step) => step,
                    None => return None,
                }
            } else {
                i += 1;
                Step::Literal(bytes[i - 1])
            };
            layout.steps[layout.len] = step;
            layout.len += 1;
        }
        Some(layout)
    }
}

/// The step a component's text names, with default modifiers only.
const fn component(name: &[u8]) -> Option<Step> {
    const NAMES: [(&[u8], Part); 7] = [
        (b"year", Part::Year),
        (b"year repr:last_two", Part::YearLastTwo),
        (b"month", Part::Month),
        (b"day", Part::Day),
        (b"hour", Part::Hour),
        (b"minute", Part::Minute),
        (b"second", Part::Second),
    ];
    let mut k = 0;
    while k < NAMES.len() {
        if same(NAMES[k].0, name) {
            return Some(Step::Number(NAMES[k].1));
        }
        k += 1;
    }
    None
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `text` read in `layout`; `None` where the layout is not a fixed one or
/// the text does not fit it.
pub(super) fn parse<T: FromFields>(layout: &Option<Layout>, text: &str) -> Option<T> {
    T::from_fields(&fields(layout.as_ref()?, text)?)
}

fn fields(layout: &Layout, text: &str) -> Option<Fields> {
    let mut text = text.as_bytes();
    let mut f = Fields::default();
    for &step in &layout.steps[..layout.len] {
        let part = match step {
            Step::Literal(byte) => {
                let (&got, rest) = text.split_first()?;
                if got != byte {
                    return None;
                }
                text = rest;
                continue;
            }
            Step::Number(part) => part,
        };
        let width = if part == Part::Year { 4 } else { 2 };
        let (digits, rest) = text.split_at_checked(width)?;
        let n = number(digits)?;
        text = rest;
        // Each component once; a repeated one is `time`'s to judge.
        let slot = match part {
            Part::Year | Part::YearLastTwo => {
                vacant(&f.year)?;
                // Two digits are read in 1970..=2069, as the general path does.
                let year = match part {
                    Part::Year => n,
                    _ if n < 70 => 2000 + n,
                    _ => 1900 + n,
                };
                f.year = Some(i32::from(year));
                continue;
            }
            Part::Month => &mut f.month,
            Part::Day => &mut f.day,
            Part::Hour => &mut f.hour,
            Part::Minute => &mut f.minute,
            Part::Second => &mut f.second,
        };
        vacant(slot)?;
        *slot = Some(u8::try_from(n).ok()?);
    }
    text.is_empty().then_some(f)
}

/// `Some(())` when `slot` is still empty.
fn vacant<T>(slot: &Option<T>) -> Option<()> {
    slot.is_none().then_some(())
}

/// ASCII digits as a number.
fn number(digits: &[u8]) -> Option<u16> {
    digits.iter().try_fold(0u16, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u16::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::format_description::parse_borrowed;
    use time::macros::{date, datetime, time};

    use super::*;
    use crate::scalar::local::parse_items;

    /// `text` read directly in `pattern`.
    fn parse<T: FromFields>(pattern: &str, text: &str) -> Option<T> {
        super::parse(&Layout::of(pattern), text)
    }

    /// What `time`'s parser makes of `text` in `pattern`.
    fn general<T: TryFrom<time::parsing::Parsed>>(pattern: &str, text: &str) -> Option<T> {
        parse_items(text, &parse_borrowed::<1>(pattern).unwrap())
    }

    const DATE_TIMES: [&str; 4] = [
        "[year]-[month]-[day] [hour]:[minute]:[second]",
        "[day].[month].[year] [hour]:[minute]:[second]",
        "[day]-[month]-[year repr:last_two] [hour]:[minute]",
        "[hour]:[minute]:[second] [day]/[month]/[year]",
    ];

    #[test]
    fn the_vendors_layouts_are_read_directly() {
        assert_eq!(
            parse::<PrimitiveDateTime>(DATE_TIMES[0], "2019-07-16 12:17:05"),
            Some(datetime!(2019-07-16 12:17:05))
        );
        assert_eq!(
            parse::<PrimitiveDateTime>(DATE_TIMES[1], "29.02.2024 00:00:59"),
            Some(datetime!(2024-02-29 00:00:59))
        );
        assert_eq!(
            parse::<PrimitiveDateTime>(DATE_TIMES[2], "16-07-69 12:17"),
            Some(datetime!(2069-07-16 12:17))
        );
        assert_eq!(
            parse::<PrimitiveDateTime>(DATE_TIMES[2], "16-07-70 12:17"),
            Some(datetime!(1970-07-16 12:17))
        );
        assert_eq!(
            parse::<Date>("[year]-[month]-[day]", "2021-03-01"),
            Some(date!(2021 - 03 - 01))
        );
        assert_eq!(
            parse::<Time>("[hour]:[minute]:[second]", "23:59:59"),
            Some(time!(23:59:59))
        );
    }

    #[test]
    fn anything_else_is_left_to_the_general_parser() {
        let dt = |pattern, text| parse::<PrimitiveDateTime>(pattern, text);
        // Out of range, short, long, signed, trailing text.
        for text in [
            "2019-02-29 12:00:00",
            "2019-07-16 24:00:00",
            "2019-07-16 12:00:60",
            "2019-13-16 12:00:00",
            "2019-7-16 12:00:00",
            "+2019-07-16 12:00:00",
            "20190-07-16 12:00:00",
            "2019-07-16 12:00:00Z",
            "2019-07-16 12:00",
            "2019-07-16T12:00:00",
            "2019-07-16 12:0a:00",
            "",
        ] {
            assert_eq!(dt(DATE_TIMES[0], text), None, "{text}");
        }
        // Modifiers, other components, escapes and repeats.
        for pattern in [
            "[year]-[month padding:none]-[day] [hour]:[minute]:[second]",
            "[year]-[month]-[day] [hour repr:12]:[minute]:[second] [period]",
            "[[[year]-[month]-[day] [hour]:[minute]:[second]",
            "[year]-[month]-[day] [hour]:[minute]:[second] [year]",
            "[year]-[month]-[day] [hour]:[minute]:[second",
        ] {
            assert_eq!(dt(pattern, "2019-07-16 12:17:05"), None, "{pattern}");
        }
        // A date pattern for a time, and the reverse.
        assert_eq!(parse::<Time>(DATE_TIMES[0], "2019-07-16 12:17:05"), None);
        assert_eq!(parse::<Date>(DATE_TIMES[0], "2019-07-16 12:17:05"), None);
        assert_eq!(
            parse::<PrimitiveDateTime>("[year]-[month]-[day]", "2019-07-16"),
            None
        );
    }

    proptest! {
        /// Wherever the direct reading answers, it answers as `time` does;
        /// and for text of the layout's shape it answers exactly when
        /// `time` accepts the text.
        #[test]
        fn agrees_with_the_general_parser(
            which in 0..DATE_TIMES.len(),
            year in 0u16..10000,
            numbers in (0u8..14, 0u8..33, 0u8..25, 0u8..62, 0u8..62),
            noise in "[0-9 .:/+-]{0,22}",
        ) {
            let pattern = DATE_TIMES[which];
            let (month, day, hour, minute, second) = numbers;
            let mut shaped = String::new();
            let mut rest = pattern;
            while let Some(open) = rest.find('[') {
                shaped.push_str(&rest[..open]);
                let close = open + rest[open..].find(']').unwrap();
                let value = match &rest[open + 1..close] {
                    "year" => format!("{year:04}"),
                    "year repr:last_two" => format!("{:02}", year % 100),
                    "month" => format!("{month:02}"),
                    "day" => format!("{day:02}"),
                    "hour" => format!("{hour:02}"),
                    "minute" => format!("{minute:02}"),
                    _ => format!("{second:02}"),
                };
                shaped.push_str(&value);
                rest = &rest[close + 1..];
            }
            shaped.push_str(rest);
            let fast = parse::<PrimitiveDateTime>(pattern, &shaped);
            prop_assert_eq!(fast, general::<PrimitiveDateTime>(pattern, &shaped), "{}", shaped);
            let fast = parse::<PrimitiveDateTime>(pattern, &noise);
            if fast.is_some() {
                prop_assert_eq!(fast, general::<PrimitiveDateTime>(pattern, &noise), "{}", noise);
            }
        }
    }
}
