//! What `#[derive(kassa::Deserialize)]` expands to calls: the parts of a
//! struct's map visitor that do not depend on the struct, written once
//! here instead of once per type. Not a public API.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};

/// A member name, borrowed from the input where it can be.
pub struct Key<'de>(Cow<'de, str>);

impl Deref for Key<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> Key<'de> {
    pub(crate) fn into_cow(self) -> Cow<'de, str> {
        self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            #[inline]
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            #[inline]
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            #[inline]
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Key<'de>, E> {
                Ok(Key(String::from_utf8_lossy(v).into_owned().into()))
            }
        }
        d.deserialize_identifier(V)
    }
}

/// Reads a member name, a [`Key`], for the visitor `V`.
///
/// The type parameter gives each struct's visitor its own instance of the
/// deserializer's key reading, called from that visitor alone. With the
/// visitor `#[inline]`, as the derive writes it, both are compiled beside
/// the deserializer and the key reading is folded into the visitor, as it
/// is for serde's derive. One instance shared by every struct stays a call
/// of its own per member: 5 % more instructions for a Kassa24 Z report.
/// Neither change alone makes the difference.
pub struct KeyFor<V>(PhantomData<fn() -> V>);

// By hand: a derive would ask `V: Default`.
impl<V> Default for KeyFor<V> {
    #[inline]
    fn default() -> Self {
        KeyFor(PhantomData)
    }
}

impl<'de, V> DeserializeSeed<'de> for KeyFor<V> {
    type Value = Key<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key<'de>, D::Error> {
        Key::deserialize(d)
    }
}

/// Reads the value of member `name` into `slot`; a second one is serde's
/// "duplicate field" error.
#[inline]
pub fn next<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    next_seed(map, slot, name, PhantomData)
}

/// [`next`] through `seed` (a field's `with` or `deserialize_with`).
#[inline]
pub fn next_seed<'de, A: MapAccess<'de>, S: DeserializeSeed<'de>>(
    map: &mut A,
    slot: &mut Option<S::Value>,
    name: &'static str,
    seed: S,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value_seed(seed)?);
    Ok(())
}

/// Skips the value of a member the struct does not have.
#[inline]
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The value read for member `name`, or, when it did not come, what
/// serde's derive gives: `None` for an `Option`, else its "missing field"
/// error.
#[inline]
pub fn take<'de, T: Deserialize<'de>, E: de::Error>(
    slot: Option<T>,
    name: &'static str,
) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(Missing(name, PhantomData)),
    }
}

/// A member read through `with`, which must come.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| de::Error::missing_field(name))
}

/// The input of a member that did not come: nothing for an `Option`, an
/// error for anything else.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(de::Error::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    /// The same struct twice: read by kassa's derive and by serde's.
    macro_rules! twins {
        ($($derive:path => $name:ident),*) => {$(
            #[derive(Debug, PartialEq, $derive)]
            struct $name {
                #[serde(rename = "Id")]
                id: u64,
                #[serde(rename = "Note", alias = "note")]
                note: Option<String>,
                #[serde(rename = "Count", default)]
                count: u32,
                #[serde(rename = "Twice", default, with = "twice")]
                twice: u32,
                #[serde(rename = "Once", deserialize_with = "twice::deserialize")]
                once: u32,
            }
        )*};
    }

    twins!(kassa_macros::Deserialize => Ours, serde::Deserialize => Serdes);

    mod twice {
        use serde::{Deserialize, Deserializer};

        pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
            u32::deserialize(d).map(|v| v * 2)
        }
    }

    /// What each derive makes of `text`, as text (the structs differ in name).
    fn both(text: &str) -> (String, String) {
        let show = |r: Result<String, serde_json::Error>| match r {
            Ok(v) => v,
            Err(e) => format!("error: {e}"),
        };
        let ours = serde_json::from_str::<Ours>(text).map(|v| format!("{v:?}"));
        let serdes = serde_json::from_str::<Serdes>(text).map(|v| format!("{v:?}"));
        (
            show(ours).replace("Ours", "T"),
            show(serdes).replace("Serdes", "T"),
        )
    }

    #[test]
    fn reads_and_fails_as_serdes_derive_does() {
        for text in [
            r#"{"Id": 1, "note": "a", "Twice": 2, "Once": 1, "Other": [1, {"x": 2}]}"#,
            r#"{"Id": 1, "Note": null, "Count": 3, "Once": 5}"#,
            r#"{"Note": "a", "Once": 1}"#,
            r#"{"Id": 1}"#,
            r#"{"Id": 1, "Id": 2, "Once": 1}"#,
            r#"{"Id": 1, "Note": "a", "note": "b", "Once": 1}"#,
            r#"{"Id": "x", "Once": 1}"#,
            r#"{"Id": 1, "Once": -1}"#,
            r#"{"Id": 1, "Once": 1, "Twice": null}"#,
            r#"{"Id": 1, "Once": 1} trailing"#,
            r#""text""#,
            "null",
        ] {
            let (ours, serdes) = both(text);
            assert_eq!(ours, serdes, "{text}");
        }
        // The one difference: serde's derive also takes a struct written
        // as an array of its fields, which no vendor sends.
        let (ours, _) = both("[1, null, 0, 0, 0]");
        assert!(
            ours.starts_with("error: invalid type: sequence, expected struct T"),
            "{ours}"
        );
        // Keys that are not borrowed (a `Value`'s).
        let value = serde_json::json!({"Id": 2, "Once": 1});
        assert_eq!(
            <Ours as serde::Deserialize>::deserialize(value)
                .unwrap()
                .once,
            2
        );
    }
}
