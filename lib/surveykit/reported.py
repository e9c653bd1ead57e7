"""The numbers a paper prints, and how a recomputed value compares with them.

``data/paper/reported.yml`` lists every number of the paper's Results
section with its decimals, the relation it states ("=", "<", ">") and the
sentence it comes from.  :func:`load_reported` reads it into a tidy
DataFrame; :func:`compare` puts recomputed values beside the printed ones
and decides, with SPSS's rounding (half away from zero), whether each
matches.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from . import i18n
from .errors import DataError
from .i18n import N_, tr
from .spss_format import format_number, round_half_away

__all__ = ["load_reported", "compare", "shown_comparison", "reported_value"]

# The verdicts of :func:`compare`: kept in English in its table, shown translated.
MATCH, MISMATCH, NOT_COMPUTABLE = N_("match"), N_("mismatch"), N_("not computable")
#: Verbal values a ``reported.yml`` states in English for a claim no number decides (the paper's own words are
#: in its ``quote``); shown in the reader's language.  Other text values (a class word such as "baik", a
#: construct key) are shown as they are.
VERBAL_VALUES = (N_("no pattern"),)

_COLUMNS = ["id", "kind", "target", "value", "decimals", "relation", "where", "quote"]


def load_reported(path: str | Path | None) -> pd.DataFrame:
    """Read a ``reported.yml`` file into a DataFrame (one row per printed number).

    An empty or missing ``path`` (own data, no paper to compare with) gives an
    empty frame with the same columns.
    """
    import yaml

    if not path:
        return pd.DataFrame(columns=_COLUMNS)
    path = Path(path)
    if not path.exists():
        raise DataError("the file of reported numbers does not exist.", file=str(path),
                        fix="give the path of a reported.yml, or an empty reported_path for own data.")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    values = raw.get("values") if isinstance(raw, dict) else None
    if not isinstance(values, list):
        raise DataError("expected a mapping with a `values` list.", file=str(path),
                        fix="follow the layout of data/paper/reported.yml.")
    rows = []
    ids: set[str] = set()
    for entry in values:
        if "id" not in entry or "value" not in entry:
            raise DataError("every entry needs `id` and `value`.", file=str(path), column=str(entry.get("id")))
        if entry["id"] in ids:
            raise DataError(f"the id {entry['id']!r} is used twice.", file=str(path), column=entry["id"])
        ids.add(entry["id"])
        rows.append({key: entry.get(key) for key in _COLUMNS} | {"relation": entry.get("relation", "=")})
    return pd.DataFrame(rows, columns=_COLUMNS).set_index("id", drop=False)


def reported_value(reported: pd.DataFrame, key: str) -> Any:
    """The printed value of one entry (``None`` when the paper has no such number)."""
    if key not in reported.index:
        return None
    return reported.loc[key, "value"]


def _verdict(printed: Any, relation: str, decimals: Any, computed: Any) -> tuple[Any, str]:
    if computed is None or (isinstance(computed, float) and pd.isna(computed)):
        return None, NOT_COMPUTABLE
    if isinstance(printed, str) or isinstance(computed, str):
        return computed, MATCH if str(printed) == str(computed) else MISMATCH
    if relation == "<":
        return computed, MATCH if computed < printed else MISMATCH
    if relation == ">":
        return computed, MATCH if computed > printed else MISMATCH
    decimals = _decimals(decimals)
    rounded = round_half_away(float(computed), decimals)
    return rounded, MATCH if rounded == round_half_away(float(printed), decimals) else MISMATCH


def _decimals(decimals: Any) -> int:
    return int(decimals) if decimals is not None and not pd.isna(decimals) else 0


def compare(reported: pd.DataFrame, computed: Mapping[str, Any]) -> pd.DataFrame:
    """Printed versus recomputed values.

    Parameters
    ----------
    reported : DataFrame
        From :func:`load_reported`.
    computed : mapping
        Entry id -> recomputed (unrounded) value.  Ids not in ``reported``
        raise ``KeyError``; reported ids not in ``computed`` are left out.

    Returns
    -------
    DataFrame
        Columns ``id, kind, target, printed, relation, computed,
        computed_rounded, verdict, where``.  For "=" entries the verdict is
        "match" when the recomputed value, rounded half away from zero to the
        printed decimals, equals the printed value; for "<" / ">" entries when
        the recomputed value satisfies the bound.
    """
    unknown = sorted(set(computed) - set(reported.index))
    if unknown:
        raise KeyError(f"no reported number with id(s) {unknown}")
    rows = []
    for key, value in computed.items():
        entry = reported.loc[key]
        rounded, verdict = _verdict(entry["value"], entry["relation"], entry["decimals"], value)
        rows.append({
            "id": key, "kind": entry["kind"], "target": entry["target"],
            "printed": entry["value"], "relation": entry["relation"],
            "computed": value, "computed_rounded": rounded, "verdict": verdict,
            "where": entry["where"],
        })
    return pd.DataFrame(rows)


def _shown_number(value: Any, decimals: int | None) -> str:
    """A printed or recomputed value for display: ``decimals`` places, or six significant digits when None."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return tr(value) if value in VERBAL_VALUES else value
    if decimals is None:
        return i18n.localize_number(f"{float(value):.6g}")
    return format_number(float(value), decimals, leading_zero=True)


def shown_comparison(comparison: pd.DataFrame, reported: pd.DataFrame) -> pd.DataFrame:
    """A table of printed and recomputed values, its columns kept, for display in the active language.

    :func:`compare`'s table, or one with further columns (a target, a rounding
    interval): printed and rounded values with the printed decimals, an
    interval's limits with one more, the unrounded value to six significant
    digits, a verbal printed value and the verdict translated; other columns
    as they are.
    """
    given = [reported.loc[key, "decimals"] if key in reported.index else None for key in comparison["id"]]
    places = [None if d is None or pd.isna(d) else int(d) for d in given]
    finer = [None if d is None else d + 1 for d in places]
    digits = {"printed": places, "computed_rounded": places, "interval_low": finer, "interval_high": finer,
              "computed": [None] * len(comparison)}
    shown = comparison.copy()
    for column, decimals in digits.items():
        if column in shown.columns:
            shown[column] = [_shown_number(v, d) for v, d in zip(comparison[column], decimals)]
    if "verdict" in shown.columns:
        shown["verdict"] = [tr(v) for v in comparison["verdict"]]
    return shown
