//! The exactly-once promise under a hostile network: sales through the
//! generated clients against the simulator with 30 % of requests failing in
//! every way it knows. A small run here; `cargo run --release -p
//! kassa-client --example soak` runs 10,000 sales per vendor.

#[path = "support/soak.rs"]
mod soak;

const SEED: u64 = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caspos_sales_are_printed_exactly_once_under_faults() {
    let books = soak::caspos(300, 6, 0.3, SEED).await;
    println!("{books}");
    assert_eq!(books.problems(), Vec::<String>::new(), "{books}");
    assert_eq!(books.sales, 300);
    assert!(books.faults.values().sum::<u64>() > 60, "{books}");
    assert!(
        books.replayed > 0,
        "some lost answers were replayed: {books}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kassa24_sales_are_registered_exactly_once_under_faults() {
    let books = soak::kassa24(200, 0.3, SEED).await;
    println!("{books}");
    assert_eq!(books.problems(), Vec::<String>::new(), "{books}");
    assert_eq!(books.sales, 200);
    assert!(
        books.exists > 0,
        "some lost answers were found by the recovery: {books}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn icash_operations_are_printed_exactly_once_under_faults() {
    let books = soak::icash(150, 0.3, SEED).await;
    println!("{books}");
    assert_eq!(books.problems(), Vec::<String>::new(), "{books}");
    assert_eq!(books.sales, 150);
    assert!(
        books.exists > 0,
        "some lost answers were found by the recovery: {books}"
    );
}
