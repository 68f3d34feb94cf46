//! The example server against a small JSON-RPC vendor.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::*;
use crate::{Client, Config, Error, Operation as _, Validate as _};

#[derive(Clone, Debug, PartialEq, Eq, crate::ErrorTable)]
#[kassa(repr = "int")]
enum RpcError {
    #[kassa(code = -32000, message = "Unknown employee", category = "not_found")]
    UnknownEmployee,
    #[kassa(other)]
    Unknown,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, crate::Validate)]
struct EchoResponse {
    said: String,
}

#[derive(
    Clone, Debug, Default, PartialEq, Serialize, Deserialize, crate::Validate, crate::Operation,
)]
#[kassa(name = "echo", wire = "echo", response = EchoResponse, error = RpcError)]
struct Echo {
    text: String,
}

static VENDOR: Vendor = Vendor {
    id: "rpc",
    name: "RPC",
    servers: &[],
    protocol: Protocol::JsonRpc { by_position: false },
    auth: &[],
    state: &[],
    headers: &[],
    lifecycles: &[],
    counters: &[],
    revisions: &[],
};

static OPS: &[OperationEntry] = &[OperationEntry::of::<Echo>()];

#[tokio::test]
async fn json_rpc_round_trip() {
    let mock = MockServer::start(&VENDOR, OPS).await.unwrap();
    let client = Client::new(&VENDOR, Config::new().base_url(mock.url())).unwrap();
    let request = Echo { text: "hi".into() };
    assert!(request.validate().is_ok());

    // No example: the sample (the response type's default).
    let got = client.call(&request).await.unwrap();
    assert_eq!(got, EchoResponse::default());

    // Examples: the matching one, else the first.
    mock.example(
        "echo",
        Some(json!({"jsonrpc": "2.0", "method": "echo", "params": {"text": "hi"}, "id": 1})),
        Canned::ok(json!({"jsonrpc": "2.0", "result": {"said": "hi"}, "id": 1})),
    );
    mock.example(
        "echo",
        Some(json!({"jsonrpc": "2.0", "method": "echo", "params": {"text": "yo"}, "id": 1})),
        Canned::ok(json!({"jsonrpc": "2.0", "result": {"said": "yo"}, "id": 1})),
    );
    let got = client.call(&Echo { text: "yo".into() }).await.unwrap();
    assert_eq!(got.said, "yo");
    let got = client
        .call(&Echo {
            text: "other".into(),
        })
        .await
        .unwrap();
    assert_eq!(got.said, "hi");

    // A queued failure, once.
    let (status, body) = codec::encode_failure(
        &VENDOR,
        &Echo::INFO,
        &Code::Int(-32000),
        "no such employee",
        None,
    );
    mock.respond_once(
        "echo",
        Canned {
            status,
            body,
            headers: vec![],
        },
    );
    match client.call(&request).await {
        Err(Error::Vendor(e)) => assert_eq!(e.kind, RpcError::UnknownEmployee),
        other => panic!("expected a vendor error, got {other:?}"),
    }
    assert_eq!(client.call(&request).await.unwrap().said, "hi");

    let requests = mock.requests();
    assert_eq!(requests.len(), 5);
    assert!(requests.iter().all(|r| r.operation == Some("echo")));
    assert_eq!(requests[1].params, Some(json!({"text": "yo"})));
    // The served id follows the request's.
    assert_eq!(requests[1].response.body["id"], requests[1].body_id());

    // An unknown method: JSON-RPC's "method not found" with the reason and
    // the request's id, and recorded.
    let http = reqwest::Client::new();
    let res = http
        .post(mock.url())
        .header("content-type", "application/json")
        .body(r#"{"jsonrpc": "2.0", "method": "nope", "id": 9}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let answer: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(answer["error"]["code"], -32601);
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nope")
    );
    assert_eq!(answer["id"], 9);
    let last = mock.requests().pop().unwrap();
    assert_eq!(last.operation, None);
    assert_eq!(last.response.body["error"]["code"], -32601);
    // A body that is no request at all: "invalid request".
    let res = http
        .post(mock.url())
        .header("content-type", "application/json")
        .body("[1, 2]")
        .send()
        .await
        .unwrap();
    let answer: Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
}

impl Recorded {
    fn body_id(&self) -> Value {
        match &self.body {
            WireBody::Json(v) => v["id"].clone(),
            _ => Value::Null,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, crate::Validate)]
struct LoginResponse {
    token: String,
}

#[derive(
    Clone, Debug, Default, PartialEq, Serialize, Deserialize, crate::Validate, crate::Operation,
)]
#[kassa(name = "login", wire = "login", response = LoginResponse, error = RpcError)]
struct Login {}

static TIMED: Vendor = Vendor {
    id: "timed",
    name: "Timed",
    servers: &[],
    protocol: Protocol::JsonRpc { by_position: false },
    auth: &[Auth::Bearer {
        logins: &["login"],
        token_field: "token",
        relogin_on: &[],
        lifetime_secs: Some(60),
        refused: Some(crate::Answer {
            code: Code::Int(-32001),
            message: "Token expired",
        }),
    }],
    state: &[],
    headers: &[],
    lifecycles: &[],
    counters: &[],
    revisions: &[],
};

static TIMED_OPS: &[OperationEntry] =
    &[OperationEntry::of::<Login>(), OperationEntry::of::<Echo>()];

/// A body too large to decode on an async worker is decoded on a blocking
/// thread, into the same slot, with the same answer and the same errors.
#[tokio::test]
async fn a_large_body_is_decoded_off_the_async_worker() {
    let mock = MockServer::start(&VENDOR, OPS).await.unwrap();
    let client = Client::new(&VENDOR, Config::new().base_url(mock.url())).unwrap();
    let said = "x".repeat(300 * 1024);
    mock.example(
        "echo",
        None,
        Canned::ok(json!({"jsonrpc": "2.0", "result": {"said": said}, "id": 1})),
    );
    let got = client.call(&Echo { text: "hi".into() }).await.unwrap();
    assert_eq!(got.said.len(), said.len());
    let reply = client.send(&Echo { text: "hi".into() }).await.unwrap();
    assert_eq!((reply.value.said.len(), reply.attempts), (said.len(), 1));

    // A payload of the wrong shape fails there as it does inline (`echo`
    // may have been applied: the outcome is unknown).
    mock.respond_once(
        "echo",
        Canned::ok(json!({"jsonrpc": "2.0", "result": {"said": [said]}, "id": 1})),
    );
    match client.call(&Echo { text: "hi".into() }).await {
        Err(Error::OutcomeUnknown(e)) => match *e.cause {
            Error::Decode(e) => assert_eq!(e.path, "result.said", "{e:?}"),
            other => panic!("expected a decode error, got {other:?}"),
        },
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
}

#[tokio::test]
async fn a_token_lives_as_long_as_the_spec_says_on_the_simulators_clock() {
    let mock = MockServer::start(&TIMED, TIMED_OPS).await.unwrap();
    let client = Client::new(&TIMED, Config::new().base_url(mock.url()).login(&Login {})).unwrap();
    let request = Echo { text: "hi".into() };
    client.call(&request).await.unwrap();
    mock.advance(std::time::Duration::from_secs(59));
    client.call(&request).await.unwrap();
    mock.advance(std::time::Duration::from_secs(2));
    match client.call(&request).await {
        Err(Error::Vendor(e)) => {
            assert_eq!(e.raw_code, Some(Code::Int(-32001)));
            assert_eq!(e.message.as_deref(), Some("Token expired"));
        }
        other => panic!("expected the declared refusal, got {other:?}"),
    }
    let logins = mock
        .requests()
        .iter()
        .filter(|r| r.operation == Some("login"))
        .count();
    assert_eq!(logins, 1, "no relogin_on: the refusal reaches the caller");
}

static LICENSED: Vendor = Vendor {
    id: "licensed",
    name: "Licensed",
    servers: &[],
    protocol: Protocol::JsonRpc { by_position: false },
    auth: &[],
    state: &[],
    headers: &[
        crate::ConfigHeader {
            name: "X-License-Key",
            secret: true,
            optional: false,
            refused: Some(crate::Answer {
                code: Code::Int(-32003),
                message: "Licence key missing",
            }),
        },
        crate::ConfigHeader {
            name: "X-Client-Name",
            secret: false,
            optional: true,
            refused: None,
        },
    ],
    lifecycles: &[],
    counters: &[],
    revisions: &[],
};

#[tokio::test]
async fn configured_headers_are_required_sent_refused_and_kept_secret() {
    let mock = MockServer::start(&LICENSED, OPS).await.unwrap();
    let e = Client::new(&LICENSED, Config::new().base_url(mock.url())).unwrap_err();
    assert!(
        e.to_string()
            .contains("set Config::header(\"X-License-Key\", ..)"),
        "{e}"
    );
    let key = "lic-7f3a9";
    let client = Client::new(
        &LICENSED,
        Config::new()
            .base_url(mock.url())
            .header("x-license-key", key)
            .header("X-Client-Name", "kassa-test"),
    )
    .unwrap();
    client.call(&Echo { text: "hi".into() }).await.unwrap();
    let sent = mock.requests().pop().unwrap();
    assert_eq!(sent.header("X-License-Key"), Some(key));
    assert_eq!(sent.header("X-Client-Name"), Some("kassa-test"));

    // A server that echoes the key in an error: never printed.
    mock.respond_once(
        "echo",
        Canned {
            status: 200,
            body: json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32000, "message": format!("bad key {key}")}}),
            headers: vec![],
        },
    );
    let e = client.call(&Echo { text: "hi".into() }).await.unwrap_err();
    assert!(!format!("{e} {e:?}").contains(key), "{e:?}");

    // Without the header, the example server answers as the spec says.
    let answer = reqwest::Client::new()
        .post(mock.url())
        .header("content-type", "application/json")
        .body(r#"{"jsonrpc": "2.0", "method": "echo", "params": {"text": "x"}, "id": 3}"#)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        answer.contains("Licence key missing") && answer.contains("-32003"),
        "{answer}"
    );
}

#[derive(
    Clone, Debug, Default, PartialEq, Serialize, Deserialize, crate::Validate, crate::Operation,
)]
#[kassa(name = "echo", wire = "echo", response = EchoResponse, error = RpcError, servers = ["main"])]
struct MainOnly {
    text: String,
}

static REGIONS: Vendor = Vendor {
    id: "regions",
    name: "Regions",
    servers: &[
        crate::Server {
            name: "main",
            url: "http://127.0.0.1:9",
            variables: &[],
        },
        crate::Server {
            name: "south",
            url: "http://127.0.0.1:9",
            variables: &[],
        },
    ],
    protocol: Protocol::JsonRpc { by_position: false },
    auth: &[],
    state: &[],
    headers: &[],
    lifecycles: &[],
    counters: &[],
    revisions: &[],
};

/// An operation the configured server does not offer is refused before
/// anything is sent; with an explicit base URL the client cannot tell.
#[tokio::test]
async fn an_operation_absent_from_the_server_is_refused_before_sending() {
    assert_eq!(MainOnly::INFO.servers, &["main"]);
    let south = Client::new(&REGIONS, Config::new().server("south")).unwrap();
    let e = south.call(&MainOnly::default()).await.unwrap_err();
    assert!(
        e.to_string()
            .contains("`echo` is not offered on the server `south` of Regions; it is on: main"),
        "{e}"
    );
    let mock = MockServer::start(&REGIONS, OPS).await.unwrap();
    let local = Client::new(&REGIONS, Config::new().base_url(mock.url())).unwrap();
    local.call(&MainOnly::default()).await.unwrap();
    assert_eq!(mock.requests().len(), 1);
}

/// A fiscal operation whose receipt comes back as plain text.
#[derive(
    Clone, Debug, Default, PartialEq, Serialize, Deserialize, crate::Validate, crate::Operation,
)]
#[kassa(
    name = "print",
    wire = "print",
    response = String,
    error = RpcError,
    reply = "text",
    fiscal
)]
struct Print {
    text: String,
}

#[tokio::test]
async fn a_text_reply_is_applied_and_sent_as_text() {
    static PRINT_OPS: &[OperationEntry] = &[OperationEntry::of::<Print>()];
    let mock = MockServer::start(&VENDOR, PRINT_OPS).await.unwrap();
    mock.respond_once("print", Canned::ok(json!("RECEIPT 1\nTOTAL 5.00")));
    let client = Client::new(&VENDOR, Config::new().base_url(mock.url())).unwrap();
    let receipt = client.call(&Print { text: "a".into() }).await.unwrap();
    assert_eq!(receipt, "RECEIPT 1\nTOTAL 5.00");
    // The simulator applied what it answered: the document is on its books.
    let documents = mock.documents();
    assert_eq!(documents.len(), 1, "{documents:?}");
    assert_eq!(documents[0].operation, "print");
    // A canned content type is the one sent.
    mock.respond_once(
        "print",
        Canned {
            headers: vec![("Content-Type".into(), "text/x-receipt".into())],
            ..Canned::ok(json!("RECEIPT 2"))
        },
    );
    let http = reqwest::Client::new();
    let answer = http
        .post(mock.url())
        .header("content-type", "application/json")
        .body(r#"{"jsonrpc": "2.0", "method": "print", "params": {"text": "b"}, "id": 2}"#)
        .send()
        .await
        .unwrap();
    let types: Vec<_> = answer.headers().get_all("content-type").iter().collect();
    assert_eq!(types, ["text/x-receipt"]);
    assert_eq!(answer.text().await.unwrap(), "RECEIPT 2");
    assert_eq!(mock.documents().len(), 2);
}
