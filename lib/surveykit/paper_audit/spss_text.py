"""SPSS tables printed as text, the way they read when copied from a PDF.

The audit's synthetic evidence: compute the exact tables from data with the
library (:func:`surveykit.regression.linear_regression`,
:func:`surveykit.normality.ks_spss`, :mod:`surveykit.reliability`), print
them with SPSS's decimals and rounding (:func:`surveykit.spss_format.format_number`),
and the audit must find no inconsistency.  Also handy for a worked example.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..spss_format import format_number

__all__ = ["regression_text", "ks_text", "reliability_text"]


def _fmt(value: float, decimals: int, comma: bool) -> str:
    text = format_number(float(value), decimals)
    return text.replace(".", ",") if comma else text


def regression_text(fit, *, comma: bool = False, collinearity: bool = True, confidence: bool = False,
                    correlations: bool = False, durbin_watson: bool = False) -> str:
    """Model Summary, ANOVA and Coefficients of a :class:`~surveykit.regression.RegressionResult` as pasted text.

    Three decimals throughout (SPSS 21's defaults for these tables); df as integers.  ``correlations``
    adds the zero-order, partial and part correlations (:func:`surveykit.regression.part_and_partial_correlations`).
    """
    from ..regression import part_and_partial_correlations

    zpp = part_and_partial_correlations(fit).set_index("Model") if correlations else None
    f = lambda v, d=3: _fmt(v, d, comma)  # noqa: E731
    predictors = ", ".join(reversed(fit.predictors))
    summary = fit.model_summary.iloc[0]
    header = "Model R R Square Adjusted R Square Std. Error of the Estimate" + (" Durbin-Watson" if durbin_watson else "")
    row = f"1 {f(summary['R'])} a {f(summary['R Square'])} {f(summary['Adjusted R Square'])} " \
          f"{f(summary['Std. Error of the Estimate'])}" + (f" {f(summary['Durbin-Watson'])}" if durbin_watson else "")
    lines = ["Model Summary b", header, row, f"a. Predictors: (Constant), {predictors}",
             f"b. Dependent Variable: {fit.dependent}", ""]
    anova = fit.anova.set_index("Model")
    lines += ["ANOVA a", "Model Sum of Squares df Mean Square F Sig.",
              f"1 Regression {f(anova.loc['Regression', 'Sum of Squares'])} {int(anova.loc['Regression', 'df'])} "
              f"{f(anova.loc['Regression', 'Mean Square'])} {f(anova.loc['Regression', 'F'])} "
              f"{f(anova.loc['Regression', 'Sig.'])} b",
              f"Residual {f(anova.loc['Residual', 'Sum of Squares'])} {int(anova.loc['Residual', 'df'])} "
              f"{f(anova.loc['Residual', 'Mean Square'])}",
              f"Total {f(anova.loc['Total', 'Sum of Squares'])} {int(anova.loc['Total', 'df'])}",
              f"a. Dependent Variable: {fit.dependent}", f"b. Predictors: (Constant), {predictors}", ""]
    header = "Model Unstandardized Coefficients Standardized Coefficients t Sig."
    if confidence:
        header += " 95.0% Confidence Interval for B"
    if correlations:
        header += " Correlations"
    if collinearity:
        header += " Collinearity Statistics"
    header += " B Std. Error Beta" + (" Lower Bound Upper Bound" if confidence else "") + \
        (" Zero-order Partial Part" if correlations else "") + (" Tolerance VIF" if collinearity else "")
    lines += ["Coefficients a", header]
    for _, r in fit.coefficients.iterrows():
        cells = [f(r["B"]), f(r["Std. Error"])]
        constant = pd.isna(r["Beta"])
        if not constant:
            cells.append(f(r["Beta"]))
        cells += [f(r["t"]), f(r["Sig."])]
        if confidence:
            cells += [f(r["95.0% CI for B Lower Bound"]), f(r["95.0% CI for B Upper Bound"])]
        if correlations and not constant:
            cells += [f(zpp.loc[r["Model"], column]) for column in ("Zero-order", "Partial", "Part")]
        if collinearity and not constant:
            cells += [f(r["Tolerance"]), f(r["VIF"])]
        lines.append(("1 " if constant else "") + f"{r['Model']} " + " ".join(cells))
    lines += [f"a. Dependent Variable: {fit.dependent}", ""]
    return "\n".join(lines)


def ks_text(residuals: Sequence[float], *, comma: bool = False) -> str:
    """SPSS 21 NPAR TESTS one-sample K-S table of unstandardized residuals, as pasted text."""
    from ..normality import ks_spss

    ks = ks_spss(np.asarray(residuals, dtype=float))
    f = lambda v, d=3: _fmt(v, d, comma)  # noqa: E731
    return "\n".join([
        "One-Sample Kolmogorov-Smirnov Test", "Unstandardized Residual", f"N {ks.n}",
        f"Normal Parameters a,b Mean {f(ks.mean, 7)}", f"Std. Deviation {f(ks.std_deviation, 8)}",
        f"Most Extreme Differences Absolute {f(ks.d_absolute)}", f"Positive {f(ks.d_positive)}",
        f"Negative {f(ks.d_negative)}", f"Kolmogorov-Smirnov Z {f(ks.z)}", f"Asymp. Sig. (2-tailed) {f(ks.asymp_sig)}",
        "a. Test distribution is Normal.", "b. Calculated from data.", ""])


def reliability_text(data: pd.DataFrame, items: Sequence[str], *, comma: bool = False) -> str:
    """SPSS RELIABILITY's Case Processing Summary, Reliability, Item, Scale and Item-Total Statistics as text."""
    from ..reliability import cronbach_alpha, item_total_statistics

    f = lambda v, d=3: _fmt(v, d, comma)  # noqa: E731
    values = data[list(items)].to_numpy(dtype=float)
    n, k = values.shape
    alpha = cronbach_alpha(data, list(items)).alpha
    total = values.sum(axis=1)
    lines = ["Case Processing Summary", "N %", f"Cases Valid {n} {f(100, 1)}", f"Excluded a 0 {f(0, 1)}",
             f"Total {n} {f(100, 1)}", "a. Listwise deletion based on all variables in the procedure.", "",
             "Reliability Statistics", "Cronbach's Alpha N of Items", f"{f(alpha)} {k}", "",
             "Item Statistics", "Mean Std. Deviation N"]
    for j, item in enumerate(items):
        lines.append(f"{item} {f(values[:, j].mean(), 2)} {f(values[:, j].std(ddof=1))} {n}")
    lines += ["", "Item-Total Statistics",
              "Scale Mean if Item Deleted Scale Variance if Item Deleted Corrected Item-Total Correlation "
              "Cronbach's Alpha if Item Deleted"]
    deleted = "Cronbach's Alpha if Item Deleted"
    for _, r in item_total_statistics(data, list(items)).iterrows():
        lines.append(f"{r['item']} {f(r['Scale Mean if Item Deleted'], 2)} {f(r['Scale Variance if Item Deleted'])} "
                     f"{f(r['Corrected Item-Total Correlation'])} {f(r[deleted])}")
    lines += ["", "Scale Statistics", "Mean Variance Std. Deviation N of Items",
              f"{f(total.mean(), 2)} {f(total.var(ddof=1))} {f(total.std(ddof=1))} {k}", ""]
    return "\n".join(lines)
