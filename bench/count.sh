#!/bin/sh
# Instruction counts, which unlike times do not depend on the machine's
# load: the same binary and inputs count the same. Compare two commits by
# running this on each (valgrind must be installed; it takes a few minutes).
#
#   bench/count.sh [REPO]     (REPO defaults to this script's repository)
#
# Prints, per call of the loopback client (1000 calls of Kassa24 get_shift,
# each client alone) and per decode measure (its client path, 20 blocks of
# 3 rounds), the instructions of kassa and of its anchor. The loopback also
# gets the first-level cache misses of callgrind's cache model and the
# size of the code each client runs on every call (its hot code, in 64-byte
# lines and 4 KiB pages), and, for the whole process (server and the
# connections' tasks included), the misses of a 512 KiB second-level cache
# and the hot code again. Of these, the whole process's hot pages are what
# followed the timed gap when only the build changed (docs/performance.md).
#
#   CARGO_FLAGS  passed to cargo (e.g. "--offline")
set -eu

REPO=${1:-$(cd "$(dirname "$0")/.." && pwd)}
command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 1; }
cd "$REPO"
# shellcheck disable=SC2086
cargo build --release -q -p kassa-bench ${CARGO_FLAGS:-}
BIN=$REPO/target/release/kassa-bench
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

# totals FILE: the PROGRAM TOTALS line's counts, without their commas and
# percentages.
totals() {
    callgrind_annotate "$1" |
        awk '/PROGRAM TOTALS/ { gsub(/\([^)]*\)/, ""); gsub(",", ""); print; exit }'
}

# run NAME TOGGLE FILTER [VAR=VALUE...]: count FILTER's measure, collecting
# inside the functions TOGGLE names only.
run() {
    name=$1 toggle=$2 filter=$3
    shift 3
    env "$@" valgrind --tool=callgrind --cache-sim=yes --dump-instr=yes --dump-line=no \
        --compress-pos=no --callgrind-out-file="$OUT/$name" --toggle-collect="$toggle" \
        "$BIN" "$filter" >/dev/null 2>"$OUT/$name.log" || {
        cat "$OUT/$name.log" >&2
        exit 1
    }
}

# hot FILE: the distinct 64-byte lines and 4 KiB pages of code that ran at
# least once per call (1000 calls), from FILE's count of each instruction.
hot() {
    perl -ne '
        if (/^calls=/) { $skip = 1; next }
        next unless /^(0x[0-9a-f]+) (\d+)/;
        if ($skip) { $skip = 0; next }
        $ir{hex $1} += $2;
        END {
            for (grep { $ir{$_} >= 1000 } keys %ir) { $line{$_ >> 6} = 1; $page{$_ >> 12} = 1 }
            printf "%d %d\n", scalar keys %line, scalar keys %page;
        }' "$1"
}

echo "loopback/kassa24 get_shift, per call (1000 calls):"
run loop.kassa 'kassa_bench::loopback::kassa_block::*' 'loopback/kassa24 get_shift' \
    KASSA_BENCH_SIDE=kassa KASSA_BENCH_CALLS=400
run loop.raw 'kassa_bench::loopback::Raw::block::*' 'loopback/kassa24 get_shift' \
    KASSA_BENCH_SIDE=anchor KASSA_BENCH_CALLS=400
printf '  %-6s %12s %10s %10s %12s %12s\n' side instructions "I1 misses" "D1 misses" \
    "hot lines" "hot pages"
for side in kassa raw; do
    # Events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw.
    counts=$(totals "$OUT/loop.$side" | awk '{ printf "%.0f %.0f %.0f", $1 / 1000, $4 / 1000, ($5 + $6) / 1000 }')
    # shellcheck disable=SC2046
    printf '  %-6s %12s %10s %10s %12s %12s\n' "$side" $counts $(hot "$OUT/loop.$side")
done

echo "loopback/kassa24 get_shift, whole process with a 512 KiB second level, per call (1000 calls):"
for side in kassa anchor; do
    # No toggle: the connections' tasks and the server run outside both
    # clients' functions, and pay for what the client's code evicts.
    env KASSA_BENCH_SIDE=$side KASSA_BENCH_CALLS=400 valgrind --tool=callgrind --cache-sim=yes \
        --LL=524288,8,64 --dump-instr=yes --dump-line=no --compress-pos=no \
        --callgrind-out-file="$OUT/whole.$side" "$BIN" 'loopback/kassa24 get_shift' \
        >/dev/null 2>"$OUT/whole.$side.log" &
done
wait
printf '  %-6s %12s %10s %10s %10s %10s %10s\n' side instructions "L2 misses" "of code" "of data" \
    "hot lines" "hot pages"
for side in kassa anchor; do
    name=$side
    [ "$side" = anchor ] && name=raw
    [ -s "$OUT/whole.$side" ] || { cat "$OUT/whole.$side.log" >&2; exit 1; }
    # shellcheck disable=SC2046
    printf '  %-6s %12s %10s %10s %10s %10s %10s\n' "$name" $(totals "$OUT/whole.$side" |
        awk '{ printf "%.0f %.0f %.0f %.0f", $1 / 1000, ($7 + $8 + $9) / 1000, $7 / 1000, ($8 + $9) / 1000 }') \
        $(hot "$OUT/whole.$side")
done

echo "decode/… client path, instructions (kassa side; 20 blocks of 3 rounds):"
for filter in "decode/kassa24 close_shift" "decode/kassa24 x_report" "decode/kassa24 get_shift" \
    "decode/caspos get_periodic_z_report" "decode/icash get_operation" \
    "decode/smpos get_protocol" "decode/heado purchase_register_batch"; do
    run decode 'kassa_bench::client_path::client_path_decode*' "$filter" \
        KASSA_BENCH_SIDE=kassa KASSA_BENCH_ITERS=20 KASSA_BENCH_ROUNDS=3
    totals "$OUT/decode" | awk -v f="$filter" '{ printf "  %-42s %12s\n", f, $1 }'
done
