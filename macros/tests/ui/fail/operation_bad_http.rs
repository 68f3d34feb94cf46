use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "list", response = (), error = ApiError, http = "FETCH /x")]
pub struct List;

#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "get", response = (), error = ApiError, http = "GET items/{id}")]
pub struct Get {
    #[kassa(placement = "path")]
    pub id: u32,
}

fn main() {}
