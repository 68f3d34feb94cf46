//! Kassa24 bodies as someone would write them by hand with serde.

use kassa::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Envelope<T> {
    pub status: u16,
    pub message: String,
    pub data: T,
}

#[derive(Deserialize)]
pub struct Empty {}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Counter {
    pub qty: i64,
    pub amount: Decimal,
    pub cumulative: Decimal,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Totals {
    pub sales: Counter,
    pub purchases: Counter,
    pub refunds: Counter,
    pub purchase_refunds: Counter,
    pub expenses: Counter,
    pub incomes: Counter,
}

/// The Z report (close_shift); the X report has the same fields but the dates.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Report {
    pub kkm: Empty,
    #[serde(default)]
    pub sections: Option<Empty>,
    pub operations: Vec<Empty>,
    pub operator_code: String,
    pub total: Totals,
    pub balance_open: Decimal,
    pub balance_close: Decimal,
    pub balance_close_non_cash: Decimal,
    #[serde(default)]
    pub date_open: Option<String>,
    #[serde(default)]
    pub date_close: Option<String>,
    #[serde(default)]
    pub date_report_taken: Option<String>,
    pub count: i64,
    pub total_amount: Decimal,
    pub total_cash_received_amount: Decimal,
    pub total_change_amount: Decimal,
    pub total_discount_amount: Decimal,
    pub total_markup_amount: Decimal,
    pub total_nds_amount: Decimal,
}

#[derive(Deserialize)]
pub struct StatusShift {
    #[serde(rename = "Id")]
    pub id: i64,
    #[serde(rename = "Name")]
    pub name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct User {
    pub id: i64,
    pub id_shift: i64,
    pub lock: bool,
    pub name: String,
    pub phone_login: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Shift {
    pub balance_close: Decimal,
    pub balance_close_non_cash: Decimal,
    pub balance_open: Decimal,
    pub company: Empty,
    pub date_close: String,
    pub date_open: String,
    pub id: i64,
    pub id_company: i64,
    pub id_kkm: i64,
    pub id_status_shift: i64,
    pub id_user: i64,
    #[serde(rename = "KKM")]
    pub kkm: Empty,
    pub shift_index: i64,
    pub status_shift: StatusShift,
    pub user: User,
}

/// The shift as a hand-written client reads it when it keeps what kassa's
/// generated type keeps: the dates parsed, the company and register
/// objects as JSON rather than skipped.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ShiftRead {
    pub balance_close: Decimal,
    pub balance_close_non_cash: Decimal,
    pub balance_open: Decimal,
    pub company: serde_json::Value,
    #[serde(deserialize_with = "rfc3339")]
    pub date_close: OffsetDateTime,
    #[serde(deserialize_with = "rfc3339")]
    pub date_open: OffsetDateTime,
    pub id: i64,
    pub id_company: i64,
    pub id_kkm: i64,
    pub id_status_shift: i64,
    pub id_user: i64,
    #[serde(rename = "KKM")]
    pub kkm: serde_json::Value,
    pub shift_index: i64,
    pub status_shift: StatusShift,
    pub user: User,
}

fn rfc3339<'de, D: Deserializer<'de>>(de: D) -> Result<OffsetDateTime, D::Error> {
    let text = <&str>::deserialize(de)?;
    OffsetDateTime::parse(text, &Rfc3339).map_err(serde::de::Error::custom)
}

#[derive(Deserialize)]
pub struct Token {
    #[serde(rename = "Token")]
    pub token: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Position {
    pub name: String,
    pub id_section: i64,
    #[serde(serialize_with = "super::number")]
    pub price: Decimal,
    #[serde(serialize_with = "super::number")]
    pub markup: Decimal,
    #[serde(serialize_with = "super::number")]
    pub discount: Decimal,
    #[serde(serialize_with = "super::number")]
    pub qty: Decimal,
    pub storno: bool,
    pub product_code: String,
    pub id_unit: i64,
}

/// The sale body (`IdKkm` travels in the path).
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Sale {
    pub id_domain: i64,
    #[serde(serialize_with = "super::number")]
    pub cash: Decimal,
    #[serde(serialize_with = "super::number")]
    pub non_cash: Decimal,
    pub positions: Vec<Position>,
    #[serde(serialize_with = "super::number")]
    pub total: Decimal,
    #[serde(rename = "CustomerIIN")]
    pub customer_iin: String,
}
