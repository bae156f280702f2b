import pickle

import phimask


def test_pickle_round_trip_keeps_policy():
    doc = {"recognizers": {"patterns": [{"id": "study", "entity": "STUDY_ID",
           "patterns": [{"name": "s", "regex": r"\bSTU-\d{5}\b", "score": 0.9}]}]}}
    a = phimask.Analyzer(doc)
    b = pickle.loads(pickle.dumps(a))
    assert isinstance(b, phimask.Analyzer)
    assert b.policy == a.policy
    text = "STU-12345 John Smith SSN 123-45-6789"
    assert b.mask(text).text == a.mask(text).text
    assert "STU-" not in b.mask(text).text


def test_pickle_strict_and_hash_key():
    a = phimask.Analyzer("strict", hash_key=b"x" * 16)
    b = pickle.loads(pickle.dumps(a))
    assert b.mask("age 45").text == a.mask("age 45").text
    assert b.mask("SSN 123-45-6789", operators={"default": "hash"}).text == \
        a.mask("SSN 123-45-6789", operators={"default": "hash"}).text


def test_pickle_mapping():
    m = phimask.Analyzer().mask("SSN 123-45-6789", operators={"default": "placeholder"})
    mp = pickle.loads(pickle.dumps(m.mapping))
    assert mp.restore(m.text) == "SSN 123-45-6789"
