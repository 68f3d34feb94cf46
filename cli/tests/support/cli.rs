//! The repository's root, and `kassa` run from it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `kassa` with `args`, run from the repository's root.
pub fn kassa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kassa"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("kassa runs")
}
