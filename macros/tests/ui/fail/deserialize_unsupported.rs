//! What kassa's `Deserialize` cannot read exactly as serde would is an error
//! on the attribute, never a silent difference.

#[derive(Debug, kassa::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    #[serde(rename = "Id")]
    pub id: u64,
    #[serde(flatten)]
    pub rest: std::collections::BTreeMap<String, u64>,
    #[serde(rename(deserialize = "t"))]
    pub total: u64,
}

#[derive(Debug, kassa::Deserialize)]
pub struct Pair(pub u64, pub u64);

fn main() {}
