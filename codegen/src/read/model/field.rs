//! Fields of objects, request and response bodies.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{Erratum, Spanned};

/// A field: either a bare type expression (`ID: u64`) or a full description.
#[derive(Debug)]
pub struct Field(pub FieldBody);

impl std::ops::Deref for Field {
    type Target = FieldBody;
    fn deref(&self) -> &FieldBody {
        &self.0
    }
}

/// The full description of a field.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldBody {
    /// Type expression: a scalar (`u64`, `string`, `decimal`, `datetime`...),
    /// a named type or enum, or `array<T>`, `map<K, T>`, `one_or_many<T>`.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Rust field name, when the default (snake_case of the wire name) is not wanted.
    pub rust: Option<Spanned<String>>,
    /// The field may be absent (the vendor marks it optional).
    #[serde(default)]
    pub optional: bool,
    /// The field may be JSON `null`.
    #[serde(default)]
    pub nullable: bool,
    /// Value the vendor assumes when the field is absent.
    pub default: Option<Spanned<Value>>,
    /// Other wire names accepted on decode (vendor typos); the first name is sent.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Unit of an integer or decimal.
    pub unit: Option<Spanned<Unit>>,
    /// Decimal places of a decimal (`decimal` or `decimal_string`).
    pub scale: Option<Spanned<u32>>,
    /// Date/time layout for `date`/`datetime`/`time` in `time` crate
    /// format-description syntax; RFC 3339 when absent.
    pub format: Option<Spanned<String>>,
    /// Smallest allowed value.
    pub min: Option<Spanned<Value>>,
    /// Largest allowed value.
    pub max: Option<Spanned<Value>>,
    /// Total digits of a decimal, with `scale` the decimal places: `decimal(12,4)` is
    /// `precision: 12, scale: 4` (at most 8 digits before the point).
    pub precision: Option<Spanned<u32>>,
    /// Shortest allowed string, in characters.
    pub min_length: Option<Spanned<u64>>,
    /// Longest allowed string, in characters.
    pub max_length: Option<Spanned<u64>>,
    /// Regular expression a string must match.
    pub pattern: Option<Spanned<String>>,
    /// Fewest array items.
    pub min_items: Option<Spanned<u64>>,
    /// Most array items.
    pub max_items: Option<Spanned<u64>>,
    /// Most bytes a `base64` value holds once decoded (an image limited to
    /// 50 KB): checked before sending and while decoding, before the bytes
    /// are kept.
    pub max_bytes: Option<Spanned<u64>>,
    /// Constraints on each element of an array or `one_or_many`.
    pub each: Option<Spanned<Each>>,
    /// Where a request field travels when not in the usual parameter place.
    pub placement: Option<Spanned<Placement>>,
    /// A second place a reader accepts the field in, where the vendor's
    /// documentation shows it in two: `envelope` (beside the parameter or
    /// payload object) or `params` (inside it). The client sends it where
    /// `placement` says; decoding and the published schemas accept either.
    pub also_in: Option<Spanned<Placement>>,
    /// How a list in the query is written: `repeated` (`?s=A&s=B`), `comma` (`?s=A,B`) or
    /// `brackets` (`?s[]=A&s[]=B`). Required for an array with `placement: query`.
    pub style: Option<Spanned<ListStyle>>,
    /// The value is a secret and never printed.
    #[serde(default)]
    pub secret: bool,
    /// Meaning in English.
    pub doc: Option<Spanned<String>>,
    /// Meaning in the vendor's words.
    pub doc_original: Option<Spanned<String>>,
    /// Documentation revision that introduced the field.
    pub since: Option<Spanned<String>>,
    /// Documentation revision that removed the field.
    pub until: Option<Spanned<String>>,
    /// The vendor discourages the field: what to use instead, and from when.
    pub deprecated: Option<Spanned<super::Deprecation>>,
    /// Doc errors about this field.
    #[serde(default)]
    pub errata: Vec<Spanned<Erratum>>,
}

/// Units of numeric fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Hundredths of the currency unit (kopecks, tiyn).
    MinorUnits,
    /// Thousandths (quantities in 0.001).
    Milli,
    /// Hundredths of a percent (2000 = 20.00 %).
    BasisPoints,
    /// Percent.
    Percent,
    /// Whole currency units.
    Currency,
    /// Seconds.
    Seconds,
    /// Milliseconds.
    Milliseconds,
}

impl Unit {
    /// The unit in words, as every emitter writes it.
    pub fn words(self) -> &'static str {
        match self {
            Unit::MinorUnits => "minor units (1/100 of the currency, e.g. kopecks)",
            Unit::Milli => "thousandths (1/1000)",
            Unit::BasisPoints => "hundredths of a percent (2000 = 20.00 %)",
            Unit::Percent => "percent",
            Unit::Currency => "currency units",
            Unit::Seconds => "seconds",
            Unit::Milliseconds => "milliseconds",
        }
    }
}

/// How a list travels in the query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListStyle {
    /// The key once per item: `?s=A&s=B`.
    Repeated,
    /// One key, the items joined by commas: `?s=A,B`.
    Comma,
    /// The key with `[]` once per item: `?s[]=A&s[]=B`.
    Brackets,
}

impl ListStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            ListStyle::Repeated => "repeated",
            ListStyle::Comma => "comma",
            ListStyle::Brackets => "brackets",
        }
    }
}

/// Where a request field travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// With the other parameters (the default).
    Params,
    /// In the envelope beside the parameter object (Caspos `cashierName`).
    Envelope,
    /// In the URL path (`{name}` in the REST path).
    Path,
    /// In the URL query string.
    Query,
    /// In an HTTP header.
    Header,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl<'de> Visitor<'de> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a type expression such as `u64`, or a mapping with `type:`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(Field(FieldBody::shorthand(v.to_owned())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Field, A::Error> {
                FieldBody::deserialize(MapAccessDeserializer::new(map)).map(Field)
            }
        }
        deserializer.deserialize_any(FieldVisitor)
    }
}

impl FieldBody {
    fn shorthand(ty: String) -> Self {
        // The position is filled in by the surrounding `Spanned<Field>`.
        FieldBody {
            ty: Spanned::new(ty, Default::default()),
            rust: None,
            optional: false,
            nullable: false,
            default: None,
            aliases: Vec::new(),
            unit: None,
            scale: None,
            format: None,
            min: None,
            max: None,
            precision: None,
            min_length: None,
            max_length: None,
            pattern: None,
            min_items: None,
            max_items: None,
            max_bytes: None,
            each: None,
            placement: None,
            also_in: None,
            style: None,
            secret: false,
            doc: None,
            doc_original: None,
            since: None,
            until: None,
            deprecated: None,
            errata: Vec::new(),
        }
    }
}

impl JsonSchema for Field {
    fn schema_name() -> Cow<'static, str> {
        "Field".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let body = generator.subschema_for::<FieldBody>();
        json_schema!({
            "description": "A field: a type expression string, or a mapping with `type:` and more.",
            "oneOf": [
                { "type": "string", "description": "Type expression (shorthand for `{type: ...}`)." },
                body
            ]
        })
    }
}

/// Constraints on each element of a list field (`each: {min: 1, max: 999999}`).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Each {
    /// Smallest value of a numeric element.
    pub min: Option<Spanned<Value>>,
    /// Largest value of a numeric element.
    pub max: Option<Spanned<Value>>,
    /// Fewest characters of a string element.
    pub min_length: Option<Spanned<u64>>,
    /// Most characters of a string element.
    pub max_length: Option<Spanned<u64>>,
    /// Regular expression a string element must match.
    pub pattern: Option<Spanned<String>>,
}
