#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "string")]
pub enum Kind {
    #[kassa(code = "PRODUCT")]
    Product,
}

fn main() {}
