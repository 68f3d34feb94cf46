use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

// `kassa::Validate` forgotten: the error names the derive to add.
#[derive(Debug, Serialize, Deserialize, kassa::Operation)]
#[kassa(wire = "sale", response = (), error = ApiError)]
pub struct Sale {
    pub total: u64,
}

fn main() {}
