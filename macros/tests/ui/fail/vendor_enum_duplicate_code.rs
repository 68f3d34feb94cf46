#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum PayForm {
    #[kassa(code = 0)]
    Cash,
    #[kassa(code = 0)]
    Card,
    #[kassa(other)]
    Unknown(i64),
}

fn main() {}
