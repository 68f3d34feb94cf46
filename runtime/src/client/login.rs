//! Logging in: bearer tokens and session ids, obtained once and renewed
//! when the vendor says they expired.

use serde_json::Value;

use super::Client;
use crate::codec::Prepared;
use crate::{Auth, DecodeError, Error, ErrorTable, Retry, Secret};

impl Client {
    /// True when the vendor logs in (bearer token or session id).
    pub(super) fn has_login(&self) -> bool {
        self.logs_in
    }

    /// True when `wire` is one of the vendor's login operations.
    pub(super) fn is_login(&self, wire: &str) -> bool {
        self.vendor.auth.iter().any(|a| a.is_login(wire))
    }

    pub(super) fn logged_in(&self) -> bool {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.token.is_some() || state.session.is_some()
    }

    /// Identifies the current login, so concurrent calls that all saw it
    /// expire log in once.
    pub(super) fn logins(&self) -> u64 {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).logins
    }

    #[cold]
    pub(super) fn expired<E: ErrorTable>(&self, error: &Error<E>) -> bool {
        for scheme in self.vendor.auth {
            match scheme {
                Auth::Bearer { relogin_on, .. } => {
                    let status = match error {
                        Error::Http(e) => Some(e.status),
                        Error::Vendor(e) => Some(e.http_status),
                        _ => None,
                    };
                    if status.is_some_and(|s| relogin_on.contains(&s)) {
                        return true;
                    }
                }
                Auth::Session { .. } => {
                    if let Error::Vendor(e) = error
                        && e.kind.retry() == Retry::AfterLogin
                    {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Logs in; `seen` is the login the caller saw fail (skip if another
    /// call has replaced it meanwhile).
    pub(super) async fn login<E: ErrorTable>(&self, seen: Option<u64>) -> Result<(), Error<E>> {
        let _guard = self.login_lock.lock().await;
        match seen {
            Some(seen) if self.logins() != seen => return Ok(()),
            None if self.logged_in() => return Ok(()),
            _ => {}
        }
        let call = self.config.login.clone().ok_or_else(|| {
            Error::Config(format!("{} needs Config::login(..)", self.vendor.name))
        })?;
        tracing::debug!(
            vendor = self.vendor.id,
            operation = call.info.wire,
            "logging in"
        );
        let mut answer: Option<Value> = None;
        let params = Prepared::Value(call.params);
        let request = self
            .request(&call.info, &params)
            .0
            .map_err(super::attempts::encode_error)?;
        self.exchange::<E>(&call.info, request, None, &mut answer)
            .await
            .map_err(|f| f.error)?;
        self.store_login::<E>(answer.as_ref().unwrap_or(&Value::Null))
    }

    pub(super) fn store_login<E: ErrorTable>(&self, data: &Value) -> Result<(), Error<E>> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        for scheme in self.vendor.auth {
            let (field, slot) = match scheme {
                Auth::Bearer { token_field, .. } => (*token_field, &mut state.token),
                Auth::Session { from, .. } => (*from, &mut state.session),
                _ => continue,
            };
            let value = match data.get(field) {
                Some(Value::String(s)) if !s.is_empty() => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ if data.is_null() => {
                    return Err(Error::Decode(DecodeError::new(
                        field,
                        format!(
                            "the login answered with an empty body: no `{field}`; log in again"
                        ),
                        "",
                    )));
                }
                _ => {
                    return Err(Error::Decode(DecodeError::new(
                        field,
                        format!("the login response carries no `{field}`"),
                        "",
                    )));
                }
            };
            let bearer = match scheme {
                Auth::Bearer { .. } => Some(bearer_header::<E>(field, &value)?),
                _ => None,
            };
            *slot = Some(Secret::new(value));
            if bearer.is_some() {
                state.bearer = bearer;
            }
        }
        state.logins += 1;
        Ok(())
    }
}

/// The `Authorization` value of a bearer `token`, made once per login. A
/// token no HTTP header can carry is refused here, where it arrives, not
/// by every call that would send it.
fn bearer_header<E: ErrorTable>(
    field: &str,
    token: &str,
) -> Result<reqwest::header::HeaderValue, Error<E>> {
    let mut value =
        reqwest::header::HeaderValue::from_str(&["Bearer ", token].concat()).map_err(|_| {
            Error::Decode(DecodeError::new(
                field,
                format!(
                    "the login response's `{field}` cannot be sent in an HTTP header: it holds \
                     a line break, a control or a non-ASCII character"
                ),
                "",
            ))
        })?;
    value.set_sensitive(true);
    Ok(value)
}
