//! Measure 5: generation. Load and resolve each vendor's spec folder, then
//! emit its Rust module, as `cargo xtask regenerate` does; time per
//! operation. The anchor, progenitor on Kassa24's OpenAPI 3.0 document, is
//! built only with the `progenitor` feature (`src/progenitor.rs`).

use kassa_codegen::check::check_dir;
use kassa_codegen::emit::rust::vendor_module;

use crate::examples::spec_dir;
use crate::harness::{Report, alone, rounds};

const VENDORS: &[&str] = &["caspos", "heado", "icash", "kassa24", "smpos"];

pub fn run(filter: &str, out: &mut Report) {
    let n = rounds(41).min(21);
    for vendor in VENDORS {
        let name = format!("generate/{vendor}");
        if !name.contains(filter) {
            continue;
        }
        let dir = spec_dir(vendor);
        let source = format!("spec/{vendor}");
        let (spec, diags, _) = check_dir(&dir);
        let spec = spec.unwrap_or_else(|| panic!("spec/{vendor} does not check: {diags:?}"));
        let ops = spec.operations.len() as f64;
        vendor_module(&spec, &source).expect("the spec emits");
        let both = alone(format!("{name} load+emit per op ({ops} ops)"), n, || {
            let (spec, _, _) = check_dir(&dir);
            vendor_module(&spec.expect("checks"), &source).expect("emits")
        });
        let load = alone(format!("{name} load+resolve per op"), n, || check_dir(&dir));
        let emit = alone(format!("{name} emit per op"), n, || {
            vendor_module(&spec, &source).expect("emits")
        });
        for mut row in [both, load, emit] {
            row.kassa /= ops;
            row.unit = "µs/op";
            out.push(row);
        }
    }
    #[cfg(feature = "progenitor")]
    crate::progenitor::run(filter, out);
}
