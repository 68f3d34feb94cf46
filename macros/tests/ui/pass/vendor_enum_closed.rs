// A closed enum rejects unknown codes with the list of known ones.
use kassa::{Code, VendorEnum};

#[derive(Clone, Copy, Debug, PartialEq, Eq, kassa::VendorEnum)]
#[kassa(repr = "int", closed)]
pub enum Vat {
    #[kassa(code = 0)]
    Zero,
    #[kassa(code = 18)]
    Standard,
}

fn main() {
    assert!(!Vat::OPEN);
    assert_eq!(serde_json::from_str::<Vat>("18").unwrap(), Vat::Standard);
    let err = serde_json::from_str::<Vat>("7").unwrap_err().to_string();
    assert!(err.starts_with("unknown Vat code 7, expected one of 0, 18"), "{err}");
    assert_eq!(Vat::from_code(Code::Int(7)), None);
    assert_eq!("7".parse::<Vat>(), Err("unknown Vat code 7, expected one of 0, 18".to_owned()));
    assert_eq!(Vat::Standard.to_string(), "Standard");
}
