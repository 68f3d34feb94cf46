//! The split encoder (parameters serialized once, the envelope written per
//! attempt) sends byte for byte what the `Value` encoder sends, for every
//! example request of every vendor and for typed requests that place fields
//! in the path, the query, headers and the envelope, are signed, or go by
//! position.

use std::path::Path;

use kassa::codec::{AuthValues, Outgoing, Prepared, encode_request};
use kassa::mock::example_params;
use kassa::{Method, Operation, OperationEntry, OperationInfo, Placement, Secret, Vendor};
use kassa_client::{caspos, heado, icash, kassa24, smpos};
use serde::Serialize;
use serde_json::Value;

fn auth() -> AuthValues<'static> {
    AuthValues {
        username: Some("us\"er".into()),
        password: Some(Secret::new("p/a+ss wörd").into()),
        token: Some(Secret::new("tok-1").into()),
        session: Some(Secret::new("ses-1").into()),
        api_key: Some(Secret::new("key").into()),
        secret_key: Some(Secret::new("secret").into()),
        nonce: Some(1_700_000_000),
        context: vec![
            ("WareHouseID".into(), 5.into()),
            ("UserID".into(), 7.into()),
        ]
        .into(),
        state: vec![("Uid".into(), "u-1".into())].into(),
        rpc_id: 7,
        rpc_by_position: false,
        route: None,
    }
}

/// Encodes `request` both ways and compares; the minted key of the split
/// path is put where the `Value` path would mint it. A `direct` path (the
/// request's [`Operation::direct_path`]) must be the path both write.
fn same_bytes<T: Serialize>(
    vendor: &Vendor,
    info: &OperationInfo,
    request: &T,
    direct: Option<String>,
) -> bool {
    same_bytes_with(vendor, info, request, direct, &auth())
}

fn same_bytes_with<T: Serialize>(
    vendor: &Vendor,
    info: &OperationInfo,
    request: &T,
    direct: Option<String>,
    auth: &AuthValues<'_>,
) -> bool {
    let (prepared, key) = Prepared::new(vendor, info, request).unwrap();
    assert!(
        matches!(prepared, Prepared::Split(_)),
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
    let old = encode_request(vendor, info, value, auth).map(Outgoing::from);
    let new = prepared.outgoing(vendor, info, auth);
    assert_eq!(new, old, "{} {}", vendor.id, info.wire);
    if let Some(direct) = direct {
        let new = new.unwrap();
        assert_eq!(direct, new.path, "{} {}", vendor.id, info.wire);
        assert!(new.body.is_none() && new.query.is_empty(), "{}", info.wire);
    }
    true
}

/// How many example requests of a vendor were compared, and how many of
/// them had a direct path.
fn examples(id: &str, vendor: &'static Vendor, ops: &'static [OperationEntry]) -> (usize, usize) {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec")).join(id);
    let (spec, diags, _) = kassa_codegen::check::check_dir(&dir);
    let spec = spec.unwrap_or_else(|| panic!("spec/{id} does not check: {diags:#?}"));
    let (mut n, mut direct) = (0, 0);
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
            let path = (entry.direct_path)(params.clone());
            direct += usize::from(path.is_some());
            n += usize::from(same_bytes(vendor, &entry.info, &params, path));
        }
    }
    (n, direct)
}

#[test]
fn every_example_request_is_sent_byte_for_byte_the_same() {
    let counts = [
        examples("caspos", &caspos::VENDOR, caspos::OPERATIONS),
        examples("smpos", &smpos::VENDOR, smpos::OPERATIONS),
        examples("kassa24", &kassa24::VENDOR, kassa24::OPERATIONS),
        examples("heado", &heado::VENDOR, heado::OPERATIONS),
        examples("icash", &icash::VENDOR, icash::OPERATIONS),
    ];
    let n: usize = counts.iter().map(|(n, _)| n).sum();
    assert!(n >= 35, "only {n} example requests compared");
    // The documented requests all have bodies: none has a direct path.
    assert!(counts.iter().all(|(_, direct)| *direct == 0));
}

/// The direct paths of `ops` compared with what the general encoding
/// writes, for each read whose fields are all in its path (given an id,
/// or a code where the id is not a number); how many there were.
fn reads_by_path(vendor: &'static Vendor, ops: &'static [OperationEntry]) -> usize {
    let mut n = 0;
    for entry in ops {
        let info = &entry.info;
        let read = matches!(info.http, Some((Method::Get | Method::Delete, _)));
        let in_path =
            info.params.is_empty() && info.placement.iter().all(|(_, p)| *p == Placement::Path);
        let request = |value: Value| {
            let fields = info
                .placement
                .iter()
                .map(|(w, _)| (w.to_string(), value.clone()));
            let params = Value::Object(fields.collect());
            let path = (entry.direct_path)(params.clone())?;
            Some(((entry.request)(params).unwrap(), path))
        };
        let Some((params, path)) = request(Value::from(11344)).or_else(|| request("A-1/b".into()))
        else {
            assert!(
                !(read && in_path),
                "{} {}: no direct path",
                vendor.id,
                info.wire
            );
            continue;
        };
        assert!(
            read && in_path,
            "{} {} has a direct path",
            vendor.id,
            info.wire
        );
        same_bytes(vendor, info, &params, Some(path));
        n += 1;
    }
    n
}

#[test]
fn every_read_by_path_writes_its_path_as_the_general_encoding_does() {
    // Kassa24's reads by id; the other vendors are not REST.
    let n = reads_by_path(&kassa24::VENDOR, kassa24::OPERATIONS);
    assert!(n >= 5, "only {n} reads by path");
    for (vendor, ops) in [
        (&caspos::VENDOR, caspos::OPERATIONS),
        (&smpos::VENDOR, smpos::OPERATIONS),
        (&heado::VENDOR, heado::OPERATIONS),
        (&icash::VENDOR, icash::OPERATIONS),
    ] {
        assert_eq!(reads_by_path(vendor, ops), 0, "{}", vendor.id);
    }
}

fn typed<O: Operation>(vendor: &Vendor, request: &O) {
    same_bytes(vendor, &O::INFO, request, request.direct_path());
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
    // JSON-RPC by name; a signed form.
    typed(&heado::VENDOR, &heado::PurchaseRegister::default());
    typed(&icash::VENDOR, &icash::NewOperation::default());
}

#[test]
fn requests_by_position_are_sent_the_same() {
    let by_position = AuthValues {
        rpc_by_position: true,
        ..auth()
    };
    let plan = |month, day, day_corr_plan| heado::PlanSet {
        metric: "revenue".into(),
        plan: kassa::Number(kassa::Decimal::new(12_500_050, 2)),
        year: 2026,
        month,
        day,
        day_corr_plan,
    };
    // A gap before a given parameter is sent as null; none after the last.
    for request in [
        plan(None, None, None),
        plan(Some(12), None, None),
        plan(None, Some(4), None),
        plan(Some(12), Some(4), Some(1)),
    ] {
        same_bytes_with(
            &heado::VENDOR,
            &heado::PlanSet::INFO,
            &request,
            None,
            &by_position,
        );
    }
    let sale = heado::PurchaseRegister::default();
    same_bytes_with(
        &heado::VENDOR,
        &heado::PurchaseRegister::INFO,
        &sale,
        None,
        &by_position,
    );
}
