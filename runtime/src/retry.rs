//! When and how often a client sends a request again.

use std::time::Duration;

/// How a client retries a call that failed in a way a retry may cure.
///
/// The client only ever resends what is safe to resend: requests that were
/// not delivered, refusals the vendor's error table calls transient,
/// expired logins (after one login), and, where the outcome is unknown,
/// reads and operations whose key the vendor deduplicates by. A fiscal
/// operation without such a key is never resent: its unknown outcome is
/// returned as [`Error::OutcomeUnknown`](crate::Error::OutcomeUnknown).
///
/// Delays grow exponentially from `base_delay` to at most `max_delay`, with
/// full jitter (a random delay between zero and the bound, so many clients
/// that failed together do not retry together); a `Retry-After` answer is
/// honoured when it fits the deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) attempts: u32,
    pub(crate) base_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) deadline: Duration,
    pub(crate) seed: Option<u64>,
}

impl Default for RetryPolicy {
    /// Four attempts, delays from 200 ms up to 5 s, two minutes in all.
    ///
    /// Conservative for cash registers: a device that is printing or
    /// rebooting recovers within seconds, and a sale should not wait in
    /// retries for longer than a cashier would (the two minutes include the
    /// attempts themselves, each bounded by [`Config::timeout`](crate::Config::timeout)).
    fn default() -> Self {
        RetryPolicy {
            attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            deadline: Duration::from_secs(120),
            seed: None,
        }
    }
}

impl RetryPolicy {
    /// One attempt, no retries (an expired login is still renewed once).
    pub fn none() -> Self {
        RetryPolicy {
            attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Attempts in all, the first included (at least 1).
    pub fn attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts.max(1);
        self
    }

    /// The bound of the first retry's delay; it doubles with each retry.
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// No retry starts later than this after the call began.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// Seeds the jitter, for reproducible schedules in tests.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// The delay before retry number `retry` (1 for the first retry).
    pub(crate) fn delay(
        &self,
        retry: u32,
        jitter: &mut Jitter,
        retry_after: Option<Duration>,
    ) -> Duration {
        let bound = self
            .base_delay
            .saturating_mul(
                1u32.checked_shl(retry.saturating_sub(1))
                    .unwrap_or(u32::MAX),
            )
            .min(self.max_delay);
        let jittered = jitter.below(bound);
        retry_after.map_or(jittered, |after| after.max(jittered))
    }

    pub(crate) fn jitter(&self) -> Jitter {
        // Unseeded: std's per-process random keys, without a system call.
        Jitter::new(self.seed.unwrap_or_else(|| {
            use std::hash::{BuildHasher, Hasher};
            std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish()
        }))
    }
}

/// A small deterministic generator (SplitMix64): retry jitter, and the
/// example server's fault injection.
pub(crate) struct Jitter(u64);

impl Jitter {
    pub(crate) fn new(seed: u64) -> Self {
        Jitter(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A duration in `[0, bound]`.
    pub(crate) fn below(&mut self, bound: Duration) -> Duration {
        let nanos = bound.as_nanos().min(u128::from(u64::MAX)) as u64;
        if nanos == 0 {
            return Duration::ZERO;
        }
        Duration::from_nanos(self.next() % (nanos + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_is_reproducible_and_bounded() {
        let policy = RetryPolicy::default().seed(7);
        let schedule = |p: &RetryPolicy| {
            let mut j = p.jitter();
            (1..=8)
                .map(|n| p.delay(n, &mut j, None))
                .collect::<Vec<_>>()
        };
        let a = schedule(&policy);
        assert_eq!(a, schedule(&policy), "same seed, same delays");
        assert_ne!(a, schedule(&policy.seed(8)), "another seed, other delays");
        for (n, d) in a.iter().enumerate() {
            let bound = Duration::from_millis(200 << n).min(Duration::from_secs(5));
            assert!(*d <= bound, "retry {}: {d:?} > {bound:?}", n + 1);
        }
        // Full jitter: the delays are spread, not all at the bound.
        assert!(a.iter().any(|d| *d < Duration::from_millis(2500)));
    }

    #[test]
    fn retry_after_is_a_floor() {
        let policy = RetryPolicy::default().seed(1);
        let mut j = policy.jitter();
        let d = policy.delay(1, &mut j, Some(Duration::from_secs(3)));
        assert_eq!(d, Duration::from_secs(3));
    }

    #[test]
    fn huge_retry_numbers_do_not_overflow() {
        let policy = RetryPolicy::default().attempts(0);
        assert_eq!(policy.attempts, 1);
        let mut j = policy.jitter();
        assert!(policy.delay(200, &mut j, None) <= Duration::from_secs(5));
    }
}
