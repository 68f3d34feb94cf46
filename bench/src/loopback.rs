//! Measure 3: sequential Kassa24 `get_shift` calls through the generated
//! client against raw reqwest + serde_json, both talking to the same tiny
//! server on 127.0.0.1 that answers fixed bodies.

use std::net::SocketAddr;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::routing::{get, post};
use kassa::Config;
use kassa_client::kassa24;

use crate::anchors::kassa24::{Envelope, Shift, ShiftRead, Token};
use crate::client_path::client_path_decode;
use crate::examples;
use crate::harness::{Report, Row, median, sides};

const TOKEN_BODY: &str = r#"{"Status": 200, "Message": "OK", "Data": {"Token": "bench-token"}}"#;
const SHIFT_ID: i64 = 11344;
/// Calls per block; blocks alternate between the two clients.
const BLOCK: usize = 100;

pub fn run(filter: &str, out: &mut Report) {
    let calls: usize = std::env::var("KASSA_BENCH_CALLS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000);
    run_calls(filter, calls, out);
}

/// The measures matching `filter`, `calls` calls of each client each.
fn run_calls(filter: &str, calls: usize, out: &mut Report) {
    let name = "loopback/kassa24 get_shift";
    let share = "wire/kassa24 get_shift, same thread: raw HTTP with kassa's decode";
    let same_work = "read/kassa24 get_shift, same thread: against raw reading what kassa reads";
    let itself = "floor/raw get_shift against itself, same thread: the measure's own bias";
    let ceiling = "types/kassa24 get_shift, same thread: raw HTTP decoding into kassa's \
                   types with serde_json alone";
    let (loopback, wire, read, floor, types) = (
        name.contains(filter),
        share.contains(filter),
        same_work.contains(filter),
        itself.contains(filter),
        ceiling.contains(filter),
    );
    if !loopback && !wire && !read && !floor && !types {
        return;
    }
    let shift = examples::response("kassa24", "get_shift").body;
    if loopback {
        // The server on a thread of its own: each call wakes the other
        // core, whose latency (large in a VM with an idle core) is part of
        // the figure.
        let addr = serve_on_thread(app(shift.clone()));
        let row = runtime().block_on(measure(
            &format!("http://{addr}"),
            calls,
            Contender::Client,
            Decode::Serde,
        ));
        out.push(Row {
            name: format!("{name}, server thread, {} calls each", row.0),
            ..row.1
        });
    }
    // Server and client on one thread: client CPU cost plus the same
    // server cost, without cross-core wake-ups; steadier on a busy machine.
    let same_thread = |contender, anchor| {
        let shift = shift.clone();
        runtime().block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a local port");
            let addr = listener.local_addr().expect("an address");
            tokio::spawn(async move { axum::serve(listener, app(shift)).await });
            measure(&format!("http://{addr}"), calls, contender, anchor).await
        })
    };
    if loopback {
        let row = same_thread(Contender::Client, Decode::Serde);
        out.push(Row {
            name: format!("{name}, same thread, {} calls each", row.0),
            ..row.1
        });
    }
    if read {
        // The generated client against a raw client that reads as much:
        // the gap left is kassa's machinery, not the work it does more.
        let row = same_thread(Contender::Client, Decode::SerdeRead);
        out.push(Row {
            name: format!("{same_work}, {} calls each", row.0),
            ..row.1
        });
    }
    if wire {
        // The raw client's exchange with kassa's decode in place of
        // serde_json's: the decode's share of the client's gap.
        let row = same_thread(Contender::KassaDecode, Decode::Serde);
        out.push(Row {
            name: format!("{share}, {} calls each", row.0),
            ..row.1
        });
    }
    if types {
        // A raw client decoding into the generated types with plain
        // serde_json: what reading kassa's types (dates parsed, objects
        // kept) costs against the anchor, with no kassa runtime at all;
        // the best ratio any client of these types could reach.
        let row = same_thread(Contender::Types, Decode::Serde);
        out.push(Row {
            name: format!("{ceiling}, {} calls each", row.0),
            ..row.1
        });
    }
    if floor {
        // Two raw clients alike: the ratio a perfectly even contender
        // gets, against which the loopback's ratios are read.
        let row = same_thread(Contender::Raw, Decode::Serde);
        out.push(Row {
            name: format!("{itself}, {} calls each", row.0),
            ..row.1
        });
    }
}

/// What runs against the raw client.
#[derive(Clone, Copy)]
enum Contender {
    /// The generated client.
    Client,
    /// The raw client's exchange, decoded the way the generated client
    /// decodes (`codec::decode_response_as`).
    KassaDecode,
    /// A second raw client, decoding into the generated types with
    /// serde_json alone.
    Types,
    /// A second raw client, reading as the first.
    Raw,
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// `contender` and the raw client (reading bodies as `anchor` says)
/// against the server at `url`, in alternating blocks; returns the calls
/// made by each and the row.
async fn measure(url: &str, calls: usize, contender: Contender, anchor: Decode) -> (usize, Row) {
    let kassa = kassa24::Client::new(Config::new().base_url(url).login(&kassa24::Authenticate {
        login: "user".into(),
        password: "pass".into(),
    }))
    .expect("a Kassa24 client");
    let raw = Raw::login(url).await;
    // The second raw client of `Contender::Raw` (its own connection).
    let twin = Raw::login(url).await;
    // With `KASSA_BENCH_SIDE`, one side runs alone, so that a profile of
    // the whole process (server included) covers it alone.
    let (run_kassa, run_raw) = sides();
    let block = async |contender: Option<Contender>| match contender {
        Some(Contender::Client) => kassa_block(&kassa, BLOCK).await,
        Some(Contender::KassaDecode) => raw.block(BLOCK, Decode::Kassa).await,
        Some(Contender::Types) => twin.block(BLOCK, Decode::Types).await,
        Some(Contender::Raw) => twin.block(BLOCK, anchor).await,
        None => f64::NAN,
    };
    let (kassa_side, raw_side) = (run_kassa.then_some(contender), run_raw);
    // Warm up both (connections, login, allocator).
    block(kassa_side).await;
    raw.block_if(raw_side, anchor).await;
    let rounds = calls.div_ceil(BLOCK);
    let (mut ks, mut rs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (k, r) = if round % 2 == 0 {
            let k = block(kassa_side).await;
            (k, raw.block_if(raw_side, anchor).await)
        } else {
            let r = raw.block_if(raw_side, anchor).await;
            (block(kassa_side).await, r)
        };
        ks.push(k);
        rs.push(r);
        ratios.push(k / r);
    }
    let row = Row {
        name: String::new(),
        unit: "calls/s",
        kassa: median(&mut ks),
        anchor: Some(median(&mut rs)),
        ratio: (run_kassa && run_raw).then(|| median(&mut ratios)),
        rounds,
    };
    (rounds * BLOCK, row)
}

/// A block of calls, boxed: its code stays a function of its own whoever
/// awaits it, so that a profile can single it out by name (one allocation
/// per block of calls).
type Block<'a> = std::pin::Pin<Box<dyn Future<Output = f64> + 'a>>;

/// Calls per second over `n` sequential calls of the generated client.
fn kassa_block(client: &kassa24::Client, n: usize) -> Block<'_> {
    Box::pin(async move {
        let request = kassa24::GetShift { id_shift: SHIFT_ID };
        let start = Instant::now();
        for _ in 0..n {
            let shift = client.get_shift(&request).await.expect("get_shift answers");
            std::hint::black_box(shift);
        }
        n as f64 / start.elapsed().as_secs_f64()
    })
}

/// What a developer writes without a generator: reqwest, a bearer header
/// and a hand-written struct (the same timeouts as kassa's defaults).
struct Raw {
    http: reqwest::Client,
    shift_url: String,
    bearer: String,
}

impl Raw {
    async fn login(base: &str) -> Raw {
        let http = reqwest::Client::builder()
            .connect_timeout(Config::DEFAULT_CONNECT_TIMEOUT)
            .timeout(Config::DEFAULT_TIMEOUT)
            .build()
            .expect("a reqwest client");
        let bytes = http
            .post(format!("{base}/auth"))
            .header(CONTENT_TYPE, "application/json")
            .body(r#"{"login":"user","password":"pass"}"#)
            .send()
            .await
            .expect("the server answers")
            .bytes()
            .await
            .expect("a body");
        let token: Envelope<Token> = serde_json::from_slice(&bytes).expect("a token");
        Raw {
            http,
            shift_url: format!("{base}/shifts/{SHIFT_ID}"),
            bearer: format!("Bearer {}", token.data.token),
        }
    }

    /// [`Raw::block`] of `BLOCK` calls when `run`, else `NaN`.
    async fn block_if(&self, run: bool, decode: Decode) -> f64 {
        match run {
            true => self.block(BLOCK, decode).await,
            false => f64::NAN,
        }
    }

    /// Calls per second over `n` sequential calls, decoded by `decode`.
    fn block(&self, n: usize, decode: Decode) -> Block<'_> {
        Box::pin(async move {
            let start = Instant::now();
            for _ in 0..n {
                let response = self
                    .http
                    .get(&self.shift_url)
                    .header("Authorization", &self.bearer)
                    .send()
                    .await
                    .expect("the server answers");
                let status = response.status();
                assert!(status.is_success());
                let bytes = response.bytes().await.expect("a body");
                match decode {
                    Decode::Serde => {
                        let shift: Envelope<Shift> =
                            serde_json::from_slice(&bytes).expect("a shift");
                        assert_eq!(shift.status, 200);
                        std::hint::black_box(shift);
                    }
                    Decode::SerdeRead => {
                        let shift: Envelope<ShiftRead> =
                            serde_json::from_slice(&bytes).expect("a shift");
                        assert_eq!(shift.status, 200);
                        std::hint::black_box(shift);
                    }
                    Decode::Types => {
                        let shift: Envelope<kassa24::GetShiftResponse> =
                            serde_json::from_slice(&bytes).expect("a shift");
                        assert_eq!(shift.status, 200);
                        std::hint::black_box(shift);
                    }
                    Decode::Kassa => {
                        let shift = client_path_decode::<kassa24::GetShift>(
                            &kassa24::VENDOR,
                            status.as_u16(),
                            &bytes,
                        )
                        .expect("a shift");
                        std::hint::black_box(shift);
                    }
                }
            }
            n as f64 / start.elapsed().as_secs_f64()
        })
    }
}

/// How the raw client reads a body.
#[derive(Clone, Copy)]
enum Decode {
    /// `serde_json::from_slice` into the hand-written struct.
    Serde,
    /// The same into a hand-written struct that reads what the generated
    /// type reads (dates parsed, objects kept as JSON).
    SerdeRead,
    /// `serde_json::from_slice` into the generated type, without kassa's
    /// runtime.
    Types,
    /// The generated client's decode into the generated type.
    Kassa,
}

/// The tiny server: a fixed token and a fixed shift.
fn app(shift_body: Vec<u8>) -> Router {
    let shift = Bytes::from(shift_body);
    Router::new()
        .route(
            "/auth",
            post(|| async { ([(CONTENT_TYPE, "application/json")], TOKEN_BODY) }),
        )
        .route(
            "/shifts/{id}",
            get(move || {
                let body = shift.clone();
                async move { ([(CONTENT_TYPE, "application/json")], body) }
            }),
        )
}

/// Starts `app` on its own thread and runtime; returns its address.
fn serve_on_thread(app: Router) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        runtime().block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a local port");
            tx.send(listener.local_addr().expect("an address"))
                .expect("the bench waits for the address");
            axum::serve(listener, app).await.expect("the server runs");
        });
    });
    rx.recv().expect("the server starts")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every loopback measure runs end to end (a block of calls each) and
    /// gives both sides' rates and their ratio; no time is asserted.
    #[test]
    fn every_loopback_measure_runs() {
        let mut report = Report::default();
        run_calls("", BLOCK, &mut report);
        let names: Vec<_> = report.rows.iter().map(|r| &r.name[..5]).collect();
        assert_eq!(
            names,
            ["loopb", "loopb", "read/", "wire/", "types", "floor"]
        );
        for row in &report.rows {
            let anchor = row.anchor.expect("an anchor rate");
            assert!(row.kassa > 0.0 && anchor > 0.0, "{}", row.name);
            assert!(row.ratio.is_some_and(f64::is_finite), "{}", row.name);
        }
    }

    /// The documented `get_shift` answer fits both raw structs, and the
    /// one that reads what kassa reads reads the same dates and objects.
    #[test]
    fn the_raw_clients_read_the_shift_kassa_reads() {
        let body = examples::response("kassa24", "get_shift").body;
        let kassa = client_path_decode::<kassa24::GetShift>(&kassa24::VENDOR, 200, &body)
            .expect("kassa reads the shift");
        let plain: Envelope<Shift> = serde_json::from_slice(&body).expect("the plain struct");
        let read: Envelope<ShiftRead> = serde_json::from_slice(&body).expect("the reading struct");
        assert_eq!(plain.data.id, kassa.id);
        assert_eq!(read.data.id, kassa.id);
        assert_eq!(read.data.date_open, kassa.date_open.0);
        assert_eq!(read.data.date_close, kassa.date_close.0);
        // Plain serde_json reads the generated type as kassa's decode does.
        let types: Envelope<kassa24::GetShiftResponse> =
            serde_json::from_slice(&body).expect("serde_json alone reads the generated type");
        assert_eq!(types.data, kassa);
        assert_eq!(read.data.kkm, kassa.kkm);
        assert_eq!(read.data.company, kassa.company);
    }
}
