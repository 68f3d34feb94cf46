//! kassa's `Deserialize` on a struct with named fields, outside the runtime
//! crate, with every key it reads.

mod double {
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        <u64 as serde::Deserialize>::deserialize(d).map(|v| v * 2)
    }
}

#[derive(Debug, PartialEq, kassa::Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Receipt {
    pub receipt_id: u64,
    #[serde(rename = "sum", alias = "Total", skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    #[serde(default)]
    pub lines: Vec<String>,
    #[serde(deserialize_with = "double::deserialize")]
    pub doubled: u64,
}

fn main() {
    let r: Receipt =
        serde_json::from_str(r#"{"ReceiptId": 7, "Total": 3, "Doubled": 2, "x": [1]}"#).unwrap();
    assert_eq!(
        r,
        Receipt {
            receipt_id: 7,
            total: Some(3),
            lines: vec![],
            doubled: 4
        }
    );
    let e = serde_json::from_str::<Receipt>(r#"{"Doubled": 1}"#).unwrap_err();
    assert_eq!(e.to_string(), "missing field `ReceiptId` at line 1 column 14");
}
