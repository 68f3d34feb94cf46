//! Names the Rust emitter invents: operation structs, response structs,
//! union variant structs, date format markers, fallback variants. Every
//! invented name is checked against the spec's own names so none collide.

use std::collections::{BTreeMap, BTreeSet};

use heck::ToUpperCamelCase;

use crate::ir::{Body, Field, Spec, Ty, TypeKind};
use crate::types::Scalar;

/// Every Rust type name of one generated vendor module.
pub struct Names {
    taken: BTreeSet<String>,
    /// Operation name → request struct.
    pub request: BTreeMap<String, String>,
    /// Operation name → response struct (for `fields:` responses).
    pub response: BTreeMap<String, String>,
    /// (union, variant) → variant struct.
    pub variant: BTreeMap<(String, String), String>,
    /// Date pattern → marker type.
    pub format: BTreeMap<String, String>,
}

/// Names the module itself declares besides the spec's types.
const RESERVED: &[&str] = &[
    "Client",
    "VENDOR",
    "OPERATIONS",
    "Error",
    "Result",
    "Option",
    "Vec",
    "String",
    "Box",
];

impl Names {
    pub fn new(spec: &Spec) -> Names {
        let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| (*s).to_owned()).collect();
        taken.extend(spec.types.iter().map(|t| t.name.clone()));
        taken.extend(spec.enums.iter().map(|e| e.name.clone()));
        taken.extend(spec.errors.iter().map(|e| e.name.clone()));
        let mut names = Names {
            taken,
            request: BTreeMap::new(),
            response: BTreeMap::new(),
            variant: BTreeMap::new(),
            format: BTreeMap::new(),
        };
        for op in &spec.operations {
            let base = op.name.to_upper_camel_case();
            let request = names.claim(&[base.clone(), format!("{base}Request")]);
            names.request.insert(op.name.clone(), request);
            if matches!(op.response, Body::Fields(_)) {
                let response = names.claim(&[format!("{base}Response"), format!("{base}Reply")]);
                names.response.insert(op.name.clone(), response);
            }
        }
        for t in &spec.types {
            if let TypeKind::Union(u) = &t.kind {
                for v in &u.variants {
                    let name = names.claim(&[
                        format!("{}{}", t.name, v.name),
                        format!("{}{}Record", t.name, v.name),
                    ]);
                    names.variant.insert((t.name.clone(), v.name.clone()), name);
                }
            }
        }
        let mut patterns = BTreeSet::new();
        visit_fields(spec, &mut |f: &Field| {
            if let (Some(format), true) = (&f.format, has_date(&f.ty)) {
                patterns.insert(format.clone());
            }
        });
        for pattern in patterns {
            let base = format_name(&pattern);
            let name = names.claim(&[base.clone(), format!("{base}Format")]);
            names.format.insert(pattern, name);
        }
        names
    }

    /// The first free candidate, or the last one numbered until free.
    fn claim(&mut self, candidates: &[String]) -> String {
        for c in candidates {
            if self.taken.insert(c.clone()) {
                return c.clone();
            }
        }
        let last = candidates.last().cloned().unwrap_or_default();
        (2..)
            .map(|i| format!("{last}{i}"))
            .find(|c| self.taken.insert(c.clone()))
            .unwrap_or(last)
    }
}

/// A fallback variant name that no known value uses.
pub fn fallback<'a>(mut used: impl Iterator<Item = &'a str> + Clone) -> &'static str {
    ["Unknown", "UnknownCode", "Undocumented"]
        .into_iter()
        .find(|c| !used.clone().any(|u| u == *c))
        .unwrap_or_else(|| {
            if used.any(|u| u == "Other") {
                "OtherCode"
            } else {
                "Other"
            }
        })
}

pub fn has_date(ty: &Ty) -> bool {
    match ty {
        Ty::Scalar(s) => matches!(s, Scalar::DateTime | Scalar::Date | Scalar::Time),
        Ty::Array(t) | Ty::OneOrMany(t) | Ty::Map(_, t) => has_date(t),
        Ty::Type(_) | Ty::Enum(_) => false,
    }
}

/// `[day].[month].[year] [hour]:[minute]` → `DayMonthYearHourMinute`.
fn format_name(pattern: &str) -> String {
    let mut words = Vec::new();
    for part in pattern.split('[').skip(1) {
        let inner = part.split(']').next().unwrap_or_default();
        for word in inner.split_whitespace() {
            words.push(word.split(':').next_back().unwrap_or(word).to_owned());
        }
    }
    let name = words.join("_").to_upper_camel_case();
    if name.is_empty() {
        "CustomFormat".to_owned()
    } else {
        name
    }
}

/// Calls `f` on every field of the spec.
pub fn visit_fields(spec: &Spec, f: &mut impl FnMut(&Field)) {
    spec.fields().for_each(&mut *f);
    if let Some(envelope) = spec.protocol.envelope() {
        envelope.extra_fields.iter().for_each(&mut *f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_read_like_the_pattern() {
        assert_eq!(
            format_name("[day].[month].[year] [hour]:[minute]:[second]"),
            "DayMonthYearHourMinuteSecond"
        );
        assert_eq!(
            format_name("[day]-[month]-[year repr:last_two] [hour]:[minute]"),
            "DayMonthYearLastTwoHourMinute"
        );
    }
}
