//! Payload fields a server sends beside the payload rather than in it (the
//! spec's `also_in: envelope`), set on the decoded payload.
//!
//! iCash prints two of `getOperation`'s fields next to `data`, after it. The
//! one pass decodes `data` as it passes, keeps those members as they come,
//! and then sets each on the payload where the payload lacks it: no second
//! reading of the payload.

use std::any::Any;
use std::fmt;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Lenient;

/// A payload type with fields a server may send beside it (`also_in:
/// envelope`). The generator implements it; an operation naming such
/// fields (`#[kassa(reply_beside = [..])]`) needs it on its response.
pub trait Beside: 'static {
    /// Sets the field sent as `wire` from `value` where the payload lacks
    /// it (absent or null), and leaves it where the payload has it. False
    /// where `value` does not fit the field or the field is not set this
    /// way: the body is then read by the slower path, which says why.
    fn set_beside(&mut self, wire: &str, value: Value) -> bool;
}

/// [`Beside::set_beside`] of a payload known as `Any`, as
/// [`OperationInfo`](crate::OperationInfo) keeps it. Its `Debug` does not
/// show the address, so tables built apart compare equal.
#[derive(Clone, Copy)]
pub struct SetBeside(fn(&mut dyn Any, &str, Value) -> bool);

impl SetBeside {
    /// The setter of `T`.
    pub const fn of<T: Beside>() -> SetBeside {
        SetBeside(erased::<T>)
    }

    /// Sets `wire` on `payload`; false where `payload` is not the type
    /// this setter was made for, or as [`Beside::set_beside`] says.
    pub fn set(self, payload: &mut dyn Any, wire: &str, value: Value) -> bool {
        (self.0)(payload, wire, value)
    }
}

impl fmt::Debug for SetBeside {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SetBeside(..)")
    }
}

fn erased<T: Beside>(payload: &mut dyn Any, wire: &str, value: Value) -> bool {
    payload
        .downcast_mut::<T>()
        .is_some_and(|payload| payload.set_beside(wire, value))
}

/// A payload kept as JSON (the example server's): the member is added
/// where the object lacks it or has it null, as the slower path does.
impl Beside for Value {
    fn set_beside(&mut self, wire: &str, value: Value) -> bool {
        if let Value::Object(payload) = self
            && payload.get(wire).is_none_or(Value::is_null)
        {
            payload.insert(wire.to_owned(), value);
        }
        true
    }
}

/// Sets an optional field from `value` where it is `None`, reading digit
/// strings as numbers like any payload field; false where `value` does not
/// fit.
pub fn set_absent<T: DeserializeOwned>(field: &mut Option<T>, value: Value) -> bool {
    if field.is_some() {
        return true;
    }
    match Option::<T>::deserialize(Lenient(value)) {
        Ok(value) => {
            *field = value;
            true
        }
        Err(_) => false,
    }
}
