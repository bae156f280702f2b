import pytest

import phimask


def test_hierarchy():
    for cls in (phimask.PolicyError, phimask.PatternError, phimask.InputError, phimask.AnalysisError):
        assert issubclass(cls, phimask.PhimaskError)
    assert issubclass(phimask.InputError, ValueError)


def test_lone_surrogate_is_input_error(analyzer):
    with pytest.raises(phimask.InputError) as e:
        analyzer.mask("John Smith \ud800 SSN 123-45-6789")
    assert "Smith" not in str(e.value) and "123" not in str(e.value)


def test_invalid_utf8_bytes_is_input_error(analyzer):
    with pytest.raises(phimask.InputError):
        analyzer.analyze(b"SSN 123-45-6789 \xff")
    assert analyzer.mask("SSN 123-45-6789".encode()).text == "SSN ●●●●●●●●●●●"


def test_too_large_input_is_input_error():
    a = phimask.Analyzer({"max_input_bytes": 16})
    with pytest.raises(phimask.InputError) as e:
        a.mask("John Smith SSN 123-45-6789")
    assert "Smith" not in str(e.value)


def test_bad_policies():
    with pytest.raises(phimask.PolicyError):
        phimask.Analyzer("no_such_policy")
    with pytest.raises(phimask.PolicyError):
        phimask.Analyzer({"scor_threshold": 0.5})
    with pytest.raises(phimask.PolicyError):
        phimask.Analyzer("/nonexistent/policy.toml")
    with pytest.raises(phimask.PatternError):
        phimask.Analyzer({"recognizers": {"patterns": [{"id": "x", "entity": "STUDY_ID",
                          "patterns": [{"name": "p", "regex": "(", "score": 0.9}]}]}})
    with pytest.raises(TypeError):
        phimask.Analyzer(42)


def test_bad_call_options(analyzer):
    with pytest.raises(phimask.PolicyError):
        analyzer.analyze("x", entities=["not valid"])
    with pytest.raises(phimask.PolicyError):
        analyzer.analyze("x", score_threshold=2.0)
    with pytest.raises(phimask.PolicyError):
        analyzer.mask("x", operators={"default": "no_such_operator"})
    with pytest.raises(phimask.PolicyError):
        analyzer.mask("x", operators={"default": "hash"})  # no key
    with pytest.raises(TypeError):
        analyzer.mask(42)
    with pytest.raises(TypeError):
        analyzer.mask_batch("a single string")


def test_batch_error_raised_at_its_item(analyzer):
    it = analyzer.mask_batch(["SSN 123-45-6789", "bad \udfff"], chunk_size=1)
    assert "123-45" not in next(it).text
    with pytest.raises(phimask.InputError):
        next(it)


def test_hash_with_key():
    a = phimask.Analyzer(hash_key=b"k" * 32)
    out = a.mask("SSN 123-45-6789", operators={"default": "hash"}).text
    assert "123-45-6789" not in out and out != "SSN "


def test_no_panic_reaches_python_on_random_text(analyzer):
    # Random mixes of ASCII, digits, punctuation, accents, combining marks,
    # CJK, emoji, RTL, controls and PHI fragments: every call either returns
    # consistent results or raises a PhimaskError, never pyo3's
    # PanicException (a BaseException, so `except Exception` would miss it).
    import random

    pieces = ["John Smith", "SSN 123-45-6789", "617-555-0199", "03/14/1950", "MRN 00123456", "zoe@example.com",
              "12 Main St, Boston, MA 02115", "age 93", "Dr.", " ", "\n", "\t", ",", ".", "-", "/", "#", ":",
              "e\u0301", "\u0301", "é", "患者", "😀", "👩‍⚕️", "🇺🇸", "\u200d", "\ufeff", "مريض", "\x00", "\x7f",
              "0", "9", "(", ")", "[", "]", "'", '"', "http://", "www.", "@", "+1 ", "IBAN DE89", "\u2028"]
    rng = random.Random(9)
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        try:
            a = analyzer.analyze(text, explain=True)
            m = analyzer.mask(text, operators={"default": "placeholder"} if rng.random() < 0.3 else None)
        except phimask.PhimaskError:
            continue
        except BaseException as e:  # noqa: B036 - PanicException is a BaseException
            raise AssertionError(f"{type(e).__module__}.{type(e).__name__} escaped") from None
        for d in a:
            assert 0 <= d.start < d.end <= len(text)
        for i in m.items:
            assert 0 <= i.start < i.end <= len(text) and 0 <= i.output_start <= i.output_end <= len(m.text)
        if len(m.mapping):
            assert phimask.restore(m.text, m.mapping) == text
