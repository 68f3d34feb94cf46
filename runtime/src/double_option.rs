//! Serde helpers for fields that may be absent, `null`, or a value, and
//! must re-encode the way they came: `Option<Option<T>>` with
//! `#[serde(default, skip_serializing_if = "Option::is_none", with = "kassa::double_option")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Absent → `None` (via `default`), `null` → `Some(None)`, a value → `Some(Some(v))`.
pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

pub fn serialize<T, S>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Serialize,
    S: Serializer,
{
    match value {
        Some(inner) => inner.serialize(serializer),
        None => serializer.serialize_none(),
    }
}
