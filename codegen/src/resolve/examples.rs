//! Examples from the vendor docs, checked against their operation's types.

use std::path::Path;

use serde_json::{Map, Value};

use crate::diag::Code;
use crate::ir::{self, Body, Field, FormKind, Protocol, Spec, Ty, TypeKind};
use crate::read::model::{self, Outcome, Pos, Spanned};
use crate::resolve::{Cx, Item, show};
use crate::types::Scalar;

/// One mismatch: the JSON path, the key to point at, and what is wrong.
struct Problem {
    path: String,
    key: Option<String>,
    message: String,
}

#[derive(Default)]
struct Checker<'s> {
    spec: Option<&'s Spec>,
    problems: Vec<Problem>,
}

impl<'s> Checker<'s> {
    fn push(&mut self, path: &str, key: Option<&str>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            key: key.map(str::to_owned),
            message: message.into(),
        });
    }

    fn spec(&self) -> &'s Spec {
        self.spec.expect("checker has a spec")
    }

    /// Checks an object against fields; `extra` names envelope or auth keys allowed too.
    fn fields(&mut self, obj: &Map<String, Value>, fields: &[Field], path: &str, extra: &[String]) {
        for (key, value) in obj {
            match fields
                .iter()
                .find(|f| f.wire == *key || f.aliases.iter().any(|a| a == key))
            {
                Some(f) => self.field(value, f, &format!("{path}.{key}"), key),
                None if extra.iter().any(|e| e == key) => {}
                None => self.push(path, Some(key), format!("unknown field `{key}`")),
            }
        }
        for f in fields {
            let present =
                obj.contains_key(&f.wire) || f.aliases.iter().any(|a| obj.contains_key(a));
            if !present && !f.optional {
                self.push(path, None, format!("missing required field `{}`", f.wire));
            }
        }
    }

    fn field(&mut self, value: &Value, f: &Field, path: &str, key: &str) {
        if value.is_null() {
            if !f.nullable {
                self.push(
                    path,
                    Some(key),
                    format!("`{}` is null but the field is not `nullable`", f.wire),
                );
            }
            return;
        }
        self.value(value, &f.ty, path, key);
        if let Some(n) = value.as_f64() {
            if let Some(min) = f.min.as_ref().and_then(Value::as_f64)
                && n < min
            {
                self.push(path, Some(key), format!("{n} is below the minimum {min}"));
            }
            if let Some(max) = f.max.as_ref().and_then(Value::as_f64)
                && n > max
            {
                self.push(path, Some(key), format!("{n} is above the maximum {max}"));
            }
        }
        if let Some(s) = value.as_str() {
            let len = s.chars().count() as u64;
            if f.max_length.is_some_and(|m| len > m) {
                self.push(
                    path,
                    Some(key),
                    format!("string of {len} characters is longer than `max_length`"),
                );
            }
            if f.min_length.is_some_and(|m| len < m) {
                self.push(
                    path,
                    Some(key),
                    format!("string of {len} characters is shorter than `min_length`"),
                );
            }
        }
        if let Some(items) = value.as_array() {
            let n = items.len() as u64;
            if f.max_items.is_some_and(|m| n > m) || f.min_items.is_some_and(|m| n < m) {
                self.push(
                    path,
                    Some(key),
                    format!("{n} items violate the field's item limits"),
                );
            }
        }
    }

    fn value(&mut self, value: &Value, ty: &Ty, path: &str, key: &str) {
        match ty {
            Ty::Scalar(s) => self.scalar(value, *s, path, key),
            Ty::Enum(name) => {
                let Some(e) = self.spec().enum_def(name) else {
                    return;
                };
                let fits = crate::resolve::value_matches_repr(value, e.repr);
                if !fits {
                    self.push(
                        path,
                        Some(key),
                        format!(
                            "{} is not a code of enum `{name}` (wrong JSON kind)",
                            show(value)
                        ),
                    );
                } else if !e.open && !e.values.iter().any(|v| v.code == *value) {
                    self.push(
                        path,
                        Some(key),
                        format!("{} is not a code of the closed enum `{name}`", show(value)),
                    );
                }
            }
            Ty::Array(inner) => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(item, inner, &format!("{path}[{i}]"), key);
                    }
                }
                None => self.push(
                    path,
                    Some(key),
                    format!("expected an array, found {}", kind(value)),
                ),
            },
            Ty::OneOrMany(inner) => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(item, inner, &format!("{path}[{i}]"), key);
                    }
                }
                None => self.value(value, inner, path, key),
            },
            Ty::Map(k, inner) => match value.as_object() {
                Some(obj) => {
                    for (mk, mv) in obj {
                        if matches!(**k, Ty::Scalar(s) if s.is_integer())
                            && mk.parse::<i128>().is_err()
                        {
                            self.push(path, Some(mk), format!("map key `{mk}` is not an integer"));
                        }
                        self.value(mv, inner, &format!("{path}.{mk}"), mk);
                    }
                }
                None => self.push(
                    path,
                    Some(key),
                    format!("expected an object, found {}", kind(value)),
                ),
            },
            Ty::Type(name) => {
                let Some(t) = self.spec().type_def(name) else {
                    return;
                };
                match &t.kind {
                    TypeKind::Alias(ty) => self.value(value, ty, path, key),
                    TypeKind::OneOf(forms) => {
                        // The first form the value fits is taken, as the
                        // generated code takes it.
                        let before = self.problems.len();
                        let fits = forms.iter().any(|form| {
                            match &form.kind {
                                FormKind::Holds(ty) => self.value(value, ty, path, key),
                                FormKind::Value(v) => {
                                    if v != value {
                                        self.push(path, Some(key), "");
                                    }
                                }
                            }
                            let fit = self.problems.len() == before;
                            self.problems.truncate(before);
                            fit
                        });
                        if !fits {
                            let shown: Vec<String> = forms.iter().map(|f| f.name.clone()).collect();
                            self.push(
                                path,
                                Some(key),
                                format!(
                                    "{} fits none of the forms of `{name}` ({})",
                                    show(value),
                                    shown.join(", ")
                                ),
                            );
                        }
                    }
                    TypeKind::Object(fields) => match value.as_object() {
                        Some(obj) => self.fields(obj, fields, path, &[]),
                        None => self.push(
                            path,
                            Some(key),
                            format!("expected a `{name}` object, found {}", kind(value)),
                        ),
                    },
                    TypeKind::Union(u) => match value.as_object() {
                        Some(obj) => match obj.get(&u.tag) {
                            Some(tag) => match u.variants.iter().find(|v| v.code == *tag) {
                                Some(v) => {
                                    self.fields(obj, &v.fields, path, std::slice::from_ref(&u.tag))
                                }
                                None => {
                                    let open =
                                        self.spec().enum_def(&u.tag_enum).is_some_and(|e| e.open);
                                    if !open {
                                        self.push(
                                            path,
                                            Some(&u.tag),
                                            format!(
                                                "`{}` {} names no variant of `{name}`",
                                                u.tag,
                                                show(tag)
                                            ),
                                        );
                                    }
                                }
                            },
                            None => self.push(
                                path,
                                None,
                                format!("missing tag field `{}` of `{name}`", u.tag),
                            ),
                        },
                        None => self.push(
                            path,
                            Some(key),
                            format!("expected a `{name}` object, found {}", kind(value)),
                        ),
                    },
                }
            }
        }
    }

    fn scalar(&mut self, value: &Value, s: Scalar, path: &str, key: &str) {
        let ok = match s {
            Scalar::Json => true,
            Scalar::Bool => value.is_boolean(),
            Scalar::Bool01 => value.is_boolean() || matches!(value.as_u64(), Some(0 | 1)),
            Scalar::F64 => value.is_number(),
            // Decimals are accepted as numbers or strings on decode.
            Scalar::Decimal | Scalar::DecimalString => {
                value.is_number() || value.as_str().is_some_and(is_decimal)
            }
            Scalar::String
            | Scalar::Uuid
            | Scalar::Base64
            | Scalar::DateTime
            | Scalar::Date
            | Scalar::Time => value.is_string(),
            int => {
                let n = value
                    .as_i64()
                    .map(i128::from)
                    .or_else(|| value.as_u64().map(i128::from))
                    .or_else(|| {
                        // Integers are accepted as digit strings on decode.
                        value.as_str().and_then(|t| t.trim().parse::<i128>().ok())
                    });
                match (n, int.int_range()) {
                    (Some(n), Some((lo, hi))) if n < lo || n > hi => {
                        self.push(
                            path,
                            Some(key),
                            format!("{n} does not fit `{}`", int.name()),
                        );
                        true
                    }
                    (Some(_), _) => true,
                    (None, _) => false,
                }
            }
        };
        if !ok {
            self.push(
                path,
                Some(key),
                format!("expected `{}`, found {}", s.name(), kind(value)),
            );
        }
    }
}

fn is_decimal(s: &str) -> bool {
    let t = s.trim().trim_start_matches(['-', '+']);
    !t.is_empty()
        && t.chars().filter(|c| *c == '.').count() <= 1
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Whether `name` is the operation's wire name, an alias, or the slip the example declares.
fn names_operation(op: &ir::Operation, ex: &model::Example, name: &str) -> bool {
    name == op.wire
        || op.wire_aliases.iter().any(|a| a == name)
        || ex.wrong_wire.iter().any(|w| w.value == name)
}

/// Fields that authentication adds to request bodies.
fn auth_fields(spec: &Spec, op: &ir::Operation) -> Vec<String> {
    spec.auth_members(Some(op))
        .iter()
        .map(|m| m.wire().to_owned())
        .collect()
}

fn body_fields(body: &Body) -> &[Field] {
    match body {
        Body::Fields(f) => f,
        _ => &[],
    }
}

/// Checks a payload (the part inside the envelope) against a body.
fn payload(c: &mut Checker<'_>, value: Option<&Value>, body: &Body, path: &str, extra: &[String]) {
    match (body, value) {
        (Body::Unknown, _) => {}
        (Body::Empty, None) => {}
        (Body::Empty, Some(v)) => {
            if v.as_object()
                .is_some_and(|o| o.keys().any(|k| !extra.contains(k)))
            {
                c.push(
                    path,
                    None,
                    "the operation declares no payload but the example has one",
                );
            }
        }
        (Body::Type(ty), Some(v)) => c.value(v, ty, path, ""),
        (Body::Type(_), None) => c.push(path, None, "the payload is missing"),
        (Body::Fields(fields), Some(Value::Object(obj))) => c.fields(obj, fields, path, extra),
        (Body::Fields(fields), None) => {
            if fields.iter().any(|f| !f.optional) {
                c.push(path, None, "the payload is missing");
            }
        }
        (Body::Fields(_), Some(v)) => {
            c.push(path, None, format!("expected an object, found {}", kind(v)))
        }
    }
}

/// `obj` with each field that sits only in its second place moved to its
/// own: into `params_field` (created if absent) or beside it.
fn to_own_place(
    obj: &Map<String, Value>,
    fields: &[Field],
    params_field: &str,
) -> Map<String, Value> {
    let mut out = obj.clone();
    for f in fields.iter().filter(|f| f.also_in.is_some()) {
        let inner = out.get(params_field).and_then(Value::as_object);
        let (inside, beside) = (
            inner.is_some_and(|m| m.contains_key(&f.wire)),
            out.contains_key(&f.wire),
        );
        match f.placement {
            model::Placement::Params if beside && !inside => {
                if let Some(v) = out.remove(&f.wire) {
                    let data = out
                        .entry(params_field)
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(m) = data {
                        m.insert(f.wire.clone(), v);
                    }
                }
            }
            model::Placement::Envelope if inside && !beside => {
                let v = out
                    .get_mut(params_field)
                    .and_then(Value::as_object_mut)
                    .and_then(|m| m.remove(&f.wire));
                if let Some(v) = v {
                    out.insert(f.wire.clone(), v);
                }
            }
            _ => {}
        }
    }
    out
}

fn check_request(
    c: &mut Checker<'_>,
    spec: &Spec,
    op: &ir::Operation,
    ex: &model::Example,
    v: &Value,
) {
    let Some(obj) = v.as_object() else {
        c.push(
            "$",
            None,
            format!("a request body is an object, found {}", kind(v)),
        );
        return;
    };
    let auth = auth_fields(spec, op);
    let req = body_fields(&op.request);
    let names_ok = |name: &Value| name.as_str().is_some_and(|n| names_operation(op, ex, n));
    match &spec.protocol {
        Protocol::JsonEnvelope {
            operation_field,
            params_field,
            ..
        } => {
            match obj.get(operation_field) {
                Some(name) if names_ok(name) => {}
                Some(name) => c.push("$", Some(operation_field), format!("`{operation_field}` is {} but the operation is `{}`; add it to `wire_aliases`, or to the example's `wrong_wire:` if it is a slip of this example", show(name), op.wire)),
                None => c.push("$", None, format!("missing `{operation_field}`")),
            }
            let mut extra = auth.clone();
            extra.push(operation_field.clone());
            match params_field {
                None => {
                    let top: Map<String, Value> = obj.clone();
                    payload(c, Some(&Value::Object(top)), &op.request, "$", &extra);
                }
                Some(pf) => {
                    extra.push(pf.clone());
                    // A field found in its second place (`also_in`) is
                    // checked as if it were in its own.
                    let moved = to_own_place(obj, req, pf);
                    let obj = &moved;
                    let outer: Vec<&Field> = req
                        .iter()
                        .filter(|f| f.placement == model::Placement::Envelope)
                        .collect();
                    for (k, val) in obj {
                        if let Some(f) = outer.iter().find(|f| f.wire == *k) {
                            c.field(val, f, &format!("$.{k}"), k);
                        } else if !extra.contains(k) {
                            c.push("$", Some(k), format!("unknown field `{k}` beside `{pf}`"));
                        }
                    }
                    let inner: Vec<Field> = req
                        .iter()
                        .filter(|f| f.placement != model::Placement::Envelope)
                        .cloned()
                        .collect();
                    let inner_body = if matches!(op.request, Body::Fields(_)) {
                        Body::Fields(inner)
                    } else {
                        op.request.clone()
                    };
                    let missing_outer = outer
                        .iter()
                        .filter(|f| !f.optional && !obj.contains_key(&f.wire));
                    for f in missing_outer {
                        c.push("$", None, format!("missing required field `{}`", f.wire));
                    }
                    payload(c, obj.get(pf), &inner_body, &format!("$.{pf}"), &[]);
                }
            }
        }
        Protocol::JsonRpc { .. } => {
            match obj.get("method") {
                Some(name) if names_ok(name) => {}
                _ => c.push(
                    "$",
                    Some("method"),
                    format!("`method` must be `{}`", op.wire),
                ),
            }
            for k in obj.keys() {
                if !["jsonrpc", "id", "method", "params"].contains(&k.as_str()) {
                    c.push("$", Some(k), format!("unknown JSON-RPC member `{k}`"));
                }
            }
            // By name or by position: the server reads either.
            match obj.get("params") {
                Some(Value::Array(items)) => {
                    for (item, f) in items.iter().zip(req) {
                        c.field(item, f, &format!("$.params.{}", f.wire), &f.wire);
                    }
                }
                params => payload(c, params, &op.request, "$.params", &[]),
            }
        }
        Protocol::Rest { .. } | Protocol::Form { .. } => {
            let body: Vec<Field> = req
                .iter()
                .filter(|f| f.placement == model::Placement::Params)
                .cloned()
                .collect();
            let body = if matches!(op.request, Body::Fields(_)) {
                Body::Fields(body)
            } else {
                op.request.clone()
            };
            payload(c, Some(v), &body, "$", &auth);
        }
    }
}

fn check_response(
    c: &mut Checker<'_>,
    spec: &Spec,
    op: &ir::Operation,
    ex: &model::Example,
    v: &Value,
) {
    let Some(obj) = v.as_object() else {
        c.push(
            "$",
            None,
            format!("a response body is an object, found {}", kind(v)),
        );
        return;
    };
    let outcome = ex.outcome;
    match &spec.protocol {
        Protocol::JsonRpc { .. } => {
            match outcome {
                Outcome::Error => {
                    if !obj.contains_key("error") {
                        c.push(
                            "$",
                            None,
                            "an error example needs a JSON-RPC `error` member",
                        );
                    }
                }
                _ => payload(c, obj.get("result"), &op.response, "$.result", &[]),
            }
            for k in obj.keys() {
                if !["jsonrpc", "id", "result", "error"].contains(&k.as_str()) {
                    c.push("$", Some(k), format!("unknown JSON-RPC member `{k}`"));
                }
            }
        }
        Protocol::JsonEnvelope { response, .. }
        | Protocol::Rest { response }
        | Protocol::Form { response, .. } => {
            let mut extra: Vec<String> = response
                .status_field
                .iter()
                .chain(response.message_field.iter())
                .cloned()
                .collect();
            extra.extend(response.extra_fields.iter().map(|f| f.wire.clone()));
            if let Protocol::JsonEnvelope {
                operation_field,
                echo_operation: true,
                ..
            } = &spec.protocol
            {
                extra.push(operation_field.clone());
                if let Some(name) = obj.get(operation_field)
                    && !name.as_str().is_some_and(|n| names_operation(op, ex, n))
                {
                    c.push(
                        "$",
                        Some(operation_field),
                        format!(
                            "`{operation_field}` is {} but the operation is `{}`",
                            show(name),
                            op.wire
                        ),
                    );
                }
            }
            let status = response.status_field.as_ref().and_then(|f| obj.get(f));
            if let (Some(field), None) = (&response.status_field, status)
                && !response.error_from_http
            {
                c.push("$", None, format!("missing status field `{field}`"));
            }
            if let Some(status) = status {
                let success =
                    response.success.contains(status) || response.success_aliases.contains(status);
                let not_modified = response.not_modified.contains(status);
                let replayed = response.replayed.contains(status);
                let expected = match outcome {
                    Outcome::Success => success,
                    Outcome::NotModified => not_modified,
                    Outcome::Replayed => replayed,
                    Outcome::Error => {
                        !success && !not_modified && !replayed || response.error_from_http
                    }
                };
                if !expected {
                    c.push("$", response.status_field.as_deref(), format!("status {} does not mean `{:?}`; set `outcome:` to what the example shows", show(status), outcome).to_lowercase());
                }
            }
            if matches!(outcome, Outcome::Success | Outcome::Replayed) {
                match &response.data_field {
                    Some(df) => {
                        extra.push(df.clone());
                        // Payload fields the vendor may send beside the
                        // payload are read into it, as the client does.
                        let beside: Vec<&str> = spec
                            .reply_fields_beside(op)
                            .iter()
                            .map(|f| f.wire.as_str())
                            .collect();
                        for k in obj.keys() {
                            if !extra.contains(k) && !beside.contains(&k.as_str()) {
                                c.push("$", Some(k), format!("unknown envelope field `{k}`"));
                            }
                        }
                        let mut data = obj.get(df).cloned();
                        if let Some(Value::Object(map)) = &mut data {
                            for name in &beside {
                                if let (false, Some(v)) = (map.contains_key(*name), obj.get(*name))
                                {
                                    map.insert((*name).to_owned(), v.clone());
                                }
                            }
                        }
                        payload(c, data.as_ref(), &op.response, &format!("$.{df}"), &[]);
                    }
                    None => payload(c, Some(v), &op.response, "$", &extra),
                }
            }
            for f in &response.extra_fields {
                if let Some(val) = obj.get(&f.wire) {
                    c.field(val, f, &format!("$.{}", f.wire), &f.wire);
                }
            }
        }
    }
    if let Some(name) = &ex.error {
        let table = op.errors.as_deref().or(spec.protocol.error_table());
        let entry = table
            .and_then(|t| spec.error_table(t))
            .and_then(|t| t.codes.iter().find(|e| e.name == name.value));
        if entry.is_none() {
            c.push(
                "$",
                None,
                format!(
                    "`error: {}` is not an entry of the operation's error table",
                    name.value
                ),
            );
        }
    }
}

/// Where JSON text written in YAML at `pos` starts: (first line, indent, column offset).
fn text_origin(cx: &Cx<'_>, file: &Path, pos: Pos) -> (u32, u32) {
    let lines: Vec<&str> = crate::diag::Sources::text(cx.sources, file)
        .map(|t| t.lines().collect())
        .unwrap_or_default();
    let here = lines
        .get(pos.line.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("");
    let rest: String = here
        .chars()
        .skip(pos.column.saturating_sub(1) as usize)
        .collect();
    if rest.starts_with('|') || rest.starts_with('>') {
        let next = lines.get(pos.line as usize).copied().unwrap_or("");
        let indent = next.chars().take_while(|c| *c == ' ').count() as u32;
        (pos.line + 1, indent)
    } else {
        let quoted = u32::from(rest.starts_with('"') || rest.starts_with('\''));
        (pos.line, pos.column - 1 + quoted)
    }
}

fn locate(cx: &Cx<'_>, file: &Path, text: &Spanned<String>, needle: Option<&str>) -> Pos {
    let (line0, col0) = text_origin(cx, file, text.pos);
    let Some(key) = needle else { return text.pos };
    let quoted = format!("\"{key}\"");
    for (i, line) in text.value.lines().enumerate() {
        if let Some(at) = line.find(&quoted) {
            let col = line[..at].chars().count() as u32;
            return Pos::new(line0 + i as u32, col0 + col + 1);
        }
    }
    text.pos
}

/// Parses an example's JSON, reporting syntax errors inside the YAML file.
fn parse_json(
    cx: &mut Cx<'_>,
    file: &Path,
    text: &Spanned<String>,
    which: &str,
    name: &str,
) -> Option<Value> {
    match serde_json::from_str::<Value>(&text.value) {
        Ok(v) => Some(v),
        Err(e) => {
            let (line0, col0) = text_origin(cx, file, text.pos);
            let pos = Pos::new(
                line0 + e.line().saturating_sub(1) as u32,
                col0 + e.column().max(1) as u32,
            );
            cx.error(
                Code::BadExample,
                file,
                pos,
                format!("{which} of example `{name}` is not valid JSON: {e}"),
            )
            .label("here")
            .help(
                "normalise the vendor's text to valid JSON and list the change under `normalised:`",
            );
            None
        }
    }
}

pub(crate) fn check_operation(
    cx: &mut Cx<'_>,
    item: &Item<'_, model::Operation>,
    op: &ir::Operation,
    spec: &Spec,
) {
    for ex in &item.value.examples {
        if ex.request.is_none() && ex.response.is_none() {
            cx.error(
                Code::MissingKey,
                item.file,
                ex.pos,
                format!(
                    "example `{}` has neither `request` nor `response`",
                    ex.name.value
                ),
            )
            .help("add the JSON body under `request: |` or `response: |`");
        }
        for (which, text) in [("request", &ex.request), ("response", &ex.response)] {
            let Some(text) = text else { continue };
            if which == "response" && raw_reply(op.reply, ex.outcome) {
                if op.reply == ir::Reply::Empty && !text.value.trim().is_empty() {
                    cx.error(
                        Code::BadExample,
                        item.file,
                        text.pos,
                        format!(
                            "example `{}` answers a body where the reply is empty",
                            ex.name.value
                        ),
                    )
                    .help("leave the response empty, or say which reply the operation has");
                }
                continue;
            }
            let Some(value) = parse_json(cx, item.file, text, which, &ex.name.value) else {
                continue;
            };
            let mut c = Checker {
                spec: Some(spec),
                problems: Vec::new(),
            };
            if which == "request" {
                check_request(&mut c, spec, op, ex, &value);
            } else {
                check_response(&mut c, spec, op, ex, &value);
            }
            for p in c.problems {
                let pos = locate(cx, item.file, text, p.key.as_deref());
                let width = p.key.as_ref().map_or(1, |k| k.chars().count() + 2);
                cx.error(Code::BadExample, item.file, pos, format!("{which} of example `{}` does not match the spec at `{}`: {}", ex.name.value, p.path, p.message))
                    .width(width)
                    .help("fix the spec (a field, type, `optional`, `aliases`), or the example if it was copied wrongly");
            }
        }
    }
}

/// Whether a successful response example is the raw body (text, bytes in
/// base64, nothing) rather than JSON.
fn raw_reply(reply: ir::Reply, outcome: model::Outcome) -> bool {
    matches!(
        reply,
        ir::Reply::Text | ir::Reply::Binary | ir::Reply::Empty
    ) && outcome == model::Outcome::Success
}

pub(crate) fn to_ir(item: &Item<'_, model::Operation>, reply: ir::Reply) -> Vec<ir::Example> {
    item.value
        .examples
        .iter()
        .map(|ex| ir::Example {
            name: ex.name.value.clone(),
            section: ex.section.as_ref().map(|s| s.value.clone()),
            wrong_wire: ex.wrong_wire.iter().map(|w| w.value.clone()).collect(),
            normalised: ex.normalised.iter().map(|n| n.value.clone()).collect(),
            request: ex
                .request
                .as_ref()
                .and_then(|t| serde_json::from_str(&t.value).ok()),
            response: ex.response.as_ref().and_then(|t| {
                if !raw_reply(reply, ex.outcome) {
                    serde_json::from_str(&t.value).ok()
                } else if reply == ir::Reply::Empty {
                    Some(Value::Null)
                } else {
                    Some(Value::String(t.value.clone()))
                }
            }),
            http_status: ex.http_status.as_ref().map(|s| s.value),
            response_headers: ex
                .response_headers
                .iter()
                .map(|(k, v)| (k.value.clone(), v.value.clone()))
                .collect(),
            outcome: ex.outcome,
            error: ex.error.as_ref().map(|e| e.value.clone()),
        })
        .collect()
}
