#[derive(kassa::Validate)]
pub struct Item {
    #[kassa(min = 1, max_len = 10)]
    pub name: String,
}

fn main() {}
