//! The example in README.md, compiled and run against the example server.
//! The code between the markers is the README's, character for character.

use std::path::Path;

use kassa::mock::{Canned, MockServer};

// README:start
use kassa::{Config, Decimal, Error, Number, Reply};
use kassa_client::caspos::{self, ApiError};

async fn sell_tea(config: Config) -> Result<Reply<caspos::Receipt>, Error<ApiError>> {
    let client = caspos::Client::new(config.credentials("admin", "secret"))
        .map_err(|e| Error::Config(e.to_string()))?;
    client
        .open_shift(&caspos::OpenShift {
            cashier_name: "Aysel".into(),
            ..Default::default()
        })
        .await?;
    let tea = caspos::SaleItem {
        name: "Çay".into(),
        code: "1".into(),
        quantity: 2.into(),
        sale_price: Number(Decimal::new(150, 2)),
        vat_type: caspos::VatType::Vat18,
        ..Default::default()
    };
    // The client mints the sale's documentUUID. When an answer is lost, it sends the
    // sale again under the same key: the device prints it once and answers the repeat
    // with the earlier receipt (`Reply::replayed`).
    client
        .sale(&caspos::Sale {
            items: vec![tea],
            cash_payment: Number(Decimal::new(300, 2)),
            cashier_name: "Aysel".into(),
            currency: "AZN".into(),
            ..Default::default()
        })
        .await
}
// README:end

#[test]
fn the_readme_shows_this_code() {
    let source = include_str!("readme.rs");
    let start = source
        .find("// README:start\n")
        .map(|i| i + "// README:start\n".len())
        .unwrap();
    let end = source.find("// README:end").unwrap();
    let code = &source[start..end];
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .unwrap();
    assert!(
        readme.contains(code),
        "README.md must contain the example exactly as tests/readme.rs has it:\n{code}"
    );
}

#[tokio::test]
async fn the_readme_example_runs_against_the_example_server() {
    let mock = MockServer::start(&caspos::VENDOR, caspos::OPERATIONS)
        .await
        .unwrap();
    let receipt = serde_json::json!({"code": "0", "message": "Success operation", "data": {
        "document_id": "D1", "document_number": 7, "number": "7", "shift_document_number": 3,
        "short_document_id": "S1", "totalSum": 3.0, "approval_code": "", "rrn": ""}});
    mock.example("sale", None, Canned::ok(receipt));
    let done = sell_tea(Config::new().base_url(mock.url())).await.unwrap();
    assert_eq!(done.document_id, "D1");
    assert!(!done.replayed());
    let sale = mock
        .requests()
        .into_iter()
        .find(|r| r.operation == Some("sale"))
        .unwrap();
    let params = sale.params.unwrap();
    assert_eq!(params["items"][0]["salePrice"], 1.5);
    assert_eq!(
        params["documentUUID"].as_str().map(str::len),
        Some(36),
        "the client mints the idempotency key"
    );
}

/// The first answer is lost in a server error; the client resends the sale
/// under the same key, and the device's replay of the earlier receipt is
/// the call's result.
#[tokio::test]
async fn a_lost_answer_is_resent_under_the_same_key_and_replayed() {
    let mock = MockServer::start(&caspos::VENDOR, caspos::OPERATIONS)
        .await
        .unwrap();
    mock.respond_once(
        "sale",
        Canned {
            status: 503,
            body: serde_json::json!("device busy"),
            headers: Vec::new(),
        },
    );
    mock.respond_once(
        "sale",
        Canned::ok(
            serde_json::json!({"code": "1", "message": "Repeated DocumentUUID value",
            "data": {"document_id": "D1", "document_number": 7, "number": "7",
                     "shift_document_number": 3, "short_document_id": "S1", "totalSum": 3.0,
                     "approval_code": "", "rrn": ""}}),
        ),
    );
    let config = Config::new()
        .base_url(mock.url())
        .retry(kassa::RetryPolicy::default().base_delay(std::time::Duration::from_millis(1)));
    let done = sell_tea(config).await.unwrap();
    assert!(
        done.replayed(),
        "the repeat was answered with the earlier receipt"
    );
    assert_eq!(done.document_id, "D1");
    assert_eq!(done.attempts, 2);
    let keys: Vec<String> = mock
        .requests()
        .into_iter()
        .filter(|r| r.operation == Some("sale"))
        .map(|r| {
            r.params.unwrap()["documentUUID"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "both attempts carry the same key");
    assert_eq!(done.idempotency_key.as_deref(), Some(keys[0].as_str()));
}
