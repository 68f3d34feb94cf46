use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

// One error for the misspelt key; no second one saying `wire` is missing.
#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wrie = "sale", response = (), error = ApiError)]
pub struct Sale {
    pub total: u64,
}

fn main() {}
