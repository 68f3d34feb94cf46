//! Vendor enums: coded by integers or strings, open to codes a shipped
//! client has never seen.

use crate::Code;

/// One documented value of a vendor enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownValue {
    pub code: Code,
    /// The Rust variant name.
    pub name: &'static str,
    /// What the vendor says it means (English).
    pub doc: &'static str,
}

/// An enum whose values travel as codes. Implemented by `#[derive(VendorEnum)]`.
///
/// Serde goes through [`VendorEnum::code`] and [`VendorEnum::from_code`]: an
/// open enum decodes an unknown code into its `Unknown` variant and encodes
/// it back unchanged.
pub trait VendorEnum: Sized + 'static {
    /// The Rust name of the enum.
    const NAME: &'static str;
    /// Every documented value, in documentation order.
    const VALUES: &'static [KnownValue];
    /// Whether codes outside [`Self::VALUES`] are accepted.
    const OPEN: bool;

    /// The wire code of this value.
    fn code(&self) -> Code;
    /// The value for a wire code; `None` only for a closed enum and an unknown code.
    fn from_code(code: Code) -> Option<Self>;

    /// The documented value this is, or `None` for an unknown code.
    fn known(&self) -> Option<&'static KnownValue> {
        let code = self.code();
        Self::VALUES.iter().find(|v| v.code == code)
    }
}
