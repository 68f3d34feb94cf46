//! From the merged model to the IR: names, references, duplicates, rules.
//!
//! Every check records a diagnostic and carries on, so one run reports every
//! mistake. The IR is returned only when there were none.

mod beside;
mod examples;
mod items;
mod lifecycle;
mod outcomes;
mod paging;
mod polling;
mod protocol;
mod size;
mod variants;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::{Code, Diagnostic, Sources, did_you_mean};
use crate::ir;
use crate::names;
use crate::read::load::SourceMap;
use crate::read::model::{self, NamedMap, Pos, Spanned, SpecFile};
use crate::types::{self, Scalar};

/// An item of a section together with the file it came from.
pub(crate) struct Item<'a, T> {
    pub file: &'a Path,
    pub name: &'a Spanned<String>,
    pub value: &'a Spanned<T>,
}

/// A diagnostic being built; recorded on drop.
pub(crate) struct Pending<'a> {
    out: &'a mut Vec<Diagnostic>,
    diag: Option<Diagnostic>,
}

impl Pending<'_> {
    fn map(mut self, f: impl FnOnce(Diagnostic) -> Diagnostic) -> Self {
        self.diag = self.diag.take().map(f);
        self
    }
    pub fn label(self, label: impl Into<String>) -> Self {
        self.map(|d| d.label(label))
    }
    pub fn width(self, width: usize) -> Self {
        self.map(|d| d.width(width))
    }
    pub fn help(self, help: impl Into<String>) -> Self {
        self.map(|d| d.help(help))
    }
    pub fn note(self, file: &Path, pos: Pos, message: impl Into<String>) -> Self {
        self.map(|d| d.note(file, pos, message))
    }
}

impl Drop for Pending<'_> {
    fn drop(&mut self) {
        if let Some(d) = self.diag.take() {
            self.out.push(d);
        }
    }
}

/// Collects diagnostics while resolving.
pub(crate) struct Cx<'a> {
    pub sources: &'a SourceMap,
    pub diags: Vec<Diagnostic>,
    /// Names of types and enums, for type expressions.
    pub types: BTreeSet<String>,
    pub enums: BTreeMap<String, (model::Repr, bool)>,
    /// The vendor's revisions, in changelog order.
    pub revisions: Vec<String>,
}

impl<'a> Cx<'a> {
    /// Starts a diagnostic; it is recorded when the returned value is dropped,
    /// so the builder methods of [`Diagnostic`] can be chained.
    pub fn error(
        &mut self,
        code: Code,
        file: &Path,
        pos: Pos,
        message: impl Into<String>,
    ) -> Pending<'_> {
        Pending {
            out: &mut self.diags,
            diag: Some(Diagnostic::new(code, file, pos, message)),
        }
    }

    /// Position of character `offset` inside a scalar string written at `pos`
    /// (skipping an opening quote).
    pub fn inside(&self, file: &Path, pos: Pos, offset: usize) -> Pos {
        let quoted = self
            .sources
            .text(file)
            .and_then(|t| t.lines().nth(pos.line.saturating_sub(1) as usize))
            .and_then(|line| line.chars().nth(pos.column.saturating_sub(1) as usize))
            .is_some_and(|c| c == '"' || c == '\'');
        Pos::new(pos.line, pos.column + u32::from(quoted) + offset as u32)
    }

    /// Reports a reference to a name that is not defined, with the closest
    /// defined name as a hint (or `fallback` when none is close).
    pub(crate) fn undefined<'k>(
        &mut self,
        file: &Path,
        name: &Spanned<String>,
        what: &str,
        known: impl IntoIterator<Item = &'k str>,
        fallback: &str,
    ) {
        let help = did_you_mean(&name.value, known).unwrap_or_else(|| fallback.to_owned());
        self.error(
            Code::Undefined,
            file,
            name.pos,
            format!("unknown {what} `{}`", name.value),
        )
        .width(name.value.chars().count())
        .label("not defined in this spec")
        .help(help);
    }

    pub(crate) fn check_since(&mut self, file: &Path, since: &Option<Spanned<String>>) {
        if let Some(s) = since
            && !self.revisions.contains(&s.value)
        {
            // Versions are all alike to an edit distance; list them instead.
            let known: Vec<&str> = self.revisions.iter().map(String::as_str).collect();
            let help = format!(
                "add the revision to `vendor.changelog` (it lists: {})",
                known.join(", ")
            );
            self.undefined(file, s, "revision", [], &help);
        }
    }
}

impl Cx<'_> {
    /// Checks an item's `since`, `until` and `deprecated` (known revisions,
    /// in order: introduced, deprecated, removed) and returns the IR's
    /// `until` and `deprecated`.
    pub(crate) fn life(
        &mut self,
        file: &Path,
        since: &Option<Spanned<String>>,
        until: &Option<Spanned<String>>,
        deprecated: &Option<Spanned<model::Deprecation>>,
    ) -> (Option<String>, Option<ir::Deprecated>) {
        self.check_since(file, since);
        self.check_since(file, until);
        let dep_since = deprecated.as_ref().and_then(|d| d.since.as_ref());
        self.check_since(file, &dep_since.cloned());
        // The given revisions that are known, in the order they must come.
        let placed: Vec<(&str, &Spanned<String>, usize)> = [
            ("introduced", since.as_ref()),
            ("deprecated", dep_since),
            ("removed", until.as_ref()),
        ]
        .into_iter()
        .filter_map(|(word, v)| {
            let v = v?;
            let at = self.revisions.iter().position(|r| *r == v.value)?;
            Some((word, v, at))
        })
        .collect();
        for (i, &(earlier, a, x)) in placed.iter().enumerate() {
            for &(later, b, y) in &placed[i + 1..] {
                // Deprecated in the revision that introduced it is fine;
                // removed in it is not.
                if x > y || (x == y && later == "removed") {
                    let order = self.revisions.join(", ");
                    self.error(
                        Code::Invalid,
                        file,
                        b.pos,
                        format!(
                            "the item is {later} in `{}` but {earlier} in `{}`, which does not come before it",
                            b.value, a.value
                        ),
                    )
                    .width(b.value.chars().count())
                    .note(file, a.pos, format!("{earlier} here"))
                    .help(format!(
                        "revisions are ordered by `vendor.changelog` ({order}); an item is introduced, then deprecated, then removed"
                    ));
                }
            }
        }
        if let Some(d) = deprecated
            && d.replacement.is_none()
            && d.doc.is_none()
        {
            self.error(
                Code::Invalid,
                file,
                d.pos,
                "`deprecated` says neither what to use instead nor why",
            )
            .help("add `use: <name of the replacement>` or `doc: <why>`");
        }
        let deprecated = deprecated.as_ref().map(|d| ir::Deprecated {
            since: text(&d.since),
            replacement: text(&d.replacement),
            doc: text(&d.doc),
        });
        (text(until), deprecated)
    }
}

fn text(s: &Option<Spanned<String>>) -> Option<String> {
    s.as_ref().map(|s| s.value.clone())
}

fn errata(list: &[Spanned<model::Erratum>]) -> Vec<ir::Erratum> {
    list.iter()
        .map(|e| ir::Erratum {
            section: e.section.value.clone(),
            doc: e.doc.value.clone(),
        })
        .collect()
}

/// Gathers one section's items from every file.
fn gather<'a, T>(
    files: &'a [(PathBuf, SpecFile)],
    pick: impl Fn(&'a SpecFile) -> Option<&'a NamedMap<Spanned<T>>>,
) -> Vec<Item<'a, T>> {
    let mut out = Vec::new();
    for (path, file) in files {
        if let Some(map) = pick(file) {
            for (name, value) in map.iter() {
                out.push(Item {
                    file: path,
                    name,
                    value,
                });
            }
        }
    }
    out
}

/// Reports names defined twice in one namespace.
fn duplicates<'a>(
    cx: &mut Cx<'_>,
    names: impl IntoIterator<Item = (&'a Path, &'a Spanned<String>)>,
    what: &str,
) {
    let mut seen: HashMap<&str, (&Path, Pos)> = HashMap::new();
    for (file, name) in names {
        if let Some((first_file, first_pos)) = seen.get(name.value.as_str()) {
            let (first_file, first_pos) = (first_file.to_path_buf(), *first_pos);
            cx.error(
                Code::Duplicate,
                file,
                name.pos,
                format!("{what} `{}` is defined twice", name.value),
            )
            .width(name.value.chars().count())
            .label("second definition")
            .note(&first_file, first_pos, "first defined here")
            .help(format!("rename one of them or remove the duplicate {what}"));
        } else {
            seen.insert(&name.value, (file, name.pos));
        }
    }
}

fn names_of<'a, T>(
    items: &'a [Item<'a, T>],
) -> impl Iterator<Item = (&'a Path, &'a Spanned<String>)> {
    items.iter().map(|i| (i.file, i.name))
}

/// Resolves a merged spec folder. Returns the IR when no mistake was found.
pub fn resolve(
    files: &[(PathBuf, SpecFile)],
    sources: &SourceMap,
    dir: &Path,
) -> (Option<ir::Spec>, Vec<Diagnostic>) {
    let mut cx = Cx {
        sources,
        diags: Vec::new(),
        types: BTreeSet::new(),
        enums: BTreeMap::new(),
        revisions: Vec::new(),
    };

    // Exactly one vendor, one protocol.
    let vendors: Vec<(&Path, &Spanned<model::Vendor>)> = files
        .iter()
        .filter_map(|(p, f)| f.vendor.as_ref().map(|v| (p.as_path(), v)))
        .collect();
    let protocols: Vec<(&Path, &Spanned<model::Protocol>)> = files
        .iter()
        .filter_map(|(p, f)| f.protocol.as_ref().map(|v| (p.as_path(), v)))
        .collect();
    for (what, list) in [
        (
            "vendor",
            vendors.iter().map(|(p, v)| (*p, v.pos)).collect::<Vec<_>>(),
        ),
        (
            "protocol",
            protocols.iter().map(|(p, v)| (*p, v.pos)).collect(),
        ),
    ] {
        if list.is_empty() {
            let file = files.first().map_or(dir, |(p, _)| p.as_path());
            cx.error(
                Code::MissingKey,
                file,
                Pos::new(1, 1),
                format!("the spec declares no `{what}`"),
            )
            .help(format!(
                "add a top-level `{what}:` section to one file of {}",
                dir.display()
            ));
        }
        for (file, pos) in list.iter().skip(1) {
            let (first_file, first_pos) = list[0];
            cx.error(
                Code::Duplicate,
                file,
                *pos,
                format!("`{what}` is declared twice"),
            )
            .note(first_file, first_pos, "first declared here")
            .help(format!("keep one `{what}:` section"));
        }
    }
    if let Some((_, v)) = vendors.first() {
        for rev in &v.changelog {
            if cx.revisions.contains(&rev.version.value) {
                let file = vendors[0].0;
                cx.error(
                    Code::Duplicate,
                    file,
                    rev.version.pos,
                    format!("revision `{}` is listed twice", rev.version.value),
                );
            } else {
                cx.revisions.push(rev.version.value.clone());
            }
        }
    }

    let servers = gather(files, |f| f.servers.as_ref());
    let errors = gather(files, |f| f.errors.as_ref());
    let enums = gather(files, |f| f.enums.as_ref());
    let types = gather(files, |f| f.types.as_ref());
    let operations = gather(files, |f| f.operations.as_ref());
    duplicates(&mut cx, names_of(&servers), "server");
    duplicates(&mut cx, names_of(&operations), "operation");
    // Types, enums and error tables share the Rust type namespace.
    duplicates(
        &mut cx,
        names_of(&types)
            .chain(names_of(&enums))
            .chain(names_of(&errors)),
        "type, enum or error table",
    );

    for item in &types {
        cx.types.insert(item.name.value.clone());
    }
    for item in &enums {
        cx.enums.insert(
            item.name.value.clone(),
            (item.value.repr.value, item.value.open),
        );
    }

    let ir_errors: Vec<ir::ErrorTable> = errors
        .iter()
        .map(|i| items::error_table(&mut cx, i))
        .collect();
    let ir_enums: Vec<ir::Enum> = enums.iter().map(|i| items::enum_def(&mut cx, i)).collect();
    let mut ir_types: Vec<ir::TypeDef> = types
        .iter()
        .map(|i| items::type_def(&mut cx, i, &enums))
        .collect();
    items::mark_recursion(&mut ir_types);
    size::box_large_variants(&mut ir_types, &ir_enums);
    let ir_servers: Vec<ir::Server> = servers.iter().map(|i| items::server(&mut cx, i)).collect();

    let error_table_names: BTreeSet<String> = errors.iter().map(|i| i.name.value.clone()).collect();
    let operation_names: BTreeSet<String> =
        operations.iter().map(|i| i.name.value.clone()).collect();
    let protocol = protocols
        .first()
        .map(|(file, p)| protocol::protocol(&mut cx, file, p, &error_table_names));
    let mut auth = Vec::new();
    let mut state = Vec::new();
    let mut lifecycles = Vec::new();
    let mut headers: Vec<ir::ConfigHeader> = Vec::new();
    let mut counters = Vec::new();
    for (path, file) in files {
        for scheme in file.auth.iter().flatten() {
            auth.push(protocol::auth(
                &mut cx,
                path,
                scheme,
                &operation_names,
                &ir_servers,
            ));
        }
        for header in file.state.iter().flatten() {
            state.push(protocol::state(&mut cx, path, header, &operation_names));
        }
        for h in file.headers.iter().flatten() {
            let name = &h.name;
            let token = !name.value.is_empty()
                && name
                    .value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !token {
                cx.error(
                    Code::Invalid,
                    path,
                    name.pos,
                    format!("`{}` is not an HTTP header name", name.value),
                )
                .width(name.value.chars().count())
                .help("use letters, digits and `-` (`X-License-Key`)");
            }
            if headers
                .iter()
                .any(|o| o.name.eq_ignore_ascii_case(&name.value))
            {
                cx.error(
                    Code::Duplicate,
                    path,
                    name.pos,
                    format!("header `{}` is declared twice", name.value),
                )
                .width(name.value.chars().count())
                .help("header names are case-insensitive; declare each once");
            }
            headers.push(ir::ConfigHeader {
                name: name.value.clone(),
                doc: opt_text(&h.doc),
                secret: h.secret,
                optional: h.optional,
                refused: h
                    .refused
                    .as_ref()
                    .map(|a| lifecycle::answer(&mut cx, path, a)),
            });
        }
        for l in file.lifecycles.iter().flatten() {
            lifecycles.push(lifecycle::lifecycle(&mut cx, path, l, &operation_names));
        }
        for c in file.counters.iter().flatten() {
            counters.push(lifecycle::counter(&mut cx, path, c, &operation_names));
        }
    }

    let mut ir_operations = Vec::new();
    // Forms of operations, appended after every operation once the spec is
    // checked: the checks below pair `operations` with the IR by position.
    let mut forms = Vec::new();
    if let Some(protocol) = &protocol {
        let mut taken = operation_names.clone();
        for item in &operations {
            let op = protocol::operation(&mut cx, item, protocol, &error_table_names, &ir_types);
            forms.extend(variants::expand(&mut cx, item, &op, &mut taken));
            ir_operations.push(op);
        }
        protocol::wire_duplicates(&mut cx, &operations);
        replacements(&mut cx, &operations, &types, &enums, &operation_names);
        beside::check(&mut cx, protocol, &types, &operations);
    }

    let Some((vendor_file, vendor)) = vendors.first() else {
        return (None, finish(cx));
    };
    items::vendor_rules(&mut cx, vendor_file, vendor);
    let Some(protocol) = protocol else {
        return (None, finish(cx));
    };
    let spec = ir::Spec {
        id: vendor.id.value.clone(),
        name: vendor.name.value.clone(),
        language: vendor.language.value.clone(),
        doc: text(&vendor.doc),
        doc_original: text(&vendor.doc_original),
        source_title: vendor.source.title.value.clone(),
        source_revision: text(&vendor.source.revision),
        countries: vendor.countries.iter().map(|c| c.value.clone()).collect(),
        changelog: vendor
            .changelog
            .iter()
            .map(|r| ir::Revision {
                version: r.version.value.clone(),
                date: text(&r.date),
                changes: r.changes.iter().map(|c| c.value.clone()).collect(),
            })
            .collect(),
        errata: errata(&vendor.errata),
        unknowns: vendor.unknowns.iter().map(|u| u.value.clone()).collect(),
        servers: ir_servers,
        protocol,
        auth,
        state,
        headers,
        lifecycles,
        counters,
        errors: ir_errors,
        enums: ir_enums,
        types: ir_types,
        operations: ir_operations,
        file_names: files
            .iter()
            .filter_map(|(path, _)| Some(path.file_name()?.to_string_lossy().into_owned()))
            .collect(),
    };
    let spec_ok = cx.diags.is_empty();
    // Examples are checked against the finished IR.
    for (item, op) in operations.iter().zip(&spec.operations) {
        examples::check_operation(&mut cx, item, op, &spec);
        outcomes::check(&mut cx, item, op, &spec);
        for server in &item.value.servers {
            if !spec.servers.iter().any(|s| s.name == server.value) {
                cx.undefined(
                    item.file,
                    server,
                    "server",
                    spec.servers.iter().map(|s| s.name.as_str()),
                    "name a server declared under `servers:`",
                );
            }
        }
    }
    let pages: Vec<Option<ir::Pagination>> = operations
        .iter()
        .zip(&spec.operations)
        .map(|(item, op)| {
            let paging = item.value.pagination.as_ref()?;
            paging::pagination(&mut cx, item.file, paging, op, &spec)
        })
        .collect();
    let polls: Vec<Option<ir::Polling>> = operations
        .iter()
        .zip(&spec.operations)
        .map(|(item, op)| {
            let p = item.value.polling.as_ref()?;
            polling::polling(&mut cx, item.file, p, op, &spec)
        })
        .collect();
    let mut spec = spec;
    for ((op, paging), poll) in spec.operations.iter_mut().zip(pages).zip(polls) {
        op.pagination = paging;
        op.polling = poll;
    }
    for (path, file) in files {
        lifecycle::check_reports(&mut cx, path, file, &spec);
        lifecycle::check_login_fields(&mut cx, path, file, &spec);
    }
    if spec_ok && cx.diags.is_empty() {
        let mut spec = spec;
        for (item, op) in operations.iter().zip(spec.operations.iter_mut()) {
            op.examples = examples::to_ir(item, op.reply);
        }
        for mut form in forms {
            let base = form.variant_of.as_deref();
            form.pagination = spec
                .operations
                .iter()
                .find(|o| Some(o.name.as_str()) == base)
                .and_then(|o| o.pagination.clone());
            spec.operations.push(form);
        }
        (Some(spec), Vec::new())
    } else {
        (None, finish(cx))
    }
}

fn finish(cx: Cx<'_>) -> Vec<Diagnostic> {
    let mut diags = cx.diags;
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
    diags
}

pub(crate) fn errata_of(list: &[Spanned<model::Erratum>]) -> Vec<ir::Erratum> {
    errata(list)
}

pub(crate) fn opt_text(s: &Option<Spanned<String>>) -> Option<String> {
    text(s)
}

/// Resolves a type expression written at `pos` in `file`.
pub(crate) fn type_expr(
    cx: &mut Cx<'_>,
    file: &Path,
    expr_text: &Spanned<String>,
    fallback: Pos,
) -> Option<ir::Ty> {
    let pos = if expr_text.pos.is_unknown() {
        fallback
    } else {
        expr_text.pos
    };
    match types::parse(&expr_text.value) {
        Ok(expr) => bind(cx, file, pos, &expr),
        Err(e) => {
            let at = cx.inside(file, pos, e.offset);
            cx.error(Code::BadType, file, at, format!("invalid type expression `{}`: {}", expr_text.value, e.message))
                .label("here")
                .help("write a type such as `u64`, `Goods`, `array<Goods>`, `map<string, Goods>` or `one_or_many<u32>`");
            None
        }
    }
}

fn bind(cx: &mut Cx<'_>, file: &Path, pos: Pos, expr: &types::Expr) -> Option<ir::Ty> {
    let at = cx.inside(file, pos, expr.offset);
    let arity = |n: usize, cx: &mut Cx<'_>| -> bool {
        if expr.args.len() == n {
            return true;
        }
        cx.error(
            Code::BadType,
            file,
            at,
            format!(
                "`{}` takes {n} type argument{}, found {}",
                expr.name,
                if n == 1 { "" } else { "s" },
                expr.args.len()
            ),
        )
        .width(expr.name.chars().count())
        .help(match expr.name.as_str() {
            "map" => "write `map<KeyType, ValueType>`",
            _ => "write e.g. `array<Goods>`",
        });
        false
    };
    match expr.name.as_str() {
        "array" | "one_or_many" => {
            if !arity(1, cx) {
                return None;
            }
            let inner = Box::new(bind(cx, file, pos, &expr.args[0])?);
            Some(if expr.name == "array" {
                ir::Ty::Array(inner)
            } else {
                ir::Ty::OneOrMany(inner)
            })
        }
        "map" => {
            if !arity(2, cx) {
                return None;
            }
            let key = bind(cx, file, pos, &expr.args[0]);
            let value = bind(cx, file, pos, &expr.args[1]);
            let key = key?;
            let key_ok = match &key {
                ir::Ty::Scalar(s) => *s == Scalar::String || s.is_integer(),
                ir::Ty::Enum(name) => cx
                    .enums
                    .get(name)
                    .is_some_and(|(repr, _)| *repr == model::Repr::String),
                _ => false,
            };
            if !key_ok {
                let key_at = cx.inside(file, pos, expr.args[0].offset);
                cx.error(
                    Code::BadType,
                    file,
                    key_at,
                    format!("`{}` cannot be a map key", expr.args[0]),
                )
                .help(
                    "JSON object keys are strings: use `string`, an integer type or a string enum",
                );
            }
            Some(ir::Ty::Map(Box::new(key), Box::new(value?)))
        }
        name => {
            if !expr.args.is_empty() {
                cx.error(
                    Code::BadType,
                    file,
                    at,
                    format!("`{name}` takes no type arguments"),
                )
                .width(name.chars().count());
                return None;
            }
            if let Some(s) = Scalar::from_name(name) {
                return Some(ir::Ty::Scalar(s));
            }
            if cx.types.contains(name) {
                return Some(ir::Ty::Type(name.to_owned()));
            }
            if cx.enums.contains_key(name) {
                return Some(ir::Ty::Enum(name.to_owned()));
            }
            let candidates: Vec<String> = Scalar::ALL
                .iter()
                .map(|(n, _)| (*n).to_owned())
                .chain(["array", "map", "one_or_many"].map(String::from))
                .chain(cx.types.iter().cloned())
                .chain(cx.enums.keys().cloned())
                .collect();
            let help = did_you_mean(name, candidates.iter().map(String::as_str))
                .unwrap_or_else(|| "define it under `types:` or `enums:`, or use a built-in type (see spec/README.md)".to_owned());
            cx.error(Code::Undefined, file, at, format!("unknown type `{name}`"))
                .width(name.chars().count())
                .label("not defined in this spec")
                .help(help);
            None
        }
    }
}

/// Resolves the fields of an object, a body or a union variant.
pub(crate) fn fields(
    cx: &mut Cx<'_>,
    file: &Path,
    map: &NamedMap<Spanned<model::Field>>,
    what: &str,
) -> Vec<ir::Field> {
    let mut out = Vec::new();
    let mut wire_seen: HashMap<String, Pos> = HashMap::new();
    let mut rust_seen: HashMap<String, (String, Pos)> = HashMap::new();
    for (name, field) in map.iter() {
        let body = &field.value.0;
        for wire in std::iter::once(name).chain(body.aliases.iter()) {
            if let Some(first) = wire_seen.get(&wire.value) {
                let first = *first;
                cx.error(
                    Code::Duplicate,
                    file,
                    wire.pos,
                    format!("wire name `{}` is used twice in {what}", wire.value),
                )
                .note(file, first, "first used here")
                .help("each field and alias must have its own wire name");
            } else {
                wire_seen.insert(wire.value.clone(), wire.pos);
            }
        }
        let rust = match &body.rust {
            Some(r) => names::field_override(&r.value).map_err(|e| (e, r.pos)),
            None => names::field(&name.value).map_err(|e| (e, name.pos)),
        };
        let rust = match rust {
            Ok(r) => r,
            Err((e, pos)) => {
                cx.error(Code::BadName, file, pos, e.message).help(e.help);
                continue;
            }
        };
        if let Some((other, first)) = rust_seen.get(&rust) {
            let (other, first) = (other.clone(), *first);
            cx.error(
                Code::BadName,
                file,
                name.pos,
                format!(
                    "fields `{other}` and `{}` both become `{rust}` in Rust",
                    name.value
                ),
            )
            .note(file, first, format!("`{other}` is here"))
            .help("give one of them a different name with `rust:`");
        } else {
            rust_seen.insert(rust.clone(), (name.value.clone(), name.pos));
        }
        let (until, deprecated) = cx.life(file, &body.since, &body.until, &body.deprecated);
        // An unresolved type was reported; `json` keeps examples from cascading.
        let ty = type_expr(cx, file, &body.ty, field.pos).unwrap_or(ir::Ty::Scalar(Scalar::Json));
        items::field_rules(cx, file, field, &ty);
        list_style(cx, file, name, body, &ty);
        out.push(ir::Field {
            wire: name.value.clone(),
            rust,
            ty,
            optional: body.optional,
            nullable: body.nullable,
            boxed: false,
            default: body.default.as_ref().map(|d| d.value.clone()),
            aliases: body.aliases.iter().map(|a| a.value.clone()).collect(),
            unit: body.unit.as_ref().map(|u| u.value),
            scale: body.scale.as_ref().map(|s| s.value),
            precision: body.precision.as_ref().map(|p| p.value),
            format: text(&body.format),
            min: body.min.as_ref().map(|v| v.value.clone()),
            max: body.max.as_ref().map(|v| v.value.clone()),
            min_length: body.min_length.as_ref().map(|v| v.value),
            max_length: body.max_length.as_ref().map(|v| v.value),
            pattern: text(&body.pattern),
            min_items: body.min_items.as_ref().map(|v| v.value),
            max_items: body.max_items.as_ref().map(|v| v.value),
            max_bytes: body.max_bytes.as_ref().map(|v| v.value),
            each: body.each.as_ref().map(|e| ir::Each {
                min: e.value.min.as_ref().map(|v| v.value.clone()),
                max: e.value.max.as_ref().map(|v| v.value.clone()),
                min_length: e.value.min_length.as_ref().map(|v| v.value),
                max_length: e.value.max_length.as_ref().map(|v| v.value),
                pattern: text(&e.value.pattern),
            }),
            placement: body
                .placement
                .as_ref()
                .map_or(model::Placement::Params, |p| p.value),
            also_in: body.also_in.as_ref().map(|p| p.value),
            style: body.style.as_ref().map(|s| s.value),
            secret: body.secret,
            doc: text(&body.doc),
            doc_original: text(&body.doc_original),
            since: text(&body.since),
            until,
            deprecated,
            line: name.pos.line,
            errata: errata(&body.errata),
        });
    }
    out
}

/// `exactly_one_of` and `at_least_one_of`: every name is an optional
/// field of the same object, and a group has two or more.
pub(crate) fn groups(
    cx: &mut Cx<'_>,
    file: &Path,
    exactly: &[Spanned<Vec<Spanned<String>>>],
    at_least: &[Spanned<Vec<Spanned<String>>>],
    fields: &[ir::Field],
) -> ir::Groups {
    let mut check = |key: &str, list: &[Spanned<Vec<Spanned<String>>>]| -> Vec<Vec<String>> {
        list.iter()
            .map(|group| {
                if group.value.len() < 2 {
                    cx.error(
                        Code::Invalid,
                        file,
                        group.pos,
                        format!("`{key}` group names fewer than two fields"),
                    )
                    .help(
                        "a group has two fields or more; a single required field is not `optional`",
                    );
                }
                for name in &group.value {
                    match fields.iter().find(|f| f.wire == name.value) {
                        None => cx.undefined(
                            file,
                            name,
                            "field",
                            fields.iter().map(|f| f.wire.as_str()),
                            "name fields of this object by their wire names",
                        ),
                        Some(f) if !f.optional => {
                            cx.error(
                                Code::Invalid,
                                file,
                                name.pos,
                                format!("`{}` in `{key}` is a required field", name.value),
                            )
                            .width(name.value.chars().count())
                            .help("a field of a group may be absent: add `optional: true` to it");
                        }
                        Some(_) => {}
                    }
                }
                group.value.iter().map(|n| n.value.clone()).collect()
            })
            .collect()
    };
    ir::Groups {
        exactly_one_of: check("exactly_one_of", exactly),
        at_least_one_of: check("at_least_one_of", at_least),
    }
}

/// An array in the query says how it is written; a style is only for one.
fn list_style(
    cx: &mut Cx<'_>,
    file: &Path,
    name: &Spanned<String>,
    body: &model::FieldBody,
    ty: &ir::Ty,
) {
    let in_query = body
        .placement
        .as_ref()
        .is_some_and(|p| p.value == model::Placement::Query);
    let list = matches!(ty, ir::Ty::Array(_) | ir::Ty::OneOrMany(_));
    match &body.style {
        None if in_query && list => {
            cx.error(
                Code::MissingKey,
                file,
                name.pos,
                format!(
                    "query parameter `{}` is a list, but no `style` says how it is written",
                    name.value
                ),
            )
            .width(name.value.chars().count())
            .help(
                "add `style: repeated` (`?s=A&s=B`), `style: comma` (`?s=A,B`) or \
                 `style: brackets` (`?s[]=A&s[]=B`), as the vendor's documentation shows",
            );
        }
        Some(style) if !(in_query && list) => {
            cx.error(
                Code::Invalid,
                file,
                style.pos,
                format!(
                    "`style` on `{}`, which is not a list in the query",
                    name.value
                ),
            )
            .width(style.value.as_str().len())
            .help(
                "a style says how a list travels in the query; remove it, or make the field an \
                 array with `placement: query`",
            );
        }
        _ => {}
    }
}

pub(crate) fn value_matches_repr(v: &Value, repr: model::Repr) -> bool {
    match repr {
        model::Repr::Int => v.as_i64().is_some() || v.as_u64().is_some(),
        model::Repr::String => v.is_string(),
    }
}

pub(crate) fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

/// The `use:` of a deprecated operation, type or enum names one of the
/// same kind.
fn replacements(
    cx: &mut Cx<'_>,
    operations: &[Item<'_, model::Operation>],
    types: &[Item<'_, model::TypeDef>],
    enums: &[Item<'_, model::EnumDef>],
    operation_names: &BTreeSet<String>,
) {
    let used =
        |d: &Option<Spanned<model::Deprecation>>| d.as_ref().and_then(|d| d.replacement.clone());
    for item in operations {
        if let Some(name) = used(&item.value.deprecated) {
            op_ref(cx, item.file, &name, operation_names);
        }
    }
    let type_names: Vec<String> = types.iter().map(|t| t.name.value.clone()).collect();
    for item in types {
        if let Some(name) = used(&item.value.deprecated)
            && !type_names.contains(&name.value)
        {
            let known = type_names.iter().map(String::as_str);
            cx.undefined(
                item.file,
                &name,
                "type",
                known,
                "name a type under `types:`",
            );
        }
    }
    let enum_names: Vec<String> = enums.iter().map(|e| e.name.value.clone()).collect();
    for item in enums {
        if let Some(name) = used(&item.value.deprecated)
            && !enum_names.contains(&name.value)
        {
            let known = enum_names.iter().map(String::as_str);
            cx.undefined(
                item.file,
                &name,
                "enum",
                known,
                "name an enum under `enums:`",
            );
        }
    }
}

/// Records an error unless `name` is one of the spec's operations.
pub(crate) fn op_ref(cx: &mut Cx<'_>, file: &Path, name: &Spanned<String>, ops: &BTreeSet<String>) {
    if !ops.contains(&name.value) {
        cx.undefined(
            file,
            name,
            "operation",
            ops.iter().map(String::as_str),
            "name an operation defined under `operations:`",
        );
    }
}

/// The stem of a spec file (`types-goods` of `spec/smpos/types-goods.yaml`).
pub(crate) fn stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
