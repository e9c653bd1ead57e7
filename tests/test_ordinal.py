"""Proportional-odds regression against a direct maximum-likelihood fit; what cannot be estimated.

The reference is an independent implementation: the cumulative-logit
log-likelihood written out here, maximised with scipy (thresholds as free
parameters, not statsmodels' increments), standard errors from a
finite-difference Hessian of that log-likelihood.  Tolerances: estimates and
log-likelihood to 1e-5 (relative 1e-5 for the large thresholds of the
study's data), standard errors to a relative 1e-3 (both sides differentiate
numerically).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import optimize, special, stats

from surveykit import ordinal, regression, scoring
from surveykit.codebook import load_codebook
from surveykit.errors import DataError

ROOT = Path(__file__).resolve().parents[1]


def log_likelihood(theta: np.ndarray, y_codes: np.ndarray, x: np.ndarray, n_cuts: int) -> float:
    cuts, beta = theta[:n_cuts], theta[n_cuts:]
    if np.any(np.diff(cuts) <= 0):
        return -np.inf
    eta = x @ beta
    upper = np.concatenate([cuts, [np.inf]])[y_codes] - eta
    lower = np.concatenate([[-np.inf], cuts])[y_codes] - eta
    return float(np.sum(np.log(special.expit(upper) - special.expit(lower))))


def hessian(f, theta: np.ndarray) -> np.ndarray:
    p = len(theta)
    h = 1e-4 * np.maximum(1.0, np.abs(theta))
    out = np.empty((p, p))
    for i in range(p):
        for j in range(p):
            ei, ej = np.eye(p)[i] * h[i], np.eye(p)[j] * h[j]
            out[i, j] = (f(theta + ei + ej) - f(theta + ei - ej) - f(theta - ei + ej) + f(theta - ei - ej)) / (
                4 * h[i] * h[j])
    return out


def direct_fit(y: np.ndarray, x: np.ndarray):
    categories, codes = np.unique(y, return_inverse=True)
    n_cuts = len(categories) - 1
    cumulative = np.cumsum(np.bincount(codes))[:-1] / len(y)
    start = np.concatenate([special.logit(cumulative) + x.mean(axis=0) @ np.zeros(x.shape[1]),
                            np.zeros(x.shape[1])])
    # Centre x so the thresholds start near their values; shift back afterwards.
    centre = x.mean(axis=0)
    xc = x - centre

    def negative(theta):
        value = log_likelihood(theta, codes, xc, n_cuts)
        return 1e10 if not np.isfinite(value) else -value

    fit = optimize.minimize(negative, start, method="Nelder-Mead",
                            options={"maxiter": 200_000, "maxfev": 200_000, "xatol": 1e-4, "fatol": 1e-8})
    # Nelder-Mead gets near the maximum; BFGS (finite-difference gradient) polishes it to gtol.
    fit = optimize.minimize(negative, fit.x, method="BFGS", options={"gtol": 1e-9})
    theta = fit.x.copy()
    theta[:n_cuts] += centre @ theta[n_cuts:]
    ll = log_likelihood(theta, codes, x, n_cuts)
    cov = np.linalg.inv(-hessian(lambda t: log_likelihood(t, codes, x, n_cuts), theta))
    return theta, np.sqrt(np.diag(cov)), ll, n_cuts


def simulated(seed: int, n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1, x2 = rng.normal(size=n), rng.normal(size=n)
    latent = 0.8 * x1 - 0.5 * x2 + rng.logistic(size=n)
    y = np.digitize(latent, [-1.0, 0.3, 1.5]) + 1
    return pd.DataFrame({"y": y, "x1": x1, "x2": x2})


@pytest.mark.parametrize("seed", [1, 2])
def test_estimates_and_standard_errors_against_a_direct_fit(seed):
    data = simulated(seed)
    result = ordinal.ordinal_regression(data, "y", ["x1", "x2"])
    assert result.status == "ok" and result.categories == (1.0, 2.0, 3.0, 4.0)
    theta, se, ll, n_cuts = direct_fit(data["y"].to_numpy(float), data[["x1", "x2"]].to_numpy())
    np.testing.assert_allclose(result.coefficients["Estimate"], theta[n_cuts:], atol=1e-5)
    np.testing.assert_allclose(result.thresholds["Estimate"], theta[:n_cuts], atol=1e-5)
    np.testing.assert_allclose(result.coefficients["Std. Error"], se[n_cuts:], rtol=1e-3)
    np.testing.assert_allclose(result.thresholds["Std. Error"], se[:n_cuts], rtol=1e-3)
    assert result.log_likelihood == pytest.approx(ll, abs=1e-6)
    # Wald as SPSS PLUM prints it: (b / SE)^2, chi-square on 1 df.
    wald = (theta[n_cuts:] / se[n_cuts:]) ** 2
    np.testing.assert_allclose(result.coefficients["Sig."], stats.chi2.sf(wald, 1), rtol=1e-2, atol=1e-8)
    assert list(result.thresholds["Threshold"]) == ["[y = 1]", "[y = 2]", "[y = 3]"]


def test_likelihood_ratio_tests_against_direct_refits():
    data = simulated(3)
    result = ordinal.ordinal_regression(data, "y", ["x1", "x2"])
    y = data["y"].to_numpy(float)
    _, _, ll_full, _ = direct_fit(y, data[["x1", "x2"]].to_numpy())
    for j, name in enumerate(["x1", "x2"]):
        _, _, ll_reduced, _ = direct_fit(y, data[["x2", "x1"][j:j + 1]].to_numpy())
        row = result.coefficients.set_index("Model").loc[name]
        assert row["LR Chi-Square"] == pytest.approx(2 * (ll_full - ll_reduced), abs=1e-5)
    counts = np.bincount(np.unique(y, return_inverse=True)[1])
    null = float(np.sum(counts * np.log(counts / counts.sum())))
    assert result.null_log_likelihood == pytest.approx(null, abs=1e-12)
    assert result.model_chi_square == pytest.approx(2 * (ll_full - null), abs=1e-5)


@pytest.fixture(scope="module")
def study_scores():
    codebook = load_codebook(ROOT / "data" / "codebook.yml")
    data = pd.read_csv(ROOT / "data" / "raw" / "responses.csv").set_index("respondent")
    return scoring.construct_scores(data, codebook)


def test_study_data_against_a_direct_fit(study_scores):
    # Three categories, two cases in the lowest: thresholds far from zero, a flat likelihood.
    predictors = ["WE", "PL", "QWL"]
    result = ordinal.ordinal_regression(study_scores, "KIN", predictors)
    assert result.status == "ok"
    theta, se, ll, n_cuts = direct_fit(study_scores["KIN"].to_numpy(float), study_scores[predictors].to_numpy(float))
    np.testing.assert_allclose(result.coefficients["Estimate"], theta[n_cuts:], rtol=1e-5)
    np.testing.assert_allclose(result.thresholds["Estimate"], theta[:n_cuts], rtol=1e-5)
    np.testing.assert_allclose(result.coefficients["Std. Error"], se[n_cuts:], rtol=1e-3)
    assert result.log_likelihood == pytest.approx(ll, abs=1e-6)


def test_comparison_with_ols(study_scores):
    predictors = ["WE", "PL", "QWL"]
    ols = regression.linear_regression(study_scores, "KIN", predictors)
    fit = ordinal.ordinal_regression(study_scores, "KIN", predictors)
    table = ordinal.compare_with_ols(ols, fit, significance=0.05)
    assert list(table["Predictor"]) == predictors
    assert set(table["Ordinal Test"]) == {"LR"}
    for _, row in table.iterrows():
        assert row["Same Direction"] == (np.sign(row["OLS B"]) == np.sign(row["Ordinal Estimate"]))
        assert row["Significant (ordinal)"] == (row["Ordinal Sig. (LR)"] < 0.05)
        changed = row["Significant (ordinal)"] != row["Significant (OLS)"] or not row["Same Direction"]
        assert (row["Changes"] != "nothing") == changed
    sentence = ordinal.describe_changes(table, fit, significance=0.05)
    if (table["Changes"] == "nothing").all():
        assert "changes nothing" in sentence
    wald_differs = (table["Significant (ordinal, Wald)"] != table["Significant (ordinal)"]).any()
    assert ("Wald test that SPSS PLUM prints" in sentence) == wald_differs


def test_describe_changes_names_a_reversed_sign_and_a_lost_verdict():
    data = simulated(4)
    fit = ordinal.ordinal_regression(data, "y", ["x1", "x2"])
    table = pd.DataFrame({"Predictor": ["x1", "x2"], "Same Direction": [False, True],
                          "Significant (OLS)": [True, True], "Significant (ordinal)": [True, False],
                          "Significant (ordinal, Wald)": [True, False], "Ordinal Test": ["LR", "LR"]})
    sentence = ordinal.describe_changes(table, fit, significance=0.05)
    assert "the sign is reversed for x1" in sentence
    assert "x2 is significant by OLS but not by the ordinal model's likelihood-ratio test" in sentence
    assert "Wald test that SPSS PLUM prints" not in sentence   # Wald agrees with LR here


def test_single_category_is_a_status_not_a_crash():
    data = simulated(5).assign(y=3)
    result = ordinal.ordinal_regression(data, "y", ["x1", "x2"])
    assert result.status == "one category" and not result.estimated
    assert "single value" in result.explanation
    assert result.coefficients["Estimate"].isna().all() and list(result.coefficients["Model"]) == ["x1", "x2"]
    ols_like = regression.linear_regression(simulated(5), "y", ["x1", "x2"])
    # A comparison with a model that is not estimated says so instead of inventing verdicts.
    table = ordinal.compare_with_ols(ols_like, ordinal.ordinal_regression(
        simulated(5).assign(y=3), "y", ["x1", "x2"]))
    assert set(table["Changes"]) == {"ordinal model not estimated"}


@pytest.mark.parametrize("n_categories", [2, 3])
def test_complete_separation_is_a_status(n_categories):
    rng = np.random.default_rng(6)
    x1, x2 = rng.normal(size=60), rng.normal(size=60)
    edges = [0.0] if n_categories == 2 else [-0.5, 0.5]
    data = pd.DataFrame({"y": np.digitize(x1 + 0.5 * x2, edges) + 1, "x1": x1, "x2": x2})
    result = ordinal.ordinal_regression(data, "y", ["x1", "x2"])
    assert result.status == "complete separation"
    assert "no maximum-likelihood estimate" in result.explanation
    assert result.coefficients["Estimate"].isna().all()


def test_overlapping_categories_are_not_called_separated():
    data = simulated(7)
    codes = np.unique(data["y"], return_inverse=True)[1]
    assert not ordinal.completely_separated(data[["x1", "x2"]].to_numpy(), codes)


def test_too_few_cases_and_bad_input():
    data = pd.DataFrame({"y": [1, 2, 3, 1], "x1": [0.1, 0.5, 0.2, 0.9], "x2": [1.0, 0.0, 2.0, 1.5]})
    assert ordinal.ordinal_regression(data, "y", ["x1", "x2"]).status == "too few cases"
    missing = simulated(8)
    missing.loc[3, "x1"] = np.nan
    with pytest.raises(DataError, match="x1"):
        ordinal.ordinal_regression(missing, "y", ["x1", "x2"])
    with pytest.raises(DataError, match="zero variance"):
        ordinal.ordinal_regression(simulated(8).assign(x2=1.0), "y", ["x1", "x2"])


def test_the_fast_logistic_cdf_is_statsmodels_logit_bit_for_bit():
    # proportional_odds_model evaluates the logistic CDF with expit directly; the fit must be statsmodels'
    # OrderedModel(distr="logit") to the last bit: estimates, standard errors and log-likelihood.
    import warnings

    from statsmodels.miscmodels.ordinal_model import OrderedModel
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    x = np.array([-np.inf, -800.0, -37.5, -1e-300, 0.0, 2.5e-8, 1.0, 36.0, 710.0, np.inf, np.nan])
    fast = ordinal.proportional_odds_model(pd.Series(pd.Categorical([0, 1, 2], ordered=True)), np.eye(3)[:, :1])
    np.testing.assert_array_equal(fast.cdf(x), stats.logistic.cdf(x))
    data = simulated(4)
    codes = np.unique(data["y"], return_inverse=True)[1]
    endog = pd.Series(pd.Categorical(codes, categories=np.arange(codes.max() + 1), ordered=True))
    exog = data[["x1", "x2"]].to_numpy()
    with warnings.catch_warnings():  # BFGS's own flag at gtol 1e-10, as in the library (which judges by the score)
        warnings.simplefilter("ignore", ConvergenceWarning)
        reference = OrderedModel(endog, exog, distr="logit").fit(method="bfgs", disp=False, maxiter=5000, gtol=1e-10)
        fitted = ordinal.proportional_odds_model(endog, exog).fit(method="bfgs", disp=False, maxiter=5000,
                                                                  gtol=1e-10)
    np.testing.assert_array_equal(fitted.params, reference.params)
    np.testing.assert_array_equal(fitted.bse, reference.bse)
    assert fitted.llf == reference.llf
