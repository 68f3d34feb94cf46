//! What the vendor remembers between calls, as the spec language says it:
//! lifecycles (a shift that opens, closes and expires; a draft operation
//! that is printed) and counters (document numbers). The example server
//! keeps them and refuses what the vendor refuses; the reference docs
//! describe them.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;

use super::{NamedMap, Spanned};

/// A thing with states that operations move between.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lifecycle {
    /// Its name, in snake_case (`shift`).
    pub name: Spanned<String>,
    /// What it is, with the documentation's section.
    pub doc: Option<Spanned<String>>,
    /// Its states; an instance that nothing created yet starts in the first.
    pub states: Vec<Spanned<String>>,
    /// Request field (wire name) naming the instance, when there is one per
    /// value (iCash `OperationID`); absent: one instance per device.
    pub per: Option<Spanned<String>>,
    /// The operation that creates an instance and hands out its key; with
    /// it, a request naming an instance nothing created is `refused.missing`.
    pub created_by: Option<Spanned<Creation>>,
    /// After how long an instance in some states moves by itself.
    pub expires: Option<Spanned<Expiry>>,
    /// What operations require and change.
    pub moves: Vec<Spanned<Move>>,
    /// The vendor's answer to an operation whose move does not start from
    /// the current state, by that state (`missing`: an unknown instance).
    #[serde(default)]
    pub refused: NamedMap<Spanned<Answer>>,
    /// Response fields that show the current state.
    #[serde(default)]
    pub reports: Vec<Spanned<StateReport>>,
}

/// The operation that creates instances.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Creation {
    pub operation: Spanned<String>,
    /// Response payload field holding the new key; absent: the payload itself.
    pub field: Option<Spanned<String>>,
    /// The state a new instance is in.
    pub to: Spanned<String>,
}

/// A move by the clock alone.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expiry {
    /// States the clock moves an instance out of.
    pub from: Vec<Spanned<String>>,
    /// How long after entering them (`24h`, `30m`, `90s`).
    pub after: Spanned<String>,
    /// The state it moves to.
    pub to: Spanned<String>,
}

/// Operations that need the instance in one of `from` and, when applied,
/// leave it in `to`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Move {
    pub operations: Vec<Spanned<String>>,
    pub from: Vec<Spanned<String>>,
    /// Absent: the state does not change.
    pub to: Option<Spanned<String>>,
    /// Answers for these operations that differ from the lifecycle's
    /// `refused`, by current state.
    #[serde(default)]
    pub refused: NamedMap<Spanned<Answer>>,
}

/// A vendor answer the example server gives: a code of the vendor's error
/// table and its message.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub code: Spanned<Value>,
    pub message: Spanned<String>,
    /// Where the answer comes from, or why it is assumed.
    pub doc: Option<Spanned<String>>,
}

/// A response field that shows a lifecycle's state.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StateReport {
    pub operation: Spanned<String>,
    /// Payload field (wire name; `a.b` inside an object).
    pub field: Spanned<String>,
    /// The value shown in each state.
    pub values: NamedMap<Spanned<Value>>,
}

/// A number the vendor counts up with the documents it makes.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counter {
    /// Its name, in snake_case (`shift_documents`).
    pub name: Spanned<String>,
    pub doc: Option<Spanned<String>>,
    /// Operations that add one when applied.
    pub counts: Vec<Spanned<String>>,
    /// Operations that set it back to zero when applied.
    #[serde(default)]
    pub reset_by: Vec<Spanned<String>>,
    /// Response fields that show it: `{operation, field}`.
    #[serde(default)]
    pub reports: Vec<Spanned<CounterReport>>,
}

/// A response field that shows a counter.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CounterReport {
    pub operation: Spanned<String>,
    /// Payload field (wire name; `a.b` inside an object).
    pub field: Spanned<String>,
}
