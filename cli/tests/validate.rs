//! `kassa validate`: exit codes and messages on real vendor payloads.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `kassa validate` from the workspace root with `payload` as a file.
fn validate(args: &[&str], payload: &str) -> Output {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let file = std::env::temp_dir().join(format!(
        "kassa-validate-{}-{}.json",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&file, payload).unwrap();
    let out = run(args, Some(&file), None);
    let _ = std::fs::remove_file(&file);
    out
}

fn run(args: &[&str], file: Option<&PathBuf>, stdin: Option<&str>) -> Output {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kassa"));
    cmd.arg("validate").args(args).current_dir(root);
    match file {
        Some(f) => cmd.arg(f),
        None => cmd.arg("-"),
    };
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    if let Some(mut pipe) = child.stdin.take() {
        pipe.write_all(stdin.unwrap_or_default().as_bytes())
            .unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Caspos' own openShift example (Open Shift section).
const OPEN_SHIFT: &str = r#"{"data": {"sum": 1.0}, "operation": "openShift", "username": "username", "password": "password", "cashierName": "Cashier"}"#;

#[test]
fn a_conforming_payload_exits_0() {
    let out = validate(
        &["spec/caspos", "--operation", "openShift", "--request"],
        OPEN_SHIFT,
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert!(
        stdout.ends_with(": conforms to the caspos openShift request schema\n"),
        "{stdout}"
    );
}

#[test]
fn the_operation_is_found_by_name_wire_name_or_alias() {
    for op in ["open_shift", "openShift"] {
        let out = validate(&["spec/caspos", "--operation", op, "--request"], OPEN_SHIFT);
        assert_eq!(out.status.code(), Some(0), "{op}: {:?}", text(&out));
    }
    // SM POS documents GETPRTLIST under a second name.
    let list = r#"{"req": "GETPRTLIST", "login": "l", "psw": "p"}"#;
    let out = validate(
        &["spec/smpos", "--operation", "GETPRTLIST", "--request"],
        list,
    );
    assert_ne!(out.status.code(), Some(2), "{:?}", text(&out));
}

#[test]
fn each_problem_is_listed_with_its_json_pointer_and_exits_1() {
    let bad = r#"{"data": {"sum": "1.5x"}, "operation": "openShift", "username": "u", "password": "p", "extra": 1}"#;
    let out = validate(
        &["spec/caspos", "--operation", "openShift", "--request"],
        bad,
    );
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].ends_with(": 3 problems against the caspos openShift request schema"),
        "{stdout}"
    );
    assert_eq!(
        &lines[1..],
        [
            r#"  (root): "cashierName" is a required property"#,
            r#"  (root): Unevaluated properties are not allowed ('extra' was unexpected)"#,
            r#"  /data/sum: "1.5x" does not match "^-?[0-9]+(\.[0-9]+)?$""#,
        ],
        "{stdout}"
    );
}

#[test]
fn a_response_is_checked_only_where_the_status_says_success() {
    let args = ["spec/caspos", "--operation", "openShift", "--response"];
    let failure = r#"{"code": "102", "message": "Shift is already open"}"#;
    assert_eq!(validate(&args, failure).status.code(), Some(0));
    let no_status = r#"{"message": "?"}"#;
    let out = validate(&args, no_status);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out)
            .0
            .contains(r#"(root): "code" is a required property"#),
        "{:?}",
        text(&out)
    );
}

#[test]
fn secrets_and_whole_objects_are_never_printed() {
    let payload = r#"{"data": {"sum": 1}, "operation": "openShift", "username": "u", "password": {"p": "hunter2"}, "cashierName": ["hunter3"]}"#;
    let out = validate(
        &["spec/caspos", "--operation", "openShift", "--request"],
        payload,
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(r#"/password: the value is not of type "string""#),
        "{stdout}"
    );
    assert!(stdout.contains("/cashierName: the value"), "{stdout}");
    assert!(
        !stdout.contains("hunter") && !stderr.contains("hunter"),
        "{stdout}{stderr}"
    );
}

#[test]
fn stdin_is_read_for_a_dash() {
    let out = run(
        &["spec/caspos", "--operation", "openShift", "--request"],
        None,
        Some(OPEN_SHIFT),
    );
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("stdin: conforms"), "{stdout}");
}

#[test]
fn text_that_is_not_json_exits_1_with_its_position() {
    let out = validate(
        &["spec/caspos", "--operation", "openShift", "--request"],
        "{\n  \"data\": ,\n}",
    );
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(":2:11: not JSON: expected value"),
        "{stdout}"
    );
}

#[test]
fn what_cannot_be_checked_exits_2() {
    let out = validate(
        &["spec/caspos", "--operation", "open_shfit", "--request"],
        OPEN_SHIFT,
    );
    assert_eq!(out.status.code(), Some(2));
    let (_, stderr) = text(&out);
    assert!(
        stderr.contains("no operation `open_shfit`; the spec has to_login,"),
        "{stderr}"
    );
    assert!(stderr.contains("open_shift"), "{stderr}");

    // Kassa24's GET /kkms has no request body.
    let out = validate(
        &["spec/kassa24", "--operation", "list_kkms", "--request"],
        "{}",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.contains("sends no request body"),
        "{:?}",
        text(&out)
    );

    let missing = PathBuf::from("/nonexistent/kassa-payload.json");
    let out = run(
        &["spec/caspos", "--operation", "openShift", "--request"],
        Some(&missing),
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out)
            .1
            .contains("cannot read /nonexistent/kassa-payload.json")
    );

    let out = validate(&["spec/caspos", "--operation", "openShift"], OPEN_SHIFT);
    assert_eq!(out.status.code(), Some(2), "a direction is required");

    let out = validate(
        &["spec/nowhere", "--operation", "openShift", "--request"],
        OPEN_SHIFT,
    );
    assert_eq!(out.status.code(), Some(2), "{:?}", text(&out));
}
