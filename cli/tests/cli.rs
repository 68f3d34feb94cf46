//! The `kassa` binary: exit codes, and no panic on hostile input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn kassa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kassa"))
        .args(args)
        // The corpus and fixtures live with the spec language.
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen"))
        .output()
        .unwrap()
}

fn temp_spec(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kassa-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, bytes) in files {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    dir
}

#[test]
fn check_exits_0_with_a_summary_on_a_valid_spec() {
    let out = kassa(&["check", "tests/fixtures/mini"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("ok mini"), "{stdout}");
    assert!(stdout.contains("1 operations"), "{stdout}");
}

#[test]
fn check_exits_1_with_located_diagnostics_on_a_bad_spec() {
    let out = kassa(&["check", "tests/bad/unknown_key", "tests/bad/undefined_type"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[K0201]: unknown key `safe_to_retri`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> tests/bad/unknown_key/api.yaml:21:5"),
        "{stderr}"
    );
    assert!(
        stderr.contains("= help: did you mean `safe_to_retry`?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> tests/bad/undefined_type/api.yaml:29:22"),
        "{stderr}"
    );
}

#[test]
fn inventory_lists_operations_enums_and_error_codes() {
    let out = kassa(&["inventory", "tests/fixtures/mini", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["vendors"][0]["operations"][0],
        serde_json::json!({"name": "get_goods", "wire": "GETGOODS"})
    );
    assert_eq!(
        v["vendors"][0]["enums"][0]["values"][1],
        serde_json::json!({"name": "Folder", "code": 2})
    );
    assert_eq!(
        v["vendors"][0]["error_tables"][0]["codes"],
        serde_json::json!([0, 1, 4])
    );
}

/// Hostile inputs end in exit 1 with a diagnostic, quickly, never a panic (101).
#[test]
fn hostile_inputs_are_rejected_without_panicking() {
    let deep = format!("a: {}1{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let deep_block: String = (0..3000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let prev = if i == 0 {
            "a".to_owned()
        } else {
            format!("b{}", i - 1)
        };
        bomb.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    let huge = "x: ".to_owned() + &"y".repeat(9 * 1024 * 1024) + "\n";
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("binary", garbage),
        ("not_utf8", b"vendor:\n  id: \xff\xfe\n".to_vec()),
        ("deep_flow", deep.into_bytes()),
        ("deep_block", deep_block.into_bytes()),
        ("alias_bomb", bomb.into_bytes()),
        ("huge", huge.into_bytes()),
        ("tabs", b"vendor:\n\tid: x\n".to_vec()),
        ("scalar_root", b"42\n".to_vec()),
    ];
    for (name, bytes) in cases {
        let dir = temp_spec(name, &[("spec.yaml", &bytes)]);
        let started = Instant::now();
        let out = kassa(&["check", dir.to_str().unwrap()]);
        let took = started.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.contains("error["), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(took < Duration::from_secs(5), "{name} took {took:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn a_missing_folder_is_an_error_not_a_panic() {
    let out = kassa(&["check", Path::new("tests/no-such-folder").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read spec folder"));
}

#[test]
fn check_of_the_spec_folder_glob_skips_the_files_beside_the_vendors() {
    // What `kassa check spec/*` expands to: vendor folders plus README and schema.
    let out = kassa(&[
        "check",
        "../spec/README.md",
        "../spec/kassa-spec.schema.json",
        "tests/fixtures/mini",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = kassa(&["check", "tests/fixtures/mini/api.yaml"]);
    assert_eq!(out.status.code(), Some(1));
}
