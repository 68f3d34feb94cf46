// An open integer enum: round trips, numeric strings, unknown codes kept.
use kassa::{Code, VendorEnum};

/// How the customer pays.
#[derive(Clone, Debug, PartialEq, Eq, Hash, kassa::VendorEnum)]
#[kassa(repr = "int")]
pub enum PayForm {
    /// Cash payment.
    #[kassa(code = 0)]
    Cash,
    #[kassa(code = 1)]
    Card,
    /// A code this client does not know yet.
    #[kassa(other)]
    Unknown(i64),
}

fn main() {
    assert_eq!(PayForm::NAME, "PayForm");
    assert!(PayForm::OPEN);
    assert_eq!(PayForm::VALUES.len(), 2);
    assert_eq!(PayForm::VALUES[0].doc, "Cash payment.");
    assert_eq!(PayForm::VALUES[1].code, Code::Int(1));
    assert_eq!(PayForm::Card.code(), Code::Int(1));

    for value in [PayForm::Cash, PayForm::Card, PayForm::Unknown(7)] {
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(serde_json::from_str::<PayForm>(&json).unwrap(), value);
    }
    assert_eq!(serde_json::to_string(&PayForm::Unknown(7)).unwrap(), "7");
    assert_eq!(serde_json::from_str::<PayForm>("\"1\"").unwrap(), PayForm::Card);
    assert_eq!(serde_json::from_str::<PayForm>("42").unwrap(), PayForm::Unknown(42));
    assert!(serde_json::from_str::<PayForm>("\"card\"").is_err());

    assert_eq!(PayForm::Cash.to_string(), "Cash");
    assert_eq!(PayForm::Unknown(7).to_string(), "unknown code 7");
    assert_eq!("Card".parse::<PayForm>(), Ok(PayForm::Card));
    assert_eq!("0".parse::<PayForm>(), Ok(PayForm::Cash));
    assert_eq!("8".parse::<PayForm>(), Ok(PayForm::Unknown(8)));
    assert!("Cheque".parse::<PayForm>().is_err());
}
