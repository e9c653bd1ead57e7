"""Regression against real SPSS output (hsb2), NIST certified values (Longley) and statsmodels."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from surveykit import regression
from surveykit.spss_format import format_number, format_sig

FIXTURES = Path(__file__).parent / "fixtures"
SPSS = yaml.safe_load((FIXTURES / "spss_reference.yml").read_text(encoding="utf-8"))["hsb2_regression"]
NIST = yaml.safe_load((FIXTURES / "nist_longley.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hsb2():
    return pd.read_csv(FIXTURES / "hsb2.csv")


@pytest.fixture(scope="module")
def hsb2_fit(hsb2):
    return regression.linear_regression(hsb2, SPSS["dependent"], SPSS["predictors"])


def _shown(value: float, printed: str) -> str:
    """Format like SPSS with as many decimals as the printed string has."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    return format_number(value, decimals)


# --- hsb2: every digit SPSS printed -------------------------------------------------------

def test_hsb2_model_summary_matches_spss_digits(hsb2_fit):
    row = hsb2_fit.model_summary.iloc[0]
    for column, printed in SPSS["model_summary"].items():
        assert _shown(row[column], printed) == printed, column


def test_hsb2_anova_matches_spss_digits(hsb2_fit):
    table = hsb2_fit.anova.set_index("Model")
    for source, cells in SPSS["anova"].items():
        for column, printed in cells.items():
            value = table.loc[source, column]
            if column == "df":
                assert int(value) == printed
            elif column == "Sig.":
                assert format_sig(value) == printed
            else:
                assert _shown(value, printed) == printed, (source, column)


def test_hsb2_unrounded_sums_of_squares(hsb2_fit):
    table = hsb2_fit.anova.set_index("Model")
    # Printed to 5 decimals: the true value lies within half a unit of the last digit.
    for source, value in SPSS["anova_unrounded"].items():
        assert abs(table.loc[source, "Sum of Squares"] - value) <= 0.5e-5, source


def test_hsb2_coefficients_match_spss_digits(hsb2_fit):
    table = hsb2_fit.coefficients.set_index("Model")
    names = {"lower": regression.CI_LOWER, "upper": regression.CI_UPPER}
    checked = 0
    for term, cells in SPSS["coefficients"].items():
        for column, printed in cells.items():
            value = table.loc[term, names.get(column, column)]
            shown = format_sig(value) if column == "Sig." else _shown(value, printed)
            assert shown == printed, (term, column, value)
            checked += 1
    assert checked == 34  # 5 rows x 7 columns, minus the constant's empty Beta


def test_hsb2_constant_has_no_beta_or_collinearity(hsb2_fit):
    constant = hsb2_fit.coefficients.iloc[0]
    assert constant["Model"] == regression.CONSTANT
    assert np.isnan(constant["Beta"]) and np.isnan(constant["Tolerance"]) and np.isnan(constant["VIF"])


# --- NIST StRD Longley ----------------------------------------------------------------------

def test_longley_certified_values():
    from statsmodels.datasets import longley

    data = longley.load_pandas().data
    fit = regression.linear_regression(data, NIST["dependent"], NIST["predictors"])
    cert = NIST["certified"]

    def rel(a, b):
        return abs(a - b) / abs(b)

    for got, want in zip(fit.coefficients["B"], cert["estimates"]):
        assert rel(got, want) <= 1e-9
    for got, want in zip(fit.coefficients["Std. Error"], cert["standard_deviations"]):
        assert rel(got, want) <= 1e-9
    assert rel(fit.r_squared, cert["r_squared"]) <= 1e-9
    assert rel(fit.sigma, cert["residual_standard_deviation"]) <= 1e-9
    assert rel(fit.f_statistic, cert["f_statistic"]) <= 1e-9
    anova = fit.anova.set_index("Model")["Sum of Squares"]
    assert rel(anova["Regression"], cert["regression_ss"]) <= 1e-9
    assert rel(anova["Residual"], cert["residual_ss"]) <= 1e-9


# --- saved variables and extras against statsmodels (a second implementation) ---------------

@pytest.fixture(scope="module")
def sm_fit(hsb2, hsb2_fit):
    from statsmodels.regression.linear_model import OLS

    return OLS(hsb2[SPSS["dependent"]].to_numpy(float), hsb2_fit.design).fit()


def test_saved_variables_match_statsmodels(hsb2_fit, sm_fit):
    from statsmodels.stats.stattools import durbin_watson

    np.testing.assert_allclose(hsb2_fit.fitted, sm_fit.fittedvalues, rtol=1e-12)
    np.testing.assert_allclose(hsb2_fit.residuals, sm_fit.resid, rtol=1e-10, atol=1e-10)
    # Leverage, SRESID, SDRESID and Cook's distance are statsmodels' OLSInfluence itself: the test below proves
    # them against their leave-one-out definitions instead.
    assert hsb2_fit.model_summary["Durbin-Watson"].iloc[0] == pytest.approx(durbin_watson(sm_fit.resid), rel=1e-12)
    np.testing.assert_allclose(hsb2_fit.zresid, sm_fit.resid / np.sqrt(sm_fit.scale), rtol=1e-10)
    fitted = np.asarray(sm_fit.fittedvalues)
    np.testing.assert_allclose(hsb2_fit.zpred, (fitted - fitted.mean()) / fitted.std(ddof=1), rtol=1e-10)
    np.testing.assert_allclose(hsb2_fit.centered_leverage, hsb2_fit.leverage - 1 / hsb2_fit.n, atol=1e-12)


def test_influence_statistics_equal_their_leave_one_out_definitions(hsb2, hsb2_fit):
    # Independent of statsmodels' formulas: refit without each case (numpy lstsq).
    z, y = hsb2_fit.design, hsb2_fit.y
    n, p = z.shape
    s2 = hsb2_fit.sigma**2
    np.testing.assert_allclose(hsb2_fit.leverage, np.diag(z @ np.linalg.inv(z.T @ z) @ z.T), rtol=1e-10)
    for i in range(0, n, 17):
        keep = np.arange(n) != i
        b_i = np.linalg.lstsq(z[keep], y[keep], rcond=None)[0]
        e_i = y[keep] - z[keep] @ b_i
        s_i = np.sqrt(e_i @ e_i / (n - 1 - p))
        cook = np.sum((hsb2_fit.fitted.to_numpy() - z @ b_i) ** 2) / (p * s2)
        assert hsb2_fit.cooks_distance.iloc[i] == pytest.approx(cook, rel=1e-9)
        h = hsb2_fit.leverage.iloc[i]
        assert hsb2_fit.sdresid.iloc[i] == pytest.approx(hsb2_fit.residuals.iloc[i] / (s_i * np.sqrt(1 - h)), rel=1e-9)
        assert hsb2_fit.sresid.iloc[i] == pytest.approx(hsb2_fit.residuals.iloc[i] / np.sqrt(s2 * (1 - h)), rel=1e-9)


def test_hc3_equals_the_sandwich_formula(hsb2_fit):
    # MacKinnon & White (1985): (X'X)^-1 X' diag(e^2 / (1 - h)^2) X (X'X)^-1, written out with numpy.
    z, e, h = hsb2_fit.design, hsb2_fit.residuals.to_numpy(), hsb2_fit.leverage.to_numpy()
    bread = np.linalg.inv(z.T @ z)
    cov = bread @ (z.T * (e**2 / (1 - h) ** 2)) @ z @ bread
    hc3 = regression.hc3_coefficients(hsb2_fit)
    np.testing.assert_allclose(hc3["HC3 Std. Error"], np.sqrt(np.diag(cov)), rtol=1e-9)


def test_hc3_t_sig_and_interval_come_from_t_on_the_residual_df(hsb2_fit):
    # The library takes HC3's covariance from statsmodels (proven by the sandwich formula above); t, Sig. and the
    # interval must use Student's t on n - k - 1 df, as the classical Coefficients table does, not the normal.
    from scipy import stats

    hc3 = regression.hc3_coefficients(hsb2_fit)
    df = hsb2_fit.n - len(hsb2_fit.predictors) - 1
    t = hc3["B"] / hc3["HC3 Std. Error"]
    np.testing.assert_allclose(hc3["t"], t, rtol=1e-12)
    np.testing.assert_allclose(hc3["Sig."], 2 * stats.t.sf(np.abs(t), df), rtol=1e-10)
    half = stats.t.ppf(0.975, df) * hc3["HC3 Std. Error"]
    np.testing.assert_allclose(hc3[regression.CI_LOWER], hc3["B"] - half, rtol=1e-10)
    np.testing.assert_allclose(hc3[regression.CI_UPPER], hc3["B"] + half, rtol=1e-10)


def test_bootstrap_is_reproducible_and_matches_a_loop(hsb2_fit):
    a = regression.bootstrap_coefficients(hsb2_fit, n_resamples=500, seed=20250501)
    b = regression.bootstrap_coefficients(hsb2_fit, n_resamples=500, seed=20250501)
    c = regression.bootstrap_coefficients(hsb2_fit, n_resamples=500, seed=7)
    pd.testing.assert_frame_equal(a.table, b.table)
    assert not np.allclose(a.table["Bootstrap CI Lower"], c.table["Bootstrap CI Lower"])
    assert a.n_used == 500
    # Second implementation: the same resamples, one least-squares fit at a time.
    rng = np.random.default_rng(20250501)
    idx = rng.integers(0, hsb2_fit.n, size=(500, hsb2_fit.n))
    coefs, betas = [], []
    for rows in idx:
        z, y = hsb2_fit.design[rows], hsb2_fit.y[rows]
        coef = np.linalg.lstsq(z, y, rcond=None)[0]
        coefs.append(coef)
        betas.append(coef[1:] * z[:, 1:].std(axis=0, ddof=1) / y.std(ddof=1))
    coefs, betas = np.array(coefs), np.array(betas)
    np.testing.assert_allclose(a.table["Bootstrap CI Lower"], np.quantile(coefs, 0.025, axis=0), rtol=1e-9)
    np.testing.assert_allclose(a.table["Bootstrap CI Upper"], np.quantile(coefs, 0.975, axis=0), rtol=1e-9)
    np.testing.assert_allclose(a.table["Bootstrap Std. Error"], coefs.std(axis=0, ddof=1), rtol=1e-9)
    np.testing.assert_allclose(a.table["Beta CI Lower"].iloc[1:], np.quantile(betas, 0.025, axis=0), rtol=1e-9)
    np.testing.assert_allclose(a.table["Beta CI Upper"].iloc[1:], np.quantile(betas, 0.975, axis=0), rtol=1e-9)


def test_bootstrap_leaves_out_exactly_the_singular_and_constant_resamples():
    """Eight cases, one of them alone in its y value and x values that repeat: many resamples have a
    constant dependent or a singular design.  Which resamples are usable is recounted one by one
    from the same draws, with a rank test and a two-pass standard deviation."""
    data = pd.DataFrame({"y": [1.0, 1, 1, 1, 1, 1, 1, 4], "a": [1.0, 2, 1, 2, 1, 2, 3, 3],
                         "b": [0.5, 0.5, 1.5, 1.5, 2.5, 2.5, 0.5, 1.5]})
    fit = regression.linear_regression(data, "y", ["a", "b"])
    boot = regression.bootstrap_coefficients(fit, n_resamples=2000, seed=3)
    idx = np.random.default_rng(3).integers(0, fit.n, size=(2000, fit.n))
    usable = [np.linalg.matrix_rank(fit.design[rows]) == 3 and fit.y[rows].std(ddof=1) > 0 for rows in idx]
    assert 0 < boot.n_used == sum(usable) < 2000
    coefs = np.array([np.linalg.lstsq(fit.design[rows], fit.y[rows], rcond=None)[0]
                      for rows, ok in zip(idx, usable) if ok])
    np.testing.assert_allclose(boot.table["Bootstrap CI Lower"], np.quantile(coefs, 0.025, axis=0), rtol=1e-9)
    np.testing.assert_allclose(boot.table["Bootstrap Std. Error"], coefs.std(axis=0, ddof=1), rtol=1e-9)


def test_bootstrap_in_batches_draws_the_same_resamples(hsb2_fit):
    """A memory bound that forces many small batches (here 7 resamples each, a batch size
    that does not divide 500) gives exactly the intervals of one batch: the same seed,
    the same resamples."""
    one = regression.bootstrap_coefficients(hsb2_fit, n_resamples=500, seed=20250501)
    per_resample = hsb2_fit.n * 8 * 3
    batched = regression.bootstrap_coefficients(hsb2_fit, n_resamples=500, seed=20250501,
                                                max_block_bytes=7 * per_resample)
    np.testing.assert_allclose(batched.table.drop(columns="Model"), one.table.drop(columns="Model"),
                               rtol=1e-12, atol=1e-14)
    assert batched.n_used == one.n_used == 500
    with pytest.raises(ValueError, match="max_block_bytes"):
        regression.bootstrap_coefficients(hsb2_fit, n_resamples=500, seed=1, max_block_bytes=0)


def test_bootstrap_needs_a_seed(hsb2_fit):
    with pytest.raises(TypeError):
        regression.bootstrap_coefficients(hsb2_fit)  # seed is required


def test_casewise_diagnostics_selects_large_residuals(hsb2_fit):
    # SPSS's /CASEWISE criterion is the standardized residual (ZRESID); SRESID on request.
    none = regression.casewise_diagnostics(hsb2_fit, threshold=3)
    some = regression.casewise_diagnostics(hsb2_fit, threshold=2)
    expected = int((np.abs(hsb2_fit.zresid) > 2).sum())
    assert len(some) == expected > 0
    assert (np.abs(some["Std. Residual"]) > 2).all()
    assert list(none.columns) == list(some.columns)
    assert len(none) == int((np.abs(hsb2_fit.zresid) > 3).sum())
    studentized = regression.casewise_diagnostics(hsb2_fit, threshold=2, residual="sresid")
    assert len(studentized) == int((np.abs(hsb2_fit.sresid) > 2).sum()) != expected
    with pytest.raises(ValueError, match="residual"):
        regression.casewise_diagnostics(hsb2_fit, residual="raw")


def test_influence_table_flags(hsb2_fit):
    table = regression.influence_table(hsb2_fit)
    assert len(table) == hsb2_fit.n
    assert (table["influential"] == (table["Cook's Distance"] > 4 / hsb2_fit.n)).all()


# --- degenerate inputs -----------------------------------------------------------------------

def test_perfectly_collinear_predictors_are_named(hsb2):
    data = hsb2.assign(total=hsb2["math"] + hsb2["read"])
    with pytest.raises(ValueError, match=r"collinear") as err:
        regression.linear_regression(data, "science", ["math", "read", "total", "female"])
    message = str(err.value)
    assert "total" in message and "math" in message and "female" not in message


def test_too_few_cases():
    data = pd.DataFrame({"y": [1.0, 2.0, 4.0], "a": [1.0, 0.0, 3.0], "b": [2.0, 5.0, 1.0]})
    with pytest.raises(ValueError, match=r"n > k \+ 1"):
        regression.linear_regression(data, "y", ["a", "b"])


def test_zero_variance_dependent(hsb2):
    with pytest.raises(ValueError, match="zero variance"):
        regression.linear_regression(hsb2.assign(science=50), "science", ["math"])


def test_zero_variance_predictor(hsb2):
    with pytest.raises(ValueError, match=r"\['const'\].*zero variance"):
        regression.linear_regression(hsb2.assign(const=1.0), "science", ["math", "const"])


def test_missing_value_is_a_data_error(hsb2):
    from surveykit.errors import DataError

    data = hsb2.astype(float)
    data.loc[3, "read"] = np.nan
    with pytest.raises(DataError, match="read"):
        regression.linear_regression(data, "science", ["math", "read"])


def test_hypothesis_tests(hsb2_fit):
    table = regression.hypothesis_tests(hsb2_fit, significance=0.05)
    assert list(table["Hypothesis"]) == ["H1", "H2", "H3", "H4", "H5"]
    coefs = hsb2_fit.coefficients.set_index("Model")
    expected = [bool(coefs.loc[p, "Sig."] < 0.05 and coefs.loc[p, "B"] > 0) for p in SPSS["predictors"]]
    assert list(table["Supported"].iloc[:4]) == expected
    assert table["Supported"].iloc[4] == bool(hsb2_fit.f_sig < 0.05)
    # female: B < 0 and Sig. > .05 -> not supported either way; with "any" sign only Sig. matters.
    anysign = regression.hypothesis_tests(hsb2_fit, significance=0.06, expected_sign="any")
    assert bool(anysign.set_index("Predictor").loc["female", "Supported"])


def test_bootstrap_beta_difference_uses_the_same_resamples(hsb2_fit):
    boot = regression.bootstrap_coefficients(hsb2_fit, n_resamples=2000, seed=7)
    estimate, low, high = boot.beta_difference("math", "read")
    beta = hsb2_fit.coefficients.set_index("Model")["Beta"]
    assert estimate == pytest.approx(beta["math"] - beta["read"])
    # Independent: the percentile interval of the paired per-resample differences.
    predictors = list(hsb2_fit.predictors)
    diff = boot.beta_draws[:, predictors.index("math")] - boot.beta_draws[:, predictors.index("read")]
    assert (low, high) == pytest.approx(tuple(np.quantile(diff, [0.025, 0.975])))
    assert low < estimate < high
    with pytest.raises(KeyError):
        boot.beta_difference("math", "nope")


# --- Zero-order, partial and part correlations (SPSS /STATISTICS ZPP) ----------------------

def test_part_and_partial_correlations_equal_residual_correlations_by_statsmodels(hsb2, hsb2_fit):
    # Definitions (Cohen et al. 2003, sec. 3.3): partial = corr(e_y|others, e_x|others),
    # part = corr(y, e_x|others); residuals from statsmodels OLS, not from the t-based formulas.
    import statsmodels.api as sm

    table = regression.part_and_partial_correlations(hsb2_fit).set_index("Model")
    y = hsb2[SPSS["dependent"]].to_numpy(float)
    for name in SPSS["predictors"]:
        others = sm.add_constant(hsb2[[p for p in SPSS["predictors"] if p != name]].to_numpy(float))
        x = hsb2[name].to_numpy(float)
        ex = sm.OLS(x, others).fit().resid
        ey = sm.OLS(y, others).fit().resid
        assert table.loc[name, "Zero-order"] == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-12)
        assert table.loc[name, "Partial"] == pytest.approx(np.corrcoef(ex, ey)[0, 1], abs=1e-12)
        assert table.loc[name, "Part"] == pytest.approx(np.corrcoef(ex, y)[0, 1], abs=1e-12)


def test_part_squared_is_the_drop_in_r_squared(hsb2, hsb2_fit):
    table = regression.part_and_partial_correlations(hsb2_fit).set_index("Model")
    for name in SPSS["predictors"]:
        reduced = regression.linear_regression(hsb2, SPSS["dependent"], [p for p in SPSS["predictors"] if p != name])
        assert table.loc[name, "Part"] ** 2 == pytest.approx(hsb2_fit.r_squared - reduced.r_squared, abs=1e-12)


# --- The regression equation ------------------------------------------------------------------

def test_equation_is_written_from_the_coefficients(hsb2_fit):
    equation = regression.regression_equation(hsb2_fit)
    b = dict(zip(["c", *SPSS["predictors"]], hsb2_fit.params))
    expected = (f"science = {format_number(b['c'], 3, leading_zero=True)} "
                f"+ {format_number(b['math'], 3, leading_zero=True)} math "
                f"- {format_number(-b['female'], 3, leading_zero=True)} female "
                f"+ {format_number(b['socst'], 3, leading_zero=True)} socst "
                f"+ {format_number(b['read'], 3, leading_zero=True)} read + e")
    assert equation.text == expected
    assert equation.text_symbols.startswith("Y = ") and "- " + format_number(-b["female"], 3, leading_zero=True) + "X2" \
        in equation.text_symbols
    # The printed SPSS B's appear in the equation as SPSS rounds them (with the leading zero).
    assert "12.325" in equation.text and "0.389 math" in equation.text and "2.010 female" in equation.text
    assert equation.terms["Items"].isna().all()


@pytest.mark.parametrize("composite, factor", [("sum", 25), ("mean", 1)])
def test_b_per_answer_point_follows_the_composite(hsb2_fit, composite, factor):
    items = {p: 25 for p in SPSS["predictors"]}
    terms = regression.regression_equation(hsb2_fit, items=items, composite=composite).terms.set_index("Model")
    for name in SPSS["predictors"]:
        assert terms.loc[name, "B per answer point"] == pytest.approx(factor * hsb2_fit.coefficient(name))
        assert terms.loc[name, "B per composite point"] == hsb2_fit.coefficient(name)
    with pytest.raises(ValueError, match="composite"):
        regression.regression_equation(hsb2_fit, composite="median")


# --- t table and F table ----------------------------------------------------------------------

@pytest.mark.parametrize("df, two_tailed, one_tailed", [(50, 2.009, 1.676), (60, 2.000, 1.671), (100, 1.984, 1.660)])
def test_t_table_values_equal_a_printed_t_table(df, two_tailed, one_tailed):
    # NIST/SEMATECH e-Handbook of Statistical Methods, 1.3.6.7.2 (upper critical values of the t
    # distribution, three decimals).
    fit = _fit_with_df(df, k=3)
    table = regression.critical_values(fit).set_index("Test")
    assert format_number(table.loc["t (two-tailed)", "Critical value"], 3) == format_number(two_tailed, 3)
    assert format_number(table.loc["t (one-tailed)", "Critical value"], 3) == format_number(one_tailed, 3)


@pytest.mark.parametrize("k, df, printed", [(3, 50, 2.790), (3, 60, 2.758), (4, 100, 2.463)])
def test_f_table_values_equal_a_printed_f_table(k, df, printed):
    # NIST/SEMATECH e-Handbook, 1.3.6.7.3 (upper 5 % critical values of the F distribution).
    table = regression.critical_values(_fit_with_df(df, k=k)).set_index("Test")
    assert format_number(table.loc["F", "Critical value"], 3) == format_number(printed, 3)
    assert (table.loc["F", "df1"], table.loc["F", "df2"]) == (k, df)


def test_critical_values_give_the_same_decisions_as_sig(hsb2_fit):
    table = regression.critical_values(hsb2_fit, significance=0.05).set_index("Test")
    coefficients = hsb2_fit.coefficients.set_index("Model").drop(regression.CONSTANT)
    t_crit = table.loc["t (two-tailed)", "Critical value"]
    assert list(coefficients["t"].abs() > t_crit) == list(coefficients["Sig."] < 0.05)
    assert (hsb2_fit.f_statistic > table.loc["F", "Critical value"]) == (hsb2_fit.f_sig < 0.05)
    with pytest.raises(ValueError, match="significance"):
        regression.critical_values(hsb2_fit, significance=1.5)


def _fit_with_df(df: int, *, k: int) -> regression.RegressionResult:
    rng = np.random.default_rng(df)
    n = df + k + 1
    data = pd.DataFrame(rng.normal(size=(n, k + 1)), columns=["y", *[f"x{i}" for i in range(k)]])
    fit = regression.linear_regression(data, "y", [f"x{i}" for i in range(k)])
    assert fit.df_resid == df
    return fit


# --- Beta intervals and partial regression residuals (figure 06's numbers) ---------------

def _simulated(n: int = 56, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(rng.normal(size=(n, 3)) * [2.0, 5.0, 1.0] + [40, 30, 70], columns=["WE", "PL", "QWL"])
    data["KIN"] = 0.2 * data["WE"] + 0.1 * data["PL"] + 0.5 * data["QWL"] + rng.normal(size=n)
    return data


def test_beta_intervals_equal_ols_on_standardized_variables():
    import statsmodels.api as sm

    data = _simulated()
    predictors = ["WE", "PL", "QWL"]
    ours = regression.beta_intervals(regression.linear_regression(data, "KIN", predictors)).set_index("predictor")
    z = (data - data.mean()) / data.std(ddof=1)
    fit = sm.OLS(z["KIN"], sm.add_constant(z[predictors])).fit()
    ci = fit.conf_int(0.05)
    np.testing.assert_allclose(ours["Beta"], fit.params[predictors], rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours["lower"], ci.loc[predictors, 0], rtol=0, atol=1e-10)
    np.testing.assert_allclose(ours["upper"], ci.loc[predictors, 1], rtol=0, atol=1e-10)
    raw = sm.OLS(data["KIN"], sm.add_constant(data[predictors])).fit()
    np.testing.assert_allclose(ours["B"], raw.params[predictors], rtol=1e-10)
    np.testing.assert_allclose(ours["Std. Error"], raw.bse[predictors], rtol=1e-10)


def test_beta_intervals_refuse_a_confidence_outside_zero_and_one():
    fit = regression.linear_regression(_simulated(), "KIN", ["WE", "PL", "QWL"])
    with pytest.raises(ValueError, match="confidence"):
        regression.beta_intervals(fit, confidence=1.0)


def test_partial_regression_slopes_are_the_multiple_regression_b():
    import statsmodels.api as sm

    data = _simulated()
    predictors = ["WE", "PL", "QWL"]
    partial = regression.partial_regression_data(regression.linear_regression(data, "KIN", predictors))
    raw = sm.OLS(data["KIN"], sm.add_constant(data[predictors])).fit()
    for name in predictors:
        block = partial[partial["predictor"] == name]
        slope = (block["x_residual"] @ block["y_residual"]) / (block["x_residual"] @ block["x_residual"])
        assert slope == pytest.approx(raw.params[name], rel=1e-10)
    assert len(partial) == 3 * len(data)


def test_statsmodels_fit_is_made_only_when_asked_for(hsb2, monkeypatch):
    # The tables, the residuals and Glejser's auxiliary regression need no statsmodels fit (at 10^6
    # cases it costs about a second); influence and HC3 fit it once, on first use, and keep it.
    from statsmodels.regression.linear_model import OLS

    from surveykit import heteroskedasticity

    fits = []
    original = OLS.fit
    monkeypatch.setattr(OLS, "fit", lambda self, *a, **k: fits.append(1) or original(self, *a, **k))
    fit = regression.linear_regression(hsb2, SPSS["dependent"], SPSS["predictors"])
    heteroskedasticity.glejser(fit)
    regression.beta_intervals(fit)
    assert fits == []
    first = fit.sresid
    regression.hc3_coefficients(fit)
    regression.influence_table(fit)
    assert fits == [1] and fit.sresid is first
