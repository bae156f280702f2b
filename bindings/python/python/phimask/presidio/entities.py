"""Presidio's ``presidio_anonymizer.entities`` (and the analyzer's result
types) under the same module path, so a script's
``from presidio_anonymizer.entities import OperatorConfig, RecognizerResult``
becomes ``from phimask.presidio.entities import ...`` with nothing else
changed."""

from phimask.presidio import (
    DictAnalyzerResult,
    EngineResult,
    InvalidParamError,
    OperatorConfig,
    OperatorResult,
    RecognizerResult,
)

__all__ = [
    "DictAnalyzerResult",
    "EngineResult",
    "InvalidParamError",
    "OperatorConfig",
    "OperatorResult",
    "RecognizerResult",
]
