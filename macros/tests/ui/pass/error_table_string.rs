// String codes; an integer code on the wire is compared as text.
use kassa::{Code, ErrorTable};

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "string")]
pub enum IcashError {
    #[kassa(code = "E_AUTH", category = "auth")]
    Auth,
    #[kassa(code = "404", category = "not_found")]
    NotFound,
    #[kassa(other, category = "server")]
    Unknown,
}

fn main() {
    assert_eq!(IcashError::from_wire(Some(&Code::str("E_AUTH")), None), IcashError::Auth);
    assert_eq!(IcashError::from_wire(Some(&Code::Int(404)), None), IcashError::NotFound);
    assert_eq!(IcashError::from_wire(Some(&Code::str("E_X")), None), IcashError::Unknown);
    assert_eq!(IcashError::Auth.to_string(), "Auth (code \"E_AUTH\")");
    assert_eq!(IcashError::Auth.code(), Some(Code::str("E_AUTH")));
    assert_eq!(IcashError::Unknown.category(), kassa::Category::Server);
}
