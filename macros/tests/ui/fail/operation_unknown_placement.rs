use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "openShift", response = (), error = ApiError)]
pub struct OpenShift {
    #[kassa(placement = "body")]
    pub cashier: String,
}

fn main() {}
