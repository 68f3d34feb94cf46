#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(code = 1, matches = "Session expired")]
    SessionExpired,
    #[kassa(other)]
    Unknown,
}

fn main() {}
