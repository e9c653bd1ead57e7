"""Heteroskedasticity of the residuals: the Glejser test as theses run it, Breusch-Pagan (Koenker), White.

Each takes the fitted regression (:class:`surveykit.regression.RegressionResult`),
as statsmodels' tests take ``(resid, exog)``, and looks at a function of its
unstandardized residuals against the predictors:

- Glejser (1969), as Indonesian theses run it in SPSS: COMPUTE ABS_RES =
  ABS(RES_1), then REGRESSION of ABS_RES on the predictors; homoskedasticity
  is not rejected when every predictor's Sig. exceeds .05.  Own code: it is
  SPSS's Coefficients table of that regression (statsmodels has no Glejser test).
- Breusch-Pagan in Koenker's (1981) studentized form: LM = n R^2 of e^2 on
  the predictors, chi-square with k df (robust to non-normal errors);
  statsmodels' ``het_breuschpagan(robust=True)``.
- White (1980): LM = n R^2 of e^2 on the predictors, their squares and
  cross-products, chi-square with (number of independent regressors) df;
  statsmodels' ``het_white``.

What is own code beside statsmodels: the ``status`` "not computable", with
its explanation, where the auxiliary regression has as many parameters as
cases or the squared residuals do not vary (statsmodels would return a
number that means nothing there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .i18n import N_, tr

if TYPE_CHECKING:
    from .regression import RegressionResult

__all__ = ["glejser", "breusch_pagan", "white", "NOT_COMPUTABLE", "BREUSCH_PAGAN", "WHITE"]

#: The status of a Breusch-Pagan or White test that cannot be computed (data; shown through tr()).
NOT_COMPUTABLE = N_("not computable")
#: The ``test`` names of the two LM tests' rows (index the tables by them, not by position).
BREUSCH_PAGAN = "Breusch-Pagan (Koenker)"
WHITE = "White"


def glejser(result: RegressionResult) -> pd.DataFrame:
    """Glejser test: SPSS Coefficients table of |residual| regressed on the predictors.

    Returns
    -------
    DataFrame
        "Model" ((Constant) and predictors), "B", "Std. Error", "Beta", "t",
        "Sig." of the auxiliary regression (dependent ABS_RES).
    """
    from .regression import linear_regression

    aux = pd.DataFrame(result.design[:, 1:], columns=list(result.predictors), index=result.residuals.index)
    aux["ABS_RES"] = np.abs(result.residuals.to_numpy())
    aux_fit = linear_regression(aux, "ABS_RES", list(result.predictors))
    return aux_fit.coefficients[["Model", "B", "Std. Error", "Beta", "t", "Sig."]].copy()


def _lm_test(name: str, result: RegressionResult, rank: int, statsmodels_test) -> pd.DataFrame:
    """One LM test's row: statsmodels' statistics, or "not computable" with the reason.

    ``rank``: the rank of the auxiliary regression's design (its parameters, constant included).
    """
    import warnings

    target = result.residuals.to_numpy() ** 2
    n = target.size
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
        row = {"test": name, "LM": np.nan, "df": df, "Sig.": np.nan, "F": np.nan, "df2": n - rank,
               "F Sig.": np.nan, "status": NOT_COMPUTABLE, "explanation": problem}
    else:
        from statsmodels.tools.sm_exceptions import SingularMatrixWarning

        with warnings.catch_warnings():
            # White's design repeats a column when a predictor takes two values (x^2 is a line in x):
            # statsmodels' OLS absorbs it by the rank, as df does here, and says so in a warning.
            warnings.simplefilter("ignore", SingularMatrixWarning)
            lm, lm_p, f, f_p = statsmodels_test(result.residuals.to_numpy(), result.design)
        row = {"test": name, "LM": float(lm), "df": df, "Sig.": float(lm_p), "F": float(f), "df2": n - rank,
               "F Sig.": float(f_p), "status": "ok", "explanation": ""}
    return pd.DataFrame([row])


def breusch_pagan(result: RegressionResult) -> pd.DataFrame:
    """Breusch-Pagan test, Koenker's studentized version (statsmodels ``het_breuschpagan(robust=True)``).

    Returns
    -------
    DataFrame
        One row: ``test``, "LM" (n R^2), "df", "Sig." (chi-square), the
        F form "F", "df2", "F Sig.", and ``status`` ("ok" or "not computable",
        e.g. an auxiliary regression with as many parameters as cases) with
        its ``explanation``; the numbers of a test that is not computable are NaN.
    """
    from statsmodels.stats.diagnostic import het_breuschpagan

    return _lm_test(BREUSCH_PAGAN, result, int(np.linalg.matrix_rank(result.design)),
                    lambda resid, design: het_breuschpagan(resid, design, robust=True))


def white(result: RegressionResult) -> pd.DataFrame:
    """White's general test: e^2 on the predictors, their squares and cross-products (statsmodels ``het_white``).

    Regressors that duplicate others (e.g. the square of a 0/1 dummy) are
    absorbed by the rank, so df counts independent regressors only.

    Returns
    -------
    DataFrame
        One row, columns as :func:`breusch_pagan`.
    """
    from statsmodels.stats.diagnostic import het_white

    design = result.design
    i0, i1 = np.triu_indices(design.shape[1])
    # The products one column at a time into one array, and only for the rank: het_white builds its own,
    # so this one (80 MB at 10^6 cases and three predictors) is gone before statsmodels' fit starts.
    products = np.empty((design.shape[0], len(i0)))
    for column, (first, second) in enumerate(zip(i0, i1)):
        np.multiply(design[:, first], design[:, second], out=products[:, column])
    rank = int(np.linalg.matrix_rank(products))
    del products
    return _lm_test(WHITE, result, rank, het_white)
