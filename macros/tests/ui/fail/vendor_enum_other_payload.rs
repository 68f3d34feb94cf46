#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum PayForm {
    #[kassa(code = 0)]
    Cash,
    #[kassa(other)]
    Unknown(String),
}

#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "string")]
pub enum Kind {
    #[kassa(code = "A")]
    A,
    #[kassa(other)]
    Unknown,
}

fn main() {}
