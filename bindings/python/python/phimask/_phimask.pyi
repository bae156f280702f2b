"""Type stubs for the native module (checked by mypy.stubtest)."""

import os
from collections.abc import Iterable, Iterator
from typing import Any, Optional, Protocol, Union, final

__version__: str
__all__ = [
    "Analysis",
    "Analyzer",
    "BatchIterator",
    "Detection",
    "Explanation",
    "Kept",
    "Mapping",
    "Masked",
    "MaskedItem",
    "__version__",
    "restore",
]

_PolicyArg = Union[None, str, "os.PathLike[str]", dict[str, Any]]
_TextArg = Union[str, bytes]
_Operators = dict[str, Union[str, dict[str, Any]]]

@final
class Explanation:
    @property
    def recognizer(self) -> str: ...
    @property
    def pattern(self) -> Optional[str]: ...
    @property
    def base_score(self) -> float: ...
    @property
    def context_boost(self) -> float: ...
    @property
    def context_word(self) -> Optional[str]: ...
    @property
    def validated(self) -> Optional[bool]: ...

class _Region(Protocol):
    """What every result names: an entity and its `str` indices (typing
    only: the runtime classes do not share a base)."""

    @property
    def entity_type(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...

class _Finding(_Region, Protocol):
    """A region some recognizer scored."""

    @property
    def score(self) -> float: ...
    @property
    def recognizer(self) -> str: ...

@final
class Detection(_Finding):
    @property
    def explanation(self) -> Optional[Explanation]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class Kept(_Finding):
    @property
    def reason(self) -> str: ...
    @property
    def rule(self) -> Optional[str]: ...

@final
class Analysis:
    @property
    def detections(self) -> list[Detection]: ...
    @property
    def kept(self) -> list[Kept]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> Detection: ...
    def __iter__(self) -> Iterator[Detection]: ...

@final
class MaskedItem(_Region):
    @property
    def output_start(self) -> int: ...
    @property
    def output_end(self) -> int: ...
    @property
    def operator(self) -> str: ...

@final
class Mapping:
    def __new__(cls, json: Optional[str] = None) -> Mapping: ...
    def restore(self, text: _TextArg) -> str: ...
    def placeholders(self) -> list[str]: ...
    def original(self, placeholder: str) -> Optional[str]: ...
    def to_dict(self) -> dict[str, str]: ...
    def to_json(self) -> str: ...
    def __len__(self) -> int: ...

@final
class Masked:
    @property
    def text(self) -> str: ...
    @property
    def items(self) -> list[MaskedItem]: ...
    @property
    def mapping(self) -> Mapping: ...

@final
class BatchIterator:
    def __iter__(self) -> BatchIterator: ...
    def __next__(self) -> Any: ...

@final
class Analyzer:
    def __new__(
        cls, policy: _PolicyArg = None, hash_key: Union[None, str, bytes] = None
    ) -> Analyzer: ...
    def analyze(
        self,
        text: _TextArg,
        /,
        *,
        entities: Optional[list[str]] = None,
        score_threshold: Optional[float] = None,
        explain: bool = False,
    ) -> Analysis: ...
    def mask(
        self,
        text: _TextArg,
        /,
        *,
        operators: Optional[_Operators] = None,
        entities: Optional[list[str]] = None,
        score_threshold: Optional[float] = None,
    ) -> Masked: ...
    def analyze_batch(
        self,
        texts: Iterable[_TextArg],
        /,
        *,
        threads: Optional[int] = None,
        entities: Optional[list[str]] = None,
        score_threshold: Optional[float] = None,
        explain: bool = False,
        chunk_size: Optional[int] = None,
    ) -> BatchIterator: ...
    def mask_batch(
        self,
        texts: Iterable[_TextArg],
        /,
        *,
        threads: Optional[int] = None,
        operators: Optional[_Operators] = None,
        entities: Optional[list[str]] = None,
        score_threshold: Optional[float] = None,
        chunk_size: Optional[int] = None,
    ) -> BatchIterator: ...
    @property
    def policy(self) -> str: ...
    @property
    def name(self) -> Optional[str]: ...
    def recognizer_ids(self) -> list[str]: ...

def restore(text: _TextArg, mapping: Mapping) -> str: ...
