//! `cargo run -p kassa-cli` after `cargo test --workspace` reuses the
//! test build: every crates.io package kassa-cli builds has the features
//! the workspace's test build gives it. (Workspace members may differ: they
//! are quick to rebuild.) When this fails, add the features it names to
//! the "build reuse" dependencies of cli/Cargo.toml.

use std::collections::BTreeSet;
use std::process::Command;

/// `package version [features]` of every package `args` builds.
fn packages(args: &[&str]) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .arg("tree")
        .args(args)
        .args(["--prefix", "none", "--format", "{p} [{f}]", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| line.trim_end_matches(" (*)").to_owned())
        // Workspace members show their path: `kassa v0.1.0 (/…/kassa)`.
        .filter(|line| !line.contains(" (/") && !line.is_empty())
        .collect()
}

#[test]
fn the_cli_builds_registry_crates_as_the_workspace_tests_do() {
    let tests = packages(&["--workspace", "--edges", "normal,build,dev"]);
    let cli = packages(&["--package", "kassa-cli", "--edges", "normal,build"]);
    assert!(cli.iter().any(|p| p.starts_with("tokio ")), "{cli:?}");
    let different: Vec<&String> = cli.difference(&tests).collect();
    assert!(
        different.is_empty(),
        "`cargo run -p kassa-cli` would rebuild these with other features than \
         `cargo test --workspace` (the test build's: see `cargo tree --workspace -e \
         normal,build,dev -e features -i NAME`):\n{}",
        different
            .iter()
            .map(|p| format!("  {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
