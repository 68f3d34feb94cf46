//! Decoding records told apart by a field of their own (`#[derive(Tagged)]`),
//! in the same pass as the rest of the body.
//!
//! The record's fields are read as they come until the tag is found; only
//! the fields before it are held (as JSON values), and the record is then
//! decoded from those followed by the rest of the live input. Records that
//! start with their tag, as vendors write them, are not buffered at all. A
//! record with a tag the type does not know is kept whole as JSON where the
//! type has a fallback variant.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::Lenient;
use crate::Code;

/// An enum of records told apart by a tag field; implemented by
/// `#[derive(Tagged)]`, read with [`deserialize_tagged`].
pub trait TaggedRecord: Sized {
    /// The type's name, for errors.
    const NAME: &'static str;
    /// The record field that holds the tag.
    const TAG: &'static str;
    /// Whether tags are integer codes (else strings).
    const INT: bool;
    /// The known tags, as errors list them: `1, 2, 3`.
    const EXPECTED: &'static str;

    /// The name of the variant with tag `code`; `None` where no variant
    /// has it.
    fn variant(code: &Code) -> Option<&'static str>;

    /// The variant with tag `code` (one [`variant`](Self::variant) names),
    /// decoded from `record`, whose fields include the tag.
    fn decode_variant<'de, D: Deserializer<'de>>(code: &Code, record: D) -> Result<Self, D::Error>;

    /// A record with an unknown tag, kept whole; `None` where the type has
    /// no fallback variant.
    fn unknown(record: Value) -> Option<Self>;
}

/// Reads one `T` record from `deserializer` without buffering it as JSON.
pub fn deserialize_tagged<'de, T: TaggedRecord, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(RecordVisitor(PhantomData))
}

struct RecordVisitor<T>(PhantomData<T>);

impl<'de, T: TaggedRecord> Visitor<'de> for RecordVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object tagged by `{}`", T::NAME, T::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        // Empty, so not allocated, for a record that starts with its tag.
        let mut before: Vec<(String, Value)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed(T::TAG))? {
            if let Key::Other(name) = key {
                before.push((name, map.next_value()?));
                continue;
            }
            let Tag { code, json: value } = map.next_value_seed(TagSeed::<T>(PhantomData))?;
            let Some(variant) = T::variant(&code) else {
                return unknown(before, value, map, &code);
            };
            let record = Record {
                held: before,
                tag: (T::TAG, value),
                map,
            };
            return T::decode_variant(&code, record).map_err(|e| {
                de::Error::custom(format_args!(
                    "invalid {} with `{}` {code} ({variant}): {}",
                    T::NAME,
                    T::TAG,
                    without_position(&e.to_string())
                ))
            });
        }
        Err(de::Error::custom(format_args!("missing tag `{}`", T::TAG)))
    }
}

/// A tag as read: its code, and its JSON form for the records that need
/// it again (a variant that lists the tag, an unknown record kept whole).
struct Tag {
    code: Code,
    json: Value,
}

/// Reads a tag as a code of `T`'s kind straight from the input: digit
/// strings count as integers, and numbers as strings of their digits.
struct TagSeed<T>(PhantomData<T>);

impl<T: TaggedRecord> TagSeed<T> {
    /// The kind of code `T`'s tags are.
    fn kind() -> &'static str {
        if T::INT { "an integer" } else { "a string" }
    }

    fn not_code<E: de::Error>(found: Value) -> E {
        E::custom(format_args!(
            "the tag `{}` of {} must be {} code, found {found}",
            T::TAG,
            T::NAME,
            Self::kind()
        ))
    }

    fn number<E: de::Error>(n: serde_json::Number) -> Result<Tag, E> {
        let code = if T::INT {
            n.as_i64().map(Code::Int)
        } else {
            Some(Code::Str(n.to_string().into()))
        };
        match code {
            Some(code) => Ok(Tag {
                code,
                json: Value::Number(n),
            }),
            None => Err(Self::not_code(Value::Number(n))),
        }
    }
}

impl<'de, T: TaggedRecord> DeserializeSeed<'de> for TagSeed<T> {
    type Value = Tag;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Tag, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: TaggedRecord> Visitor<'de> for TagSeed<T> {
    type Value = Tag;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the tag `{}` of {} as {} code",
            T::TAG,
            T::NAME,
            Self::kind()
        )
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tag, E> {
        Self::number(v.into())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tag, E> {
        Self::number(v.into())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tag, E> {
        match serde_json::Number::from_f64(v) {
            Some(n) => Self::number(n),
            None => Err(Self::not_code(Value::Null)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tag, E> {
        self.visit_string(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Tag, E> {
        let code = if T::INT {
            match v.trim().parse() {
                Ok(i) => Code::Int(i),
                Err(_) => return Err(Self::not_code(Value::String(v))),
            }
        } else {
            Code::Str(v.clone().into())
        };
        Ok(Tag {
            code,
            json: Value::String(v),
        })
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Tag, E> {
        Err(Self::not_code(Value::Bool(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tag, E> {
        Err(Self::not_code(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Tag, E> {
        Err(Self::not_code(Value::Null))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Tag, A::Error> {
        let found = Value::deserialize(SeqAccessDeserializer::new(seq))?;
        Err(Self::not_code(found))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Tag, A::Error> {
        let found = Value::deserialize(MapAccessDeserializer::new(map))?;
        Err(Self::not_code(found))
    }
}

/// A record whose tag no variant has: kept whole where `T` has a
/// fallback, an error naming the known tags where not.
fn unknown<'de, T: TaggedRecord, A: MapAccess<'de>>(
    before: Vec<(String, Value)>,
    tag: Value,
    mut map: A,
    code: &Code,
) -> Result<T, A::Error> {
    let unknown_tag = || {
        de::Error::custom(format_args!(
            "unknown {} `{}` {code}, expected one of {}",
            T::NAME,
            T::TAG,
            T::EXPECTED
        ))
    };
    let mut record: Map<String, Value> = before.into_iter().collect();
    record.insert(T::TAG.to_owned(), tag);
    while let Some((key, value)) = map.next_entry::<String, Value>()? {
        record.insert(key, value);
    }
    T::unknown(Value::Object(record)).ok_or_else(unknown_tag)
}

/// `text` without the ` at line L column C` serde_json ends its errors
/// with: the error gets the position again where it leaves the record.
fn without_position(text: &str) -> &str {
    let Some((head, tail)) = text.rsplit_once(" at line ") else {
        return text;
    };
    let is_position = tail.split_once(" column ").is_some_and(|(line, column)| {
        !line.is_empty()
            && !column.is_empty()
            && line
                .bytes()
                .chain(column.bytes())
                .all(|b| b.is_ascii_digit())
    });
    if is_position { head } else { text }
}

/// A record's key: the tag, or another field's name.
enum Key {
    Tag,
    Other(String),
}

/// Reads a key, allocating only for names that are not the tag.
struct KeySeed(&'static str);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(if name == self.0 {
            Key::Tag
        } else {
            Key::Other(name.to_owned())
        })
    }
}

/// A record as its variant's deserializer: the members read before the
/// tag, the tag, then the rest of the live record. A struct that does not
/// list the tag among its fields is not given it (the generated variants
/// never do): one member less to read and skip per record.
struct Record<A> {
    held: Vec<(String, Value)>,
    tag: (&'static str, Value),
    map: A,
}

impl<A> Record<A> {
    /// The record's members, the tag among them where `with_tag`.
    #[inline]
    fn members(self, with_tag: bool) -> Members<A> {
        let Record {
            mut held,
            tag: (name, tag),
            map,
        } = self;
        if with_tag {
            held.push((name.to_owned(), tag));
        }
        // A record that starts with its tag, as vendors write them, has
        // nothing to replay: its members come straight from the input.
        let replay = (!held.is_empty()).then(|| {
            held.reverse();
            Box::new(Replay {
                members: held,
                pending: None,
            })
        });
        Members { replay, map }
    }
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Record<A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.members(true))
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let with_tag = fields.contains(&self.tag.0);
        visitor.visit_map(self.members(with_tag))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        MapAccessDeserializer::new(self.members(true)).deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map identifier ignored_any
    }
}

/// A record's members: those held to be replayed first, then the live ones.
struct Members<A> {
    /// `None` once nothing is left to replay (and for most records, from
    /// the start): one branch per member on the common path.
    replay: Option<Box<Replay>>,
    map: A,
}

/// Members held to be replayed, last first, and the value of the member
/// whose key was just given.
struct Replay {
    members: Vec<(String, Value)>,
    pending: Option<Value>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Members<A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some(replay) = &mut self.replay {
            if let Some((name, value)) = replay.members.pop() {
                replay.pending = Some(value);
                return seed
                    .deserialize(StringDeserializer::<A::Error>::new(name))
                    .map(Some);
            }
            self.replay = None;
        }
        self.map.next_key_seed(seed)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.replay.as_mut().and_then(|r| r.pending.take()) {
            Some(value) => seed.deserialize(Lenient(value)).map_err(de::Error::custom),
            None => self.map.next_value_seed(seed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::without_position;

    #[test]
    fn positions_are_cut_from_the_end_only() {
        assert_eq!(
            without_position("missing field `a` at line 1 column 9"),
            "missing field `a`"
        );
        assert_eq!(without_position("missing field `a`"), "missing field `a`");
        assert_eq!(without_position("at line 1 column x"), "at line 1 column x");
        assert_eq!(
            without_position("a at line 3 column 4 b"),
            "a at line 3 column 4 b"
        );
    }
}
