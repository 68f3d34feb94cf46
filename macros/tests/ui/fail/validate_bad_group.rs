use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize, kassa::Validate)]
#[kassa(exactly_one_of = ["a", "b"], at_least_one_of = ["a", "nope"], exactly_one_of = ["a"])]
pub struct Item {
    pub a: Option<u64>,
    pub b: u64,
}

fn main() {}
