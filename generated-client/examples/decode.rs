//! Decodes a captured payload with the generated types and prints it re-encoded.
//!
//! ```text
//! cargo run -p kassa-client --all-features --example decode -- <vendor> <op> request|response <file.json>
//! ```
//!
//! `<op>` is the wire name or the Rust name; the file is the body as it
//! travels (envelope included). Exit 0 when it decodes (a vendor failure
//! body decodes to the typed error, printed as `error: ...`); exit 1 with
//! the JSON path and reason when it does not; exit 2 on bad arguments.

use std::process::ExitCode;

use kassa::codec::{self, AuthValues, Failure, WireBody, WireRequest};
use kassa::{Auth, Method, OperationEntry, Protocol, Vendor};
use serde_json::Value;

fn usage() -> ExitCode {
    eprintln!("usage: decode <vendor> <operation> request|response <file.json>");
    let names: Vec<&str> = kassa_client::vendors().iter().map(|(v, _)| v.id).collect();
    eprintln!("vendors compiled in: {}", names.join(", "));
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [vendor_id, op, direction, file] = args.as_slice() else {
        return usage();
    };
    let vendors = kassa_client::vendors();
    let Some((vendor, table)) = vendors.iter().find(|(v, _)| v.id == vendor_id) else {
        eprintln!("error: unknown vendor `{vendor_id}`");
        return usage();
    };
    let Some(entry) = OperationEntry::find(table, op) else {
        let names: Vec<&str> = table.iter().map(|e| e.info.wire).collect();
        eprintln!(
            "error: {} has no operation `{op}`; its operations are: {}",
            vendor.name,
            names.join(", ")
        );
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let result = match direction.as_str() {
        "response" => response(vendor, entry, &text),
        "request" => request(vendor, table, entry, &text),
        _ => return usage(),
    };
    match result {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

fn at(path: &str) -> String {
    if path.is_empty() {
        "the body".to_owned()
    } else {
        format!("`{path}`")
    }
}

fn response(vendor: &Vendor, entry: &OperationEntry, text: &str) -> Result<String, String> {
    // REST vendors put the HTTP status in the envelope as well; read it from there.
    let status = match (&vendor.protocol, serde_json::from_str::<Value>(text)) {
        (Protocol::Rest { response }, Ok(body)) => response
            .status_field
            .and_then(|f| body.get(f))
            .and_then(Value::as_u64)
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(200),
        _ => 200,
    };
    match codec::decode_response(vendor, &entry.info, status, text) {
        Ok(d) if d.not_modified => Ok("not modified".to_owned()),
        Ok(d) => entry
            .response_in_body(&vendor.protocol, d.data)
            .map(|v| pretty(&v))
            .map_err(|e| format!("at {}: {}", at(&e.path), e.reason)),
        Err(Failure::Vendor { code, message, .. }) => {
            let classified = (entry.classify)(code.as_ref(), message.as_deref());
            Ok(format!("error: {}", classified.text))
        }
        Err(Failure::Http { status }) => {
            Err(format!("HTTP status {status} without a vendor error"))
        }
        Err(Failure::Decode(e)) => Err(format!("at {}: {}", at(&e.path), e.reason)),
    }
}

fn request(
    vendor: &Vendor,
    table: &[OperationEntry],
    entry: &OperationEntry,
    text: &str,
) -> Result<String, String> {
    let body = match &vendor.protocol {
        Protocol::Form { .. } => WireBody::Form(form_urlencoded_pairs(text)),
        _ => WireBody::Json(serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?),
    };
    let (params, auth) = match (&vendor.protocol, &body) {
        // The operation is known; the body carries its parameters only.
        (Protocol::Rest { .. }, WireBody::Json(v)) => (v.clone(), AuthValues::default()),
        _ => {
            let path = match &vendor.protocol {
                Protocol::Form { path, .. } => path.replace("{operation}", entry.info.wire),
                _ => String::new(),
            };
            let infos: Vec<_> = table.iter().map(|e| e.info).collect();
            let wire = WireRequest {
                method: Method::Post,
                path,
                query: Vec::new(),
                headers: Vec::new(),
                body,
            };
            let d = codec::decode_request(vendor, &infos, &wire)
                .map_err(|e| format!("at {}: {}", at(&e.path), e.reason))?;
            if infos[d.operation].wire != entry.info.wire {
                return Err(format!(
                    "the body is a `{}` request, not `{}`",
                    infos[d.operation].wire, entry.info.wire
                ));
            }
            let auth = AuthValues::observed(vendor, &d);
            (d.params, auth)
        }
    };
    let params =
        (entry.request)(params).map_err(|e| format!("at {}: {}", at(&e.path), e.reason))?;
    if matches!(vendor.protocol, Protocol::Rest { .. })
        || vendor.auth.iter().any(|a| matches!(a, Auth::Hmac { .. }))
    {
        // Signatures and paths need values a captured body does not carry.
        return Ok(pretty(&params));
    }
    let again =
        codec::encode_request(vendor, &entry.info, params, &auth).map_err(|e| e.to_string())?;
    match again.body {
        WireBody::Json(mut v) => {
            // The captured password goes back on the wire, not on the screen.
            for scheme in vendor.auth {
                if let (Auth::BodyCredentials { password, .. }, Some(map)) =
                    (scheme, v.as_object_mut())
                    && map.contains_key(*password)
                {
                    map.insert((*password).to_owned(), Value::from(kassa::REDACTED));
                }
            }
            Ok(pretty(&v))
        }
        other => Ok(format!("{other:?}")),
    }
}

fn form_urlencoded_pairs(text: &str) -> Vec<(String, String)> {
    text.trim()
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (unescape(k), unescape(v))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    let bytes = s.replace('+', " ").into_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
