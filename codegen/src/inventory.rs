//! `kassa inventory`: what each spec defines, in a stable order.

use serde::Serialize;
use serde_json::Value;

use crate::ir::Spec;

#[derive(Debug, Serialize, PartialEq)]
pub struct Inventory {
    pub vendors: Vec<VendorInventory>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct VendorInventory {
    pub id: String,
    pub operations: Vec<OperationEntry>,
    pub enums: Vec<EnumEntry>,
    pub error_tables: Vec<ErrorTableEntry>,
    pub examples: usize,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct OperationEntry {
    pub name: String,
    pub wire: String,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct EnumEntry {
    pub name: String,
    pub values: Vec<ValueEntry>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct ValueEntry {
    pub name: String,
    pub code: Value,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct ErrorTableEntry {
    pub name: String,
    /// Wire codes; entries known only by message appear as their `match` text.
    pub codes: Vec<Value>,
}

/// Lists operations (sorted by name), enums and error tables (sorted by
/// name, values in spec order) of each spec. `examples` counts payloads
/// (a request and a response count two).
pub fn inventory(specs: &[Spec]) -> Inventory {
    let mut vendors: Vec<VendorInventory> = specs
        .iter()
        .map(|spec| {
            let mut operations: Vec<OperationEntry> = spec
                .operations
                .iter()
                .map(|o| OperationEntry {
                    name: o.name.clone(),
                    wire: o.wire.clone(),
                })
                .collect();
            operations.sort_by(|a, b| a.name.cmp(&b.name));
            let mut enums: Vec<EnumEntry> = spec
                .enums
                .iter()
                .map(|e| EnumEntry {
                    name: e.name.clone(),
                    values: e
                        .values
                        .iter()
                        .map(|v| ValueEntry {
                            name: v.name.clone(),
                            code: v.code.clone(),
                        })
                        .collect(),
                })
                .collect();
            enums.sort_by(|a, b| a.name.cmp(&b.name));
            let mut error_tables: Vec<ErrorTableEntry> = spec
                .errors
                .iter()
                .map(|t| {
                    let mut codes: Vec<Value> = Vec::new();
                    for c in &t.codes {
                        let code = c
                            .code
                            .clone()
                            .or_else(|| c.matches.clone().map(Value::String))
                            .unwrap_or(Value::Null);
                        if !codes.contains(&code) {
                            codes.push(code);
                        }
                    }
                    ErrorTableEntry {
                        name: t.name.clone(),
                        codes,
                    }
                })
                .collect();
            error_tables.sort_by(|a, b| a.name.cmp(&b.name));
            let examples = spec
                .operations
                .iter()
                .flat_map(|o| o.examples.iter())
                .map(|e| usize::from(e.request.is_some()) + usize::from(e.response.is_some()))
                .sum();
            VendorInventory {
                id: spec.id.clone(),
                operations,
                enums,
                error_tables,
                examples,
            }
        })
        .collect();
    vendors.sort_by(|a, b| a.id.cmp(&b.id));
    Inventory { vendors }
}
