"""phimask: find and mask PHI in clinical text (HIPAA Safe Harbor).

>>> import phimask
>>> phimask.Analyzer().mask("SSN 123-45-6789").text
'SSN ●●●●●●●●●●●'
"""

from phimask._phimask import (
    Analysis,
    Analyzer,
    BatchIterator,
    Detection,
    Explanation,
    Kept,
    Mapping,
    Masked,
    MaskedItem,
    __version__,
    restore,
)
from phimask.exceptions import (
    AnalysisError,
    InputError,
    PatternError,
    PhimaskError,
    PolicyError,
)

__all__ = [
    "Analysis",
    "AnalysisError",
    "Analyzer",
    "BatchIterator",
    "Detection",
    "Explanation",
    "InputError",
    "Kept",
    "Mapping",
    "Masked",
    "MaskedItem",
    "PatternError",
    "PhimaskError",
    "PolicyError",
    "__version__",
    "restore",
]
