//! Payload fields a server sends beside the payload rather than in it (the
//! spec's `also_in: envelope`), set on the decoded payload.
//!
//! iCash prints two of `getOperation`'s fields next to `data`, after it. The
//! one pass decodes `data` as it passes, keeps those members as they come,
//! and then sets each on the payload where the payload lacks it: no second
//! reading of the payload.

use std::any::Any;

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
/// [`OperationInfo`](crate::OperationInfo) keeps it.
pub type SetBeside = fn(&mut dyn Any, &str, Value) -> bool;

/// The [`SetBeside`] of `T`.
pub fn set_beside<T: Beside>(payload: &mut dyn Any, wire: &str, value: Value) -> bool {
    payload
        .downcast_mut::<T>()
        .is_some_and(|payload| payload.set_beside(wire, value))
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
