//! The commands README.md shows in its `console` blocks, with the output it
//! shows for each, so tests can run them as written and compare.

use std::path::{Path, PathBuf};

/// One `$ command` of a console block and the lines shown under it.
#[derive(Debug)]
pub struct Shown {
    /// Line of README.md the command is on.
    pub line: usize,
    /// The command's words, `$ ` removed.
    pub words: Vec<String>,
    /// The output shown, line by line.
    pub output: Vec<String>,
    /// Whether the shown output ends with `...`: only its start is given.
    pub elided: bool,
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

/// Every command of every console block of README.md.
pub fn commands() -> Vec<Shown> {
    let text = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let mut out: Vec<Shown> = Vec::new();
    let mut in_console = false;
    for (index, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            in_console = line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            out.push(Shown {
                line: index + 1,
                words: command.split_whitespace().map(str::to_owned).collect(),
                output: Vec::new(),
                elided: false,
            });
        } else if let Some(shown) = out.last_mut() {
            if line == "..." {
                shown.elided = true;
            } else if !shown.elided {
                shown.output.push(line.to_owned());
            }
        }
    }
    out
}

/// `spec/*` and the like, expanded as a shell would (sorted), from the root.
pub fn expand(words: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for word in words {
        let Some(dir) = word.strip_suffix("/*") else {
            out.push(word.clone());
            continue;
        };
        let mut names: Vec<String> = std::fs::read_dir(root().join(dir))
            .expect("a folder to expand")
            .map(|entry| {
                entry
                    .expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| !name.starts_with('.'))
            .map(|name| format!("{dir}/{name}"))
            .collect();
        names.sort();
        out.extend(names);
    }
    out
}

/// Compares what a command printed with what README.md shows under it.
pub fn compare(shown: &Shown, printed: &str) -> Result<(), String> {
    let printed: Vec<&str> = printed.lines().collect();
    let same = if shown.elided {
        printed.len() >= shown.output.len()
            && shown.output.iter().zip(&printed).all(|(a, b)| a == b)
    } else {
        printed == shown.output
    };
    if same {
        return Ok(());
    }
    Err(format!(
        "README.md line {}: `$ {}` printed\n{}\n\nbut the README shows\n{}{}",
        shown.line,
        shown.words.join(" "),
        printed.join("\n"),
        shown.output.join("\n"),
        if shown.elided { "\n..." } else { "" }
    ))
}
