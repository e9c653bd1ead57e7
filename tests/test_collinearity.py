"""Tolerance and VIF (from the fit) against the inverse correlation matrix; collinear predictors named."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import collinearity
from surveykit.regression import linear_regression

HSB2 = Path(__file__).parent / "fixtures" / "hsb2.csv"
PREDICTORS = ["math", "female", "socst", "read"]


def _fit(data: pd.DataFrame, predictors, dependent: str = "science"):
    return linear_regression(data, dependent, predictors)


# Perfectly collinear or constant predictors never reach tolerance_vif or collinearity_diagnostics: the fit
# itself refuses them, naming the predictors (tests/test_regression.py, "degenerate inputs").


def test_vif_is_diagonal_of_inverse_correlation_matrix():
    data = pd.read_csv(HSB2)
    table = collinearity.tolerance_vif(_fit(data, PREDICTORS))
    inverse = np.linalg.inv(data[PREDICTORS].corr().to_numpy())
    np.testing.assert_allclose(table["VIF"], np.diag(inverse), rtol=1e-10)
    np.testing.assert_allclose(table["Tolerance"] * table["VIF"], 1.0, rtol=1e-14)


def test_vif_matches_statsmodels():
    from statsmodels.stats.outliers_influence import variance_inflation_factor

    data = pd.read_csv(HSB2)
    design = np.column_stack([np.ones(len(data)), data[PREDICTORS].to_numpy(float)])
    expected = [variance_inflation_factor(design, j) for j in range(1, design.shape[1])]
    np.testing.assert_allclose(collinearity.tolerance_vif(_fit(data, PREDICTORS))["VIF"], expected, rtol=1e-10)


def test_single_predictor_has_vif_one():
    data = pd.read_csv(HSB2)
    table = collinearity.tolerance_vif(_fit(data, ["math"]))
    assert table["VIF"].iloc[0] == 1.0 and table["Tolerance"].iloc[0] == 1.0


def test_correlation_matrix():
    data = pd.read_csv(HSB2)
    matrix = collinearity.correlation_matrix(data, PREDICTORS)
    pd.testing.assert_frame_equal(matrix, data[PREDICTORS].astype(float).corr(), rtol=1e-12)
    with pytest.raises(ValueError, match="zero variance"):
        collinearity.correlation_matrix(data.assign(c=2.0), ["math", "c"])


# --- Collinearity Diagnostics (SPSS /STATISTICS COLLIN) -----------------------------------

BODYFAT = Path(__file__).parent / "fixtures" / "bodyfat.csv"


def test_collinearity_diagnostics_match_published_systat_output():
    import yaml

    reference = yaml.safe_load((Path(__file__).parent / "fixtures" / "collinearity_reference.yml")
                               .read_text(encoding="utf-8"))["bodyfat_collinearity"]
    data = pd.read_csv(BODYFAT)
    table = collinearity.collinearity_diagnostics(_fit(data, reference["predictors"], reference["dependent"]))
    # Printed to six decimals: each value lies within half a unit of the last printed digit.
    half = 0.5e-6 + 1e-12
    np.testing.assert_allclose(table["Eigenvalue"], [float(v) for v in reference["eigenvalues"]], rtol=0, atol=half)
    np.testing.assert_allclose(table["Condition Index"], [float(v) for v in reference["condition_indices"]],
                               rtol=0, atol=half)
    for term, printed in reference["variance_proportions"].items():
        np.testing.assert_allclose(table[term], [float(v) for v in printed], rtol=0, atol=half, err_msg=term)


def test_collinearity_diagnostics_equal_the_svd_formulas_of_belsley_kuh_welsch():
    # BKW (1980) eq. 3.10 from the singular value decomposition X = U D V' of the unit-length
    # scaled design: eigenvalues mu_j^2, proportions (v_kj^2 / mu_j^2) / sum_j (v_kj^2 / mu_j^2).
    data = pd.read_csv(HSB2)
    design = np.column_stack([np.ones(len(data)), data[PREDICTORS].to_numpy(float)])
    scaled = design / np.linalg.norm(design, axis=0)
    _, mu, vt = np.linalg.svd(scaled, full_matrices=False)
    phi = vt.T**2 / mu**2
    expected = phi / phi.sum(axis=1, keepdims=True)
    table = collinearity.collinearity_diagnostics(_fit(data, PREDICTORS))
    np.testing.assert_allclose(table["Eigenvalue"], mu**2, rtol=1e-10)
    np.testing.assert_allclose(table["Condition Index"], mu[0] / mu, rtol=1e-10)
    for k, term in enumerate(["(Constant)", *PREDICTORS]):
        np.testing.assert_allclose(table[term], expected[k], rtol=1e-8, atol=1e-13, err_msg=term)
    assert list(table["Dimension"]) == [1, 2, 3, 4, 5]
    # Eigenvalues of a unit-scaled cross-product matrix sum to its trace, the number of terms.
    assert table["Eigenvalue"].sum() == pytest.approx(len(PREDICTORS) + 1, rel=1e-12)


@pytest.mark.parametrize(("tolerance", "vif", "within"), [
    ([0.5, 0.11], [2.0, 9.09], True), ([0.5, 0.10], [2.0, 10.0], False), ([0.5], [2.0, 10.5], False), ([], [9.9], True)])
def test_within_bounds_is_the_thesis_rule(tolerance, vif, within):
    assert collinearity.within_bounds(tolerance=tolerance, vif=vif) is within
    assert collinearity.TOLERANCE_LIMIT == 0.10 and collinearity.VIF_LIMIT == 10.0


def test_collinear_dimensions_applies_belsley_kuh_welsch_rule():
    # Built by hand: dimension 3 has index > 30 and two proportions > .5; dimension 2 has the index, one proportion.
    table = pd.DataFrame({"Dimension": [1, 2, 3], "Eigenvalue": [2.9, 0.002, 0.001],
                          "Condition Index": [1.0, 38.1, 53.9],
                          "(Constant)": [0.0, 0.9, 0.1], "X1": [0.0, 0.3, 0.7], "X2": [0.0, 0.1, 0.9]})
    assert collinearity.collinear_dimensions(table) == [3]
    assert collinearity.collinear_dimensions(table.assign(**{"Condition Index": [1.0, 20.0, 29.9]})) == []


def test_vif_matches_statsmodels_when_the_other_predictors_are_collinear():
    # female's VIF is defined although math, read and both are collinear among themselves: statsmodels'
    # auxiliary regression (pinv) and the correlation matrix's pseudo-inverse agree; the collinear ones are huge.
    from statsmodels.stats.outliers_influence import variance_inflation_factor

    data = pd.read_csv(HSB2).assign(both=lambda d: d["math"] - 2 * d["read"])
    values = data[["math", "read", "both", "female"]].to_numpy(float)
    design = np.column_stack([np.ones(len(data)), values])
    vif = collinearity.variance_inflation(values)
    with warnings.catch_warnings():  # statsmodels warns that the others are collinear: that is the case tested
        warnings.simplefilter("ignore", UserWarning)
        expected = variance_inflation_factor(design, 4)
    np.testing.assert_allclose(vif[3], expected, rtol=1e-10)
    assert (vif[:3] > 1e10).all()
