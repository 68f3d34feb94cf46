#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub struct PayForm {
    pub code: i64,
}

fn main() {}
