// A reply and a params style the derive does not know.
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "receipt", response = String, error = ApiError, reply = "pdf", params = "by_order")]
pub struct Receipt {
    pub id: u64,
}

fn main() {}
