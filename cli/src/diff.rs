//! `kassa diff OLD NEW`: what a vendor revision changes, classified.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kassa_codegen::diff::{Change, Verdict, diff};
use kassa_codegen::ir::Spec;

/// How the changes are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

/// The least severe verdict that fails the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Breaking,
    Additive,
}

/// A spec folder, or `FOLDER@REV`: the folder as git has it at `REV`,
/// read with `git ls-tree` and `git show` from the current directory's
/// repository.
pub fn load(arg: &Path) -> Result<Spec, ExitCode> {
    let text = arg.to_string_lossy();
    let Some((dir, rev)) = text
        .rsplit_once('@')
        .filter(|(d, r)| !d.is_empty() && !r.is_empty())
    else {
        return crate::load_checked(arg);
    };
    let dir = PathBuf::from(dir);
    let files = kassa_codegen::check::git_files(&dir, rev).map_err(|e| {
        eprintln!("error: cannot read {} at {rev}: {e}", dir.display());
        ExitCode::from(2)
    })?;
    let (spec, diagnostics, sources) = kassa_codegen::check::check_files(&dir, files);
    crate::checked(
        spec,
        &diagnostics,
        &sources,
        &format!("{}@{rev}", dir.display()),
    )
}

/// [`load`], then the spec as documented at the vendor's revision `at`.
pub fn load_at(arg: &Path, at: Option<&String>) -> Result<Spec, ExitCode> {
    let spec = load(arg)?;
    match at {
        None => Ok(spec),
        Some(version) => kassa_codegen::at::at(&spec, version).map_err(|why| {
            eprintln!("error: {}: {why}", arg.display());
            ExitCode::from(2)
        }),
    }
}

/// Prints the changes; exit 1 when one reaches `fail_on`, else 0.
pub fn run(old: &Spec, new: &Spec, format: Format, fail_on: Option<FailOn>) -> ExitCode {
    let changes = diff(old, new);
    let text = match format {
        Format::Text => text(&changes),
        Format::Json => serde_json::to_string_pretty(&changes).unwrap_or_default() + "\n",
        Format::Markdown => markdown(old, &changes),
    };
    print!("{text}");
    let threshold = match fail_on {
        Some(FailOn::Breaking) => Verdict::Breaking,
        Some(FailOn::Additive) => Verdict::Additive,
        None => return ExitCode::SUCCESS,
    };
    if changes.iter().any(|c| c.worst() >= threshold) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn word(v: Verdict) -> &'static str {
    match v {
        Verdict::None => "none",
        Verdict::Additive => "additive",
        Verdict::Breaking => "breaking",
    }
}

/// Rust's semver bump for the changes, at 0.x as at 1.x: the worst verdict.
fn bump(changes: &[Change]) -> &'static str {
    match changes.iter().map(|c| c.rust).max() {
        Some(Verdict::Breaking) => "major",
        Some(Verdict::Additive) => "minor",
        _ => "patch",
    }
}

fn files(c: &Change) -> String {
    match (&c.old_file, &c.new_file) {
        (Some(o), Some(n)) if o == n => format!("{o}.yaml"),
        (Some(o), Some(n)) => format!("{o}.yaml -> {n}.yaml"),
        (Some(o), None) => format!("{o}.yaml (old)"),
        (None, Some(n)) => format!("{n}.yaml (new)"),
        (None, None) => String::new(),
    }
}

fn text(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "no API changes\n".to_owned();
    }
    let mut out = String::new();
    for (title, level) in [
        ("breaking", Verdict::Breaking),
        ("additive", Verdict::Additive),
        ("no effect", Verdict::None),
    ] {
        let group: Vec<&Change> = changes.iter().filter(|c| c.worst() == level).collect();
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("{title} ({}):\n", group.len()));
        for c in group {
            out.push_str(&format!(
                "  [{}] {}: {}\n      rust {}, old client -> new server {}, new client -> old server {}  ({})\n",
                c.rule,
                c.item,
                c.reason,
                word(c.rust),
                word(c.old_client_new_server),
                word(c.new_client_old_server),
                files(c)
            ));
        }
    }
    out.push_str(&format!(
        "semver of the generated client: {}\n",
        bump(changes)
    ));
    out
}

fn markdown(old: &Spec, changes: &[Change]) -> String {
    let mut out = format!(
        "## {}: {} change(s), a {} release of the generated client\n\n",
        old.name,
        changes.len(),
        bump(changes)
    );
    out.push_str(&table(changes));
    out
}

/// `kassa changelog`: each revision of the spec's changelog, newest first,
/// with the vendor's notes and what the revision changes, classified.
pub fn changelog(spec: &Spec) -> Result<String, String> {
    let mut out = format!("# {}: changelog\n", spec.name);
    if spec.changelog.is_empty() {
        out.push_str("\nThe spec lists no revisions (`vendor.changelog`).\n");
        return Ok(out);
    }
    for revision in spec.changelog.iter().rev() {
        let old = kassa_codegen::at::before(spec, &revision.version)?;
        let new = kassa_codegen::at::at(spec, &revision.version)?;
        let changes = diff(&old, &new);
        out.push_str(&format!("\n## {}", revision.version));
        if let Some(date) = &revision.date {
            out.push_str(&format!(" ({date})"));
        }
        out.push_str("\n\n");
        for note in &revision.changes {
            out.push_str(&format!("- {note}\n"));
        }
        out.push_str(&format!(
            "\n{} change(s) to the API, a {} release of the generated client:\n\n",
            changes.len(),
            bump(&changes)
        ));
        out.push_str(&table(&changes));
    }
    Ok(out)
}

/// The changes as a Markdown table (nothing when there are none).
fn table(changes: &[Change]) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        return out;
    }
    out.push_str(
        "| change | item | Rust API | old client, new server | new client, old server |\n",
    );
    out.push_str("|---|---|---|---|---|\n");
    for c in changes {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            c.rule,
            c.item.replace('|', "\\|"),
            word(c.rust),
            word(c.old_client_new_server),
            word(c.new_client_old_server)
        ));
    }
    out
}
