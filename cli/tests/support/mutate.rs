//! Copies of spec folders with one edit, and `kassa` run on them.

use std::path::PathBuf;

use crate::cli::{kassa, root};

/// A copy of the spec folder `source` (from the root) with `edit` applied
/// to `file`, in a temporary folder named after `name`.
pub fn mutated_from(
    source: &str,
    name: &str,
    file: &str,
    edit: impl Fn(String) -> String,
) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kassa-diff-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(root().join(source)).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let text = if name == file { edit(text) } else { text };
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

/// An edit replacing the first `from` with `to`; the text must have it.
pub fn replace(from: &'static str, to: &'static str) -> impl Fn(String) -> String {
    move |text| {
        assert!(text.contains(from), "the spec has no {from:?}");
        text.replacen(from, to, 1)
    }
}

/// `kassa` with `args` (a `diff` with `--format json`), which must succeed:
/// its changes, each as the values of `keys`.
pub fn diff_rows(args: &[&str], keys: &[&str]) -> Vec<Vec<String>> {
    let out = kassa(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            keys.iter()
                .map(|k| c[*k].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .collect()
}
