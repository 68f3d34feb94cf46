//! Fields that hold one value or an array of values.

#[cfg(feature = "schemars")]
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use crate::codec::Lenient;
#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::value::{
    BoolDeserializer, BorrowedStrDeserializer, EnumAccessDeserializer, F64Deserializer,
    I64Deserializer, I128Deserializer, MapAccessDeserializer, StrDeserializer, StringDeserializer,
    U64Deserializer, U128Deserializer, UnitDeserializer,
};
use serde::de::{self, EnumAccess, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::validate::{InvalidRequest, Validate};

/// One value, or an array of values: vendors that send `"item": {...}` for
/// a single item and `"item": [{...}, ...]` for several.
///
/// Decoding reads an array as [`OneOrMany::Many`] and anything else as
/// [`OneOrMany::One`], so `T` itself must not travel as an array. Encoding
/// writes the shape the value has, so a decoded value re-encodes the way it
/// came in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OneOrMany<T> {
    /// A single value, not wrapped in an array.
    One(T),
    /// An array of values (possibly empty or of one).
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values as a slice.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(item) => std::slice::from_ref(item),
            OneOrMany::Many(items) => items,
        }
    }

    /// Iterates over the values.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether there are no values (an empty array).
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// The values as a vector.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(item) => vec![item],
            OneOrMany::Many(items) => items,
        }
    }
}

impl<T> Default for OneOrMany<T> {
    /// An empty array.
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(item: T) -> Self {
        OneOrMany::One(item)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(items: Vec<T>) -> Self {
        OneOrMany::Many(items)
    }
}

impl<T> From<OneOrMany<T>> for Vec<T> {
    fn from(value: OneOrMany<T>) -> Self {
        value.into_vec()
    }
}

impl<T> IntoIterator for OneOrMany<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a, T> IntoIterator for &'a OneOrMany<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Shows the values separated by `, `.
impl<T: fmt::Display> fmt::Display for OneOrMany<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            fmt::Display::fmt(item, f)?;
        }
        Ok(())
    }
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OneOrMany::One(item) => item.serialize(serializer),
            OneOrMany::Many(items) => items.serialize(serializer),
        }
    }
}

/// Reads an array item by item, and hands any other value to `T` without
/// buffering it, so `T`'s own errors come through unchanged.
struct OneOrManyVisitor<T>(PhantomData<fn() -> T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
    type Value = OneOrMany<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or an array of values")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // Cap the preallocation: the hint comes from the input.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(OneOrMany::Many(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(OneOrMany::One)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        T::deserialize(EnumAccessDeserializer::new(data)).map(OneOrMany::One)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        T::deserialize(BoolDeserializer::new(v)).map(OneOrMany::One)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        T::deserialize(I64Deserializer::new(v)).map(OneOrMany::One)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        T::deserialize(U64Deserializer::new(v)).map(OneOrMany::One)
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        T::deserialize(I128Deserializer::new(v)).map(OneOrMany::One)
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        T::deserialize(U128Deserializer::new(v)).map(OneOrMany::One)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        T::deserialize(F64Deserializer::new(v)).map(OneOrMany::One)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        T::deserialize(Lenient(StrDeserializer::new(v))).map(OneOrMany::One)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        T::deserialize(Lenient(BorrowedStrDeserializer::new(v))).map(OneOrMany::One)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        T::deserialize(Lenient(StringDeserializer::new(v))).map(OneOrMany::One)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        T::deserialize(UnitDeserializer::new()).map(OneOrMany::One)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

impl<T: Validate> Validate for OneOrMany<T> {
    fn validate(&self) -> Result<(), InvalidRequest> {
        match self {
            OneOrMany::One(item) => item.validate(),
            OneOrMany::Many(items) => items.validate(),
        }
    }
}

#[cfg(feature = "schemars")]
impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }
    fn schema_id() -> Cow<'static, str> {
        format!("kassa::OneOrMany<{}>", T::schema_id()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        schemars::json_schema!({
            "anyOf": [item, { "type": "array", "items": item }],
        })
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    #[cfg(feature = "schemars")]
    use crate::MinorUnits;
    use crate::{Number, Rfc3339};

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Item {
        name: String,
    }

    #[test]
    fn keeps_the_shape() {
        for json in ["5", "[5]", "[]", "[1,2,3]"] {
            let value: OneOrMany<i64> = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
        let one: OneOrMany<i64> = serde_json::from_str("5").unwrap();
        assert_eq!(one, OneOrMany::One(5));
        assert_eq!(
            (one.len(), one.iter().sum::<i64>(), one.into_vec()),
            (1, 5, vec![5])
        );
        let many = OneOrMany::<i32>::from(vec![1, 2]);
        assert_eq!(
            (many.len(), many.is_empty(), many.to_string()),
            (2, false, "1, 2".to_owned())
        );
        assert!(OneOrMany::<u8>::default().is_empty());
    }

    #[test]
    fn forwards_every_kind_of_value() {
        let item: OneOrMany<Item> = serde_json::from_str(r#"{"name": "a"}"#).unwrap();
        assert_eq!(item, OneOrMany::One(Item { name: "a".into() }));
        let items: OneOrMany<Item> =
            serde_json::from_value(json!([{"name": "a"}, {"name": "b"}])).unwrap();
        assert_eq!(items.len(), 2);
        let text: OneOrMany<String> = serde_json::from_str(r#""x""#).unwrap();
        assert_eq!(text, OneOrMany::One("x".into()));
        let number: OneOrMany<Number> = serde_json::from_str("0.5999999").unwrap();
        assert_eq!(number.to_string(), "0.5999999");
        let option: OneOrMany<Option<u8>> = serde_json::from_str("null").unwrap();
        assert_eq!(option, OneOrMany::One(None));
        let date: OneOrMany<Rfc3339> = serde_json::from_str(r#""2021-03-01T00:00:00Z""#).unwrap();
        assert_eq!(date.len(), 1);
        let flag: OneOrMany<bool> = serde_json::from_value(json!(true)).unwrap();
        assert_eq!(flag, OneOrMany::One(true));
    }

    #[test]
    fn errors_come_from_the_item() {
        let err = serde_json::from_str::<OneOrMany<Item>>(r#"{"nom": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing field `name`"), "{err}");
        let err = serde_json::from_str::<OneOrMany<u8>>("[1, 300]")
            .unwrap_err()
            .to_string();
        assert!(err.contains("300"), "{err}");
        for bad in ["\"x\"", "1e400", "[1, \"x\"]", "{}", "[[1]]"] {
            assert!(serde_json::from_str::<OneOrMany<u8>>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn validates_each_item() {
        struct Positive(i64);
        impl Validate for Positive {
            fn validate(&self) -> Result<(), InvalidRequest> {
                if self.0 > 0 {
                    Ok(())
                } else {
                    Err(InvalidRequest::new("n", "must be positive"))
                }
            }
        }
        assert!(OneOrMany::One(Positive(1)).validate().is_ok());
        assert!(OneOrMany::One(Positive(0)).validate().is_err());
        let err = OneOrMany::Many(vec![Positive(1), Positive(-1)])
            .validate()
            .unwrap_err();
        assert_eq!(err.path, "[1].n");
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schema() {
        let schema = schemars::schema_for!(OneOrMany<MinorUnits>);
        let any_of = schema.get("anyOf").unwrap();
        assert_eq!(any_of[0]["type"], "integer");
        assert_eq!(any_of[1]["items"]["type"], "integer");
    }

    fn one_or_many() -> impl Strategy<Value = OneOrMany<i64>> {
        prop_oneof![
            any::<i64>().prop_map(OneOrMany::One),
            prop::collection::vec(any::<i64>(), 0..8).prop_map(OneOrMany::Many),
        ]
    }

    proptest! {
        #[test]
        fn round_trips(value in one_or_many()) {
            let json = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(serde_json::from_str::<OneOrMany<i64>>(&json).unwrap(), value);
        }
    }
}
