import pathlib

import pytest

import phimask

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_ssn_and_name_are_masked_relative_time_kept(analyzer):
    text = "John Smith, SSN 123-45-6789, was seen last week."
    masked = analyzer.mask(text)
    assert "123-45-6789" not in masked.text
    assert "John Smith" not in masked.text
    assert "last week" in masked.text
    assert len(masked.text) == len(text)  # ● per character
    assert {i.entity_type for i in masked.items} >= {"PERSON", "US_SSN"}


def test_detections_have_entity_offsets_and_score(analyzer):
    text = "SSN 123-45-6789"
    analysis = analyzer.analyze(text)
    assert len(analysis) == 1
    d = analysis[0]
    assert (d.entity_type, text[d.start : d.end]) == ("US_SSN", "123-45-6789")
    assert 0.0 < d.score <= 1.0
    assert d.explanation is None
    assert list(analysis) == analysis.detections
    assert analysis[-1].start == d.start
    assert "123" not in repr(d) and "123" not in repr(analysis)


def test_explain_names_recognizer_context_and_keep_rule(analyzer):
    text = "SSN 123-45-6789, age 45"
    analysis = analyzer.analyze(text, explain=True)
    e = analysis[0].explanation
    assert e is not None
    assert e.recognizer == "us_ssn" and e.pattern
    assert e.context_word == "ssn" and e.context_boost > 0
    assert abs(analysis[0].score - min(1.0, e.base_score + e.context_boost)) < 1e-6
    kept = [k for k in analysis.kept if k.entity_type == "AGE"]
    assert kept and kept[0].reason == "rule" and kept[0].rule == "age_under_90"
    assert text[kept[0].start : kept[0].end] == "45"


def test_entities_and_threshold_filter(analyzer):
    text = "John Smith, SSN 123-45-6789"
    only = analyzer.analyze(text, entities=["US_SSN"])
    assert [d.entity_type for d in only] == ["US_SSN"]
    assert len(analyzer.analyze(text, score_threshold=1.0)) <= len(analyzer.analyze(text))


def test_operators_replace_redact_and_placeholder_round_trip(analyzer):
    text = "John Smith called 617-555-0199 about John Smith."
    r = analyzer.mask(text, operators={"PERSON": {"type": "replace", "value": "<NAME>"}, "default": "redact"})
    assert r.text.count("<NAME>") == 2 and "617-555" not in r.text
    p = analyzer.mask(text, operators={"default": "placeholder"})
    assert "[PERSON_1]" in p.text and p.text.count("[PERSON_1]") == 2
    assert len(p.mapping) == 2
    assert phimask.restore(p.text, p.mapping) == text
    assert p.mapping.restore(p.text) == text
    assert p.mapping.original("[PERSON_1]") == "John Smith"
    again = phimask.Mapping(p.mapping.to_json())
    assert again.restore(p.text) == text
    for it in p.items:
        assert p.text[it.output_start : it.output_end].startswith("[")


def test_strict_policy_masks_ages_and_years():
    strict = phimask.Analyzer("strict")
    assert "45" not in strict.mask("age 45").text
    assert "45" in phimask.Analyzer("safe_harbor").mask("age 45").text


def test_policy_as_dict_text_and_file(tmp_path):
    doc = {"recognizers": {"patterns": [{"id": "study", "entity": "STUDY_ID", "context": ["study"],
           "patterns": [{"name": "s", "regex": r"\bSTU-\d{5}\b", "score": 0.9}]}]}}
    a = phimask.Analyzer(doc)
    assert a.mask("enrolled STU-12345").text == "enrolled ●●●●●●●●●"
    toml_text = '[[recognizers.patterns]]\nid = "study"\nentity = "STUDY_ID"\n' \
        '[[recognizers.patterns.patterns]]\nname = "s"\nregex = "STU-\\\\d{5}"\nscore = 0.9\n'
    assert "STU-" not in phimask.Analyzer(toml_text).mask("STU-12345").text
    path = tmp_path / "policy.toml"
    path.write_text(toml_text)
    assert "STU-" not in phimask.Analyzer(path).mask("STU-12345").text
    assert "STU-" not in phimask.Analyzer(str(path)).mask("STU-12345").text


def test_batches_stream_any_iterable_in_order(analyzer):
    notes = [f"SSN 123-45-{i:04d}" if i % 2 else "nothing here" for i in range(1, 600)]
    gen = (n for n in notes)
    it = analyzer.mask_batch(gen, threads=2, chunk_size=50)
    assert iter(it) is it
    out = list(it)
    assert len(out) == len(notes)
    for n, m in zip(notes, out):
        if n.startswith("SSN"):
            assert m.text.startswith("SSN ●") and "123-45" not in m.text
        else:
            assert m.text == n
    analyses = list(analyzer.analyze_batch(notes[:10], threads=3))
    assert [len(a) for a in analyses] == [len(analyzer.analyze(n)) for n in notes[:10]]


def test_sample_notes_masked(analyzer):
    import json

    lines = (ROOT / "examples" / "notes.jsonl").read_text().splitlines()
    texts = [json.loads(l)["text"] for l in lines if l.strip()]
    assert texts
    for t, m in zip(texts, analyzer.mask_batch(texts)):
        assert len(m.text) == len(t)
        assert m.items


def test_pickled_analyzer_in_multiprocessing_pool(analyzer):
    import multiprocessing as mp

    with mp.get_context("spawn").Pool(2) as pool:
        out = pool.map(_mask_with, [(analyzer, "SSN 123-45-6789"), (analyzer, "John Smith")])
    assert "123-45-6789" not in out[0] and "John Smith" not in out[1]


def _mask_with(args):
    a, text = args
    return a.mask(text).text


def test_analyzer_is_immutable(analyzer):
    with pytest.raises(AttributeError):
        analyzer.policy = "strict"
    with pytest.raises((AttributeError, TypeError)):
        analyzer.extra = 1


def test_policy_as_json_file(tmp_path):
    import json

    doc = {"recognizers": {"patterns": [{"id": "study", "entity": "STUDY_ID",
           "patterns": [{"name": "s", "regex": r"\bSTU-\d{5}\b", "score": 0.9}]}]}}
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(doc))
    assert phimask.Analyzer(path).mask("enrolled STU-12345").text == "enrolled ●●●●●●●●●"
    assert phimask.Analyzer(str(path)).mask("STU-12345").text == "●●●●●●●●●"


def test_batches_stream_lazily_from_an_endless_iterable(analyzer):
    # Streaming: results come before the source is exhausted (it never is).
    import itertools

    pulled = []

    def endless():
        for i in itertools.count():
            pulled.append(i)
            yield f"SSN 123-45-{i % 9000 + 1000:04d}"

    first = list(itertools.islice(analyzer.mask_batch(endless(), threads=2, chunk_size=8), 3))
    assert len(first) == 3 and all("123-45" not in m.text for m in first)
    assert len(pulled) <= 16
    analyses = list(itertools.islice(analyzer.analyze_batch(endless(), chunk_size=4), 5))
    assert [a[0].entity_type for a in analyses] == ["US_SSN"] * 5
