#!/usr/bin/env bash
# Whole-process timing of `phimask scrub` on a JSONL corpus, per thread count.
# Usage: benches/cli_scrub.sh [BINARY] [CORPUS] [RUNS]
#   BINARY defaults to target/release/phimask, CORPUS to /tmp/cli555.jsonl
#   (made with: cargo run --release -p phimask-corpora --bin phimask-corpus --
#    generate --seed 555 --count 20000 --out /tmp/cli555.jsonl), RUNS to 3.
# Prints, for --threads 1 and 2, the best and median wall time of RUNS runs,
# the MB/s (10^6 bytes of input per second of wall time) of the best, and
# the CPU time (user + system) of the best run: on a shared machine the CPU
# time is the steadier figure.
set -euo pipefail
bin="${1:-target/release/phimask}"
corpus="${2:-/tmp/cli555.jsonl}"
runs="${3:-3}"
size=$(stat -c %s "$corpus")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
TIMEFORMAT='%R %U %S'
for t in 1 2; do
  rows=()
  for _ in $(seq "$runs"); do
    r=$( { time "$bin" scrub -q --threads "$t" "$corpus" -o "$out/out.jsonl" >/dev/null; } 2>&1 )
    read -r wall user sys <<<"$r"
    rows+=("$wall $(echo "$user + $sys" | bc -l)")
  done
  sorted=$(printf '%s\n' "${rows[@]}" | sort -g)
  best=$(echo "$sorted" | head -n 1)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p" | cut -d' ' -f1)
  read -r bwall bcpu <<<"$best"
  printf 'threads %s: best %.2f s wall (%.2f s CPU), median %.2f s, %.1f MB/s (input %d bytes, %s runs)\n' \
    "$t" "$bwall" "$bcpu" "$median" "$(echo "$size / 1000000 / $bwall" | bc -l)" "$size" "$runs"
done
