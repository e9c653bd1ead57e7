"""The plan: what the printed numbers imply about the instrument (GRIM sums, lockstep items, indicator sums)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..audit.means import grim_sums
from ..codebook import Codebook
from ..spss_format import round_half_away


# ---------------------------------------------------------------------------
# Targets and the plan
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Interval:
    """The true values consistent with one printed number.

    ``lo <= value < hi`` for a printed positive value (SPSS rounds half away
    from zero); one-sided bounds use ``-inf`` / ``inf``.
    """

    id: str
    lo: float
    hi: float

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def shrunk(self, margin: float) -> Interval:
        """The interval narrowed by ``margin`` (a fraction of its width, or an absolute
        amount for one-sided bounds) on each finite side."""
        if math.isfinite(self.lo) and math.isfinite(self.hi):
            pad = margin * (self.hi - self.lo)
        else:
            pad = margin
        lo = self.lo + pad if math.isfinite(self.lo) else self.lo
        hi = self.hi - pad if math.isfinite(self.hi) else self.hi
        return Interval(self.id, lo, hi)


def printed_interval(key: str, printed: float, decimals: int) -> Interval:
    """Interval of values SPSS prints as ``printed`` with ``decimals`` decimals."""
    half = 0.5 * 10.0 ** (-decimals)
    return Interval(key, printed - half, printed + half)


@dataclass(frozen=True)
class LockstepPlan:
    """Items that are one base item plus fixed offsets (alpha = 1 exactly)."""

    construct: str
    offsets: tuple[int, ...]
    base_sum: int


def lockstep_offsets(n: int, n_items: int, printed_mean: float, decimals: int, *,
                     scale_min: int = 1, scale_max: int = 5) -> LockstepPlan | None:
    """Smallest 0/1 offsets for items in lockstep that reproduce a printed mean.

    Items ``x + o_j`` (``o_j`` in {0, 1}) are perfectly correlated with equal
    variances, so Cronbach's alpha and every item-total r are exactly 1.  Their
    grand mean is ``(k S + n sum(o)) / (n k)`` with ``S`` the base item's sum.
    Tries no offset first (exact copies), then one, two, ... items one point
    higher; returns ``None`` if no pattern works.

    Examples
    --------
    >>> lockstep_offsets(56, 10, 3.14, 2).offsets     # identical copies
    (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    >>> p = lockstep_offsets(56, 3, 4.12, 2)          # 231/56 = 4.125 prints 4.13
    >>> p.offsets, p.base_sum
    ((0, 0, 1), 212)
    """
    for ones in range(n_items):
        offsets = (0,) * (n_items - ones) + (1,) * ones
        base_max = scale_max - (1 if ones else 0)
        candidates = []
        for total in grim_sums(n, n_items, printed_mean, decimals):
            base_times_k = total - n * ones
            if base_times_k % n_items:
                continue
            base = base_times_k // n_items
            if n * scale_min <= base <= n * base_max:
                candidates.append(base)
        if candidates:
            target = printed_mean * n - n * ones / n_items
            best = min(candidates, key=lambda s: (abs(s - target), s))
            return LockstepPlan("", offsets, best)
    return None


@dataclass(frozen=True)
class Plan:
    """The instrument shape and fixed sums that the printed numbers imply.

    Attributes
    ----------
    n : int
    constructs : tuple of str
        Predictors in codebook order, then the dependent.
    lockstep : mapping
        Construct key -> :class:`LockstepPlan` (constructs printed with alpha 1.000).
    construct_sums : mapping
        Construct key -> planned grand sum of its items (free constructs).
    indicator_sums : mapping
        Indicator key -> planned sum of its items (free constructs).
    notes : tuple of str
        How each sum was chosen.
    """

    n: int
    constructs: tuple[str, ...]
    lockstep: Mapping[str, LockstepPlan]
    construct_sums: Mapping[str, int]
    indicator_sums: Mapping[str, int]
    notes: tuple[str, ...] = ()


def reported_index(reported: pd.DataFrame) -> dict[str, Mapping[str, Any]]:
    return {str(k): row for k, row in reported.iterrows()}


def _spread(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base] * (parts - extra) + [base + 1] * extra


def plan_instrument(codebook: Codebook, reported: pd.DataFrame) -> Plan:
    """Fix what the printed means and alphas imply before any search.

    * ``n`` from the entry ``n``.
    * A construct printed with alpha 1.000 is a lockstep construct
      (:func:`lockstep_offsets` on its printed mean).
    * Every printed indicator mean fixes its item sum: the GRIM-consistent
      sum closest to ``n * k * mean``.
    * The construct's grand sum is the GRIM-consistent sum closest to
      ``n * k * mean``; indicators without a printed mean share the rest as
      evenly as possible.

    Raises
    ------
    ValueError
        A printed mean that no integer data of this shape can give (GRIM),
        or an unprinted indicator that would fall outside the range of the
        printed ones.
    """
    rep = reported_index(reported)
    if "n" not in rep:
        raise ValueError("the reported numbers have no entry `n` (sample size)")
    n = int(rep["n"]["value"])
    lockstep: dict[str, LockstepPlan] = {}
    construct_sums: dict[str, int] = {}
    indicator_sums: dict[str, int] = {}
    notes: list[str] = []
    for c in codebook.constructs:
        k = len(c.items)
        mean_entry = rep.get(f"mean.{c.key}")
        alpha_entry = rep.get(f"alpha.{c.key}")
        if mean_entry is None:
            raise ValueError(f"no printed mean for construct {c.key} (entry mean.{c.key})")
        mean, dec = float(mean_entry["value"]), int(mean_entry["decimals"])
        if alpha_entry is not None and round_half_away(float(alpha_entry["value"]), 3) == 1.0:
            plan = lockstep_offsets(n, k, mean, dec, scale_min=codebook.scale.min, scale_max=codebook.scale.max)
            if plan is None:
                raise ValueError(f"{c.key}: no lockstep items reproduce the printed mean {mean}")
            lockstep[c.key] = replace(plan, construct=c.key)
            notes.append(f"{c.key}: alpha 1.000, items in lockstep with offsets {plan.offsets}, "
                         f"base item sum {plan.base_sum} (mean {plan.base_sum / n:.4f})")
            continue
        sums = grim_sums(n, k, mean, dec)
        if not sums:
            raise ValueError(f"{c.key}: no integer data with {k} items and n = {n} has the printed mean {mean}")
        fixed: dict[str, int] = {}
        for ind in c.indicators:
            entry = rep.get(f"mean.{ind.key}")
            if entry is None:
                continue
            cand = grim_sums(n, len(ind.items), float(entry["value"]), int(entry["decimals"]))
            if not cand:
                raise ValueError(f"{ind.key}: no integer data with {len(ind.items)} item(s) and n = {n} "
                                 f"has the printed mean {entry['value']} (GRIM)")
            want = float(entry["value"]) * n * len(ind.items)
            fixed[ind.key] = min(cand, key=lambda s: (abs(s - want), s))
        free = [ind for ind in c.indicators if ind.key not in fixed]
        want_total = mean * n * k
        total = min(sums, key=lambda s: (abs(s - want_total), s))
        rest = total - sum(fixed.values())
        if free:
            sizes = {len(ind.items) for ind in free}
            if len(sizes) != 1:
                raise ValueError(f"{c.key}: indicators without a printed mean must have equal item counts")
            shares = _spread(rest, len(free))
            for ind, s in zip(free, shares):
                fixed[ind.key] = s
            printed = [float(rep[f"mean.{i.key}"]["value"]) for i in c.indicators if f"mean.{i.key}" in rep]
            if printed:
                lo, hi = min(printed), max(printed)
                for ind in free:
                    m = round_half_away(fixed[ind.key] / (n * len(ind.items)), 2)
                    if not lo <= m <= hi:
                        raise ValueError(f"{ind.key}: the rest of {c.key}'s total gives it a mean {m}, "
                                         f"outside the printed range {lo}..{hi}")
        elif rest != 0:
            raise ValueError(f"{c.key}: the printed indicator means do not add up to the construct mean")
        construct_sums[c.key] = total
        for ind in c.indicators:
            indicator_sums[ind.key] = fixed[ind.key]
        notes.append(f"{c.key}: grand item sum {total} (mean {total / (n * k):.4f}); indicator sums "
                     + ", ".join(f"{i.key} {fixed[i.key]}" for i in c.indicators))
    order = tuple(c.key for c in codebook.predictors) + (codebook.dependent.key,)
    return Plan(n=n, constructs=order, lockstep=lockstep, construct_sums=construct_sums,
                indicator_sums=indicator_sums, notes=tuple(notes))


