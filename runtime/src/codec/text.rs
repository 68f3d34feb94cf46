//! A value as the text a form field, a path or a header carries, written
//! straight from its `Serialize` impl: what [`value_to_text`] gives for the
//! value's JSON, without building the `Value` for the usual scalars.

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::wire::value_to_text;

/// `value` as text: strings as they are, numbers and booleans in their
/// JSON spelling, lists and objects as JSON text; `None` for null (a field
/// left out). Exactly `value_to_text(&serde_json::to_value(value)?)`.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> Result<Option<String>, serde_json::Error> {
    match value.serialize(Text) {
        Err(e) if e.to_string() == VIA_VALUE => Ok(value_to_text(&serde_json::to_value(value)?)),
        text => text,
    }
}

/// The error a value this serializer leaves to `serde_json` ends with.
const VIA_VALUE: &str = "kassa: written through a JSON value";

fn via_value<T>() -> Result<T, serde_json::Error> {
    Err(ser::Error::custom(VIA_VALUE))
}

/// The scalars' text. Anything else (lists, maps, variants with data,
/// 128-bit and `f32` numbers, raw JSON) goes through a `Value`, so that
/// its text is exactly the one `value_to_text` gives.
struct Text;

macro_rules! integer {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<Self::Ok, Self::Error> {
            Ok(Some(itoa::Buffer::new().format(v).to_owned()))
        })*
    };
}

macro_rules! through_value {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, _: $ty) -> Result<Self::Ok, Self::Error> {
            via_value()
        })*
    };
}

impl ser::Serializer for Text {
    type Ok = Option<String>;
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<Option<String>, serde_json::Error>;
    type SerializeTuple = Impossible<Option<String>, serde_json::Error>;
    type SerializeTupleStruct = Impossible<Option<String>, serde_json::Error>;
    type SerializeTupleVariant = Impossible<Option<String>, serde_json::Error>;
    type SerializeMap = Impossible<Option<String>, serde_json::Error>;
    type SerializeStruct = Impossible<Option<String>, serde_json::Error>;
    type SerializeStructVariant = Impossible<Option<String>, serde_json::Error>;

    integer!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
    );

    through_value!(
        serialize_i128: i128,
        serialize_u128: u128,
        serialize_f32: f32,
        serialize_bytes: &[u8],
    );

    fn serialize_bool(self, v: bool) -> Result<Self::Ok, Self::Error> {
        Ok(Some(if v { "true" } else { "false" }.to_owned()))
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok, Self::Error> {
        // A JSON value has no infinite or NaN number: `to_value` makes null.
        match v.is_finite() {
            true => serde_json::to_string(&v).map(Some),
            false => Ok(None),
        }
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok, Self::Error> {
        Ok(Some(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok, Self::Error> {
        Ok(Some(v.to_owned()))
    }
    fn serialize_none(self) -> Result<Self::Ok, Self::Error> {
        Ok(None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, Self::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok, Self::Error> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Self::Error> {
        Ok(None)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, Self::Error> {
        Ok(Some(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Self::Error> {
        // serde_json's raw JSON is a newtype of its text: parsed by `to_value`.
        if name.starts_with("$serde_json") {
            return via_value();
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, Self::Error> {
        via_value()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        via_value()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
        via_value()
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        via_value()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        via_value()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        via_value()
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Self::Error> {
        via_value()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        via_value()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::json;

    use super::*;
    use crate::{Bool01, Number};

    /// Each value's text is the one its `Value` gives (or the same error).
    fn same<T: Serialize>(value: T) {
        let expected = serde_json::to_value(&value).map(|v| value_to_text(&v));
        let text = to_text(&value);
        assert_eq!(
            text.map_err(|e| e.to_string()),
            expected.map_err(|e| e.to_string())
        );
    }

    #[test]
    fn every_kind_of_value_reads_as_its_json_value_does() {
        same("Чай & \"tea\"");
        same('ж');
        same(true);
        same(-17i8);
        same(u64::MAX);
        same(i64::MIN);
        same(1u128 << 100);
        same(-5i128);
        same(12.99f64);
        same(0.1f32);
        same(f64::NAN);
        same(f64::INFINITY);
        same(Option::<u32>::None);
        same(Some(5u32));
        same(());
        same(Number(rust_decimal::Decimal::new(1299, 2)));
        same(Number(rust_decimal::Decimal::new(25, 0)));
        same(Bool01(true));
        same(vec![1, 2]);
        same(&b"ab"[..]);
        same(BTreeMap::from([("b", 1), ("a", 2)]));
        same(json!({"z": [1, {"y": null}], "a": "x"}));
        same(json!(null));
        same(serde_json::value::RawValue::from_string("\"raw\"".into()).unwrap());
        #[derive(Serialize)]
        enum Kind {
            Sell,
            Weighed(u32),
        }
        same(Kind::Sell);
        same(Kind::Weighed(3));
        #[derive(Serialize)]
        struct Id(u64);
        same(Id(9));
    }
}
