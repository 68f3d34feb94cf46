//! `kassa serve`: the simulator as a program, started from a spec folder
//! and driven over HTTP by the generated clients, faults included.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use kassa::{Config, Number, RetryPolicy};
use kassa_client::{caspos, kassa24};
use serde_json::Value;

#[path = "support/served.rs"]
mod served;

use served::serve;

async fn get(url: &str) -> Value {
    let text = reqwest::get(url).await.unwrap().text().await.unwrap();
    serde_json::from_str(&text).unwrap()
}

fn sale(i: usize) -> caspos::Sale {
    caspos::Sale {
        items: vec![caspos::SaleItem {
            name: format!("sale-{i}"),
            code: "1".into(),
            quantity: 1.into(),
            sale_price: Number::from(1),
            ..Default::default()
        }],
        cash_payment: Number::from(1),
        cashier_name: "Aysel".into(),
        currency: "AZN".into(),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caspos_sales_through_kassa_serve_are_printed_exactly_once_under_faults() {
    let served = serve(&[
        "spec/caspos",
        "--faults",
        "0.3",
        "--seed",
        "7",
        "--delay-ms",
        "400",
    ]);
    let client = caspos::Client::new(
        Config::new()
            .base_url(&served.url)
            .credentials("admin", "secret")
            .timeout(Duration::from_millis(200))
            .retry(
                RetryPolicy::default()
                    .attempts(12)
                    .base_delay(Duration::from_millis(2))
                    .max_delay(Duration::from_millis(50)),
            ),
    )
    .unwrap();
    // Documents before the shift is open are refused with the device's error.
    let e = client.sale(&sale(0)).await;
    match e {
        Err(e) => assert!(e.to_string().contains("invalid shift status"), "{e}"),
        Ok(_) => panic!("a sale on a closed shift was accepted"),
    }
    // Opening a shift has no key: after a lost answer, read whether it is open.
    for attempt in 0.. {
        assert!(attempt < 20, "the shift never opened");
        if client.open_shift(&Default::default()).await.is_ok()
            || client.get_shift_status().await.is_ok_and(|s| s.shift_open)
        {
            break;
        }
    }
    let mut done = 0;
    for i in 1..=60 {
        if client.sale(&sale(i)).await.is_ok() {
            done += 1;
        }
    }
    assert_eq!(done, 60, "every sale ends in its receipt");
    let documents = get(&format!("{}/_kassa/documents", served.url)).await;
    let sales: Vec<&Value> = documents
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["operation"] == "sale")
        .collect();
    assert_eq!(sales.len(), 60, "one document per sale");
    let mut names: Vec<&str> = sales
        .iter()
        .map(|d| d["params"]["items"][0]["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 60, "no sale twice");
    let state = get(&format!("{}/_kassa/state", served.url)).await;
    assert_eq!(state["lifecycles"]["shift"][""]["state"], "open");
    assert_eq!(state["counters"]["shift_documents"], 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kassa24_through_kassa_serve_logs_in_chains_uid_and_expires_shifts() {
    let served = serve(&["spec/kassa24"]);
    let login = kassa24::Authenticate {
        login: "user".into(),
        password: "secret".into(),
    };
    let client = kassa24::Client::new(Config::new().base_url(&served.url).login(&login)).unwrap();
    let open = kassa24::OpenShift {
        id_kkm: 77505,
        date: None,
    };
    client.open_shift(&open).await.unwrap();
    let e = client.open_shift(&open).await.unwrap_err();
    assert!(e.to_string().contains("уже открыта смена"), "{e}");
    let sale = kassa24::Sale {
        id_kkm: 77505,
        ..Default::default()
    };
    client.sale(&sale).await.unwrap();
    client.sale(&sale).await.unwrap();

    // A day later the shift has expired: receipts are refused.
    let advanced = reqwest::Client::new()
        .post(format!("{}/_kassa/advance?seconds=86400", served.url))
        .send()
        .await
        .unwrap();
    assert!(advanced.status().is_success());
    let e = client.sale(&sale).await.unwrap_err();
    assert!(e.to_string().contains("смена уже закрыта"), "{e}");
}

#[test]
fn a_bad_spec_or_option_is_refused_with_a_reason() {
    let out = Command::new(env!("CARGO_BIN_EXE_kassa"))
        .args(["serve", "spec/nowhere", "--port", "0"])
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_kassa"))
        .args(["serve", "spec/caspos", "--faults", "30"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a share from 0 to 1"), "{stderr}");
    let out = Command::new(env!("CARGO_BIN_EXE_kassa"))
        .args(["serve", "spec/caspos", "--fault", "fire"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unknown fault `fire`"), "{stderr}");
}
