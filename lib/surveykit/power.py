"""Power of the overall F test of a multiple regression, as G*Power 3.1 computes it.

G*Power's "Linear multiple regression: Fixed model, R^2 deviation from zero"
uses the noncentral F distribution with u = k numerator and v = n - k - 1
denominator degrees of freedom and noncentrality lambda = f^2 * n
(Faul, Erdfelder, Buchner & Lang 2009).  The sensitivity analysis asks for
the smallest effect f^2 = R^2 / (1 - R^2) that the given n detects with the
given power.  With ``tested`` < k it is G*Power's "R^2 increase" test of
``tested`` of the k predictors (e.g. one coefficient's t test, u = 1): same
lambda = f^2 * n, u = tested, v = n - k - 1, where f^2 is the tested
predictors' unique contribution, R^2 change / (1 - R^2 of the full model).
"""

from __future__ import annotations

import math

__all__ = ["achieved_power", "sensitivity_f2", "required_n", "f2_to_r2"]


def _check(n: int, n_predictors: int, alpha: float) -> None:
    if int(n_predictors) != n_predictors or n_predictors < 1:
        raise ValueError(f"n_predictors must be a positive integer, got {n_predictors!r}")
    if int(n) != n or n <= n_predictors + 1:
        raise ValueError(f"n = {n!r} leaves no residual degrees of freedom for {n_predictors} predictors "
                         f"(need n > {n_predictors + 1})")
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1, got {alpha!r}")


def _tested(n_predictors: int, tested: int | None) -> int:
    if tested is None:
        return n_predictors
    if int(tested) != tested or not 1 <= tested <= n_predictors:
        raise ValueError(f"tested must be an integer between 1 and n_predictors ({n_predictors}), got {tested!r}")
    return int(tested)


def achieved_power(n: int, n_predictors: int, f2: float, *, alpha: float = 0.05,
                   tested: int | None = None) -> float:
    """Post-hoc power of the F test (G*Power "Post hoc").

    P(F' > F_crit) with F' ~ noncentral F(u, v = n - k - 1, lambda = f2 * n),
    u = k for the overall test, u = ``tested`` for a test of some predictors.
    """
    from scipy import stats

    _check(n, n_predictors, alpha)
    if f2 < 0:
        raise ValueError(f"f2 must be non-negative, got {f2!r}")
    u, v = _tested(n_predictors, tested), n - n_predictors - 1
    f_crit = stats.f.isf(alpha, u, v)
    if f2 == 0:
        return float(alpha)
    return float(stats.ncf.sf(f_crit, u, v, f2 * n))


def sensitivity_f2(n: int, n_predictors: int, *, alpha: float = 0.05, power: float = 0.80,
                   tested: int | None = None) -> float:
    """Smallest f^2 detected with the given power (G*Power "Sensitivity").

    Parameters
    ----------
    n : int
        Sample size.
    n_predictors : int
    alpha : float, default 0.05
    power : float, default 0.80
    tested : int, optional
        Number of predictors the test concerns (1 for one coefficient's t
        test); default all of them (the overall F test).

    Returns
    -------
    float
        f^2 solving achieved_power(n, k, f^2) = power (Brent's method, to 1e-12).
    """
    from scipy import optimize

    _check(n, n_predictors, alpha)
    if not alpha < power < 1:
        raise ValueError(f"power must lie between alpha ({alpha}) and 1, got {power!r}")
    tested = _tested(n_predictors, tested)
    high = 1.0
    while achieved_power(n, n_predictors, high, alpha=alpha, tested=tested) < power:
        high *= 2
        if high > 1e6:
            raise ValueError("no finite effect size reaches this power")
    return float(optimize.brentq(
        lambda f2: achieved_power(n, n_predictors, f2, alpha=alpha, tested=tested) - power,
        0.0, high, xtol=1e-14, rtol=1e-12))


def required_n(f2: float, n_predictors: int, *, alpha: float = 0.05, power: float = 0.80) -> int:
    """Smallest total sample size reaching the power for effect f^2 (G*Power "A priori")."""
    if f2 <= 0:
        raise ValueError(f"f2 must be positive, got {f2!r}")
    n = n_predictors + 2
    while achieved_power(n, n_predictors, f2, alpha=alpha) < power:
        n += 1
        if n > 10_000_000:
            raise ValueError("no sample size below 10 million reaches this power")
    return n


def f2_to_r2(f2: float) -> float:
    """R^2 = f^2 / (1 + f^2)."""
    if f2 < 0 or math.isinf(f2):
        raise ValueError(f"f2 must be a finite non-negative number, got {f2!r}")
    return f2 / (1 + f2)
