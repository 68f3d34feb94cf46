//! `login:` of a bearer or session scheme: one operation, or a list of
//! alternatives the user picks from in `Config` (password and PIN sign-in).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::{Pos, Spanned};

/// The login operations of a scheme, by name, in the order written.
#[derive(Debug, Default)]
pub struct Logins(Vec<Spanned<String>>);

impl Spanned<Logins> {
    /// Each login operation with its own position; a single name written
    /// as a plain string has the position of the `login:` value.
    pub fn ops(&self) -> impl Iterator<Item = Spanned<String>> + '_ {
        self.value.0.iter().map(|name| {
            let pos = if name.pos.is_unknown() {
                self.pos
            } else {
                name.pos
            };
            Spanned::new(name.value.clone(), pos)
        })
    }
}

impl<'de> Deserialize<'de> for Logins {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrList;

        impl<'de> Visitor<'de> for OneOrList {
            type Value = Logins;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an operation name, or a list of operation names")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Logins, E> {
                Ok(Logins(vec![Spanned::new(name.to_owned(), Pos::default())]))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Logins, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<Spanned<String>>()? {
                    names.push(name);
                }
                if names.is_empty() {
                    return Err(de::Error::invalid_length(0, &"at least one operation"));
                }
                Ok(Logins(names))
            }
        }

        deserializer.deserialize_any(OneOrList)
    }
}

impl JsonSchema for Logins {
    fn schema_name() -> Cow<'static, str> {
        "Logins".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The login operation, or a list of alternatives (password and PIN \
                            sign-in) of which the client's configuration picks one.",
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1}
            ]
        })
    }
}
