// Newtypes add no path segment; tagged unions validate the variant they hold.
use kassa::Validate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub struct Tin(#[kassa(min_length = 10, max_length = 10)] pub String);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub struct Buyer {
    #[serde(rename = "TIN")]
    pub tin: Tin,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub struct Extra {
    #[kassa(max_length = 3)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub enum Payload {
    Buyer(Buyer),
    Count(#[kassa(min = 1)] u32),
    Empty,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub struct Nothing;

fn main() {
    assert_eq!(Tin("12".to_owned()).validate().unwrap_err().path, "");
    let buyer = Buyer { tin: Tin("12".to_owned()), extra: Extra { note: None } };
    assert_eq!(buyer.validate().unwrap_err().path, "TIN");
    let buyer = Buyer { tin: Tin("0123456789".to_owned()), extra: Extra { note: Some("long".to_owned()) } };
    assert_eq!(buyer.validate().unwrap_err().path, "note");
    assert_eq!(Payload::Buyer(buyer).validate().unwrap_err().path, "note");
    assert_eq!(Payload::Count(0).validate().unwrap_err().reason, "must be at least 1, got 0");
    assert_eq!(Payload::Count(1).validate(), Ok(()));
    assert_eq!(Payload::Empty.validate(), Ok(()));
    assert_eq!(Nothing.validate(), Ok(()));
}
