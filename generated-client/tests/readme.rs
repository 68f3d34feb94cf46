//! The example in README.md, compiled and run against the example server.
//! The code between the markers is the README's, character for character.

use std::path::Path;

use kassa::mock::{Canned, MockServer};

// README:start
use kassa::{Config, Decimal, Error, Number};
use kassa_client::caspos::{self, ApiError};

async fn sell_tea(config: Config) -> Result<caspos::Receipt, Error<ApiError>> {
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
    let mut sale = caspos::Sale {
        items: vec![tea],
        cash_payment: Number(Decimal::new(300, 2)),
        cashier_name: "Aysel".into(),
        currency: "AZN".into(),
        ..Default::default()
    };
    match client.sale(&sale).await {
        Err(e) if e.outcome_unknown() => {
            // The device may have printed it: send it again under the same key.
            sale.document_uuid = e.idempotency_key().unwrap_or_default().to_owned();
            client.sale(&sale).await
        }
        other => other,
    }
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
