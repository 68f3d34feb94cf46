#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(code = 17)]
    First,
    #[kassa(code = 18)]
    Second,
    #[kassa(code = 17)]
    Third,
    #[kassa(other)]
    Unknown,
}

fn main() {}
