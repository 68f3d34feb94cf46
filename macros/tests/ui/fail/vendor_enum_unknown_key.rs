#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum PayForm {
    #[kassa(cod = 0)]
    Cash,
    #[kassa(other)]
    Unknown(i64),
}

fn main() {}
