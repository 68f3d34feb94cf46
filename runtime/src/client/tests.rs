use super::*;

static VENDOR: Vendor = Vendor {
    id: "t",
    name: "T",
    servers: &[],
    protocol: crate::Protocol::JsonRpc { by_position: false },
    auth: &[],
    state: &[],
    headers: &[],
    lifecycles: &[],
    counters: &[],
    revisions: &[],
};

#[test]
fn nonces_strictly_increase_across_threads() {
    let client = std::sync::Arc::new(
        Client::new(&VENDOR, Config::new().base_url("http://127.0.0.1:9")).unwrap(),
    );
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let c = client.clone();
            std::thread::spawn(move || (0..500).map(|_| c.next_nonce()).collect::<Vec<_>>())
        })
        .collect();
    let mut all: Vec<u64> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n, "a nonce was handed out twice");
    assert!(all[0] >= unix_now() - 5);
}

#[test]
fn mints_only_empty_keys() {
    static INFO: OperationInfo = OperationInfo {
        idempotency: Some(crate::Idempotency {
            field: "documentUUID",
            mint: crate::Mint::UuidV4,
            dedup: crate::Dedup::Replays,
        }),
        fiscal: true,
        ..OperationInfo::TEST
    };
    static FORM: Vendor = Vendor {
        protocol: crate::Protocol::Form {
            path: "/{operation}",
            response: crate::Envelope::BARE,
        },
        ..VENDOR
    };
    // Split into JSON text (JSON-RPC) and into form pairs (a form body).
    for vendor in [&VENDOR, &FORM] {
        let empty = serde_json::json!({"documentUUID": "", "sum": 1});
        let (prepared, key) = Prepared::new(vendor, &INFO, &empty).unwrap();
        let key = key.unwrap();
        assert_eq!(key.len(), 36);
        let auth = crate::codec::AuthValues::default();
        let sent = prepared.outgoing(vendor, &INFO, &auth).unwrap();
        let body = String::from_utf8(sent.body.unwrap().1).unwrap();
        assert!(body.contains(&key), "{body}");
        let absent = serde_json::json!({"sum": 1});
        let (_, minted) = Prepared::new(vendor, &INFO, &absent).unwrap();
        assert_eq!(minted.map(|k| k.len()), Some(36));
        let given = serde_json::json!({"documentUUID": "given"});
        let (_, key) = Prepared::new(vendor, &INFO, &given).unwrap();
        assert_eq!(key.as_deref(), Some("given"));
    }
}

/// Answers each connection on `listener` with `reply` (a whole HTTP
/// response), once per connection.
fn serve_raw(listener: std::net::TcpListener, reply: &'static str) {
    use std::io::{Read, Write};
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let _ = stream.write_all(reply.as_bytes());
        }
    });
}

/// The body as read, or "too large".
fn read_with_limit(reply: &'static str, limit: usize) -> Result<Vec<u8>, &'static str> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    serve_raw(listener, reply);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let response = reqwest::Client::new().get(&url).send().await.unwrap();
        match read_body(response, limit).await {
            Ok(bytes) => Ok(bytes.to_vec()),
            Err(Read::TooLarge) => Err("too large"),
            Err(Read::Transport(e)) => panic!("{e}"),
        }
    })
}

#[test]
fn bodies_are_read_whole_and_refused_past_the_limit() {
    const SIZED: &str =
        "HTTP/1.1 200 OK\r\ncontent-length: 10\r\nconnection: close\r\n\r\n0123456789";
    const CHUNKED: &str = "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n\
                           6\r\n012345\r\n4\r\n6789\r\n0\r\n\r\n";
    for reply in [SIZED, CHUNKED] {
        assert_eq!(
            read_with_limit(reply, 10),
            Ok(b"0123456789".to_vec()),
            "{reply}"
        );
        assert_eq!(read_with_limit(reply, 9), Err("too large"), "{reply}");
    }
}

mod direct {
    use super::*;
    use crate::codec::EncodeError;
    use crate::{Envelope, Protocol, StateHeader};
    use serde::{Deserialize, Serialize};

    #[derive(Clone, Debug, PartialEq, Eq, crate::ErrorTable)]
    #[kassa(repr = "int")]
    pub enum Refusal {
        #[kassa(other)]
        Unknown,
    }

    #[derive(Clone, Debug, Default, Serialize, Deserialize, crate::Validate, crate::Operation)]
    #[kassa(wire = "POST /login", response = Value, error = Refusal, http = "POST /login")]
    pub struct Login {
        pub user: String,
    }

    #[derive(Clone, Debug, Serialize, Deserialize, crate::Validate, crate::Operation)]
    #[kassa(wire = "GET /items/{code}", response = Value, error = Refusal, http = "GET /items/{code}")]
    pub struct GetItem {
        #[kassa(placement = "path")]
        pub code: String,
    }

    #[derive(Clone, Debug, Serialize, Deserialize, crate::Validate, crate::Operation)]
    #[kassa(wire = "GET /sales/{id}", response = Value, error = Refusal, http = "GET /sales/{id}")]
    pub struct GetSale {
        #[kassa(placement = "path")]
        pub id: u64,
    }

    const PROTOCOL: Protocol = Protocol::Rest {
        response: Envelope {
            error_from_http: true,
            ..Envelope::BARE
        },
    };

    const BEARER: &[Auth] = &[Auth::Bearer {
        logins: &["POST /login"],
        token_field: "token",
        relogin_on: &[401],
        lifetime_secs: None,
        refused: None,
    }];

    static REST: Vendor = Vendor {
        protocol: PROTOCOL,
        auth: BEARER,
        state: &[StateHeader {
            header: "Uid",
            set_by: &[],
            sent_by: &["GET /sales/{id}"],
            recover: None,
        }],
        revisions: &["1.0"],
        ..VENDOR
    };

    fn client(config: Config) -> Client {
        client_at("http://127.0.0.1:9/api/", config)
    }

    fn client_at(base: &str, config: Config) -> Client {
        logged_in(&REST, config.base_url(base).header("X-Till", "7"))
    }

    /// A client of `vendor`, logged in.
    fn logged_in(vendor: &'static Vendor, config: Config) -> Client {
        let client = Client::new(vendor, config.login(&Login::default())).unwrap();
        client
            .store_login::<Refusal>(&serde_json::json!({"token": "tok-1"}))
            .unwrap();
        client
    }

    /// The request of the general encoding's first attempt.
    fn general<O: Operation>(client: &Client, request: &O) -> reqwest::Request {
        let (prepared, _) = client.prepare(request).unwrap();
        client.request(&O::INFO, &prepared).0.unwrap()
    }

    fn direct<O: Operation>(client: &Client, request: &O) -> Option<reqwest::Request> {
        client.direct(request).map(|(request, _)| request)
    }

    #[test]
    fn an_attempt_borrows_the_credentials_and_state_it_sends() {
        let client = client(
            Config::new()
                .credentials("ann", "pw")
                .context("WareHouseID", 5)
                .path("get_item", "GET /v2/items/{code}"),
        );
        client.set_state_header("Uid", "u-1");
        let state = client.state.lock().unwrap();
        let auth = client.auth_from(&state, &GetItem::INFO);
        assert!(matches!(auth.username, Some(Cow::Borrowed("ann"))));
        assert!(matches!(&auth.password, Some(Cow::Borrowed(p)) if p.expose() == "pw"));
        assert!(matches!(&auth.token, Some(Cow::Borrowed(t)) if t.expose() == "tok-1"));
        assert!(matches!(&auth.context, Cow::Borrowed([(name, _)]) if name == "WareHouseID"));
        assert!(matches!(&auth.state, Cow::Borrowed([(h, v)]) if h == "Uid" && v == "u-1"));
        assert!(matches!(
            auth.route,
            Some((crate::Method::Get, Cow::Borrowed("/v2/items/{code}")))
        ));
        drop(auth);
        drop(state);
        // Written under the lock from what it lent: the request carries them.
        let sale = general(&client, &GetSale { id: 3 });
        assert_eq!(sale.headers()["uid"], "u-1");
        assert_eq!(sale.headers()["authorization"], "Bearer tok-1");
    }

    #[test]
    fn the_direct_request_is_the_general_one() {
        let client = client(Config::new());
        let request = GetItem {
            code: "a b/ü".into(),
        };
        let (a, b) = (
            direct(&client, &request).unwrap(),
            general(&client, &request),
        );
        assert_eq!(
            a.url().as_str(),
            "http://127.0.0.1:9/api/items/a+b%2F%C3%BC"
        );
        assert_eq!((a.method(), a.url()), (b.method(), b.url()));
        assert_eq!(a.headers(), b.headers());
        assert_eq!(a.headers()["authorization"], "Bearer tok-1");
        assert_eq!(a.headers()["x-till"], "7");
        assert!(a.body().is_none() && b.body().is_none());
        // A base URL without a path.
        let client = client_at("http://127.0.0.1:9", Config::new());
        let (a, b) = (
            direct(&client, &request).unwrap(),
            general(&client, &request),
        );
        assert_eq!(a.url(), b.url());
        assert_eq!(a.url().path(), "/items/a+b%2F%C3%BC");
    }

    #[test]
    fn the_general_encoding_writes_what_the_direct_path_does_not_cover() {
        let item = GetItem { code: "A".into() };
        // A path of the configuration, a revision to check against.
        let paths = client(Config::new().path("get_item", "GET /v2/items/{code}"));
        assert!(direct(&paths, &item).is_none());
        assert_eq!(general(&paths, &item).url().path(), "/api/v2/items/A");
        let revision = Config::new().api_version("1.0");
        assert!(direct(&client(revision), &item).is_none());
        // A base URL with a query keeps it.
        let query = client_at("http://127.0.0.1:9/api?key=1", Config::new());
        let (a, b) = (direct(&query, &item).unwrap(), general(&query, &item));
        assert_eq!(a.url(), b.url());
        assert_eq!(a.url().as_str(), "http://127.0.0.1:9/api/items/A?key=1");
        // Not logged in: the loop logs in first.
        let client = client(Config::new());
        client.state.lock().unwrap().token = None;
        assert!(direct(&client, &item).is_none());
        // A state header to send; a login.
        let client = self::client(Config::new());
        assert!(direct(&client, &GetSale { id: 5 }).is_none());
        assert!(direct(&client, &Login::default()).is_none());
        // A state header to keep from the answer, or to recover from it.
        static SETS: Vendor = Vendor {
            state: &[StateHeader {
                header: "Uid",
                set_by: &["GET /sales/{id}"],
                sent_by: &[],
                recover: None,
            }],
            protocol: PROTOCOL,
            auth: BEARER,
            ..VENDOR
        };
        static RECOVERS: Vendor = Vendor {
            state: &[StateHeader {
                header: "Uid",
                set_by: &[],
                sent_by: &[],
                recover: Some(("GET /sales/{id}", "uid")),
            }],
            protocol: PROTOCOL,
            auth: BEARER,
            ..VENDOR
        };
        for vendor in [&SETS, &RECOVERS] {
            let client = logged_in(vendor, Config::new().base_url("http://127.0.0.1:9/api/"));
            assert!(direct(&client, &GetSale { id: 5 }).is_none());
            assert!(direct(&client, &item).is_some());
        }
        // Credentials in the URL: the builder makes them a basic-auth header.
        let basic = client_at("http://till:pw@127.0.0.1:9/api/", Config::new());
        assert!(direct(&basic, &item).is_none());
        let sent = general(&basic, &item);
        assert_eq!(sent.headers()["authorization"], "Basic dGlsbDpwdw==");
        assert_eq!(sent.url().as_str(), "http://127.0.0.1:9/api/items/A");
    }

    #[derive(Clone, Debug, Serialize, Deserialize, crate::Validate, crate::Operation)]
    #[kassa(wire = "GET /till", response = Value, error = Refusal, http = "GET /till")]
    pub struct GetTill {
        #[kassa(placement = "header")]
        #[serde(rename = "X-Cashier")]
        pub cashier: String,
    }

    #[test]
    fn a_header_value_http_cannot_carry_is_an_invalid_request() {
        let client = client(Config::new());
        let request = GetTill {
            cashier: "Ann\r\nX-Admin: 1".into(),
        };
        let (prepared, _) = client.prepare(&request).unwrap();
        let err = client.request(&GetTill::INFO, &prepared).0.unwrap_err();
        assert!(
            matches!(&err, EncodeError::Invalid(e) if e.reason.contains("HTTP request")),
            "{err}"
        );
        let fine = GetTill {
            cashier: "Ann".into(),
        };
        assert_eq!(general(&client, &fine).headers()["x-cashier"], "Ann");
    }

    #[test]
    fn a_token_no_header_can_carry_is_refused_at_login() {
        let client = Client::new(
            &REST,
            Config::new()
                .base_url("http://127.0.0.1:9")
                .login(&Login::default()),
        )
        .unwrap();
        let err = client
            .store_login::<Refusal>(&serde_json::json!({"token": "tok\r\nX-Admin: 1"}))
            .unwrap_err();
        let Error::Decode(e) = err else {
            panic!("{err}")
        };
        assert_eq!(e.path, "token");
        assert!(e.reason.contains("HTTP header"), "{}", e.reason);
        assert!(!e.reason.contains("X-Admin"), "the token is a secret");
        assert!(!client.logged_in());
        // The next token that fits is taken, and sent.
        client
            .store_login::<Refusal>(&serde_json::json!({"token": "tok-2"}))
            .unwrap();
        let sent = direct(&client, &GetItem { code: "A".into() }).unwrap();
        assert_eq!(sent.headers()["authorization"], "Bearer tok-2");
    }

    #[test]
    fn configured_headers_are_checked_once_and_secret_ones_kept_sensitive() {
        static KEYED: Vendor = Vendor {
            headers: &[crate::ConfigHeader {
                name: "X-Licence",
                secret: true,
                optional: true,
                refused: None,
            }],
            protocol: PROTOCOL,
            ..REST
        };
        let with = |name: &str, value: &str| {
            Config::new()
                .base_url("http://127.0.0.1:9")
                .login(&Login::default())
                .header(name, value)
        };
        let err = Client::new(&KEYED, with("X-Licence", "k1\nk2"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("Config::header(\"X-Licence\""), "{err}");
        assert!(!err.contains("k1"), "the value is a secret: {err}");
        let err = Client::new(&KEYED, with("X Licence", "k1"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("name cannot"), "{err}");
        let good = with("X-Licence", "k1").header("X-Till", "7");
        let client = Client::new(&KEYED, good).unwrap();
        client
            .store_login::<Refusal>(&serde_json::json!({"token": "tok-1"}))
            .unwrap();
        let item = GetItem { code: "A".into() };
        for sent in [direct(&client, &item).unwrap(), general(&client, &item)] {
            assert!(sent.headers()["x-licence"].is_sensitive());
            assert!(!sent.headers()["x-till"].is_sensitive());
            assert!(sent.headers()["authorization"].is_sensitive());
        }
    }
}
