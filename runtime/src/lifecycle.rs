//! What a vendor remembers between calls, described as data: lifecycles (a
//! shift that opens, closes and expires; a draft operation that is
//! printed), counters, and the answers the vendor gives when a request does
//! not fit them. The example server interprets it; generated code declares
//! it in the vendor's [`Vendor`](crate::Vendor) table.

use crate::Code;

/// A vendor answer: a code of its error table and the message.
#[derive(Debug)]
pub struct Answer {
    pub code: Code,
    pub message: &'static str,
}

/// A thing with states that operations move between. Operations are named
/// by wire name.
#[derive(Debug)]
pub struct Lifecycle {
    pub name: &'static str,
    /// The first is the state of an instance nothing created.
    pub states: &'static [&'static str],
    /// The request field naming the instance; `None`: one per device.
    pub per: Option<&'static str>,
    pub created_by: Option<Creation>,
    pub expires: Option<Expiry>,
    pub moves: &'static [Move],
    /// The answer to an operation whose move does not start from the
    /// current state, by that state ([`Lifecycle::MISSING`]: an unknown instance).
    pub refused: &'static [(&'static str, Answer)],
    pub reports: &'static [StateReport],
}

impl Lifecycle {
    /// The refusal key of a request naming an instance nothing created.
    pub const MISSING: &'static str = "missing";

    /// The move the operation `wire` makes, if it touches this lifecycle.
    pub fn move_of(&self, wire: &str) -> Option<&'static Move> {
        self.moves.iter().find(|m| m.operations.contains(&wire))
    }

    /// The answer to `mv` when the instance is in `state` (or missing).
    pub fn refusal(&self, mv: &Move, state: &str) -> Option<&'static Answer> {
        let find = |list: &'static [(&'static str, Answer)]| {
            list.iter().find(|(s, _)| *s == state).map(|(_, a)| a)
        };
        find(mv.refused).or_else(|| find(self.refused))
    }
}

/// The operation that creates instances and hands out their keys.
#[derive(Debug)]
pub struct Creation {
    pub operation: &'static str,
    /// Response payload field holding the new key; `None`: the payload itself.
    pub field: Option<&'static str>,
    pub to: &'static str,
}

/// A move by the clock alone.
#[derive(Debug)]
pub struct Expiry {
    pub from: &'static [&'static str],
    /// Seconds after entering one of `from`.
    pub after_secs: u64,
    pub to: &'static str,
}

/// Operations that need one of `from` and leave the instance in `to`.
#[derive(Debug)]
pub struct Move {
    pub operations: &'static [&'static str],
    pub from: &'static [&'static str],
    pub to: Option<&'static str>,
    pub refused: &'static [(&'static str, Answer)],
}

/// A response payload field that shows a lifecycle's state.
#[derive(Debug)]
pub struct StateReport {
    pub operation: &'static str,
    /// Wire names, `.`-separated inside objects.
    pub field: &'static str,
    /// The value shown in each state, as JSON text.
    pub values: &'static [(&'static str, &'static str)],
}

/// A number counted up by the documents a vendor makes.
#[derive(Debug)]
pub struct Counter {
    pub name: &'static str,
    pub counts: &'static [&'static str],
    pub reset_by: &'static [&'static str],
    /// `(operation, payload field)` pairs that show it.
    pub reports: &'static [(&'static str, &'static str)],
}
