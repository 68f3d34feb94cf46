//! `#[derive(Operation)]`: a request type, its response, its errors and how it travels.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::attr::{Attrs, Errors};
use crate::util;

const KEYS: &[&str] = &[
    "wire",
    "response",
    "error",
    "name",
    "http",
    "wire_aliases",
    "idempotency",
    "mint",
    "dedup",
    "safe_to_retry",
    "fiscal",
    "recovery",
    "not_modified",
    "servers",
    "params",
    "reply",
    "content_type",
    "reply_beside",
    "since",
    "until",
];
const REPLIES: &[(&str, &str)] = &[
    ("json", "Json"),
    ("json_or_empty", "JsonOrEmpty"),
    ("text", "Text"),
    ("binary", "Binary"),
    ("empty", "Empty"),
];
const RPC_PARAMS: &[(&str, &str)] = &[("by_name", "ByName"), ("by_position", "ByPosition")];
const PLACEMENTS: &[(&str, &str)] = &[
    ("params", "Params"),
    ("envelope", "Envelope"),
    ("path", "Path"),
    ("query", "Query"),
    ("header", "Header"),
];
const STYLES: &[(&str, &str)] = &[
    ("repeated", "Repeated"),
    ("comma", "Comma"),
    ("brackets", "Brackets"),
];
const METHODS: &[(&str, &str)] = &[
    ("GET", "Get"),
    ("POST", "Post"),
    ("PUT", "Put"),
    ("PATCH", "Patch"),
    ("DELETE", "Delete"),
];

/// A named request field as the derive sees it.
struct ReqField {
    ident: syn::Ident,
    wire: String,
    /// `placement = "..."`: its `Placement` variant and the literal.
    placement: Option<(&'static str, LitStr)>,
    /// `style = "..."` of a list in the query: its `ListStyle` variant.
    style: Option<(&'static str, LitStr)>,
    /// `since = "..."`: the vendor revision that introduced it.
    since: Option<LitStr>,
    /// `until = "..."`: the vendor revision that removed it.
    until: Option<LitStr>,
    /// Its serde attributes leave its value serialized as it is (a rename,
    /// a default): the path can be written from it directly.
    plain: bool,
}

/// Field attributes of serde that do not change how a value serializes.
const PLAIN_FIELD: &[&str] = &["rename", "alias", "default", "deserialize_with"];
/// Container attributes of serde that do not change how fields serialize.
const PLAIN_CONTAINER: &[&str] = &[
    "crate",
    "rename",
    "rename_all",
    "deny_unknown_fields",
    "default",
    "bound",
    "expecting",
];

pub fn expand(input: &DeriveInput) -> syn::Result<TokenStream> {
    let ident = &input.ident;
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            ident.span(),
            format!(
                "#[derive(Operation)] works on structs only\n  = help: a request is a struct: `struct {ident} {{ ... }}`"
            ),
        ));
    };
    let mut errors = Errors::default();
    let attrs = Attrs::parse(&input.attrs, &mut errors);
    // Field groups belong to #[derive(Validate)].
    attrs.check_keys(KEYS, crate::attr::REPEATABLE, &mut errors);
    let fields = request_fields(&data.fields, &input.attrs, &mut errors);

    let wire = attrs.string("wire", &mut errors);
    let response = attrs.ty("response", &mut errors);
    let error = attrs.ty("error", &mut errors);
    for (key, help) in [
        (
            "wire",
            "add #[kassa(wire = \"...\")] with the operation's name on the wire",
        ),
        (
            "response",
            "add #[kassa(response = T)] with the type of its reply",
        ),
        (
            "error",
            "add #[kassa(error = E)] with the vendor's error table",
        ),
    ] {
        if attrs.get(key).is_none() && !attrs.misspelt(key, KEYS) {
            errors.help(
                ident.span(),
                format!("operation `{ident}` has no `{key}`"),
                help,
            );
        }
    }
    let name = attrs
        .string("name", &mut errors)
        .map_or_else(|| util::snake_case(&ident.to_string()), |s| s.value());
    let aliases = attrs
        .strings("wire_aliases", &mut errors)
        .unwrap_or_default();
    let http = attrs
        .string("http", &mut errors)
        .and_then(|lit| http(&lit, &fields, &mut errors));
    if http.is_none() && attrs.get("http").is_none() {
        for f in &fields {
            if let Some(("Path", lit)) = &f.placement {
                errors.help(
                    lit.span(),
                    format!("field `{}` has placement \"path\", but the operation has no http path", f.ident),
                    "add #[kassa(http = \"METHOD /path/{...}\")] to the struct, or choose another placement",
                );
            }
        }
    }
    let idempotency = idempotency(&attrs, &fields, &mut errors);
    let safe_to_retry = attrs.flag("safe_to_retry", &mut errors).is_some();
    let fiscal = attrs.flag("fiscal", &mut errors).is_some();
    let recovery = match attrs.ty("recovery", &mut errors) {
        Some(path) => quote_spanned!(path.span()=> ::core::option::Option::Some(&#path)),
        None => quote!(::core::option::Option::None),
    };
    let not_modified = attrs.flag("not_modified", &mut errors).is_some();
    let servers = attrs.strings("servers", &mut errors).unwrap_or_default();
    let rpc_params = attrs
        .string("params", &mut errors)
        .and_then(|lit| word(&lit, RPC_PARAMS, "params style", &mut errors))
        .map(|(variant, lit)| syn::Ident::new(variant, lit.span()));
    let reply = attrs
        .string("reply", &mut errors)
        .and_then(|lit| word(&lit, REPLIES, "reply", &mut errors))
        .map(|(variant, lit)| syn::Ident::new(variant, lit.span()));
    let revision = |key: &str, errors: &mut Errors| match attrs.string(key, errors) {
        Some(lit) => quote!(::core::option::Option::Some(#lit)),
        None => quote!(::core::option::Option::None),
    };
    let since = revision("since", &mut errors);
    let until = revision("until", &mut errors);
    let reply_beside = attrs
        .strings("reply_beside", &mut errors)
        .unwrap_or_default();
    let content_type = match attrs.string("content_type", &mut errors) {
        Some(lit) => quote!(::core::option::Option::Some(#lit)),
        None => quote!(::core::option::Option::None),
    };
    errors.finish()?;
    let (Some(wire), Some(response), Some(error)) = (wire, response, error) else {
        return Ok(TokenStream::new());
    };

    let direct_path = direct_path(http.as_ref(), &fields, &data.fields, &input.attrs);
    let http = match http {
        Some((method, path)) => {
            let method = syn::Ident::new(method, Span::call_site());
            quote!(::core::option::Option::Some((::kassa::Method::#method, #path)))
        }
        None => quote!(::core::option::Option::None),
    };
    let placed = fields.iter().filter_map(|f| match &f.placement {
        Some((variant, lit)) if *variant != "Params" => {
            let wire = &f.wire;
            let variant = syn::Ident::new(variant, lit.span());
            Some(quote!((#wire, ::kassa::Placement::#variant)))
        }
        _ => None,
    });
    let lists = fields.iter().filter_map(|f| {
        let (variant, lit) = f.style.as_ref()?;
        let wire = &f.wire;
        let variant = syn::Ident::new(variant, lit.span());
        Some(quote!((#wire, ::kassa::ListStyle::#variant)))
    });
    let field_since = fields.iter().filter_map(|f| {
        let since = f.since.as_ref()?;
        let wire = &f.wire;
        Some(quote!((#wire, #since)))
    });
    let field_until = fields.iter().filter_map(|f| {
        let until = f.until.as_ref()?;
        let wire = &f.wire;
        Some(quote!((#wire, #until)))
    });
    let reply = reply.unwrap_or_else(|| syn::Ident::new("Json", Span::call_site()));
    let rpc_params = match rpc_params {
        Some(variant) => quote!(::core::option::Option::Some(::kassa::RpcParams::#variant)),
        None => quote!(::core::option::Option::None),
    };
    // The parameters in declaration order: the positions of a JSON-RPC call.
    let params = fields.iter().filter_map(|f| match &f.placement {
        None | Some(("Params", _)) => Some(&f.wire),
        Some(_) => None,
    });
    let idempotency = match idempotency {
        Some((field, mint, dedup)) => {
            let mint = syn::Ident::new(mint, Span::call_site());
            let dedup = syn::Ident::new(dedup, Span::call_site());
            quote!(::core::option::Option::Some(::kassa::Idempotency {
                field: #field,
                mint: ::kassa::Mint::#mint,
                dedup: ::kassa::Dedup::#dedup,
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let response = quote_spanned!(response.span()=> #response);
    // Fields beside the payload are set on it through its `Beside` impl.
    let set_beside = if reply_beside.is_empty() {
        quote!(::core::option::Option::None)
    } else {
        quote_spanned!(response.span()=>
            ::core::option::Option::Some(::kassa::codec::SetBeside::of::<#response>()))
    };
    let error = quote_spanned!(error.span()=> #error);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        #[automatically_derived]
        impl #impl_generics ::kassa::Operation for #ident #ty_generics #where_clause {
            type Response = #response;
            type Error = #error;
            const INFO: ::kassa::OperationInfo = ::kassa::OperationInfo {
                name: #name,
                wire: #wire,
                wire_aliases: &[#(#aliases),*],
                http: #http,
                placement: &[#(#placed),*],
                lists: &[#(#lists),*],
                params: &[#(#params),*],
                rpc_params: #rpc_params,
                reply: ::kassa::ReplyKind::#reply,
                content_type: #content_type,
                servers: &[#(#servers),*],
                idempotency: #idempotency,
                safe_to_retry: #safe_to_retry,
                fiscal: #fiscal,
                recovery: #recovery,
                not_modified: #not_modified,
                reply_beside: &[#(#reply_beside),*],
                set_beside: #set_beside,
                since: #since,
                field_since: &[#(#field_since),*],
                until: #until,
                field_until: &[#(#field_until),*],
            };
            #direct_path
        }
    })
}

/// `Operation::direct_path` for a REST read whose fields all travel in its
/// path, plain: the template's text with each field written in its place.
/// Nothing for any other request (the trait's default leaves it to the
/// general encoding).
fn direct_path(
    http: Option<&(&'static str, String)>,
    fields: &[ReqField],
    all: &Fields,
    container: &[syn::Attribute],
) -> TokenStream {
    let Some((method @ ("Get" | "Delete"), template)) = http else {
        return TokenStream::new();
    };
    let named = matches!(all, Fields::Named(_) | Fields::Unit);
    let placed = fields
        .iter()
        .all(|f| f.plain && matches!(f.placement, Some(("Path", _))));
    if !named || !placed || !util::serde_only(container, PLAIN_CONTAINER) {
        return TokenStream::new();
    }
    let mut steps = Vec::new();
    let mut rest = template.as_str();
    // `http` checked the braces and that each name is a path field.
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').unwrap_or(0);
        let text = &rest[..open];
        let name = &rest[open + 1..close];
        let Some(field) = fields.iter().find(|f| f.wire == name) else {
            return TokenStream::new();
        };
        let ident = &field.ident;
        steps.push(quote! {
            path.push_str(#text);
            if !::kassa::codec::push_segment(&mut path, &self.#ident) {
                return ::core::option::Option::None;
            }
        });
        rest = &rest[close + 1..];
    }
    let room = template.len() + 16 * steps.len();
    let doc = format!(
        "`{} {template}` with the fields in their places.",
        method.to_uppercase()
    );
    quote! {
        #[doc = #doc]
        fn direct_path(&self) -> ::core::option::Option<::std::string::String> {
            let mut path = ::std::string::String::with_capacity(#room);
            #(#steps)*
            path.push_str(#rest);
            ::core::option::Option::Some(path)
        }
    }
}

/// The entry of `table` (word, variant) that `lit` names, or an error that
/// lists the words.
fn word(
    lit: &LitStr,
    table: &[(&str, &'static str)],
    what: &str,
    errors: &mut Errors,
) -> Option<(&'static str, LitStr)> {
    let value = lit.value();
    match table.iter().find(|(name, _)| *name == value) {
        Some((_, variant)) => Some((*variant, lit.clone())),
        None => {
            let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            errors.help(
                lit.span(),
                format!("unknown {what} \"{value}\""),
                format!("expected one of: {}", names.join(", ")),
            );
            None
        }
    }
}

/// The named fields with their wire names and placements. Field keys other
/// than `placement` belong to `#[derive(Validate)]`, which reports them.
fn request_fields(
    fields: &Fields,
    container: &[syn::Attribute],
    errors: &mut Errors,
) -> Vec<ReqField> {
    let rename_all = util::serde_rename_all(container);
    let mut out = Vec::new();
    for field in fields {
        let attrs = Attrs::parse(&field.attrs, &mut Errors::default());
        let placement = attrs
            .string("placement", errors)
            .and_then(|lit| word(&lit, PLACEMENTS, "placement", errors));
        let style = attrs.string("style", errors).and_then(|lit| {
            if !matches!(placement, Some(("Query", _))) {
                errors.help(
                    lit.span(),
                    "`style` on a field not in the query",
                    "a list style says how a list travels in the query; add placement = \"query\"",
                );
                return None;
            }
            word(&lit, STYLES, "list style", errors)
        });
        match &field.ident {
            Some(ident) => out.push(ReqField {
                ident: ident.clone(),
                wire: util::wire_name(field, rename_all.as_deref()),
                placement,
                style,
                since: attrs.string("since", errors),
                until: attrs.string("until", errors),
                plain: util::serde_only(&field.attrs, PLAIN_FIELD),
            }),
            None => {
                if let Some((_, lit)) = placement {
                    errors.help(
                        lit.span(),
                        "placement on a tuple field",
                        "a newtype request travels as one value; use named fields to place them",
                    );
                }
            }
        }
    }
    out
}

/// `http = "POST /shifts/{IdKkm}"`: the method's `Method` variant and the path.
fn http(lit: &LitStr, fields: &[ReqField], errors: &mut Errors) -> Option<(&'static str, String)> {
    let text = lit.value();
    let span = lit.span();
    let words: Vec<&str> = text.split_whitespace().collect();
    let [method, path] = words[..] else {
        errors.help(
            span,
            format!("`http = \"{text}\"` is not `METHOD /path`"),
            "write e.g. `http = \"POST /shifts/{IdKkm}\"`",
        );
        return None;
    };
    let Some((_, variant)) = METHODS.iter().find(|(m, _)| *m == method) else {
        let names: Vec<&str> = METHODS.iter().map(|(m, _)| *m).collect();
        errors.help(
            span,
            format!("unknown HTTP method `{method}`"),
            format!("expected one of: {}", names.join(", ")),
        );
        return None;
    };
    if !path.starts_with('/') {
        errors.help(
            span,
            format!("the http path `{path}` does not start with `/`"),
            format!("write `http = \"{method} /{path}\"`"),
        );
        return None;
    }
    let mut params = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        let after = &rest[open + 1..];
        match (rest.as_bytes()[open], after.find(['{', '}'])) {
            (b'{', Some(close)) if after.as_bytes()[close] == b'}' && close > 0 => {
                params.push(&after[..close]);
                rest = &after[close + 1..];
            }
            _ => {
                errors.help(
                    span,
                    format!("unbalanced braces in the http path `{path}`"),
                    "path parameters look like `{IdKkm}`",
                );
                return None;
            }
        }
    }
    let mut ok = true;
    for param in &params {
        match fields.iter().find(|f| f.wire == *param) {
            None => {
                ok = false;
                errors.help(
                    span,
                    format!("`{{{param}}}` in the http path has no field"),
                    format!(
                        "add a field with wire name `{param}` and #[kassa(placement = \"path\")]"
                    ),
                );
            }
            Some(f) if !matches!(f.placement, Some(("Path", _))) => {
                ok = false;
                errors.help(
                    f.placement
                        .as_ref()
                        .map_or(f.ident.span(), |(_, lit)| lit.span()),
                    format!(
                        "field `{}` fills `{{{param}}}` in the http path but is not placed there",
                        f.ident
                    ),
                    format!("add #[kassa(placement = \"path\")] to `{}`", f.ident),
                );
            }
            Some(_) => {}
        }
    }
    for f in fields {
        if let Some(("Path", placement)) = &f.placement
            && !params.contains(&f.wire.as_str())
        {
            ok = false;
            errors.help(
                placement.span(),
                format!(
                    "field `{}` has placement \"path\", but the http path `{path}` has no `{{{}}}`",
                    f.ident, f.wire
                ),
                format!(
                    "add `{{{}}}` to the path, or choose another placement",
                    f.wire
                ),
            );
        }
    }
    ok.then(|| (*variant, path.to_owned()))
}

/// `idempotency = "documentUUID"`, `mint = "uuid_v4" | "caller"` (default `caller`)
/// and `dedup = "replay" | "reject" | "none"` (default `none`).
fn idempotency(
    attrs: &Attrs,
    fields: &[ReqField],
    errors: &mut Errors,
) -> Option<(String, &'static str, &'static str)> {
    let dedup = attrs
        .string("dedup", errors)
        .and_then(|lit| match lit.value().as_str() {
            "replay" => Some("Replays"),
            "reject" => Some("Rejects"),
            "none" => Some("NotChecked"),
            other => {
                errors.help(
                    lit.span(),
                    format!("unknown dedup \"{other}\""),
                    "expected one of: replay, reject, none",
                );
                None
            }
        });
    let mint = attrs
        .string("mint", errors)
        .and_then(|lit| match lit.value().as_str() {
            "uuid_v4" => Some("UuidV4"),
            "caller" => Some("Caller"),
            other => {
                errors.help(
                    lit.span(),
                    format!("unknown mint \"{other}\""),
                    "expected one of: uuid_v4, caller",
                );
                None
            }
        });
    let Some(field) = attrs.string("idempotency", errors) else {
        for key in ["mint", "dedup"] {
            if let Some(entry) = attrs.get(key)
                && attrs.get("idempotency").is_none()
            {
                errors.help(
                    entry.span(),
                    format!("`{key}` without `idempotency`"),
                    format!("name the idempotency key field: #[kassa(idempotency = \"<wire name>\", {key} = ...)]"),
                );
            }
        }
        return None;
    };
    let wire = field.value();
    if !fields.iter().any(|f| f.wire == wire) {
        let names: Vec<String> = fields.iter().map(|f| format!("\"{}\"", f.wire)).collect();
        let help = if names.is_empty() {
            "the request has no named fields".to_owned()
        } else {
            format!("fields by wire name: {}", names.join(", "))
        };
        errors.help(
            field.span(),
            format!("`idempotency` names `{wire}`, which is not a field of the request"),
            help,
        );
        return None;
    }
    Some((
        wire,
        mint.unwrap_or("Caller"),
        dedup.unwrap_or("NotChecked"),
    ))
}
