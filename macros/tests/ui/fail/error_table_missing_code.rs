#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "string")]
pub enum ApiError {
    #[kassa(message = "Session expired", category = "auth")]
    SessionExpired,
    #[kassa(other)]
    Unknown,
}

fn main() {}
