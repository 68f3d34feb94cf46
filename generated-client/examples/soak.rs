//! The soak: N sales per vendor through the generated clients against the
//! simulator, with a share of requests failing in every way it knows, and
//! the simulator's books checked.
//!
//! ```sh
//! cargo run --release -p kassa-client --example soak -- [SALES] [RATE] [SEED]
//! ```
//!
//! Prints one line per vendor and exits 1 when a promise is broken.

#[path = "../tests/support/soak.rs"]
mod soak;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: &str| args.get(i).map_or(default, String::as_str).to_owned();
    let (Ok(sales), Ok(rate), Ok(seed)) = (
        arg(0, "10000").parse::<usize>(),
        arg(1, "0.3").parse::<f64>(),
        arg(2, "1").parse::<u64>(),
    ) else {
        eprintln!("usage: soak [SALES] [RATE 0..1] [SEED]");
        std::process::exit(2);
    };
    let mut broken = false;
    for books in [
        soak::caspos(sales, 8, rate, seed).await,
        soak::kassa24(sales, rate, seed).await,
        soak::icash(sales, rate, seed).await,
    ] {
        println!("{books}");
        for problem in books.problems() {
            println!("  broken: {problem}");
            broken = true;
        }
    }
    std::process::exit(i32::from(broken));
}
