// Constraint violations name the field by its wire path.
use kassa::{Decimal, Validate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate)]
pub struct Item {
    #[kassa(min_length = 1, max_length = 10)]
    pub name: String,
    #[serde(rename = "Price")]
    #[kassa(min = 0, max = "999999.99", scale = 2)]
    pub price: Decimal,
    #[kassa(min = 1, max = 1000)]
    pub quantity: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, kassa::Validate)]
#[serde(rename_all = "camelCase")]
pub struct Sale {
    #[kassa(min_length = 4, max_length = 4)]
    pub kkm_code: String,
    #[kassa(min_items = 1, max_items = 100)]
    pub items: Vec<Item>,
    #[kassa(min = 0.5, max = 1.5)]
    pub ratio: f64,
    #[kassa(placement = "envelope", max_length = 20)]
    pub r#type: String,
}

fn sale() -> Sale {
    Sale {
        kkm_code: "0042".to_owned(),
        items: vec![Item { name: "Tea".to_owned(), price: Decimal::new(250, 2), quantity: Some(2) }],
        ratio: 1.0,
        r#type: "sale".to_owned(),
    }
}

fn main() {
    assert_eq!(sale().validate(), Ok(()));

    let mut s = sale();
    s.items[0].price = Decimal::new(12345, 3);
    let e = s.validate().unwrap_err();
    assert_eq!(e.path, "items[0].Price");
    assert_eq!(e.reason, "must have at most 2 decimal places, got 12.345");

    let mut s = sale();
    s.items[0].quantity = Some(0);
    assert_eq!(s.validate().unwrap_err().to_string(), "invalid request: `items[0].quantity` must be at least 1, got 0");

    let mut s = sale();
    s.items[0].name.clear();
    assert_eq!(s.validate().unwrap_err().path, "items[0].name");

    let mut s = sale();
    s.items.clear();
    assert_eq!(s.validate().unwrap_err().path, "items");

    let mut s = sale();
    s.kkm_code = "42".to_owned();
    assert_eq!(s.validate().unwrap_err().path, "kkmCode");

    let mut s = sale();
    s.ratio = 2.0;
    assert_eq!(s.validate().unwrap_err().reason, "must be at most 1.5, got 2");

    let mut s = sale();
    s.r#type = "x".repeat(21);
    assert_eq!(s.validate().unwrap_err().path, "type");
}
