//! Binary data as base64 text.

#[cfg(feature = "schemars")]
use std::borrow::Cow;
use std::fmt;

use ::base64::Engine as _;
use ::base64::alphabet;
use ::base64::engine::DecodePaddingMode;
use ::base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
#[cfg(feature = "schemars")]
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::validate::{InvalidRequest, Validate};

/// The standard alphabet, padding optional.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Bytes that travel as a base64 string.
///
/// Encoding uses the standard alphabet with padding (`"aGk="`). Decoding
/// also accepts missing padding (`"aGk"`) and ignores ASCII whitespace, so
/// line-wrapped (MIME/PEM-style) text reads too.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// The wire text: standard alphabet, padded.
    pub fn encode(&self) -> String {
        STANDARD.encode(&self.0)
    }

    /// Reads base64 text, padding optional, ASCII whitespace ignored.
    pub fn decode(text: &str) -> Result<Self, ::base64::DecodeError> {
        let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        LENIENT.decode(compact).map(Base64)
    }
}

impl AsRef<[u8]> for Base64 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Base64(bytes)
    }
}

impl From<&[u8]> for Base64 {
    fn from(bytes: &[u8]) -> Self {
        Base64(bytes.to_vec())
    }
}

impl From<Base64> for Vec<u8> {
    fn from(value: Base64) -> Self {
        value.0
    }
}

/// Shows the base64 text, which is shorter than a list of bytes.
impl fmt::Debug for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Base64").field(&self.encode()).finish()
    }
}

/// Shows the wire text.
impl fmt::Display for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.encode())
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.encode())
    }
}

/// Reads [`Base64`] from a string, or from raw bytes where a format has them.
struct Base64Visitor;

impl Visitor<'_> for Base64Visitor {
    type Value = Base64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Base64, E> {
        Base64::decode(v).map_err(|e| E::custom(format!("invalid base64: {e}")))
    }

    /// The bytes themselves: a binary reply (a PDF, a PNG) arrives raw.
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Base64, E> {
        Ok(Base64(v.to_vec()))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Base64Visitor)
    }
}

/// A base64 value whose decoded size is capped: [`Base64`], or an optional
/// one. The generated code decodes `max_bytes` fields through
/// [`base64_at_most`].
pub trait CappedBase64: Sized {
    fn capped<'de, D: Deserializer<'de>>(deserializer: D, max: usize) -> Result<Self, D::Error>;

    /// The decoded bytes, where there are any.
    fn bytes(&self) -> Option<&[u8]>;
}

impl CappedBase64 for Base64 {
    fn capped<'de, D: Deserializer<'de>>(deserializer: D, max: usize) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Capped(max))
    }

    fn bytes(&self) -> Option<&[u8]> {
        Some(&self.0)
    }
}

impl CappedBase64 for Option<Base64> {
    fn capped<'de, D: Deserializer<'de>>(deserializer: D, max: usize) -> Result<Self, D::Error> {
        deserializer.deserialize_option(CappedOption(max))
    }

    fn bytes(&self) -> Option<&[u8]> {
        self.as_ref().map(|b| b.0.as_slice())
    }
}

/// Decodes a base64 field of at most `MAX` decoded bytes. A longer text is
/// refused from its length, before anything is decoded or kept.
pub fn base64_at_most<'de, const MAX: usize, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: CappedBase64,
{
    T::capped(deserializer, MAX)
}

struct Capped(usize);

impl Visitor<'_> for Capped {
    type Value = Base64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a base64 string of at most {} bytes", self.0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Base64, E> {
        let max = self.0;
        let chars = v.bytes().filter(|b| !b.is_ascii_whitespace()).count();
        // Four characters hold three bytes; padding takes at most two away.
        if (chars / 4 * 3).saturating_sub(2) > max {
            return Err(E::custom(format!(
                "holds about {} bytes, more than the {max} allowed",
                chars / 4 * 3
            )));
        }
        let decoded = Base64Visitor.visit_str::<E>(v)?;
        if decoded.0.len() > max {
            return Err(E::custom(format!(
                "holds {} bytes, more than the {max} allowed",
                decoded.0.len()
            )));
        }
        Ok(decoded)
    }
}

struct CappedOption(usize);

impl<'de> Visitor<'de> for CappedOption {
    type Value = Option<Base64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "null or a base64 string of at most {} bytes", self.0)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Base64::capped(d, self.0).map(Some)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Capped(self.0).visit_str(v).map(Some)
    }
}

impl Validate for Base64 {
    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

#[cfg(feature = "schemars")]
impl JsonSchema for Base64 {
    fn schema_name() -> Cow<'static, str> {
        "Base64".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({
            "type": "string",
            "contentEncoding": "base64",
        })
    }
    fn inline_schema() -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Logo {
        #[serde(deserialize_with = "base64_at_most::<4, _, _>")]
        image: Base64,
        #[serde(default, deserialize_with = "base64_at_most::<4, _, _>")]
        thumb: Option<Base64>,
    }

    #[test]
    fn a_capped_value_is_refused_past_its_limit() {
        let ok: Logo = serde_json::from_str(r#"{"image": "AQIDBA==", "thumb": null}"#).unwrap();
        assert_eq!((ok.image.0.len(), ok.thumb), (4, None));
        let ok: Logo = serde_json::from_str(r#"{"image": "AQID"}"#).unwrap();
        assert_eq!(ok.thumb, None);
        // Five bytes: decoded, then refused.
        let err = serde_json::from_str::<Logo>(r#"{"image": "AQIDBAU="}"#).unwrap_err();
        assert!(
            err.to_string().contains("holds 5 bytes, more than the 4"),
            "{err}"
        );
        // Far too long: refused from its length alone, even if not base64.
        let long = format!(r#"{{"image": "AQID", "thumb": "{}"}}"#, "!".repeat(4096));
        let err = serde_json::from_str::<Logo>(&long).unwrap_err();
        assert!(err.to_string().contains("more than the 4 allowed"), "{err}");
    }

    fn read(json: &str) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::from_str::<Base64>(json).map(Vec::from)
    }

    #[test]
    fn encodes_padded_standard() {
        assert_eq!(
            serde_json::to_string(&Base64(b"hi".to_vec())).unwrap(),
            "\"aGk=\""
        );
        assert_eq!(
            serde_json::to_string(&Base64(vec![0xfb, 0xff])).unwrap(),
            "\"+/8=\""
        );
        assert_eq!(Base64(b"hi".to_vec()).to_string(), "aGk=");
        assert_eq!(format!("{:?}", Base64(b"hi".to_vec())), "Base64(\"aGk=\")");
    }

    #[test]
    fn decodes_leniently() {
        assert_eq!(read("\"aGk=\"").unwrap(), b"hi");
        assert_eq!(read("\"aGk\"").unwrap(), b"hi");
        assert_eq!(read("\"aGVs\\nbG8=\\r\\n\"").unwrap(), b"hello");
        assert_eq!(read("\" aG Vs\\tbG8 \"").unwrap(), b"hello");
        assert_eq!(read("\"\"").unwrap(), b"");
    }

    #[test]
    fn hostile_inputs_are_errors() {
        for bad in [
            "\"a\"",
            "\"aGk==\"",
            "\"a=Gk\"",
            "\"aGk_\"",
            "\"-_8=\"",
            "\"ö\"",
            "12",
            "null",
            "[104]",
            "\"1e400\"",
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
        assert!(
            read("\"!!\"")
                .unwrap_err()
                .to_string()
                .contains("invalid base64")
        );
    }

    #[cfg(feature = "schemars")]
    #[test]
    fn schema() {
        assert_eq!(
            schemars::schema_for!(Base64)
                .get("contentEncoding")
                .unwrap(),
            "base64"
        );
    }

    proptest! {
        #[test]
        fn round_trips(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let json = serde_json::to_string(&Base64(bytes.clone())).unwrap();
            prop_assert_eq!(read(&json).unwrap(), bytes);
        }

        #[test]
        fn never_panics(text in ".{0,40}") {
            let _ = Base64::decode(&text);
        }
    }
}
