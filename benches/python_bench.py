"""Times the phimask wheel against Presidio on the same notes (not part of
scripts/test). Usage:

    python benches/python_bench.py [--notes corpora/generated/sample.jsonl] [--n 200]

Prints: mask_batch vs Presidio AnalyzerEngine+AnonymizerEngine (pattern
recognizers only, and with a spaCy model when installed), the per-call
overhead of mask() on a 200-character text, and 2 Python threads vs 1.
"""

import argparse
import json
import pathlib
import threading
import time

import phimask

ROOT = pathlib.Path(__file__).resolve().parents[1]


def timed(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def presidio_engines(nlp):
    """Presidio engines: with the default spaCy model (en_core_web_lg, or _sm),
    or pattern recognizers only (a blank spaCy pipeline: tokenizer only, no NER)."""
    import tempfile

    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    if nlp:
        for name in ("en_core_web_lg", "en_core_web_sm"):
            if spacy.util.is_package(name):
                break
        else:
            raise RuntimeError("no spaCy English model installed (en_core_web_lg/sm)")
        model, registry = name, None
    else:
        model = tempfile.mkdtemp(prefix="blank-en-")
        spacy.blank("en").to_disk(model)
        registry = RecognizerRegistry()
        registry.load_predefined_recognizers()
        registry.remove_recognizer("SpacyRecognizer")
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                    "models": [{"lang_code": "en", "model_name": model}]})
    return AnalyzerEngine(registry=registry, nlp_engine=provider.create_engine()), AnonymizerEngine()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", default=str(ROOT / "corpora" / "generated" / "sample.jsonl"))
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()
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

    def loop(k):
        for t_ in texts[k::2]:
            a.mask(t_)

    one = timed(lambda: (loop(0), loop(1)))
    def two():
        ts = [threading.Thread(target=loop, args=(k,)) for k in (0, 1)]
        [x.start() for x in ts]
        [x.join() for x in ts]
    two_t = timed(two)
    print(f"2 Python threads vs 1 calling mask: {one / two_t:.2f}x")

    for nlp, label in ((False, "pattern recognizers only"), (True, "default spaCy model")):
        try:
            an, anon = presidio_engines(nlp)
        except Exception as e:  # presidio or the model not installed
            print(f"presidio ({label}): unavailable ({type(e).__name__}: {e})")
            continue
        sample = texts[: max(10, len(texts) // 10)]
        sbytes = sum(len(x.encode()) for x in sample)
        tp = timed(lambda: [anon.anonymize(x, an.analyze(x, language="en")) for x in sample], repeat=1)
        ratio = (tp / sbytes) / (t_batch / nbytes)
        print(f"presidio ({label}): {sbytes / tp / 1e6:.3f} MB/s; phimask mask_batch is {ratio:.0f}x faster")


if __name__ == "__main__":
    main()
