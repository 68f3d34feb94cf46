//! A client told which vendor revision the server runs
//! (`Config::api_version`) refuses, before sending, what a later revision
//! introduced, and sends everything else as before. SM POS's change
//! history: UPDGOODS at 1.1.0; `strict` and ADDGOODS at 1.2.0;
//! `byPrtCloseTime` at 1.2.1.

use kassa::mock::MockServer;
use kassa::{Config, Error, RetryPolicy};
use kassa_client::smpos;

async fn client(version: Option<&str>) -> (MockServer, smpos::Client) {
    let mock = MockServer::start(&smpos::VENDOR, smpos::OPERATIONS)
        .await
        .unwrap();
    mock.keep_state(false);
    mock.record_requests(true);
    let mut config = Config::new()
        .base_url(mock.url())
        .credentials("user", "pass")
        .retry(RetryPolicy::none());
    if let Some(v) = version {
        config = config.api_version(v);
    }
    (mock, smpos::Client::new(config).unwrap())
}

fn update(strict: Option<bool>) -> smpos::UpdateGoods {
    smpos::UpdateGoods {
        section_id: 1,
        goods: vec![smpos::GoodsUpdate {
            code: 7,
            ..Default::default()
        }],
        strict,
    }
}

/// The refusal's field path and reason.
fn refusal<E: kassa::ErrorTable + std::fmt::Debug>(e: Error<E>) -> (String, String) {
    match e {
        Error::InvalidRequest(r) => (r.path, r.reason),
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

#[tokio::test]
async fn a_server_on_an_older_revision_is_sent_only_what_it_knows() {
    let (mock, c) = client(Some("1.1.0")).await;
    // An operation of 1.2.0: refused, naming it and its revision.
    let e = c
        .add_goods(&smpos::AddGoods {
            section_id: 1,
            goods: Vec::new(),
            strict: None,
        })
        .await
        .unwrap_err();
    let (path, reason) = refusal(e);
    assert_eq!(path, "");
    assert!(
        reason.contains("`ADDGOODS` is new in revision 1.2.0") && reason.contains("1.1.0"),
        "{reason}"
    );
    // A field of 1.2.0, set: refused, naming the field.
    let (path, reason) = refusal(c.update_goods(&update(Some(true))).await.unwrap_err());
    assert_eq!(path, "strict");
    assert!(reason.contains("new in revision 1.2.0"), "{reason}");
    assert!(mock.requests().is_empty(), "nothing went on the wire");
    // Left unset, it is not sent, and the 1.1.0 operation goes through.
    c.update_goods(&update(None)).await.unwrap();
    let sent = mock.requests();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].params.as_ref().unwrap().get("strict").is_none());
}

#[tokio::test]
async fn the_latest_revision_and_an_unset_one_send_everything() {
    for version in [None, Some("1.2.1"), Some("2.0")] {
        let (mock, c) = client(version).await;
        c.update_goods(&update(Some(true))).await.unwrap();
        c.add_goods(&smpos::AddGoods {
            section_id: 1,
            goods: Vec::new(),
            strict: None,
        })
        .await
        .unwrap();
        let sent = mock.requests();
        assert_eq!(
            sent[0].params.as_ref().unwrap()["strict"],
            true,
            "{version:?}"
        );
    }
}

#[tokio::test]
async fn a_revision_the_vendor_never_had_is_refused_when_the_client_is_built() {
    let built = smpos::Client::new(
        Config::new()
            .base_url("http://127.0.0.1:1")
            .credentials("user", "pass")
            .api_version("beta"),
    );
    let Err(e) = built else {
        panic!("a client for revision \"beta\" was built");
    };
    let text = e.to_string();
    assert!(text.contains("1.1.0, 1.2.0, 1.2.1"), "{text}");
}
