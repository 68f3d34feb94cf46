//! The real vendor specs: valid, complete against lists written from the
//! docs, and every line of them covered by a diagnostic when broken.

use std::path::{Path, PathBuf};

use kassa_codegen::check::{check_dir, check_files};
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Vendor folders that hold a spec (a folder without YAML is work in progress).
fn vendor_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(workspace().join("spec"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir() && yaml_files(p).next().is_some())
        .collect();
    dirs.sort();
    dirs
}

fn yaml_files(dir: &Path) -> impl Iterator<Item = PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files.into_iter()
}

#[test]
fn every_vendor_spec_is_valid() {
    let dirs = vendor_dirs();
    assert!(
        dirs.len() >= 3,
        "expected vendor specs under spec/, found {dirs:?}"
    );
    for dir in dirs {
        let (spec, diags, sources) = check_dir(&dir);
        let rendered: Vec<String> = diags
            .iter()
            .map(|d| kassa_codegen::diag::render(d, &sources))
            .collect();
        assert!(
            diags.is_empty(),
            "{}:\n{}",
            dir.display(),
            rendered.join("\n")
        );
        assert!(spec.is_some());
    }
}

#[test]
fn every_yaml_file_points_editors_at_the_language_schema() {
    for dir in vendor_dirs() {
        for file in yaml_files(&dir) {
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(
                text.starts_with("# yaml-language-server: $schema=../kassa-spec.schema.json"),
                "{} lacks the schema line",
                file.display()
            );
        }
    }
}

#[test]
fn the_language_schema_is_fresh() {
    let checked_in =
        std::fs::read_to_string(workspace().join("spec/kassa-spec.schema.json")).unwrap();
    assert!(
        checked_in == kassa_codegen::read::meta_schema::spec_language_schema_json(),
        "spec/kassa-spec.schema.json is stale: run `cargo xtask regenerate`"
    );
}

/// The inventory lists everything the docs name: compared with lists
/// written from the docs (tests/expected/<vendor>.json), not from the specs.
#[test]
fn inventory_covers_the_docs() {
    let expected_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected");
    for dir in vendor_dirs() {
        let id = dir.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(expected_dir.join(format!("{id}.json"))) else {
            panic!("no expected inventory for {id}");
        };
        let expected: Value = serde_json::from_str(&text).unwrap();
        let (spec, _, _) = check_dir(&dir);
        let inventory = kassa_codegen::inventory::inventory(&[spec.unwrap()]);
        let actual = serde_json::to_value(&inventory.vendors[0]).unwrap();
        let mut missing = Vec::new();
        for op in expected["operations"].as_array().unwrap() {
            let found = actual["operations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["wire"] == op["wire"] && a["name"] == op["name"]);
            if !found {
                missing.push(format!("operation {op}"));
            }
        }
        for (section, list) in [("enums", "values"), ("error_tables", "codes")] {
            for table in expected[section].as_array().unwrap() {
                let Some(found) = actual[section]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|a| a["name"] == table["name"])
                else {
                    missing.push(format!("{section} {}", table["name"]));
                    continue;
                };
                let codes: Vec<&Value> = match list {
                    "values" => found["values"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| &v["code"])
                        .collect(),
                    _ => found["codes"].as_array().unwrap().iter().collect(),
                };
                for code in table["codes"].as_array().unwrap() {
                    if !codes.contains(&code) {
                        missing.push(format!("{section} {} code {code}", table["name"]));
                    }
                }
            }
        }
        let examples = expected["examples"].as_u64().unwrap() as usize;
        if inventory.vendors[0].examples < examples {
            missing.push(format!(
                "examples: {} in the spec, {examples} in the docs",
                inventory.vendors[0].examples
            ));
        }
        assert!(
            missing.is_empty(),
            "{id}: the spec lacks what the docs name:\n{}",
            missing.join("\n")
        );
    }
}

/// A line of garbage inserted at line N, or the file cut short inside line N,
/// is reported at line N (give or take one) of that file.
#[test]
fn broken_lines_are_reported_where_they_are() {
    let mut sampled = 0;
    let mut failures = Vec::new();
    for dir in vendor_dirs() {
        let files: Vec<(PathBuf, Vec<u8>)> = yaml_files(&dir)
            .map(|f| (f.clone(), std::fs::read(&f).unwrap()))
            .collect();
        for (index, (path, bytes)) in files.iter().enumerate() {
            let text = String::from_utf8(bytes.clone()).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            // Up to 12 lines per file, spread over it, skipping the schema comment.
            let step = (lines.len() / 12).max(1);
            for n in (2..=lines.len()).step_by(step) {
                let line = lines[n - 1];
                let content_at = line.len() - line.trim_start().len();
                let cuts = [
                    // garbage line inserted before line n
                    {
                        let mut l = lines.clone();
                        l.insert(n - 1, "]] garbage [[ :");
                        l.join("\n")
                    },
                    // the file cut short after the first character of line n's content
                    {
                        let first = line[content_at..].chars().next().map_or(0, char::len_utf8);
                        let keep = lines[..n - 1].iter().map(|l| l.len() + 1).sum::<usize>()
                            + content_at
                            + first;
                        text[..keep.min(text.len())].to_owned()
                    },
                ];
                for (kind, broken) in ["garbage", "truncated"].iter().zip(cuts) {
                    if line.trim().is_empty() && *kind == "truncated" {
                        continue;
                    }
                    let mut variant = files.clone();
                    variant[index].1 = broken.into_bytes();
                    let (_, diags, _) = check_files(&dir, variant);
                    sampled += 1;
                    let hit = diags
                        .iter()
                        .any(|d| d.file == *path && (d.pos.line as i64 - n as i64).abs() <= 1);
                    if !hit {
                        let got: Vec<String> = diags
                            .iter()
                            .map(|d| format!("{}:{} {}", d.file.display(), d.pos, d.message))
                            .collect();
                        failures.push(format!("{kind} at {}:{n}: {got:?}", path.display()));
                    }
                }
            }
        }
    }
    assert!(sampled > 100, "only {sampled} samples");
    assert!(
        failures.is_empty(),
        "{} of {sampled} broken lines were not reported at their line:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
