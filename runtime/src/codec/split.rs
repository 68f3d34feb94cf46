//! A request struct serialized once, straight into JSON text (or, for a
//! form protocol, into its form pairs), with each top-level field sent
//! where its placement says: the parameters as text, the few fields bound
//! for the path, the query, a header or the envelope as values. The
//! idempotency key is minted on the way, and the fields a recovery reads
//! or a signature covers are kept. No `serde_json::Value` of the whole
//! request is built.

use std::ops::Range;

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeStruct};
use serde_json::Value;

use super::text::to_text;
use super::wire::{needs_no_escape, value_to_text};
use crate::{Auth, Method, Mint, OperationInfo, Placement, Protocol, Vendor};

/// The parameters of a request, as JSON text (or a form's pairs).
#[derive(Clone, Debug, PartialEq)]
pub enum Params {
    /// No parameters (a unit struct).
    None,
    /// An object: its members without the braces (`"a":1,"b":"x"`), and
    /// where each member's key (a JSON string, quotes included) is in them.
    /// The bytes are serde_json's output, hence UTF-8; they go to the wire
    /// as they are, so they are not checked again.
    Object {
        members: Vec<u8>,
        keys: Vec<Range<usize>>,
    },
    /// Any other JSON value (a transparent wrapper around a list, raw JSON).
    Raw(String),
    /// A form protocol's parameters: `a=1&b=x`, each name and value
    /// percent-encoded, fields whose value is null left out; and where each
    /// encoded name is in them.
    Form {
        pairs: Vec<u8>,
        keys: Vec<Range<usize>>,
    },
}

impl Params {
    /// The parameters as a value (for the paths that still need one).
    pub fn to_value(&self) -> Value {
        match self {
            Params::None => Value::Null,
            Params::Object { members, .. } => {
                serde_json::from_slice(&[b"{", members.as_slice(), b"}"].concat())
                    .unwrap_or(Value::Null)
            }
            Params::Raw(text) => serde_json::from_str(text).unwrap_or(Value::Null),
            Params::Form { pairs, .. } => Value::Object(
                form_urlencoded::parse(pairs)
                    .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                    .collect(),
            ),
        }
    }

    /// Whether a member of the parameters is named `wire`.
    fn names(&self, wire: &str) -> bool {
        match self {
            Params::Object { members, keys } => {
                let quoted = serde_json::to_string(wire).unwrap_or_default();
                keys.iter()
                    .any(|k| members.get(k.clone()) == Some(quoted.as_bytes()))
            }
            Params::Form { pairs, keys } => {
                let encoded: String = form_urlencoded::byte_serialize(wire.as_bytes()).collect();
                keys.iter()
                    .any(|k| pairs.get(k.clone()) == Some(encoded.as_bytes()))
            }
            Params::None | Params::Raw(_) => false,
        }
    }
}

/// A request split by where its fields travel.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    pub params: Params,
    /// Fields sent beside the parameter object, in order.
    pub envelope: Vec<(String, Value)>,
    pub path: Vec<(String, String)>,
    /// Fields placed in the query, then (GET and DELETE of REST) the
    /// parameters, in order.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// The idempotency key the request carries (minted if it was empty).
    pub key: Option<String>,
    /// Values of the fields a recovery of the operation reads or the
    /// vendor's signature covers.
    pub kept: Vec<(String, Value)>,
}

impl Split {
    /// Serializes `request` for `info` of `vendor`.
    pub fn new<T: Serialize + ?Sized>(
        vendor: &Vendor,
        info: &OperationInfo,
        request: &T,
    ) -> Result<Split, serde_json::Error> {
        let params_to_query = matches!(vendor.protocol, Protocol::Rest { .. })
            && matches!(info.http, Some((Method::Get | Method::Delete, _)));
        let form = matches!(vendor.protocol, Protocol::Form { .. });
        let signs = vendor.auth.iter().any(|a| matches!(a, Auth::Hmac { .. }));
        let mut split = Split {
            params: Params::None,
            envelope: Vec::new(),
            path: Vec::new(),
            query: Vec::new(),
            headers: Vec::new(),
            key: None,
            kept: Vec::new(),
        };
        let mut spill = Vec::new();
        let top = Top {
            vendor,
            info,
            split: &mut split,
            params_to_query,
            form,
            signs,
            spill: &mut spill,
        };
        match request.serialize(top) {
            Ok(()) => {}
            // A list at the top: no fields to place, the whole value.
            Err(e) if e.to_string() == WHOLE => {
                split.params = Params::Raw(serde_json::to_string(request)?);
            }
            Err(e) => return Err(e),
        }
        split.query.append(&mut spill);
        Ok(split)
    }

    /// The whole request as the `Value` it serializes to (fields grouped by
    /// placement, each group in order), for the paths that need one.
    pub fn to_value(&self) -> Value {
        let params = self.params.to_value();
        let Value::Object(mut map) = params else {
            return params;
        };
        for (k, v) in &self.envelope {
            map.insert(k.clone(), v.clone());
        }
        for (k, v) in self.path.iter().chain(&self.query).chain(&self.headers) {
            map.insert(k.clone(), Value::String(v.clone()));
        }
        Value::Object(map)
    }

    /// Whether the request sends the top-level field `wire`.
    pub fn sends(&self, wire: &str) -> bool {
        self.params.names(wire)
            || self.envelope.iter().any(|(k, _)| k == wire)
            || [&self.path, &self.query, &self.headers]
                .iter()
                .any(|list| list.iter().any(|(k, _)| k == wire))
    }

    /// The value of a top-level field a recovery reads or a signature covers.
    pub fn kept(&self, name: &str) -> Option<&Value> {
        self.kept.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

/// Whether a recovery of `info` reads the field `name` of its request.
fn kept_by_recovery(info: &OperationInfo, name: &str) -> bool {
    info.recovery.is_some_and(|r| {
        r.request.iter().any(|(_, source)| *source == name)
            || match r.test {
                crate::Test::Equals(n) | crate::Test::DiffersFrom(n) => n == name,
                _ => false,
            }
    })
}

fn minted() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The serializer of the request's top level.
struct Top<'a> {
    vendor: &'a Vendor,
    info: &'a OperationInfo,
    split: &'a mut Split,
    params_to_query: bool,
    /// The parameters are written as form pairs, not JSON.
    form: bool,
    /// The vendor signs its requests (a signature may cover a parameter).
    signs: bool,
    /// GET/DELETE parameters, added to the query after the placed fields.
    spill: &'a mut Vec<(String, String)>,
}

impl<'a> Top<'a> {
    /// Whether a signature of the vendor's requests covers the field `name`.
    #[inline]
    fn signed(&self, name: &str) -> bool {
        self.signs
            && self.vendor.auth.iter().any(|scheme| match scheme {
                Auth::Hmac { message, .. } => message.contains(&name),
                _ => false,
            })
    }

    fn fields(self) -> Fields<'a> {
        Fields {
            top: self,
            // Allocated with the first member: a request of path or query
            // fields alone has none.
            members: Vec::new(),
            keys: Vec::new(),
            key_seen: false,
            pending: None,
        }
    }

    fn raw<T: Serialize + ?Sized>(self, value: &T) -> Result<(), serde_json::Error> {
        self.split.params = Params::Raw(serde_json::to_string(value)?);
        Ok(())
    }
}

/// A member of the top-level object.
struct Fields<'a> {
    top: Top<'a>,
    /// JSON text (or form pairs) of the members so far.
    members: Vec<u8>,
    keys: Vec<Range<usize>>,
    key_seen: bool,
    /// A map key waiting for its value.
    pending: Option<String>,
}

impl Fields<'_> {
    fn place(&mut self, name: &str, value: Value) -> Result<(), serde_json::Error> {
        let placement = self.top.info.placement_of(name);
        let split = &mut *self.top.split;
        match placement {
            Placement::Params if self.top.params_to_query => {
                if let Some(text) = value_to_text(&value) {
                    self.top.spill.push((name.to_owned(), text));
                }
            }
            Placement::Params => self.push_member(name, &value)?,
            Placement::Envelope => split.envelope.push((name.to_owned(), value)),
            Placement::Path => split
                .path
                .extend(value_to_text(&value).map(|v| (name.to_owned(), v))),
            Placement::Query => {
                split
                    .query
                    .extend(super::query::query_pairs(self.top.info, name, &value))
            }
            Placement::Header => split
                .headers
                .extend(value_to_text(&value).map(|v| (name.to_owned(), v))),
        }
        Ok(())
    }

    /// `"name":value`, after a comma unless it is the first member; for a
    /// form, `name=value` after an ampersand, or nothing for a null.
    fn push_member<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        if self.top.form {
            return self.push_pair(name, value);
        }
        if self.members.is_empty() {
            self.members.reserve(256);
            // One key per parameter the operation declares, in one allocation.
            self.keys.reserve(self.top.info.params.len());
        } else {
            self.members.push(b',');
        }
        let start = self.members.len();
        serde_json::to_writer(&mut self.members, name)?;
        self.keys.push(start..self.members.len());
        self.members.push(b':');
        serde_json::to_writer(&mut self.members, value)?;
        Ok(())
    }

    /// What `form_urlencoded`'s `append_pair` writes. Kept out of line: the
    /// JSON members' path stays as short as it was.
    #[inline(never)]
    fn push_pair<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        let Some(text) = to_text(value)? else {
            return Ok(());
        };
        if self.members.is_empty() {
            self.members.reserve(128);
            self.keys.reserve(self.top.info.params.len());
        } else {
            self.members.push(b'&');
        }
        let start = self.members.len();
        extend_encoded(&mut self.members, name);
        self.keys.push(start..self.members.len());
        self.members.push(b'=');
        extend_encoded(&mut self.members, &text);
        Ok(())
    }
}

/// `text` percent-encoded for a form onto `out`. Names, ids and numbers,
/// the usual fields, need no escape and are copied as they are.
pub(super) fn extend_encoded(out: &mut Vec<u8>, text: &str) {
    if needs_no_escape(text) {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    for chunk in form_urlencoded::byte_serialize(text.as_bytes()) {
        out.extend_from_slice(chunk.as_bytes());
    }
}

impl Fields<'_> {
    /// One top-level member: straight into the text when it is a plain
    /// parameter, else as a value to route, mint or keep.
    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        let info = self.top.info;
        let is_key = info.idempotency.is_some_and(|i| i.field == key);
        let plain = info.placement_of(key) == Placement::Params && !self.top.params_to_query;
        let keep = || kept_by_recovery(info, key) || self.top.signed(key);
        if plain && !is_key && !keep() {
            return self.push_member(key, value);
        }
        let keep = keep();
        let mut value = serde_json::to_value(value)?;
        if is_key {
            self.key_seen = true;
            value = self.key_value(value);
        }
        if keep {
            self.top.split.kept.push((key.to_owned(), value.clone()));
        }
        self.place(key, value)
    }

    fn finish(mut self) -> Result<(), serde_json::Error> {
        if !self.key_seen
            && let Some(idem) = self.top.info.idempotency
        {
            let value = self.key_value(Value::Null);
            if !value.is_null() {
                if kept_by_recovery(self.top.info, idem.field) || self.top.signed(idem.field) {
                    self.top
                        .split
                        .kept
                        .push((idem.field.to_owned(), value.clone()));
                }
                self.place(idem.field, value)?;
            }
        }
        self.top.split.params = match self.top.form {
            true => Params::Form {
                pairs: self.members,
                keys: self.keys,
            },
            false => Params::Object {
                members: self.members,
                keys: self.keys,
            },
        };
        Ok(())
    }
}

impl SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Self::Error> {
        self.finish()
    }
}

/// A map at the top (a struct with flattened members, a `Value`): its
/// string keys are members like a struct's fields.
impl ser::SerializeMap for Fields<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        match serde_json::to_value(key)? {
            Value::String(k) => {
                self.pending = Some(k);
                Ok(())
            }
            other => Err(ser::Error::custom(format!(
                "a request's member names are strings, not {other}"
            ))),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        let key = self
            .pending
            .take()
            .ok_or_else(|| ser::Error::custom("a map value without its key"))?;
        self.field(&key, value)
    }

    fn end(self) -> Result<(), Self::Error> {
        self.finish()
    }
}

impl Fields<'_> {
    /// The key field's value: minted when empty and the operation mints;
    /// recorded as the request's key.
    fn key_value(&mut self, value: Value) -> Value {
        let Some(idem) = self.top.info.idempotency else {
            return value;
        };
        let empty = match &value {
            Value::Null => true,
            Value::String(s) => s.is_empty(),
            _ => false,
        };
        let value = if empty && idem.mint == Mint::UuidV4 {
            Value::String(minted())
        } else {
            value
        };
        self.top.split.key = match &value {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        };
        value
    }
}

macro_rules! raw {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Self::Error> {
            self.raw(&v)
        })*
    };
}

impl<'a> ser::Serializer for Top<'a> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Impossible<(), serde_json::Error>;
    type SerializeTuple = Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = Impossible<(), serde_json::Error>;
    type SerializeMap = Fields<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Impossible<(), serde_json::Error>;

    raw!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
        serialize_str: &str,
        serialize_bytes: &[u8],
    );

    fn serialize_none(self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Self::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Self::Error> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Self::Error> {
        self.raw(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Self::Error> {
        let text = serde_json::to_string(&Variant {
            name,
            index,
            variant,
            value,
        })?;
        self.split.params = Params::Raw(text);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> {
        Err(ser::Error::custom(WHOLE))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> {
        Err(ser::Error::custom(WHOLE))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Self::Error> {
        Err(ser::Error::custom(WHOLE))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Self::Error> {
        Err(ser::Error::custom(WHOLE))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> {
        Ok(self.fields())
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, Self::Error> {
        Ok(self.fields())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Self::Error> {
        Err(ser::Error::custom(WHOLE))
    }
}

/// The error a top level that is a list ends with; the
/// caller then serializes the whole value as raw JSON.
pub(super) const WHOLE: &str = "kassa: the request is not a struct; serialize it whole";

/// A newtype variant, serialized the way serde_json writes one.
struct Variant<'a, T: ?Sized> {
    name: &'static str,
    index: u32,
    variant: &'static str,
    value: &'a T,
}

impl<T: Serialize + ?Sized> Serialize for Variant<'_, T> {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_newtype_variant(self.name, self.index, self.variant, self.value)
    }
}
