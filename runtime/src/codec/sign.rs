//! Request signatures, with kassa's `hmac` feature.

#[cfg(feature = "hmac")]
use hmac::{Hmac, KeyInit, Mac};
#[cfg(feature = "hmac")]
use sha2::Sha256;

use crate::SignatureEncoding;

/// HMAC-SHA256 of `message` keyed with `key`, in the given encoding.
#[cfg(feature = "hmac")]
pub fn sign(key: &[u8], message: &[u8], encoding: SignatureEncoding) -> Option<String> {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    let bytes = mac.finalize().into_bytes();
    Some(match encoding {
        SignatureEncoding::HexLower => hex(&bytes, b"0123456789abcdef"),
        SignatureEncoding::HexUpper => hex(&bytes, b"0123456789ABCDEF"),
        SignatureEncoding::Base64 => {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.encode(bytes)
        }
    })
}

/// `bytes` in hexadecimal, two of `digits` a byte.
#[cfg(feature = "hmac")]
fn hex(bytes: &[u8], digits: &[u8; 16]) -> String {
    let text: Vec<u8> = bytes
        .iter()
        .flat_map(|&byte| {
            [
                digits[usize::from(byte >> 4)],
                digits[usize::from(byte & 0x0f)],
            ]
        })
        .collect();
    String::from_utf8(text).expect("hexadecimal digits are ASCII")
}

/// Without the `hmac` feature there is no signature: `None`. Generated
/// clients of a signing vendor do not compile then (`requires_hmac!`); a
/// vendor table built at run time gets a configuration error.
#[cfg(not(feature = "hmac"))]
pub fn sign(_key: &[u8], _message: &[u8], _encoding: SignatureEncoding) -> Option<String> {
    None
}

#[cfg(all(test, feature = "hmac"))]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_case_2() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assert_eq!(
            sign(
                b"Jefe",
                b"what do ya want for nothing?",
                SignatureEncoding::HexLower
            )
            .as_deref(),
            Some("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        );
        let message = b"what do ya want for nothing?";
        assert_eq!(
            sign(b"Jefe", message, SignatureEncoding::HexUpper).as_deref(),
            Some("5BDCC146BF60754E6A042426089575C75A003F089D2739839DEC58B964EC3843")
        );
        assert_eq!(
            sign(b"Jefe", message, SignatureEncoding::Base64).as_deref(),
            Some("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=")
        );
    }
}
