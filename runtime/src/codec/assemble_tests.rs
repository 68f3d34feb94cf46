//! Signed requests assembled from their split parts: form pairs and a JSON
//! envelope, against the `Value` encoder and against a body written by hand.

use serde_json::{Value, json};

use super::*;
use crate::{Envelope, Secret, SignatureEncoding};

const WAREHOUSE: u64 = 3;
const NONCE: u64 = 1_700_000_000;

/// iCash's scheme, with a parameter in the signed message.
const HMAC: Auth = Auth::Hmac {
    key_field: "api_key",
    nonce_field: "nonce",
    signature_field: "signature",
    message: &["nonce", "WareHouseID", "OperationID", "api_key"],
    encoding: SignatureEncoding::HexUpper,
    context: &["WareHouseID", "UserID"],
};
const SESSION: Auth = Auth::Session {
    logins: &["login"],
    from: "session_id",
    field: "ses",
    lifetime_secs: None,
    refused: None,
};

const FORM: Vendor = Vendor {
    id: "f",
    name: "F",
    servers: &[],
    protocol: Protocol::Form {
        path: "/api/{operation}",
        response: Envelope::BARE,
    },
    auth: &[HMAC, SESSION],
    state: &[],
    headers: &[],
    lifecycles: &[],
    counters: &[],
    revisions: &[],
};

#[cfg(feature = "hmac")]
static ENVELOPE: Vendor = Vendor {
    protocol: Protocol::JsonEnvelope {
        operation_field: "operation",
        params_field: Some("data"),
        echo_operation: false,
        response: Envelope::BARE,
    },
    ..FORM
};

fn auth() -> AuthValues<'static> {
    AuthValues {
        api_key: Some(Secret::new("k+y/1").into()),
        secret_key: Some(Secret::new("s3cr3t").into()),
        session: Some(Secret::new("ses 1").into()),
        nonce: Some(NONCE),
        context: vec![
            ("WareHouseID".into(), WAREHOUSE.into()),
            ("UserID".into(), Value::Null),
        ]
        .into(),
        ..AuthValues::default()
    }
}

/// A body's form pairs, sorted (the `Value` encoder's map may sort its keys).
fn sorted_pairs(body: &[u8]) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = form_urlencoded::parse(body).into_owned().collect();
    pairs.sort();
    pairs
}

/// A request whose fields keep their order (a `json!` map's order depends
/// on serde_json's features).
#[cfg(feature = "hmac")]
#[derive(serde::Serialize)]
#[allow(non_snake_case)]
struct Line {
    OperationID: u64,
    Qty: f64,
    Note: &'static str,
    Skip: Option<u32>,
}

#[cfg(feature = "hmac")]
fn request() -> Line {
    Line {
        OperationID: 5,
        Qty: 2.5,
        Note: "a&b c=д",
        Skip: None,
    }
}

#[cfg(feature = "hmac")]
fn request_value() -> Value {
    serde_json::to_value(request()).unwrap()
}

#[cfg(feature = "hmac")]
#[test]
fn a_signed_form_is_written_from_its_pairs_as_a_hand_written_one() {
    let info = &OperationInfo::TEST;
    let (prepared, _) = Prepared::new(&FORM, info, &request()).unwrap();
    let Prepared::Split(split) = &prepared else {
        panic!("a form request is split: {prepared:?}")
    };
    assert!(matches!(split.params, crate::codec::Params::Form { .. }));
    assert!(split.sends("Note") && !split.sends("Skip"));
    let sent = prepared.outgoing(&FORM, info, &auth()).unwrap();
    let signature = crate::codec::sign(
        b"s3cr3t",
        format!("{NONCE}{WAREHOUSE}5k+y/1").as_bytes(),
        SignatureEncoding::HexUpper,
    )
    .unwrap();
    // The parameters in the request's order, after the auth fields in the
    // schemes' order; the null context value and parameter left out.
    let by_hand = form_urlencoded::Serializer::new(String::new())
        .append_pair("api_key", "k+y/1")
        .append_pair("nonce", &NONCE.to_string())
        .append_pair("WareHouseID", &WAREHOUSE.to_string())
        .append_pair("signature", &signature)
        .append_pair("ses", "ses 1")
        .append_pair("OperationID", "5")
        .append_pair("Qty", "2.5")
        .append_pair("Note", "a&b c=д")
        .finish();
    let (content_type, body) = sent.body.clone().unwrap();
    assert_eq!(
        (content_type, body.as_slice()),
        (super::FORM, by_hand.as_bytes())
    );
    assert_eq!(sent.path, "/api/sale");
    let old = encode_request(&FORM, info, request_value(), &auth()).map(Outgoing::from);
    let old = old.unwrap();
    assert_eq!(sorted_pairs(&old.body.unwrap().1), sorted_pairs(&body));
}

#[cfg(feature = "hmac")]
#[test]
fn a_signed_envelope_covers_a_parameter_of_its_data() {
    let info = &OperationInfo::TEST;
    let (prepared, _) = Prepared::new(&ENVELOPE, info, &request()).unwrap();
    assert!(matches!(prepared, Prepared::Split(_)));
    let sent = prepared.outgoing(&ENVELOPE, info, &auth()).unwrap();
    let old = encode_request(&ENVELOPE, info, request_value(), &auth()).map(Outgoing::from);
    let json = |body: Option<(&str, Vec<u8>)>| -> Value {
        serde_json::from_slice(&body.unwrap().1).unwrap()
    };
    let new = json(sent.body);
    assert_eq!(new, json(old.unwrap().body));
    let expected = crate::codec::sign(
        b"s3cr3t",
        format!("{NONCE}{WAREHOUSE}5k+y/1").as_bytes(),
        SignatureEncoding::HexUpper,
    );
    assert_eq!(new["signature"].as_str(), expected.as_deref());
    assert_eq!(new["UserID"], Value::Null);
}

#[test]
fn a_parameter_named_as_an_auth_field_is_sent_as_the_value_encoder_sends_it() {
    static PLAIN: Vendor = Vendor {
        auth: &[SESSION],
        ..FORM
    };
    let info = &OperationInfo::TEST;
    let request = json!({"ses": "from the request", "n": 1});
    let (prepared, _) = Prepared::new(&PLAIN, info, &request).unwrap();
    let sent = prepared.outgoing(&PLAIN, info, &auth()).unwrap();
    let old = encode_request(&PLAIN, info, request, &auth()).map(Outgoing::from);
    let body = sent.body.unwrap().1;
    assert_eq!(
        sorted_pairs(&body),
        sorted_pairs(&old.unwrap().body.unwrap().1)
    );
    assert_eq!(
        sorted_pairs(&body),
        [
            ("n".into(), "1".into()),
            ("ses".into(), "from the request".into())
        ]
    );
}

#[test]
fn a_form_refuses_parameters_that_are_not_named_fields() {
    static PLAIN: Vendor = Vendor { auth: &[], ..FORM };
    let info = &OperationInfo::TEST;
    let list = json!([1, 2]);
    let (prepared, _) = Prepared::new(&PLAIN, info, &list).unwrap();
    let new = prepared.outgoing(&PLAIN, info, &auth());
    let old = encode_request(&PLAIN, info, list, &auth()).map(Outgoing::from);
    assert_eq!(new, old);
    assert!(
        new.unwrap_err()
            .to_string()
            .contains("a form sends named fields")
    );
}

#[test]
fn a_request_by_position_is_written_from_its_members() {
    static RPC: Vendor = Vendor {
        protocol: Protocol::JsonRpc { by_position: true },
        auth: &[],
        ..FORM
    };
    let info = &OperationInfo {
        params: &["a", "b", "c", "d"],
        ..OperationInfo::TEST
    };
    // Members are copied as serialized: the raw `1.50` stays as written,
    // where a `Value` would make it `1.5`.
    #[derive(serde::Serialize)]
    struct Request {
        c: Box<serde_json::value::RawValue>,
        a: &'static str,
        d: Option<u8>,
    }
    let request = Request {
        c: serde_json::value::RawValue::from_string("1.50".into()).unwrap(),
        a: "x",
        d: None,
    };
    let auth = AuthValues {
        rpc_by_position: true,
        rpc_id: 7,
        ..AuthValues::default()
    };
    let (prepared, _) = Prepared::new(&RPC, info, &request).unwrap();
    let sent = prepared.outgoing(&RPC, info, &auth).unwrap();
    let body = String::from_utf8(sent.body.unwrap().1).unwrap();
    assert_eq!(
        body,
        r#"{"jsonrpc":"2.0","method":"sale","params":["x",null,1.50],"id":7}"#
    );
}
