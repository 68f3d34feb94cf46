//! The structural check: a YAML tree against the spec language's JSON Schema.
//!
//! The schema is generated from the serde model (see `meta_schema`), so the
//! keys this check knows are exactly the keys the model reads. Unlike serde,
//! which stops at the first mistake, it reports every unknown key, missing
//! key and wrong kind in a file.

use std::path::Path;

use serde_json::{Map, Value};

use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::read::model::{Pos, Spanned};
use crate::read::node::Node;

/// Checks `node` against `schema`, the root schema with its `$defs`.
pub fn check(file: &Path, node: &Spanned<Node>, schema: &Value) -> Vec<Diagnostic> {
    let mut checker = Checker {
        file,
        root: schema,
        out: Vec::new(),
    };
    checker.walk(node, schema, "file");
    checker.out
}

struct Checker<'a> {
    file: &'a Path,
    root: &'a Value,
    out: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn resolve(&self, schema: &'a Value) -> &'a Value {
        let mut schema = schema;
        // A chain of references is at most as long as the number of definitions.
        for _ in 0..64 {
            match schema.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let name = r.trim_start_matches("#/$defs/");
                    match self.root.get("$defs").and_then(|d| d.get(name)) {
                        Some(target) => schema = target,
                        None => return &Value::Bool(true),
                    }
                }
                None => break,
            }
        }
        schema
    }

    fn walk(&mut self, node: &Spanned<Node>, schema: &'a Value, what: &str) {
        let schema = self.resolve(schema);
        let Some(obj) = schema.as_object() else {
            return;
        };
        if let Some(options) = obj
            .get("oneOf")
            .or_else(|| obj.get("anyOf"))
            .and_then(Value::as_array)
        {
            self.walk_choice(node, options, what);
            return;
        }
        if !self.kind_matches(node, obj, what) {
            return;
        }
        if let Some(values) = obj.get("enum").and_then(Value::as_array) {
            self.check_enum(node, values, what);
        }
        if let Some(c) = obj.get("const") {
            self.check_enum(node, std::slice::from_ref(c), what);
        }
        match &node.value {
            Node::Map(entries) => self.walk_map(node.pos, entries, obj, what),
            Node::Seq(items) => {
                if let Some(item_schema) = obj.get("items") {
                    for item in items {
                        self.walk(item, item_schema, what);
                    }
                }
            }
            _ => {}
        }
    }

    /// `oneOf`/`anyOf`: externally tagged enums, `Option<T>`, field shorthand.
    fn walk_choice(&mut self, node: &Spanned<Node>, options: &'a [Value], what: &str) {
        let options: Vec<&'a Value> = options.iter().map(|o| self.resolve(o)).collect();
        // Null is always fine where an option allows it.
        if matches!(node.value, Node::Null) && options.iter().any(|o| allows_null(o)) {
            return;
        }
        // An externally tagged enum: pick the variant by its single key.
        if let Node::Map(entries) = &node.value {
            let tags: Vec<&str> = options.iter().filter_map(|o| single_required(o)).collect();
            if !tags.is_empty() {
                if entries.len() != 1 {
                    self.out.push(
                        Diagnostic::new(
                            Code::WrongKind,
                            self.file,
                            node.pos,
                            format!("{what} must have exactly one key"),
                        )
                        .label(format!("found {} keys", entries.len()))
                        .help(format!("use one of: {}", tags.join(", "))),
                    );
                    return;
                }
                let (key, value) = &entries[0];
                let key_text = key.value.as_text().unwrap_or_default();
                match options
                    .iter()
                    .find(|o| single_required(o) == Some(key_text.as_str()))
                {
                    Some(option) => {
                        let inner = &option["properties"][key_text.as_str()];
                        self.walk(value, inner, &key_text);
                    }
                    None => self.out.push(
                        Diagnostic::new(
                            Code::UnknownKey,
                            self.file,
                            key.pos,
                            format!("unknown {what} `{key_text}`"),
                        )
                        .width(key_text.chars().count())
                        .label("not a variant of the spec language")
                        .help(
                            did_you_mean(&key_text, tags.iter().copied())
                                .unwrap_or_else(|| format!("use one of: {}", tags.join(", "))),
                        ),
                    ),
                }
                return;
            }
        }
        // A unit enum whose variants carry docs: every option is a constant.
        let consts: Option<Vec<Value>> = options
            .iter()
            .map(|o| {
                o.get("const").cloned().or_else(|| {
                    o.get("enum")
                        .and_then(Value::as_array)
                        .map(|a| Value::Array(a.clone()))
                })
            })
            .collect::<Option<Vec<Value>>>()
            .map(|vals| {
                vals.into_iter()
                    .flat_map(|v| if let Value::Array(a) = v { a } else { vec![v] })
                    .collect()
            });
        if let Some(values) = consts {
            if node.value.as_text().is_none() {
                self.out.push(
                    Diagnostic::new(
                        Code::WrongKind,
                        self.file,
                        node.pos,
                        format!("`{what}` expects one of the allowed values"),
                    )
                    .label(format!("found {}", node.value.kind())),
                );
            } else {
                self.check_enum(node, &values, what);
            }
            return;
        }
        // Otherwise pick the first option whose kind fits, and check against it.
        let fitting = options.iter().find(|o| {
            o.as_object().is_some_and(|obj| {
                kind_fits(&node.value, obj)
                    || obj.contains_key("enum") && matches!(node.value, Node::Str(_))
            })
        });
        match fitting {
            Some(option) => self.walk(node, option, what),
            None => {
                let kinds: Vec<String> = options
                    .iter()
                    .filter_map(|o| o.as_object())
                    .filter_map(expected_kind)
                    .collect();
                self.out.push(
                    Diagnostic::new(
                        Code::WrongKind,
                        self.file,
                        node.pos,
                        format!("{what} has the wrong kind of value"),
                    )
                    .label(format!("found {}", node.value.kind()))
                    .help(format!("expected {}", kinds.join(" or "))),
                );
            }
        }
    }

    fn kind_matches(&mut self, node: &Spanned<Node>, obj: &Map<String, Value>, what: &str) -> bool {
        if !obj.contains_key("type") || kind_fits(&node.value, obj) {
            return true;
        }
        let help = if types_of(obj).contains(&"string") && matches!(node.value, Node::Map(_)) {
            "`: ` inside plain YAML text starts a mapping: put the text in quotes".to_owned()
        } else {
            format!("write {} here", expected_kind(obj).unwrap_or_default())
        };
        self.out.push(
            Diagnostic::new(
                Code::WrongKind,
                self.file,
                node.pos,
                format!(
                    "`{what}` expects {}",
                    expected_kind(obj).unwrap_or_default()
                ),
            )
            .label(format!("found {}", node.value.kind()))
            .help(help),
        );
        false
    }

    fn check_enum(&mut self, node: &Spanned<Node>, values: &[Value], what: &str) {
        let allowed: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        let Some(text) = node.value.as_text() else {
            return;
        };
        if allowed.is_empty() || allowed.contains(&text.as_str()) {
            return;
        }
        self.out.push(
            Diagnostic::new(
                Code::WrongKind,
                self.file,
                node.pos,
                format!("unknown value `{text}` for `{what}`"),
            )
            .width(text.chars().count())
            .label("not one of the allowed values")
            .help(
                did_you_mean(&text, allowed.iter().copied())
                    .unwrap_or_else(|| format!("use one of: {}", allowed.join(", "))),
            ),
        );
    }

    fn walk_map(
        &mut self,
        pos: Pos,
        entries: &[(Spanned<Node>, Spanned<Node>)],
        obj: &'a Map<String, Value>,
        what: &str,
    ) {
        let props = obj.get("properties").and_then(Value::as_object);
        let additional = obj.get("additionalProperties");
        for (key, value) in entries {
            let key_text = key.value.as_text().unwrap_or_default();
            match props.and_then(|p| p.get(&key_text)) {
                Some(prop) => self.walk(value, prop, &key_text),
                None => match additional {
                    Some(Value::Bool(false)) => {
                        let known = props
                            .map(|p| p.keys().map(String::as_str).collect::<Vec<_>>())
                            .unwrap_or_default();
                        let help = did_you_mean(&key_text, known.iter().copied())
                            .unwrap_or_else(|| format!("`{what}` accepts: {}", known.join(", ")));
                        self.out.push(
                            Diagnostic::new(
                                Code::UnknownKey,
                                self.file,
                                key.pos,
                                format!("unknown key `{key_text}` in `{what}`"),
                            )
                            .width(key_text.chars().count())
                            .label("not a key of the spec language")
                            .help(help),
                        );
                    }
                    Some(schema @ Value::Object(_)) => self.walk(value, schema, &key_text),
                    _ => {}
                },
            }
        }
        if let Some(required) = obj.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                let present = entries
                    .iter()
                    .any(|(k, _)| k.value.as_text().as_deref() == Some(name));
                if !present {
                    self.out.push(
                        Diagnostic::new(
                            Code::MissingKey,
                            self.file,
                            pos,
                            format!("missing key `{name}` in `{what}`"),
                        )
                        .label(format!("`{what}` starts here"))
                        .help(format!("add `{name}: ...`; see spec/README.md")),
                    );
                }
            }
        }
    }
}

fn types_of(obj: &Map<String, Value>) -> Vec<&str> {
    match obj.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn kind_fits(node: &Node, obj: &Map<String, Value>) -> bool {
    let types = types_of(obj);
    if types.is_empty() {
        return !obj.contains_key("enum") || matches!(node, Node::Str(_));
    }
    types.iter().any(|t| match (*t, node) {
        ("object", Node::Map(_)) => true,
        ("object", Node::Null) => obj
            .get("additionalProperties")
            .is_some_and(Value::is_object),
        ("array", Node::Seq(_)) => true,
        // YAML scalars read as strings when a string is expected, as serde-saphyr does.
        ("string", Node::Str(_) | Node::Int(_) | Node::Float(_) | Node::Bool(_)) => true,
        ("integer", Node::Int(_)) => true,
        ("number", Node::Int(_) | Node::Float(_)) => true,
        ("boolean", Node::Bool(_)) => true,
        ("null", Node::Null) => true,
        _ => false,
    })
}

fn expected_kind(obj: &Map<String, Value>) -> Option<String> {
    let words: Vec<&str> = types_of(obj)
        .into_iter()
        .map(|t| match t {
            "object" => "a mapping",
            "array" => "a list",
            "string" => "a string",
            "integer" => "an integer",
            "number" => "a number",
            "boolean" => "`true` or `false`",
            "null" => "nothing",
            other => other,
        })
        .collect();
    if words.is_empty() {
        obj.get("enum")
            .map(|_| "one of the allowed values".to_owned())
    } else {
        Some(words.join(" or "))
    }
}

fn allows_null(schema: &Value) -> bool {
    schema
        .as_object()
        .is_some_and(|o| types_of(o).contains(&"null"))
}

/// The tag of an externally tagged enum variant: an object with one required key.
fn single_required(schema: &Value) -> Option<&str> {
    let obj = schema.as_object()?;
    let required = obj.get("required")?.as_array()?;
    let props = obj.get("properties")?.as_object()?;
    if required.len() == 1 && props.len() == 1 {
        required[0].as_str()
    } else {
        None
    }
}
