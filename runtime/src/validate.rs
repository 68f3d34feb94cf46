//! Request constraints, checked before anything is sent.
//!
//! `#[derive(Validate)]` calls these helpers for each constrained field and
//! recurses into nested values; a violation names the field by its JSON
//! path on the wire (`items[2].price`).

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// A request that breaks a documented constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidRequest {
    /// Wire path of the field (`items[2].price`), empty for the whole request.
    pub path: String,
    /// What is wrong (`must be at most 999999, got 1000000`).
    pub reason: String,
}

impl InvalidRequest {
    pub fn new(field: &str, reason: impl Into<String>) -> Self {
        InvalidRequest {
            path: field.to_owned(),
            reason: reason.into(),
        }
    }

    /// Prefixes the path with the enclosing field (`items` + `[2].price`).
    pub fn within(mut self, field: &str) -> Self {
        self.path = if self.path.is_empty() {
            field.to_owned()
        } else if self.path.starts_with('[') {
            format!("{field}{}", self.path)
        } else {
            format!("{field}.{}", self.path)
        };
        self
    }

    fn at_index(mut self, index: usize) -> Self {
        self.path = if self.path.is_empty() || self.path.starts_with('[') {
            format!("[{index}]{}", self.path)
        } else {
            format!("[{index}].{}", self.path)
        };
        self
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "invalid request: {}", self.reason)
        } else {
            write!(f, "invalid request: `{}` {}", self.path, self.reason)
        }
    }
}

impl std::error::Error for InvalidRequest {}

/// A value whose documented constraints can be checked.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not implement `kassa::Validate`",
    label = "no `#[derive(kassa::Validate)]` on this type",
    note = "requests and the types in them derive `kassa::Validate`, which checks their \
            #[kassa(min, max, pattern, ...)] constraints before anything is sent: add it beside \
            the type's other derives"
)]
pub trait Validate {
    fn validate(&self) -> Result<(), InvalidRequest>;
}

macro_rules! leaf {
    ($($t:ty),* $(,)?) => {$(
        impl Validate for $t {
            fn validate(&self) -> Result<(), InvalidRequest> { Ok(()) }
        }
    )*};
}

leaf!(
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f64,
    String,
    Decimal,
    serde_json::Value,
    crate::Secret,
    crate::Code
);

impl Validate for () {
    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self) -> Result<(), InvalidRequest> {
        self.as_ref().map_or(Ok(()), Validate::validate)
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate(&self) -> Result<(), InvalidRequest> {
        (**self).validate()
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self) -> Result<(), InvalidRequest> {
        for (i, item) in self.iter().enumerate() {
            item.validate().map_err(|e| e.at_index(i))?;
        }
        Ok(())
    }
}

impl<K: fmt::Display, V: Validate> Validate for BTreeMap<K, V> {
    fn validate(&self) -> Result<(), InvalidRequest> {
        for (k, v) in self {
            v.validate().map_err(|e| e.within(&k.to_string()))?;
        }
        Ok(())
    }
}

/// A list whose elements `each_*` constraints check: a `Vec`, a
/// `OneOrMany`, or an optional one (absent: nothing to check).
pub trait Elements {
    type Element;
    fn elements(&self) -> &[Self::Element];
}

impl<T> Elements for Vec<T> {
    type Element = T;
    fn elements(&self) -> &[T] {
        self
    }
}

impl<T> Elements for crate::OneOrMany<T> {
    type Element = T;
    fn elements(&self) -> &[T] {
        self.as_slice()
    }
}

impl<L: Elements> Elements for Option<L> {
    type Element = L::Element;
    fn elements(&self) -> &[L::Element] {
        self.as_ref().map_or(&[], Elements::elements)
    }
}

/// Runs `check` on every element of `list`; a violation is placed at
/// `field[i]`.
pub fn each<L: Elements>(
    list: &L,
    field: &str,
    check: impl Fn(&L::Element) -> Result<(), InvalidRequest>,
) -> Result<(), InvalidRequest> {
    for (i, element) in list.elements().iter().enumerate() {
        check(element).map_err(|e| e.at_index(i).within(field))?;
    }
    Ok(())
}

/// A value with a numeric magnitude, for `min`/`max`/`scale` checks.
pub trait Numeric {
    /// The value as an exact decimal; `None` skips the check (an absent option).
    fn to_decimal(&self) -> Option<Decimal>;
}

macro_rules! numeric_int {
    ($($t:ty),*) => {$(
        impl Numeric for $t {
            fn to_decimal(&self) -> Option<Decimal> { Some(Decimal::from(*self)) }
        }
    )*};
}
numeric_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Numeric for Decimal {
    fn to_decimal(&self) -> Option<Decimal> {
        Some(*self)
    }
}

impl Numeric for f64 {
    fn to_decimal(&self) -> Option<Decimal> {
        Decimal::from_str(&self.to_string()).ok()
    }
}

impl<T: Numeric> Numeric for Option<T> {
    fn to_decimal(&self) -> Option<Decimal> {
        self.as_ref().and_then(Numeric::to_decimal)
    }
}

impl<T: Numeric + ?Sized> Numeric for Box<T> {
    fn to_decimal(&self) -> Option<Decimal> {
        (**self).to_decimal()
    }
}

/// A value with a length: characters of a string, items of a list.
pub trait Length {
    /// `None` skips the check (an absent option).
    fn length(&self) -> Option<usize>;

    /// Bounds of [`length`](Length::length), lowest and highest, where they
    /// come cheaper than the length itself: a check whose limits hold for
    /// both needs no count.
    fn length_bounds(&self) -> Option<(usize, usize)> {
        self.length().map(|n| (n, n))
    }
}

/// A string of `n` bytes has from `n / 4` (rounded up) to `n` characters.
fn char_bounds(text: &str) -> (usize, usize) {
    (text.len().div_ceil(4), text.len())
}

impl Length for String {
    fn length(&self) -> Option<usize> {
        Some(self.chars().count())
    }

    fn length_bounds(&self) -> Option<(usize, usize)> {
        Some(char_bounds(self))
    }
}

impl Length for crate::Secret {
    fn length(&self) -> Option<usize> {
        Some(self.expose().chars().count())
    }

    fn length_bounds(&self) -> Option<(usize, usize)> {
        Some(char_bounds(self.expose()))
    }
}

impl<T> Length for Vec<T> {
    fn length(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<K, V> Length for BTreeMap<K, V> {
    fn length(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Length> Length for Option<T> {
    fn length(&self) -> Option<usize> {
        self.as_ref().and_then(Length::length)
    }

    fn length_bounds(&self) -> Option<(usize, usize)> {
        self.as_ref().and_then(Length::length_bounds)
    }
}

/// A value that is text, for `pattern` checks.
pub trait Text {
    fn text(&self) -> Option<&str>;

    /// A secret's text never appears in an error.
    fn is_secret(&self) -> bool {
        false
    }
}

impl Text for crate::Secret {
    fn text(&self) -> Option<&str> {
        Some(self.expose())
    }

    fn is_secret(&self) -> bool {
        true
    }
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: Text> Text for Option<T> {
    fn text(&self) -> Option<&str> {
        self.as_ref().and_then(Text::text)
    }

    fn is_secret(&self) -> bool {
        self.as_ref().is_some_and(Text::is_secret)
    }
}

fn bound(field: &str, text: &str) -> Result<Decimal, InvalidRequest> {
    Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| {
            InvalidRequest::new(
                field,
                format!("has an unreadable bound `{text}` in its definition"),
            )
        })
}

/// `min <= value <= max`, bounds written as decimal literals.
pub fn range(
    value: &impl Numeric,
    min: Option<&str>,
    max: Option<&str>,
    field: &str,
) -> Result<(), InvalidRequest> {
    let Some(v) = value.to_decimal() else {
        return Ok(());
    };
    if let Some(min) = min
        && v < bound(field, min)?
    {
        return Err(InvalidRequest::new(
            field,
            format!("must be at least {min}, got {v}"),
        ));
    }
    if let Some(max) = max
        && v > bound(field, max)?
    {
        return Err(InvalidRequest::new(
            field,
            format!("must be at most {max}, got {v}"),
        ));
    }
    Ok(())
}

/// At most `scale` digits after the decimal point.
pub fn scale(value: &impl Numeric, scale: u32, field: &str) -> Result<(), InvalidRequest> {
    let Some(v) = value.to_decimal() else {
        return Ok(());
    };
    // Only a longer scale needs its trailing zeros counted (`1.50` at
    // scale 1 is allowed).
    if v.scale() > scale && v.normalize().scale() > scale {
        return Err(InvalidRequest::new(
            field,
            format!("must have at most {scale} decimal places, got {v}"),
        ));
    }
    Ok(())
}

/// `decimal(precision, scale)`: at most `precision - scale` digits before
/// the decimal point (the decimal places are [`scale`]'s).
pub fn precision(
    value: &impl Numeric,
    precision: u32,
    scale: u32,
    field: &str,
) -> Result<(), InvalidRequest> {
    let Some(v) = value.to_decimal() else {
        return Ok(());
    };
    let whole = precision.saturating_sub(scale);
    // |v| = |mantissa| / 10^v.scale() reaches 10^whole where the mantissa
    // reaches 10^(whole + v.scale()); a limit past u128 no mantissa (96
    // bits) reaches.
    let too_large = whole
        .checked_add(v.scale())
        .and_then(|digits| 10u128.checked_pow(digits))
        .is_some_and(|limit| v.mantissa().unsigned_abs() >= limit);
    if too_large {
        return Err(InvalidRequest::new(
            field,
            format!(
                "must have at most {whole} digits before the decimal point \
                 (decimal({precision},{scale})), got {v}"
            ),
        ));
    }
    Ok(())
}

/// String length in characters, or list length in items.
pub fn length(
    value: &impl Length,
    min: Option<usize>,
    max: Option<usize>,
    field: &str,
) -> Result<(), InvalidRequest> {
    let Some((low, high)) = value.length_bounds() else {
        return Ok(());
    };
    if min.is_none_or(|min| low >= min) && max.is_none_or(|max| high <= max) {
        return Ok(());
    }
    let Some(n) = value.length() else {
        return Ok(());
    };
    if let Some(min) = min
        && n < min
    {
        return Err(InvalidRequest::new(
            field,
            format!("must have at least {min} characters or items, got {n}"),
        ));
    }
    if let Some(max) = max
        && n > max
    {
        return Err(InvalidRequest::new(
            field,
            format!("must have at most {max} characters or items, got {n}"),
        ));
    }
    Ok(())
}

/// A pattern compiled once per process: by the regex engine, which also
/// reports a pattern it cannot read, and, where the pattern has the usual
/// simple shape, for the matcher that needs no engine (`simple_pattern`).
#[cfg(feature = "pattern")]
struct Compiled {
    regex: regex_lite::Regex,
    simple: Option<crate::simple_pattern::Simple>,
}

#[cfg(feature = "pattern")]
impl Compiled {
    fn new(pattern: &str) -> Result<Self, regex_lite::Error> {
        Ok(Compiled {
            regex: regex_lite::Regex::new(&format!("^(?:{pattern})$"))?,
            simple: crate::simple_pattern::Simple::parse(pattern),
        })
    }

    fn is_match(&self, text: &str) -> bool {
        match &self.simple {
            Some(simple) => simple.is_match(text),
            None => self.regex.is_match(text),
        }
    }
}

/// Patterns compiled once per process, for [`pattern`], which takes any
/// pattern. The bound only keeps a caller passing ever-new patterns from
/// growing the cache without end.
#[cfg(feature = "pattern")]
fn compiled(pattern: &str) -> Result<std::sync::Arc<Compiled>, regex_lite::Error> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    const MAX_CACHED: usize = 512;
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Compiled>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(re) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(pattern) {
        return Ok(re.clone());
    }
    let re = Arc::new(Compiled::new(pattern)?);
    let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
    if cache.len() >= MAX_CACHED {
        cache.clear();
    }
    cache.insert(pattern.to_owned(), re.clone());
    Ok(re)
}

/// A base64 value holds at most `max` bytes.
pub fn max_bytes(
    value: &impl crate::CappedBase64,
    max: usize,
    field: &str,
) -> Result<(), InvalidRequest> {
    match value.bytes() {
        Some(bytes) if bytes.len() > max => Err(InvalidRequest::new(
            field,
            format!("holds {} bytes, more than the {max} allowed", bytes.len()),
        )),
        _ => Ok(()),
    }
}

/// The whole text matches `pattern` (anchored). Needs kassa's `pattern`
/// feature. The pattern is compiled on first use and kept; where the pattern
/// is fixed, a [`Pattern`] in a `static` finds it without the shared cache.
#[cfg(feature = "pattern")]
pub fn pattern(value: &impl Text, pattern: &str, field: &str) -> Result<(), InvalidRequest> {
    let Some(text) = value.text() else {
        return Ok(());
    };
    let compiled = compiled(pattern);
    check_match(compiled.as_deref(), text, value.is_secret(), pattern, field)
}

/// A fixed pattern, compiled on its first check and kept for the process:
///
/// ```
/// use kassa_runtime::validate::Pattern;
///
/// static TAX_ID: Pattern = Pattern::new("[0-9]{10}");
/// assert!(TAX_ID.check(&"0123456789".to_owned(), "taxId").is_ok());
/// let err = TAX_ID.check(&"01234".to_owned(), "taxId").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"invalid request: `taxId` must match `[0-9]{10}`, got "01234""#
/// );
/// ```
///
/// `#[derive(Validate)]` writes one per `pattern` check. Needs kassa's
/// `pattern` feature.
#[cfg(feature = "pattern")]
pub struct Pattern {
    text: &'static str,
    compiled: std::sync::OnceLock<Result<Compiled, regex_lite::Error>>,
}

#[cfg(feature = "pattern")]
impl Pattern {
    /// The pattern, matched against the whole text (anchored).
    pub const fn new(text: &'static str) -> Self {
        Pattern {
            text,
            compiled: std::sync::OnceLock::new(),
        }
    }

    /// As [`pattern`]: a value that is absent passes; one that does not
    /// match, or a pattern the engine cannot read, is an [`InvalidRequest`]
    /// on `field`.
    pub fn check(&self, value: &impl Text, field: &str) -> Result<(), InvalidRequest> {
        let Some(text) = value.text() else {
            return Ok(());
        };
        let compiled = self.compiled.get_or_init(|| Compiled::new(self.text));
        check_match(compiled.as_ref(), text, value.is_secret(), self.text, field)
    }
}

#[cfg(feature = "pattern")]
impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.text).finish()
    }
}

#[cfg(feature = "pattern")]
fn check_match(
    compiled: Result<&Compiled, &regex_lite::Error>,
    text: &str,
    secret: bool,
    pattern: &str,
    field: &str,
) -> Result<(), InvalidRequest> {
    let compiled = compiled.map_err(|e| {
        InvalidRequest::new(field, format!("has an unreadable pattern `{pattern}`: {e}"))
    })?;
    if compiled.is_match(text) {
        Ok(())
    } else if secret {
        Err(InvalidRequest::new(
            field,
            format!("must match `{pattern}` (the secret value is not shown)"),
        ))
    } else {
        Err(InvalidRequest::new(
            field,
            format!("must match `{pattern}`, got {text:?}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "pattern")]
    #[test]
    fn a_secret_that_breaks_its_pattern_is_not_shown() {
        let pin = crate::Secret::new("12a4".to_owned());
        let err = pattern(&Some(pin), "^[0-9]{4}$", "pin")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("12a4"), "{err}");
        assert!(err.contains("pin") && err.contains("^[0-9]{4}$"), "{err}");
        assert!(pattern(&crate::Secret::new("1234".to_owned()), "^[0-9]{4}$", "pin").is_ok());
    }

    #[cfg(feature = "pattern")]
    #[test]
    fn patterns_are_anchored_compiled_once_and_bad_ones_reported() {
        assert!(pattern(&"123".to_owned(), "[0-9]+", "p").is_ok());
        assert!(pattern(&"12a".to_owned(), "[0-9]+", "p").is_err());
        let key = "@store/pos1".to_owned();
        assert!(pattern(&key, "@[a-z]+/[a-z0-9]+", "poskey").is_ok());
        let e = pattern(&"x@store/pos1".to_owned(), "@[a-z]+/[a-z0-9]+", "poskey").unwrap_err();
        assert!(e.to_string().contains("must match"), "{e}");
        let a = compiled("[0-9]{3}").unwrap();
        let b = compiled("[0-9]{3}").unwrap();
        assert!(std::sync::Arc::ptr_eq(&a, &b), "compiled once");
        let e = pattern(&"1".to_owned(), "(", "f").unwrap_err();
        assert!(e.to_string().contains("unreadable pattern"), "{e}");
    }

    #[cfg(feature = "pattern")]
    #[test]
    fn a_fixed_pattern_is_compiled_on_its_first_check_and_kept() {
        static PIN: Pattern = Pattern::new("[0-9]{4}");
        assert!(PIN.compiled.get().is_none());
        assert_eq!(PIN.check(&None::<String>, "pin"), Ok(()));
        assert!(
            PIN.compiled.get().is_none(),
            "nothing to check, nothing compiled"
        );
        assert_eq!(PIN.check(&"1234".to_owned(), "pin"), Ok(()));
        let first = PIN.compiled.get().unwrap() as *const _;
        let e = PIN.check(&"12345".to_owned(), "pin").unwrap_err();
        assert_eq!(e.reason, r#"must match `[0-9]{4}`, got "12345""#);
        assert!(std::ptr::eq(first, PIN.compiled.get().unwrap()), "kept");
        let e = PIN
            .check(&crate::Secret::new("12a4".to_owned()), "pin")
            .unwrap_err();
        assert_eq!(
            e.reason,
            "must match `[0-9]{4}` (the secret value is not shown)"
        );

        static BROKEN: Pattern = Pattern::new("(");
        for _ in 0..2 {
            let e = BROKEN.check(&"1".to_owned(), "f").unwrap_err();
            assert!(e.reason.starts_with("has an unreadable pattern `(`"), "{e}");
        }
        assert_eq!(format!("{PIN:?}"), r#"Pattern("[0-9]{4}")"#);
    }

    #[test]
    fn precision_counts_the_digits_before_the_point() {
        let d = |t: &str| t.parse::<Decimal>().unwrap();
        assert!(precision(&d("99999999.9999"), 12, 4, "amount").is_ok());
        assert!(precision(&d("-99999999"), 12, 4, "amount").is_ok());
        let e = precision(&d("100000000"), 12, 4, "amount").unwrap_err();
        assert!(
            e.to_string()
                .contains("at most 8 digits before the decimal point (decimal(12,4))"),
            "{e}"
        );
        assert!(precision(&d("-100000000.5"), 12, 4, "amount").is_err());
        assert!(precision(&d("0.99"), 2, 2, "rate").is_ok());
        assert!(precision(&d("1"), 2, 2, "rate").is_err());
        assert!(precision(&None::<Decimal>, 2, 2, "rate").is_ok());
    }

    /// The mantissa's comparison gives the verdict of comparing decimals,
    /// for values of every scale next to the powers of ten and at the
    /// extremes, and precisions up to past what a decimal holds.
    #[test]
    fn precision_by_the_mantissa_agrees_with_decimal_comparison() {
        let by_decimals = |v: Decimal, precision: u32, scale: u32| {
            let whole = precision.saturating_sub(scale);
            10u128
                .checked_pow(whole)
                .and_then(|l| Decimal::try_from_i128_with_scale(l as i128, 0).ok())
                .is_none_or(|limit| v.abs() < limit)
        };
        let mut values = vec![Decimal::MAX, Decimal::MIN, Decimal::ZERO];
        for digits in 0..=28u32 {
            let power = 10i128.pow(digits);
            for m in [power - 1, power, power + 1] {
                for s in [0, 1, 2, 4, 9, 27, 28] {
                    values.push(Decimal::from_i128_with_scale(m, s));
                    values.push(Decimal::from_i128_with_scale(-m, s));
                }
            }
        }
        for v in values {
            for digits in [0, 1, 2, 5, 12, 18, 28, 29, 30, 40, u32::MAX] {
                for scale in [0, 1, 2, 4, 28, u32::MAX] {
                    assert_eq!(
                        precision(&v, digits, scale, "x").is_ok(),
                        by_decimals(v, digits, scale),
                        "{v} as decimal({digits},{scale})"
                    );
                }
            }
        }
    }

    #[test]
    fn paths_nest() {
        let e = InvalidRequest::new("price", "bad")
            .at_index(2)
            .within("items");
        assert_eq!(e.path, "items[2].price");
        assert_eq!(e.to_string(), "invalid request: `items[2].price` bad");
    }

    #[test]
    fn checks() {
        assert!(range(&5u32, Some("1"), Some("10"), "x").is_ok());
        assert_eq!(
            range(&11u32, Some("1"), Some("10"), "x")
                .unwrap_err()
                .reason,
            "must be at most 10, got 11"
        );
        assert!(range(&None::<u32>, Some("1"), None, "x").is_ok());
        assert!(scale(&Decimal::new(1250, 2), 2, "p").is_ok());
        assert!(scale(&Decimal::new(12501, 3), 2, "p").is_err());
        // Trailing zeros are not decimal places: 12.500 has two.
        assert!(scale(&Decimal::new(12500, 3), 2, "p").is_ok());
        assert!(scale(&Decimal::new(125, 1), 2, "p").is_ok());
        assert!(length(&"абв".to_owned(), None, Some(3), "s").is_ok());
        assert!(length(&vec![1, 2, 3, 4], None, Some(3), "v").is_err());
    }

    /// The bounds that spare the count give the counted verdict for every
    /// text of up to five characters of one to four bytes, and any limits.
    #[test]
    fn a_length_check_without_a_count_agrees_with_the_count() {
        let alphabet = ["a", "б", "€", "𝄞"];
        let mut level = vec![String::new()];
        let mut texts = level.clone();
        for _ in 1..=5 {
            level = level
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend_from_slice(&level);
        }
        let limits: Vec<Option<usize>> = std::iter::once(None).chain((0..=6).map(Some)).collect();
        for text in &texts {
            let n = text.chars().count();
            for &min in &limits {
                for &max in &limits {
                    let want = min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m);
                    let got = length(text, min, max, "s");
                    assert_eq!(got.is_ok(), want, "{text:?} in {min:?}..={max:?}: {got:?}");
                    let secret = crate::Secret::new(text.clone());
                    assert_eq!(length(&Some(secret), min, max, "s").is_ok(), want);
                }
            }
        }
        assert_eq!(texts.len(), 1 + 4 + 16 + 64 + 256 + 1024);
    }

    /// `pattern` and `each_pattern` through the derive (the derives' own
    /// tests build kassa without the feature, to see its error).
    #[cfg(feature = "pattern")]
    #[test]
    fn the_derive_checks_patterns_of_fields_and_elements() {
        #[derive(crate::Validate)]
        struct Sale {
            #[kassa(pattern = "[0-9]{4}")]
            kkm_code: String,
            #[kassa(each_max_length = 3, each_pattern = "[a-z]+")]
            tags: Option<Vec<String>>,
        }
        let sale = |kkm_code: &str, tags: &[&str]| Sale {
            kkm_code: kkm_code.into(),
            tags: Some(tags.iter().map(|t| t.to_string()).collect()),
        };
        assert_eq!(sale("1234", &["ab", "c"]).validate(), Ok(()));
        let e = sale("12345", &[]).validate().unwrap_err();
        assert_eq!(e.path, "kkm_code");
        assert!(e.reason.contains("must match `[0-9]{4}`"), "{e}");
        assert_eq!(
            sale("1234", &["ab", "AB"]).validate().unwrap_err().path,
            "tags[1]"
        );
        assert_eq!(
            sale("1234", &["abcd"]).validate().unwrap_err().path,
            "tags[0]"
        );
        let none = Sale {
            kkm_code: "0000".into(),
            tags: None,
        };
        assert_eq!(none.validate(), Ok(()));
    }
}
