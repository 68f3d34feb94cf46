//! Caspos bodies as someone would write them by hand with serde.

use kassa::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct Envelope<T> {
    pub data: T,
    pub code: String,
    pub message: String,
}

/// `getPeriodicZReport`: every field of the documented answer.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeriodicReport {
    pub cancellation_bonus_total: Decimal,
    pub cancellation_cash_total: Decimal,
    pub cancellation_cashless_total: Decimal,
    pub cancellation_count: i64,
    pub cancellation_credit_total: Decimal,
    pub cancellation_prepayment_total: Decimal,
    pub cancellation_total: Decimal,
    pub cancellation_vat: Decimal,
    pub cancellation_vat_free_total: Decimal,
    pub cancellation_vat_total: Decimal,
    pub cash_in_count: i64,
    pub cash_in_total: Decimal,
    pub cash_out_count: i64,
    pub cash_out_total: Decimal,
    pub correction_bonus_total: Decimal,
    pub correction_cash_total: Decimal,
    pub correction_cashless_total: Decimal,
    pub correction_count: i64,
    pub correction_credit_total: Decimal,
    pub correction_prepayment_total: Decimal,
    pub correction_total: Decimal,
    pub correction_vat: Decimal,
    pub correction_vat_free_total: Decimal,
    pub correction_vat_total: Decimal,
    pub credit_bonus_total: Decimal,
    pub credit_cash_total: Decimal,
    pub credit_cashless_total: Decimal,
    pub credit_count: i64,
    pub credit_vat_free_total: Decimal,
    pub credit_vat_total: Decimal,
    pub date: String,
    pub end_date: String,
    pub period_sum: Decimal,
    pub period_vat_free_sum: Decimal,
    pub period_vat_sum: Decimal,
    pub prepayment_bonus_total: Decimal,
    pub prepayment_cash_total: Decimal,
    pub prepayment_cashless_total: Decimal,
    pub prepayment_count: i64,
    pub prepayment_vat_free_total: Decimal,
    pub prepayment_vat_total: Decimal,
    pub sale_bonus_total: Decimal,
    pub sale_cash_total: Decimal,
    pub sale_cashless_total: Decimal,
    pub sale_count: i64,
    pub sale_credit_total: Decimal,
    pub sale_prepayment_total: Decimal,
    pub sale_return_bonus_total: Decimal,
    pub sale_return_cash_total: Decimal,
    pub sale_return_cashless_total: Decimal,
    pub sale_return_count: i64,
    pub sale_return_credit_total: Decimal,
    pub sale_return_prepayment_total: Decimal,
    pub sale_return_total: Decimal,
    pub sale_return_vat_free_total: Decimal,
    pub sale_return_vat_total: Decimal,
    pub sale_total: Decimal,
    pub sale_vat_free_total: Decimal,
    pub sale_vat_total: Decimal,
    pub start_date: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SaleItem {
    pub name: String,
    pub code: String,
    #[serde(serialize_with = "super::number")]
    pub quantity: Decimal,
    #[serde(serialize_with = "super::number")]
    pub sale_price: Decimal,
    #[serde(serialize_with = "super::number")]
    pub purchase_price: Decimal,
    pub code_type: u8,
    pub quantity_type: u8,
    pub vat_type: u8,
    pub item_uuid: String,
    #[serde(serialize_with = "super::number")]
    pub discount_amount: Decimal,
    pub marking_codes: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sale {
    #[serde(rename = "documentUUID")]
    pub document_uuid: String,
    #[serde(serialize_with = "super::number")]
    pub cash_payment: Decimal,
    #[serde(serialize_with = "super::number")]
    pub credit_payment: Decimal,
    #[serde(serialize_with = "super::number")]
    pub deposit_payment: Decimal,
    #[serde(serialize_with = "super::number")]
    pub card_payment: Decimal,
    #[serde(serialize_with = "super::number")]
    pub bonus_payment: Decimal,
    pub items: Vec<SaleItem>,
    pub client_name: String,
    #[serde(serialize_with = "super::number")]
    pub client_total_bonus: Decimal,
    #[serde(serialize_with = "super::number")]
    pub client_earned_bonus: Decimal,
    pub client_bonus_card_number: String,
    pub cashier_name: String,
    pub note: String,
    pub rrn: String,
    pub currency: String,
}

/// The request envelope: operation, credentials, parameters.
#[derive(Serialize)]
pub struct Request<'a, T> {
    pub operation: &'a str,
    pub username: &'a str,
    pub password: &'a str,
    pub data: T,
}
