"""Sumbangan efektif and relatif against statsmodels (standardized OLS) and numpy correlations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import contribution, regression

HSB2 = Path(__file__).parent / "fixtures" / "hsb2.csv"
PREDICTORS = ["math", "female", "socst", "read"]


@pytest.fixture(scope="module")
def hsb2():
    return pd.read_csv(HSB2)


def test_effective_contribution_is_beta_times_r_and_sums_to_r_squared(hsb2):
    import statsmodels.api as sm

    fit = regression.linear_regression(hsb2, "science", PREDICTORS)
    table = contribution.effective_contribution(fit).set_index("Model")
    z = (hsb2 - hsb2.mean()) / hsb2.std(ddof=1)
    independent = sm.OLS(z["science"].to_numpy(), sm.add_constant(z[PREDICTORS].to_numpy())).fit()
    beta = independent.params[1:]
    r = np.array([np.corrcoef(hsb2[p], hsb2["science"])[0, 1] for p in PREDICTORS])
    np.testing.assert_allclose(table["Beta"], beta, rtol=1e-10)
    np.testing.assert_allclose(table["Zero-order"], r, rtol=1e-12)
    np.testing.assert_allclose(table["Effective contribution"], beta * r, rtol=1e-10)
    assert table["Effective contribution"].sum() == pytest.approx(independent.rsquared, abs=1e-12)
    assert table["Effective contribution %"].sum() == pytest.approx(100 * independent.rsquared, abs=1e-10)
    assert table["Relative contribution %"].sum() == pytest.approx(100.0, abs=1e-10)


def test_status_names_negative_products_and_suppression():
    # y = s; x1 = s + u; x3 = u + 0.2 s, so s = 1.25 x1 - 1.25 x3: x3 correlates positively with y
    # but its Beta is negative (a negative product), and x1's Beta exceeds its r (suppression).
    rng = np.random.default_rng(7)
    n = 400
    signal, noise = rng.normal(size=n), rng.normal(size=n)
    data = pd.DataFrame({"y": signal + 0.3 * rng.normal(size=n), "x1": signal + noise,
                         "x3": noise + 0.2 * signal})
    fit = regression.linear_regression(data, "y", ["x1", "x3"])
    table = contribution.effective_contribution(fit).set_index("Model")
    assert table.loc["x3", "Zero-order"] > 0 > table.loc["x3", "Beta"]
    assert list(table["status"]) == ["suppression", "negative"]
    for _, row in table.iterrows():
        assert row["explanation"] == contribution.STATUS_EXPLANATIONS[row["status"]]
    assert table.loc["x3", "Effective contribution"] < 0
    assert table["Effective contribution"].sum() == pytest.approx(fit.r_squared, abs=1e-12)


def test_ok_rows_lie_between_the_unique_share_and_r_squared(hsb2):
    fit = regression.linear_regression(hsb2, "science", PREDICTORS)
    table = contribution.effective_contribution(fit)
    ok = table[table["status"] == "ok"]
    assert len(ok) > 0
    assert (ok["Unique (part2)"] <= ok["Effective contribution"] + 1e-15).all()
    assert (ok["Effective contribution"] <= ok["Zero-order r2"] + 1e-15).all()
