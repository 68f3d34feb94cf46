//! Responses straight from bytes to the operation's response type.
//!
//! The success path reads the body once: a visitor that knows the vendor's
//! envelope (status, message, payload field, JSON-RPC `result`/`error`)
//! deserializes the payload into `T` as it passes, through [`Lenient`], and
//! no `serde_json::Value` is built. Where the operation reads payload
//! fields that may arrive beside the payload (`reply_beside`), those
//! members are kept as they pass and set on the decoded payload where it
//! lacks them ([`Beside`](super::Beside)). Anything else (a vendor failure, a body
//! of the wrong shape, a payload that does not fit `T`) is read again by
//! the slower [`decode_response`], which explains it: the vendor's code and
//! message, or the JSON path of the first problem.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor,
};
use serde_json::{Map, Value};

use super::beside::SetBeside;
use super::lenient::{Lenient, Seed};
use super::response::{Decoded, Failure, decode_response};
use super::wire::decode_typed;
use crate::de::Key;
use crate::{Code, DecodeError, Envelope, OperationInfo, Protocol, ReplyKind, Vendor};

/// What a successful response means for the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Done now.
    Done,
    /// Nothing changed since the caller's timestamp; no payload.
    NotModified,
    /// The idempotency key was used before; the payload is the earlier result.
    Replayed,
}

/// A successful response with its payload decoded into `T`.
#[derive(Clone, Debug, PartialEq)]
pub struct Typed<T> {
    pub answer: Answer,
    /// The payload; `None` for [`Answer::NotModified`].
    pub data: Option<T>,
    /// Envelope fields kept beside the payload (iCash `nonce`).
    pub extra: Map<String, Value>,
}

/// Reads a response of `info` into `T` (see the module documentation).
///
/// A body that is not UTF-8 is a decode error, never repaired.
pub fn decode_response_as<T: DeserializeOwned + 'static>(
    vendor: &Vendor,
    info: &OperationInfo,
    status: u16,
    body: &[u8],
) -> Result<Typed<T>, Failure> {
    let mut data = None;
    let (answer, extra) = decode_response_into(vendor, info, status, body, &mut data)?;
    Ok(Typed {
        answer,
        data,
        extra,
    })
}

/// [`decode_response_as`] into the caller's `slot`, where the payload is
/// deserialized in place of being returned through each step. The slot is
/// given empty; on success it holds the payload (still `None` for "not
/// modified"), on failure it stays empty.
pub fn decode_response_into<T: DeserializeOwned + 'static>(
    vendor: &Vendor,
    info: &OperationInfo,
    status: u16,
    body: &[u8],
    slot: &mut Option<T>,
) -> Result<(Answer, Map<String, Value>), Failure> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(not_utf8(body));
    };
    let success = (200..300).contains(&status);
    if success
        && info.reply != ReplyKind::Json
        && let Some(typed) = super::raw::decode(vendor, info, status, body)
    {
        let typed = typed?;
        *slot = typed.data;
        return Ok((typed.answer, typed.extra));
    }
    if success {
        match one_pass(&vendor.protocol, BesideFields::of(info), text, slot) {
            Some(read) => return Ok(read),
            // The slower path decides; what the one pass left is not it.
            None => *slot = None,
        }
    }
    slow_path(vendor, info, status, text, slot)
}

#[cold]
fn not_utf8(body: &[u8]) -> Failure {
    let valid = std::str::from_utf8(body)
        .err()
        .map_or(0, |e| e.valid_up_to());
    Failure::Decode(DecodeError::new(
        "",
        format!("the response is not UTF-8 (invalid byte at offset {valid})"),
        String::from_utf8_lossy(body),
    ))
}

/// The body read again, slower, to say what it means (a vendor failure,
/// or where the payload does not fit). Out of line: a call that succeeds
/// does not carry its code.
#[cold]
#[inline(never)]
fn slow_path<T: DeserializeOwned>(
    vendor: &Vendor,
    info: &OperationInfo,
    status: u16,
    text: &str,
    slot: &mut Option<T>,
) -> Result<(Answer, Map<String, Value>), Failure> {
    let decoded = decode_response(vendor, info, status, text)?;
    explain(&vendor.protocol, decoded, text, slot)
}

/// The slow path's verdict on a body the one pass could not take.
fn explain<T: DeserializeOwned>(
    protocol: &Protocol,
    decoded: Decoded,
    text: &str,
    slot: &mut Option<T>,
) -> Result<(Answer, Map<String, Value>), Failure> {
    if decoded.not_modified {
        return Ok((Answer::NotModified, decoded.extra));
    }
    let data =
        decode_typed::<T>(decoded.data, data_path(protocol), text).map_err(Failure::Decode)?;
    *slot = Some(data);
    let answer = if decoded.replayed {
        Answer::Replayed
    } else {
        Answer::Done
    };
    Ok((answer, decoded.extra))
}

/// Where the payload sits in the body, for error paths.
pub(crate) fn data_path(protocol: &Protocol) -> &'static str {
    match protocol {
        Protocol::JsonRpc { .. } => "result",
        other => other.envelope().and_then(|e| e.data_field).unwrap_or(""),
    }
}

/// How the body's top-level members are read.
#[derive(Clone, Copy)]
enum Shape<'v> {
    /// The payload is one member (`data`, JSON-RPC `result`); `beside`
    /// names payload fields that may be sent beside it.
    Member {
        envelope: Option<&'v Envelope>,
        field: &'static str,
        beside: BesideFields,
    },
    /// The payload is the body minus the envelope members (and the
    /// operation name the response repeats).
    Rest(&'v Envelope, Option<&'static str>),
}

/// Payload fields that may be sent beside the payload, and how they are
/// set on it.
#[derive(Clone, Copy)]
struct BesideFields {
    names: &'static [&'static str],
    set: Option<SetBeside>,
}

impl BesideFields {
    const NONE: BesideFields = BesideFields {
        names: &[],
        set: None,
    };

    fn of(info: &OperationInfo) -> BesideFields {
        BesideFields {
            names: info.reply_beside,
            set: info.set_beside,
        }
    }
}

/// Envelope members met while reading the body.
#[derive(Default)]
struct Seen {
    status: Option<Code>,
    /// A member that means failure (a JSON-RPC `error` that is not null).
    failed: bool,
    extra: Map<String, Value>,
    /// Payload fields met beside the payload.
    beside: Vec<(&'static str, Value)>,
}

/// Reads the body in one pass, the payload into `slot`; `None` when the
/// body is for the slower path (which then decides), whatever the slot
/// holds.
fn one_pass<T: DeserializeOwned + 'static>(
    protocol: &Protocol,
    beside: BesideFields,
    text: &str,
    slot: &mut Option<T>,
) -> Option<(Answer, Map<String, Value>)> {
    let shape = match protocol {
        Protocol::JsonRpc { .. } => Shape::Member {
            envelope: None,
            field: "result",
            beside: BesideFields::NONE,
        },
        Protocol::JsonEnvelope {
            response,
            operation_field,
            echo_operation,
            ..
        } => member_or_rest(response, echo_operation.then_some(*operation_field), beside),
        Protocol::Rest { response } | Protocol::Form { response, .. } => {
            member_or_rest(response, None, beside)
        }
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let mut seen = Seen::default();
    match shape {
        Shape::Member {
            envelope,
            field,
            beside,
        } => {
            // Without a way to set them, such fields are the slower path's.
            let set = match (beside.names, beside.set) {
                ([], _) => None,
                (_, Some(set)) => Some(set),
                (_, None) => return None,
            };
            de.deserialize_map(MemberVisitor {
                envelope,
                field,
                beside: beside.names,
                seen: &mut seen,
                slot: &mut *slot,
            })
            .ok()?;
            if let (Some(set), Some(payload)) = (set, slot.as_mut()) {
                for (name, value) in std::mem::take(&mut seen.beside) {
                    if !set.set(payload, name, value) {
                        return None;
                    }
                }
            }
        }
        Shape::Rest(envelope, echo) => {
            *slot = Some(
                T::deserialize(Rest {
                    inner: &mut de,
                    edit: Edit {
                        envelope,
                        echo,
                        seen: &mut seen,
                    },
                })
                .ok()?,
            );
        }
    }
    de.end().ok()?;
    if seen.failed {
        return None;
    }
    let envelope = match shape {
        Shape::Member { envelope, .. } => envelope,
        Shape::Rest(envelope, _) => Some(envelope),
    };
    let mut answer = Answer::Done;
    if let Some(envelope) = envelope
        && envelope.status_field.is_some()
    {
        let status = seen.status.as_ref()?;
        if envelope.is_not_modified(status) {
            answer = Answer::NotModified;
        } else if envelope.is_replayed(status) {
            answer = Answer::Replayed;
        } else if !envelope.is_success(status) {
            return None;
        }
    }
    match (answer, slot.is_some()) {
        (Answer::NotModified, _) => *slot = None,
        (_, true) => {}
        // The payload member is absent: what `T` makes of `null`.
        (_, false) => *slot = Some(T::deserialize(Lenient(Value::Null)).ok()?),
    }
    Some((answer, seen.extra))
}

fn member_or_rest<'v>(
    envelope: &'v Envelope,
    echo: Option<&'static str>,
    beside: BesideFields,
) -> Shape<'v> {
    match envelope.data_field {
        Some(field) => Shape::Member {
            envelope: Some(envelope),
            field,
            beside,
        },
        None => Shape::Rest(envelope, echo),
    }
}

/// What a top-level member of the body is.
#[derive(Clone, Copy)]
enum Member {
    /// The payload.
    Payload,
    /// The envelope's status.
    Status,
    /// An envelope member kept beside the payload.
    Extra(&'static str),
    /// A payload field sent beside the payload.
    Beside(&'static str),
    /// A JSON-RPC `error`.
    Error,
    /// Anything else: read past.
    Skipped,
}

/// The envelope's member named `key`, if it is one.
fn envelope_member(envelope: &Envelope, key: &str) -> Option<Member> {
    if envelope.status_field == Some(key) {
        Some(Member::Status)
    } else if let Some(name) = envelope.extra_fields.iter().find(|name| **name == key) {
        Some(Member::Extra(name))
    } else if envelope.message_field == Some(key) {
        Some(Member::Skipped)
    } else {
        None
    }
}

/// Reads the value of an envelope `member` into `seen`.
fn read_member<'de, A: MapAccess<'de>>(
    map: &mut A,
    member: Member,
    seen: &mut Seen,
) -> Result<(), A::Error> {
    match member {
        Member::Status => seen.status = Some(map.next_value()?),
        Member::Extra(name) => {
            let value: Value = map.next_value()?;
            seen.extra.insert(name.to_owned(), value);
        }
        Member::Beside(name) => seen.beside.push((name, map.next_value()?)),
        Member::Error => {
            let error: Option<IgnoredAny> = map.next_value()?;
            seen.failed |= error.is_some();
        }
        Member::Payload | Member::Skipped => {
            map.next_value::<IgnoredAny>()?;
        }
    }
    Ok(())
}

/// Reads the body's members: the envelope's into `seen`, the payload into
/// `slot` as it passes.
struct MemberVisitor<'s, 'v, T> {
    envelope: Option<&'v Envelope>,
    field: &'static str,
    beside: &'static [&'static str],
    seen: &'s mut Seen,
    slot: &'s mut Option<T>,
}

impl<T> MemberVisitor<'_, '_, T> {
    /// What the member named `key` is. Its name is looked at as the parser
    /// holds it, never copied.
    fn classify(&self, key: &str) -> Member {
        if key == self.field {
            return Member::Payload;
        }
        match self.envelope {
            Some(envelope) => envelope_member(envelope, key).unwrap_or_else(|| {
                match self.beside.iter().find(|name| **name == key) {
                    Some(name) => Member::Beside(name),
                    None => Member::Skipped,
                }
            }),
            None if key == "error" => Member::Error,
            None => Member::Skipped,
        }
    }

    /// Whether the envelope read so far says the call failed.
    fn failed(&self) -> bool {
        self.seen.failed
            || self.envelope.is_some_and(|e| {
                self.seen
                    .status
                    .as_ref()
                    .is_some_and(|s| !e.is_success(s) && !e.is_replayed(s))
            })
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for MemberVisitor<'_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(member) = map.next_key_seed(Classify(&self))? {
            match member {
                Member::Payload if !self.failed() => {
                    *self.slot = Some(map.next_value_seed(Seed(PhantomData::<T>))?);
                }
                member => read_member(&mut map, member, self.seen)?,
            }
        }
        Ok(())
    }
}

/// A member's name read as the [`Member`] it is.
struct Classify<'a, 's, 'v, T>(&'a MemberVisitor<'s, 'v, T>);

impl<'de, T> DeserializeSeed<'de> for Classify<'_, '_, '_, T> {
    type Value = Member;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Member, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, T> Visitor<'de> for Classify<'_, '_, '_, T> {
    type Value = Member;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Member, E> {
        Ok(self.0.classify(key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Member, E> {
        Ok(self.0.classify(&String::from_utf8_lossy(key)))
    }
}

/// A body as the payload's deserializer with the envelope members taken
/// out (the `Rest` shape).
struct Rest<'s, 'v, D> {
    inner: D,
    edit: Edit<'s, 'v>,
}

struct Edit<'s, 'v> {
    /// Envelope members to take out, into `seen`.
    envelope: &'v Envelope,
    /// The operation name the body repeats, skipped.
    echo: Option<&'static str>,
    seen: &'s mut Seen,
}

macro_rules! as_map {
    ($($method:ident$(($($arg:ident: $ty:ty),*))?,)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value, D::Error> {
                $($(let _ = $arg;)*)?
                self.inner.deserialize_map(RestVisitor {
                    visitor,
                    edit: self.edit,
                })
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Rest<'_, '_, D> {
    type Error = D::Error;

    as_map! {
        deserialize_any, deserialize_bool, deserialize_i8, deserialize_i16, deserialize_i32,
        deserialize_i64, deserialize_u8, deserialize_u16, deserialize_u32, deserialize_u64,
        deserialize_f32, deserialize_f64, deserialize_char, deserialize_str, deserialize_string,
        deserialize_bytes, deserialize_byte_buf, deserialize_option, deserialize_unit,
        deserialize_seq, deserialize_map, deserialize_identifier, deserialize_ignored_any,
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
    }
}

struct RestVisitor<'s, 'v, V> {
    visitor: V,
    edit: Edit<'s, 'v>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for RestVisitor<'_, '_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(RestMap {
            map,
            edit: self.edit,
        })
    }
}

/// The body's members as [`Edit`] says, values read through [`Lenient`].
struct RestMap<'s, 'v, A> {
    map: A,
    edit: Edit<'s, 'v>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for RestMap<'_, '_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let edit = &mut self.edit;
        while let Some(key) = self.map.next_key::<Key<'de>>()? {
            let key = key.into_cow();
            if edit.echo == Some(&*key) {
                self.map.next_value::<IgnoredAny>()?;
                continue;
            }
            if let Some(member) = envelope_member(edit.envelope, &key) {
                read_member(&mut self.map, member, edit.seen)?;
                continue;
            }
            let key = match key {
                Cow::Borrowed(k) => {
                    seed.deserialize(de::value::BorrowedStrDeserializer::<A::Error>::new(k))
                }
                Cow::Owned(k) => {
                    seed.deserialize(de::value::StringDeserializer::<A::Error>::new(k))
                }
            };
            return key.map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(Seed(seed))
    }
}

#[cfg(test)]
#[path = "typed_tests.rs"]
mod tests;
