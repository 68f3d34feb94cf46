#[derive(Clone, Debug, PartialEq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(code = 1, category = "conflicts")]
    Repeated,
    #[kassa(code = 2, category = "timeout")]
    Slow,
    #[kassa(other)]
    Unknown,
}

fn main() {}
