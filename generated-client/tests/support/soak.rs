//! Sales through the generated clients against the simulator with faults
//! injected, and the books checked: exactly one document per sale that
//! succeeded or was reported to exist, none for a sale reported as not
//! applied, and no call left with an unknown outcome.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use kassa::mock::{Fault, FaultPlan, MockServer};
use kassa::{Config, Error, ErrorTable, Number, Reply, RetryPolicy};
use kassa_client::{caspos, icash, kassa24};

/// How every sale ended, and what the simulator holds.
#[derive(Debug, Default)]
pub struct Books {
    pub vendor: &'static str,
    pub sales: usize,
    /// Calls that returned the receipt.
    pub done: usize,
    /// ... of which the vendor answered a repeated key with the earlier result.
    pub replayed: usize,
    /// Calls that ended in `Error::DocumentExists`.
    pub exists: usize,
    /// Calls that ended in an error proving nothing was applied.
    pub not_applied: usize,
    /// Calls that ended with an unknown outcome (must be none).
    pub unknown: usize,
    pub faults: BTreeMap<Fault, u64>,
    pub documents: usize,
    /// Sales found more than once among the documents.
    pub duplicates: usize,
    pub elapsed: Duration,
}

impl Books {
    /// What must hold, as a list of broken promises.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.unknown > 0 {
            out.push(format!(
                "{} calls ended with an unknown outcome",
                self.unknown
            ));
        }
        if self.duplicates > 0 {
            out.push(format!(
                "{} sales have more than one document",
                self.duplicates
            ));
        }
        if self.documents != self.done + self.exists {
            out.push(format!(
                "{} documents for {} sales that exist",
                self.documents,
                self.done + self.exists
            ));
        }
        if self.done + self.exists + self.not_applied + self.unknown != self.sales {
            out.push("a call is not accounted for".to_owned());
        }
        out
    }
}

impl fmt::Display for Books {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let faults: Vec<String> = self
            .faults
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        let total: u64 = self.faults.values().sum();
        write!(
            f,
            "{}: {} sales in {:.1?}; done {} (replayed {}), exists {}, not applied {}, unknown {}; \
             documents {}, duplicates {}; faults {} ({})",
            self.vendor,
            self.sales,
            self.elapsed,
            self.done,
            self.replayed,
            self.exists,
            self.not_applied,
            self.unknown,
            self.documents,
            self.duplicates,
            total,
            faults.join(", ")
        )
    }
}

/// The soak's retry policy: more attempts than the default, so that a run
/// of injected faults does not exhaust them, and short delays.
fn policy(seed: u64) -> RetryPolicy {
    RetryPolicy::default()
        .attempts(12)
        .base_delay(Duration::from_millis(2))
        .max_delay(Duration::from_millis(50))
        .seed(seed)
}

fn plan(rate: f64, seed: u64) -> FaultPlan {
    FaultPlan {
        delay: Duration::from_millis(400),
        ..FaultPlan::all(rate, seed)
    }
}

/// The timeout each attempt gets; the delay fault outlasts it.
const TIMEOUT: Duration = Duration::from_millis(200);

fn tally<T, E: ErrorTable>(books: &mut Books, result: Result<Reply<T>, Error<E>>) {
    match result {
        Ok(reply) => {
            books.done += 1;
            books.replayed += usize::from(reply.replayed);
        }
        Err(Error::DocumentExists(_)) => books.exists += 1,
        Err(e) if e.outcome_unknown() => books.unknown += 1,
        Err(_) => books.not_applied += 1,
    }
}

fn duplicates(markers: impl Iterator<Item = String>) -> usize {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for m in markers {
        *seen.entry(m).or_default() += 1;
    }
    seen.values().filter(|n| **n > 1).count()
}

/// A Caspos sale of one item named `name`, paid in cash; the name tells
/// the sale's document apart from the others.
pub fn caspos_sale(name: &str) -> caspos::Sale {
    caspos::Sale {
        items: vec![caspos::SaleItem {
            name: name.into(),
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

/// Caspos: `documentUUID` is deduplicated by the device, so several tasks
/// sell at once and every unknown outcome is resent under its key.
pub async fn caspos(sales: usize, tasks: usize, rate: f64, seed: u64) -> Books {
    let mock = MockServer::start(&caspos::VENDOR, caspos::OPERATIONS)
        .await
        .expect("the simulator starts");
    mock.record_requests(false);
    let config = Config::new()
        .base_url(mock.url())
        .credentials("admin", "secret")
        .timeout(TIMEOUT)
        .retry(policy(seed));
    let client = Arc::new(caspos::Client::new(config).expect("a valid configuration"));
    client
        .open_shift(&caspos::OpenShift::default())
        .await
        .expect("the shift opens before faults are injected");
    mock.inject(plan(rate, seed));
    let started = Instant::now();
    let per_task = sales.div_ceil(tasks);
    let handles: Vec<_> = (0..tasks)
        .map(|t| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut books = Books::default();
                for i in (t * per_task)..((t + 1) * per_task).min(sales) {
                    let sale = caspos_sale(&format!("sale-{i}"));
                    books.sales += 1;
                    tally(&mut books, client.sale(&sale).await);
                }
                books
            })
        })
        .collect();
    let mut books = Books {
        vendor: "caspos",
        ..Books::default()
    };
    for h in handles {
        let part = h.await.expect("a task finishes");
        books.sales += part.sales;
        books.done += part.done;
        books.replayed += part.replayed;
        books.exists += part.exists;
        books.not_applied += part.not_applied;
        books.unknown += part.unknown;
    }
    books.elapsed = started.elapsed();
    finish(&mut books, &mock, |d| {
        d.params["items"][0]["name"].as_str().map(str::to_owned)
    });
    books
}

/// Kassa24: no key; receipts of a register are chained by the `Uid` header,
/// so one task sells, and an unknown outcome is settled by `GET /uid`.
pub async fn kassa24(sales: usize, rate: f64, seed: u64) -> Books {
    let mock = MockServer::start(&kassa24::VENDOR, kassa24::OPERATIONS)
        .await
        .expect("the simulator starts");
    mock.record_requests(false);
    let login = kassa24::Authenticate {
        login: "user".into(),
        password: "secret".into(),
    };
    let config = Config::new()
        .base_url(mock.url())
        .login(&login)
        .timeout(TIMEOUT)
        .retry(policy(seed));
    let client = kassa24::Client::new(config).expect("a valid configuration");
    client
        .open_shift(&kassa24::OpenShift {
            id_kkm: 77505,
            date: None,
        })
        .await
        .expect("the shift opens before faults are injected");
    mock.inject(plan(rate, seed));
    let started = Instant::now();
    let mut books = Books {
        vendor: "kassa24",
        ..Books::default()
    };
    for i in 0..sales {
        let sale = kassa24::Sale {
            id_kkm: 77505,
            positions: vec![kassa24::Position {
                name: format!("sale-{i}"),
                ..Default::default()
            }],
            ..Default::default()
        };
        books.sales += 1;
        tally(&mut books, client.sale(&sale).await);
    }
    books.elapsed = started.elapsed();
    finish(&mut books, &mock, |d| {
        d.params["Positions"][0]["Name"].as_str().map(str::to_owned)
    });
    books
}

/// iCash: no key. A sale is an operation built in steps (new-operation,
/// an item, a payment) and then printed. A step that ends with an unknown
/// outcome leaves at most a draft, which is never printed: the sale starts
/// over with a new operation. A print whose answer is lost is settled by
/// reading the operation's status (`get-operation`). One task: the nonce
/// must grow from one request to the next.
pub async fn icash(sales: usize, rate: f64, seed: u64) -> Books {
    let mock = MockServer::start(&icash::VENDOR, icash::OPERATIONS)
        .await
        .expect("the simulator starts");
    mock.record_requests(false);
    mock.inject(plan(rate, seed));
    let started = Instant::now();
    let config = Config::new()
        .base_url(mock.url())
        .api_key("key", "secret")
        .context("WareHouseID", 5)
        .context("UserID", 7)
        .login(&icash::Login)
        .timeout(TIMEOUT)
        .retry(policy(seed));
    let client = icash::Client::new(config).expect("a valid configuration");
    let mut books = Books {
        vendor: "icash",
        ..Books::default()
    };
    // Which sale each operation the client learned of belongs to.
    let mut sale_of: BTreeMap<u64, usize> = BTreeMap::new();
    for i in 0..sales {
        books.sales += 1;
        let mut outcome = None;
        for _ in 0..ICASH_TRIES {
            let Some(id) = icash_draft(&client, i).await else {
                continue;
            };
            sale_of.insert(id, i);
            let print = icash::PrintOperation {
                operation_id: id,
                pay_type_id: 1,
            };
            match client.print_operation(&print).await {
                Err(e) if !e.outcome_unknown() && !e.document_exists() => continue,
                result => {
                    outcome = Some(result);
                    break;
                }
            }
        }
        match outcome {
            Some(result) => tally(&mut books, result),
            None => books.not_applied += 1,
        }
    }
    books.elapsed = started.elapsed();
    finish(&mut books, &mock, |d| {
        (d.operation == "print-operation")
            .then(|| d.params["OperationID"].as_u64())
            .flatten()
            .and_then(|id| sale_of.get(&id))
            .map(usize::to_string)
    });
    books.documents = mock
        .documents()
        .iter()
        .filter(|d| d.operation == "print-operation")
        .count();
    books
}

/// How many times an iCash sale starts over before it counts as not applied.
const ICASH_TRIES: usize = 8;

/// A new operation with one item and its payment; `None` when a step
/// failed (the draft, if any, is left unprinted).
async fn icash_draft(client: &icash::Client, sale: usize) -> Option<u64> {
    let new = icash::NewOperation {
        import_source: "soak".into(),
        import_ref_id: Some(format!("sale-{sale}")),
        operation_type: icash::OperationType::Sell,
        cash_register_id: 1,
        store_id: 1,
        ..Default::default()
    };
    let id = client.new_operation(&new).await.ok()?.operation_id;
    let item = icash::AddOperationSaleItem {
        operation_id: id,
        sale_item_id: Some(1),
        qty: Number::from(1),
        sale_item_single_price: Number::from(1),
        ..Default::default()
    };
    client.add_operation_sale_item(&item).await.ok()?;
    let payment = icash::AddOperationPayment {
        operation_id: id,
        pay_type_id: 1,
        payment_sum: Number::from(1),
    };
    client.add_operation_payment(&payment).await.ok()?;
    Some(id)
}

fn finish(
    books: &mut Books,
    mock: &MockServer,
    marker: impl Fn(&kassa::mock::Document) -> Option<String>,
) {
    books.faults = mock.injected().into_iter().collect();
    let documents = mock.documents();
    books.documents = documents.len();
    books.duplicates = duplicates(documents.iter().filter_map(marker));
}
