//! The anchors: the structs a developer would write by hand for the same
//! bodies, with plain types and `rust_decimal::Decimal` for money.

pub mod caspos;
pub mod heado;
pub mod icash;
pub mod kassa24;
pub mod smpos;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serializer};

/// Money as a JSON number (what the vendors expect): an integer when
/// whole, else the nearest `f64`. `rust_decimal` alone writes a string.
pub fn number<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    match (d.fract().is_zero(), d.to_i64()) {
        (true, Some(i)) => s.serialize_i64(i),
        _ => s.serialize_f64(d.to_f64().unwrap_or(f64::NAN)),
    }
}

/// A JSON-RPC 2.0 answer whose `result` has no documented shape.
#[derive(Deserialize)]
pub struct RpcAnswer {
    pub jsonrpc: String,
    pub id: u64,
    pub result: serde_json::Value,
}
