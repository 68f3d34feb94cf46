//! Operations whose result is reached by polling: a receipt that stays
//! `PENDING` until the tax service answers, a shift that goes `CREATED` →
//! `OPENED`. The spec names the read to poll and the status values that mean
//! "not yet"; the client polls with a growing interval until the status
//! leaves them or the caller's deadline passes.

use std::time::{Duration, Instant};

use crate::codec::value_to_text;
use crate::{Client, Error, Operation};

/// How an operation's result is polled for (from the spec's `polling:`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Polling {
    /// The field of the polled answer holding the status (wire name).
    pub status: &'static str,
    /// Status values (as text) that mean "not yet".
    pub pending: &'static [&'static str],
    /// The first wait between two polls.
    pub interval: Duration,
    /// The longest wait between two polls; the wait doubles up to it.
    pub max_interval: Duration,
}

impl Polling {
    /// Whether `answer` is still pending.
    pub fn is_pending<T: serde::Serialize>(&self, answer: &T) -> bool {
        let value = serde_json::to_value(answer).unwrap_or_default();
        value
            .get(self.status)
            .and_then(value_to_text)
            .is_some_and(|s| self.pending.contains(&s.as_str()))
    }
}

impl Client {
    /// Sends `request` until its answer's status is no longer pending, waiting
    /// `polling.interval` (doubling up to `polling.max_interval`) between two
    /// calls. When `deadline` (from now) would pass before the next call, it
    /// returns the last answer, whose status is then still pending.
    pub async fn poll<O: Operation>(
        &self,
        request: &O,
        polling: &Polling,
        deadline: Duration,
    ) -> Result<O::Response, Error<O::Error>> {
        let started = Instant::now();
        let mut wait = polling.interval;
        loop {
            let answer = self.call(request).await?;
            if !polling.is_pending(&answer) || started.elapsed() + wait > deadline {
                return Ok(answer);
            }
            tracing::debug!(operation = O::INFO.wire, ?wait, "still pending");
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(polling.max_interval);
        }
    }
}
