use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    pub id: u64,
}

// Every form either holds one type or stands for one value.
#[derive(Clone, Debug, PartialEq, kassa::OneOf)]
pub enum Deleted {
    Removed(Removed),
    Ok,
    #[kassa(value = "OK")]
    Both(Removed),
    #[kassa(value = 1.5)]
    Float,
    Pair(u8, u8),
}

fn main() {}
