//! The lifecycles and counters a vendor declares, kept by the simulator:
//! which state each instance is in and since when (on the simulator's
//! clock), what a request may do in it, and what answers show.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::codec::value_to_text;
use crate::{Answer, Lifecycle, OperationInfo, Protocol, Vendor};

/// One instance of a lifecycle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instance {
    pub state: &'static str,
    /// When it entered the state, in seconds on the simulator's clock.
    pub since_secs: u64,
}

/// What the simulator holds for the lifecycles and counters.
#[derive(Default)]
pub(super) struct Lives {
    /// Per lifecycle (in the vendor's order): instances by key (`""` when
    /// the lifecycle has no `per`).
    instances: Vec<BTreeMap<String, Instance>>,
    counters: Vec<u64>,
    /// Keys handed out by creating operations so far.
    minted: u64,
}

/// A snapshot of the simulator's state, served at `GET /_kassa/state`.
#[derive(Clone, Debug, Serialize)]
pub struct Snapshot {
    /// Seconds on the simulator's clock.
    pub clock_secs: u64,
    /// Instances by key, per lifecycle name.
    pub lifecycles: BTreeMap<&'static str, BTreeMap<String, Instance>>,
    pub counters: BTreeMap<&'static str, u64>,
}

impl Lives {
    fn ensure(&mut self, vendor: &Vendor) {
        self.instances
            .resize_with(vendor.lifecycles.len(), BTreeMap::new);
        self.counters.resize(vendor.counters.len(), 0);
    }

    /// The answer that refuses the request, if a lifecycle does.
    pub(super) fn refusal(
        &mut self,
        vendor: &'static Vendor,
        info: &OperationInfo,
        params: &Value,
        now: Duration,
    ) -> Option<&'static Answer> {
        self.ensure(vendor);
        for (l, instances) in vendor.lifecycles.iter().zip(&mut self.instances) {
            let Some(mv) = l.move_of(info.wire) else {
                continue;
            };
            let state = match instance(l, instances, params, now) {
                Some(i) => i.state,
                None => Lifecycle::MISSING,
            };
            if !mv.from.contains(&state) {
                // Checked by `kassa check`: every refusal has an answer.
                return l.refusal(mv, state);
            }
        }
        None
    }

    /// Applies an answered request: creations, moves, counters. `payload`
    /// gets a created instance's key.
    pub(super) fn apply(
        &mut self,
        vendor: &'static Vendor,
        info: &OperationInfo,
        params: &Value,
        payload: Option<&mut Value>,
        now: Duration,
    ) {
        self.ensure(vendor);
        let mut payload = payload;
        for (l, instances) in vendor.lifecycles.iter().zip(&mut self.instances) {
            if let Some(c) = &l.created_by
                && c.operation == info.wire
            {
                self.minted += 1;
                let key = self.minted.to_string();
                if let Some(payload) = payload.as_deref_mut() {
                    let slot = match c.field {
                        Some(field) => field_mut(payload, field),
                        None => Some(payload),
                    };
                    if let Some(slot) = slot {
                        *slot = like(slot, self.minted);
                    }
                }
                instances.insert(
                    key,
                    Instance {
                        state: c.to,
                        since_secs: now.as_secs(),
                    },
                );
            }
            if let Some(to) = l.move_of(info.wire).and_then(|m| m.to) {
                let key = key_of(l, params);
                let entry = instances.entry(key).or_insert(Instance {
                    state: l.states[0],
                    since_secs: now.as_secs(),
                });
                if entry.state != to {
                    *entry = Instance {
                        state: to,
                        since_secs: now.as_secs(),
                    };
                }
            }
        }
        for (c, n) in vendor.counters.iter().zip(&mut self.counters) {
            if c.reset_by.contains(&info.wire) {
                *n = 0;
            }
            if c.counts.contains(&info.wire) {
                *n += 1;
            }
        }
    }

    /// Writes what the answer of `info` shows: lifecycle states, counters.
    pub(super) fn report(
        &mut self,
        vendor: &'static Vendor,
        info: &OperationInfo,
        params: &Value,
        payload: &mut Value,
        now: Duration,
    ) {
        self.ensure(vendor);
        for (l, instances) in vendor.lifecycles.iter().zip(&mut self.instances) {
            for r in l.reports.iter().filter(|r| r.operation == info.wire) {
                let state = instance(l, instances, params, now).map_or(l.states[0], |i| i.state);
                let shown = r
                    .values
                    .iter()
                    .find(|(s, _)| *s == state)
                    .and_then(|(_, v)| serde_json::from_str::<Value>(v).ok());
                if let (Some(shown), Some(slot)) = (shown, field_mut(payload, r.field)) {
                    *slot = shown;
                }
            }
        }
        for (c, n) in vendor.counters.iter().zip(&self.counters) {
            for (_, field) in c.reports.iter().filter(|(op, _)| *op == info.wire) {
                if let Some(slot) = field_mut(payload, field) {
                    *slot = like(slot, *n);
                }
            }
        }
    }

    pub(super) fn snapshot(&mut self, vendor: &'static Vendor, now: Duration) -> Snapshot {
        self.ensure(vendor);
        let lifecycles = vendor
            .lifecycles
            .iter()
            .zip(&mut self.instances)
            .map(|(l, instances)| {
                for i in instances.values_mut() {
                    expire(l, i, now);
                }
                (l.name, instances.clone())
            })
            .collect();
        let counters = vendor
            .counters
            .iter()
            .zip(&self.counters)
            .map(|(c, n)| (c.name, *n))
            .collect();
        Snapshot {
            clock_secs: now.as_secs(),
            lifecycles,
            counters,
        }
    }
}

/// The instance a request names, brought up to date with the clock;
/// `None` when it names one nothing created.
fn instance<'a>(
    l: &Lifecycle,
    instances: &'a mut BTreeMap<String, Instance>,
    params: &Value,
    now: Duration,
) -> Option<&'a Instance> {
    let key = key_of(l, params);
    if l.created_by.is_none() {
        instances.entry(key.clone()).or_insert(Instance {
            state: l.states[0],
            since_secs: 0,
        });
    }
    let i = instances.get_mut(&key)?;
    expire(l, i, now);
    Some(i)
}

fn expire(l: &Lifecycle, i: &mut Instance, now: Duration) {
    if let Some(e) = &l.expires
        && e.from.contains(&i.state)
        && now.as_secs() >= i.since_secs.saturating_add(e.after_secs)
    {
        *i = Instance {
            state: e.to,
            since_secs: i.since_secs + e.after_secs,
        };
    }
}

fn key_of(l: &Lifecycle, params: &Value) -> String {
    l.per
        .and_then(|field| params.get(field))
        .and_then(value_to_text)
        .unwrap_or_default()
}

/// `n` written the way the value it replaces is (a digit string stays one).
fn like(old: &Value, n: u64) -> Value {
    match old {
        Value::String(_) => Value::String(n.to_string()),
        _ => Value::from(n),
    }
}

/// The value at a `.`-separated path of object fields and array indexes
/// (`currencies.0.saleCount`); the last field is added when its object
/// exists.
fn field_mut<'a>(value: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    let (parents, last) = match path.rsplit_once('.') {
        Some((parents, last)) => (Some(parents), last),
        None => (None, path),
    };
    let mut at = value;
    for part in parents.into_iter().flat_map(|p| p.split('.')) {
        at = match (at, part.parse::<usize>()) {
            (Value::Array(items), Ok(i)) => items.get_mut(i)?,
            (other, _) => other.get_mut(part)?,
        };
    }
    Some(
        at.as_object_mut()?
            .entry(last.to_owned())
            .or_insert(Value::Null),
    )
}

/// The payload inside a response body: the envelope's data field, the body
/// itself (payload fields beside the status), or JSON-RPC's `result`.
pub(super) fn payload_mut<'a>(vendor: &Vendor, body: &'a mut Value) -> Option<&'a mut Value> {
    match &vendor.protocol {
        Protocol::JsonRpc { .. } => body.get_mut("result"),
        other => match other.envelope().and_then(|e| e.data_field) {
            Some(field) => body.get_mut(field),
            None => Some(body),
        },
    }
}
