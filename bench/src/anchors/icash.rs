//! iCash bodies as someone would write them by hand with serde.

use kassa::Decimal;
use serde::Deserialize;

/// `getOperation`'s answer: the documented example prints two of the
/// operation's fields beside `data` (the spec's erratum for 3.14).
#[derive(Deserialize)]
#[allow(non_snake_case)]
pub struct OperationEnvelope {
    pub nonce: String,
    pub status: i64,
    pub data: Operation,
    pub OperationElectronicDataQrCode: Option<String>,
    pub OperationElectronicDataReceipt: Option<String>,
}

#[derive(Deserialize)]
#[allow(non_snake_case)]
pub struct SaleItem {
    pub OperationSaleItemID: i64,
    pub OperationSaleItemOperationID: i64,
    pub OperationSaleItemSaleItemID: i64,
    pub OperationSaleItemStatus: String,
    pub OperationSaleItemPMUQuantity: Decimal,
    pub OperationSaleItemPrice: Decimal,
    pub OperationSaleItemCurrencyCode: String,
    pub OperationSaleItemPriceWithoutVat: Decimal,
    pub OperationSaleItemDiscount: Decimal,
    pub OperationSaleItemAverageBuyPrice: Decimal,
    pub MeasureUnitName: String,
}

#[derive(Deserialize)]
#[allow(non_snake_case)]
pub struct Payment {
    pub PaymentID: i64,
    pub PaymentOperationID: i64,
    pub PaymentSum: Decimal,
    pub PaymentPayTypeID: i64,
    pub PaymentCurrencyCode: String,
    pub PaymentCashRegisterID: i64,
    pub PaymentCreateUserID: i64,
    pub PaymentCreateDate: String,
}

/// `getOperation`: every field of the documented answer.
#[derive(Deserialize)]
#[allow(non_snake_case)]
pub struct Operation {
    pub OperationID: i64,
    pub OperationType: String,
    pub OperationCashRegisterID: i64,
    pub OperationStoreID: i64,
    pub OperationNum: i64,
    pub OperationDate: String,
    pub OperationStatus: String,
    pub OperationContragentID: Option<i64>,
    pub OperationComment: String,
    pub OperationPrice: Decimal,
    pub OperationCurrencyCode: String,
    pub OperationPriceWithoutVat: Decimal,
    pub OperationTotalVat: Decimal,
    pub OperationPayedSum: Decimal,
    pub OperationFiskBonUUID: String,
    pub OperationCreateUserID: i64,
    pub OperationCreateDate: String,
    pub OperationCompleteUserID: i64,
    pub OperationCompleteDate: String,
    pub OperationPosCompleteDate: String,
    pub OperationTotalDiscount: Decimal,
    pub OperationImportType: String,
    pub OperationImportRefID: String,
    pub OperationImportSource: String,
    pub OperationElectronicReceipt: String,
    pub OperationSaleItems: Vec<SaleItem>,
    pub OperationPayments: Vec<Payment>,
    pub stornoType: String,
    pub FiskBonRcpNum: String,
    pub FiskDeviceNum: String,
    pub FiskBonDate: String,
    pub FiskBonUUID: String,
    pub SellOperationID: Option<i64>,
    pub OperationOperationCustomStateName: String,
    pub OperationElectronicDataQrCode: Option<String>,
    pub OperationElectronicDataReceipt: Option<String>,
}

/// `add-operation-sale-item`'s parameters, as a hand-written client holds them.
pub struct SaleLine {
    pub operation_id: u64,
    pub sale_item_id: u64,
    pub qty: Decimal,
    pub price: Decimal,
    pub discount: Decimal,
}

/// What a hand-written iCash client holds after logging in.
pub struct Login<'a> {
    pub api_key: &'a str,
    pub secret_key: &'a str,
    pub warehouse_id: u64,
    pub user_id: u64,
    pub session: &'a str,
}

/// A signed form body, written by hand: the signature is HMAC-SHA256 over
/// nonce, warehouse and API key, in upper-case hex; then every pair,
/// percent-encoded.
pub fn sale_line_form(line: &SaleLine, login: &Login<'_>, nonce: u64) -> Vec<u8> {
    use hmac::{Hmac, KeyInit, Mac};
    let nonce = nonce.to_string();
    let warehouse = login.warehouse_id.to_string();
    let mut mac = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(login.secret_key.as_bytes())
        .expect("HMAC accepts keys of any length");
    mac.update(nonce.as_bytes());
    mac.update(warehouse.as_bytes());
    mac.update(login.api_key.as_bytes());
    let signature = hex::encode_upper(mac.finalize().into_bytes());
    form_urlencoded::Serializer::new(String::with_capacity(256))
        .append_pair("api_key", login.api_key)
        .append_pair("nonce", &nonce)
        .append_pair("WareHouseID", &warehouse)
        .append_pair("UserID", &login.user_id.to_string())
        .append_pair("signature", &signature)
        .append_pair("ses", login.session)
        .append_pair("OperationID", &line.operation_id.to_string())
        .append_pair("SaleItemID", &line.sale_item_id.to_string())
        .append_pair("Qty", &line.qty.to_string())
        .append_pair("SaleItemSinglePrice", &line.price.to_string())
        .append_pair("SaleItemDiscount", &line.discount.to_string())
        .finish()
        .into_bytes()
}
