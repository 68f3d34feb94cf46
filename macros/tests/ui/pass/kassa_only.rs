// A downstream crate that names neither serde nor schemars itself.
use kassa::{ErrorTable, VendorEnum};

#[derive(Clone, Debug, PartialEq, Eq, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum Vat {
    #[kassa(code = 1)]
    Standard,
    #[kassa(other)]
    Unknown(i64),
}

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum Errors {
    #[kassa(code = 5, category = "device", retryable)]
    PrinterOffline,
    #[kassa(other)]
    Unknown,
}

fn main() {
    assert_eq!(Vat::from_code(kassa::Code::Int(1)), Some(Vat::Standard));
    assert_eq!(Errors::from_wire(Some(&kassa::Code::Int(5)), None).category(), kassa::Category::Device);
}
