//! Request bodies being written member by member: a JSON object or form
//! pairs. Each notes where its keys are, to notice a key written twice
//! (the request then goes the `Value` way, where the last one wins), and
//! can read back a value it holds (a signature covers some of them).

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;
use serde_json::Value;

use super::split::extend_encoded;
use super::wire::{needs_no_escape, value_to_text};

/// A body the auth fields are written into.
pub(super) trait Body {
    /// A member whose value is a string.
    fn string(&mut self, key: &str, value: &str);
    /// A member whose value is any JSON value.
    fn value(&mut self, key: &str, value: &Value);
    /// The text of the member `key` (as a form, a path or a header would
    /// carry it), if the body has one.
    fn read(&self, key: &str) -> Option<Cow<'_, str>>;
}

/// Whether the key at `new` of `text` is one of `keys` already.
fn written_before(text: &[u8], keys: &[Range<usize>], new: &Range<usize>) -> bool {
    let new = &text[new.clone()];
    keys.iter().any(|k| &text[k.clone()] == new)
}

/// Where the member named `key` (written as `written`, its bytes in the
/// body) starts its value.
fn value_start(text: &[u8], keys: &[Range<usize>], written: &[u8]) -> Option<usize> {
    let k = keys.iter().rev().find(|k| &text[(*k).clone()] == written)?;
    // After the key's `:` or `=`.
    Some(k.end + 1)
}

/// A JSON object being written, with where each key is in it (a JSON
/// string, quotes included), to notice a key written twice.
///
/// Its text is allocated with the first member: most REST reads send none.
pub(super) struct Object {
    text: Vec<u8>,
    keys: Vec<Range<usize>>,
    pub(super) collided: bool,
}

impl Object {
    /// An object that will hold `bytes` of members written elsewhere, with
    /// `key_count` keys, and room for the envelope's own: one allocation
    /// each rather than a copy of the parameters into a buffer too small
    /// for them.
    #[inline]
    pub(super) fn with_capacity(bytes: usize, key_count: usize) -> Object {
        const ENVELOPE_BYTES: usize = 128;
        const ENVELOPE_KEYS: usize = 4;
        let (text, keys) = match bytes {
            0 => (Vec::new(), Vec::new()),
            n => (
                Vec::with_capacity(n + ENVELOPE_BYTES),
                Vec::with_capacity(key_count + ENVELOPE_KEYS),
            ),
        };
        Object {
            text,
            keys,
            collided: false,
        }
    }

    /// Before a member: the opening brace, or the comma after the last one.
    fn separate(&mut self) {
        if self.text.is_empty() {
            self.text.reserve(128);
            self.text.push(b'{');
        } else if !self.keys.is_empty() {
            self.text.push(b',');
        }
    }

    /// Notes the key at `range` of `text`, and whether it was written before.
    fn note(&mut self, range: Range<usize>) {
        self.collided |= written_before(&self.text, &self.keys, &range);
        self.keys.push(range);
    }

    fn key(&mut self, key: &str) {
        self.separate();
        let start = self.text.len();
        // Writing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.text, key);
        self.note(start..self.text.len());
        self.text.push(b':');
    }

    #[inline]
    pub(super) fn raw(&mut self, key: &str, json: &[&[u8]]) {
        self.key(key);
        for part in json {
            self.text.extend_from_slice(part);
        }
    }

    /// Members written elsewhere (`"a":1,"b":2`), with where their keys are.
    pub(super) fn members(&mut self, members: &[u8], keys: &[Range<usize>]) {
        if members.is_empty() {
            return;
        }
        self.separate();
        let offset = self.text.len();
        self.text.extend_from_slice(members);
        for k in keys {
            self.note(k.start + offset..k.end + offset);
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    #[inline]
    pub(super) fn finish(mut self) -> Vec<u8> {
        if self.text.is_empty() {
            self.text.push(b'{');
        }
        self.text.push(b'}');
        self.text
    }
}

impl Body for Object {
    fn string(&mut self, key: &str, value: &str) {
        self.key(key);
        // Writing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut self.text, value);
    }

    fn value(&mut self, key: &str, value: &Value) {
        self.key(key);
        let _ = serde_json::to_writer(&mut self.text, value);
    }

    fn read(&self, key: &str) -> Option<Cow<'_, str>> {
        let quoted = serde_json::to_vec(key).ok()?;
        let start = value_start(&self.text, &self.keys, &quoted)?;
        // The one value there; what follows it is not read.
        let mut json = serde_json::Deserializer::from_slice(&self.text[start..]);
        let value = Value::deserialize(&mut json).ok()?;
        value_to_text(&value).map(Cow::Owned)
    }
}

/// Form pairs being written (`a=1&b=x`), with where each encoded key is.
pub(super) struct Form {
    text: Vec<u8>,
    keys: Vec<Range<usize>>,
    pub(super) collided: bool,
}

impl Form {
    /// A form that will hold `bytes` of pairs written elsewhere, with
    /// `key_count` keys, and room for the auth fields' own.
    pub(super) fn with_capacity(bytes: usize, key_count: usize) -> Form {
        const AUTH_BYTES: usize = 192;
        const AUTH_KEYS: usize = 6;
        Form {
            text: Vec::with_capacity(bytes + AUTH_BYTES),
            keys: Vec::with_capacity(key_count + AUTH_KEYS),
            collided: false,
        }
    }

    fn separate(&mut self) {
        if !self.text.is_empty() {
            self.text.push(b'&');
        }
    }

    fn note(&mut self, range: Range<usize>) {
        self.collided |= written_before(&self.text, &self.keys, &range);
        self.keys.push(range);
    }

    /// Pairs written elsewhere (`a=1&b=2`), with where their keys are.
    pub(super) fn pairs(&mut self, pairs: &[u8], keys: &[Range<usize>]) {
        if pairs.is_empty() {
            return;
        }
        self.separate();
        let offset = self.text.len();
        self.text.extend_from_slice(pairs);
        for k in keys {
            self.note(k.start + offset..k.end + offset);
        }
    }

    /// The form's bytes (ASCII: every byte outside it is percent-encoded).
    pub(super) fn finish(self) -> Vec<u8> {
        self.text
    }
}

impl Body for Form {
    /// What `form_urlencoded`'s `append_pair` writes.
    fn string(&mut self, key: &str, value: &str) {
        self.separate();
        let start = self.text.len();
        extend_encoded(&mut self.text, key);
        self.note(start..self.text.len());
        self.text.push(b'=');
        extend_encoded(&mut self.text, value);
    }

    /// A null is left out, as a form has no null.
    fn value(&mut self, key: &str, value: &Value) {
        if let Some(text) = value_to_text(value) {
            self.string(key, &text);
        }
    }

    fn read(&self, key: &str) -> Option<Cow<'_, str>> {
        let start = match needs_no_escape(key) {
            true => value_start(&self.text, &self.keys, key.as_bytes())?,
            false => {
                let mut encoded = Vec::with_capacity(key.len() * 3);
                extend_encoded(&mut encoded, key);
                value_start(&self.text, &self.keys, &encoded)?
            }
        };
        let rest = &self.text[start..];
        let end = rest.iter().position(|&b| b == b'&').unwrap_or(rest.len());
        // Decoded as a lone name decodes (the same escapes), borrowed
        // where nothing is escaped; nothing at all is the empty value.
        let value = form_urlencoded::parse(&rest[..end]).next();
        Some(value.map_or(Cow::Borrowed(""), |(value, _)| value))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    proptest! {
        /// A form writes what `form_urlencoded` writes, reads back each
        /// value, and notices a name written twice.
        #[test]
        fn a_form_writes_and_reads_as_form_urlencoded_does(
            pairs in proptest::collection::vec(
                ("[a-z_]{1,3}|\\PC{0,4}", "[a-zA-Z0-9*._~ +%&=/-]{0,12}|\\PC{0,6}"),
                0..5,
            )
        ) {
            let mut form = Form::with_capacity(0, 0);
            let mut expected = form_urlencoded::Serializer::new(String::new());
            for (key, value) in &pairs {
                form.string(key, value);
                expected.append_pair(key, value);
            }
            let mut names: Vec<_> = pairs.iter().map(|(k, _)| k).collect();
            names.sort();
            names.dedup();
            prop_assert_eq!(form.collided, names.len() < pairs.len());
            for (key, _) in &pairs {
                // The last value written under a name is the one read.
                let last = pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
                let read = form.read(key);
                prop_assert_eq!(read.as_deref(), last);
            }
            prop_assert_eq!(form.finish(), expected.finish().into_bytes());
        }
    }

    #[test]
    fn an_object_reads_back_its_members_as_text() {
        let mut object = Object::with_capacity(0, 0);
        object.string("key", "a \"b\"");
        object.value("n", &json!(12.5));
        object.value("list", &json!([1, {"x": null}]));
        object.value("none", &Value::Null);
        assert_eq!(object.read("key").as_deref(), Some("a \"b\""));
        assert_eq!(object.read("n").as_deref(), Some("12.5"));
        assert_eq!(object.read("list").as_deref(), Some("[1,{\"x\":null}]"));
        assert_eq!(object.read("none"), None);
        assert_eq!(object.read("absent"), None);
        assert!(!object.collided);
        let text = object.finish();
        let parsed: Value = serde_json::from_slice(&text).unwrap();
        assert_eq!(parsed["key"], "a \"b\"");
    }
}
