"""Multiple linear regression as SPSS 21 REGRESSION /METHOD=ENTER prints it, and what SPSS lacks.

:func:`linear_regression` gives SPSS's three tables (Model Summary, ANOVA,
Coefficients with standardized Beta, 95 % CI for B and collinearity
statistics) and the saved variables (PRED, RESID, ZPRED, ZRESID, SRESID,
SDRESID, LEVER, COOK).  The coefficients come from a QR decomposition of
the centred data, accurate to the NIST StRD certified values of the
Longley data; what statsmodels computes from a fit (influence, HC3,
heteroskedasticity tests, VIF) is statsmodels' (see
:func:`linear_regression`'s notes).  Beside SPSS: HC3 robust standard
errors (:func:`hc3_coefficients`), case-resampling bootstrap CIs for B and
Beta (:func:`bootstrap_coefficients`), casewise diagnostics
(:func:`casewise_diagnostics`, :func:`influence_table`), the Beta intervals
and partial regression residuals the figures draw (:func:`beta_intervals`,
:func:`partial_regression_data`), and the thesis' reading of the fit
(hypotheses, equation, t and F table values, SPSS's printed tables).

Over 600 lines on purpose: every function here reads one
:class:`RegressionResult` (the fit is the one idea), and a newcomer adding
a statistic of the fitted model looks for it in one place.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ._checks import numeric_block
from .collinearity import SPSS_TOLERANCE_LIMIT, variance_inflation
from .errors import DataError
from .i18n import N_, tr

__all__ = [
    "RegressionResult",
    "BootstrapResult",
    "linear_regression",
    "hc3_coefficients",
    "bootstrap_coefficients",
    "casewise_diagnostics",
    "influence_table",
    "beta_intervals",
    "partial_regression_data",
    "hypothesis_tests",
    "part_and_partial_correlations",
    "RegressionEquation",
    "regression_equation",
    "critical_values",
    "spss_tables",
    "CONSTANT",
]

#: The row label SPSS gives the intercept.
CONSTANT = "(Constant)"
DIAGNOSTICS_OK = "ok"
DIAGNOSTICS_NOT_COMPUTABLE = "not computable"
# A hat value this close to 1 is 1: the fit passes through the case (rounding leaves 1 - 1e-15).
_LEVERAGE_ONE = 1 - 1e-9
CI_LOWER = "95.0% CI for B Lower Bound"
CI_UPPER = "95.0% CI for B Upper Bound"


@dataclass(frozen=True, eq=False)
class RegressionResult:
    """An OLS fit with SPSS's tables and saved variables.

    Attributes
    ----------
    model_summary : DataFrame
        One row: "R", "R Square", "Adjusted R Square", "Std. Error of the
        Estimate", "Durbin-Watson".
    anova : DataFrame
        Rows Regression, Residual, Total; columns "Model", "Sum of Squares",
        "df", "Mean Square", "F", "Sig." (cells SPSS leaves empty are NaN).
    coefficients : DataFrame
        Rows "(Constant)" and the predictors; columns "Model", "B", "Std.
        Error", "Beta", "t", "Sig.", "95.0% CI for B Lower Bound", "95.0% CI
        for B Upper Bound", "Tolerance", "VIF" (NaN where SPSS is empty).
    fitted, residuals, zpred, zresid, sresid, sdresid, leverage,
    centered_leverage, cooks_distance : Series
        SPSS's PRED, RESID, ZPRED, ZRESID, SRESID (internally studentized),
        SDRESID (deleted studentized), the hat value h (SPSS's LEVER is the
        centred h - 1/n), and COOK; indexed like the data.  A value that is
        not defined is NaN (never 0): see ``diagnostics_status``.
    ols : statsmodels RegressionResults
        The fit itself, for what statsmodels computes from it (robust
        covariance, influence, heteroskedasticity tests).
    diagnostics_status, diagnostics_explanation : str
        "ok", or "not computable" with the reason: a case with leverage 1
        (the fit passes through it, so its residual is 0 by construction and
        its SRESID, SDRESID and COOK are not defined), one residual degree of
        freedom (deleting a case leaves none: SDRESID is not defined), or an
        exact fit (residual sum of squares 0).

    Notes
    -----
    ``ols`` and what comes from it (SRESID, SDRESID, h, LEVER, COOK and the
    diagnostics status) are computed on first use and kept: the tables, B,
    the residuals, ZPRED and ZRESID need no second fit, and at 10^6 cases
    statsmodels' fit and influence cost about a second that a caller asking
    only for the coefficients (Glejser's auxiliary regression, the figures)
    need not pay.  The explanation is worded in the language active at that
    first use.
    """

    dependent: str
    predictors: tuple[str, ...]
    n: int
    model_summary: pd.DataFrame
    anova: pd.DataFrame
    coefficients: pd.DataFrame
    fitted: pd.Series
    residuals: pd.Series
    zpred: pd.Series
    zresid: pd.Series
    params: np.ndarray = field(repr=False)
    cov_params: np.ndarray = field(repr=False)
    design: np.ndarray = field(repr=False)
    y: np.ndarray = field(repr=False)
    df_resid: int = 0
    sigma: float = float("nan")
    #: The residual sum of squares is rounding noise (every residual standardized is then undefined).
    exact_fit: bool = False

    @cached_property
    def ols(self) -> Any:
        """statsmodels' ``OLS(y, [1, X]).fit()`` of the same design (fitted on first use)."""
        from statsmodels.regression.linear_model import OLS

        return OLS(self.y, self.design).fit()

    @cached_property
    def _influence(self) -> _Influence:
        return _influence_statistics(self)

    @property
    def sresid(self) -> pd.Series:
        return self._influence.sresid

    @property
    def sdresid(self) -> pd.Series:
        return self._influence.sdresid

    @property
    def leverage(self) -> pd.Series:
        return self._influence.leverage

    @property
    def centered_leverage(self) -> pd.Series:
        return self._influence.centered_leverage

    @property
    def cooks_distance(self) -> pd.Series:
        return self._influence.cooks_distance

    @property
    def diagnostics_status(self) -> str:
        return self._influence.status

    @property
    def diagnostics_explanation(self) -> str:
        return self._influence.explanation

    # Convenience accessors (unrounded).
    @property
    def r_squared(self) -> float:
        return float(self.model_summary["R Square"].iloc[0])

    @property
    def f_statistic(self) -> float:
        return float(self.anova["F"].iloc[0])

    @property
    def f_sig(self) -> float:
        return float(self.anova["Sig."].iloc[0])

    def coefficient(self, term: str, column: str = "B") -> float:
        """One cell of the Coefficients table, e.g. ``coefficient("WE", "Sig.")``."""
        table = self.coefficients.set_index("Model")
        if term not in table.index:
            raise KeyError(f"no term {term!r}; terms are {list(table.index)}")
        return float(table.loc[term, column])


def _check_inputs(data: pd.DataFrame, dependent: str,
                  predictors: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """y, X and the predictors' VIF, once the data are found to support the regression."""
    predictors = list(predictors)
    if not predictors:
        raise ValueError("give at least one predictor")
    if dependent in predictors:
        raise ValueError(f"the dependent variable {dependent!r} is also listed as a predictor")
    values = numeric_block(data, [dependent, *predictors], min_rows=1)
    n, k = values.shape[0], len(predictors)
    # What the data cannot support is a DataError (a ValueError), so a notebook shows one
    # message with what to do instead of a traceback.
    if n <= k + 1:
        raise DataError(f"n = {n} cases for {k} predictors and a constant: a regression needs n > k + 1 "
                        f"(here at least {k + 2} cases) to leave residual degrees of freedom.",
                        fix="collect more responses or use fewer predictors.")
    y, x = values[:, 0], values[:, 1:]
    if np.ptp(y) == 0:
        raise DataError("the dependent variable has zero variance: there is nothing to explain "
                        "and R, Beta and the F test are not defined.", column=dependent,
                        fix="check the dependent construct's items in the raw data.")
    constant = [p for p, col in zip(predictors, x.T) if np.ptp(col) == 0]
    if constant:
        raise DataError(f"predictor(s) {constant} have zero variance: they are collinear with the constant.",
                        column=constant[0], fix="drop the constant predictor from the codebook's predictors.")
    vif = variance_inflation(x)
    tolerance = 1.0 / vif
    collinear = [p for p, t in zip(predictors, tolerance) if t < SPSS_TOLERANCE_LIMIT]
    if collinear:
        raise DataError(f"predictors {collinear} are perfectly collinear (tolerance < .0001; SPSS would exclude "
                        "one of them): one is a linear combination of the others.", column=collinear[0],
                        fix="drop or merge one of them in the codebook and rerun.")
    return y, x, vif


def linear_regression(data: pd.DataFrame, dependent: str, predictors: Sequence[str]) -> RegressionResult:
    """OLS regression of ``dependent`` on ``predictors`` with a constant (SPSS REGRESSION /METHOD=ENTER).

    Parameters
    ----------
    data : DataFrame
        One row per case; the columns numeric without missing values.
    dependent : str
    predictors : sequence of str

    Returns
    -------
    RegressionResult

    Raises
    ------
    ValueError
        n <= k + 1, a zero-variance dependent or predictor, or perfectly
        collinear predictors (named in the message).

    Notes
    -----
    B, the residuals and the three tables are own code: a Householder QR
    decomposition (numpy/LAPACK) of the centred predictors, which removes the
    intercept from the ill-conditioned part of the problem (NIST's Longley
    data).  statsmodels' ``OLS(y, [1, X]).fit()`` gives the same tables to
    the nine significant digits the compendium writes, but not the same
    residuals' mean (zero in exact arithmetic, written in 04_ks_spss.csv as
    its rounding noise: -8.2e-16 here, 8.8e-15 from statsmodels' X b), so
    the centred solve is kept: it reproduces the committed bytes.
    statsmodels' fit of the same design (``ols``, fitted on first use) gives
    what statsmodels computes from a fit, identically to SPSS's definitions:
    the hat values h, SRESID and COOK (``OLSInfluence``), the HC3
    covariance and the heteroskedasticity tests; Durbin-Watson is
    statsmodels' ``durbin_watson`` of the residuals; tolerance and VIF come
    from the predictors' correlation matrix
    (:func:`surveykit.collinearity.variance_inflation`).  Own code also where
    SPSS prints what statsmodels does not: Beta = B * sd(x) / sd(y); SPSS's
    centred leverage LEVER = h - 1/n; ZPRED; ZRESID = e / s; SDRESID =
    SRESID sqrt((df - 1) / (df - SRESID^2)), the closed form of the deleted
    residual (statsmodels refits the model once per case for it); and a NaN
    with an explanation, never a number, where a saved variable is not defined.
    """
    from scipy import linalg, stats
    from statsmodels.stats.stattools import durbin_watson

    y, x, vif = _check_inputs(data, dependent, predictors)
    predictors = tuple(predictors)
    n, k = x.shape
    index = data.index
    x_mean, y_mean = x.mean(axis=0), y.mean()
    xc, yc = x - x_mean, y - y_mean
    q, r = np.linalg.qr(xc, mode="reduced")
    slopes = linalg.solve_triangular(r, q.T @ yc)
    intercept = y_mean - x_mean @ slopes
    explained = xc @ slopes
    fitted = y_mean + explained
    resid = y - fitted

    df_reg, df_res = k, n - k - 1
    ss_res = float(resid @ resid)
    ss_tot = float(yc @ yc)
    ss_reg = float(explained @ explained)
    ms_reg, ms_res = ss_reg / df_reg, ss_res / df_res
    f = ms_reg / ms_res if ms_res > 0 else float("inf")
    f_sig = float(stats.f.sf(f, df_reg, df_res))
    r2 = 1.0 - ss_res / ss_tot
    adj_r2 = 1.0 - (1.0 - r2) * (n - 1) / df_res
    sigma = float(np.sqrt(ms_res))
    dw = float(durbin_watson(resid)) if ss_res > 0 else float("nan")

    r_inv = linalg.solve_triangular(r, np.eye(k))
    cov_slopes = ms_res * (r_inv @ r_inv.T)
    var_intercept = ms_res / n + x_mean @ cov_slopes @ x_mean
    cov_int_slopes = -cov_slopes @ x_mean
    cov = np.empty((k + 1, k + 1))
    cov[0, 0] = var_intercept
    cov[0, 1:] = cov[1:, 0] = cov_int_slopes
    cov[1:, 1:] = cov_slopes
    params = np.concatenate([[intercept], slopes])
    se = np.sqrt(np.diag(cov))
    with np.errstate(divide="ignore", invalid="ignore"):
        t = params / se
    sig = 2 * stats.t.sf(np.abs(t), df_res)
    t_crit = float(stats.t.isf(0.025, df_res))
    beta = slopes * x.std(axis=0, ddof=1) / y.std(ddof=1)

    coefficients = pd.DataFrame({
        "Model": [CONSTANT, *predictors],
        "B": params,
        "Std. Error": se,
        "Beta": np.concatenate([[np.nan], beta]),
        "t": t,
        "Sig.": sig,
        CI_LOWER: params - t_crit * se,
        CI_UPPER: params + t_crit * se,
        "Tolerance": np.concatenate([[np.nan], 1.0 / vif]),
        "VIF": np.concatenate([[np.nan], vif]),
    })
    model_summary = pd.DataFrame({
        "R": [float(np.sqrt(max(r2, 0.0)))],
        "R Square": [r2],
        "Adjusted R Square": [adj_r2],
        "Std. Error of the Estimate": [sigma],
        "Durbin-Watson": [dw],
    })
    anova = pd.DataFrame({
        "Model": ["Regression", "Residual", "Total"],
        "Sum of Squares": [ss_reg, ss_res, ss_tot],
        "df": [df_reg, df_res, n - 1],
        "Mean Square": [ms_reg, ms_res, np.nan],
        "F": [f, np.nan, np.nan],
        "Sig.": [f_sig, np.nan, np.nan],
    })

    design = np.column_stack([np.ones(n), x])
    exact_fit = ss_res <= 1e-20 * ss_tot  # what remains is rounding noise
    fitted_sd = fitted.std(ddof=1)
    zpred = (fitted - fitted.mean()) / fitted_sd

    def series(values: np.ndarray, name: str) -> pd.Series:
        return pd.Series(values, index=index, name=name)

    return RegressionResult(
        dependent=dependent, predictors=predictors, n=n,
        model_summary=model_summary, anova=anova, coefficients=coefficients,
        fitted=series(fitted, "PRE_1"), residuals=series(resid, "RES_1"),
        zpred=series(zpred, "ZPR_1"), zresid=series(np.full(n, np.nan) if exact_fit else resid / sigma, "ZRE_1"),
        params=params, cov_params=cov, design=design, y=y, df_resid=df_res, sigma=sigma, exact_fit=bool(exact_fit),
    )


class _Influence(NamedTuple):
    sresid: pd.Series
    sdresid: pd.Series
    leverage: pd.Series
    centered_leverage: pd.Series
    cooks_distance: pd.Series
    status: str
    explanation: str


def _influence_statistics(result: RegressionResult) -> _Influence:
    """SRESID, SDRESID, h, LEVER and COOK of a fit, from statsmodels' ``OLSInfluence``, NaN where not defined."""
    import warnings

    index, n, df_res = result.residuals.index, result.n, result.df_resid
    influence = result.ols.get_influence()
    hat = np.asarray(influence.hat_matrix_diag)
    at_one = hat >= _LEVERAGE_ONE
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # 0 / 0 at leverage 1: set to NaN below, with the reason
        sresid = np.array(influence.resid_studentized_internal, dtype=float)
        # SDRESID in closed form (Belsley, Kuh & Welsch 1980, eq. 2.10): statsmodels'
        # resid_studentized_external refits the model once per case (n fits), the same numbers at O(n^2) cost.
        sdresid = sresid * np.sqrt((df_res - 1) / (df_res - sresid**2))
        cooks = np.array(influence.cooks_distance[0], dtype=float)
    # Not defined is NaN, never a number: a leverage-1 case, one residual df, an exact fit.
    reasons = []
    if result.exact_fit:
        sresid[:], sdresid[:], cooks[:] = np.nan, np.nan, np.nan
        reasons.append(tr("The model fits every case exactly (residual sum of squares 0), so no residual can be "
                          "standardized: ZRESID, SRESID, SDRESID and Cook's distance are not defined."))
    if at_one.any():
        sresid[at_one], sdresid[at_one], cooks[at_one] = np.nan, np.nan, np.nan
        cases = ", ".join(str(label) for label in index[at_one])
        reasons.append(tr("Case(s) {cases} have leverage 1: the fit passes through them, their residual is 0 by "
                          "construction, and their studentized and deleted residuals and Cook's distance are not "
                          "defined (HC3 standard errors neither).", cases=cases))
    if df_res <= 1:
        sdresid[:] = np.nan
        reasons.append(tr("{df} residual degree of freedom: leaving a case out leaves none, so the studentized "
                          "deleted residuals (SDRESID) are not defined.", df=df_res))
    sdresid[~np.isfinite(sdresid)] = np.nan
    explanation = " ".join([*reasons, tr("They are shown empty, not as 0.")]) if reasons else ""

    def series(values: np.ndarray, name: str) -> pd.Series:
        return pd.Series(values, index=index, name=name)

    return _Influence(sresid=series(sresid, "SRE_1"), sdresid=series(sdresid, "SDR_1"), leverage=series(hat, "HAT"),
                      centered_leverage=series(hat - 1.0 / n, "LEV_1"), cooks_distance=series(cooks, "COO_1"),
                      status=DIAGNOSTICS_NOT_COMPUTABLE if reasons else DIAGNOSTICS_OK, explanation=explanation)


def hc3_coefficients(result: RegressionResult) -> pd.DataFrame:
    """Coefficients with HC3 heteroskedasticity-consistent standard errors (MacKinnon & White 1985).

    statsmodels' ``get_robustcov_results(cov_type="HC3", use_t=True)`` of
    the fit: cov = (X'X)^-1 X' diag(e_i^2 / (1 - h_i)^2) X (X'X)^-1, t on the
    OLS residual df.

    Returns
    -------
    DataFrame
        "Model", "B", "HC3 Std. Error", "t", "Sig.", 95 % CI bounds.
        ``attrs["status"]`` is "ok", or "not computable" when a case has
        leverage 1 (its weight e^2 / (1 - h)^2 is 0 / 0): the standard
        errors, t, Sig. and bounds are then NaN and ``attrs["explanation"]``
        names the cases.
    """
    h = result.leverage.to_numpy()
    if np.any(h >= _LEVERAGE_ONE):
        cases = ", ".join(str(c) for c in result.leverage.index[h >= _LEVERAGE_ONE])
        empty = np.full(len(result.params), np.nan)
        table = pd.DataFrame({"Model": [CONSTANT, *result.predictors], "B": result.params, "HC3 Std. Error": empty,
                              "t": empty, "Sig.": empty, CI_LOWER: empty, CI_UPPER: empty})
        table.attrs.update(status=DIAGNOSTICS_NOT_COMPUTABLE,
                           explanation=tr("Case(s) {cases} have leverage 1: HC3 weighs each squared residual by "
                                          "1 / (1 - h)^2, which is 0 / 0 there, so the HC3 standard errors are not "
                                          "computable.", cases=cases))
        return table
    robust = result.ols.get_robustcov_results(cov_type="HC3", use_t=True)
    ci = np.asarray(robust.conf_int(0.05))
    table = pd.DataFrame({
        "Model": [CONSTANT, *result.predictors],
        "B": result.params,
        "HC3 Std. Error": np.asarray(robust.bse),
        "t": np.asarray(robust.tvalues),
        "Sig.": np.asarray(robust.pvalues),
        CI_LOWER: ci[:, 0],
        CI_UPPER: ci[:, 1],
    })
    table.attrs.update(status=DIAGNOSTICS_OK, explanation="")
    return table


@dataclass(frozen=True, eq=False)
class BootstrapResult:
    """Case-resampling bootstrap of B and Beta.

    Attributes
    ----------
    table : DataFrame
        "Model", "B", "Bias", "Bootstrap Std. Error", percentile CI bounds
        for B ("Bootstrap CI Lower", "Bootstrap CI Upper"), "Beta", "Beta CI
        Lower", "Beta CI Upper" (Beta empty for the constant).
    n_resamples : int
        Resamples drawn.
    n_used : int
        Resamples with a full-rank design and a non-constant dependent (the
        others are dropped, as SPSS Bootstrap does, and counted here).
    seed : int
    confidence : float
    beta_draws : ndarray
        Beta of every usable resample, shape (n_used, k), in predictor order.
    status, explanation : str
        "ok", or "not computable" when fewer than two resamples are usable
        (the intervals are then NaN and the explanation says why).
    """

    table: pd.DataFrame
    n_resamples: int
    n_used: int
    seed: int
    confidence: float
    beta_draws: np.ndarray = field(default=None, repr=False)
    status: str = DIAGNOSTICS_OK
    explanation: str = ""

    def beta_difference(self, first: str, second: str) -> tuple[float, float, float]:
        """Beta(first) - Beta(second): estimate and percentile interval at ``confidence``.

        Two intervals that overlap do not show two Betas equal; the interval of
        their difference, from the same resamples, is the test of which is larger.
        """
        predictors = list(self.table["Model"])[1:]
        missing = [p for p in (first, second) if p not in predictors]
        if missing:
            raise KeyError(f"no predictor(s) {missing}; predictors are {predictors}")
        i, j = predictors.index(first), predictors.index(second)
        beta = self.table.set_index("Model")["Beta"]
        diff = self.beta_draws[:, i] - self.beta_draws[:, j]
        tail = (1 - self.confidence) / 2
        low, high = np.quantile(diff, [tail, 1 - tail])
        return float(beta[first] - beta[second]), float(low), float(high)


def bootstrap_coefficients(result: RegressionResult, *, n_resamples: int = 10_000, seed: int,
                           confidence: float = 0.95, max_block_bytes: int = 256 * 2**20) -> BootstrapResult:
    """Percentile bootstrap confidence intervals for B and Beta (cases resampled with replacement).

    Vectorised: the resamples are drawn from ``numpy.random.default_rng(seed)``
    and fitted as batches.  A resample enters only through how often it draws
    each case, so each batch's draws are counted per case and every sum the
    fit needs (the normal equations, and the sums and sums of squares behind
    the standard deviations that turn B into Beta) is the count-weighted sum
    of per-case products, one contraction for the whole batch: no resampled
    copy of the data is made.  The data are centred at their full-sample
    means first, which keeps the one-pass variances accurate.  The batches
    are sized so that one batch's draws and counts hold at most
    ``max_block_bytes``: memory stays bounded at any n, while the time grows
    as n x ``n_resamples``.  The resamples are the same whatever the batch
    size (numpy's generator yields the same stream for one ``integers`` call
    or several consecutive ones), so the intervals depend on the seed only.
    Percentiles use numpy's default (linear) interpolation.

    Parameters
    ----------
    result : RegressionResult
    n_resamples : int, default 10_000
    seed : int
        Required: the same seed gives the same intervals.
    confidence : float, default 0.95
    max_block_bytes : int, default 256 MiB
        Memory bound of one batch: per resample, its n drawn case numbers
        and their counts per case (three arrays of n 8-byte numbers).
    """
    if n_resamples < 100:
        raise ValueError(f"use at least 100 resamples for percentile intervals, got {n_resamples}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    if max_block_bytes <= 0:
        raise ValueError(f"max_block_bytes must be positive, got {max_block_bytes!r}")
    rng = np.random.default_rng(seed)
    z, y = result.design, result.y
    n, p = z.shape
    x_mean, y_mean = z[:, 1:].mean(axis=0), y.mean()
    # Columns: the constant, the centred predictors, the centred dependent; one product per pair.
    v = np.column_stack([np.ones(n), z[:, 1:] - x_mean, y - y_mean])
    first, second = np.triu_indices(p + 1)
    products = v[:, first] * v[:, second]                    # (n, pairs)
    pair = np.empty((p + 1, p + 1), dtype=int)                # column of products holding v_i * v_j
    pair[first, second] = pair[second, first] = np.arange(len(first))
    per_resample = n * 8 * 3
    block = max(1, min(n_resamples, max_block_bytes // per_resample))
    coefs, betas, oks = [], [], []
    for start in range(0, n_resamples, block):
        size = min(block, n_resamples - start)
        idx = rng.integers(0, n, size=(size, n))
        idx += np.arange(size)[:, None] * n               # case numbers within the batch, one row per resample
        counts = np.bincount(idx.ravel(), minlength=size * n).reshape(size, n).astype(float)
        del idx
        sums = np.einsum("bn,nk->bk", counts, products)   # (b, pairs): count-weighted sums of the products
        del counts
        xtx, xty = sums[:, pair[:p, :p]], sums[:, pair[:p, p]]
        totals = sums[:, pair[0, 1:]]                        # sums of the centred x and y
        squares = sums[:, pair.diagonal()[1:]]
        centred_squares = squares - totals ** 2 / n
        sd = np.sqrt(np.maximum(centred_squares, 0) / (n - 1))
        sd_x, sd_y = sd[:, :-1], sd[:, -1]
        eig = np.linalg.eigvalsh(xtx)
        # A resample whose dependent is constant leaves only rounding in its centred sum of squares.
        ok = (eig[:, 0] > eig[:, -1] * 1e-12) & (centred_squares[:, -1] > squares[:, -1] * 1e-12)
        coef = np.linalg.solve(xtx[ok], xty[ok][..., None])[..., 0]
        # Back to the uncentred constant and dependent.
        coef[:, 0] += y_mean - (coef[:, 1:] * x_mean).sum(axis=1)
        coefs.append(coef)
        betas.append(coef[:, 1:] * sd_x[ok] / sd_y[ok, None])
        oks.append(ok)
    coef, beta, ok = np.concatenate(coefs), np.concatenate(betas), np.concatenate(oks)
    status, explanation = DIAGNOSTICS_OK, ""
    if len(coef) < 2:
        # Too few cases: nearly every resample repeats cases until the design is singular.
        status = DIAGNOSTICS_NOT_COMPUTABLE
        explanation = tr("{usable} of {resamples} resamples had a full-rank design and a non-constant "
                         "dependent (n = {n}): the bootstrap intervals are not computable.",
                         usable=len(coef), resamples=n_resamples, n=n)
        coef = np.full((2, p), np.nan)
        beta = np.full((2, p - 1), np.nan)
    tail = (1 - confidence) / 2
    b_low, b_high = np.quantile(coef, [tail, 1 - tail], axis=0)
    beta_low, beta_high = np.quantile(beta, [tail, 1 - tail], axis=0)
    beta_hat = result.coefficients["Beta"].to_numpy()
    table = pd.DataFrame({
        "Model": [CONSTANT, *result.predictors],
        "B": result.params,
        "Bias": coef.mean(axis=0) - result.params,
        "Bootstrap Std. Error": coef.std(axis=0, ddof=1),
        "Bootstrap CI Lower": b_low,
        "Bootstrap CI Upper": b_high,
        "Beta": beta_hat,
        "Beta CI Lower": np.concatenate([[np.nan], beta_low]),
        "Beta CI Upper": np.concatenate([[np.nan], beta_high]),
    })
    return BootstrapResult(table, n_resamples, int(ok.sum()), seed, confidence, beta, status, explanation)


def influence_table(result: RegressionResult) -> pd.DataFrame:
    """Every case's influence statistics, with the usual flags.

    Columns: "Case Number" (1-based row), "case" (the data's index label),
    "Std. Residual" (ZRESID), "Stud. Residual" (SRESID), "Stud. Deleted
    Residual" (SDRESID), "Leverage" (h), "Centered Leverage Value" (SPSS
    LEVER), "Cook's Distance", and flags ``high_leverage`` (h > 2(k+1)/n)
    and ``influential`` (Cook's D > 4/n).
    """
    n, p = result.design.shape
    return pd.DataFrame({
        "Case Number": np.arange(1, n + 1),
        "case": result.residuals.index.to_numpy(),  # as a list would give, without a Python object per case
        "Std. Residual": result.zresid.to_numpy(),
        "Stud. Residual": result.sresid.to_numpy(),
        "Stud. Deleted Residual": result.sdresid.to_numpy(),
        "Leverage": result.leverage.to_numpy(),
        "Centered Leverage Value": result.centered_leverage.to_numpy(),
        "Cook's Distance": result.cooks_distance.to_numpy(),
        "high_leverage": result.leverage.to_numpy() > 2 * p / n,
        "influential": result.cooks_distance.to_numpy() > 4 / n,
    })


def beta_intervals(result: RegressionResult, *, confidence: float = 0.95) -> pd.DataFrame:
    """Standardized coefficients (SPSS "Beta") with confidence intervals.

    The interval of Beta is the interval of B scaled by ``s_x / s_y``, which
    is exactly the OLS interval on z-scored variables (SPSS prints Beta but
    no interval for it; ``REGRESSION /STATISTICS CI(95)`` gives the B interval).

    Parameters
    ----------
    result : RegressionResult
    confidence : float, default 0.95

    Returns
    -------
    DataFrame
        One row per predictor: ``predictor, Beta, lower, upper, B, Std. Error, df``.
    """
    from scipy import stats

    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence}")
    table = result.coefficients.set_index("Model").drop(CONSTANT)
    b = table["B"].to_numpy()
    se = table["Std. Error"].to_numpy()
    t_crit = stats.t.ppf(0.5 + confidence / 2, result.df_resid)
    scale = result.design[:, 1:].std(axis=0, ddof=1) / result.y.std(ddof=1)
    return pd.DataFrame({
        "predictor": list(result.predictors),
        "Beta": b * scale,
        "lower": (b - t_crit * se) * scale,
        "upper": (b + t_crit * se) * scale,
        "B": b,
        "Std. Error": se,
        "df": result.df_resid,
    })


def partial_regression_data(result: RegressionResult) -> pd.DataFrame:
    """Residuals behind added-variable (partial regression) plots.

    For each predictor ``x_j``: the residual of the dependent and of ``x_j``
    after regressing each on the other predictors (with constant), as SPSS
    ``REGRESSION /PARTIALPLOT ALL`` plots them.  The slope through these points
    is the multiple-regression B of ``x_j`` (Frisch-Waugh-Lovell theorem).

    Returns
    -------
    DataFrame
        Long format: ``predictor, x_residual, y_residual`` (n rows per predictor).
    """
    design, y = result.design, result.y
    rows = []
    for j, name in enumerate(result.predictors, start=1):
        others = np.delete(design, j, axis=1)
        both = np.column_stack([y, design[:, j]])
        hat = np.linalg.lstsq(others, both, rcond=None)[0]
        res = both - others @ hat
        rows.append(pd.DataFrame({"predictor": name, "x_residual": res[:, 1], "y_residual": res[:, 0]}))
    return pd.concat(rows, ignore_index=True)


def casewise_diagnostics(result: RegressionResult, *, threshold: float = 3.0,
                         residual: str = "zresid") -> pd.DataFrame:
    """Cases whose residual exceeds ``threshold`` in absolute value (SPSS /CASEWISE PLOT OUTLIERS(3)).

    Parameters
    ----------
    result : RegressionResult
    threshold : float, default 3
    residual : {"zresid", "sresid"}, default "zresid"
        Standardized residual ("Std. Residual", SPSS's criterion for
        /CASEWISE) or the studentized residual, which also accounts for each
        case's leverage.

    Returns
    -------
    DataFrame
        "Case Number", "case", "Std. Residual", "Stud. Residual", the
        dependent, "Predicted Value", "Residual", "Cook's Distance"; empty
        (same columns) when no case exceeds the threshold.
    """
    if residual not in ("sresid", "zresid"):
        raise ValueError(f"residual must be 'sresid' or 'zresid', got {residual!r}")
    if threshold <= 0:
        raise ValueError(f"threshold must be positive, got {threshold!r}")
    values = getattr(result, residual).to_numpy()
    mask = np.abs(values) > threshold
    return pd.DataFrame({
        "Case Number": np.arange(1, result.n + 1)[mask],
        "case": list(result.residuals.index[mask]),
        "Std. Residual": result.zresid.to_numpy()[mask],
        "Stud. Residual": result.sresid.to_numpy()[mask],
        result.dependent: result.y[mask],
        "Predicted Value": result.fitted.to_numpy()[mask],
        "Residual": result.residuals.to_numpy()[mask],
        "Cook's Distance": result.cooks_distance.to_numpy()[mask],
    })


def hypothesis_tests(result: RegressionResult, *, significance: float = 0.05,
                     expected_sign: str = "positive") -> pd.DataFrame:
    """The thesis hypotheses: one partial t test per predictor, then the simultaneous F test.

    Decision rule (as the paper states it): a hypothesis is supported when
    Sig. < ``significance``; for the partial hypotheses "X has a positive
    effect" the sign of B must also be the expected one.

    Parameters
    ----------
    result : RegressionResult
    significance : float, default 0.05
    expected_sign : {"positive", "negative", "any"}, default "positive"

    Returns
    -------
    DataFrame
        "Hypothesis" (H1..Hk, H(k+1) for the F test), "Predictor", "Test",
        "Statistic", "df", "B", "Sig.", "Supported".
    """
    if expected_sign not in ("positive", "negative", "any"):
        raise ValueError(f"expected_sign must be 'positive', 'negative' or 'any', got {expected_sign!r}")
    if not 0 < significance < 1:
        raise ValueError(f"significance must lie strictly between 0 and 1, got {significance!r}")
    table = result.coefficients.set_index("Model")
    rows = []
    for i, name in enumerate(result.predictors, start=1):
        b, p = float(table.loc[name, "B"]), float(table.loc[name, "Sig."])
        sign_ok = expected_sign == "any" or (b > 0 if expected_sign == "positive" else b < 0)
        rows.append({"Hypothesis": f"H{i}", "Predictor": name, "Test": "t", "Statistic": float(table.loc[name, "t"]),
                     "df": str(result.df_resid), "B": b, "Sig.": p, "Supported": bool(p < significance and sign_ok)})
    k = len(result.predictors)
    rows.append({"Hypothesis": f"H{k + 1}", "Predictor": ", ".join(result.predictors), "Test": "F",
                 "Statistic": result.f_statistic, "df": f"{k}, {result.df_resid}", "B": math.nan,
                 "Sig.": result.f_sig, "Supported": bool(result.f_sig < significance)})
    return pd.DataFrame(rows)


def part_and_partial_correlations(result: RegressionResult) -> pd.DataFrame:
    """Zero-order, partial and part correlations of each predictor (SPSS REGRESSION /STATISTICS ZPP).

    Zero-order is the Pearson r of the predictor with the dependent.  Partial
    is the correlation of the dependent and the predictor with the other
    predictors removed from both; part (semipartial) removes them from the
    predictor only, so part² is the drop in R² when the predictor is left
    out.  From the coefficient's t on the residual df (Cohen, Cohen, West &
    Aiken 2003, *Applied Multiple Regression/Correlation Analysis*, 3rd ed.,
    eqs. 3.3.8 and 3.3.11)::

        partial_j = t_j / sqrt(t_j^2 + df_res)
        part_j    = t_j * sqrt((1 - R^2) / df_res)

    Returns
    -------
    DataFrame
        "Model" (the predictors, in order), "Zero-order", "Partial", "Part";
        SPSS prints these as the "Correlations" group of the Coefficients
        table, empty for the constant (left out here).
    """
    x, y = result.design[:, 1:], result.y
    xc, yc = x - x.mean(axis=0), y - y.mean()
    zero_order = (xc.T @ yc) / np.sqrt((xc**2).sum(axis=0) * (yc @ yc))
    t = result.coefficients["t"].to_numpy()[1:]
    df = result.df_resid
    return pd.DataFrame({
        "Model": list(result.predictors),
        "Zero-order": zero_order,
        "Partial": t / np.sqrt(t**2 + df),
        "Part": t * np.sqrt((1.0 - result.r_squared) / df),
    })


@dataclass(frozen=True)
class RegressionEquation:
    """The fitted equation, written out, and each B in the units of the scores.

    Attributes
    ----------
    text : str
        ``"KIN = 1.234 + 0.027 WE + ... + e"`` (the variables' names).
    text_symbols : str
        The same with Y and X1..Xk, as Indonesian theses write it.
    terms : DataFrame
        One row per term: "Model", "Symbol" (a, b1.. / Y, X1..), "B",
        "Items" (items in the predictor's composite), "Composite" ("sum" or
        "mean"), "B per composite point" (the change in the dependent's score
        per point of the predictor's score as the regression uses it) and "B
        per answer point" (per point higher on *every* item of the predictor:
        B x items for a sum, B for a mean); empty for the constant.
    """

    text: str
    text_symbols: str
    terms: pd.DataFrame


def _signed(value: float, decimals: int) -> str:
    from .spss_format import format_number

    sign = "-" if value < 0 and format_number(abs(value), decimals) != format_number(0.0, decimals) else "+"
    return f"{sign} {format_number(abs(value), decimals, leading_zero=True)}"


def regression_equation(result: RegressionResult, *, items: dict[str, int] | None = None,
                        composite: str = "sum", decimals: int = 3) -> RegressionEquation:
    """The regression equation Y = a + b1 X1 + ... + bk Xk + e, written from the coefficients.

    Parameters
    ----------
    result : RegressionResult
    items : dict, optional
        Number of items in each predictor's composite score (codebook); without
        it "Items" and "B per answer point" are empty.
    composite : {"sum", "mean"}, default "sum"
        How the composites were scored (codebook ``composite``).  A sum of k
        items moves k points when the respondent answers one point higher on
        every item, so B per answer point is k x B; a mean moves one point.
    decimals : int, default 3
        Decimals shown, as SPSS prints B (rounded half away from zero).

    Notes
    -----
    The numbers are B from the Coefficients table; ``e`` is the residual.
    The equation describes the fitted association in these data; it is not
    a causal law.
    """
    from .spss_format import format_number

    if composite not in ("sum", "mean"):
        raise ValueError(f"composite must be 'sum' or 'mean', got {composite!r}")
    if decimals < 0:
        raise ValueError(f"decimals must be non-negative, got {decimals!r}")
    params = result.params
    counts = [np.nan if items is None or p not in items else float(items[p]) for p in result.predictors]
    per_answer = [b * k if composite == "sum" else b for b, k in zip(params[1:], counts)]
    per_answer = [np.nan if np.isnan(k) else v for v, k in zip(per_answer, counts)]
    terms = pd.DataFrame({
        "Model": [CONSTANT, *result.predictors],
        "Symbol": ["a", *[f"b{i}" for i in range(1, len(result.predictors) + 1)]],
        "Variable": ["", *[f"X{i}" for i in range(1, len(result.predictors) + 1)]],
        "B": params,
        "Items": [np.nan, *counts],
        "Composite": ["", *[composite] * len(result.predictors)],
        "B per composite point": [np.nan, *params[1:]],
        "B per answer point": [np.nan, *per_answer],
    })
    constant = format_number(params[0], decimals, leading_zero=True)
    named = " ".join(f"{_signed(b, decimals)} {p}" for b, p in zip(params[1:], result.predictors))
    symbols = " ".join(f"{_signed(b, decimals)}X{i}" for i, b in enumerate(params[1:], start=1))
    return RegressionEquation(text=f"{result.dependent} = {constant} {named} + e",
                              text_symbols=f"Y = {constant} {symbols} + e", terms=terms)


#: The rows of :func:`critical_values` and the rule each states (English in the data; shown with ``tr``).
CRITICAL_TESTS = (N_("t (two-tailed)"), N_("t (one-tailed)"), N_("F"))
CRITICAL_RULES = (
    N_("|t| > critical value, the same decision as two-tailed Sig. < alpha"),
    N_("t beyond the critical value in the hypothesised direction, the same decision as one-tailed p < alpha"),
    N_("F > critical value, the same decision as Sig. < alpha"),
)


def critical_values(result: RegressionResult, *, significance: float = 0.05) -> pd.DataFrame:
    """The t-table and F-table values at the fit's degrees of freedom ("t tabel", "F tabel").

    A printed t or F table lists quantiles of the t and F distributions; the
    critical value is that quantile at the fit's df, and comparing the
    statistic with it is the same decision as comparing Sig. with
    ``significance`` (|t| > t(1 - alpha/2; df) exactly when the two-tailed
    Sig. < alpha; F > F(1 - alpha; k, df) exactly when Sig. < alpha).

    Parameters
    ----------
    result : RegressionResult
    significance : float, default 0.05

    Returns
    -------
    DataFrame
        Rows "t (two-tailed)", "t (one-tailed)", "F"; columns "Test", "df1",
        "df2" (NaN for t), "alpha", "Quantile" (the cumulative probability
        of the critical value), "Critical value" and "Rule" in words.
    """
    from scipy import stats

    if not 0 < significance < 1:
        raise ValueError(f"significance must lie strictly between 0 and 1, got {significance!r}")
    df, k = result.df_resid, len(result.predictors)
    return pd.DataFrame({
        "Test": list(CRITICAL_TESTS),
        "df1": [df, df, k],
        "df2": [np.nan, np.nan, df],
        "alpha": [significance] * 3,
        "Quantile": [1 - significance / 2, 1 - significance, 1 - significance],
        "Critical value": [float(stats.t.isf(significance / 2, df)), float(stats.t.isf(significance, df)),
                           float(stats.f.isf(significance, k, df))],
        "Rule": list(CRITICAL_RULES),
    })


def spss_tables(result: RegressionResult) -> dict:
    """Model Summary, ANOVA and Coefficients as SPSS 21's viewer prints them (for display).

    Titles above, "Model 1", grouped headers (Unstandardized Coefficients,
    Standardized Coefficients, 95.0% Confidence Interval for B, Collinearity
    Statistics), no row index, three decimals with SPSS's rounding and no
    leading zero, Sig. as ``.000``, and SPSS's footnotes ("a. Predictors:
    (Constant), ...", "b. Dependent Variable: ...").

    Returns
    -------
    dict
        "Model Summary", "ANOVA", "Coefficients" -> :class:`~surveykit.spss_format.SpssTable`.
    """
    from .spss_format import spss_styled

    # SPSS's footnotes, kept in the words SPSS prints (Indonesian theses quote them so).
    names = ", ".join(result.predictors)
    dependent = {"a": tr("a. Dependent Variable: {dependent}", dependent=result.dependent),
                 "b": tr("b. Dependent Variable: {dependent}", dependent=result.dependent)}
    predictors = {"a": tr("a. Predictors: (Constant), {predictors}", predictors=names),
                  "b": tr("b. Predictors: (Constant), {predictors}", predictors=names)}
    three = {c: 3 for c in ("R", "R Square", "Adjusted R Square", "Std. Error of the Estimate", "Durbin-Watson",
                            "Sum of Squares", "Mean Square", "F", "B", "Std. Error", "Beta", "t", CI_LOWER,
                            CI_UPPER, "Tolerance", "VIF")}
    return {
        "Model Summary": spss_styled(result.model_summary, title="Model Summary", decimals=three, model=1,
                                     footnotes=(predictors["a"], dependent["b"])),
        "ANOVA": spss_styled(result.anova, title="ANOVA", decimals={**three, "df": 0}, model=1, term_column="Model",
                             footnotes=(dependent["a"], predictors["b"])),
        "Coefficients": spss_styled(
            result.coefficients, title="Coefficients", decimals=three, model=1, term_column="Model",
            groups={"Unstandardized Coefficients": ["B", "Std. Error"], "Standardized Coefficients": ["Beta"],
                    "95.0% Confidence Interval for B": {CI_LOWER: "Lower Bound", CI_UPPER: "Upper Bound"},
                    "Collinearity Statistics": ["Tolerance", "VIF"]},
            footnotes=(dependent["a"],)),
    }
