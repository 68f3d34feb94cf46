//! `cargo xtask regenerate` writes every generated file from `spec/`;
//! `cargo xtask check` regenerates in memory and fails when a checked-in
//! file is stale.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kassa_codegen::ir::Spec;

/// A file the generator owns: its path relative to the workspace and contents.
struct Generated {
    path: PathBuf,
    contents: String,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The resolved specs, each with its folder.
type Specs = Vec<(PathBuf, Spec)>;

/// Everything generated from the spec folder, in a stable order, and the
/// specs it came from with their folders.
fn generate(root: &Path) -> Result<(Vec<Generated>, Specs), String> {
    let dirs = spec_dirs(root)?;
    let report = kassa_codegen::check::check_dirs(&dirs);
    if !report.diagnostics.is_empty() {
        let mut text = String::new();
        for d in &report.diagnostics {
            text.push_str(&kassa_codegen::diag::render(d, &report.sources));
        }
        return Err(format!(
            "{text}the specs have {} problem(s); fix them first",
            report.diagnostics.len()
        ));
    }
    let mut files = vec![Generated {
        path: PathBuf::from("spec/kassa-spec.schema.json"),
        contents: kassa_codegen::read::meta_schema::spec_language_schema_json(),
    }];
    let client = Path::new("generated-client/src");
    for file in kassa_codegen::emit::rust::client_lib(&report.specs)? {
        files.push(Generated {
            path: client.join(file.path),
            contents: file.contents,
        });
    }
    for (spec, dir) in report.specs.iter().zip(&dirs) {
        let source = dir.to_string_lossy().replace('\\', "/");
        for file in kassa_codegen::emit::rust::vendor_module(spec, &source)? {
            files.push(Generated {
                path: client.join(file.path),
                contents: file.contents,
            });
        }
    }
    let sources: Vec<_> = report
        .specs
        .iter()
        .zip(&dirs)
        .map(|(spec, dir)| (spec, dir.to_string_lossy().replace('\\', "/")))
        .collect();
    let schemas = Path::new("generated-client/schemas");
    let exports = kassa_codegen::emit::export::files(&sources);
    for file in kassa_codegen::emit::schema::ops::files(&sources)
        .into_iter()
        .chain(exports)
    {
        files.push(Generated {
            path: schemas.join(file.path),
            contents: file.contents,
        });
    }
    let docs = Path::new("generated-client/docs");
    for spec in &report.specs {
        files.push(Generated {
            path: docs.join(format!("{}.md", spec.id)),
            contents: kassa_codegen::emit::docs::vendor_markdown(spec),
        });
    }
    files.push(Generated {
        path: docs.join("index.html"),
        contents: kassa_codegen::emit::docs::index_html(&report.specs),
    });
    Ok((files, dirs.into_iter().zip(report.specs).collect()))
}

/// Folders whose every file the generator writes.
const OWNED: &[&str] = &[
    "generated-client/src",
    "generated-client/schemas",
    "generated-client/docs",
];

/// Files in folders the generator owns that it no longer generates.
fn orphans(root: &Path, files: &[Generated]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = OWNED.iter().map(PathBuf::from).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&dir)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let rel = dir.join(entry.file_name());
            if entry.path().is_dir() {
                stack.push(rel);
            } else if !files.iter().any(|g| g.path == rel) {
                found.push(rel);
            }
        }
    }
    found.sort();
    found
}

fn spec_dirs(root: &Path) -> Result<Vec<PathBuf>, String> {
    let spec = root.join("spec");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&spec)
        .map_err(|e| format!("cannot read {}: {e}", spec.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    // Diagnostics name files relative to the workspace, as a user types them.
    Ok(dirs
        .into_iter()
        .map(|d| d.strip_prefix(root).map(Path::to_path_buf).unwrap_or(d))
        .collect())
}

fn stale(root: &Path, files: &[Generated]) -> Vec<PathBuf> {
    files
        .iter()
        .filter(|g| {
            std::fs::read_to_string(root.join(&g.path)).ok().as_deref() != Some(g.contents.as_str())
        })
        .map(|g| g.path.clone())
        .collect()
}

/// What the specs change in the API since the committed ones (git HEAD),
/// one paragraph per vendor, so a reviewer reads the meaning before the
/// regenerated Rust. Silent where git or HEAD is not there.
fn print_api_changes(specs: &[(PathBuf, Spec)]) {
    let (mut compared, mut changed) = (0, 0);
    for (dir, new) in specs {
        let shown = dir.display();
        let old = match kassa_codegen::check::git_files(dir, "HEAD") {
            Ok(files) => kassa_codegen::check::check_files(dir, files).0,
            Err(e) if e.contains("no YAML files") => {
                println!("{shown}: new since HEAD");
                continue;
            }
            Err(_) => continue,
        };
        let Some(old) = old else {
            continue;
        };
        let changes = kassa_codegen::diff::diff(&old, new);
        compared += 1;
        if !changes.is_empty() {
            changed += 1;
            println!(
                "{shown} since HEAD: {} (details: `kassa diff {shown}@HEAD {shown}`)",
                kassa_codegen::diff::summary(&changes)
            );
        }
    }
    if compared > 0 && changed == 0 {
        println!("no API changes in spec/ since HEAD");
    }
}

fn main() -> ExitCode {
    let root = workspace_root();
    if std::env::set_current_dir(&root).is_err() {
        eprintln!("error: cannot enter the workspace root {}", root.display());
        return ExitCode::FAILURE;
    }
    let command = std::env::args().nth(1).unwrap_or_default();
    let (files, specs) = match generate(&root) {
        Ok(generated) => generated,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match command.as_str() {
        "regenerate" => {
            let changed = stale(&root, &files);
            for g in files.iter().filter(|g| changed.contains(&g.path)) {
                let path = root.join(&g.path);
                if let Some(parent) = path.parent()
                    && let Err(e) = std::fs::create_dir_all(parent)
                {
                    eprintln!("error: cannot create {}: {e}", parent.display());
                    return ExitCode::FAILURE;
                }
                if let Err(e) = std::fs::write(&path, &g.contents) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
                println!("updated {}", g.path.display());
            }
            for orphan in orphans(&root, &files) {
                if let Err(e) = std::fs::remove_file(root.join(&orphan)) {
                    eprintln!("error: cannot remove {}: {e}", orphan.display());
                    return ExitCode::FAILURE;
                }
                println!("removed {}", orphan.display());
            }
            println!(
                "{} generated file(s), {} changed",
                files.len(),
                changed.len()
            );
            print_api_changes(&specs);
            ExitCode::SUCCESS
        }
        "check" => {
            let mut changed = stale(&root, &files);
            changed.extend(orphans(&root, &files));
            if changed.is_empty() {
                println!("{} generated file(s) up to date", files.len());
                ExitCode::SUCCESS
            } else {
                eprintln!("error: generated files are stale:");
                for p in &changed {
                    eprintln!("  {}", p.display());
                }
                eprintln!("run `cargo xtask regenerate` and commit the result");
                ExitCode::FAILURE
            }
        }
        _ => {
            eprintln!("usage: cargo xtask <regenerate|check>");
            ExitCode::from(2)
        }
    }
}
