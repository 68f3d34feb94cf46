//! What a failed call ends in, decided from the error and the operation's
//! declared model: resent under its key, reported as unknown, or reported
//! as a document that exists. Each case counts the requests the server saw.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use kassa::mock::{Canned, MockServer};
use kassa::{Config, Error, RetryPolicy};
use kassa_client::{caspos, heado, kassa24};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Retries without waiting, so the tests run fast.
fn quick() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(1))
        .seed(1)
}

fn calls(mock: &MockServer, wire: &str) -> usize {
    mock.requests()
        .iter()
        .filter(|r| r.operation == Some(wire))
        .count()
}

fn sale() -> caspos::Sale {
    caspos::Sale {
        items: vec![caspos::SaleItem {
            name: "Çay".into(),
            code: "1".into(),
            quantity: 1.into(),
            ..Default::default()
        }],
        cashier_name: "Aysel".into(),
        currency: "AZN".into(),
        ..Default::default()
    }
}

async fn kassa24_client(mock: &MockServer) -> kassa24::Client {
    let login = kassa24::Authenticate {
        login: "user".into(),
        password: "secret".into(),
    };
    kassa24::Client::new(
        Config::new()
            .base_url(mock.url())
            .login(&login)
            .retry(quick()),
    )
    .unwrap()
}

fn heado_config(url: &str) -> Config {
    Config::new()
        .base_url(format!("{url}/device/{{auth_key}}"))
        .variable("auth_key", "key")
        .retry(quick())
}

/// HEADO's purchaseRegister has no key and no recovery (`unrecoverable`).
#[tokio::test]
async fn a_fiscal_call_without_a_key_or_recovery_is_never_resent() {
    let mock = MockServer::start(&heado::VENDOR, heado::OPERATIONS)
        .await
        .unwrap();
    let client = heado::Client::new(heado_config(&mock.url())).unwrap();
    for status in [500, 503, 504] {
        mock.clear_requests();
        mock.respond_once(
            "purchaseRegister",
            Canned {
                status,
                body: json!("Internal Server Error"),
                headers: Vec::new(),
            },
        );
        let e = client
            .purchase_register(&Default::default())
            .await
            .unwrap_err();
        assert!(e.outcome_unknown(), "{status}: {e:?}");
        assert!(
            !e.is_retryable(),
            "{status}: resending may register a second purchase"
        );
        assert_eq!(calls(&mock, "purchaseRegister"), 1, "{status}");
        let Error::OutcomeUnknown(unknown) = &e else {
            unreachable!()
        };
        assert!(!unknown.resend_is_safe && unknown.recovery_failed.is_none());
        assert!(e.to_string().contains("do not send it again"), "{e}");
    }
    // A transient refusal the vendor's table names is resent: nothing was applied.
    mock.clear_requests();
    mock.respond_once(
        "purchaseRegister",
        Canned::ok(json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32606, "message": "Operation called too often"}})),
    );
    let reply = client.purchase_register(&Default::default()).await.unwrap();
    assert_eq!(reply.attempts, 2);
}

#[tokio::test]
async fn a_refusal_that_applied_nothing_is_retried_even_for_a_fiscal_call() {
    let mock = MockServer::start(&kassa24::VENDOR, kassa24::OPERATIONS)
        .await
        .unwrap();
    // The answers are scripted here; the simulator's shift is not in play.
    mock.keep_state(false);
    let client = kassa24_client(&mock).await;
    mock.respond_once(
        "sale",
        Canned {
            status: 429,
            body: json!({"Status": 429, "Message": "Too Many Requests", "Data": null}),
            headers: vec![("Retry-After".into(), "0".into())],
        },
    );
    let reply = client.sale(&Default::default()).await.unwrap();
    assert_eq!(reply.attempts, 2);
    assert_eq!(calls(&mock, "POST /kkms/{IdKkm}/sales"), 2);
}

#[tokio::test]
async fn reads_are_retried_after_server_errors() {
    let mock = MockServer::start(&kassa24::VENDOR, kassa24::OPERATIONS)
        .await
        .unwrap();
    let client = kassa24_client(&mock).await;
    for _ in 0..2 {
        mock.respond_once(
            "list_kkms",
            Canned {
                status: 502,
                body: json!("bad gateway"),
                headers: Vec::new(),
            },
        );
    }
    client.list_kkms(&Default::default()).await.unwrap();
    assert_eq!(calls(&mock, "GET /kkms"), 3);
}

#[tokio::test]
async fn a_document_that_exists_despite_the_error_is_a_typed_outcome() {
    let mock = MockServer::start(&caspos::VENDOR, caspos::OPERATIONS)
        .await
        .unwrap();
    // The answers are scripted here; the simulator's shift is not in play.
    mock.keep_state(false);
    let config = Config::new()
        .base_url(mock.url())
        .credentials("admin", "secret")
        .retry(quick());
    let client = caspos::Client::new(config).unwrap();
    for body in [
        json!({"code": "999", "message": "Document creating has been completed successfully, but it was unable to handle Item Names properly"}),
        json!({"code": "1205", "message": "Document creating has been completed successfully, but it was unable to handle Item Names properly"}),
    ] {
        mock.clear_requests();
        mock.respond_once("sale", Canned::ok(body));
        let e = client.sale(&sale()).await.unwrap_err();
        assert!(e.document_exists(), "{e:?}");
        assert!(!e.is_retryable() && !e.outcome_unknown());
        assert_eq!(calls(&mock, "sale"), 1, "never resent");
        let Error::DocumentExists(exists) = &e else {
            unreachable!()
        };
        assert_eq!(exists.idempotency_key.as_deref().map(str::len), Some(36));
        assert!(exists.remedy().unwrap().contains("never send it again"));
    }
}

/// A server that answers `POST /auth` with a token and never answers
/// anything else; counts the requests it left unanswered.
async fn silent_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let count = count.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 8192];
                let Ok(n) = socket.read(&mut buf).await else {
                    return;
                };
                if buf[..n].starts_with(b"POST /auth") {
                    let body = r#"{"Status": 200, "Message": "OK", "Data": {"Token": "t"}}"#;
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = socket.write_all(reply.as_bytes()).await;
                    return;
                }
                count.fetch_add(1, Ordering::SeqCst);
                while let Ok(n) = socket.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                }
            });
        }
    });
    (format!("http://{addr}"), seen)
}

#[tokio::test]
async fn timeouts_resend_a_keyed_call_under_its_key_and_never_an_unkeyed_one() {
    let (url, seen) = silent_server().await;
    let config = Config::new()
        .base_url(&url)
        .credentials("admin", "secret")
        .timeout(Duration::from_millis(150))
        .retry(quick().attempts(3));
    let e = caspos::Client::new(config)
        .unwrap()
        .sale(&sale())
        .await
        .unwrap_err();
    let Error::OutcomeUnknown(unknown) = &e else {
        panic!("{e:?}")
    };
    assert!(unknown.resend_is_safe, "Caspos deduplicates documentUUID");
    assert!(e.is_retryable());
    assert!(e.to_string().contains("under the same key"), "{e}");
    assert_eq!(seen.load(Ordering::SeqCst), 3, "three attempts");

    let (url, seen) = silent_server().await;
    let config = heado_config(&url).timeout(Duration::from_millis(150));
    let e = heado::Client::new(config)
        .unwrap()
        .purchase_register(&Default::default())
        .await
        .unwrap_err();
    let Error::OutcomeUnknown(unknown) = &e else {
        panic!("{e:?}")
    };
    assert!(!unknown.resend_is_safe);
    assert!(matches!(*unknown.cause, Error::Transport(_)));
    assert_eq!(seen.load(Ordering::SeqCst), 1, "sent once, never again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_tasks_share_one_login_when_the_token_expires() {
    let mock = MockServer::start(&kassa24::VENDOR, kassa24::OPERATIONS)
        .await
        .unwrap();
    let client = Arc::new(kassa24_client(&mock).await);
    client.list_kkms(&Default::default()).await.unwrap();
    mock.expire_tokens();
    mock.clear_requests();
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.list_kkms(&Default::default()).await })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        if t.await.unwrap().is_ok() {
            ok += 1;
        }
    }
    assert_eq!(ok, 200, "every call succeeds");
    assert_eq!(calls(&mock, "POST /auth"), 1, "exactly one login");
}

fn server_error() -> Canned {
    Canned {
        status: 500,
        body: json!({"Status": 500, "Message": "Internal Server Error", "Data": null}),
        headers: Vec::new(),
    }
}

fn uid(value: &str) -> Canned {
    Canned::ok(json!({"Status": 200, "Message": "OK", "Data": {"Uid": value}}))
}

/// Kassa24 has no key it deduplicates by: after an unknown outcome the
/// client asks `GET /uid/{IdKkm}` whether the register's Uid moved on.
#[tokio::test]
async fn a_recovery_decides_between_a_document_that_exists_and_a_resend() {
    let mock = MockServer::start(&kassa24::VENDOR, kassa24::OPERATIONS)
        .await
        .unwrap();
    // The answers are scripted here; the simulator's shift is not in play.
    mock.keep_state(false);
    let client = kassa24_client(&mock).await;
    let sale = kassa24::Sale {
        id_kkm: 77505,
        ..Default::default()
    };
    let sales = "POST /kkms/{IdKkm}/sales";

    // The Uid moved on: the sale was applied; it is not sent again.
    client.inner().set_state_header("Uid", "u-1");
    mock.clear_requests();
    mock.respond_once("sale", server_error());
    mock.respond_once("get_uid", uid("u-2"));
    let e = client.sale(&sale).await.unwrap_err();
    let Error::DocumentExists(exists) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(exists.recovered_by, Some("get_uid"));
    assert_eq!(calls(&mock, sales), 1);
    let read = mock
        .requests()
        .into_iter()
        .find(|r| r.operation == Some("GET /uid/{IdKkm}"))
        .unwrap();
    assert_eq!(
        read.path, "/uid/77505",
        "the recovery reads the sale's register"
    );
    assert_eq!(
        client.inner().state_header("Uid").as_deref(),
        Some("u-2"),
        "the next receipt carries the register's current Uid"
    );

    // The Uid did not move: the sale was not applied; it is sent again.
    client.inner().set_state_header("Uid", "u-3");
    mock.clear_requests();
    mock.respond_once("sale", server_error());
    mock.respond_once("get_uid", uid("u-3"));
    let reply = client.sale(&sale).await.unwrap();
    assert_eq!(reply.attempts, 2);
    let carried: Vec<_> = mock
        .requests()
        .into_iter()
        .filter(|r| r.operation == Some(sales))
        .map(|r| r.header("Uid").map(str::to_owned))
        .collect();
    assert_eq!(carried, [Some("u-3".into()), Some("u-3".into())]);

    // The read fails too: the outcome stays unknown, and nothing is resent.
    // (The resend above was applied: the client carries the register's new Uid.)
    mock.clear_requests();
    mock.respond_once("sale", server_error());
    for _ in 0..4 {
        mock.respond_once("get_uid", server_error());
    }
    let e = client.sale(&sale).await.unwrap_err();
    let Error::OutcomeUnknown(unknown) = &e else {
        panic!("{e:?}")
    };
    assert!(unknown.recovery_failed.is_some(), "{e}");
    assert!(!e.is_retryable());
    assert_eq!(calls(&mock, sales), 1);
}
