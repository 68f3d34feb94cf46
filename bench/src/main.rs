//! kassa's benchmark suite: each measure runs kassa and an anchor (what a
//! developer would write without kassa) in alternating blocks over many
//! rounds and prints medians and the median per-round ratio kassa/anchor.
//!
//! `cargo run --release -p kassa-bench -- [filter]` runs the measures whose
//! name contains `filter` (`decode`, `encode`, `loopback`, `linear`,
//! `generate`, `kassa24`, ...). `KASSA_BENCH_ROUNDS` changes the rounds of
//! the micro measures, `KASSA_BENCH_CALLS` the calls of the loopback loop.
//! Nothing here runs under `cargo test`.

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

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    if cfg!(debug_assertions) {
        eprintln!("warning: a debug build; run with --release for figures worth reading");
    }
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
}
