"""Glejser, Breusch-Pagan (Koenker) and White against statsmodels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import heteroskedasticity
from surveykit.regression import linear_regression

HSB2 = Path(__file__).parent / "fixtures" / "hsb2.csv"
PREDICTORS = ["math", "female", "socst", "read"]


@pytest.fixture(scope="module")
def setup():
    data = pd.read_csv(HSB2)
    fit = linear_regression(data, "science", PREDICTORS)
    return data, fit


def test_breusch_pagan_koenker_matches_statsmodels(setup):
    from statsmodels.stats.diagnostic import het_breuschpagan

    data, fit = setup
    lm, lm_p, f, f_p = het_breuschpagan(fit.residuals.to_numpy(), fit.design, robust=True)
    row = heteroskedasticity.breusch_pagan(data, "science", PREDICTORS).iloc[0]
    assert row["LM"] == pytest.approx(lm, rel=1e-10)
    assert row["Sig."] == pytest.approx(lm_p, rel=1e-8)
    assert row["F"] == pytest.approx(f, rel=1e-10)
    assert row["df"] == len(PREDICTORS)


def test_white_matches_statsmodels(setup):
    import warnings

    from statsmodels.stats.diagnostic import het_white

    data, fit = setup
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # female^2 == female: statsmodels warns about the rank
        lm, lm_p, f, f_p = het_white(fit.residuals.to_numpy(), fit.design)
    row = heteroskedasticity.white(data, "science", PREDICTORS).iloc[0]
    assert row["LM"] == pytest.approx(lm, rel=1e-9)
    assert row["Sig."] == pytest.approx(lm_p, rel=1e-7)
    assert row["df"] == 13  # 4 + 10 products, minus female^2 = female


def test_glejser_matches_ols_on_absolute_residuals(setup):
    from statsmodels.regression.linear_model import OLS

    data, fit = setup
    expected = OLS(np.abs(fit.residuals.to_numpy()), fit.design).fit()
    table = heteroskedasticity.glejser(data, "science", PREDICTORS)
    assert list(table["Model"]) == ["(Constant)", *PREDICTORS]
    np.testing.assert_allclose(table["B"], expected.params, rtol=1e-10)
    np.testing.assert_allclose(table["Sig."], expected.pvalues, rtol=1e-8)
