//! Tally, the made-up REST vendor of the test fixtures, generated with
//! `include_spec!` and called over HTTP against the example server: one test
//! per construct of the spec language it uses.

// The items the vendor retires are `#[deprecated]`: the tests that use them
// expect the warning, and fail to build without it.
#![deny(unfulfilled_lint_expectations)]

use kassa::mock::{Canned, MockServer};
use kassa::{Config, Error, Method};
use serde_json::json;

kassa::include_spec!("../../codegen/tests/fixtures/tally");

use tally::*;

const LICENCE: &str = "licence-7f3a";

async fn server() -> MockServer {
    let mock = MockServer::start(&VENDOR, OPERATIONS).await.unwrap();
    mock.record_requests(true);
    mock
}

fn pin() -> PinSignIn {
    PinSignIn { pin: "4321".into() }
}

fn config(mock: &MockServer) -> Config {
    Config::new()
        .base_url(mock.url())
        .header("X-License-Key", LICENCE)
        .login(&pin())
}

fn client(mock: &MockServer) -> Client {
    Client::new(config(mock)).unwrap()
}

fn sale(lines: Vec<Line>) -> Sell {
    Sell {
        key: String::new(),
        kind: ReceiptKind::Sale,
        lines,
        phone: Some("+380441234567".into()),
        email: None,
    }
}

fn line() -> Line {
    Line {
        name: "Tea".into(),
        qty: "1.500".parse().unwrap(),
        price: kassa::MinorUnits(4_200),
        codes: Some(vec![7]),
    }
}

fn receipt(id: u64) -> serde_json::Value {
    json!({"id": id, "kind": "SALE", "sum": 100})
}

fn ok(data: serde_json::Value) -> Canned {
    Canned::ok(json!({"status": 200, "message": "OK", "data": data}))
}

#[tokio::test]
async fn the_configured_login_of_two_is_the_one_sent() {
    let mock = server().await;
    let c = client(&mock);
    c.get_receipt(&GetReceipt { id: 9, shop: None })
        .await
        .unwrap();
    let sent = mock.requests();
    assert_eq!(sent[0].path, "/auth/pin");
    assert_eq!(sent[0].body_field("pin").as_deref(), Some("4321"));
    let bearer = sent[1].header("authorization").unwrap();
    assert!(bearer.starts_with("Bearer mock-token-"), "{bearer}");
}

#[tokio::test]
async fn a_login_that_is_not_one_of_the_vendors_is_refused_when_the_client_is_built() {
    let mock = server().await;
    let config = config(&mock).login(&GetReceipt { id: 1, shop: None });
    let err = Client::new(config).unwrap_err().to_string();
    assert!(
        err.contains("logs in with POST /auth or POST /auth/pin")
            && err.contains("`GET /receipts/{id}`"),
        "{err}"
    );
}

#[tokio::test]
async fn the_vendor_wide_header_is_required_and_sent_with_every_request() {
    let mock = server().await;
    let err = Client::new(Config::new().base_url(mock.url()).login(&pin()))
        .unwrap_err()
        .to_string();
    assert!(err.contains("X-License-Key"), "{err}");
    client(&mock)
        .get_receipt(&GetReceipt { id: 9, shop: None })
        .await
        .unwrap();
    for request in mock.requests() {
        assert_eq!(
            request.header("X-License-Key"),
            Some(LICENCE),
            "{}",
            request.path
        );
    }
}

#[tokio::test]
async fn array_query_parameters_repeat_their_key() {
    let mock = server().await;
    let request = Receipts {
        kinds: Some(vec![ReceiptKind::Sale, ReceiptKind::Refund]),
        ..Receipts::default()
    };
    client(&mock).receipts(&request).await.unwrap();
    let sent = mock.requests().pop().unwrap();
    let kinds: Vec<&str> = sent
        .query
        .iter()
        .filter(|(k, _)| k == "kinds")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(kinds, ["SALE", "REFUND"]);
}

#[tokio::test]
async fn pages_are_read_until_the_total_is_reached() {
    let mock = server().await;
    mock.respond_once(
        "GET /receipts",
        ok(json!({"total": 3, "items": [receipt(1), receipt(2)]})),
    );
    mock.respond_once(
        "GET /receipts",
        ok(json!({"total": 3, "items": [receipt(3)]})),
    );
    let first = Receipts {
        limit: Some(2),
        ..Receipts::default()
    };
    let all = client(&mock).receipts_pages(first).all().await.unwrap();
    let ids: Vec<u64> = all.iter().map(|r| r.id).collect();
    assert_eq!(ids, [1, 2, 3]);
    let offsets: Vec<Option<String>> = mock
        .requests()
        .iter()
        .filter(|r| r.method == Method::Get && r.path == "/receipts")
        .map(|r| {
            r.query
                .iter()
                .find(|(k, _)| k == "offset")
                .map(|(_, v)| v.clone())
        })
        .collect();
    assert_eq!(offsets, [None, Some("2".to_owned())]);
}

#[tokio::test]
async fn a_reply_in_either_of_two_shapes_decodes_to_its_form() {
    let mock = server().await;
    let c = client(&mock);
    mock.respond_once("DELETE /receipts/{id}", ok(json!("OK")));
    assert_eq!(
        c.delete_receipt(&DeleteReceipt { id: 5 }).await.unwrap(),
        DeleteReply::Ok
    );
    mock.respond_once("DELETE /receipts/{id}", ok(json!({"id": 5})));
    assert_eq!(
        c.delete_receipt(&DeleteReceipt { id: 5 }).await.unwrap(),
        DeleteReply::Deleted(Deleted { id: 5 })
    );
}

/// Element constraints, decimal precision and field groups are checked
/// before anything is sent.
#[tokio::test]
async fn constraints_refuse_a_request_before_it_is_sent() {
    let mock = server().await;
    let c = client(&mock);
    let cases: Vec<(Sell, &str)> = vec![
        (
            sale(vec![Line {
                codes: Some(vec![7, 0]),
                ..line()
            }]),
            "lines[0].codes[1]",
        ),
        (
            sale(vec![Line {
                qty: "12345678.5".parse().unwrap(),
                ..line()
            }]),
            "lines[0].qty",
        ),
        (
            Sell {
                phone: None,
                email: None,
                ..sale(vec![line()])
            },
            "phone",
        ),
        (sale(Vec::new()), "lines"),
    ];
    for (request, path) in cases {
        match c.sell(&request).await {
            Err(Error::InvalidRequest(e)) => {
                assert!(e.to_string().contains(path), "{path}: {e}")
            }
            other => panic!("{path}: {other:?}"),
        }
    }
    assert!(
        mock.requests().iter().all(|r| r.path != "/receipts"),
        "a refused sale was sent"
    );
    c.sell(&sale(vec![line()])).await.unwrap();
}

#[tokio::test]
async fn an_operation_absent_from_the_configured_server_is_refused() {
    let mock = server().await;
    // A base URL alone names no server; this names `main` and fills its URL.
    let on_main = Config::new()
        .server("main")
        .variable("base_url", mock.url())
        .header("X-License-Key", LICENCE)
        .login(&pin());
    let c = Client::new(on_main).unwrap();
    c.get_receipt(&GetReceipt { id: 9, shop: None })
        .await
        .unwrap();
    let err = c
        .archived(&Archived {
            id: 1,
            ids_or_one: None,
        })
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("archive"), "{err}");
    assert!(mock.requests().iter().all(|r| !r.path.starts_with("/old")));
}

#[tokio::test]
async fn a_form_of_an_operation_has_its_own_required_fields_and_the_same_wire() {
    let mock = server().await;
    let form = SellByPhone {
        key: String::new(),
        kind: ReceiptKind::Sale,
        lines: vec![line()],
        phone: "+380441234567".into(),
        sms_sender: Some("TALLY".into()),
    };
    let receipt = client(&mock).sell_by_phone(&form).await.unwrap();
    assert_eq!(receipt.kind, ReceiptKind::Sale);
    let sent = mock.requests().pop().unwrap();
    assert_eq!(
        (sent.method, sent.path.as_str()),
        (Method::Post, "/receipts")
    );
    assert_eq!(sent.body_field("phone").as_deref(), Some("+380441234567"));
    assert_eq!(sent.body_field("sms_sender").as_deref(), Some("TALLY"));
    assert_eq!(sent.operation, Some("POST /receipts"));
    // The form keeps the operation's rules: a fresh key is minted, and the
    // element constraints of the lines still apply.
    assert!(!sent.body_field("key").unwrap_or_default().is_empty());
    let bad = SellByPhone {
        lines: vec![Line {
            codes: Some(vec![0]),
            ..line()
        }],
        ..form
    };
    assert!(matches!(
        client(&mock).sell_by_phone(&bad).await,
        Err(Error::InvalidRequest(_))
    ));
}

#[tokio::test]
#[expect(
    deprecated,
    reason = "upload_logo is deprecated since 2.0 and removed in 3.0"
)]
async fn base64_larger_than_its_limit_is_refused_both_ways() {
    let mock = server().await;
    // One attempt: a read whose reply does not decode is otherwise retried.
    let c = Client::new(config(&mock).retry(kassa::RetryPolicy::none())).unwrap();
    let big = UploadLogo {
        image: kassa::Base64(vec![7; 17]),
    };
    match c.upload_logo(&big).await {
        Err(Error::InvalidRequest(e)) => {
            assert!(e.to_string().contains("17 bytes, more than the 16"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    c.upload_logo(&UploadLogo {
        image: kassa::Base64(vec![7; 16]),
    })
    .await
    .unwrap();

    // A reply whose logo is too large is refused while it is read.
    let logo = kassa::Base64(vec![1; 24]).encode();
    mock.respond_once(
        "GET /receipts/{id}",
        ok(json!({"id": 1, "kind": "SALE", "sum": 100, "logo": logo})),
    );
    match c.get_receipt(&GetReceipt { id: 1, shop: None }).await {
        Err(Error::Decode(e)) => {
            assert!(e.path.contains("logo"), "{e}");
            assert!(e.reason.contains("more than the 16 allowed"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    let fits = kassa::Base64(vec![1; 16]).encode();
    mock.respond_once(
        "GET /receipts/{id}",
        ok(json!({"id": 1, "kind": "SALE", "sum": 100, "logo": fits})),
    );
    let receipt = c
        .get_receipt(&GetReceipt { id: 1, shop: None })
        .await
        .unwrap();
    assert_eq!(receipt.logo.map(|l| l.0.len()), Some(16));
}

#[tokio::test]
async fn a_structured_error_body_reaches_the_caller_typed() {
    let mock = server().await;
    let c = client(&mock);
    let unprocessable = |body| Canned {
        status: 422,
        body,
        headers: Vec::new(),
    };
    mock.respond_once(
        "POST /receipts",
        unprocessable(json!({
            "status": 422,
            "message": "Validation failed",
            "detail": [{"loc": ["lines", "0", "qty"], "msg": "must be positive"}]
        })),
    );
    match c.sell(&sale(vec![line()])).await {
        Err(Error::Vendor(e)) => {
            assert_eq!(e.kind, HttpError::Unprocessable);
            assert_eq!(
                e.details,
                Some(vec![FieldProblem {
                    loc: vec!["lines".into(), "0".into(), "qty".into()],
                    msg: "must be positive".into(),
                }])
            );
        }
        other => panic!("{other:?}"),
    }
    // Without details, or with details of another shape: code and message only.
    mock.respond_once(
        "POST /receipts",
        unprocessable(json!({"status": 422, "message": "Validation failed", "detail": "lines"})),
    );
    match c.sell(&sale(vec![line()])).await {
        Err(Error::Vendor(e)) => {
            assert_eq!(e.kind, HttpError::Unprocessable);
            assert_eq!(e.details, None);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_sale_waits_until_the_tax_service_answers() {
    let mock = server().await;
    let c = client(&mock);
    let status = |s: &str| ok(json!({"id": 0, "status": s}));
    mock.respond_once("GET /receipts/{id}/status", status("PENDING"));
    mock.respond_once("GET /receipts/{id}/status", status("ACCEPTED"));
    let done = c
        .sell_and_wait(&sale(vec![line()]), std::time::Duration::from_secs(30))
        .await
        .unwrap();
    assert_eq!(done.status, "ACCEPTED");
    let polls = mock
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/status"))
        .count();
    assert_eq!(polls, 2);

    // A deadline shorter than the wait: the last answer, still pending.
    mock.respond_once("GET /receipts/{id}/status", status("PENDING"));
    let pending = c
        .sell_and_wait(&sale(vec![line()]), std::time::Duration::from_millis(10))
        .await
        .unwrap();
    assert_eq!(pending.status, "PENDING");
}

#[tokio::test]
#[expect(
    deprecated,
    reason = "upload_logo is deprecated since 2.0 and removed in 3.0"
)]
async fn what_a_later_revision_removed_is_refused_for_a_server_on_it() {
    let mock = server().await;
    let on = |version: &str| Client::new(config(&mock).api_version(version)).unwrap();
    let logo = UploadLogo {
        image: kassa::Base64(vec![7; 4]),
    };
    // A server on 3.0 has no logo upload: refused before anything is sent.
    let before = mock.requests().len();
    match on("3.0").upload_logo(&logo).await {
        Err(Error::InvalidRequest(e)) => assert!(
            e.reason
                .contains("`PUT /logo` was removed in revision 3.0; the server runs 3.0"),
            "{e}"
        ),
        other => panic!("{other:?}"),
    }
    // Nor `shop` of a receipt lookup; left out, the lookup goes.
    let with_shop = GetReceipt {
        id: 9,
        shop: Some("kyiv-1".into()),
    };
    match on("3.0").get_receipt(&with_shop).await {
        Err(Error::InvalidRequest(e)) => {
            assert_eq!(e.path, "shop");
            assert!(e.reason.contains("was removed in revision 3.0"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(mock.requests().len(), before, "nothing went on the wire");
    mock.respond_once("GET /receipts/{id}", ok(receipt(9)));
    on("3.0")
        .get_receipt(&GetReceipt { id: 9, shop: None })
        .await
        .unwrap();
    // A server on 2.0 still has both; so does one of unknown revision.
    on("2.0").upload_logo(&logo).await.unwrap();
    mock.respond_once("GET /receipts/{id}", ok(receipt(9)));
    on("2.0").get_receipt(&with_shop).await.unwrap();
    client(&mock).upload_logo(&logo).await.unwrap();
}
