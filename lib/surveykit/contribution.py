"""Effective and relative contribution of each predictor (*sumbangan efektif* and *sumbangan relatif*).

How Indonesian theses argue "the largest contribution": R² is split over
the predictors as Beta x zero-order r (Pratt's measure; Pratt 1987,
"Dividing the indivisible: using simple symmetry to partition variance
explained", *Proc. 2nd Int. Tampere Conf. in Statistics*, 245-260)::

    SE_j = Beta_j * r_jY            (sum over j = R^2, from the normal equations)
    SR_j = SE_j / R^2               (sum over j = 1)

shown as percentages.  The split is an identity, not a measurement: with
correlated predictors no part of R² belongs to one predictor.  It misleads
(Thomas, Hughes & Zumbo 1998, "On variable importance in linear regression",
*Social Indicators Research* 45, 253-275) when a product is negative (Beta
and r of opposite sign: the predictor "takes away" variance it does not
take) or when |Beta| > |r| (suppression: the predictor's Beta is enlarged
by its correlations with the other predictors, so its product exceeds the
variance it explains on its own, r²).  Each row carries a ``status`` saying
which, and the unique share (part², the drop in R² without the predictor)
stands beside it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .i18n import N_
from .regression import RegressionResult, part_and_partial_correlations

__all__ = ["effective_contribution", "STATUS_EXPLANATIONS", "STATUS_NAMES"]

#: Why a row's product may not be read as "its" share of R² (keyed by ``status``).
#: English in the table's ``explanation`` column; shown in the reader's language with ``tr``.
STATUS_EXPLANATIONS = {
    "ok": N_("Beta and r have the same sign and |Beta| <= |r|: the product lies between the unique share and r²."),
    "suppression": N_("|Beta| > |r| with the same sign: the other predictors enlarge this Beta (suppression), "
                      "so the product exceeds the variance the predictor explains on its own (r²)."),
    "negative": N_("Beta and r have opposite signs: the product is negative, and the predictor's share of R² "
                   "cannot be read as variance it explains (net suppression)."),
    "undefined": N_("R² is zero: there is nothing to share, and the relative contribution is not defined."),
}
#: The ``status`` values as words for a table (shown with ``tr``).
STATUS_NAMES = {"ok": N_("ok"), "suppression": N_("suppression"), "negative": N_("negative"),
                "undefined": N_("undefined")}


def effective_contribution(result: RegressionResult) -> pd.DataFrame:
    """Sumbangan efektif (SE) and sumbangan relatif (SR) of each predictor.

    Parameters
    ----------
    result : RegressionResult

    Returns
    -------
    DataFrame
        One row per predictor: "Model", "Beta", "Zero-order" (r with the
        dependent), "Effective contribution" (Beta x r, a proportion of the
        dependent's variance), "Effective contribution %" (x 100),
        "Relative contribution %" (SE / R² x 100), "Zero-order r2" (r²),
        "Unique (part2)" (part correlation squared), ``status``
        ("ok", "suppression", "negative", "undefined") and ``explanation``.
        The effective contributions sum to R².
    """
    beta = result.coefficients["Beta"].to_numpy()[1:]
    zpp = part_and_partial_correlations(result)
    r = zpp["Zero-order"].to_numpy()
    effective = beta * r
    r2 = result.r_squared
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = np.where(r2 > 0, effective / r2, np.nan)
    status = np.where(r2 <= 0, "undefined",
                      np.where(effective < 0, "negative",
                               np.where(np.abs(beta) > np.abs(r), "suppression", "ok")))
    return pd.DataFrame({
        "Model": list(result.predictors),
        "Beta": beta,
        "Zero-order": r,
        "Effective contribution": effective,
        "Effective contribution %": 100.0 * effective,
        "Relative contribution %": 100.0 * relative,
        "Zero-order r2": r**2,
        "Unique (part2)": zpp["Part"].to_numpy() ** 2,
        "status": status,
        "explanation": [STATUS_EXPLANATIONS[s] for s in status],
    })
