"""The identities between numbers SPSS prints, on intervals: one home for both audits.

Every function maps intervals of printed values (:class:`Interval`) to the
interval of what another printed value must be.  The table audit
(:mod:`surveykit.paper_audit.checks`) and the paper's own audit
(:mod:`surveykit.audit`, from ``reported.yml``) both call these; neither
writes an identity of its own.

Regression (SPSS REGRESSION, ordinary least squares with a constant;
n cases, k predictors, df_res = n - k - 1):

- t = B / SE; two-tailed Sig. = 2 P(T_df > |t|) with df = df_res.
- F = MS_reg / MS_res, MS = SS / df, SS_total = SS_reg + SS_res;
  Sig. = P(F_{k, df_res} > F).
- R^2 = SS_reg / SS_total; F = (R^2 / k) / ((1 - R^2) / df_res);
  adjusted R^2 = 1 - (1 - R^2)(n - 1) / df_res;
  Std. Error of the Estimate = sqrt(MS_res).
- VIF = 1 / Tolerance; with two predictors both tolerances are 1 - r12^2.
- partial r = t / sqrt(t^2 + df_res); part r = t sqrt((1 - R^2) / df_res).
- 95 % CI for B = B -/+ t_{.975, df_res} SE.

Cronbach's alpha and SPSS's Item-Total Statistics (k items, item variances
s_j^2, scale variance V, "Scale Variance if Item Deleted" V_j, "Cronbach's
Alpha if Item Deleted" a_j, "Scale Mean if Item Deleted" M_j, scale mean M):

- alpha = k/(k-1) (1 - S / V) with S = sum_j s_j^2 (Cronbach 1951).
- M_j = M - m_j, so sum_j M_j = (k - 1) M: M = sum_j M_j / (k - 1), and
  m_j = M - M_j.
- V_j = V - 2 cov(x_j, total) + s_j^2; summing over j (the covariances of
  the items with the total add up to V): sum_j V_j = (k - 2) V + S.
  With S = V (1 - alpha (k-1)/k) from alpha's definition:
  **V = sum_j V_j / ((k - 1)(1 - alpha / k))**.
- a_j = (k-1)/(k-2) (1 - (S - s_j^2) / V_j), so
  S - s_j^2 = V_j (1 - a_j (k-2)/(k-1)) =: A_j; summing,
  (k - 1) S = sum_j A_j, hence S = sum_j A_j / (k - 1), and with
  sum_j V_j = (k - 2) V + S: V = (sum_j V_j - S) / (k - 2) and
  **alpha = k/(k-1) (1 - S / V)** follows from the two item-deleted
  columns alone (k >= 3).  With the item standard deviations printed
  (Item Statistics) each a_j is checked on its own:
  **A_j = S - s_j^2**.

Pearson r (SPSS CORRELATIONS): Sig. = 2 P(T_{n-2} > |r| sqrt((n-2)/(1-r^2))).
Descriptives: SE of skewness = sqrt(6n(n-1)/((n-2)(n+1)(n+3))), SE of kurtosis
= 2 SE_skew sqrt((n^2-1)/((n-3)(n+5))) (SPSS's formulas, exact in n).

Kolmogorov-Smirnov (SPSS NPAR TESTS up to version 21): Z = D sqrt(n),
Asymp. Sig. = Q_K(Z) (Kolmogorov's limiting distribution, no Lilliefors
correction; :func:`surveykit.normality.kolmogorov_sf`).  From version 22
NPAR TESTS prints "Test Statistic" D and a Lilliefors-corrected Sig.
(:func:`surveykit.normality.lilliefors_p`).

References: Cronbach, L. J. (1951). Coefficient alpha and the internal
structure of tests. Psychometrika, 16, 297-334.  Brown & Heathers (2017) for
GRIM (:func:`surveykit.audit.grim`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .intervals import Interval

__all__ = [
    "ratio",
    "p_from_t",
    "p_from_f",
    "probability",
    "f_from_r_squared",
    "r_squared_from_f",
    "adjusted_r_squared",
    "df_range_for_sig",
    "t_critical",
    "partial_from_t",
    "part_from_t",
    "ks_p_from_z",
    "lilliefors_p_interval",
    "alpha_from_item_total",
    "scale_variance",
    "item_deleted_variance_sum",
    "grim_possible",
    "max_sd",
    "p_from_r",
    "skewness_se",
    "kurtosis_se",
]

_TOP = 1 - 1e-12  # an R2 interval reaching 1 makes F unbounded: cap just below


def ratio(numerator: Interval, denominator: Interval) -> Interval | None:
    """numerator / denominator, or None when the denominator's interval reaches zero (unbounded)."""
    if denominator.lo <= 0 <= denominator.hi:
        return None
    return numerator / denominator


def probability(interval: Interval) -> Interval:
    """An interval known to hold a probability: clipped to [0, 1] (SPSS's ``.000`` is [0, .0005])."""
    return interval.clip(0.0, 1.0)


def p_from_t(t: Interval, df: float) -> Interval:
    """Two-tailed p of t on ``df`` degrees of freedom (SPSS Coefficients "Sig."), decreasing in |t|."""
    from scipy import stats

    return t.abs().map(lambda x: float(2 * stats.t.sf(x, df)), increasing=False)


def p_from_f(f: Interval, df1: float, df2: float) -> Interval:
    """Upper-tail p of F(df1, df2) (SPSS ANOVA "Sig."), decreasing in F."""
    from scipy import stats

    return f.clip(0.0).map(lambda x: float(stats.f.sf(x, df1, df2)), increasing=False)


def f_from_r_squared(r_squared: Interval, *, n: int, k: int) -> Interval:
    """Overall F from R^2: (R^2 / k) / ((1 - R^2) / (n - k - 1)), increasing in R^2.

    Raises
    ------
    ValueError
        ``k < 1`` or ``n - k - 1 < 1``.
    """
    df2 = n - k - 1
    if k < 1 or df2 < 1:
        raise ValueError(f"F needs k >= 1 predictors and n - k - 1 >= 1 (n={n}, k={k})")
    bounded = r_squared.clip(0.0, _TOP)
    return bounded.map(lambda r2: (r2 / k) / ((1 - r2) / df2), increasing=True)


def r_squared_from_f(f: Interval, *, n: int, k: int) -> Interval:
    """R^2 = k F / (k F + n - k - 1), increasing in F."""
    df2 = n - k - 1
    return f.clip(0.0).map(lambda x: k * x / (k * x + df2), increasing=True)


def adjusted_r_squared(r_squared: Interval, *, n: int, k: int) -> Interval:
    """1 - (1 - R^2)(n - 1)/(n - k - 1), increasing in R^2."""
    df2 = n - k - 1
    if df2 < 1:
        raise ValueError(f"adjusted R2 needs n - k - 1 >= 1 (n={n}, k={k})")
    return r_squared.map(lambda r2: 1 - (1 - r2) * (n - 1) / df2, increasing=True)


def t_critical(df: float, level: float = 0.95) -> float:
    from scipy import stats

    return float(stats.t.isf((1 - level) / 2, df))


def partial_from_t(t: Interval, df: float) -> Interval:
    """Partial correlation t / sqrt(t^2 + df), increasing in t."""
    return t.map(lambda x: x / math.sqrt(x * x + df), increasing=True)


def part_from_t(t: Interval, r_squared: Interval, df: float) -> Interval:
    """Part (semipartial) correlation t sqrt((1 - R^2) / df)."""
    factor = (1 - r_squared.clip(0.0, 1.0)).map(lambda v: math.sqrt(max(v, 0.0) / df), increasing=True)
    return t * factor


def df_range_for_sig(t: Interval, sig: Interval, *, max_df: int = 10**7) -> tuple[int, int] | None:
    """The degrees of freedom for which a two-tailed p of some t in ``t`` lies in ``sig``.

    For fixed t the two-tailed p falls as df grows (t distributions become
    more peaked with df), so the admissible df form one range
    ``[low, high]`` (``high == max_df`` means unbounded).  None when no df
    fits: the printed t and Sig. contradict each other whatever n was.
    """
    def overlaps(df: int) -> tuple[bool, bool]:
        p = p_from_t(t, df)
        return p.lo <= sig.hi + 1e-12, p.hi >= sig.lo - 1e-12  # (not too large, not too small)

    # smallest df with p(t_hi, df) <= sig.hi
    if not overlaps(max_df)[0]:
        return None
    lo, hi = 1, max_df
    if overlaps(1)[0]:
        low = 1
    else:
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if overlaps(mid)[0]:
                hi = mid
            else:
                lo = mid
        low = hi
    # largest df with p(t_lo, df) >= sig.lo
    if not overlaps(low)[1]:
        return None
    if overlaps(max_df)[1]:
        return low, max_df
    lo, hi = low, max_df
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if overlaps(mid)[1]:
            lo = mid
        else:
            hi = mid
    return low, lo


def ks_p_from_z(z: Interval) -> Interval:
    """SPSS NPAR TESTS Asymp. Sig. from Kolmogorov-Smirnov Z (decreasing)."""
    from ..normality import kolmogorov_sf

    return z.clip(0.0).map(kolmogorov_sf, increasing=False)


def lilliefors_p_interval(d: Interval, n: int) -> Interval:
    """Lilliefors-corrected p for D in ``d``, as :func:`surveykit.normality.lilliefors_p` (decreasing in D)."""
    from ..normality import lilliefors_p

    return d.clip(1e-9, 1.0).map(lambda x: lilliefors_p(x, n), increasing=False)


def item_deleted_variance_sum(deleted_variances: Sequence[Interval], deleted_alphas: Sequence[Interval]) -> Interval:
    """S = sum_j A_j / (k - 1) with A_j = V_j (1 - a_j (k-2)/(k-1)): the sum of the item variances."""
    k = len(deleted_variances)
    total = Interval.point(0.0)
    for v, a in zip(deleted_variances, deleted_alphas):
        total = total + v * (1 - a * ((k - 2) / (k - 1)))
    return total / (k - 1)


def alpha_from_item_total(deleted_variances: Sequence[Interval], deleted_alphas: Sequence[Interval]) -> Interval:
    """Cronbach's alpha implied by "Scale Variance if Item Deleted" and "Cronbach's Alpha if Item Deleted".

    alpha = k/(k-1) (1 - S/V), S = sum_j A_j/(k-1), V = (sum_j V_j - S)/(k-2);
    alpha falls as S rises and rises with sum_j V_j, so the bounds take S
    and sum_j V_j at opposite ends (k >= 3).
    """
    k = len(deleted_variances)
    if k < 3:
        raise ValueError("alpha from the item-deleted columns needs at least three items")
    s = item_deleted_variance_sum(deleted_variances, deleted_alphas).clip(0.0)
    w = Interval.point(0.0)
    for v in deleted_variances:
        w = w + v

    def alpha(s_value: float, w_value: float) -> float:
        v = (w_value - s_value) / (k - 2)
        return k / (k - 1) * (1 - s_value / v) if v > 0 else -math.inf

    return Interval(alpha(s.hi, w.lo), alpha(s.lo, w.hi))


def scale_variance(deleted_variances: Sequence[Interval], alpha: Interval) -> Interval:
    """V = sum_j V_j / ((k - 1)(1 - alpha / k)) (increasing in alpha and in each V_j)."""
    k = len(deleted_variances)
    w = Interval.point(0.0)
    for v in deleted_variances:
        w = w + v
    return w / ((1 - alpha / k) * (k - 1))


def grim_possible(mean: Interval, n: int) -> bool:
    """Is some T / n (T an integer) inside ``mean``?  (GRIM on an interval; Brown & Heathers 2017.)"""
    return math.ceil(mean.lo * n - 1e-9) <= math.floor(mean.hi * n + 1e-9)


def max_sd(minimum: float, maximum: float, n: int) -> float:
    """Largest sample SD (n - 1 denominator) of n values in [minimum, maximum]: sqrt(n/(n-1)) (max - min)/2."""
    return math.sqrt(n / (n - 1)) * (maximum - minimum) / 2


def p_from_r(r: Interval, n: int) -> Interval:
    """Two-tailed Sig. of a Pearson r from n cases: t = r sqrt((n - 2)/(1 - r^2)) on n - 2 df (decreasing in |r|)."""
    df = n - 2
    magnitude = r.abs().clip(0.0, 1.0)

    def t_of(value: float) -> float:
        return math.inf if value >= 1 else value * math.sqrt(df / (1 - value * value))

    return p_from_t(magnitude.map(t_of, increasing=True), df)


def skewness_se(n: int) -> float:
    """SPSS's standard error of skewness: sqrt(6 n (n - 1) / ((n - 2)(n + 1)(n + 3)))."""
    return math.sqrt(6 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))


def kurtosis_se(n: int) -> float:
    """SPSS's standard error of kurtosis: 2 SE_skewness sqrt((n^2 - 1) / ((n - 3)(n + 5)))."""
    return 2 * skewness_se(n) * math.sqrt((n * n - 1) / ((n - 3) * (n + 5)))
