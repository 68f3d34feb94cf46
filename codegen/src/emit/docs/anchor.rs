//! Anchor ids of the reference docs. Every id starts with the vendor id, so
//! the pages of all vendors can share one HTML document.

/// The vendor's page (its title).
pub fn vendor(vendor: &str) -> String {
    slug(vendor)
}

/// A section of the vendor's page (`servers`, `protocol`, `operations`...).
pub fn section(vendor: &str, section: &str) -> String {
    format!("{}-{}", slug(vendor), slug(section))
}

/// One operation, by its spec name (`caspos-op-open-shift`).
pub fn operation(vendor: &str, name: &str) -> String {
    format!("{}-op-{}", slug(vendor), slug(name))
}

/// A part of an operation (`request`, `response`, `examples`).
pub fn operation_part(vendor: &str, name: &str, part: &str) -> String {
    format!("{}-{}", operation(vendor, name), slug(part))
}

/// A named type.
pub fn type_def(vendor: &str, name: &str) -> String {
    format!("{}-type-{}", slug(vendor), slug(name))
}

/// A variant of a record union.
pub fn variant(vendor: &str, union: &str, variant: &str) -> String {
    format!("{}-{}", type_def(vendor, union), slug(variant))
}

/// An enumeration.
pub fn enumeration(vendor: &str, name: &str) -> String {
    format!("{}-enum-{}", slug(vendor), slug(name))
}

/// An error table.
pub fn error_table(vendor: &str, name: &str) -> String {
    format!("{}-errors-{}", slug(vendor), slug(name))
}

/// ASCII letters and digits kept, `_` and spaces as `-`, anything else as
/// its code point, so distinct names keep distinct ids.
fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' => out.push(c),
            '_' | ' ' => out.push('-'),
            other => out.push_str(&format!("x{:x}", u32::from(other))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_carry_the_vendor_and_stay_plain() {
        assert_eq!(operation("caspos", "open_shift"), "caspos-op-open-shift");
        assert_eq!(type_def("smpos", "Goods"), "smpos-type-Goods");
        assert_eq!(enumeration("x", "Ədəd"), "x-enum-x18fdx259d");
        assert_eq!(section("icash", "error codes"), "icash-error-codes");
    }
}
