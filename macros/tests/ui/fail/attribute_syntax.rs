#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum PayForm {
    #[kassa(code = )]
    Cash,
    #[kassa(code = 1 doc = "Card")]
    Card,
    #[kassa(other 2)]
    Unknown(i64),
}

fn main() {}
