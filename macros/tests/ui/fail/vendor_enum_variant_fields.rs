#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum PayForm {
    #[kassa(code = 0)]
    Cash { amount: u32 },
    #[kassa(other)]
    Unknown(i64),
}

fn main() {}
