#!/usr/bin/env bash
# Builds every fuzz target and runs each for a short, bounded time.
#
#   fuzz/run-smoke.sh [SECONDS_PER_TARGET]     (default 10, or $FUZZ_SECONDS)
#
# * With a nightly toolchain and cargo-fuzz installed, it uses
#   `cargo +nightly fuzz run` (AddressSanitizer on).
# * Otherwise it builds the same targets with the current toolchain
#   (stable works) and libFuzzer's coverage instrumentation, and runs the
#   binaries directly.
# * It exits 0 with a "skipped:" line when no C++ compiler is there to build
#   libFuzzer, or when FUZZ_SMOKE=0; it exits 1 when a target crashes (the
#   input is saved under fuzz/artifacts/<target>/: copy it to
#   fuzz/regressions/<target>/, fix the bug, and `cargo test` replays it).
set -euo pipefail

cd "$(dirname "$0")"
SECS="${1:-${FUZZ_SECONDS:-10}}"
TARGETS=(analyze_mask policy_parse offsets scrub_readers)

if [ "${FUZZ_SMOKE:-1}" = "0" ]; then
    echo "fuzz smoke: skipped: FUZZ_SMOKE=0"
    exit 0
fi
if ! command -v c++ >/dev/null 2>&1 && ! command -v g++ >/dev/null 2>&1 && ! command -v clang++ >/dev/null 2>&1; then
    echo "fuzz smoke: skipped: no C++ compiler to build libFuzzer"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p artifacts

run_one() { # target separator command... (separator: "--" for cargo fuzz, "" for a binary)
    local t="$1" sep="$2"; shift 2
    local args=("$work/corpus-$t" "regressions/$t")
    [ -n "$sep" ] && args+=("$sep")
    args+=(-max_total_time="$SECS" -max_len=65536 -rss_limit_mb=4096
        -artifact_prefix="artifacts/$t/" -print_final_stats=1)
    mkdir -p "artifacts/$t" "$work/corpus-$t"
    echo "fuzz smoke: $t for ${SECS}s"
    if ! "$@" "${args[@]}" >"$work/$t.log" 2>&1; then
        tail -n 40 "$work/$t.log"
        echo "fuzz smoke: FAILED: $t crashed; the input is in fuzz/artifacts/$t/" >&2
        echo "  copy it to fuzz/regressions/$t/, fix the bug, and cargo test replays it" >&2
        return 1
    fi
    grep -E "^stat::number_of_executed_units|^Done [0-9]+ runs" "$work/$t.log" | tail -n 1 || true
}

status=0
if cargo +nightly --version >/dev/null 2>&1 && cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "fuzz smoke: using cargo +nightly fuzz"
    for t in "${TARGETS[@]}"; do
        cargo +nightly fuzz build "$t"
    done
    for t in "${TARGETS[@]}"; do
        run_one "$t" -- cargo +nightly fuzz run "$t" || status=1
    done
else
    if cargo +nightly --version >/dev/null 2>&1; then
        echo "fuzz smoke: nightly found but not cargo-fuzz (cargo install cargo-fuzz); building the targets directly"
    else
        echo "fuzz smoke: no nightly toolchain (cargo-fuzz needs it); building the targets directly with $(rustc --version)"
    fi
    host="$(rustc -vV | sed -n 's/^host: //p')"
    target_dir="${CARGO_TARGET_DIR:-target}"
    # The flags cargo-fuzz passes, minus the nightly-only sanitizer; --target
    # keeps them off build scripts.
    RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
        cargo build --profile smoke --bins --target "$host" --target-dir "$target_dir"
    for t in "${TARGETS[@]}"; do
        run_one "$t" "" "$target_dir/$host/smoke/$t" || status=1
    done
fi
if [ "$status" = 0 ]; then
    echo "fuzz smoke: all ${#TARGETS[@]} targets built and ran without a crash"
fi
exit "$status"
