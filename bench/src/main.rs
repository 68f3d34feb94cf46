//! kassa's benchmark suite: each measure runs kassa and an anchor (what a
//! developer would write without kassa) in alternating blocks over many
//! rounds and prints medians and the median per-round ratio kassa/anchor.
//!
//! `cargo run --release -p kassa-bench -- [filter]` runs the measures whose
//! name contains `filter` (`decode`, `encode`, `loopback`, `wire`, `floor`,
//! `linear`, `generate`, `kassa24`, ...), or one row of a decode measure
//! (`decode/kassa24 get_shift client path`). `KASSA_BENCH_ROUNDS` changes the rounds of
//! the micro measures, `KASSA_BENCH_CALLS` the calls of the loopback loop,
//! `KASSA_BENCH_ITERS` fixes the iterations of a micro measure's block (for
//! instruction counts under callgrind, which are the same run to run).
//! Under `cargo test` the decode and encode measures run one round each,
//! so that a spec change that breaks an anchor or an example is caught; no
//! time is asserted.
//!
//! With `--features progenitor`, `generate` also times progenitor on
//! Kassa24, and `--progenitor-code FILE` writes progenitor's client of
//! Kassa24 to FILE (for `bench/compile-cost.sh` with `ANCHOR=progenitor`).

// The anchors are decoded for the cost of it; their fields are never read.
#[allow(dead_code)]
mod anchors;
mod client_path;
mod decode;
mod encode;
mod examples;
mod generate;
mod harness;
mod loopback;
#[cfg(feature = "progenitor")]
mod progenitor;

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let filter = args.next().unwrap_or_default();
    if filter == "--progenitor-code" {
        return progenitor_code(args.next());
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: a debug build; run with --release for figures worth reading");
    }
    // A misspelt side is refused before anything runs.
    harness::sides();
    println!(
        "ratio = median over rounds of kassa/anchor (per call; for calls/s above 1 is faster)"
    );
    harness::header();
    let mut report = harness::Report::default();
    type Measure = fn(&str, &mut harness::Report);
    let measures: [Measure; 4] = [decode::run, encode::run, loopback::run, generate::run];
    for measure in measures {
        measure(&filter, &mut report);
    }
    if report.rows.is_empty() {
        eprintln!("no measure matches `{filter}`");
    }
    std::process::ExitCode::SUCCESS
}

/// Writes progenitor's client of Kassa24 to `file`: exit 0, or 2.
#[cfg(feature = "progenitor")]
fn progenitor_code(file: Option<String>) -> std::process::ExitCode {
    let Some(file) = file else {
        eprintln!("usage: kassa-bench --progenitor-code FILE");
        return std::process::ExitCode::from(2);
    };
    let code = progenitor::kassa24_openapi30().and_then(|doc| progenitor::generate(&doc));
    match code.and_then(|code| std::fs::write(&file, code).map_err(|e| format!("{file}: {e}"))) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("error: {why}");
            std::process::ExitCode::from(2)
        }
    }
}

#[cfg(not(feature = "progenitor"))]
fn progenitor_code(_: Option<String>) -> std::process::ExitCode {
    eprintln!("error: kassa-bench is built without the `progenitor` feature");
    std::process::ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use crate::{decode, encode, harness};

    /// Both sides of every decode and encode measure still take their
    /// input: each measure checks that before timing, and panics if not.
    #[test]
    fn every_decode_and_encode_measure_runs() {
        let mut report = harness::Report::default();
        decode::run("decode/", &mut report);
        encode::run("encode/", &mut report);
        let names: Vec<&str> = report.rows.iter().map(|row| row.name.as_str()).collect();
        for vendor in ["kassa24", "caspos", "icash", "smpos", "heado"] {
            assert!(
                names
                    .iter()
                    .any(|name| name.starts_with(&format!("decode/{vendor} "))),
                "no decode measure for {vendor}: {names:?}"
            );
        }
        assert!(
            names.iter().any(|name| name.starts_with("encode/")),
            "{names:?}"
        );
    }
}
