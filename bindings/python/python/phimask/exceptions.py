"""The phimask exception hierarchy.

Every error raised by phimask is a :class:`PhimaskError`. Messages name
policy fields, recognizers, offsets and lengths, never the analysed text.
"""

__all__ = ["PhimaskError", "PolicyError", "PatternError", "InputError", "AnalysisError"]


class PhimaskError(Exception):
    """Base class of every phimask error."""


class PolicyError(PhimaskError, ValueError):
    """A policy, an operator or a per-call option is invalid."""


class PatternError(PolicyError):
    """A custom pattern in the policy failed to compile."""


class InputError(PhimaskError, ValueError):
    """The text cannot be analysed: not valid UTF-8 (lone surrogates), too large."""


class AnalysisError(PhimaskError):
    """Analysis failed (a backtracking limit, an internal error); no text is returned."""
