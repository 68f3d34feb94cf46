#[derive(Debug, kassa::VendorEnum)]
pub enum PayForm {
    #[kassa(code = 0)]
    Cash,
    #[kassa(other)]
    Unknown(i64),
}

fn main() {}
