//! The simulator behaves as the specs declare: shifts open, close and
//! expire; documents are numbered; sessions and credentials are checked;
//! a draft that nothing created is refused. Each answer is the vendor's
//! own error, decoded by the generated client.

use std::time::Duration;

use kassa::mock::{Canned, MockServer};
use kassa::{Config, Error, RetryPolicy};
use kassa_client::{caspos, icash};
use serde_json::{Value, json};

#[path = "support/soak.rs"]
#[allow(dead_code)] // the soak drivers run in tests/soak.rs
mod soak;

use soak::caspos_sale;

/// Serves the spec's successful response examples of these operations, as
/// `kassa serve` does for all of them.
fn feed(mock: &MockServer, id: &str, ops: &[&str]) {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec")).join(id);
    let (spec, diags, _) = kassa_codegen::check::check_dir(&dir);
    let spec = spec.unwrap_or_else(|| panic!("spec/{id} does not check: {diags:#?}"));
    for op in spec
        .operations
        .iter()
        .filter(|o| ops.contains(&o.name.as_str()))
    {
        for ex in &op.examples {
            if let (Some(body), kassa_codegen::ir::Outcome::Success) = (&ex.response, ex.outcome) {
                mock.example(&op.wire, None, Canned::ok(body.clone()));
            }
        }
    }
}

fn refused<E: kassa::ErrorTable>(e: &Error<E>) -> (String, String) {
    let v = e
        .vendor()
        .unwrap_or_else(|| panic!("not a vendor error: {e:?}"));
    (
        v.raw_code
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        v.message.clone().unwrap_or_default(),
    )
}

#[tokio::test]
async fn a_caspos_shift_opens_numbers_its_documents_expires_and_closes() {
    let mock = MockServer::start(&caspos::VENDOR, caspos::OPERATIONS)
        .await
        .unwrap();
    feed(&mock, "caspos", &["get_x_report", "close_shift"]);
    let client = caspos::Client::new(
        Config::new()
            .base_url(mock.url())
            .credentials("admin", "secret")
            .retry(RetryPolicy::none()),
    )
    .unwrap();
    let status = async || client.get_shift_status().await.unwrap().shift_open;

    assert!(!status().await);
    let e = client.sale(&caspos_sale("a")).await.unwrap_err();
    assert_eq!(
        refused(&e),
        ("\"999\"".into(), "document: invalid shift status".into())
    );
    assert!(mock.documents().is_empty(), "a refused sale makes nothing");

    client.open_shift(&Default::default()).await.unwrap();
    assert!(status().await);
    let e = client.open_shift(&Default::default()).await.unwrap_err();
    assert_eq!(refused(&e).1, "document: invalid shift status");
    for n in 1..=3 {
        let receipt = client.sale(&caspos_sale("b")).await.unwrap();
        assert_eq!(receipt.document_number, n);
        assert_eq!(receipt.shift_document_number, n);
    }
    let x = client
        .get_x_report(&caspos::GetXReport {
            cashier_name: "Aysel".into(),
        })
        .await
        .unwrap();
    assert_eq!(x.last_doc_number, 3);
    assert_eq!(x.currencies[0].sale_count, 3);
    assert_eq!(x.currencies[0].deposit_count, 0);

    // 24 hours after opening, the device refuses documents until the shift
    // is closed and a new one opened; the shift still reads as open.
    mock.advance(Duration::from_secs(24 * 3600));
    let e = client.sale(&caspos_sale("c")).await.unwrap_err();
    assert_eq!(refused(&e).1, "document: invalid shift duration");
    assert!(status().await);
    let state = mock.state();
    assert_eq!(state.lifecycles["shift"][""].state, "expired");

    let z = client.close_shift(&Default::default()).await.unwrap();
    assert_eq!((z.last_doc_number, z.currencies[0].sale_count), (4, 3));
    assert!(!status().await);
    client.open_shift(&Default::default()).await.unwrap();
    let receipt = client.sale(&caspos_sale("d")).await.unwrap();
    assert_eq!(
        (receipt.document_number, receipt.shift_document_number),
        (5, 1),
        "the Z report was document 4; the shift count starts again"
    );
    let state = mock.state();
    assert_eq!(state.counters["documents"], 5);
    assert_eq!(mock.documents().len(), 5);
}

#[tokio::test]
async fn a_caspos_request_without_credentials_gets_the_device_answer() {
    let mock = MockServer::start(&caspos::VENDOR, caspos::OPERATIONS)
        .await
        .unwrap();
    let body = json!({"operation": "getShiftStatus", "data": {}});
    let answer = reqwest::Client::new()
        .post(mock.url())
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let answer: Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer["code"], "999");
    assert_eq!(answer["message"], "invalid login session");
}

#[tokio::test]
async fn icash_sessions_expire_and_drafts_are_checked() {
    let mock = MockServer::start(&icash::VENDOR, icash::OPERATIONS)
        .await
        .unwrap();
    let client = icash::Client::new(
        Config::new()
            .base_url(mock.url())
            .api_key("key", "secret")
            .context("WareHouseID", 5)
            .context("UserID", 7)
            .login(&icash::Login)
            .retry(RetryPolicy::none()),
    )
    .unwrap();
    let print = |id| icash::PrintOperation {
        operation_id: id,
        pay_type_id: 1,
    };
    let e = client.print_operation(&print(999)).await.unwrap_err();
    assert_eq!(refused(&e).1, "Wrong value for OperationID");

    let new = icash::NewOperation {
        import_source: "test".into(),
        operation_type: icash::OperationType::Sell,
        ..Default::default()
    };
    let first = client.new_operation(&new).await.unwrap().operation_id;
    let second = client.new_operation(&new).await.unwrap().operation_id;
    assert_ne!(first, second, "each operation gets its own id");
    let read = icash::GetOperation {
        operation_id: first,
    };
    let status = client.get_operation(&read).await.unwrap().operation_status;
    assert_eq!(status, icash::OperationStatus::Temp);

    // The session ends; the vendor says so and the client logs in again.
    mock.expire_tokens();
    client.print_operation(&print(first)).await.unwrap();
    let status = client.get_operation(&read).await.unwrap().operation_status;
    assert_eq!(status, icash::OperationStatus::Normal);
    let e = client.print_operation(&print(first)).await.unwrap_err();
    assert_eq!(refused(&e).1, "Wrong value for OperationID");
    let logins = mock
        .requests()
        .iter()
        .filter(|r| r.operation == Some("login"))
        .count();
    assert_eq!(logins, 2);
    assert!(
        mock.requests()
            .iter()
            .any(|r| r.response.body["error_message"] == "Session expired")
    );
}
