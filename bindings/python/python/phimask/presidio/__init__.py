"""A drop-in for Microsoft Presidio's analyzer and anonymizer APIs.

Change ``from presidio_analyzer import ...`` and ``from presidio_anonymizer
import ...`` to ``from phimask.presidio import ...``; the classes, argument
names and result types follow Presidio's. Detection runs on phimask's
engine (no spaCy model is loaded). See PRESIDIO.md for every difference.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from phimask._phimask import Analyzer, Mapping

__all__ = [
    "AnalysisExplanation",
    "AnalyzerEngine",
    "AnonymizerEngine",
    "BatchAnalyzerEngine",
    "DeanonymizeEngine",
    "DictAnalyzerResult",
    "EngineResult",
    "EntityRecognizer",
    "InvalidParamError",
    "OperatorConfig",
    "OperatorResult",
    "Pattern",
    "PatternRecognizer",
    "RecognizerRegistry",
    "RecognizerResult",
]

#: Presidio's coarse entities and the finer phimask entities reported under them.
ALIASES: Dict[str, List[str]] = {
    "LOCATION": ["LOCATION", "CITY", "COUNTY", "STREET_ADDRESS", "ZIP_CODE"],
    "PHONE_NUMBER": ["PHONE_NUMBER", "FAX_NUMBER"],
    # Presidio's MedicalLicenseRecognizer finds DEA registration numbers.
    "MEDICAL_LICENSE": ["MEDICAL_LICENSE", "DEA_NUMBER"],
    # Presidio's UsBankRecognizer is any 8-17 digit account number.
    "US_BANK_NUMBER": ["US_BANK_NUMBER", "ACCOUNT_NUMBER"],
}

_PRESIDIO_FLAGS = re.DOTALL | re.MULTILINE | re.IGNORECASE


class InvalidParamError(ValueError):
    """An invalid operator or parameter (Presidio's ``InvalidParamError``)."""


class AnalysisExplanation:
    """Why a result was returned (Presidio's decision process)."""

    def __init__(
        self,
        recognizer: str,
        original_score: float,
        pattern_name: Optional[str] = None,
        pattern: Optional[str] = None,
        validation_result: Optional[bool] = None,
        textual_explanation: Optional[str] = None,
        regex_flags: Optional[int] = None,
    ) -> None:
        self.recognizer = recognizer
        self.pattern_name = pattern_name
        self.pattern = pattern
        self.original_score = original_score
        self.score = original_score
        self.textual_explanation = textual_explanation
        self.score_context_improvement = 0.0
        self.supportive_context_word = ""
        self.validation_result = validation_result
        self.regex_flags = regex_flags

    def set_improved_score(self, score: float) -> None:
        self.score = score
        self.score_context_improvement = self.score - self.original_score

    def set_supportive_context_word(self, word: str) -> None:
        self.supportive_context_word = word

    def append_textual_explanation_line(self, text: str) -> None:
        self.textual_explanation = text if self.textual_explanation is None else f"{self.textual_explanation}\n{text}"

    def to_dict(self) -> Dict[str, Any]:
        return dict(self.__dict__)

    def __repr__(self) -> str:
        return str(self.to_dict())


class RecognizerResult:
    """A detection, with Presidio's fields (``start``/``end`` are str indices)."""

    def __init__(
        self,
        entity_type: str,
        start: int,
        end: int,
        score: float,
        analysis_explanation: Optional[AnalysisExplanation] = None,
        recognition_metadata: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.entity_type = entity_type
        self.start = start
        self.end = end
        self.score = score
        self.analysis_explanation = analysis_explanation
        self.recognition_metadata = recognition_metadata or {}

    def to_dict(self) -> Dict[str, Any]:
        return {"entity_type": self.entity_type, "start": self.start, "end": self.end, "score": self.score}

    @classmethod
    def from_json(cls, data: Dict[str, Any]) -> "RecognizerResult":
        return cls(data["entity_type"], data["start"], data["end"], data["score"])

    def intersects(self, other: "RecognizerResult") -> int:
        if self.end < other.start or other.end < self.start:
            return 0
        return min(self.end, other.end) - max(self.start, other.start)

    def contained_in(self, other: "RecognizerResult") -> bool:
        return self.start >= other.start and self.end <= other.end

    def contains(self, other: "RecognizerResult") -> bool:
        return self.start <= other.start and self.end >= other.end

    def equal_indices(self, other: "RecognizerResult") -> bool:
        return self.start == other.start and self.end == other.end

    def has_conflict(self, other: "RecognizerResult") -> bool:
        if self.equal_indices(other):
            return self.score <= other.score
        return other.contains(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecognizerResult):
            return NotImplemented
        return (self.entity_type, self.start, self.end) == (other.entity_type, other.start, other.end) and abs(
            self.score - other.score
        ) < 1e-9

    def __hash__(self) -> int:
        return hash((self.entity_type, self.start, self.end, round(self.score, 6)))

    def __repr__(self) -> str:
        return f"type: {self.entity_type}, start: {self.start}, end: {self.end}, score: {self.score}"

    __str__ = __repr__


@dataclass
class Pattern:
    """A named regular expression with a score."""

    name: str
    regex: str
    score: float

    def to_dict(self) -> Dict[str, Any]:
        return {"name": self.name, "regex": self.regex, "score": self.score}

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Pattern":
        return cls(d["name"], d["regex"], d["score"])


def _rust_regex(regex: str, flags: int) -> str:
    prefix = ""
    if flags & re.IGNORECASE:
        prefix += "i"
    if flags & re.MULTILINE:
        prefix += "m"
    if flags & re.DOTALL:
        prefix += "s"
    return f"(?{prefix}){regex}" if prefix else regex


#: The id prefix of the recognizers made from PatternRecognizers.
_ADHOC = "adhoc_"
#: The Safe Harbor policy's score threshold, which the built-ins keep.
_POLICY_THRESHOLD = 0.5
#: Presidio's context enhancement (LemmaContextAwareEnhancer's defaults).
_CONTEXT_FACTOR = 0.35
_MIN_SCORE_WITH_CONTEXT = 0.4


def _rid(name: str, n: int) -> str:
    base = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "recognizer"
    return f"{_ADHOC}{n}_{base}"


class EntityRecognizer:
    """Base of the recognizers; phimask's built-ins and ad-hoc pattern recognizers."""

    def __init__(self, supported_entities: List[str], name: Optional[str] = None, supported_language: str = "en",
                 context: Optional[List[str]] = None) -> None:
        self.supported_entities = list(supported_entities)
        self.name = name or type(self).__name__
        self.supported_language = supported_language
        self.context = list(context or [])
        self.id = self.name

    def get_supported_entities(self) -> List[str]:
        return list(self.supported_entities)

    def load(self) -> None:  # Presidio's hook; nothing to load
        return None

    def analyze(self, text: str, entities: Optional[List[str]] = None, nlp_artifacts: Any = None) -> List[RecognizerResult]:
        raise NotImplementedError

    def _spec(self, n: int) -> List[Dict[str, Any]]:
        return []


class _BuiltinRecognizer(EntityRecognizer):
    """phimask's built-in recognizers for some entities (Presidio's predefined ones)."""

    def analyze(self, text: str, entities: Optional[List[str]] = None, nlp_artifacts: Any = None) -> List[RecognizerResult]:
        wanted = [e for e in (entities or self.supported_entities) if e in self.supported_entities]
        if not wanted:
            return []
        return _run(_analyzer(()), text, wanted, None, False, self.name)


class PatternRecognizer(EntityRecognizer):
    """A recognizer from regexes and/or a deny list (translated to a phimask policy)."""

    def __init__(
        self,
        supported_entity: str,
        name: Optional[str] = None,
        supported_language: str = "en",
        patterns: Optional[List[Pattern]] = None,
        deny_list: Optional[List[str]] = None,
        context: Optional[List[str]] = None,
        deny_list_score: float = 1.0,
        global_regex_flags: Optional[int] = _PRESIDIO_FLAGS,
        version: str = "0.0.1",
    ) -> None:
        if not patterns and not deny_list:
            raise ValueError("Pattern recognizer should be initialized with patterns or with deny list")
        super().__init__([supported_entity], name or f"{supported_entity}Recognizer", supported_language, context)
        self.supported_entity = supported_entity
        self.patterns = list(patterns or [])
        self.deny_list = list(deny_list or [])
        self.deny_list_score = deny_list_score
        self.global_regex_flags = global_regex_flags or 0
        self.version = version

    def _spec(self, n: int) -> List[Dict[str, Any]]:
        out: List[Dict[str, Any]] = []
        rid = _rid(self.name, n)
        if self.patterns:
            out.append({"kind": "patterns", "id": rid, "entity": self.supported_entity, "context": self.context,
                        "patterns": [{"name": p.name, "regex": _rust_regex(p.regex, self.global_regex_flags),
                                      "score": float(p.score)} for p in self.patterns]})
        if self.deny_list:
            out.append({"kind": "deny_lists", "id": rid + "_deny", "entity": self.supported_entity,
                        "terms": self.deny_list, "score": float(self.deny_list_score),
                        "case_sensitive": not bool(self.global_regex_flags & re.IGNORECASE)})
        return out

    def analyze(self, text: str, entities: Optional[List[str]] = None, nlp_artifacts: Any = None,
                regex_flags: Optional[int] = None) -> List[RecognizerResult]:
        if entities is not None and self.supported_entity not in entities:
            return []
        a = _analyzer((json.dumps(self._spec(0), sort_keys=True),), builtin=False, threshold=0.0)
        return _run(a, text, [self.supported_entity], None, False, self.name)

    def to_dict(self) -> Dict[str, Any]:
        return {"supported_entity": self.supported_entity, "name": self.name,
                "supported_language": self.supported_language, "patterns": [p.to_dict() for p in self.patterns],
                "deny_list": self.deny_list, "context": self.context}

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "PatternRecognizer":
        d = dict(d)
        d["patterns"] = [Pattern.from_dict(p) for p in d.get("patterns") or []]
        return cls(**d)


_BUILTINS = {
    "UsSsnRecognizer": ["US_SSN"],
    "UsItinRecognizer": ["US_ITIN"],
    "EmailRecognizer": ["EMAIL_ADDRESS"],
    "PhoneRecognizer": ["PHONE_NUMBER"],
    "CreditCardRecognizer": ["CREDIT_CARD"],
    "IpRecognizer": ["IP_ADDRESS"],
    "UrlRecognizer": ["URL"],
    "DateRecognizer": ["DATE_TIME"],
    "UsLicenseRecognizer": ["US_DRIVER_LICENSE"],
    "UsPassportRecognizer": ["US_PASSPORT"],
    "UsBankRecognizer": ["US_BANK_NUMBER"],
    "AbaRoutingRecognizer": ["ABA_ROUTING_NUMBER"],
    "IbanRecognizer": ["IBAN_CODE"],
    "MedicalLicenseRecognizer": ["MEDICAL_LICENSE"],
    "SpacyRecognizer": ["PERSON", "LOCATION", "DATE_TIME"],
}


def _make_builtin(cls_name: str, ents: List[str]) -> type:
    def __init__(self: _BuiltinRecognizer, supported_language: str = "en", supported_entities: Optional[List[str]] = None,
                 context: Optional[List[str]] = None, **_: Any) -> None:
        _BuiltinRecognizer.__init__(self, supported_entities or ents, cls_name, supported_language, context)

    return type(cls_name, (_BuiltinRecognizer,), {"__init__": __init__, "__doc__": f"phimask's built-ins for {', '.join(ents)}."})


for _n, _e in _BUILTINS.items():
    globals()[_n] = _make_builtin(_n, _e)
    __all__.append(_n)

_CACHE: Dict[Any, Analyzer] = {}


def _analyzer(specs: Sequence[str], builtin: bool = True, threshold: Optional[float] = None) -> Analyzer:
    key = (tuple(specs), builtin, threshold)
    a = _CACHE.get(key)
    if a is None:
        policy: Dict[str, Any] = {"recognizers": {"builtin": builtin, "patterns": [], "deny_lists": []}}
        if threshold is not None:
            policy["score_threshold"] = threshold
        for doc in specs:
            for spec in json.loads(doc):
                spec = dict(spec)
                kind = spec.pop("kind")
                policy["recognizers"][kind].append(spec)
        a = Analyzer(policy)
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[key] = a
    return a


def _run(analyzer: Analyzer, text: str, entities: Optional[List[str]], threshold: Optional[float],
         explain: bool, name: Optional[str] = None) -> List[RecognizerResult]:
    wanted: Optional[List[str]] = None
    rename: Dict[str, str] = {}
    if entities is not None:
        wanted = []
        for asked in entities:
            for fine in ALIASES.get(asked, [asked]):
                wanted.append(fine)
                if fine != asked and fine not in entities:
                    rename[fine] = asked
    analysis = analyzer.analyze(text, entities=wanted, score_threshold=threshold, explain=explain)
    out = []
    for d in analysis:
        expl = None
        if explain and d.explanation is not None:
            e = d.explanation
            expl = AnalysisExplanation(e.recognizer, e.base_score, pattern_name=e.pattern, validation_result=e.validated,
                                       textual_explanation=f"Identified as {d.entity_type} by phimask recognizer {e.recognizer}")
            if e.context_boost:
                expl.set_improved_score(d.score)
            if e.context_word:
                expl.set_supportive_context_word(e.context_word)
        out.append(RecognizerResult(rename.get(d.entity_type, d.entity_type), d.start, d.end, d.score, expl,
                                    {"recognizer_name": name or d.recognizer, "recognizer_identifier": d.recognizer}))
    return out


class RecognizerRegistry:
    """The recognizers an AnalyzerEngine runs: phimask's built-ins plus ad-hoc ones."""

    def __init__(self, recognizers: Optional[Iterable[EntityRecognizer]] = None, global_regex_flags: Optional[int] = _PRESIDIO_FLAGS,
                 supported_languages: Optional[List[str]] = None) -> None:
        self.recognizers: List[EntityRecognizer] = list(recognizers or [])
        self.global_regex_flags = global_regex_flags
        self.supported_languages = supported_languages or ["en"]
        self._builtins = False

    def load_predefined_recognizers(self, languages: Optional[List[str]] = None, nlp_engine: Any = None) -> None:
        if not self._builtins:
            self._builtins = True
            self.recognizers.extend(globals()[n]() for n in _BUILTINS)

    def add_recognizer(self, recognizer: EntityRecognizer) -> None:
        if not isinstance(recognizer, EntityRecognizer):
            raise ValueError("Input is not of type EntityRecognizer")
        self.recognizers.append(recognizer)

    def remove_recognizer(self, recognizer_name: str, language: Optional[str] = None) -> None:
        self.recognizers = [r for r in self.recognizers if r.name != recognizer_name]

    def add_pattern_recognizer_from_dict(self, recognizer_dict: Dict[str, Any]) -> None:
        self.add_recognizer(PatternRecognizer.from_dict(recognizer_dict))

    def get_recognizers(self, language: str, entities: Optional[List[str]] = None, all_fields: bool = False,
                        ad_hoc_recognizers: Optional[List[EntityRecognizer]] = None) -> List[EntityRecognizer]:
        rs = self.recognizers + list(ad_hoc_recognizers or [])
        if all_fields or entities is None:
            return rs
        return [r for r in rs if set(r.supported_entities) & set(entities)]

    def get_supported_entities(self, languages: Optional[List[str]] = None) -> List[str]:
        return sorted({e for r in self.recognizers for e in r.supported_entities})

    def _specs(self, extra: Sequence[EntityRecognizer] = ()) -> List[str]:
        return [json.dumps(r._spec(i), sort_keys=True) for i, r in enumerate([*self.recognizers, *extra])
                if isinstance(r, PatternRecognizer)]

    def _call_context(self, extra: Sequence[EntityRecognizer], context: Optional[List[str]]) -> Dict[str, List[str]]:
        """For each id of the caller's recognizers (as ``_specs`` numbers
        them), the call's context words found in its context list."""
        if not context:
            return {}
        call = {w.strip().lower() for w in context if isinstance(w, str) and w.strip()}
        out: Dict[str, List[str]] = {}
        for i, r in enumerate([*self.recognizers, *extra]):
            if not isinstance(r, PatternRecognizer):
                continue
            hit = [w for w in r.context if w.lower() in call]
            if hit:
                rid = _rid(r.name, i)
                out[rid] = hit
                out[rid + "_deny"] = hit
        return out

    def _uses_builtins(self) -> bool:
        return self._builtins or any(isinstance(r, _BuiltinRecognizer) for r in self.recognizers)


class AnalyzerEngine:
    """Presidio's ``AnalyzerEngine`` on phimask's engine."""

    def __init__(self, registry: Optional[RecognizerRegistry] = None, nlp_engine: Any = None, app_tracer: Any = None,
                 log_decision_process: bool = False, default_score_threshold: Optional[float] = None,
                 supported_languages: Optional[List[str]] = None, context_aware_enhancer: Any = None) -> None:
        if registry is None:
            registry = RecognizerRegistry()
            registry.load_predefined_recognizers()
        self.registry = registry
        self.nlp_engine = nlp_engine
        self.log_decision_process = log_decision_process
        self.default_score_threshold = default_score_threshold
        self.supported_languages = supported_languages or ["en"]

    def _threshold(self, specs: Sequence[str], score_threshold: Optional[float]
                   ) -> "tuple[Optional[float], Callable[[float, str], bool]]":
        """The threshold to run phimask at and the filter on (score,
        recognizer id) applied after. Without an explicit threshold the
        caller's own recognizers get Presidio's default (0), which their weak
        patterns rely on (a 0.01 zip code pattern), and phimask's built-ins
        keep the policy's threshold."""
        threshold = score_threshold if score_threshold is not None else self.default_score_threshold
        if threshold is not None or not specs:
            return threshold, lambda score, rid: True
        builtin = self.registry._uses_builtins()
        return 0.0, lambda score, rid: score >= _POLICY_THRESHOLD or not builtin or rid.startswith(_ADHOC)

    def _analyze_with_context(self, analyzer: Analyzer, text: str, entities: Optional[List[str]], specs: Sequence[str],
                              score_threshold: Optional[float], words: Dict[str, List[str]],
                              explain: bool) -> List[RecognizerResult]:
        """Presidio's per-call ``context``: the words count as if they stood
        around every match, so a result of a recognizer with one of them in
        its own context list gets Presidio's boost (+0.35, at least 0.4, at
        most 1.0) once, unless context in the text already raised it. Runs
        at threshold 0 and applies the threshold after the boost, as
        Presidio does. Only the caller's PatternRecognizers have context
        lists here (the built-ins' are inside the engine)."""
        threshold = score_threshold if score_threshold is not None else self.default_score_threshold
        builtin = self.registry._uses_builtins()
        results = _run(analyzer, text, entities, 0.0, True)
        out = []
        for r in results:
            rid = r.recognition_metadata["recognizer_identifier"]
            e = r.analysis_explanation
            hit = words.get(rid)
            if hit and e is not None and not e.supportive_context_word:
                r.score = min(1.0, max(r.score + _CONTEXT_FACTOR, _MIN_SCORE_WITH_CONTEXT))
                e.set_improved_score(r.score)
                e.set_supportive_context_word(hit[0])
                r.recognition_metadata["is_score_enhanced_by_context"] = True
            if threshold is not None:
                ok = r.score >= threshold
            else:
                ok = r.score >= _POLICY_THRESHOLD or not builtin or rid.startswith(_ADHOC)
            if ok:
                if not explain:
                    r.analysis_explanation = None
                out.append(r)
        return out

    def get_supported_entities(self, language: Optional[str] = None) -> List[str]:
        ents = set(self.registry.get_supported_entities())
        if self.registry._uses_builtins():
            ents |= {"PERSON", "LOCATION", "DATE_TIME", "AGE", "MEDICAL_RECORD_NUMBER", "HEALTH_PLAN_ID", "ACCOUNT_NUMBER",
                     "FAX_NUMBER", "STREET_ADDRESS", "CITY", "ZIP_CODE", "ID_NUMBER", "DEVICE_ID", "VEHICLE_ID"}
        return sorted(ents)

    def get_recognizers(self, language: Optional[str] = None) -> List[EntityRecognizer]:
        return list(self.registry.recognizers)

    def analyze(
        self,
        text: str,
        language: str = "en",
        entities: Optional[List[str]] = None,
        correlation_id: Optional[str] = None,
        score_threshold: Optional[float] = None,
        return_decision_process: Optional[bool] = False,
        ad_hoc_recognizers: Optional[List[EntityRecognizer]] = None,
        context: Optional[List[str]] = None,
        allow_list: Optional[List[str]] = None,
        allow_list_match: Optional[str] = "exact",
        regex_flags: Optional[int] = None,
        nlp_artifacts: Any = None,
    ) -> List[RecognizerResult]:
        if language not in self.supported_languages:
            raise ValueError(f"No matching recognizers were found to serve the request (language {language!r}).")
        adhoc = list(ad_hoc_recognizers or [])
        specs = self.registry._specs(adhoc)
        analyzer = _analyzer(tuple(specs), builtin=self.registry._uses_builtins())
        explain = bool(return_decision_process or self.log_decision_process)
        words = self.registry._call_context(adhoc, context)
        if words:
            results = self._analyze_with_context(analyzer, text, entities, specs, score_threshold, words, explain)
        else:
            threshold, keep = self._threshold(specs, score_threshold)
            results = _run(analyzer, text, entities, threshold, explain)
            results = [r for r in results if keep(r.score, r.recognition_metadata["recognizer_identifier"])]
        if allow_list:
            if allow_list_match == "regex":
                pats = [re.compile(p, regex_flags if regex_flags is not None else _PRESIDIO_FLAGS) for p in allow_list]
                results = [r for r in results if not any(p.fullmatch(text[r.start:r.end]) for p in pats)]
            else:
                allowed = set(allow_list)
                results = [r for r in results if text[r.start:r.end] not in allowed]
        return results


@dataclass
class DictAnalyzerResult:
    """One key of ``BatchAnalyzerEngine.analyze_dict``."""

    key: str
    value: Any
    recognizer_results: Any


class BatchAnalyzerEngine:
    """Presidio's ``BatchAnalyzerEngine``: lists and dicts, analysed in parallel."""

    def __init__(self, analyzer_engine: Optional[AnalyzerEngine] = None) -> None:
        self.analyzer_engine = analyzer_engine or AnalyzerEngine()

    def analyze_iterator(self, texts: Iterable[Union[str, bool, float, int]], language: str, batch_size: int = 1,
                         n_process: int = 1, **kwargs: Any) -> List[List[RecognizerResult]]:
        values = list(texts)
        eng = self.analyzer_engine
        strs = [v if isinstance(v, str) else str(v) for v in values]
        if kwargs or any(not isinstance(v, str) for v in values):
            return [eng.analyze(t, language=language, **kwargs) if isinstance(v, str) else []
                    for t, v in zip(strs, values)]
        if language not in eng.supported_languages:
            raise ValueError(f"No matching recognizers were found to serve the request (language {language!r}).")
        specs = eng.registry._specs()
        analyzer = _analyzer(tuple(specs), builtin=eng.registry._uses_builtins())
        threshold, keep = eng._threshold(specs, None)
        return [[RecognizerResult(d.entity_type, d.start, d.end, d.score, None,
                                  {"recognizer_name": d.recognizer, "recognizer_identifier": d.recognizer})
                 for d in analysis if keep(d.score, d.recognizer)]
                for analysis in analyzer.analyze_batch(strs, score_threshold=threshold)]

    def analyze_dict(self, input_dict: Dict[str, Any], language: str, keys_to_skip: Optional[List[str]] = None,
                     **kwargs: Any) -> Iterator[DictAnalyzerResult]:
        skip = set(keys_to_skip or [])
        for key, value in input_dict.items():
            if key in skip or value is None:
                yield DictAnalyzerResult(key, value, [])
            elif isinstance(value, str):
                yield DictAnalyzerResult(key, value, self.analyzer_engine.analyze(value, language=language, **kwargs))
            elif isinstance(value, dict):
                inner = [k.split(".", 1)[1] for k in skip if k.startswith(key + ".")]
                yield DictAnalyzerResult(key, value, self.analyze_dict(value, language, inner, **kwargs))
            elif isinstance(value, (list, tuple)):
                yield DictAnalyzerResult(key, value, self.analyze_iterator(value, language, **kwargs))
            else:
                yield DictAnalyzerResult(key, value, [])


class OperatorConfig:
    """An anonymizer operator and its parameters (replace, redact, mask, hash, keep, custom)."""

    def __init__(self, operator_name: str, params: Optional[Dict[str, Any]] = None) -> None:
        self.operator_name = operator_name
        self.params = dict(params or {})
        if operator_name not in _OPERATORS:
            raise InvalidParamError(f"Invalid operator class '{operator_name}'.")

    def __repr__(self) -> str:
        return f"operator_name: {self.operator_name}, params: {self.params}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OperatorConfig) and (self.operator_name, self.params) == (other.operator_name, other.params)


def _replace(text: str, entity: str, p: Dict[str, Any]) -> str:
    v = p.get("new_value")
    return f"<{entity}>" if v is None or v == "" else str(v)


def _mask(text: str, entity: str, p: Dict[str, Any]) -> str:
    ch = p.get("masking_char", "*")
    if not isinstance(ch, str) or len(ch) != 1:
        raise InvalidParamError("Invalid input, masking_char must be a character")
    n = p.get("chars_to_mask", len(text))
    if not isinstance(n, int) or n < 0:
        raise InvalidParamError("Invalid input, chars_to_mask must be a non-negative int")
    n = min(n, len(text))
    if p.get("from_end", False):
        return text[: len(text) - n] + ch * n
    return ch * n + text[n:]


def _hash(text: str, entity: str, p: Dict[str, Any]) -> str:
    kind = p.get("hash_type", "sha256")
    if kind not in ("sha256", "sha512", "md5"):
        raise InvalidParamError(f"Invalid hash_type {kind!r}")
    salt = p.get("salt", b"")
    if isinstance(salt, str):
        salt = salt.encode()
    return hashlib.new(kind, text.encode() + salt).hexdigest()


def _custom(text: str, entity: str, p: Dict[str, Any]) -> str:
    fn = p.get("lambda")
    if not callable(fn):
        raise InvalidParamError("Custom operator needs a callable 'lambda' parameter")
    out = fn(text)
    if not isinstance(out, str):
        raise InvalidParamError("Custom lambda should return a str")
    return out


_OPERATORS: Dict[str, Callable[[str, str, Dict[str, Any]], str]] = {
    "replace": _replace,
    "redact": lambda t, e, p: "",
    "mask": _mask,
    "hash": _hash,
    "keep": lambda t, e, p: t,
    "custom": _custom,
    "placeholder": lambda t, e, p: t,  # handled by the engine (needs the mapping)
}


@dataclass
class OperatorResult:
    """One anonymized region of the output (Presidio's ``OperatorResult``)."""

    start: int
    end: int
    entity_type: str
    text: str
    operator: str

    def to_dict(self) -> Dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class EngineResult:
    """The anonymized text and its items (Presidio's ``EngineResult``)."""

    text: str = ""
    items: List[OperatorResult] = field(default_factory=list)
    mapping: Optional[Mapping] = None

    def to_json(self) -> str:
        return json.dumps({"text": self.text, "items": [i.to_dict() for i in self.items]})


def _resolve(results: List[RecognizerResult]) -> List[RecognizerResult]:
    """Presidio's conflict handling: drop results contained in (or equal to, with a lower
    score) another result; merge overlapping results of the same entity."""
    rs = sorted(results, key=lambda r: (r.start, -r.end))
    keep = [r for i, r in enumerate(rs) if not any(j != i and r.has_conflict(o) and not (r.equal_indices(o) and r.score == o.score and j > i)
                                                   for j, o in enumerate(rs))]
    merged: List[RecognizerResult] = []
    for r in sorted(keep, key=lambda r: (r.start, r.end)):
        if merged and merged[-1].entity_type == r.entity_type and r.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = RecognizerResult(last.entity_type, last.start, max(last.end, r.end), max(last.score, r.score))
        else:
            merged.append(r)
    return merged


class AnonymizerEngine:
    """Presidio's ``AnonymizerEngine``: applies operators to analyzer results."""

    def anonymize(self, text: str, analyzer_results: List[RecognizerResult],
                  operators: Optional[Dict[str, OperatorConfig]] = None,
                  conflict_resolution: Any = None) -> EngineResult:
        ops = dict(operators or {})
        default = ops.get("DEFAULT", OperatorConfig("replace"))
        results = _resolve(list(analyzer_results))
        out_parts: List[str] = []
        items: List[OperatorResult] = []
        last = 0
        pos = 0
        mapping_pairs: Dict[tuple[str, str], str] = {}
        counters: Dict[str, int] = {}
        for r in results:
            if r.start < last:  # overlapping, different entities: the earlier one wins
                r = RecognizerResult(r.entity_type, last, r.end, r.score)
                if r.start >= r.end:
                    continue
            cfg = ops.get(r.entity_type, default)
            original = text[r.start:r.end]
            if cfg.operator_name == "placeholder":
                key = (r.entity_type, original)
                if key not in mapping_pairs:
                    counters[r.entity_type] = counters.get(r.entity_type, 0) + 1
                    mapping_pairs[key] = f"[{r.entity_type}_{counters[r.entity_type]}]"
                new = mapping_pairs[key]
            else:
                new = _OPERATORS[cfg.operator_name](original, r.entity_type, cfg.params)
            out_parts.append(text[last:r.start])
            pos += r.start - last
            out_parts.append(new)
            items.append(OperatorResult(pos, pos + len(new), r.entity_type, new, cfg.operator_name))
            pos += len(new)
            last = r.end
        out_parts.append(text[last:])
        mapping = None
        if mapping_pairs:
            entries = [[p, o] for (_, o), p in mapping_pairs.items()]
            mapping = Mapping(json.dumps({"entries": entries}))
        return EngineResult("".join(out_parts), items, mapping)

    def get_anonymizers(self) -> List[str]:
        return [k for k in _OPERATORS if k != "placeholder"]


class DeanonymizeEngine:
    """Presidio's ``DeanonymizeEngine``. Presidio's only reversible operator is
    ``decrypt`` (AES), which phimask does not provide; phimask's reversible
    operator is ``placeholder``, reversed with ``OperatorConfig("restore",
    {"mapping": mapping})`` (or ``phimask.restore``)."""

    def deanonymize(self, text: str, entities: List[OperatorResult], operators: Dict[str, OperatorConfig]) -> EngineResult:
        cfg = operators.get("DEFAULT") or next(iter(operators.values()), None)
        if cfg is None or cfg.operator_name != "restore":
            raise InvalidParamError("phimask deanonymizes placeholders only: use OperatorConfig('restore', {'mapping': mapping})")
        mapping = cfg.params.get("mapping")
        if not isinstance(mapping, Mapping):
            raise InvalidParamError("the restore operator needs a phimask Mapping as 'mapping'")
        return EngineResult(mapping.restore(text), [], None)

    def get_deanonymizers(self) -> List[str]:
        return ["restore"]


_OPERATORS["restore"] = lambda t, e, p: t
