//! `kassa export`: a REST or form spec as OpenAPI 3.1, a JSON-RPC spec as
//! OpenRPC.

use std::path::Path;
use std::process::ExitCode;

use kassa_codegen::emit::export::{self, Format};

/// The document kinds on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// OpenAPI 3.1 (REST vendors).
    Openapi,
    /// OpenRPC 1.3 (JSON-RPC vendors).
    Openrpc,
}

/// Prints the document, or writes it to `out`: exit 0; 2 when the spec has
/// problems, speaks another protocol, or `out` cannot be written.
pub fn run(kind: Kind, dir: &Path, out: Option<&Path>) -> ExitCode {
    let spec = match crate::load_checked(dir) {
        Ok(spec) => spec,
        Err(code) => return code,
    };
    let format = match kind {
        Kind::Openapi => Format::OpenApi,
        Kind::Openrpc => Format::OpenRpc,
    };
    let source = dir.display().to_string().replace('\\', "/");
    let doc = match export::export(&spec, format, &source) {
        Ok(doc) => doc,
        Err(why) => {
            eprintln!("error: {why}");
            return ExitCode::from(2);
        }
    };
    let text = kassa_codegen::emit::schema::ops::render(&doc);
    match out {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                ExitCode::from(2)
            }
        },
    }
}
