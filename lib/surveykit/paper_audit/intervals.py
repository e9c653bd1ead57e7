"""Printed numbers as the intervals their rounding allows, and arithmetic on intervals.

SPSS rounds half away from zero (:mod:`surveykit.spss_format`): a value
printed with ``d`` decimals as ``v`` lies in ``[v - h, v + h]`` with
``h = 0.5 * 10**-d`` (the true interval is half-open; closing it only widens
it, so a verdict of "inconsistent" stays certain).  A Sig. printed as
``.000`` is ``[0, .0005]``.

Interval arithmetic (Moore 1966) carries these intervals through a formula:
the result encloses every value the formula can take when each input ranges
over its interval.  Where an input enters a formula twice the enclosure is
wider than the exact range, never narrower, so an empty overlap between a
recomputed interval and a printed one is proof of an inconsistency.

Moore, R. E. (1966). *Interval Analysis*. Prentice-Hall.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Interval", "Printed", "parse_number", "printed", "RELATIVE_SLACK"]

#: Relative slack allowed when two intervals are compared, so that binary
#: floating point cannot turn a tie at an interval's edge into a verdict.
RELATIVE_SLACK = 1e-9


@dataclass(frozen=True)
class Interval:
    """A closed interval ``[lo, hi]`` of reals (``lo`` may be ``-inf``, ``hi`` ``inf``)."""

    lo: float
    hi: float

    def __post_init__(self) -> None:
        if math.isnan(self.lo) or math.isnan(self.hi) or self.lo > self.hi:
            raise ValueError(f"not an interval: [{self.lo}, {self.hi}]")

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(float(value), float(value))

    @property
    def width(self) -> float:
        return self.hi - self.lo

    @property
    def mid(self) -> float:
        return 0.5 * (self.lo + self.hi)

    def __add__(self, other: Interval | float) -> Interval:
        other = _as_interval(other)
        return Interval(self.lo + other.lo, self.hi + other.hi)

    __radd__ = __add__

    def __sub__(self, other: Interval | float) -> Interval:
        other = _as_interval(other)
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __rsub__(self, other: float) -> Interval:
        return _as_interval(other) - self

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval | float) -> Interval:
        other = _as_interval(other)
        products = [_mul(a, b) for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        return Interval(min(products), max(products))

    __rmul__ = __mul__

    def __truediv__(self, other: Interval | float) -> Interval:
        other = _as_interval(other)
        if other.lo <= 0 <= other.hi:
            return Interval(-math.inf, math.inf)  # the divisor may be zero: anything goes
        return self * Interval(1.0 / other.hi, 1.0 / other.lo)

    def __rtruediv__(self, other: float) -> Interval:
        return _as_interval(other) / self

    def abs(self) -> Interval:
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        return Interval(0.0, max(-self.lo, self.hi))

    def square(self) -> Interval:
        magnitude = self.abs()
        return Interval(magnitude.lo ** 2, magnitude.hi ** 2)

    def sqrt(self) -> Interval:
        if self.hi < 0:
            raise ValueError(f"square root of a negative interval {self}")
        return Interval(math.sqrt(max(self.lo, 0.0)), math.sqrt(self.hi))

    def clip(self, lo: float = -math.inf, hi: float = math.inf) -> Interval:
        """The part of the interval inside ``[lo, hi]`` (a value known to lie there)."""
        new_lo, new_hi = max(self.lo, lo), min(self.hi, hi)
        if new_lo > new_hi:  # the interval lies wholly outside: keep the nearest edge
            new_lo = new_hi = hi if self.lo > hi else lo
        return Interval(new_lo, new_hi)

    def map(self, function: Callable[[float], float], *, increasing: bool) -> Interval:
        """Image under a monotone ``function``."""
        a, b = function(self.lo), function(self.hi)
        return Interval(a, b) if increasing else Interval(b, a)

    def overlaps(self, other: Interval) -> bool:
        """Do the intervals share a point (up to :data:`RELATIVE_SLACK`)?"""
        slack = RELATIVE_SLACK * max(1.0, *(abs(v) for v in (self.lo, self.hi, other.lo, other.hi)
                                            if math.isfinite(v)))
        return self.lo <= other.hi + slack and other.lo <= self.hi + slack

    def contains(self, value: float) -> bool:
        return self.overlaps(Interval.point(value))

    def intersect(self, other: Interval) -> Interval | None:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Interval(lo, hi) if lo <= hi else None

    def hull(self, other: Interval) -> Interval:
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def text(self, digits: int = 4) -> str:
        """``[lo, hi]`` with ``digits`` significant digits; a point prints once."""
        lo, hi = _short(self.lo, digits), _short(self.hi, digits)
        return lo if lo == hi else f"[{lo}, {hi}]"

    def __str__(self) -> str:
        return self.text()


def _short(value: float, digits: int) -> str:
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == 0:
        return "0"
    if abs(value) < 1e-4:
        return f"{value:.{digits - 1}e}"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = max(digits - 1 - magnitude, 0)
    return f"{value:.{decimals}f}"


def _mul(a: float, b: float) -> float:
    # 0 * inf is 0 here: an interval bound of zero times an unbounded one.
    if a == 0 or b == 0:
        return 0.0
    return a * b


def _as_interval(value: Interval | float) -> Interval:
    return value if isinstance(value, Interval) else Interval.point(float(value))


@dataclass(frozen=True)
class Printed:
    """A number as printed: its text, value and decimals, and the interval its rounding allows.

    Attributes
    ----------
    text : str
        The token as it stood in the paper (footnote letters removed).
    value : float
    decimals : int
        Digits after the decimal mark (0 for an integer such as a df or N).
    """

    text: str
    value: float
    decimals: int

    @property
    def interval(self) -> Interval:
        """Values SPSS prints as this number (rounding half away from zero; closed)."""
        # in decimal, so that ",705" gives exactly [.7045, .7055] as floats
        half = Decimal(5).scaleb(-self.decimals - 1)
        value = Decimal(repr(float(self.value)))
        return Interval(float(value - half), float(value + half))

    @property
    def exact(self) -> bool:
        """An integer count (df, N, number of items) is exact, not rounded."""
        return self.decimals == 0

    def shown(self) -> str:
        return self.text


def printed(value: float, decimals: int, text: str | None = None) -> Printed:
    """A :class:`Printed` from a value and its decimals (text as SPSS would show it)."""
    from ..spss_format import format_number

    return Printed(text if text is not None else format_number(value, decimals), float(value), int(decimals))


# A number as it comes out of a PDF: optional minus (ASCII hyphen, U+2212 or an
# en dash), digits with at most one kind of grouping, a dot or comma decimal
# mark, a leading zero possibly dropped (",212", ".627"), then possibly glued
# footnote letters (".627a", ",000b", ".200c,d") or significance stars.
_NUMBER = re.compile(
    r"^(?P<sign>[-\u2212\u2013]?)"
    r"(?P<body>\d+(?:[.,]\d+)*|[.,]\d+)"
    r"(?P<mark>[a-f](?:,[a-f])*|\*{1,3})?$"
)


def parse_number(token: str) -> Printed | None:
    """Read one printed number, or None when the token is not a number.

    The decimal mark is the last ``.`` or ``,`` of the token; an earlier
    mark of the other kind is a thousands separator (``1.189,754`` and
    ``1,189.754`` both read 1189.754).  A single mark is always decimal
    (``1,189`` is 1.189): SPSS does not group digits in its tables, and
    Indonesian output uses the comma as its decimal mark.  Footnote letters
    and stars glued to the number are dropped.

    >>> parse_number(",212").value
    0.212
    >>> parse_number("-,065").decimals
    3
    >>> parse_number(".200c,d").text
    '.200'
    """
    match = _NUMBER.match(token.strip())
    if not match:
        return None
    body = match.group("body")
    marks = [i for i, ch in enumerate(body) if ch in ".,"]
    if marks:
        last = marks[-1]
        decimal_mark = body[last]
        integer_part = body[:last]
        if any(ch in ".," and ch == decimal_mark for ch in integer_part):
            return None  # "1.2.3": two decimal marks
        digits_before = integer_part.replace("," if decimal_mark == "." else ".", "")
        fraction = body[last + 1:]
        canonical = f"{digits_before or '0'}.{fraction}"
        decimals = len(fraction)
    else:
        canonical, decimals = body, 0
    sign = "-" if match.group("sign") else ""
    value = float(sign + canonical)
    text = sign + body
    return Printed(text, value, decimals)
