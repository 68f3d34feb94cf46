#[derive(kassa::Validate)]
pub struct Item {
    #[kassa(min = 100, max = "99.5")]
    pub price: f64,
    #[kassa(min_length = 5, max_length = 2)]
    pub name: String,
}

fn main() {}
