//! Resolution of the protocol, auth schemes, state headers and operations.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde_json::Value;

use crate::diag::{Code, did_you_mean};
use crate::ir;
use crate::names;
use crate::read::model::{self, Pos, Spanned};
use crate::resolve::{Cx, Item, errata_of, fields, op_ref, opt_text, type_expr};

fn table_ref(cx: &mut Cx<'_>, file: &Path, name: &Spanned<String>, tables: &BTreeSet<String>) {
    if !tables.contains(&name.value) {
        cx.undefined(
            file,
            name,
            "error table",
            tables.iter().map(String::as_str),
            "define it under `errors:`",
        );
    }
}

fn envelope(
    cx: &mut Cx<'_>,
    file: &Path,
    env: &Spanned<model::Envelope>,
    tables: &BTreeSet<String>,
) -> ir::Envelope {
    if let Some(t) = &env.error_table {
        table_ref(cx, file, t, tables);
    }
    if env.status_field.is_none() && env.error_from == model::ErrorSource::StatusField {
        cx.error(
            Code::MissingKey,
            file,
            env.pos,
            "the envelope has no `status_field` but errors come from it",
        )
        .help("add `status_field:`, or set `error_from: http_status`");
    }
    ir::Envelope {
        status_field: opt_text(&env.status_field),
        success: env.success.iter().map(|v| v.value.clone()).collect(),
        success_aliases: env
            .success_aliases
            .iter()
            .map(|v| v.value.clone())
            .collect(),
        not_modified: env.not_modified.iter().map(|v| v.value.clone()).collect(),
        replayed: env.replayed.iter().map(|v| v.value.clone()).collect(),
        data_field: opt_text(&env.data_field),
        message_field: opt_text(&env.message_field),
        extra_fields: fields(cx, file, &env.extra_fields, "the envelope"),
        error_from_http: env.error_from != model::ErrorSource::StatusField,
        error_table: opt_text(&env.error_table),
    }
}

pub(crate) fn protocol(
    cx: &mut Cx<'_>,
    file: &Path,
    p: &Spanned<model::Protocol>,
    tables: &BTreeSet<String>,
) -> ir::Protocol {
    match &p.value {
        model::Protocol::JsonEnvelope(j) => ir::Protocol::JsonEnvelope {
            operation_field: j.operation_field.value.clone(),
            params_field: opt_text(&j.params_field),
            echo_operation: j.echo_operation,
            response: envelope(cx, file, &j.response, tables),
        },
        model::Protocol::JsonRpc(j) => {
            table_ref(cx, file, &j.error_table, tables);
            ir::Protocol::JsonRpc {
                by_position: j.params.value == model::ParamStyle::ByPosition,
                error_table: j.error_table.value.clone(),
            }
        }
        model::Protocol::Rest(r) => ir::Protocol::Rest {
            response: envelope(cx, file, &r.response, tables),
        },
        model::Protocol::Form(f) => {
            if !f.path.value.contains("{operation}") {
                cx.error(
                    Code::Invalid,
                    file,
                    f.path.pos,
                    "the form path does not contain `{operation}`",
                )
                .help("write e.g. `/clientapi/v1/{operation}`");
            }
            if let Some(what) = not_a_plain_path(&f.path.value) {
                cx.error(
                    Code::Invalid,
                    file,
                    cx.inside(file, f.path.pos, 0),
                    format!("the form path has {what}"),
                )
                .width(f.path.value.chars().count())
                .help("give the path alone, e.g. `/clientapi/v1/{operation}`");
            }
            ir::Protocol::Form {
                path: f.path.value.clone(),
                response: envelope(cx, file, &f.response, tables),
            }
        }
    }
}

pub(crate) fn auth(
    cx: &mut Cx<'_>,
    file: &Path,
    scheme: &Spanned<model::AuthScheme>,
    ops: &BTreeSet<String>,
    servers: &[ir::Server],
) -> ir::Auth {
    match &scheme.value {
        model::AuthScheme::BodyCredentials(b) => {
            for op in b.except.iter().chain(&b.optional_for) {
                op_ref(cx, file, op, ops);
            }
            for op in &b.optional_for {
                if b.except.iter().any(|e| e.value == op.value) {
                    cx.error(
                        Code::Invalid,
                        file,
                        op.pos,
                        format!("`{}` is in both `except` and `optional_for`", op.value),
                    )
                    .width(op.value.chars().count())
                    .help(
                        "`except` lists operations that never carry the credentials, \
                         `optional_for` those that carry them but also go through without; \
                         keep it in one",
                    );
                }
            }
            ir::Auth::BodyCredentials {
                username: b.username.value.clone(),
                password: b.password.value.clone(),
                except: b.except.iter().map(|o| o.value.clone()).collect(),
                optional_for: b.optional_for.iter().map(|o| o.value.clone()).collect(),
                refused: refused(cx, file, &b.refused),
            }
        }
        model::AuthScheme::Bearer(b) => {
            let logins = login_refs(cx, file, &b.login, ops);
            ir::Auth::Bearer {
                logins,
                token_field: b.token_field.value.clone(),
                relogin_on: b.relogin_on.iter().map(|s| s.value).collect(),
                lifetime: lifetime(cx, file, &b.lifetime),
                refused: refused(cx, file, &b.refused),
            }
        }
        model::AuthScheme::PathSecret(p) => {
            let var = servers
                .iter()
                .flat_map(|s| s.variables.iter())
                .find(|v| v.name == p.variable.value);
            match var {
                None => {
                    cx.error(
                        Code::Undefined,
                        file,
                        p.variable.pos,
                        format!("no server declares the variable `{}`", p.variable.value),
                    )
                    .help("declare it under a server's `variables:` with `secret: true`");
                }
                Some(v) if !v.secret => {
                    cx.error(
                        Code::Invalid,
                        file,
                        p.variable.pos,
                        format!(
                            "server variable `{}` holds a key but is not `secret: true`",
                            p.variable.value
                        ),
                    )
                    .help("mark the variable `secret: true` so that it is never printed");
                }
                Some(_) => {}
            }
            ir::Auth::PathSecret {
                variable: p.variable.value.clone(),
            }
        }
        model::AuthScheme::Hmac(h) => {
            let context = fields(cx, file, &h.context, "the hmac context");
            let known: Vec<&str> = [h.key_field.value.as_str(), h.nonce_field.value.as_str()]
                .into_iter()
                .chain(context.iter().map(|f| f.wire.as_str()))
                .collect();
            for part in &h.message {
                if !known.contains(&part.value.as_str()) {
                    let help = did_you_mean(&part.value, known.iter().copied())
                        .unwrap_or_else(|| format!("the message is made of: {}", known.join(", ")));
                    cx.error(
                        Code::Undefined,
                        file,
                        part.pos,
                        format!("`{}` is not a field the signature can use", part.value),
                    )
                    .help(help);
                }
            }
            ir::Auth::Hmac {
                key_field: h.key_field.value.clone(),
                nonce_field: h.nonce_field.value.clone(),
                signature_field: h.signature_field.value.clone(),
                message: h.message.iter().map(|m| m.value.clone()).collect(),
                encoding: h.encoding.value,
                context,
            }
        }
        model::AuthScheme::Session(s) => {
            let logins = login_refs(cx, file, &s.login, ops);
            ir::Auth::Session {
                logins,
                from: s.from.value.clone(),
                field: s.field.value.clone(),
                lifetime: lifetime(cx, file, &s.lifetime),
                refused: refused(cx, file, &s.refused),
            }
        }
    }
}

fn lifetime(cx: &mut Cx<'_>, file: &Path, d: &Option<Spanned<String>>) -> Option<u64> {
    d.as_ref()
        .map(|d| crate::resolve::lifecycle::duration(cx, file, d))
}

fn refused(cx: &mut Cx<'_>, file: &Path, a: &Option<Spanned<model::Answer>>) -> Option<ir::Answer> {
    a.as_ref()
        .map(|a| crate::resolve::lifecycle::answer(cx, file, a))
}

pub(crate) fn state(
    cx: &mut Cx<'_>,
    file: &Path,
    h: &Spanned<model::StateHeader>,
    ops: &BTreeSet<String>,
) -> ir::StateHeader {
    for op in h.set_by.iter().chain(&h.sent_by).chain(h.recover.iter()) {
        op_ref(cx, file, op, ops);
    }
    ir::StateHeader {
        header: h.header.value.clone(),
        doc: opt_text(&h.doc),
        set_by: h.set_by.iter().map(|o| o.value.clone()).collect(),
        sent_by: h.sent_by.iter().map(|o| o.value.clone()).collect(),
        recover: opt_text(&h.recover),
        recover_field: opt_text(&h.recover_field),
    }
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

fn body(
    cx: &mut Cx<'_>,
    file: &Path,
    types: &[ir::TypeDef],
    b: &Spanned<model::Body>,
    what: &str,
) -> ir::Body {
    let has_fields = b.fields.is_some() || b.like.is_some();
    let given = [has_fields, b.ty.is_some(), b.unknown]
        .iter()
        .filter(|x| **x)
        .count();
    if given > 1 {
        cx.error(
            Code::Invalid,
            file,
            b.pos,
            format!("the {what} has more than one of `fields` (or `like`), `type` and `unknown`"),
        )
        .help("describe the body one way");
    }
    if has_fields {
        let mut out = b
            .like
            .as_ref()
            .map(|l| like(cx, file, types, l))
            .unwrap_or_default();
        for field in b
            .fields
            .as_ref()
            .map(|f| fields(cx, file, f, what))
            .unwrap_or_default()
        {
            if out.iter().any(|o| o.wire == field.wire) {
                let like = b.like.as_ref().map_or("", |l| l.value.as_str());
                let pos = b
                    .fields
                    .as_ref()
                    .and_then(|f| f.iter().find(|(k, _)| k.value == field.wire))
                    .map_or(b.pos, |(k, _)| k.pos);
                cx.error(
                    Code::Duplicate,
                    file,
                    pos,
                    format!("`{}` is already a field of `{like}`", field.wire),
                )
                .width(field.wire.chars().count())
                .help(format!(
                    "remove it here, or drop `like: {like}` and list every field"
                ));
                continue;
            }
            out.push(field);
        }
        ir::Body::Fields(out)
    } else if let Some(t) = &b.ty {
        type_expr(cx, file, t, t.pos).map_or(ir::Body::Unknown, ir::Body::Type)
    } else if b.unknown {
        ir::Body::Unknown
    } else {
        ir::Body::Empty
    }
}

/// What a successful reply is (`reply:`, `or_empty:`), checked: only on
/// responses, not beside a described body, a content type only for text
/// and bytes.
fn reply(
    cx: &mut Cx<'_>,
    file: &Path,
    request: &Spanned<model::Body>,
    response: &Spanned<model::Body>,
) -> (ir::Reply, Option<String>) {
    let r = &request.value;
    if r.reply.is_some() || r.or_empty || r.content_type.is_some() {
        cx.error(
            Code::Invalid,
            file,
            request.pos,
            "`reply`, `or_empty` and `content_type` describe a response, not a request",
        )
        .help("move them under `response:`");
    }
    let b = &response.value;
    let described = b.fields.is_some() || b.like.is_some() || b.ty.is_some() || b.unknown;
    let reply = match &b.reply {
        Some(form) => {
            if described || b.or_empty {
                cx.error(
                    Code::Invalid,
                    file,
                    form.pos,
                    "a `reply` that is not JSON has no `fields`, `type`, `unknown` or `or_empty`",
                )
                .help("the reply is the text, the bytes or nothing: remove the rest");
            }
            match form.value {
                model::ReplyForm::Text => ir::Reply::Text,
                model::ReplyForm::Binary => ir::Reply::Binary,
                model::ReplyForm::Empty => ir::Reply::Empty,
            }
        }
        None if b.or_empty => ir::Reply::JsonOrEmpty,
        None => ir::Reply::Json,
    };
    if let Some(ct) = &b.content_type
        && !matches!(reply, ir::Reply::Text | ir::Reply::Binary)
    {
        cx.error(
            Code::Invalid,
            file,
            ct.pos,
            "`content_type` is for a `reply: text` or `reply: binary`",
        )
        .width(ct.value.chars().count())
        .help("a JSON reply's content type is the protocol's; remove it");
    }
    (reply, opt_text(&b.content_type))
}

/// The fields of the object type a body is `like`.
fn like(
    cx: &mut Cx<'_>,
    file: &Path,
    types: &[ir::TypeDef],
    name: &Spanned<String>,
) -> Vec<ir::Field> {
    match types.iter().find(|t| t.name == name.value).map(|t| &t.kind) {
        Some(ir::TypeKind::Object(fields)) => fields.clone(),
        Some(_) => {
            cx.error(
                Code::WrongKind,
                file,
                name.pos,
                format!("`like: {}` names a type that is not an object", name.value),
            )
            .width(name.value.chars().count())
            .help("name a type with `fields:`");
            Vec::new()
        }
        None if cx.enums.contains_key(&name.value) => {
            cx.error(
                Code::WrongKind,
                file,
                name.pos,
                format!("`like: {}` names an enum, not an object type", name.value),
            )
            .width(name.value.chars().count())
            .help("name a type with `fields:`");
            Vec::new()
        }
        None => {
            let objects: Vec<&str> = types
                .iter()
                .filter(|t| matches!(t.kind, ir::TypeKind::Object(_)))
                .map(|t| t.name.as_str())
                .collect();
            cx.undefined(
                file,
                name,
                "type",
                objects,
                "name a type with `fields:` under `types:`",
            );
            Vec::new()
        }
    }
}

pub(crate) fn operation(
    cx: &mut Cx<'_>,
    item: &Item<'_, model::Operation>,
    protocol: &ir::Protocol,
    tables: &BTreeSet<String>,
    types: &[ir::TypeDef],
) -> ir::Operation {
    let file = item.file;
    let op = &item.value.value;
    if let Err(e) = names::snake(&item.name.value, "operation") {
        cx.error(Code::BadName, file, item.name.pos, e.message)
            .width(item.name.value.chars().count())
            .help(e.help);
    }
    let (until, deprecated) = cx.life(file, &op.since, &op.until, &op.deprecated);
    let request = body(
        cx,
        file,
        types,
        &op.request,
        &format!("request of `{}`", item.name.value),
    );
    let (reply, content_type) = reply(cx, file, &op.request, &op.response);
    let response = match reply {
        ir::Reply::Text => ir::Body::Type(ir::Ty::Scalar(ir::Scalar::String)),
        ir::Reply::Binary => ir::Body::Type(ir::Ty::Scalar(ir::Scalar::Base64)),
        ir::Reply::Empty => ir::Body::Empty,
        ir::Reply::Json | ir::Reply::JsonOrEmpty => body(
            cx,
            file,
            types,
            &op.response,
            &format!("response of `{}`", item.name.value),
        ),
    };
    if let Some(t) = &op.errors {
        table_ref(cx, file, t, tables);
    }
    let req_fields: &[ir::Field] = match &request {
        ir::Body::Fields(f) => f,
        _ => &[],
    };
    if let Some(p) = &op.params
        && !matches!(protocol, ir::Protocol::JsonRpc { .. })
    {
        cx.error(
            Code::Invalid,
            file,
            p.pos,
            format!(
                "`params` on `{}`, but the protocol is not JSON-RPC",
                item.name.value
            ),
        )
        .width(match p.value {
            model::ParamStyle::ByName => "by_name".len(),
            model::ParamStyle::ByPosition => "by_position".len(),
        })
        .help("only a JSON-RPC method sends its parameters by name or by position; remove it");
    }
    // REST wire names are `METHOD /path/{param}`.
    let mut http = None;
    if let ir::Protocol::Rest { .. } = protocol {
        let wire = &op.wire.value;
        match wire.split_once(' ') {
            Some((method, path)) if METHODS.contains(&method) && path.starts_with('/') => {
                let mut params = BTreeSet::new();
                for (i, seg) in path.split('/').enumerate() {
                    if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                        params.insert(name.to_owned());
                        let offset = path
                            .split('/')
                            .take(i)
                            .map(|s| s.chars().count() + 1)
                            .sum::<usize>()
                            + method.len()
                            + 1;
                        match req_fields.iter().find(|f| f.wire == name) {
                            Some(f) if f.placement == model::Placement::Path => {}
                            Some(_) => {
                                // The caret sits on the field, which lacks the placement.
                                let field = op.request.fields.as_ref().and_then(|fields| {
                                    fields.entries.iter().find(|(k, _)| k.value == name)
                                });
                                let (at, width) = match field {
                                    Some((k, _)) => (k.pos, k.value.chars().count()),
                                    None => (
                                        cx.inside(file, op.wire.pos, offset),
                                        name.chars().count() + 2,
                                    ),
                                };
                                cx.error(Code::Invalid, file, at, format!("path parameter `{name}` is a request field without `placement: path`"))
                                    .width(width)
                                    .help(format!("write `{name}: {{type: ..., placement: path}}`: the path of `wire` carries it"));
                            }
                            None => {
                                let at = cx.inside(file, op.wire.pos, offset);
                                cx.error(Code::Undefined, file, at, format!("path parameter `{name}` is not a request field"))
                                    .width(name.chars().count() + 2)
                                    .help(format!("add `{name}: {{type: u64, placement: path}}` to the request fields"));
                            }
                        }
                    }
                }
                for f in req_fields
                    .iter()
                    .filter(|f| f.placement == model::Placement::Path)
                {
                    if !params.contains(&f.wire) {
                        // The caret sits on the field's `placement`, the token at fault.
                        let placed = op
                            .request
                            .fields
                            .as_ref()
                            .and_then(|fields| fields.get(&f.wire))
                            .and_then(|field| field.0.placement.as_ref())
                            .map(|p| (p.pos, "path".len()));
                        let (at, width) = placed.unwrap_or((op.wire.pos, 0));
                        let error = cx.error(
                            Code::Invalid,
                            file,
                            at,
                            format!(
                                "field `{}` has `placement: path` but the path has no `{{{}}}`",
                                f.wire, f.wire
                            ),
                        );
                        let error = if width > 0 { error.width(width) } else { error };
                        error.help(format!(
                            "add `{{{}}}` to the path in `wire`, or change the placement",
                            f.wire
                        ));
                    }
                }
                if let Some(what) = not_a_plain_path(path) {
                    cx.error(
                        Code::Invalid,
                        file,
                        cx.inside(file, op.wire.pos, method.len() + 1),
                        format!("the path of REST operation wire `{wire}` has {what}"),
                    )
                    .width(path.chars().count())
                    .help("give the path alone; a query parameter is a request field with `placement: query`");
                }
                http = Some((method.to_owned(), path.to_owned()));
            }
            _ => {
                cx.error(
                    Code::Invalid,
                    file,
                    op.wire.pos,
                    format!("REST operation wire `{wire}` is not `METHOD /path`"),
                )
                .help("write e.g. `POST /shifts/{IdShift}/z`");
            }
        }
    } else {
        for f in req_fields.iter().filter(|f| {
            matches!(
                f.placement,
                model::Placement::Path | model::Placement::Query
            )
        }) {
            let pos = op.request.pos;
            cx.error(
                Code::Invalid,
                file,
                pos,
                format!(
                    "field `{}` has placement `{:?}`, which only REST operations have",
                    f.wire, f.placement
                )
                .to_lowercase(),
            )
            .help("remove the placement");
        }
    }
    if let Some(idem) = &op.idempotency
        && !req_fields.iter().any(|f| f.wire == idem.field.value)
    {
        let help = did_you_mean(
            &idem.field.value,
            req_fields.iter().map(|f| f.wire.as_str()),
        )
        .unwrap_or_else(|| "name a request field".to_owned());
        cx.error(
            Code::Undefined,
            file,
            idem.field.pos,
            format!(
                "idempotency field `{}` is not a request field",
                idem.field.value
            ),
        )
        .help(help);
    }
    if op.not_modified
        && protocol
            .envelope()
            .is_none_or(|e| e.not_modified.is_empty())
    {
        cx.error(Code::Invalid, file, item.name.pos, format!("operation `{}` may answer \"not modified\" but the protocol has no `not_modified` status", item.name.value))
            .help("list the status under the envelope's `not_modified:`");
    }
    if let Some(group) = op
        .response
        .exactly_one_of
        .iter()
        .chain(&op.response.at_least_one_of)
        .next()
    {
        cx.error(
            Code::Invalid,
            file,
            group.pos,
            "field groups apply to requests and types, not to a response body",
        )
        .help("declare the payload as a type under `types:` and put the group there");
    }
    let request_groups = crate::resolve::groups(
        cx,
        file,
        &op.request.exactly_one_of,
        &op.request.at_least_one_of,
        req_fields,
    );
    ir::Operation {
        request_groups,
        name: item.name.value.clone(),
        file: crate::resolve::stem(file),
        wire: op.wire.value.clone(),
        wire_aliases: op.wire_aliases.iter().map(|w| w.value.clone()).collect(),
        http,
        doc: opt_text(&op.doc),
        doc_original: opt_text(&op.doc_original),
        section: opt_text(&op.section),
        since: opt_text(&op.since),
        until,
        deprecated,
        line: item.name.pos.line,
        request,
        response,
        errors: opt_text(&op.errors),
        idempotency: op.idempotency.as_ref().map(|i| ir::Idempotency {
            field: i.field.value.clone(),
            mint: i.mint.value,
            dedup: i.dedup,
        }),
        safe_to_retry: op.safe_to_retry,
        fiscal: op.fiscal,
        recovery: op.recovery.as_ref().and_then(|r| recovery(&r.value)),
        unrecoverable: opt_text(&op.unrecoverable),
        not_modified: op.not_modified,
        servers: op.servers.iter().map(|s| s.value.clone()).collect(),
        // Checked and filled in against the finished IR (resolve_paging).
        pagination: None,
        variant_of: None,
        // Checked and filled in against the finished IR (resolve/polling).
        polling: None,
        reply,
        content_type,
        rpc_by_position: op
            .params
            .as_ref()
            .map(|p| p.value == model::ParamStyle::ByPosition),
        errata: errata_of(&op.errata),
        examples: Vec::new(),
    }
}

/// Two operations with one wire name (or alias) cannot be told apart.
pub(crate) fn wire_duplicates(cx: &mut Cx<'_>, items: &[Item<'_, model::Operation>]) {
    let mut seen: HashMap<&str, (&Path, Pos, &str)> = HashMap::new();
    for item in items {
        for wire in std::iter::once(&item.value.wire).chain(&item.value.wire_aliases) {
            if let Some((file, pos, other)) = seen.get(wire.value.as_str()) {
                let (file, pos, other) = (file.to_path_buf(), *pos, other.to_string());
                cx.error(
                    Code::Duplicate,
                    item.file,
                    wire.pos,
                    format!(
                        "wire name `{}` is also used by operation `{other}`",
                        wire.value
                    ),
                )
                .note(&file, pos, "first used here")
                .help("each operation needs its own wire name");
            } else {
                seen.insert(&wire.value, (item.file, wire.pos, &item.name.value));
            }
        }
    }
}

/// The recovery as the IR holds it; `None` when its test is malformed
/// (`resolve_outcomes` reports that).
fn recovery(r: &model::Recovery) -> Option<ir::Recovery> {
    let w = &r.exists_when.value;
    let values = |v: &Vec<Spanned<Value>>| v.iter().map(|x| x.value.clone()).collect();
    let test = match (&w.equals, &w.differs_from, &w.is_in, &w.not_in) {
        (Some(s), None, None, None) => ir::Test::Equals(s.value.clone()),
        (None, Some(s), None, None) => ir::Test::DiffersFrom(s.value.clone()),
        (None, None, Some(v), None) => ir::Test::In(values(v)),
        (None, None, None, Some(v)) => ir::Test::NotIn(values(v)),
        _ => return None,
    };
    Some(ir::Recovery {
        operation: r.operation.value.clone(),
        request: r
            .request
            .iter()
            .map(|(k, v)| (k.value.clone(), v.value.clone()))
            .collect(),
        field: w.field.value.clone(),
        test,
        doc: opt_text(&r.doc),
    })
}

/// Resolves the login operations of a scheme: each must exist, none twice.
fn login_refs(
    cx: &mut Cx<'_>,
    file: &Path,
    logins: &Spanned<model::Logins>,
    ops: &BTreeSet<String>,
) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for op in logins.ops() {
        op_ref(cx, file, &op, ops);
        if names.contains(&op.value) {
            cx.error(
                Code::Duplicate,
                file,
                op.pos,
                format!("login operation `{}` is listed twice", op.value),
            )
            .width(op.value.chars().count())
            .help("list each login operation once");
        }
        names.push(op.value.clone());
    }
    names
}

/// What makes `path` more than a URL path: a query, a fragment or a space.
/// Each request's URL is the server's with this path set, which would
/// escape such characters rather than read them.
fn not_a_plain_path(path: &str) -> Option<&'static str> {
    if path.contains('?') {
        Some("a query (`?`)")
    } else if path.contains('#') {
        Some("a fragment (`#`)")
    } else if path.contains(char::is_whitespace) {
        Some("a space")
    } else {
        None
    }
}
