//! Tools nobody here wrote, which some tests run: where one is missing the
//! test passes with a loud `SKIPPED` line, so `cargo test --workspace`
//! works on a fresh machine; where `CI` is set it fails instead.

use std::process::Command;

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

/// Whether `probe` runs; when it does not, a loud skip, or a failure in CI.
pub fn tool(name: &str, probe: &mut Command, install: &str) -> bool {
    if probe.output().is_ok_and(|o| o.status.success()) {
        return true;
    }
    assert!(!in_ci(), "{name} is needed in CI: {install}");
    eprintln!(
        "\n*** SKIPPED: {name} is not installed ({install}); `.ci/run` installs it, and with \
         CI set this test fails instead of skipping. ***\n"
    );
    false
}
