#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(code = 1, retry = "later")]
    Busy,
    #[kassa(other)]
    Unknown,
}

fn main() {}
