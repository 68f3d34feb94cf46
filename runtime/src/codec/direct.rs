//! A REST path written straight from a request's fields.
//!
//! A request whose fields all travel in its path (a read by id) needs no
//! serialization of the whole request: `#[derive(Operation)]` writes its
//! path field by field through [`push_segment`], which writes a scalar the
//! way [`value_to_text`](super::value_to_text) writes its JSON value, and
//! refuses anything else. A refusal sends the request down the general
//! encoding, which writes it (or reports why it cannot).

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Impossible};

use super::request::push_path_segment;

/// `value`, a scalar, written onto `out` as a path segment, as the general
/// encoding writes it; false (and `out` left as it was, but for what was
/// written before the refusal) when `value` is not a scalar the segment can
/// hold: a missing value, a number with a fraction, a list, an object.
pub fn push_segment<T: Serialize + ?Sized>(out: &mut String, value: &T) -> bool {
    value.serialize(Segment(out)).is_ok()
}

/// The value is not one a path segment writes directly.
#[derive(Debug)]
struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a path segment")
    }
}

impl std::error::Error for Refused {}

impl ser::Error for Refused {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Refused
    }
}

struct Segment<'a>(&'a mut String);

type No = Impossible<(), Refused>;

/// The serializer's methods for integers, written without the formatter.
macro_rules! integers {
    ($($method:ident: $ty:ty,)*) => {
        $(
            fn $method(self, v: $ty) -> Result<(), Refused> {
                self.0.push_str(itoa::Buffer::new().format(v));
                Ok(())
            }
        )*
    };
}

impl ser::Serializer for Segment<'_> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = No;
    type SerializeTuple = No;
    type SerializeTupleStruct = No;
    type SerializeTupleVariant = No;
    type SerializeMap = No;
    type SerializeStruct = No;
    type SerializeStructVariant = No;

    fn serialize_bool(self, v: bool) -> Result<(), Refused> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    integers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
    );
    // Floats, wide integers, bytes and nothing are the general encoding's
    // to write (or to refuse).
    fn serialize_f32(self, _: f32) -> Result<(), Refused> {
        Err(Refused)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Refused> {
        Err(Refused)
    }
    fn serialize_char(self, v: char) -> Result<(), Refused> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Refused> {
        push_path_segment(self.0, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Refused> {
        Err(Refused)
    }
    fn serialize_none(self) -> Result<(), Refused> {
        Err(Refused)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Refused> {
        Err(Refused)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Refused> {
        Err(Refused)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Refused> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        Err(Refused)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<No, Refused> {
        Err(Refused)
    }
    fn serialize_tuple(self, _: usize) -> Result<No, Refused> {
        Err(Refused)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<No, Refused> {
        Err(Refused)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<No, Refused> {
        Err(Refused)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<No, Refused> {
        Err(Refused)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<No, Refused> {
        Err(Refused)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<No, Refused> {
        Err(Refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::value_to_text;

    /// What the general encoding writes for `value` in a path.
    fn general<T: Serialize>(value: &T) -> Option<String> {
        let text = value_to_text(&serde_json::to_value(value).ok()?)?;
        let mut out = String::new();
        push_path_segment(&mut out, &text);
        Some(out)
    }

    fn direct<T: Serialize>(value: &T) -> Option<String> {
        let mut out = String::new();
        push_segment(&mut out, value).then_some(out)
    }

    #[derive(Serialize)]
    enum Kind {
        #[serde(rename = "sale-1")]
        Sale,
    }

    #[derive(Serialize)]
    struct Id(u32);

    #[test]
    fn scalars_are_written_as_the_general_encoding_writes_them() {
        assert_eq!(direct(&11344i64), general(&11344i64));
        assert_eq!(direct(&-7i8), general(&-7i8));
        assert_eq!(direct(&u64::MAX), general(&u64::MAX));
        assert_eq!(direct(&true), general(&true));
        assert_eq!(direct(&"a b/c?ü"), general(&"a b/c?ü"));
        assert_eq!(direct(&'/'), general(&'/'));
        assert_eq!(direct(&Some(5u16)), general(&Some(5u16)));
        assert_eq!(direct(&Kind::Sale), general(&Kind::Sale));
        assert_eq!(direct(&Id(9)), general(&Id(9)));
        assert_eq!(direct(&Kind::Sale).as_deref(), Some("sale-1"));
        assert_eq!(direct(&"a b/c").as_deref(), Some("a+b%2Fc"));
    }

    #[test]
    fn what_is_not_a_scalar_is_left_to_the_general_encoding() {
        assert_eq!(direct(&None::<u8>), None);
        assert_eq!(direct(&1.5f64), None);
        assert_eq!(direct(&vec![1, 2]), None);
        assert_eq!(direct(&()), None);
        assert_eq!(direct(&serde_json::json!({"a": 1})), None);
    }
}
