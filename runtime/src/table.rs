//! Operation tables: each generated vendor module lists its operations
//! with type-erased functions, so tools that pick an operation by name at
//! run time (the example server, the decode tool, conformance tests) can
//! decode and re-encode its payloads with the generated types.

use serde_json::Value;

use crate::codec::{data_path, decode_typed, join};
use crate::{Code, DecodeError, ErrorTable, Operation, OperationInfo, Protocol, Validate};

/// How a vendor failure classifies in an operation's error table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classified {
    /// The table entry (`InvalidShiftStatus`, or the fallback).
    pub name: &'static str,
    /// The whole error as `Display` prints it.
    pub text: String,
}

/// One operation of a vendor, type-erased.
#[derive(Clone, Copy, Debug)]
pub struct OperationEntry {
    pub info: OperationInfo,
    /// Decodes request parameters with the request type, checks the spec's
    /// constraints, and encodes them again.
    pub request: fn(Value) -> Result<Value, DecodeError>,
    /// Decodes a response payload with the response type, checks the spec's
    /// constraints, and encodes it again.
    pub response: fn(Value) -> Result<Value, DecodeError>,
    /// A response payload built from the response type's defaults.
    pub sample_response: fn() -> Value,
    /// Classifies a vendor failure with the operation's error table.
    pub classify: fn(Option<&Code>, Option<&str>) -> Classified,
    /// Decodes request parameters with the request type and writes its
    /// [direct path](Operation::direct_path); `None` where it has none
    /// (or the parameters do not decode).
    pub direct_path: fn(Value) -> Option<String>,
}

impl OperationEntry {
    pub const fn of<O>() -> OperationEntry
    where
        O: Operation,
        O::Response: Default + Validate,
    {
        OperationEntry {
            info: O::INFO,
            request: roundtrip_request::<O>,
            response: roundtrip::<O::Response>,
            sample_response: sample::<O::Response>,
            classify: classify::<O::Error>,
            direct_path: direct_path::<O>,
        }
    }

    /// [`response`](Self::response) of the payload of a body in `protocol`'s
    /// envelope: an error's path starts at the body (`data[0].id`), as the
    /// client's does, not at the payload (`[0].id`).
    pub fn response_in_body(
        &self,
        protocol: &Protocol,
        payload: Value,
    ) -> Result<Value, DecodeError> {
        (self.response)(payload).map_err(|e| DecodeError {
            path: join(data_path(protocol), &e.path),
            ..e
        })
    }

    /// Finds an operation by wire name, wire alias or Rust name.
    pub fn find<'a>(table: &'a [OperationEntry], name: &str) -> Option<&'a OperationEntry> {
        table
            .iter()
            .find(|e| e.info.wire == name || e.info.name == name)
            .or_else(|| table.iter().find(|e| e.info.wire_aliases.contains(&name)))
    }
}

fn roundtrip_request<O: Operation>(params: Value) -> Result<Value, DecodeError> {
    let raw = params.to_string();
    // An operation without parameters is a unit struct, which reads `null`;
    // a protocol that merges parameters into the envelope leaves `{}`.
    let params = match params {
        Value::Object(map)
            if map.is_empty() && serde_json::from_value::<O>(Value::Null).is_ok() =>
        {
            Value::Null
        }
        other => other,
    };
    let decoded: O = decode_typed(params, "", &raw)?;
    checked(&decoded, &raw)?;
    serde_json::to_value(&decoded)
        .map_err(|e| DecodeError::new("", format!("cannot encode: {e}"), raw))
}

fn direct_path<O: Operation>(params: Value) -> Option<String> {
    serde_json::from_value::<O>(params).ok()?.direct_path()
}

fn roundtrip<T: serde::Serialize + serde::de::DeserializeOwned + Validate>(
    value: Value,
) -> Result<Value, DecodeError> {
    let raw = value.to_string();
    let decoded: T = decode_typed(value, "", &raw)?;
    checked(&decoded, &raw)?;
    serde_json::to_value(&decoded)
        .map_err(|e| DecodeError::new("", format!("cannot encode: {e}"), raw))
}

/// A decoded value that breaks a constraint of the spec is not a valid payload.
fn checked<T: Validate>(value: &T, raw: &str) -> Result<(), DecodeError> {
    value
        .validate()
        .map_err(|e| DecodeError::new(&e.path, e.reason, raw))
}

fn sample<T: serde::Serialize + Default>() -> Value {
    serde_json::to_value(T::default()).unwrap_or(Value::Null)
}

fn classify<E: ErrorTable>(code: Option<&Code>, message: Option<&str>) -> Classified {
    let kind = E::from_wire(code, message);
    let error = crate::VendorError {
        kind,
        raw_code: code.cloned(),
        message: message.map(str::to_owned),
        http_status: 0,
        details: None,
    };
    Classified {
        name: error.kind.name(),
        text: error.to_string(),
    }
}
