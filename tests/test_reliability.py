"""Cronbach's alpha and SPSS's item-total statistics against independent formulas; degenerate scales;
the per-construct reliability tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import factor, reliability
from surveykit.errors import NotDefinedError


def likert(seed: int, n: int = 80, loadings=(0.9, 0.7, 0.6, 0.5, 0.4)) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    common = rng.normal(size=n)
    return pd.DataFrame({f"X{j + 1}": np.clip(np.round(3 + lam * common + rng.normal(size=n)), 1, 5)
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
def test_alpha_if_item_deleted_is_alpha_of_the_other_items_bit_for_bit(seed):
    """On integer answers the rest score is the other items' sum exactly, so "Alpha if Item Deleted" is
    cronbach_alpha of the other items to the last bit; half-point answers keep that too (sums of halves are exact)."""
    data = likert(seed)
    data = pd.concat([data, data.iloc[:, :3].add(0.5).rename(columns=lambda c: c + "h")], axis=1)
    items = list(data)
    table = reliability.item_total_statistics(data, items).set_index("item")
    for item in items:
        others = [other for other in items if other != item]
        assert table.loc[item, "Cronbach's Alpha if Item Deleted"] == reliability.cronbach_alpha(data, others).alpha


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


def test_mean_inter_item_correlation_against_pandas():
    data = likert(12)
    corr = data.corr().to_numpy()
    expected = corr[np.triu_indices(corr.shape[0], 1)].mean()
    assert reliability.mean_inter_item_correlation(data, list(data)) == pytest.approx(expected, abs=1e-12)
    assert np.isnan(reliability.mean_inter_item_correlation(data, ["X1"]))


def test_omega_table_flags_omega_below_alpha_on_the_study_qwl_items():
    codebook_items = {"QWL": [f"QWL{j}" for j in range(1, 19)], "WE": [f"WE{j}" for j in range(1, 11)]}
    data = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "raw" / "responses.csv")
    table = reliability.omega_table(data, codebook_items, n_resamples=100, seed=1).set_index("Construct")
    for key in codebook_items:
        row = table.loc[key]
        alpha = reliability.cronbach_alpha(data, codebook_items[key]).alpha
        omega = factor.mcdonald_omega(data, codebook_items[key]).omega
        assert row["Omega Below Alpha"] == (omega < alpha)
        assert ("omega is below alpha" in row["Comment"]) == (omega < alpha)
        assert row["Mean Inter-Item Correlation"] == pytest.approx(
            reliability.mean_inter_item_correlation(data, codebook_items[key]), abs=1e-15)
    assert table.loc["QWL", "Omega Below Alpha"]   # the reconstruction's QWL items: one factor fits poorly
    no_boot = reliability.omega_table(data, codebook_items, seed=1, bootstrap=False)
    assert no_boot["Omega CI Lower"].isna().all() and (no_boot["Resamples Used"] == 0).all()
