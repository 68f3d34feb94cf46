#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum PayForm {
    #[kassa(code = "0")]
    Cash,
    #[kassa(other)]
    Unknown(i64),
}

#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "string")]
pub enum Kind {
    #[kassa(code = 1)]
    Product,
    #[kassa(other)]
    Unknown(String),
}

fn main() {}
