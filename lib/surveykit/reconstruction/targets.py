"""Every printed target recomputed from a dataset with the analysis functions, and the table of verdicts."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ..codebook import Codebook
from .plan import printed_interval


# ---------------------------------------------------------------------------
# Checking a dataset against the printed numbers (with the analysis functions)
# ---------------------------------------------------------------------------
def recompute_targets(data: pd.DataFrame, codebook: Codebook, reported: pd.DataFrame) -> dict[str, Any]:
    """Every printed number of ``reported`` that the item data determine, recomputed.

    Uses the compendium's analysis functions (descriptives as grand means of
    items, :func:`surveykit.validity.item_total_correlations`,
    :func:`surveykit.reliability.cronbach_alpha`,
    :func:`surveykit.regression.linear_regression` on the codebook's
    composites, :func:`surveykit.normality.ks_spss` of the unstandardized
    residuals), not the search's internal formulas.  Returns entry id ->
    unrounded value, ready for :func:`surveykit.reported.compare`.
    """
    from .. import normality, regression, reliability, scoring, validity

    rep = set(reported.index)
    out: dict[str, Any] = {}
    if "n" in rep:
        out["n"] = len(data)
    for c in codebook.constructs:
        items = list(c.items)
        if f"mean.{c.key}" in rep:
            out[f"mean.{c.key}"] = float(data[items].to_numpy(dtype=float).mean())
        if f"category.{c.key}" in rep:
            out[f"category.{c.key}"] = codebook.interpret(float(data[items].to_numpy(dtype=float).mean()), lang="id")
        if f"alpha.{c.key}" in rep:
            out[f"alpha.{c.key}"] = reliability.cronbach_alpha(data, items).alpha
        for ind in c.indicators:
            if f"mean.{ind.key}" in rep:
                out[f"mean.{ind.key}"] = float(data[list(ind.items)].to_numpy(dtype=float).mean())
    r = pd.concat([validity.item_total_correlations(data, list(c.items)) for c in codebook.constructs])
    if "validity.r_table" in rep:
        out["validity.r_table"] = float(r["r_table"].iloc[0])
    if "validity.item_total_min" in rep:
        out["validity.item_total_min"] = float(r["r_item_total"].min())
    if "validity.item_total_max" in rep:
        out["validity.item_total_max"] = float(r["r_item_total"].max())
    scores = scoring.construct_scores(data, codebook)
    predictors = [c.key for c in codebook.predictors]
    fit = regression.linear_regression(scores, codebook.dependent.key, predictors)
    coef = fit.coefficients.set_index("Model").loc[predictors]
    for key in predictors:
        if f"regression.B.{key}" in rep:
            out[f"regression.B.{key}"] = float(coef.loc[key, "B"])
        if f"regression.sig.{key}" in rep:
            out[f"regression.sig.{key}"] = float(coef.loc[key, "Sig."])
    values = {
        "regression.R2": float(fit.model_summary["R Square"].iloc[0]),
        "regression.R2_percent": 100 * float(fit.model_summary["R Square"].iloc[0]),
        "regression.F": float(fit.anova["F"].iloc[0]),
        "regression.F_sig": float(fit.anova["Sig."].iloc[0]),
        "normality.ks_sig": normality.ks_spss(fit.residuals.to_numpy()).asymp_sig,
        "collinearity.vif_max": float(coef["VIF"].max()),
        "collinearity.tolerance_min": float(coef["Tolerance"].min()),
        "regression.largest_beta": str(coef["Beta"].idxmax()),
    }
    out.update({k: v for k, v in values.items() if k in rep})
    return out


def target_table(data: pd.DataFrame, codebook: Codebook, reported: pd.DataFrame) -> pd.DataFrame:
    """Printed value, recomputed value, its rounding interval and the verdict, one row per target.

    Columns ``id, printed, relation, interval_low, interval_high, computed,
    computed_rounded, verdict``.  For "=" entries the interval is the set of
    true values SPSS prints as the printed value (half away from zero);
    for "<" / ">" entries it is the bound.
    """
    from ..reported import compare

    table = compare(reported, recompute_targets(data, codebook, reported))
    lows, highs = [], []
    for _, row in table.iterrows():
        entry = reported.loc[row["id"]]
        printed = entry["value"]
        if isinstance(printed, str):
            lows.append(None); highs.append(None)
        elif entry["relation"] == "<":
            lows.append(-math.inf); highs.append(float(printed))
        elif entry["relation"] == ">":
            lows.append(float(printed)); highs.append(math.inf)
        else:
            iv = printed_interval(row["id"], float(printed), int(entry["decimals"]))
            lows.append(iv.lo); highs.append(iv.hi)
    table.insert(4, "interval_low", lows)
    table.insert(5, "interval_high", highs)
    return table[["id", "printed", "relation", "interval_low", "interval_high", "computed",
                  "computed_rounded", "verdict"]]


