// Operation::INFO carries every key of #[kassa(...)].
use kassa::{Method, Mint, Operation, Placement};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, kassa::ErrorTable)]
#[kassa(repr = "int")]
pub enum ApiError {
    #[kassa(other)]
    Unknown,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OpenShiftResponse {
    pub shift: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(
    wire = "openShift",
    response = OpenShiftResponse,
    error = ApiError,
    http = "POST /kkms/{IdKkm}/shifts",
    wire_aliases = ["OPEN_SHIFT"],
    idempotency = "documentUUID",
    mint = "uuid_v4"
)]
pub struct OpenShift {
    #[serde(rename = "cashierName")]
    #[kassa(placement = "envelope")]
    pub cashier_name: String,
    #[serde(rename = "IdKkm")]
    #[kassa(placement = "path")]
    pub id_kkm: u64,
    #[serde(rename = "documentUUID")]
    pub document_uuid: String,
    #[kassa(placement = "query", min = 1)]
    pub page: Option<u32>,
    #[kassa(placement = "query", style = "comma")]
    pub ids: Vec<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "getShift", response = OpenShiftResponse, error = ApiError, name = "shift", safe_to_retry, not_modified)]
pub struct GetShift {
    pub id: u32,
}

fn info<O: Operation>() -> kassa::OperationInfo {
    O::INFO
}

fn main() {
    let i = info::<OpenShift>();
    assert_eq!(i.name, "open_shift");
    assert_eq!(i.wire, "openShift");
    assert_eq!(i.wire_aliases, &["OPEN_SHIFT"]);
    assert_eq!(i.http, Some((Method::Post, "/kkms/{IdKkm}/shifts")));
    assert_eq!(i.placement, &[("cashierName", Placement::Envelope), ("IdKkm", Placement::Path), ("page", Placement::Query), ("ids", Placement::Query)]);
    assert_eq!(i.lists, &[("ids", kassa::ListStyle::Comma)]);
    assert_eq!(i.list_style("page"), None);
    assert_eq!(i.placement_of("documentUUID"), Placement::Params);
    assert_eq!(
        i.idempotency,
        Some(kassa::Idempotency {
            field: "documentUUID",
            mint: Mint::UuidV4,
            dedup: kassa::Dedup::NotChecked,
        })
    );
    assert!(!i.resend_is_safe() || i.safe_to_retry);
    assert!(!i.safe_to_retry && !i.not_modified);

    let g = info::<GetShift>();
    assert_eq!((g.name, g.wire, g.http), ("shift", "getShift", None));
    assert!(g.safe_to_retry && g.not_modified);
    assert!(g.placement.is_empty() && g.idempotency.is_none());
    let _: <GetShift as Operation>::Response = OpenShiftResponse { shift: 1 };
}
