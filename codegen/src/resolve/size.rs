//! Rough in-memory sizes of the generated Rust types on 64-bit targets, so
//! that a record enum is not as large as its largest record.
//!
//! A union's enum is as large as its largest variant, and every record of a
//! list is moved at that size while it is decoded and pushed. One outsized
//! record kind (SM POS's `EditArt`, 264 bytes beside a 96-byte second) made
//! every record of a protocol cost that much; boxed, it costs one pointer.
//! Only variants above [`BOX_ABOVE`] are boxed: boxing every variant would
//! trade the moves for an allocation per record, which is slower.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{self, Field, Ty, TypeKind};
use crate::read::model::field::Unit;
use crate::types::Scalar;

/// Union variants whose fields are estimated above this many bytes are
/// stored boxed. Beyond it, moving a value is a `memcpy` call rather than a
/// few register moves.
pub(crate) const BOX_ABOVE: usize = 128;

/// Marks the union variants estimated above [`BOX_ABOVE`] bytes as boxed.
pub(crate) fn box_large_variants(types: &mut [ir::TypeDef], enums: &[ir::Enum]) {
    let sizes = Sizes {
        types: types.iter().map(|t| (t.name.as_str(), &t.kind)).collect(),
        open_enums: enums
            .iter()
            .filter(|e| e.open)
            .map(|e| e.name.as_str())
            .collect(),
    };
    let boxed: Vec<Vec<bool>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Union(u) => u
                .variants
                .iter()
                .map(|v| sizes.fields(&v.fields, &mut BTreeSet::new()) > BOX_ABOVE)
                .collect(),
            _ => Vec::new(),
        })
        .collect();
    for (t, boxed) in types.iter_mut().zip(boxed) {
        if let TypeKind::Union(u) = &mut t.kind {
            for (v, boxed) in u.variants.iter_mut().zip(boxed) {
                v.boxed = boxed;
            }
        }
    }
}

struct Sizes<'a> {
    types: BTreeMap<&'a str, &'a TypeKind>,
    open_enums: BTreeSet<&'a str>,
}

/// A pointer, and the size of a `String`, `Vec` or `BTreeMap`.
const WORD: usize = 8;
const VEC: usize = 3 * WORD;

impl Sizes<'_> {
    fn fields(&self, fields: &[Field], visiting: &mut BTreeSet<String>) -> usize {
        fields.iter().map(|f| self.field(f, visiting)).sum()
    }

    fn field(&self, f: &Field, visiting: &mut BTreeSet<String>) -> usize {
        if f.boxed {
            return WORD;
        }
        let (size, niche) = self.ty(&f.ty, Some(f), visiting);
        if f.optional || f.nullable {
            // `Option` of a pointer-holding type fits in its niche; of a
            // number it takes an aligned tag beside it.
            if niche {
                size
            } else {
                size + size.clamp(1, WORD)
            }
        } else {
            size
        }
    }

    /// The size of `ty`, and whether an `Option` of it costs nothing more.
    fn ty(&self, ty: &Ty, f: Option<&Field>, visiting: &mut BTreeSet<String>) -> (usize, bool) {
        match ty {
            Ty::Scalar(s) => scalar(*s, f),
            Ty::Array(_) | Ty::Map(..) | Ty::OneOrMany(_) => (VEC, true),
            Ty::Enum(name) if self.open_enums.contains(name.as_str()) => (VEC + WORD, true),
            Ty::Enum(_) => (1, true),
            Ty::Type(name) => {
                if !visiting.insert(name.clone()) {
                    return (WORD, true);
                }
                let size = match self.types.get(name.as_str()) {
                    Some(TypeKind::Object(fields)) => (self.fields(fields, visiting), false),
                    Some(TypeKind::Alias(ty)) => self.ty(ty, f, visiting),
                    Some(TypeKind::Union(u)) => {
                        let largest = u
                            .variants
                            .iter()
                            .map(|v| match v.boxed {
                                true => WORD,
                                false => self.fields(&v.fields, visiting),
                            })
                            .max()
                            .unwrap_or(0);
                        (largest + WORD, true)
                    }
                    Some(TypeKind::OneOf(forms)) => {
                        let largest = forms
                            .iter()
                            .map(|form| match &form.kind {
                                ir::FormKind::Holds(ty) => self.ty(ty, None, visiting).0,
                                ir::FormKind::Value(_) => 0,
                            })
                            .max()
                            .unwrap_or(0);
                        (largest + WORD, true)
                    }
                    None => (WORD, true),
                };
                visiting.remove(name);
                size
            }
        }
    }
}

/// The generated type of a scalar (`fields.rs` picks it), and whether it
/// has a niche for `Option`.
fn scalar(s: Scalar, f: Option<&Field>) -> (usize, bool) {
    // Integers in these units are `i64` newtypes (`kassa::MinorUnits`..).
    let unit = f
        .and_then(|f| f.unit)
        .filter(|u| matches!(u, Unit::MinorUnits | Unit::Milli | Unit::BasisPoints));
    if s.is_plain_integer() && unit.is_some() {
        return (8, false);
    }
    match s {
        Scalar::Bool | Scalar::Bool01 | Scalar::I8 | Scalar::U8 => (1, false),
        Scalar::I16 | Scalar::U16 => (2, false),
        Scalar::I32 | Scalar::U32 | Scalar::Date => (4, false),
        Scalar::I64 | Scalar::U64 | Scalar::F64 | Scalar::UnixSeconds | Scalar::UnixMillis => {
            (8, false)
        }
        Scalar::Time => (8, false),
        Scalar::Decimal | Scalar::DecimalString | Scalar::DateTime => (16, false),
        Scalar::String | Scalar::Uuid | Scalar::Base64 => (VEC, true),
        Scalar::Json => (4 * WORD, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::items::like_marker;

    fn field(name: &str, ty: Ty, optional: bool) -> Field {
        Field {
            wire: name.to_owned(),
            rust: name.to_owned(),
            ty,
            optional,
            ..like_marker(name)
        }
    }

    fn variant(name: &str, fields: Vec<Field>) -> ir::UnionVariant {
        ir::UnionVariant {
            name: name.to_owned(),
            code: serde_json::json!(1),
            doc: None,
            doc_original: None,
            fields,
            boxed: false,
        }
    }

    fn union_of(variants: Vec<ir::UnionVariant>) -> ir::TypeDef {
        ir::TypeDef {
            name: "Record".to_owned(),
            file: "types".to_owned(),
            doc: None,
            doc_original: None,
            since: None,
            until: None,
            deprecated: None,
            line: 0,
            errata: Vec::new(),
            kind: TypeKind::Union(ir::Union {
                tag: "op".to_owned(),
                tag_enum: "RecordType".to_owned(),
                variants,
            }),
            groups: ir::Groups::default(),
        }
    }

    fn boxed(t: &ir::TypeDef) -> Vec<(&str, bool)> {
        match &t.kind {
            TypeKind::Union(u) => u
                .variants
                .iter()
                .map(|v| (v.name.as_str(), v.boxed))
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn only_variants_above_the_limit_are_boxed() {
        let text = |i: usize| field(&format!("s{i}"), Ty::Scalar(Scalar::String), false);
        let count = |i: usize| field(&format!("n{i}"), Ty::Scalar(Scalar::U32), true);
        // 5 strings (120 bytes) stay inline; 6 (144) are boxed; optional
        // `u32`s take 8 bytes each: 17 of them are 136.
        let mut types = vec![union_of(vec![
            variant("Small", vec![count(0)]),
            variant("AtLimit", (0..5).map(text).collect()),
            variant("Large", (0..6).map(text).collect()),
            variant("ManyCounts", (0..17).map(count).collect()),
        ])];
        box_large_variants(&mut types, &[]);
        assert_eq!(
            boxed(&types[0]),
            [
                ("Small", false),
                ("AtLimit", false),
                ("Large", true),
                ("ManyCounts", true)
            ]
        );
    }

    #[test]
    fn nested_objects_count_inline_and_lists_as_a_pointer_triple() {
        let inner = ir::TypeDef {
            name: "Inner".to_owned(),
            kind: TypeKind::Object(
                (0..4)
                    .map(|i| field(&format!("d{i}"), Ty::Scalar(Scalar::Decimal), false))
                    .collect(),
            ),
            ..union_of(Vec::new())
        };
        let nested = Ty::Type("Inner".to_owned());
        let list = Ty::Array(Box::new(nested.clone()));
        let mut types = vec![
            union_of(vec![
                // 64 bytes, twice, and a tag byte for each `Option`.
                variant(
                    "Nested",
                    vec![field("a", nested.clone(), true), field("b", nested, true)],
                ),
                variant(
                    "Lists",
                    (0..5)
                        .map(|i| field(&format!("l{i}"), list.clone(), false))
                        .collect(),
                ),
            ]),
            inner,
        ];
        box_large_variants(&mut types, &[]);
        assert_eq!(boxed(&types[0]), [("Nested", true), ("Lists", false)]);
    }
}
