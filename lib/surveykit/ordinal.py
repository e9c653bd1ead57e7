"""Ordinal regression: the proportional-odds (cumulative logit) model, as SPSS 21 PLUM fits it.

A Likert composite that takes only a few values is an ordered category, not
a continuous measurement; OLS then treats the distances between the values
as known and equal and predicts values the scale cannot take.  The
proportional-odds model (McCullagh 1980) needs only the order:

    logit P(Y <= c_j | x) = theta_j - x' beta,    j = 1 .. J - 1,

with thresholds theta_1 < ... < theta_{J-1} and one slope per predictor
shared by all cumulative splits.  A positive beta shifts respondents towards
higher categories, as a positive OLS B does.  This is SPSS PLUM's
parameterisation (/LINK=LOGIT; "Threshold" and "Location" rows), fitted as
PLUM fits it: Newton-Raphson on the analytic score and Hessian, with
step-halving (:func:`_newton_raphson`).  An iteration costs O(n (k + J))
and a (k + J - 1)-square solve, so the fit's time grows linearly with the
number of cases.

:func:`ordinal_regression` returns a status instead of failing where the
model cannot be estimated: a dependent variable with a single value, too few
cases, complete separation (some linear combination of the predictors orders
the categories perfectly, so the likelihood has no maximum) and fits whose
gradient does not vanish (typically quasi-complete separation).
:func:`compare_with_ols` sets the model beside the OLS fit predictor by predictor.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._checks import numeric_block
from .i18n import N_, localize_number, tr

__all__ = [
    "OrdinalResult",
    "ordinal_regression",
    "compare_with_ols",
    "describe_changes",
    "STATUS_OK",
]

STATUS_OK = "ok"
STATUS_ONE_CATEGORY = N_("one category")
STATUS_TOO_FEW_CASES = N_("too few cases")
STATUS_SEPARATION = N_("complete separation")
STATUS_NOT_CONVERGED = N_("not converged")

# Largest |score| (gradient of the log-likelihood, per case) accepted as a maximum.
_GRADIENT_TOLERANCE = 1e-5
COEFFICIENT_COLUMNS = ["Model", "Estimate", "Std. Error", "Wald", "df", "Sig.",
                       "95% CI Lower", "95% CI Upper", "LR Chi-Square", "LR Sig."]
THRESHOLD_COLUMNS = ["Threshold", "Estimate", "Std. Error", "Wald", "df", "Sig.", "95% CI Lower", "95% CI Upper"]


@dataclass(frozen=True, eq=False)
class OrdinalResult:
    """A proportional-odds fit.

    Attributes
    ----------
    dependent : str
    predictors : tuple of str
    n : int
    categories : tuple of float
        The dependent's distinct values, in order.
    counts : tuple of int
        Cases per category.
    coefficients : DataFrame
        One row per predictor ("Location" in SPSS PLUM): "Model", "Estimate",
        "Std. Error", "Wald" ((Estimate / SE)^2), "df", "Sig." (Wald
        chi-square, 1 df), "95% CI Lower/Upper" (Wald), "LR Chi-Square" and
        "LR Sig." (likelihood-ratio test of dropping the predictor: twice the
        drop in log-likelihood, 1 df).  NaN where not estimable.
    thresholds : DataFrame
        One row per cumulative split, labelled as SPSS does ("[KIN = 7]"),
        same columns as SPSS's "Threshold" rows.
    log_likelihood, null_log_likelihood : float
        Final model and thresholds-only model ("Intercept Only" in SPSS's
        Model Fitting Information); NaN when not fitted.
    model_chi_square, model_sig : float
        Likelihood-ratio test of all slopes, df = number of predictors.
    status : str
        "ok", "one category", "too few cases", "complete separation" or "not converged".
    explanation : str
        Why the model is not estimated (empty when status is "ok").
    """

    dependent: str
    predictors: tuple[str, ...]
    n: int
    categories: tuple[float, ...]
    counts: tuple[int, ...]
    coefficients: pd.DataFrame
    thresholds: pd.DataFrame
    log_likelihood: float
    null_log_likelihood: float
    model_chi_square: float
    model_sig: float
    status: str
    explanation: str

    @property
    def estimated(self) -> bool:
        return self.status == STATUS_OK


def _category_codes(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    categories, codes = np.unique(y, return_inverse=True)
    return categories, codes


def _separation_constraints(x: np.ndarray, codes: np.ndarray):
    """The separation programme's A_ub (b_ub is -1): two rows per case, upper bound first, as a sparse array.

    Row 2i: x_i'beta - theta_{c_i} <= -1, unless c_i is the highest category; row 2i + 1:
    theta_{c_i - 1} - x_i'beta <= -1, unless c_i is the lowest.  Columns: the k slopes, then the
    J - 1 thresholds.  Built without a loop over cases; zeros are left out, as scipy leaves them out of
    a dense matrix, so HiGHS is given the same programme either way.
    """
    from scipy import sparse

    n, k = x.shape
    n_cuts = int(codes.max())
    keep = np.column_stack([codes < n_cuts, codes > 0]).ravel()
    slopes = np.stack([x, -x], axis=1).reshape(2 * n, k)[keep]
    cut_column = (k + np.column_stack([codes, codes - 1])).ravel()[keep]
    cut_sign = np.tile([-1.0, 1.0], n)[keep]
    rows = len(cut_column)
    row_index = np.repeat(np.arange(rows), k + 1)
    column_index = np.column_stack([np.broadcast_to(np.arange(k), (rows, k)), cut_column]).ravel()
    values = np.column_stack([slopes, cut_sign]).ravel()
    constraints = sparse.csr_array((values, (row_index, column_index)), shape=(rows, k + n_cuts))
    constraints.eliminate_zeros()
    return constraints


def completely_separated(x: np.ndarray, codes: np.ndarray) -> bool:
    """Whether some linear predictor orders the categories perfectly (no ML estimate exists).

    Complete separation holds when there are beta and thresholds with
    theta_{c-1} < x_i' beta < theta_c for every case i in category c; the
    model is scale-free, so a margin of one can be asked for, and the
    question is the feasibility of a linear programme (Albert & Anderson
    1984 for the binary case; the ordinal one follows split by split),
    solved by HiGHS on a sparse constraint matrix (k + 1 non-zeros a row).
    """
    from scipy import optimize

    constraints = _separation_constraints(x, codes)
    rows, width = constraints.shape
    result = optimize.linprog(np.zeros(width), A_ub=constraints, b_ub=np.full(rows, -1.0),
                              bounds=[(None, None)] * width, method="highs")
    return result.status == 0


def _show_value(value: float) -> str:
    """A category value as the data hold it (``7``, ``3.5``), with the language's decimal mark."""
    return localize_number(f"{value:g}")


def _threshold_labels(dependent: str, categories: np.ndarray) -> list[str]:
    def show(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else localize_number(repr(float(value)))
    return [f"[{dependent} = {show(c)}]" for c in categories[:-1]]


# SPSS PLUM's defaults (PLUM /CRITERIA MXITER(100) MXSTEP(5) PCONVERGE(1.0E-6); LCONVERGE(0), unused).
_MAX_ITERATIONS = 100
_MAX_STEP_HALVINGS = 5
_PARAMETER_CONVERGENCE = 1e-6


@dataclass(frozen=True, eq=False)
class _Fit:
    """A Newton-Raphson fit: slopes then thresholds, the log-likelihood and its Hessian there."""

    params: np.ndarray
    log_likelihood: float
    hessian: np.ndarray
    converged: bool
    iterations: int
    halvings: int   # steps halved, over all iterations


def _linear_predictor(x: np.ndarray, slopes: np.ndarray) -> np.ndarray:
    # Column by column rather than x @ slopes: the same bits whatever BLAS is installed.
    eta = np.zeros(len(x))
    for column, slope in zip(x.T, slopes):
        eta += column * slope
    return eta


def _bounds(params: np.ndarray, codes: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each case's theta_c - x'beta and theta_{c-1} - x'beta (+inf above the top, -inf below the bottom)."""
    k = x.shape[1]
    eta = _linear_predictor(x, params[:k])
    cuts = params[k:]
    upper = np.concatenate([cuts, [np.inf]])[codes] - eta
    lower = np.concatenate([[-np.inf], cuts])[codes] - eta
    return upper, lower


def _log_likelihood(params: np.ndarray, codes: np.ndarray, x: np.ndarray) -> float:
    """sum_i log[F(u_i) - F(l_i)]; -inf where the thresholds are not strictly increasing."""
    from scipy import special

    if not np.all(np.diff(params[x.shape[1]:]) > 0):
        return -math.inf
    upper, lower = _bounds(params, codes, x)
    # F(u) - F(l) = F(u) F(-l) (1 - e^(l - u)): no cancellation where both lie in the same tail.
    return float(np.sum(special.log_expit(upper) + special.log_expit(-lower) + np.log(-np.expm1(lower - upper))))


def _score_and_hessian(params: np.ndarray, codes: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The analytic gradient and Hessian of the log-likelihood (slopes first, then thresholds).

    With P = F(u) - F(l), a = f(u)/P and b = f(l)/P (f = F(1 - F) the logistic density), a case's
    log P has d/du = a, d/dl = -b, d2/du2 = a(1 - 2F(u)) - a^2, d2/dl2 = -b(1 - 2F(l)) - b^2 and
    d2/du dl = ab; u = theta_c - x'beta and l = theta_{c-1} - x'beta are linear in the parameters,
    so the chain rule sums these over the cases by category (McCullagh 1980; Agresti 2010, sec. 3.5).
    """
    from scipy import special

    k = x.shape[1]
    n_categories = len(params) - k + 1
    upper, lower = _bounds(params, codes, x)
    spread = -np.expm1(lower - upper)
    a = special.expit(-upper) / (special.expit(-lower) * spread)
    b = special.expit(lower) / (special.expit(upper) * spread)
    h_uu = a * (1 - 2 * special.expit(upper)) - a * a
    h_ll = -b * (1 - 2 * special.expit(lower)) - b * b
    h_ul = a * b

    def by_category(weights: np.ndarray) -> np.ndarray:
        return np.bincount(codes, weights=weights, minlength=n_categories)

    score = np.empty(k + n_categories - 1)
    hessian = np.zeros((len(score), len(score)))
    d_eta = b - a
    slope_curvature = h_uu + 2 * h_ul + h_ll
    upper_mixed, lower_mixed = h_uu + h_ul, h_ul + h_ll
    for i in range(k):
        score[i] = np.sum(x[:, i] * d_eta)
        for j in range(i + 1):
            hessian[i, j] = hessian[j, i] = np.sum(x[:, i] * x[:, j] * slope_curvature)
        # theta_j is the upper bound of category j and the lower bound of category j + 1.
        mixed = -(by_category(x[:, i] * upper_mixed)[:-1] + by_category(x[:, i] * lower_mixed)[1:])
        hessian[i, k:] = hessian[k:, i] = mixed
    score[k:] = by_category(a)[:-1] - by_category(b)[1:]
    cuts = np.arange(k, len(score))
    hessian[cuts, cuts] = by_category(h_uu)[:-1] + by_category(h_ll)[1:]
    # theta_j and theta_{j-1} meet in category j (its upper and lower bound).
    between = by_category(h_ul)[1:-1]
    hessian[cuts[1:], cuts[:-1]] = hessian[cuts[:-1], cuts[1:]] = between
    return score, hessian


def _newton_raphson(codes: np.ndarray, x: np.ndarray, start: np.ndarray) -> _Fit:
    """Maximise the log-likelihood from ``start`` (ordered thresholds) as SPSS PLUM does.

    Each iteration takes the Newton step -H^{-1} g (analytic score and Hessian) and halves it, at most
    five times, until the thresholds stay strictly increasing and the log-likelihood rises; it stops
    when every parameter moves by less than 1e-6 (absolute, or relative to the parameter), after 100
    iterations, or when no halving raises the log-likelihood.  A step already that small is taken
    without the comparison, which rounding decides at the maximum.  Converged means stopped by the
    parameter criterion with max |score| / n below ``_GRADIENT_TOLERANCE`` there; running out of
    iterations or of halvings (estimates drifting to infinity, as under quasi-complete separation,
    until the log-likelihood stops changing in floating point) is not converged.
    """
    params = np.asarray(start, dtype=float)
    log_likelihood = _log_likelihood(params, codes, x)
    score, hessian = _score_and_hessian(params, codes, x)
    small, iterations, halvings = False, 0, 0
    while iterations < _MAX_ITERATIONS:
        iterations += 1
        try:
            step = np.linalg.solve(-hessian, score)
        except np.linalg.LinAlgError:
            break
        small = bool(np.all(np.abs(step) < _PARAMETER_CONVERGENCE * np.maximum(1.0, np.abs(params))))
        for _ in range(_MAX_STEP_HALVINGS + 1):
            trial = params + step
            trial_log_likelihood = _log_likelihood(trial, codes, x)
            if trial_log_likelihood > log_likelihood or (small and trial_log_likelihood > -math.inf):
                break
            step = step / 2
            halvings += 1
        else:
            small = False   # no halving raises the log-likelihood: far from the maximum, or drifting to infinity
            break
        params, log_likelihood = trial, trial_log_likelihood
        score, hessian = _score_and_hessian(params, codes, x)
        if small:
            break
    converged = small and bool(np.all(np.isfinite(score)) and np.max(np.abs(score)) / len(codes) < _GRADIENT_TOLERANCE)
    return _Fit(params, log_likelihood, hessian, converged, iterations, halvings)


def _start(codes: np.ndarray, k: int) -> np.ndarray:
    """The thresholds-only model's maximum: slopes 0, thresholds the logits of the cumulative proportions."""
    from scipy import special

    cumulative = np.cumsum(np.bincount(codes))[:-1] / len(codes)
    return np.concatenate([np.zeros(k), special.logit(cumulative)])


def _null_log_likelihood(counts: np.ndarray) -> float:
    n = counts.sum()
    return float(np.sum(counts * np.log(counts / n)))


def _empty_result(dependent, predictors, n, categories, counts, status, explanation) -> OrdinalResult:
    coefficients = pd.DataFrame({"Model": list(predictors)}).reindex(columns=COEFFICIENT_COLUMNS)
    coefficients["Model"] = list(predictors)
    labels = _threshold_labels(dependent, np.asarray(categories)) if len(categories) > 1 else []
    thresholds = pd.DataFrame({"Threshold": labels}).reindex(columns=THRESHOLD_COLUMNS)
    thresholds["Threshold"] = labels
    return OrdinalResult(dependent, tuple(predictors), n, tuple(map(float, categories)), tuple(map(int, counts)),
                         coefficients, thresholds, math.nan, math.nan, math.nan, math.nan, status, explanation)


def ordinal_regression(data: pd.DataFrame, dependent: str, predictors: Sequence[str], *,
                       confidence: float = 0.95, likelihood_ratio: bool = True) -> OrdinalResult:
    """Proportional-odds logit of ``dependent`` on ``predictors`` (SPSS PLUM /LINK=LOGIT).

    Parameters
    ----------
    data : DataFrame
        One row per case; the columns numeric without missing values.
    dependent : str
        Its distinct values are the ordered categories.
    predictors : sequence of str
    confidence : float, default 0.95
        Level of the Wald intervals.
    likelihood_ratio : bool, default True
        Also refit without each predictor for its likelihood-ratio test,
        which stays valid where the Wald test is unreliable (large estimates
        with larger standard errors, few cases in a category: the
        Hauck-Donner effect).

    Returns
    -------
    OrdinalResult
        With status "ok", or a status and explanation saying why it is not
        estimated (a single category, fewer cases than parameters, complete
        separation, no convergence).

    Raises
    ------
    DataError
        Missing or non-numeric values, constant or perfectly collinear
        predictors (as :func:`surveykit.regression.linear_regression`).

    Notes
    -----
    Estimates maximise the log-likelihood
    sum_i log[F(theta_{y_i} - x_i'beta) - F(theta_{y_i - 1} - x_i'beta)],
    F the logistic distribution function, theta_0 = -inf, theta_J = +inf
    (McCullagh 1980; Agresti 2010, *Analysis of Ordinal Categorical Data*,
    ch. 3), by Newton-Raphson with step-halving, started from the
    thresholds-only model's maximum (slopes 0, thresholds the logits of the
    cumulative proportions), with PLUM's default criteria (/CRITERIA
    MXITER(100) MXSTEP(5) PCONVERGE(1.0E-6): at most 100 iterations and 5
    halvings a step, parameters changing by less than 1e-6).  Standard
    errors from the inverse of the observed information (the negative
    analytic Hessian) at the estimate; Wald = (b / SE)^2 on 1 df, as SPSS
    PLUM prints it.  The log-likelihood is concave in (thresholds, slopes)
    (Pratt 1981), so the maximum found is the maximum.

    statsmodels' ``OrderedModel`` maximises the same likelihood, but over
    the first threshold and the logs of the increments, by BFGS on
    finite-difference scores: its estimates agree with these to about 1e-6
    and its likelihood ratios to about 1e-10 (the tests compare), but its
    standard errors, from a finite-difference Hessian, can be off by a few
    per cent on an ill-conditioned fit (2.3 % in one of 250 random data
    sets; the tests check these against a Hessian differenced in 60-digit
    arithmetic).
    """
    from scipy import stats

    from .regression import _check_inputs

    predictors = tuple(predictors)
    if not predictors:
        raise ValueError("give at least one predictor")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence!r}")
    values = numeric_block(data, [dependent, *predictors], min_rows=1)
    y, x = values[:, 0], values[:, 1:]
    n, k = x.shape
    categories, codes = _category_codes(y)
    counts = np.bincount(codes)
    if len(categories) < 2:
        return _empty_result(dependent, predictors, n, categories, counts, STATUS_ONE_CATEGORY,
                             tr("{dependent} takes a single value ({value}) for all {n} cases: there is no order "
                                "to model, so the ordinal regression is not estimated.",
                                dependent=dependent, value=_show_value(categories[0]), n=n))
    n_params = k + len(categories) - 1
    if n <= n_params:
        return _empty_result(dependent, predictors, n, categories, counts, STATUS_TOO_FEW_CASES,
                             tr("n = {n} cases for {parameters} parameters ({slopes} slopes, {thresholds} "
                                "thresholds): the ordinal regression is not estimated.",
                                n=n, parameters=n_params, slopes=k, thresholds=len(categories) - 1))
    _check_inputs(data, dependent, predictors)   # constant or collinear predictors: DataError
    if completely_separated(x, codes):
        return _empty_result(dependent, predictors, n, categories, counts, STATUS_SEPARATION,
                             tr("A linear combination of {predictors} orders the categories of {dependent} "
                                "perfectly (complete separation): the likelihood grows without bound as the slopes "
                                "grow, so no maximum-likelihood estimate exists.",
                                predictors=", ".join(predictors), dependent=dependent))
    x = np.asfortranarray(x)   # the fit reads x a column at a time
    fit = _newton_raphson(codes, x, _start(codes, k))
    if not fit.converged:
        return _empty_result(dependent, predictors, n, categories, counts, STATUS_NOT_CONVERGED,
                             tr("The fit did not reach a point where the log-likelihood stops rising (non-zero "
                                "gradient), typically because some categories are perfectly predicted "
                                "(quasi-complete separation): estimates and tests are not reported."))
    try:
        cov = np.linalg.inv(-fit.hessian)
    except np.linalg.LinAlgError:
        cov = np.full_like(fit.hessian, np.nan)
    if not np.all(np.isfinite(cov)) or np.any(np.diag(cov) <= 0):
        return _empty_result(dependent, predictors, n, categories, counts, STATUS_NOT_CONVERGED,
                             tr("The information matrix at the estimate is singular: the standard errors are not "
                                "defined (the data do not identify every parameter)."))
    z = float(stats.norm.isf((1 - confidence) / 2))

    def wald_rows(estimate: np.ndarray, se: np.ndarray) -> dict:
        wald = (estimate / se) ** 2
        return {"Estimate": estimate, "Std. Error": se, "Wald": wald, "df": np.ones(len(estimate), dtype=int),
                "Sig.": stats.chi2.sf(wald, 1), "95% CI Lower": estimate - z * se, "95% CI Upper": estimate + z * se}

    se = np.sqrt(np.diag(cov))
    slopes, slope_se, cuts, cut_se = fit.params[:k], se[:k], fit.params[k:], se[k:]
    log_likelihood = fit.log_likelihood
    null_ll = _null_log_likelihood(counts)
    chi_model = 2 * (log_likelihood - null_ll)

    lr_chi, lr_sig = np.full(k, np.nan), np.full(k, np.nan)
    if likelihood_ratio:
        for j in range(k):
            if k == 1:
                reduced_ll = null_ll
            else:
                # From the thresholds-only maximum, as the full model.  The full fit's estimates without the
                # predictor are no nearer when it matters: with a strong predictor dropped, the others' slopes
                # are far from their new values and the first Newton step needs more than five halvings.
                reduced = _newton_raphson(codes, np.asfortranarray(np.delete(x, j, axis=1)), _start(codes, k - 1))
                if not reduced.converged:
                    continue
                reduced_ll = reduced.log_likelihood
            lr_chi[j] = max(2 * (log_likelihood - reduced_ll), 0.0)
            lr_sig[j] = float(stats.chi2.sf(lr_chi[j], 1))

    coefficients = pd.DataFrame({"Model": list(predictors), **wald_rows(slopes, slope_se),
                                 "LR Chi-Square": lr_chi, "LR Sig.": lr_sig})
    thresholds = pd.DataFrame({"Threshold": _threshold_labels(dependent, categories),
                               **wald_rows(cuts, cut_se)})
    return OrdinalResult(dependent, predictors, n, tuple(map(float, categories)), tuple(map(int, counts)),
                         coefficients[COEFFICIENT_COLUMNS], thresholds[THRESHOLD_COLUMNS], log_likelihood, null_ll,
                         float(chi_model), float(stats.chi2.sf(chi_model, k)), STATUS_OK, "")


#: What the ordinal model changes, by (direction changed, significance changed): the "Changes" column's words.
_CHANGES = {(False, False): N_("nothing"), (True, False): N_("direction"), (False, True): N_("significance"),
            (True, True): N_("direction and significance")}
_NOT_ESTIMATED = N_("ordinal model not estimated")


def compare_with_ols(ols, ordinal: OrdinalResult, *, significance: float = 0.05) -> pd.DataFrame:
    """Each predictor's direction and significance by OLS and by the proportional-odds model.

    The ordinal verdict uses the likelihood-ratio test where it was computed
    (the Wald test's standard error grows faster than the estimate when a
    category holds few cases, so Wald can miss a clear effect: Hauck & Donner
    1977), else the Wald test.

    Parameters
    ----------
    ols : surveykit.regression.RegressionResult
    ordinal : OrdinalResult
        Fitted on the same data, dependent and predictors.
    significance : float, default 0.05

    Returns
    -------
    DataFrame
        "Predictor", "OLS B", "OLS Sig.", "Ordinal Estimate", "Ordinal Sig. (Wald)",
        "Ordinal Sig. (LR)", "Ordinal Test" ("LR" or "Wald"), "Same Direction",
        "Significant (OLS)", "Significant (ordinal)", "Significant (ordinal, Wald)",
        "Changes" ("nothing", or "direction" and/or "significance").  The ordinal
        cells are NaN/None when the ordinal model is not estimated.
    """
    if tuple(ols.predictors) != tuple(ordinal.predictors) or ols.dependent != ordinal.dependent:
        raise ValueError("the OLS and the ordinal fit must have the same dependent and predictors")
    if not 0 < significance < 1:
        raise ValueError(f"significance must lie strictly between 0 and 1, got {significance!r}")
    table = ordinal.coefficients.set_index("Model")
    rows = []
    for name in ols.predictors:
        b, p = ols.coefficient(name, "B"), ols.coefficient(name, "Sig.")
        estimate = float(table.loc[name, "Estimate"])
        wald_p, lr_p = float(table.loc[name, "Sig."]), float(table.loc[name, "LR Sig."])
        significant_ols = bool(p < significance)
        if not ordinal.estimated:
            test, same, significant, sig_wald, changes = None, None, None, None, _NOT_ESTIMATED
        else:
            test = "Wald" if math.isnan(lr_p) else "LR"
            same = bool(np.sign(b) == np.sign(estimate))
            sig_wald = bool(wald_p < significance)
            significant = sig_wald if test == "Wald" else bool(lr_p < significance)
            changes = _CHANGES[(not same, significant != significant_ols)]
        rows.append({"Predictor": name, "OLS B": b, "OLS Sig.": p, "Ordinal Estimate": estimate,
                     "Ordinal Sig. (Wald)": wald_p, "Ordinal Sig. (LR)": lr_p, "Ordinal Test": test,
                     "Same Direction": same, "Significant (OLS)": significant_ols,
                     "Significant (ordinal)": significant, "Significant (ordinal, Wald)": sig_wald,
                     "Changes": changes})
    return pd.DataFrame(rows)


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else tr("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])


#: The test that decides the ordinal verdicts, named in :func:`describe_changes`.
_TEST_NAMES = {frozenset({"LR"}): N_("likelihood-ratio"), frozenset({"Wald"}): N_("Wald"),
               frozenset({"LR", "Wald"}): N_("likelihood-ratio or Wald")}


def describe_changes(comparison: pd.DataFrame, ordinal: OrdinalResult, *, significance: float = 0.05) -> str:
    """What the ordinal model changes relative to OLS, in words computed from ``comparison``.

    Parameters
    ----------
    comparison : DataFrame
        From :func:`compare_with_ols`.
    ordinal : OrdinalResult
    significance : float, default 0.05

    Returns
    -------
    str
        One sentence on direction and significance (by the test named in
        "Ordinal Test"), and a second one when the Wald test that SPSS PLUM
        prints would decide differently.
    """
    from .spss_format import format_number

    level = format_number(significance, 2, leading_zero=True)
    if not ordinal.estimated:
        return tr("The ordinal regression is not estimated ({status}): {explanation}", status=tr(ordinal.status),
                  explanation=ordinal.explanation)
    flipped = comparison.loc[~comparison["Same Direction"].astype(bool), "Predictor"].tolist()
    significant_ols = comparison["Significant (OLS)"].astype(bool)
    significant = comparison["Significant (ordinal)"].astype(bool)
    lost = comparison.loc[significant_ols & ~significant, "Predictor"].tolist()
    gained = comparison.loc[~significant_ols & significant, "Predictor"].tolist()
    tests = set(comparison["Ordinal Test"])
    test = tr(_TEST_NAMES[frozenset(tests)])
    if not (flipped or lost or gained):
        sentence = tr("Treating {dependent} as ordered categories (proportional-odds logit) changes nothing: every "
                      "predictor keeps the direction and the verdict at α = {level} that OLS gives it ({test} test).",
                      dependent=ordinal.dependent, level=level, test=test)
    else:
        # Each change is a clause of its own, listed after the colon.
        parts = []
        if flipped:
            parts.append(tr("the sign is reversed for {names}", names=_names(flipped)))
        if lost:
            parts.append(tr("{names} is significant by OLS but not by the ordinal model's {test} test", names=_names(lost),
                            test=test) if len(lost) == 1 else
                         tr("{names} are significant by OLS but not by the ordinal model's {test} test",
                            names=_names(lost), test=test))
        if gained:
            parts.append(tr("{names} is significant by the ordinal model's {test} test but not by OLS",
                            names=_names(gained), test=test) if len(gained) == 1 else
                         tr("{names} are significant by the ordinal model's {test} test but not by OLS",
                            names=_names(gained), test=test))
        sentence = tr("Treating {dependent} as ordered categories (proportional-odds logit) changes the verdicts at "
                      "α = {level}: {changes}.", dependent=ordinal.dependent, level=level, changes="; ".join(parts))
    if tests == {"LR"}:
        wald = comparison["Significant (ordinal, Wald)"].astype(bool)
        wald_only_not = comparison.loc[significant & ~wald, "Predictor"].tolist()
        wald_only = comparison.loc[~significant & wald, "Predictor"].tolist()
        claims = ([tr("{names} not significant", names=_names(wald_only_not))] if wald_only_not else []) + (
            [tr("{names} significant", names=_names(wald_only))] if wald_only else [])
        if claims:
            smallest = min(ordinal.counts)
            claimed = claims[0] if len(claims) == 1 else tr("{first} and {second}", first=claims[0], second=claims[1])
            wald = (tr("The Wald test that SPSS PLUM prints would call {claims}: its standard errors are unreliable "
                       "when a category is small (here {cases} case) or the estimates are large (the Hauck-Donner "
                       "effect), so the likelihood-ratio test decides.", claims=claimed, cases=smallest)
                    if smallest == 1 else
                    tr("The Wald test that SPSS PLUM prints would call {claims}: its standard errors are unreliable "
                       "when a category is small (here {cases} cases) or the estimates are large (the Hauck-Donner "
                       "effect), so the likelihood-ratio test decides.", claims=claimed, cases=smallest))
            sentence += " " + wald
    return sentence
