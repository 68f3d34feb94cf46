//! Where a call's payload goes: the caller's slot, filled once by the
//! decode of the attempt that succeeded.
//!
//! The attempt loop and the exchange are written against `dyn Slot`, so
//! they are one piece of code per vendor (its error table), not one per
//! operation, and the payload is not carried up through their futures:
//! it is decoded into the slot and stays there.

use std::future::Future;
use std::pin::Pin;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::codec::{self, Answer, Failure};
use crate::{OperationInfo, Vendor};

/// A decode on a blocking thread, then into the slot; `Err` when the
/// thread did not finish.
pub(super) type OnWorker<'a> =
    Pin<Box<dyn Future<Output = Result<Result<Answer, Failure>, String>> + Send + 'a>>;

/// The caller's slot for a response payload.
pub(super) trait Slot: Send {
    /// Decodes a body into the slot (left empty when the answer carries
    /// no payload: "not modified").
    fn decode(
        &mut self,
        vendor: &Vendor,
        info: &OperationInfo,
        status: u16,
        body: &[u8],
    ) -> Result<Answer, Failure>;

    /// [`Slot::decode`] on a blocking thread, for a body large enough to
    /// hold up an async worker.
    fn decode_on_worker(
        &mut self,
        vendor: &'static Vendor,
        info: OperationInfo,
        status: u16,
        body: bytes::Bytes,
    ) -> OnWorker<'_>;

    /// The payload as JSON (a login's answer, a state header's source).
    fn to_value(&self) -> Option<Value>;
}

impl<T> Slot for Option<T>
where
    T: DeserializeOwned + Serialize + Send + 'static,
{
    fn decode(
        &mut self,
        vendor: &Vendor,
        info: &OperationInfo,
        status: u16,
        body: &[u8],
    ) -> Result<Answer, Failure> {
        codec::decode_response_into(vendor, info, status, body, self).map(|(answer, _)| answer)
    }

    fn decode_on_worker(
        &mut self,
        vendor: &'static Vendor,
        info: OperationInfo,
        status: u16,
        body: bytes::Bytes,
    ) -> OnWorker<'_> {
        Box::pin(async move {
            let decoded = tokio::task::spawn_blocking(move || {
                codec::decode_response_as::<T>(vendor, &info, status, &body)
            })
            .await
            .map_err(|e| e.to_string())?;
            // A failure leaves the slot empty, as the decode in place does.
            Ok(decoded.map(|typed| {
                *self = typed.data;
                typed.answer
            }))
        })
    }

    fn to_value(&self) -> Option<Value> {
        self.as_ref()
            .map(|data| serde_json::to_value(data).unwrap_or(Value::Null))
    }
}
