//! Measure 2: a request from the typed struct to the body text, on the
//! client's path, against `serde_json::to_vec` of a hand-written struct.

use kassa::codec::AuthValues;
use kassa::{Decimal, Number, Secret};
use kassa_client::{caspos, heado, icash, kassa24};

use crate::anchors;
use crate::client_path::{Session, client_path_encode};
use crate::examples;
use crate::harness::{Report, Row, compare, rounds};

pub fn run(filter: &str, out: &mut Report) {
    let n = rounds(41);
    let name = "encode/caspos sale (doc example)";
    if name.contains(filter) {
        out.push(caspos_sale(name, n));
    }
    let name = "encode/kassa24 sale (3 positions)";
    if name.contains(filter) {
        out.push(kassa24_sale(name, n));
    }
    for by_position in [false, true] {
        let name = match by_position {
            false => "encode/heado sale batch (3 positions), by name",
            true => "encode/heado sale batch (3 positions), by position",
        };
        if name.contains(filter) {
            out.push(heado_batch(name, n, by_position));
        }
    }
    let name = "encode/icash sale line (signed form)";
    if name.contains(filter) {
        out.push(icash_sale_line(name, n));
    }
}

fn dec(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

fn caspos_sale(name: &str, n: usize) -> Row {
    const URL: &str = "http://127.0.0.1:5544/";
    const HEADER: &str = "Content-Type";
    let vendor = &caspos::VENDOR;
    let body = examples::request("caspos", "sale", "Sales");
    let params = kassa::mock::example_params(vendor, caspos::OPERATIONS, "sale", &body)
        .expect("the example is a sale");
    let request: caspos::Sale = serde_json::from_value(params).expect("the example decodes");
    let session = Session::new(
        URL,
        AuthValues {
            username: Some("username".into()),
            password: Some(Secret::new("password").into()),
            ..AuthValues::default()
        },
    );
    let anchor = anchors::caspos::Request {
        operation: "sale",
        username: "username",
        password: "password",
        data: anchors::caspos::Sale {
            document_uuid: request.document_uuid.clone(),
            cash_payment: dec(0, 1),
            credit_payment: dec(0, 1),
            deposit_payment: dec(0, 1),
            card_payment: dec(1, 2),
            bonus_payment: dec(0, 1),
            items: vec![anchors::caspos::SaleItem {
                name: "Product Name".into(),
                code: "Product Barcode".into(),
                quantity: dec(10, 1),
                sale_price: dec(1, 2),
                purchase_price: dec(0, 0),
                code_type: 1,
                quantity_type: 1,
                vat_type: 1,
                item_uuid: "12343265437уу645".into(),
                discount_amount: dec(0, 1),
                marking_codes: vec!["ooo333".into(), "qqq444".into()],
            }],
            client_name: "Test Customer".into(),
            client_total_bonus: dec(0, 1),
            client_earned_bonus: dec(0, 1),
            client_bonus_card_number: "Customer Bonus card".into(),
            cashier_name: "New Cashier".into(),
            note: "Text Description ".into(),
            rrn: String::new(),
            currency: "AZN".into(),
        },
    };
    check(
        client_path_encode(vendor, &session, &request),
        serde_json::to_vec(&anchor),
        URL,
        HEADER,
    );
    compare(
        name,
        n,
        || client_path_encode(vendor, &session, &request).unwrap(),
        || serde_json::to_vec(&anchor).unwrap(),
    )
}

fn kassa24_sale(name: &str, n: usize) -> Row {
    const URL: &str = "http://127.0.0.1:8080/kkms/77505/sales";
    const HEADER: &str = "Authorization";
    let vendor = &kassa24::VENDOR;
    let lines = [
        ("Чай зелёный", 15000, 2),
        ("Хлеб", 25000, 1),
        ("Молоко 1 л", 48000, 3),
    ];
    let request = kassa24::Sale {
        id_kkm: 77505,
        id_domain: 1,
        cash: Some(Number(dec(199000, 2))),
        non_cash: Some(Number(dec(0, 2))),
        positions: lines
            .iter()
            .map(|&(name, price, qty)| kassa24::Position {
                name: name.into(),
                id_section: 3,
                price: Number(dec(price, 2)),
                markup: Number(dec(0, 2)),
                discount: Number(dec(0, 2)),
                qty: Number(dec(qty, 0)),
                storno: false,
                product_code: "4870001234567".into(),
                id_unit: 796,
            })
            .collect(),
        total: Number(dec(199000, 2)),
        customer_iin: Some("900101300123".into()),
        ..Default::default()
    };
    let anchor = anchors::kassa24::Sale {
        id_domain: 1,
        cash: dec(199000, 2),
        non_cash: dec(0, 2),
        positions: lines
            .iter()
            .map(|&(name, price, qty)| anchors::kassa24::Position {
                name: name.into(),
                id_section: 3,
                price: dec(price, 2),
                markup: dec(0, 2),
                discount: dec(0, 2),
                qty: dec(qty, 0),
                storno: false,
                product_code: "4870001234567".into(),
                id_unit: 796,
            })
            .collect(),
        total: dec(199000, 2),
        customer_iin: "900101300123".into(),
    };
    let session = Session::new(
        "http://127.0.0.1:8080",
        AuthValues {
            token: Some(Secret::new("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.token").into()),
            state: vec![("Uid".into(), "5f3c1a2e-77505-000123".into())].into(),
            ..AuthValues::default()
        },
    );
    check(
        client_path_encode(vendor, &session, &request),
        serde_json::to_vec(&anchor),
        URL,
        HEADER,
    );
    compare(
        name,
        n,
        || client_path_encode(vendor, &session, &request).unwrap(),
        || serde_json::to_vec(&anchor).unwrap(),
    )
}

fn icash_sale_line(name: &str, n: usize) -> Row {
    const URL: &str = "http://127.0.0.1:8090/clientapi/v1/add-operation-sale-item";
    const NONCE: u64 = 1_700_000_000;
    let vendor = &icash::VENDOR;
    let request = icash::AddOperationSaleItem {
        operation_id: 123456,
        sale_item_id: Some(4711),
        qty: Number(dec(25, 1)),
        sale_item_single_price: Number(dec(1299, 2)),
        sale_item_discount: Some(Number(dec(5, 0))),
        ..Default::default()
    };
    let anchor = anchors::icash::SaleLine {
        operation_id: 123456,
        sale_item_id: 4711,
        qty: dec(25, 1),
        price: dec(1299, 2),
        discount: dec(5, 0),
    };
    let login = anchors::icash::Login {
        api_key: "4f1c2a9e7b",
        secret_key: "s3cr3t-k3y",
        warehouse_id: 3,
        user_id: 17,
        session: "b7e0c5d2a1f94e6c",
    };
    let session = Session::new(
        "http://127.0.0.1:8090",
        AuthValues {
            api_key: Some(Secret::new(login.api_key).into()),
            secret_key: Some(Secret::new(login.secret_key).into()),
            nonce: Some(NONCE),
            context: vec![
                ("WareHouseID".into(), login.warehouse_id.into()),
                ("UserID".into(), login.user_id.into()),
            ]
            .into(),
            session: Some(Secret::new(login.session).into()),
            ..AuthValues::default()
        },
    );
    let kassa = client_path_encode(vendor, &session, &request).expect("the line encodes");
    assert_eq!(kassa.url, URL);
    let pairs = |body: &[u8]| {
        let mut pairs: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
        pairs.sort();
        pairs
    };
    assert_eq!(
        pairs(&kassa.body),
        pairs(&anchors::icash::sale_line_form(&anchor, &login, NONCE)),
        "the two sides send different forms"
    );
    compare(
        name,
        n,
        || client_path_encode(vendor, &session, &request).unwrap(),
        || anchors::icash::sale_line_form(&anchor, &login, NONCE),
    )
}

fn heado_batch(name: &str, n: usize, by_position: bool) -> Row {
    use anchors::heado::{Attribute, Batch, Position, Receipt, Rpc};
    const URL: &str = "http://127.0.0.1:8070/";
    let ts = time::OffsetDateTime::parse(
        "2026-12-04T10:15:30+03:00",
        &time::format_description::well_known::Rfc3339,
    )
    .expect("an RFC 3339 time");
    let lines = [
        ("Кофе латте", 2, 36000, "A1"),
        ("Круассан", 1, 19000, "B7"),
        ("Вода 0.5", 3, 15000, "C3"),
    ];
    let request = heado::PurchaseRegisterBatch {
        receipts: vec![heado::Receipt {
            amount: Number(dec(70000, 2)),
            discount: Number(dec(0, 0)),
            ts: kassa::Rfc3339(ts),
            cashier: "Иванова".into(),
            ext_id: "R-000123".into(),
            positions: lines
                .iter()
                .map(|&(name, count, total, ext_id)| heado::Position {
                    name: name.into(),
                    count: Number(dec(count, 0)),
                    total: Number(dec(total, 2)),
                    seller: "Иванова".into(),
                    category: "Кафе".into(),
                    ext_id: ext_id.into(),
                })
                .collect(),
            attributes: vec![heado::Attribute {
                name: "guests".into(),
                value: Number(dec(2, 0)),
            }],
            poskey: Some("@store1/pos2".into()),
        }],
    };
    let receipts = [Receipt {
        amount: dec(70000, 2),
        discount: dec(0, 0),
        ts,
        cashier: "Иванова".into(),
        ext_id: "R-000123".into(),
        positions: lines
            .iter()
            .map(|&(name, count, total, ext_id)| Position {
                name: name.into(),
                count: dec(count, 0),
                total: dec(total, 2),
                seller: "Иванова".into(),
                category: "Кафе".into(),
                ext_id: ext_id.into(),
            })
            .collect(),
        attributes: vec![Attribute {
            name: "guests".into(),
            value: dec(2, 0),
        }],
        poskey: "@store1/pos2".into(),
    }];
    let anchor = |id: u64| match by_position {
        false => serde_json::to_vec(&Rpc {
            jsonrpc: "2.0",
            method: "purchaseRegisterBatch",
            params: Batch {
                receipts: &receipts,
            },
            id,
        }),
        true => serde_json::to_vec(&Rpc {
            jsonrpc: "2.0",
            method: "purchaseRegisterBatch",
            params: (&receipts,),
            id,
        }),
    };
    let session = Session::new(
        URL,
        AuthValues {
            rpc_by_position: by_position,
            ..AuthValues::default()
        },
    );
    // The client's ids count from 1: the first call is checked with id 1.
    check(
        client_path_encode(&heado::VENDOR, &session, &request),
        anchor(1),
        URL,
        "Content-Type",
    );
    compare(
        name,
        n,
        || client_path_encode(&heado::VENDOR, &session, &request).unwrap(),
        || anchor(1).unwrap(),
    )
}

/// Both sides must encode, and to the same JSON (up to key order and the
/// spelling of numbers), before they are timed.
fn check(
    kassa: Result<crate::client_path::Wire, String>,
    anchor: Result<Vec<u8>, serde_json::Error>,
    url: &str,
    header: &str,
) {
    let kassa = kassa.expect("the client path encodes the request");
    assert_eq!(kassa.url, url);
    assert!(
        kassa.headers.iter().any(|(h, _)| h == header),
        "no {header} header in {:?}",
        kassa.headers
    );
    let anchor = anchor.expect("the anchor encodes");
    let k: serde_json::Value = serde_json::from_slice(&kassa.body).expect("JSON body");
    let a: serde_json::Value = serde_json::from_slice(&anchor).expect("JSON body");
    if k != a {
        eprintln!(
            "note: the bodies differ\n  kassa:  {}\n  anchor: {}",
            String::from_utf8_lossy(&kassa.body),
            String::from_utf8_lossy(&anchor)
        );
    }
}
