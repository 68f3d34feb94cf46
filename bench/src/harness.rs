//! Interleaved timing: kassa and its anchor run in alternating blocks, many
//! rounds, so that a neighbour's build or a frequency change hits both alike.
//! Only medians and ratios are reported.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// How long one block of iterations should take.
const BLOCK: Duration = Duration::from_millis(4);

/// One printed line.
pub struct Row {
    pub name: String,
    pub unit: &'static str,
    pub kassa: f64,
    pub anchor: Option<f64>,
    /// kassa / anchor (for throughputs too: above 1 means kassa is faster).
    pub ratio: Option<f64>,
    pub rounds: usize,
}

impl Row {
    pub fn single(name: impl Into<String>, unit: &'static str, kassa: f64, rounds: usize) -> Row {
        Row {
            name: name.into(),
            unit,
            kassa,
            anchor: None,
            ratio: None,
            rounds,
        }
    }
}

/// The rows so far; each is printed as soon as it is measured.
#[derive(Default)]
pub struct Report {
    pub rows: Vec<Row>,
}

impl Report {
    pub fn push(&mut self, row: Row) {
        print(&row);
        self.rows.push(row);
    }

    /// A measure that could not be taken, and why.
    pub fn not_measured(&mut self, name: &str, why: &str) {
        println!("{name:<66} not measured: {why}");
    }
}

pub fn header() {
    println!(
        "{:<66} {:>12} {:>12} {:>8} {:>6}",
        "measure", "kassa", "anchor", "ratio", "rounds"
    );
}

fn print(row: &Row) {
    let anchor = row
        .anchor
        .map_or("-".to_owned(), |a| format_value(a, row.unit));
    let ratio = row.ratio.map_or("-".to_owned(), |r| format!("{r:.2}"));
    println!(
        "{:<66} {:>12} {:>12} {:>8} {:>6}",
        format!("{} [{}]", row.name, row.unit),
        format_value(row.kassa, row.unit),
        anchor,
        ratio,
        row.rounds
    );
}

fn format_value(v: f64, unit: &str) -> String {
    match unit {
        "calls/s" => format!("{v:.0}"),
        _ if v >= 100.0 => format!("{v:.1}"),
        _ => format!("{v:.3}"),
    }
}

/// Rounds of a micro measure: `KASSA_BENCH_ROUNDS` or `default`.
pub fn rounds(default: usize) -> usize {
    // Under `cargo test` the measures only have to run, not to be read.
    if cfg!(test) {
        return 1;
    }
    std::env::var("KASSA_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .filter(|&r: &usize| r > 0)
        .unwrap_or(default)
}

pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// How many iterations of `f` fill one block (at least one), or
/// `KASSA_BENCH_ITERS` when set: a fixed count makes the instruction counts
/// of a run under `valgrind --tool=callgrind` comparable between builds.
fn calibrate<T>(f: &mut impl FnMut() -> T) -> u32 {
    if let Some(n) = std::env::var("KASSA_BENCH_ITERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n: &u32| n > 0)
    {
        return n;
    }
    let mut n: u32 = 1;
    loop {
        let start = Instant::now();
        for _ in 0..n {
            black_box(f());
        }
        let spent = start.elapsed();
        if spent >= BLOCK / 4 || n >= 1 << 24 {
            let per = spent.as_secs_f64() / f64::from(n);
            let fit = (BLOCK.as_secs_f64() / per.max(1e-9)).round();
            return fit.clamp(1.0, f64::from(1u32 << 24)) as u32;
        }
        n *= 4;
    }
}

/// Mean time of one call of `f` over `n` calls, in µs.
fn block<T>(f: &mut impl FnMut() -> T, n: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        black_box(f());
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

/// Times `kassa` against `anchor` in alternating blocks (A,B then B,A in
/// the next round). Values are µs per call; the ratio is the median of the
/// per-round ratios kassa/anchor.
///
/// With `KASSA_BENCH_SIDE=kassa` (or `anchor`) only that side runs, so that
/// a count under callgrind (`KASSA_BENCH_ITERS`) covers it alone; the
/// other side then reads `NaN` and no ratio is given.
pub fn compare<A, B>(
    name: impl Into<String>,
    rounds: usize,
    mut kassa: impl FnMut() -> A,
    mut anchor: impl FnMut() -> B,
) -> Row {
    let (run_kassa, run_anchor) = sides();
    let nk = run_kassa.then(|| calibrate(&mut kassa));
    let na = run_anchor.then(|| calibrate(&mut anchor));
    let (mut ks, mut ans, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (k, a) = if round % 2 == 0 {
            let k = timed(&mut kassa, nk);
            (k, timed(&mut anchor, na))
        } else {
            let a = timed(&mut anchor, na);
            (timed(&mut kassa, nk), a)
        };
        ks.push(k);
        ans.push(a);
        ratios.push(k / a);
    }
    Row {
        name: name.into(),
        unit: "µs",
        kassa: median(&mut ks),
        anchor: Some(median(&mut ans)),
        ratio: (run_kassa && run_anchor).then(|| median(&mut ratios)),
        rounds,
    }
}

/// Which sides of a comparison run: both, or the one `KASSA_BENCH_SIDE`
/// names.
pub fn sides() -> (bool, bool) {
    match std::env::var("KASSA_BENCH_SIDE").as_deref() {
        Err(_) | Ok("") => (true, true),
        Ok("kassa") => (true, false),
        Ok("anchor") => (false, true),
        Ok(other) => {
            eprintln!(
                "error: KASSA_BENCH_SIDE is `{other}`; use `kassa` or `anchor`, or leave it unset"
            );
            std::process::exit(2);
        }
    }
}

/// [`block`] of a side that runs (`n` iterations), else `NaN`.
fn timed<T>(f: &mut impl FnMut() -> T, n: Option<u32>) -> f64 {
    n.map_or(f64::NAN, |n| block(f, n))
}

/// Times `f` alone (no anchor): median µs per call over `rounds` blocks.
pub fn alone<T>(name: impl Into<String>, rounds: usize, mut f: impl FnMut() -> T) -> Row {
    let n = calibrate(&mut f);
    let mut times: Vec<f64> = (0..rounds).map(|_| block(&mut f, n)).collect();
    Row::single(name, "µs", median(&mut times), rounds)
}
