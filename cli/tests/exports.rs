//! `kassa export`: the OpenAPI and OpenRPC documents, checked by tools
//! nobody here wrote. `openapi-spec-validator` (PyPI) validates the OpenAPI
//! 3.1 documents (Kassa24, iCash) and their 3.0.3 forms (`--openapi-version
//! 3.0`), `@open-rpc/schema-utils-js` (npm) the OpenRPC one, and
//! schemathesis (PyPI) reads the Kassa24 document, generates requests from
//! it and checks the simulator's replies against it.
//!
//! `.ci/run` installs the three. Elsewhere a test whose tool is missing
//! passes with a loud `SKIPPED` line, so `cargo test --workspace` works on
//! a fresh machine; where `CI` is set it fails instead.

#[path = "support/cli.rs"]
mod cli;

use std::path::{Path, PathBuf};
use std::process::Command;

use cli::{kassa, root};

#[path = "support/served.rs"]
mod served;
#[path = "support/tools.rs"]
mod tools;

use tools::tool;

/// The document `kassa export` prints for a spec folder.
fn exported(format: &str, spec: &str) -> String {
    exported_with(&[format, spec])
}

/// The document `kassa export ARGS` prints.
fn exported_with(args: &[&str]) -> String {
    let out = kassa(&[&["export"], args].concat());
    assert!(
        out.status.success(),
        "kassa export {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The exported document in a file of its own, for a tool to read.
fn exported_file(format: &str, spec: &str) -> PathBuf {
    exported_file_with(format, &[format, spec])
}

/// The document `kassa export ARGS` prints, in a file named after them.
fn exported_file_with(format: &str, args: &[&str]) -> PathBuf {
    let name = args[1..].join("-").replace(['/', '.'], "-");
    let path = std::env::temp_dir().join(format!(
        "kassa-export-{}-{name}.{format}.json",
        std::process::id()
    ));
    std::fs::write(&path, exported_with(args)).unwrap();
    path
}

fn python() -> Command {
    Command::new(std::env::var("KASSA_PYTHON").unwrap_or_else(|_| "python3".into()))
}

#[test]
fn export_prints_the_published_documents_and_refuses_other_protocols() {
    for (format, vendor) in [
        ("openapi", "kassa24"),
        ("openapi", "icash"),
        ("openrpc", "heado"),
    ] {
        let published = std::fs::read_to_string(
            root().join(format!("generated-client/schemas/{vendor}/{format}.json")),
        )
        .unwrap();
        assert_eq!(exported(format, &format!("spec/{vendor}")), published);
    }
    for (format, spec, says) in [
        (
            "openapi",
            "spec/caspos",
            "neither OpenAPI nor OpenRPC describes it faithfully",
        ),
        (
            "openapi",
            "spec/smpos",
            "neither OpenAPI nor OpenRPC describes it faithfully",
        ),
        (
            "openrpc",
            "spec/kassa24",
            "describe it with `kassa export openapi`",
        ),
        (
            "openapi",
            "spec/heado",
            "describe it with `kassa export openrpc`",
        ),
    ] {
        let out = kassa(&["export", format, spec]);
        assert_eq!(out.status.code(), Some(2), "{format} {spec}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{stderr}");
    }
}

#[test]
fn openapi_documents_pass_an_outside_validator() {
    if !validator_installed() {
        return;
    }
    // The vendors' documents (REST, form posts), and a REST spec that uses
    // every parameter place, list style, vendor-wide header and reply kind.
    for spec in ["spec/kassa24", "spec/icash", "codegen/tests/fixtures/tally"] {
        // A broken document is refused: the check can fail.
        validated(
            spec,
            &exported_file("openapi", spec),
            "a broken document",
            |doc| {
                doc["paths"]["/broken"] = serde_json::json!({ "get": { "responses": "none" } });
            },
        );
    }
}

/// Whether `openapi-spec-validator` is there (else a loud skip, or a
/// failure in CI).
fn validator_installed() -> bool {
    tool(
        "openapi-spec-validator",
        python().args(["-c", "import openapi_spec_validator"]),
        "pip install openapi-spec-validator",
    )
}

/// `openapi-spec-validator` accepts the document in `file`, and refuses a
/// copy that `break_it` spoiled (`what`).
fn validated(spec: &str, file: &Path, what: &str, break_it: impl Fn(&mut serde_json::Value)) {
    let validate = |path: &Path| {
        python()
            .args(["-m", "openapi_spec_validator"])
            .arg(path)
            .output()
            .unwrap()
    };
    let out = validate(file);
    assert!(
        out.status.success(),
        "{spec}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    break_it(&mut doc);
    let broken = file.with_extension("broken.json");
    std::fs::write(&broken, doc.to_string()).unwrap();
    assert!(!validate(&broken).status.success(), "{spec}: {what} passed");
}

#[test]
fn openapi_version_3_1_is_the_default_and_openrpc_takes_no_version() {
    let published =
        std::fs::read_to_string(root().join("generated-client/schemas/kassa24/openapi.json"))
            .unwrap();
    assert_eq!(
        exported_with(&["openapi", "spec/kassa24", "--openapi-version", "3.1"]),
        published
    );
    let doc: serde_json::Value = serde_json::from_str(&exported_with(&[
        "openapi",
        "spec/kassa24",
        "--openapi-version",
        "3.0",
    ]))
    .unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    let out = kassa(&[
        "export",
        "openrpc",
        "spec/heado",
        "--openapi-version",
        "3.0",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--openapi-version applies to `kassa export openapi` only"),
        "{stderr}"
    );
    let out = kassa(&[
        "export",
        "openapi",
        "spec/kassa24",
        "--openapi-version",
        "2.0",
    ]);
    assert_eq!(out.status.code(), Some(2), "an unknown version is refused");
}

#[test]
fn openapi_3_0_documents_pass_an_outside_validator() {
    if !validator_installed() {
        return;
    }
    // The validator reads the `openapi` field: 3.0.3 is checked against the
    // 3.0 schema, where a 3.1 construct (a type list) is refused.
    for spec in ["spec/kassa24", "spec/icash", "codegen/tests/fixtures/tally"] {
        let file = exported_file_with("openapi30", &["openapi", spec, "--openapi-version", "3.0"]);
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert_eq!(doc["openapi"], "3.0.3", "{spec}");
        validated(spec, &file, "a 3.1 type list in OpenAPI 3.0", |doc| {
            doc["components"]["schemas"]["Broken"] =
                serde_json::json!({ "type": ["string", "null"] });
        });
    }
}

#[test]
fn the_openrpc_document_passes_an_outside_validator() {
    let require = "require('@open-rpc/schema-utils-js')";
    if !tool(
        "@open-rpc/schema-utils-js",
        Command::new("node").args(["-e", require]),
        "npm install @open-rpc/schema-utils-js and put its node_modules on NODE_PATH",
    ) {
        return;
    }
    let file = exported_file("openrpc", "spec/heado");
    let script = format!(
        "const u = {require}; const fs = require('fs');
         const doc = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
         const check = d => u.validateOpenRPCDocument(d);
         const verdict = check(doc);
         if (verdict !== true) {{ console.log(verdict.message); process.exit(1); }}
         delete doc.methods[0].name;
         if (check(doc) === true) {{ console.log('a method without a name passed'); process.exit(1); }}"
    );
    let out = Command::new("node")
        .args(["-e", &script])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs schemathesis on the Kassa24 document against `url`.
fn schemathesis(document: &Path, url: &str, extra: &[&str]) -> String {
    let out = python()
        .args([
            "-c",
            "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())",
        ])
        .args(["run"])
        .arg(document)
        .args([
            "--url",
            url,
            "--max-examples",
            "10",
            "--seed",
            "1",
            "--checks",
            "not_a_server_error,response_schema_conformance,content_type_conformance",
        ])
        .args(extra)
        .env("NO_COLOR", "1")
        // Its cache goes where it runs: a scratch folder, not the repository.
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "schemathesis found problems:\n{text}");
    text
}

#[tokio::test]
async fn schemathesis_reads_the_kassa24_document_and_the_simulator_conforms() {
    if !tool(
        "schemathesis",
        python().args(["-c", "import schemathesis"]),
        "pip install schemathesis",
    ) {
        return;
    }
    let document = exported_file("openapi", "spec/kassa24");
    let served = served::serve(&["spec/kassa24"]);
    // The login, which needs no token; every login issues a new token and
    // retires the last, so the other operations run with one taken after.
    let login = schemathesis(&document, &served.url, &["--include-path", "/auth"]);
    assert!(login.contains("passed"), "{login}");
    let reply = reqwest::Client::new()
        .post(format!("{}/auth", served.url))
        .header("content-type", "application/json")
        .body(r#"{"Login": "user", "Password": "pass"}"#)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let reply: serde_json::Value = serde_json::from_str(&reply).unwrap();
    let token = reply["Data"]["Token"].as_str().expect("a token").to_owned();
    let bearer = format!("Authorization: Bearer {token}");
    let rest = schemathesis(
        &document,
        &served.url,
        &["--exclude-path", "/auth", "-H", &bearer],
    );
    let tested = rest
        .lines()
        .find(|l| l.contains("generated,"))
        .unwrap_or_default();
    assert!(tested.contains("passed"), "{rest}");
    println!("schemathesis on Kassa24: {}", tested.trim());
}
