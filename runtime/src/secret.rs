//! Secrets: passwords, API keys, tokens, secret URL segments.
//!
//! A [`Secret`] travels on the wire as its plain value but prints as
//! `Secret(***)` in `Debug` and `***` in `Display`, so no log line, error
//! message or panic shows it.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

#[cfg(feature = "schemars")]
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string that never prints.
///
/// Shared, not copied, when cloned: the client hands its token and
/// credentials to every attempt of every call.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Arc<str>);

/// What a secret prints as.
pub const REDACTED: &str = "***";

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into().into())
    }

    /// The plain value. Call it only where the value goes on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(s.into())
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret(s.into())
    }
}

/// A secret a value owns ([`AuthValues`](crate::codec::AuthValues) built by
/// hand): `Some(Secret::new("..").into())`.
impl From<Secret> for Cow<'_, Secret> {
    fn from(s: Secret) -> Self {
        Cow::Owned(s)
    }
}

/// A secret lent, as the client lends its credentials to an attempt.
impl<'a> From<&'a Secret> for Cow<'a, Secret> {
    fn from(s: &'a Secret) -> Self {
        Cow::Borrowed(s)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::from)
    }
}

#[cfg(feature = "schemars")]
impl JsonSchema for Secret {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Secret".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(generator)
    }
    fn inline_schema() -> bool {
        true
    }
}

/// Replaces every occurrence of each non-empty secret in `text` with `***`,
/// in every encoding a protocol may echo it in (see [`Redactor`]).
///
/// Used on text that may embed a secret the runtime did not format itself:
/// URLs with a secret path segment, transport error messages, response
/// bodies that echo a request. To redact many texts with the same secrets,
/// build a [`Redactor`] once.
pub fn redact(text: &str, secrets: &[&Secret]) -> String {
    Redactor::new(secrets.iter().copied()).redact(text)
}

/// [`redact`] the whole of `text`, then keep at most `max_chars` characters
/// of the result, followed by `…` when something was cut.
///
/// Redacting first means a secret that straddles the cut leaks no prefix.
pub fn redact_cut(text: &str, secrets: &[&Secret], max_chars: usize) -> String {
    Redactor::new(secrets.iter().copied()).redact_cut(text, max_chars)
}

/// Secrets prepared for redaction: every encoding of each secret, computed once.
///
/// For each non-empty secret it matches
/// - the raw text;
/// - JSON string escaping as `serde_json` writes it (without the quotes), and
///   the ASCII-only form with non-ASCII as `\uXXXX` (UTF-16 surrogate pairs),
///   in lower- and upper-case hex; each also with `/` written as `\/`;
/// - `application/x-www-form-urlencoded` (space as `+`, and as `%20`);
/// - percent-encoding of every byte outside RFC 3986 `unreserved`, in upper-
///   and lower-case hex (space as `%20`);
/// - the form a URL parser (`reqwest::Url`) gives the secret inside a path.
///
/// The text is read once, left to right; at each position the longest
/// variant that starts there is taken, occurrences that overlap are merged,
/// and each merged run becomes one `***`: a secret that contains another, or
/// overlaps it, leaves no fragment. `Debug` shows only a count.
#[derive(Clone)]
pub struct Redactor {
    /// Distinct and non-empty, grouped by first byte, longest first in a group.
    variants: Vec<String>,
    /// `variants[group[b]..group[b + 1]]` start with the byte `b`.
    group: Vec<usize>,
    /// Whether a variant starts with the byte.
    first: [bool; 256],
    /// Bit `b0 << 8 | b1`: whether a variant starts with the bytes `b0 b1`
    /// (or is the single byte `b0`).
    pairs: Vec<u64>,
}

impl Redactor {
    pub fn new<'a>(secrets: impl IntoIterator<Item = &'a Secret>) -> Self {
        let mut variants = Vec::new();
        for secret in secrets {
            push_variants(secret.expose(), &mut variants);
        }
        variants.sort_unstable_by(|a, b| {
            (a.as_bytes()[0], b.len(), a).cmp(&(b.as_bytes()[0], a.len(), b))
        });
        variants.dedup();
        let (mut group, mut first, mut pairs) = (vec![0; 257], [false; 256], vec![0u64; 1024]);
        for variant in &variants {
            let b = usize::from(variant.as_bytes()[0]);
            group[b + 1] += 1;
            first[b] = true;
            match variant.as_bytes().get(1) {
                Some(&b1) => pairs[b << 2 | usize::from(b1 >> 6)] |= 1 << (b1 & 63),
                None => pairs[b << 2..(b + 1) << 2].fill(!0),
            }
        }
        let mut sum = 0;
        for g in &mut group {
            sum += *g;
            *g = sum;
        }
        Redactor {
            variants,
            group,
            first,
            pairs,
        }
    }

    /// Whether there is nothing to redact.
    pub fn is_empty(&self) -> bool {
        self.variants.is_empty()
    }

    /// `text` with every encoded occurrence of a secret replaced by `***`.
    /// Copies `text` once, and does nothing more when no secret occurs.
    pub fn redact(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        while let Some((start, end)) = self.next_span(text.as_bytes(), pos, usize::MAX) {
            out.push_str(&text[pos..start]);
            out.push_str(REDACTED);
            pos = end;
        }
        out.push_str(&text[pos..]);
        out
    }

    /// [`Redactor::redact`], then keep at most `max_chars` characters, with
    /// `…` appended when something was cut. Reads no further than it must.
    pub fn redact_cut(&self, text: &str, max_chars: usize) -> String {
        let mut out = String::with_capacity(text.len().min(max_chars.saturating_mul(4)) + 3);
        let mut left = max_chars;
        let mut pos = 0;
        // A run that starts after the first `left` chars cannot change the result.
        while let Some((start, end)) = self.next_span(text.as_bytes(), pos, left) {
            if take(&mut out, &text[pos..start], &mut left) || take(&mut out, REDACTED, &mut left) {
                out.push('…');
                return out;
            }
            pos = end;
        }
        if take(&mut out, &text[pos..], &mut left) {
            out.push('…');
        }
        out
    }

    /// The next byte range to redact that starts at `from` or within the
    /// `chars` characters after it: every overlapping occurrence merged.
    fn next_span(&self, text: &[u8], from: usize, chars: usize) -> Option<(usize, usize)> {
        // `chars` chars take at most 4 bytes each.
        let scan_end = text.len().min(from.saturating_add(chars.saturating_mul(4)));
        let mut at = from;
        let (start, mut end) = loop {
            at += text
                .get(at..scan_end)?
                .iter()
                .position(|&b| self.first[usize::from(b)])?;
            match self.longest_at(text, at) {
                0 => at += 1,
                len => break (at, at + len),
            }
        };
        // Count chars only when there are at least as many bytes.
        let skipped = || {
            text[from..start]
                .iter()
                .filter(|&&b| b & 0xc0 != 0x80)
                .count()
        };
        if start - from >= chars && skipped() >= chars {
            return None;
        }
        // Occurrences that start inside the run extend it.
        let mut at = start + 1;
        while at < end {
            end = end.max(at + self.longest_at(text, at));
            at += 1;
        }
        Some((start, end))
    }

    /// Length of the longest variant at `text[at..]`, or 0. Variants are
    /// UTF-8, so one starts only on a char boundary.
    fn longest_at(&self, text: &[u8], at: usize) -> usize {
        let b = usize::from(text[at]);
        if let Some(&b1) = text.get(at + 1)
            && self.pairs[b << 2 | usize::from(b1 >> 6)] >> (b1 & 63) & 1 == 0
        {
            return 0;
        }
        self.variants[self.group[b]..self.group[b + 1]]
            .iter()
            .find(|v| text[at..].starts_with(v.as_bytes()))
            .map_or(0, String::len)
    }
}

impl Default for Redactor {
    fn default() -> Self {
        Redactor::new([])
    }
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redactor")
            .field("variants", &self.variants.len())
            .finish()
    }
}

/// Appends `piece`, or its first `left` chars and returns true when it has more.
fn take(out: &mut String, piece: &str, left: &mut usize) -> bool {
    match piece.char_indices().nth(*left) {
        Some((cut, _)) => {
            out.push_str(&piece[..cut]);
            *left = 0;
            true
        }
        None => {
            out.push_str(piece);
            *left -= piece.chars().count();
            false
        }
    }
}

const UPPER: &[u8; 16] = b"0123456789ABCDEF";
const LOWER: &[u8; 16] = b"0123456789abcdef";

/// Pushes every encoding of `secret` listed on [`Redactor`] (duplicates included).
fn push_variants(secret: &str, out: &mut Vec<String>) {
    if secret.is_empty() {
        return;
    }
    out.push(secret.to_owned());
    let unreserved = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~');
    if secret.bytes().all(|b| unreserved(b) && b != b'~') {
        return; // every encoding below keeps these bytes as they are
    }
    let quoted = serde_json::to_string(secret).unwrap_or_default();
    let serde = quoted
        .get(1..quoted.len().saturating_sub(1))
        .unwrap_or(secret);
    for json in [
        serde.to_owned(),
        json_ascii(secret, LOWER),
        json_ascii(secret, UPPER),
    ] {
        if json.contains('/') {
            out.push(json.replace('/', "\\/"));
        }
        out.push(json);
    }
    let form: String = form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    if secret.contains(' ') {
        out.push(form.replace('+', "%20"));
    }
    out.push(form);
    out.push(percent(secret, unreserved, UPPER));
    out.push(percent(secret, unreserved, LOWER));
    // What the URL parser leaves in a path: it encodes only controls, space,
    // `"#<>?`{}` and non-ASCII, and reads `\` as `/`.
    let url_keeps = |b: u8| b > b' ' && b < 0x7f && !b"\"#<>?`{}".contains(&b);
    out.push(percent(secret, url_keeps, UPPER).replace('\\', "/"));
}

/// JSON string content with only ASCII: non-ASCII as `\uXXXX` in `hex` case.
fn json_ascii(s: &str, hex: &[u8; 16]) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' || !c.is_ascii() => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str("\\u");
                    for shift in [12, 8, 4, 0] {
                        out.push(char::from(hex[usize::from(*unit >> shift) & 0xf]));
                    }
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// `s` with every byte that `keep` rejects written as `%XX` in `hex` case.
fn percent(s: &str, keep: impl Fn(u8) -> bool, hex: &[u8; 16]) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(hex[usize::from(b >> 4)]));
            out.push(char::from(hex[usize::from(b & 0xf)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn never_prints() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "Secret(***)");
        assert_eq!(format!("{s}"), "***");
        assert_eq!(format!("{:?}", Some(&s)), "Some(Secret(***))");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"hunter2\"");
    }

    #[test]
    fn redacts_embedded_values() {
        let key = Secret::new("k3y");
        assert_eq!(
            redact("https://api/device/k3y/x", &[&key, &Secret::default()]),
            "https://api/device/***/x"
        );
    }

    const HOSTILE: &str = "p\"a\\ss+w/o=rd ü€😀";

    #[test]
    fn redacts_every_encoding_of_a_hostile_password() {
        let password = Secret::new(HOSTILE);
        let echoed = [
            HOSTILE,
            r#"p\"a\\ss+w/o=rd ü€😀"#,
            r#"p\"a\\ss+w/o=rd \u00fc\u20ac\ud83d\ude00"#,
            r#"p\"a\\ss+w/o=rd \u00FC\u20AC\uD83D\uDE00"#,
            r#"p\"a\\ss+w\/o=rd \u00fc\u20ac\ud83d\ude00"#,
            "p%22a%5Css%2Bw%2Fo%3Drd+%C3%BC%E2%82%AC%F0%9F%98%80",
            "p%22a%5Css%2Bw%2Fo%3Drd%20%C3%BC%E2%82%AC%F0%9F%98%80",
            "p%22a%5css%2bw%2fo%3drd%20%c3%bc%e2%82%ac%f0%9f%98%80",
        ];
        for wire in echoed {
            let body = format!(r#"{{"error":"bad login admin / {wire} (retry)","n":1}}"#);
            assert_eq!(
                redact(&body, &[&password]),
                r#"{"error":"bad login admin / *** (retry)","n":1}"#,
                "{wire}"
            );
        }
        // serde_json's own output, as a server built on it would echo it.
        let body = serde_json::json!({ "password": HOSTILE }).to_string();
        assert_eq!(redact(&body, &[&password]), r#"{"password":"***"}"#);
    }

    #[test]
    fn redacts_a_path_segment_as_the_url_parser_writes_it() {
        let key = Secret::new("k y\"<ü>{}`%41\\z");
        let url =
            reqwest::Url::parse(&format!("http://pos.lan/device/{}/x", key.expose())).unwrap();
        assert!(!url.as_str().contains(key.expose()));
        assert_eq!(redact(url.as_str(), &[&key]), "http://pos.lan/device/***/x");
    }

    #[test]
    fn redact_cut_redacts_before_cutting() {
        let password = Secret::new("Sup3r\"Secret/Pass wörd");
        let raw = password.expose();
        for wire in [raw.to_owned(), r#"Sup3r\"Secret/Pass w\u00f6rd"#.to_owned()] {
            for at in [4080, 4090, 4095, 4096] {
                let body = format!("{}{wire}{}", "x".repeat(at), "y".repeat(5000));
                let out = redact_cut(&body, &[&password], 4096);
                assert_eq!(out.chars().count(), 4097, "{wire} at {at}");
                assert!(out.ends_with('…'));
                for len in 3..=wire.len() {
                    if let (Some(p), Some(q)) = (raw.get(..len), wire.get(..len)) {
                        assert!(
                            !out.contains(p) && !out.contains(q),
                            "{wire} at {at}: {out}"
                        );
                    }
                }
            }
        }
        assert_eq!(redact_cut("ab Sup3r", &[&password], 8), "ab Sup3r");
        assert_eq!(redact_cut("üüü", &[], 2), "üü…");
        assert_eq!(redact_cut("ab🙂cd", &[], 4), "ab🙂c…");
        assert_eq!(redact_cut("", &[], 0), "");
        assert_eq!(redact_cut("abc", &[&Secret::new("b")], 2), "a*…");
        assert_eq!(redact_cut("abc", &[&Secret::new("b")], 5), "a***c");
        // Runs that grow ("b" -> "***") and shrink ("long one" -> "***").
        let secrets = [&Secret::new("b"), &Secret::new("long one")];
        let text = "abab long one, b ü long onelong one b";
        let full = redact(text, &secrets);
        for max in 0..=full.chars().count() + 1 {
            let mut expected: String = full.chars().take(max).collect();
            if full.chars().count() > max {
                expected.push('…');
            }
            assert_eq!(redact_cut(text, &secrets, max), expected, "{max}");
        }
    }

    #[test]
    fn empty_secret_is_ignored() {
        let empty = Secret::default();
        assert!(Redactor::new([&empty]).is_empty());
        assert_eq!(redact("a \"b\" %20", &[&empty]), "a \"b\" %20");
        assert_eq!(redact_cut("abc", &[&empty], 10), "abc");
        assert_eq!(redact("", &[&Secret::new("x")]), "");
    }

    #[test]
    fn overlapping_secrets_leave_no_fragment() {
        let short = Secret::new("abc");
        let long = Secret::new("abcdef");
        assert_eq!(
            redact("x abcdef y abc z", &[&short, &long]),
            "x *** y *** z"
        );
        assert_eq!(redact("x abcdef y", &[&long, &short]), "x *** y");
        // Overlapping but neither contains the other; a secret repeated onto itself.
        let (left, right) = (Secret::new("abcd"), Secret::new("cdef"));
        assert_eq!(redact("-abcdef-", &[&left, &right]), "-***-");
        assert_eq!(redact("-aaaa-", &[&Secret::new("aaa")]), "-***-");
        // One secret's encoding is another secret's raw text.
        let (spaced, plussed) = (Secret::new("a b"), Secret::new("a+b="));
        assert_eq!(
            redact("q=a%2Bb%3D&r=a+b=&s=a+b", &[&spaced, &plussed]),
            "q=***&r=***&s=***"
        );
    }

    #[test]
    fn leaves_other_text_alone_and_never_prints_secrets() {
        let redactor = Redactor::new([&Secret::new("hunter2"), &Secret::new("ö ö")]);
        let text = "nothing secret here: hunter 2, o o, %C3%B6";
        assert_eq!(redactor.redact(text), text);
        let debug = format!("{redactor:?}");
        assert!(
            !debug.contains("hunter2") && !debug.contains('ö'),
            "{debug}"
        );
    }

    /// Every encoding of `s`, written independently of the code under test.
    fn encodings(s: &str) -> Vec<String> {
        let json = serde_json::to_string(s).unwrap();
        let json = json[1..json.len() - 1].to_owned();
        let ascii = |upper: bool| -> String {
            let mut out = String::new();
            for c in s.chars() {
                if c.is_ascii() {
                    let e = serde_json::to_string(&c.to_string()).unwrap();
                    let e = &e[1..e.len() - 1];
                    out.push_str(&if upper && e.starts_with("\\u") {
                        e.to_uppercase().replace("\\U", "\\u")
                    } else {
                        e.to_owned()
                    });
                } else {
                    for u in c.encode_utf16(&mut [0; 2]) {
                        out.push_str(&if upper {
                            format!("\\u{u:04X}")
                        } else {
                            format!("\\u{u:04x}")
                        });
                    }
                }
            }
            out
        };
        let pct = |upper: bool| -> String {
            s.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                        (b as char).to_string()
                    }
                    _ if upper => format!("%{b:02X}"),
                    _ => format!("%{b:02x}"),
                })
                .collect()
        };
        let form: String = form_urlencoded::byte_serialize(s.as_bytes()).collect();
        vec![
            s.to_owned(),
            json,
            ascii(false),
            ascii(true),
            form.clone(),
            form.replace('+', "%20"),
            pct(true),
            pct(false),
        ]
    }

    proptest! {
        #[test]
        fn no_encoding_of_a_secret_survives(
            secret in prop_oneof![
                prop::collection::vec(any::<char>(), 1..=40)
                    .prop_map(String::from_iter),
                // Mostly the characters that encodings rewrite.
                "[ -~\u{0}-\u{1f}\u{7f}ü€😀\u{10ffff}]{1,40}",
            ],
            prefix in ".{0,20}",
            between in "\\PC{0,8}",
            suffix in prop::collection::vec(any::<char>(), 0..20),
            max_percent in 0usize..=110,
        ) {
            // No `*`: the `***` that replaces a secret would contain it.
            let secret = secret.replace('*', "+");
            let suffix: String = suffix.into_iter().collect();
            let encoded = encodings(&secret);
            let body = format!("{prefix}{}{suffix}", encoded.join(&between));
            let out = redact(&body, &[&Secret::new(secret.clone())]);
            for e in &encoded {
                prop_assert!(!out.contains(e.as_str()), "{e:?} survives in {out:?}");
            }
            // Cutting after redacting: the redacted text's first `max` chars.
            let max = body.chars().count() * max_percent / 100;
            let cut = redact_cut(&body, &[&Secret::new(secret.clone())], max);
            let mut expected: String = out.chars().take(max).collect();
            if out.chars().count() > max {
                expected.push('…');
            }
            prop_assert_eq!(cut, expected);
        }
    }
}
