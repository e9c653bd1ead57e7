"""Proportional-odds regression against independent fits; its derivatives; what cannot be estimated.

References, each independent of the library's Newton-Raphson:
- the cumulative-logit log-likelihood written out here, maximised with scipy
  (thresholds as free parameters), standard errors from a finite-difference
  Hessian of that log-likelihood.  Tolerances: estimates and log-likelihood
  to 1e-5 (relative 1e-5 for the large thresholds of the study's data),
  standard errors to a relative 1e-3 (the reference differentiates
  numerically);
- statsmodels' OrderedModel(distr="logit") fitted tightly (BFGS to a
  gradient of 1e-10, on its own parameterisation and finite differences) on a
  dependent with 37 categories: estimates to 1e-6, standard errors to a
  relative 1e-5, log-likelihood to 1e-8;
- the analytic score and Hessian against central differences of the
  log-likelihood written here, to a relative 1e-6 and 1e-5; on the study's
  data against central differences in 60-digit decimal arithmetic, to a
  relative 1e-10 (and the standard errors to 1e-7).
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


def test_likelihood_ratio_with_a_strong_predictor_dropped():
    # Without x1, x2's slope and the thresholds are far from the full fit's (a start there needs more than
    # five halvings); the refit starts where the full fit does.  Reference: statsmodels' OrderedModel refits.
    import warnings

    from statsmodels.miscmodels.ordinal_model import OrderedModel
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    rng = np.random.default_rng(15)
    x1, x2 = 40 + 5 * rng.normal(size=200), rng.normal(size=200)
    latent = 1.5 * (x1 - 40) + 0.5 * x2 + rng.logistic(size=200)
    data = pd.DataFrame({"y": np.digitize(latent, np.quantile(latent, [0.2, 0.4, 0.6, 0.8])), "x1": x1, "x2": x2})
    result = ordinal.ordinal_regression(data, "y", ["x1", "x2"])
    assert result.status == "ok"
    endog = pd.Series(pd.Categorical(data["y"], categories=range(5), ordered=True))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        ll = {tuple(columns): OrderedModel(endog, data[columns].to_numpy(), distr="logit").fit(
            method="bfgs", disp=False, maxiter=5000, gtol=1e-10).llf for columns in (["x1", "x2"], ["x1"], ["x2"])}
    expected = [2 * (ll[("x1", "x2")] - ll[("x2",)]), 2 * (ll[("x1", "x2")] - ll[("x1",)])]
    np.testing.assert_allclose(result.coefficients["LR Chi-Square"], expected, atol=1e-5)


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


def test_study_hessian_against_60_digit_finite_differences(study_scores):
    # The study's information matrix is ill-conditioned (thresholds near 50, condition number about 3e7), so the
    # standard errors amplify any error in the Hessian: the reference differentiates the log-likelihood in
    # 60-digit decimal arithmetic (step 1e-20), where finite differences lose nothing that matters.
    from decimal import Decimal, localcontext

    predictors = ["WE", "PL", "QWL"]
    result = ordinal.ordinal_regression(study_scores, "KIN", predictors)
    codes = np.unique(study_scores["KIN"], return_inverse=True)[1]
    x = study_scores[predictors].to_numpy(float)
    params = np.concatenate([result.coefficients["Estimate"], result.thresholds["Estimate"]])
    with localcontext() as context:
        context.prec = 60
        rows = [[Decimal(float(value)) for value in row] for row in x]

        def expit(z):
            return 1 / (1 + (-z).exp())

        def ll(theta):
            total = Decimal(0)
            for row, c in zip(rows, codes):
                eta = sum(value * slope for value, slope in zip(row, theta[:3]))
                upper = Decimal(1) if c == 2 else expit(theta[3 + c] - eta)
                lower = Decimal(0) if c == 0 else expit(theta[2 + c] - eta)
                total += (upper - lower).ln()
            return total

        at, h = [Decimal(float(value)) for value in params], Decimal("1e-20")

        def shifted(i, a, j, b):
            theta = list(at)
            theta[i] += a
            theta[j] += b
            return ll(theta)

        reference = np.array([[float((shifted(i, h, j, h) - shifted(i, h, j, -h) - shifted(i, -h, j, h)
                                      + shifted(i, -h, j, -h)) / (4 * h * h)) for j in range(5)] for i in range(5)])
    _, analytic = ordinal._score_and_hessian(params, codes, np.asfortranarray(x))
    np.testing.assert_allclose(analytic, reference, rtol=1e-10)
    se = np.sqrt(np.diag(np.linalg.inv(-reference)))
    np.testing.assert_allclose(result.coefficients["Std. Error"], se[:3], rtol=1e-7)
    np.testing.assert_allclose(result.thresholds["Std. Error"], se[3:], rtol=1e-7)


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


def likert_sums(n: int, seed: int) -> pd.DataFrame:
    """Sums of ten 1-5 items per construct (a common factor, the construct's own, noise): y takes 10..50."""
    rng = np.random.default_rng(seed)
    factor = rng.normal(size=n)
    sums = {}
    for name in ["y", "x1", "x2", "x3"]:
        own = rng.normal(size=n)
        sums[name] = np.clip(np.rint(3 + 0.6 * factor[:, None] + 0.6 * own[:, None] + rng.normal(size=(n, 10))),
                             1, 5).sum(axis=1)
    return pd.DataFrame(sums)


def test_many_categories_against_statsmodels():
    import warnings

    from statsmodels.miscmodels.ordinal_model import OrderedModel
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    data = likert_sums(400, seed=10)
    predictors = ["x1", "x2", "x3"]
    result = ordinal.ordinal_regression(data, "y", predictors, likelihood_ratio=False)
    assert result.status == "ok" and len(result.categories) >= 30
    codes = np.unique(data["y"], return_inverse=True)[1]
    endog = pd.Series(pd.Categorical(codes, categories=np.arange(codes.max() + 1), ordered=True))
    model = OrderedModel(endog, data[predictors].to_numpy(), distr="logit")
    with warnings.catch_warnings():   # statsmodels flags BFGS's own stopping rule at this gtol
        warnings.simplefilter("ignore", ConvergenceWarning)
        reference = model.fit(method="bfgs", disp=False, maxiter=5000, gtol=1e-10)
    params, bse = np.asarray(reference.params), np.asarray(reference.bse)
    np.testing.assert_allclose(result.coefficients["Estimate"], params[:3], atol=1e-6)
    np.testing.assert_allclose(result.coefficients["Std. Error"], bse[:3], rtol=1e-5)
    np.testing.assert_allclose(result.thresholds["Estimate"], model.transform_threshold_params(params)[1:-1], atol=1e-6)
    assert result.log_likelihood == pytest.approx(reference.llf, abs=1e-8)


def test_analytic_score_and_hessian_against_finite_differences():
    data = simulated(11)
    codes = np.unique(data["y"], return_inverse=True)[1]
    x = np.asfortranarray(data[["x1", "x2"]].to_numpy())
    # Away from the maximum, so the score is not zero; the library orders slopes first, the reference cuts first.
    params = np.array([0.3, -0.2, -1.2, 0.1, 1.7])
    reordered = np.concatenate([params[2:], params[:2]])

    def ll(library_order):
        return log_likelihood(np.concatenate([library_order[2:], library_order[:2]]), codes, x, 3)

    assert ordinal._log_likelihood(params, codes, x) == pytest.approx(log_likelihood(reordered, codes, x, 3),
                                                                      rel=1e-13)
    score, hess = ordinal._score_and_hessian(params, codes, x)
    h = 1e-5
    numeric_score = np.array([(ll(params + h * e) - ll(params - h * e)) / (2 * h) for e in np.eye(5)])
    np.testing.assert_allclose(score, numeric_score, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(hess, hessian(ll, params), rtol=1e-5, atol=1e-5)
    assert np.all(np.linalg.eigvalsh(hess) < 0)   # concave (Pratt 1981)


def test_step_halving_reaches_the_same_maximum():
    data = simulated(1)
    codes = np.unique(data["y"], return_inverse=True)[1]
    x = np.asfortranarray(data[["x1", "x2"]].to_numpy())
    from_start = ordinal._newton_raphson(codes, x, ordinal._start(codes, 2))
    assert from_start.converged
    far = ordinal._start(codes, 2)
    far[:2] = [3.0, -3.0]   # the full Newton step from here lowers the log-likelihood
    halved = ordinal._newton_raphson(codes, x, far)
    assert halved.converged and halved.halvings > 0
    np.testing.assert_allclose(halved.params, from_start.params, atol=1e-10)
    farther = ordinal._start(codes, 2)
    farther[:2] = [10.0, -10.0]   # five halvings (SPSS PLUM's MXSTEP) are not enough: stopped, not converged
    assert not ordinal._newton_raphson(codes, x, farther).converged


def test_quasi_complete_separation_is_not_converged():
    # x1 < 0 always in the lowest category, x1 > 0 always in the highest, x1 = 0 in all three: the slope of x1
    # grows without bound while the likelihood rises towards a limit (no complete separation, no maximum).
    rng = np.random.default_rng(9)
    x1 = np.repeat([-1.0, 0.0, 1.0], 30)
    y = np.where(x1 < 0, 1, np.where(x1 > 0, 3, rng.integers(1, 4, size=90)))
    data = pd.DataFrame({"y": y, "x1": x1, "x2": rng.normal(size=90)})
    assert not ordinal.completely_separated(data[["x1", "x2"]].to_numpy(), np.unique(y, return_inverse=True)[1])
    result = ordinal.ordinal_regression(data, "y", ["x1", "x2"])
    assert result.status == "not converged" and "quasi-complete separation" in result.explanation
    assert result.coefficients["Estimate"].isna().all()


def test_singular_information_is_a_status(monkeypatch):
    real = ordinal._newton_raphson

    def singular(codes, x, start):
        fit = real(codes, x, start)
        return ordinal._Fit(fit.params, fit.log_likelihood, np.zeros_like(fit.hessian), True, fit.iterations, 0)

    monkeypatch.setattr(ordinal, "_newton_raphson", singular)
    result = ordinal.ordinal_regression(simulated(12), "y", ["x1", "x2"])
    assert result.status == "not converged" and "information matrix at the estimate is singular" in result.explanation
    assert result.thresholds["Estimate"].isna().all()


def dense_separation_programme(x: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """The programme's constraint rows written case by case (the library builds them without a loop)."""
    n, k = x.shape
    n_cuts = int(codes.max())
    rows = []
    for i in range(n):
        if codes[i] < n_cuts:
            rows.append(np.concatenate([x[i], -np.eye(n_cuts)[codes[i]]]))
        if codes[i] > 0:
            rows.append(np.concatenate([-x[i], np.eye(n_cuts)[codes[i] - 1]]))
    return np.array(rows)


@pytest.mark.parametrize("separated", [False, True])
def test_separation_programme_is_the_dense_one(separated):
    from scipy import sparse

    rng = np.random.default_rng(13)
    x = rng.normal(size=(80, 2))
    x[5, 1] = 0.0   # an explicit zero: left out of the sparse matrix as of the dense one
    latent = x @ [1.0, 0.5] + (0 if separated else rng.logistic(size=80))
    codes = np.digitize(latent, [-0.5, 0.5, 1.2])
    constraints = ordinal._separation_constraints(x, codes)
    dense = dense_separation_programme(x, codes)
    np.testing.assert_array_equal(constraints.toarray(), dense)
    # scipy hands HiGHS a CSC matrix; built from either, it is the same arrays.
    ours, theirs = sparse.csc_array(constraints), sparse.csc_array(dense)
    for attribute in ["data", "indices", "indptr"]:
        np.testing.assert_array_equal(getattr(ours, attribute), getattr(theirs, attribute))
    assert ordinal.completely_separated(x, codes) == separated
