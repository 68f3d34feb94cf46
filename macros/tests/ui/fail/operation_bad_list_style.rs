use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "list", response = (), error = ApiError, http = "GET /items")]
pub struct List {
    #[kassa(placement = "query", style = "pipes")]
    pub ids: Vec<u64>,
    #[kassa(style = "comma")]
    pub tags: Vec<String>,
}

fn main() {}
