//! JSON-RPC parameters by position, written from the members of a split
//! request without a `Value`.

use std::ops::Range;

use crate::OperationInfo;

/// `members` (`"a":1,"b":2`, with where each key is) as a JSON-RPC
/// `params` array: the operation's parameters in their documented order,
/// an absent one before a present one as `null`, none after the last
/// present one; members the operation does not list keep their order at
/// the end. What the `Value` encoder's `positional` makes of the same
/// object. `None` where a name occurs twice (that encoder keeps only the
/// last; the caller takes its path).
pub(super) fn positional(
    info: &OperationInfo,
    members: &[u8],
    keys: &[Range<usize>],
) -> Option<Vec<u8>> {
    let name = |i: usize| &members[keys[i].clone()];
    if (1..keys.len()).any(|i| (0..i).any(|j| name(i) == name(j))) {
        return None;
    }
    // A member's value runs from after its key's colon to the comma
    // before the next key (serde_json writes no spaces).
    let value = |i: usize| {
        let end = keys.get(i + 1).map_or(members.len(), |next| next.start - 1);
        &members[keys[i].end + 1..end]
    };
    let mut listed = vec![false; keys.len()];
    let mut items: Vec<&[u8]> = Vec::with_capacity(keys.len().max(info.params.len()));
    for param in info.params {
        match (0..keys.len()).find(|&i| is_key(name(i), param)) {
            Some(i) => {
                listed[i] = true;
                items.push(value(i));
            }
            None => items.push(b"null"),
        }
    }
    items.extend((0..keys.len()).filter(|&i| !listed[i]).map(value));
    while items.last() == Some(&&b"null"[..]) {
        items.pop();
    }
    let mut array = Vec::with_capacity(members.len() + 2);
    array.push(b'[');
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            array.push(b',');
        }
        array.extend_from_slice(item);
    }
    array.push(b']');
    Some(array)
}

/// Whether `written` is `name` as serde_json writes it as a key: in
/// quotes, escaped where JSON needs it.
fn is_key(written: &[u8], name: &str) -> bool {
    let plain = name.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\');
    match plain {
        true => {
            written.len() == name.len() + 2 && &written[1..written.len() - 1] == name.as_bytes()
        }
        false => serde_json::to_vec(name).is_ok_and(|quoted| quoted == written),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// The members of `object` as the split writes them.
    fn members(object: &Value) -> (Vec<u8>, Vec<Range<usize>>) {
        let mut members = Vec::new();
        let mut keys = Vec::new();
        for (k, v) in object.as_object().unwrap() {
            if !members.is_empty() {
                members.push(b',');
            }
            let start = members.len();
            serde_json::to_writer(&mut members, k).unwrap();
            keys.push(start..members.len());
            members.push(b':');
            serde_json::to_writer(&mut members, v).unwrap();
        }
        (members, keys)
    }

    #[test]
    fn parameters_go_in_their_documented_order_as_the_value_encoder_puts_them() {
        let info = OperationInfo {
            params: &["metric", "plan", "year", "month", "day"],
            ..OperationInfo::TEST
        };
        for (object, expected) in [
            (json!({}), json!([])),
            (
                json!({"year": 2026, "metric": "m"}),
                json!(["m", null, 2026]),
            ),
            (
                json!({"day": null, "plan": [1, {"a": "b,c"}], "extra": "x,\"y\""}),
                json!([null, [1, {"a": "b,c"}], null, null, null, "x,\"y\""]),
            ),
            (json!({"month": null, "metric": 1.5}), json!([1.5])),
            (
                json!({"weird \"key\"": 1}),
                json!([null, null, null, null, null, 1]),
            ),
            (
                json!({"year": 1, "a\\b": 2}),
                json!([null, null, 1, null, null, 2]),
            ),
        ] {
            let (members, keys) = members(&object);
            let array = positional(&info, &members, &keys).unwrap();
            let array: Value = serde_json::from_slice(&array).unwrap();
            assert_eq!(array, expected, "{object}");
            let map = object.as_object().unwrap().clone();
            let by_value = super::super::request::positional(&info, map);
            assert_eq!(array, by_value, "{object}");
        }
    }

    #[test]
    fn a_name_written_twice_is_left_to_the_value_encoder() {
        let members = br#""a":1,"a":2"#;
        let keys = [0..3, 6..9];
        assert_eq!(positional(&OperationInfo::TEST, members, &keys), None);
    }
}
