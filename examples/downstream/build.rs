//! The build-script way to generate a vendor's client: the same `spec/mini`
//! the crate also reads with `include_spec!`, written to `OUT_DIR` at each
//! build (and again whenever a file of the spec changes).

fn main() {
    if let Err(e) = kassa_codegen::Builder::new("spec/mini").generate() {
        // Cargo shows a failing build script's standard error.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
