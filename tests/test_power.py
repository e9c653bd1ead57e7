"""Regression power as G*Power computes it: a published G*Power result and a second route."""

from __future__ import annotations

import math

import pytest

from surveykit import power

# G*Power reference manual, "F-Test for Multiple Correlation and Regression (MCR)", one set of
# predictors, post hoc: alpha = .05, f2 = 0.1111, N = 110, 5 predictors -> power 0.7518,
# critical F(5,104) = 2.3017, lambda = 12.2210
# (http://www.psycho.uni-duesseldorf.de/aap/projects/gpower/reference/reference_manual_08.html).
GPOWER = {"alpha": 0.05, "f2": 0.1111, "n": 110, "k": 5, "power": 0.7518, "f_crit": 2.3017, "lambda": 12.2210}


def noncentral_f_sf_poisson_mixture(f: float, u: int, v: int, lam: float) -> float:
    """P(F' > f) as a Poisson mixture of regularized incomplete beta functions (a second route)."""
    from scipy import special

    x = u * f / (u * f + v)
    total = 0.0
    for j in range(400):
        weight = math.exp(-lam / 2 + j * math.log(lam / 2) - math.lgamma(j + 1))
        total += weight * special.betainc(u / 2 + j, v / 2, x)
    return 1 - total


def test_gpower_manual_example():
    from scipy import stats

    g = GPOWER
    assert round(g["f2"] * g["n"], 4) == g["lambda"]
    assert round(float(stats.f.isf(g["alpha"], g["k"], g["n"] - g["k"] - 1)), 4) == g["f_crit"]
    assert round(power.achieved_power(g["n"], g["k"], g["f2"], alpha=g["alpha"]), 4) == g["power"]


def test_sensitivity_inverts_the_gpower_example():
    g = GPOWER
    f2 = power.sensitivity_f2(g["n"], g["k"], alpha=g["alpha"], power=g["power"])
    # Power is printed to 4 decimals, so f2 is recovered to about that precision.
    assert f2 == pytest.approx(g["f2"], abs=2e-4)


@pytest.mark.parametrize("n,k", [(56, 3), (30, 2), (120, 6)])
def test_power_against_poisson_mixture(n, k):
    from scipy import stats

    f2 = power.sensitivity_f2(n, k)
    f_crit = stats.f.isf(0.05, k, n - k - 1)
    assert noncentral_f_sf_poisson_mixture(f_crit, k, n - k - 1, f2 * n) == pytest.approx(0.80, abs=1e-9)


def test_required_n_is_the_smallest_sufficient():
    n = power.required_n(0.15, 3)
    assert power.achieved_power(n, 3, 0.15) >= 0.80 > power.achieved_power(n - 1, 3, 0.15)


def test_bad_inputs():
    with pytest.raises(ValueError):
        power.sensitivity_f2(4, 3)
    with pytest.raises(ValueError):
        power.sensitivity_f2(56, 3, power=0.01)
    with pytest.raises(ValueError):
        power.achieved_power(56, 0, 0.1)
    assert power.f2_to_r2(0.25) == pytest.approx(0.2)


def test_one_coefficient_power_equals_the_two_sided_noncentral_t_route():
    """u = 1: F'(1, v, lambda) is the square of a noncentral t with delta = sqrt(lambda), an independent route."""
    from scipy import stats

    n, k, f2 = 56, 3, 0.146
    v = n - k - 1
    t_crit = stats.t.isf(0.025, v)
    delta = (f2 * n) ** 0.5
    via_t = stats.nct.sf(t_crit, v, delta) + stats.nct.cdf(-t_crit, v, delta)
    assert power.achieved_power(n, k, f2, tested=1) == pytest.approx(via_t, abs=1e-9)


def test_a_single_coefficient_detects_smaller_effects_than_the_overall_test():
    overall = power.sensitivity_f2(56, 3)
    single = power.sensitivity_f2(56, 3, tested=1)
    assert single < overall
    assert power.achieved_power(56, 3, single, tested=1) == pytest.approx(0.80, abs=1e-9)
    with pytest.raises(ValueError, match="tested"):
        power.sensitivity_f2(56, 3, tested=4)
