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

/// A field group on a request: exactly one of two ids.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "addItem", response = OpenShiftResponse, error = ApiError)]
#[kassa(exactly_one_of = ["SaleItemID", "inventory"], at_least_one_of = ["qty", "inventory"])]
pub struct AddItem {
    #[serde(rename = "SaleItemID")]
    pub sale_item_id: Option<u64>,
    pub inventory: Option<String>,
    pub qty: Option<u32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "getShift", response = OpenShiftResponse, error = ApiError, name = "shift", safe_to_retry, not_modified)]
pub struct GetShift {
    pub id: u32,
}

/// A JSON-RPC method by position, and a reply that is a PDF.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation)]
#[kassa(wire = "planSet", response = kassa::Base64, error = ApiError, params = "by_position")]
#[kassa(reply = "binary", content_type = "application/pdf")]
pub struct PlanSet {
    pub metric: String,
    pub year: i32,
    pub month: Option<i32>,
}

fn info<O: Operation>() -> kassa::OperationInfo {
    O::INFO
}

fn main() {
    let p = info::<PlanSet>();
    assert_eq!(p.params, &["metric", "year", "month"]);
    assert_eq!(p.rpc_params, Some(kassa::RpcParams::ByPosition));
    assert_eq!(p.reply, kassa::ReplyKind::Binary);
    assert_eq!(p.content_type, Some("application/pdf"));
    assert_eq!(info::<GetShift>().reply, kassa::ReplyKind::Json);
    assert_eq!(info::<GetShift>().rpc_params, None);

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

    use kassa::Validate as _;
    let one = AddItem { sale_item_id: Some(1), qty: Some(2), ..Default::default() };
    assert!(one.validate().is_ok());
    let both = AddItem { sale_item_id: Some(1), inventory: Some("x".into()), ..Default::default() };
    let e = both.validate().unwrap_err().to_string();
    assert!(e.contains("exactly one of `SaleItemID`, `inventory` must be given; 2 are"), "{e}");
    let e = AddItem::default().validate().unwrap_err().to_string();
    assert!(e.contains("exactly one of"), "{e}");
    let only_qty = AddItem { qty: Some(1), ..Default::default() };
    assert!(only_qty.validate().unwrap_err().to_string().contains("exactly one of"));
    let no_qty = AddItem { sale_item_id: Some(1), ..Default::default() };
    let e = no_qty.validate().unwrap_err().to_string();
    assert!(e.contains("at least one of `qty`, `inventory` must be given; 0 are"), "{e}");
}
