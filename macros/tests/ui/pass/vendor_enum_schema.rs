// JSON Schema of vendor enums: documented codes, plus any integer when open.
use kassa::__private::schemars::{JsonSchema, SchemaGenerator};
use serde_json::json;

/// How the customer pays.
#[derive(Clone, Debug, PartialEq, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum PayForm {
    #[kassa(code = 0)]
    Cash,
    #[kassa(code = 1)]
    Card,
    #[kassa(other)]
    Unknown(i64),
}

#[derive(Clone, Debug, PartialEq, kassa::VendorEnum)]
#[kassa(repr = "string", closed)]
pub enum Kind {
    #[kassa(code = "PRODUCT")]
    Product,
}

fn main() {
    let mut generator = SchemaGenerator::default();
    assert_eq!(
        PayForm::json_schema(&mut generator).to_value(),
        json!({
            "description": "How the customer pays.",
            "anyOf": [{"enum": [0, 1], "description": "0 Cash; 1 Card"}, {"type": "integer"}]
        })
    );
    assert_eq!(Kind::json_schema(&mut generator).to_value(), json!({"enum": ["PRODUCT"]}));
    assert_eq!(PayForm::schema_name(), "PayForm");
}
