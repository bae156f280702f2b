"""Column helpers for data frames: mask a pandas ``Series`` or a Polars
column with one parallel ``mask_batch`` call (nulls stay null)."""

from __future__ import annotations

from typing import Any, Optional

from phimask._phimask import Analyzer

__all__ = ["mask_texts", "mask_series", "mask_polars"]


def mask_texts(analyzer: Analyzer, values: Any, threads: Optional[int] = None) -> list[Optional[str]]:
    """Masks a sequence of str-or-None values, keeping None (and NaN) as None."""
    values = list(values)
    idx = [i for i, v in enumerate(values) if isinstance(v, str)]
    out: list[Optional[str]] = [None] * len(values)
    for i, m in zip(idx, analyzer.mask_batch([values[i] for i in idx], threads=threads)):
        out[i] = m.text
    return out


def mask_series(series: Any, analyzer: Optional[Analyzer] = None, threads: Optional[int] = None) -> Any:
    """Returns a masked copy of a pandas ``Series`` of strings (same index and name)."""
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    a = analyzer or Analyzer()
    return pd.Series(mask_texts(a, series.tolist(), threads), index=series.index, name=series.name, dtype=object)


def mask_polars(column: Any, analyzer: Optional[Analyzer] = None, threads: Optional[int] = None) -> Any:
    """Returns a masked copy of a Polars ``Series`` or ``Expr`` of strings.

    For an expression, use ``df.with_columns(mask_polars(pl.col("note")))``.
    """
    import polars as pl  # type: ignore[import-not-found,unused-ignore]

    a = analyzer or Analyzer()
    if isinstance(column, pl.Expr):
        return column.map_batches(lambda s: mask_polars(s, a, threads), return_dtype=pl.String)
    return pl.Series(column.name, mask_texts(a, column.to_list(), threads), dtype=pl.String)
