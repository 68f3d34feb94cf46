//! Generation from a build script: a vendor's module written to `OUT_DIR`
//! at every build, for a crate that keeps its spec beside its code.
//!
//! ```no_run
//! // build.rs, in `fn main`:
//! kassa_codegen::Builder::new("spec/my-vendor").generate().unwrap();
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! pub mod my_vendor {
//!     include!(concat!(env!("OUT_DIR"), "/my_vendor.rs"));
//! }
//! ```

use std::fmt;
use std::path::PathBuf;

use crate::check::check_dir;
use crate::diag::render;
use crate::emit::File;
use crate::emit::rust::vendor_module_by;

const GENERATOR: &str = "kassa_codegen::Builder";

/// Writes a vendor's module from its spec folder (see the module docs).
#[derive(Clone, Debug)]
pub struct Builder {
    spec: PathBuf,
    out_dir: Option<PathBuf>,
    cargo: bool,
}

/// Why a build could not generate: the spec's problems, each rendered
/// with its file, line, caret and help, or a file that could not be written.
#[derive(Debug)]
pub struct BuildError(pub String);

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BuildError {}

impl Builder {
    /// Generation from the spec folder `spec` (relative to the crate's root
    /// when run from a build script).
    pub fn new(spec: impl Into<PathBuf>) -> Self {
        Builder {
            spec: spec.into(),
            out_dir: None,
            cargo: true,
        }
    }

    /// Where the module goes (default: `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Whether to print `cargo:` instructions (on by default; off outside
    /// a build script).
    pub fn cargo_instructions(mut self, on: bool) -> Self {
        self.cargo = on;
        self
    }

    /// Writes `<vendor id>.rs` into the output folder and returns its path.
    /// Cargo reruns the build script when a file of the spec folder
    /// changes. A spec with problems prints each as a cargo warning and
    /// fails with all of them rendered.
    pub fn generate(self) -> Result<PathBuf, BuildError> {
        if self.cargo {
            println!("cargo:rerun-if-changed={}", self.spec.display());
        }
        let (spec, diagnostics, sources) = check_dir(&self.spec);
        if self.cargo {
            for path in sources.paths() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        if !diagnostics.is_empty() {
            let mut text = String::new();
            for d in &diagnostics {
                if self.cargo {
                    println!(
                        "cargo:warning={}:{}:{}: {}",
                        d.file.display(),
                        d.pos.line,
                        d.pos.column,
                        d.message
                    );
                }
                text.push_str(&render(d, &sources));
            }
            return Err(BuildError(format!(
                "{text}{} has {} problem(s)",
                self.spec.display(),
                diagnostics.len()
            )));
        }
        let spec =
            spec.ok_or_else(|| BuildError(format!("{} holds no spec", self.spec.display())))?;
        let source = self.spec.to_string_lossy().replace('\\', "/");
        let files = vendor_module_by(&spec, &source, GENERATOR).map_err(BuildError)?;
        let dir = match self.out_dir {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    BuildError(
                        "OUT_DIR is not set: run from a build script, or give out_dir(..)".into(),
                    )
                })?,
        };
        let path = dir.join(format!("{}.rs", spec.id));
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(&path, single_file(&spec.id, &files)))
            .map_err(|e| BuildError(format!("cannot write {}: {e}", path.display())))?;
        Ok(path)
    }
}

/// The module tree as one file to `include!` inside `mod <vendor> { .. }`:
/// each `mod part;` of `mod.rs` becomes `mod part { .. }` with that part's
/// text, and `mod.rs`'s own inner doc lines are left to the including
/// module (an included file cannot carry them).
pub fn single_file(id: &str, files: &[File]) -> String {
    let part = |name: &str| {
        files
            .iter()
            .find(|f| f.path == format!("{id}/{name}.rs"))
            .map(|f| f.contents.as_str())
    };
    let Some(root) = part("mod") else {
        return String::new();
    };
    let mut out = String::new();
    for line in root.lines() {
        if line.starts_with("//!") {
            continue;
        }
        let inline = line
            .strip_prefix("mod ")
            .and_then(|rest| rest.strip_suffix(';'))
            .and_then(|name| part(name).map(|text| (name, text)));
        match inline {
            Some((name, text)) => {
                out.push_str(&format!("mod {name} {{\n"));
                out.push_str(text);
                out.push_str("}\n");
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}
