"""Replication audit: is a paper consistent with itself, and with the data?

Two kinds of check on SPSS-style results, usable on any paper's
``reported.yml`` (see :func:`surveykit.reported.load_reported`):

*Internal consistency* uses only the printed numbers, in the spirit of
statcheck (Nuijten et al. 2016, which recomputes p from a reported test
statistic and its degrees of freedom) and GRIM (Brown & Heathers 2017, which
asks whether a mean of integer answers can take the printed value at all):

- :func:`grim` - can a mean of ``n`` respondents x ``k`` items of integer
  answers round to the printed value?  Under which rounding conventions?
- :func:`f_from_r_squared` / :func:`check_f_from_r_squared` - F recomputed from
  R-squared, n and the number of predictors, with both printed numbers
  treated as the intervals their rounding allows.
- :func:`check_sig` - a printed significance against one recomputed from F
  (or t) and its degrees of freedom; SPSS's ``.000`` means p < .0005.
  :func:`check_sig_from_b_se` does the same from a printed B and standard error.
- :func:`check_normality_claim` - a printed K-S "Asymp. Sig." (SPSS NPAR
  TESTS, no Lilliefors correction) turned back into the K-S distance D, and
  that D judged with the Lilliefors correction.

- :func:`check_category` - the printed interpretation class ("baik") of a
  printed mean on the codebook's interval scale.
- :func:`check_contribution_from_printed` - "X contributes most": the
  semipartial correlations implied by the printed Sig. values, R2 and n.

*Claims against the numbers* (need the data): the largest standardized
Beta, "all VIF < 10", "alpha > .60 so reliable" (and what an alpha of 1.000
really means), the normality verdict, and which indicator is lowest or
highest (:func:`check_rank_claims`).  Every number of ``reported.yml`` is
recomputed from item-level data by :func:`surveykit.reported.recompute`.

Every check returns a :class:`Check`; :func:`checks_table` stacks them into
one tidy table with a verdict written for a reader who knows SPSS.

Rounding is SPSS's: half away from zero (:mod:`surveykit.spss_format`).
Nothing here computes on a rounded value except where the printed
(rounded) number is the object being checked.

The identities between printed numbers (F from R2, Sig. from t or F, t from
B and SE, the Lilliefors p of a K-S distance) live in
:mod:`surveykit.paper_audit.identities`, which the audit of pasted SPSS
tables (:mod:`surveykit.paper_audit`) uses too; this module words their
verdicts for a paper's ``reported.yml``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pandas as pd

from . import i18n
from .i18n import N_, tr
from .paper_audit import identities as _identities
from .paper_audit.intervals import Interval
from .reported import Group
from .spss_format import format_number, format_sig, round_half_away

__all__ = [
    "GRIM_REFERENCE",
    "STATCHECK_REFERENCE",
    "LILLIEFORS_REFERENCE",
    "ROUNDING_CONVENTIONS",
    "Check",
    "GrimResult",
    "round_fraction",
    "grim",
    "grim_sums",
    "PRINTED_MEANS",
    "grim_table",
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
    "check_largest_beta",
    "check_vif_bound",
    "check_alpha_claim",
    "load_rank_claims",
    "check_rank_claims",
    "consistency_checks",
    "claim_checks",
    "checks_table",
    "checks_view",
]

GRIM_REFERENCE = (
    "Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects numerous "
    "anomalies in the reporting of results in psychology. Social Psychological and Personality Science, "
    "8(4), 363-369. doi:10.1177/1948550616673876"
)
STATCHECK_REFERENCE = (
    "Nuijten, M. B., Hartgerink, C. H. J., van Assen, M. A. L. M., Epskamp, S., & Wicherts, J. M. (2016). "
    "The prevalence of statistical reporting errors in psychology (1985-2013). Behavior Research Methods, "
    "48(4), 1205-1226. doi:10.3758/s13428-015-0664-2"
)
LILLIEFORS_REFERENCE = (
    "Lilliefors, H. W. (1967). On the Kolmogorov-Smirnov test for normality with mean and variance "
    "unknown. Journal of the American Statistical Association, 62(318), 399-402."
)

#: Rounding conventions GRIM tries; SPSS uses the first.
ROUNDING_CONVENTIONS = (N_("half away from zero"), N_("half up"), N_("half to even"), N_("truncation"))

# A check's status is kept in English in the tables it writes (a key others filter on) and shown
# translated (:func:`surveykit.i18n.tr`).
CONSISTENT = N_("consistent")
INCONSISTENT = N_("inconsistent")
NOT_TESTABLE = N_("not testable")
NOT_COMPUTABLE = N_("not computable")
SUPPORTED = N_("supported")
NOT_SUPPORTED = N_("not supported")
MISLEADING = N_("supported in form, misleading in substance")


@dataclass(frozen=True)
class Check:
    """One audit check and its verdict.

    Attributes
    ----------
    check : str
        What kind of check ("GRIM", "F from R squared", "claim: largest Beta", ...).
    subject : str
        The reported id(s) checked.
    printed : str
        The printed number(s), as the paper shows them.
    recomputed : str
        What the check derived (an interval, a p-value, a list of Betas ...).
    status : str
        "consistent", "inconsistent", "not testable", "not computable",
        "supported", "not supported" or "supported in form, misleading in substance".
    verdict : str
        One or two sentences for a reader who knows SPSS but not the forensic literature.
    method : str
        The method and its reference.
    """

    check: str
    subject: str
    printed: str
    recomputed: str
    status: str
    verdict: str
    method: str = ""


def checks_table(checks: Iterable[Check]) -> pd.DataFrame:
    """Stack checks into a table with columns ``check, subject, printed, recomputed, status, verdict, method``."""
    rows = [c.__dict__ for c in checks]
    return pd.DataFrame(rows, columns=["check", "subject", "printed", "recomputed", "status", "verdict", "method"])


def checks_view(table: pd.DataFrame) -> pd.DataFrame:
    """A :func:`checks_table` as a reader sees it: check, subject, printed, recomputed, status, the check's name
    and status in the active language (the table itself keeps them in English, as keys)."""
    shown = table[["check", "subject", "printed", "recomputed", "status"]]
    return shown.assign(check=[tr(c) for c in shown["check"]], status=[tr(s) for s in shown["status"]])


def _fmt(value: float, decimals: int) -> str:
    return format_number(value, decimals, leading_zero=True)


def _num(text: str) -> str:
    """A number written the English way (``f"{x:.3f}"``) with the active language's decimal mark."""
    return i18n.localize_number(text)


def _list(parts: Iterable[str]) -> str:
    """A listing's items joined: ", " in English, "; " where the comma is the decimal mark."""
    return ("; " if i18n.decimal_mark() == "," else ", ").join(parts)


# -- GRIM ------------------------------------------------------------------

def round_fraction(value: Fraction, decimals: int, convention: str = "half away from zero") -> Fraction:
    """Round an exact rational number to ``decimals`` places under a named convention.

    Exact arithmetic: no binary floating point enters, so a tie such as
    4.125 is a tie.

    Parameters
    ----------
    value : Fraction
    decimals : int
    convention : {"half away from zero", "half up", "half to even", "truncation"}
        "half up" rounds ties toward +infinity; "truncation" drops the digits
        (toward zero).
    """
    if convention not in ROUNDING_CONVENTIONS:
        raise ValueError(f"unknown rounding convention {convention!r}; use one of {ROUNDING_CONVENTIONS}")
    scaled = Fraction(value) * 10 ** decimals
    floor = math.floor(scaled)
    rest = scaled - floor
    half = Fraction(1, 2)
    if convention == "truncation":
        result = math.trunc(scaled)
    elif rest != half:
        result = floor + (1 if rest > half else 0)
    elif convention == "half away from zero":
        result = floor + 1 if scaled > 0 else floor
    elif convention == "half up":
        result = floor + 1
    else:  # half to even
        result = floor if floor % 2 == 0 else floor + 1
    return Fraction(result, 10 ** decimals)


@dataclass(frozen=True)
class GrimResult:
    """GRIM verdict for one printed mean.

    Attributes
    ----------
    printed : float
    decimals : int
    n, items : int
        Respondents and items averaged; the mean is a multiple of ``1/(n*items)``.
    granularity : float
        ``1 / (n * items)``.
    testable : bool
        False when ``n * items >= 10**decimals``: every printed value is then
        reachable, and GRIM cannot find an error.
    consistent : bool
        Reachable under SPSS's rounding (half away from zero).
    conventions : tuple of str
        Every convention in :data:`ROUNDING_CONVENTIONS` under which it is reachable.
    nearest_sums : tuple of int
        Integer answer totals whose means lie nearest the printed value.
    nearest_means : tuple of float
        Those totals divided by ``n * items`` (unrounded).
    """

    printed: float
    decimals: int
    n: int
    items: int
    granularity: float
    testable: bool
    consistent: bool
    conventions: tuple[str, ...]
    nearest_sums: tuple[int, ...]
    nearest_means: tuple[float, ...]


def grim(printed: float, *, n: int, items: int = 1, decimals: int = 2) -> GrimResult:
    """GRIM test (Brown & Heathers 2017) of a mean of integer answers.

    A mean of ``n`` respondents' answers to ``items`` integer-scored items is
    ``T / (n * items)`` for an integer total ``T``.  The printed mean is
    consistent when some ``T`` rounds to it.

    Parameters
    ----------
    printed : float
        The printed mean (e.g. 3.96).
    n : int
        Respondents.
    items : int, default 1
        Items averaged into the mean (2 for an indicator of two items; all
        items of a construct for the construct mean).
    decimals : int, default 2

    Returns
    -------
    GrimResult
    """
    if int(n) != n or n < 1 or int(items) != items or items < 1:
        raise ValueError(f"GRIM needs positive whole n and items, got n={n!r}, items={items!r}")
    n, items = int(n), int(items)
    denom = n * items
    target = Fraction(str(printed)).limit_denominator(10 ** (decimals + 3))
    target = round_fraction(target, decimals)  # the printed value as an exact decimal
    centre = math.floor(target * denom)
    candidates = range(centre - 2, centre + 3)
    ok: dict[str, list[int]] = {c: [] for c in ROUNDING_CONVENTIONS}
    for total in candidates:
        for convention in ROUNDING_CONVENTIONS:
            if round_fraction(Fraction(total, denom), decimals, convention) == target:
                ok[convention].append(total)
    distance = sorted(candidates, key=lambda t: (abs(Fraction(t, denom) - target), t))
    nearest = tuple(sorted(distance[:2]))
    return GrimResult(
        printed=float(printed),
        decimals=decimals,
        n=n,
        items=items,
        granularity=1.0 / denom,
        testable=denom < 10 ** decimals,
        consistent=bool(ok["half away from zero"]),
        conventions=tuple(c for c in ROUNDING_CONVENTIONS if ok[c]),
        nearest_sums=nearest,
        nearest_means=tuple(t / denom for t in nearest),
    )


def _grim_check(subject: str, result: GrimResult, name: str) -> Check:
    """GRIM's check of the printed mean of ``name`` (a construct's or indicator's readable name)."""
    p = _fmt(result.printed, result.decimals)
    answers = result.n * result.items
    near = _list(f"{t}/{answers} = {_num(f'{m:.4f}')}" for t, m in zip(result.nearest_sums, result.nearest_means))
    recomputed = tr("granularity 1/{answers} = {granularity}; nearest possible means {near}", answers=answers,
                    granularity=_num(f"{result.granularity:.5f}"), near=near)
    fields = dict(name=name, printed=p, n=result.n, k=result.items)
    if not result.testable:
        status = NOT_TESTABLE
        verdict = tr("The mean of {name} {printed} averages n x k = {n} x {k} = {answers} answers, at least "
                     "10^{decimals}: every {decimals}-decimal value is a possible mean, so GRIM cannot detect an "
                     "error here.", answers=answers, decimals=result.decimals, **fields)
        if result.items > 1:
            single = grim(result.printed, n=result.n, items=1, decimals=result.decimals)
            if not single.consistent:
                verdict += " " + tr("It does rule out a single item: no whole-number total over {n} respondents "
                                    "gives {printed} (GRIM with k = 1), so the mean must average more than one item.",
                                    n=result.n, printed=p)
    elif result.consistent:
        status = CONSISTENT
        verdict = tr("The mean of {name} {printed} is a possible mean of {n} x {k} whole-number answers under "
                     "SPSS's rounding (half away from zero).", **fields)
    else:
        status = INCONSISTENT
        others = (", ".join(tr(c) for c in result.conventions) if result.conventions
                  else tr("none of the usual conventions"))
        verdict = tr("The mean of {name} {printed} cannot be a mean of {n} x {k} whole-number answers under SPSS's "
                     "rounding (half away from zero); conventions that would give it: {others}. Either n, the "
                     "number of items, or the printed value is not what the paper says.", others=others, **fields)
    if result.testable and result.consistent and len(result.conventions) < len(ROUNDING_CONVENTIONS):
        verdict += " " + tr("(Consistent only under: {conventions}.)",
                            conventions=", ".join(tr(c) for c in result.conventions))
    return Check(N_("GRIM"), subject, p, recomputed, status, verdict, f"GRIM: {GRIM_REFERENCE}")


def grim_sums(n: int, n_items: int, printed: float, decimals: int) -> list[int]:
    """Every whole-number answer total whose mean over ``n * n_items`` answers prints as ``printed`` (SPSS rounding).

    The GRIM test (Brown & Heathers, 2017): a mean of integers has the form
    ``S / (n k)``; a printed mean no such fraction rounds to is impossible.

    Examples
    --------
    >>> grim_sums(56, 1, 4.19, 2)     # one item cannot give 4.19 at n = 56
    []
    >>> grim_sums(56, 2, 4.19, 2)
    [469]
    """
    cells = n * n_items
    lo = math.floor((printed - 0.5 * 10.0 ** (-decimals)) * cells) - 1
    hi = math.ceil((printed + 0.5 * 10.0 ** (-decimals)) * cells) + 1
    return [s for s in range(max(lo, 0), hi + 1)
            if round_half_away(s / cells, decimals) == round_half_away(printed, decimals)]


#: The printed means GRIM tests by default: every construct and indicator mean, as ``reported.yml`` lists them.
PRINTED_MEANS = Group(("construct_mean", "indicator_mean"), order="reported")


def grim_table(reported: pd.DataFrame, codebook, *, n: int | None = None, group: Group = PRINTED_MEANS,
               sums: bool = False) -> pd.DataFrame:
    """GRIM on every printed mean of ``reported`` (kinds ``construct_mean`` and ``indicator_mean``).

    Item counts come from the codebook (a construct's or indicator's items);
    ``n`` from the reported ``n`` entry unless given.

    Parameters
    ----------
    reported : DataFrame
        From :func:`surveykit.reported.load_reported`.
    codebook : Codebook
    n : int, optional
    group : Group, default :data:`PRINTED_MEANS`
        Which printed means, in which order (:func:`surveykit.reported.select`).
    sums : bool, default False
        Add the answer totals that give each mean with one item and with the
        codebook's items (:func:`grim_sums`).

    Returns
    -------
    DataFrame
        One row per mean: ``id, target, printed, n, items, granularity,
        testable, consistent, conventions, smallest_items_consistent`` (the
        fewest items, 1..items, that make the mean reachable; shows whether
        the mean could come from a single item); with ``sums``, also
        ``sums_one_item, sums_codebook_items`` ("S/n" fractions, or "none")
        and ``one_item_possible``.
    """
    from .reported import select

    n = _reported_n(reported) if n is None else n
    if n is None:
        raise ValueError("GRIM needs the number of respondents: the reported numbers have no `n` entry")
    items_of = {**codebook.construct_items(), **codebook.indicator_items()}
    rows = []
    for key in select(reported, codebook, group):
        entry = reported.loc[key]
        target = entry["target"]
        if target not in items_of:
            raise KeyError(f"reported mean {entry['id']!r} is about {target!r}, which the codebook does not define")
        k = len(items_of[target])
        decimals = int(entry["decimals"])
        result = grim(float(entry["value"]), n=n, items=k, decimals=decimals)
        smallest = next((j for j in range(1, k + 1) if grim(float(entry["value"]), n=n, items=j,
                                                              decimals=decimals).consistent), None)
        row = {
            "id": entry["id"], "target": target, "printed": float(entry["value"]), "n": n, "items": k,
            "granularity": result.granularity, "testable": result.testable, "consistent": result.consistent,
            "conventions": "; ".join(result.conventions), "smallest_items_consistent": smallest,
        }
        if sums:
            one = grim_sums(n, 1, float(entry["value"]), decimals)
            many = grim_sums(n, k, float(entry["value"]), decimals)
            row |= {"sums_one_item": " ".join(f"{s}/{n}" for s in one) or "none",
                    "sums_codebook_items": " ".join(f"{s}/{n * k}" for s in many) or "none",
                    "one_item_possible": bool(one)}
        rows.append(row)
    columns = ["id", "target", "printed", "n", "items", "granularity", "testable", "consistent", "conventions",
               "smallest_items_consistent"]
    return pd.DataFrame(rows, columns=columns + (["sums_one_item", "sums_codebook_items", "one_item_possible"]
                                                 if sums else []))


def _reported_n(reported: pd.DataFrame) -> int | None:
    if "n" in reported.index:
        return int(reported.loc["n", "value"])
    return None


# -- F, p and t ------------------------------------------------------------

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


def _interval(printed: float, decimals: int) -> tuple[float, float]:
    half = 0.5 * 10.0 ** (-decimals)
    return printed - half, printed + half


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


# -- normality -------------------------------------------------------------

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


# -- claims needing the data -----------------------------------------------

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


def check_largest_beta(betas: Mapping[str, float], claimed: str, *, labels: Mapping[str, str] | None = None,
                       printed_b: Mapping[str, float] | None = None, subject: str = "regression.largest_beta") -> Check:
    """"Predictor X contributes most by Beta": compare the standardized coefficients (by absolute size)."""
    if claimed not in betas:
        raise KeyError(f"the claimed predictor {claimed!r} is not among {list(betas)}")
    name = (lambda k: (labels or {}).get(k, k))
    ranked = sorted(betas, key=lambda k: -abs(betas[k]))
    largest = ranked[0]
    listing = _list(f"{name(k)} {format_number(betas[k], 3)}" for k in ranked)
    note = ""
    if printed_b:
        by_b = max(printed_b, key=lambda k: abs(printed_b[k]))
        note = " " + tr("The paper prints only unstandardized B, by which {name} is largest; Beta rescales B by "
                        "s_x/s_y, so the claim cannot be checked from the printed numbers alone.", name=name(by_b))
    ok = largest == claimed
    verdict = (tr("{name} has the largest Beta ({listing}).", name=name(claimed), listing=listing) if ok else
               tr("{name} does not have the largest Beta; {largest} does ({listing}).", name=name(claimed),
                  largest=name(largest), listing=listing)) + note
    return Check(N_("claim: largest Beta"), subject, tr("largest Beta: {name}", name=name(claimed)), listing,
                 SUPPORTED if ok else NOT_SUPPORTED, verdict, "SPSS Coefficients, Standardized Coefficients Beta")


def check_vif_bound(vif: Mapping[str, float], bound: float = 10.0, *, labels: Mapping[str, str] | None = None,
                    subject: str = "collinearity.vif_max") -> Check:
    """"All VIF < bound" against the recomputed VIFs (tolerance > 1/bound is the same claim)."""
    name = (lambda k: (labels or {}).get(k, k))
    from .collinearity import within_bounds

    listing = _list(f"{name(k)} {format_number(v, 3)}" for k, v in vif.items())
    worst = max(vif, key=vif.get)
    ok = within_bounds(vif=vif.values(), vif_limit=bound)
    fields = dict(bound=_num(f"{bound:g}"), name=name(worst), vif=format_number(vif[worst], 3))
    verdict = (tr("All VIF are below {bound} (largest: {name} {vif}), so all tolerances exceed {tolerance}.",
                  tolerance=_num(f"{1 / bound:.2f}"), **fields) if ok else
               tr("{name} has VIF {vif}, not below {bound}.", **fields))
    return Check(N_("claim: VIF"), subject, tr("all VIF < {bound}", bound=fields["bound"]), listing,
                 SUPPORTED if ok else NOT_SUPPORTED,
                 verdict, "VIF = 1/(1 - R2 of the predictor on the others), SPSS Collinearity Statistics")


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


def _join(words: Iterable[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else tr("{first} and {last}", first=", ".join(words[:-1]), last=words[-1])


def load_rank_claims(path) -> pd.DataFrame:
    """The "highest"/"lowest" claims of a ``reported.yml`` (its entries' ``rank`` field).

    Returns
    -------
    DataFrame
        ``id, kind, target, rank, value`` (empty for an empty ``path``); ``rank`` is
        "highest" or "lowest" (among the indicators of the target's construct) or
        "highest_construct" / "lowest_construct" (among the constructs).
    """
    from pathlib import Path

    import yaml

    columns = ["id", "kind", "target", "rank", "value"]
    if not path:
        return pd.DataFrame(columns=columns)
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    rows = [{key: entry.get(key) for key in columns} for entry in raw.get("values", []) if entry.get("rank")]
    return pd.DataFrame(rows, columns=columns)


def check_rank_claims(claims: pd.DataFrame, data: pd.DataFrame, codebook, *,
                      labels: Mapping[str, str] | None = None) -> list[Check]:
    """Is the indicator (construct) the paper calls lowest/highest the lowest/highest in the data?

    Parameters
    ----------
    claims : DataFrame
        From :func:`load_rank_claims`.
    data : DataFrame
        Cleaned item responses; the means are
        :func:`surveykit.descriptives.level_statistics`' and ties follow
        :func:`surveykit.descriptives.ties` (the rule of the extremes table
        and of the indicator figure).
    codebook : Codebook
    """
    from .descriptives import level_statistics, ties

    labels = labels or {}
    name = (lambda k: labels.get(k, k))
    if claims.empty:
        return []
    construct_of = {i.key: c.key for c in codebook.constructs for i in c.indicators}
    construct_means = level_statistics(data, codebook, level="construct").set_index("construct")["Mean"]
    indicator_mean = level_statistics(data, codebook, level="indicator").set_index("indicator")["Mean"]
    checks = []
    for _, claim in claims.iterrows():
        rank, target = str(claim["rank"]), str(claim["target"])
        want_low = rank.startswith("lowest")
        if rank.endswith("_construct"):
            pool = construct_means
            rank_phrase = tr("the lowest of all constructs") if want_low else tr("the highest of all constructs")
        else:
            if target not in construct_of:
                raise KeyError(f"rank claim {claim['id']!r} names {target!r}, which the codebook does not define")
            members = [i.key for i in codebook.construct(construct_of[target]).indicators]
            pool = indicator_mean[members]
            construct = name(construct_of[target])
            rank_phrase = (tr("the lowest of the indicators of {construct}", construct=construct) if want_low else
                           tr("the highest of the indicators of {construct}", construct=construct))
        lowest, highest, _ = ties(pool.to_numpy(dtype=float))
        actual = list(pool.index[lowest if want_low else highest])  # ties share the rank
        ok = target in actual
        listing = _list(f"{name(k)} {format_number(v, 2)}" for k, v in pool.sort_values().items())
        if ok and len(actual) > 1:
            verdict = tr("{name} is {rank} in the data analysed, tied with {others}.", name=name(target),
                         rank=rank_phrase, others=_join(name(k) for k in actual if k != target))
        elif ok:
            verdict = tr("{name} is {rank} in the data analysed.", name=name(target), rank=rank_phrase)
        else:
            verdict = tr("The paper calls {name} {rank}; in the data analysed it is {actual}.", name=name(target),
                         rank=rank_phrase, actual=_join(name(k) for k in actual))
        name_of_check = N_("claim: lowest") if want_low else N_("claim: highest")
        printed = (tr("{name} lowest", name=name(target)) if want_low else tr("{name} highest", name=name(target)))
        checks.append(Check(name_of_check, str(claim["id"]), printed, listing,
                            SUPPORTED if ok else NOT_SUPPORTED, verdict, "comparison of unrounded means"))
    return checks


# -- whole-paper drivers -----------------------------------------------------

def _value(reported: pd.DataFrame, key: str) -> Any:
    return reported.loc[key, "value"] if key in reported.index else None


def _decimals(reported: pd.DataFrame, key: str) -> int:
    return int(reported.loc[key, "decimals"])


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
            checks.append(check_category(float(_value(reported, mean_ids[0])), str(entry["value"]), codebook,
                                         label=labels.get(entry["target"], entry["target"]),
                                         subject=f"{entry['id']}, {mean_ids[0]}"))
    f_id = _first(reported, "f_statistic")
    r2_id = _first(reported, "r_squared")
    if n is not None and f_id and r2_id:
        checks.append(check_f_from_r_squared(float(_value(reported, r2_id)), _decimals(reported, r2_id),
                                             float(_value(reported, f_id)), _decimals(reported, f_id),
                                             n=n, k=k, subject=f"{f_id}, {r2_id}"))
    fsig_id = _first(reported, "f_sig")
    if n is not None and f_id and fsig_id:
        checks.append(check_sig(float(_value(reported, fsig_id)), statistic="F",
                                value=float(_value(reported, f_id)), df=(k, n - k - 1),
                                value_decimals=_decimals(reported, f_id), subject=f"{fsig_id}, {f_id}"))
    pct_id = _first(reported, "r_squared_percent")
    if r2_id and pct_id:
        checks.append(check_percent(float(_value(reported, r2_id)), _decimals(reported, r2_id),
                                    float(_value(reported, pct_id)), _decimals(reported, pct_id),
                                    subject=f"{pct_id}, {r2_id}"))
    rt_id = _first(reported, "r_table")
    if n is not None and rt_id:
        level = reported.loc[rt_id].get("alpha_level") if "alpha_level" in reported.columns else None
        checks.append(check_r_table(float(_value(reported, rt_id)), _decimals(reported, rt_id), n=n,
                                    alpha=float(level) if level is not None and not pd.isna(level) else 0.05,
                                    subject=rt_id))
    for _, entry in reported[reported["kind"] == "coefficient_sig"].iterrows():
        target = entry["target"]
        same = reported[reported["target"] == target]
        t_ids = same.index[same["kind"] == "coefficient_t"]
        b_ids = same.index[same["kind"] == "coefficient_b"]
        se_ids = same.index[same["kind"] == "coefficient_se"]
        df = n - k - 1 if n is not None else None
        if df is not None and len(t_ids):
            checks.append(check_sig(float(entry["value"]), statistic="t", value=float(_value(reported, t_ids[0])),
                                    df=(df,), value_decimals=_decimals(reported, t_ids[0]),
                                    subject=f"{entry['id']}, {t_ids[0]}"))
        elif df is not None and len(b_ids) and len(se_ids):
            checks.append(check_sig_from_b_se(float(entry["value"]), b=float(_value(reported, b_ids[0])),
                                              b_decimals=_decimals(reported, b_ids[0]),
                                              se=float(_value(reported, se_ids[0])),
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
            str(_value(reported, claim_id)), {row["target"]: float(row["value"]) for _, row in sig_rows.iterrows()},
            float(_value(reported, r2_id)), n=n, r_decimals=_decimals(reported, r2_id),
            sig_decimals=int(sig_rows["decimals"].iloc[0]), labels=labels,
            subject=f"{claim_id}, {', '.join(sig_rows['id'])}"))
    ks_id = _first(reported, "ks_asymp_sig")
    if n is not None and ks_id:
        threshold = _value(reported, "normality.threshold")
        checks.append(check_normality_claim(float(_value(reported, ks_id)), _decimals(reported, ks_id), n=n,
                                            alpha=float(threshold) if threshold is not None else 0.05,
                                            subject=ks_id))
    alpha_rows = reported[reported["kind"] == "cronbach_alpha"]
    if len(alpha_rows):
        threshold = _value(reported, "alpha.threshold")
        printed = {row["target"]: float(row["value"]) for _, row in alpha_rows.iterrows()}
        checks.append(check_alpha_claim(printed, float(threshold) if threshold is not None else 0.60,
                                        labels=labels, subject=", ".join(alpha_rows["id"])))
    return checks


def _first(reported: pd.DataFrame, kind: str) -> str | None:
    ids = reported.index[reported["kind"] == kind]
    return str(ids[0]) if len(ids) else None


def _ols(scores: pd.DataFrame, dependent: str, predictors: Sequence[str]) -> dict[str, Any]:
    """The SPSS REGRESSION numbers the audit needs, from :func:`surveykit.regression.linear_regression`."""
    from .regression import linear_regression

    fit = linear_regression(scores, dependent, list(predictors))
    table = fit.coefficients.set_index("Model")
    return {
        "fit": fit,
        "residuals": fit.residuals.to_numpy(dtype=float),
        "R2": float(fit.model_summary["R Square"].iloc[0]),
        "F": float(fit.anova["F"].iloc[0]),
        "F_sig": float(fit.anova["Sig."].iloc[0]),
        "B": {p: float(table.loc[p, "B"]) for p in predictors},
        "Beta": {p: float(table.loc[p, "Beta"]) for p in predictors},
        "sig": {p: float(table.loc[p, "Sig."]) for p in predictors},
    }


def claim_checks(data: pd.DataFrame, codebook, reported: pd.DataFrame, *,
                 labels: Mapping[str, str] | None = None) -> list[Check]:
    """The paper's verbal claims checked against numbers recomputed from the data.

    Largest Beta, all VIF < bound, alpha > threshold (recomputed alphas), and
    normality of the residuals by SPSS's K-S and by the Lilliefors-corrected
    K-S (:func:`surveykit.normality.normality_tests`).
    """
    from .collinearity import tolerance_vif
    from .conclusions import rejects
    from .normality import KS_SPSS, LILLIEFORS, SHAPIRO_WILK, normality_tests
    from .reliability import cronbach_alpha
    from .scoring import construct_scores, score_items

    labels = labels or {}
    items = score_items(data[list(codebook.items)], codebook)
    scores = construct_scores(data[list(codebook.items)], codebook)
    dependent = codebook.dependent.key
    predictors = [c.key for c in codebook.predictors]
    fit = _ols(scores, dependent, predictors)
    checks: list[Check] = []
    claim = _first(reported, "claim_largest_beta")
    if claim:
        printed_b = {row["target"]: float(row["value"])
                     for _, row in reported[reported["kind"] == "coefficient_b"].iterrows()}
        checks.append(check_largest_beta(fit["Beta"], str(_value(reported, claim)), labels=labels,
                                         printed_b=printed_b or None, subject=claim))
    vif_id = _first(reported, "vif_bound")
    if vif_id:
        vif = tolerance_vif(fit["fit"]).set_index("predictor")["VIF"]
        checks.append(check_vif_bound(vif.to_dict(), float(_value(reported, vif_id)), labels=labels, subject=vif_id))
    if len(reported[reported["kind"] == "cronbach_alpha"]):
        threshold = _value(reported, "alpha.threshold")
        alphas = {}
        for construct in codebook.constructs:
            result = cronbach_alpha(items, list(construct.items))
            if result.alpha is not None:
                alphas[construct.key] = result.alpha
        checks.append(check_alpha_claim(alphas, float(threshold) if threshold is not None else 0.60,
                                        labels=labels, subject="alpha.* (recomputed)"))
    ks_id = _first(reported, "ks_asymp_sig")
    if ks_id:
        threshold = _value(reported, "normality.threshold")
        alpha = float(threshold) if threshold is not None else 0.05
        tests = normality_tests(fit["fit"]).set_index("test")["Sig."]
        spss_p, lf_p, sw_p = float(tests[KS_SPSS]), float(tests[LILLIEFORS]), float(tests[SHAPIRO_WILK])
        recomputed = (f"SPSS K-S Sig. {format_sig(spss_p, leading_zero=True)}; Lilliefors "
                      f"{format_sig(lf_p, leading_zero=True)}; Shapiro-Wilk {format_sig(sw_p, leading_zero=True)}")
        if not rejects(lf_p, alpha) and not rejects(spss_p, alpha):
            status, verdict = SUPPORTED, tr("The residuals of the data analysed pass K-S both uncorrected and with "
                                            "the Lilliefors correction ({recomputed}).", recomputed=recomputed)
        elif not rejects(spss_p, alpha):
            status, verdict = NOT_SUPPORTED, tr("SPSS's uncorrected K-S passes, the Lilliefors-corrected K-S rejects "
                                                "normality at {alpha} ({recomputed}).", alpha=_num(f"{alpha}"),
                                                recomputed=recomputed)
        else:
            status, verdict = NOT_SUPPORTED, tr("The residuals fail even SPSS's uncorrected K-S ({recomputed}).",
                                                recomputed=recomputed)
        checks.append(Check(N_("claim: normality (data)"), ks_id, format_sig(float(_value(reported, ks_id)),
                                                                          leading_zero=True),
                            recomputed, status, verdict, LILLIEFORS_REFERENCE))
    return checks
