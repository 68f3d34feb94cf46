// Records told apart by their `op` field; unknown records kept whole.
use serde::{Deserialize, Serialize};
use serde_json::json;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::__private::JsonSchema)]
#[schemars(crate = "kassa::__private::schemars")]
pub struct SaleRecord {
    pub sum: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::__private::JsonSchema)]
#[schemars(crate = "kassa::__private::schemars")]
pub struct ReturnRecord {
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, kassa::Tagged)]
#[kassa(tag = "op", repr = "int")]
pub enum Record {
    #[kassa(code = 1)]
    Sale(SaleRecord),
    #[kassa(code = 2)]
    Return(ReturnRecord),
    #[kassa(other)]
    Unknown(kassa::__private::serde_json::Value),
}

fn main() {
    let sale = Record::Sale(SaleRecord { sum: 150 });
    let text = serde_json::to_string(&sale).unwrap();
    assert_eq!(text, r#"{"op":1,"sum":150}"#);
    assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), sale);
    assert_eq!(
        serde_json::from_value::<Record>(json!({"op": "2", "reason": "damaged"})).unwrap(),
        Record::Return(ReturnRecord { reason: "damaged".to_owned() })
    );

    let raw = json!({"op": 77, "anything": [1, 2]});
    let unknown = serde_json::from_value::<Record>(raw.clone()).unwrap();
    assert_eq!(unknown, Record::Unknown(raw.clone()));
    assert_eq!(serde_json::to_value(&unknown).unwrap(), raw);

    let err = serde_json::from_value::<Record>(json!({"sum": 1})).unwrap_err().to_string();
    assert_eq!(err, "missing tag `op`");
    let err = serde_json::from_value::<Record>(json!({"op": 1})).unwrap_err().to_string();
    assert_eq!(err, "invalid Record with `op` 1 (Sale): missing field `sum`");
}
