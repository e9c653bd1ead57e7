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


# Reliability beyond alpha: omega's interval and item deletion, the mean inter-item
# correlation, the one-factor model's loadings, CR, AVE and the Fornell-Larcker criterion.
# References: statsmodels' ML factor analysis (an independent fit) and plain pandas/numpy.

def statsmodels_one_factor(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from statsmodels.multivariate.factor import Factor

    fa = Factor(values, n_factor=1, method="ml").fit()
    return np.abs(fa.loadings.ravel()), fa.uniqueness


def test_mean_inter_item_correlation_against_pandas():
    data = likert(12)
    corr = data.corr().to_numpy()
    expected = corr[np.triu_indices(corr.shape[0], 1)].mean()
    assert reliability.mean_inter_item_correlation(data, list(data)) == pytest.approx(expected, abs=1e-12)
    assert np.isnan(reliability.mean_inter_item_correlation(data, ["X1"]))


def test_measurement_model_against_statsmodels():
    data = likert(13, n=300)
    data2 = likert(14, n=300, loadings=(0.8, 0.8, 0.6, 0.5)).rename(columns=lambda c: "Y" + c[1:])
    both = pd.concat([data, data2], axis=1)
    constructs = {"A": list(data), "B": list(data2)}
    loadings, summary = reliability.measurement_model(both, constructs)
    for key, frame in (("A", data), ("B", data2)):
        lam, psi = statsmodels_one_factor(frame.to_numpy(float))
        mine = loadings[loadings["Construct"] == key]
        np.testing.assert_allclose(mine["Standardized Loading"], lam, atol=1e-5)
        np.testing.assert_allclose(mine["Uniqueness"], psi, atol=1e-5)
        row = summary.set_index("Construct").loc[key]
        assert row["Composite Reliability"] == pytest.approx(lam.sum() ** 2 / (lam.sum() ** 2 + psi.sum()), abs=1e-5)
        assert row["AVE"] == pytest.approx(np.mean(lam**2), abs=1e-5)
    scores = pd.DataFrame({"A": data.sum(axis=1), "B": data2.sum(axis=1)})
    matrix, verdicts = reliability.fornell_larcker(scores, summary)
    r = np.corrcoef(scores["A"], scores["B"])[0, 1]
    ave = summary.set_index("Construct")["AVE"]
    assert matrix.set_index("Construct").loc["A", "B"] == pytest.approx(r, abs=1e-12)
    assert matrix.set_index("Construct").loc["B", "B"] == pytest.approx(np.sqrt(ave["B"]), abs=1e-12)
    for key in ("A", "B"):
        row = verdicts.set_index("Construct").loc[key]
        assert row["Criterion Met"] == (np.sqrt(ave[key]) > abs(r))


def test_measurement_model_reports_constructs_it_cannot_fit():
    data = likert(15)
    data["C1"], data["C2"], data["C3"] = data["X1"], data["X1"] + 1, data["X1"]
    loadings, summary = reliability.measurement_model(data, {"copies": ["C1", "C2", "C3"], "two": ["X1", "X2"]})
    assert loadings["Standardized Loading"].isna().all()
    assert list(summary["Status"]) == ["identical items", "too few items"]
    assert summary["AVE"].isna().all()
    _, verdicts = reliability.fornell_larcker(pd.DataFrame({"copies": data["C1"] * 3, "two": data["X1"] + data["X2"]}),
                                              summary)
    assert verdicts["Criterion Met"].isna().all()


def test_one_factor_chi_square_from_an_independent_fit():
    from scipy import stats

    data = likert(16, n=250)
    values = data.to_numpy(float)
    lam, psi = statsmodels_one_factor(values)
    n, p = values.shape
    corr = np.corrcoef(values, rowvar=False)
    sigma = np.outer(lam, lam) + np.diag(psi)
    f_min = np.log(np.linalg.det(sigma)) + np.trace(np.linalg.inv(sigma) @ corr) - np.log(np.linalg.det(corr)) - p
    expected = (n - 1 - (2 * p + 5) / 6) * f_min
    chi2, df, sig = reliability.one_factor_chi_square(data, list(data))
    assert df == 5
    assert chi2 == pytest.approx(expected, rel=1e-3, abs=1e-6)
    assert sig == pytest.approx(stats.chi2.sf(expected, 5), abs=1e-4)
    assert np.isnan(reliability.one_factor_chi_square(data, ["X1", "X2", "X3"])[0])  # df = 0


def test_omega_if_item_deleted_against_statsmodels():
    data = likert(17, n=300, loadings=(0.9, 0.7, 0.6, 0.5, 0.4, 0.6))
    table = reliability.omega_if_item_deleted(data, list(data))
    sd = data.std().to_numpy()
    for j, item in enumerate(data):
        rest = [c for c in data if c != item]
        lam, psi = statsmodels_one_factor(data[rest].to_numpy(float))
        s = np.delete(sd, j)
        expected = (lam * s).sum() ** 2 / ((lam * s).sum() ** 2 + (psi * s**2).sum())
        assert table.loc[j, "Omega if Item Deleted"] == pytest.approx(expected, abs=1e-5)
    three = reliability.omega_if_item_deleted(data, ["X1", "X2", "X3"])
    assert three["Omega if Item Deleted"].isna().all() and three["note"].str.contains("three items").all()


def test_omega_interval_is_the_percentile_interval_of_independent_refits():
    data = likert(18, n=150, loadings=(0.9, 0.8, 0.7, 0.6, 0.5))
    low, high, used = reliability.omega_interval(data, list(data), n_resamples=100, seed=3)
    assert used == 100
    assert (low, high, used) == reliability.omega_interval(data, list(data), n_resamples=100, seed=3)
    rng = np.random.default_rng(3)
    values = data.to_numpy(float)
    draws = []
    for _ in range(100):
        sample = values[rng.integers(0, len(values), size=len(values))]
        lam, psi = statsmodels_one_factor(sample)
        sd = sample.std(axis=0, ddof=1)
        draws.append((lam * sd).sum() ** 2 / ((lam * sd).sum() ** 2 + (psi * sd**2).sum()))
    expected = np.quantile(draws, [0.025, 0.975])
    assert low == pytest.approx(expected[0], abs=1e-4) and high == pytest.approx(expected[1], abs=1e-4)
    omega = reliability.mcdonald_omega(data, list(data)).omega
    assert low < omega < high


def test_omega_table_flags_omega_below_alpha_on_the_study_qwl_items():
    codebook_items = {"QWL": [f"QWL{j}" for j in range(1, 19)], "WE": [f"WE{j}" for j in range(1, 11)]}
    data = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "raw" / "responses.csv")
    table = reliability.omega_table(data, codebook_items, n_resamples=100, seed=1).set_index("Construct")
    for key in codebook_items:
        row = table.loc[key]
        alpha = reliability.cronbach_alpha(data, codebook_items[key]).alpha
        omega = reliability.mcdonald_omega(data, codebook_items[key]).omega
        assert row["Omega Below Alpha"] == (omega < alpha)
        assert ("omega is below alpha" in row["Comment"]) == (omega < alpha)
        assert row["Mean Inter-Item Correlation"] == pytest.approx(
            reliability.mean_inter_item_correlation(data, codebook_items[key]), abs=1e-15)
    assert table.loc["QWL", "Omega Below Alpha"]   # the reconstruction's QWL items: one factor fits poorly
    no_boot = reliability.omega_table(data, codebook_items, seed=1, bootstrap=False)
    assert no_boot["Omega CI Lower"].isna().all() and (no_boot["Resamples Used"] == 0).all()
