#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "message")]
pub enum ApiError {
    #[kassa(matches = "busy")]
    Busy,
    #[kassa(other)]
    Unknown,
    #[kassa(other)]
    Unexpected,
}

fn main() {}
