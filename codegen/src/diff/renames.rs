//! Items that were renamed rather than removed and added: the same thing
//! under another name, told by its shape.
//!
//! A rename is found only when it is unambiguous: one item gone, exactly
//! one new item it could have become. Anything less certain stays a removal
//! and an addition, which is the safe reading.

use std::collections::BTreeMap;

use crate::ir::{Field, Operation, Spec, Ty, TypeDef, TypeKind};

/// Old names of types and enums, and of operations, mapped to the new.
#[derive(Debug, Default)]
pub struct Renames {
    pub items: BTreeMap<String, String>,
    pub operations: BTreeMap<String, String>,
}

impl Renames {
    pub fn find(old: &Spec, new: &Spec) -> Renames {
        let mut out = Renames::default();
        let gone_types = old.types.iter().filter(|o| new.type_def(&o.name).is_none());
        for o in gone_types {
            let fresh = new
                .types
                .iter()
                .filter(|n| old.type_def(&n.name).is_none())
                .filter(|n| same_shape(&out, o, n));
            if let Some(n) = only(fresh) {
                out.items.insert(o.name.clone(), n.name.clone());
            }
        }
        let known = |spec: &Spec, name: &str| spec.enums.iter().any(|e| e.name == name);
        for o in old.enums.iter().filter(|o| !known(new, &o.name)) {
            let codes =
                |e: &crate::ir::Enum| e.values.iter().map(|v| v.code.clone()).collect::<Vec<_>>();
            let fresh = new
                .enums
                .iter()
                .filter(|n| !known(old, &n.name))
                .filter(|n| n.repr == o.repr && codes(n) == codes(o));
            if let Some(n) = only(fresh) {
                out.items.insert(o.name.clone(), n.name.clone());
            }
        }
        let named = |spec: &Spec, name: &str| spec.operations.iter().any(|o| o.name == name);
        for o in old.operations.iter().filter(|o| !named(new, &o.name)) {
            let fresh = new
                .operations
                .iter()
                .filter(|n| !named(old, &n.name))
                .filter(|n| same_call(o, n));
            if let Some(n) = only(fresh) {
                out.operations.insert(o.name.clone(), n.name.clone());
            }
        }
        out
    }

    /// `ty` of the old spec with renamed types and enums under their new
    /// names, to compare with the new spec's.
    pub fn ty(&self, ty: &Ty) -> Ty {
        let name = |n: &String| self.items.get(n).unwrap_or(n).clone();
        match ty {
            Ty::Scalar(s) => Ty::Scalar(*s),
            Ty::Type(n) => Ty::Type(name(n)),
            Ty::Enum(n) => Ty::Enum(name(n)),
            Ty::Array(i) => Ty::Array(Box::new(self.ty(i))),
            Ty::OneOrMany(i) => Ty::OneOrMany(Box::new(self.ty(i))),
            Ty::Map(k, v) => Ty::Map(Box::new(self.ty(k)), Box::new(self.ty(v))),
        }
    }

    /// Whether a new item is one an old item was renamed to.
    pub fn is_target(&self, name: &str) -> bool {
        self.items.values().any(|n| n == name)
    }

    pub fn is_operation_target(&self, name: &str) -> bool {
        self.operations.values().any(|n| n == name)
    }
}

/// The one item of `items`, if there is exactly one.
fn only<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    let first = items.next()?;
    items.next().is_none().then_some(first)
}

/// Fields alike on the wire: names, types (after earlier renames),
/// presence and places.
fn same_fields(r: &Renames, a: &[Field], b: &[Field]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.wire == y.wire
                && r.ty(&x.ty) == y.ty
                && x.optional == y.optional
                && x.placement == y.placement
        })
}

fn same_shape(r: &Renames, o: &TypeDef, n: &TypeDef) -> bool {
    match (&o.kind, &n.kind) {
        (TypeKind::Object(a), TypeKind::Object(b)) => !a.is_empty() && same_fields(r, a, b),
        (TypeKind::Union(a), TypeKind::Union(b)) => {
            a.tag == b.tag
                && a.variants.len() == b.variants.len()
                && a.variants.iter().zip(&b.variants).all(|(x, y)| {
                    x.name == y.name && x.code == y.code && same_fields(r, &x.fields, &y.fields)
                })
        }
        (TypeKind::Alias(a), TypeKind::Alias(b)) => r.ty(a) == *b,
        (TypeKind::OneOf(a), TypeKind::OneOf(b)) => {
            a.iter().map(|f| &f.name).eq(b.iter().map(|f| &f.name))
        }
        _ => false,
    }
}

/// The same call on the wire: wire name, method and path.
fn same_call(o: &Operation, n: &Operation) -> bool {
    o.wire == n.wire && o.http == n.http && o.variant_of.is_some() == n.variant_of.is_some()
}

/// Of the fields `old` has and `new` lacks (by wire name) and the reverse,
/// the one pair that is a field renamed on the wire: exactly one gone and
/// one new, alike in type and presence.
pub fn renamed_field<'f>(
    r: &Renames,
    old: &'f [Field],
    new: &'f [Field],
) -> Option<(&'f Field, &'f Field)> {
    let gone = only(old.iter().filter(|o| !new.iter().any(|n| n.wire == o.wire)))?;
    let fresh = only(new.iter().filter(|n| !old.iter().any(|o| o.wire == n.wire)))?;
    (r.ty(&gone.ty) == fresh.ty && gone.optional == fresh.optional).then_some((gone, fresh))
}
