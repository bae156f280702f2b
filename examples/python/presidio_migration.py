"""Migrating a Presidio script to phimask.

Before (Presidio):

    from presidio_analyzer import AnalyzerEngine, PatternRecognizer, Pattern
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import OperatorConfig

After: only the imports change.
"""

from phimask.presidio import AnalyzerEngine, AnonymizerEngine, OperatorConfig, Pattern, PatternRecognizer

analyzer = AnalyzerEngine()
anonymizer = AnonymizerEngine()
mrn = PatternRecognizer(supported_entity="MRN_LOCAL", patterns=[Pattern("mrn", r"\bMRN-\d{6}\b", 0.8)], context=["mrn"])


def scrub(text: str) -> str:
    results = analyzer.analyze(text=text, language="en", ad_hoc_recognizers=[mrn])
    return anonymizer.anonymize(
        text=text,
        analyzer_results=results,
        operators={"DEFAULT": OperatorConfig("replace", {"new_value": "<PHI>"}),
                   "PHONE_NUMBER": OperatorConfig("mask", {"masking_char": "*", "chars_to_mask": 12, "from_end": False})},
    ).text


if __name__ == "__main__":
    print(scrub("Patient John Smith (MRN-123456), SSN 123-45-6789, called 617-555-0199."))
