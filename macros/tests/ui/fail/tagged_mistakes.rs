#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct SaleRecord {
    pub sum: i64,
}

#[derive(Debug, kassa::Tagged)]
#[kassa(repr = "int")]
pub enum Record {
    #[kassa(code = 1)]
    Sale(SaleRecord),
    #[kassa(code = 1)]
    Again(SaleRecord),
    Untagged(SaleRecord),
    #[kassa(other)]
    Unknown(String),
}

fn main() {}
