"""Multicollinearity: tolerance and VIF as SPSS REGRESSION /STATISTICS=COLLIN TOL prints them.

Tolerance of a predictor is 1 - R^2 of its regression (with intercept) on
the other predictors; VIF = 1 / tolerance (statsmodels'
``variance_inflation_factor`` defines it so; :func:`variance_inflation`
computes it from the predictors' correlation matrix).  The thesis rule, :func:`within_bounds`:
every tolerance > .10 and every VIF < 10 mean "no multicollinearity".
The diagnostics take the fitted regression
(:class:`surveykit.regression.RegressionResult`), as statsmodels' do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._checks import numeric_block

if TYPE_CHECKING:
    from .regression import RegressionResult

__all__ = ["tolerance_vif", "variance_inflation", "within_bounds", "TOLERANCE_LIMIT", "VIF_LIMIT",
           "correlation_matrix", "collinearity_diagnostics", "collinear_dimensions"]

#: SPSS REGRESSION's default tolerance criterion for entering a predictor (CRITERIA TOLERANCE(.0001)).
SPSS_TOLERANCE_LIMIT = 1e-4
#: The usual thesis bounds (Hair et al.; Ghozali): no multicollinearity when tolerance > .10 and VIF < 10.
TOLERANCE_LIMIT = 0.10
VIF_LIMIT = 10.0


def variance_inflation(values: np.ndarray) -> np.ndarray:
    """VIF of each column of ``values`` (one predictor per column) given the others and a constant.

    VIF_j = 1 / (1 - R_j^2), with R_j^2 the R^2 of column j regressed on the
    others and a constant, as statsmodels' ``variance_inflation_factor``
    defines it.  R_j^2 is read off the predictors' correlation matrix R
    instead of refitting k auxiliary regressions on all n cases: with r_j the
    correlations of column j with the others and R_(-j) their correlation
    matrix, R_j^2 = r_j' R_(-j)^+ r_j (the normal equations of the
    standardized regression; ^+ the pseudo-inverse, so the others may be
    collinear among themselves, as statsmodels' pinv-based fit allows).
    Where R is invertible this is the j-th diagonal element of R^-1
    (Belsley, Kuh & Welsch 1980, *Regression Diagnostics*, p. 93); the cost
    is one pass over the data for R, not k fits.  A column that the others
    reproduce exactly (R_j^2 = 1 up to rounding) has VIF inf or near 1e15.
    One predictor has VIF 1 by definition.
    """
    n, k = values.shape
    if k == 1:
        return np.ones(1)
    centred = values - values.mean(axis=0)
    cross = centred.T @ centred
    scale = np.sqrt(np.diag(cross))
    corr = cross / np.outer(scale, scale)
    vif = np.empty(k)
    for j in range(k):
        others = [i for i in range(k) if i != j]
        r = corr[others, j]
        tolerance = 1.0 - r @ np.linalg.pinv(corr[np.ix_(others, others)], hermitian=True) @ r
        vif[j] = 1.0 / tolerance if tolerance > 0 else np.inf
    return vif


def tolerance_vif(result: RegressionResult) -> pd.DataFrame:
    """Collinearity statistics of each predictor (SPSS Coefficients table, "Collinearity Statistics").

    Parameters
    ----------
    result : RegressionResult
        The fit, whose Coefficients table holds them (a zero-variance or
        perfectly collinear predictor is refused by the fit, named).

    Returns
    -------
    DataFrame
        Columns ``predictor``, "Tolerance", "VIF".  One predictor: 1 and 1.
    """
    table = result.coefficients.iloc[1:]
    return pd.DataFrame({"predictor": list(result.predictors), "Tolerance": table["Tolerance"].to_numpy(),
                         "VIF": table["VIF"].to_numpy()})


def within_bounds(*, tolerance: Iterable[float] = (), vif: Iterable[float] = (),
                  tolerance_limit: float = TOLERANCE_LIMIT, vif_limit: float = VIF_LIMIT) -> bool:
    """The rule "no multicollinearity": every tolerance > ``tolerance_limit`` and every VIF < ``vif_limit``.

    Either list may be given alone (a paper that claims "all VIF < 10" is
    judged on the VIFs).
    """
    return all(t > tolerance_limit for t in tolerance) and all(v < vif_limit for v in vif)


def correlation_matrix(data: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Pearson correlation matrix (SPSS CORRELATIONS), columns and index named by the variables.

    Raises
    ------
    ValueError
        A column has zero variance (its correlations are not defined).
    """
    values = numeric_block(data, columns, min_rows=3)
    constant = [c for c, sd in zip(columns, values.std(axis=0)) if sd == 0]
    if constant:
        raise ValueError(f"column(s) {constant} have zero variance: their correlations are not defined")
    corr = np.corrcoef(values, rowvar=False).reshape(len(columns), len(columns))
    return pd.DataFrame(corr, index=list(columns), columns=list(columns))


#: Belsley, Kuh & Welsch's rule of thumb (1980, sec. 3.3): a dimension whose condition index exceeds
#: this, and on which two or more terms have more than VARIANCE_PROPORTION_LIMIT of their variance,
#: signals a collinearity that degrades the estimates.
CONDITION_INDEX_LIMIT = 30.0
VARIANCE_PROPORTION_LIMIT = 0.5


def collinear_dimensions(diagnostics: pd.DataFrame) -> list[int]:
    """Dimensions of a :func:`collinearity_diagnostics` table that meet Belsley, Kuh & Welsch's rule.

    A dimension is flagged when its "Condition Index" > :data:`CONDITION_INDEX_LIMIT`
    and at least two variance proportions (the columns after "Condition Index")
    exceed :data:`VARIANCE_PROPORTION_LIMIT`.
    """
    terms = list(diagnostics.columns[list(diagnostics.columns).index("Condition Index") + 1:])
    flagged = ((diagnostics["Condition Index"] > CONDITION_INDEX_LIMIT)
               & ((diagnostics[terms] > VARIANCE_PROPORTION_LIMIT).sum(axis=1) >= 2))
    return [int(d) for d in diagnostics.loc[flagged, "Dimension"]]


def collinearity_diagnostics(result: RegressionResult) -> pd.DataFrame:
    """SPSS's Collinearity Diagnostics table (REGRESSION /STATISTICS COLLIN).

    The design matrix X = [1, x1, ..., xk] (constant included, not centred)
    has each column scaled to unit length; the eigenvalues of X'X are
    SPSS's "Eigenvalue", sorted from largest; "Condition Index" is
    sqrt(largest / this eigenvalue); the variance proportions are Belsley,
    Kuh & Welsch's (1980, *Regression Diagnostics*, Wiley, sec. 3.2) variance
    decomposition: with eigenvectors v_j and eigenvalues l_j,
    phi_kj = v_kj^2 / l_j and the proportion of term k's variance on
    dimension j is phi_kj / sum_j phi_kj (each term's column sums to 1).

    Parameters
    ----------
    result : RegressionResult
        The fit, whose design matrix is decomposed.

    Returns
    -------
    DataFrame
        "Dimension" (1..k+1), "Eigenvalue", "Condition Index", then one
        variance-proportion column per term: "(Constant)" and the predictors.

    Notes
    -----
    Because the constant is included and nothing is centred, a predictor
    with a large mean relative to its spread shows a large condition index
    together with the constant; a rule of thumb (Belsley et al.,
    :func:`collinear_dimensions`) reads an index above 30 with two or more
    proportions above .5 on that dimension as a collinearity that degrades the estimates.  This is not the
    eigen-analysis of the correlation matrix some other programs print.
    """
    predictors = result.predictors
    design = result.design
    norms = np.sqrt((design**2).sum(axis=0))  # no zero column: the fit refuses a constant predictor
    scaled = design / norms
    eigenvalues, vectors = np.linalg.eigh(scaled.T @ scaled)
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues, vectors = eigenvalues[order], vectors[:, order]
    if eigenvalues[-1] <= eigenvalues[0] * 1e-15:
        raise ValueError(f"the design of {list(predictors)} with a constant is singular: an exact linear "
                         "dependency, so condition indices and variance proportions are not defined")
    phi = vectors**2 / eigenvalues
    proportions = phi / phi.sum(axis=1, keepdims=True)
    table = pd.DataFrame({
        "Dimension": np.arange(1, len(eigenvalues) + 1),
        "Eigenvalue": eigenvalues,
        "Condition Index": np.sqrt(eigenvalues[0] / eigenvalues),
    })
    for j, term in enumerate(["(Constant)", *predictors]):
        table[term] = proportions[j]
    return table
