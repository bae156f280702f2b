#!/usr/bin/env bash
# Whole-process timing of `phimask scrub` on a JSONL corpus, per thread count.
# Usage: benches/cli_scrub.sh [BINARY] [CORPUS] [RUNS]
#   BINARY defaults to target/release/phimask, CORPUS to /tmp/cli555.jsonl
#   (made with: cargo run --release -p phimask-corpora --bin phimask-corpus --
#    generate --seed 555 --count 20000 --out /tmp/cli555.jsonl), RUNS to 3.
# Prints, for --threads 1 and 2, the best and median wall time of RUNS runs
# and the MB/s (10^6 bytes of input per second of wall time) of the best.
set -euo pipefail
bin="${1:-target/release/phimask}"
corpus="${2:-/tmp/cli555.jsonl}"
runs="${3:-3}"
size=$(stat -c %s "$corpus")
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for t in 1 2; do
  times=()
  for _ in $(seq "$runs"); do
    s=$(date +%s.%N)
    "$bin" scrub -q --threads "$t" "$corpus" -o "$out/out.jsonl"
    e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc -l)")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  best=$(echo "$sorted" | head -n 1)
  median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
  printf 'threads %s: best %.2f s, median %.2f s, %.1f MB/s (input %d bytes, %s runs)\n' \
    "$t" "$best" "$median" "$(echo "$size / 1000000 / $best" | bc -l)" "$size" "$runs"
done
