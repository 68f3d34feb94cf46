//! The downstream crate's two uses of kassa, run against the example server.

use kassa::mock::{Canned, MockServer};
use kassa::{Config, Fresh, Operation};
use kassa_client::caspos;
use kassa_downstream_example::{GetDeviceTime, mini};
use serde_json::json;

fn caspos_client(mock: &MockServer) -> caspos::Client {
    caspos::Client::new(
        Config::new()
            .base_url(mock.url())
            .credentials("admin", "secret"),
    )
    .unwrap()
}

fn device_time() -> GetDeviceTime {
    GetDeviceTime {
        time_zone: "Asia/Baku".into(),
    }
}

/// An example server that does not know the operation says so, and the
/// client's error carries the server's reason, not only its status.
#[tokio::test]
async fn an_operation_the_example_server_does_not_know_is_named_in_the_error() {
    let mock = MockServer::start(&caspos::VENDOR, caspos::OPERATIONS)
        .await
        .unwrap();
    let client = caspos_client(&mock);
    let err = client.call(&device_time()).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "unexpected HTTP status 400: cannot decode the request at `operation`: \
         unknown operation \"getDeviceTime\""
    );
}

#[tokio::test]
async fn an_undocumented_operation_goes_through_the_generated_client() {
    // The example server knows the documented operations and this one.
    static OPS: std::sync::LazyLock<Vec<kassa::OperationEntry>> = std::sync::LazyLock::new(|| {
        let mut ops = caspos::OPERATIONS.to_vec();
        ops.push(kassa::OperationEntry::of::<GetDeviceTime>());
        ops
    });
    let mock = MockServer::start(&caspos::VENDOR, OPS.as_slice())
        .await
        .unwrap();
    mock.example(
        "getDeviceTime",
        None,
        Canned::ok(json!({"code": "0", "message": "Success operation", "data": {"now": "23.11.2026 10:00:00"}})),
    );
    let client = caspos_client(&mock);
    let time = client.call(&device_time()).await.unwrap();
    assert_eq!(time.now, "23.11.2026 10:00:00");
    let sent = mock.requests().pop().unwrap();
    assert_eq!(sent.operation, Some("getDeviceTime"));
    assert_eq!(
        sent.body_field("operation").as_deref(),
        Some("getDeviceTime")
    );
    assert_eq!(sent.params.unwrap()["timeZone"], "Asia/Baku");
    const { assert!(GetDeviceTime::INFO.safe_to_retry) };

    // Its constraint is checked before anything is sent.
    let too_long = GetDeviceTime {
        time_zone: "x".repeat(65),
    };
    let err = client.call(&too_long).await.unwrap_err();
    assert!(
        matches!(err, kassa::Error::InvalidRequest(ref e) if e.path == "timeZone"),
        "{err}"
    );
}

/// The mini vendor's GETGOODS answer: one folder, its quantity under the
/// alias `qty`.
fn drinks() -> Canned {
    Canned::ok(json!({"req": "GETGOODS", "status": 0, "objDT": 1678645018,
        "goods": [{"code": 10, "name": "Drinks", "kind": 2, "qty": 1000}]}))
}

#[tokio::test]
async fn the_included_spec_is_a_working_client() {
    let mock = MockServer::start(&mini::VENDOR, mini::OPERATIONS)
        .await
        .unwrap();
    mock.example("GETGOODS", None, drinks());
    let client =
        mini::Client::new(Config::new().base_url(mock.url()).credentials("a@b.c", "1")).unwrap();
    let Fresh::Modified(list) = client.get_goods(&mini::GetGoods::default()).await.unwrap() else {
        panic!("the example answers with goods");
    };
    assert_eq!(list.goods[0].name, "Drinks");
    assert_eq!(list.goods[0].kind, Some(mini::Kind::Folder));
    assert_eq!(
        list.goods[0].qnty,
        Some(kassa::Milli(1000)),
        "read from the alias `qty`"
    );
}

/// The build script's module (`kassa_codegen::Builder`) and
/// `include_spec!` read the same spec into the same vendor and operation
/// tables, and the build script's client works like the other.
#[tokio::test]
async fn the_build_script_module_matches_include_spec() {
    use kassa_downstream_example::mini_built;
    assert_eq!(
        format!("{:?}", mini_built::VENDOR),
        format!("{:?}", mini::VENDOR)
    );
    let infos = |table: &[kassa::OperationEntry]| {
        table
            .iter()
            .map(|e| format!("{:?}", e.info))
            .collect::<Vec<_>>()
    };
    assert_eq!(infos(mini_built::OPERATIONS), infos(mini::OPERATIONS));

    let mock = MockServer::start(&mini_built::VENDOR, mini_built::OPERATIONS)
        .await
        .unwrap();
    mock.example("GETGOODS", None, drinks());
    let client =
        mini_built::Client::new(Config::new().base_url(mock.url()).credentials("a@b.c", "1"))
            .unwrap();
    let Fresh::Modified(list) = client
        .get_goods(&mini_built::GetGoods::default())
        .await
        .unwrap()
    else {
        panic!("the example answers with goods");
    };
    assert_eq!(list.goods[0].kind, Some(mini_built::Kind::Folder));
}
