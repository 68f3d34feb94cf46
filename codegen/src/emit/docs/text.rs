//! Spec text made safe for markdown: table cells, paragraphs and code spans.
//!
//! Backtick code spans of the spec's prose stay code; outside them, the
//! characters markdown or HTML would read as markup are escaped.

/// Where a piece of text goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A paragraph: newlines stay (a blank line starts a new paragraph).
    Block,
    /// A table cell: one line, `|` escaped, newlines become `<br>`.
    Cell,
}

/// Spec prose for a table cell.
pub fn cell(text: &str) -> String {
    prose(text.trim(), Place::Cell)
}

/// The revisions of an item for a table's "Since" column: the one that
/// introduced it, then what [`crate::ir::retirement`] says.
pub fn life_cell(
    since: Option<&str>,
    until: Option<&str>,
    deprecated: Option<&crate::ir::Deprecated>,
) -> String {
    let mut parts: Vec<String> = since.map(cell).into_iter().collect();
    if let Some(note) = crate::ir::retirement(until, deprecated) {
        parts.push(format!("<strong>{}</strong>", cell(&note)));
    }
    parts.join("<br>")
}

/// Spec prose for a paragraph.
pub fn block(text: &str) -> String {
    prose(text.trim(), Place::Block)
}

/// `text` as an inline code span for a table cell, fenced so that
/// backticks inside it stay literal.
pub fn code(text: &str) -> String {
    code_text(&text.replace('|', "\\|"))
}

/// `text` as an inline code span for a paragraph.
pub fn code_text(text: &str) -> String {
    let text = one_line(text);
    let longest = longest_run(&text, '`');
    let fence = "`".repeat(longest + 1);
    if longest > 0 || text.starts_with(' ') || text.ends_with(' ') || text.is_empty() {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// Text for a raw HTML element (`<h3>…</h3>`): `&`, `<`, `>`, `"` escaped.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// A JSON value as short text: strings without quotes.
pub fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        if ch == c {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

fn prose(text: &str, place: Place) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let run = count(&chars, i, '`');
            if let Some(end) = closing_run(&chars, i + run, run) {
                // A code span, copied verbatim but for what breaks a cell.
                for &ch in &chars[i..end + run] {
                    match (place, ch) {
                        (Place::Cell, '|') => out.push_str("\\|"),
                        (Place::Cell, '\n' | '\r') => out.push(' '),
                        _ => out.push(ch),
                    }
                }
                i = end + run;
            } else {
                for _ in 0..run {
                    out.push_str("\\`");
                }
                i += run;
            }
            continue;
        }
        match c {
            '\\' | '*' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => {}
            '\n' if place == Place::Cell => {
                // A paragraph break in the spec text is a line break in a cell.
                if !out.ends_with("<br>") {
                    out.push_str("<br>");
                }
                while chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
                    i += 1;
                }
            }
            '\n' => {
                out.push('\n');
                // A line that would start a heading, list or quote stays text.
                if let Some(&next) = chars.get(i + 1)
                    && matches!(next, '#' | '-' | '+' | '=' | '>')
                {
                    out.push('\\');
                }
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if place == Place::Block && matches!(out.chars().next(), Some('#' | '-' | '+' | '=')) {
        out.insert(0, '\\');
    }
    out
}

fn count(chars: &[char], from: usize, c: char) -> usize {
    chars[from..].iter().take_while(|&&ch| ch == c).count()
}

/// The start of the next run of exactly `len` backticks at or after `from`.
fn closing_run(chars: &[char], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = count(chars, i, '`');
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_angles_and_newlines() {
        assert_eq!(cell("a | b <c>\nd"), "a \\| b &lt;c&gt;<br>d");
        assert_eq!(cell("x\n\n  y"), "x<br>y");
    }

    #[test]
    fn code_spans_stay_code() {
        assert_eq!(cell("type `array<T>` here"), "type `array<T>` here");
        assert_eq!(cell("`a|b`"), "`a\\|b`");
        assert_eq!(cell("one ` tick"), "one \\` tick");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(block("[day] *x* a\\b"), "\\[day\\] \\*x\\* a\\\\b");
        assert_eq!(block("- not a list"), "\\- not a list");
        assert_eq!(block("a\n# b"), "a\n\\# b");
    }

    #[test]
    fn code_fences_grow_past_backticks() {
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code(""), "`  `");
    }

    #[test]
    fn html_text_is_escaped() {
        assert_eq!(html("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
    }
}
