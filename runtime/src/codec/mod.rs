//! Protocol codecs: pure functions between typed-agnostic JSON values and
//! HTTP exchanges, in both directions.
//!
//! The client encodes requests and decodes responses; the example server
//! (and the decode tool) decode requests and encode responses with the
//! same code, so what one side writes the other reads.

mod assemble;
mod beside;
mod body;
mod direct;
mod lenient;
mod positional;
mod query;
mod raw;
mod request;
mod response;
#[cfg(feature = "mock")]
pub(crate) use response::answer_of;
mod sign;
mod split;
mod tagged;
mod text;
mod typed;
mod wire;

pub use assemble::{FORM, JSON, Outgoing, Prepared, assemble};
pub use beside::{Beside, SetBeside, set_absent};
pub use direct::push_segment;
pub use lenient::Lenient;
pub use query::{query_pairs, query_params};
pub use request::{AuthValues, DecodedRequest, EncodeError, decode_request, encode_request};
pub use response::{
    Decoded, Failure, decode_response, encode_failure, encode_success, failure_details,
};
pub use sign::sign;
pub use split::{Params, Split};
pub use tagged::{TaggedRecord, deserialize_tagged};
pub(crate) use typed::data_path;
pub use typed::{Answer, Typed, decode_response_as, decode_response_into};
pub(crate) use wire::join;
pub use wire::{WireBody, WireRequest, decode_typed, request_url, value_to_text};

/// A JSON value as short text for an error message: its JSON, cut after 64
/// characters.
pub fn excerpt(value: &serde_json::Value) -> String {
    const MAX: usize = 64;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}
