//! `kassa`: check vendor specs and list what they define.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kassa_codegen::check::{CheckReport, check_dirs};
use kassa_codegen::diag::render;

#[derive(Parser)]
#[command(
    name = "kassa",
    version,
    about = "Check kassa vendor specs and list what they define"
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
        Command::Check { dirs } => {
            let dirs = default_dirs(dirs);
            if dirs.is_empty() {
                eprintln!("error: no spec folders given and none found under ./spec");
                return ExitCode::from(2);
            }
            let report = check_dirs(&dirs);
            if report.diagnostics.is_empty() {
                for line in &report.summaries {
                    println!("{line}");
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
        Command::Schema => {
            print!("{}", kassa_codegen::schema::spec_language_schema_json());
            ExitCode::SUCCESS
        }
    }
}
