"""Cronbach's alpha and SPSS's item-total statistics against independent formulas; degenerate scales."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import reliability
from surveykit.errors import NotDefinedError


def likert(seed: int, n: int = 80, loadings=(0.9, 0.7, 0.6, 0.5, 0.4)) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    factor = rng.normal(size=n)
    return pd.DataFrame({f"X{j + 1}": np.clip(np.round(3 + lam * factor + rng.normal(size=n)), 1, 5)
                         for j, lam in enumerate(loadings)})


def alpha_covariance_form(values: np.ndarray) -> float:
    """alpha = k/(k-1) * (1 - trace(C) / sum(C)): the covariance-matrix form."""
    c = np.cov(values, rowvar=False)
    k = c.shape[0]
    return k / (k - 1) * (1 - np.trace(c) / c.sum())


def alpha_anova_form(values: np.ndarray) -> float:
    """alpha = (MS_persons - MS_residual) / MS_persons from a two-way ANOVA (Hoyt 1941)."""
    n, k = values.shape
    grand = values.mean()
    ss_persons = k * ((values.mean(axis=1) - grand) ** 2).sum()
    ss_items = n * ((values.mean(axis=0) - grand) ** 2).sum()
    ss_total = ((values - grand) ** 2).sum()
    ms_persons = ss_persons / (n - 1)
    ms_resid = (ss_total - ss_persons - ss_items) / ((n - 1) * (k - 1))
    return (ms_persons - ms_resid) / ms_persons


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_alpha_against_two_independent_forms(seed):
    data = likert(seed)
    result = reliability.cronbach_alpha(data, list(data))
    assert result.status == "ok"
    assert result.alpha == pytest.approx(alpha_covariance_form(data.to_numpy(float)), abs=1e-12)
    assert result.alpha == pytest.approx(alpha_anova_form(data.to_numpy(float)), abs=1e-12)
    corr = data.corr().to_numpy()
    k = corr.shape[0]
    # Standardized alpha = alpha of z-scored items.
    z = (data - data.mean()) / data.std()
    assert result.alpha_standardized == pytest.approx(alpha_covariance_form(z.to_numpy()), abs=1e-12)
    assert result.n_items == k and result.n == len(data)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_item_total_statistics_against_covariance_matrix(seed):
    data = likert(seed)
    items = list(data)
    table = reliability.item_total_statistics(data, items).set_index("item")
    c = data.cov().to_numpy()
    for j, item in enumerate(items):
        keep = [i for i in range(len(items)) if i != j]
        sub = c[np.ix_(keep, keep)]
        var_rest = sub.sum()
        cov_item_rest = c[j, keep].sum()
        assert table.loc[item, "Scale Variance if Item Deleted"] == pytest.approx(var_rest, rel=1e-12)
        assert table.loc[item, "Scale Mean if Item Deleted"] == pytest.approx(
            data.drop(columns=item).sum(axis=1).mean(), rel=1e-12)
        assert table.loc[item, "Corrected Item-Total Correlation"] == pytest.approx(
            cov_item_rest / np.sqrt(c[j, j] * var_rest), abs=1e-12)
        k = len(keep)
        assert table.loc[item, "Cronbach's Alpha if Item Deleted"] == pytest.approx(
            k / (k - 1) * (1 - np.trace(sub) / var_rest), abs=1e-12)


def test_feldt_interval_equals_icc_consistency_average_measures():
    # McGraw & Wong (1996) ICC(C,k) and its F interval, computed from the ANOVA mean squares.
    from scipy import stats

    data = likert(9, n=60)
    values = data.to_numpy(float)
    n, k = values.shape
    result = reliability.cronbach_alpha(data, list(data))
    f_obs = 1 / (1 - alpha_anova_form(values))
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - 1 / (f_obs / stats.f.ppf(0.975, df1, df2))
    high = 1 - 1 / (f_obs * stats.f.ppf(0.975, df2, df1))
    assert result.feldt_ci == pytest.approx((low, high), abs=1e-12)
    assert low < result.alpha < high


def test_single_item_is_not_defined():
    data = likert(1)
    result = reliability.cronbach_alpha(data, ["X1"])
    assert result.status == "single item" and result.alpha is None and not result.defined
    assert "single item" in result.explanation
    with pytest.raises(NotDefinedError, match="one"):
        reliability.item_total_statistics(data, ["X1"])


@pytest.mark.parametrize("shift", [0, 1])
def test_identical_items_are_flagged_not_passed(shift):
    base = likert(2)["X1"]
    data = pd.DataFrame({"A": base, "B": base + shift, "C": base})
    result = reliability.cronbach_alpha(data, ["A", "B", "C"])
    assert result.status == "identical items"
    assert result.alpha == 1.0
    assert "no" in result.explanation and "independent information" in result.explanation
    # The variance formula gives 1 too (up to rounding): the flag is about meaning, not arithmetic.
    assert alpha_covariance_form(data.to_numpy(float)) == pytest.approx(1.0, abs=1e-12)


def test_partial_copies_are_mentioned():
    data = likert(3)
    data["X6"] = data["X1"]
    result = reliability.cronbach_alpha(data, list(data))
    assert result.status == "ok" and "X1=X6" in result.explanation


def test_zero_variance_item():
    data = likert(4).assign(X6=3.0)
    result = reliability.cronbach_alpha(data, list(data))
    assert result.status == "zero variance item"
    assert result.alpha == pytest.approx(alpha_covariance_form(data.to_numpy(float)), abs=1e-12)
    assert result.alpha_standardized is None and "X6" in result.explanation


def test_constant_total_is_not_defined():
    data = pd.DataFrame({"A": [1.0, 2.0, 3.0, 4.0], "B": [4.0, 3.0, 2.0, 1.0]})
    result = reliability.cronbach_alpha(data, ["A", "B"])
    assert result.status == "constant total" and result.alpha is None


def test_two_items_alpha_if_deleted_is_explained():
    data = likert(5)
    table = reliability.item_total_statistics(data, ["X1", "X2"])
    assert table["Cronbach's Alpha if Item Deleted"].isna().all()
    assert table["note"].str.contains("one item remains").all()


def test_omega_against_statsmodels_ml_factor():
    from statsmodels.multivariate.factor import Factor

    data = likert(6, n=300)
    result = reliability.mcdonald_omega(data, list(data))
    assert result.status == "ok"
    fa = Factor(data.to_numpy(float), n_factor=1, method="ml").fit()
    lam = np.abs(fa.loadings.ravel())
    np.testing.assert_allclose(result.loadings, lam, atol=1e-5)
    sd = data.std().to_numpy()
    omega_sm = (lam * sd).sum() ** 2 / ((lam * sd).sum() ** 2 + (fa.uniqueness * sd**2).sum())
    assert result.omega == pytest.approx(omega_sm, abs=1e-5)


def test_omega_not_defined_cases():
    data = likert(7)
    assert reliability.mcdonald_omega(data, ["X1", "X2"]).omega is None
    assert reliability.mcdonald_omega(data, ["X1"]).status == "single item"
    copies = data.assign(X6=data["X1"])
    assert reliability.mcdonald_omega(copies, ["X1", "X2", "X6"]).status == "identical items"


def test_missing_values_raise_data_error():
    from surveykit.errors import DataError

    data = likert(8)
    data.loc[5, "X2"] = np.nan
    with pytest.raises(DataError, match="X2"):
        reliability.cronbach_alpha(data, list(data))


def test_reliability_table_verdicts():
    data = likert(10)
    data["C1"] = data["X1"]
    data["C2"] = data["X1"] + 1
    constructs = {"scale": ["X1", "X2", "X3", "X4", "X5"], "copies": ["C1", "C2"], "one": ["X2"]}
    table = reliability.reliability_table(data, constructs, threshold=0.60).set_index("Construct")
    scale_alpha = reliability.cronbach_alpha(data, constructs["scale"]).alpha
    assert table.loc["scale", "Verdict"] == ("reliable" if scale_alpha > 0.60 else "not reliable")
    assert table.loc["copies", "Verdict"] == "not assessable (identical items)"
    assert table.loc["one", "Verdict"] == "not defined" and np.isnan(table.loc["one", "Cronbach's Alpha"])
    stats_table = reliability.item_total_statistics_table(data, constructs)
    assert set(stats_table["Construct"]) == {"scale", "copies"}


FIXTURES = Path(__file__).parent / "fixtures"


def omega_from(values: np.ndarray, loadings: np.ndarray, uniquenesses: np.ndarray) -> float:
    sd = values.std(axis=0, ddof=1)
    common = (np.abs(loadings) * sd).sum() ** 2
    return common / (common + (uniquenesses * sd**2).sum())


def test_omega_where_lbfgsb_stops_abnormally_at_the_optimum():
    # On these items L-BFGS-B without a gradient ends with success=False
    # ("abnormal termination in line search") at the optimum; omega was once
    # wrongly withheld as a Heywood case. References: statsmodels' ML factor
    # analysis and an independent unconcentrated BFGS fit from five starts.
    from scipy import optimize
    from statsmodels.multivariate.factor import Factor

    data = pd.read_csv(FIXTURES / "we_items_reconstructed.csv").drop(columns="respondent")
    values = data.to_numpy(float)
    corr = np.corrcoef(values, rowvar=False)
    result = reliability.mcdonald_omega(data, list(data))
    assert result.status == "ok" and result.explanation == ""
    assert min(result.uniquenesses) > 0.5  # far from the lower bound: no Heywood case

    fa = Factor(corr=corr, n_factor=1, method="ml", nobs=len(values)).fit()
    assert result.omega == pytest.approx(omega_from(values, fa.loadings.ravel(), fa.uniqueness), abs=1e-4)
    np.testing.assert_allclose(result.uniquenesses, fa.uniqueness, atol=1e-4)

    p = corr.shape[0]

    def discrepancy(theta):
        lam, psi = theta[:p], np.exp(theta[p:])
        sigma = np.outer(lam, lam) + np.diag(psi)
        return np.linalg.slogdet(sigma)[1] + np.trace(np.linalg.solve(sigma, corr))

    rng = np.random.default_rng(5)
    fits = [optimize.minimize(discrepancy, np.r_[rng.uniform(0.2, 0.8, p), np.log(rng.uniform(0.3, 0.9, p))],
                              method="BFGS", options={"gtol": 1e-9}) for _ in range(5)]
    best = min(fits, key=lambda fit: fit.fun)
    assert result.omega == pytest.approx(omega_from(values, best.x[:p], np.exp(best.x[p:])), abs=1e-4)


def exact_correlation_data(corr: np.ndarray, n: int, seed: int) -> pd.DataFrame:
    """Data whose sample correlation matrix is exactly ``corr``."""
    rng = np.random.default_rng(seed)
    raw = rng.normal(size=(n, corr.shape[0]))
    raw -= raw.mean(axis=0)
    whitened = raw @ np.linalg.inv(np.linalg.cholesky(np.cov(raw, rowvar=False))).T
    values = whitened @ np.linalg.cholesky(corr).T
    return pd.DataFrame(values, columns=[f"X{j + 1}" for j in range(corr.shape[0])])


def test_heywood_case_is_reported_as_such():
    # r12 r13 / r23 = .64 / .4 = 1.6 > 1: the first item's loading would
    # exceed 1, so its uniqueness is driven to the lower bound.
    corr = np.array([[1.0, 0.8, 0.8], [0.8, 1.0, 0.4], [0.8, 0.4, 1.0]])
    data = exact_correlation_data(corr, 200, seed=11)
    np.testing.assert_allclose(np.corrcoef(data.to_numpy(), rowvar=False), corr, atol=1e-12)
    result = reliability.mcdonald_omega(data, list(data))
    assert result.status == "Heywood case" and result.omega is None
    assert "Heywood" in result.explanation and "converge" not in result.explanation
    assert result.uniquenesses[0] == pytest.approx(reliability._PSI_LOWER, abs=1e-6)


def test_not_converged_is_distinct_from_heywood(monkeypatch):
    # A gradient tolerance no fit can meet makes every start "not converged".
    monkeypatch.setattr(reliability, "_GRADIENT_TOLERANCE", -1.0)
    data = pd.read_csv(FIXTURES / "we_items_reconstructed.csv").drop(columns="respondent")
    result = reliability.mcdonald_omega(data, list(data))
    assert result.status == "not converged" and result.omega is None
    assert "did not reach" in result.explanation and "Heywood" not in result.explanation
