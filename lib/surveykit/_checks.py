"""Input checks shared by the statistics modules (private)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import DataError
from .i18n import N_

# Statuses of a statistic on a block of items that alpha and omega share (data: compared in code, written to
# the CSV tables; a reader sees them through tr()).
STATUS_OK = N_("ok")
STATUS_SINGLE = N_("single item")
STATUS_IDENTICAL = N_("identical items")
STATUS_ZERO_VARIANCE = N_("zero variance item")


def numeric_block(data: pd.DataFrame, columns: Sequence[str], *, min_rows: int = 2) -> np.ndarray:
    """The named columns as a float array; a clear error for anything SPSS would refuse.

    Missing columns, non-numeric values and missing values raise
    :class:`~surveykit.errors.DataError` naming the column (and row), because
    SPSS's listwise deletion would silently change n, which the compendium
    never does behind the user's back.
    """
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"data must be a pandas DataFrame, not {type(data).__name__}")
    columns = list(columns)
    if not columns:
        raise ValueError("no columns given")
    if len(set(columns)) != len(columns):
        dupes = sorted({c for c in columns if columns.count(c) > 1})
        raise ValueError(f"columns listed twice: {dupes}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise DataError(f"the column(s) {missing} are not in the data.", column=missing[0],
                        fix="check the column names against the codebook.")
    block = data[columns]
    for column in columns:
        if not pd.api.types.is_numeric_dtype(block[column]) or pd.api.types.is_bool_dtype(block[column]):
            raise DataError("the column is not numeric.", column=column,
                            fix="recode the answers to numbers (the cleaning notebook does this).")
        if block[column].isna().any():
            row = block.index[block[column].isna().to_numpy()][0]
            raise DataError("the column has a missing value.", row=row, column=column,
                            fix="fill or drop the respondent in cleaning before analysis.")
    values = block.to_numpy(dtype=float)
    if values.shape[0] < min_rows:
        raise ValueError(f"need at least {min_rows} rows (respondents), got {values.shape[0]}")
    return values


#: Rows :func:`identical_item_groups` compares first, for every pair of items.
_FIRST_ROWS = 1_000


def identical_item_groups(values: np.ndarray) -> list[list[int]]:
    """Groups (column indices) of items that are copies of each other up to an additive constant.

    Two items are such copies when their difference is the same for every
    respondent; their correlation is then exactly 1.
    """
    k = values.shape[1]
    groups: list[list[int]] = []
    assigned = [False] * k
    # A difference that varies over the first rows varies over all of them: most pairs are settled there,
    # and only the rest are compared on every row (at 10^6 respondents a full comparison of every pair of
    # ten items reads 45 x 10^6 differences, and omega calls this for every construct and deleted item).
    head = values[:_FIRST_ROWS]
    for i in range(k):
        if assigned[i]:
            continue
        group = [i]
        # All later columns at once (the bootstrap of omega calls this thousands of times).
        later = np.arange(i + 1, k)
        later = later[np.ptp(head[:, i + 1:] - head[:, [i]], axis=0) == 0] if i + 1 < k else later
        if len(later) and len(values) > len(head):
            later = later[np.ptp(values[:, later] - values[:, [i]], axis=0) == 0]
        for j in later.tolist():
            if not assigned[j]:
                group.append(j)
                assigned[j] = True
        if len(group) > 1:
            groups.append(group)
    return groups
