//! A vendor's protocol, described as data.
//!
//! Generated code declares one `static VENDOR: Vendor` per vendor; the
//! codecs and the client interpret it. Nothing here is specific to one
//! vendor: a new vendor with a known protocol shape needs no runtime code.

use crate::Code;

/// Everything the runtime needs to talk to one vendor.
#[derive(Debug)]
pub struct Vendor {
    /// Spec id (`caspos`).
    pub id: &'static str,
    /// Display name (`Caspos`).
    pub name: &'static str,
    pub servers: &'static [Server],
    pub protocol: Protocol,
    /// Composable auth schemes, applied in order.
    pub auth: &'static [Auth],
    /// Headers carried from one call to the next.
    pub state: &'static [StateHeader],
    /// Headers sent with every request, their values from the configuration.
    pub headers: &'static [ConfigHeader],
    /// What the vendor remembers: shifts, draft documents, sessions.
    pub lifecycles: &'static [crate::Lifecycle],
    /// Numbers it counts up with its documents.
    pub counters: &'static [crate::Counter],
    /// The vendor's documented revisions, oldest first (the changelog).
    pub revisions: &'static [&'static str],
}

impl Vendor {
    /// How two of the vendor's revisions compare: by their order in the
    /// changelog when both are in it, else as dotted numbers (`1.0.0`
    /// comes before a first listed `1.1.0`); `None` when they cannot be.
    pub fn compare_revisions(&self, a: &str, b: &str) -> Option<std::cmp::Ordering> {
        let index = |v: &str| self.revisions.iter().position(|r| *r == v);
        if let (Some(x), Some(y)) = (index(a), index(b)) {
            return Some(x.cmp(&y));
        }
        let numbers =
            |v: &str| -> Option<Vec<u64>> { v.split('.').map(|p| p.parse().ok()).collect() };
        Some(numbers(a)?.cmp(&numbers(b)?))
    }
}

/// A named server; `{name}` in the URL is a variable.
#[derive(Debug)]
pub struct Server {
    pub name: &'static str,
    pub url: &'static str,
    pub variables: &'static [ServerVariable],
}

#[derive(Debug)]
pub struct ServerVariable {
    pub name: &'static str,
    pub default: Option<&'static str>,
    /// The value must never be printed (HEADO's key in the URL).
    pub secret: bool,
}

/// How an operation travels.
#[derive(Debug)]
pub enum Protocol {
    /// One URL; the operation name is a body field (`req`, `operation`);
    /// params at the top level or under `params_field`.
    JsonEnvelope {
        operation_field: &'static str,
        params_field: Option<&'static str>,
        /// The response repeats the operation name in `operation_field`.
        echo_operation: bool,
        response: Envelope,
    },
    /// JSON-RPC 2.0 over POST; `by_position` is how methods send their
    /// parameters unless the method or `Config::rpc_params` says otherwise.
    JsonRpc { by_position: bool },
    /// REST: method and path per operation, JSON bodies.
    Rest { response: Envelope },
    /// POST form-urlencoded to `path` (`{operation}` is the wire name); JSON replies.
    Form {
        path: &'static str,
        response: Envelope,
    },
}

impl Protocol {
    pub fn envelope(&self) -> Option<&Envelope> {
        match self {
            Protocol::JsonEnvelope { response, .. }
            | Protocol::Rest { response }
            | Protocol::Form { response, .. } => Some(response),
            Protocol::JsonRpc { .. } => None,
        }
    }
}

/// The response envelope: where status, data and message live.
#[derive(Debug)]
pub struct Envelope {
    pub status_field: Option<&'static str>,
    /// Status values that mean success.
    pub success: &'static [Code],
    /// Also success on decode, never sent (a documented variant).
    pub success_aliases: &'static [Code],
    /// Status values that mean "nothing changed since your timestamp".
    pub not_modified: &'static [Code],
    /// Status values that mean "this idempotency key was used before; the
    /// payload is the earlier result" (a success, marked as a replay).
    pub replayed: &'static [Code],
    /// Where the payload lives; `None`: the whole body minus the envelope fields.
    pub data_field: Option<&'static str>,
    pub message_field: Option<&'static str>,
    /// Other envelope fields kept beside the payload (iCash `nonce`).
    pub extra_fields: &'static [&'static str],
    /// The error code is the HTTP status (Kassa24).
    pub error_from_http: bool,
}

impl Envelope {
    /// An envelope with no members and no status, for tests to vary.
    #[cfg(test)]
    pub(crate) const BARE: Envelope = Envelope {
        status_field: None,
        success: &[],
        success_aliases: &[],
        not_modified: &[],
        replayed: &[],
        data_field: None,
        message_field: None,
        extra_fields: &[],
        error_from_http: false,
    };

    /// Whether `status` means success.
    pub fn is_success(&self, status: &Code) -> bool {
        self.success.contains(status) || self.success_aliases.contains(status)
    }

    pub fn is_not_modified(&self, status: &Code) -> bool {
        self.not_modified.contains(status)
    }

    pub fn is_replayed(&self, status: &Code) -> bool {
        self.replayed.contains(status)
    }
}

/// How a JSON-RPC method sends its parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RpcParams {
    /// An object keyed by parameter name: `"params": {"metric": "sales"}`.
    ByName,
    /// An array in the documented order: `"params": ["sales"]`. An absent
    /// optional parameter before a present one is sent as `null`.
    ByPosition,
}

/// An authentication scheme.
#[derive(Debug)]
pub enum Auth {
    /// Username and password in every request body, except the listed wire operations.
    BodyCredentials {
        username: &'static str,
        password: &'static str,
        except: &'static [&'static str],
        /// Wire operations the vendor also takes without them (the client
        /// sends them all the same).
        optional_for: &'static [&'static str],
        /// The vendor's answer to missing credentials.
        refused: Option<crate::Answer>,
    },
    /// A bearer token from a login operation, sent as `Authorization: Bearer`;
    /// one re-login when a call fails with one of `relogin_on`.
    Bearer {
        /// Wire names of the login operations; the configuration picks one.
        logins: &'static [&'static str],
        token_field: &'static str,
        relogin_on: &'static [u16],
        /// Seconds a token stays valid, where the vendor says.
        lifetime_secs: Option<u64>,
        /// The vendor's answer to a missing, wrong or expired token.
        refused: Option<crate::Answer>,
    },
    /// A secret server variable in the URL path.
    PathSecret { variable: &'static str },
    /// HMAC-SHA256 over named request values, keyed with the secret key;
    /// the nonce strictly increases.
    Hmac {
        key_field: &'static str,
        nonce_field: &'static str,
        signature_field: &'static str,
        /// Names of the values concatenated into the signed message.
        message: &'static [&'static str],
        encoding: SignatureEncoding,
        /// Values sent with every request (`WareHouseID`).
        context: &'static [&'static str],
    },
    /// A session id from a login operation's response, sent as a body field.
    Session {
        /// Wire names of the login operations; the configuration picks one.
        logins: &'static [&'static str],
        from: &'static str,
        field: &'static str,
        /// Seconds a session stays valid, where the vendor says.
        lifetime_secs: Option<u64>,
        /// The vendor's answer to a missing, unknown or expired session.
        refused: Option<crate::Answer>,
    },
}

impl Auth {
    /// Wire names of the operations that log in for this scheme (none for
    /// schemes without a login).
    pub fn logins(&self) -> &'static [&'static str] {
        match self {
            Auth::Bearer { logins, .. } | Auth::Session { logins, .. } => logins,
            _ => &[],
        }
    }

    /// True when `wire` is one of this scheme's login operations.
    pub fn is_login(&self, wire: &str) -> bool {
        self.logins().contains(&wire)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureEncoding {
    HexLower,
    HexUpper,
    Base64,
}

/// A header set by some responses and sent by some requests (Kassa24 `Uid`).
#[derive(Debug)]
pub struct StateHeader {
    pub header: &'static str,
    /// Wire names of the operations whose response sets it.
    pub set_by: &'static [&'static str],
    /// Wire names of the operations that send it.
    pub sent_by: &'static [&'static str],
    /// An operation whose response payload field gives the current value
    /// (after a lost response): `(wire name, field)`.
    pub recover: Option<(&'static str, &'static str)>,
}

/// A header every request carries, its value set in the client's
/// configuration (`Config::header`): a licence key, a client name.
#[derive(Debug)]
pub struct ConfigHeader {
    pub name: &'static str,
    /// Its value is never printed.
    pub secret: bool,
    /// The client may be built without it.
    pub optional: bool,
    /// The vendor's answer to a request without it (the example server gives it).
    pub refused: Option<crate::Answer>,
}
