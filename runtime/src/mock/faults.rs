//! Fault injection: the network and server failures a client must survive,
//! chosen per request from a seeded generator so that a run can be replayed.

use std::fmt;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

/// One kind of failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Fault {
    /// The connection breaks before the server reads the request: nothing is applied.
    DropBefore,
    /// The server applies the request, then the connection breaks before the
    /// answer arrives: the dangerous one.
    DropAfter,
    /// The server applies the request and answers after the client gave up.
    Delay,
    /// A 5xx from a gateway in front of the server: nothing is applied.
    ServerError,
    /// 429 with `Retry-After: 0`: nothing is applied.
    TooMany,
    /// The server applies the request; the answer stops halfway.
    Truncate,
    /// The connection is reset before the server reads the request.
    Reset,
}

impl Fault {
    pub const ALL: [Fault; 7] = [
        Fault::DropBefore,
        Fault::DropAfter,
        Fault::Delay,
        Fault::ServerError,
        Fault::TooMany,
        Fault::Truncate,
        Fault::Reset,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Fault::DropBefore => "drop-before",
            Fault::DropAfter => "drop-after",
            Fault::Delay => "delay",
            Fault::ServerError => "5xx",
            Fault::TooMany => "429",
            Fault::Truncate => "truncate",
            Fault::Reset => "reset",
        }
    }

    /// Parses a name as [`Fault::as_str`] writes it.
    pub fn parse(name: &str) -> Option<Fault> {
        Fault::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// Whether the server applies the request before failing.
    pub fn applies(self) -> bool {
        matches!(self, Fault::DropAfter | Fault::Delay | Fault::Truncate)
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which faults to inject, how often, and with which seed.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultPlan {
    /// Share of requests that fail, 0.0 to 1.0.
    pub rate: f64,
    /// The kinds to choose from, with equal weight.
    pub kinds: Vec<Fault>,
    /// How long [`Fault::Delay`] holds the answer (longer than the client's timeout).
    pub delay: Duration,
    pub seed: u64,
}

impl FaultPlan {
    /// Every kind, at `rate`.
    pub fn all(rate: f64, seed: u64) -> FaultPlan {
        FaultPlan {
            rate,
            kinds: Fault::ALL.to_vec(),
            delay: Duration::from_secs(2),
            seed,
        }
    }
}

/// The generator a plan draws from.
pub(super) struct Dice(crate::retry::Jitter);

impl Dice {
    pub(super) fn new(seed: u64) -> Dice {
        Dice(crate::retry::Jitter::new(seed))
    }

    fn next(&mut self) -> u64 {
        self.0.next()
    }

    /// The fault for the next request, if any.
    pub(super) fn roll(&mut self, plan: &FaultPlan) -> Option<Fault> {
        if plan.kinds.is_empty() {
            return None;
        }
        let x = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        if x >= plan.rate {
            return None;
        }
        let i = (self.next() % plan.kinds.len() as u64) as usize;
        Some(plan.kinds[i])
    }
}

/// A body that yields `head`, then breaks the connection.
fn broken_body(head: Vec<u8>) -> Body {
    let parts: Vec<Result<Vec<u8>, std::io::Error>> = vec![
        Ok(head),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "fault injected",
        )),
    ];
    Body::from_stream(futures_util::stream::iter(parts))
}

/// The answer for a fault that strikes before the request is applied.
pub(super) fn before(fault: Fault) -> Response {
    match fault {
        Fault::ServerError => {
            let mut r = Response::new(Body::from("502 Bad Gateway (fault injected)"));
            *r.status_mut() = StatusCode::BAD_GATEWAY;
            r
        }
        Fault::TooMany => {
            let mut r = Response::new(Body::from("429 Too Many Requests (fault injected)"));
            *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            r.headers_mut()
                .insert("retry-after", HeaderValue::from_static("0"));
            r
        }
        // Headers go out, then the connection breaks: to the client, a
        // failure after sending, with nothing applied.
        _ => Response::new(broken_body(Vec::new())),
    }
}

/// Spoils the answer of an applied request.
pub(super) async fn after(fault: Fault, plan: &FaultPlan, response: Response) -> Response {
    match fault {
        Fault::Delay => {
            tokio::time::sleep(plan.delay).await;
            response
        }
        Fault::Truncate => {
            let (mut parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let half = bytes[..bytes.len() / 2].to_vec();
            parts.headers.remove("content-length");
            Response::from_parts(parts, broken_body(half))
        }
        _ => Response::new(broken_body(Vec::new())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_injects_the_same_faults() {
        let plan = FaultPlan::all(0.3, 42);
        let run = |seed| {
            let mut dice = Dice::new(seed);
            (0..1000).map(|_| dice.roll(&plan)).collect::<Vec<_>>()
        };
        assert_eq!(run(42), run(42));
        assert_ne!(run(42), run(43));
        let faults = run(42).into_iter().flatten().count();
        assert!(
            (250..350).contains(&faults),
            "{faults} faults in 1000 at 30 %"
        );
        for kind in Fault::ALL {
            assert!(run(42).contains(&Some(kind)), "{kind} never drawn");
            assert_eq!(Fault::parse(kind.as_str()), Some(kind));
        }
    }
}
