// A coded table where one HTTP status means several things, told apart by
// the message, and a failure known only by its message (Kassa24's table).
use kassa::{Code, ErrorTable};

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum HttpError {
    #[kassa(code = 403, category = "permission")]
    AccessDenied,
    #[kassa(code = 403, matches = "уже открыта смена", category = "state")]
    ShiftAlreadyOpen,
    #[kassa(code = 403, matches = "касса заблокирована", category = "state")]
    RegisterBlocked,
    #[kassa(matches = "header has no Uid", category = "invalid_request")]
    UidMissing,
    #[kassa(other)]
    Unknown,
}

fn main() {
    let c = Code::Int(403);
    assert_eq!(HttpError::from_wire(Some(&c), Some("уже открыта смена №5")), HttpError::ShiftAlreadyOpen);
    assert_eq!(HttpError::from_wire(Some(&c), Some("касса заблокирована")), HttpError::RegisterBlocked);
    assert_eq!(HttpError::from_wire(Some(&c), Some("нет доступа")), HttpError::AccessDenied);
    assert_eq!(HttpError::from_wire(Some(&Code::Int(400)), Some("header has no Uid")), HttpError::UidMissing);
    assert_eq!(HttpError::from_wire(Some(&Code::Int(500)), Some("boom")), HttpError::Unknown);
    assert_eq!(HttpError::ShiftAlreadyOpen.code(), Some(Code::Int(403)));
}
