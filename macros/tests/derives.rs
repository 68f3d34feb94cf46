//! The derives exercised directly (faster to debug than the trybuild cases).

use kassa::__private::schemars::{self, JsonSchema};
use kassa::{Category, Code, ErrorTable, Method, Mint, Operation, Placement, Validate, VendorEnum};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// How the customer pays.
#[derive(Clone, Debug, PartialEq, Eq, Hash, kassa::VendorEnum, kassa::Validate)]
#[kassa(repr = "int")]
pub enum PayForm {
    /// Cash payment.
    #[kassa(code = 0)]
    Cash,
    #[kassa(code = 1, doc = "Bank card.")]
    Card,
    #[kassa(code = -1)]
    Refused,
    /// A code this client does not know yet.
    #[kassa(other)]
    Unknown(i64),
}

#[derive(Clone, Debug, PartialEq, Eq, kassa::VendorEnum, kassa::Validate)]
#[kassa(repr = "string", closed)]
pub enum ItemKind {
    #[kassa(code = "PRODUCT")]
    Product,
    #[kassa(code = "SERVICE")]
    Service,
}

#[derive(Clone, Debug, PartialEq, Eq, kassa::VendorEnum)]
#[kassa(repr = "string")]
pub enum Currency {
    #[kassa(code = "AZN")]
    Azn,
    #[kassa(other)]
    Other(String),
}

fn schema_of<T: JsonSchema>() -> serde_json::Value {
    let mut generator = schemars::SchemaGenerator::default();
    T::json_schema(&mut generator).to_value()
}

#[test]
fn vendor_enum_int() {
    assert_eq!(PayForm::NAME, "PayForm");
    const { assert!(PayForm::OPEN) };
    assert_eq!(PayForm::VALUES.len(), 3);
    assert_eq!(PayForm::VALUES[0].code, Code::Int(0));
    assert_eq!(PayForm::VALUES[0].doc, "Cash payment.");
    assert_eq!(PayForm::VALUES[1].doc, "Bank card.");
    assert_eq!(PayForm::VALUES[2].code, Code::Int(-1));
    assert_eq!(PayForm::Card.code(), Code::Int(1));
    assert_eq!(PayForm::Unknown(7).known(), None);
    assert_eq!(PayForm::Card.known().map(|v| v.name), Some("Card"));

    assert_eq!(serde_json::to_value(PayForm::Card).unwrap(), json!(1));
    assert_eq!(serde_json::to_value(PayForm::Unknown(7)).unwrap(), json!(7));
    assert_eq!(
        serde_json::from_value::<PayForm>(json!(0)).unwrap(),
        PayForm::Cash
    );
    assert_eq!(
        serde_json::from_value::<PayForm>(json!(-1)).unwrap(),
        PayForm::Refused
    );
    assert_eq!(
        serde_json::from_value::<PayForm>(json!("1")).unwrap(),
        PayForm::Card
    );
    assert_eq!(
        serde_json::from_value::<PayForm>(json!(7)).unwrap(),
        PayForm::Unknown(7)
    );
    let err = serde_json::from_value::<PayForm>(json!("cash"))
        .unwrap_err()
        .to_string();
    assert_eq!(err, "invalid PayForm code \"cash\", expected an integer");
    assert!(serde_json::from_value::<PayForm>(json!(1.5)).is_err());

    assert_eq!(PayForm::Cash.to_string(), "Cash");
    assert_eq!(PayForm::Unknown(7).to_string(), "unknown code 7");
    assert_eq!("Card".parse::<PayForm>().unwrap(), PayForm::Card);
    assert_eq!("0".parse::<PayForm>().unwrap(), PayForm::Cash);
    assert_eq!("9".parse::<PayForm>().unwrap(), PayForm::Unknown(9));
    assert!("Nope".parse::<PayForm>().is_err());
    assert_eq!(PayForm::from_code(Code::str("1")), Some(PayForm::Card));

    assert_eq!(
        schema_of::<PayForm>(),
        json!({
            "description": "How the customer pays.",
            "anyOf": [{"enum": [0, 1, -1], "description": "0 Cash; 1 Card; -1 Refused"}, {"type": "integer"}]
        })
    );
}

#[test]
fn vendor_enum_string_closed() {
    const { assert!(!ItemKind::OPEN) };
    assert_eq!(ItemKind::VALUES[1].code, Code::str("SERVICE"));
    assert_eq!(
        serde_json::to_value(ItemKind::Product).unwrap(),
        json!("PRODUCT")
    );
    assert_eq!(
        serde_json::from_value::<ItemKind>(json!("SERVICE")).unwrap(),
        ItemKind::Service
    );
    let err = serde_json::from_value::<ItemKind>(json!("GOODS"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "unknown ItemKind code \"GOODS\", expected one of \"PRODUCT\", \"SERVICE\""
    );
    assert_eq!(ItemKind::from_code(Code::str("GOODS")), None);
    assert_eq!("PRODUCT".parse::<ItemKind>().unwrap(), ItemKind::Product);
    assert_eq!("Service".parse::<ItemKind>().unwrap(), ItemKind::Service);
    assert!(
        "GOODS"
            .parse::<ItemKind>()
            .unwrap_err()
            .contains("unknown ItemKind code")
    );
    assert_eq!(
        schema_of::<ItemKind>(),
        json!({"enum": ["PRODUCT", "SERVICE"]})
    );

    assert_eq!(
        serde_json::from_value::<Currency>(json!("USD")).unwrap(),
        Currency::Other("USD".into())
    );
    assert_eq!(
        serde_json::to_value(Currency::Other("USD".into())).unwrap(),
        json!("USD")
    );
    assert_eq!(
        Currency::Other("USD".into()).to_string(),
        "unknown code \"USD\""
    );
    assert_eq!(
        schema_of::<Currency>(),
        json!({"anyOf": [{"enum": ["AZN"], "description": "AZN Azn"}, {"type": "string"}]})
    );
}

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    /// Repeated DocumentUUID value.
    #[kassa(
        code = 1,
        message = "Repeated DocumentUUID value",
        remedy = "Send a new DocumentUUID",
        category = "conflict",
        retryable
    )]
    RepeatedDocumentUuid,
    #[kassa(code = -3, category = "auth")]
    BadToken,
    #[kassa(other)]
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "message")]
pub enum MessageError {
    #[kassa(matches = "Session expired", category = "auth")]
    SessionExpired,
    #[kassa(r#match = "not found", category = "not_found")]
    NotFound,
    #[kassa(other, category = "server")]
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "string")]
pub enum StrError {
    #[kassa(code = "E1")]
    First,
    #[kassa(code = "7")]
    Seven,
    #[kassa(other)]
    Unknown,
}

#[test]
fn error_tables() {
    assert_eq!(
        ApiError::from_wire(Some(&Code::Int(1)), None),
        ApiError::RepeatedDocumentUuid
    );
    assert_eq!(
        ApiError::from_wire(Some(&Code::str("1")), None),
        ApiError::RepeatedDocumentUuid
    );
    assert_eq!(
        ApiError::from_wire(Some(&Code::Int(-3)), None),
        ApiError::BadToken
    );
    assert_eq!(
        ApiError::from_wire(Some(&Code::Int(99)), Some("x")),
        ApiError::Unknown
    );
    assert_eq!(ApiError::from_wire(None, None), ApiError::Unknown);
    let e = ApiError::RepeatedDocumentUuid;
    assert_eq!(e.code(), Some(Code::Int(1)));
    assert_eq!(e.name(), "RepeatedDocumentUuid");
    assert_eq!(e.message(), Some("Repeated DocumentUUID value"));
    assert_eq!(e.remedy(), Some("Send a new DocumentUUID"));
    assert_eq!(e.category(), Category::Conflict);
    assert!(e.is_retryable());
    assert_eq!(e.to_string(), "RepeatedDocumentUuid (code 1)");
    assert_eq!(ApiError::BadToken.category(), Category::Auth);
    assert!(!ApiError::BadToken.is_retryable());
    assert_eq!(ApiError::Unknown.to_string(), "Unknown");
    assert_eq!(ApiError::Unknown.category(), Category::Other);
    assert_eq!(ApiError::Unknown.code(), None);
    let _: &dyn std::error::Error = &e;

    assert_eq!(
        MessageError::from_wire(None, Some("Error: Session expired, log in")),
        MessageError::SessionExpired
    );
    assert_eq!(
        MessageError::from_wire(Some(&Code::Int(5)), Some("kkm not found")),
        MessageError::NotFound
    );
    assert_eq!(
        MessageError::from_wire(None, Some("session expired")),
        MessageError::Unknown
    );
    assert_eq!(MessageError::SessionExpired.code(), None);
    assert_eq!(
        MessageError::SessionExpired.message(),
        Some("Session expired")
    );
    assert_eq!(MessageError::SessionExpired.to_string(), "SessionExpired");
    assert_eq!(MessageError::Unknown.category(), Category::Server);

    assert_eq!(
        StrError::from_wire(Some(&Code::str("E1")), None),
        StrError::First
    );
    assert_eq!(
        StrError::from_wire(Some(&Code::Int(7)), None),
        StrError::Seven
    );
    assert_eq!(
        StrError::from_wire(Some(&Code::str("E2")), None),
        StrError::Unknown
    );
    assert_eq!(StrError::First.to_string(), "First (code \"E1\")");
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub struct Item {
    #[kassa(min_length = 1, max_length = 5)]
    pub name: String,
    #[serde(rename = "Price")]
    #[kassa(min = 0, max = "999999.99", scale = 2)]
    pub price: kassa::Decimal,
    #[kassa(min = 1)]
    pub quantity: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate)]
#[serde(rename_all = "camelCase")]
pub struct Sale {
    #[kassa(min_length = 4, max_length = 4)]
    pub kkm_code: String,
    #[kassa(min_items = 1, max_items = 3)]
    pub items: Vec<Item>,
    #[kassa(placement = "envelope")]
    pub r#type: Option<String>,
    #[kassa(min = -1.5, max = 2.5)]
    pub ratio: f64,
    pub amount: Amount,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub struct Amount(#[kassa(max = 100)] pub u32);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub enum Body {
    Sale(Sale),
    Amount(#[kassa(min = 5)] u32),
    Nothing,
}

fn sale() -> Sale {
    Sale {
        kkm_code: "1234".into(),
        items: vec![Item {
            name: "tea".into(),
            price: kassa::Decimal::new(150, 2),
            quantity: Some(2),
        }],
        r#type: None,
        ratio: 1.0,
        amount: Amount(5),
    }
}

#[test]
fn validate_paths() {
    assert_eq!(sale().validate(), Ok(()));
    let mut s = sale();
    s.kkm_code = "123".into();
    assert_eq!(s.validate().unwrap_err().path, "kkmCode");
    let mut s = sale();
    s.items[0].price = kassa::Decimal::new(1001, 3);
    let e = s.validate().unwrap_err();
    assert_eq!(e.path, "items[0].Price");
    assert!(e.reason.contains("decimal places"), "{e}");
    let mut s = sale();
    s.items[0].name = "too long".into();
    assert_eq!(
        s.validate().unwrap_err().to_string(),
        "invalid request: `items[0].name` must have at most 5 characters or items, got 8"
    );
    let mut s = sale();
    s.items[0].quantity = Some(0);
    assert_eq!(s.validate().unwrap_err().path, "items[0].quantity");
    let mut s = sale();
    s.items.clear();
    assert_eq!(s.validate().unwrap_err().path, "items");
    let mut s = sale();
    s.ratio = -2.0;
    assert_eq!(
        s.validate().unwrap_err().reason,
        "must be at least -1.5, got -2"
    );
    let mut s = sale();
    s.amount = Amount(101);
    assert_eq!(s.validate().unwrap_err().path, "amount");
    assert_eq!(Amount(101).validate().unwrap_err().path, "");

    assert_eq!(Body::Nothing.validate(), Ok(()));
    assert_eq!(
        Body::Amount(4).validate().unwrap_err().reason,
        "must be at least 5, got 4"
    );
    let mut s = sale();
    s.items[0].quantity = Some(0);
    assert_eq!(
        Body::Sale(s).validate().unwrap_err().path,
        "items[0].quantity"
    );
    assert_eq!(PayForm::Unknown(3).validate(), Ok(()));
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OpenShiftResponse {
    pub shift: u32,
}

/// Opens a shift.
#[derive(
    Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation,
)]
#[kassa(
    wire = "openShift",
    response = OpenShiftResponse,
    error = ApiError,
    http = "POST /kkms/{IdKkm}/shifts",
    wire_aliases = ["OPENSHIFT", "open_shift"],
    idempotency = "documentUUID",
    mint = "uuid_v4",
    dedup = "replay",
    fiscal,
    safe_to_retry
)]
pub struct OpenShift {
    #[serde(rename = "cashierName")]
    #[kassa(placement = "envelope", min_length = 1)]
    pub cashier_name: String,
    #[serde(rename = "IdKkm")]
    #[kassa(placement = "path")]
    pub id_kkm: u64,
    #[serde(rename = "documentUUID")]
    #[kassa(placement = "header")]
    pub document_uuid: String,
    #[kassa(placement = "params")]
    pub note: Option<String>,
}

#[derive(
    Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation,
)]
#[kassa(wire = "GETINFO", response = Vec<u32>, error = ApiError, name = "info", not_modified)]
pub struct GetInfo;

#[derive(
    Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation,
)]
#[kassa(wire = "sendRaw", response = serde_json::Value, error = MessageError)]
pub struct SendRawJSON(pub serde_json::Value);

fn assert_operation<O: Operation>() {}

#[test]
fn operations() {
    assert_operation::<OpenShift>();
    let info = &OpenShift::INFO;
    assert_eq!(info.name, "open_shift");
    assert_eq!(info.wire, "openShift");
    assert_eq!(info.wire_aliases, &["OPENSHIFT", "open_shift"]);
    assert_eq!(info.http, Some((Method::Post, "/kkms/{IdKkm}/shifts")));
    assert_eq!(
        info.placement,
        &[
            ("cashierName", Placement::Envelope),
            ("IdKkm", Placement::Path),
            ("documentUUID", Placement::Header)
        ]
    );
    assert_eq!(info.placement_of("note"), Placement::Params);
    assert_eq!(
        info.idempotency,
        Some(kassa::Idempotency {
            field: "documentUUID",
            mint: Mint::UuidV4,
            dedup: kassa::Dedup::Replays,
        })
    );
    assert!(info.fiscal);
    assert!(info.resend_is_safe());
    assert!(info.safe_to_retry);
    assert!(!info.not_modified);
    assert_eq!(
        OpenShift::default().validate().unwrap_err().path,
        "cashierName"
    );

    let info = &GetInfo::INFO;
    assert_eq!(
        (info.name, info.wire, info.http, info.placement.len()),
        ("info", "GETINFO", None, 0)
    );
    assert!(info.not_modified && !info.safe_to_retry && info.idempotency.is_none());
    let _: <GetInfo as Operation>::Response = vec![1u32];

    assert_eq!(SendRawJSON::INFO.name, "send_raw_json");
    let _: Option<<SendRawJSON as Operation>::Error> = None::<MessageError>;
}

/// A read whose fields all travel in its path: it has a direct path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[serde(rename_all = "camelCase")]
#[kassa(wire = "getItem", response = u32, error = ApiError, http = "GET /kkms/{kkmId}/items/{code}/{kind}.json")]
pub struct GetItem {
    #[kassa(placement = "path")]
    pub kkm_id: Option<u64>,
    #[kassa(placement = "path")]
    pub code: String,
    #[kassa(placement = "path")]
    pub kind: ItemKind,
}

/// The same with a field that is not in the path: no direct path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "listItems", response = u32, error = ApiError, http = "GET /kkms/{IdKkm}/items")]
pub struct ListItems {
    #[serde(rename = "IdKkm")]
    #[kassa(placement = "path")]
    pub id_kkm: u64,
    #[kassa(placement = "query")]
    pub page: u32,
}

/// A path field serialized its own way: no direct path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "getKkm", response = u32, error = ApiError, http = "DELETE /kkms/{id}")]
pub struct DeleteKkm {
    #[serde(serialize_with = "as_hex")]
    #[kassa(placement = "path")]
    pub id: u64,
}

fn as_hex<S: serde::Serializer>(id: &u64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{id:x}"))
}

#[test]
fn reads_by_path_write_their_path_directly() {
    let item = GetItem {
        kkm_id: Some(77),
        code: "a b/ü".into(),
        kind: ItemKind::Service,
    };
    assert_eq!(
        item.direct_path().as_deref(),
        Some("/kkms/77/items/a+b%2F%C3%BC/SERVICE.json")
    );
    // A missing value is the general encoding's to report.
    let missing = GetItem {
        kkm_id: None,
        ..item
    };
    assert_eq!(missing.direct_path(), None);
    assert_eq!(ListItems { id_kkm: 1, page: 2 }.direct_path(), None);
    assert_eq!(DeleteKkm { id: 255 }.direct_path(), None);
    // Anything else than a read has none: it has a body to write.
    let open = OpenShift {
        cashier_name: "A".into(),
        id_kkm: 1,
        ..OpenShift::default()
    };
    assert_eq!(open.direct_path(), None);
}

#[derive(
    Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema, kassa::Validate,
)]
#[schemars(crate = "kassa::__private::schemars")]
pub struct SaleRecord {
    pub sum: i64,
}

#[derive(
    Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema, kassa::Validate,
)]
#[schemars(crate = "kassa::__private::schemars")]
pub struct ReturnRecord {
    pub reason: String,
}

/// One record of the journal.
#[derive(Clone, Debug, PartialEq, kassa::Tagged, kassa::Validate)]
#[kassa(tag = "op", repr = "int")]
pub enum Record {
    #[kassa(code = 1)]
    Sale(SaleRecord),
    #[kassa(code = 2)]
    Return(ReturnRecord),
    #[kassa(other)]
    Unknown(serde_json::Value),
}

#[derive(Clone, Debug, PartialEq, kassa::Tagged)]
#[kassa(tag = "kind", repr = "string")]
pub enum Closed {
    #[kassa(code = "sale")]
    Sale(SaleRecord),
}

/// A variant that refuses members it does not know, and one that keeps
/// the tag as a field of its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(crate = "kassa::__private::schemars")]
#[serde(deny_unknown_fields)]
pub struct Strict {
    pub sum: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(crate = "kassa::__private::schemars")]
pub struct KeepsTag {
    #[serde(alias = "op")]
    pub kind: i64,
    pub sum: i64,
}

#[derive(Clone, Debug, PartialEq, kassa::Tagged)]
#[kassa(tag = "op", repr = "int")]
pub enum Replayed {
    #[kassa(code = 1)]
    Strict(Strict),
    #[kassa(code = 2)]
    KeepsTag(KeepsTag),
}

#[test]
fn the_tag_goes_to_variants_that_list_it() {
    for text in [r#"{"op": 1, "sum": 3}"#, r#"{"sum": 3, "op": 1}"#] {
        assert_eq!(
            serde_json::from_str::<Replayed>(text).unwrap(),
            Replayed::Strict(Strict { sum: 3 })
        );
    }
    for text in [r#"{"op": 2, "sum": 3}"#, r#"{"sum": 3, "op": 2}"#] {
        assert_eq!(
            serde_json::from_str::<Replayed>(text).unwrap(),
            Replayed::KeepsTag(KeepsTag { kind: 2, sum: 3 })
        );
    }
}

#[test]
fn tagged() {
    let sale = Record::Sale(SaleRecord { sum: 5 });
    let text = serde_json::to_string(&sale).unwrap();
    assert_eq!(text, r#"{"op":1,"sum":5}"#);
    assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), sale);
    assert_eq!(
        serde_json::from_value::<Record>(json!({"op": "2", "reason": "x"})).unwrap(),
        Record::Return(ReturnRecord { reason: "x".into() })
    );
    let unknown = json!({"op": 9, "z": true});
    let record = serde_json::from_value::<Record>(unknown.clone()).unwrap();
    assert_eq!(record, Record::Unknown(unknown.clone()));
    assert_eq!(serde_json::to_value(&record).unwrap(), unknown);
    let err = serde_json::from_value::<Record>(json!({"sum": 1}))
        .unwrap_err()
        .to_string();
    assert_eq!(err, "missing tag `op`");
    let err = serde_json::from_value::<Record>(json!({"op": 1, "sum": "x"}))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("invalid Record with `op` 1 (Sale): invalid type: string \"x\""),
        "{err}"
    );
    let err = serde_json::from_value::<Record>(json!([1]))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "invalid type: sequence, expected a Record object tagged by `op`"
    );

    // Read in one pass from text: the tag anywhere in the record, fields
    // before it held and replayed, unknown records kept whole (member order
    // is serde_json's: kept only where its `preserve_order` is on).
    let text = r#"{"sum": 7, "op": 1}"#;
    assert_eq!(
        serde_json::from_str::<Record>(text).unwrap(),
        Record::Sale(SaleRecord { sum: 7 })
    );
    let text = r#"{"a": 1, "op": 9, "b": [true]}"#;
    let record = serde_json::from_str::<Record>(text).unwrap();
    assert_eq!(
        serde_json::to_value(&record).unwrap(),
        json!({"a": 1, "op": 9, "b": [true]})
    );
    assert_eq!(
        record,
        Record::Unknown(json!({"a": 1, "op": 9, "b": [true]}))
    );
    // Digit strings on the lenient path, before and after the tag.
    let lenient = |text: &str| {
        let mut json = serde_json::Deserializer::from_str(text);
        <Record as Deserialize>::deserialize(kassa::codec::Lenient(&mut json))
    };
    assert_eq!(
        lenient(r#"{"sum": "8", "op": "1"}"#).unwrap(),
        Record::Sale(SaleRecord { sum: 8 })
    );
    assert_eq!(
        lenient(r#"{"op": 1, "sum": "9"}"#).unwrap(),
        Record::Sale(SaleRecord { sum: 9 })
    );
    // One position, where the record ends, after the variant's own error.
    let err = serde_json::from_str::<Record>(r#"{"op": 1, "sum": "x"}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "invalid Record with `op` 1 (Sale): invalid type: string \"x\", expected i64 at line 1 column 21"
    );
    let err = serde_json::from_str::<Record>(r#"{"op": [1]}"#)
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "the tag `op` of Record must be an integer code, found [1] at line 1 column 10"
    );

    assert_eq!(
        serde_json::to_string(&Closed::Sale(SaleRecord { sum: 1 })).unwrap(),
        r#"{"kind":"sale","sum":1}"#
    );
    let err = serde_json::from_value::<Closed>(json!({"kind": "refund"}))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "unknown Closed `kind` \"refund\", expected one of \"sale\""
    );
    // A number where string codes are expected reads as its digits.
    let err = serde_json::from_str::<Closed>(r#"{"kind": 5}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("unknown Closed `kind` \"5\", expected one of \"sale\""),
        "{err}"
    );
    // An unknown record keeps its tag as sent: a digit string stays one.
    let record = serde_json::from_str::<Record>(r#"{"op": "9", "z": 1}"#).unwrap();
    assert_eq!(record, Record::Unknown(json!({"op": "9", "z": 1})));
    let err = serde_json::from_str::<Record>(r#"{"op": "x"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("the tag `op` of Record must be an integer code, found \"x\""),
        "{err}"
    );
    assert_eq!(Record::Sale(SaleRecord { sum: 1 }).validate(), Ok(()));

    let schema = schema_of::<Record>();
    assert_eq!(schema["description"], "One record of the journal.");
    let one_of = schema["oneOf"].as_array().unwrap();
    assert_eq!(one_of.len(), 3);
    assert_eq!(one_of[0]["allOf"][0], json!({"$ref": "#/$defs/SaleRecord"}));
    assert_eq!(
        one_of[0]["allOf"][1],
        json!({"properties": {"op": {"const": 1}}, "required": ["op"]})
    );
    assert_eq!(one_of[2]["type"], "object");
    assert_eq!(
        one_of[2]["not"],
        json!({"properties": {"op": {"enum": [1, 2]}}, "required": ["op"]})
    );
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub struct Page<T> {
    #[kassa(max_items = 2)]
    pub items: Vec<T>,
}

#[test]
fn validate_generic() {
    let page = Page {
        items: vec![Amount(1), Amount(200)],
    };
    assert_eq!(page.validate().unwrap_err().path, "items[1]");
    let page = Page {
        items: vec![Amount(1), Amount(2), Amount(3)],
    };
    assert_eq!(
        page.validate().unwrap_err().reason,
        "must have at most 2 characters or items, got 3"
    );
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, JsonSchema)]
#[schemars(crate = "kassa::__private::schemars")]
pub struct Removed {
    #[serde(rename = "OperationSaleItemID")]
    pub id: u64,
}

/// What deleting an item answers: its id, or the bare string "OK".
#[derive(Clone, Debug, PartialEq, kassa::OneOf, kassa::Validate)]
pub enum Deleted {
    Removed(Removed),
    #[kassa(value = "OK")]
    Ok,
}

#[test]
fn one_of() {
    let removed = Deleted::Removed(Removed { id: 7 });
    assert_eq!(
        serde_json::from_value::<Deleted>(json!({"OperationSaleItemID": 7})).unwrap(),
        removed
    );
    // Digit strings inside a form read as its numbers, as elsewhere.
    assert_eq!(
        serde_json::from_str::<Deleted>(r#"{"OperationSaleItemID": "7"}"#).unwrap(),
        removed
    );
    assert_eq!(
        serde_json::from_str::<Deleted>(r#""OK""#).unwrap(),
        Deleted::Ok
    );
    assert_eq!(
        serde_json::to_value(&removed).unwrap(),
        json!({"OperationSaleItemID": 7})
    );
    assert_eq!(serde_json::to_value(Deleted::Ok).unwrap(), json!("OK"));
    assert_eq!(Deleted::default(), Deleted::Removed(Removed::default()));
    assert_eq!(removed.validate(), Ok(()));
    let err = serde_json::from_str::<Deleted>(r#""KO""#)
        .unwrap_err()
        .to_string();
    assert_eq!(err, "Deleted must be one of: Removed, \"OK\"; found \"KO\"");
    let schema = schemars::schema_for!(Deleted).to_value();
    assert_eq!(schema["anyOf"][1], json!({"const": "OK"}));
    assert_eq!(
        schema["description"],
        "What deleting an item answers: its id, or the bare string \"OK\"."
    );
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub struct Picture {
    #[kassa(each_min = 1, each_max = 999999)]
    pub code: kassa::OneOrMany<u32>,
    #[kassa(each_min_length = 1, each_max_length = 3)]
    pub tags: Option<Vec<String>>,
}

#[test]
fn each_element_is_checked_and_named_by_index() {
    let ok = Picture {
        code: kassa::OneOrMany::Many(vec![1, 999999]),
        tags: Some(vec!["ab".into()]),
    };
    assert_eq!(ok.validate(), Ok(()));
    let zero = Picture {
        code: kassa::OneOrMany::Many(vec![5, 0]),
        tags: None,
    };
    let err = zero.validate().unwrap_err();
    assert_eq!(err.path, "code[1]");
    assert!(err.reason.contains("at least 1"), "{err}");
    let one = Picture {
        code: kassa::OneOrMany::One(1_000_000),
        ..ok.clone()
    };
    assert_eq!(one.validate().unwrap_err().path, "code[0]");
    let long = Picture {
        tags: Some(vec!["ab".into(), "abcd".into()]),
        ..ok.clone()
    };
    assert_eq!(long.validate().unwrap_err().path, "tags[1]");
    let empty = Picture {
        tags: Some(vec!["".into()]),
        ..ok
    };
    assert_eq!(empty.validate().unwrap_err().path, "tags[0]");
}
