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

from .errors import DataError
from .spss_format import round_half_away

__all__ = ["load_reported", "compare", "reported_value"]

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
        return None, "not computable"
    if isinstance(printed, str) or isinstance(computed, str):
        return computed, "match" if str(printed) == str(computed) else "mismatch"
    if relation == "<":
        return computed, "match" if computed < printed else "mismatch"
    if relation == ">":
        return computed, "match" if computed > printed else "mismatch"
    decimals = int(decimals) if decimals is not None and not pd.isna(decimals) else 0
    rounded = round_half_away(float(computed), decimals)
    return rounded, "match" if rounded == round_half_away(float(printed), decimals) else "mismatch"


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
