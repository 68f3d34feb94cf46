//! `also_in`: a field the vendor's documentation shows in two places,
//! inside the parameter (or payload) object and beside it in the envelope.
//! Only an envelope that keeps the two apart has a second place.

use std::path::Path;

use super::{Cx, Item};
use crate::diag::Code;
use crate::ir;
use crate::read::model::{self, NamedMap, Placement, Spanned};

/// Which object a field belongs to, for the rules and the messages.
#[derive(Clone, Copy)]
enum Owner<'a> {
    Request(&'a str),
    Response(&'a str),
    Type(&'a str),
}

/// Checks every `also_in` of the spec's types and operations.
pub(crate) fn check(
    cx: &mut Cx<'_>,
    protocol: &ir::Protocol,
    types: &[Item<'_, model::TypeDef>],
    operations: &[Item<'_, model::Operation>],
) {
    for item in types {
        if let Some(map) = &item.value.value.fields {
            fields(cx, item.file, protocol, map, Owner::Type(&item.name.value));
        }
    }
    for item in operations {
        let op = &item.value.value;
        let name = &item.name.value;
        if let Some(map) = &op.request.value.fields {
            fields(cx, item.file, protocol, map, Owner::Request(name));
        }
        if let Some(map) = &op.response.value.fields {
            fields(cx, item.file, protocol, map, Owner::Response(name));
        }
    }
}

fn fields(
    cx: &mut Cx<'_>,
    file: &Path,
    protocol: &ir::Protocol,
    map: &NamedMap<Spanned<model::Field>>,
    owner: Owner<'_>,
) {
    for (name, field) in map.iter() {
        let Some(also) = &field.value.0.also_in else {
            continue;
        };
        let placement = field
            .value
            .0
            .placement
            .as_ref()
            .map_or(Placement::Params, |p| p.value);
        let word = word(also.value);
        let problem = match (also.value, owner) {
            (Placement::Path | Placement::Query | Placement::Header, _) => Some((
                format!("`also_in: {word}` on `{}`", name.value),
                "a field is accepted in a second place only inside the parameter object \
                 (`params`) or beside it (`envelope`)"
                    .to_owned(),
            )),
            (Placement::Params, Owner::Type(_) | Owner::Response(_)) => Some((
                format!("`also_in: params` on the reply field `{}`", name.value),
                "a reply field's own place is the payload; its second place can only be \
                 `envelope` (beside the payload)"
                    .to_owned(),
            )),
            (_, Owner::Type(_)) if !field.value.0.optional => Some((
                format!("`{}` has a second place but is required", name.value),
                "a type's schema is shared by every place it appears and cannot require a field \
                 that may arrive beside the payload; add `optional: true`"
                    .to_owned(),
            )),
            (p, Owner::Request(_)) if p == placement => Some((
                format!("`{}` already travels in `{word}`", name.value),
                "name the other place: `params` for a field placed in the envelope, \
                 `envelope` for one inside the parameters"
                    .to_owned(),
            )),
            _ => None,
        }
        .or_else(|| {
            let (has_second, what) = match owner {
                Owner::Request(_) => (
                    matches!(
                        protocol,
                        ir::Protocol::JsonEnvelope {
                            params_field: Some(_),
                            ..
                        }
                    ),
                    "a parameter object in an envelope (`json_envelope` with `params_field`)",
                ),
                Owner::Response(_) | Owner::Type(_) => (
                    protocol.envelope().is_some_and(|e| e.data_field.is_some()),
                    "a payload member in an envelope (`data_field`)",
                ),
            };
            (!has_second).then(|| {
                (
                    format!(
                        "`also_in` on `{}`, but the protocol has only one place for it",
                        name.value
                    ),
                    format!("a second place needs {what}; remove `also_in`"),
                )
            })
        });
        if let Some((message, help)) = problem {
            let owner = match owner {
                Owner::Request(op) => format!("in the request of `{op}`"),
                Owner::Response(op) => format!("in the response of `{op}`"),
                Owner::Type(t) => format!("in type `{t}`"),
            };
            cx.error(Code::Invalid, file, also.pos, message)
                .width(word.len())
                .label(owner)
                .help(help);
        }
    }
}

fn word(p: Placement) -> &'static str {
    match p {
        Placement::Params => "params",
        Placement::Envelope => "envelope",
        Placement::Path => "path",
        Placement::Query => "query",
        Placement::Header => "header",
    }
}
