// A type with patterns, built against a kassa without its `pattern` feature:
// one error per pattern, on its field, that names the feature.
#[derive(kassa::Validate)]
pub struct Receipt {
    #[kassa(pattern = "[0-9]{10}")]
    pub tin: String,
    #[kassa(each_pattern = "[a-z]+")]
    pub tags: Vec<String>,
    #[kassa(max_length = 20)]
    pub note: String,
}

fn main() {}
