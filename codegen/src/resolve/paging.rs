//! `pagination:` of an operation, checked against its finished request and
//! response: the fields it names exist and have the kinds paging needs.

use std::path::Path;

use crate::diag::{Code, did_you_mean};
use crate::ir::{self, Field, PageBy, Scalar, Ty};
use crate::read::model::{self, Spanned};
use crate::resolve::Cx;

/// The IR of `paging`, or `None` (with diagnostics) where it does not fit
/// the operation.
pub(crate) fn pagination(
    cx: &mut Cx<'_>,
    file: &Path,
    paging: &Spanned<model::Pagination>,
    op: &ir::Operation,
    spec: &ir::Spec,
) -> Option<ir::Pagination> {
    let p = &paging.value;
    if let ir::Body::Type(ty) = &op.request {
        // The pager sets the offset, page or cursor on the request struct,
        // which a request given as a whole type only wraps.
        cx.error(
            Code::WrongKind,
            file,
            paging.pos,
            format!(
                "the request of paged `{}` is a whole type; the pager needs its fields",
                op.name
            ),
        )
        .help(match ty {
            ir::Ty::Type(name) => format!(
                "write the request as `like: {name}` (its fields, plus any of the operation's own)"
            ),
            _ => "declare the request's `fields:`".to_owned(),
        });
        return None;
    }
    let request = spec.body_fields(&op.request).unwrap_or_default();
    let response = spec.body_fields(&op.response).unwrap_or_default();
    let given = [p.offset.is_some(), p.page.is_some(), p.cursor.is_some()];
    if given.iter().filter(|g| **g).count() != 1 {
        cx.error(
            Code::Invalid,
            file,
            paging.pos,
            format!("the pagination of `{}` must name exactly one of `offset`, `page` or `cursor`", op.name),
        )
        .help("`offset:` names the request field of items to skip, `page:` the page number, `cursor:` (with `next:`) where the page starts");
        return None;
    }
    let check = |cx: &mut Cx<'_>, fields, name, side, kind| {
        find(cx, file, &op.name, fields, name, side, kind)
    };
    let by = if let Some(offset) = &p.offset {
        check(cx, request, offset, "request", Kind::Integer).map(|f| PageBy::Offset(f.wire.clone()))
    } else if let Some(page) = &p.page {
        check(cx, request, page, "request", Kind::Integer).map(|f| PageBy::Page {
            field: f.wire.clone(),
            first: p.first_page.as_ref().map_or(1, |n| n.value),
        })
    } else {
        let cursor = p.cursor.as_ref()?;
        let request_field = check(cx, request, cursor, "request", Kind::Text);
        let next = match &p.next {
            Some(next) => check(cx, response, next, "response", Kind::Text),
            None => {
                cx.error(
                    Code::Invalid,
                    file,
                    cursor.pos,
                    "a `cursor` needs `next`, the response field with the next page's cursor",
                )
                .width(cursor.value.chars().count())
                .help("add `next: <response field>`");
                None
            }
        };
        match (request_field, next) {
            (Some(r), Some(n)) => Some(PageBy::Cursor {
                request: r.wire.clone(),
                next: n.wire.clone(),
            }),
            _ => None,
        }
    };
    // `Some(None)`: named, but wrong.
    let limit = p.limit.as_ref().map(|l| {
        check(cx, request, l, "request", Kind::Integer).map(|f| {
            (
                f.wire.clone(),
                f.default.as_ref().and_then(serde_json::Value::as_u64),
            )
        })
    });
    let total = p
        .total
        .as_ref()
        .map(|t| check(cx, response, t, "response", Kind::Integer).map(|f| f.wire.clone()));
    let items = check(cx, response, &p.items, "response", Kind::Array);
    let (Some(by), Some(items)) = (by, items) else {
        return None;
    };
    let (Some(limit), Some(total)) = (
        limit.map_or(Some(None), |l| l.map(Some)),
        total.map_or(Some(None), |t| t.map(Some)),
    ) else {
        return None;
    };
    let Ty::Array(item) = &items.ty else {
        return None;
    };
    Some(ir::Pagination {
        by,
        limit,
        items: items.wire.clone(),
        item: (**item).clone(),
        total,
    })
}

/// The field `name` of `fields`, where it exists and is of `kind`.
fn find<'f>(
    cx: &mut Cx<'_>,
    file: &Path,
    op: &str,
    fields: &'f [Field],
    name: &Spanned<String>,
    side: &str,
    kind: Kind,
) -> Option<&'f Field> {
    let Some(field) = fields.iter().find(|f| f.wire == name.value) else {
        let help = did_you_mean(&name.value, fields.iter().map(|f| f.wire.as_str()))
            .unwrap_or_else(|| format!("name a field of the {side} by its wire name"));
        cx.error(
            Code::Undefined,
            file,
            name.pos,
            format!("`{}` is not a field of `{op}`'s {side}", name.value),
        )
        .width(name.value.chars().count())
        .help(help);
        return None;
    };
    if !kind.fits(field) {
        cx.error(
            Code::WrongKind,
            file,
            name.pos,
            format!("`{}` is not {}", name.value, kind.what()),
        )
        .width(name.value.chars().count())
        .help(format!("paging needs {} here", kind.what()));
        return None;
    }
    Some(field)
}

#[derive(Clone, Copy)]
enum Kind {
    Integer,
    Text,
    Array,
}

impl Kind {
    fn fits(self, field: &Field) -> bool {
        match (self, &field.ty) {
            // A plain count: a field with a unit is money or a quantity.
            (Kind::Integer, Ty::Scalar(s)) => s.is_plain_integer() && field.unit.is_none(),
            (Kind::Text, Ty::Scalar(s)) => matches!(s, Scalar::String),
            (Kind::Array, Ty::Array(_)) => true,
            _ => false,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Integer => "an integer field",
            Kind::Text => "a string field",
            Kind::Array => "an array field",
        }
    }
}
