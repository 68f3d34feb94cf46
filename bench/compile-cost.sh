#!/bin/sh
# What a downstream user pays to compile kassa: a tiny crate outside the
# workspace that depends on kassa-client with only the `kassa24` feature
# (and on kassa for `Config`, as the README's example does), built from
# clean: `cargo check`, then a debug `cargo build`, each in a fresh target
# directory.
#
#   bench/compile-cost.sh [REPO]     (REPO defaults to this script's repository)
#
#   ROUNDS=N     repeat N times and print medians (default 1)
#   ANCHOR=1     also build, alternately with kassa's crate, an anchor crate
#                doing the same call by hand (reqwest, serde, serde_json,
#                tokio, rust_decimal: the crates kassa's runtime uses for it),
#                and print kassa/anchor ratios, which a busy machine skews less
#   ANCHOR=progenitor
#                the anchor is instead a crate using progenitor's client of
#                Kassa24 (the issue's anchor): the code progenitor generates
#                from kassa's OpenAPI export rewritten as 3.0, written once
#                into the crate's src/kassa24.rs (what `cargo progenitor` or
#                a build.rs leaves), compiled with progenitor-client and the
#                crates that code uses, making the same get_shift call.
#                The code is written by `kassa-bench --progenitor-code`
#                (built here with `--release --features progenitor`, not
#                timed), or taken from PROGENITOR_CODE=FILE
#   CARGO_FLAGS  passed to cargo (e.g. "--offline")
#   KEEP=1       keep the temporary folder
#
# Then the rebuild after a touch: a crate holding the generated Kassa24
# module inline (copied from generated-client/src/kassa24) is built once,
# then in each of ROUNDS rounds each of its files is touched and `cargo
# build` timed (incremental, debug), the round's figure being their median;
# with an anchor, its file likewise, alternating with kassa's in each round
# as the clean builds do. Per operation: the module's figure over its 15
# operations, the anchor's over its one (progenitor's generated file: over
# its 15); the ratio is the median over rounds.
set -eu

repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
flags=${CARGO_FLAGS:-}
rounds=${ROUNDS:-1}
anchor=${ANCHOR:-0}
case "$rounds" in
'' | *[!0-9]*) rounds=0 ;;
esac
if [ "$rounds" -lt 1 ]; then
    echo "ROUNDS is a whole number of at least 1, not ${ROUNDS:-}" >&2
    exit 2
fi
case "$anchor" in
0 | 1) other=anchor ;;
progenitor) other=progenitor ;;
*)
    echo "ANCHOR is 0, 1 or progenitor, not $anchor" >&2
    exit 2
    ;;
esac
work=$(mktemp -d "${TMPDIR:-/tmp}/kassa-compile-cost.XXXXXX")
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

mkdir -p "$work/kassa/src" "$work/anchor/src" "$work/inline/src" "$work/progenitor/src"
cat > "$work/kassa/Cargo.toml" <<TOML
[package]
name = "kassa-compile-cost"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
kassa = { path = "$repo/kassa" }
kassa-client = { path = "$repo/generated-client", default-features = false, features = ["kassa24"] }

# Not a member of the repository's workspace.
[workspace]
TOML
cat > "$work/kassa/src/main.rs" <<'RS'
//! Calls one operation so the generic client code is instantiated.
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use kassa_client::kassa24;

fn main() {
    let config = kassa::Config::new()
        .base_url("http://127.0.0.1:1")
        .login(&kassa24::Authenticate {
            login: "user".into(),
            password: "pass".into(),
        });
    let client = kassa24::Client::new(config).expect("a client");
    let call = client.get_shift(&kassa24::GetShift { id_shift: 1 });
    // Polled only on request (it needs a runtime), compiled always.
    if std::env::var_os("KASSA_POLL").is_some() {
        let _ = pin!(call).poll(&mut Context::from_waker(Waker::noop()));
    }
}
RS
cat > "$work/anchor/Cargo.toml" <<'TOML'
[package]
name = "anchor-compile-cost"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
reqwest = { version = "0.13", default-features = false }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
tokio = { version = "1", features = ["rt", "macros", "sync", "time"] }
rust_decimal = { version = "1.43", default-features = false, features = ["std", "serde"] }

[workspace]
TOML
cat > "$work/anchor/src/main.rs" <<'RS'
//! The same call written by hand.
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

use rust_decimal::Decimal;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Envelope<T> {
    status: u16,
    data: T,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Shift {
    id: i64,
    balance_open: Decimal,
    balance_close: Decimal,
    date_open: String,
}

async fn get_shift(http: &reqwest::Client, token: &str) -> Result<Shift, String> {
    let response = http
        .get("http://127.0.0.1:1/shifts/1")
        .header("Authorization", format!("Bearer {token}"))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    let shift: Envelope<Shift> = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    (shift.status == 200).then_some(shift.data).ok_or_else(|| "status".into())
}

fn main() {
    let http = reqwest::Client::new();
    let call = get_shift(&http, "token");
    if std::env::var_os("KASSA_POLL").is_some() {
        if let std::task::Poll::Ready(Ok(s)) = pin!(call).poll(&mut Context::from_waker(Waker::noop())) {
            println!("{} {} {} {}", s.id, s.balance_open, s.balance_close, s.date_open);
        }
    }
}
RS
cat > "$work/progenitor/Cargo.toml" <<'TOML'
[package]
name = "progenitor-compile-cost"
version = "0.1.0"
edition = "2024"
publish = false

# What progenitor's generated Kassa24 client needs (as `cargo progenitor`
# writes it), TLS off as in kassa's crate.
[dependencies]
progenitor-client = "=0.15.1"
reqwest = { version = "0.13", default-features = false, features = ["json", "query", "stream"] }
serde = { version = "1", features = ["derive"] }
serde_json = "1"
chrono = { version = "0.4", default-features = false, features = ["serde"] }
uuid = { version = "1", features = ["serde"] }
regress = "0.12"

[workspace]
TOML
cat > "$work/progenitor/src/main.rs" <<'RS'
//! The same call through progenitor's generated Kassa24 client.
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};

mod kassa24;

fn main() {
    // progenitor leaves the bearer token to the caller's reqwest client.
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        reqwest::header::HeaderValue::from_static("Bearer token"),
    );
    let http = reqwest::Client::builder().default_headers(headers).build().expect("a client");
    let client = kassa24::Client::new_with_client("http://127.0.0.1:1", http);
    // kassa's IdShift is an integer that may come as digits: here an enum.
    let id = kassa24::types::GetShiftIdShift::Integer(1);
    let call = client.get_shift(&id);
    if std::env::var_os("KASSA_POLL").is_some() {
        let _ = pin!(call).poll(&mut Context::from_waker(Waker::noop()));
    }
}
RS
if [ "$anchor" = progenitor ]; then
    if [ -n "${PROGENITOR_CODE:-}" ]; then
        cp "$PROGENITOR_CODE" "$work/progenitor/src/kassa24.rs"
    else
        (cd "$repo" && cargo run -q --release $flags -p kassa-bench --features progenitor -- \
            --progenitor-code "$work/progenitor/src/kassa24.rs") || {
            echo "could not generate progenitor's client (kassa-bench --progenitor-code)" >&2
            exit 1
        }
    fi
fi
cat > "$work/inline/Cargo.toml" <<TOML
[package]
name = "inline-compile-cost"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
kassa = { path = "$repo/kassa" }

[workspace]
TOML
cp -r "$repo/generated-client/src/kassa24" "$work/inline/src/kassa24"
sed -e 's/^use kassa_client::kassa24;$/mod kassa24;/' "$work/kassa/src/main.rs" >"$work/inline/src/main.rs"
# The same dependency versions as the repository.
for c in kassa anchor inline progenitor; do cp "$repo/Cargo.lock" "$work/$c/Cargo.lock"; done

now() { date +%s.%N; }
# build CRATE COMMAND ROUND: prints the seconds of a clean `cargo COMMAND`.
build() {
    log="$work/$1-$2-$3.log"
    start=$(now)
    (cd "$work/$1" && CARGO_TARGET_DIR="$work/target-$1-$2-$3" cargo "$2" $flags) >"$log" 2>&1 || {
        cat "$log" >&2
        exit 1
    }
    end=$(now)
    rm -rf "$work/target-$1-$2-$3"
    crates=$(grep -c '^ *\(Compiling\|Checking\)' "$log" || true)
    secs=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
    echo "$1 $2 $secs" >>"$work/results"
    printf "  %-${width}s clean cargo %-6s %7s s  %4s crates  (load %s)\n" \
        "$1" "$2" "$secs" "$crates" "$(cut -d' ' -f1 /proc/loadavg)"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
values() { awk -v c="$1" -v m="$2" '$1 == c && $2 == m { print $3 }' "$work/results"; }

# Fetch the dependency sources first so no download is timed.
members="kassa inline"
[ "$anchor" = 0 ] || members="$members $other"
width=7
[ "$other" = anchor ] || width=10
for c in $members; do (cd "$work/$c" && cargo fetch $flags >/dev/null 2>&1) || true; done
echo "repo: $repo ($(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(rustc --version)"
: >"$work/results"
r=1
while [ "$r" -le "$rounds" ]; do
    echo "round $r"
    for cmd in check build; do
        if [ "$anchor" != 0 ] && [ $((r % 2)) = 0 ]; then
            build "$other" "$cmd" "$r"
            build kassa "$cmd" "$r"
        elif [ "$anchor" != 0 ]; then
            build kassa "$cmd" "$r"
            build "$other" "$cmd" "$r"
        else
            build kassa "$cmd" "$r"
        fi
    done
    r=$((r + 1))
done
echo "medians over $rounds round(s):"
for cmd in check build; do
    k=$(values kassa "$cmd" | median)
    if [ "$anchor" != 0 ]; then
        a=$(values "$other" "$cmd" | median)
        ratio=$(awk -v m="$cmd" -v o="$other" '
            $2 == m && $1 == "kassa" { k[++nk] = $3 } $2 == m && $1 == o { a[++na] = $3 }
            END { for (i = 1; i <= nk; i++) print k[i] / a[i] }' "$work/results" | median)
        printf '  clean cargo %-6s kassa %7s s  %s %7s s  ratio %.2f\n' "$cmd" "$k" "$other" "$a" "$ratio"
    else
        printf '  clean cargo %-6s kassa %7s s\n' "$cmd" "$k"
    fi
done

# prime CRATE: the untimed first build that the touches rebuild from.
prime() {
    (cd "$work/$1" && CARGO_TARGET_DIR="$work/target-$1-touch" cargo build $flags) \
        >"$work/$1-touch.log" 2>&1 || {
        cat "$work/$1-touch.log" >&2
        exit 1
    }
}
# touched CRATE FILE...: each FILE touched in turn and `cargo build` timed;
# prints the median seconds.
touched() {
    crate=$1
    shift
    : >"$work/touch-$crate"
    for file in "$@"; do
        touch "$work/$crate/$file"
        start=$(now)
        (cd "$work/$crate" && CARGO_TARGET_DIR="$work/target-$crate-touch" cargo build $flags) \
            >>"$work/$crate-touch.log" 2>&1
        end=$(now)
        awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f\n", e - s }' >>"$work/touch-$crate"
    done
    median <"$work/touch-$crate"
}
echo "rebuild after a touch (incremental debug build; a round's figure is the median over the files touched):"
files=$(cd "$work/inline" && ls src/kassa24/*.rs)
case "$anchor" in
progenitor) afile=src/kassa24.rs aops=15 alabel="progenitor kassa24.rs (15 operations)" ;;
1) afile=src/main.rs aops=1 alabel="anchor main.rs (1 operation)" ;;
esac
prime inline
[ "$anchor" = 0 ] || prime "$other"
# One line per round: kassa's seconds, the anchor's (or -); the order
# alternates, as for the clean builds.
: >"$work/rebuild"
r=1
while [ "$r" -le "$rounds" ]; do
    if [ "$anchor" = 0 ]; then
        k=$(touched inline $files) a=-
    elif [ $((r % 2)) = 0 ]; then
        a=$(touched "$other" "$afile")
        k=$(touched inline $files)
    else
        k=$(touched inline $files)
        a=$(touched "$other" "$afile")
    fi
    echo "$k $a" >>"$work/rebuild"
    if [ "$anchor" = 0 ]; then
        printf '  round %d: inline kassa24 module %6.2f s\n' "$r" "$k"
    else
        printf '  round %d: inline kassa24 module %6.2f s, %s %6.2f s\n' "$r" "$k" "$other" "$a"
    fi
    r=$((r + 1))
done
rm -rf "$work/target-inline-touch" "$work/target-$other-touch"
k=$(awk '{ print $1 }' "$work/rebuild" | median)
printf '  inline kassa24 module (15 operations)  %6.2f s  %6.3f s per operation\n' "$k" "$(awk -v k="$k" 'BEGIN { print k / 15 }')"
if [ "$anchor" != 0 ]; then
    a=$(awk '{ print $2 }' "$work/rebuild" | median)
    printf '  %-37s  %6.2f s  %6.3f s per operation\n' "$alabel" "$a" "$(awk -v a="$a" -v n="$aops" 'BEGIN { print a / n }')"
    printf '  ratio per operation %.2f (median over rounds)\n' \
        "$(awk -v n="$aops" '{ print ($1 / 15) / ($2 / n) }' "$work/rebuild" | median)"
fi
