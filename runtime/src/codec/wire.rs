//! An HTTP exchange as the codecs see it, and value helpers.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::lenient::Lenient;
use crate::{DecodeError, Method};

/// A request as the protocol shapes it, before a transport sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct WireRequest {
    pub method: Method,
    /// Path relative to the server URL (`/kkms/5`), or empty for the URL itself.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: WireBody,
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub enum WireBody {
    None,
    Json(Value),
    Form(Vec<(String, String)>),
}

impl WireRequest {
    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A JSON value as text in a URL, a header or a form field.
///
/// Strings go as they are, numbers and booleans in their JSON spelling,
/// arrays and objects as JSON text; `None` for null.
pub fn value_to_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        // The JSON text, written straight into the string's buffer (what
        // `Display` gives, without the formatter in between).
        Value::Bool(_) | Value::Number(_) | Value::Array(_) | Value::Object(_) => {
            serde_json::to_string(value).ok()
        }
    }
}

/// Whether form-urlencoding leaves `text` as it is (letters, digits and
/// `*-._` alone).
pub(super) fn needs_no_escape(text: &str) -> bool {
    /// Which bytes those are, by value: one load a byte.
    const PLAIN: [bool; 256] = {
        let mut plain = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            plain[b] = c.is_ascii_alphanumeric() || matches!(c, b'*' | b'-' | b'.' | b'_');
            b += 1;
        }
        plain
    };
    text.bytes().all(|b| PLAIN[usize::from(b)])
}

/// Decodes `value` into `T`, reporting the JSON path of the first problem
/// (prefixed with `at`).
///
/// Values from URLs and forms arrive as text; where the type wants a
/// number or a boolean and the text is one, it is converted on the way
/// ([`Lenient`]), so `"5"` from a path decodes into a `u64` field.
pub fn decode_typed<T: DeserializeOwned>(
    value: Value,
    at: &str,
    body: &str,
) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize::<_, T>(Lenient(value)).map_err(|e| {
        let path = e.path().to_string();
        DecodeError::new(join(at, &path), e.into_inner().to_string(), body)
    })
}

/// `path` (as serde_path_to_error writes it) under `at`: `data` and
/// `[0].id` make `data[0].id`.
pub(crate) fn join(at: &str, path: &str) -> String {
    match (at.is_empty(), path == "." || path.is_empty()) {
        (_, true) => at.to_owned(),
        (true, false) => path.to_owned(),
        (false, false) if path.starts_with('[') => format!("{at}{path}"),
        (false, false) => format!("{at}.{path}"),
    }
}

/// The URL of a request: `path` after the base URL's own path, then the
/// `query` pairs form-urlencoded after the base URL's query, if any.
///
/// The base was parsed once, with the client; only the path and the query
/// are parsed here. Parsing the whole URL again (scheme, host, the host's
/// IDNA check) was the largest single cost of a call.
pub fn request_url(base: &reqwest::Url, path: &str, query: &[(String, String)]) -> reqwest::Url {
    let mut url = base.clone();
    match base.path().trim_end_matches('/') {
        _ if path.is_empty() => {}
        "" => url.set_path(path),
        prefix => url.set_path(&[prefix, path].concat()),
    }
    if !query.is_empty() {
        url.query_pairs_mut().extend_pairs(query);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Q {
        id: u64,
        name: String,
        list: Vec<i32>,
    }

    #[test]
    fn text_becomes_numbers_where_the_type_wants_them() {
        let v = serde_json::json!({"id": "5", "name": "7", "list": ["1", "-2"]});
        let q: Q = decode_typed(v, "", "").unwrap();
        assert_eq!(
            q,
            Q {
                id: 5,
                name: "7".into(),
                list: vec![1, -2]
            }
        );
    }

    #[test]
    fn more_text_numbers_than_any_retry_budget() {
        let list: Vec<Value> = (0..1000).map(|i| Value::String(i.to_string())).collect();
        let v = serde_json::json!({"id": "1", "name": "x", "list": list});
        let q: Q = decode_typed(v, "", "").unwrap();
        assert_eq!(q.list.len(), 1000);
    }

    #[test]
    fn errors_carry_the_path() {
        let v = serde_json::json!({"id": 1, "name": "x", "list": [1, "a"]});
        let e = decode_typed::<Q>(v, "data", "{}").unwrap_err();
        assert_eq!(e.path, "data.list[1]");
        assert!(e.reason.contains("expected i32"), "{}", e.reason);
    }

    #[test]
    fn a_request_url_is_the_base_with_the_path_and_query_set() {
        let url = |base: &str, path: &str, query: &[(&str, &str)]| {
            let base = reqwest::Url::parse(base).unwrap();
            let query: Vec<(String, String)> = query
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            request_url(&base, path, &query).to_string()
        };
        // No path: the base as it is (JSON envelope and JSON-RPC servers).
        assert_eq!(
            url("http://10.0.0.5:5544/", "", &[]),
            "http://10.0.0.5:5544/"
        );
        assert_eq!(
            url("https://api.heado.ru/device/k3y", "", &[]),
            "https://api.heado.ru/device/k3y"
        );
        // The path follows the base's own path, with or without its slash.
        assert_eq!(url("http://h", "/shifts/7", &[]), "http://h/shifts/7");
        assert_eq!(
            url("http://h/api/", "/shifts/7", &[]),
            "http://h/api/shifts/7"
        );
        assert_eq!(
            url("http://h/api", "/shifts/7", &[]),
            "http://h/api/shifts/7"
        );
        // Path values arrive form-urlencoded and stay so.
        assert_eq!(
            url("http://h", "/items/a+b%2F", &[]),
            "http://h/items/a+b%2F"
        );
        // Query pairs are form-urlencoded, after the base's query if it has one.
        assert_eq!(
            url("http://h/api", "/items", &[("q", "a b&c"), ("n", "1")]),
            "http://h/api/items?q=a+b%26c&n=1"
        );
        assert_eq!(
            url("http://h/api?key=1", "/items", &[("n", "1")]),
            "http://h/api/items?key=1&n=1"
        );
    }
}
