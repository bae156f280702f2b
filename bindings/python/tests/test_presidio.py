"""phimask.presidio, written from Presidio's documented behaviour."""

import pytest

from phimask.presidio import (
    AnalysisExplanation,
    AnalyzerEngine,
    AnonymizerEngine,
    BatchAnalyzerEngine,
    DeanonymizeEngine,
    InvalidParamError,
    OperatorConfig,
    Pattern,
    PatternRecognizer,
    RecognizerRegistry,
    RecognizerResult,
    UsSsnRecognizer,
)

TEXT = "My name is John Smith, my SSN is 123-45-6789 and my phone is 617-555-0199"


@pytest.fixture(scope="module")
def engine():
    return AnalyzerEngine()


def spans(text, results):
    return {(r.entity_type, text[r.start : r.end]) for r in results}


def test_analyze_default_entities(engine):
    results = engine.analyze(text=TEXT, language="en")
    assert all(isinstance(r, RecognizerResult) for r in results)
    got = spans(TEXT, results)
    assert ("PERSON", "John Smith") in got
    assert ("US_SSN", "123-45-6789") in got
    assert ("PHONE_NUMBER", "617-555-0199") in got


def test_entities_filter_and_threshold(engine):
    only = engine.analyze(TEXT, language="en", entities=["US_SSN"])
    assert [r.entity_type for r in only] == ["US_SSN"]
    high = engine.analyze(TEXT, language="en", score_threshold=0.99)
    assert all(r.score >= 0.99 for r in high)
    assert len(high) < len(engine.analyze(TEXT, language="en"))


def test_unsupported_language_raises(engine):
    with pytest.raises(ValueError):
        engine.analyze(TEXT, language="xx")


def test_allow_list_exact(engine):
    results = engine.analyze(TEXT, language="en", entities=["PERSON"], allow_list=["John Smith"])
    assert results == []


def test_decision_process(engine):
    (r,) = engine.analyze("SSN 123-45-6789", language="en", entities=["US_SSN"], return_decision_process=True)
    e = r.analysis_explanation
    assert isinstance(e, AnalysisExplanation)
    assert e.recognizer and e.original_score <= r.score
    assert e.supportive_context_word == "ssn"


def test_ad_hoc_pattern_recognizer_with_context(engine):
    rec = PatternRecognizer(supported_entity="TITLE_CODE", patterns=[Pattern("code", r"\bTC-\d{4}\b", 0.6)],
                            context=["code"])
    text = "title code tc-1234 here"
    (r,) = engine.analyze(text, language="en", entities=["TITLE_CODE"], ad_hoc_recognizers=[rec])
    assert text[r.start : r.end] == "tc-1234"  # Presidio's default flags: IGNORECASE
    assert r.score > 0.6  # context raised it
    # The recognizer on its own, as Presidio's recognizer tests call it.
    assert [(x.start, x.end) for x in rec.analyze(text, ["TITLE_CODE"])] == [(11, 18)]
    assert rec.analyze(text, ["OTHER"]) == []


def test_deny_list_recognizer_and_registry():
    titles = PatternRecognizer(supported_entity="TITLE", deny_list=["Mr.", "Dr."])
    text = "Dr. Who met mr. X"
    assert [text[r.start : r.end] for r in titles.analyze(text, ["TITLE"])] == ["Dr.", "mr."]
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers()
    registry.add_recognizer(titles)
    engine = AnalyzerEngine(registry=registry)
    assert "TITLE" in engine.get_supported_entities()
    got = spans(text, engine.analyze(text, language="en"))
    assert ("TITLE", "Dr.") in got
    with pytest.raises(ValueError):
        PatternRecognizer(supported_entity="X")


def test_predefined_recognizer_class():
    text = "ssn 078-05-1120 and 123-45-6789"
    results = UsSsnRecognizer().analyze(text, ["US_SSN"])
    assert "123-45-6789" in {text[r.start : r.end] for r in results}


def test_anonymizer_default_replace_and_operators(engine):
    results = engine.analyze(TEXT, language="en")
    anon = AnonymizerEngine()
    out = anon.anonymize(TEXT, results)
    assert "<PERSON>" in out.text and "<US_SSN>" in out.text and "123-45-6789" not in out.text
    for item in out.items:
        assert out.text[item.start : item.end] == item.text
    ops = {
        "PERSON": OperatorConfig("replace", {"new_value": "NAME"}),
        "US_SSN": OperatorConfig("mask", {"masking_char": "*", "chars_to_mask": 7, "from_end": False}),
        "PHONE_NUMBER": OperatorConfig("redact"),
    }
    out = anon.anonymize(TEXT, results, operators=ops)
    assert "NAME" in out.text and "*******6789" in out.text and "617-555" not in out.text
    h = anon.anonymize(TEXT, results, operators={"DEFAULT": OperatorConfig("hash")}).text
    assert "John" not in h and len(h) > len(TEXT)
    keep = anon.anonymize(TEXT, results, operators={"DEFAULT": OperatorConfig("keep")}).text
    assert keep == TEXT
    custom = anon.anonymize(TEXT, results, operators={"DEFAULT": OperatorConfig("custom", {"lambda": lambda s: s[::-1]})})
    assert "htimS nhoJ" in custom.text
    with pytest.raises(InvalidParamError):
        OperatorConfig("encrypt_nope")


def test_anonymizer_conflicts_contained_result_dropped():
    text = "John Smith"
    results = [RecognizerResult("PERSON", 0, 10, 0.8), RecognizerResult("PERSON", 0, 4, 0.9)]
    assert AnonymizerEngine().anonymize(text, results).text == "<PERSON>"


def test_deanonymize_placeholders(engine):
    results = engine.analyze(TEXT, language="en")
    out = AnonymizerEngine().anonymize(TEXT, results, operators={"DEFAULT": OperatorConfig("placeholder")})
    assert "[PERSON_1]" in out.text
    back = DeanonymizeEngine().deanonymize(out.text, out.items, {"DEFAULT": OperatorConfig("restore", {"mapping": out.mapping})})
    assert back.text == TEXT


def test_batch_engine(engine):
    batch = BatchAnalyzerEngine(analyzer_engine=engine)
    res = batch.analyze_iterator(["SSN 123-45-6789", "nothing to see"], language="en")
    assert [len(r) for r in res] == [1, 0]
    d = list(batch.analyze_dict({"name": "John Smith", "n": 3, "note": {"ssn": "SSN 123-45-6789"}}, language="en"))
    assert d[0].key == "name" and d[0].recognizer_results
    assert d[1].recognizer_results == []
    inner = list(d[2].recognizer_results)
    assert inner[0].recognizer_results[0].entity_type == "US_SSN"


def test_migration_example_runs():
    import pathlib
    import runpy

    path = pathlib.Path(__file__).resolve().parents[3] / "examples" / "python" / "presidio_migration.py"
    ns = runpy.run_path(str(path), run_name="not_main")
    out = ns["scrub"]("Patient John Smith, SSN 123-45-6789, called 617-555-0199.")
    assert "John Smith" not in out and "123-45-6789" not in out and "617-555-0199" not in out


def test_batch_engine_applies_the_same_thresholds_as_analyze():
    # A weak (0.01) pattern of the caller's comes back from both, at
    # Presidio's default threshold; the built-ins keep the policy's.
    weak = PatternRecognizer(supported_entity="BED", patterns=[Pattern("bed", r"\b\d{4}\b", 0.01)])
    registry = RecognizerRegistry()
    registry.load_predefined_recognizers()
    registry.add_recognizer(weak)
    engine = AnalyzerEngine(registry=registry)
    texts = ["bed 4471, SSN 219-09-9999", "CPT 90837 x2"]
    one = [[(r.entity_type, r.start, r.end, r.score) for r in engine.analyze(t, language="en")] for t in texts]
    batch = [[(r.entity_type, r.start, r.end, r.score) for r in rs]
             for rs in BatchAnalyzerEngine(analyzer_engine=engine).analyze_iterator(texts, language="en")]
    assert batch == one
    assert ("BED", 4, 8, 0.01) in one[0] and any(e == "US_SSN" for e, *_ in one[0])
    assert all(score >= 0.5 for e, _, _, score in one[1] if e != "BED")


def test_call_context_words_raise_the_callers_recognizers():
    # Presidio: the call's context words count as if they stood around every
    # match; a recognizer with one of them in its context list gets +0.35
    # (at least 0.4), before the threshold is applied.
    bed = PatternRecognizer(supported_entity="BED", patterns=[Pattern("bed", r"\b\d{4}\b", 0.3)], context=["bed", "cot"])
    engine = AnalyzerEngine()
    text = "Assigned 4471 overnight"
    plain = engine.analyze(text, language="en", entities=["BED"], ad_hoc_recognizers=[bed])
    assert [(r.start, r.end, r.score) for r in plain] == [(9, 13, 0.3)]
    raised = engine.analyze(text, language="en", entities=["BED"], ad_hoc_recognizers=[bed], context=["Bed"])
    assert [(r.start, r.end) for r in raised] == [(9, 13)] and abs(raised[0].score - 0.65) < 1e-6
    other = engine.analyze(text, language="en", entities=["BED"], ad_hoc_recognizers=[bed], context=["room"])
    assert [r.score for r in other] == [0.3]
    # The threshold applies after the boost.
    assert engine.analyze(text, language="en", ad_hoc_recognizers=[bed], score_threshold=0.5, entities=["BED"]) == []
    (r,) = engine.analyze(text, language="en", ad_hoc_recognizers=[bed], score_threshold=0.5, entities=["BED"],
                          context=["cot"], return_decision_process=True)
    e = r.analysis_explanation
    assert e.supportive_context_word == "cot" and abs(e.score_context_improvement - 0.35) < 1e-6
    assert r.recognition_metadata["is_score_enhanced_by_context"] is True
    # Context already in the text is one boost, not two.
    (t,) = engine.analyze("bed 4471", language="en", entities=["BED"], ad_hoc_recognizers=[bed], context=["bed"])
    (u,) = engine.analyze("bed 4471", language="en", entities=["BED"], ad_hoc_recognizers=[bed])
    assert t.score == u.score


def test_presidio_argument_names_all_accepted(engine):
    # Every argument name of Presidio's AnalyzerEngine.analyze, by keyword.
    ward = PatternRecognizer(supported_entity="WARD", patterns=[Pattern("ward", r"\bW-\d{2}\b", 0.2)], context=["ward"])
    text = "John Smith in W-12, SSN 123-45-6789"
    results = engine.analyze(
        text=text,
        language="en",
        entities=["PERSON", "US_SSN", "WARD"],
        correlation_id="c-1",
        score_threshold=0.3,
        return_decision_process=True,
        ad_hoc_recognizers=[ward],
        context=["ward"],
        allow_list=["John Smith"],
        allow_list_match="exact",
    )
    got = spans(text, results)
    assert ("WARD", "W-12") in got and ("US_SSN", "123-45-6789") in got
    assert all(text[r.start : r.end] != "John Smith" for r in results)
    assert all(r.analysis_explanation is not None for r in results)
    regex = engine.analyze(text=text, language="en", entities=["PERSON"], allow_list=[r"john\s+\w+"],
                           allow_list_match="regex")
    assert regex == []
