//! The split encoder (parameters serialized once, the envelope written per
//! attempt) sends byte for byte what the `Value` encoder sends, for every
//! example request of every vendor and for typed requests that place fields
//! in the path, the query, headers and the envelope.

use std::path::Path;

use kassa::codec::{AuthValues, Outgoing, Prepared, encode_request, splits};
use kassa::mock::example_params;
use kassa::{Operation, OperationEntry, OperationInfo, Secret, Vendor};
use kassa_client::{caspos, heado, icash, kassa24, smpos};
use serde::Serialize;
use serde_json::Value;

fn auth() -> AuthValues {
    AuthValues {
        username: Some("us\"er".into()),
        password: Some(Secret::new("p/a+ss wörd")),
        token: Some(Secret::new("tok-1")),
        session: Some(Secret::new("ses-1")),
        api_key: Some(Secret::new("key")),
        secret_key: Some(Secret::new("secret")),
        nonce: Some(1_700_000_000),
        context: vec![
            ("WareHouseID".into(), 5.into()),
            ("UserID".into(), 7.into()),
        ],
        state: vec![("Uid".into(), "u-1".into())],
        rpc_id: 7,
        rpc_by_position: false,
        route: None,
    }
}

/// Encodes `request` both ways and compares; the minted key of the split
/// path is put where the `Value` path would mint it.
fn same_bytes<T: Serialize>(vendor: &Vendor, info: &OperationInfo, request: &T) -> bool {
    let auth = auth();
    let (prepared, key) = Prepared::new(vendor, info, request).unwrap();
    assert_eq!(
        matches!(prepared, Prepared::Split(_)),
        splits(vendor),
        "{} {}",
        vendor.id,
        info.wire
    );
    let mut value = serde_json::to_value(request).unwrap();
    if let (Some(key), Some(idem), Value::Object(map)) = (&key, info.idempotency, &mut value) {
        let empty = match map.get(idem.field) {
            None | Some(Value::Null) => true,
            Some(Value::String(s)) => s.is_empty(),
            Some(_) => false,
        };
        if empty {
            map.insert(idem.field.to_owned(), Value::String(key.clone()));
        }
    }
    let old = encode_request(vendor, info, value, &auth).map(Outgoing::from);
    let new = prepared.outgoing(vendor, info, &auth);
    assert_eq!(new, old, "{} {}", vendor.id, info.wire);
    true
}

fn examples(id: &str, vendor: &'static Vendor, ops: &'static [OperationEntry]) -> usize {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec")).join(id);
    let (spec, diags, _) = kassa_codegen::check::check_dir(&dir);
    let spec = spec.unwrap_or_else(|| panic!("spec/{id} does not check: {diags:#?}"));
    let mut n = 0;
    for op in &spec.operations {
        let entry = OperationEntry::find(ops, &op.wire).unwrap();
        for ex in &op.examples {
            let Some(request) = &ex.request else { continue };
            let Some(params) = example_params(vendor, ops, &op.wire, request) else {
                continue;
            };
            // Through the request type, as the client would serialize it.
            let Ok(params) = (entry.request)(params) else {
                continue;
            };
            n += usize::from(same_bytes(vendor, &entry.info, &params));
        }
    }
    n
}

#[test]
fn every_example_request_is_sent_byte_for_byte_the_same() {
    let n = examples("caspos", &caspos::VENDOR, caspos::OPERATIONS)
        + examples("smpos", &smpos::VENDOR, smpos::OPERATIONS)
        + examples("kassa24", &kassa24::VENDOR, kassa24::OPERATIONS)
        + examples("heado", &heado::VENDOR, heado::OPERATIONS)
        + examples("icash", &icash::VENDOR, icash::OPERATIONS);
    assert!(n >= 35, "only {n} example requests compared");
}

fn typed<O: Operation>(vendor: &Vendor, request: &O) {
    same_bytes(vendor, &O::INFO, request);
}

#[test]
fn typed_requests_with_every_placement_are_sent_the_same() {
    // REST: path, bearer header, Uid state header, JSON body; GET with a path.
    let sale = kassa24::Sale {
        id_kkm: 77505,
        positions: vec![kassa24::Position {
            name: "Çay \"1\"".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    typed(&kassa24::VENDOR, &sale);
    typed(&kassa24::VENDOR, &kassa24::GetShift { id_shift: 9 });
    typed(&kassa24::VENDOR, &kassa24::ListKkms::default());
    typed(
        &kassa24::VENDOR,
        &kassa24::Authenticate {
            login: "user".into(),
            password: "secret".into(),
        },
    );
    // Envelope with `data`, a minted key, and a field beside `data`.
    typed(&caspos::VENDOR, &caspos::Sale::default());
    typed(&caspos::VENDOR, &caspos::OpenShift::default());
    typed(&caspos::VENDOR, &caspos::GetShiftStatus);
    // Parameters merged into the envelope.
    typed(&smpos::VENDOR, &smpos::GetGoods::default());
    // JSON-RPC by name; form and HMAC (the Value path).
    typed(&heado::VENDOR, &heado::PurchaseRegister::default());
    typed(&icash::VENDOR, &icash::NewOperation::default());
}
