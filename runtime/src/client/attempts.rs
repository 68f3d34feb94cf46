//! One call as a series of attempts: what each failure means for the
//! request, given the operation, and whether to try again.

use std::time::{Duration, Instant};

use serde_json::Value;

use super::Client;
use super::slot::Slot;
use crate::codec::{Answer, EncodeError, Prepared, value_to_text};
use crate::{
    Code, DocumentExists, Error, ErrorTable, HttpError, OperationInfo, OutcomeUnknown, Recovery,
    Retry, Test,
};

/// A failed exchange, with what the server said about retrying.
pub(super) struct Failed<E: ErrorTable> {
    pub error: Error<E>,
    /// The server's `Retry-After`, in seconds.
    pub retry_after: Option<Duration>,
}

impl<E: ErrorTable> From<Error<E>> for Failed<E> {
    fn from(error: Error<E>) -> Self {
        Failed {
            error,
            retry_after: None,
        }
    }
}

/// What a failure means for the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Meaning {
    /// Not applied; the same request may succeed later.
    Transient,
    /// Not applied: the login expired.
    Relogin,
    /// Perhaps applied.
    Unknown,
    /// Applied, although reported as an error.
    Exists,
    /// Not applied, and the same request fails again.
    Final,
}

#[cold]
fn meaning<E: ErrorTable>(error: &Error<E>, expired: bool) -> Meaning {
    if expired {
        return Meaning::Relogin;
    }
    match error {
        Error::Transport(e) if !e.request_sent => Meaning::Transient,
        Error::Transport(_) | Error::Decode(_) => Meaning::Unknown,
        Error::Http(HttpError { status, .. }) => match status {
            408 | 429 => Meaning::Transient,
            500.. => Meaning::Unknown,
            _ => Meaning::Final,
        },
        Error::Vendor(e) => match e.kind.retry() {
            Retry::SameRequest => Meaning::Transient,
            Retry::AfterLogin => Meaning::Relogin,
            Retry::DocumentExists => Meaning::Exists,
            Retry::Unknown => Meaning::Unknown,
            // The table has no word on it; the HTTP status may.
            Retry::Never if e.http_status == 429 => Meaning::Transient,
            Retry::Never if e.http_status >= 500 => Meaning::Unknown,
            Retry::Never => Meaning::Final,
        },
        Error::InvalidRequest(_)
        | Error::Config(_)
        | Error::OutcomeUnknown(_)
        | Error::DocumentExists(_) => Meaning::Final,
    }
}

/// What an attempt carried that its failure may need.
pub(super) struct Carried {
    /// The login it was sent under ([`State::logins`](super::State)).
    login: u64,
    /// The state headers it sent, kept for a recovery read only.
    state: Vec<(String, String)>,
}

impl Carried {
    /// What an attempt of `info` sent in `state` carries.
    pub(super) fn of(info: &OperationInfo, state: &super::State) -> Carried {
        Carried {
            login: state.logins,
            state: match info.recovery {
                Some(_) => state.headers.clone(),
                None => Vec::new(),
            },
        }
    }
}

/// A successful call (its payload is in the caller's slot) and how many
/// attempts it took.
pub(super) struct Done {
    pub answer: Answer,
    pub attempts: u32,
}

impl Client {
    /// Runs `info` until it succeeds, fails for good, or the retry policy
    /// says stop. Every resend carries the same parameters (the same key);
    /// auth values (nonce, token, session) are fresh for each attempt.
    /// `first` is the failure of a first attempt made before (with what it
    /// carried): the loop takes it as its first. Boxed: it is rare, and
    /// every call's future would carry its room.
    pub(super) async fn run<E: ErrorTable>(
        &self,
        info: &OperationInfo,
        prepared: &Prepared,
        key: Option<String>,
        slot: &mut dyn Slot,
        mut first: Option<Box<(Failed<E>, Carried)>>,
    ) -> Result<Done, Error<E>> {
        self.offered::<E>(info)?;
        let policy = self.config.retry;
        let started = Instant::now();
        // Seeded on the first resend: most calls never need it.
        let mut jitter = None;
        let has_login = self.has_login();
        let is_login = self.is_login(info.wire);
        let (mut attempt, mut relogged) = (0u32, false);
        loop {
            attempt += 1;
            let (failed, carried) = match first.take() {
                Some(first) => *first,
                None => {
                    // Logging in is rare (once a session): boxed, so that
                    // its future does not size every call's, which each
                    // await level of the caller copies.
                    if has_login && !is_login && !self.logged_in() {
                        Box::pin(self.login::<E>(None)).await?;
                    }
                    let (request, carried) = self.request(info, prepared);
                    let sent = match request {
                        Ok(request) => self.exchange::<E>(info, request, key.clone(), slot).await,
                        Err(e) => Err(Failed::from(encode_error(e))),
                    };
                    match sent {
                        Ok(answer) => {
                            if is_login && let Some(data) = slot.to_value() {
                                // An empty reply (`or_empty`) is the caller's
                                // `None`; the next call logs in by itself.
                                if !data.is_null() {
                                    self.store_login::<E>(&data)?;
                                }
                            }
                            return Ok(Done {
                                answer,
                                attempts: attempt,
                            });
                        }
                        Err(failed) => (failed, carried),
                    }
                }
            };
            let expired = !is_login && has_login && self.expired(&failed.error);
            let meaning = meaning(&failed.error, expired);
            tracing::debug!(
                vendor = self.vendor.id,
                operation = info.wire,
                attempt,
                meaning = ?meaning,
                "attempt failed"
            );
            let resend = match meaning {
                Meaning::Transient => true,
                Meaning::Relogin if !relogged && has_login && !is_login => {
                    // Log in again, unless another call already replaced the
                    // token this request carried; not counted as an attempt.
                    relogged = true;
                    attempt -= 1;
                    Box::pin(self.login::<E>(Some(carried.login))).await?;
                    continue;
                }
                Meaning::Relogin | Meaning::Final => false,
                Meaning::Unknown if info.resend_is_safe() => true,
                Meaning::Unknown => match info.recovery {
                    // Ask the vendor whether the document exists; resend
                    // only when it does not.
                    Some(recovery) => {
                        match self.recover::<E>(recovery, prepared, &carried.state).await {
                            Ok(true) => {
                                return Err(Error::DocumentExists(DocumentExists {
                                    operation: info.name,
                                    vendor: None,
                                    recovered_by: Some(recovery.operation.name),
                                    idempotency_key: key,
                                }));
                            }
                            Ok(false) => true,
                            Err(why) => {
                                return Err(Error::OutcomeUnknown(OutcomeUnknown {
                                    operation: info.name,
                                    cause: Box::new(failed.error),
                                    idempotency_key: key,
                                    resend_is_safe: false,
                                    recovery_failed: Some(why),
                                }));
                            }
                        }
                    }
                    None => false,
                },
                Meaning::Exists => return Err(exists(info, failed.error, key)),
            };
            if !resend {
                return Err(self.verdict(info, failed.error, meaning, key));
            }
            let jitter = jitter.get_or_insert_with(|| policy.jitter());
            let delay = policy.delay(attempt, jitter, failed.retry_after);
            if attempt >= policy.attempts || started.elapsed() + delay > policy.deadline {
                tracing::debug!(
                    vendor = self.vendor.id,
                    operation = info.wire,
                    attempt,
                    "no retries left"
                );
                return Err(self.verdict(info, failed.error, meaning, key));
            }
            tracing::debug!(
                vendor = self.vendor.id,
                operation = info.wire,
                attempt,
                delay_ms = delay.as_millis() as u64,
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }

    /// The error a call ends in: a perhaps-applied request of an operation
    /// that changes something becomes [`Error::OutcomeUnknown`].
    #[cold]
    fn verdict<E: ErrorTable>(
        &self,
        info: &OperationInfo,
        error: Error<E>,
        meaning: Meaning,
        key: Option<String>,
    ) -> Error<E> {
        if meaning != Meaning::Unknown || info.safe_to_retry {
            return error;
        }
        Error::OutcomeUnknown(OutcomeUnknown {
            operation: info.name,
            cause: Box::new(error),
            idempotency_key: key,
            resend_is_safe: info.resend_is_safe(),
            recovery_failed: None,
        })
    }

    /// Runs `recovery` for a request whose outcome is unknown: true when the
    /// document exists, false when it does not, the reason when the read
    /// cannot tell.
    async fn recover<E: ErrorTable>(
        &self,
        recovery: &'static Recovery,
        prepared: &Prepared,
        state: &[(String, String)],
    ) -> Result<bool, String> {
        let carried = |name: &str| -> Option<String> {
            prepared.field(name).and_then(value_to_text).or_else(|| {
                state
                    .iter()
                    .find(|(h, _)| h.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            })
        };
        let mut request = serde_json::Map::new();
        for (field, source) in recovery.request {
            let value = prepared
                .field(source)
                .cloned()
                .or_else(|| carried(source).map(Value::String));
            let value = value.ok_or_else(|| format!("the request carried no `{source}`"))?;
            request.insert((*field).to_owned(), value);
        }
        tracing::debug!(
            vendor = self.vendor.id,
            operation = recovery.operation.wire,
            "recovering"
        );
        let mut answer: Option<Value> = None;
        Box::pin(self.run::<E>(
            recovery.operation,
            &Prepared::Value(Value::Object(request)),
            None,
            &mut answer,
            None,
        ))
        .await
        .map_err(|e| format!("`{}` failed: {e}", recovery.operation.name))?;
        let answer = answer.unwrap_or(Value::Null);
        let got = answer
            .get(recovery.field)
            .filter(|v| !v.is_null())
            .ok_or_else(|| {
                format!(
                    "the answer of `{}` has no `{}`",
                    recovery.operation.name, recovery.field
                )
            })?;
        let text = value_to_text(got).unwrap_or_default();
        let listed = |codes: &[Code]| {
            codes
                .iter()
                .any(|c| c.to_json() == *got || code_text(c) == text)
        };
        Ok(match recovery.test {
            Test::Equals(name) => carried(name).is_some_and(|v| v == text),
            Test::DiffersFrom(name) => {
                let sent =
                    carried(name).ok_or_else(|| format!("the request carried no `{name}`"))?;
                sent != text
            }
            Test::In(codes) => listed(codes),
            Test::NotIn(codes) => !listed(codes),
        })
    }
}

fn code_text(code: &Code) -> String {
    match code {
        Code::Int(i) => i.to_string(),
        Code::Str(s) => s.to_string(),
    }
}

#[cold]
pub(super) fn encode_error<E: ErrorTable>(e: EncodeError) -> Error<E> {
    match e {
        EncodeError::Invalid(e) => Error::InvalidRequest(e),
        EncodeError::Config(m) => Error::Config(m),
    }
}

#[cold]
fn exists<E: ErrorTable>(info: &OperationInfo, error: Error<E>, key: Option<String>) -> Error<E> {
    match error {
        Error::Vendor(vendor) => Error::DocumentExists(DocumentExists {
            operation: info.name,
            vendor: Some(vendor),
            recovered_by: None,
            idempotency_key: key,
        }),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Category, TransportError, VendorError};

    #[derive(Clone, Debug, PartialEq)]
    struct Table(Retry);

    impl std::fmt::Display for Table {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }

    impl ErrorTable for Table {
        type Details = crate::Empty;

        fn from_wire(_: Option<&Code>, _: Option<&str>) -> Self {
            Table(Retry::Never)
        }
        fn code(&self) -> Option<Code> {
            None
        }
        fn name(&self) -> &'static str {
            "T"
        }
        fn message(&self) -> Option<&'static str> {
            None
        }
        fn remedy(&self) -> Option<&'static str> {
            None
        }
        fn category(&self) -> Category {
            Category::Other
        }
        fn retry(&self) -> Retry {
            self.0
        }
    }

    fn vendor(retry: Retry, http_status: u16) -> Error<Table> {
        Error::Vendor(VendorError {
            kind: Table(retry),
            raw_code: None,
            message: None,
            http_status,
            details: None,
        })
    }

    fn transport(sent: bool) -> Error<Table> {
        Error::Transport(TransportError {
            message: String::new(),
            timeout: sent,
            request_sent: sent,
            idempotency_key: None,
        })
    }

    fn http(status: u16) -> Error<Table> {
        Error::Http(HttpError {
            status,
            body: String::new(),
            idempotency_key: None,
        })
    }

    #[test]
    fn each_failure_means_what_its_class_says() {
        use Meaning::*;
        let cases = [
            (transport(false), Transient),
            (transport(true), Unknown),
            (http(429), Transient),
            (http(408), Transient),
            (http(500), Unknown),
            (http(504), Unknown),
            (http(404), Final),
            (vendor(Retry::SameRequest, 200), Transient),
            (vendor(Retry::AfterLogin, 200), Relogin),
            (vendor(Retry::DocumentExists, 200), Exists),
            (vendor(Retry::Unknown, 200), Unknown),
            (vendor(Retry::Never, 200), Final),
            (vendor(Retry::Never, 429), Transient),
            (vendor(Retry::Never, 503), Unknown),
            (vendor(Retry::Never, 400), Final),
        ];
        for (error, want) in cases {
            assert_eq!(meaning(&error, false), want, "{error:?}");
        }
        assert_eq!(meaning(&vendor(Retry::Never, 401), true), Relogin);
    }
}
