//! The bad-spec corpus: one folder per validation class under `tests/bad/`,
//! each with its expected diagnostics as an insta snapshot.

use std::path::{Path, PathBuf};

use kassa_codegen::check::check_dir;
use kassa_codegen::diag::render;

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn every_bad_spec_reports_its_mistakes() {
    // Paths in snapshots are relative to the crate, as a user would type them.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
    let cases = cases();
    assert!(
        cases.len() >= 20,
        "the corpus shrank to {} cases",
        cases.len()
    );
    for dir in cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let rel = Path::new("tests/bad").join(&name);
        let (spec, diags, sources) = check_dir(&rel);
        assert!(spec.is_none(), "{name}: a bad spec resolved");
        assert!(!diags.is_empty(), "{name}: no diagnostic");
        let rendered: String = diags.iter().map(|d| render(d, &sources) + "\n").collect();
        insta::assert_snapshot!(name, rendered);
    }
}

#[test]
fn the_mini_fixture_is_valid() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    let (spec, diags, sources) = check_dir(&dir);
    let rendered: Vec<String> = diags.iter().map(|d| render(d, &sources)).collect();
    assert!(diags.is_empty(), "{}", rendered.join("\n"));
    let spec = spec.unwrap();
    // Recursion through an optional field is boxed, through an array not.
    let goods = spec.type_def("Goods").unwrap();
    let kassa_codegen::ir::TypeKind::Object(fields) = &goods.kind else {
        panic!("Goods is an object")
    };
    let boxed: Vec<&str> = fields
        .iter()
        .filter(|f| f.boxed)
        .map(|f| f.wire.as_str())
        .collect();
    assert_eq!(boxed, ["parent"]);
}
