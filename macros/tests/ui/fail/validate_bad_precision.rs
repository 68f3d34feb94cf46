use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize, kassa::Validate)]
pub struct Line {
    #[kassa(precision = 12)]
    pub amount: kassa::Decimal,
    #[kassa(precision = 2, scale = 4)]
    pub rate: kassa::Decimal,
}

fn main() {}
