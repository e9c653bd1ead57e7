"""The one-factor measurement model of a scale and what it gives: McDonald's omega (with a
bootstrap interval and omega if item deleted), the model's likelihood-ratio test, standardized
loadings, composite reliability, AVE and the Fornell-Larcker criterion.

The model is fitted by maximum likelihood to the item correlation matrix
(the concentrated likelihood of R's ``factanal``); alpha and the tables that
put alpha and omega side by side are in :mod:`surveykit.reliability`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._checks import STATUS_IDENTICAL, STATUS_OK, STATUS_SINGLE, STATUS_ZERO_VARIANCE, identical_item_groups, numeric_block
from .i18n import N_, tr

__all__ = [
    "OmegaResult",
    "mcdonald_omega",
    "one_factor_chi_square",
    "omega_interval",
    "omega_if_item_deleted",
    "measurement_model",
    "fornell_larcker",
]

STATUS_TOO_FEW_ITEMS = N_("too few items")


@dataclass(frozen=True)
class OmegaResult:
    """McDonald's omega (total) from a one-factor model.

    Attributes
    ----------
    omega : float or None
        (sum lambda)^2 / ((sum lambda)^2 + sum psi) for the unweighted sum
        of the raw items; None when not defined.
    loadings, uniquenesses : tuple of float
        Standardized one-factor ML loadings and uniquenesses (empty when not fitted).
    status, explanation : str
        "ok", or why omega is not defined ("too few items", "Heywood case",
        "not converged", "identical items", "zero variance item", "single item").
    """

    omega: float | None
    loadings: tuple[float, ...]
    uniquenesses: tuple[float, ...]
    n_items: int
    status: str
    explanation: str


FIT_HEYWOOD = N_("Heywood case")
FIT_NOT_CONVERGED = N_("not converged")
_PSI_LOWER = 0.005
# Largest |projected gradient| of the ML discrepancy accepted as a stationary point.
_GRADIENT_TOLERANCE = 1e-6


def _projected_gradient(grad: np.ndarray, psi: np.ndarray, lower: float, upper: float) -> np.ndarray:
    """Gradient with the components that point out of the box [lower, upper] set to zero.

    A box-constrained minimum is reached when this vector is zero: free
    coordinates have zero slope, a coordinate at a bound only slopes outwards.
    """
    projected = grad.copy()
    at_lower = psi <= lower * (1 + 1e-9)
    at_upper = psi >= upper * (1 - 1e-9)
    projected[at_lower] = np.minimum(grad[at_lower], 0.0)
    projected[at_upper] = np.maximum(grad[at_upper], 0.0)
    return projected


def _loadings(corr: np.ndarray, psi: np.ndarray) -> np.ndarray:
    """The ML loadings given the uniquenesses, for a stack (B, p, p) of correlation matrices and psi (B, p).

    The leading eigenvector of Psi^-1/2 R Psi^-1/2, scaled by sqrt(theta_1 - 1)
    and back by Psi^1/2 (zero when theta_1 <= 1).
    """
    scale = 1 / np.sqrt(psi)
    star = corr * (scale[:, :, None] * scale[:, None, :])
    values, vectors = np.linalg.eigh(star)
    top = np.maximum(values[:, -1] - 1, 0.0)
    return np.sqrt(psi) * vectors[:, :, -1] * np.sqrt(top)[:, None]


def _discrepancy(corr: np.ndarray, psi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The concentrated ML discrepancy F = log|Sigma| + tr(R Sigma^-1) and its gradient
    diag(Sigma^-1 (Sigma - R) Sigma^-1), for a stack of fits at once.

    Each matrix of a stack goes through the same LAPACK and BLAS calls as it
    would alone, so a fit's arithmetic (and its result, bit for bit) does not
    depend on which other fits share the stack.  A Sigma that is not positive
    definite gets F = 1e10 and a zero gradient (the optimiser steps back).
    """
    lam = _loadings(corr, psi)
    p = psi.shape[1]
    diagonal = np.zeros_like(corr)
    diagonal[:, np.arange(p), np.arange(p)] = psi
    sigma = lam[:, :, None] * lam[:, None, :] + diagonal
    sign, logdet = np.linalg.slogdet(sigma)
    value = np.full(len(psi), 1e10)
    gradient = np.zeros_like(psi)
    good = sign > 0
    if good.any():
        inverse = np.linalg.inv(sigma[good])
        value[good] = logdet[good] + np.trace(inverse @ corr[good], axis1=1, axis2=2)
        gradient[good] = np.diagonal(inverse @ (sigma[good] - corr[good]) @ inverse, axis1=1, axis2=2)
    return value, gradient


def _lbfgsb(corr: np.ndarray, start: np.ndarray, lower: float, upper: float) -> np.ndarray:
    """L-BFGS-B minimisation of :func:`_discrepancy` for a stack of fits, in lock-step.

    This is scipy's ``minimize(method="L-BFGS-B", jac=True)`` loop (maxcor 10,
    maxls 20, maxiter 2000, ftol 1e-15, gtol 1e-12; Byrd, Lu, Nocedal & Zhu
    1995) run for every fit of the stack at once: each fit keeps its own
    L-BFGS-B state in scipy's compiled ``setulb`` (private API, pinned scipy),
    and the objective is evaluated for all fits that ask for it in one batched
    call.  Each fit's iterates are therefore those of ``scipy.optimize.minimize``,
    bit for bit (tests/test_factor.py checks this against ``minimize``): a
    bootstrap of 1,000 refits costs a few dozen batched evaluations instead of
    17,000 single ones.

    Returns
    -------
    ndarray
        The end points (B, p).
    """
    from scipy.optimize import _lbfgsb

    maxcor, maxls, max_iterations, max_evaluations = 10, 20, 2000, 15000
    factr = 1e-15 / np.finfo(float).eps
    gtol = 1e-12
    fits, p = start.shape
    low, high = np.full(p, lower), np.full(p, upper)
    kinds = np.full(p, 2, dtype=np.int32)  # bounded below and above
    x = np.clip(start, lower, upper).astype(np.float64)
    f = np.zeros(fits)
    g = np.zeros((fits, p))
    states = [(np.zeros(2 * maxcor * p + 5 * p + 11 * maxcor * maxcor + 8 * maxcor), np.zeros(3 * p, dtype=np.int32),
               np.zeros(2, dtype=np.int32), np.zeros(2, dtype=np.int32), np.zeros(4, dtype=np.int32),
               np.zeros(44, dtype=np.int32), np.zeros(29)) for _ in range(fits)]
    iterations = np.zeros(fits, dtype=int)
    evaluations = np.zeros(fits, dtype=int)
    running = list(range(fits))
    while running:
        asking = []
        for i in running:
            wa, iwa, task, ln_task, lsave, isave, dsave = states[i]
            while True:
                _lbfgsb.setulb(maxcor, x[i], low, high, kinds, f[i], g[i], factr, gtol, wa, iwa, task, lsave,
                               isave, dsave, maxls, ln_task)
                if task[0] == 3:  # wants F and its gradient at x
                    asking.append(i)
                    break
                if task[0] != 1:  # converged or stopped
                    break
                iterations[i] += 1  # a new iteration: minimize's limits
                if iterations[i] >= max_iterations:
                    task[0], task[1] = 5, 504
                elif evaluations[i] > max_evaluations:
                    task[0], task[1] = 5, 502
        if asking:
            f[asking], g[asking] = _discrepancy(corr[asking], x[asking])
            evaluations[asking] += 1
        running = asking
    return x


def _newton_polish(corr: np.ndarray, psi: np.ndarray, gradient: np.ndarray, lower: float, upper: float) -> np.ndarray:
    """A Newton step on the gradient from L-BFGS-B's stationary end points (a stack of fits).

    L-BFGS-B stops on the discrepancy's value, which is flat at the minimum: its end point is
    exact only to about the square root of the rounding error (1e-8), and where that rounding
    differs (another CPU's BLAS kernels) the printed ninth digit of omega and the loadings moves.
    One Newton step on the analytic gradient (:func:`_discrepancy`; ``gradient`` is its value at
    ``psi``), with the Hessian by forward differences of it (relative error about 1e-6), leaves
    the end point about 1e-14 from where the gradient vanishes, so the same digits come out on
    every machine.  Coordinates at a bound stay there; the step is kept only where it lowers the
    largest free gradient component.
    """
    fits, p = psi.shape
    free = (psi > lower * (1 + 1e-9)) & (psi < upper * (1 - 1e-9))
    identity = np.eye(p)
    h = 1e-6
    gradient = np.where(free, gradient, 0.0)
    _, shifted_gradient = _discrepancy(np.repeat(corr, p, axis=0), (psi[:, None, :] + h * identity).reshape(-1, p))
    hessian = (shifted_gradient.reshape(fits, p, p) - gradient[:, None, :]) / h
    hessian = np.where(free[:, :, None] & free[:, None, :], (hessian + hessian.transpose(0, 2, 1)) / 2, identity)
    trial = np.clip(psi - np.linalg.solve(hessian, gradient[..., None])[..., 0], lower, upper)
    _, trial_gradient = _discrepancy(corr, trial)
    better = np.max(np.abs(np.where(free, trial_gradient, 0.0)), axis=1) < np.max(np.abs(gradient), axis=1)
    return np.where(better[:, None], trial, psi)


@functools.cache
def _blas_controller():
    """threadpoolctl's view of the loaded BLAS libraries, looked up once per process (about 1 ms a look)."""
    from scipy import linalg  # noqa: F401 (scipy's own OpenBLAS is loaded before the libraries are looked up)
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _one_blas_thread():
    """A context in which BLAS runs on one thread: fits of p x p matrices only contend for threads."""
    return _blas_controller().limit(limits=1)


def _one_factor_ml(corr: np.ndarray, start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """One-factor maximum-likelihood fits to a stack (B, p, p) of correlation matrices.

    Minimises the ML discrepancy F = log|Sigma| + tr(R Sigma^-1) over the
    uniquenesses psi, with the loadings given psi from the leading
    eigenvector of Psi^-1/2 R Psi^-1/2 (the concentrated likelihood used by
    R's ``factanal``, Joreskog 1967).  The gradient of the concentrated F is
    diag(Sigma^-1 (Sigma - R) Sigma^-1) (the loadings are optimal given psi,
    so their derivative drops out).  The optimiser is L-BFGS-B (:func:`_lbfgsb`).

    Convergence is judged by the projected gradient at the end point, not by
    the optimiser's own flag: L-BFGS-B may report ``success=False`` ("abnormal
    termination in line search") when it stops *at* the optimum because no
    step can lower F further in floating point.  A fit that fails the gradient
    test is tried again from the next start (the given one, then
    1 - squared multiple correlation, then a flat psi = 0.5); the first to pass
    is kept, else the one with the lowest F.

    Parameters
    ----------
    corr : ndarray (B, p, p)
    start : ndarray (B, p), optional
        Tried before the usual starts (a bootstrap's full-sample solution is usually closer).

    Returns
    -------
    loadings, uniquenesses : ndarray (B, p)
    status : list of str
        "ok"; "Heywood case" when a uniqueness sits at its lower bound;
        "not converged" when no start reaches a point with a zero projected gradient.
    """
    lower, upper = _PSI_LOWER, 1.0
    fits, p = corr.shape[:2]

    # Start from 1 - squared multiple correlation (= 1 / diag(R^-1)), as factanal does;
    # a given start (a bootstrap's full-sample solution) is tried first, as it is usually closer.
    def smc(indices: np.ndarray) -> np.ndarray:
        return np.array([(1 / np.diag(np.linalg.pinv(corr[i]))).clip(lower, upper) for i in indices]).reshape(-1, p)

    starts = [smc, lambda indices: np.full((len(indices), p), 0.5)]
    if start is not None:
        given = np.asarray(start, dtype=float).reshape(fits, p)
        starts.insert(0, lambda indices: given[indices].clip(lower, upper))
    psi = np.zeros((fits, p))
    value = np.zeros(fits)
    gradient = np.zeros((fits, p))
    stationary = np.zeros(fits, dtype=bool)
    tried = np.zeros(fits, dtype=bool)
    todo = np.arange(fits)
    for starts_for in starts:
        if not len(todo):
            break
        # Fits of p x p matrices: BLAS threads only contend (ten times slower on a busy machine).
        with _one_blas_thread():
            end = _lbfgsb(corr[todo], starts_for(todo), lower, upper)
            end_value, end_gradient = _discrepancy(corr[todo], end)
        end_stationary = np.max(np.abs(_projected_gradient(end_gradient, end, lower, upper)), axis=1) < _GRADIENT_TOLERANCE
        better = (~tried[todo] | (end_stationary & ~stationary[todo])
                  | ((end_stationary == stationary[todo]) & (end_value < value[todo])))
        chosen = todo[better]
        psi[chosen], value[chosen], stationary[chosen] = end[better], end_value[better], end_stationary[better]
        gradient[chosen] = end_gradient[better]
        tried[todo] = True
        todo = todo[~stationary[todo]]
    heywood = np.any(psi <= lower * 1.0001, axis=1)
    polish = stationary & ~heywood
    if polish.any():
        with _one_blas_thread():
            psi[polish] = _newton_polish(corr[polish], psi[polish], gradient[polish], lower, upper)
    lam = _loadings(corr, psi)
    lam = np.where(lam.sum(axis=1, keepdims=True) < 0, -lam, lam)
    status = [FIT_HEYWOOD if h else (STATUS_OK if s else FIT_NOT_CONVERGED) for h, s in zip(heywood, stationary)]
    return lam, psi, status


def mcdonald_omega(data: pd.DataFrame, items: Sequence[str], *,
                   start_uniquenesses: Sequence[float] | None = None) -> OmegaResult:
    """McDonald's omega total from a one-factor maximum-likelihood model.

    The factor model is fitted by maximum likelihood to the item correlation
    matrix (own small implementation, see ``_one_factor_ml``); loadings and
    uniquenesses are rescaled by the item standard deviations, and omega is
    the share of the variance of the raw sum score due to the common factor.
    Not defined (explicitly, with the reason) for fewer than three items
    (a one-factor model is not identified), for copies or constant items,
    when the fit ends in a Heywood case (a uniqueness at its bound), and
    when the fit does not converge (judged by the projected gradient).

    Parameters
    ----------
    data : DataFrame
    items : sequence of str
    start_uniquenesses : sequence of float, optional
        Where the fit starts (e.g. the full-sample solution, for a bootstrap
        resample), tried before the usual starts; it usually reaches the optimum in fewer steps.

    Returns
    -------
    OmegaResult
    """
    return _omega_of_values(numeric_block(data, items, min_rows=2), start_uniquenesses)


def _omega_of_values(values: np.ndarray, start_uniquenesses: Sequence[float] | None = None) -> OmegaResult:
    """:func:`mcdonald_omega` of an already checked n x k float array."""
    return _omega_of_summaries(values.std(axis=0, ddof=1), lambda: bool(identical_item_groups(values)),
                               lambda: np.corrcoef(values, rowvar=False), start_uniquenesses)


def _omega_of_summaries(sd: np.ndarray, has_copies: Callable[[], bool], correlations: Callable[[], np.ndarray],
                        start_uniquenesses: Sequence[float] | None = None) -> OmegaResult:
    """:func:`mcdonald_omega` from the items' standard deviations, whether some are copies, and their correlations.

    The checks in the order :func:`mcdonald_omega` documents; the copies and the correlations are asked for
    only when a check needs them.
    """
    k = len(sd)
    if k == 1:
        return OmegaResult(None, (), (), 1, STATUS_SINGLE, tr("A single item has no common factor to estimate."))
    if np.any(sd == 0):
        return OmegaResult(None, (), (), k, STATUS_ZERO_VARIANCE,
                           tr("An item without variance has no correlations: the factor model cannot be fitted."))
    if has_copies():
        return OmegaResult(None, (), (), k, STATUS_IDENTICAL,
                           tr("Some items are copies of each other (correlation 1): the one-factor model has a "
                              "zero uniqueness (Heywood case) and omega is not defined."))
    if k < 3:
        return OmegaResult(None, (), (), k, STATUS_TOO_FEW_ITEMS,
                           tr("A one-factor model needs at least three items to be identified; with two items "
                              "omega is not defined."))
    corr = correlations()
    lam, psi, fit_status = _one_factor_ml(
        corr[None], None if start_uniquenesses is None else np.asarray(start_uniquenesses, dtype=float)[None])
    return _fitted_omega(lam[0], psi[0], fit_status[0], sd)


def _fitted_omega(lam: np.ndarray, psi: np.ndarray, fit_status: str, sd: np.ndarray) -> OmegaResult:
    """The :class:`OmegaResult` of one fit: omega of the raw sum score (item SDs ``sd``), or why it is not reported."""
    k = len(lam)
    if fit_status == FIT_HEYWOOD:
        return OmegaResult(None, tuple(map(float, lam)), tuple(map(float, psi)), k, FIT_HEYWOOD,
                           tr("The one-factor fit ran into a uniqueness at its lower bound (Heywood case): "
                              "omega is not reported."))
    if fit_status == FIT_NOT_CONVERGED:
        return OmegaResult(None, tuple(map(float, lam)), tuple(map(float, psi)), k, FIT_NOT_CONVERGED,
                           tr("The one-factor fit did not reach a point where the likelihood stops improving "
                              "(non-zero projected gradient from two starts): omega is not reported."))
    lam_raw = lam * sd
    psi_raw = psi * sd**2
    common = lam_raw.sum() ** 2
    omega = float(common / (common + psi_raw.sum()))
    return OmegaResult(omega, tuple(map(float, lam)), tuple(map(float, psi)), k, STATUS_OK, "")


def one_factor_chi_square(data: pd.DataFrame, items: Sequence[str], *,
                          fit: OmegaResult | None = None) -> tuple[float, int, float]:
    """Likelihood-ratio test of the one-factor model behind omega: chi-square, df, p.

    chi2 = (n - 1 - (2p + 5)/6) * F_min, with F_min = log|Sigma| + tr(R Sigma^-1)
    - log|R| - p at the ML estimate and Bartlett's correction (as R's
    ``factanal`` prints it); df = ((p - 1)^2 - (p + 1)) / 2.  A small p says
    the items do not measure one common factor with uncorrelated errors.

    Returns NaN statistics when the fit is not available (see :func:`mcdonald_omega`'s status)
    or df <= 0 (three items fit exactly).

    Parameters
    ----------
    fit : OmegaResult, optional
        :func:`mcdonald_omega` of the same data and items, when the caller has it (not fitted again).
    """
    from scipy import stats

    omega = _fit_of(data, items, fit)
    values = numeric_block(data, items, min_rows=2)
    n, p = values.shape
    df = ((p - 1) ** 2 - (p + 1)) // 2
    if omega.status != STATUS_OK or df <= 0:
        return math.nan, int(df), math.nan
    corr = np.corrcoef(values, rowvar=False)
    lam, psi = np.array(omega.loadings), np.array(omega.uniquenesses)
    sigma = np.outer(lam, lam) + np.diag(psi)
    f_min = (np.linalg.slogdet(sigma)[1] + np.trace(np.linalg.solve(sigma, corr))
             - np.linalg.slogdet(corr)[1] - p)
    chi2 = float(max(f_min, 0.0) * (n - 1 - (2 * p + 5) / 6))
    return chi2, int(df), float(stats.chi2.sf(chi2, df))


def omega_interval(data: pd.DataFrame, items: Sequence[str], *, n_resamples: int = 1000, seed: int,
                   confidence: float = 0.95, fit: OmegaResult | None = None) -> tuple[float, float, int]:
    """Percentile bootstrap interval for McDonald's omega (respondents resampled with replacement).

    Each resample refits the one-factor model (:func:`mcdonald_omega`);
    resamples where omega is not defined (Heywood case, copies, no
    convergence) are dropped and counted.  Percentiles by numpy's default
    (linear) interpolation; the resamples come from
    ``numpy.random.default_rng(seed)``, so the same seed gives the same interval.
    The refits start from the full-sample solution and run as one stack
    (:func:`_lbfgsb`); each is the fit :func:`mcdonald_omega` makes of its resample, bit for bit.

    Parameters
    ----------
    fit : OmegaResult, optional
        :func:`mcdonald_omega` of the same data and items, when the caller has it (not fitted again).

    Returns
    -------
    low, high : float
        NaN when omega is not defined on the data or on fewer than half the resamples.
    n_used : int
        Resamples with a defined omega.
    """
    if n_resamples < 100:
        raise ValueError(f"use at least 100 resamples for percentile intervals, got {n_resamples}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    values = numeric_block(data, items, min_rows=2)
    full = _fit_of(data, items, fit)
    if full.omega is None:
        return math.nan, math.nan, 0
    n, k = values.shape
    rng = np.random.default_rng(seed)
    corrs, sds = [], []
    pairs = np.triu_indices(k, 1)
    # Thousands of fits on p x p matrices: BLAS threads only contend (ten times slower on a busy machine).
    # The resamples are rows of the checked array (no DataFrame per resample: most of the time otherwise).
    with _one_blas_thread():
        for _ in range(n_resamples):
            # Column-major, as the checked array of a DataFrame is: the same bits from the same arithmetic.
            sample = np.asfortranarray(values[rng.integers(0, n, size=n)])
            sd = sample.std(axis=0, ddof=1)
            if np.any(sd == 0):
                continue
            corr = np.corrcoef(sample, rowvar=False)
            # Copies correlate 1, so only a resample with such a pair needs the exact (slower) test.
            if corr[pairs].max() > 1 - 1e-9 and identical_item_groups(sample):
                continue
            corrs.append(corr)
            sds.append(sd)
        draws = []
        if corrs:
            lam, psi, status = _one_factor_ml(np.array(corrs), np.tile(full.uniquenesses, (len(corrs), 1)))
            for i, sd in enumerate(sds):
                omega = _fitted_omega(lam[i], psi[i], status[i], sd).omega
                if omega is not None:
                    draws.append(omega)
    if len(draws) < n_resamples / 2:
        return math.nan, math.nan, len(draws)
    tail = (1 - confidence) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    return float(low), float(high), len(draws)


def _fit_of(data: pd.DataFrame, items: Sequence[str], fit: OmegaResult | None) -> OmegaResult:
    """``fit`` when given (checked to be of as many items), else :func:`mcdonald_omega` of the items."""
    if fit is None:
        return mcdonald_omega(data, items)
    if fit.n_items != len(items):
        raise ValueError(f"the fit given is of {fit.n_items} items, not of the {len(items)} items asked for")
    return fit


def omega_if_item_deleted(data: pd.DataFrame, items: Sequence[str]) -> pd.DataFrame:
    """Omega of the scale without each item in turn (as SPSS's "Cronbach's Alpha if Item Deleted").

    Returns
    -------
    DataFrame
        "item", "Omega if Item Deleted" (NaN where not defined) and "note"
        (the reason, e.g. two items left).
    """
    # One pass over the respondents for the whole scale: without item j, the standard deviations, the
    # copies and the correlations are the whole scale's without j (each column's and each pair's arithmetic
    # is the same whatever the other columns), so each refit reads a k x k matrix, not n rows again.
    values = numeric_block(data, items, min_rows=2)
    sd = values.std(axis=0, ddof=1)
    copies = identical_item_groups(values)
    correlations = functools.cache(lambda: _correlations_of_varying(values))
    rows = []
    for j, item in enumerate(items):
        rest = [i for i in range(len(items)) if i != j]
        result = _omega_of_summaries(sd[rest], lambda j=j: any(len(set(group) - {j}) > 1 for group in copies),
                                     lambda rest=rest: correlations()[np.ix_(rest, rest)])
        rows.append({"item": item, "Omega if Item Deleted": math.nan if result.omega is None else result.omega,
                     "note": result.explanation if result.omega is None else ""})
    return pd.DataFrame(rows)


def _correlations_of_varying(values: np.ndarray) -> np.ndarray:
    """``np.corrcoef`` of the columns; a constant column's row and column are NaN, the rest as without it."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.corrcoef(values, rowvar=False)


def measurement_model(data: pd.DataFrame, constructs: dict[str, Sequence[str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each construct's one-factor model: standardized loadings, composite reliability and AVE.

    Uses the one-factor ML fit of :func:`mcdonald_omega` (one home for the
    fit).  With standardized loadings lambda_i and uniquenesses 1 - lambda_i^2:

        CR  = (sum lambda)^2 / ((sum lambda)^2 + sum (1 - lambda^2))   (Joreskog 1971)
        AVE = mean(lambda^2)                                           (Fornell & Larcker 1981)

    The usual thresholds (loading >= .70, CR >= .70, AVE >= .50; Hair et al.)
    are the reader's to apply; the tables give the numbers and the status.

    Returns
    -------
    loadings : DataFrame
        "Construct", "item", "Standardized Loading", "Uniqueness" (NaN where the model is not fitted).
    summary : DataFrame
        "Construct", "N of Items", "Composite Reliability", "AVE", "Status", "Explanation".
    """
    loading_rows, summary_rows = [], []
    for key, items in constructs.items():
        items = list(items)
        result = mcdonald_omega(data, items)
        fitted = result.status == STATUS_OK
        lam = np.array(result.loadings) if fitted else np.full(len(items), np.nan)
        for item, value in zip(items, lam):
            loading_rows.append({"Construct": key, "item": item, "Standardized Loading": float(value),
                                 "Uniqueness": float(1 - value**2)})
        if fitted:
            common = lam.sum() ** 2
            cr = float(common / (common + (1 - lam**2).sum()))
            ave = float(np.mean(lam**2))
        else:
            cr = ave = math.nan
        summary_rows.append({"Construct": key, "N of Items": len(items), "Composite Reliability": cr, "AVE": ave,
                             "Status": result.status, "Explanation": result.explanation})
    return pd.DataFrame(loading_rows), pd.DataFrame(summary_rows)


def fornell_larcker(scores: pd.DataFrame, summary: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Fornell-Larcker criterion: each construct's sqrt(AVE) against its correlations with the others.

    Discriminant validity holds for a construct when sqrt(AVE) exceeds its
    absolute correlation with every other construct (Fornell & Larcker 1981).
    The correlations are those of the construct scores (the composites the
    regression uses), as PLS-SEM reports compute them, not latent
    correlations from a joint factor model.

    Parameters
    ----------
    scores : DataFrame
        One column per construct (e.g. :func:`surveykit.scoring.construct_scores`).
    summary : DataFrame
        The summary of :func:`measurement_model`.

    Returns
    -------
    matrix : DataFrame
        "Construct" and one column per construct: sqrt(AVE) on the diagonal,
        Pearson r of the scores off it.
    verdicts : DataFrame
        "Construct", "sqrt(AVE)", "Largest |r| with another construct", "Criterion Met"
        (None when AVE is not defined).
    """
    keys = list(summary["Construct"])
    values = numeric_block(scores, keys, min_rows=3)
    corr = np.corrcoef(values, rowvar=False) if len(keys) > 1 else np.ones((1, 1))
    root_ave = np.sqrt(summary["AVE"].to_numpy(float))
    matrix = corr.copy()
    np.fill_diagonal(matrix, root_ave)
    rows = []
    for i, key in enumerate(keys):
        others = np.abs(np.delete(corr[i], i))
        largest = float(others.max()) if len(others) else math.nan
        met = None if (math.isnan(root_ave[i]) or math.isnan(largest)) else bool(root_ave[i] > largest)
        rows.append({"Construct": key, "sqrt(AVE)": float(root_ave[i]),
                     "Largest |r| with another construct": largest, "Criterion Met": met})
    frame = pd.DataFrame(matrix, columns=keys)
    frame.insert(0, "Construct", keys)
    return frame, pd.DataFrame(rows)
