"""Ordinal regression: the proportional-odds (cumulative logit) model, as SPSS 21 PLUM fits it.

A Likert composite that takes only a few values is an ordered category, not
a continuous measurement; OLS then treats the distances between the values
as known and equal and predicts values the scale cannot take.  The
proportional-odds model (McCullagh 1980) needs only the order:

    logit P(Y <= c_j | x) = theta_j - x' beta,    j = 1 .. J - 1,

with thresholds theta_1 < ... < theta_{J-1} and one slope per predictor
shared by all cumulative splits.  A positive beta shifts respondents towards
higher categories, as a positive OLS B does.  This is SPSS PLUM's
parameterisation (/LINK=LOGIT; "Threshold" and "Location" rows) and
statsmodels' ``OrderedModel(distr="logit")``, which fits it here.

:func:`ordinal_regression` returns a status instead of failing where the
model cannot be estimated: a dependent variable with a single value, too few
cases, complete separation (some linear combination of the predictors orders
the categories perfectly, so the likelihood has no maximum) and fits whose
gradient does not vanish (typically quasi-complete separation).
:func:`compare_with_ols` sets the model beside the OLS fit predictor by predictor.
"""

from __future__ import annotations

import functools
import math
import warnings
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
        same columns as SPSS's "Threshold" rows; standard errors by the
        delta method from statsmodels' (first cut, log increments) parameters.
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


def completely_separated(x: np.ndarray, codes: np.ndarray) -> bool:
    """Whether some linear predictor orders the categories perfectly (no ML estimate exists).

    Complete separation holds when there are beta and thresholds with
    theta_{c-1} < x_i' beta < theta_c for every case i in category c; the
    model is scale-free, so a margin of one can be asked for, and the
    question is the feasibility of a linear programme (Albert & Anderson
    1984 for the binary case; the ordinal one follows split by split).
    """
    from scipy import optimize

    n, k = x.shape
    n_cuts = int(codes.max())
    rows, bounds = [], []
    for i in range(n):
        c = codes[i]
        if c < n_cuts:   # x_i beta - theta_c <= -1
            row = np.zeros(k + n_cuts)
            row[:k] = x[i]
            row[k + c] = -1.0
            rows.append(row)
            bounds.append(-1.0)
        if c > 0:        # theta_{c-1} - x_i beta <= -1
            row = np.zeros(k + n_cuts)
            row[:k] = -x[i]
            row[k + c - 1] = 1.0
            rows.append(row)
            bounds.append(-1.0)
    result = optimize.linprog(np.zeros(k + n_cuts), A_ub=np.array(rows), b_ub=np.array(bounds),
                              bounds=[(None, None)] * (k + n_cuts), method="highs")
    return result.status == 0


def _show_value(value: float) -> str:
    """A category value as the data hold it (``7``, ``3.5``), with the language's decimal mark."""
    return localize_number(f"{value:g}")


def _threshold_labels(dependent: str, categories: np.ndarray) -> list[str]:
    def show(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else localize_number(repr(float(value)))
    return [f"[{dependent} = {show(c)}]" for c in categories[:-1]]


def proportional_odds_model(endog, exog):
    """statsmodels' ``OrderedModel(endog, exog, distr="logit")``, its logistic CDF evaluated by ``scipy.special.expit``.

    ``scipy.stats.logistic.cdf`` is ``expit`` behind ``rv_continuous``'s argument checks, which cost about
    three times the evaluation itself; the fit evaluates the CDF twice per log-likelihood, and the
    finite-difference score and Hessian ask for thousands of log-likelihoods (at 10^4 cases x 41
    categories, three quarters of the fit's time).  The values are the same bit for bit: with location 0
    and scale 1 the CDF is ``expit(x)`` for every x, infinities and NaN included.
    """
    return _proportional_odds_class()(endog, exog, distr="logit")


@functools.cache  # one class per process: statsmodels is imported on first use
def _proportional_odds_class():
    from scipy import special
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    class ProportionalOdds(OrderedModel):
        def cdf(self, x):
            return special.expit(np.asarray(x, dtype=float))

    return ProportionalOdds


def _fit(y_codes: np.ndarray, x: np.ndarray):
    """statsmodels' proportional-odds fit; returns (result, converged by the score test)."""
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, HessianInversionWarning

    endog = pd.Series(pd.Categorical(y_codes, categories=np.arange(int(y_codes.max()) + 1), ordered=True))
    model = proportional_odds_model(endog, x)
    with warnings.catch_warnings():
        # Convergence is judged below by the score at the end point, not by the optimiser's flag.
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", HessianInversionWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        fitted = model.fit(method="bfgs", disp=False, maxiter=5000, gtol=1e-10)
        score = model.score(fitted.params)
    converged = bool(np.all(np.isfinite(score)) and np.max(np.abs(score)) / len(y_codes) < _GRADIENT_TOLERANCE)
    return model, fitted, converged


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
    ch. 3).  Standard errors from the inverse Hessian; Wald = (b / SE)^2 on
    1 df, as SPSS PLUM prints it.
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
    model, fitted, converged = _fit(codes, x)
    if not converged:
        return _empty_result(dependent, predictors, n, categories, counts, STATUS_NOT_CONVERGED,
                             tr("The fit did not reach a point where the log-likelihood stops rising (non-zero "
                                "gradient), typically because some categories are perfectly predicted "
                                "(quasi-complete separation): estimates and tests are not reported."))
    params = np.asarray(fitted.params, dtype=float)
    cov = np.asarray(fitted.cov_params(), dtype=float)
    if not np.all(np.isfinite(cov)) or np.any(np.diag(cov) <= 0):
        return _empty_result(dependent, predictors, n, categories, counts, STATUS_NOT_CONVERGED,
                             tr("The information matrix at the estimate is singular: the standard errors are not "
                                "defined (the data do not identify every parameter)."))
    z = float(stats.norm.isf((1 - confidence) / 2))

    def wald_rows(estimate: np.ndarray, se: np.ndarray) -> dict:
        wald = (estimate / se) ** 2
        return {"Estimate": estimate, "Std. Error": se, "Wald": wald, "df": np.ones(len(estimate), dtype=int),
                "Sig.": stats.chi2.sf(wald, 1), "95% CI Lower": estimate - z * se, "95% CI Upper": estimate + z * se}

    slopes, slope_se = params[:k], np.sqrt(np.diag(cov)[:k])
    # statsmodels: first cut, then log increments; theta_j = c_0 + sum_{i<=j} exp(d_i).
    raw = params[k:]
    increments = np.concatenate([[raw[0]], np.exp(raw[1:])])
    cuts = np.cumsum(increments)
    jacobian = np.tril(np.ones((len(raw), len(raw)))) * np.concatenate([[1.0], np.exp(raw[1:])])[None, :]
    cut_cov = jacobian @ cov[k:, k:] @ jacobian.T
    log_likelihood = float(fitted.llf)
    null_ll = _null_log_likelihood(counts)
    chi_model = 2 * (log_likelihood - null_ll)

    lr_chi, lr_sig = np.full(k, np.nan), np.full(k, np.nan)
    if likelihood_ratio:
        for j in range(k):
            reduced_x = np.delete(x, j, axis=1)
            if reduced_x.shape[1] == 0:
                reduced_ll = null_ll
            else:
                _, reduced, ok = _fit(codes, reduced_x)
                if not ok:
                    continue
                reduced_ll = float(reduced.llf)
            lr_chi[j] = max(2 * (log_likelihood - reduced_ll), 0.0)
            lr_sig[j] = float(stats.chi2.sf(lr_chi[j], 1))

    coefficients = pd.DataFrame({"Model": list(predictors), **wald_rows(slopes, slope_se),
                                 "LR Chi-Square": lr_chi, "LR Sig.": lr_sig})
    thresholds = pd.DataFrame({"Threshold": _threshold_labels(dependent, categories),
                               **wald_rows(cuts, np.sqrt(np.diag(cut_cov)))})
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
