"""Normality of residuals: SPSS 21's one-sample Kolmogorov-Smirnov test, and modern companions.

SPSS 21 ``NPAR TESTS /K-S(NORMAL)=var`` estimates the mean and the standard
deviation (n - 1) from the data, takes D as the largest distance between
the empirical distribution function and the fitted normal, prints
Kolmogorov-Smirnov Z = D * sqrt(n) and an "Asymp. Sig. (2-tailed)" from the
Kolmogorov limiting distribution of Z.  Because the parameters were
estimated, that p-value is too large (the test is conservative); the
Lilliefors correction (SPSS EXAMINE's "Tests of Normality") fixes this.
Theses of the paper's period report the uncorrected NPAR TESTS value.

:func:`ks_spss` tests any variable, as NPAR TESTS does; :func:`normality_tests`
takes the fitted regression and tests its unstandardized residuals.  Own
code only for SPSS's variant: NPAR TESTS' K-S (statsmodels and scipy offer
no K-S with estimated parameters and Kolmogorov's uncorrected p) and
EXAMINE's Lilliefors Sig. bounded at .200; the Lilliefors p itself is
statsmodels' (``statsmodels.stats.diagnostic.lilliefors``), Shapiro-Wilk scipy's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .i18n import N_, tr

if TYPE_CHECKING:
    from .regression import RegressionResult

__all__ = ["KSResult", "ks_spss", "kolmogorov_sf", "normality_tests", "lilliefors_p", "KS_SPSS", "LILLIEFORS",
           "SHAPIRO_WILK"]

#: The ``test`` names of :func:`normality_tests`' rows (index the table by them, not by position).
KS_SPSS = N_("Kolmogorov-Smirnov (SPSS NPAR TESTS, asymptotic)")
LILLIEFORS = N_("Kolmogorov-Smirnov (Lilliefors correction)")
SHAPIRO_WILK = N_("Shapiro-Wilk")


@dataclass(frozen=True)
class KSResult:
    """SPSS 21 "One-Sample Kolmogorov-Smirnov Test" table for one variable.

    Attributes mirror the SPSS rows: N, Normal Parameters (Mean, Std.
    Deviation), Most Extreme Differences (Absolute, Positive, Negative),
    Kolmogorov-Smirnov Z and Asymp. Sig. (2-tailed).
    """

    n: int
    mean: float
    std_deviation: float
    d_absolute: float
    d_positive: float
    d_negative: float
    z: float
    asymp_sig: float

    def table(self) -> pd.DataFrame:
        """The SPSS table as rows (statistic, value).

        A mean below the ninth digit of the standard deviation is written as 0
        (:func:`surveykit.stable.zero_below_scale`): for residuals it is
        rounding noise that differs between CPUs, and SPSS prints .0000000.
        """
        from .stable import zero_below_scale

        return pd.DataFrame({
            "statistic": ["N", "Normal Parameters Mean", "Normal Parameters Std. Deviation",
                          "Most Extreme Differences Absolute", "Most Extreme Differences Positive",
                          "Most Extreme Differences Negative", "Kolmogorov-Smirnov Z", "Asymp. Sig. (2-tailed)"],
            "value": [float(self.n), zero_below_scale(self.mean, self.std_deviation), self.std_deviation,
                      self.d_absolute, self.d_positive,
                      self.d_negative, self.z, self.asymp_sig],
        })


def kolmogorov_sf(z: float) -> float:
    """P(K > z) of the Kolmogorov limiting distribution: 2 * sum_{k>=1} (-1)^(k-1) exp(-2 k^2 z^2).

    Computed by :func:`scipy.special.kolmogorov`, which sums this series (or,
    for small z, its Jacobi-theta equivalent sqrt(2 pi)/z * sum exp(-(2k-1)^2
    pi^2 / (8 z^2)), the form SPSS uses below z = 1).  PSPP divides the z >= 1
    branch by z and so prints smaller values there (.042 instead of SPSS's
    .056 at z = 1.336); this is not that formula.
    """
    from scipy import special

    if not math.isfinite(z) or z < 0:
        raise ValueError(f"the K-S Z must be a finite non-negative number, got {z!r}")
    return float(special.kolmogorov(z))


def ks_spss(x) -> KSResult:
    """One-sample K-S test against a normal with estimated parameters, as SPSS 21 NPAR TESTS.

    Parameters
    ----------
    x : array-like
        The values (here: the unstandardized residuals), without missing values.

    Returns
    -------
    KSResult
        D positive = max(F_n(x) - Phi(x)) over the data, D negative = min of
        F_n just below each value minus Phi (printed as a negative number),
        D absolute = the larger in magnitude, Z = D_abs * sqrt(n), and the
        asymptotic two-tailed p from the Kolmogorov distribution (no
        Lilliefors correction).
    """
    from scipy import stats

    values = np.asarray(x, dtype=float).ravel()
    if values.size < 3:
        raise ValueError(f"the K-S test needs at least 3 values, got {values.size}")
    if not np.all(np.isfinite(values)):
        raise ValueError("the values contain missing or infinite entries; remove them first")
    n = values.size
    mean = float(values.mean())
    sd = float(values.std(ddof=1))
    if sd == 0:
        raise ValueError("all values are equal: a normal distribution cannot be fitted (SD = 0)")
    # Empirical CDF at each distinct value, from below and at the value (ties handled as SPSS does).
    distinct, counts = np.unique(values, return_counts=True)
    upper = np.cumsum(counts) / n
    lower = upper - counts / n
    cdf = stats.norm.cdf(distinct, loc=mean, scale=sd)
    d_pos = float(max(np.max(upper - cdf), 0.0))
    d_neg = float(min(np.min(lower - cdf), 0.0))
    d_abs = max(d_pos, -d_neg)
    z = d_abs * math.sqrt(n)
    return KSResult(n, mean, sd, d_abs, d_pos, d_neg, z, kolmogorov_sf(z))


#: Royston's (1995) Shapiro-Wilk approximation holds for n <= 5000 (also SPSS EXAMINE's limit).
SHAPIRO_MAX_N = 5000
#: Lilliefors' table (and statsmodels' ``lilliefors``) starts at n = 4.
LILLIEFORS_MIN_N = 4


def lilliefors_p(d: float, n: int) -> float:
    """Lilliefors-corrected p of a K-S distance ``d`` from ``n`` values (normal, parameters estimated).

    As SPSS EXAMINE: Dallal and Wilkinson's (1986) approximation where it is
    valid (p < .1), Lilliefors' table above (statsmodels' tables; top value
    .200, a lower bound).  Same rule as statsmodels'
    ``lilliefors(pvalmethod="approx")``, which needs the data: this is for a
    D known without them (a printed K-S Sig. and its n, in the paper audit),
    hence statsmodels' private ``_lilliefors`` module, which its public
    function calls.  With data, :func:`normality_tests` calls the public one.
    """
    from statsmodels.stats._lilliefors import get_lilliefors_table, pval_lf

    p = float(pval_lf(d, n))
    if p > 0.1:
        p = float(get_lilliefors_table("norm").prob(d, n))
    return p


def normality_tests(result: RegressionResult) -> pd.DataFrame:
    """SPSS 21's K-S of the fit's unstandardized residuals beside the Lilliefors-corrected K-S and Shapiro-Wilk.

    Parameters
    ----------
    result : RegressionResult
        The fit whose residuals (SPSS's RES_1) are tested.

    Returns
    -------
    DataFrame
        Rows :data:`KS_SPSS`, :data:`LILLIEFORS`, :data:`SHAPIRO_WILK` (the
        ``test`` column: index the table by it); columns ``test``,
        ``Statistic`` (D, D, W), ``df``, ``Sig.``, ``note``.  The Lilliefors
        p is statsmodels' ``lilliefors(pvalmethod="approx")``: Dallal and
        Wilkinson's (1986) approximation below .1, as SPSS EXAMINE computes
        it (a table's p would stop at .001 and print a bound as a value), and
        Lilliefors' table above, topping out at .200 (then a lower bound); the
        Shapiro-Wilk p is scipy's (Royston 1995, as SPSS EXAMINE).  Royston's
        approximation is defined for 3 <= n <= ``SHAPIRO_MAX_N`` (5000; scipy
        warns that its p may not be accurate above): for more residuals the
        Shapiro-Wilk row holds NaN for W and Sig. and its note says "not
        computed", instead of an inaccurate p and a warning; below
        ``LILLIEFORS_MIN_N`` (4) residuals the Lilliefors row is NaN likewise.
    """
    from scipy import stats
    from statsmodels.stats.diagnostic import lilliefors

    from .spss_format import format_number

    values = result.residuals.to_numpy(dtype=float)
    ks = ks_spss(values)
    n = values.size
    if n >= LILLIEFORS_MIN_N:
        d_lf, p_lf = lilliefors(values, dist="norm", pvalmethod="approx")
    else:
        d_lf, p_lf = np.nan, np.nan
    if n <= SHAPIRO_MAX_N:
        w, p_sw = stats.shapiro(values)
        sw_note = tr("Royston's algorithm")
    else:
        w, p_sw = np.nan, np.nan
        sw_note = tr("not computed: Shapiro-Wilk (Royston's algorithm) is defined for n <= {limit}", limit=SHAPIRO_MAX_N)
    if n < LILLIEFORS_MIN_N:
        lf_note = tr("not computed: Lilliefors' table starts at n = {minimum}", minimum=LILLIEFORS_MIN_N)
    elif p_lf < 0.1:
        lf_note = tr("Lilliefors-corrected p (Dallal-Wilkinson approximation)")
    elif p_lf < 0.2:
        lf_note = tr("Lilliefors-corrected p from Lilliefors' table")
    else:
        lf_note = tr("Lilliefors-corrected p from Lilliefors' table; {bound} is a lower bound of the true significance "
                     "(as SPSS EXAMINE marks it)", bound=format_number(0.2, 3))
    return pd.DataFrame({
        "test": [KS_SPSS, LILLIEFORS, SHAPIRO_WILK],
        "Statistic": [ks.d_absolute, float(d_lf), float(w)],
        "df": [n, n, n],
        # SPSS EXAMINE prints at most .200 for Lilliefors ("lower bound of the true significance").
        "Sig.": [ks.asymp_sig, float(min(p_lf, 0.2)), float(p_sw)],
        "note": [tr("Kolmogorov-Smirnov Z = {z}; parameters estimated, no correction (conservative)",
                    z=format_number(ks.z, 3)),
                 lf_note, sw_note],
    })
