use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "openShift", response = (), error = ApiError, http = "POST /kkms/{IdKkm}/shifts")]
pub struct OpenShift {
    pub cashier: String,
}

#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "closeShift", response = (), error = ApiError, http = "POST /kkms/{IdKkm}/close")]
pub struct CloseShift {
    #[serde(rename = "IdKkm")]
    pub id_kkm: u64,
}

fn main() {}
