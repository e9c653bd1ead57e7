"""Numbers printed the way SPSS 21 prints them.

SPSS rounds half away from zero (2.5 -> 3, -1.125 -> -1.13); Python's
built-in :func:`round` rounds half to even (``round(2.5) == 2``) and is
therefore wrong for reproducing an SPSS table.  SPSS drops the leading zero
of a number whose magnitude is below one (``.705``, ``-.101``) and shows a
significance below .0005 as ``.000``.

These functions only *display*.  Nothing in the compendium computes on a
rounded value.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

__all__ = [
    "round_half_away",
    "format_number",
    "format_sig",
    "format_p",
    "rounding_interval",
    "spss_table",
]


def round_half_away(value: float, decimals: int = 3) -> float:
    """Round half away from zero, as SPSS displays.

    The value is rounded from its shortest decimal representation (``repr``),
    so 0.125 -> 0.13 and -1.125 -> -1.13, whereas ``round`` gives 0.12 and
    -1.12.

    Parameters
    ----------
    value : float
    decimals : int, default 3

    Returns
    -------
    float
        NaN and infinities are returned unchanged.
    """
    if value is None or not math.isfinite(value):
        return value
    quantum = Decimal(1).scaleb(-decimals)
    # Decimal's ROUND_HALF_UP rounds ties away from zero for both signs.
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def format_number(
    value: float,
    decimals: int = 3,
    *,
    leading_zero: bool = False,
) -> str:
    """Format a number as an SPSS output table shows it.

    Parameters
    ----------
    value : float
    decimals : int, default 3
    leading_zero : bool, default False
        SPSS prints ``.705``; set True for ``0.705`` (e.g. in prose).

    Examples
    --------
    >>> format_number(0.70512)
    '.705'
    >>> format_number(-2.0095)
    '-2.010'
    >>> format_number(-0.0004)
    '.000'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    rounded = Decimal(repr(float(value))).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )
    if rounded == 0:
        rounded = abs(rounded)  # SPSS never prints "-.000"
    text = f"{rounded:.{decimals}f}"
    if not leading_zero and decimals > 0:
        if text.startswith("0."):
            text = text[1:]
        elif text.startswith("-0."):
            text = "-" + text[2:]
    return text


def format_sig(p: float, *, leading_zero: bool = False) -> str:
    """Format a p-value as SPSS's "Sig." column: three decimals, ``.000`` below .0005.

    >>> format_sig(0.00049)
    '.000'
    >>> format_sig(0.0945)
    '.095'
    """
    return format_number(p, 3, leading_zero=leading_zero)


def format_p(p: float, *, decimals: int = 3) -> str:
    """A p-value for prose, as APA style writes it: ``p = .034``, or ``p < .001`` where SPSS prints ``.000``.

    SPSS's "Sig. = .000" means p < .0005, not zero; in a sentence it is written
    ``p < .001`` (APA Publication Manual, 7th ed., 6.36).  Rounding is SPSS's
    (half away from zero), no leading zero.  Markdown is left to the caller.

    >>> format_p(0.00049)
    'p < .001'
    >>> format_p(0.0345)
    'p = .035'
    >>> format_p(0.0005)
    'p = .001'
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        raise ValueError("p is not defined (NaN): say why instead of printing a p-value")
    if not 0 <= p <= 1:
        raise ValueError(f"a p-value lies between 0 and 1, got {p!r}")
    text = format_number(p, decimals)
    floor = 10.0 ** -decimals
    if round_half_away(p, decimals) < floor:
        return f"p < {format_number(floor, decimals)}"
    return f"p = {text}"


def rounding_interval(printed: float, decimals: int) -> tuple[float, float]:
    """The interval of true values that SPSS would print as ``printed``.

    Half away from zero: for a positive printed value ``v`` the interval is
    ``[v - h, v + h)`` with ``h = 0.5 * 10**-decimals``; mirrored for a
    negative one.  Returned as ``(low, high)``; membership is
    ``low <= x < high`` for positive and ``low < x <= high`` for negative
    values (use :func:`round_half_away` to test a value exactly).
    """
    half = 0.5 * 10.0 ** (-decimals)
    return printed - half, printed + half


def spss_table(table, decimals: dict, *, sig_columns=("Sig.",), leading_zero: bool = False):
    """A copy of ``table`` with numeric columns formatted as SPSS prints them (for display only).

    Parameters
    ----------
    table : DataFrame
    decimals : dict
        Column -> number of decimals.  Columns not named are left as they are.
    sig_columns : sequence of str, default ("Sig.",)
        Columns formatted with :func:`format_sig` (three decimals, ``.000``).
    leading_zero : bool, default False

    Returns
    -------
    DataFrame
        Strings; NaN (a cell SPSS leaves empty) becomes ``""``.
    """
    shown = table.copy()
    for column in shown.columns:
        if column in sig_columns:
            shown[column] = [format_sig(v, leading_zero=leading_zero) if v is not None else "" for v in shown[column]]
        elif column in decimals:
            places = decimals[column]
            shown[column] = [format_number(float(v), places, leading_zero=leading_zero)
                             if v is not None else "" for v in shown[column]]
    return shown
