// Every mistake is reported, not only the first.
#[derive(Debug, kassa::VendorEnum)]
#[kassa(repr = "int", closd)]
pub enum PayForm {
    #[kassa(code = 0)]
    Cash,
    #[kassa(code = "1")]
    Card,
    #[kassa(code = 0, doc = 5)]
    Cheque,
    Voucher,
}

fn main() {}
