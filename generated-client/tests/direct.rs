//! A read whose fields all travel in its path makes its first attempt from
//! its direct path, outside the attempt loop. The server receives what the
//! general encoding writes, and a failed first attempt is the loop's first
//! attempt: retried, or logged in again, as any other.

use kassa::codec::{AuthValues, Prepared};
use kassa::mock::{Canned, MockServer};
use kassa::{Config, Operation, Secret};
use kassa_client::kassa24;
use serde_json::json;

fn config(url: &str) -> Config {
    Config::new()
        .base_url(url)
        .login(&kassa24::Authenticate {
            login: "user".into(),
            password: "pass".into(),
        })
        .header("X-Client", "till 7")
}

/// The example server, recording, and a client of it.
async fn start(config: impl FnOnce(Config) -> Config) -> (MockServer, kassa24::Client) {
    let mock = MockServer::start(&kassa24::VENDOR, kassa24::OPERATIONS)
        .await
        .unwrap();
    mock.record_requests(true);
    let client = kassa24::Client::new(config(self::config(&mock.url()))).unwrap();
    (mock, client)
}

/// The token the server issued in the last login it recorded.
fn token(mock: &MockServer) -> String {
    let login = mock
        .requests()
        .into_iter()
        .rfind(|r| r.operation == Some(kassa24::Authenticate::INFO.wire))
        .expect("a login");
    login.response.body["Data"]["Token"]
        .as_str()
        .expect("a token")
        .to_owned()
}

#[tokio::test]
async fn a_read_by_path_sends_what_the_general_encoding_writes() {
    let (mock, client) = start(|c| c).await;
    let request = kassa24::GetShift { id_shift: 11344 };
    assert!(request.direct_path().is_some());
    let reply = client.inner().send(&request).await.unwrap();
    assert_eq!(reply.attempts, 1);
    assert_eq!(reply.value, client.get_shift(&request).await.unwrap());

    let requests = mock.requests();
    let got = requests.last().unwrap();
    let auth = AuthValues {
        token: Some(Secret::new(token(&mock)).into()),
        ..AuthValues::default()
    };
    let (prepared, _) =
        Prepared::new(&kassa24::VENDOR, &kassa24::GetShift::INFO, &request).unwrap();
    let want = prepared
        .outgoing(&kassa24::VENDOR, &kassa24::GetShift::INFO, &auth)
        .unwrap();
    assert_eq!(got.method, want.method);
    assert_eq!(got.path, want.path);
    assert_eq!((got.query.len(), want.query.len()), (0, 0));
    assert!(want.body.is_none());
    let mut headers: Vec<(String, String)> = want.headers;
    headers.push(("X-Client".into(), "till 7".into()));
    let mut sent: Vec<(String, String)> = got
        .headers
        .iter()
        .filter(|(name, _)| !matches!(name.as_str(), "host" | "accept"))
        .cloned()
        .collect();
    for list in [&mut headers, &mut sent] {
        for (name, _) in list.iter_mut() {
            name.make_ascii_lowercase();
        }
        list.sort();
    }
    assert_eq!(sent, headers);
    assert!(sent.iter().any(|(name, _)| name == "authorization"));
}

#[tokio::test]
async fn a_failed_first_attempt_is_the_loops_first() {
    let (mock, client) = start(|c| c).await;
    let request = kassa24::GetShift { id_shift: 11344 };
    let wire = kassa24::GetShift::INFO.wire;
    // Logged in by the loop, then direct.
    assert_eq!(client.inner().send(&request).await.unwrap().attempts, 1);
    let before = token(&mock);

    // A server error: a read is sent again.
    mock.respond_once(
        wire,
        Canned {
            status: 503,
            body: json!({"Status": 503, "Message": "busy"}),
            headers: vec![("Retry-After".into(), "0".into())],
        },
    );
    mock.clear_requests();
    assert_eq!(client.inner().send(&request).await.unwrap().attempts, 2);
    assert_eq!(mock.requests().len(), 2);

    // An expired token: logged in again, not counted as an attempt.
    mock.expire_tokens();
    mock.clear_requests();
    assert_eq!(client.inner().send(&request).await.unwrap().attempts, 1);
    let wires: Vec<Option<&str>> = mock.requests().iter().map(|r| r.operation).collect();
    let login = kassa24::Authenticate::INFO.wire;
    assert_eq!(wires, [Some(wire), Some(login), Some(wire)]);
    assert_ne!(token(&mock), before);

    // A final error ends the call with the vendor's answer.
    mock.respond_once(
        wire,
        Canned {
            status: 404,
            body: json!({"Status": 404, "Message": "no such shift"}),
            headers: Vec::new(),
        },
    );
    let error = client.get_shift(&request).await.unwrap_err();
    assert!(error.to_string().contains("no such shift"), "{error}");
}

#[tokio::test]
async fn a_path_the_configuration_replaces_is_left_to_the_general_encoding() {
    let (mock, client) = start(|c| c.path("get_shift", "GET /v2/shifts/{IdShift}")).await;
    let request = kassa24::GetShift { id_shift: 7 };
    assert!(request.direct_path().is_some());
    // The example server does not know the path; what it received tells.
    let _ = client.get_shift(&request).await;
    let last = mock.requests().pop().map(|r| r.path);
    assert_eq!(last.as_deref(), Some("/v2/shifts/7"));
}
