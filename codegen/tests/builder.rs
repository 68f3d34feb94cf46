//! `kassa_codegen::Builder` (the build-script mode) writes, for each of the
//! five vendors, exactly the items `cargo xtask regenerate` checks in under
//! `generated-client/src/<vendor>/`, arranged as one file of inline
//! modules. (The `kassa generate` mode is compared in kassa-cli's tests;
//! `include_spec!` and the build script in the downstream example's.)

use std::path::{Path, PathBuf};

use kassa_codegen::Builder;
use quote::ToTokens;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every item, modules flattened, as token text (sorted): `mod x;`
/// declarations and the modules themselves are arrangement, not items.
fn items(file: &syn::File) -> Vec<String> {
    fn walk(items: &[syn::Item], out: &mut Vec<String>) {
        for item in items {
            match item {
                syn::Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        walk(inner, out);
                    }
                }
                other => out.push(other.to_token_stream().to_string()),
            }
        }
    }
    let mut out = Vec::new();
    walk(&file.items, &mut out);
    out.sort();
    out
}

fn parse(path: &Path) -> syn::File {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()))
}

#[test]
fn the_build_script_mode_writes_the_checked_in_items() {
    let out = std::env::temp_dir().join(format!("kassa-builder-{}", std::process::id()));
    for vendor in ["caspos", "heado", "icash", "kassa24", "smpos"] {
        let written = Builder::new(root().join("spec").join(vendor))
            .out_dir(&out)
            .cargo_instructions(false)
            .generate()
            .unwrap_or_else(|e| panic!("{vendor}: {e}"));
        assert_eq!(written, out.join(format!("{vendor}.rs")));
        let built = items(&parse(&written));
        let mut checked_in = Vec::new();
        for entry in std::fs::read_dir(root().join("generated-client/src").join(vendor)).unwrap() {
            checked_in.extend(items(&parse(&entry.unwrap().path())));
        }
        checked_in.sort();
        assert!(built.len() > 20, "{vendor}: {} items", built.len());
        assert!(
            built == checked_in,
            "{vendor}: the builder's items differ from the checked-in module's"
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_spec_with_problems_fails_the_build_with_every_problem_rendered() {
    let out = std::env::temp_dir().join(format!("kassa-builder-bad-{}", std::process::id()));
    let err = Builder::new(root().join("codegen/tests/bad/undefined_type"))
        .out_dir(&out)
        .cargo_instructions(false)
        .generate()
        .unwrap_err()
        .to_string();
    assert!(err.contains("error[K0301]: unknown type `Gods`"), "{err}");
    assert!(err.contains("help: did you mean `Goods`?"), "{err}");
    assert!(!out.exists(), "nothing written");
}
