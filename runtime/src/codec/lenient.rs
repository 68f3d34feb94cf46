//! A deserializer adapter that reads numbers and booleans written as text.
//!
//! Vendors write integers as digit strings (`"12"` for a documented
//! Integer), and values from URLs and forms are always text. [`Lenient`]
//! wraps any deserializer: where the target type asks for an integer, a
//! float or a boolean and the input holds a string of that shape, the
//! string is converted and handed to the type's visitor. Everything else
//! passes through untouched, in the same single pass over the input:
//! nested values are wrapped as they are reached, never buffered.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// A deserializer that accepts numbers and booleans written as strings.
pub struct Lenient<D>(pub D);

impl<D> Lenient<D> {
    pub fn new(inner: D) -> Self {
        Lenient(inner)
    }
}

#[derive(Clone, Copy)]
enum Want {
    Int,
    Float,
    Bool,
}

macro_rules! scalar {
    ($($method:ident => $want:ident,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.deserialize_any(Scalar { visitor, want: Want::$want })
            }
        )*
    };
}

macro_rules! wrapped {
    ($($method:ident,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method(Wrap(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Lenient<D> {
    type Error = D::Error;

    scalar! {
        deserialize_bool => Bool,
        deserialize_i8 => Int,
        deserialize_i16 => Int,
        deserialize_i32 => Int,
        deserialize_i64 => Int,
        deserialize_i128 => Int,
        deserialize_u8 => Int,
        deserialize_u16 => Int,
        deserialize_u32 => Int,
        deserialize_u64 => Int,
        deserialize_u128 => Int,
        deserialize_f32 => Float,
        deserialize_f64 => Float,
    }

    wrapped! {
        deserialize_any,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier,
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_ignored_any(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Wrap(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Wrap(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, Wrap(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Wrap(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Forwards every value to `V`; strings of the wanted shape are converted first.
struct Scalar<V> {
    visitor: V,
    want: Want,
}

/// The text as the number or boolean the target wants, handed to `visitor`;
/// `None` when the text is not of that shape.
fn convert<'de, V: Visitor<'de>, E: de::Error>(
    visitor: V,
    want: Want,
    text: &str,
) -> Result<Result<V::Value, E>, V> {
    match want {
        Want::Int => {
            if let Ok(i) = text.parse::<i64>() {
                Ok(visitor.visit_i64(i))
            } else if let Ok(u) = text.parse::<u64>() {
                Ok(visitor.visit_u64(u))
            } else if let Ok(i) = text.parse::<i128>() {
                Ok(visitor.visit_i128(i))
            } else if let Ok(u) = text.parse::<u128>() {
                Ok(visitor.visit_u128(u))
            } else {
                Err(visitor)
            }
        }
        Want::Float => {
            let plain = !text.is_empty()
                && text
                    .bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
            match text.parse::<f64>() {
                Ok(f) if plain => Ok(visitor.visit_f64(f)),
                _ => Err(visitor),
            }
        }
        Want::Bool => match text {
            "true" => Ok(visitor.visit_bool(true)),
            "false" => Ok(visitor.visit_bool(false)),
            _ => Err(visitor),
        },
    }
}

macro_rules! forward_scalars {
    ($field:tt) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            self.$field.visit_bool(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.$field.visit_i64(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.$field.visit_u64(v)
        }
        fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
            self.$field.visit_i128(v)
        }
        fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
            self.$field.visit_u128(v)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            self.$field.visit_f64(v)
        }
        fn visit_char<E: de::Error>(self, v: char) -> Result<Self::Value, E> {
            self.$field.visit_char(v)
        }
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
            self.$field.visit_bytes(v)
        }
        fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
            self.$field.visit_borrowed_bytes(v)
        }
        fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Self::Value, E> {
            self.$field.visit_byte_buf(v)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.$field.visit_none()
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.$field.visit_unit()
        }
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Scalar<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    forward_scalars!(visitor);

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        convert(self.visitor, self.want, v).unwrap_or_else(|visitor| visitor.visit_str(v))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        convert(self.visitor, self.want, v).unwrap_or_else(|visitor| visitor.visit_borrowed_str(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        match convert(self.visitor, self.want, &v) {
            Ok(done) => done,
            Err(visitor) => visitor.visit_string(v),
        }
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.visitor.visit_some(Lenient(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.visitor.visit_newtype_struct(Lenient(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_seq(Seq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_map(Map(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.visitor.visit_enum(Enum(data))
    }
}

/// Forwards every value to `V`, wrapping nested values in [`Lenient`].
struct Wrap<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_scalars!(0);

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.0.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        self.0.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.0.visit_string(v)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_some(Lenient(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_newtype_struct(Lenient(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(Seq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(Map(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.0.visit_enum(Enum(data))
    }
}

/// A seed whose deserializer is wrapped in [`Lenient`].
pub(crate) struct Seed<S>(pub(crate) S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.deserialize(Lenient(d))
    }
}

struct Seq<A>(A);

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// Map values are wrapped; keys are not (JSON keys are strings, and the
/// format's own key deserializer already reads integer keys).
struct Map<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Map<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct Enum<A>(A);

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), A::Error> {
        self.0
            .variant_seed(seed)
            .map(|(value, variant)| (value, Variant(variant)))
    }
}

struct Variant<A>(A);

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Wrap(visitor))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Inner {
        n: Option<u16>,
        f: f64,
        b: bool,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Outer {
        id: u64,
        name: String,
        list: Vec<i32>,
        inner: Inner,
        neg: i128,
        tuple: (u8, String),
    }

    fn read<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = T::deserialize(Lenient(&mut de))?;
        de.end()?;
        Ok(value)
    }

    #[test]
    fn text_becomes_numbers_and_booleans_at_any_depth() {
        let outer: Outer = read(
            r#"{"id": "5", "name": "7", "list": ["1", -2], "neg": "-170141183460469231731687303715884105728",
                "inner": {"n": "65535", "f": "1.5e3", "b": "true"}, "tuple": ["9", "x"]}"#,
        )
        .unwrap();
        assert_eq!(outer.id, 5);
        assert_eq!(outer.name, "7");
        assert_eq!(outer.list, vec![1, -2]);
        assert_eq!(outer.neg, i128::MIN);
        assert_eq!(
            outer.inner,
            Inner {
                n: Some(65535),
                f: 1500.0,
                b: true
            }
        );
        assert_eq!(outer.tuple, (9, "x".to_owned()));
    }

    #[test]
    fn text_of_another_shape_keeps_the_types_own_error() {
        let e = read::<Inner>(r#"{"n": "12a", "f": 1, "b": false}"#).unwrap_err();
        assert!(
            e.to_string().contains("invalid type: string \"12a\""),
            "{e}"
        );
        let e = read::<Inner>(r#"{"n": "70000", "f": 1, "b": false}"#).unwrap_err();
        assert!(e.to_string().contains("70000"), "{e}");
        let e = read::<Inner>(r#"{"n": 1, "f": "NaN", "b": false}"#).unwrap_err();
        assert!(e.to_string().contains("NaN"), "{e}");
        let e = read::<Inner>(r#"{"n": 1, "f": 1, "b": "yes"}"#).unwrap_err();
        assert!(e.to_string().contains("yes"), "{e}");
    }

    #[test]
    fn many_digit_strings_in_one_body() {
        let items: Vec<String> = (0..5000).map(|i| format!("\"{i}\"")).collect();
        let text = format!("[{}]", items.join(","));
        let numbers: Vec<u32> = read(&text).unwrap();
        assert_eq!(numbers.len(), 5000);
        assert_eq!(numbers[4999], 4999);
    }

    #[test]
    fn enums_and_maps_are_wrapped() {
        #[derive(Deserialize, Debug, PartialEq)]
        enum E {
            A(u8),
            B { x: u8 },
        }
        let m: std::collections::BTreeMap<u32, E> =
            read(r#"{"1": {"A": "2"}, "3": {"B": {"x": "4"}}}"#).unwrap();
        assert_eq!(m[&1], E::A(2));
        assert_eq!(m[&3], E::B { x: 4 });
    }
}
