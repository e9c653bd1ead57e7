"""Output values that are a function of the data and the code, not of the CPU.

Two machines computing the same statistic can differ in its last bits: BLAS
kernels and instruction sets (AVX2, AVX-512, FMA) sum in different orders, so
an omega of ``0.6457718506945505`` on one machine is ``...503`` on another.
Written at full ``repr`` precision, such noise would change the bytes of
every committed table.  Everything the compendium writes therefore passes
through this module:

* numbers in files are written to :data:`SIGNIFICANT_DIGITS` (nine) significant
  digits: six more than SPSS displays, so nothing a reader or a test needs is
  lost, and far above the last-bit noise.  Measured on the study's 1,579
  table values perturbed by a relative 1e-13 (100 times the noise between
  machines), twenty seeded trials moved 0.6 written values per trial at ten
  digits and none at nine; at the real noise level (1e-15) neither moved any;
* a quantity that is zero in exact arithmetic (the mean of OLS residuals)
  is noise alone, which significant digits cannot bound: it is written as 0
  when it is below the ninth digit of its scale (:func:`zero_below_scale`;
  the K-S table's residual mean, as SPSS prints .0000000) and shown at a
  fixed precision in figures (:func:`figures.residual_histogram`);
* text cells that a spreadsheet would execute as a formula (OWASP "CSV
  injection": a cell starting with ``=``, ``+``, ``-``, ``@``, tab or
  carriage return) are neutralised with a leading apostrophe, unless the
  cell is a plain number such as ``-.123``.

``tests/test_same_bytes.py`` proves the bytes do not move when every value
given to the writers is perturbed at the 1e-13 relative level.
"""

from __future__ import annotations

import math
import re

__all__ = ["SIGNIFICANT_DIGITS", "bounded", "bounded_frame", "neutralise_formula", "zero_below_scale"]

#: Significant digits of every number the compendium writes to a file.
SIGNIFICANT_DIGITS = 9

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A cell that is only a number (SPSS style ".705", "-1.2E-3", decimal comma "4,10", "70,5 %")
# is not a formula, whatever its first character.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?( ?%)?")


def bounded(value):
    """``value`` rounded to :data:`SIGNIFICANT_DIGITS` significant digits if it is a finite float.

    Anything else (ints, strings, NaN, infinities, None) is returned unchanged.
    The result is the nearest float to the rounded decimal, so writing it
    with ``repr`` (as pandas does) prints at most that many digits.
    """
    if isinstance(value, float) and math.isfinite(value):
        rounded = float(f"{value:.{SIGNIFICANT_DIGITS}g}")
        return rounded + 0.0  # -0.0 -> 0.0: a sign of nothing is noise too
    return value


def zero_below_scale(value: float, scale: float) -> float:
    """``value``, or 0.0 where it is smaller than the last written digit of ``scale``.

    For a number written beside a spread of size ``scale`` (a mean beside
    its standard deviation): below ``scale * 10**-SIGNIFICANT_DIGITS`` it is
    rounding noise (the mean of OLS residuals, zero in exact arithmetic, is
    -8.2e-16 on one CPU and 3.1e-15 on another), and relative rounding
    cannot make noise machine-independent.
    """
    if math.isfinite(value) and abs(value) < abs(scale) * 10.0 ** -SIGNIFICANT_DIGITS:
        return 0.0
    return value


def neutralise_formula(text):
    """``text`` with a leading apostrophe if a spreadsheet would run it as a formula.

    Non-strings and plain numbers written as text are returned unchanged.
    Reference: OWASP, "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection).
    """
    if isinstance(text, str) and text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _stable_cell(value):
    if isinstance(value, float):
        return bounded(value)
    if isinstance(value, str):
        return neutralise_formula(value)
    return value


def bounded_frame(table):
    """A copy of a DataFrame that writes the same bytes on every machine.

    Floats (in float columns, object columns and the index) are rounded by
    :func:`bounded`; strings (cells, column names, index labels) pass through
    :func:`neutralise_formula`.  Integer, boolean and missing values are unchanged.
    """
    import numpy as np
    import pandas as pd

    out = table.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        if pd.api.types.is_float_dtype(column.dtype):
            values = column.to_numpy(dtype=float)
            finite = np.isfinite(values)
            rounded = values.copy()
            rounded[finite] = [float(f"{v:.{SIGNIFICANT_DIGITS}g}") for v in values[finite]]
            out.isetitem(position, pd.Series(rounded + 0.0, index=out.index, name=column.name))
        elif column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out.isetitem(position, column.map(_stable_cell).astype(object))
    out.columns = _stable_index(out.columns)
    out.index = _stable_index(out.index)
    return out


def _stable_index(index):
    import pandas as pd

    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_tuples([tuple(_stable_cell(v) for v in key) for key in index],
                                         names=[_stable_cell(n) for n in index.names])
    if isinstance(index, pd.RangeIndex) or pd.api.types.is_integer_dtype(index.dtype):
        return index.rename(_stable_cell(index.name))
    return pd.Index([_stable_cell(v) for v in index], name=_stable_cell(index.name))
