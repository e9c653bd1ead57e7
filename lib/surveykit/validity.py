"""Item validity: item-total correlations against the r-table value.

Indonesian theses test each questionnaire item by correlating it (SPSS
CORRELATIONS, Pearson) with the construct total and calling it valid when
r exceeds the "r-table" value, the critical Pearson r of a two-tailed test
at the chosen alpha with df = n - 2.  SPSS RELIABILITY reports the
*corrected* item-total correlation (item versus the total of the *other*
items) instead.  Both are given here; the paper does not say which it used.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._checks import numeric_block
from .i18n import N_, tr
from .reliability import identical_item_groups, negative_r_note

__all__ = ["r_table", "item_total_correlations", "validity_table", "VALID", "NOT_VALID", "verdict_word"]

#: The words of a validity verdict, as Indonesian theses print them (Valid / Tidak Valid).
VALID = N_("Valid")
NOT_VALID = N_("Not valid")


def verdict_word(valid) -> str:
    """``Valid`` or ``Not valid`` in the active language; empty where r is not defined (no verdict)."""
    if valid is None or pd.isna(valid):
        return ""
    return tr(VALID if valid else NOT_VALID)


def r_table(n: int, *, alpha: float = 0.05) -> float:
    """Critical Pearson r for a two-tailed test ("r tabel").

    r = t / sqrt(df + t**2), with t the two-tailed critical t of df = n - 2
    degrees of freedom.  For n = 56 and alpha = .05 this is 0.2632.

    Parameters
    ----------
    n : int
        Number of respondents.
    alpha : float, default 0.05
        Two-tailed significance level.

    Returns
    -------
    float
    """
    from scipy import stats

    if int(n) != n or n < 3:
        raise ValueError(f"r_table needs an integer n >= 3 (df = n - 2 >= 1), got {n!r}")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1, got {alpha!r}")
    df = int(n) - 2
    t = float(stats.t.isf(alpha / 2, df))
    return t / float(np.sqrt(df + t * t))


def _correlation(cross_xy: float, ss_x: float, ss_y: float) -> float:
    """Pearson r from a centred cross-product and two sums of squares (NaN when undefined)."""
    # A sum of squares that is zero up to rounding means a constant variable.
    if ss_x <= 1e-12 * max(ss_y, 1.0) or ss_y <= 1e-12 * max(ss_x, 1.0):
        return float("nan")
    return float(np.clip(cross_xy / np.sqrt(ss_x * ss_y), -1.0, 1.0))


def item_total_correlations(data: pd.DataFrame, items: Sequence[str], *, alpha: float = 0.05) -> pd.DataFrame:
    """Pearson item-total and corrected item-total correlations with the validity verdict.

    Parameters
    ----------
    data : DataFrame
        One row per respondent, the item columns numeric without missing values.
    items : sequence of str
        The items of one construct (its total is their unweighted sum).
    alpha : float, default 0.05
        Two-tailed level of the r-table value.

    Returns
    -------
    DataFrame
        One row per item: ``item``, ``r_item_total`` (Pearson r of the item
        with the construct total *including* the item, as SPSS CORRELATIONS
        gives it when the total is a computed variable), ``r_corrected``
        (with the total of the other items: SPSS RELIABILITY's "Corrected
        Item-Total Correlation"), ``r_table``, ``valid_item_total``,
        ``valid_corrected`` (r > r_table; nullable booleans) and ``note``.
        A correlation that is not defined (a constant item or total, or the
        corrected r of a single-item construct) is NaN, its verdict is
        missing (``<NA>``) and ``note`` says why.  Items that are copies of
        each other up to an additive constant
        (:func:`surveykit.reliability.identical_item_groups`) are flagged in
        ``note``: when every item of the construct is such a copy, r = 1
        comes from the copying, not from validity.
    """
    values = numeric_block(data, items, min_rows=3)
    n, k = values.shape
    critical = r_table(n, alpha=alpha)
    # Every correlation follows from the items' centred cross-product matrix,
    # one O(n k^2) pass (BLAS) instead of two passes over the data per item:
    # cov(x_j, total) is row j's sum, cov(x_j, rest) that minus var(x_j).
    centred = values - values.mean(axis=0)
    cross = centred.T @ centred
    item_ss = np.diag(cross)
    with_total = cross.sum(axis=1)
    total_ss = with_total.sum()
    rest_ss = total_ss - 2 * with_total + item_ss
    copies_of: dict[int, list[int]] = {}
    for group in identical_item_groups(values):
        for j in group:
            copies_of[j] = [i for i in group if i != j]
    rows = []
    for j, item in enumerate(items):
        notes = []
        if j in copies_of and len(copies_of[j]) == k - 1:
            notes.append(tr("every item of this construct is a copy of the others (up to a constant): "
                            "r = 1 comes from the copying, not from validity"))
        elif j in copies_of:
            names = ", ".join(str(items[i]) for i in copies_of[j])
            notes.append(tr("the item is a copy (up to a constant) of {names}: "
                            "its correlation with them is 1 by construction", names=names))
        if item_ss[j] == 0:
            notes.append(tr("the item has zero variance (every respondent gave the same answer): r is not defined"))
        r_it = _correlation(with_total[j], item_ss[j], total_ss)
        if k == 1:
            r_cor = float("nan")
            notes.append(tr("single-item construct: the item is its own total (r = 1 by construction), "
                            "and the corrected r has no other items to correlate with"))
        else:
            r_cor = _correlation(with_total[j] - item_ss[j], item_ss[j], rest_ss[j])
            if np.isnan(r_cor) and item_ss[j] > 0:
                notes.append(tr("the other items sum to a constant: the corrected r is not defined"))
            elif r_cor < 0:
                notes.append(negative_r_note())
        rows.append({
            "item": item,
            "r_item_total": r_it,
            "r_corrected": r_cor,
            "r_table": critical,
            "valid_item_total": pd.NA if np.isnan(r_it) else bool(r_it > critical),
            "valid_corrected": pd.NA if np.isnan(r_cor) else bool(r_cor > critical),
            "note": "; ".join(notes),
        })
    table = pd.DataFrame(rows)
    for column in ("valid_item_total", "valid_corrected"):
        table[column] = table[column].astype("boolean")
    return table


def validity_table(data: pd.DataFrame, constructs: dict[str, Sequence[str]], *, alpha: float = 0.05) -> pd.DataFrame:
    """:func:`item_total_correlations` for every construct, stacked, with SPSS-style column names.

    Parameters
    ----------
    data : DataFrame
    constructs : dict
        Construct key -> its item columns (e.g. ``Codebook.construct_items()``).
    alpha : float, default 0.05

    Returns
    -------
    DataFrame
        "Construct", "Item", "Pearson Correlation (item-total)", "Corrected
        Item-Total Correlation", "r table", "Valid (item-total)", "Valid
        (corrected)", "Note".
    """
    if not constructs:
        raise ValueError("no constructs given")
    parts = []
    for key, items in constructs.items():
        part = item_total_correlations(data, list(items), alpha=alpha)
        part.insert(0, "construct", key)
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    return table.rename(columns={
        "construct": "Construct", "item": "Item", "r_item_total": "Pearson Correlation (item-total)",
        "r_corrected": "Corrected Item-Total Correlation", "r_table": "r table",
        "valid_item_total": "Valid (item-total)", "valid_corrected": "Valid (corrected)", "note": "Note",
    })
