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
