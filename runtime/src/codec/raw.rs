//! Replies that are not JSON in the protocol's envelope: text (a receipt as
//! `text/plain`), bytes (a PDF or PNG receipt) and empty bodies, alone or
//! as the alternative of a JSON reply (iCash `login` sometimes answers with
//! nothing).

use serde::de::DeserializeOwned;
use serde::de::value::{BytesDeserializer, Error as ValueError, StrDeserializer, UnitDeserializer};
use serde_json::Map;

use super::response::{Failure, decode_response};
use super::typed::{Answer, Typed};
use crate::{DecodeError, OperationInfo, ReplyKind, Vendor};

/// Reads a successful (2xx) reply of an operation whose reply is not plain
/// JSON. `None`: the body is for the JSON path (a JSON reply, or a vendor
/// error in the envelope where text or bytes were expected).
pub(crate) fn decode<T: DeserializeOwned>(
    vendor: &Vendor,
    info: &OperationInfo,
    status: u16,
    body: &[u8],
) -> Option<Result<Typed<T>, Failure>> {
    let blank = || body.iter().all(u8::is_ascii_whitespace);
    let value: Result<T, ValueError> = match info.reply {
        ReplyKind::Json => return None,
        ReplyKind::JsonOrEmpty | ReplyKind::Empty if blank() => {
            T::deserialize(UnitDeserializer::<ValueError>::new())
        }
        ReplyKind::JsonOrEmpty | ReplyKind::Empty => return None,
        ReplyKind::Text | ReplyKind::Binary if vendor_error(vendor, info, status, body) => {
            return None;
        }
        ReplyKind::Text => match std::str::from_utf8(body) {
            Ok(text) => T::deserialize(StrDeserializer::<ValueError>::new(text)),
            Err(e) => {
                return Some(Err(Failure::Decode(DecodeError::new(
                    "",
                    format!(
                        "the text reply is not UTF-8 (invalid byte at offset {})",
                        e.valid_up_to()
                    ),
                    String::from_utf8_lossy(body),
                ))));
            }
        },
        ReplyKind::Binary => T::deserialize(BytesDeserializer::<ValueError>::new(body)),
    };
    Some(
        value
            .map(|data| Typed {
                answer: Answer::Done,
                data: Some(data),
                extra: Map::new(),
            })
            .map_err(|e| {
                Failure::Decode(DecodeError::new(
                    "",
                    format!("the {} reply does not fit: {e}", what(info.reply)),
                    String::from_utf8_lossy(&body[..body.len().min(256)]),
                ))
            }),
    )
}

/// A JSON object body that the envelope reads as a failure: the vendor
/// answered an error where text or bytes were due.
fn vendor_error(vendor: &Vendor, info: &OperationInfo, status: u16, body: &[u8]) -> bool {
    let starts_object = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    starts_object
        && std::str::from_utf8(body).is_ok_and(|text| {
            matches!(
                decode_response(vendor, info, status, text),
                Err(Failure::Vendor { .. })
            )
        })
}

fn what(reply: ReplyKind) -> &'static str {
    match reply {
        ReplyKind::Json | ReplyKind::JsonOrEmpty => "JSON",
        ReplyKind::Text => "text",
        ReplyKind::Binary => "binary",
        ReplyKind::Empty => "empty",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Base64, Envelope, Protocol};

    static VENDOR: Vendor = Vendor {
        id: "raw",
        name: "Raw",
        servers: &[],
        protocol: Protocol::Rest {
            response: Envelope {
                status_field: Some("status"),
                message_field: Some("message"),
                data_field: Some("data"),
                success: &[crate::Code::Int(200)],
                ..Envelope::BARE
            },
        },
        auth: &[],
        state: &[],
        headers: &[],
        lifecycles: &[],
        counters: &[],
        revisions: &[],
    };

    fn info(reply: ReplyKind) -> OperationInfo {
        OperationInfo {
            reply,
            ..OperationInfo::TEST
        }
    }

    #[test]
    fn text_bytes_and_empty_replies_decode_as_they_are() {
        let text: Typed<String> = decode(&VENDOR, &info(ReplyKind::Text), 200, b"TOTAL 4.20\n")
            .unwrap()
            .unwrap();
        assert_eq!(text.data.as_deref(), Some("TOTAL 4.20\n"));
        let pdf: Typed<Base64> = decode(&VENDOR, &info(ReplyKind::Binary), 200, b"%PDF-1.7\xff")
            .unwrap()
            .unwrap();
        assert_eq!(pdf.data.unwrap().0, b"%PDF-1.7\xff");
        let nothing: Typed<()> = decode(&VENDOR, &info(ReplyKind::Empty), 204, b"")
            .unwrap()
            .unwrap();
        assert_eq!(nothing.data, Some(()));
        let none: Typed<Option<u32>> = decode(&VENDOR, &info(ReplyKind::JsonOrEmpty), 200, b" \n")
            .unwrap()
            .unwrap();
        assert_eq!(none.data, Some(None));
    }

    #[test]
    fn json_goes_the_json_way() {
        // A JSON reply of an operation that may also answer empty.
        assert!(
            decode::<Option<u32>>(&VENDOR, &info(ReplyKind::JsonOrEmpty), 200, b"{}").is_none()
        );
        // A vendor error in the envelope where text was due.
        let error = br#"{"status": 500, "message": "printer offline"}"#;
        assert!(decode::<String>(&VENDOR, &info(ReplyKind::Text), 200, error).is_none());
        // Text that happens to be a JSON object is still the text.
        let ok = br#"{"status": 200, "data": 1}"#;
        let text: Typed<String> = decode(&VENDOR, &info(ReplyKind::Text), 200, ok)
            .unwrap()
            .unwrap();
        assert_eq!(text.data.unwrap().as_bytes(), ok);
    }

    #[test]
    fn a_text_reply_that_is_not_utf8_is_a_decode_error() {
        let err = decode::<String>(&VENDOR, &info(ReplyKind::Text), 200, b"\xff\xfe")
            .unwrap()
            .unwrap_err();
        assert!(matches!(err, Failure::Decode(e) if e.reason.contains("not UTF-8")));
    }
}
