"""Internal consistency: Cronbach's alpha, SPSS's item-total statistics, and the per-construct
reliability tables (alpha beside McDonald's omega, whose one-factor model is :mod:`surveykit.factor`).

Mirrors SPSS 21 ``RELIABILITY /MODEL=ALPHA /STATISTICS=... /SUMMARY=TOTAL``.
Alpha uses the variance-of-the-sum form

    alpha = k / (k - 1) * (1 - sum(var_i) / var(total)),

with variances on n - 1 degrees of freedom, which is what SPSS prints.
Degenerate scales are reported as such instead of as a plain number:
one item (alpha not defined), items that are copies of each other up to an
additive constant (alpha = 1 exactly, the items carry no independent
information), and items without variance.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._checks import STATUS_IDENTICAL, STATUS_OK, STATUS_SINGLE, STATUS_ZERO_VARIANCE, identical_item_groups, numeric_block
from .errors import NotDefinedError
from .factor import mcdonald_omega, omega_interval, one_factor_chi_square
from .i18n import N_, tr

__all__ = [
    "AlphaResult",
    "cronbach_alpha",
    "item_total_statistics",
    "feldt_interval",
    "identical_item_groups",
    "reliability_table",
    "item_total_statistics_table",
    "mean_inter_item_correlation",
    "omega_table",
    "correlation_blocks",
]

# Alpha's own statuses beside the shared ones (STATUS_OK, ... from _checks); data, shown through tr().
STATUS_CONSTANT_TOTAL = N_("constant total")
STATUS_NEGATIVE = N_("negative alpha")

#: The verdicts of :func:`reliability_table` (data; shown through tr()).
VERDICT_RELIABLE = N_("reliable")
VERDICT_NOT_RELIABLE = N_("not reliable")
VERDICT_NOT_DEFINED = N_("not defined")
VERDICT_NOT_ASSESSABLE = N_("not assessable (identical items)")

#: Why an item correlates negatively with the rest of its scale, most of the time.
LIKELY_REVERSE_KEYED = N_("likely cause: an item worded in the opposite direction that is not declared under "
                          "the codebook's `reverse_keyed`")
_NEGATIVE_R_TEMPLATE = N_("negative corrected item-total r: the item runs against the rest of its scale ({cause})")
#: Note of an item whose corrected item-total correlation is negative (item-total tables of 03), in English.
NEGATIVE_R_NOTE = _NEGATIVE_R_TEMPLATE.format(cause=LIKELY_REVERSE_KEYED)


def negative_r_note() -> str:
    """:data:`NEGATIVE_R_NOTE` in the active language."""
    return tr(_NEGATIVE_R_TEMPLATE, cause=tr(LIKELY_REVERSE_KEYED))


def _corrected_item_total_r(values: np.ndarray) -> np.ndarray:
    """Corrected item-total r of each column (NaN where the item or the rest is constant)."""
    total = values.sum(axis=1)
    out = np.full(values.shape[1], np.nan)
    for j in range(values.shape[1]):
        rest = total - values[:, j]
        if np.ptp(values[:, j]) > 0 and np.ptp(rest) > 0:
            out[j] = np.corrcoef(values[:, j], rest)[0, 1]
    return out


def _negative_alpha_explanation(alpha: float, values: np.ndarray, items: Sequence[str]) -> str:
    from .spss_format import format_number

    negative = [str(items[j]) for j, r in enumerate(_corrected_item_total_r(values)) if r < 0]
    if negative:
        return tr("Alpha is negative ({alpha}): the items covary negatively on average, which alpha's model of items "
                  "measuring one thing excludes; {cause}. Item(s) with a negative corrected item-total r: {items}.",
                  alpha=format_number(alpha, 3), cause=tr(LIKELY_REVERSE_KEYED), items=", ".join(negative))
    return tr("Alpha is negative ({alpha}): the items covary negatively on average, which alpha's model of items "
              "measuring one thing excludes; {cause}.", alpha=format_number(alpha, 3), cause=tr(LIKELY_REVERSE_KEYED))


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha of one scale.

    Attributes
    ----------
    alpha : float or None
        Cronbach's alpha (SPSS "Cronbach's Alpha"); None when not defined.
    alpha_standardized : float or None
        Alpha from the mean inter-item correlation (SPSS "Cronbach's Alpha
        Based on Standardized Items"); None when a correlation is not defined.
    n_items, n : int
    feldt_ci : tuple of float, or None
        Feldt (1965) 95 % interval for alpha; None when alpha is not defined.
    status : str
        "ok", "single item", "identical items", "zero variance item",
        "constant total" or "negative alpha" (the items covary negatively on
        average; the explanation names the likely cause, an item not declared
        reverse-keyed, and the items with a negative corrected item-total r).
    explanation : str
        A sentence for the reader; empty when status is "ok" and nothing is odd.
    """

    alpha: float | None
    alpha_standardized: float | None
    n_items: int
    n: int
    feldt_ci: tuple[float, float] | None
    status: str
    explanation: str

    @property
    def defined(self) -> bool:
        return self.alpha is not None


def feldt_interval(alpha: float, n: int, k: int, *, confidence: float = 0.95) -> tuple[float, float]:
    """Feldt's (1965) F-based confidence interval for Cronbach's alpha.

    (1 - alpha) / (1 - alpha_population) follows F(n - 1, (n - 1)(k - 1)), so
    the bounds are 1 - (1 - alpha) * F_{1-a/2} and 1 - (1 - alpha) * F_{a/2}.
    The same interval as SPSS RELIABILITY /ICC=MODEL(MIXED) TYPE(CONSISTENCY)
    prints for "Average Measures".
    """
    from scipy import stats

    if k < 2 or n < 2:
        raise NotDefinedError("Feldt's interval needs at least 2 items and 2 respondents")
    tail = (1 - confidence) / 2
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - alpha) * float(stats.f.isf(tail, df1, df2))
    high = 1 - (1 - alpha) * float(stats.f.ppf(tail, df1, df2))
    return low, high


def _alpha_of_variances(item_var: np.ndarray, total_var: float) -> float:
    """Cronbach's alpha k / (k - 1) (1 - sum of the item variances / variance of the total), k = len(item_var)."""
    k = len(item_var)
    return float(k / (k - 1) * (1 - item_var.sum() / total_var))


def cronbach_alpha(data: pd.DataFrame, items: Sequence[str], *, confidence: float = 0.95) -> AlphaResult:
    """Cronbach's alpha as SPSS 21 RELIABILITY /MODEL=ALPHA prints it.

    Parameters
    ----------
    data : DataFrame
        One row per respondent; the item columns numeric, without missing values.
    items : sequence of str
        The items of one scale.
    confidence : float, default 0.95
        Level of the Feldt interval.

    Returns
    -------
    AlphaResult

    Notes
    -----
    - One item: alpha is not defined (k / (k - 1) divides by zero); SPSS
      refuses the scale.  status "single item".
    - Every item a copy of the others up to an additive constant: alpha is 1
      exactly (each item's variance is var(total) / k**2).  Reported with
      status "identical items": the scale measures nothing beyond its
      first item; alpha = 1 is no evidence of a reliable instrument.
    - An item with zero variance: alpha is computed as SPSS does (the item
      adds nothing to either variance) but alpha for standardized items is
      not defined.  status "zero variance item".
    """
    values = numeric_block(data, items, min_rows=2)
    n, k = values.shape
    if k == 1:
        return AlphaResult(None, None, 1, n, None, STATUS_SINGLE,
                           tr("The scale has a single item ({item}): alpha measures agreement between items "
                              "and is not defined for one item (k / (k - 1) divides by zero). "
                              "Its reliability cannot be assessed from one administration.", item=items[0]))
    item_var = values.var(axis=0, ddof=1)
    total_var = values.sum(axis=1).var(ddof=1)
    if total_var == 0:
        return AlphaResult(None, None, k, n, None, STATUS_CONSTANT_TOTAL,
                           tr("The scale total is the same for every respondent, so alpha (which divides by "
                              "the variance of the total) is not defined."))
    alpha = _alpha_of_variances(item_var, total_var)
    negative = _negative_alpha_explanation(alpha, values, items) if alpha < 0 else ""
    zero = [items[j] for j in range(k) if item_var[j] == 0]
    if zero:
        return AlphaResult(alpha, None, k, n, feldt_interval(alpha, n, k, confidence=confidence),
                           STATUS_ZERO_VARIANCE,
                           tr("Item(s) {items} have zero variance (every respondent gave the same "
                              "answer). SPSS still prints alpha, but such an item carries no information and "
                              "its correlations, hence alpha for standardized items, are not defined.",
                              items=", ".join(zero))
                           + (f" {negative}" if negative else ""))
    corr = np.corrcoef(values, rowvar=False)
    mean_r = (corr.sum() - k) / (k * (k - 1))
    alpha_std = float(k * mean_r / (1 + (k - 1) * mean_r))
    groups = identical_item_groups(values)
    if len(groups) == 1 and len(groups[0]) == k:
        # Exact copies give alpha = 1 in exact arithmetic; report it exactly.
        return AlphaResult(1.0, 1.0, k, n, (1.0, 1.0), STATUS_IDENTICAL,
                           tr("The {k} items ({items}) are copies of one another up to an additive "
                              "constant: every respondent's answers differ by the same amounts. Alpha is then "
                              "exactly 1.000, which does not show a reliable scale: the items carry no "
                              "independent information, and the construct is in effect measured by one item.",
                              k=k, items=", ".join(items)))
    explanation = negative
    if groups:
        pairs = ["=".join(items[j] for j in g) for g in groups]
        explanation = " ".join(filter(None, (explanation, (
            tr("Some items are copies of each other up to a constant ({groups}); "
               "each group adds no information beyond its first item.", groups="; ".join(pairs))))))
    return AlphaResult(alpha, alpha_std, k, n, feldt_interval(alpha, n, k, confidence=confidence),
                       STATUS_NEGATIVE if negative else STATUS_OK, explanation)


def item_total_statistics(data: pd.DataFrame, items: Sequence[str]) -> pd.DataFrame:
    """SPSS RELIABILITY /SUMMARY=TOTAL: the "Item-Total Statistics" table.

    Parameters
    ----------
    data : DataFrame
    items : sequence of str
        At least two items.

    Returns
    -------
    DataFrame
        One row per item: ``item``, "Scale Mean if Item Deleted", "Scale
        Variance if Item Deleted", "Corrected Item-Total Correlation",
        "Cronbach's Alpha if Item Deleted", and ``note``.  With two items,
        deleting one leaves a single item, whose alpha is not defined: NaN,
        and ``note`` says so (SPSS leaves the cell empty with a warning).

    Raises
    ------
    NotDefinedError
        For a single-item scale (SPSS refuses it too).
    """
    values = numeric_block(data, items, min_rows=2)
    n, k = values.shape
    if k < 2:
        raise NotDefinedError(f"item-total statistics need at least two items; the scale has one ({items[0]}).")
    total = values.sum(axis=1)
    # Alpha without item j from the item variances and the rest score's variance: O(n) per item, not a copy
    # of the other items each time.  The rest score total - x_j is the sum of the other items exactly when
    # the answers are integers (as Likert codes are), so these are the same numbers as alpha of the others.
    item_var = values.var(axis=0, ddof=1)
    rows = []
    for j, item in enumerate(items):
        rest = total - values[:, j]
        x = values[:, j]
        rest_var = rest.var(ddof=1)
        notes = []
        if np.ptp(x) == 0 or np.ptp(rest) == 0:
            r = float("nan")
            notes.append(tr("the item or the rest of the scale is constant: the correlation is not defined"))
        else:
            r = float(np.corrcoef(x, rest)[0, 1])
            if r < 0:
                notes.append(negative_r_note())
        if k == 2:
            alpha_deleted = float("nan")
            notes.append(tr("one item remains when this one is deleted: alpha is not defined"))
        elif rest_var == 0:
            alpha_deleted = float("nan")
            notes.append(tr("the remaining items sum to a constant: alpha is not defined"))
        else:
            alpha_deleted = _alpha_of_variances(np.delete(item_var, j), rest_var)
        rows.append({
            "item": item,
            "Scale Mean if Item Deleted": float(rest.mean()),
            "Scale Variance if Item Deleted": float(rest_var),
            "Corrected Item-Total Correlation": r,
            "Cronbach's Alpha if Item Deleted": alpha_deleted,
            "note": "; ".join(notes),
        })
    return pd.DataFrame(rows)


def reliability_table(data: pd.DataFrame, constructs: dict[str, Sequence[str]], *,
                      threshold: float = 0.60) -> pd.DataFrame:
    """Alpha, standardized alpha, Feldt CI and omega of every construct, with the verdict.

    The verdict follows the thesis rule "reliable when alpha > threshold"
    only for scales where alpha means something: a single-item scale is
    "not defined", a scale of copies is "not assessable (identical items)".

    Parameters
    ----------
    data : DataFrame
    constructs : dict
        Construct key -> its item columns.
    threshold : float, default 0.60

    Returns
    -------
    DataFrame
        "Construct", "N of Items", "Cronbach's Alpha", "Cronbach's Alpha
        Based on Standardized Items", "Feldt 95% CI Lower", "Feldt 95% CI
        Upper", "McDonald's Omega", "Status", "Verdict", "Explanation"
        (undefined numbers are NaN and Status/Explanation say why).
    """
    rows = []
    for key, items in constructs.items():
        a = cronbach_alpha(data, list(items))
        o = mcdonald_omega(data, list(items))
        if a.status == STATUS_IDENTICAL:
            verdict = VERDICT_NOT_ASSESSABLE
        elif a.alpha is None:
            verdict = VERDICT_NOT_DEFINED
        else:
            verdict = VERDICT_RELIABLE if a.alpha > threshold else VERDICT_NOT_RELIABLE
        explanation = a.explanation
        if o.omega is None and o.status not in (a.status,):
            explanation = (explanation + " " if explanation else "") + tr("Omega: {explanation}",
                                                                          explanation=o.explanation)
        rows.append({
            "Construct": key,
            "N of Items": a.n_items,
            "Cronbach's Alpha": math.nan if a.alpha is None else a.alpha,
            "Cronbach's Alpha Based on Standardized Items":
                math.nan if a.alpha_standardized is None else a.alpha_standardized,
            "Feldt 95% CI Lower": math.nan if a.feldt_ci is None else a.feldt_ci[0],
            "Feldt 95% CI Upper": math.nan if a.feldt_ci is None else a.feldt_ci[1],
            "McDonald's Omega": math.nan if o.omega is None else o.omega,
            "Status": a.status,
            "Verdict": verdict,
            "Explanation": explanation,
        })
    return pd.DataFrame(rows)


def item_total_statistics_table(data: pd.DataFrame, constructs: dict[str, Sequence[str]]) -> pd.DataFrame:
    """:func:`item_total_statistics` for every construct with at least two items, stacked.

    Single-item constructs have no such table (SPSS refuses them) and are left out.
    """
    parts = []
    for key, items in constructs.items():
        if len(items) < 2:
            continue
        part = item_total_statistics(data, list(items))
        part.insert(0, "Construct", key)
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["Construct", "item", "Scale Mean if Item Deleted",
                                     "Scale Variance if Item Deleted", "Corrected Item-Total Correlation",
                                     "Cronbach's Alpha if Item Deleted", "note"])
    return pd.concat(parts, ignore_index=True)


def mean_inter_item_correlation(data: pd.DataFrame, items: Sequence[str]) -> float:
    """Mean of the k(k - 1)/2 inter-item Pearson correlations (SPSS "Inter-Item Correlations", Mean).

    Unlike alpha it does not grow with the number of items, so it shows how
    strongly the items of a long scale hang together (Clark & Watson 1995
    suggest .15 to .50).  NaN for a single item or an item without variance.
    """
    values = numeric_block(data, items, min_rows=2)
    k = values.shape[1]
    if k < 2 or np.any(values.std(axis=0, ddof=1) == 0):
        return math.nan
    corr = np.corrcoef(values, rowvar=False)
    return float(corr[np.triu_indices(k, 1)].mean())


def omega_table(data: pd.DataFrame, constructs: dict[str, Sequence[str]], *, n_resamples: int = 1000,
                seed: int, confidence: float = 0.95, bootstrap: bool = True) -> pd.DataFrame:
    """Reliability beyond alpha, per construct: omega with a bootstrap interval, the mean
    inter-item correlation, the one-factor model's fit, and whether omega falls below alpha.

    Omega from a congeneric one-factor model is at least alpha when that
    model holds (alpha assumes equal loadings and is then a lower bound);
    omega < alpha therefore says the one-factor model with uncorrelated errors
    describes the items poorly (McDonald 1999, ch. 6; Sijtsma 2009).

    Parameters
    ----------
    data : DataFrame
    constructs : dict
        Construct key -> its item columns.
    n_resamples, seed, confidence
        For :func:`surveykit.factor.omega_interval`.
    bootstrap : bool, default True
        False leaves the interval empty (large samples, where it is slow).

    Returns
    -------
    DataFrame
        "Construct", "N of Items", "Cronbach's Alpha", "McDonald's Omega",
        "Omega CI Lower", "Omega CI Upper", "Resamples Used",
        "Mean Inter-Item Correlation", "One-Factor Chi-Square", "df", "Sig.",
        "Omega Below Alpha" (None where either is not defined), "Status" (omega's), "Comment".
    """
    rows = []
    for key, items in constructs.items():
        items = list(items)
        alpha = cronbach_alpha(data, items)
        omega = mcdonald_omega(data, items)
        if bootstrap and omega.omega is not None:
            low, high, used = omega_interval(data, items, n_resamples=n_resamples, seed=seed, confidence=confidence,
                                             fit=omega)
        else:
            low, high, used = math.nan, math.nan, 0
        chi2, df, sig = (one_factor_chi_square(data, items, fit=omega) if omega.omega is not None
                         else (math.nan, 0, math.nan))
        below = None if (omega.omega is None or alpha.alpha is None) else bool(omega.omega < alpha.alpha)
        if below:
            comment = tr("omega is below alpha: the one-factor model with uncorrelated errors describes these items "
                         "poorly (more than one dimension, or correlated errors), so neither coefficient should be "
                         "read as the reliability of one construct")
        elif omega.omega is None:
            comment = omega.explanation
        else:
            comment = ""
        rows.append({
            "Construct": key, "N of Items": len(items),
            "Cronbach's Alpha": math.nan if alpha.alpha is None else alpha.alpha,
            "McDonald's Omega": math.nan if omega.omega is None else omega.omega,
            "Omega CI Lower": low, "Omega CI Upper": high, "Resamples Used": used,
            "Mean Inter-Item Correlation": mean_inter_item_correlation(data, items),
            "One-Factor Chi-Square": chi2, "df": df, "Sig.": sig,
            "Omega Below Alpha": below, "Status": omega.status, "Comment": comment,
        })
    return pd.DataFrame(rows)


def correlation_blocks(corr: pd.DataFrame, groups) -> pd.DataFrame:
    """How strongly the indicators of each construct correlate with each other, and with the other constructs' indicators.

    The message of an indicator correlation matrix in one row per construct:
    indicators that measure one construct should correlate more with each
    other (convergent) than with the indicators of other constructs
    (discriminant; Campbell & Fiske, 1959, *Psychological Bulletin* 56, 81-105).

    Parameters
    ----------
    corr : DataFrame
        Square correlation matrix of the indicator scores, labelled alike on
        rows and columns.
    groups : mapping
        Construct key -> its indicator keys (all in ``corr``).

    Returns
    -------
    DataFrame
        ``construct, indicators, within_mean, within_min, within_max,
        between_mean, copies``: the mean, smallest and largest correlation
        between two different indicators of the construct (NaN with one
        indicator), the mean correlation of its indicators with every other
        construct's, and whether every pair correlates 1 (to 1e-9): the
        indicators are then copies of one another.
    """
    keys = list(corr.columns)
    if list(corr.index) != keys:
        raise ValueError("correlation_blocks needs a square matrix with the same labels on rows and columns")
    values = corr.to_numpy(dtype=float)
    rows = []
    for construct, members in groups.items():
        members = list(members)
        missing = [m for m in members if m not in keys]
        if missing:
            raise KeyError(f"correlation_blocks: {construct}'s indicator(s) {missing} are not in the matrix")
        inside = [keys.index(m) for m in members]
        outside = [i for i in range(len(keys)) if i not in inside]
        block = values[np.ix_(inside, inside)][~np.eye(len(inside), dtype=bool)]
        between = values[np.ix_(inside, outside)].ravel()
        rows.append({"construct": construct, "indicators": len(members),
                     "within_mean": float(block.mean()) if block.size else float("nan"),
                     "within_min": float(block.min()) if block.size else float("nan"),
                     "within_max": float(block.max()) if block.size else float("nan"),
                     "between_mean": float(between.mean()) if between.size else float("nan"),
                     "copies": bool(block.size) and bool(np.all(np.abs(block - 1.0) <= 1e-9))})
    return pd.DataFrame(rows, columns=["construct", "indicators", "within_mean", "within_min", "within_max",
                                       "between_mean", "copies"])
