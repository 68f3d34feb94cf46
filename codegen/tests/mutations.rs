//! Random mutations of a valid spec never panic the checker.

use std::path::{Path, PathBuf};

use kassa_codegen::check::check_files;
use proptest::prelude::*;

fn fixture() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini");
    ["vendor.yaml", "api.yaml"]
        .iter()
        .map(|f| (dir.join(f), std::fs::read(dir.join(f)).unwrap()))
        .collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..20usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (
            any::<usize>(),
            prop::collection::vec(
                prop_oneof![
                    Just(b':'),
                    Just(b' '),
                    Just(b'\n'),
                    Just(b'-'),
                    Just(b'{'),
                    Just(b'"'),
                    Just(b'&'),
                    Just(b'*'),
                    any::<u8>()
                ],
                1..8
            )
        )
            .prop_map(|(a, b)| Mutation::Insert(a, b)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Mutation::Insert(at, b) => {
            let at = at % len;
            bytes.splice(at..at, b.iter().copied());
        }
        Mutation::DuplicateLine(i) | Mutation::SwapLines(i, _) => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let a = i % lines.len();
            match m {
                Mutation::DuplicateLine(_) => {
                    let l = lines[a].clone();
                    lines.insert(a, l);
                }
                Mutation::SwapLines(_, j) => {
                    let b = j % lines.len();
                    lines.swap(a, b);
                }
                _ => {}
            }
            *bytes = lines.join(&b'\n');
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]
    #[test]
    fn mutated_specs_never_panic(file in 0..2usize, mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut files = fixture();
        for m in &mutations {
            apply(&mut files[file].1, m);
        }
        let dir = Path::new("mini");
        // Either valid, or diagnostics; both are fine. A panic fails the test.
        let (spec, diags, _) = check_files(dir, files);
        prop_assert!(spec.is_some() || !diags.is_empty());
    }
}
