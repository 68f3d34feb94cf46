//! Operations, the vendor description, the operation table and the client.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::docs::{Doc, escape};
use super::fields::{beside_impl, field, ident, rust_type};
use super::items::{Shape, struct_derives};
use super::names::Names;
use crate::ir::{self, Auth, Body, Envelope, Mint, Operation, Protocol, Spec, Test};
use crate::read::model::SignatureEncoding;

/// The error table of an operation: its own, or the protocol's.
fn error_table(spec: &Spec, op: &Operation) -> String {
    op.errors
        .clone()
        .or_else(|| spec.protocol.error_table().map(str::to_owned))
        .unwrap_or_default()
}

fn response_type(op: &Operation, names: &Names) -> TokenStream {
    let ty = payload_type(op, names);
    if op.reply == ir::Reply::JsonOrEmpty {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

fn payload_type(op: &Operation, names: &Names) -> TokenStream {
    match &op.response {
        Body::Empty => quote!(::kassa::Empty),
        Body::Fields(_) => {
            let id = ident(&names.response[&op.name]);
            quote!(#id)
        }
        Body::Type(ty) => rust_type(ty, None, names),
        Body::Unknown => quote!(::kassa::Json),
    }
}

fn op_doc(op: &Operation) -> Doc {
    let mut doc = Doc::new(op.doc.as_deref(), &format!("`{}`.", op.wire));
    doc.original(op.doc_original.as_deref(), op.doc.as_deref());
    let mut facts = vec![match &op.http {
        Some((method, path)) => format!("`{method} {path}`"),
        None => format!("Wire name `{}`", op.wire),
    }];
    if let Some(section) = &op.section {
        facts.push(format!("documented in “{}”", escape(section)));
    }
    if let Some(base) = &op.variant_of {
        facts.push(format!("a form of `{base}` with its own required fields"));
    }
    if op.safe_to_retry {
        facts.push("safe to retry".to_owned());
    }
    if let Some(since) = &op.since {
        facts.push(format!("since revision {since}"));
    }
    doc.facts(&facts);
    doc.retired(op.until.as_deref(), op.deprecated.as_ref());
    if let Some(text) = retry_doc(op) {
        doc.raw(&text);
    }
    for e in &op.errata {
        doc.raw(&format!(
            "Erratum ({}): {}",
            escape(&e.section),
            escape(&e.doc)
        ));
    }
    doc
}

/// What the client does when the outcome of a call is unknown, in plain words.
fn retry_doc(op: &Operation) -> Option<String> {
    let keyed = op
        .idempotency
        .as_ref()
        .filter(|i| i.dedup != crate::ir::Dedup::None);
    let what = if op.fiscal {
        "Creates a fiscal document."
    } else {
        "Changes the vendor's state."
    };
    match keyed {
        Some(idem) => Some(format!(
            "{what} When the outcome of a call is unknown, the client sends it again under the same \
             `{}`, which the vendor deduplicates: the result is the one document, marked \
             [`Reply::replayed`](::kassa::Reply::replayed) when the vendor answers with the earlier \
             result.",
            idem.field
        )),
        None if op.fiscal => Some(match &op.recovery {
            Some(r) => format!(
                "{what} When the outcome of a call is unknown (a lost answer, a server error), the \
                 client calls `{}` to learn whether the document exists: it ends in \
                 `Error::DocumentExists` if so, and sends the request again if not.",
                r.operation
            ),
            None => format!(
                "{what} It is never sent twice: when the outcome of a call is unknown (a lost \
                 answer, a server error), the call ends in `Error::OutcomeUnknown`; find out \
                 whether the document exists before sending it again.{}",
                op.unrecoverable
                    .as_deref()
                    .map(|u| format!(" No recovery: {}", escape(u)))
                    .unwrap_or_default()
            ),
        }),
        None => None,
    }
}

/// The request struct (with its `Operation` derive) and the response struct.
pub fn operation(spec: &Spec, op: &Operation, names: &Names) -> TokenStream {
    let name = ident(&names.request[&op.name]);
    let doc = op_doc(op).tokens();
    let response = response_type(op, names);
    let error = ident(&error_table(spec, op));
    let rust_name = &op.name;
    let wire = &op.wire;
    let mut attrs = vec![quote!(name = #rust_name), quote!(wire = #wire)];
    if let Some((method, path)) = &op.http {
        let http = format!("{method} {path}");
        attrs.push(quote!(http = #http));
    }
    if !op.wire_aliases.is_empty() {
        let aliases = &op.wire_aliases;
        attrs.push(quote!(wire_aliases = [#(#aliases),*]));
    }
    attrs.push(quote!(response = #response));
    attrs.push(quote!(error = #error));
    if let Some(idem) = &op.idempotency {
        let field = &idem.field;
        let mint = match idem.mint {
            Mint::UuidV4 => "uuid_v4",
            Mint::Caller => "caller",
        };
        let dedup = idem.dedup.as_str();
        attrs.push(quote!(idempotency = #field, mint = #mint, dedup = #dedup));
    }
    if op.safe_to_retry {
        attrs.push(quote!(safe_to_retry));
    }
    if op.fiscal {
        attrs.push(quote!(fiscal));
    }
    if op.not_modified {
        attrs.push(quote!(not_modified));
    }
    if !op.servers.is_empty() {
        let servers = &op.servers;
        attrs.push(quote!(servers = [#(#servers),*]));
    }
    if op.reply != ir::Reply::Json {
        let reply = op.reply.word();
        attrs.push(quote!(reply = #reply));
    }
    if let Some(content_type) = &op.content_type {
        attrs.push(quote!(content_type = #content_type));
    }
    let beside: Vec<&str> = spec
        .reply_fields_beside(op)
        .iter()
        .map(|f| f.wire.as_str())
        .collect();
    if !beside.is_empty() {
        attrs.push(quote!(reply_beside = [#(#beside),*]));
    }
    if let Some(since) = &op.since {
        attrs.push(quote!(since = #since));
    }
    if let Some(until) = &op.until {
        attrs.push(quote!(until = #until));
    }
    if let Some(by_position) = op.rpc_by_position {
        let style = if by_position {
            "by_position"
        } else {
            "by_name"
        };
        attrs.push(quote!(params = #style));
    }
    attrs.extend(super::items::group_attrs(&op.request_groups).unwrap_or_default());
    let recovery = op.recovery.as_ref().map(|r| {
        let constant = ident(&format!("{}_RECOVERY", op.name.to_uppercase()));
        attrs.push(quote!(recovery = #constant));
        recovery_const(op, r, &constant, names)
    });
    let (derives, named) = (
        struct_derives(true, Shape::Other),
        struct_derives(true, Shape::Named),
    );
    let plain = struct_derives(false, Shape::Named);
    let idem = op.idempotency.as_ref();
    let request = match &op.request {
        Body::Empty => quote! {
            #doc
            #derives
            #[kassa(#(#attrs),*)]
            pub struct #name;
        },
        Body::Fields(fields) => {
            let fields = fields.iter().map(|f| field(f, names, idem));
            quote! {
                #doc
                #named
                #[kassa(#(#attrs),*)]
                pub struct #name {
                    #(#fields)*
                }
            }
        }
        Body::Type(ty) => {
            let ty = rust_type(ty, None, names);
            quote! {
                #doc
                #derives
                #[kassa(#(#attrs),*)]
                #[serde(transparent)]
                pub struct #name(pub #ty);
            }
        }
        Body::Unknown => quote! {
            #doc
            ///
            /// The documentation gives no shape for the parameters: any JSON.
            #derives
            #[kassa(#(#attrs),*)]
            #[serde(transparent)]
            pub struct #name(pub ::kassa::Json);
        },
    };
    let response_struct = match &op.response {
        Body::Fields(fields) => {
            let rname = ident(&names.response[&op.name]);
            let rdoc = format!(" Response of [`{}`].", names.request[&op.name]);
            let beside = beside_impl(&rname, fields);
            let fields = fields.iter().map(|f| field(f, names, None));
            quote! {
                #[doc = #rdoc]
                #plain
                pub struct #rname {
                    #(#fields)*
                }
                #beside
            }
        }
        _ => quote!(),
    };
    let paged = op
        .pagination
        .as_ref()
        .and_then(|p| paged(spec, op, p, names));
    quote! {
        #recovery
        #request
        #response_struct
        #paged
    }
}

/// `impl kassa::Paged` for a paged operation's request.
fn paged(spec: &Spec, op: &Operation, p: &ir::Pagination, names: &Names) -> Option<TokenStream> {
    let rust = |fields: &[ir::Field], wire: &str| -> Option<syn::Ident> {
        fields
            .iter()
            .find(|f| f.wire == wire)
            .map(|f| ident(&f.rust))
    };
    let request_fields = spec.body_fields(&op.request)?;
    let response_fields = spec.body_fields(&op.response)?;
    let name = ident(&names.request[&op.name]);
    let item = rust_type(&p.item, None, names);
    let items = rust(response_fields, &p.items)?;
    let total = match &p.total {
        Some(total) => {
            let total = rust(response_fields, total)?;
            quote!(::kassa::paging::PageNumber::get(&response.#total))
        }
        None => quote!(::core::option::Option::None),
    };
    let limit = match &p.limit {
        Some((field, default)) => {
            let field = rust(request_fields, field)?;
            let default = match default {
                Some(n) => quote!(.or(::core::option::Option::Some(#n))),
                None => quote!(),
            };
            quote!(::kassa::paging::PageNumber::get(&self.#field)#default)
        }
        None => quote!(::core::option::Option::None),
    };
    let got = quote!(::kassa::paging::PageItems::count(&response.#items) as u64);
    let body = match &p.by {
        ir::PageBy::Offset(field) => {
            let field = rust(request_fields, field)?;
            quote! {
                let got = #got;
                // Where the next page starts, counted from the list's start
                // whatever offset the first request had.
                let skip = ::kassa::paging::PageNumber::get(&self.#field).unwrap_or(0) + got;
                let _ = seen_before;
                if !::kassa::paging::more(got, skip, #total, #limit) {
                    return ::core::option::Option::None;
                }
                let mut next = ::core::clone::Clone::clone(self);
                ::kassa::paging::PageNumber::set(&mut next.#field, skip);
                ::core::option::Option::Some(next)
            }
        }
        ir::PageBy::Page { field, first } => {
            let field = rust(request_fields, field)?;
            quote! {
                let got = #got;
                if !::kassa::paging::more(got, seen_before + got, #total, #limit) {
                    return ::core::option::Option::None;
                }
                let page = ::kassa::paging::PageNumber::get(&self.#field).unwrap_or(#first);
                let mut next = ::core::clone::Clone::clone(self);
                ::kassa::paging::PageNumber::set(&mut next.#field, page + 1);
                ::core::option::Option::Some(next)
            }
        }
        ir::PageBy::Cursor { request, next } => {
            let request = rust(request_fields, request)?;
            let next = rust(response_fields, next)?;
            quote! {
                let _ = seen_before;
                let cursor = ::kassa::paging::PageCursor::get(&response.#next)?;
                if #got == 0 {
                    return ::core::option::Option::None;
                }
                let mut next = ::core::clone::Clone::clone(self);
                ::kassa::paging::PageCursor::set(&mut next.#request, cursor);
                ::core::option::Option::Some(next)
            }
        }
    };
    Some(quote! {
        impl ::kassa::Paged for #name {
            type Item = #item;

            fn next_page(&self, response: &Self::Response, seen_before: u64) -> ::core::option::Option<Self> {
                #body
            }

            fn into_items(response: Self::Response) -> ::std::vec::Vec<Self::Item> {
                ::kassa::paging::PageItems::take(response.#items)
            }
        }
    })
}

/// The `Recovery` an operation's derive points at.
fn recovery_const(
    op: &Operation,
    r: &crate::ir::Recovery,
    constant: &proc_macro2::Ident,
    names: &Names,
) -> TokenStream {
    let read = ident(&names.request[&r.operation]);
    let pairs = r
        .request
        .iter()
        .map(|(field, source)| quote!((#field, #source)));
    let field = &r.field;
    let test = match &r.test {
        Test::Equals(name) => quote!(::kassa::Test::Equals(#name)),
        Test::DiffersFrom(name) => quote!(::kassa::Test::DiffersFrom(#name)),
        Test::In(values) => {
            let codes = codes(values);
            quote!(::kassa::Test::In(#codes))
        }
        Test::NotIn(values) => {
            let codes = codes(values);
            quote!(::kassa::Test::NotIn(#codes))
        }
    };
    let mut text = format!(
        " How the client learns, after an unknown outcome, whether [`{}`] created its document: \
         it calls [`{read}`] and reads `{field}`.",
        names.request[&op.name]
    );
    if let Some(doc) = &r.doc {
        text.push_str(&format!(" {}", escape(doc)));
    }
    quote! {
        #[doc = #text]
        pub const #constant: ::kassa::Recovery = ::kassa::Recovery {
            operation: &<#read as ::kassa::Operation>::INFO,
            request: &[#(#pairs),*],
            field: #field,
            test: #test,
        };
    }
}

fn str_list(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn code(v: &Value) -> TokenStream {
    match v {
        Value::Number(n) => {
            let i = Literal::i64_unsuffixed(n.as_i64().unwrap_or_default());
            quote!(::kassa::Code::Int(#i))
        }
        Value::String(s) => quote!(::kassa::Code::str(#s)),
        other => {
            let s = other.to_string();
            quote!(::kassa::Code::str(#s))
        }
    }
}

fn codes(values: &[Value]) -> TokenStream {
    let items = values.iter().map(code);
    quote!(&[#(#items),*])
}

fn opt_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::std::option::Option::Some(#s)),
        None => quote!(::std::option::Option::None),
    }
}

fn envelope(e: &Envelope) -> TokenStream {
    let status = opt_str(e.status_field.as_deref());
    let success = codes(&e.success);
    let aliases = codes(&e.success_aliases);
    let not_modified = codes(&e.not_modified);
    let replayed = codes(&e.replayed);
    let data = opt_str(e.data_field.as_deref());
    let message = opt_str(e.message_field.as_deref());
    let extra: Vec<String> = e.extra_fields.iter().map(|f| f.wire.clone()).collect();
    let extra = str_list(&extra);
    let from_http = e.error_from_http;
    quote! {
        ::kassa::Envelope {
            status_field: #status,
            success: #success,
            success_aliases: #aliases,
            not_modified: #not_modified,
            replayed: #replayed,
            data_field: #data,
            message_field: #message,
            extra_fields: #extra,
            error_from_http: #from_http,
        }
    }
}

/// The wire name of the operation called `name` in the spec.
fn opt_u64(n: Option<u64>) -> TokenStream {
    match n {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    }
}

fn answer(a: &ir::Answer) -> TokenStream {
    let code = code(&a.code);
    let message = &a.message;
    quote!(::kassa::Answer { code: #code, message: #message })
}

fn opt_answer(a: Option<&ir::Answer>) -> TokenStream {
    match a {
        Some(a) => {
            let a = answer(a);
            quote!(::std::option::Option::Some(#a))
        }
        None => quote!(::std::option::Option::None),
    }
}

fn answers(list: &[(String, ir::Answer)]) -> TokenStream {
    let items = list.iter().map(|(state, a)| {
        let a = answer(a);
        quote!((#state, #a))
    });
    quote!(&[#(#items),*])
}

fn lifecycle(spec: &Spec, l: &ir::Lifecycle) -> TokenStream {
    let name = &l.name;
    let states = str_list(&l.states);
    let per = opt_str(l.per.as_deref());
    let created_by = match &l.created_by {
        Some(c) => {
            let op = wire_of(spec, &c.operation);
            let field = opt_str(c.field.as_deref());
            let to = &c.to;
            quote!(::std::option::Option::Some(::kassa::Creation { operation: #op, field: #field, to: #to }))
        }
        None => quote!(::std::option::Option::None),
    };
    let expires = match &l.expires {
        Some(e) => {
            let from = str_list(&e.from);
            let after = e.after;
            let to = &e.to;
            quote!(::std::option::Option::Some(::kassa::Expiry { from: #from, after_secs: #after, to: #to }))
        }
        None => quote!(::std::option::Option::None),
    };
    let moves = l.moves.iter().map(|m| {
        let ops = wires(spec, &m.operations);
        let from = str_list(&m.from);
        let to = opt_str(m.to.as_deref());
        let refused = answers(&m.refused);
        quote!(::kassa::Move { operations: #ops, from: #from, to: #to, refused: #refused })
    });
    let refused = answers(&l.refused);
    let reports = l.reports.iter().map(|r| {
        let op = wire_of(spec, &r.operation);
        let field = &r.field;
        let values = r.values.iter().map(|(state, v)| {
            let v = v.to_string();
            quote!((#state, #v))
        });
        quote!(::kassa::StateReport { operation: #op, field: #field, values: &[#(#values),*] })
    });
    quote! {
        ::kassa::Lifecycle {
            name: #name,
            states: #states,
            per: #per,
            created_by: #created_by,
            expires: #expires,
            moves: &[#(#moves),*],
            refused: #refused,
            reports: &[#(#reports),*],
        }
    }
}

fn wire_of(spec: &Spec, name: &str) -> String {
    spec.operations
        .iter()
        .find(|o| o.name == name)
        .map_or_else(|| name.to_owned(), |o| o.wire.clone())
}

fn wires(spec: &Spec, names: &[String]) -> TokenStream {
    let list: Vec<String> = names.iter().map(|n| wire_of(spec, n)).collect();
    str_list(&list)
}

pub fn vendor(spec: &Spec) -> TokenStream {
    let id = &spec.id;
    let name = &spec.name;
    let servers = spec.servers.iter().map(|s| {
        let sname = &s.name;
        let url = &s.url;
        let vars = s.variables.iter().map(|v| {
            let vname = &v.name;
            let default = opt_str(v.default.as_deref());
            let secret = v.secret;
            quote!(::kassa::ServerVariable { name: #vname, default: #default, secret: #secret })
        });
        quote!(::kassa::Server { name: #sname, url: #url, variables: &[#(#vars),*] })
    });
    let protocol = match &spec.protocol {
        Protocol::JsonEnvelope {
            operation_field,
            params_field,
            echo_operation,
            response,
        } => {
            let params = opt_str(params_field.as_deref());
            let env = envelope(response);
            quote!(::kassa::Protocol::JsonEnvelope {
                operation_field: #operation_field,
                params_field: #params,
                echo_operation: #echo_operation,
                response: #env,
            })
        }
        Protocol::JsonRpc { by_position, .. } => {
            quote!(::kassa::Protocol::JsonRpc { by_position: #by_position })
        }
        Protocol::Rest { response } => {
            let env = envelope(response);
            quote!(::kassa::Protocol::Rest { response: #env })
        }
        Protocol::Form { path, response } => {
            let env = envelope(response);
            quote!(::kassa::Protocol::Form { path: #path, response: #env })
        }
    };
    let auth = spec.auth.iter().map(|a| match a {
        Auth::BodyCredentials {
            username,
            password,
            except,
            optional_for,
            refused,
        } => {
            let except = wires(spec, except);
            let optional_for = wires(spec, optional_for);
            let refused = opt_answer(refused.as_ref());
            quote!(::kassa::Auth::BodyCredentials {
                username: #username,
                password: #password,
                except: #except,
                optional_for: #optional_for,
                refused: #refused,
            })
        }
        Auth::Bearer {
            logins,
            token_field,
            relogin_on,
            lifetime,
            refused,
        } => {
            let logins = wires(spec, logins);
            let lifetime = opt_u64(*lifetime);
            let refused = opt_answer(refused.as_ref());
            quote!(::kassa::Auth::Bearer {
                logins: #logins,
                token_field: #token_field,
                relogin_on: &[#(#relogin_on),*],
                lifetime_secs: #lifetime,
                refused: #refused,
            })
        }
        Auth::PathSecret { variable } => quote!(::kassa::Auth::PathSecret { variable: #variable }),
        Auth::Hmac {
            key_field,
            nonce_field,
            signature_field,
            message,
            encoding,
            context,
        } => {
            let message = str_list(message);
            let encoding = match encoding {
                SignatureEncoding::HexUpper => quote!(::kassa::SignatureEncoding::HexUpper),
                SignatureEncoding::HexLower => quote!(::kassa::SignatureEncoding::HexLower),
                SignatureEncoding::Base64 => quote!(::kassa::SignatureEncoding::Base64),
            };
            let context: Vec<String> = context.iter().map(|f| f.wire.clone()).collect();
            let context = str_list(&context);
            quote!(::kassa::Auth::Hmac {
                key_field: #key_field,
                nonce_field: #nonce_field,
                signature_field: #signature_field,
                message: #message,
                encoding: #encoding,
                context: #context,
            })
        }
        Auth::Session {
            logins,
            from,
            field,
            lifetime,
            refused,
        } => {
            let logins = wires(spec, logins);
            let lifetime = opt_u64(*lifetime);
            let refused = opt_answer(refused.as_ref());
            quote!(::kassa::Auth::Session {
                logins: #logins,
                from: #from,
                field: #field,
                lifetime_secs: #lifetime,
                refused: #refused,
            })
        }
    });
    let state = spec.state.iter().map(|s| {
        let header = &s.header;
        let set_by = wires(spec, &s.set_by);
        let sent_by = wires(spec, &s.sent_by);
        let recover = match (&s.recover, &s.recover_field) {
            (Some(op), Some(field)) => {
                let op = wire_of(spec, op);
                quote!(::std::option::Option::Some((#op, #field)))
            }
            _ => quote!(::std::option::Option::None),
        };
        quote!(::kassa::StateHeader { header: #header, set_by: #set_by, sent_by: #sent_by, recover: #recover })
    });
    let headers = spec.headers.iter().map(|h| {
        let hname = &h.name;
        let secret = h.secret;
        let optional = h.optional;
        let refused = opt_answer(h.refused.as_ref());
        quote!(::kassa::ConfigHeader { name: #hname, secret: #secret, optional: #optional, refused: #refused })
    });
    let lifecycles = spec.lifecycles.iter().map(|l| lifecycle(spec, l));
    let revisions = spec.changelog.iter().map(|r| r.version.as_str());
    let counters = spec.counters.iter().map(|c| {
        let cname = &c.name;
        let counts = wires(spec, &c.counts);
        let reset_by = wires(spec, &c.reset_by);
        let reports = c.reports.iter().map(|(op, field)| {
            let op = wire_of(spec, op);
            quote!((#op, #field))
        });
        quote!(::kassa::Counter { name: #cname, counts: #counts, reset_by: #reset_by, reports: &[#(#reports),*] })
    });
    let doc = format!(
        " How to reach {name}: servers, protocol, auth, state headers, and what it remembers."
    );
    // A clear compile error, not a failing call, where the runtime was
    // built without the signature code.
    let hmac = spec
        .signs()
        .then(|| quote!(::kassa::__private::requires_hmac!();));
    quote! {
        #hmac
        #[doc = #doc]
        pub static VENDOR: ::kassa::Vendor = ::kassa::Vendor {
            id: #id,
            name: #name,
            servers: &[#(#servers),*],
            protocol: #protocol,
            auth: &[#(#auth),*],
            state: &[#(#state),*],
            headers: &[#(#headers),*],
            lifecycles: &[#(#lifecycles),*],
            counters: &[#(#counters),*],
            revisions: &[#(#revisions),*],
        };
    }
}

pub fn table(spec: &Spec, names: &Names) -> TokenStream {
    let entries = spec.operations.iter().map(|op| {
        let name = ident(&names.request[&op.name]);
        quote!(::kassa::OperationEntry::of::<#name>())
    });
    let doc = format!(" Every operation of {}, in documentation order.", spec.name);
    // A `const`, not a `static`: a static is compiled with its crate, and
    // so is every generic decoder and encoder its entries point to, for
    // every operation. A const is compiled only where it is used (the
    // example server, the decode tool), so a crate that only calls the
    // client does not build the table's code at all.
    quote! {
        #[doc = #doc]
        pub const OPERATIONS: &[::kassa::OperationEntry] = &[#(#entries),*];
    }
}

/// `<operation>_and_wait`: the call, then the polled read until its status
/// is no longer pending or the deadline passes.
fn and_wait(spec: &Spec, op: &Operation, p: &ir::Polling, names: &Names) -> Option<TokenStream> {
    let poll = spec.operations.iter().find(|o| o.name == p.operation)?;
    let answer = spec.body_fields(&op.response)?;
    let poll_fields = spec.body_fields(&poll.request).unwrap_or_default();
    let method = ident(&format!("{}_and_wait", op.name));
    let request = ident(&names.request[&op.name]);
    let poll_request = ident(&names.request[&poll.name]);
    let poll_response = response_type(poll, names);
    let error = ident(&error_table(spec, op));
    let sets = p.request.iter().filter_map(|(to, from)| {
        let target = poll_fields.iter().find(|f| f.wire == *to)?;
        let source = answer.iter().find(|f| f.wire == *from)?;
        let (t, s) = (ident(&target.rust), ident(&source.rust));
        Some(if target.optional && !source.optional {
            quote!(#t: ::core::option::Option::Some(__first.#s.clone()))
        } else {
            quote!(#t: __first.#s.clone())
        })
    });
    let rest = (p.request.len() < poll_fields.len())
        .then(|| quote!(..::core::default::Default::default()));
    let status = &p.status;
    let pending = &p.pending;
    let (interval, max_interval) = (p.interval_ms, p.max_interval_ms);
    let doc = format!(
        " Calls [`{}`](Self::{}), then [`{}`](Self::{}) until its `{}` is no longer \
         pending ({}), waiting {} ms and up to {} ms between two calls. When `deadline` \
         would pass first, the last answer comes back, still pending.",
        op.name,
        op.name,
        poll.name,
        poll.name,
        p.status,
        p.pending.join(", "),
        interval,
        max_interval
    );
    Some(quote! {
        #[doc = #doc]
        pub async fn #method(
            &self,
            request: &#request,
            deadline: ::std::time::Duration,
        ) -> ::std::result::Result<#poll_response, ::kassa::Error<#error>> {
            const POLLING: ::kassa::Polling = ::kassa::Polling {
                status: #status,
                pending: &[#(#pending),*],
                interval: ::std::time::Duration::from_millis(#interval),
                max_interval: ::std::time::Duration::from_millis(#max_interval),
            };
            let __first = self.inner.call(request).await?;
            let __poll = #poll_request { #(#sets,)* #rest };
            self.inner.poll(&__poll, &POLLING, deadline).await
        }
    })
}

pub fn client(spec: &Spec, names: &Names) -> TokenStream {
    let vendor_name = &spec.name;
    let methods = spec.operations.iter().map(|op| {
        let method = ident(&op.name);
        let request = ident(&names.request[&op.name]);
        let response = response_type(op, names);
        let error = ident(&error_table(spec, op));
        let doc = op_doc(op).tokens();
        let (ret, call) = if op.not_modified {
            (quote!(::kassa::Fresh<#response>), quote!(call_fresh))
        } else if op.fiscal || op.idempotency.is_some() {
            // Whether the vendor answered with an earlier result matters here.
            (quote!(::kassa::Reply<#response>), quote!(send))
        } else {
            (response, quote!(call))
        };
        let pages = op.pagination.as_ref().map(|_| {
            let method = ident(&format!("{}_pages", op.name));
            let doc = format!(
                " Every page of [`{}`](Self::{}), from `first` on: `next().await` reads one \
                 page, `all().await` all of them.",
                op.name, op.name
            );
            quote! {
                #[doc = #doc]
                pub fn #method(&self, first: #request) -> ::kassa::Pages<'_, #request> {
                    self.inner.pages(first)
                }
            }
        });
        let wait = op.polling.as_ref().and_then(|p| and_wait(spec, op, p, names));
        if matches!(op.request, Body::Empty) {
            quote! {
                #doc
                pub async fn #method(&self) -> ::std::result::Result<#ret, ::kassa::Error<#error>> {
                    self.inner.#call(&#request).await
                }
            }
        } else {
            quote! {
                #doc
                pub async fn #method(&self, request: &#request) -> ::std::result::Result<#ret, ::kassa::Error<#error>> {
                    self.inner.#call(request).await
                }
                #pages
                #wait
            }
        }
    });
    let doc = format!(" A client of the {}.", super::api_name(vendor_name));
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        pub struct Client {
            inner: ::kassa::Client,
        }

        impl Client {
            /// A client with this configuration; fails when it lacks what the
            /// vendor's servers or auth schemes need.
            pub fn new(config: ::kassa::Config) -> ::std::result::Result<Self, ::kassa::ConfigError> {
                ::kassa::Client::new(&super::VENDOR, config).map(|inner| Client { inner })
            }

            /// The protocol-level client, for state headers and the like.
            pub fn inner(&self) -> &::kassa::Client {
                &self.inner
            }

            /// Calls any operation of this vendor, including one a downstream
            /// crate defines with `#[derive(kassa::Operation)]`.
            pub async fn call<O: ::kassa::Operation>(&self, request: &O) -> ::std::result::Result<O::Response, ::kassa::Error<O::Error>> {
                self.inner.call(request).await
            }

            #(#methods)*
        }
    }
}
