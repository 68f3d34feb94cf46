// An open string enum keeps unknown codes as text; negative integer codes work too.
use kassa::{Code, VendorEnum};

#[derive(Clone, Debug, PartialEq, Eq, kassa::VendorEnum)]
#[kassa(repr = "string")]
pub enum Unit {
    #[kassa(code = "PCS", doc = "Pieces.")]
    Pieces,
    #[kassa(code = "KG")]
    Kilograms,
    #[kassa(other)]
    Unknown(String),
}

#[derive(Clone, Debug, PartialEq, Eq, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum Status {
    #[kassa(code = -1)]
    Failed,
    #[kassa(code = 0)]
    Ok,
    #[kassa(other)]
    Other(i64),
}

fn main() {
    assert_eq!(Unit::VALUES[0].code, Code::str("PCS"));
    assert_eq!(Unit::VALUES[0].doc, "Pieces.");
    assert_eq!(serde_json::to_string(&Unit::Kilograms).unwrap(), "\"KG\"");
    assert_eq!(serde_json::from_str::<Unit>("\"PCS\"").unwrap(), Unit::Pieces);
    let unknown = serde_json::from_str::<Unit>("\"LTR\"").unwrap();
    assert_eq!(unknown, Unit::Unknown("LTR".to_owned()));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), "\"LTR\"");
    assert_eq!(unknown.code(), Code::str("LTR"));
    assert_eq!(unknown.known(), None);
    assert_eq!("KG".parse::<Unit>(), Ok(Unit::Kilograms));
    assert_eq!("Kilograms".parse::<Unit>(), Ok(Unit::Kilograms));

    assert_eq!(serde_json::from_str::<Status>("-1").unwrap(), Status::Failed);
    assert_eq!(serde_json::to_string(&Status::Failed).unwrap(), "-1");
    assert_eq!(Status::from_code(Code::Int(3)), Some(Status::Other(3)));
}
