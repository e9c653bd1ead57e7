"""The one-factor model: McDonald's omega, its interval and item deletion, the model's chi-square,
loadings, CR, AVE and the Fornell-Larcker criterion, against statsmodels' ML factor analysis
(an independent fit) and independent optimisations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_reliability import likert
from threadpoolctl import threadpool_limits

from surveykit import factor


def test_omega_against_statsmodels_ml_factor():
    from statsmodels.multivariate.factor import Factor

    data = likert(6, n=300)
    result = factor.mcdonald_omega(data, list(data))
    assert result.status == "ok"
    fa = Factor(data.to_numpy(float), n_factor=1, method="ml").fit()
    lam = np.abs(fa.loadings.ravel())
    np.testing.assert_allclose(result.loadings, lam, atol=1e-5)
    sd = data.std().to_numpy()
    omega_sm = (lam * sd).sum() ** 2 / ((lam * sd).sum() ** 2 + (fa.uniqueness * sd**2).sum())
    assert result.omega == pytest.approx(omega_sm, abs=1e-5)


def test_omega_not_defined_cases():
    data = likert(7)
    assert factor.mcdonald_omega(data, ["X1", "X2"]).omega is None
    assert factor.mcdonald_omega(data, ["X1"]).status == "single item"
    copies = data.assign(X6=data["X1"])
    assert factor.mcdonald_omega(copies, ["X1", "X2", "X6"]).status == "identical items"


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
    result = factor.mcdonald_omega(data, list(data))
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
    result = factor.mcdonald_omega(data, list(data))
    assert result.status == "Heywood case" and result.omega is None
    assert "Heywood" in result.explanation and "converge" not in result.explanation
    assert result.uniquenesses[0] == pytest.approx(factor._PSI_LOWER, abs=1e-6)


def test_not_converged_is_distinct_from_heywood(monkeypatch):
    # A gradient tolerance no fit can meet makes every start "not converged".
    monkeypatch.setattr(factor, "_GRADIENT_TOLERANCE", -1.0)
    data = pd.read_csv(FIXTURES / "we_items_reconstructed.csv").drop(columns="respondent")
    result = factor.mcdonald_omega(data, list(data))
    assert result.status == "not converged" and result.omega is None
    assert "did not reach" in result.explanation and "Heywood" not in result.explanation


def statsmodels_one_factor(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from statsmodels.multivariate.factor import Factor

    fa = Factor(values, n_factor=1, method="ml").fit()
    return np.abs(fa.loadings.ravel()), fa.uniqueness


def test_measurement_model_against_statsmodels():
    data = likert(13, n=300)
    data2 = likert(14, n=300, loadings=(0.8, 0.8, 0.6, 0.5)).rename(columns=lambda c: "Y" + c[1:])
    both = pd.concat([data, data2], axis=1)
    constructs = {"A": list(data), "B": list(data2)}
    loadings, summary = factor.measurement_model(both, constructs)
    for key, frame in (("A", data), ("B", data2)):
        lam, psi = statsmodels_one_factor(frame.to_numpy(float))
        mine = loadings[loadings["Construct"] == key]
        np.testing.assert_allclose(mine["Standardized Loading"], lam, atol=1e-5)
        np.testing.assert_allclose(mine["Uniqueness"], psi, atol=1e-5)
        row = summary.set_index("Construct").loc[key]
        assert row["Composite Reliability"] == pytest.approx(lam.sum() ** 2 / (lam.sum() ** 2 + psi.sum()), abs=1e-5)
        assert row["AVE"] == pytest.approx(np.mean(lam**2), abs=1e-5)
    scores = pd.DataFrame({"A": data.sum(axis=1), "B": data2.sum(axis=1)})
    matrix, verdicts = factor.fornell_larcker(scores, summary)
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
    loadings, summary = factor.measurement_model(data, {"copies": ["C1", "C2", "C3"], "two": ["X1", "X2"]})
    assert loadings["Standardized Loading"].isna().all()
    assert list(summary["Status"]) == ["identical items", "too few items"]
    assert summary["AVE"].isna().all()
    _, verdicts = factor.fornell_larcker(pd.DataFrame({"copies": data["C1"] * 3, "two": data["X1"] + data["X2"]}),
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
    chi2, df, sig = factor.one_factor_chi_square(data, list(data))
    assert df == 5
    assert chi2 == pytest.approx(expected, rel=1e-3, abs=1e-6)
    assert sig == pytest.approx(stats.chi2.sf(expected, 5), abs=1e-4)
    assert np.isnan(factor.one_factor_chi_square(data, ["X1", "X2", "X3"])[0])  # df = 0


def test_omega_if_item_deleted_against_statsmodels():
    data = likert(17, n=300, loadings=(0.9, 0.7, 0.6, 0.5, 0.4, 0.6))
    table = factor.omega_if_item_deleted(data, list(data))
    sd = data.std().to_numpy()
    for j, item in enumerate(data):
        rest = [c for c in data if c != item]
        lam, psi = statsmodels_one_factor(data[rest].to_numpy(float))
        s = np.delete(sd, j)
        expected = (lam * s).sum() ** 2 / ((lam * s).sum() ** 2 + (psi * s**2).sum())
        assert table.loc[j, "Omega if Item Deleted"] == pytest.approx(expected, abs=1e-5)
    three = factor.omega_if_item_deleted(data, ["X1", "X2", "X3"])
    assert three["Omega if Item Deleted"].isna().all() and three["note"].str.contains("three items").all()


@pytest.mark.parametrize("case", ["plain", "constant item", "copies", "8-bit"])
def test_omega_if_item_deleted_is_omega_of_the_other_items_bit_for_bit(case):
    """One pass over the respondents for the whole scale gives, item by item, exactly mcdonald_omega of the
    other items (its own standard deviations, copies check and correlations), notes included."""
    data = likert(23, n=400, loadings=(0.8, 0.7, 0.6, 0.5, 0.6, 0.4))
    if case == "constant item":
        data["X2"] = 3.0
    elif case == "copies":
        data["X4"] = data["X5"] + 1
    elif case == "8-bit":
        data = data.astype(np.int8)
    table = factor.omega_if_item_deleted(data, list(data))
    for j, item in enumerate(data):
        alone = factor.mcdonald_omega(data, [c for c in data if c != item])
        assert table.loc[j, "note"] == (alone.explanation if alone.omega is None else "")
        assert table.loc[j, "Omega if Item Deleted"] == alone.omega or (alone.omega is None and np.isnan(
            table.loc[j, "Omega if Item Deleted"]))
    assert (table["note"] != "").any() == (case in ("constant item", "copies"))


def test_omega_interval_is_the_percentile_interval_of_independent_refits():
    data = likert(18, n=150, loadings=(0.9, 0.8, 0.7, 0.6, 0.5))
    low, high, used = factor.omega_interval(data, list(data), n_resamples=100, seed=3)
    assert used == 100
    assert (low, high, used) == factor.omega_interval(data, list(data), n_resamples=100, seed=3)
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
    omega = factor.mcdonald_omega(data, list(data)).omega
    assert low < omega < high


def reference_one_factor_ml(corr: np.ndarray, start: np.ndarray | None, tolerance: float = 1e-6):
    """The one-factor fit as it was made before fits were stacked: one ``scipy.optimize.minimize``
    (L-BFGS-B) per start, in its own Python loop. Returns loadings, uniquenesses, status and the starts tried."""
    from scipy import optimize

    p = corr.shape[0]
    lower, upper = factor._PSI_LOWER, 1.0

    def loadings_for(psi):
        scale = 1 / np.sqrt(psi)
        values, vectors = np.linalg.eigh(corr * np.outer(scale, scale))
        return np.sqrt(psi) * vectors[:, -1] * np.sqrt(max(values[-1] - 1, 0.0))

    def objective_and_gradient(psi):
        lam = loadings_for(psi)
        sigma = np.outer(lam, lam) + np.diag(psi)
        sign, logdet = np.linalg.slogdet(sigma)
        if sign <= 0:
            return 1e10, np.zeros(p)
        inverse = np.linalg.inv(sigma)
        return float(logdet + np.trace(inverse @ corr)), np.diag(inverse @ (sigma - corr) @ inverse).copy()

    starts = [(1 / np.diag(np.linalg.pinv(corr))).clip(lower, upper), np.full(p, 0.5)]
    if start is not None:
        starts.insert(0, np.asarray(start, dtype=float).clip(lower, upper))
    best, tried = None, 0
    for x0 in starts:  # (callers limit BLAS to one thread: threads only contend on p x p matrices)
        tried += 1
        fit = optimize.minimize(objective_and_gradient, x0, jac=True, method="L-BFGS-B", bounds=[(lower, upper)] * p,
                                options={"maxiter": 2000, "ftol": 1e-15, "gtol": 1e-12})
        value, gradient = objective_and_gradient(fit.x)
        projected = np.where((fit.x <= lower * (1 + 1e-9)) & (gradient > 0), 0.0, gradient)
        projected = np.where((fit.x >= upper * (1 - 1e-9)) & (gradient < 0), 0.0, projected)
        stationary = bool(np.max(np.abs(projected)) < tolerance)
        if best is None or (stationary and not best[2]) or (stationary == best[2] and value < best[1]):
            best = (fit.x, value, stationary)
        if stationary:
            break
    psi, _, stationary = best
    heywood = bool(np.any(psi <= lower * 1.0001))
    if stationary and not heywood:  # the library's Newton polish of a stationary end point (tested on its own below)
        psi = factor._newton_polish(corr[None], psi[None], objective_and_gradient(psi)[1][None], lower, upper)[0]
    lam = loadings_for(psi)
    lam = -lam if lam.sum() < 0 else lam
    status = "Heywood case" if heywood else ("ok" if stationary else "not converged")
    return lam, psi, status, tried


def resample_correlations(values: np.ndarray, n_resamples: int, seed: int) -> np.ndarray:
    """Correlation matrices of case resamples (those without a constant item or a pair of copies)."""
    rng = np.random.default_rng(seed)
    corrs = []
    for _ in range(n_resamples):
        sample = values[rng.integers(0, len(values), size=len(values))]
        corr = np.corrcoef(sample, rowvar=False)
        if np.all(sample.std(axis=0, ddof=1) > 0) and corr[np.triu_indices(len(corr), 1)].max() < 1 - 1e-9:
            corrs.append(corr)
    return np.array(corrs)


def test_stacked_fits_are_scipy_minimize_fits_bit_for_bit():
    # Weak loadings and 30 respondents: about half the resamples end in a Heywood case, and a few
    # need the second start. The stack runs scipy's own L-BFGS-B with the same arithmetic, so the
    # tolerance is zero: any difference would make the bootstrap depend on how fits are grouped.
    data = likert(6, n=30, loadings=(0.5, 0.3, 0.2, 0.1, 0.3, 0.2))
    full = factor.mcdonald_omega(data, list(data))
    corrs = resample_correlations(data.to_numpy(float), 300, seed=6)
    lam, psi, status = factor._one_factor_ml(corrs, np.tile(full.uniquenesses, (len(corrs), 1)))
    tried = []
    with threadpool_limits(limits=1):
        for i, corr in enumerate(corrs):
            ref_lam, ref_psi, ref_status, ref_tried = reference_one_factor_ml(corr, np.array(full.uniquenesses))
            np.testing.assert_array_equal(psi[i], ref_psi)
            np.testing.assert_array_equal(lam[i], ref_lam)
            assert status[i] == ref_status
            tried.append(ref_tried)
    assert {"ok", "Heywood case"} <= set(status) and max(tried) >= 2
    single = factor.mcdonald_omega(data, list(data))
    ref_lam, ref_psi, _, _ = reference_one_factor_ml(np.corrcoef(data.to_numpy(float), rowvar=False), None)
    assert single.loadings == tuple(ref_lam) and single.uniquenesses == tuple(ref_psi)


def test_stacked_fits_not_converged_take_the_best_start_as_minimize_does(monkeypatch):
    # A tolerance no fit can meet: every start is tried and the lowest discrepancy kept.
    monkeypatch.setattr(factor, "_GRADIENT_TOLERANCE", -1.0)
    data = pd.read_csv(FIXTURES / "we_items_reconstructed.csv").drop(columns="respondent")
    corrs = resample_correlations(data.to_numpy(float), 20, seed=2)
    start = np.full(corrs.shape[1], 0.7)
    lam, psi, status = factor._one_factor_ml(corrs, np.tile(start, (len(corrs), 1)))
    with threadpool_limits(limits=1):
        for i, corr in enumerate(corrs):
            ref_lam, ref_psi, ref_status, ref_tried = reference_one_factor_ml(corr, start, tolerance=-1.0)
            np.testing.assert_array_equal(psi[i], ref_psi)
            np.testing.assert_array_equal(lam[i], ref_lam)
            assert status[i] == ref_status and ref_tried == 3
    assert "not converged" in status


def test_omega_interval_is_the_single_fit_of_every_resample():
    # X7 copies X6 but for two respondents: about one resample in eight leaves both out, holds a
    # pair of copies and is dropped, as the single fit's identical-items check drops it.
    data = likert(34, n=30, loadings=(0.8, 0.7, 0.6, 0.5, 0.6))
    data["X6"] = 3.0
    data.loc[:5, "X6"] = [5.0, 1.0, 4.0, 2.0, 4.0, 2.0]
    data["X7"] = data["X6"]
    data.loc[[6, 7], "X7"] = [2.0, 4.0]
    items = list(data)
    low, high, used = factor.omega_interval(data, items, n_resamples=200, seed=9)
    full = factor.mcdonald_omega(data, items)
    rng = np.random.default_rng(9)
    values = data.to_numpy(float)
    draws, copies = [], 0
    for _ in range(200):
        sample = pd.DataFrame(values[rng.integers(0, len(values), size=len(values))], columns=items)
        result = factor.mcdonald_omega(sample, items, start_uniquenesses=full.uniquenesses)
        copies += result.status == "identical items"
        if result.omega is not None:
            draws.append(result.omega)
    assert copies > 10 and used == len(draws) > 100
    assert (low, high) == tuple(np.quantile(draws, [0.025, 0.975]))


def test_omega_interval_and_chi_square_take_the_fit_already_made():
    data = likert(22, n=120, loadings=(0.8, 0.7, 0.6, 0.5, 0.6))
    items = list(data)
    fit = factor.mcdonald_omega(data, items)
    assert factor.omega_interval(data, items, n_resamples=100, seed=1, fit=fit) == \
        factor.omega_interval(data, items, n_resamples=100, seed=1)
    assert factor.one_factor_chi_square(data, items, fit=fit) == factor.one_factor_chi_square(data, items)
    with pytest.raises(ValueError, match="of 5 items, not of the 4"):
        factor.one_factor_chi_square(data, items[:4], fit=fit)


def test_fits_run_blas_on_one_thread_and_give_the_threads_back():
    from scipy import linalg  # noqa: F401 (both OpenBLAS libraries loaded, numpy's and scipy's)
    from threadpoolctl import threadpool_info

    before = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    with factor._one_blas_thread():
        assert {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"} == {1}
    assert [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"] == before


def test_newton_polish_puts_the_end_point_where_the_gradient_vanishes():
    """L-BFGS-B stops on the discrepancy's value, exact to about 1e-8 in the uniquenesses; after the polish
    the free gradient components are at rounding level, and the polish returns there from a point nearby."""
    data = likert(31, n=200, loadings=(0.8, 0.7, 0.6, 0.5, 0.6, 0.4))
    corr = np.corrcoef(data.to_numpy(float), rowvar=False)[None]
    lower, upper = factor._PSI_LOWER, 1.0
    end = factor._lbfgsb(corr, np.full((1, 6), 0.5), lower, upper)
    _, before = factor._discrepancy(corr, end)
    polished = factor._newton_polish(corr, end, before, lower, upper)
    _, after = factor._discrepancy(corr, polished)
    assert np.max(np.abs(after)) < 1e-13 < np.max(np.abs(before))
    # From a point moved by 1e-7 two polishes return to the same uniquenesses (to rounding).
    moved = polished + 1e-7
    again = factor._newton_polish(corr, moved, factor._discrepancy(corr, moved)[1], lower, upper)
    again = factor._newton_polish(corr, again, factor._discrepancy(corr, again)[1], lower, upper)
    np.testing.assert_allclose(again, polished, rtol=0, atol=1e-13)
