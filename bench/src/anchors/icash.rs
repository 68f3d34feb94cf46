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
