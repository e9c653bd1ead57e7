"""Construct and indicator scores from item responses, as the codebook defines them.

Reverse-keyed items are rescored ``min + max - x`` first; a construct's
composite is the sum (SPSS ``COMPUTE WE = SUM(WE1 TO WE10)``) or the mean of
its items, as the codebook's ``composite`` says.
"""

from __future__ import annotations

import pandas as pd

from .codebook import Codebook

__all__ = ["score_items", "construct_scores", "indicator_scores"]


def score_items(items: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Item responses with reverse-keyed items rescored; other columns unchanged."""
    # A shallow copy: under pandas' copy-on-write, rescoring a column replaces that column in the copy
    # and never touches ``items``, and the columns left as they are are not copied (at 10^6 x 40, 320 MB).
    scored = items.copy(deep=False)
    low, high = codebook.scale.min, codebook.scale.max
    for column in codebook.reverse_keyed:
        answers = scored[column]
        if pd.api.types.is_integer_dtype(answers) and answers.dtype.itemsize < 8:
            # Answers stored narrow (processed.read_processed(as_stored=True)): low + high - x keeps an
            # 8-bit type, which a scale such as 0..200 would overflow.
            answers = answers.astype("int64")
        scored[column] = low + high - answers
    return scored


def _composite(items: pd.DataFrame, groups: dict[str, list[str]], how: str) -> pd.DataFrame:
    missing = sorted({c for cols in groups.values() for c in cols} - set(items.columns))
    if missing:
        raise ValueError(f"item columns {missing} are not in the data")
    scores = {}
    for key, columns in groups.items():
        block = items[columns]
        # pandas sums integers of any width in 64 bits and averages in float64, so answers read narrow
        # (8-bit) give the same scores as 64-bit ones (tests/test_cleaning.py checks sums above 127).
        scores[key] = block.sum(axis=1) if how == "sum" else block.mean(axis=1)
    return pd.DataFrame(scores, index=items.index)


def construct_scores(items: pd.DataFrame, codebook: Codebook, *, how: str | None = None) -> pd.DataFrame:
    """One column per construct: the composite used in the regression.

    Parameters
    ----------
    items : DataFrame
        Cleaned item responses (one row per respondent).
    codebook : Codebook
    how : {"sum", "mean"}, optional
        Defaults to the codebook's ``composite``.
    """
    scored = score_items(items, codebook)
    return _composite(scored, codebook.construct_items(), how or codebook.composite)


def indicator_scores(items: pd.DataFrame, codebook: Codebook, *, how: str = "mean") -> pd.DataFrame:
    """One column per indicator: the mean (default) or sum of its items."""
    scored = score_items(items, codebook)
    return _composite(scored, codebook.indicator_items(), how)
