//! The spec language's own JSON Schema (`spec/kassa-spec.schema.json`).

use schemars::Schema;
use schemars::generate::SchemaSettings;

use crate::read::model::SpecFile;

/// The JSON Schema (draft 2020-12) of one spec file.
pub fn spec_language_schema() -> Schema {
    SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<SpecFile>()
}

/// The schema as pretty JSON with a trailing newline, as checked in.
pub fn spec_language_schema_json() -> String {
    let mut text = serde_json::to_string_pretty(&spec_language_schema()).unwrap_or_default();
    text.push('\n');
    text
}
