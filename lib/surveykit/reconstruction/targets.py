"""The printed numbers the reconstruction targets, recomputed from a dataset, and the table of verdicts."""

from __future__ import annotations

import math

import pandas as pd

from ..codebook import Codebook
from ..reported import Group, compare_with_data
from .plan import printed_interval

#: The printed numbers the reconstruction targets, in the order notebook 00 lists them: the sample size; each
#: construct's mean, class and alpha with its indicators' means; the validity numbers; each predictor's B and Sig.;
#: the model's fit, the residuals' K-S test, the collinearity bounds and the largest Beta.
TARGETS = (
    Group(("n",)),
    Group(("construct_mean", "construct_category", "cronbach_alpha", "indicator_mean"), order="construct"),
    Group(("r_table", "item_total_r_min", "item_total_r_max")),
    Group(("coefficient_b", "coefficient_sig"), order="target"),
    Group(("r_squared", "r_squared_percent", "f_statistic", "f_sig", "ks_asymp_sig", "vif_bound", "tolerance_bound",
           "claim_largest_beta")),
)


def target_table(data: pd.DataFrame, codebook: Codebook, reported: pd.DataFrame) -> pd.DataFrame:
    """Printed value, recomputed value, its rounding interval and the verdict, one row per target.

    The values are recomputed with the analysis functions
    (:func:`surveykit.reported.recompute`, as the notebooks and the audit do),
    not with the search's internal formulas.

    Columns ``id, printed, relation, interval_low, interval_high, computed,
    computed_rounded, verdict``.  For "=" entries the interval is the set of
    true values SPSS prints as the printed value (half away from zero);
    for "<" / ">" entries it is the bound.
    """
    table = compare_with_data(data, codebook, reported, group=TARGETS)
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


