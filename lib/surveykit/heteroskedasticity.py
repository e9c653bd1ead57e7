"""Heteroskedasticity of the residuals: the Glejser test as theses run it, Breusch-Pagan (Koenker), White.

All three refit the model with :func:`surveykit.regression.linear_regression`
and regress a function of its unstandardized residuals on the predictors:

- Glejser (1969), as Indonesian theses run it in SPSS: COMPUTE ABS_RES =
  ABS(RES_1), then REGRESSION of ABS_RES on the predictors; homoskedasticity
  is accepted when every predictor's Sig. exceeds .05.
- Breusch-Pagan in Koenker's (1981) studentized form: LM = n R^2 of e^2 on
  the predictors, chi-square with k df (robust to non-normal errors).
- White (1980): LM = n R^2 of e^2 on the predictors, their squares and
  cross-products, chi-square with (number of independent regressors) df.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .i18n import N_, tr
from .regression import RegressionResult, linear_regression

__all__ = ["glejser", "breusch_pagan", "white", "NOT_COMPUTABLE"]

#: The status of a Breusch-Pagan or White test that cannot be computed (data; shown through tr()).
NOT_COMPUTABLE = N_("not computable")


def _fit(data: pd.DataFrame, dependent: str, predictors: Sequence[str]) -> RegressionResult:
    return linear_regression(data, dependent, predictors)


def glejser(data: pd.DataFrame, dependent: str, predictors: Sequence[str]) -> pd.DataFrame:
    """Glejser test: SPSS Coefficients table of |residual| regressed on the predictors.

    Returns
    -------
    DataFrame
        "Model" ((Constant) and predictors), "B", "Std. Error", "Beta", "t",
        "Sig." of the auxiliary regression (dependent ABS_RES).
    """
    fit = _fit(data, dependent, predictors)
    aux = pd.DataFrame({name: data[name].to_numpy(dtype=float) for name in predictors}, index=data.index)
    aux["ABS_RES"] = np.abs(fit.residuals.to_numpy())
    aux_fit = linear_regression(aux, "ABS_RES", list(predictors))
    return aux_fit.coefficients[["Model", "B", "Std. Error", "Beta", "t", "Sig."]].copy()


def _lm_test(name: str, target: np.ndarray, regressors: np.ndarray) -> dict:
    from scipy import stats

    n = target.size
    z = np.column_stack([np.ones(n), regressors])
    rank = int(np.linalg.matrix_rank(z))
    df = rank - 1
    centred = target - target.mean()
    # Not computable: the auxiliary regression has as many parameters as cases (its R^2 is 1 by
    # construction, so LM = n says nothing), or the squared residuals do not vary.
    problem = ""
    if n - rank <= 0:
        problem = tr("the auxiliary regression has {rank} parameters for {n} cases, so its R² is 1 by construction: "
                     "too few respondents for this test", rank=rank, n=n)
    elif centred @ centred <= 1e-24 * max(float(target @ target), 1.0):
        problem = tr("the squared residuals do not vary")
    if problem:
        return {"test": name, "LM": np.nan, "df": df, "Sig.": np.nan, "F": np.nan, "df2": n - rank,
                "F Sig.": np.nan, "status": NOT_COMPUTABLE, "explanation": problem}
    coef, *_ = np.linalg.lstsq(z, target, rcond=None)
    resid = target - z @ coef
    r2 = 1.0 - (resid @ resid) / (centred @ centred)
    lm = n * r2
    f = (r2 / df) / ((1 - r2) / (n - rank))
    return {
        "test": name, "LM": float(lm), "df": df, "Sig.": float(stats.chi2.sf(lm, df)),
        "F": float(f), "df2": n - rank, "F Sig.": float(stats.f.sf(f, df, n - rank)),
        "status": "ok", "explanation": "",
    }


def breusch_pagan(data: pd.DataFrame, dependent: str, predictors: Sequence[str]) -> pd.DataFrame:
    """Breusch-Pagan test, Koenker's studentized version (statsmodels ``het_breuschpagan(robust=True)``).

    Returns
    -------
    DataFrame
        One row: ``test``, "LM" (n R^2), "df", "Sig." (chi-square), the
        F form "F", "df2", "F Sig.", and ``status`` ("ok" or "not computable",
        e.g. an auxiliary regression with as many parameters as cases) with
        its ``explanation``; the numbers of a test that is not computable are NaN.
    """
    fit = _fit(data, dependent, predictors)
    x = fit.design[:, 1:]
    return pd.DataFrame([_lm_test("Breusch-Pagan (Koenker)", fit.residuals.to_numpy() ** 2, x)])


def white(data: pd.DataFrame, dependent: str, predictors: Sequence[str]) -> pd.DataFrame:
    """White's general test: e^2 on the predictors, their squares and cross-products.

    Regressors that duplicate others (e.g. the square of a 0/1 dummy) are
    absorbed by the rank, so df counts independent regressors only (as
    statsmodels ``het_white``).

    Returns
    -------
    DataFrame
        One row, columns as :func:`breusch_pagan`.
    """
    fit = _fit(data, dependent, predictors)
    x = fit.design[:, 1:]
    k = x.shape[1]
    i0, i1 = np.triu_indices(k)
    regressors = np.column_stack([x, x[:, i0] * x[:, i1]])
    return pd.DataFrame([_lm_test("White", fit.residuals.to_numpy() ** 2, regressors)])
