//! Measure 1 (decode of each vendor's largest documented response) and
//! measure 4 (linear cost of a large body).

use std::hint::black_box;

use kassa::{Operation, Vendor};
use kassa_client::{caspos, heado, icash, kassa24, smpos};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::anchors;
use crate::client_path::client_path_decode;
use crate::examples;
use crate::harness::{Report, Row, compare, rounds};

/// The generated payload type under the envelope field each vendor uses,
/// decoded in one pass with serde_json.
#[derive(Deserialize)]
struct Pascal<T> {
    #[serde(rename = "Data")]
    _data: T,
}

#[derive(Deserialize)]
struct Lower<T> {
    #[serde(rename = "data")]
    _data: T,
}

#[derive(Deserialize)]
struct Rpc<T> {
    #[serde(rename = "result")]
    _result: T,
}

/// A JSON-RPC answer for HEADO, whose documentation has no response
/// example (every response is undocumented: `unknown: true`).
const HEADO_SYNTHETIC: &str = r#"{"jsonrpc": "2.0", "id": 1, "result": {"count": 100, "time": "2024-03-01 12:00:00", "receipts": [1, 2, 3]}}"#;

pub fn run(filter: &str, out: &mut Report) {
    let n = rounds(41);
    let k24 = &kassa24::VENDOR;
    case::<
        kassa24::CloseShift,
        anchors::kassa24::Envelope<anchors::kassa24::Report>,
        Pascal<kassa24::CloseShiftResponse>,
    >(filter, out, n, k24, "kassa24", "close_shift");
    case::<
        kassa24::XReport,
        anchors::kassa24::Envelope<anchors::kassa24::Report>,
        Pascal<kassa24::XReportResponse>,
    >(filter, out, n, k24, "kassa24", "x_report");
    // The body the loopback measure answers every call with.
    case::<
        kassa24::GetShift,
        anchors::kassa24::Envelope<anchors::kassa24::Shift>,
        Pascal<kassa24::GetShiftResponse>,
    >(filter, out, n, k24, "kassa24", "get_shift");
    case::<
        caspos::GetPeriodicZReport,
        anchors::caspos::Envelope<anchors::caspos::PeriodicReport>,
        Lower<caspos::PeriodicReport>,
    >(
        filter,
        out,
        n,
        &caspos::VENDOR,
        "caspos",
        "get_periodic_z_report",
    );
    case::<icash::GetOperation, anchors::icash::OperationEnvelope, Lower<icash::Operation>>(
        filter,
        out,
        n,
        &icash::VENDOR,
        "icash",
        "get_operation",
    );
    case::<smpos::GetProtocol, anchors::smpos::Protocol, smpos::GetProtocolResponse>(
        filter,
        out,
        n,
        &smpos::VENDOR,
        "smpos",
        "get_protocol",
    );
    let name = "decode/heado purchase_register_batch (synthetic)";
    let body = HEADO_SYNTHETIC.as_bytes();
    let v = &heado::VENDOR;
    if wanted(filter, name, "client path") {
        out.push(compare(
            format!("{name} client path"),
            n,
            || client_path_decode::<heado::PurchaseRegisterBatch>(v, 200, body).unwrap(),
            || serde_json::from_slice::<anchors::RpcAnswer>(body).unwrap(),
        ));
    }
    if wanted(filter, name, "generated, one pass") {
        out.push(compare(
            format!("{name} generated, one pass"),
            n,
            || serde_json::from_slice::<Rpc<kassa::Json>>(body).unwrap(),
            || serde_json::from_slice::<anchors::RpcAnswer>(body).unwrap(),
        ));
    }
    linear(filter, out);
}

/// Bodies measured besides each vendor's largest: the X report (decimals
/// and dates) and the body of the loopback's calls.
const EXTRA: [(&str, &str); 2] = [("kassa24", "x_report"), ("kassa24", "get_shift")];

/// Whether `filter` asks for the row `row` of the decode measure
/// `measure`: it names the measure (`decode/kassa24 get_shift`) or the row
/// itself (`decode/kassa24 get_shift client path`).
fn wanted(filter: &str, measure: &str, row: &str) -> bool {
    measure.contains(filter) || format!("{measure} {row}").contains(filter)
}

/// Client path and one-pass decode of the documented response of `op`
/// (each vendor's largest, or one of [`EXTRA`]), each against the
/// hand-written anchor `A`. `G` wraps `O::Response` in the vendor's
/// envelope field.
fn case<O, A, G>(
    filter: &str,
    out: &mut Report,
    n: usize,
    vendor: &'static Vendor,
    id: &str,
    op: &str,
) where
    O: Operation,
    A: DeserializeOwned,
    G: DeserializeOwned,
{
    let label = format!("decode/{id} {op}");
    let client_path = wanted(filter, &label, "client path");
    let one_pass = wanted(filter, &label, "generated, one pass");
    if !client_path && !one_pass {
        return;
    }
    let doc = examples::response(id, op);
    if examples::largest_op(id).as_deref() != Some(op) && !EXTRA.contains(&(id, op)) {
        eprintln!("note: {op} is no longer the largest documented response of {id}");
    }
    let body = doc.body.as_slice();
    let label = format!("{label} ({} B)", body.len());
    // Every side must decode the body before it is timed.
    client_path_decode::<O>(vendor, 200, body).expect("the client path decodes the example");
    serde_json::from_slice::<A>(body).expect("the anchor decodes the example");
    if client_path {
        out.push(compare(
            format!("{label} client path"),
            n,
            || client_path_decode::<O>(vendor, 200, body).unwrap(),
            || serde_json::from_slice::<A>(body).unwrap(),
        ));
    }
    if !one_pass {
        return;
    }
    match serde_json::from_slice::<G>(body) {
        Ok(_) => out.push(compare(
            format!("{label} generated, one pass"),
            n,
            || serde_json::from_slice::<G>(body).unwrap(),
            || serde_json::from_slice::<A>(body).unwrap(),
        )),
        Err(e) => out.not_measured(
            &format!("{label} generated, one pass"),
            &format!("serde_json alone cannot decode it: {e}"),
        ),
    }
}

/// A GETGOODS answer of about `size` bytes: the documented list with its
/// richest item repeated (distinct codes).
pub fn goods_body(size: usize) -> Vec<u8> {
    let doc = examples::response("smpos", "get_goods");
    let mut body: Value = serde_json::from_slice(&doc.body).expect("the spec checks its examples");
    let item = body["goods"][2].clone();
    let item_len = serde_json::to_vec(&item).map_or(1, |v| v.len() + 1);
    let goods: Vec<Value> = (0..size / item_len)
        .map(|i| {
            let mut item = item.clone();
            item["code"] = Value::from(1000 + i as u64);
            item
        })
        .collect();
    body["goods"] = Value::Array(goods);
    serde_json::to_vec(&body).expect("a value encodes")
}

fn linear(filter: &str, out: &mut Report) {
    let name = "linear/smpos get_goods";
    if !name.contains(filter) {
        return;
    }
    let v = &smpos::VENDOR;
    let mut per_kb = Vec::new();
    let mut last_rounds = 0;
    for (size, label, n) in [
        (50 * 1024, "50 KB", rounds(41)),
        (5 * 1024 * 1024, "5 MB", rounds(41).min(15)),
    ] {
        let body = goods_body(size);
        let kb = body.len() as f64 / 1024.0;
        client_path_decode::<smpos::GetGoods>(v, 200, &body).expect("the client path decodes");
        serde_json::from_slice::<anchors::smpos::GoodsList>(&body).expect("the anchor decodes");
        let mut row = compare(
            format!("{name} {label} client path"),
            n,
            || black_box(client_path_decode::<smpos::GetGoods>(v, 200, &body).unwrap()),
            || black_box(serde_json::from_slice::<anchors::smpos::GoodsList>(&body).unwrap()),
        );
        row.unit = "µs/KB";
        row.kassa /= kb;
        row.anchor = row.anchor.map(|a| a / kb);
        per_kb.push((row.kassa, row.anchor.unwrap_or(f64::NAN)));
        last_rounds = row.rounds;
        out.push(row);
    }
    if let [(k50, a50), (k5, a5)] = per_kb[..] {
        out.push(Row {
            name: format!("{name} per-KB cost, 5 MB / 50 KB"),
            unit: "×",
            kassa: k5 / k50,
            anchor: Some(a5 / a50),
            ratio: Some((k5 / k50) / (a5 / a50)),
            rounds: last_rounds,
        });
    }
}
