//! The changelog of a vendor's spec, from its revisions: each one's notes
//! and what it changes in the API, classified as [`super::diff`] does.
//! `kassa changelog` prints it, the reference docs include it: one text.

use crate::ir::{Revision, Spec};

use super::{Change, Verdict, diff};

/// The word for a verdict, as every output writes it.
pub fn word(v: Verdict) -> &'static str {
    match v {
        Verdict::None => "none",
        Verdict::Additive => "additive",
        Verdict::Breaking => "breaking",
    }
}

/// The semver bump of the generated client for the changes: the worst
/// Rust-API verdict (at 0.x as at 1.x).
pub fn bump(changes: &[Change]) -> &'static str {
    match changes.iter().map(|c| c.rust).max() {
        Some(Verdict::Breaking) => "major",
        Some(Verdict::Additive) => "minor",
        _ => "patch",
    }
}

/// The changes as a Markdown table (nothing when there are none).
pub fn table(changes: &[Change]) -> String {
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

/// Each revision of `spec`'s changelog, newest first: `heading` of the
/// revision, the vendor's notes, then the changes it brings (the spec just
/// before it against the spec at it). Markdown.
pub fn revisions(spec: &Spec, heading: impl Fn(&Revision) -> String) -> String {
    let mut out = String::new();
    for revision in spec.changelog.iter().rev() {
        out.push_str(&heading(revision));
        for note in &revision.changes {
            out.push_str(&format!("- {note}\n"));
        }
        if !revision.changes.is_empty() {
            out.push('\n');
        }
        let sides = crate::at::before(spec, &revision.version)
            .and_then(|old| Ok((old, crate::at::at(spec, &revision.version)?)));
        match sides {
            Ok((old, new)) if diff(&old, &new).is_empty() => {
                out.push_str("No change to the API.\n");
            }
            Ok((old, new)) => {
                let changes = diff(&old, &new);
                out.push_str(&format!(
                    "{} change(s) to the API, a {} release of the generated client:\n\n",
                    changes.len(),
                    bump(&changes)
                ));
                out.push_str(&table(&changes));
            }
            Err(why) => out.push_str(&format!("Its changes cannot be derived: {why}.\n")),
        }
        out.push('\n');
    }
    out
}

/// The heading `kassa changelog` writes for a revision: `## 1.2.0 (date)`.
pub fn plain_heading(revision: &Revision) -> String {
    let mut out = format!("## {}", revision.version);
    if let Some(date) = &revision.date {
        out.push_str(&format!(" ({date})"));
    }
    out.push_str("\n\n");
    out
}
