//! What the simulator remembers, as the spec declares it: the documents
//! that fiscal operations create (deduplicated by key where the vendor
//! does), and the current value of each chained state header.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::codec::value_to_text;
use crate::{Dedup, OperationInfo, Vendor};

/// A document a fiscal operation created.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    /// Running number, from 1.
    pub number: u64,
    /// Wire name of the operation.
    pub operation: &'static str,
    /// The idempotency key it was created under.
    pub key: Option<String>,
    /// The parameters of the request that created it.
    pub params: Value,
    /// The payload it was answered with.
    #[serde(skip)]
    pub(super) answer: super::Canned,
}

#[derive(Default)]
pub(super) struct Memory {
    pub documents: Vec<Document>,
    by_key: HashMap<(&'static str, String), usize>,
    /// Current value of each state header, by header name.
    chain: HashMap<&'static str, String>,
}

/// What the simulator does with a request before answering it.
pub(super) enum Admit {
    /// Answer normally (and record a document if the operation is fiscal).
    Go,
    /// A repeated key of a vendor that replays: answer with the document's answer.
    Replay(super::Canned),
    /// The request carries a stale value of a chained header.
    Stale(&'static str),
}

impl Memory {
    pub(super) fn admit(
        &self,
        vendor: &Vendor,
        info: &OperationInfo,
        params: &Value,
        header: impl Fn(&str) -> Option<String>,
    ) -> Admit {
        if let Some(key) = key_of(info, params)
            && let Some(idem) = info.idempotency
            && idem.dedup == Dedup::Replays
            && let Some(i) = self.by_key.get(&(info.wire, key))
        {
            return Admit::Replay(self.documents[*i].answer.clone());
        }
        for state in vendor.state {
            if state.sent_by.contains(&info.wire)
                && let Some(current) = self.chain.get(state.header)
                && header(state.header).as_deref() != Some(current.as_str())
            {
                return Admit::Stale(state.header);
            }
        }
        Admit::Go
    }

    /// Records what a request the vendor applied changed: a document,
    /// chained headers. Returns the headers to send.
    pub(super) fn apply(
        &mut self,
        vendor: &Vendor,
        info: &OperationInfo,
        params: &Value,
        answer: &super::Canned,
    ) -> Vec<(String, String)> {
        if info.fiscal {
            let key = key_of(info, params);
            let number = self.documents.len() as u64 + 1;
            if let Some(key) = &key {
                self.by_key
                    .insert((info.wire, key.clone()), self.documents.len());
            }
            self.documents.push(Document {
                number,
                operation: info.wire,
                key,
                params: params.clone(),
                answer: answer.clone(),
            });
        }
        let mut headers = Vec::new();
        for state in vendor.state {
            if state.set_by.contains(&info.wire) {
                // A canned answer may name the next value itself.
                let next = answer
                    .headers
                    .iter()
                    .find(|(h, _)| h.eq_ignore_ascii_case(state.header))
                    .map_or_else(|| uuid::Uuid::new_v4().to_string(), |(_, v)| v.clone());
                self.chain.insert(state.header, next.clone());
                headers.push((state.header.to_owned(), next));
            }
        }
        headers
    }

    /// The payload field a state header's recovery operation reports, with
    /// its current value.
    pub(super) fn recovered(&self, vendor: &Vendor, info: &OperationInfo) -> Vec<(String, Value)> {
        vendor
            .state
            .iter()
            .filter_map(|s| match s.recover {
                Some((wire, field)) if wire == info.wire => self
                    .chain
                    .get(s.header)
                    .map(|v| (field.to_owned(), Value::String(v.clone()))),
                _ => None,
            })
            .collect()
    }
}

fn key_of(info: &OperationInfo, params: &Value) -> Option<String> {
    let idem = info.idempotency?;
    params
        .get(idem.field)
        .and_then(value_to_text)
        .filter(|k| !k.is_empty())
}
