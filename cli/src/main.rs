//! `kassa`: check vendor specs, list what they define, validate payloads,
//! and run a vendor's simulator.

mod diff;
mod export;
mod generate;
mod serve;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kassa_codegen::check::{CheckReport, check_dirs};
use kassa_codegen::diag::render;
use kassa_codegen::emit::schema::ops::Direction;

#[derive(Parser)]
#[command(
    name = "kassa",
    version,
    about = "Check kassa vendor specs, validate payloads, and run a vendor's simulator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate spec folders; print every mistake with its file:line:col.
    Check {
        /// Spec folders (default: every folder under ./spec).
        dirs: Vec<PathBuf>,
        /// Summarise each spec as its vendor documented it at this
        /// revision (items with a later `since` left out).
        #[arg(long)]
        at: Option<String>,
    },
    /// List the operations, enums and error tables of spec folders.
    Inventory {
        /// Spec folders (default: every folder under ./spec).
        dirs: Vec<PathBuf>,
        /// Print JSON (the only format for now; kept for scripts that pass it).
        #[arg(long)]
        json: bool,
    },
    /// Print the spec language's JSON Schema.
    Schema,
    /// Describe a vendor for other tools: a REST or form spec as OpenAPI
    /// 3.1 (or 3.0.3), a JSON-RPC spec as OpenRPC 1.3, with the JSON
    /// Schemas kassa publishes.
    ///
    /// The JSON envelope protocol (one URL, the operation named in the
    /// body) has no faithful form in either; its JSON Schemas are what is
    /// published. Exit 0; 2 when the spec has problems or speaks another
    /// protocol.
    Export {
        /// `openapi` or `openrpc`.
        #[arg(value_enum)]
        format: export::Kind,
        /// The vendor's spec folder (`spec/kassa24`).
        spec: PathBuf,
        /// Write the document here instead of to stdout.
        #[arg(long)]
        out: Option<PathBuf>,
        /// OpenAPI version: `3.1` (default, the published documents) or
        /// `3.0` (3.0.3 for tools that read only 3.0; what 3.0 cannot say
        /// is kept under `x-kassa-dropped`). Not for `openrpc`.
        #[arg(long, value_enum)]
        openapi_version: Option<export::OpenApiVersion>,
    },
    /// Classify what changed from one spec folder to another: for the Rust
    /// API of the generated client (the semver bump), an old client against
    /// a server on the new revision, and a new client against an old server.
    ///
    /// Exit 0; 1 when `--fail-on` finds a change that severe; 2 when a spec
    /// has problems.
    Diff {
        /// The spec folder as it was; `spec/smpos@v0.1.0` reads it as git
        /// has it at that revision (any revision `git show` takes).
        old: PathBuf,
        /// The spec folder as it is (or `FOLDER@REV`, as above).
        new: PathBuf,
        /// Output: human text, JSON, or a Markdown table for a changelog.
        #[arg(long, value_enum, default_value = "text")]
        format: diff::Format,
        /// Exit 1 when a change is at least this severe on any axis.
        #[arg(long, value_enum)]
        fail_on: Option<diff::FailOn>,
        /// Compare the specs as documented at revisions: once for both
        /// sides, twice for OLD's then NEW's (`--at 1.1.0 --at 1.2.0`).
        #[arg(long, num_args = 1, action = clap::ArgAction::Append)]
        at: Vec<String>,
    },
    /// Write the vendor's changelog: each revision of the spec's changelog,
    /// newest first, with the vendor's notes and what it changes in the
    /// API (as `kassa diff` classifies it), derived from the one spec.
    Changelog {
        /// The vendor's spec folder (`spec/smpos`).
        spec: PathBuf,
    },
    /// Generate a vendor's Rust client from its spec folder: a crate
    /// (Cargo.toml, src/lib.rs, the vendor module, README.md), or with
    /// `--module` the module alone, to declare with `mod <vendor>;` in an
    /// existing crate that depends on `kassa`.
    ///
    /// Exit 0 when written (or, with `--check`, up to date); 1 when
    /// `--check` finds stale files; 2 when the spec has problems.
    Generate {
        /// The vendor's spec folder (`spec/kassa24`).
        spec: PathBuf,
        /// The crate's folder; with `--module`, the folder that receives
        /// `<vendor>/` (such as `src`).
        #[arg(long)]
        out: PathBuf,
        /// Write the module only, not a crate around it.
        #[arg(long)]
        module: bool,
        /// Write nothing: compare with what `--out` holds.
        #[arg(long)]
        check: bool,
        /// The crate depends on kassa at this path instead of by version
        /// (in a checkout of kassa: its `kassa/` folder).
        #[arg(long, value_name = "PATH")]
        kassa_path: Option<PathBuf>,
    },
    /// Check a captured payload against its operation's JSON Schema.
    ///
    /// Exit 0 when it conforms; 1 when it does not (each problem with its
    /// JSON pointer), or is not JSON; 2 when it cannot be checked.
    #[command(group(clap::ArgGroup::new("direction").required(true).args(["request", "response"])))]
    Validate {
        /// The vendor's spec folder (`spec/caspos`).
        spec: PathBuf,
        /// The operation: its name, wire name or a wire alias.
        #[arg(long)]
        operation: String,
        /// The file is a request body.
        #[arg(long)]
        request: bool,
        /// The file is a response body.
        #[arg(long)]
        response: bool,
        /// The payload (JSON); `-` reads standard input.
        file: PathBuf,
    },
    /// Run the vendor's simulator over HTTP until interrupted.
    ///
    /// It answers from the spec's examples, keeps the shifts, documents,
    /// counters and logins the spec declares, refuses what the vendor
    /// refuses with the vendor's own errors, and injects faults from a seed.
    /// `GET /_kassa/documents` and `GET /_kassa/state` show what it holds;
    /// `POST /_kassa/advance?seconds=N` moves its clock.
    Serve {
        /// The vendor's spec folder (`spec/caspos`).
        spec: PathBuf,
        /// Port to listen on (0: a free one, printed at start).
        #[arg(long, default_value_t = 5544)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Share of requests that fail, from 0 to 1.
        #[arg(long, default_value_t = 0.0, value_parser = rate)]
        faults: f64,
        /// Fault kinds to draw from (default: all): drop-before, drop-after,
        /// delay, 5xx, 429, truncate, reset.
        #[arg(long = "fault", value_parser = fault)]
        kinds: Vec<kassa::mock::Fault>,
        /// Seed of the fault generator: the same seed, the same faults.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// How long a delayed answer is held, in milliseconds.
        #[arg(long, default_value_t = 30_000)]
        delay_ms: u64,
    },
}

fn rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(format!("`{text}` is not a share from 0 to 1 (0.3 is 30 %)")),
    }
}

fn fault(text: &str) -> Result<kassa::mock::Fault, String> {
    kassa::mock::Fault::parse(text).ok_or_else(|| {
        let known: Vec<&str> = kassa::mock::Fault::ALL.iter().map(|f| f.as_str()).collect();
        format!("unknown fault `{text}`; one of {}", known.join(", "))
    })
}

/// The folders to check. `kassa check spec/*` expands to the reference and
/// schema files beside the vendor folders too; files other than YAML are
/// skipped (a YAML file is kept, and reported: a spec is a folder).
fn default_dirs(dirs: Vec<PathBuf>) -> Vec<PathBuf> {
    if !dirs.is_empty() {
        return dirs
            .into_iter()
            .filter(|p| {
                !p.is_file()
                    || matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
            })
            .collect();
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("spec")
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn print_diagnostics(report: &CheckReport) {
    for diag in &report.diagnostics {
        eprintln!("{}", render(diag, &report.sources));
    }
    let n = report.diagnostics.len();
    eprintln!("error: {n} problem{} found", if n == 1 { "" } else { "s" });
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { dirs, at } => {
            let dirs = default_dirs(dirs);
            if dirs.is_empty() {
                eprintln!("error: no spec folders given and none found under ./spec");
                return ExitCode::from(2);
            }
            let report = check_dirs(&dirs);
            if report.diagnostics.is_empty() {
                let Some(version) = at else {
                    for line in &report.summaries {
                        println!("{line}");
                    }
                    return ExitCode::SUCCESS;
                };
                for (spec, dir) in report.specs.iter().zip(&dirs) {
                    match kassa_codegen::at::at(spec, &version) {
                        Ok(then) => println!(
                            "{} (at revision {version})",
                            kassa_codegen::check::summary(dir, &then)
                        ),
                        Err(why) => {
                            eprintln!("error: {}: {why}", dir.display());
                            return ExitCode::from(2);
                        }
                    }
                }
                ExitCode::SUCCESS
            } else {
                print_diagnostics(&report);
                ExitCode::FAILURE
            }
        }
        Command::Inventory { dirs, json: _ } => {
            let dirs = default_dirs(dirs);
            let report = check_dirs(&dirs);
            if !report.diagnostics.is_empty() {
                print_diagnostics(&report);
                return ExitCode::FAILURE;
            }
            let inventory = kassa_codegen::inventory::inventory(&report.specs);
            println!(
                "{}",
                serde_json::to_string_pretty(&inventory).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Command::Validate {
            spec,
            operation,
            request,
            response: _,
            file,
        } => {
            let direction = if request {
                Direction::Request
            } else {
                Direction::Response
            };
            validate(&spec, &operation, direction, &file)
        }
        Command::Serve {
            spec,
            port,
            host,
            faults,
            kinds,
            seed,
            delay_ms,
        } => serve::run(
            &spec,
            &serve::Options {
                host,
                port,
                faults,
                kinds,
                seed,
                delay: std::time::Duration::from_millis(delay_ms),
            },
        ),
        Command::Generate {
            spec,
            out,
            module,
            check,
            kassa_path,
        } => match load_checked(&spec) {
            Ok(ir) => generate::run(
                &spec,
                &ir,
                &generate::Options {
                    out,
                    module,
                    check,
                    kassa_path,
                },
            ),
            Err(code) => code,
        },
        Command::Diff {
            old,
            new,
            format,
            fail_on,
            at,
        } => {
            let (old_at, new_at) = match at.as_slice() {
                [] => (None, None),
                [both] => (Some(both), Some(both)),
                [o, n] => (Some(o), Some(n)),
                _ => {
                    eprintln!("error: `--at` is given once (both sides) or twice (OLD, then NEW)");
                    return ExitCode::from(2);
                }
            };
            match (diff::load_at(&old, old_at), diff::load_at(&new, new_at)) {
                (Ok(o), Ok(n)) => {
                    let sides = (&diff::Side::of(&old, old_at), &diff::Side::of(&new, new_at));
                    diff::run((&o, &n), sides, format, fail_on)
                }
                (Err(code), _) | (_, Err(code)) => code,
            }
        }
        Command::Changelog { spec } => {
            let spec = match load_checked(&spec) {
                Ok(spec) => spec,
                Err(code) => return code,
            };
            print!("{}", diff::changelog(&spec));
            ExitCode::SUCCESS
        }
        Command::Export {
            format,
            spec,
            out,
            openapi_version,
        } => export::run(format, &spec, out.as_deref(), openapi_version),
        Command::Schema => {
            print!(
                "{}",
                kassa_codegen::read::meta_schema::spec_language_schema_json()
            );
            ExitCode::SUCCESS
        }
    }
}

/// The spec of one folder, or exit code 2 after printing why there is none.
pub(crate) fn load_checked(dir: &Path) -> Result<kassa_codegen::ir::Spec, ExitCode> {
    let (spec, diagnostics, sources) = kassa_codegen::check::check_dir(dir);
    checked(spec, &diagnostics, &sources, &dir.display().to_string())
}

/// The spec of a check, or its problems printed to stderr and exit code 2.
pub(crate) fn checked(
    spec: Option<kassa_codegen::ir::Spec>,
    diagnostics: &[kassa_codegen::diag::Diagnostic],
    sources: &kassa_codegen::read::SourceMap,
    what: &str,
) -> Result<kassa_codegen::ir::Spec, ExitCode> {
    if !diagnostics.is_empty() {
        for d in diagnostics {
            eprintln!("{}", render(d, sources));
        }
        eprintln!(
            "error: {what} has {} problem(s); fix the spec first",
            diagnostics.len()
        );
        return Err(ExitCode::from(2));
    }
    spec.ok_or_else(|| {
        eprintln!("error: {what} holds no spec");
        ExitCode::from(2)
    })
}

/// `kassa validate`: 0 conforms, 1 does not, 2 could not check.
fn validate(dir: &Path, operation: &str, direction: Direction, file: &Path) -> ExitCode {
    let spec = match load_checked(dir) {
        Ok(spec) => spec,
        Err(code) => return code,
    };
    let shown = if file.as_os_str() == "-" {
        "stdin".to_owned()
    } else {
        file.display().to_string()
    };
    let text = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map(|_| text)
    } else {
        std::fs::read_to_string(file)
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {shown}: {e}");
            return ExitCode::from(2);
        }
    };
    let payload: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            println!("{shown}:{}:{}: not JSON: {e}", e.line(), e.column());
            return ExitCode::FAILURE;
        }
    };
    let what = format!("{} {} {}", spec.id, operation, direction.as_str());
    match kassa_codegen::validate::validate(&spec, operation, direction, &payload) {
        Ok(problems) if problems.is_empty() => {
            println!("{shown}: conforms to the {what} schema");
            ExitCode::SUCCESS
        }
        Ok(problems) => {
            let n = problems.len();
            println!(
                "{shown}: {n} problem{} against the {what} schema",
                if n == 1 { "" } else { "s" }
            );
            for p in &problems {
                let at = if p.pointer.is_empty() {
                    "(root)"
                } else {
                    &p.pointer
                };
                println!("  {at}: {}", p.reason);
            }
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
