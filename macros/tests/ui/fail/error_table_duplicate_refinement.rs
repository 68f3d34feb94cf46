#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum HttpError {
    #[kassa(code = 403, matches = "blocked")]
    Blocked,
    #[kassa(code = 403, matches = "blocked")]
    AlsoBlocked,
    #[kassa(other)]
    Unknown,
}

fn main() {}
