//! `kassa diff`: mutations of the Tally fixture, each classified by its rule
//! on the three axes; `--fail-on` and the exit codes; JSON and Markdown.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/mutate.rs"]
mod mutate;

use std::path::{Path, PathBuf};
use std::process::Command;

use cli::{kassa, root};
use mutate::{diff_rows, mutated_from, replace};
use serde_json::Value;

const TALLY: &str = "codegen/tests/fixtures/tally";

/// A copy of Tally with `edit` applied to `file`.
fn mutated(name: &str, file: &str, edit: impl Fn(String) -> String) -> PathBuf {
    mutated_from(TALLY, name, file, edit)
}

/// The changes as JSON: (rule, item, rust, old client/new server, new client/old server).
fn changes(new: &Path) -> Vec<Row> {
    changes_from(TALLY, new)
}

fn changes_from(old: &str, new: &Path) -> Vec<Row> {
    rows(&["diff", old, new.to_str().unwrap()])
}

/// `kassa` with `args` and `--format json`, its changes as rows.
fn rows(args: &[&str]) -> Vec<Row> {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let keys = [
        "rule",
        "item",
        "rust",
        "old_client_new_server",
        "new_client_old_server",
    ];
    diff_rows(&args, &keys)
        .into_iter()
        .map(|mut r| {
            let mut take = || r.remove(0);
            (take(), take(), take(), take(), take())
        })
        .collect()
}

fn row(rule: &str, item: &str, v: [&str; 3]) -> Row {
    (
        rule.into(),
        item.into(),
        v[0].into(),
        v[1].into(),
        v[2].into(),
    )
}

type Edit = Box<dyn Fn(String) -> String>;
type Row = (String, String, String, String, String);

#[test]
fn each_mutation_is_classified_by_its_rule() {
    let cases: Vec<(&str, &str, Edit, Vec<Row>)> = vec![
        (
            "required-request-field",
            "api.yaml",
            Box::new(replace(
                "        email: {type: string, optional: true}\n",
                "        email: {type: string, optional: true}\n        cashier: string\n",
            )),
            vec![
                row(
                    "field-added",
                    "field sell.request.cashier",
                    ["breaking", "breaking", "none"],
                ),
                row(
                    "field-added",
                    "field sell_by_phone.request.cashier",
                    ["breaking", "breaking", "none"],
                ),
            ],
        ),
        (
            "response-field-now-optional",
            "api.yaml",
            Box::new(replace(
                "        status: string\n",
                "        status: {type: string, optional: true}\n",
            )),
            vec![row(
                "field-now-optional",
                "field receipt_status.response.status",
                ["breaking", "breaking", "none"],
            )],
        ),
        (
            "enum-value",
            "api.yaml",
            Box::new(replace(
                "      Refund: {code: REFUND}\n",
                "      Refund: {code: REFUND}\n      Gift: {code: GIFT}\n",
            )),
            vec![row(
                "enum-value-added",
                "enum ReceiptKind::Gift",
                ["breaking", "none", "breaking"],
            )],
        ),
        (
            "wire-renamed",
            "api.yaml",
            Box::new(replace(
                "    wire: DELETE /session\n",
                "    wire: DELETE /sessions/current\n",
            )),
            vec![row(
                "operation-wire-renamed",
                "operation sign_out",
                ["none", "breaking", "breaking"],
            )],
        ),
        (
            "error-meaning",
            "vendor.yaml",
            Box::new(replace(
                "      NotFound: {code: 404, message: Not found}\n",
                "      NotFound: {code: 404, message: Not found, retry: same_request}\n",
            )),
            vec![row(
                "error-code-meaning-changed",
                "error HttpError::NotFound",
                ["none", "breaking", "breaking"],
            )],
        ),
        (
            "tighter-request-constraint",
            "api.yaml",
            Box::new(replace(
                "      name: {type: string, max_length: 64}\n",
                "      name: {type: string, max_length: 32}\n",
            )),
            vec![row(
                "field-constraints-changed",
                "field Line.name",
                ["none", "breaking", "none"],
            )],
        ),
        (
            "looser-reply-size",
            "api.yaml",
            Box::new(replace(
                "      logo: {type: base64, optional: true, max_bytes: 16}\n",
                "      logo: {type: base64, optional: true, max_bytes: 64}\n",
            )),
            vec![row(
                "field-constraints-changed",
                "field Receipt.logo",
                ["none", "breaking", "none"],
            )],
        ),
        (
            "doc-and-order-only",
            "api.yaml",
            Box::new(replace(
                "    doc: One problem with one request field.\n",
                "    doc: A problem with a request field, reworded.\n",
            )),
            vec![],
        ),
    ];
    for (name, file, edit, want) in cases {
        let dir = mutated(name, file, edit);
        assert_eq!(changes(&dir), want, "{name}");
    }
}

/// Every vendor spec against itself: no change (a union's records share
/// field names, and are compared record by record).
#[test]
fn a_field_that_changes_place_is_judged_by_where_each_side_reads_it() {
    let spec = "spec/caspos";
    // openShift's `cashierName` moves from beside `data` into it, in the
    // field and in the example.
    let moved = mutated_from(spec, "moved", "operations-shift.yaml", |text| {
        let text = replace(
            "          type: string\n          placement: envelope\n          doc: Full name",
            "          type: string\n          doc: Full name",
        )(text);
        replace(
            "          \"sum\": 1.0\n          },\n          \"operation\": \"openShift\",\n          \"cashierName\": \"Yeni Kassir\",",
            "          \"sum\": 1.0,\n          \"cashierName\": \"Yeni Kassir\"\n          },\n          \"operation\": \"openShift\",",
        )(text)
    });
    assert_eq!(
        changes_from(spec, &moved),
        vec![row(
            "field-place-changed",
            "field open_shift.request.cashierName",
            ["none", "breaking", "breaking"],
        )]
    );
    // closeShift's `cashierName` is no longer read beside `data`: every
    // client sends it inside, so no client notices.
    let narrowed = mutated_from(
        spec,
        "narrowed",
        "operations-shift.yaml",
        replace("          also_in: envelope\n", ""),
    );
    assert_eq!(
        changes_from(spec, &narrowed),
        vec![row(
            "field-place-changed",
            "field close_shift.request.cashierName",
            ["none", "none", "none"],
        )]
    );
    // A reply field the new server may also send beside the payload: an
    // old client, which reads only the payload, misses it there.
    let icash = "spec/icash";
    let widened = mutated_from(
        icash,
        "widened",
        "types.yaml",
        replace(
            "        doc: Id of the sale operation that is returned",
            "        also_in: envelope\n        doc: Id of the sale operation that is returned",
        ),
    );
    assert_eq!(
        changes_from(icash, &widened),
        vec![row(
            "field-place-changed",
            "field Operation.SellOperationID",
            ["none", "breaking", "none"],
        )]
    );
}

#[test]
fn a_spec_against_itself_has_no_changes() {
    for vendor in ["caspos", "heado", "icash", "kassa24", "smpos"] {
        let spec = format!("spec/{vendor}");
        let out = kassa(&["diff", &spec, &spec, "--fail-on", "additive"]);
        assert_eq!(
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).into_owned()
            ),
            (Some(0), "no API changes\n".to_owned()),
            "{vendor}"
        );
    }
}

#[test]
fn fail_on_breaking_sets_the_exit_code_and_markdown_names_the_bump() {
    let dir = mutated(
        "fail-on",
        "api.yaml",
        replace(
            "  upload_logo:\n    wire: PUT /logo\n",
            "  upload_logo_v2:\n    wire: PUT /v2/logo\n",
        ),
    );
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", TALLY, dir.to_str().unwrap()];
        args.extend(extra);
        kassa(&args)
    };
    assert_eq!(run(&[]).status.code(), Some(0));
    assert_eq!(run(&["--fail-on", "breaking"]).status.code(), Some(1));
    let same = kassa(&["diff", TALLY, TALLY, "--fail-on", "additive"]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&same.stdout), "no API changes\n");
    let md = String::from_utf8_lossy(&run(&["--format", "markdown"]).stdout).into_owned();
    assert!(
        md.starts_with("## Tally: 2 change(s), a major release"),
        "{md}"
    );
    assert!(
        md.contains("| `operation-removed` | operation upload_logo | breaking | breaking | none |"),
        "{md}"
    );
    assert!(
        md.contains(
            "| `operation-added` | operation upload_logo_v2 | additive | none | breaking |"
        ),
        "{md}"
    );
    // A bad spec on either side: exit 2, with its diagnostics.
    let bad = kassa(&["diff", TALLY, "codegen/tests/bad/undefined_type"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown type `Gods`"));
}

/// `FOLDER@REV` reads the folder as git has it at that revision: here a
/// scratch repository whose second commit gives `sell` a typed form.
#[test]
fn a_folder_at_a_git_revision_is_the_old_side() {
    let repo = std::env::temp_dir().join(format!("kassa-diff-{}-git", std::process::id()));
    let _ = std::fs::remove_dir_all(&repo);
    let spec = repo.join("spec/tally");
    std::fs::create_dir_all(&spec).unwrap();
    for entry in std::fs::read_dir(root().join(TALLY)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, spec.join(path.file_name().unwrap())).unwrap();
    }
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(&repo)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "tally"]);
    let api = spec.join("api.yaml");
    let text = std::fs::read_to_string(&api).unwrap();
    let text = text.replacen(
        "      by_phone:\n",
        "      by_email:\n        required: [email]\n        omit: [phone]\n      by_phone:\n",
        1,
    );
    std::fs::write(&api, text).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_kassa"))
        .args([
            "diff",
            "spec/tally@HEAD",
            "spec/tally",
            "--fail-on",
            "breaking",
        ])
        .current_dir(&repo)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("[operation-form-added] operation sell_by_email"),
        "{stdout}"
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_kassa"))
        .args(["diff", "spec/tally@no-such-rev", "spec/tally"])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("cannot read spec/tally at no-such-rev"));
}

/// The changes between two revisions of one spec, derived with `--at`.
fn changes_at(spec: &str, old: &str, new: &str) -> Vec<Row> {
    rows(&["diff", spec, spec, "--at", old, "--at", new])
}

#[test]
fn each_smpos_revision_adds_what_its_change_history_says() {
    // "Історія змін": 1.1.0 UPDGOODS, GETGOODSQNTY; 1.2.0 `strict` in
    // UPDGOODS, ADDGOODS, DELGOODS; 1.2.1 `byPrtCloseTime` in GETPRTLIST
    // and GETPERSALES. Before 1.1.0 is any earlier number.
    let new_op = ["additive", "none", "breaking"];
    let new_type = ["additive", "none", "none"];
    // An optional request field: a struct literal breaks; unset, it is not sent.
    let new_field = ["breaking", "none", "none"];
    let steps = [
        (
            "1.0.0",
            "1.1.0",
            vec![
                row("operation-added", "operation update_goods", new_op),
                row("operation-added", "operation get_goods_quantity", new_op),
                row("type-added", "type GoodsUpdate", new_type),
                row("type-added", "type GoodsQnty", new_type),
            ],
        ),
        (
            "1.1.0",
            "1.2.0",
            vec![
                row(
                    "field-added",
                    "field update_goods.request.strict",
                    new_field,
                ),
                row("operation-added", "operation add_goods", new_op),
                row("operation-added", "operation delete_goods", new_op),
            ],
        ),
        (
            "1.2.0",
            "1.2.1",
            vec![
                row(
                    "field-added",
                    "field get_protocol_list.request.byPrtCloseTime",
                    new_field,
                ),
                row(
                    "field-added",
                    "field get_period_sales.request.byPrtCloseTime",
                    new_field,
                ),
            ],
        ),
    ];
    for (old, new, expected) in steps {
        let mut got = changes_at("spec/smpos", old, new);
        let mut expected = expected;
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "spec/smpos {old} -> {new}");
    }
    // The latest revision is the spec as written.
    assert!(changes_at("spec/smpos", "1.2.1", "1.2.1").is_empty());
    let latest = kassa(&["diff", "spec/smpos", "spec/smpos", "--at", "1.2.1"]);
    assert_eq!(
        String::from_utf8_lossy(&latest.stdout).trim(),
        "no API changes"
    );
    // `kassa check --at` counts what each revision has.
    let out = kassa(&["check", "spec/smpos", "--at", "1.1.0"]);
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(
        line.contains("15 operations") && line.contains("(at revision 1.1.0)"),
        "{line}"
    );
    // A revision that cannot be placed is refused, naming the known ones.
    let bad = kassa(&["check", "spec/smpos", "--at", "next"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("1.1.0, 1.2.0, 1.2.1"));
}

#[test]
fn the_changelog_gives_each_revision_its_notes_and_its_classified_changes() {
    let out = kassa(&["changelog", "spec/smpos"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Newest first, each with the vendor's date and notes.
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in:\n{text}"))
    };
    assert!(at("## 1.2.1 (2023-08-07)") < at("## 1.2.0 (2023-03-31)"));
    assert!(at("## 1.2.0 (2023-03-31)") < at("## 1.1.0 (2023-03-19)"));
    assert!(at("- ADDGOODS request added") > at("## 1.2.0"));
    // Each revision's changes, as `kassa diff` classifies them.
    assert!(
        at("| `operation-added` | operation add_goods | additive | none | breaking |")
            > at("## 1.2.0")
    );
    assert!(
        at(
            "| `field-added` | field get_period_sales.request.byPrtCloseTime | breaking | none | none |"
        ) < at("## 1.2.0")
    );
    assert!(text.contains("4 change(s) to the API, a minor release"));
    // The reference docs' changelog is the same text, revision by revision.
    let docs = std::fs::read_to_string(root().join("generated-client/docs/smpos.md")).unwrap();
    for block in text.split("\n## ").skip(1) {
        let (heading, body) = block.split_once('\n').unwrap();
        assert!(docs.contains(&format!(">{heading}</h3>")), "{heading}");
        assert!(
            docs.contains(body.trim()),
            "the docs lack {heading}'s text:\n{body}"
        );
    }
    // A spec without revisions says so.
    let none = kassa(&["changelog", "spec/kassa24"]);
    assert!(String::from_utf8_lossy(&none.stdout).contains("lists no revisions"));
}

#[test]
fn the_regenerate_summary_reads_as_one_paragraph() {
    use kassa_codegen::{at, check, diff};
    let (spec, problems, _) = check::check_dir(&root().join("spec/smpos"));
    assert!(problems.is_empty());
    let spec = spec.unwrap();
    let (old, new) = (
        at::at(&spec, "1.1.0").unwrap(),
        at::at(&spec, "1.2.0").unwrap(),
    );
    assert_eq!(diff::summary(&diff::diff(&new, &new)), "no API changes");
    let text = diff::summary(&diff::diff(&old, &new));
    assert_eq!(
        text,
        "3 change(s), a major release of the generated client; 0 break an old client against a \
         new server, 2 a new client against an old server: field update_goods.request.strict \
         (field-added), operation add_goods (operation-added), operation delete_goods \
         (operation-added)"
    );
}

/// The 1-based line of the first line of `file` (from the root) that
/// contains `needle`.
fn line_of(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(root().join(file)).unwrap();
    1 + text
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{file} has no {needle:?}"))
}

#[test]
fn each_change_names_the_file_and_line_of_both_sides() {
    let args = [
        "diff",
        "--at",
        "1.1.0",
        "--at",
        "1.2.0",
        "spec/smpos",
        "spec/smpos",
    ];
    let out = kassa(&args);
    let text = String::from_utf8_lossy(&out.stdout);
    let file = "spec/smpos/operations-goods.yaml";
    // `strict` came in 1.2.0: at 1.1.0 its operation is where it goes.
    let parent = line_of(file, "  update_goods:");
    let strict = line_of(file, "        strict:");
    assert!(
        text.contains(&format!(
            "[field-added] field update_goods.request.strict: `strict` is new\n      --> \
             {file}:{parent} (revision 1.1.0) -> {file}:{strict} (revision 1.2.0)\n"
        )),
        "{text}"
    );
    // An operation only one side has: that side alone.
    let add = line_of(file, "  add_goods:");
    assert!(
        text.contains(&format!("--> {file}:{add} (revision 1.2.0) (new)\n")),
        "{text}"
    );
    // JSON has both places too.
    let json: Value =
        serde_json::from_slice(&kassa(&[&args[..], &["--format", "json"]].concat()).stdout)
            .unwrap();
    assert_eq!(
        json[0]["new"],
        serde_json::json!({"file": "operations-goods.yaml", "line": strict})
    );
}

/// Tally deprecates its logo upload in 2.0 and removes it, with `shop` of a
/// receipt lookup, in 3.0: each step is what its revision says.
#[test]
fn a_deprecation_and_a_removal_are_classified_at_their_revisions() {
    let at = |old: &str, new: &str| rows(&["diff", "--at", old, "--at", new, TALLY, TALLY]);
    assert!(at("1.0", "2.0").contains(&row(
        "item-deprecated",
        "operation upload_logo",
        ["additive", "none", "none"]
    )));
    assert_eq!(
        at("2.0", "3.0"),
        vec![
            row(
                "field-removed",
                "field get_receipt.request.shop",
                ["breaking", "none", "none"]
            ),
            row(
                "operation-removed",
                "operation upload_logo",
                ["breaking", "breaking", "none"]
            ),
        ]
    );
    // The whole spec keeps both, for servers on earlier revisions: a spec
    // that gains the removal withdraws them.
    let before = mutated(
        "before-removal",
        "api.yaml",
        replace(
            "    deprecated: {since: \"2.0\", doc: The logo is set in the web cabinet}\n    until: \"3.0\"\n",
            "",
        ),
    );
    assert_eq!(
        rows(&["diff", before.to_str().unwrap(), TALLY]),
        vec![
            row(
                "item-withdrawn",
                "operation upload_logo",
                ["additive", "breaking", "none"]
            ),
            row(
                "item-deprecated",
                "operation upload_logo",
                ["additive", "none", "none"]
            ),
        ]
    );
    let summary = kassa(&["check", TALLY, "--at", "3.0"]);
    assert!(
        String::from_utf8_lossy(&summary.stdout).contains("12 operations"),
        "{}",
        String::from_utf8_lossy(&summary.stdout)
    );
}
