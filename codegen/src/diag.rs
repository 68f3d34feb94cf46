//! Diagnostics: what is wrong, where, and how to fix it.
//!
//! A [`Diagnostic`] implements [`miette::Diagnostic`], so any miette handler
//! can render it; [`render`] prints it the way rustc prints its errors:
//!
//! ```text
//! error[K0301]: unknown type `Gods`
//!   --> spec/smpos/types.yaml:41:13
//!    |
//! 41 |     type: array<Gods>
//!    |                 ^^^^ not defined in this spec
//!    |
//!    = help: did you mean `Goods`?
//! ```

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::read::model::Pos;

/// Stable error codes, one per class of mistake. The code is part of every
/// message so that a user can search for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The file cannot be read, is not UTF-8, or is too large.
    Io,
    /// The YAML is malformed or exceeds a resource limit.
    Syntax,
    /// A key the spec language does not have.
    UnknownKey,
    /// A required key is missing.
    MissingKey,
    /// A value of the wrong kind (a string where a number belongs...).
    WrongKind,
    /// A name that is not defined.
    Undefined,
    /// A name or code defined twice.
    Duplicate,
    /// A name that cannot become a Rust identifier, or collides after conversion.
    BadName,
    /// A type expression that does not parse.
    BadType,
    /// An example that does not match its operation.
    BadExample,
    /// Any other rule of the language.
    Invalid,
}

impl Code {
    /// The code as printed (`K0301`).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "K0001",
            Code::Syntax => "K0101",
            Code::UnknownKey => "K0201",
            Code::MissingKey => "K0202",
            Code::WrongKind => "K0203",
            Code::Undefined => "K0301",
            Code::Duplicate => "K0302",
            Code::BadName => "K0303",
            Code::BadType => "K0304",
            Code::BadExample => "K0401",
            Code::Invalid => "K0501",
        }
    }
}

/// A secondary place that explains the main one ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub file: PathBuf,
    pub pos: Pos,
    pub message: String,
}

/// One mistake in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    pub file: PathBuf,
    pub pos: Pos,
    /// Width of the underlined text in characters (at least 1).
    pub width: usize,
    /// Text printed after the caret.
    pub label: String,
    pub help: Option<String>,
    pub notes: Vec<Note>,
}

impl Diagnostic {
    pub fn new(code: Code, file: &Path, pos: Pos, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            file: file.to_path_buf(),
            pos,
            width: 1,
            label: String::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn width(mut self, width: usize) -> Self {
        self.width = width.max(1);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    pub fn note(mut self, file: &Path, pos: Pos, message: impl Into<String>) -> Self {
        self.notes.push(Note {
            file: file.to_path_buf(),
            pos,
            message: message.into(),
        });
        self
    }

    /// Sort key: file, then position, then code and message for stability.
    pub fn sort_key(&self) -> (&Path, Pos, Code, &str) {
        (&self.file, self.pos, self.code, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error[{}]: {} at {}:{}",
            self.code.as_str(),
            self.message,
            self.file.display(),
            self.pos
        )
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code.as_str()))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
}

/// Source texts by file, for rendering the offending line.
pub trait Sources {
    fn text(&self, file: &Path) -> Option<&str>;
}

/// Renders diagnostics in rustc's layout (see the module docs).
pub fn render(diag: &Diagnostic, sources: &dyn Sources) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "error[{}]: {}", diag.code.as_str(), diag.message);
    let line_no = diag.pos.line.max(1).to_string();
    let gutter = " ".repeat(line_no.len());
    if diag.pos.is_unknown() {
        let _ = writeln!(out, "{gutter}--> {}", diag.file.display());
    } else {
        let _ = writeln!(out, "{gutter}--> {}:{}", diag.file.display(), diag.pos);
    }
    let line_text = sources
        .text(&diag.file)
        .and_then(|t| t.lines().nth(diag.pos.line.saturating_sub(1) as usize));
    if let Some(text) = line_text.filter(|_| !diag.pos.is_unknown()) {
        let text: String = text
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let col = diag.pos.column.max(1) as usize - 1;
        let available = text.chars().count().saturating_sub(col).max(1);
        let width = diag.width.min(available);
        let _ = writeln!(out, "{gutter} |");
        let _ = writeln!(out, "{line_no} | {}", text.trim_end());
        let mut caret = format!("{gutter} | {}{}", " ".repeat(col), "^".repeat(width));
        if !diag.label.is_empty() {
            caret.push(' ');
            caret.push_str(&diag.label);
        }
        let _ = writeln!(out, "{caret}");
    }
    for note in &diag.notes {
        let _ = writeln!(
            out,
            "{gutter} = note: {} ({}:{})",
            note.message,
            note.file.display(),
            note.pos
        );
    }
    if let Some(help) = &diag.help {
        let _ = writeln!(out, "{gutter} = help: {help}");
    }
    out
}

/// Edits between two names, case-insensitive: insertions, deletions,
/// substitutions, and transpositions of neighbours (`Shfit` is one edit
/// from `Shift`), each counting one (optimal string alignment).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    // Three rows: two back (for transpositions), one back, current.
    let mut two: Vec<usize> = vec![0; b.len() + 1];
    let mut one: Vec<usize> = (0..=b.len()).collect();
    for i in 0..a.len() {
        let mut cur = vec![i + 1; b.len() + 1];
        for j in 0..b.len() {
            let cost = usize::from(a[i] != b[j]);
            let mut d = (one[j] + cost).min(one[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                d = d.min(two[j - 1] + 1);
            }
            cur[j + 1] = d;
        }
        two = std::mem::replace(&mut one, cur);
    }
    one[b.len()]
}

/// The closest candidate to `word`, if it is close enough to be a likely
/// typo: one edit in a short name, two from five characters on (a
/// third of the length in long ones).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let len = word.chars().count();
    let limit = if len >= 5 { (len / 3).max(2) } else { 1 };
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("Gods", ["Goods", "Chain"]).as_deref(),
            Some("did you mean `Goods`?")
        );
        assert_eq!(did_you_mean("Xyz", ["Goods", "Chain"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        // Transpositions and two-letter slips.
        assert_eq!(edit_distance("Shfit", "Shift"), 1);
        assert_eq!(
            did_you_mean("open_shfit", ["open_shift", "close_shift"]).as_deref(),
            Some("did you mean `open_shift`?")
        );
        assert_eq!(
            did_you_mean("sael", ["sale", "refund"]).as_deref(),
            Some("did you mean `sale`?")
        );
        assert_eq!(
            did_you_mean("CashReigster", ["CashRegister"]).as_deref(),
            Some("did you mean `CashRegister`?")
        );
        assert_eq!(did_you_mean("page", ["name"]), None);
    }
}
