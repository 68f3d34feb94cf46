#[derive(kassa::Validate)]
pub struct Item {
    #[kassa(pattern = 123)]
    pub code: String,
    #[kassa(min = "abc")]
    pub price: f64,
}

fn main() {}
