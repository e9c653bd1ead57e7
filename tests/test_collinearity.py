"""Tolerance and VIF against the inverse correlation matrix; collinear predictors named."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import collinearity

HSB2 = Path(__file__).parent / "fixtures" / "hsb2.csv"
PREDICTORS = ["math", "female", "socst", "read"]


def test_vif_is_diagonal_of_inverse_correlation_matrix():
    data = pd.read_csv(HSB2)
    table = collinearity.tolerance_vif(data, PREDICTORS)
    inverse = np.linalg.inv(data[PREDICTORS].corr().to_numpy())
    np.testing.assert_allclose(table["VIF"], np.diag(inverse), rtol=1e-10)
    np.testing.assert_allclose(table["Tolerance"] * table["VIF"], 1.0, rtol=1e-14)


def test_vif_matches_statsmodels():
    from statsmodels.stats.outliers_influence import variance_inflation_factor

    data = pd.read_csv(HSB2)
    design = np.column_stack([np.ones(len(data)), data[PREDICTORS].to_numpy(float)])
    expected = [variance_inflation_factor(design, j) for j in range(1, design.shape[1])]
    np.testing.assert_allclose(collinearity.tolerance_vif(data, PREDICTORS)["VIF"], expected, rtol=1e-10)


def test_single_predictor_has_vif_one():
    data = pd.read_csv(HSB2)
    table = collinearity.tolerance_vif(data, ["math"])
    assert table["VIF"].iloc[0] == 1.0 and table["Tolerance"].iloc[0] == 1.0


def test_perfect_collinearity_names_the_predictors():
    data = pd.read_csv(HSB2).assign(both=lambda d: d["math"] - 2 * d["read"])
    with pytest.raises(ValueError, match="collinear") as err:
        collinearity.tolerance_vif(data, ["math", "read", "both", "female"])
    assert "both" in str(err.value) and "female" not in str(err.value)


def test_zero_variance_predictor():
    data = pd.read_csv(HSB2).assign(c=1)
    with pytest.raises(ValueError, match="zero variance"):
        collinearity.tolerance_vif(data, ["math", "c"])


def test_correlation_matrix():
    data = pd.read_csv(HSB2)
    matrix = collinearity.correlation_matrix(data, PREDICTORS)
    pd.testing.assert_frame_equal(matrix, data[PREDICTORS].astype(float).corr(), rtol=1e-12)
    with pytest.raises(ValueError, match="zero variance"):
        collinearity.correlation_matrix(data.assign(c=2.0), ["math", "c"])
