// String tags, no fallback: unknown tags are errors; the schema lists each record.
use kassa::__private::schemars::{JsonSchema, SchemaGenerator};
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::__private::schemars::JsonSchema)]
#[schemars(crate = "kassa::__private::schemars")]
pub struct Cash {
    pub amount: i64,
}

/// A payment line.
#[derive(Clone, Debug, PartialEq, kassa::Tagged)]
#[kassa(tag = "type", repr = "string")]
pub enum Payment {
    #[kassa(code = "cash")]
    Cash(Cash),
}

#[derive(Debug, kassa::Tagged)]
#[kassa(tag = "op", repr = "int")]
pub enum Broken {
    #[kassa(code = 1)]
    Number(Wrapper),
}

#[derive(Debug, Serialize, Deserialize, kassa::__private::schemars::JsonSchema)]
#[schemars(crate = "kassa::__private::schemars")]
/// Serializes as a bare number, so it cannot carry a tag.
#[serde(transparent)]
pub struct Wrapper(pub i64);

fn main() {
    let p = Payment::Cash(Cash { amount: 5 });
    assert_eq!(serde_json::to_string(&p).unwrap(), r#"{"type":"cash","amount":5}"#);
    let err = serde_json::from_value::<Payment>(json!({"type": "card"})).unwrap_err().to_string();
    assert_eq!(err, "unknown Payment `type` \"card\", expected one of \"cash\"");
    let err = serde_json::to_string(&Broken::Number(Wrapper(3))).unwrap_err().to_string();
    assert_eq!(err, "Broken::Number must serialize to a JSON object to carry the tag `op`");

    let schema = Payment::json_schema(&mut SchemaGenerator::default()).to_value();
    assert_eq!(
        schema,
        json!({
            "description": "A payment line.",
            "oneOf": [{"allOf": [{"$ref": "#/$defs/Cash"}, {"properties": {"type": {"const": "cash"}}, "required": ["type"]}]}]
        })
    );
}
