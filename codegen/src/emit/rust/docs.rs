//! Doc comments for generated items: the spec's English text, the
//! vendor's wording, and the facts a reader needs, escaped for rustdoc.

use proc_macro2::TokenStream;
use quote::quote;

/// Text made safe for rustdoc: brackets and angle brackets do not become
/// links or HTML, bare URLs become autolinks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(char::is_whitespace) {
        let trimmed = word.trim_end();
        if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
            let (url, tail) = split_url(trimmed);
            out.push('<');
            out.push_str(url);
            out.push('>');
            out.push_str(&escape_plain(tail));
            out.push_str(&word[trimmed.len()..]);
        } else {
            out.push_str(&escape_plain(word));
        }
    }
    out
}

fn split_url(word: &str) -> (&str, &str) {
    let end = word
        .trim_end_matches(['.', ',', ')', ';', ':', '"', '\''])
        .len();
    word.split_at(end)
}

fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' => out.push_str("\\*"),
            '_' => out.push('_'),
            '#' => out.push_str("\\#"),
            _ => out.push(c),
        }
    }
    out
}

/// Builds the doc comment of one item, paragraph by paragraph.
#[derive(Default)]
pub struct Doc {
    paragraphs: Vec<String>,
    /// The note of `#[deprecated]`, for an item the vendor retires.
    retired: Option<String>,
}

impl Doc {
    pub fn new(text: Option<&str>, fallback: &str) -> Doc {
        let mut doc = Doc::default();
        match text {
            Some(t) if !t.trim().is_empty() => doc.text(t),
            _ => doc.raw(fallback),
        }
        doc
    }

    /// Adds spec text (escaped).
    pub fn text(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() {
            self.paragraphs.push(escape(text));
        }
    }

    /// Adds text that is already markdown (written by the generator).
    pub fn raw(&mut self, text: &str) {
        if !text.is_empty() {
            self.paragraphs.push(text.to_owned());
        }
    }

    /// The vendor's own wording, when it differs from the English.
    pub fn original(&mut self, original: Option<&str>, english: Option<&str>) {
        if let Some(o) = original
            && Some(o) != english
            && !o.trim().is_empty()
        {
            self.paragraphs
                .push(format!("Vendor's wording: “{}”", escape(o.trim())));
        }
    }

    /// A list of `facts` as one paragraph, if any.
    pub fn facts(&mut self, facts: &[String]) {
        if !facts.is_empty() {
            self.paragraphs.push(facts.join("; ") + ".");
        }
    }

    /// Marks the item `#[deprecated]` when the vendor deprecated it or
    /// removed it in a later revision, and says so in the text.
    pub fn retired(&mut self, until: Option<&str>, deprecated: Option<&crate::ir::Deprecated>) {
        if let Some(note) = crate::ir::retirement(until, deprecated) {
            self.paragraphs.push(escape(&note));
            self.retired = Some(note);
        }
    }

    /// Says in the text that the vendor deprecated or removed a field, with
    /// no `#[deprecated]`: on a field it would warn every struct literal,
    /// also those that leave an optional field `None`.
    pub fn retired_field(
        &mut self,
        until: Option<&str>,
        deprecated: Option<&crate::ir::Deprecated>,
    ) {
        if let Some(note) = crate::ir::retirement(until, deprecated) {
            self.paragraphs.push(format!("**{}**", escape(&note)));
        }
    }

    pub fn tokens(&self) -> TokenStream {
        let mut lines = Vec::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            lines.extend(p.lines().map(|l| format!(" {}", l.trim_end())));
        }
        let retired = self
            .retired
            .as_ref()
            .map(|note| quote!(#[deprecated(note = #note)]));
        quote! { #( #[doc = #lines] )* #retired }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(
            escape("see https://smpos.app/api."),
            "see <https://smpos.app/api>."
        );
        assert_eq!(
            escape("[day].[month] array<Goods> *x*"),
            "\\[day\\].\\[month\\] array&lt;Goods&gt; \\*x\\*"
        );
    }
}
