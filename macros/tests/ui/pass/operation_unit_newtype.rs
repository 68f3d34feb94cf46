// Operations without parameters (a unit struct) and with one body value (a newtype).
use kassa::{Mint, Operation};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "string")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "GETINFO", response = Vec<String>, error = ApiError, http = "GET /info")]
pub struct GetInfo;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "upload", response = serde_json::Value, error = ApiError, http = "PUT /files")]
pub struct UploadJSON(pub serde_json::Value);

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "close", response = (), error = ApiError, idempotency = "key")]
pub struct Close {
    pub key: String,
}

fn main() {
    assert_eq!(GetInfo::INFO.name, "get_info");
    assert_eq!(GetInfo::INFO.http, Some((kassa::Method::Get, "/info")));
    let _: <GetInfo as Operation>::Response = vec!["x".to_owned()];
    assert_eq!(UploadJSON::INFO.name, "upload_json");
    assert!(UploadJSON::INFO.placement.is_empty());
    assert_eq!(
        Close::INFO.idempotency,
        Some(kassa::Idempotency {
            field: "key",
            mint: Mint::Caller,
            dedup: kassa::Dedup::NotChecked,
        })
    );
}
