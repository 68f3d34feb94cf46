// An error table with integer codes: classification, numeric strings, fallback.
use kassa::{Category, Code, ErrorTable};

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    /// Repeated DocumentUUID value.
    #[kassa(
        code = 1,
        message = "Repeated DocumentUUID value",
        remedy = "Send the request with a new DocumentUUID",
        category = "conflict",
        retryable
    )]
    RepeatedDocumentUuid,
    #[kassa(code = 2, category = "state", retry = "unknown")]
    ShiftClosed,
    #[kassa(other)]
    Unknown,
}

fn main() {
    assert_eq!(ApiError::from_wire(Some(&Code::Int(1)), None), ApiError::RepeatedDocumentUuid);
    assert_eq!(ApiError::from_wire(Some(&Code::str("2")), Some("closed")), ApiError::ShiftClosed);
    assert_eq!(ApiError::from_wire(Some(&Code::Int(3)), None), ApiError::Unknown);
    assert_eq!(ApiError::from_wire(Some(&Code::str("x")), None), ApiError::Unknown);
    assert_eq!(ApiError::from_wire(None, Some("anything")), ApiError::Unknown);

    let e = ApiError::RepeatedDocumentUuid;
    assert_eq!(e.to_string(), "RepeatedDocumentUuid (code 1)");
    assert_eq!(e.code(), Some(Code::Int(1)));
    assert_eq!(e.name(), "RepeatedDocumentUuid");
    assert_eq!(e.message(), Some("Repeated DocumentUUID value"));
    assert_eq!(e.remedy(), Some("Send the request with a new DocumentUUID"));
    assert_eq!(e.category(), Category::Conflict);
    assert!(e.is_retryable());
    assert_eq!(ApiError::ShiftClosed.category(), Category::State);
    assert!(!ApiError::ShiftClosed.is_retryable());
    assert_eq!(e.retry(), kassa::Retry::SameRequest, "`retryable` is `retry = \"same_request\"`");
    assert_eq!(ApiError::ShiftClosed.retry(), kassa::Retry::Unknown);
    assert_eq!(ApiError::Unknown.retry(), kassa::Retry::Never);
    assert_eq!(ApiError::Unknown.to_string(), "Unknown");
    assert_eq!(ApiError::Unknown.code(), None);
    assert_eq!(ApiError::Unknown.category(), Category::Other);
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert_eq!(boxed.to_string(), "RepeatedDocumentUuid (code 1)");
}
