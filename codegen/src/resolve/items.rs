//! Resolution of error tables, enums, types, servers and field rules.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use heck::ToSnakeCase;
use serde_json::Value;

use crate::diag::{Code, did_you_mean};
use crate::ir::{self, Ty};
use crate::names;
use crate::read::model::{self, Pos, Spanned};
use crate::resolve::{
    Cx, Item, errata_of, fields, opt_text, show, stem, type_expr, value_matches_repr,
};
use crate::types::Scalar;

/// Checks a PascalCase name and reports it; returns whether it is fine.
fn pascal_name(cx: &mut Cx<'_>, file: &Path, name: &Spanned<String>, what: &str) -> bool {
    match names::pascal(&name.value, what) {
        Ok(_) => true,
        Err(e) => {
            cx.error(Code::BadName, file, name.pos, e.message)
                .width(name.value.chars().count())
                .help(e.help);
            false
        }
    }
}

/// Reports two names of one scope that become the same snake_case identifier
/// (enum variants also become `const`s and methods in generated code).
fn collisions<'a>(
    cx: &mut Cx<'_>,
    file: &Path,
    names: impl IntoIterator<Item = &'a Spanned<String>>,
    what: &str,
) {
    let mut seen: HashMap<String, &Spanned<String>> = HashMap::new();
    for name in names {
        let key = name.value.to_snake_case();
        match seen.get(&key) {
            Some(first) if first.value != name.value => {
                let (first_name, first_pos) = (first.value.clone(), first.pos);
                cx.error(
                    Code::BadName,
                    file,
                    name.pos,
                    format!(
                        "{what} `{}` and `{first_name}` collide after case conversion",
                        name.value
                    ),
                )
                .note(file, first_pos, format!("`{first_name}` is here"))
                .help("rename one of them so that their snake_case forms differ");
            }
            Some(_) => {}
            None => {
                seen.insert(key, name);
            }
        }
    }
}

pub(crate) fn error_table(cx: &mut Cx<'_>, item: &Item<'_, model::ErrorTable>) -> ir::ErrorTable {
    let table = &item.value.value;
    pascal_name(cx, item.file, item.name, "error table");
    let mut names_seen: HashMap<&str, Pos> = HashMap::new();
    let mut keys_seen: HashMap<String, Pos> = HashMap::new();
    let mut codes = Vec::new();
    for (name, code) in table.codes.iter() {
        pascal_name(cx, item.file, name, "error");
        if let Some(first) = names_seen.insert(&name.value, name.pos) {
            cx.error(
                Code::Duplicate,
                item.file,
                name.pos,
                format!(
                    "error `{}` is defined twice in `{}`",
                    name.value, item.name.value
                ),
            )
            .note(item.file, first, "first defined here");
        }
        if code.code.is_none() && code.matches.is_none() {
            cx.error(
                Code::MissingKey,
                item.file,
                code.pos,
                format!("error `{}` has neither `code` nor `match`", name.value),
            )
            .help("give the wire code, or a `match:` substring of the vendor message");
        }
        if let Some(c) = &code.code
            && !value_matches_repr(&c.value, table.repr.value)
        {
            cx.error(
                Code::WrongKind,
                item.file,
                c.pos,
                format!(
                    "code {} does not match `repr: {:?}`",
                    show(&c.value),
                    table.repr.value
                )
                .to_lowercase(),
            )
            .help("write the code as the table's `repr` says (quote string codes)");
        }
        let key = format!(
            "{}|{}",
            code.code.as_ref().map_or(String::new(), |c| show(&c.value)),
            code.matches.as_ref().map_or("", |m| m.value.as_str())
        );
        let at = code.code.as_ref().map_or(code.pos, |c| c.pos);
        if let Some(first) = keys_seen.insert(key, at) {
            let shown = code
                .code
                .as_ref()
                .map_or_else(|| "message match".to_owned(), |c| show(&c.value));
            cx.error(
                Code::Duplicate,
                item.file,
                at,
                format!(
                    "error code {shown} is listed twice in `{}`",
                    item.name.value
                ),
            )
            .note(item.file, first, "first listed here")
            .help("codes that share a value must differ by `match:`");
        }
        let (until, deprecated) = cx.life(item.file, &code.since, &code.until, &code.deprecated);
        codes.push(ir::ErrorCode {
            name: name.value.clone(),
            code: code.code.as_ref().map(|c| c.value.clone()),
            matches: opt_text(&code.matches),
            constant: opt_text(&code.constant),
            message: opt_text(&code.message),
            message_original: opt_text(&code.message_original),
            remedy: opt_text(&code.remedy),
            category: code
                .category
                .as_ref()
                .map_or(model::ErrorCategory::Other, |c| c.value),
            retry: code
                .retry
                .as_ref()
                .map_or(model::RetryClass::Never, |r| r.value),
            since: opt_text(&code.since),
            until,
            deprecated,
            line: name.pos.line,
        });
    }
    collisions(cx, item.file, table.codes.iter().map(|(n, _)| n), "errors");
    let details = table.details.as_ref().and_then(|d| {
        let ty = type_expr(cx, item.file, &d.ty, d.pos)?;
        Some(ir::ErrorDetails {
            field: d.field.value.clone(),
            ty,
            doc: opt_text(&d.doc),
        })
    });
    ir::ErrorTable {
        name: item.name.value.clone(),
        details,
        file: stem(item.file),
        doc: opt_text(&table.doc),
        repr: table.repr.value,
        codes,
        line: item.name.pos.line,
    }
}

pub(crate) fn enum_def(cx: &mut Cx<'_>, item: &Item<'_, model::EnumDef>) -> ir::Enum {
    let def = &item.value.value;
    pascal_name(cx, item.file, item.name, "enum");
    let (until, deprecated) = cx.life(item.file, &def.since, &def.until, &def.deprecated);
    if def.values.is_empty() {
        cx.error(
            Code::Invalid,
            item.file,
            item.name.pos,
            format!("enum `{}` has no values", item.name.value),
        )
        .help("list its values under `values:`");
    }
    let mut names_seen: HashMap<&str, Pos> = HashMap::new();
    let mut codes_seen: HashMap<String, (String, Pos)> = HashMap::new();
    let mut values = Vec::new();
    for (name, value) in def.values.iter() {
        pascal_name(cx, item.file, name, "enum value");
        if name.value == "Unknown" && def.open {
            cx.error(
                Code::BadName,
                item.file,
                name.pos,
                "`Unknown` is reserved in open enums",
            )
            .help("open enums get an `Unknown(raw)` variant; name this value differently");
        }
        if let Some(first) = names_seen.insert(&name.value, name.pos) {
            cx.error(
                Code::Duplicate,
                item.file,
                name.pos,
                format!(
                    "enum value `{}` is defined twice in `{}`",
                    name.value, item.name.value
                ),
            )
            .note(item.file, first, "first defined here");
        }
        if !value_matches_repr(&value.code.value, def.repr.value) {
            cx.error(
                Code::WrongKind,
                item.file,
                value.code.pos,
                format!(
                    "code {} does not match `repr: {}`",
                    show(&value.code.value),
                    repr_name(def.repr.value)
                ),
            )
            .help("write the code as the enum's `repr` says (quote string codes)");
        }
        let key = show(&value.code.value);
        if let Some((other, first)) = codes_seen.get(&key) {
            let (other, first) = (other.clone(), *first);
            cx.error(
                Code::Duplicate,
                item.file,
                value.code.pos,
                format!(
                    "code {key} of `{}` is also the code of `{other}`",
                    name.value
                ),
            )
            .note(item.file, first, format!("`{other}` is here"))
            .help("each value of an enum needs its own code");
        } else {
            codes_seen.insert(key, (name.value.clone(), value.code.pos));
        }
        let (value_until, value_deprecated) =
            cx.life(item.file, &value.since, &value.until, &value.deprecated);
        values.push(ir::EnumValue {
            name: name.value.clone(),
            code: value.code.value.clone(),
            constant: opt_text(&value.constant),
            doc: opt_text(&value.doc),
            doc_original: opt_text(&value.doc_original),
            since: opt_text(&value.since),
            until: value_until,
            deprecated: value_deprecated,
            line: name.pos.line,
            errata: errata_of(&value.errata),
        });
    }
    collisions(
        cx,
        item.file,
        def.values.iter().map(|(n, _)| n),
        "enum values",
    );
    ir::Enum {
        name: item.name.value.clone(),
        file: stem(item.file),
        doc: opt_text(&def.doc),
        doc_original: opt_text(&def.doc_original),
        repr: def.repr.value,
        open: def.open,
        since: opt_text(&def.since),
        until,
        deprecated,
        line: item.name.pos.line,
        errata: errata_of(&def.errata),
        values,
    }
}

fn repr_name(r: model::Repr) -> &'static str {
    match r {
        model::Repr::Int => "int",
        model::Repr::String => "string",
    }
}

pub(crate) fn type_def(
    cx: &mut Cx<'_>,
    item: &Item<'_, model::TypeDef>,
    enums: &[Item<'_, model::EnumDef>],
) -> ir::TypeDef {
    let def = &item.value.value;
    pascal_name(cx, item.file, item.name, "type");
    let (until, deprecated) = cx.life(item.file, &def.since, &def.until, &def.deprecated);
    let given = [
        def.fields.is_some(),
        def.union.is_some(),
        def.alias.is_some(),
        def.one_of.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if given != 1 {
        cx.error(Code::Invalid, item.file, item.name.pos, format!("type `{}` must have exactly one of `fields`, `union`, `alias` or `one_of`", item.name.value))
            .label(if given == 0 { "none given" } else { "more than one given" })
            .help("an object lists `fields:`; a tagged union has `union:`; `alias:` names another type expression; `one_of:` lists forms told apart by shape");
    }
    let what = format!("type `{}`", item.name.value);
    let kind = if let Some(map) = &def.fields {
        ir::TypeKind::Object(fields(cx, item.file, map, &what))
    } else if let Some(union) = &def.union {
        ir::TypeKind::Union(union_def(cx, item, union, enums))
    } else if let Some(forms) = &def.one_of {
        ir::TypeKind::OneOf(forms_of(cx, item.file, forms))
    } else if let Some(alias) = &def.alias {
        match crate::resolve::type_expr(cx, item.file, alias, alias.pos) {
            Some(Ty::Type(name)) if name == item.name.value => {
                cx.error(
                    Code::Invalid,
                    item.file,
                    alias.pos,
                    format!("type `{name}` is an alias of itself"),
                );
                ir::TypeKind::Alias(Ty::Scalar(Scalar::Json))
            }
            Some(ty) => ir::TypeKind::Alias(ty),
            None => ir::TypeKind::Alias(Ty::Scalar(Scalar::Json)),
        }
    } else {
        ir::TypeKind::Object(Vec::new())
    };
    let object: &[ir::Field] = match &kind {
        ir::TypeKind::Object(fields) => fields,
        _ => &[],
    };
    let groups = crate::resolve::groups(
        cx,
        item.file,
        &def.exactly_one_of,
        &def.at_least_one_of,
        object,
    );
    ir::TypeDef {
        name: item.name.value.clone(),
        file: stem(item.file),
        doc: opt_text(&def.doc),
        doc_original: opt_text(&def.doc_original),
        since: opt_text(&def.since),
        until,
        deprecated,
        line: item.name.pos.line,
        errata: errata_of(&def.errata),
        kind,
        groups,
    }
}

/// The forms of a `one_of` type: each holds a type or stands for a value.
fn forms_of(
    cx: &mut Cx<'_>,
    file: &Path,
    forms: &Spanned<model::NamedMap<Spanned<model::Form>>>,
) -> Vec<ir::Form> {
    if forms.value.entries.len() < 2 {
        let width = forms
            .value
            .entries
            .first()
            .map_or(1, |(name, _)| name.value.chars().count());
        cx.error(
            Code::Invalid,
            file,
            forms.pos,
            "`one_of` lists fewer than two forms",
        )
        .width(width)
        .label("one form here")
        .help("a type of one form is that form: write `alias:` with its type instead");
    }
    let mut out = Vec::new();
    let mut values: Vec<&Value> = Vec::new();
    for (name, form) in &forms.value.entries {
        pascal_name(cx, file, name, "form");
        let kind = match (&form.value.ty, &form.value.value) {
            (Some(ty), None) => match crate::resolve::type_expr(cx, file, ty, ty.pos) {
                Some(ty) => ir::FormKind::Holds(ty),
                None => continue,
            },
            (None, Some(value)) => {
                if !matches!(
                    value.value,
                    Value::String(_) | Value::Number(_) | Value::Bool(_)
                ) || value
                    .value
                    .as_number()
                    .is_some_and(|n| !n.is_i64() && !n.is_u64())
                {
                    cx.error(Code::WrongKind, file, value.pos, format!("form `{}` stands for {}", name.value, value.value))
                        .width(value.value.to_string().chars().count())
                        .label("not a string, an integer or a boolean")
                        .help("a form's `value` is one string, integer or boolean (`value: OK`); a shape is a `type:`");
                    continue;
                }
                if values.contains(&&value.value) {
                    cx.error(
                        Code::Duplicate,
                        file,
                        value.pos,
                        format!("two forms stand for {}", value.value),
                    )
                    .width(
                        value
                            .value
                            .as_str()
                            .map_or(value.value.to_string().len(), str::len),
                    )
                    .label("a second time")
                    .help("the first form of the two always wins; remove this one");
                }
                values.push(&value.value);
                ir::FormKind::Value(value.value.clone())
            }
            (given, _) => {
                cx.error(Code::Invalid, file, name.pos, format!("form `{}` must have exactly one of `type` or `value`", name.value))
                    .width(name.value.chars().count())
                    .label(if given.is_some() { "both given" } else { "neither given" })
                    .help("a form holds a type (`type: RemovedItem`) or stands for one value (`value: OK`)");
                continue;
            }
        };
        out.push(ir::Form {
            name: name.value.clone(),
            kind,
            doc: opt_text(&form.value.doc),
            doc_original: opt_text(&form.value.doc_original),
        });
    }
    out
}

fn union_def(
    cx: &mut Cx<'_>,
    item: &Item<'_, model::TypeDef>,
    union: &Spanned<model::Union>,
    enums: &[Item<'_, model::EnumDef>],
) -> ir::Union {
    let file = item.file;
    let tag_enum = enums.iter().find(|e| e.name.value == union.tag_enum.value);
    if tag_enum.is_none() {
        cx.undefined(
            file,
            &union.tag_enum,
            "enum",
            enums.iter().map(|e| e.name.value.as_str()),
            "define the enum of tag values under `enums:`",
        );
    }
    let mut variants = Vec::new();
    for (name, variant) in union.variants.iter() {
        let code = match tag_enum.and_then(|e| e.value.values.get(&name.value)) {
            Some(v) => v.code.value.clone(),
            None => {
                if let Some(e) = tag_enum {
                    let help = did_you_mean(
                        &name.value,
                        e.value.values.iter().map(|(n, _)| n.value.as_str()),
                    )
                    .unwrap_or_else(|| {
                        format!("variants are named after values of `{}`", e.name.value)
                    });
                    cx.error(
                        Code::Undefined,
                        file,
                        name.pos,
                        format!("`{}` is not a value of enum `{}`", name.value, e.name.value),
                    )
                    .width(name.value.chars().count())
                    .help(help);
                }
                Value::Null
            }
        };
        let what = format!("variant `{}`", name.value);
        let mut vfields = fields(cx, file, &variant.fields, &what);
        if let Some(like) = &variant.like {
            if !variant.fields.is_empty() {
                cx.error(
                    Code::Invalid,
                    file,
                    like.pos,
                    "a variant has either `fields` or `like`, not both",
                );
            }
            if !cx.types.contains(&like.value) {
                let known: Vec<String> = cx.types.iter().cloned().collect();
                cx.undefined(
                    file,
                    like,
                    "type",
                    known.iter().map(String::as_str),
                    "name an object type",
                );
            } else {
                // Filled in by `mark_recursion` once all types are resolved.
                vfields = vec![like_marker(&like.value)];
            }
        }
        if vfields.iter().any(|f| f.wire == union.tag.value) {
            cx.error(
                Code::Duplicate,
                file,
                name.pos,
                format!(
                    "variant `{}` lists the tag field `{}`",
                    name.value, union.tag.value
                ),
            )
            .help("the tag is implied by the variant; remove it from `fields`");
        }
        variants.push(ir::UnionVariant {
            name: name.value.clone(),
            code,
            doc: opt_text(&variant.doc),
            doc_original: opt_text(&variant.doc_original),
            fields: vfields,
            boxed: false,
        });
    }
    ir::Union {
        tag: union.tag.value.clone(),
        tag_enum: union.tag_enum.value.clone(),
        variants,
    }
}

const LIKE_MARKER: &str = "\u{0}like";

pub(super) fn like_marker(type_name: &str) -> ir::Field {
    ir::Field {
        wire: LIKE_MARKER.to_owned(),
        rust: type_name.to_owned(),
        ty: Ty::Type(type_name.to_owned()),
        optional: false,
        nullable: false,
        boxed: false,
        default: None,
        aliases: Vec::new(),
        unit: None,
        scale: None,
        precision: None,
        format: None,
        min: None,
        max: None,
        min_length: None,
        max_length: None,
        pattern: None,
        min_items: None,
        max_items: None,
        max_bytes: None,
        each: None,
        placement: model::Placement::Params,
        also_in: None,
        style: None,
        secret: false,
        doc: None,
        doc_original: None,
        since: None,
        until: None,
        deprecated: None,
        line: 0,
        errata: Vec::new(),
    }
}

/// Replaces `like: Type` markers with that type's fields, and marks fields
/// whose type contains the enclosing type as boxed.
pub(crate) fn mark_recursion(types: &mut [ir::TypeDef]) {
    let objects: BTreeMap<String, Vec<ir::Field>> = types
        .iter()
        .filter_map(|t| match &t.kind {
            ir::TypeKind::Object(f) => Some((t.name.clone(), f.clone())),
            _ => None,
        })
        .collect();
    for t in types.iter_mut() {
        if let ir::TypeKind::Union(u) = &mut t.kind {
            for v in &mut u.variants {
                if v.fields.len() == 1 && v.fields[0].wire == LIKE_MARKER {
                    v.fields = objects.get(&v.fields[0].rust).cloned().unwrap_or_default();
                }
            }
        }
    }
    // Direct edges: a field whose value is stored inline (not in a Vec or map).
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in types.iter() {
        let set = edges.entry(t.name.clone()).or_default();
        for f in all_fields(t) {
            if let Some(target) = inline_target(&f.ty) {
                set.insert(target);
            }
        }
        if let ir::TypeKind::Alias(ty) = &t.kind
            && let Some(target) = inline_target(ty)
        {
            set.insert(target);
        }
    }
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n.clone()) {
                stack.extend(edges.get(&n).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut boxed: Vec<(String, String)> = Vec::new();
    for t in types.iter() {
        for f in all_fields(t) {
            if let Some(target) = inline_target(&f.ty)
                && reaches(&target, &t.name)
            {
                boxed.push((t.name.clone(), f.wire.clone()));
            }
        }
    }
    for t in types.iter_mut() {
        let name = t.name.clone();
        for f in all_fields_mut(t) {
            if boxed.contains(&(name.clone(), f.wire.clone())) {
                f.boxed = true;
            }
        }
    }
}

fn inline_target(ty: &Ty) -> Option<String> {
    match ty {
        Ty::Type(n) => Some(n.clone()),
        Ty::OneOrMany(inner) => inline_target(inner),
        _ => None,
    }
}

fn all_fields(t: &ir::TypeDef) -> Vec<&ir::Field> {
    match &t.kind {
        ir::TypeKind::Object(f) => f.iter().collect(),
        ir::TypeKind::Union(u) => u.variants.iter().flat_map(|v| v.fields.iter()).collect(),
        ir::TypeKind::Alias(_) | ir::TypeKind::OneOf(_) => Vec::new(),
    }
}

fn all_fields_mut(t: &mut ir::TypeDef) -> Vec<&mut ir::Field> {
    match &mut t.kind {
        ir::TypeKind::Object(f) => f.iter_mut().collect(),
        ir::TypeKind::Union(u) => u
            .variants
            .iter_mut()
            .flat_map(|v| v.fields.iter_mut())
            .collect(),
        ir::TypeKind::Alias(_) | ir::TypeKind::OneOf(_) => Vec::new(),
    }
}

pub(crate) fn server(cx: &mut Cx<'_>, item: &Item<'_, model::Server>) -> ir::Server {
    let server = &item.value.value;
    if !names::is_ascii_ident(&item.name.value)
        || item.name.value.to_snake_case() != item.name.value
    {
        cx.error(
            Code::BadName,
            item.file,
            item.name.pos,
            format!("server name `{}` is not snake_case", item.name.value),
        )
        .help("server names become Rust functions: use lowercase letters, digits and `_`");
    }
    let url = &server.url.value;
    let mut used = BTreeSet::new();
    let mut rest = url.as_str();
    let mut offset = 0;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            let at = cx.inside(
                item.file,
                server.url.pos,
                url[..offset + start].chars().count(),
            );
            cx.error(Code::Invalid, item.file, at, "unclosed `{` in server URL")
                .help("write variables as `{name}`");
            break;
        };
        let var = &rest[start + 1..start + len];
        let at = cx.inside(
            item.file,
            server.url.pos,
            url[..offset + start + 1].chars().count(),
        );
        if server.variables.get(var).is_none() {
            let help = did_you_mean(var, server.variables.iter().map(|(n, _)| n.value.as_str()))
                .unwrap_or_else(|| {
                    format!("declare it under `variables: {{{var}: {{doc: ...}}}}`")
                });
            cx.error(
                Code::Undefined,
                item.file,
                at,
                format!("URL variable `{var}` is not declared"),
            )
            .width(var.chars().count())
            .help(help);
        }
        used.insert(var.to_owned());
        offset += start + len + 1;
        rest = &rest[start + len + 1..];
    }
    if !(url.starts_with("http://") || url.starts_with("https://") || url.starts_with('{')) {
        cx.error(
            Code::Invalid,
            item.file,
            server.url.pos,
            format!("server URL `{url}` is not http(s)"),
        )
        .help("write the full URL, e.g. `https://smpos.app/api`");
    }
    for (name, _) in server.variables.iter() {
        if !used.contains(&name.value) {
            cx.error(
                Code::Invalid,
                item.file,
                name.pos,
                format!("variable `{}` is not used in the URL", name.value),
            )
            .help(format!(
                "use it as `{{{}}}` in `url`, or remove it",
                name.value
            ));
        }
    }
    ir::Server {
        name: item.name.value.clone(),
        url: url.clone(),
        doc: opt_text(&server.doc),
        variables: server
            .variables
            .iter()
            .map(|(n, v)| ir::ServerVariable {
                name: n.value.clone(),
                default: opt_text(&v.default),
                doc: opt_text(&v.doc),
                secret: v.secret,
            })
            .collect(),
    }
}

/// Rules that relate a field's keys to its type.
/// `each:` applies to lists, and each of its rules to the element's kind.
fn each_rules(cx: &mut Cx<'_>, file: &Path, each: &Spanned<model::Each>, ty: &Ty, written: &str) {
    let (Ty::Array(element) | Ty::OneOrMany(element)) = ty else {
        cx.error(
            Code::Invalid,
            file,
            each.pos,
            format!("`each` does not apply to a field of type `{written}`"),
        )
        .help("`each` constrains the elements of an `array<..>` or `one_or_many<..>`");
        return;
    };
    let scalar = match element.as_ref() {
        Ty::Scalar(s) => Some(*s),
        _ => None,
    };
    let numeric = scalar
        .is_some_and(|s| s.is_numeric() && !matches!(s, Scalar::UnixSeconds | Scalar::UnixMillis));
    let stringy = matches!(scalar, Some(Scalar::String | Scalar::Uuid));
    let e = &each.value;
    for (key, value) in [("min", &e.min), ("max", &e.max)] {
        match value {
            Some(v) if numeric && !v.value.is_number() => {
                cx.error(
                    Code::WrongKind,
                    file,
                    v.pos,
                    format!("`each: {{{key}}}` must be a number"),
                )
                .help(format!("write e.g. `each: {{{key}: 1}}`"));
            }
            Some(v) if !numeric => {
                cx.error(
                    Code::Invalid,
                    file,
                    v.pos,
                    format!("`each: {{{key}}}` does not apply to elements of `{written}`"),
                )
                .help(format!("`{key}` is for elements that are numbers"));
            }
            _ => {}
        }
    }
    let mut misuse = |pos: Pos, key: &str, needs: &str| {
        cx.error(
            Code::Invalid,
            file,
            pos,
            format!("`each: {{{key}}}` does not apply to elements of `{written}`"),
        )
        .help(format!("`{key}` is for elements that are {needs}"));
    };
    for (key, value) in [("min_length", &e.min_length), ("max_length", &e.max_length)] {
        if let Some(v) = value
            && !stringy
        {
            misuse(v.pos, key, "strings");
        }
    }
    if let Some(p) = &e.pattern
        && !stringy
    {
        misuse(p.pos, "pattern", "strings");
    }
}

pub(crate) fn field_rules(cx: &mut Cx<'_>, file: &Path, field: &Spanned<model::Field>, ty: &Ty) {
    let body = &field.value.0;
    if let Some(each) = &body.each {
        each_rules(cx, file, each, ty, &body.ty.value);
    }
    let scalar = match ty {
        Ty::Scalar(s) => Some(*s),
        _ => None,
    };
    let numeric = scalar.is_some_and(Scalar::is_numeric);
    let stringy = matches!(scalar, Some(Scalar::String | Scalar::Uuid | Scalar::Base64));
    let misuse = |cx: &mut Cx<'_>, pos: Pos, key: &str, needs: &str| {
        cx.error(
            Code::Invalid,
            file,
            pos,
            format!(
                "`{key}` does not apply to a field of type `{}`",
                body.ty.value
            ),
        )
        .help(format!("`{key}` is for {needs}"));
    };
    if let Some(v) = &body.max_bytes {
        if scalar != Some(Scalar::Base64) {
            misuse(cx, v.pos, "max_bytes", "`base64` fields (the decoded size)");
        } else if body.optional && body.nullable {
            cx.error(
                Code::Invalid,
                file,
                v.pos,
                "`max_bytes` on a field that is both optional and nullable",
            )
            .help("the decoder tells absent from null there; make it one or the other");
        }
    }
    for (key, value) in [("min", &body.min), ("max", &body.max)] {
        if let Some(v) = value {
            if !numeric {
                misuse(cx, v.pos, key, "numbers");
            } else if !v.value.is_number() {
                cx.error(
                    Code::WrongKind,
                    file,
                    v.pos,
                    format!("`{key}` must be a number"),
                )
                .help("write e.g. `min: 1`");
            }
        }
    }
    if let (Some(min), Some(max)) = (&body.min, &body.max)
        && let (Some(a), Some(b)) = (min.value.as_f64(), max.value.as_f64())
        && a > b
    {
        cx.error(
            Code::Invalid,
            file,
            max.pos,
            format!("`max` {b} is below `min` {a}"),
        )
        .help("swap the bounds");
    }
    for (key, value) in [
        ("min_length", &body.min_length),
        ("max_length", &body.max_length),
    ] {
        if let Some(v) = value
            && !stringy
        {
            misuse(cx, v.pos, key, "strings");
        }
    }
    if let Some(p) = &body.pattern
        && !stringy
    {
        misuse(cx, p.pos, "pattern", "strings");
    }
    for (key, value) in [
        ("min_items", &body.min_items),
        ("max_items", &body.max_items),
    ] {
        if let Some(v) = value
            && !matches!(ty, Ty::Array(_) | Ty::OneOrMany(_))
        {
            misuse(cx, v.pos, key, "arrays");
        }
    }
    if let Some(s) = &body.scale
        && !matches!(scalar, Some(Scalar::Decimal | Scalar::DecimalString))
    {
        misuse(cx, s.pos, "scale", "`decimal` and `decimal_string`");
    }
    if let Some(p) = &body.precision {
        if !matches!(scalar, Some(Scalar::Decimal | Scalar::DecimalString)) {
            misuse(cx, p.pos, "precision", "`decimal` and `decimal_string`");
        } else {
            match &body.scale {
                None => {
                    cx.error(Code::MissingKey, file, p.pos, "`precision` without `scale`")
                        .help("decimal(p, s) gives both: `precision: 12, scale: 4`");
                }
                Some(s) if s.value > p.value => {
                    cx.error(
                        Code::Invalid,
                        file,
                        s.pos,
                        format!(
                            "`scale: {}` is larger than `precision: {}`",
                            s.value, p.value
                        ),
                    )
                    .help("decimal(p, s) has s <= p");
                }
                _ => {}
            }
        }
    }
    if let Some(f) = &body.format
        && !scalar.is_some_and(Scalar::is_temporal)
    {
        misuse(cx, f.pos, "format", "`datetime`, `date` and `time`");
    }
    if let Some(u) = &body.unit
        && !numeric
    {
        misuse(cx, u.pos, "unit", "numbers");
    }
    if let Some(d) = &body.default
        && !body.optional
    {
        cx.error(
            Code::Invalid,
            file,
            d.pos,
            "`default` on a field that is not optional",
        )
        .help(
            "a default is what the vendor assumes when the field is absent: add `optional: true`",
        );
    }
}

/// Rules on the vendor section.
pub(crate) fn vendor_rules(cx: &mut Cx<'_>, file: &Path, vendor: &Spanned<model::Vendor>) {
    let id = &vendor.id;
    if !names::is_ascii_ident(&id.value)
        || id.value.to_lowercase() != id.value
        || names::is_keyword(&id.value)
    {
        cx.error(
            Code::BadName,
            file,
            id.pos,
            format!(
                "vendor id `{}` is not a lowercase Rust identifier",
                id.value
            ),
        )
        .help(
            "the id becomes the module name: use lowercase ASCII letters and digits, e.g. `smpos`",
        );
    }
}
