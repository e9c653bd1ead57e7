"""Checks on a paper's printed numbers alone, in the spirit of statcheck (Nuijten et al. 2016).

No data needed: F recomputed from R-squared, n and k
(:func:`check_f_from_r_squared`); a printed Sig. against the p of its F or t
(:func:`check_sig`, :func:`check_sig_from_b_se`); R2 as a percentage; the
r-table value; the interpretation class of a printed mean; the K-S
"Asymp. Sig." of SPSS NPAR TESTS turned back into the distance D and judged
with the Lilliefors correction (:func:`check_normality_claim`); "X
contributes most" from the printed Sig. values; "every alpha > .60".
:func:`consistency_checks` runs every check the entries of a ``reported.yml``
allow (with GRIM, :mod:`surveykit.audit.means`).

Every printed number stands for the interval its rounding allows (SPSS:
half away from zero).  The identities between printed numbers live in
:mod:`surveykit.paper_audit.identities`, which the audit of pasted SPSS
tables uses too; this module words their verdicts.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from ..i18n import N_, tr
from ..paper_audit import identities as _identities
from ..paper_audit.intervals import Interval
from ..reported import alpha_level, reported_value
from ..spss_format import format_number, format_sig, round_half_away
from .checks import (
    CONSISTENT,
    INCONSISTENT,
    LILLIEFORS_REFERENCE,
    MISLEADING,
    NOT_COMPUTABLE,
    NOT_SUPPORTED,
    NOT_TESTABLE,
    STATCHECK_REFERENCE,
    SUPPORTED,
    Check,
    _decimals,
    _first,
    _fmt,
    _interval,
    _join,
    _list,
    _num,
    _reported_n,
)
from .means import _grim_check, grim

__all__ = [
    "f_from_r_squared",
    "check_f_from_r_squared",
    "p_from_f",
    "p_from_t",
    "sig_consistent",
    "check_sig",
    "t_interval_from_b_se",
    "check_sig_from_b_se",
    "check_percent",
    "check_r_table",
    "check_category",
    "ks_d_from_sig",
    "check_normality_claim",
    "t_interval_from_sig",
    "semipartial_from_t",
    "check_contribution_from_printed",
    "check_alpha_claim",
    "consistency_checks",
]


def f_from_r_squared(r_squared: float, *, n: int, k: int) -> float:
    """Overall F of a least-squares regression with constant: ``(R2/k) / ((1 - R2)/(n - k - 1))``.

    Raises
    ------
    ValueError
        ``n - k - 1 < 1`` or R2 outside [0, 1).
    """
    if not 0 <= r_squared < 1:
        raise ValueError(f"R squared must lie in [0, 1) for a finite F, got {r_squared}")
    return _identities.f_from_r_squared(Interval.point(r_squared), n=n, k=k).lo


def check_f_from_r_squared(r_squared: float, r_decimals: int, f: float, f_decimals: int, *,
                           n: int, k: int, subject: str = "regression.F, regression.R2") -> Check:
    """Is a printed F consistent with a printed R-squared, n and k?

    Both printed numbers stand for the intervals their rounding allows; F is
    monotone in R2, so the R2 interval maps to an F interval, and the check
    passes when it overlaps the printed F's interval.  (A statcheck-style
    recomputation; statcheck itself recomputes p, not F.)
    """
    # An R2 printed as 1.000 allows any F above the value at .9995 (the identity caps R2 just below 1).
    implied = _identities.f_from_r_squared(Interval(*_interval(r_squared, r_decimals)), n=n, k=k)
    lo_f, hi_f = implied.lo, implied.hi
    consistent = implied.overlaps(Interval(*_interval(f, f_decimals)))
    df2 = n - k - 1
    r_from_f = k * f / (k * f + df2)
    fields = dict(f=_fmt(f, f_decimals), r2=_fmt(r_squared, r_decimals), n=n, k=k, df2=df2,
                  low=_num(f"{lo_f:.3f}"), high=_num(f"{hi_f:.3f}"))
    recomputed = tr("R2 {r2} with n = {n}, k = {k} gives F between {low} and {high}; F {f} implies R2 = {implied}",
                    implied=_num(f"{r_from_f:.4f}"), **fields)
    if consistent:
        verdict = tr("F({k}, {df2}) = {f} follows from R2 = {r2} with n = {n} and {k} predictors, within rounding.",
                     **fields)
    else:
        verdict = tr("F({k}, {df2}) = {f} cannot come from R2 = {r2} with n = {n} and {k} predictors: that R2 allows "
                     "F only between {low} and {high}. One of F, R2, n or the number of predictors is misprinted.",
                     **fields)
    return Check(N_("F from R squared"), subject, _list([f"F = {_fmt(f, f_decimals)}", f"R2 = {_fmt(r_squared, r_decimals)}"]),
                 recomputed, CONSISTENT if consistent else INCONSISTENT, verdict,
                 f"F = (R2/k)/((1-R2)/(n-k-1)); statcheck-style recomputation: {STATCHECK_REFERENCE}")


def p_from_f(f: float, df1: int, df2: int) -> float:
    """Upper-tail p of F(df1, df2) (SPSS ANOVA "Sig.")."""
    return _identities.p_from_f(Interval.point(f), df1, df2).lo


def p_from_t(t: float, df: int) -> float:
    """Two-tailed p of t with ``df`` degrees of freedom (SPSS Coefficients "Sig.")."""
    return _identities.p_from_t(Interval.point(t), df).lo


def sig_consistent(printed: float, p_low: float, p_high: float | None = None, *, decimals: int = 3) -> bool:
    """Can a p in ``[p_low, p_high]`` be printed as ``printed`` (SPSS rounding)?

    SPSS prints p < .0005 as ``.000``; that is a correct display of a small
    p, not a p of zero, and it is consistent with any p below .0005.
    """
    p_high = p_low if p_high is None else p_high
    return _identities.probability(Interval(*_interval(printed, decimals))).overlaps(Interval(p_low, p_high))


def check_sig(printed: float, *, statistic: str, value: float, df: tuple[int, ...],
              value_decimals: int | None = None, decimals: int = 3, subject: str = "") -> Check:
    """A printed significance against the p recomputed from its F or t (statcheck, Nuijten et al. 2016).

    Parameters
    ----------
    printed : float
        The printed Sig. (``0.0`` for SPSS's ``.000``).
    statistic : {"F", "t"}
    value : float
        The printed F or t.
    df : tuple
        ``(df1, df2)`` for F, ``(df,)`` for t.
    value_decimals : int, optional
        Decimals the statistic was printed with; its rounding interval is
        carried into the p interval.  None: the statistic is taken as exact.
    """
    if statistic not in ("F", "t"):
        raise ValueError(f"statistic must be 'F' or 't', not {statistic!r}")

    given = Interval.point(abs(value)) if value_decimals is None else Interval(*_interval(abs(value), value_decimals))
    p = _identities.p_from_f(given, *df) if statistic == "F" else _identities.p_from_t(given, df[0])
    p_lo, p_hi = p.lo, p.hi
    ok = sig_consistent(printed, p_lo, p_hi, decimals=decimals)
    shown = format_sig(printed, leading_zero=True)
    dfs = ", ".join(str(d) for d in df)
    p_text = (f"p = {_num(f'{p_lo:.3g}')}" if f"{p_lo:.3g}" == f"{p_hi:.3g}" else
              tr("p between {low} and {high}", low=_num(f"{p_lo:.3g}"), high=_num(f"{p_hi:.3g}")))
    fields = dict(shown=shown, statistic=statistic, dfs=dfs, value=_num(f"{value}"), p_text=p_text)
    if ok:
        verdict = tr("Sig. {shown} agrees with {statistic}({dfs}) = {value} ({p_text}).", **fields)
        if round_half_away(printed, decimals) == 0:
            verdict += " " + tr("SPSS's .000 means p < .0005, not zero.")
    else:
        verdict = tr("Sig. {shown} does not agree with {statistic}({dfs}) = {value}, which gives {p_text}: the "
                     "p-value, the statistic or the degrees of freedom is misprinted.", **fields)
    name = N_("Sig. from F") if statistic == "F" else N_("Sig. from t")
    return Check(name, subject, _list([f"Sig. = {shown}", f"{statistic} = {_num(f'{value}')}"]), p_text,
                 CONSISTENT if ok else INCONSISTENT, verdict, f"statcheck: {STATCHECK_REFERENCE}")


def t_interval_from_b_se(b: float, b_decimals: int, se: float, se_decimals: int) -> tuple[float, float]:
    """The interval of |t| = |B| / SE allowed by a printed B and a printed standard error.

    Raises
    ------
    ValueError
        The printed SE rounds from values that include zero (t unbounded).
    """
    t = _identities.ratio(Interval(*_interval(abs(b), b_decimals)).clip(0.0), Interval(*_interval(se, se_decimals)))
    if t is None:
        raise ValueError(f"a standard error printed as {se} may be zero: t is not bounded")
    return t.lo, t.hi


def check_sig_from_b_se(printed: float, *, b: float, b_decimals: int, se: float, se_decimals: int, df: int,
                        decimals: int = 3, subject: str = "") -> Check:
    """A coefficient's printed Sig. against the p of t = B / SE (both printed, both rounded).

    statcheck needs t; SPSS's Coefficients table prints B and its standard error,
    whose ratio is t, so the check carries both rounding intervals into an
    interval of p.
    """
    t_lo, t_hi = t_interval_from_b_se(b, b_decimals, se, se_decimals)
    p = _identities.p_from_t(Interval(t_lo, t_hi), df)
    p_lo, p_hi = p.lo, p.hi
    ok = sig_consistent(printed, p_lo, p_hi, decimals=decimals)
    shown = format_sig(printed, leading_zero=True)
    p_text = tr("|t| between {t_low} and {t_high}, p between {p_low} and {p_high}", t_low=_num(f"{t_lo:.3f}"),
                t_high=_num(f"{t_hi:.3f}"), p_low=_num(f"{p_lo:.3g}"), p_high=_num(f"{p_hi:.3g}"))
    fields = dict(shown=shown, b=_num(f"{b}"), se=_num(f"{se}"), df=df, p_text=p_text)
    if ok:
        verdict = tr("Sig. {shown} agrees with B = {b} and SE = {se} on {df} df ({p_text}).", **fields)
    else:
        verdict = tr("Sig. {shown} does not agree with B = {b} and SE = {se} on {df} df ({p_text}): the p-value, "
                     "B, the standard error or the degrees of freedom is misprinted.", **fields)
    return Check(N_("Sig. from t = B/SE"), subject,
                 _list([f"Sig. = {shown}", f"B = {_num(f'{b}')}", f"SE = {_num(f'{se}')}"]), p_text,
                 CONSISTENT if ok else INCONSISTENT, verdict, f"statcheck: {STATCHECK_REFERENCE}")


def check_percent(fraction: float, fraction_decimals: int, percent: float, percent_decimals: int, *,
                  subject: str = "") -> Check:
    """A proportion and the same number printed as a percentage (e.g. R2 .705 and 70.5 %)."""
    lo, hi = _interval(fraction * 100, fraction_decimals - 2)
    plo, phi = _interval(percent, percent_decimals)
    ok = lo < phi and plo < hi
    fields = dict(percent=_fmt(percent, percent_decimals), fraction=_fmt(fraction, fraction_decimals))
    verdict = (tr("{percent} % restates {fraction}.", **fields) if ok else
               tr("{percent} % is not {fraction} as a percentage.", **fields))
    return Check(N_("percentage"), subject, f"{_fmt(fraction, fraction_decimals)}; {_fmt(percent, percent_decimals)} %",
                 _num(f"{fraction * 100:.{max(fraction_decimals - 2, 0)}f} %"), CONSISTENT if ok else INCONSISTENT, verdict,
                 "arithmetic")


def check_r_table(printed: float, decimals: int, *, n: int, alpha: float = 0.05, subject: str = "") -> Check:
    """The critical r of an item validity test: ``r = t / sqrt(df + t^2)``, t two-tailed at ``alpha``, df = n - 2."""
    from scipy import stats

    df = n - 2
    t = stats.t.ppf(1 - alpha / 2, df)
    r = t / math.sqrt(df + t * t)
    ok = round_half_away(r, decimals) == round_half_away(printed, decimals)
    fields = dict(printed=_fmt(printed, decimals), level=_num(f"{alpha:.0%}"), n=n, df=df, r=_fmt(r, decimals))
    verdict = (tr("r-table {printed} is the two-tailed {level} critical r for n = {n} (df = {df}).", **fields)
               if ok else
               tr("r-table {printed} is not the two-tailed {level} critical r for n = {n} (df = {df}), which is {r}.",
                  **fields))
    return Check(N_("r-table"), subject, _fmt(printed, decimals), _num(f"{r:.6f}"), CONSISTENT if ok else INCONSISTENT,
                 verdict, "r = t/sqrt(df + t^2), df = n - 2")


def check_category(printed_mean: float, printed_category: str, codebook, *, label: str = "",
                   subject: str = "") -> Check:
    """Does the printed interpretation class ("baik") follow from the printed mean and the codebook's intervals?"""
    derived = codebook.interpret(printed_mean)
    ok = derived.strip().lower() == printed_category.strip().lower()
    bands = "; ".join(f"{_num(f'{c.min:.2f}')}-{_num(f'{c.max:.2f}')} {c.id}" for c in codebook.interpretation)
    fields = dict(mean=_fmt(printed_mean, 2), derived=derived, label=label or tr("the mean"))
    verdict = (tr("A mean of {mean} falls in the class \"{derived}\", as printed for {label}.", **fields) if ok else
               tr("The paper calls {label} \"{printed}\", but a mean of {mean} falls in \"{derived}\" on the "
                  "codebook's scale ({bands}).", printed=printed_category, bands=bands, **fields))
    return Check(N_("interpretation class"), subject, f"{_fmt(printed_mean, 2)} \"{printed_category}\"",
                 f"\"{derived}\"", CONSISTENT if ok else INCONSISTENT, verdict,
                 "five-class interval scale of the codebook")


def ks_d_from_sig(sig: float, n: int) -> float:
    """The K-S distance D behind an SPSS NPAR TESTS "Asymp. Sig.": invert ``p = Q_K(D sqrt(n))``."""
    from scipy import special

    if not 0 < sig < 1:
        raise ValueError(f"a K-S significance must lie strictly between 0 and 1, got {sig}")
    return float(special.kolmogi(sig)) / math.sqrt(n)


def check_normality_claim(printed_sig: float, decimals: int, *, n: int, alpha: float = 0.05,
                          subject: str = "normality.ks_sig") -> Check:
    """Judge "normal (K-S Sig. > alpha)" from the printed number alone, with the Lilliefors correction.

    SPSS 21 NPAR TESTS estimates the normal's mean and SD from the same
    residuals and still uses Kolmogorov's distribution, so its p is too
    large.  The printed Sig. (with n) fixes D; the Lilliefors-corrected p
    for that D comes from :func:`surveykit.normality.lilliefors_p`, the
    same function as the normality notebook's table.
    """
    lo, hi = _interval(printed_sig, decimals)
    d_hi, d_lo = ks_d_from_sig(max(lo, 1e-12), n), ks_d_from_sig(min(hi, 1 - 1e-12), n)
    corrected = _identities.lilliefors_p_interval(Interval(d_lo, d_hi), n)
    p_lo, p_hi = corrected.lo, corrected.hi
    floor = p_lo <= 0.001 + 1e-12
    p_text = (_num("p <= .001") if floor and p_hi <= 0.001 + 1e-12 else
              tr("p between {low} and {high}", low=_num(f"{p_lo:.3f}"), high=_num(f"{p_hi:.3f}")))
    fields = dict(printed=format_sig(printed_sig, leading_zero=True), n=n, d_low=_num(f"{d_lo:.4f}"),
                  d_high=_num(f"{d_hi:.4f}"), p_text=p_text, alpha=_num(f"{alpha}"))
    recomputed = tr("D between {d_low} and {d_high}; Lilliefors-corrected {p_text}", **fields)
    if p_hi < alpha:
        status = NOT_SUPPORTED
        verdict = tr("K-S Sig. {printed} (SPSS NPAR TESTS, n = {n}) means D between {d_low} and {d_high}. Corrected "
                     "for estimating the mean and SD from the same data (Lilliefors), the same D gives {p_text}, "
                     "below {alpha}: by the K-S test corrected for estimated parameters (the version SPSS EXAMINE "
                     "reports) the residuals are not normal.", **fields)
    elif p_lo > alpha:
        status = SUPPORTED
        verdict = tr("K-S Sig. {printed} stays above {alpha} with the Lilliefors correction ({p_text}): normality is "
                     "not rejected.", **fields)
    else:
        status = NOT_TESTABLE
        verdict = tr("With the Lilliefors correction the printed Sig. {printed} allows {p_text}, on both sides of "
                     "{alpha}: undecided from the printed number.", **fields)
    return Check(N_("claim: normality (K-S vs Lilliefors)"), subject,
                 f"Sig. = {fields['printed']} (> {fields['alpha']})", recomputed,
                 status, verdict, f"inverse Kolmogorov distribution; {LILLIEFORS_REFERENCE}")


def t_interval_from_sig(sig: float, df: int, *, decimals: int = 3) -> tuple[float, float]:
    """The |t| values whose two-tailed p prints as ``sig`` (upper bound ``inf`` for ``.000``)."""
    from scipy import stats

    lo, hi = _interval(sig, decimals)
    lo = max(lo, 0.0)
    if hi >= 1:
        return 0.0, float(stats.t.isf(lo / 2, df))
    t_low = float(stats.t.isf(hi / 2, df))
    t_high = float("inf") if lo == 0 else float(stats.t.isf(lo / 2, df))
    return t_low, t_high


def semipartial_from_t(t: float, r_squared: float, df: int) -> float:
    """|sr| of a predictor from its t: ``sr2 = t2 (1 - R2) / df`` (the R2 lost when it is dropped)."""
    return abs(t) * math.sqrt((1 - r_squared) / df)


def check_contribution_from_printed(claimed: str, sigs: Mapping[str, float], r_squared: float, *, n: int,
                                    sig_decimals: int = 3, r_decimals: int = 3,
                                    labels: Mapping[str, str] | None = None, subject: str = "") -> Check:
    """Which predictor adds most to R2, from the printed Sig. values, R2 and n alone.

    A predictor's squared semipartial correlation (the R2 lost when it is
    dropped) is ``sr2 = t2 (1 - R2) / df``, so its size follows from |t|,
    and |t| from the printed two-tailed Sig. and df = n - k - 1.  Beta is
    ``sr / sqrt(tolerance)``; the paper prints no tolerances, so the ranking
    by Beta itself is open unless the tolerances are similar.
    """
    k = len(sigs)
    df = n - k - 1
    name = (lambda key: (labels or {}).get(key, key))
    r_lo, r_hi = _interval(r_squared, r_decimals)
    bounds = {}
    for key, sig in sigs.items():
        t_lo, t_hi = t_interval_from_sig(sig, df, decimals=sig_decimals)
        # A semipartial r^2 is part of R^2, so |sr| <= sqrt(R^2) also when Sig. prints as .000 (|t| unbounded).
        bounds[key] = (semipartial_from_t(t_lo, r_hi, df), min(semipartial_from_t(t_hi, r_lo, df), math.sqrt(r_hi)))
    listing = _list(tr("{name} {low} to {high}", name=name(key), low=_num(f"{lo:.3f}"), high=_num(f"{hi:.3f}"))
                    for key, (lo, hi) in bounds.items())
    if claimed not in bounds:
        raise KeyError(f"the claimed predictor {claimed!r} has no printed Sig.")
    others = [key for key in bounds if key != claimed]
    largest = all(bounds[claimed][0] > bounds[o][1] for o in others)
    smaller = [o for o in others if bounds[o][0] > bounds[claimed][1]]
    if largest:
        status = SUPPORTED
        verdict = tr("From the printed Sig. values alone, {name} has the largest semipartial correlation (the largest "
                     "share of R2 that no other predictor explains): |sr| {listing}. Its Beta is largest too if the "
                     "tolerances are similar; the paper prints none, so that part stays unchecked.",
                     name=name(claimed), listing=listing)
    elif smaller:
        status = NOT_SUPPORTED
        fields = dict(others=_join(name(o) for o in smaller), name=name(claimed), listing=listing)
        verdict = (tr("From the printed Sig. values, {others} adds more to R2 than {name} (|sr| {listing}), which "
                      "sits badly with the claim.", **fields) if len(smaller) == 1 else
                   tr("From the printed Sig. values, {others} add more to R2 than {name} (|sr| {listing}), which "
                      "sits badly with the claim.", **fields))
    else:
        status = NOT_TESTABLE
        verdict = tr("The printed Sig. values leave the ranking of the semipartial correlations open (|sr| {listing}).",
                     listing=listing)
    return Check(N_("claim: largest contribution (printed numbers)"), subject,
                 tr("largest contribution: {name}", name=name(claimed)), f"|sr| {listing}", status, verdict,
                 "sr = |t| sqrt((1 - R2)/df), |t| from the printed two-tailed Sig.")


def check_alpha_claim(alphas: Mapping[str, float], threshold: float = 0.60, *, decimals: int = 3,
                      labels: Mapping[str, str] | None = None, subject: str = "alpha.*") -> Check:
    """"Every alpha > threshold, so the instrument is reliable", with alphas as printed (or recomputed).

    An alpha that prints as 1.000 (>= .9995) is not high reliability: alpha
    equals 1 exactly when every item is a copy of the others up to a
    constant, i.e. the items carry one answer between them.  Such a scale
    passes the threshold in form and says nothing about reliability.
    """
    name = (lambda k: (labels or {}).get(k, k))
    claim = tr("all alpha > {threshold}", threshold=_num(f"{threshold:.2f}"))
    if not alphas:
        return Check(N_("claim: alpha > threshold"), subject, claim, "", NOT_COMPUTABLE,
                     tr("No alpha is defined (every scale has a single item or no variance)."),
                     "Cronbach's alpha, SPSS RELIABILITY")
    listing = _list(f"{name(k)} {format_number(a, decimals)}" for k, a in alphas.items())
    below = [k for k, a in alphas.items() if not a > threshold]
    ones = [k for k, a in alphas.items() if round_half_away(a, decimals) >= 1.0]
    fields = dict(threshold=_num(f"{threshold:.2f}"))
    if below:
        status = NOT_SUPPORTED
        names = _join(name(k) for k in below)
        verdict = (tr("{names} does not exceed {threshold}.", names=names, **fields) if len(below) == 1 else
                   tr("{names} do not exceed {threshold}.", names=names, **fields))
    elif ones:
        status = MISLEADING
        names, one = _join(name(k) for k in ones), format_number(1.0, decimals)
        verdict = (tr("Every alpha exceeds {threshold}, but {names} prints {one}.", names=names, one=one, **fields)
                   if len(ones) == 1 else
                   tr("Every alpha exceeds {threshold}, but {names} print {one}.", names=names, one=one, **fields))
        verdict += " " + tr(
            "Alpha reaches 1 only when all items of a scale are copies of each other (up to a constant): the "
            "respondents effectively answered one question, so the scale has one item's information and alpha "
            "says nothing about its reliability. It points to duplicated columns, a data-entry artefact or a "
            "misprint, not to an excellent instrument.")
    else:
        status = SUPPORTED
        verdict = tr("Every alpha exceeds {threshold}.", **fields)
    return Check(N_("claim: alpha > threshold"), subject, claim, listing, status, verdict,
                 "Cronbach's alpha, SPSS RELIABILITY")


def consistency_checks(reported: pd.DataFrame, codebook, *, labels: Mapping[str, str] | None = None) -> list[Check]:
    """Every check that needs only the printed numbers (and the codebook's item counts).

    Runs what the reported entries allow: GRIM on every mean, F from R2, Sig.
    of F, R2 as a percentage, the r-table value, the K-S normality claim
    with the Lilliefors correction, the alpha claim as printed, and notes the
    coefficient Sig. values as not recomputable when neither t nor SE is printed.
    """
    labels = labels or {}
    checks: list[Check] = []
    n = _reported_n(reported)
    k = len(codebook.predictors)
    if n is not None:
        items_of = {**codebook.construct_items(), **codebook.indicator_items()}
        for _, entry in reported[reported["kind"].isin(["construct_mean", "indicator_mean"])].iterrows():
            target = entry["target"]
            result = grim(float(entry["value"]), n=n, items=len(items_of[target]), decimals=int(entry["decimals"]))
            checks.append(_grim_check(entry["id"], result, labels.get(target, target)))
    for _, entry in reported[reported["kind"] == "construct_category"].iterrows():
        mean_ids = reported.index[(reported["kind"] == "construct_mean") & (reported["target"] == entry["target"])]
        if len(mean_ids) and codebook.interpretation:
            checks.append(check_category(float(reported_value(reported, mean_ids[0])), str(entry["value"]), codebook,
                                         label=labels.get(entry["target"], entry["target"]),
                                         subject=f"{entry['id']}, {mean_ids[0]}"))
    f_id = _first(reported, "f_statistic")
    r2_id = _first(reported, "r_squared")
    if n is not None and f_id and r2_id:
        checks.append(check_f_from_r_squared(float(reported_value(reported, r2_id)), _decimals(reported, r2_id),
                                             float(reported_value(reported, f_id)), _decimals(reported, f_id),
                                             n=n, k=k, subject=f"{f_id}, {r2_id}"))
    fsig_id = _first(reported, "f_sig")
    if n is not None and f_id and fsig_id:
        checks.append(check_sig(float(reported_value(reported, fsig_id)), statistic="F",
                                value=float(reported_value(reported, f_id)), df=(k, n - k - 1),
                                value_decimals=_decimals(reported, f_id), subject=f"{fsig_id}, {f_id}"))
    pct_id = _first(reported, "r_squared_percent")
    if r2_id and pct_id:
        checks.append(check_percent(float(reported_value(reported, r2_id)), _decimals(reported, r2_id),
                                    float(reported_value(reported, pct_id)), _decimals(reported, pct_id),
                                    subject=f"{pct_id}, {r2_id}"))
    rt_id = _first(reported, "r_table")
    if n is not None and rt_id:
        checks.append(check_r_table(float(reported_value(reported, rt_id)), _decimals(reported, rt_id), n=n,
                                    alpha=alpha_level(reported.loc[rt_id]), subject=rt_id))
    for _, entry in reported[reported["kind"] == "coefficient_sig"].iterrows():
        target = entry["target"]
        same = reported[reported["target"] == target]
        t_ids = same.index[same["kind"] == "coefficient_t"]
        b_ids = same.index[same["kind"] == "coefficient_b"]
        se_ids = same.index[same["kind"] == "coefficient_se"]
        df = n - k - 1 if n is not None else None
        if df is not None and len(t_ids):
            checks.append(check_sig(float(entry["value"]), statistic="t", value=float(reported_value(reported, t_ids[0])),
                                    df=(df,), value_decimals=_decimals(reported, t_ids[0]),
                                    subject=f"{entry['id']}, {t_ids[0]}"))
        elif df is not None and len(b_ids) and len(se_ids):
            checks.append(check_sig_from_b_se(float(entry["value"]), b=float(reported_value(reported, b_ids[0])),
                                              b_decimals=_decimals(reported, b_ids[0]),
                                              se=float(reported_value(reported, se_ids[0])),
                                              se_decimals=_decimals(reported, se_ids[0]), df=df,
                                              subject=f"{entry['id']}, {b_ids[0]}, {se_ids[0]}"))
        else:
            checks.append(Check(N_("Sig. from t"), entry["id"], format_sig(float(entry["value"]), leading_zero=True), "",
                                NOT_COMPUTABLE,
                                tr("The paper prints B and Sig. for {name} but neither t nor the standard error, so "
                                   "Sig. cannot be recomputed from the text (statcheck needs the test statistic and "
                                   "its degrees of freedom).", name=labels.get(target, target)),
                                f"statcheck: {STATCHECK_REFERENCE}"))
    claim_id = _first(reported, "claim_largest_beta")
    sig_rows = reported[reported["kind"] == "coefficient_sig"]
    if n is not None and claim_id and r2_id and len(sig_rows) == k:
        checks.append(check_contribution_from_printed(
            str(reported_value(reported, claim_id)), {row["target"]: float(row["value"]) for _, row in sig_rows.iterrows()},
            float(reported_value(reported, r2_id)), n=n, r_decimals=_decimals(reported, r2_id),
            sig_decimals=int(sig_rows["decimals"].iloc[0]), labels=labels,
            subject=f"{claim_id}, {', '.join(sig_rows['id'])}"))
    ks_id = _first(reported, "ks_asymp_sig")
    if n is not None and ks_id:
        threshold = reported_value(reported, "normality.threshold")
        checks.append(check_normality_claim(float(reported_value(reported, ks_id)), _decimals(reported, ks_id), n=n,
                                            alpha=float(threshold) if threshold is not None else 0.05,
                                            subject=ks_id))
    alpha_rows = reported[reported["kind"] == "cronbach_alpha"]
    if len(alpha_rows):
        threshold = reported_value(reported, "alpha.threshold")
        printed = {row["target"]: float(row["value"]) for _, row in alpha_rows.iterrows()}
        checks.append(check_alpha_claim(printed, float(threshold) if threshold is not None else 0.60,
                                        labels=labels, subject=", ".join(alpha_rows["id"])))
    return checks
