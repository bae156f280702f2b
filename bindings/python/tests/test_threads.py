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


def _max_gap_while(fn):
    """Runs fn() in this thread while another thread records timestamps
    every ~1 ms; returns (duration of fn, the largest gap between stamps
    during fn). If fn held the GIL, the gap would be about fn's duration."""
    import time

    stamps = []
    done = threading.Event()

    def ticker():
        while not done.is_set():
            stamps.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    time.sleep(0.02)
    t0 = time.perf_counter()
    fn()
    t1 = time.perf_counter()
    done.set()
    t.join()
    inside = [s for s in stamps if t0 <= s <= t1]
    edges = [t0, *inside, t1]
    return t1 - t0, max(b - a for a, b in zip(edges, edges[1:]))


def _long_call(fn):
    """A text long enough that fn(text) takes at least 0.2 s here."""
    import time

    text = "John Smith SSN 123-45-6789, seen 03/14/2024 at 12 Main St. " * 2000
    while True:
        t = time.perf_counter()
        fn(text)
        if time.perf_counter() - t >= 0.2 or len(text) > 40_000_000:
            return text
        text += text


def test_single_mask_call_releases_the_gil(analyzer):
    text = _long_call(analyzer.mask)
    duration, gap = _max_gap_while(lambda: analyzer.mask(text))
    assert duration > 0.1, "the text is too small to measure"
    assert gap < duration / 3, (duration, gap)


def test_single_analyze_call_releases_the_gil(analyzer):
    text = _long_call(analyzer.analyze)
    duration, gap = _max_gap_while(lambda: analyzer.analyze(text))
    assert duration > 0.1, "the text is too small to measure"
    assert gap < duration / 3, (duration, gap)


def test_batch_releases_the_gil_for_the_whole_chunk(analyzer):
    texts = ["John Smith SSN 123-45-6789, seen 03/14/2024. " * 100] * 300
    duration, gap = _max_gap_while(lambda: list(analyzer.mask_batch(texts, threads=1, chunk_size=300)))
    assert duration > 0.2, "the batch is too small to measure"
    assert gap < duration / 3, (duration, gap)


def test_the_gap_measure_sees_a_call_that_holds_the_gil():
    # The control of the three tests above: builtin sum over a range is one
    # C call that never releases the GIL, and the measure shows it.
    duration, gap = _max_gap_while(lambda: sum(range(20_000_000)))
    assert duration > 0.1
    assert gap > duration / 2, (duration, gap)
