"""GRIM (Brown & Heathers 2017): can a mean of integer answers take the printed value at all?

A check on printed numbers alone: the printed mean, the number of
respondents and the codebook's item count.  Exact rational arithmetic, so a
tie such as 4.125 is a tie; every usual rounding convention is tried, SPSS's
(half away from zero) first.  :func:`grim_table` runs it on every printed
mean of a ``reported.yml``; notebook 00's table of indicator means is a view
of it (:func:`surveykit.reconstruction.indicator_grim`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from ..i18n import N_, tr
from ..reported import Group, select
from ..spss_format import round_half_away
from .checks import (
    CONSISTENT,
    GRIM_REFERENCE,
    INCONSISTENT,
    NOT_TESTABLE,
    Check,
    _fmt,
    _list,
    _num,
    _reported_n,
)

__all__ = [
    "ROUNDING_CONVENTIONS",
    "round_fraction",
    "GrimResult",
    "grim",
    "grim_sums",
    "PRINTED_MEANS",
    "grim_table",
]


#: Rounding conventions GRIM tries; SPSS uses the first.
ROUNDING_CONVENTIONS = (N_("half away from zero"), N_("half up"), N_("half to even"), N_("truncation"))


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
