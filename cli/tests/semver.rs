//! The Rust-API verdict of `kassa diff`, cross-checked with a tool nobody
//! here wrote: cargo-semver-checks, on the generated crate before and after
//! each mutation of a real spec (SM POS).
//!
//! Each case states the rule and three verdicts `kassa diff` must give, and
//! what cargo-semver-checks must say of the two crates: the release it
//! requires (`major`, `minor`, or `none`). The two agree when kassa's
//! `breaking` is the tool's `major`, and kassa's `additive` or `none` is
//! not; cargo-semver-checks reports what a release breaks and never
//! additions, so an added item is `none` to it. Where they legitimately
//! differ the case says why, and the test checks that they do.
//!
//! Without cargo-semver-checks the test passes with a loud `SKIPPED` line;
//! with `CI` set it fails instead (`.ci/run` installs the tool).

#[path = "support/cli.rs"]
mod cli;
#[path = "support/mutate.rs"]
mod mutate;
#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use cli::{kassa, root};
use mutate::{diff_rows, mutated_from, replace};

const SPEC: &str = "spec/smpos";

struct Case {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    /// The rule `kassa diff` reports, and its three verdicts (Rust API, old
    /// client to new server, new client to old server).
    rule: &'static str,
    verdicts: [&'static str; 3],
    /// The release cargo-semver-checks requires.
    tool: &'static str,
    /// Why the two differ, where they do.
    differs: Option<&'static str>,
}

const GOODS_UPDATE_PARAM4: &str = "      param4: {type: i64, optional: true, doc: \"Parameter used for label printing\", doc_original: \"Параметр, що використовується для друку етикеток.\"}\n\n  DiscountDesc:";

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "remove-a-field",
            file: "types-goods.yaml",
            from: GOODS_UPDATE_PARAM4,
            to: "\n  DiscountDesc:",
            rule: "field-removed",
            verdicts: ["breaking", "none", "none"],
            tool: "major",
            differs: None,
        },
        Case {
            name: "rename-a-wire-name",
            file: "types-goods.yaml",
            from: GOODS_UPDATE_PARAM4,
            to: "      param5: {type: i64, optional: true, doc: \"Parameter used for label printing\"}\n\n  DiscountDesc:",
            rule: "field-wire-renamed",
            verdicts: ["breaking", "breaking", "breaking"],
            tool: "major",
            differs: None,
        },
        Case {
            name: "add-an-optional-field",
            file: "types-goods.yaml",
            from: GOODS_UPDATE_PARAM4,
            to: "      param4: {type: i64, optional: true}\n      param5: {type: i64, optional: true}\n\n  DiscountDesc:",
            rule: "field-added",
            verdicts: ["breaking", "none", "none"],
            tool: "major",
            differs: None,
        },
        Case {
            name: "make-a-field-required",
            file: "operations-protocols.yaml",
            from: "        recCnt:\n          type: u32\n          optional: true\n          default: 100\n",
            to: "        recCnt:\n          type: u32\n",
            rule: "field-now-required",
            verdicts: ["breaking", "breaking", "none"],
            tool: "none",
            differs: Some(
                "`Option<u32>` became `u32`: cargo-semver-checks does not compare the types of fields",
            ),
        },
        Case {
            name: "change-a-type",
            file: "types-goods.yaml",
            from: "      param3: {type: i64, optional: true, doc: \"Parameter used for label printing\", doc_original: \"Параметр, що використовується для друку етикеток.\"}\n      param4: {type: i64, optional: true, doc: \"Parameter used for label printing\", doc_original: \"Параметр, що використовується для друку етикеток.\"}\n\n  DiscountDesc:",
            to: "      param3: {type: i64, optional: true, doc: \"Parameter used for label printing\", doc_original: \"Параметр, що використовується для друку етикеток.\"}\n      param4: {type: string, optional: true}\n\n  DiscountDesc:",
            rule: "field-type-changed",
            verdicts: ["breaking", "breaking", "breaking"],
            tool: "none",
            differs: Some(
                "`Option<i64>` became `Option<String>`: cargo-semver-checks does not compare the types of fields",
            ),
        },
        Case {
            name: "remove-an-enum-value",
            file: "enums.yaml",
            from: "      PrintLabels:      {code: 10, const: DT_PRINTLABELS,    doc: Label printing, doc_original: Друк етикеток}\n",
            to: "",
            rule: "enum-value-removed",
            verdicts: ["breaking", "breaking", "none"],
            tool: "major",
            differs: None,
        },
        Case {
            name: "add-an-enum-value",
            file: "enums.yaml",
            from: "      Refund: {code: 1, doc: \"Refund\", doc_original: \"повернення\"}\n",
            to: "      Refund: {code: 1, doc: \"Refund\", doc_original: \"повернення\"}\n      Gift: {code: 7, doc: Gift}\n",
            rule: "enum-value-added",
            verdicts: ["breaking", "none", "breaking"],
            tool: "major",
            differs: None,
        },
        Case {
            name: "change-an-error-meaning",
            file: "errors.yaml",
            from: "        message: General error\n",
            to: "        message: General error\n        retry: same_request\n",
            rule: "error-code-meaning-changed",
            verdicts: ["none", "breaking", "breaking"],
            tool: "none",
            differs: None,
        },
        Case {
            name: "rename-a-type",
            file: "types-goods.yaml",
            from: "  DiscountDesc:\n",
            to: "  DiscountDescription:\n",
            rule: "type-renamed",
            verdicts: ["breaking", "none", "none"],
            tool: "major",
            differs: None,
        },
        Case {
            name: "add-an-operation",
            file: "operations-goods.yaml",
            from: "operations:\n",
            to: "operations:\n  ping:\n    wire: PING\n    safe_to_retry: true\n",
            rule: "operation-added",
            verdicts: ["additive", "none", "breaking"],
            tool: "none",
            differs: None,
        },
        Case {
            name: "deprecate-an-operation",
            file: "operations-goods.yaml",
            from: "  update_goods:\n    wire: UPDGOODS\n",
            to: "  update_goods:\n    wire: UPDGOODS\n    deprecated: {use: put_goods}\n",
            rule: "item-deprecated",
            verdicts: ["additive", "none", "none"],
            tool: "minor",
            differs: None,
        },
        Case {
            name: "withdraw-an-operation",
            file: "operations-goods.yaml",
            from: "  update_goods:\n    wire: UPDGOODS\n",
            to: "  update_goods:\n    wire: UPDGOODS\n    until: \"1.2.1\"\n",
            rule: "item-withdrawn",
            verdicts: ["additive", "breaking", "none"],
            tool: "minor",
            differs: None,
        },
    ]
}

/// The references to `DiscountDesc` follow its rename.
fn edit_of(case: &Case) -> Box<dyn Fn(String) -> String> {
    let one = replace(case.from, case.to);
    if case.name == "rename-a-type" {
        Box::new(move |text| one(text).replace("array<DiscountDesc>", "array<DiscountDescription>"))
    } else {
        Box::new(one)
    }
}

/// `kassa diff` of SM POS against `new`: (rule, verdicts) of each change.
fn classified(new: &Path) -> Vec<(String, [String; 3])> {
    let args = ["diff", SPEC, new.to_str().unwrap(), "--format", "json"];
    let keys = [
        "rule",
        "rust",
        "old_client_new_server",
        "new_client_old_server",
    ];
    diff_rows(&args, &keys)
        .into_iter()
        .map(|r| (r[0].clone(), [r[1].clone(), r[2].clone(), r[3].clone()]))
        .collect()
}

/// The generated crate of `spec`, its rustdoc JSON written to `json`. All
/// crates share one target folder, so the dependencies build once.
fn rustdoc_json(spec: &Path, work: &Path, name: &str) -> PathBuf {
    let krate = work.join(name);
    let _ = std::fs::remove_dir_all(&krate);
    let kassa_crate = root().join("kassa");
    let out = kassa(&[
        "generate",
        spec.to_str().unwrap(),
        "--out",
        krate.to_str().unwrap(),
        "--kassa-path",
        kassa_crate.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let target = work.join("target");
    // Rustdoc's JSON output is unstable; cargo-semver-checks builds it the
    // same way on a stable toolchain.
    let out = Command::new(env!("CARGO"))
        .args(["doc", "--quiet", "--lib", "--no-deps", "--manifest-path"])
        .arg(krate.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env("RUSTC_BOOTSTRAP", "1")
        .env("RUSTDOCFLAGS", "-Z unstable-options --output-format json")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "rustdoc of {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = work.join(format!("{name}.json"));
    std::fs::copy(target.join("doc/smpos_client.json"), &json).unwrap();
    json
}

/// The release cargo-semver-checks requires from `old` to `new`, and its
/// report.
fn tool_verdict(old: &Path, new: &Path) -> (String, String) {
    let out = Command::new(env!("CARGO"))
        .args([
            "semver-checks",
            "--color",
            "never",
            "--release-type",
            "patch",
        ])
        .arg("--baseline-rustdoc")
        .arg(old)
        .arg("--current-rustdoc")
        .arg(new)
        .output()
        .expect("cargo runs");
    let report =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let verdict = if report.contains("requires new major version") {
        "major"
    } else if report.contains("requires new minor version") {
        "minor"
    } else if report.contains("no semver update required") {
        "none"
    } else {
        panic!("cargo-semver-checks said neither: {report}")
    };
    (verdict.to_owned(), report)
}

/// Whether kassa's Rust-API verdict and the tool's release agree.
fn agree(rust: &str, tool: &str) -> bool {
    (rust == "breaking") == (tool == "major")
}

#[test]
fn the_rust_api_verdict_agrees_with_cargo_semver_checks() {
    if !tools::tool(
        "cargo-semver-checks",
        Command::new(env!("CARGO")).args(["semver-checks", "--version"]),
        "cargo install cargo-semver-checks --locked",
    ) {
        return;
    }
    // Outside the repository: a crate inside it would belong to its workspace.
    let work = std::env::temp_dir().join("kassa-semver-cross-check");
    std::fs::create_dir_all(&work).unwrap();
    let baseline = rustdoc_json(&root().join(SPEC), &work, "baseline");
    let mut table = String::from(
        "| mutation | rule | Rust API | old client, new server | new client, old server | cargo-semver-checks |\n|---|---|---|---|---|---|\n",
    );
    for case in cases() {
        let spec = mutated_from(
            SPEC,
            &format!("semver-{}", case.name),
            case.file,
            edit_of(&case),
        );
        let want = vec![(case.rule.to_owned(), case.verdicts.map(str::to_owned))];
        assert_eq!(classified(&spec), want, "{}: kassa diff", case.name);
        let current = rustdoc_json(&spec, &work, case.name);
        let (tool, report) = tool_verdict(&baseline, &current);
        assert_eq!(
            tool, case.tool,
            "{}: cargo-semver-checks said\n{report}",
            case.name
        );
        assert_eq!(
            agree(case.verdicts[0], &tool),
            case.differs.is_none(),
            "{}: kassa says {}, cargo-semver-checks {tool}; {}",
            case.name,
            case.verdicts[0],
            case.differs.unwrap_or("they should agree")
        );
        table.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {tool}{} |\n",
            case.name,
            case.rule,
            case.verdicts[0],
            case.verdicts[1],
            case.verdicts[2],
            case.differs.map(|d| format!(" ({d})")).unwrap_or_default()
        ));
    }
    eprintln!("{table}");
}
