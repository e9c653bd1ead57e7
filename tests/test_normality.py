"""SPSS 21 NPAR TESTS one-sample K-S against real SPSS output; companions against scipy/statsmodels."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from surveykit import normality
from surveykit.spss_format import format_number, format_sig

FIXTURES = Path(__file__).parent / "fixtures"
KS = yaml.safe_load((FIXTURES / "spss_reference.yml").read_text(encoding="utf-8"))["ks_npar_tests"]


@pytest.mark.parametrize("row", KS["rows"], ids=lambda r: f"n{r['n']}")
def test_asymp_sig_from_printed_z_matches_spss(row):
    z = float(row["z"])
    assert format_sig(normality.kolmogorov_sf(z)) == row["asymp_sig"]


@pytest.mark.parametrize("row", KS["rows"], ids=lambda r: f"n{r['n']}")
def test_printed_z_is_printed_d_times_root_n_within_rounding(row):
    # D is printed rounded: D * sqrt(n) may differ from the printed Z by up to 0.0005 * sqrt(n).
    d, z, n = float(row["d_absolute"]), float(row["z"]), row["n"]
    assert abs(d * math.sqrt(n) - z) <= 0.0005 * math.sqrt(n) + 0.0005


def test_not_pspps_formula():
    z = float(KS["rows"][0]["z"])
    q = math.exp(-2 * z * z)
    pspp = 2 * (q - q**4 + q**9 - q**16) / z  # PSPP divides by Z in its Z >= 1 branch
    assert format_sig(pspp) == KS["pspp_divergent_first_row"]
    assert format_sig(normality.kolmogorov_sf(z)) != KS["pspp_divergent_first_row"]


@pytest.mark.parametrize("z", [0.3, 0.5, 0.871, 1.0, 1.336, 2.0, 3.0])
def test_kolmogorov_sf_is_the_limiting_series(z):
    series = 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * z * z) for k in range(1, 200))
    # Below z = 1 SPSS uses the theta-function form; both are the same function.
    theta = 1 - math.sqrt(2 * math.pi) / z * sum(
        math.exp(-((2 * k - 1) ** 2) * math.pi**2 / (8 * z * z)) for k in range(1, 200))
    assert normality.kolmogorov_sf(z) == pytest.approx(series, abs=1e-12)
    assert normality.kolmogorov_sf(z) == pytest.approx(theta, abs=1e-12)


def test_ks_spss_matches_scipy_kstest_with_estimated_parameters():
    from scipy import stats

    x = np.random.default_rng(3).gamma(2.0, size=56)
    result = normality.ks_spss(x)
    mean, sd = x.mean(), x.std(ddof=1)
    plus = stats.kstest(x, "norm", args=(mean, sd), alternative="greater").statistic
    minus = stats.kstest(x, "norm", args=(mean, sd), alternative="less").statistic
    both = stats.kstest(x, "norm", args=(mean, sd)).statistic
    # scipy: "greater" gives D+ = max(F_n - F), "less" gives D- = max(F - F_n); SPSS prints -D-.
    assert result.d_positive == pytest.approx(plus, abs=1e-14)
    assert result.d_negative == pytest.approx(-minus, abs=1e-14)
    assert result.d_absolute == pytest.approx(both, abs=1e-14)
    assert result.z == pytest.approx(both * math.sqrt(56), rel=1e-14)
    assert result.std_deviation == pytest.approx(sd, rel=1e-14)


def test_ks_with_ties_uses_the_step_function():
    x = np.array([1.0, 2.0, 2.0, 2.0, 3.0, 4.0, 4.0, 5.0])
    result = normality.ks_spss(x)
    from scipy import stats

    # Brute force over a fine grid including points just below each jump.
    grid = np.sort(np.concatenate([x, x - 1e-9]))
    ecdf = np.searchsorted(np.sort(x), grid, side="right") / x.size
    diff = ecdf - stats.norm.cdf(grid, x.mean(), x.std(ddof=1))
    assert result.d_positive == pytest.approx(diff.max(), abs=1e-8)
    assert result.d_negative == pytest.approx(diff.min(), abs=1e-8)


def _fit(y: np.ndarray, seed: int = 0):
    """A regression of ``y`` on one unrelated predictor: the residuals normality_tests tests."""
    from surveykit.regression import linear_regression

    data = pd.DataFrame({"y": y, "x": np.random.default_rng(seed).normal(size=len(y))})
    return linear_regression(data, "y", ["x"])


def test_normality_tests_table():
    from scipy import stats
    from statsmodels.stats.diagnostic import lilliefors

    fit = _fit(np.random.default_rng(5).normal(size=56))
    residuals = fit.residuals.to_numpy()
    table = normality.normality_tests(fit)
    assert list(table["test"]) == [normality.KS_SPSS, normality.LILLIEFORS, normality.SHAPIRO_WILK]
    assert list(table["test"].str.split(" ").str[0]) == ["Kolmogorov-Smirnov", "Kolmogorov-Smirnov", "Shapiro-Wilk"]
    assert table["Statistic"].iloc[1] == pytest.approx(lilliefors(residuals, pvalmethod="table")[0])
    assert table["Statistic"].iloc[2] == pytest.approx(stats.shapiro(residuals).statistic)
    assert table["Sig."].iloc[1] <= 0.2  # SPSS EXAMINE shows at most .200 (a lower bound)
    # same D, different reference distribution
    assert table["Statistic"].iloc[0] == pytest.approx(table["Statistic"].iloc[1], rel=1e-12)
    assert table["Statistic"].iloc[0] == normality.ks_spss(residuals).d_absolute


def test_lilliefors_is_not_computed_below_its_table():
    fit = _fit(np.array([1.0, 3.0, 2.5]))
    table = normality.normality_tests(fit).set_index("test")
    assert math.isnan(table.loc[normality.LILLIEFORS, "Sig."]) and math.isnan(table.loc[normality.LILLIEFORS, "Statistic"])
    assert table.loc[normality.LILLIEFORS, "note"].startswith("not computed")
    assert np.isfinite(table.loc[normality.KS_SPSS, "Sig."])


def test_degenerate_inputs():
    with pytest.raises(ValueError, match="SD = 0"):
        normality.ks_spss([2.0, 2.0, 2.0, 2.0])
    with pytest.raises(ValueError, match="at least 3"):
        normality.ks_spss([1.0, 2.0])
    with pytest.raises(ValueError, match="missing"):
        normality.ks_spss([1.0, np.nan, 2.0, 3.0])
    with pytest.raises(ValueError):
        normality.kolmogorov_sf(-1.0)


def test_table_layout_matches_spss_rows():
    result = normality.ks_spss(np.random.default_rng(1).normal(size=30))
    table = result.table()
    assert table["statistic"].iloc[-1] == "Asymp. Sig. (2-tailed)"
    assert format_number(table["value"].iloc[-2], 3) == format_number(result.z, 3)


def test_shapiro_wilk_is_not_computed_above_its_limit():
    """Above n = 5000 Royston's approximation does not hold (scipy warns): NaN and a note, no warning;
    at the limit it is still scipy's W and p; the K-S rows are computed at any n."""
    import warnings

    from scipy import stats

    rng = np.random.default_rng(11)
    at_limit = _fit(rng.normal(size=normality.SHAPIRO_MAX_N))
    table = normality.normality_tests(at_limit)
    w, p = stats.shapiro(at_limit.residuals.to_numpy())
    assert table["Statistic"].iloc[2] == pytest.approx(w, rel=1e-12)
    assert table["Sig."].iloc[2] == pytest.approx(p, rel=1e-12)
    above = _fit(rng.normal(size=normality.SHAPIRO_MAX_N + 1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = normality.normality_tests(above)
    assert math.isnan(table["Statistic"].iloc[2]) and math.isnan(table["Sig."].iloc[2])
    assert table["note"].iloc[2].startswith("not computed")
    assert np.isfinite(table["Statistic"].iloc[:2]).all() and np.isfinite(table["Sig."].iloc[:2]).all()
