//! `kassa diff OLD NEW`: what a vendor revision changes, classified.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kassa_codegen::diff::changelog::{bump, plain_heading, revisions, table, word};
use kassa_codegen::diff::{Change, Loc, Verdict, diff};
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

/// What each side of a comparison is, for the locations of the changes:
/// the folder as given (`spec/smpos`), with its git revision or vendor
/// revision when it has one.
pub struct Side {
    pub dir: String,
    pub rev: Option<String>,
}

impl Side {
    /// The side named by a `kassa diff` argument (`FOLDER` or
    /// `FOLDER@REV`) and its `--at`.
    pub fn of(arg: &Path, at: Option<&String>) -> Side {
        let text = arg.to_string_lossy();
        let (dir, git) = match text.rsplit_once('@') {
            Some((d, r)) if !d.is_empty() && !r.is_empty() => (d.to_owned(), Some(r.to_owned())),
            _ => (text.into_owned(), None),
        };
        let rev = match (git, at) {
            (Some(g), Some(a)) => Some(format!("{g}, revision {a}")),
            (Some(g), None) => Some(g),
            (None, Some(a)) => Some(format!("revision {a}")),
            (None, None) => None,
        };
        Side {
            dir: dir.trim_end_matches('/').to_owned(),
            rev,
        }
    }

    /// `spec/smpos/goods.yaml:42`, and ` (HEAD~1)` when at a revision.
    fn at(&self, loc: &Loc) -> String {
        let mut out = format!("{}/{}", self.dir, loc.file);
        if loc.line > 0 {
            out.push_str(&format!(":{}", loc.line));
        }
        if let Some(rev) = &self.rev {
            out.push_str(&format!(" ({rev})"));
        }
        out
    }
}

/// Prints the changes; exit 1 when one reaches `fail_on`, else 0.
pub fn run(
    (old, new): (&Spec, &Spec),
    sides: (&Side, &Side),
    format: Format,
    fail_on: Option<FailOn>,
) -> ExitCode {
    let changes = diff(old, new);
    let text = match format {
        Format::Text => text(&changes, sides),
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

/// Where a change is, on both sides: once when both are the same place.
fn locations(c: &Change, (old, new): (&Side, &Side)) -> String {
    let o = c.old.as_ref().map(|l| old.at(l));
    let n = c.new.as_ref().map(|l| new.at(l));
    match (o, n) {
        (Some(o), Some(n)) if o == n => o,
        (Some(o), Some(n)) => format!("{o} -> {n}"),
        (Some(o), None) => format!("{o} (old)"),
        (None, Some(n)) => format!("{n} (new)"),
        (None, None) => String::new(),
    }
}

fn text(changes: &[Change], sides: (&Side, &Side)) -> String {
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
                "  [{}] {}: {}\n      --> {}\n      rust {}, old client -> new server {}, new client -> old server {}\n",
                c.rule,
                c.item,
                c.reason,
                locations(c, sides),
                word(c.rust),
                word(c.old_client_new_server),
                word(c.new_client_old_server),
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
/// with the vendor's notes and what the revision changes, classified (the
/// reference docs' changelog is the same text).
pub fn changelog(spec: &Spec) -> String {
    let mut out = format!("# {}: changelog\n\n", spec.name);
    if spec.changelog.is_empty() {
        out.push_str("The spec lists no revisions (`vendor.changelog`).\n");
        return out;
    }
    out.push_str(&revisions(spec, plain_heading));
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}
