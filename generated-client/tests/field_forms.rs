//! Requests and replies in the forms the field sends rather than the ones
//! the documents print: each is read by the published schema, the
//! generated types and the example server the way the device reads it, and
//! the forms the device refuses stay refused.

mod support;

use kassa::codec::WireBody;
use kassa::mock::{Canned, MockServer};
use kassa::{Config, RetryPolicy};
use kassa_client::{caspos, icash};
use serde_json::{Value, json};

fn schema(vendor: &str, operation: &str, direction: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(vendor)
        .join(format!("{operation}.{direction}.schema.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_base_uri(format!("file://{}", path.display()))
        .build(&schema)
        .unwrap()
}

/// Whether the schema and the generated types take `body` as a request of
/// `wire`; both must agree.
fn caspos_request(operation: &str, wire: &str, body: &Value) -> bool {
    let (vendor, table) = support::vendor("caspos");
    let entry = kassa::OperationEntry::find(table, wire).unwrap();
    let by_schema = schema("caspos", operation, "request").is_valid(body);
    let by_types = support::request_verdict(vendor, entry, body);
    assert_eq!(
        by_schema,
        by_types.is_ok(),
        "the schema and the types disagree on {body}: {by_types:?}"
    );
    by_schema
}

/// Public client code sends closeShift with `cashierName` beside the
/// envelope and neither `data` nor `documentUUID`.
fn reported_close_shift() -> Value {
    json!({
        "operation": "closeShift",
        "cashierName": "Yeni Kassir",
        "username": "username",
        "password": "password",
    })
}

#[test]
fn caspos_close_shift_is_read_in_the_documented_and_the_reported_form() {
    let documented = json!({
        "operation": "closeShift",
        "data": {"documentUUID": "7c3168f3-1749-4fe4-976c-6ef195d10401", "cashierName": "Yeni Kassir"},
        "username": "username",
        "password": "password",
    });
    assert!(caspos_request("close_shift", "closeShift", &documented));
    assert!(caspos_request(
        "close_shift",
        "closeShift",
        &reported_close_shift()
    ));
    // The name in `data`, without a key: the documented place, the key optional.
    let no_key = json!({
        "operation": "closeShift",
        "data": {"cashierName": "Yeni Kassir"},
        "username": "username",
        "password": "password",
    });
    assert!(caspos_request("close_shift", "closeShift", &no_key));
}

#[test]
fn caspos_close_shift_without_a_cashier_anywhere_is_refused() {
    let nameless = json!({
        "operation": "closeShift",
        "data": {"documentUUID": "7c3168f3-1749-4fe4-976c-6ef195d10401"},
        "username": "username",
        "password": "password",
    });
    assert!(!caspos_request("close_shift", "closeShift", &nameless));
    let mut bare = reported_close_shift();
    bare.as_object_mut().unwrap().remove("cashierName");
    assert!(!caspos_request("close_shift", "closeShift", &bare));
}

#[test]
fn caspos_credentials_are_optional_for_open_shift_only() {
    let open =
        json!({"operation": "openShift", "cashierName": "Yeni Kassir", "data": {"sum": 1.0}});
    assert!(schema("caspos", "open_shift", "request").is_valid(&open));
    let mut close = reported_close_shift();
    let map = close.as_object_mut().unwrap();
    map.remove("username");
    map.remove("password");
    assert!(!schema("caspos", "close_shift", "request").is_valid(&close));
}

async fn post(mock: &MockServer, body: &Value) -> Value {
    let text = reqwest::Client::new()
        .post(mock.url())
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn the_example_server_admits_the_reported_caspos_forms() {
    let mock = MockServer::start(&caspos::VENDOR, caspos::OPERATIONS)
        .await
        .unwrap();
    // openShift without credentials goes through, relying on the login.
    let open = post(
        &mock,
        &json!({"operation": "openShift", "cashierName": "Yeni Kassir", "data": {"sum": 1.0}}),
    )
    .await;
    assert_eq!(open["code"], "0", "{open}");
    // Every other operation still needs them.
    let status = post(&mock, &json!({"operation": "getShiftStatus", "data": {}})).await;
    assert_eq!(status["code"], "999", "{status}");
    assert_eq!(status["message"], "invalid login session");
    // closeShift as public client code sends it closes the shift.
    let close = post(&mock, &reported_close_shift()).await;
    assert_eq!(close["code"], "0", "{close}");
    let again = post(&mock, &reported_close_shift()).await;
    assert_eq!(
        again["message"], "document: invalid shift status",
        "the first close closed the shift: {again}"
    );
}

#[tokio::test]
async fn the_caspos_client_still_sends_the_documented_close_shift() {
    let mock = MockServer::start(&caspos::VENDOR, caspos::OPERATIONS)
        .await
        .unwrap();
    mock.record_requests(true);
    let client = caspos::Client::new(
        Config::new()
            .base_url(mock.url())
            .credentials("admin", "secret")
            .retry(RetryPolicy::none()),
    )
    .unwrap();
    client
        .open_shift(&caspos::OpenShift {
            cashier_name: "Yeni Kassir".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    client
        .close_shift(&caspos::CloseShift {
            cashier_name: "Yeni Kassir".into(),
            document_uuid: None,
        })
        .await
        .unwrap();
    let sent: Vec<Value> = mock
        .requests()
        .into_iter()
        .map(|r| match r.body {
            WireBody::Json(v) => v,
            other => panic!("not JSON: {other:?}"),
        })
        .collect();
    let open = &sent[0];
    assert_eq!(open["username"], "admin", "credentials go with openShift");
    let close = &sent[1];
    assert_eq!(close["data"]["cashierName"], "Yeni Kassir");
    assert!(close.get("cashierName").is_none(), "{close}");
    let key = close["data"]["documentUUID"].as_str().unwrap();
    assert_eq!(key.len(), 36, "a minted UUID v4: {key}");
}

fn icash_config(mock: &MockServer) -> Config {
    Config::new()
        .base_url(mock.url())
        .api_key("key", "secret")
        .context("WareHouseID", 5)
        .context("UserID", 7)
        .login(&icash::Login)
}

/// The 3.14 example as printed: the QR code and the receipt text beside
/// `data` instead of inside it.
fn icash_operation_as_printed() -> Value {
    let spec = support::load("icash");
    let op = spec
        .operations
        .iter()
        .find(|o| o.wire == "get-operation")
        .unwrap();
    let body = op.examples[0].response.clone().unwrap();
    assert!(
        body["OperationElectronicDataReceipt"].is_string()
            && body["data"].get("OperationElectronicDataReceipt").is_none(),
        "the example is kept as printed"
    );
    body
}

/// What the iCash client makes of a get-operation reply with `body`.
async fn icash_operation(body: Value) -> icash::Operation {
    let mock = MockServer::start(&icash::VENDOR, icash::OPERATIONS)
        .await
        .unwrap();
    // The wire format, not the vendor's behaviour: no operation was created.
    mock.keep_state(false);
    mock.respond_once("get-operation", Canned::ok(body));
    let client = icash::Client::new(icash_config(&mock)).unwrap();
    client
        .get_operation(&icash::GetOperation {
            operation_id: 56078,
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn icash_reply_fields_printed_beside_data_reach_the_caller() {
    let body = icash_operation_as_printed();
    let receipt = body["OperationElectronicDataReceipt"].clone();
    assert!(schema("icash", "get_operation", "response").is_valid(&body));
    let op = icash_operation(body).await;
    assert_eq!(
        op.operation_electronic_data_receipt.as_deref(),
        receipt.as_str()
    );
    assert_eq!(op.operation_electronic_data_qr_code.as_deref(), Some(""));
}

#[tokio::test]
async fn icash_reply_fields_inside_data_win_over_the_envelope() {
    let mut body = icash_operation_as_printed();
    body["data"]["OperationElectronicDataQrCode"] = json!("inside");
    body["OperationElectronicDataQrCode"] = json!("beside");
    let op = icash_operation(body).await;
    assert_eq!(
        op.operation_electronic_data_qr_code.as_deref(),
        Some("inside")
    );
}
