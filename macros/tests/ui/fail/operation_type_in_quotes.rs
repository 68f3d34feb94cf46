use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Receipt {
    pub number: u64,
}

// A type in quotes is an error on the string, with the fix in the user's words.
#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "sale", response = "Receipt", error = ApiError)]
pub struct Sale {
    pub total: u64,
}

fn main() {}
