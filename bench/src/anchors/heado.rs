//! HEADO requests as someone would write them by hand with serde: a
//! JSON-RPC 2.0 envelope around the method's parameters, by name or by
//! position.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::number;

#[derive(Serialize)]
pub struct Rpc<P> {
    pub jsonrpc: &'static str,
    pub method: &'static str,
    pub params: P,
    pub id: u64,
}

/// `purchaseRegisterBatch( receipts )` by name.
#[derive(Serialize)]
pub struct Batch<'a> {
    pub receipts: &'a [Receipt],
}

#[derive(Serialize)]
pub struct Receipt {
    #[serde(serialize_with = "number")]
    pub amount: Decimal,
    #[serde(serialize_with = "number")]
    pub discount: Decimal,
    #[serde(serialize_with = "rfc3339")]
    pub ts: OffsetDateTime,
    pub cashier: String,
    #[serde(rename = "extId")]
    pub ext_id: String,
    pub positions: Vec<Position>,
    pub attributes: Vec<Attribute>,
    pub poskey: String,
}

#[derive(Serialize)]
pub struct Position {
    pub name: String,
    #[serde(serialize_with = "number")]
    pub count: Decimal,
    #[serde(serialize_with = "number")]
    pub total: Decimal,
    pub seller: String,
    pub category: String,
    #[serde(rename = "extId")]
    pub ext_id: String,
}

#[derive(Serialize)]
pub struct Attribute {
    pub name: String,
    #[serde(serialize_with = "number")]
    pub value: Decimal,
}

fn rfc3339<S: Serializer>(ts: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    let text = ts.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
    s.serialize_str(&text)
}
