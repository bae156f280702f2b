"""Keep PHI out of logs and error trackers.

* :class:`PhiFilter` — a :class:`logging.Filter` that masks the formatted
  message (and drops the args) before any handler sees the record.
* :func:`structlog_processor` — a structlog processor masking string fields.
* :func:`sentry_before_send` / :func:`sentry_before_breadcrumb` — Sentry hooks
  masking messages, exception values, breadcrumbs, extra and local variables.
"""

from __future__ import annotations

import logging as _logging
from typing import Any, Callable, Optional

from phimask._phimask import Analyzer

__all__ = [
    "PhiFilter",
    "mask_value",
    "structlog_processor",
    "sentry_before_send",
    "sentry_before_breadcrumb",
]

_default: Optional[Analyzer] = None


def _analyzer(analyzer: Optional[Analyzer]) -> Analyzer:
    global _default
    if analyzer is not None:
        return analyzer
    if _default is None:
        _default = Analyzer()
    return _default


def mask_value(value: Any, analyzer: Optional[Analyzer] = None, _depth: int = 0) -> Any:
    """Masks every string inside ``value`` (dicts, lists, tuples, nested)."""
    a = _analyzer(analyzer)
    if isinstance(value, str):
        return a.mask(value).text
    if _depth > 20:
        return "[depth limit]"
    if isinstance(value, dict):
        return {k: mask_value(v, a, _depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_value(v, a, _depth + 1) for v in value]
    if isinstance(value, tuple):
        return tuple(mask_value(v, a, _depth + 1) for v in value)
    return value


class PhiFilter(_logging.Filter):
    """Masks PHI in each record's formatted message; the args are merged in
    first and then cleared, so no handler can re-format the originals."""

    def __init__(self, analyzer: Optional[Analyzer] = None, name: str = "") -> None:
        super().__init__(name)
        self._analyzer = analyzer

    def filter(self, record: _logging.LogRecord) -> bool:
        a = _analyzer(self._analyzer)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep nothing of the args
            message = str(record.msg)
        record.msg = a.mask(message).text
        record.args = None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = a.mask(_logging.Formatter().formatException(record.exc_info)).text
        if record.exc_text:
            record.exc_text = a.mask(record.exc_text).text
        return True


def structlog_processor(analyzer: Optional[Analyzer] = None) -> Callable[[Any, str, dict[str, Any]], dict[str, Any]]:
    """A structlog processor that masks every string field of the event dict."""

    def process(logger: Any, method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
        return {k: mask_value(v, analyzer) for k, v in event_dict.items()}

    return process


def _mask_frames(exc: dict[str, Any], a: Analyzer) -> None:
    st = exc.get("stacktrace") or {}
    for frame in st.get("frames") or []:
        if "vars" in frame:
            frame["vars"] = mask_value(frame["vars"], a)
        for key in ("context_line",):
            if isinstance(frame.get(key), str):
                frame[key] = a.mask(frame[key]).text
        for key in ("pre_context", "post_context"):
            if isinstance(frame.get(key), list):
                frame[key] = mask_value(frame[key], a)


def _mask_breadcrumb(crumb: Any, a: Analyzer) -> Any:
    """Masks a breadcrumb's message and data in place (the one scrubber of
    both Sentry hooks); a value that is not a dict is masked as a value."""
    if not isinstance(crumb, dict):
        return mask_value(crumb, a)
    if isinstance(crumb.get("message"), str):
        crumb["message"] = a.mask(crumb["message"]).text
    if "data" in crumb:
        crumb["data"] = mask_value(crumb["data"], a)
    return crumb


def sentry_before_send(analyzer: Optional[Analyzer] = None) -> Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]:
    """A Sentry ``before_send`` hook masking the event's message, log entry,
    exception values, local variables, breadcrumbs, extra and tags."""

    def before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
        a = _analyzer(analyzer)
        if isinstance(event.get("message"), str):
            event["message"] = a.mask(event["message"]).text
        logentry = event.get("logentry")
        if isinstance(logentry, dict):
            if isinstance(logentry.get("message"), str):
                logentry["message"] = a.mask(logentry["message"]).text
            if isinstance(logentry.get("formatted"), str):
                logentry["formatted"] = a.mask(logentry["formatted"]).text
            if "params" in logentry:
                logentry["params"] = mask_value(logentry["params"], a)
        for exc in (event.get("exception") or {}).get("values") or []:
            if isinstance(exc.get("value"), str):
                exc["value"] = a.mask(exc["value"]).text
            _mask_frames(exc, a)
        for thread in (event.get("threads") or {}).get("values") or []:
            _mask_frames(thread, a)
        crumbs = event.get("breadcrumbs")
        if isinstance(crumbs, dict):
            crumbs["values"] = [_mask_breadcrumb(c, a) for c in crumbs.get("values") or []]
        elif isinstance(crumbs, list):
            event["breadcrumbs"] = [_mask_breadcrumb(c, a) for c in crumbs]
        for key in ("extra", "tags", "contexts", "request", "user"):
            if key in event:
                event[key] = mask_value(event[key], a)
        return event

    return before_send


def sentry_before_breadcrumb(analyzer: Optional[Analyzer] = None) -> Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]:
    """A Sentry ``before_breadcrumb`` hook masking the message and data."""

    def before_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
        masked: dict[str, Any] = _mask_breadcrumb(crumb, _analyzer(analyzer))
        return masked

    return before_breadcrumb
