import threading

import phimask


def test_threads_share_one_analyzer(analyzer):
    errors = []
    results = []

    def work(i):
        try:
            for _ in range(50):
                m = analyzer.mask(f"John Smith SSN 123-45-{i:04d}")
                results.append("123-45" not in m.text and "John Smith" not in m.text)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors
    assert len(results) == 200 and all(results)


def test_gil_released_during_batch(analyzer):
    # While a long batch runs in Rust, another Python thread makes progress.
    texts = ["John Smith SSN 123-45-6789 " * 200] * 200
    ticks = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    out = list(analyzer.mask_batch(texts, threads=1))
    done.set()
    t.join()
    assert len(out) == 200
    assert len(ticks) > 5
