//! The single static page: every vendor's markdown rendered into one HTML
//! document with a navigation list. No script, no external resource; the
//! CSS is inline.

use pulldown_cmark::{Options, Parser, html};

use super::{anchor, header, markdown, text};
use crate::ir::Spec;

const STYLE: &str = include_str!("style.css");

/// `docs/index.html`: all vendors, a left navigation of vendors with their
/// operations, types of codes and error tables, readable without JavaScript.
pub fn index_html(specs: &[Spec]) -> String {
    let mut out = String::from("<!DOCTYPE html>\n");
    out.push_str(&header("spec/"));
    out.push_str(
        "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>kassa: vendor API reference</title>\n<style>\n",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(&nav(specs));
    out.push_str("<main id=\"kassa-main\">\n");
    out.push_str(&intro(specs));
    for spec in specs {
        out.push_str(&format!(
            "<section class=\"vendor\" aria-labelledby=\"{}\">\n",
            anchor::vendor(&spec.id)
        ));
        out.push_str(&render(&markdown::vendor_markdown(spec)));
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// Markdown to HTML (tables on; raw HTML headings pass through).
fn render(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_TABLES);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    out
}

fn link(id: &str, inner: &str) -> String {
    format!("<a href=\"#{id}\">{inner}</a>")
}

fn nav(specs: &[Spec]) -> String {
    let mut out = String::from(
        "<nav id=\"kassa-nav\" aria-label=\"Vendors and operations\">\n\
         <p class=\"brand\"><a href=\"#kassa-vendors\">kassa reference</a></p>\n<ul>\n",
    );
    for spec in specs {
        let id = &spec.id;
        out.push_str(&format!(
            "<li><details open><summary>{}</summary>\n<ul>\n",
            link(&anchor::vendor(id), &text::html(&spec.name))
        ));
        for (section, title) in [
            ("protocol", "Protocol"),
            ("auth", "Authentication"),
            ("errors", "Error codes"),
        ] {
            out.push_str(&format!(
                "<li>{}</li>\n",
                link(&anchor::section(id, section), title)
            ));
        }
        if spec.errors.len() > 1 {
            out.push_str("<li><ul>\n");
            for table in &spec.errors {
                out.push_str(&format!(
                    "<li>{}</li>\n",
                    link(
                        &anchor::error_table(id, &table.name),
                        &format!("<code>{}</code>", text::html(&table.name))
                    )
                ));
            }
            out.push_str("</ul></li>\n");
        }
        out.push_str(&format!(
            "<li>{}\n<ul class=\"ops\">\n",
            link(&anchor::section(id, "operations"), "Operations")
        ));
        for op in &spec.operations {
            // The Rust method, then the wire name, which may break only
            // after a `/` or `_` (never inside a word of a REST path).
            let wire = text::html(&op.wire)
                .replace('/', "/<wbr>")
                .replace('_', "_<wbr>");
            out.push_str(&format!(
                "<li>{}</li>\n",
                link(
                    &anchor::operation(id, &op.name),
                    &format!(
                        "<code>{}</code> <span class=\"wire\">{wire}</span>",
                        text::html(&op.name)
                    )
                )
            ));
        }
        out.push_str("</ul></li>\n</ul>\n</details></li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
    out
}

fn intro(specs: &[Spec]) -> String {
    let mut out = String::from(
        "<header id=\"kassa-vendors\">\n<h1 id=\"kassa-title\">Vendor API reference</h1>\n\
         <p>Every vendor API that kassa generates a client for: how to reach it, every operation \
         with its request and response fields, enumerations, error codes with remedies, the \
         vendors' examples, and where their documentation is wrong. Generated from the YAML specs \
         in <code>spec/</code>; the same text is in <code>generated-client/docs/&lt;vendor&gt;.md</code>.</p>\n\
         <table>\n<thead><tr><th>Vendor</th><th>Countries</th><th>Protocol</th>\
         <th>Operations</th><th>Error codes</th></tr></thead>\n<tbody>\n",
    );
    for spec in specs {
        let protocol = match &spec.protocol {
            crate::ir::Protocol::JsonEnvelope { .. } => "JSON envelope",
            crate::ir::Protocol::JsonRpc { .. } => "JSON-RPC 2.0",
            crate::ir::Protocol::Rest { .. } => "REST",
            crate::ir::Protocol::Form { .. } => "form POST, JSON reply",
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{protocol}</td><td>{}</td><td>{}</td></tr>\n",
            link(&anchor::vendor(&spec.id), &text::html(&spec.name)),
            text::html(&spec.countries.join(", ")),
            link(
                &anchor::section(&spec.id, "operations"),
                &spec.operations.len().to_string()
            ),
            link(
                &anchor::section(&spec.id, "errors"),
                &spec
                    .errors
                    .iter()
                    .map(|e| e.codes.len())
                    .sum::<usize>()
                    .to_string()
            ),
        ));
    }
    out.push_str("</tbody>\n</table>\n</header>\n");
    out
}
