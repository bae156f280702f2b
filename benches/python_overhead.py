"""The Python overhead of one `Analyzer.mask` call on a 200-character text
(not part of scripts/test). Usage, in a venv with the phimask wheel:

    python benches/python_overhead.py [--calls 20000]

Prints, per call, the best of 9 runs of `--calls` calls (the two sides of
each difference timed alternately, round by round):
- `mask("")`: everything a call costs besides analysing text: the Python
  call and argument parsing, borrowing the text as UTF-8, the options,
  releasing and re-taking the GIL, the panic boundary, the result object,
  plus the engine's own fixed cost per call. This bounds the binding's
  overhead from above (the target is under 10 us); what a 200-character
  text adds to it is the engine's work on those characters, done without
  the GIL, and one copy of the text;
- `mask(text)` for 200 characters of clinical prose with and without PHI,
  and the same text inside `mask_batch(..., threads=1)` (the same engine
  work and result objects, without a Python call, argument parsing and a
  GIL release per text); the difference is the Python overhead of a single
  call on a 200-character text.
"""

import argparse
import os
import time

import phimask
from python_bench import timed  # benches/ is the script's directory

TEXTS = {
    "prose with PHI": ("Pt Maria Lopez seen 03/14/2024, stable on lisinopril 10 mg; "
                       "call back at 617-555-0142 if BP rises. Follow-up in two weeks "
                       "with labs. No new complaints today; sleep and appetite good, mood "
                       "euthymic. Continue plan.")[:200],
    "prose without PHI": ("Pt seen today, stable on current regimen. No new complaints; sleep "
                          "and appetite good, mood euthymic, denies SI/HI. Continue plan, "
                          "follow up in two weeks with labs. Discussed diet and exercise at "
                          "length today.")[:200],
}


CLOCK = time.perf_counter


def interleaved(f, g, rounds=9):
    """Best times of f and g over `rounds` rounds, f and g timed one after
    the other in each round, so that both see the same machine load."""
    tf, tg = float("inf"), float("inf")
    for _ in range(rounds):
        tf = min(tf, timed(f, repeat=1, clock=CLOCK))
        tg = min(tg, timed(g, repeat=1, clock=CLOCK))
    return tf, tg


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=20000)
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="wall time, or the process's CPU time (steady on a machine busy with other work)")
    args = ap.parse_args()
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter
    print(f"clock: {args.clock}")
    n = args.calls
    a = phimask.Analyzer()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for label, text in TEXTS.items():
        assert len(text) == 200, len(text)
        a.mask(text)
        batch = [text] * n
        mask = a.mask
        t_call, t_batch = interleaved(lambda: [mask(text) for _ in range(n)],
                                      lambda: [m for m in a.mask_batch(batch, threads=1)])
        t_call, t_batch = t_call / n, t_batch / n
        print(f"{label}, 200 chars: mask() {t_call * 1e6:.2f} us per call; "
              f"in mask_batch(threads=1) {t_batch * 1e6:.2f} us per text; "
              f"Python overhead of a single call (the difference) {(t_call - t_batch) * 1e6:.2f} us")
    empties = [""] * n
    t_empty, t_empty_batch = interleaved(lambda: [a.mask("") for _ in range(n)],
                                         lambda: [m for m in a.mask_batch(empties, threads=1)])
    t_empty, t_empty_batch = t_empty / n, t_empty_batch / n
    print(f"mask(''): {t_empty * 1e6:.2f} us per call (the fixed cost of a call, engine included: "
          f"an upper bound of the Python overhead); in mask_batch(threads=1) {t_empty_batch * 1e6:.2f} us "
          f"per text; the difference {(t_empty - t_empty_batch) * 1e6:.2f} us")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
