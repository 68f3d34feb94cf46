// A table matched by a case-sensitive part of the vendor message.
use kassa::{Category, Code, ErrorTable};

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "message")]
pub enum KzError {
    #[kassa(matches = "Session expired", category = "auth", retryable)]
    SessionExpired,
    #[kassa(r#match = "Kkm not found", category = "not_found")]
    KkmNotFound,
    #[kassa(message = "Too many requests", category = "rate_limit")]
    TooManyRequests,
    #[kassa(other)]
    Unknown,
}

fn main() {
    assert_eq!(KzError::from_wire(None, Some("Error: Session expired.")), KzError::SessionExpired);
    assert_eq!(KzError::from_wire(Some(&Code::Int(1)), Some("Kkm not found: 12")), KzError::KkmNotFound);
    assert_eq!(KzError::from_wire(None, Some("Too many requests")), KzError::TooManyRequests);
    assert_eq!(KzError::from_wire(None, Some("session expired")), KzError::Unknown);
    assert_eq!(KzError::from_wire(None, None), KzError::Unknown);
    assert_eq!(KzError::SessionExpired.code(), None);
    assert_eq!(KzError::SessionExpired.message(), Some("Session expired"));
    assert_eq!(KzError::SessionExpired.to_string(), "SessionExpired");
    assert!(KzError::SessionExpired.is_retryable());
    assert_eq!(KzError::TooManyRequests.category(), Category::RateLimit);
}
