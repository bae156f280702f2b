import pytest

CASES = [
    ("José Núñez 😀 SSN 123-45-6789", "123-45-6789"),
    ("Renée Dubois\u0301 called 617-555-0199 今日 ok", "617-555-0199"),
    ("患者 Zoë 😀😀 email zoe@example.com 東京", "zoe@example.com"),
    ("e\u0301e\u0301 👩‍⚕️ MRN 00123456 seen", "00123456"),
    ("🇺🇸 SSN: 123-45-6789 née", "123-45-6789"),
]


@pytest.mark.parametrize("text,phi", CASES)
def test_str_indices_are_exact(analyzer, text, phi):
    analysis = analyzer.analyze(text)
    spans = [text[d.start : d.end] for d in analysis]
    assert any(phi in s for s in spans), spans
    masked = analyzer.mask(text)
    assert phi not in masked.text
    assert len(masked.text) == len(text)
    for it in masked.items:
        assert set(masked.text[it.output_start : it.output_end]) == {"●"}
        assert it.end - it.start == it.output_end - it.output_start


def test_accented_name_span(analyzer):
    text = "Patient: José Núñez 😀, DOB 03/14/1950"
    names = [text[d.start : d.end] for d in analyzer.analyze(text) if d.entity_type == "PERSON"]
    assert "José Núñez" in names
