"""A script written for Presidio runs with only its imports changed.

SCRIPT follows the steps of Presidio's tutorial (a simple analysis, a deny
list, a regex recognizer, context words with a registry, the decision
process, ad-hoc recognizers, an allow list, anonymization with operators and
with hand-made analyzer results), in our own words. The test rewrites only
its import lines, from ``presidio_analyzer`` / ``presidio_anonymizer`` to
``phimask.presidio``, runs it, and checks what it computed.
"""

import re

SCRIPT = '''
from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

# 1. A simple analysis.
text = "His name is Mr. Okafor and his phone number is 646-555-0173"
analyzer = AnalyzerEngine()
analyzer_results = analyzer.analyze(text=text, language="en")
print(analyzer_results)

# 2. A deny list of titles, first on its own, then in the engine's registry.
titles_list = ["Sir", "Madam", "Mr.", "Mrs.", "Ms.", "Dr.", "Professor"]
titles_recognizer = PatternRecognizer(supported_entity="TITLE", deny_list=titles_list)
text1 = "I think Professor Lindqvist saw Mrs. Oyelaran in the atrium"
title_results = titles_recognizer.analyze(text1, entities=["TITLE"])
analyzer.registry.add_recognizer(titles_recognizer)
results1 = analyzer.analyze(text=text1, language="en")
for result in results1:
    print(f"- {text1[result.start:result.end]} as {result.entity_type}")

# 3. A regex recognizer: any run of digits.
numbers_pattern = Pattern(name="numbers_pattern", regex=r"\\d+", score=0.5)
number_recognizer = PatternRecognizer(supported_entity="NUMBER", patterns=[numbers_pattern])
text2 = "I live at 742 Evergreen Terrace."
numbers_result = number_recognizer.analyze(text=text2, entities=["NUMBER"])

# 4. A weak pattern, then the same with context words.
bed_pattern = Pattern(name="bed number (weak)", regex=r"(\\b\\d{4}\\b)", score=0.01)
bed_recognizer = PatternRecognizer(supported_entity="BED_NUMBER", patterns=[bed_pattern])
registry = RecognizerRegistry()
registry.add_recognizer(bed_recognizer)
weak_results = AnalyzerEngine(registry=registry).analyze(text="Assigned bed 4471", language="en")
bed_recognizer_w_context = PatternRecognizer(
    supported_entity="BED_NUMBER", patterns=[bed_pattern], context=["bed", "cot"]
)
registry = RecognizerRegistry()
registry.add_recognizer(bed_recognizer_w_context)
context_results = AnalyzerEngine(registry=registry).analyze(text="Assigned bed 4471", language="en")

# 5. The decision process.
explained = analyzer.analyze(text="Her SSN is 219-09-9999", language="en", return_decision_process=True)
decision_process = explained[0].analysis_explanation
print(decision_process.__dict__)

# 6. An ad-hoc recognizer, for this request only.
ward_recognizer = PatternRecognizer(
    supported_entity="WARD",
    name="Ward Recognizer",
    patterns=[Pattern(name="ward", regex=r"\\bward [A-Z]\\d\\b", score=0.7)],
)
adhoc_text = "Moved to ward C3 by Dr. Haddad"
adhoc_results = analyzer.analyze(text=adhoc_text, language="en", ad_hoc_recognizers=[ward_recognizer],
                                 entities=["WARD"], score_threshold=0.6)
later_results = analyzer.analyze(text=adhoc_text, language="en", entities=["WARD"])

# 7. An allow list.
websites_text = "Labs are on mychart.com, the scans on radiology-portal.org"
all_sites = analyzer.analyze(text=websites_text, language="en", entities=["URL"])
allowed_sites = analyzer.analyze(text=websites_text, language="en", entities=["URL"], allow_list=["mychart.com"])

# 8. Anonymization with operators.
anonymizer = AnonymizerEngine()
operators = {
    "DEFAULT": OperatorConfig("replace", {"new_value": "<ANONYMIZED>"}),
    "PHONE_NUMBER": OperatorConfig(
        "mask", {"type": "mask", "masking_char": "*", "chars_to_mask": 12, "from_end": True}
    ),
    "TITLE": OperatorConfig("redact", {}),
}
anonymized = anonymizer.anonymize(text=text1 + " " + text, analyzer_results=analyzer.analyze(
    text=text1 + " " + text, language="en"), operators=operators)
print(anonymized.text)

# 9. Anonymizing hand-made analyzer results.
manual_results = [
    RecognizerResult(entity_type="PERSON", start=11, end=16, score=0.8),
    RecognizerResult(entity_type="PERSON", start=18, end=29, score=0.8),
]
manual = anonymizer.anonymize(text="My name is Ortiz, Alana Ortiz", analyzer_results=manual_results)
print(manual.text)
'''


def only_imports_changed(script: str) -> str:
    out = []
    for line in script.splitlines():
        if re.match(r"\s*(from|import)\s+presidio_", line):
            line = re.sub(r"\bpresidio_(analyzer|anonymizer)\b", "phimask.presidio", line)
        out.append(line)
    return "\n".join(out)


def test_presidio_tutorial_script_runs_with_only_imports_changed(capsys):
    changed = only_imports_changed(SCRIPT)
    changed_lines = [a for a, b in zip(SCRIPT.splitlines(), changed.splitlines()) if a != b]
    assert len(changed_lines) == 3 and all(line.startswith("from presidio_") for line in changed_lines)
    ns: dict = {}
    exec(compile(changed, "presidio_tutorial.py", "exec"), ns)

    def found(text, results):
        return {(r.entity_type, text[r.start:r.end]) for r in results}

    # 1.
    assert {("PERSON", "Okafor"), ("PHONE_NUMBER", "646-555-0173")} <= found(ns["text"], ns["analyzer_results"])
    # 2.
    assert found(ns["text1"], ns["title_results"]) == {("TITLE", "Professor"), ("TITLE", "Mrs.")}
    got1 = found(ns["text1"], ns["results1"])
    assert {("TITLE", "Professor"), ("TITLE", "Mrs."), ("PERSON", "Lindqvist"), ("PERSON", "Oyelaran")} <= got1
    # 3.
    assert found(ns["text2"], ns["numbers_result"]) == {("NUMBER", "742")}
    # 4. Presidio's default threshold is 0: the weak match comes back at its
    # own score, and the context word raises it.
    (weak,) = ns["weak_results"]
    (strong,) = ns["context_results"]
    assert (weak.entity_type, weak.start, weak.end, weak.score) == ("BED_NUMBER", 13, 17, 0.01)
    assert (strong.start, strong.end) == (13, 17) and strong.score > weak.score
    # 5.
    d = ns["decision_process"]
    assert d.recognizer and d.original_score <= ns["explained"][0].score
    assert {"recognizer", "pattern_name", "original_score", "score", "supportive_context_word"} <= set(d.__dict__)
    # 6. The ad-hoc recognizer served its request only.
    assert found(ns["adhoc_text"], ns["adhoc_results"]) == {("WARD", "ward C3")}
    assert ns["later_results"] == []
    # 7.
    assert found(ns["websites_text"], ns["all_sites"]) == {("URL", "mychart.com"), ("URL", "radiology-portal.org")}
    assert found(ns["websites_text"], ns["allowed_sites"]) == {("URL", "radiology-portal.org")}
    # 8. Names replaced, titles redacted, the phone's last 12 chars masked.
    out = ns["anonymized"].text
    for secret in ("Lindqvist", "Oyelaran", "Okafor", "646-555-0173", "Professor", "Mrs."):
        assert secret not in out
    assert "<ANONYMIZED>" in out and "************" in out
    # 9.
    assert ns["manual"].text == "My name is <PERSON>, <PERSON>"
    printed = capsys.readouterr().out
    assert "<ANONYMIZED>" in printed and "Lindqvist as PERSON" in printed
