"""The processed data: where notebook 01 stores the cleaned answers and how the later notebooks read them.

Parquet (``processed/responses.parquet``) is what notebooks 02-07 read, one
column set at a time; a CSV copy (``processed/responses.csv``) is written for
the user's spreadsheet up to a size (see :func:`write_processed`).  The rules
the data meet are :mod:`surveykit.cleaning`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import DataError

if TYPE_CHECKING:
    from .cleaning import CleaningResult

__all__ = ["write_processed", "read_processed", "int8_columns"]


def write_processed(result: CleaningResult, ctx, *, csv_max_n: int | None = None) -> bool:
    """Write the cleaned data and the cleaning log: ``ctx.processed_path`` (Parquet when its name ends in
    ``.parquet``: what the later notebooks read), its CSV copy ``ctx.processed_csv_path`` for the user, and
    ``ctx.cleaning_log_path``.

    Every file is written atomically (temporary file, then rename); the raw file is never touched.
    Above ``csv_max_n`` respondents the CSV copy is not written (at a million respondents it would
    cost seconds that every run waits for) and one left by an earlier run is removed, so that no
    folder holds a CSV of other data than its Parquet file.  Returns whether the CSV copy was written.

    The Parquet file is written deterministically (same data, same bytes: pinned pyarrow, no
    timestamps) and uncompressed: the item columns are small anyway (dictionary and run-length
    encoding of a few answer codes), and every value stays findable in the file's bytes, as the
    tests that look for identifiers in every output do.
    """
    from pathlib import Path

    from .notebook import save_table

    csv_path = getattr(ctx, "processed_csv_path", None)
    inputs = {Path(result.source).resolve(): "the raw data file"}
    if ctx.codebook.source:
        inputs[Path(ctx.codebook.source).resolve()] = "the codebook"
    for target in (ctx.processed_path, csv_path, ctx.cleaning_log_path):
        overwritten = inputs.get(Path(target).resolve()) if target is not None else None
        if overwritten:
            raise DataError(f"the output {Path(target).name} would overwrite {overwritten}; nothing was written.",
                            file=Path(target).name, column="out_dir",
                            fix="choose another OUT= (out_dir) or move the input out of OUT's processed/ folder.")
    if Path(ctx.processed_path).suffix == ".parquet":
        _save_parquet(result.data, Path(ctx.processed_path), ctx.codebook.items)
    else:
        save_table(result.data, ctx.processed_path)
    write_csv = csv_path is not None and (csv_max_n is None or result.n_respondents <= csv_max_n)
    if write_csv:
        save_table(result.data, csv_path)
    elif csv_path is not None:
        Path(csv_path).unlink(missing_ok=True)
    save_table(result.log, ctx.cleaning_log_path)
    return write_csv


def _save_parquet(data: pd.DataFrame, path, items: Sequence[str]) -> None:
    """``data`` as an uncompressed Parquet file, atomically, without the row index.

    Item answers are stored as 8-bit integers where the scale fits (any Likert scale does): reading
    them back then holds an eighth of the memory before :func:`read_processed` widens them.
    """
    small = int8_columns(data, items)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    data.astype(small).to_parquet(tmp, engine="pyarrow", index=False, compression=None)
    tmp.replace(path)


def int8_columns(data: pd.DataFrame, columns: Sequence[str]) -> dict[str, type]:
    """Those of ``columns`` whose values all fit 8-bit integers, mapped to ``np.int8`` (an ``astype`` argument).

    Item answers are stored so (any Likert scale fits): an eighth of the memory and disk of 64-bit integers.
    """
    return {c: np.int8 for c in columns if len(data) and data[c].between(-128, 127).all()}


def read_processed(path, codebook: Codebook, *, columns: Sequence[str] | None = None,
                   as_stored: bool = False) -> pd.DataFrame:
    """Read the processed data written by :func:`write_processed` (items as integers).

    ``path`` is the Parquet file (or, from an earlier version, a CSV file).  ``columns``: read only
    these (from Parquet, the others are never loaded; the default is every column).  ``as_stored``:
    the item answers in the integer type the file stores them in (8-bit where the scale fits, see
    :func:`write_processed`) instead of 64-bit: an eighth of the memory, for a caller that only sums
    them (:func:`surveykit.scoring.construct_scores` widens what it computes); any other arithmetic
    on 8-bit answers can overflow (a product of two answers of 12 already does).

    Raises
    ------
    DataError
        The file is missing (run 01_cleaning first) or lacks an item column.
    """
    from pathlib import Path

    path = Path(path)
    if not path.exists():
        raise DataError("the processed data do not exist yet.", file=str(path),
                        fix="run notebooks/01_cleaning.ipynb first (make all does it).")
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        names = pq.read_schema(path).names
        data = pd.read_parquet(path, engine="pyarrow", columns=names if columns is None else
                               [c for c in columns if c in names])
        data = _items_as_integers(data, codebook, path, columns, widen=not as_stored)
        # Arrow's allocator keeps the file's buffers, freed now, for reuse by Arrow; nothing else
        # reads Parquet afterwards, so they go back to the system (about 120 MB at 10^6 x 40).
        pa.default_memory_pool().release_unused()
        return data
    from .stable import neutralise_formula

    id_name = codebook.id_column
    text_columns = [id_name, *codebook.profile]
    # save_table wrote a name that a spreadsheet would run as a formula (=, +, -, @) with a leading
    # apostrophe; each column is found again under its codebook name.
    written_as = {neutralise_formula(c): c for c in [*text_columns, *codebook.items]}
    data = pd.read_csv(path, dtype={neutralise_formula(c): str for c in text_columns},
                       keep_default_na=False, na_values=[""])
    data = data.rename(columns={w: c for w, c in written_as.items() if w != c})
    if columns is not None:
        data = data[[c for c in columns if c in data.columns]]
    return _items_as_integers(data, codebook, path, columns)


def _items_as_integers(data: pd.DataFrame, codebook: Codebook, path, columns, *, widen: bool = True) -> pd.DataFrame:
    """``data`` with its item columns as 64-bit integers (as stored, when not ``widen``), held in one block.

    The items are widened into one (n, items) array, column by column: pandas keeps a frame built
    so as one block, where widening each column in place leaves one block per column, which the
    first operation over several items (scoring, a copy) merges into a new array, a second copy
    of every answer (320 MB at 10^6 respondents x 40 items) and most of a second of CPU.
    """
    wanted = [c for c in codebook.items if columns is None or c in columns]
    missing = [c for c in wanted if c not in data.columns]
    if missing:
        raise DataError(f"the processed data lack item column(s) {missing}.", file=str(path), column=missing[0],
                        fix="re-run notebooks/01_cleaning.ipynb with this codebook.")
    if not wanted:
        return data
    is_item = set(wanted)
    wanted = [c for c in data.columns if c in is_item]  # in the data's order
    dtype = np.int64 if widen else np.result_type(*(data[c].dtype for c in wanted))
    block = np.empty((len(data), len(wanted)), dtype=dtype, order="F")  # each item's answers contiguous
    for j, column in enumerate(wanted):
        block[:, j] = data[column].astype(dtype).to_numpy()
    items = pd.DataFrame(block, index=data.index, columns=wanted, copy=False)
    # The other columns back in their places (inserted left to right, each lands where it was).
    for position, column in enumerate(data.columns):
        if column not in is_item:
            items.insert(position, column, data[column])
    return items
