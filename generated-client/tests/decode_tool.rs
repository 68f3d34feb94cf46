//! The `decode` example, run as a user runs it.

use std::path::PathBuf;
use std::process::Command;

// The README's console blocks (shared with kassa-cli's README test).
#[allow(dead_code)]
#[path = "../../cli/tests/support/readme.rs"]
mod readme;

const DECODE: &str = "cargo run -q -p kassa-client --example decode --";

/// The README's `decode` commands, run as written from the repository's
/// root on the payload files it names, print what it shows.
#[test]
fn the_readme_decode_commands_print_what_it_shows() {
    let mut ran = 0;
    for shown in readme::commands() {
        let words = shown.words.join(" ");
        let Some(args) = words.strip_prefix(DECODE) else {
            continue;
        };
        let out = Command::new(decode_binary())
            .args(args.split_whitespace())
            .current_dir(readme::root())
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "{printed}");
        if let Err(e) = readme::compare(&shown, &printed) {
            panic!("{e}");
        }
        ran += 1;
    }
    assert!(ran >= 1, "the README shows no decode command");
}

fn decode_binary() -> PathBuf {
    // Test binaries live in target/<profile>/deps; examples in target/<profile>/examples.
    let exe = std::env::current_exe().expect("the test binary has a path");
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps");
    let bin = profile
        .join("examples")
        .join(format!("decode{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is missing; `cargo test` builds examples",
        bin.display()
    );
    bin
}

fn run(args: &[&str], body: &str) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("kassa-decode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.json", args.join("-")));
    std::fs::write(&file, body).unwrap();
    let out = Command::new(decode_binary())
        .args(args)
        .arg(&file)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_response_decodes_and_prints_re_encoded() {
    let (code, out, _) = run(
        &["icash", "get_pay_types", "response"],
        r#"{"nonce":"1","status":1,"data":[{"id":1,"value":"Cash"}]}"#,
    );
    assert_eq!(code, 0);
    assert!(out.contains("\"value\": \"Cash\""), "{out}");
}

#[test]
fn a_vendor_failure_is_the_typed_error() {
    let (code, out, _) = run(
        &["icash", "get-pay-types", "response"],
        r#"{"nonce":"1","status":0,"error_message":"Session expired"}"#,
    );
    assert_eq!(code, 0);
    assert!(
        out.starts_with("error: vendor error SessionExpired"),
        "{out}"
    );
}

#[test]
fn a_body_that_does_not_decode_names_the_path() {
    let (code, _, err) = run(
        &["icash", "get-pay-types", "response"],
        r#"{"nonce":"1","status":1,"data":[{"id":"x","value":"Cash"}]}"#,
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("`data[0].id`") && err.contains("expected u64"),
        "{err}"
    );
}

#[test]
fn a_request_is_re_encoded_without_its_password() {
    let (code, out, _) = run(
        &["smpos", "GETCHAINLIST", "request"],
        r#"{"req":"GETCHAINLIST","login":"u","psw":"hunter2"}"#,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("\"req\": \"GETCHAINLIST\"") && !out.contains("hunter2"),
        "{out}"
    );
}

#[test]
fn an_unknown_operation_lists_the_known_ones() {
    let (code, _, err) = run(&["smpos", "NOPE", "request"], "{}");
    assert_eq!(code, 2);
    assert!(err.contains("GETCHAINLIST"), "{err}");
}
