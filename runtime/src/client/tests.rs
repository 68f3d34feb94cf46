use super::*;

static VENDOR: Vendor = Vendor {
    id: "t",
    name: "T",
    servers: &[],
    protocol: crate::Protocol::JsonRpc { by_position: false },
    auth: &[],
    state: &[],
    lifecycles: &[],
    counters: &[],
};

#[test]
fn nonces_strictly_increase_across_threads() {
    let client = std::sync::Arc::new(
        Client::new(&VENDOR, Config::new().base_url("http://127.0.0.1:9")).unwrap(),
    );
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let c = client.clone();
            std::thread::spawn(move || (0..500).map(|_| c.next_nonce()).collect::<Vec<_>>())
        })
        .collect();
    let mut all: Vec<u64> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    let n = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), n, "a nonce was handed out twice");
    assert!(all[0] >= unix_now() - 5);
}

#[test]
fn mints_only_empty_keys() {
    static INFO: OperationInfo = OperationInfo {
        name: "sale",
        wire: "sale",
        wire_aliases: &[],
        http: None,
        placement: &[],
        idempotency: Some(crate::Idempotency {
            field: "documentUUID",
            mint: Mint::UuidV4,
            dedup: crate::Dedup::Replays,
        }),
        safe_to_retry: false,
        fiscal: true,
        recovery: None,
        not_modified: false,
    };
    let mut v = serde_json::json!({"documentUUID": ""});
    let key = mint_key(&INFO, &mut v).unwrap();
    assert_eq!(key.len(), 36);
    let mut v = serde_json::json!({"documentUUID": "given"});
    assert_eq!(mint_key(&INFO, &mut v).as_deref(), Some("given"));
}
