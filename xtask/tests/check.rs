//! `cargo test` fails when a generated file is stale, as `cargo xtask check` does.

use std::process::Command;

#[test]
fn generated_files_are_up_to_date() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("check")
        .output()
        .expect("xtask runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("up to date"), "{stdout}");
}
