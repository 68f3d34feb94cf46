//! The usual shape of a spec's `pattern`, matched without a regex engine:
//! a sequence of characters and character classes, each repeated a
//! bounded or unbounded number of times (`^@[A-Za-z0-9]{1,40}/[0-9]+$`).
//!
//! Matching each item as far as it goes, never giving back, is the same as
//! regex matching when every item whose count varies is followed by an
//! item that must match at least once and shares no character with it:
//! where the first stops, the regex could not have stopped elsewhere.
//! Patterns of any other shape (alternation, negated classes, lazy
//! repeats, flags, a varying item followed by one that may overlap it)
//! are left to the regex engine.

/// A set of characters.
#[derive(Clone, Debug, PartialEq)]
enum Class {
    /// `.`: any character but a newline.
    Any,
    /// Inclusive ranges of characters.
    Ranges(Vec<(char, char)>),
}

impl Class {
    fn contains(&self, c: char) -> bool {
        match self {
            Class::Any => c != '\n',
            Class::Ranges(ranges) => ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi),
        }
    }

    fn disjoint(&self, other: &Class) -> bool {
        match (self, other) {
            (Class::Ranges(a), Class::Ranges(b)) => a
                .iter()
                .all(|&(lo, hi)| b.iter().all(|&(l, h)| hi < l || h < lo)),
            (Class::Any, Class::Ranges(only)) | (Class::Ranges(only), Class::Any) => {
                only.iter().all(|&(lo, hi)| lo == '\n' && hi == '\n')
            }
            (Class::Any, Class::Any) => false,
        }
    }
}

/// One item and how many times it repeats (`max`: `None` for no bound).
#[derive(Clone, Debug, PartialEq)]
struct Item {
    class: Class,
    min: u32,
    max: Option<u32>,
}

/// A pattern of the shape above.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Simple(Vec<Item>);

impl Simple {
    /// `pattern` (anchored at both ends, as `validate::pattern` reads
    /// every pattern) if it has the shape above. The caller has compiled
    /// it with the regex engine: a pattern that does not compile is never
    /// asked about.
    pub(crate) fn parse(pattern: &str) -> Option<Simple> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut parser = Parser { chars, at: 0 };
        parser.anchors();
        let mut items = Vec::new();
        while let Some(class) = parser.item()? {
            let (min, max) = parser.repeat()?;
            items.push(Item { class, min, max });
        }
        let greedy_is_exact = items.windows(2).all(|pair| {
            let (item, next) = (&pair[0], &pair[1]);
            item.max == Some(item.min) || (next.min >= 1 && item.class.disjoint(&next.class))
        });
        greedy_is_exact.then_some(Simple(items))
    }

    /// Whether the whole of `text` matches.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        let mut chars = text.chars().peekable();
        for item in &self.0 {
            let mut n = 0;
            while item.max.is_none_or(|max| n < max)
                && chars.next_if(|&c| item.class.contains(c)).is_some()
            {
                n += 1;
            }
            if n < item.min {
                return false;
            }
        }
        chars.next().is_none()
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    /// Drops a leading `^` and a trailing unescaped `$`: the whole pattern
    /// is anchored anyway.
    fn anchors(&mut self) {
        if self.peek() == Some('^') {
            self.at = 1;
        }
        let n = self.chars.len();
        let backslashes = self.chars[..n.saturating_sub(1)]
            .iter()
            .rev()
            .take_while(|&&c| c == '\\')
            .count();
        if n > self.at && self.chars[n - 1] == '$' && backslashes % 2 == 0 {
            self.chars.pop();
        }
    }

    /// The next item: `Ok(None)` at the end, `None` for a shape this
    /// matcher leaves to the regex engine. A group's parentheses are
    /// dropped where nothing repeats the group (the language is the same).
    fn item(&mut self) -> Option<Option<Class>> {
        loop {
            let Some(c) = self.next() else {
                return Some(None);
            };
            let class = match c {
                '(' => {
                    if self.peek() == Some('?') {
                        // Only a non-capturing group: no flags.
                        self.next();
                        (self.next()? == ':').then_some(())?;
                    }
                    continue;
                }
                ')' => {
                    if matches!(self.peek(), Some('*' | '+' | '?' | '{')) {
                        return None;
                    }
                    continue;
                }
                '[' => self.class()?,
                '\\' => escape(self.next()?)?,
                '.' => Class::Any,
                '|' | '^' | '$' | '*' | '+' | '?' | '{' | '}' | ']' => return None,
                c => Class::Ranges(vec![(c, c)]),
            };
            return Some(Some(class));
        }
    }

    /// A class after its `[`: characters, ranges and `\d`; no negation,
    /// no nested class.
    fn class(&mut self) -> Option<Class> {
        let mut ranges = Vec::new();
        if matches!(self.peek(), Some('^' | ']')) {
            return None;
        }
        loop {
            let lo = match self.next()? {
                ']' => return Some(Class::Ranges(ranges)),
                '[' => return None,
                '\\' => {
                    let escaped = self.next()?;
                    if escaped == 'd' {
                        ranges.push(('0', '9'));
                        continue;
                    }
                    literal(escaped)?
                }
                // Set operations (`&&`, `--`, `~~`) are not characters.
                c @ ('&' | '-' | '~') if self.peek() == Some(c) => return None,
                c => c,
            };
            let hi = match (self.peek(), self.chars.get(self.at + 1)) {
                (Some('-'), Some(&hi)) if hi != ']' && hi != '\\' && hi != '[' => {
                    self.at += 2;
                    hi
                }
                _ => lo,
            };
            if hi < lo {
                return None;
            }
            ranges.push((lo, hi));
        }
    }

    /// The repeat after an item: `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, or
    /// once. A lazy or possessive repeat is left to the regex engine.
    fn repeat(&mut self) -> Option<(u32, Option<u32>)> {
        let repeat = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') => {
                let close = self.chars[self.at..].iter().position(|&c| c == '}')?;
                let inside: String = self.chars[self.at + 1..self.at + close].iter().collect();
                self.at += close;
                let number = |s: &str| s.trim().parse::<u32>().ok();
                match inside.split_once(',') {
                    None => (number(&inside)?, number(&inside)),
                    Some((min, "")) => (number(min)?, None),
                    Some((min, max)) => (number(min)?, Some(number(max)?)),
                }
            }
            _ => return Some((1, Some(1))),
        };
        self.at += 1;
        if matches!(self.peek(), Some('?' | '+')) {
            return None;
        }
        Some(repeat)
    }
}

/// The class of `\c`: `\d` the ASCII digits (as in `regex-lite`), an
/// escaped metacharacter itself.
fn escape(c: char) -> Option<Class> {
    match c {
        'd' => Some(Class::Ranges(vec![('0', '9')])),
        c => literal(c).map(|c| Class::Ranges(vec![(c, c)])),
    }
}

/// The character `\c` stands for, where it is an escaped metacharacter
/// (not an assertion such as `\<`, nor a class such as `\w`).
fn literal(c: char) -> Option<char> {
    "\\.+*?()|[]{}^$#&-~/".contains(c).then_some(c)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn regex(pattern: &str) -> regex_lite::Regex {
        regex_lite::Regex::new(&format!("^(?:{pattern})$")).unwrap()
    }

    #[test]
    fn the_specs_patterns_match_as_the_regex_engine_matches() {
        let texts = [
            "",
            "@store1/pos2",
            "@/pos",
            "@s/",
            "x@s/p",
            "@s/p/q",
            "abcd1234-ab12-1234567",
            "abcd1234-ab12-123456",
            "ABC",
            "abc_",
            "123456789012345678901",
            "текст",
            "a\nb",
        ];
        let patterns = [
            ("^@[A-Za-z0-9]{1,40}/[A-Za-z0-9]{1,64}$", true),
            ("^[0-9A-Za-z]+$", true),
            ("^([a-zA-Z0-9]{8})-([a-zA-Z0-9]{4})-(\\d{7})$", true),
            // Alternation: the regex engine's.
            ("^([0-9]{0,20}|.{0,16})$", false),
        ];
        for (pattern, simple) in patterns {
            let parsed = Simple::parse(pattern);
            assert_eq!(parsed.is_some(), simple, "{pattern}");
            let (Some(parsed), re) = (parsed, regex(pattern)) else {
                continue;
            };
            for text in texts {
                assert_eq!(
                    parsed.is_match(text),
                    re.is_match(text),
                    "{pattern} {text:?}"
                );
            }
        }
    }

    #[test]
    fn shapes_greedy_matching_would_get_wrong_are_left_to_the_regex_engine() {
        for pattern in [
            "[a-z]+a",
            "[a-z]*[0-9]?x",
            ".*/",
            "a|b",
            "[^a]",
            "a+?",
            "(?i)a",
            "(ab)+",
            "\\w",
        ] {
            assert_eq!(Simple::parse(pattern), None, "{pattern}");
        }
    }

    /// The items the patterns below are made of, each with characters it
    /// matches (to make texts that nearly match).
    const ITEMS: &[(&str, &str)] = &[
        ("a", "a"),
        ("-", "-"),
        ("@", "@"),
        ("/", "/"),
        ("\\.", "."),
        ("ж", "ж"),
        ("[a-c]", "abc"),
        ("[0-9]", "05"),
        ("[a-z0-9]", "az09"),
        ("[A-Za-z0-9_]", "Az9_"),
        ("[-a]", "-a"),
        ("[a-]", "a-"),
        ("\\d", "07"),
        ("[\\d.]", "3."),
        (".", "x\n.a"),
        ("(?:a", "a"),
        ("(", ""),
        (")", ""),
    ];
    const REPEATS: &[&str] = &["", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}"];

    proptest! {
        /// Wherever the matcher takes a pattern, it answers as the regex
        /// engine does, on texts made of runs of each item's characters.
        #[test]
        fn simple_patterns_match_as_the_regex_engine_matches(
            items in proptest::collection::vec((0..ITEMS.len(), 0..REPEATS.len()), 0..5),
            anchored in any::<bool>(),
            runs in proptest::collection::vec(
                proptest::collection::vec((0..5usize, any::<u8>()), 5),
                6,
            ),
        ) {
            let mut pattern: String =
                items.iter().map(|&(i, q)| [ITEMS[i].0, REPEATS[q]].concat()).collect();
            if anchored {
                pattern = format!("^{pattern}$");
            }
            let Ok(re) = regex_lite::Regex::new(&format!("^(?:{pattern})$")) else {
                return Ok(());
            };
            let Some(simple) = Simple::parse(&pattern) else {
                return Ok(());
            };
            for run in &runs {
                let mut text = String::new();
                for (&(item, _), &(count, seed)) in items.iter().zip(run) {
                    let chars: Vec<char> = ITEMS[item].1.chars().collect();
                    for k in 0..count {
                        if let Some(&c) = chars.get((usize::from(seed) + k) % chars.len().max(1)) {
                            text.push(c);
                        }
                    }
                }
                prop_assert_eq!(simple.is_match(&text), re.is_match(&text), "{} {:?}", pattern, text);
            }
        }
    }
}
