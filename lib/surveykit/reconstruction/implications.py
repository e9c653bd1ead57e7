"""What the printed numbers alone imply (notebook 00): GRIM of the indicator means, extreme SDs, composite bounds."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..audit.means import grim_table
from ..codebook import Codebook
from ..reported import Group
from .plan import Plan, plan_instrument, printed_interval, reported_index


# ---------------------------------------------------------------------------
# What the printed numbers imply: small, checkable arguments (shown in notebook 00)
# ---------------------------------------------------------------------------
def extreme_sd(n: int, total: int, low: int, high: int) -> tuple[float, float]:
    """Smallest and largest sample SD (n - 1) of ``n`` integers in ``low..high`` summing to ``total``.

    The smallest puts every value at floor or ceil of the mean; the largest
    puts as many values as possible at the two ends (variance is convex).
    """
    if not n * low <= total <= n * high:
        raise ValueError(f"{n} values in {low}..{high} cannot sum to {total}")
    base, extra = divmod(total, n)
    small = np.array([base] * (n - extra) + [base + 1] * extra, dtype=float)
    n_high, rest = divmod(total - n * low, high - low)
    large = [high] * n_high + ([low + rest] if n_high < n else [])
    large += [low] * (n - len(large))
    return float(small.std(ddof=1)), float(np.array(large, dtype=float).std(ddof=1))


def indicator_grim(codebook: Codebook, reported: pd.DataFrame) -> pd.DataFrame:
    """For each printed indicator mean (codebook order): which answer totals give it with one item and with the
    codebook's items, from :func:`surveykit.audit.grim_table`.

    Columns ``indicator, printed, sums_one_item, items, sums_codebook_items, one_item_possible``.
    """
    table = grim_table(reported, codebook, group=Group(("indicator_mean",), order="target"), sums=True)
    return table.rename(columns={"target": "indicator"})[["indicator", "printed", "sums_one_item", "items",
                                                          "sums_codebook_items", "one_item_possible"]]


def printed_indicator_average(codebook: Codebook, reported: pd.DataFrame) -> pd.DataFrame:
    """Per construct: the average of its printed indicator means against its printed construct mean.

    With equal item counts per indicator the construct mean is the average
    of all its indicator means; if the printed ones average higher (lower)
    than the construct, unprinted indicators with lower (higher) means must
    exist.  Columns ``construct, indicators_printed, average_printed,
    construct_mean, more_indicators_needed``.
    """
    rep = reported_index(reported)
    rows = []
    for c in codebook.constructs:
        printed = [float(rep[f"mean.{i.key}"]["value"]) for i in c.indicators if f"mean.{i.key}" in rep]
        if not printed or f"mean.{c.key}" not in rep:
            continue
        entry = rep[f"mean.{c.key}"]
        iv = printed_interval(c.key, float(entry["value"]), int(entry["decimals"]))
        avg = float(np.mean(printed))
        # Printed means are rounded; the average of their true values lies within +- half a unit.
        half = 0.5 * 10.0 ** (-int(entry["decimals"]))
        rows.append({"construct": c.key, "indicators_printed": len(printed), "average_printed": avg,
                     "construct_mean": float(entry["value"]),
                     "more_indicators_needed": bool(avg - half >= iv.hi or avg + half < iv.lo)})
    return pd.DataFrame(rows)


def equal_variance_corrected_r(alpha: float, n_items: int) -> float:
    """Corrected item-total r of ``n_items`` items with equal variances and covariances giving ``alpha``.

    The average inter-item r is ``alpha / (k - alpha (k - 1))`` (Spearman-Brown
    inverted); an item's r with the sum of the other k - 1 items is then
    ``sqrt(k - 1) r / sqrt(1 + (k - 2) r)``.
    """
    k = n_items
    r = alpha / (k - alpha * (k - 1))
    return float(math.sqrt(k - 1) * r / math.sqrt(1 + (k - 2) * r))


def _lockstep_dependent_sd(codebook: Codebook, plan: Plan) -> tuple[float, int]:
    dep = codebook.dependent.key
    if dep not in plan.lockstep:
        raise ValueError("the bounds assume a dependent construct whose items move in lockstep")
    lp = plan.lockstep[dep]
    smallest, _ = extreme_sd(plan.n, lp.base_sum, codebook.scale.min, codebook.scale.max - max(lp.offsets))
    return smallest, len(lp.offsets)


def max_total_sd(codebook: Codebook, reported: pd.DataFrame, plan: Plan, construct: str) -> float:
    """Largest SD the sum of a free construct's items can have with its printed mean and alpha.

    ``var(total) = sum var_j / (1 - alpha (k - 1) / k)`` and, by concavity of
    ``(m - 1)(5 - m)``, ``sum var_j <= k (m - 1)(5 - m) n / (n - 1)`` for items
    with grand mean m (upper end of alpha's rounding interval).
    """
    rep = reported_index(reported)
    c = codebook.construct(construct)
    k, n = len(c.items), plan.n
    a = rep[f"alpha.{construct}"]
    alpha_max = printed_interval("alpha", float(a["value"]), int(a["decimals"])).hi
    m = plan.construct_sums[construct] / (n * k)
    var_items_max = k * (m - codebook.scale.min) * (codebook.scale.max - m) * n / (n - 1)
    return math.sqrt(var_items_max / (1 - alpha_max * (k - 1) / k))


def composite_bounds(codebook: Codebook, reported: pd.DataFrame) -> pd.DataFrame:
    """Can the printed B of each free predictor come from sum or from mean composites?

    For predictor j, |t_j| = |Beta_j| sqrt(df tol_j / (1 - R²)), so the printed
    Sig. and R² give ``|Beta_j| >= t_min sqrt((1 - R²_max) / df)`` (tol <= 1).
    As ``B = Beta sd(Y) / sd(X_j)``, the printed B needs
    ``sd(X_j) >= Beta_min sd(Y)_min / B_max``, with sd(Y)_min the smallest SD
    the dependent's lockstep items allow.  Cronbach's alpha bounds the SD a
    composite can have: ``var(total) = sum var_j / (1 - alpha (k - 1) / k)``
    and, by concavity, ``sum var_j <= k (m - 1)(5 - m) n / (n - 1)`` for
    items with grand mean m on a 1..5 scale.

    Returns one row per (predictor, composite) with the needed and the largest
    possible SD and whether the printed B is possible.
    """
    from scipy import stats

    rep = reported_index(reported)
    plan = plan_instrument(codebook, reported)
    n, p = plan.n, len(codebook.predictors)
    df = n - p - 1
    r2 = rep["regression.R2"]
    r2_max = printed_interval("R2", float(r2["value"]), int(r2["decimals"])).hi
    sd_y_item, k_y = _lockstep_dependent_sd(codebook, plan)
    rows = []
    for c in codebook.predictors:
        if c.key in plan.lockstep or f"alpha.{c.key}" not in rep:
            continue
        k = len(c.items)
        sig = rep[f"regression.sig.{c.key}"]
        sig_max = printed_interval("sig", float(sig["value"]), int(sig["decimals"])).hi
        t_min = float(stats.t.isf(sig_max / 2, df))
        beta_min = t_min * math.sqrt((1 - r2_max) / df)
        b = rep[f"regression.B.{c.key}"]
        b_max = printed_interval("B", abs(float(b["value"])), int(b["decimals"])).hi
        sd_total_max = max_total_sd(codebook, reported, plan, c.key)
        for composite, sd_y, sd_x_max in (("sum", k_y * sd_y_item, sd_total_max),
                                          ("mean", sd_y_item, sd_total_max / k)):
            needed = beta_min * sd_y / b_max
            rows.append({"predictor": c.key, "composite": composite, "t_min": t_min, "beta_min": beta_min,
                         "sd_dependent_min": sd_y, "sd_needed": needed, "sd_possible_max": sd_x_max,
                         "possible": bool(needed <= sd_x_max)})
    return pd.DataFrame(rows)


def lockstep_length_bound(codebook: Codebook, reported: pd.DataFrame, construct: str) -> dict[str, float]:
    """Fewest items a lockstep predictor (copies of one answer) needs for its printed B, with sum composites.

    The composite is k times one answer x, so ``B = b / k`` with b the slope of
    the dependent total on x.  Its t = b sd(x) sqrt((n - 1) tol) / sqrt(MSE)
    must exceed the t of the printed Sig.; MSE >= (1 - R²_max) SST_min / df,
    sd(x) <= its largest possible SD and tol <= 1 give ``b >= b_min``, hence
    ``k >= b_min / B_max``.
    """
    from scipy import stats

    rep = reported_index(reported)
    plan = plan_instrument(codebook, reported)
    if construct not in plan.lockstep:
        raise ValueError(f"{construct} is not a lockstep construct")
    n, p = plan.n, len(codebook.predictors)
    df = n - p - 1
    r2_max = printed_interval("R2", float(rep["regression.R2"]["value"]), int(rep["regression.R2"]["decimals"])).hi
    sd_y_item, k_y = _lockstep_dependent_sd(codebook, plan)
    sst_min = (n - 1) * (k_y * sd_y_item) ** 2
    mse_min = (1 - r2_max) * sst_min / df
    sig = rep[f"regression.sig.{construct}"]
    sig_max = printed_interval("sig", float(sig["value"]), int(sig["decimals"])).hi
    t_min = float(stats.t.isf(sig_max / 2, df))
    lp = plan.lockstep[construct]
    _, sd_x_max = extreme_sd(n, lp.base_sum, codebook.scale.min, codebook.scale.max - max(lp.offsets))
    b_min = t_min * math.sqrt(mse_min) / (sd_x_max * math.sqrt(n - 1))
    b = rep[f"regression.B.{construct}"]
    b_max = printed_interval("B", abs(float(b["value"])), int(b["decimals"])).hi
    return {"t_min": t_min, "mse_min": mse_min, "sd_answer_max": sd_x_max, "slope_min": b_min,
            "B_max": b_max, "items_min": int(math.ceil(b_min / b_max))}
