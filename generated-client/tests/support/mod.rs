//! What several tests need: the resolved specs, and what the generated
//! types make of a whole wire body (the codec, then the operation's types
//! and the spec's constraints).

#![allow(dead_code)]

use std::path::Path;

use kassa::codec::{self, Failure, WireBody, WireRequest};
use kassa::{Method, OperationEntry, OperationInfo, Protocol, Vendor};
use kassa_codegen::ir::{self, Spec};
use serde_json::Value;

/// The resolved spec of `spec/<id>`.
pub fn load(id: &str) -> Spec {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec")
        .join(id);
    let (spec, diags, _) = kassa_codegen::check::check_dir(&dir);
    assert!(diags.is_empty(), "spec/{id} has {} problem(s)", diags.len());
    spec.expect("a valid spec resolves")
}

/// The generated vendor and its operation table.
pub fn vendor(id: &str) -> (&'static Vendor, &'static [OperationEntry]) {
    kassa_client::vendors()
        .into_iter()
        .find(|(v, _)| v.id == id)
        .unwrap_or_else(|| panic!("kassa-client is built without the `{id}` feature"))
}

/// A concrete path for a REST template: every `{var}` becomes `1`.
pub fn sample_path(template: &str) -> String {
    let mut out = String::new();
    let mut in_var = false;
    for c in template.chars() {
        match c {
            '{' => in_var = true,
            '}' => {
                in_var = false;
                out.push('1');
            }
            _ if !in_var => out.push(c),
            _ => {}
        }
    }
    out
}

/// The HTTP request that carries `body` for the operation.
pub fn wire_request(vendor: &Vendor, info: &OperationInfo, body: &Value) -> WireRequest {
    let (method, path) = match (&vendor.protocol, info.http) {
        (Protocol::Rest { .. }, Some((m, p))) => (m, sample_path(p)),
        (Protocol::Form { path, .. }, _) => (Method::Post, path.replace("{operation}", info.wire)),
        _ => (Method::Post, String::new()),
    };
    let body = match &vendor.protocol {
        Protocol::Form { .. } => WireBody::Form(
            body.as_object()
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| codec::value_to_text(v).map(|t| (k.clone(), t)))
                        .collect()
                })
                .unwrap_or_default(),
        ),
        _ => WireBody::Json(body.clone()),
    };
    WireRequest {
        method,
        path,
        query: Vec::new(),
        headers: Vec::new(),
        body,
    }
}

/// The example's request with a slip of the operation name (recorded in
/// the spec as the example's `wrong_wire`, or a documented alias) read as
/// the operation's own name.
pub fn without_slip(
    vendor: &Vendor,
    op: &ir::Operation,
    ex: &ir::Example,
    request: &Value,
) -> Value {
    let mut request = request.clone();
    let slip =
        |w: &str| ex.wrong_wire.iter().any(|x| x == w) || op.wire_aliases.iter().any(|x| x == w);
    if let (
        Protocol::JsonEnvelope {
            operation_field, ..
        },
        Some(map),
    ) = (&vendor.protocol, request.as_object_mut())
        && map
            .get(*operation_field)
            .and_then(Value::as_str)
            .is_some_and(slip)
    {
        map.insert((*operation_field).to_owned(), Value::from(op.wire.as_str()));
    }
    request
}

/// Whether the generated types take `body` as a request of `entry`.
pub fn request_verdict(
    vendor: &Vendor,
    entry: &OperationEntry,
    body: &Value,
) -> Result<(), String> {
    let table = vendor_table(vendor);
    let infos: Vec<OperationInfo> = table.iter().map(|e| e.info).collect();
    let wire = wire_request(vendor, &entry.info, body);
    let decoded = codec::decode_request(vendor, &infos, &wire)
        .map_err(|e| format!("the codec does not read it: {e} (at `{}`)", e.path))?;
    if infos[decoded.operation].wire != entry.info.wire {
        return Err(format!(
            "read as operation {}",
            infos[decoded.operation].wire
        ));
    }
    (entry.request)(decoded.params)
        .map(drop)
        .map_err(|e| format!("{e} (at `{}`)", e.path))
}

/// Whether the generated types take `body` as a response of `entry`:
/// a success whose payload decodes, "not modified", or a vendor failure.
pub fn response_verdict(
    vendor: &Vendor,
    entry: &OperationEntry,
    status: u16,
    body: &Value,
) -> Result<(), String> {
    match codec::decode_response(vendor, &entry.info, status, &body.to_string()) {
        Ok(d) if d.not_modified => Ok(()),
        Ok(d) => entry
            .response_in_body(&vendor.protocol, d.data)
            .map(drop)
            .map_err(|e| format!("{e} (at `{}`)", e.path)),
        Err(Failure::Vendor { .. }) => Ok(()),
        Err(other) => Err(format!("{other:?}")),
    }
}

fn vendor_table(vendor: &Vendor) -> &'static [OperationEntry] {
    self::vendor(vendor.id).1
}
