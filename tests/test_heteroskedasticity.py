"""Glejser, Breusch-Pagan (Koenker) and White, each taking the fit, against statsmodels (a test on the fit's residuals
and design computed here) and an OLS of the absolute residuals."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats

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
    row = heteroskedasticity.breusch_pagan(fit).iloc[0]
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
    row = heteroskedasticity.white(fit).iloc[0]
    assert row["LM"] == pytest.approx(lm, rel=1e-9)
    assert row["Sig."] == pytest.approx(lm_p, rel=1e-7)
    assert row["df"] == 13  # 4 + 10 products, minus female^2 = female


def test_glejser_matches_ols_on_absolute_residuals(setup):
    from statsmodels.regression.linear_model import OLS

    data, fit = setup
    expected = OLS(np.abs(fit.residuals.to_numpy()), fit.design).fit()
    table = heteroskedasticity.glejser(fit)
    assert list(table["Model"]) == ["(Constant)", *PREDICTORS]
    np.testing.assert_allclose(table["B"], expected.params, rtol=1e-10)
    np.testing.assert_allclose(table["Sig."], expected.pvalues, rtol=1e-8)


def test_not_computable_when_the_auxiliary_regression_has_no_residual_df():
    # n = 4, 2 predictors: White's auxiliary regression has 6 parameters for 4 cases.
    data = pd.DataFrame({"x1": [1.0, 2.0, 4.0, 3.0], "x2": [2.0, 1.0, 3.0, 5.0], "y": [1.0, 3.0, 2.0, 5.0]})
    fit = linear_regression(data, "y", ["x1", "x2"])
    row = heteroskedasticity.white(fit).iloc[0]
    assert row["status"] == heteroskedasticity.NOT_COMPUTABLE and np.isnan(row["LM"]) and "4 cases" in row["explanation"]
    assert row["test"] == heteroskedasticity.WHITE
    assert heteroskedasticity.breusch_pagan(fit).iloc[0]["test"] == heteroskedasticity.BREUSCH_PAGAN


def test_lm_statistics_equal_n_r_squared_of_the_auxiliary_regression(setup):
    # Koenker's LM and White's LM written out (numpy lstsq), independent of statsmodels.
    _, fit = setup
    e2 = fit.residuals.to_numpy() ** 2
    z = fit.design
    i0, i1 = np.triu_indices(z.shape[1])
    for name, aux, df in (("bp", z, 4), ("white", z[:, i0] * z[:, i1], 13)):
        coef = np.linalg.lstsq(aux, e2, rcond=None)[0]
        resid = e2 - aux @ coef
        r2 = 1 - resid @ resid / np.sum((e2 - e2.mean()) ** 2)
        row = (heteroskedasticity.breusch_pagan(fit) if name == "bp" else heteroskedasticity.white(fit)).iloc[0]
        assert row["LM"] == pytest.approx(len(e2) * r2, rel=1e-9), name
        assert row["df"] == df
        # The p values and the F form from their definitions (scipy's chi-square and F), not statsmodels'.
        df2 = len(e2) - df - 1
        f = (r2 / df) / ((1 - r2) / df2)
        assert row["Sig."] == pytest.approx(stats.chi2.sf(len(e2) * r2, df), rel=1e-8), name
        assert row["df2"] == df2 and row["F"] == pytest.approx(f, rel=1e-9), name
        assert row["F Sig."] == pytest.approx(stats.f.sf(f, df, df2), rel=1e-8), name
