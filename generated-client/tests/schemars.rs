//! With kassa's `schemars` feature (on for these tests), every generated
//! type implements `JsonSchema`. The schemas it derives name wire fields of
//! the published schemas in `schemas/<vendor>/defs.schema.json` (built from
//! the spec without schemars), require what those require, and list their
//! codes. They are stricter: no aliases, no codes written as digit strings;
//! the published schemas describe what the wire may carry.

use std::collections::BTreeSet;
use std::path::Path;

use kassa::schemars::{JsonSchema, schema_for};
use serde_json::Value;

fn published(vendor: &str, name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schemas")
        .join(vendor)
        .join("defs.schema.json");
    let text = std::fs::read_to_string(&path).expect("the published defs");
    let defs: Value = serde_json::from_str(&text).expect("JSON");
    defs["$defs"][name].clone()
}

fn names(schema: &Value, key: &str) -> BTreeSet<String> {
    match &schema[key] {
        Value::Object(map) => map.keys().cloned().collect(),
        Value::Array(items) => items
            .iter()
            .map(|item| item.as_str().expect("a field name").to_owned())
            .collect(),
        _ => BTreeSet::new(),
    }
}

fn same_fields<T: JsonSchema>(vendor: &str, name: &str) {
    let derived = schema_for!(T).to_value();
    let published = published(vendor, name);
    assert!(published.is_object(), "{vendor}: no published `{name}`");
    // The published schemas also accept the aliases a field is read under;
    // schemars knows only the name it is written under.
    let (ours, theirs) = (
        names(&derived, "properties"),
        names(&published, "properties"),
    );
    assert!(
        !ours.is_empty(),
        "{vendor} {name}: no properties in {derived}"
    );
    let unknown: Vec<_> = ours.difference(&theirs).collect();
    assert!(
        unknown.is_empty(),
        "{vendor} {name}: not published: {unknown:?}"
    );
    // A field read under aliases is required as "one of its names" there.
    let required = names(&derived, "required");
    let missing: Vec<_> = names(&published, "required")
        .into_iter()
        .filter(|field| !required.contains(field))
        .collect();
    assert!(
        missing.is_empty(),
        "{vendor} {name}: not required by schema_for!: {missing:?}"
    );
}

macro_rules! same_fields {
    ($($vendor:ident: $($name:ident),*;)*) => {$($(
        same_fields::<kassa_client::$vendor::$name>(stringify!($vendor), stringify!($name));
    )*)*};
}

#[test]
fn derived_schemas_name_the_published_fields() {
    same_fields! {
        kassa24: OperationTotal, Position, ReceiptResult, ReportTotals, SectionReport, Shift,
            ShiftStatusInfo, ShiftUser;
        caspos: CashDocument, ControlTape, CreditPayItem, CurrencyTotals, MoneyBackItem,
            PeriodicReport, PrepaymentItem, Receipt, SaleItem, ShiftReport, TapeDocument;
        icash: BankAccount, CashRegister, Contragent, Document, MeasureUnit, Operation,
            OperationSaleItem, PayType, Payment, SaleItem;
    }
}

/// Every `const` and `enum` value in `schema`, at any depth, as JSON text.
fn codes(schema: &Value, out: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("const", value) => {
                        out.insert(value.to_string());
                    }
                    ("enum", Value::Array(values)) => {
                        out.extend(values.iter().map(Value::to_string));
                    }
                    _ => codes(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| codes(item, out)),
        _ => {}
    }
}

#[test]
fn derived_enum_schemas_list_the_published_codes() {
    let derived = schema_for!(kassa_client::kassa24::ShiftStatus).to_value();
    let (mut ours, mut theirs) = (BTreeSet::new(), BTreeSet::new());
    codes(&derived, &mut ours);
    codes(&published("kassa24", "ShiftStatus"), &mut theirs);
    assert!(theirs.contains("1") && theirs.contains("2"), "{theirs:?}");
    // Codes as digit strings ("1") are accepted on the wire, published only.
    let missing: Vec<_> = theirs
        .iter()
        .filter(|code| !code.starts_with('"') && !ours.contains(*code))
        .collect();
    assert!(
        missing.is_empty(),
        "codes missing from schema_for!: {missing:?} in {derived}"
    );
}
