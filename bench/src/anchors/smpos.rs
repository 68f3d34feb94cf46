//! SM POS bodies as someone would write them by hand with serde (the
//! envelope is the top level: `req`, `status`, `objDT` beside the payload).
#![allow(non_snake_case)]

use serde::{Deserialize, Deserializer};

/// `objDT` of GETPRT is a digit string in the vendor's example.
fn int_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum IntOrText {
        Int(u64),
        Text(String),
    }
    match IntOrText::deserialize(d)? {
        IntOrText::Int(i) => Ok(i),
        IntOrText::Text(t) => t.parse().map_err(serde::de::Error::custom),
    }
}

#[derive(Deserialize)]
pub struct Protocol {
    pub req: String,
    pub status: i64,
    #[serde(deserialize_with = "int_or_text")]
    pub objDT: u64,
    pub prtDigest: Digest,
    pub prtSales: Option<SalesByPrn>,
    pub prtDetails: Option<Vec<Record>>,
}

#[derive(Deserialize)]
pub struct Digest {
    pub ID: u64,
    pub deviceID: u64,
    pub sectionID: u64,
    pub size: u32,
    pub updateDT: u64,
    pub closed: bool,
    pub dateBeg: u64,
    pub dateEnd: Option<u64>,
    pub results: Option<Results>,
}

#[derive(Deserialize)]
pub struct Results {
    pub totCheckCount: CheckCounts,
    pub prtNum: u32,
    pub prn1: Option<PrnResults>,
    pub prn2: Option<PrnResults>,
}

#[derive(Deserialize)]
pub struct CheckCounts {
    pub sale: Option<u32>,
    pub refund: Option<u32>,
}

#[derive(Deserialize)]
pub struct PrnResults {
    pub descTaxFee: Option<DescTaxFee>,
    pub prroOpTS: u64,
    pub fiscOpTS: u64,
    pub ZNum: Option<u32>,
    pub inCashBox: Option<i64>,
    pub totals: Option<Totals>,
}

#[derive(Deserialize)]
pub struct DescTaxFee {
    pub taxFeeTS: u64,
    pub taxFee: Vec<TaxFee>,
}

#[derive(Deserialize)]
pub struct TaxFee {
    #[serde(rename = "type")]
    pub kind: i8,
    pub taxOnFee: Option<bool>,
    pub tax: Option<u32>,
    pub fee: Option<u32>,
}

#[derive(Deserialize)]
pub struct Totals {
    pub sale: Option<PrnTotals>,
    pub refund: Option<PrnTotals>,
}

#[derive(Deserialize)]
pub struct PrnTotals {
    pub count: u32,
    pub discount: i64,
    pub surplus: i64,
    pub payments: Vec<i64>,
    pub amountByTaxGroup: Vec<i64>,
    pub amountByDep: Vec<i64>,
}

#[derive(Deserialize)]
pub struct SalesByPrn {
    pub prn1: Option<Sales>,
    pub prn2: Option<Sales>,
}

#[derive(Deserialize)]
pub struct Sales {
    pub sale: Option<Vec<SaleLine>>,
    pub refund: Option<Vec<SaleLine>>,
}

#[derive(Deserialize)]
pub struct SaleLine {
    pub code: u32,
    pub qnty: i64,
    pub sum: i64,
    pub discount: i64,
    pub tax: u8,
    pub dep: u8,
}

/// A protocol record: one flat struct with every field the records use,
/// `op` saying which apply.
#[derive(Deserialize)]
pub struct Record {
    pub op: u8,
    pub logId: Option<u32>,
    pub data: Option<i64>,
    pub dateTime: Option<u64>,
    pub InfoType: Option<u32>,
    pub info: Option<String>,
    pub opId: Option<u32>,
    pub chk: Option<u8>,
    pub chkType: Option<u8>,
    pub code: Option<u32>,
    pub qnty: Option<i64>,
    pub price: Option<i64>,
    pub sum: Option<i64>,
    pub discount: Option<i64>,
    pub flags: Option<u32>,
    pub tax: Option<u8>,
    pub dep: Option<u8>,
    pub cashBox: Option<u8>,
    pub num: Option<u32>,
}

#[derive(Deserialize)]
pub struct GoodsList {
    pub req: String,
    pub status: i64,
    pub objDT: u64,
    pub goods: Vec<Goods>,
}

#[derive(Deserialize)]
pub struct Goods {
    pub code: u32,
    pub barCode: Option<u64>,
    pub price: Option<i64>,
    pub qty: Option<i64>,
    pub name: String,
    pub div: Option<u8>,
    pub tax: Option<u8>,
    pub dep: Option<u8>,
    pub isFolder: Option<bool>,
    pub discounts: Option<Vec<Discount>>,
    pub addPrices: Option<Vec<AddPrice>>,
    pub barCodeEx: Option<String>,
    pub certCode: Option<String>,
    pub date1: Option<u64>,
    pub folderCode: Option<u32>,
}

#[derive(Deserialize)]
pub struct Discount {
    pub group: u8,
    pub value: u32,
}

#[derive(Deserialize)]
pub struct AddPrice {
    pub qty: i64,
    pub price: i64,
}
