//! Checking spec folders end to end: load, structural check, resolve.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::ir::Spec;
use crate::read::load::{Loaded, SourceMap, load_bytes, load_dir};

/// The outcome of checking one or more spec folders.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Every mistake, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The specs that resolved, in the order given.
    pub specs: Vec<Spec>,
    /// One line per valid vendor.
    pub summaries: Vec<String>,
    pub sources: SourceMap,
}

/// Loads and resolves one spec folder.
pub fn check_dir(dir: &Path) -> (Option<Spec>, Vec<Diagnostic>, SourceMap) {
    finish(dir, load_dir(dir))
}

/// Checks a spec given as in-memory files (path, bytes), as if read from `dir`.
pub fn check_files(
    dir: &Path,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> (Option<Spec>, Vec<Diagnostic>, SourceMap) {
    let mut loaded = Loaded::default();
    for (path, bytes) in files {
        load_bytes(&mut loaded, path, &bytes);
    }
    finish(dir, loaded)
}

fn finish(dir: &Path, loaded: Loaded) -> (Option<Spec>, Vec<Diagnostic>, SourceMap) {
    let mut diagnostics = loaded.diagnostics;
    let mut spec = None;
    // A file that did not load would make the rest report cascades
    // (undefined names defined in it): resolve only complete folders.
    if !loaded.files.is_empty() && diagnostics.is_empty() {
        let (resolved, diags) = crate::resolve::resolve(&loaded.files, &loaded.sources, dir);
        diagnostics.extend(diags);
        if diagnostics.is_empty() {
            spec = resolved;
        }
    }
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (spec, diagnostics, loaded.sources)
}

/// Checks several spec folders; vendor ids must be unique across them.
pub fn check_dirs(dirs: &[PathBuf]) -> CheckReport {
    let mut report = CheckReport::default();
    for dir in dirs {
        let (spec, diags, sources) = check_dir(dir);
        report.diagnostics.extend(diags);
        for (path, text) in sources.into_iter() {
            report.sources.insert(path, text);
        }
        if let Some(spec) = spec {
            if let Some(other) = report.specs.iter().find(|s| s.id == spec.id) {
                report.diagnostics.push(
                    Diagnostic::new(
                        crate::diag::Code::Duplicate,
                        dir,
                        Default::default(),
                        format!("vendor id `{}` is used by two spec folders", other.id),
                    )
                    .help("give each vendor its own `vendor.id`"),
                );
                continue;
            }
            report.summaries.push(summary(dir, &spec));
            report.specs.push(spec);
        }
    }
    report
}

/// The one-line summary `kassa check` prints for a spec.
pub fn summary(dir: &Path, spec: &Spec) -> String {
    let values: usize = spec.enums.iter().map(|e| e.values.len()).sum();
    let codes: usize = spec.errors.iter().map(|e| e.codes.len()).sum();
    let examples: usize = spec.operations.iter().map(|o| o.examples.len()).sum();
    let forms = spec
        .operations
        .iter()
        .filter(|o| o.variant_of.is_some())
        .count();
    let operations = match forms {
        0 => format!("{} operations", spec.operations.len()),
        1 => format!("{} operations (+1 form)", spec.operations.len() - 1),
        n => format!("{} operations (+{n} forms)", spec.operations.len() - n),
    };
    format!(
        "ok {:<8} {}: {operations}, {} types, {} enums ({} values), {} error codes, {} examples",
        spec.id,
        dir.display(),
        spec.types.len(),
        spec.enums.len(),
        values,
        codes,
        examples
    )
}

/// The YAML files of the spec folder `dir` at git revision `rev`, as
/// (path, bytes), read with `git ls-tree` and `git show` from the current
/// directory's repository.
pub fn git_files(dir: &Path, rev: &str) -> Result<Vec<(PathBuf, Vec<u8>)>, String> {
    let git = |args: &[&str]| -> Result<Vec<u8>, String> {
        let out = std::process::Command::new("git")
            .args(args)
            .output()
            .map_err(|e| format!("git does not run: {e}"))?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
        }
    };
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_owned() + "/";
    let listing = git(&["ls-tree", "--name-only", rev, &prefix])?;
    let names: Vec<String> = String::from_utf8_lossy(&listing)
        .lines()
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .map(str::to_owned)
        .collect();
    if names.is_empty() {
        return Err(format!("git has no YAML files under {prefix} at {rev}"));
    }
    names
        .into_iter()
        .map(|name| {
            let bytes = git(&["show", &format!("{rev}:{name}")])?;
            Ok((PathBuf::from(name), bytes))
        })
        .collect()
}
