//! Tests of the one-pass decoder.

use serde::{Deserialize, Serialize};

use super::*;
use crate::Code;
use serde_json::json;

#[derive(Debug, PartialEq, Deserialize, Serialize)]
struct Receipt {
    id: u64,
    total: f64,
}

const INFO: OperationInfo = OperationInfo::TEST;

fn vendor(protocol: Protocol) -> &'static Vendor {
    Box::leak(Box::new(Vendor {
        id: "test",
        name: "Test",
        servers: &[],
        protocol,
        auth: &[],
        state: &[],
        headers: &[],
        lifecycles: &[],
        counters: &[],
        revisions: &[],
    }))
}

static SUCCESS: [Code; 1] = [Code::str("0")];
static SUCCESS_ALIASES: [Code; 1] = [Code::Int(0)];
static NOT_MODIFIED: [Code; 1] = [Code::str("4")];
static REPLAYED: [Code; 1] = [Code::str("1")];

fn envelope(data_field: Option<&'static str>) -> Envelope {
    Envelope {
        status_field: Some("code"),
        success: &SUCCESS,
        success_aliases: &SUCCESS_ALIASES,
        not_modified: &NOT_MODIFIED,
        replayed: &REPLAYED,
        data_field,
        message_field: Some("message"),
        extra_fields: &["nonce"],
        error_from_http: false,
    }
}

fn caspos() -> &'static Vendor {
    vendor(Protocol::JsonEnvelope {
        operation_field: "operation",
        params_field: Some("data"),
        echo_operation: false,
        response: envelope(Some("data")),
    })
}

fn decode(v: &Vendor, status: u16, body: &str) -> Result<Typed<Receipt>, Failure> {
    decode_response_as::<Receipt>(v, &INFO, status, body.as_bytes())
}

#[test]
fn the_payload_member_in_any_order_with_text_numbers() {
    let typed = decode(
        caspos(),
        200,
        r#"{"data": {"id": "7", "total": "1.5"}, "nonce": "9", "code": "0", "message": "ok"}"#,
    )
    .unwrap();
    assert_eq!(typed.answer, Answer::Done);
    assert_eq!(typed.data, Some(Receipt { id: 7, total: 1.5 }));
    assert_eq!(typed.extra["nonce"], "9");
}

#[test]
fn a_repeated_key_is_a_replayed_success() {
    let typed = decode(
        caspos(),
        200,
        r#"{"code": "1", "message": "Repeated DocumentUUID value", "data": {"id": 7, "total": 2}}"#,
    )
    .unwrap();
    assert_eq!(typed.answer, Answer::Replayed);
    assert_eq!(typed.data.unwrap().id, 7);
}

#[test]
fn failures_are_explained_whatever_the_member_order() {
    for body in [
        r#"{"data": {"bogus": true}, "code": "999", "message": "document: invalid shift duration"}"#,
        r#"{"code": "999", "message": "document: invalid shift duration", "data": null}"#,
    ] {
        match decode(caspos(), 200, body) {
            Err(Failure::Vendor { code, message, .. }) => {
                assert_eq!(code, Some(Code::str("999")));
                assert_eq!(message.as_deref(), Some("document: invalid shift duration"));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn a_payload_of_the_wrong_shape_names_its_path() {
    match decode(
        caspos(),
        200,
        r#"{"code": "0", "data": {"id": "x", "total": 1}}"#,
    ) {
        Err(Failure::Decode(e)) => assert_eq!(e.path, "data.id"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_utf8_is_a_decode_error_never_repaired() {
    let body = b"{\"code\": \"0\", \"data\": {\"id\": 1, \"total\": 1, \"n\": \"\xff\"}}";
    match decode_response_as::<Receipt>(caspos(), &INFO, 200, body) {
        Err(Failure::Decode(e)) => assert!(e.reason.contains("not UTF-8"), "{}", e.reason),
        other => panic!("{other:?}"),
    }
}

#[test]
fn payload_beside_the_status_without_the_envelope_members() {
    let smpos = vendor(Protocol::JsonEnvelope {
        operation_field: "req",
        params_field: None,
        echo_operation: true,
        response: envelope(None),
    });
    let body = r#"{"req": "GET", "code": 0, "id": "3", "total": 4, "message": "x"}"#;
    let typed = decode(smpos, 200, body).unwrap();
    assert_eq!(typed.data, Some(Receipt { id: 3, total: 4.0 }));
    let raw = decode_response_as::<Value>(smpos, &INFO, 200, body.as_bytes()).unwrap();
    assert_eq!(raw.data, Some(serde_json::json!({"id": "3", "total": 4})));
    let not_modified = decode(smpos, 200, r#"{"req": "GET", "code": "4"}"#).unwrap();
    assert_eq!(not_modified.answer, Answer::NotModified);
    assert_eq!(not_modified.data, None);
}

#[derive(Debug, PartialEq, Deserialize)]
struct WithQr {
    id: u64,
    qr: Option<String>,
    count: Option<u32>,
}

/// As the generator writes it.
impl crate::codec::Beside for WithQr {
    fn set_beside(&mut self, wire: &str, value: Value) -> bool {
        match wire {
            "qr" => crate::codec::set_absent(&mut self.qr, value),
            "count" => crate::codec::set_absent(&mut self.count, value),
            _ => true,
        }
    }
}

const WITH_QR: OperationInfo = OperationInfo {
    reply_beside: &["qr", "count"],
    set_beside: Some(crate::codec::SetBeside::of::<WithQr>()),
    ..INFO
};

/// What the one pass alone makes of `body` (no slower path behind it).
fn beside_one_pass(body: &str) -> Option<WithQr> {
    let mut slot = None;
    one_pass::<WithQr>(
        &caspos().protocol,
        BesideFields::of(&WITH_QR),
        body,
        &mut slot,
    )?;
    Some(slot.expect("a payload"))
}

#[test]
fn payload_fields_sent_beside_the_payload_are_read_in_the_one_pass() {
    let info = WITH_QR;
    let cases = [
        // After the payload, as iCash's 3.14 example prints it; a digit
        // string read as a number like any payload field.
        (
            r#"{"code": "0", "data": {"id": 1}, "qr": "Q", "count": "3"}"#,
            (Some("Q"), Some(3)),
        ),
        // Before it.
        (
            r#"{"qr": "Q", "code": "0", "data": {"id": 1}}"#,
            (Some("Q"), None),
        ),
        // The payload's own field wins; a null one does not.
        (
            r#"{"code": "0", "data": {"id": 1, "qr": "inside"}, "qr": "outside"}"#,
            (Some("inside"), None),
        ),
        (
            r#"{"code": "0", "data": {"id": 1, "qr": null}, "qr": "outside", "count": null}"#,
            (Some("outside"), None),
        ),
        (r#"{"code": "0", "data": {"id": 1}}"#, (None, None)),
    ];
    for (body, (qr, count)) in cases {
        let want = WithQr {
            id: 1,
            qr: qr.map(str::to_owned),
            count,
        };
        assert_eq!(beside_one_pass(body).as_ref(), Some(&want), "{body}");
        // The client's path agrees, and so does the slower path.
        let typed = decode_response_as::<WithQr>(caspos(), &info, 200, body.as_bytes()).unwrap();
        assert_eq!(typed.data.as_ref(), Some(&want), "{body}");
        let slow = decode_response(caspos(), &info, 200, body).unwrap();
        // A payload kept as JSON (the example server's) is merged the same.
        let as_json = BesideFields {
            set: Some(crate::codec::SetBeside::of::<Value>()),
            ..BesideFields::of(&info)
        };
        let mut json = None;
        one_pass::<Value>(&caspos().protocol, as_json, body, &mut json).unwrap();
        assert_eq!(json.as_ref(), Some(&slow.data), "{body}");
        let slow = WithQr::deserialize(Lenient(slow.data)).unwrap();
        assert_eq!(slow, want, "{body}");
    }
    // A member beside the payload that does not fit it is explained with
    // its path by the slower path.
    let body = r#"{"code": "0", "data": {"id": 1}, "count": "many"}"#;
    assert_eq!(beside_one_pass(body), None);
    match decode_response_as::<WithQr>(caspos(), &info, 200, body.as_bytes()) {
        Err(Failure::Decode(e)) => assert_eq!(e.path, "data.count"),
        other => panic!("{other:?}"),
    }
    // Without a way to set them, the one pass leaves such a body to the
    // slower path, which reads it the same.
    let without = OperationInfo {
        set_beside: None,
        ..WITH_QR
    };
    let body = r#"{"code": "0", "data": {"id": 1}, "qr": "Q"}"#;
    let mut slot = None;
    let read = one_pass::<WithQr>(
        &caspos().protocol,
        BesideFields::of(&without),
        body,
        &mut slot,
    );
    assert!(read.is_none());
    let typed = decode_response_as::<WithQr>(caspos(), &without, 200, body.as_bytes()).unwrap();
    assert_eq!(typed.data.unwrap().qr.as_deref(), Some("Q"));
}

#[test]
fn json_rpc_result_and_error() {
    let rpc = vendor(Protocol::JsonRpc { by_position: false });
    let typed = decode(
        rpc,
        200,
        r#"{"jsonrpc": "2.0", "id": 1, "error": null, "result": {"id": 2, "total": 1}}"#,
    )
    .unwrap();
    assert_eq!(typed.data.unwrap().id, 2);
    match decode(
        rpc,
        200,
        r#"{"jsonrpc": "2.0", "id": 1, "result": null, "error": {"code": -32605, "message": "m"}}"#,
    ) {
        Err(Failure::Vendor { code, .. }) => assert_eq!(code, Some(Code::Int(-32605))),
        other => panic!("{other:?}"),
    }
}

#[test]
fn lists_in_the_query_round_trip_in_every_style() {
    use crate::ListStyle;
    use crate::codec::{query_pairs, query_params};
    for (style, written) in [
        (ListStyle::Repeated, vec![("s", "A"), ("s", "B,C")]),
        (ListStyle::Brackets, vec![("s[]", "A"), ("s[]", "B,C")]),
        (ListStyle::Comma, vec![("s", "A,B,C")]),
    ] {
        let lists: &'static [(&'static str, ListStyle)] = Box::leak(Box::new([("s", style)]));
        let info = OperationInfo { lists, ..INFO };
        let pairs = query_pairs(&info, "s", &json!(["A", "B,C"]));
        let want: Vec<(String, String)> = written
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(pairs, want, "{style:?}");
        let mut query = pairs;
        query.push(("other".into(), "1".into()));
        let read = query_params(&info, &query);
        let items = match style {
            // Commas inside an item cannot survive the comma style.
            ListStyle::Comma => json!(["A", "B", "C"]),
            _ => json!(["A", "B,C"]),
        };
        assert_eq!(
            read,
            vec![("s".to_owned(), items), ("other".to_owned(), json!("1"))]
        );
    }
}

/// The slot holds the payload of a success only: a payload the one pass
/// read before a status that turns the answer into a failure or "not
/// modified" is not left in it (a later attempt must not find it there).
#[test]
fn the_slot_keeps_no_payload_of_an_answer_that_has_none() {
    let read = |body: &str| {
        let mut slot = None;
        let result =
            decode_response_into::<Receipt>(caspos(), &INFO, 200, body.as_bytes(), &mut slot);
        (result.map(|(answer, _)| answer), slot)
    };
    let payload = r#"{"data": {"id": 7, "total": 1.5}"#;
    match read(&format!(r#"{payload}, "code": "9", "message": "no"}}"#)) {
        (Err(Failure::Vendor { code, .. }), None) => assert_eq!(code, Some(Code::str("9"))),
        other => panic!("expected a vendor failure and an empty slot, got {other:?}"),
    }
    assert_eq!(
        read(&format!(r#"{payload}, "code": "4"}}"#)),
        (Ok(Answer::NotModified), None)
    );
    assert_eq!(
        read(&format!(r#"{payload}, "code": "1"}}"#)),
        (Ok(Answer::Replayed), Some(Receipt { id: 7, total: 1.5 }))
    );
    // A payload that does not fit: the error, and nothing in the slot.
    match read(r#"{"data": {"id": "seven", "total": 1.5}, "code": "0"}"#) {
        (Err(Failure::Decode(e)), None) => assert_eq!(e.path, "data.id"),
        other => panic!("expected a decode failure and an empty slot, got {other:?}"),
    }
}

/// The simulator's reading of a body it holds as JSON is the client's
/// reading of the same body as text.
#[cfg(feature = "mock")]
#[test]
fn a_body_held_as_json_reads_as_its_text_does() {
    let rest = vendor(Protocol::Rest {
        response: Envelope {
            error_from_http: true,
            ..envelope(Some("Data"))
        },
    });
    let bare = vendor(Protocol::Rest {
        response: Envelope::BARE,
    });
    let rpc = vendor(Protocol::JsonRpc { by_position: false });
    let bodies = [
        json!({"code": "0", "data": {"id": 1}}),
        json!({"code": 0, "data": null}),
        json!({"code": "4"}),
        json!({"code": "1", "data": {"id": 1}}),
        json!({"code": "17", "message": "no"}),
        json!({"code": true}),
        json!({"data": {"id": 1}}),
        json!({"jsonrpc": "2.0", "result": {"id": 1}, "id": 1}),
        json!({"jsonrpc": "2.0", "error": {"code": -32000, "message": "no"}, "id": 1}),
        json!({"jsonrpc": "2.0", "id": 1}),
        json!([1, 2]),
        json!("text"),
        Value::Null,
    ];
    let mut read = 0;
    for v in [caspos(), rest, bare, rpc] {
        for status in [200, 204, 400, 404, 500] {
            for body in &bodies {
                let text = decode_response(v, &INFO, status, &body.to_string()).map(|d| {
                    match (d.not_modified, d.replayed) {
                        (true, _) => Answer::NotModified,
                        (_, true) => Answer::Replayed,
                        _ => Answer::Done,
                    }
                });
                read += usize::from(text.is_ok());
                assert_eq!(
                    crate::codec::answer_of(v, status, body),
                    text.ok(),
                    "{body} at {status}, {:?}",
                    v.protocol
                );
            }
        }
    }
    // Each reading occurs: the comparison is not all failures.
    assert!(read >= 10, "{read}");
}
