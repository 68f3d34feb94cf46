use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "sale", response = (), error = ApiError, idempotency = "document_uuid", mint = "uuid_v4")]
pub struct Sale {
    #[serde(rename = "documentUUID")]
    pub document_uuid: String,
    pub total: u64,
}

fn main() {}
