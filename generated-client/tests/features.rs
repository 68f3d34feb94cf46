//! Cargo.toml's vendor features: one per spec in `spec/`, each turning on
//! the kassa features its generated code needs, as `Spec::kassa_features`
//! (which `kassa generate` writes into a crate's manifest) computes them.

use std::path::Path;

#[test]
fn each_vendor_feature_turns_on_what_its_spec_needs() {
    let manifest = include_str!("../Cargo.toml");
    let features = &manifest[manifest.find("[features]").expect("a [features] table")..];
    let specs = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"));
    let mut ids: Vec<String> = std::fs::read_dir(specs)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert!(!ids.is_empty(), "no specs in {}", specs.display());
    for id in ids {
        let (spec, diags, _) = kassa_codegen::check::check_dir(&specs.join(&id));
        let spec = spec.unwrap_or_else(|| panic!("spec/{id} does not check: {diags:#?}"));
        let line = features
            .lines()
            .find(|l| l.starts_with(&format!("{id} = [")))
            .unwrap_or_else(|| panic!("no `{id}` feature in generated-client/Cargo.toml"));
        let want: Vec<String> = spec
            .kassa_features()
            .iter()
            .map(|f| format!("\"kassa/{f}\""))
            .collect();
        assert_eq!(
            line,
            format!("{id} = [{}]", want.join(", ")),
            "generated-client/Cargo.toml: the `{id}` feature must turn on the kassa features \
             spec/{id} needs"
        );
    }
}
