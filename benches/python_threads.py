"""Scaling of single `Analyzer.mask` calls over 2 Python threads (not part of
scripts/test). Usage, in a venv with the phimask wheel:

    python benches/python_threads.py [--notes corpora/generated/sample.jsonl] [--rounds 7]

Each round times the same work twice: every note masked once, in a loop on
one Python thread, then split over two Python threads (one note at a time,
taken from a shared index, so both threads stay busy to the end). The
printed ratio is the median over the rounds of (1 thread time / 2 thread
time); 2.0 is perfect scaling on 2 cores.

For reference the script also times `mask_batch(threads=1)` against
`mask_batch(threads=2)`, which runs entirely in Rust with the GIL released:
that is the ceiling the engine and the machine allow, so a ratio below 1.8
for both lines points at the machine (other processes on the cores), and a
gap between the two lines points at the binding (GIL hold time per call).
Last, the same notes masked by 2 processes against 1 (each its own
analyzer, nothing shared): the ceiling of the machine itself. The load
average is printed before and after.
"""

import argparse
import json
import os
import pathlib
import statistics
import threading
import time

import phimask

ROOT = pathlib.Path(__file__).resolve().parents[1]


def load(path, copies):
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8") if line.strip()]
    return texts * copies


def one_thread(a, texts):
    t = time.perf_counter()
    for x in texts:
        a.mask(x)
    return time.perf_counter() - t


def two_threads(a, texts):
    # One shared counter: itertools.count's __next__ is atomic under the GIL.
    import itertools

    ticket = itertools.count()
    n = len(texts)

    def work():
        while True:
            i = next(ticket)
            if i >= n:
                return
            a.mask(texts[i])

    ts = [threading.Thread(target=work) for _ in range(2)]
    t = time.perf_counter()
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    return time.perf_counter() - t


def batch(a, texts, threads):
    t = time.perf_counter()
    for _ in a.mask_batch(texts, threads=threads):
        pass
    return time.perf_counter() - t


def _worker(args):
    texts, start_at = args
    a = phimask.Analyzer()
    for x in texts[:20]:
        a.mask(x)
    while time.time() < start_at:  # both processes start together
        time.sleep(0.0005)
    t = time.perf_counter()
    for x in texts:
        a.mask(x)
    return time.perf_counter() - t


def processes(texts, n):
    """Wall time for `n` processes (one analyzer each, no shared GIL or
    memory) masking `texts` split between them: the machine's own ceiling."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    with ctx.Pool(n) as pool:
        start_at = time.time() + 1.5
        parts = [(texts[k::n], start_at) for k in range(n)]
        return max(pool.map(_worker, parts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", default=str(ROOT / "corpora" / "generated" / "sample.jsonl"))
    ap.add_argument("--copies", type=int, default=2, help="repeat the notes this many times per round")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    texts = load(args.notes, args.copies)
    a = phimask.Analyzer()
    for x in texts[:20]:  # warm up: page in the automata, grow the per-thread caches
        a.mask(x)
    two_threads(a, texts[:40])
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{len(texts)} notes, {sum(len(x) for x in texts) / len(texts):.0f} chars on average")
    single, batched = [], []
    for _ in range(args.rounds):
        t1, t2 = one_thread(a, texts), two_threads(a, texts)
        single.append(t1 / t2)
        b1, b2 = batch(a, texts, 1), batch(a, texts, 2)
        batched.append(b1 / b2)
    print(f"mask() on 2 Python threads vs 1: median {statistics.median(single):.2f}x "
          f"(rounds: {', '.join(f'{r:.2f}' for r in single)})")
    print(f"mask_batch threads=2 vs threads=1 (engine ceiling): median {statistics.median(batched):.2f}x "
          f"(rounds: {', '.join(f'{r:.2f}' for r in batched)})")
    procs = [processes(texts, 1) / processes(texts, 2) for _ in range(3)]
    print(f"2 processes vs 1 (machine ceiling, nothing shared): median {statistics.median(procs):.2f}x "
          f"(rounds: {', '.join(f'{r:.2f}' for r in procs)})")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
