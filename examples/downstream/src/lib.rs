//! How a downstream crate uses kassa:
//!
//! - its own vendor, described in `spec/mini` and generated at compile time
//!   with `include_spec!` (edit the YAML and the crate rebuilds);
//! - one operation a vendor forgot to document, added on top of the
//!   generated Caspos client with `#[derive(kassa::Operation)]`.

kassa::include_spec!("spec/mini");

use kassa::serde::{Deserialize, Serialize};

/// `getDeviceTime`: not in the Caspos documentation, answered by the device.
#[derive(
    Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate, kassa::Operation,
)]
#[serde(crate = "kassa::serde")]
#[kassa(
    wire = "getDeviceTime",
    response = DeviceTime,
    error = kassa_client::caspos::ApiError,
    safe_to_retry
)]
pub struct GetDeviceTime {
    /// Time zone to report the time in.
    #[serde(rename = "timeZone")]
    #[kassa(max_length = 64)]
    pub time_zone: String,
}

/// The device's clock. `Validate` lets operation tables check decoded replies.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, kassa::Validate)]
#[serde(crate = "kassa::serde")]
pub struct DeviceTime {
    /// `dd.MM.yyyy HH:mm:ss`, as the device prints dates.
    pub now: String,
}
