//! `kassa export`: a REST or form spec as OpenAPI 3.1 (or 3.0.3 with
//! `--openapi-version 3.0`), a JSON-RPC spec as OpenRPC.

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

/// The OpenAPI versions `--openapi-version` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OpenApiVersion {
    /// OpenAPI 3.0.3, for tools that read only 3.0 (what 3.0 cannot say is
    /// under `x-kassa-dropped`).
    #[value(name = "3.0")]
    V3_0,
    /// OpenAPI 3.1 (the published documents).
    #[value(name = "3.1")]
    V3_1,
}

/// Prints the document, or writes it to `out`: exit 0; 2 when the spec has
/// problems, speaks another protocol, `--openapi-version` is given for
/// OpenRPC, or `out` cannot be written.
pub fn run(
    kind: Kind,
    dir: &Path,
    out: Option<&Path>,
    version: Option<OpenApiVersion>,
) -> ExitCode {
    let format = match (kind, version) {
        (Kind::Openapi, None | Some(OpenApiVersion::V3_1)) => Format::OpenApi,
        (Kind::Openapi, Some(OpenApiVersion::V3_0)) => Format::OpenApi30,
        (Kind::Openrpc, None) => Format::OpenRpc,
        (Kind::Openrpc, Some(_)) => {
            eprintln!(
                "error: --openapi-version applies to `kassa export openapi` only; OpenRPC has \
                 one version (1.3)"
            );
            return ExitCode::from(2);
        }
    };
    let spec = match crate::load_checked(dir) {
        Ok(spec) => spec,
        Err(code) => return code,
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
