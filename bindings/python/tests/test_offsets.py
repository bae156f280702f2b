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


# Prefixes of accents (precomposed and combining), CJK, emoji (with ZWJ,
# skin tone, flags, variation selectors), astral characters and RTL text:
# every detection after the prefix moves by exactly len(prefix) str indices.
PREFIXES = [
    "",
    "José Núñez ",
    "e\u0301 n\u0303 a\u0308\u0308 ",
    "患者は東京の病院に入院した。",
    "😀 👩‍⚕️ 👍🏽 🇺🇸 ❤️ ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱 ",
    "مريض ",
    "Zoë 😀😀 Ærøskøbing naïve façade — “quoted” ",
]
BASE = "seen. SSN 123-45-6789, phone 617-555-0199, email zoe@example.com, MRN 00123456."


@pytest.mark.parametrize("prefix", PREFIXES)
def test_offsets_shift_exactly_by_the_prefix_length(analyzer, prefix):
    base = [(d.entity_type, d.start, d.end) for d in analyzer.analyze(BASE)]
    assert {e for e, _, _ in base} >= {"US_SSN", "PHONE_NUMBER", "EMAIL_ADDRESS"}
    text = prefix + "\n" + BASE
    shift = len(prefix) + 1
    got = [(d.entity_type, d.start - shift, d.end - shift) for d in analyzer.analyze(text) if d.start >= shift]
    assert got == base
    masked = analyzer.mask(text)
    items = [(i.entity_type, i.start - shift, i.end - shift) for i in masked.items if i.start >= shift]
    assert items == base
    for i in masked.items:
        assert masked.text[i.output_start : i.output_end] == "●" * (i.end - i.start)


def test_offsets_inside_non_ascii_names_and_after_combining_marks(analyzer):
    for text, phi in [
        ("Dr. Zoë Ærø saw the patient on 03/14/2024.", "03/14/2024"),
        ("Name: Re\u0301ne\u0301e Dubois, DOB 03/14/1950", "03/14/1950"),
        ("😀👩‍⚕️ Contact: zoe@example.com", "zoe@example.com"),
    ]:
        spans = [text[d.start : d.end] for d in analyzer.analyze(text)]
        assert phi in spans, spans
