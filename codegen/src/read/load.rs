//! Reading a spec folder: files, YAML, the structural check, the typed model.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use crate::diag::{Code, Diagnostic, Sources};
use crate::read::model::{Pos, Spanned, SpecFile};
use crate::read::node::Node;
use crate::read::shape;

/// Largest spec file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// The text of every file read, for rendering diagnostics.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: BTreeMap<PathBuf, String>,
}

impl SourceMap {
    pub fn insert(&mut self, path: PathBuf, text: String) {
        self.files.insert(path, text);
    }

    /// Every file read, in path order.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.files.keys().map(PathBuf::as_path)
    }
}

impl Sources for SourceMap {
    fn text(&self, file: &Path) -> Option<&str> {
        self.files.get(file).map(String::as_str)
    }
}

/// The files of one spec folder, parsed.
#[derive(Debug, Default)]
pub struct Loaded {
    pub files: Vec<(PathBuf, SpecFile)>,
    pub sources: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

/// The spec language's JSON Schema as a value, generated from the model once.
pub fn meta_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        serde_json::to_value(crate::read::meta_schema::spec_language_schema())
            .unwrap_or(Value::Bool(true))
    })
}

/// Reads every `*.yaml`/`*.yml` file of `dir` (sorted by name).
pub fn load_dir(dir: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            loaded.diagnostics.push(
                Diagnostic::new(
                    Code::Io,
                    dir,
                    Pos::default(),
                    format!("cannot read spec folder: {e}"),
                )
                .help("pass a folder that holds the vendor's YAML files, e.g. spec/smpos"),
            );
            return loaded;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        loaded.diagnostics.push(
            Diagnostic::new(
                Code::Io,
                dir,
                Pos::default(),
                "the spec folder holds no YAML files",
            )
            .help("a spec is a folder of `*.yaml` files; one of them declares `vendor:`"),
        );
    }
    for path in paths {
        match std::fs::read(&path) {
            Ok(bytes) => load_bytes(&mut loaded, path, &bytes),
            Err(e) => loaded.diagnostics.push(Diagnostic::new(
                Code::Io,
                &path,
                Pos::default(),
                format!("cannot read file: {e}"),
            )),
        }
    }
    loaded
}

/// Parses one file's bytes into the model, recording diagnostics.
pub fn load_bytes(loaded: &mut Loaded, path: PathBuf, bytes: &[u8]) {
    if bytes.len() > MAX_FILE_BYTES {
        loaded.diagnostics.push(
            Diagnostic::new(
                Code::Io,
                &path,
                Pos::new(1, 1),
                format!(
                    "file is {} bytes, over the limit of {MAX_FILE_BYTES}",
                    bytes.len()
                ),
            )
            .help("split the spec into several files"),
        );
        return;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() as u32 + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            loaded.diagnostics.push(
                Diagnostic::new(
                    Code::Io,
                    &path,
                    Pos::new(line, column),
                    "file is not valid UTF-8",
                )
                .label("invalid byte here")
                .help("save the file as UTF-8"),
            );
            loaded
                .sources
                .insert(path, String::from_utf8_lossy(bytes).into_owned());
            return;
        }
    };
    loaded.sources.insert(path.clone(), text.clone());
    if !text.is_empty() && !text.ends_with('\n') {
        // An editor always ends a text file with a newline; a file that
        // stops mid-line was most likely cut short, and the cut may still
        // parse (a plain scalar that lost its end).
        let line = text.lines().count().max(1) as u32;
        let column = text.lines().last().map_or(0, |l| l.chars().count()) as u32 + 1;
        loaded.diagnostics.push(
            Diagnostic::new(
                Code::Syntax,
                &path,
                Pos::new(line, column),
                "the file ends in the middle of a line; it may be truncated",
            )
            .label("the file ends here")
            .help("check that the file is complete, and end it with a newline"),
        );
    }
    if let Some(file) = parse_text(&path, &text, &mut loaded.diagnostics) {
        loaded.files.push((path, file));
    }
}

fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 64;
    budget.max_nodes = 2_000_000;
    budget.max_aliases = 10_000;
    budget.max_total_scalar_bytes = 64 * 1024 * 1024;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    // Specs have little use for anchors; an alias bomb stops early.
    options.alias_limits.max_total_replayed_events = 200_000;
    options.alias_limits.max_alias_expansions_per_anchor = 1_000;
    options.with_snippet = false;
    options
}

/// Parses one file into the typed model: one pass over the text when it is
/// well-formed. Only a file the model rejects is parsed again, as a tree
/// of positioned nodes, for the structural check's diagnostics (every
/// problem, each at its node, with the allowed keys and values), which
/// say more than the model's first error.
pub fn parse_text(path: &Path, text: &str, out: &mut Vec<Diagnostic>) -> Option<SpecFile> {
    if text.trim().is_empty() {
        return Some(SpecFile::default());
    }
    let typed_error = match serde_saphyr::from_str_with_options::<Option<SpecFile>>(text, options())
    {
        Ok(file) => return Some(file.unwrap_or_default()),
        Err(e) => e,
    };
    let node: Spanned<Node> = match serde_saphyr::from_str_with_options(text, options()) {
        Ok(node) => node,
        Err(e) => {
            out.push(yaml_error(path, &e));
            return None;
        }
    };
    let problems = shape::check(path, &node, meta_schema());
    if problems.is_empty() {
        out.push(yaml_error(path, &typed_error));
    } else {
        out.extend(problems);
    }
    None
}

fn yaml_error(path: &Path, e: &serde_saphyr::Error) -> Diagnostic {
    let pos = e
        .location()
        .map(Pos::from_location)
        .unwrap_or(Pos::new(1, 1));
    let full = e.without_snippet().to_string();
    // serde-saphyr prefixes "error: line L column C: "; the position is shown separately.
    let message = full
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim_start_matches("error: ")
        .split_once(": ")
        .filter(|(head, _)| head.starts_with("line "))
        .map_or_else(
            || full.lines().next().unwrap_or("invalid YAML").to_owned(),
            |(_, rest)| rest.to_owned(),
        );
    // The position is printed separately; drop the parser's own copy.
    let message = match message.rfind(" at line ") {
        Some(at) if message[at..].contains("column") => message[..at].to_owned(),
        _ => message,
    };
    Diagnostic::new(
        Code::Syntax,
        path,
        if pos.is_unknown() {
            Pos::new(1, 1)
        } else {
            pos
        },
        format!("invalid YAML: {message}"),
    )
    .label("here")
    .help("fix the YAML syntax; an editor with the spec schema shows the problem as you type")
}

impl IntoIterator for SourceMap {
    type Item = (PathBuf, String);
    type IntoIter = std::collections::btree_map::IntoIter<PathBuf, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.files.into_iter()
    }
}
