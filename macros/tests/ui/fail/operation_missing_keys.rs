use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(name = "open_shift")]
pub struct OpenShift {
    pub cashier: String,
}

fn main() {}
