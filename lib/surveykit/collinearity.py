"""Multicollinearity: tolerance and VIF as SPSS REGRESSION /STATISTICS=COLLIN TOL prints them.

Tolerance of a predictor is 1 - R^2 of its regression (with intercept) on
the other predictors; VIF = 1 / tolerance.  Thesis rule: tolerance > .10
and VIF < 10 mean "no multicollinearity".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._checks import numeric_block

__all__ = ["tolerance_vif", "correlation_matrix", "auxiliary_r_squared", "collinearity_diagnostics"]

#: SPSS REGRESSION's default tolerance criterion for entering a predictor (CRITERIA TOLERANCE(.0001)).
SPSS_TOLERANCE_LIMIT = 1e-4


def auxiliary_r_squared(values: np.ndarray) -> np.ndarray:
    """R^2 of each column regressed (with intercept) on the other columns."""
    n, k = values.shape
    centred = values - values.mean(axis=0)
    r2 = np.zeros(k)
    if k == 1:
        return r2
    for j in range(k):
        y = centred[:, j]
        others = np.delete(centred, j, axis=1)
        coef, *_ = np.linalg.lstsq(others, y, rcond=None)
        resid = y - others @ coef
        tss = y @ y
        r2[j] = 1.0 - (resid @ resid) / tss if tss > 0 else 1.0
    return np.clip(r2, 0.0, 1.0)


def tolerance_vif(data: pd.DataFrame, predictors: Sequence[str]) -> pd.DataFrame:
    """Collinearity statistics of each predictor (SPSS Coefficients table, "Collinearity Statistics").

    Parameters
    ----------
    data : DataFrame
    predictors : sequence of str

    Returns
    -------
    DataFrame
        Columns ``predictor``, "Tolerance", "VIF".  One predictor: 1 and 1.

    Raises
    ------
    ValueError
        A predictor has zero variance, or the predictors are perfectly (to
        SPSS's tolerance limit .0001) collinear; the message names them.
    """
    values = numeric_block(data, predictors, min_rows=3)
    constant = [p for p, sd in zip(predictors, values.std(axis=0)) if sd == 0]
    if constant:
        raise ValueError(f"predictor(s) {constant} have zero variance: they are collinear with the constant "
                         "and tolerance/VIF are not defined")
    tolerance = 1.0 - auxiliary_r_squared(values)
    bad = [p for p, t in zip(predictors, tolerance) if t < SPSS_TOLERANCE_LIMIT]
    if bad:
        raise ValueError(f"predictors {bad} are perfectly collinear (tolerance < .0001, SPSS would exclude them): "
                         "each is a linear combination of the others; drop one of them")
    return pd.DataFrame({"predictor": list(predictors), "Tolerance": tolerance, "VIF": 1.0 / tolerance})


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


def collinearity_diagnostics(data: pd.DataFrame, predictors: Sequence[str]) -> pd.DataFrame:
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
    data : DataFrame
    predictors : sequence of str

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
    values = numeric_block(data, predictors, min_rows=2)
    design = np.column_stack([np.ones(values.shape[0]), values])
    norms = np.sqrt((design**2).sum(axis=0))
    zero = [p for p, n in zip(predictors, norms[1:]) if n == 0]
    if zero:
        raise ValueError(f"predictor(s) {zero} are zero in every case: their variance proportions are not defined")
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
