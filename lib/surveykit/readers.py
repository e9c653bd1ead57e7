"""Read a questionnaire export (CSV, Excel, SPSS) into a raw DataFrame.

The reader only *reads*: it never changes an answer and never writes the
file.  Checking and recoding the answers is :mod:`surveykit.cleaning`'s job.
It keeps every data line of the file (blank lines too), so that the n-th
row of the frame is always the same line of the file and every message can
name the row a user will find in their spreadsheet.

Options come from the codebook's ``input`` mapping (all optional)::

    input:
      sheet: Responses        # XLSX: the sheet to read (default: the first sheet)
      delimiter: ";"          # CSV: "," ";" or "\\t" (default: guessed from the header line)
      decimal: ","            # CSV: decimal mark (default: "," when the delimiter is ";", else ".")
      encoding: utf-8         # CSV: text encoding (default: UTF-8, with or without BOM)
      extra_columns: ignore   # cleaning: ignore (and log) columns the codebook does not know;
                              #           default "stop"

Keyword arguments of :func:`read_responses` override the codebook.

Before reading, the file's first bytes must match its suffix (an Excel
workbook renamed ``.csv`` is named as such, not reported as bad UTF-8).  The
respondent-id, profile and identifier columns are read as text, so an id
``001`` stays ``001``.  A workbook whose first sheet is hidden is refused
unless ``input: {sheet: ...}`` names the sheet to read; Excel's TRUE/FALSE
and date cells are kept as such (never 1/0 or a day number), for cleaning
to refuse in an item column.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import DataError

__all__ = ["RawResponses", "read_responses", "check_data_path", "INPUT_KEYS", "SUFFIXES"]

#: Keys the codebook's ``input`` mapping may hold.
INPUT_KEYS = ("sheet", "delimiter", "decimal", "encoding", "extra_columns")
#: File types the reader understands.
SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm", ".sav")
_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class RawResponses:
    """A questionnaire file as read, before any check.

    Attributes
    ----------
    data : DataFrame
        One row per data line of the file (blank lines included), columns as
        in the header.  Values are as stored: numbers, text, or missing.
    source : str
        The file, as the user named it (used in every message).
    first_row : int
        The 1-based row of the file holding ``data``'s first row: 2 for CSV
        and Excel (row 1 is the header), 1 for SPSS (case number).
    options : mapping
        The input options used (delimiter, decimal, encoding or sheet).
    value_labels : mapping
        SPSS only: column -> {code: label} as stored in the ``.sav``.
    """

    data: pd.DataFrame
    source: str
    first_row: int
    options: Mapping[str, Any] = field(default_factory=dict)
    value_labels: Mapping[str, Mapping[Any, str]] = field(default_factory=dict)


def read_responses(
    path: str | Path,
    codebook: Codebook | None = None,
    *,
    sheet: str | None = None,
    delimiter: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
) -> RawResponses:
    """Read a CSV, XLSX or SPSS ``.sav`` file of questionnaire responses.

    Parameters
    ----------
    path : str or Path
        The raw data file.  Its suffix chooses the reader.
    codebook : Codebook, optional
        Supplies the ``input`` options (see the module docstring).
    sheet, delimiter, decimal, encoding : str, optional
        Override the codebook's ``input`` options.

    Returns
    -------
    RawResponses

    Raises
    ------
    DataError
        The file is missing, of an unknown type, unreadable, has a repeated
        column name, names a sheet that does not exist, or (SPSS) holds a
        code that has no value label in a labelled column.

    Notes
    -----
    * CSV: the delimiter is guessed from the header line when not given
      (Excel in an Indonesian or European locale writes ``;`` with a decimal
      comma); a byte-order mark is ignored.
    * XLSX: read with openpyxl; the first row is the header.
    * SPSS: read with pyreadstat.  In a column with value labels each code
      is replaced by its label text, which cleaning maps to the codebook's
      scale (so a file coded 0..4 with labels "Sangat Tidak Setuju" ..
      "Sangat Setuju" is read correctly); columns without value labels keep
      their numbers.  Codes SPSS declares missing (user-missing values) are
      read as empty answers, which the codebook's ``missing`` policy handles.
    """
    options = dict(codebook.input) if codebook is not None else {}
    unknown = sorted(set(options) - set(INPUT_KEYS))
    if unknown:
        raise DataError(f"the codebook's `input` has unknown key(s) {unknown}; allowed are {list(INPUT_KEYS)}.",
                        file=codebook.source if codebook is not None else None, column=f"input.{unknown[0]}",
                        fix="remove or rename the key (see data/codebook.template.yml).")
    for key, value in (("sheet", sheet), ("delimiter", delimiter), ("decimal", decimal), ("encoding", encoding)):
        if value is not None:
            options[key] = value

    path = Path(path)
    source = str(path)
    check_data_path(path)
    suffix = path.suffix.lower()
    if codebook is not None:
        # Ids and profile answers are text: "001" stays "001", never the number 1.
        options["_text_columns"] = tuple(c for c in ((codebook.respondent_id,) + tuple(codebook.profile)
                                                     + tuple(codebook.identifiers)) if c)
    if suffix in (".csv", ".txt"):
        return _read_csv(path, source, options)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, source, options)
    return _read_sav(path, source, options)


def check_data_path(path: str | Path) -> None:
    """Stop unless ``path`` is a readable file of a known type whose first bytes match its suffix.

    Raises
    ------
    DataError
        The path does not exist or is a folder; the suffix is unknown; the
        content is of another type than the suffix says (an ``.xlsx`` renamed
        ``.csv``, a CSV renamed ``.xlsx``, ...).
    """
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise DataError("the data file does not exist.", file=source,
                        fix="check the path (the `data_path` parameter, or DATA=... for make).")
    if path.is_dir():
        raise DataError("the data path is a folder, not a file.", file=source,
                        fix="give the data file itself, e.g. DATA=folder/responses.csv.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(f"cannot read files of type {suffix or '(no suffix)'!r}; use one of {list(SUFFIXES)}.",
                        file=source, fix="export the responses as CSV, XLSX or SPSS .sav.")
    _check_content_matches_suffix(path, source, suffix)


#: Leading bytes of the file types a user may have renamed: (prefix, what it is, how to read it).
_MAGIC = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx; a zip archive)", "rename it to .xlsx (or export it as CSV UTF-8)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls)", "open it in Excel and save it as .xlsx or CSV UTF-8"),
    (b"$FL2", "an SPSS data file (.sav)", "rename it to .sav"),
    (b"$FL3", "an SPSS data file (.zsav)", "save it from SPSS as an uncompressed .sav"),
    (b"%PDF", "a PDF document", "export the responses from the form or spreadsheet as CSV, XLSX or SAV"),
)


def _check_content_matches_suffix(path: Path, source: str, suffix: str) -> None:
    """Stop when the file's first bytes say it is another type than its name does."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise DataError(f"the file cannot be read ({exc.strerror}).", file=source,
                        fix="check that the file is not open elsewhere and that you may read it.") from None
    found = next(((what, fix) for magic, what, fix in _MAGIC if head.startswith(magic)), None)
    expected = {".csv": "text (CSV)", ".txt": "text (CSV)", ".xlsx": "an Excel workbook (.xlsx; a zip archive)",
                ".xlsm": "an Excel workbook (.xlsx; a zip archive)", ".sav": "an SPSS data file (.sav)"}.get(suffix)
    if expected is None:
        return
    if found is not None and found[0] != expected:
        raise DataError(f"the file is named {suffix} but its content looks like {found[0]}.", file=source,
                        fix=f"{found[1]}.")
    if found is None and suffix in (".xlsx", ".xlsm", ".sav") and head:
        kind = "text (a CSV file?)" if _looks_like_text(head) else "neither"
        raise DataError(f"the file is named {suffix} but its content is not {expected}; it looks like {kind}.",
                        file=source, fix="check the file: if it is a CSV file, rename it to .csv; otherwise "
                                         "export the responses again as CSV, XLSX or SAV.")


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in head


_UNNAMED = "\x00unnamed "  # placeholder name of a header cell left empty


def _check_header(columns: list[Any], source: str, row: int = 1) -> list[str]:
    """Header names, stripped; an empty name gets a placeholder (see :func:`_drop_unnamed`)."""
    names = [("" if c is None else str(c)).strip() for c in columns]
    names = [name or f"{_UNNAMED}{position}" for position, name in enumerate(names, start=1)]
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if name in seen:
            raise DataError(f"the column name appears twice (columns {seen[name]} and {position}).",
                            file=source, row=row, column=name,
                            fix="rename or delete one of the two columns.")
        seen[name] = position
    return names


def _drop_unnamed(frame: pd.DataFrame, source: str, options: dict[str, Any]) -> pd.DataFrame:
    """Drop columns without a header name that hold nothing (Excel's trailing delimiters); stop otherwise."""
    dropped = []
    for column in [c for c in frame.columns if c.startswith(_UNNAMED)]:
        position = int(column[len(_UNNAMED):])
        values = frame[column]
        blank = values.isna() | values.astype(str).str.strip().eq("")
        if not blank.all():
            raise DataError(f"column {position} of the header has no name but holds values.", file=source, row=1,
                            fix="give the column a name in the header row (and declare it in the codebook), "
                                "or delete it.")
        dropped.append(position)
    if dropped:
        options["empty_unnamed_columns_dropped"] = dropped
        frame = frame.drop(columns=[f"{_UNNAMED}{p}" for p in dropped])
    return frame


def _read_csv(path: Path, source: str, options: dict[str, Any]) -> RawResponses:
    encoding = options.get("encoding") or "utf-8-sig"
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"  # tolerate a BOM either way
    if encoding == "utf-8-sig":
        with path.open("rb") as handle:
            head = handle.read(2)
        if head in (b"\xff\xfe", b"\xfe\xff"):
            raise DataError("the file is UTF-16 text (Excel's 'Unicode Text'), not UTF-8.", file=source,
                            fix="save it as 'CSV UTF-8' (Excel: Save As > CSV UTF-8), or set "
                                "`input: {encoding: utf-16}` in the codebook.")
    try:
        with path.open(encoding=encoding, newline="") as handle:
            header_line = handle.readline()
    except UnicodeDecodeError:
        raise _encoding_error(path, source, encoding) from None
    if not header_line.strip():
        raise DataError("the file is empty or its first line (the header) is blank.", file=source, row=1,
                        fix="put the column names on the first line.")
    delimiter = options.get("delimiter")
    if delimiter is None:
        delimiter = max(_DELIMITERS, key=header_line.count)
        if header_line.count(delimiter) == 0:
            delimiter = ","
    if delimiter not in _DELIMITERS:
        raise DataError(f"the delimiter {delimiter!r} is not supported; use one of {list(_DELIMITERS)}.",
                        file=source, column="input.delimiter")
    decimal = options.get("decimal") or ("," if delimiter == ";" else ".")
    if decimal not in (".", ","):
        raise DataError(f"the decimal mark {decimal!r} is not supported; use '.' or ','.",
                        file=source, column="input.decimal")
    if decimal == delimiter:
        raise DataError("the decimal mark and the delimiter are the same character.", file=source,
                        column="input.decimal", fix="set `input: {delimiter: ';', decimal: ','}` or similar.")
    header = next(csv.reader([header_line], delimiter=delimiter))
    names = _check_header(header, source)
    text_columns = {c: str for c in options.get("_text_columns", ()) if c in names}
    try:
        frame = pd.read_csv(
            path, sep=delimiter, decimal=decimal, encoding=encoding,
            header=0, names=names, dtype=text_columns or None,
            keep_default_na=False, na_values=[""],
            # Keep blank lines, so the n-th frame row is the (n+1)-th file line.
            skip_blank_lines=False, engine="c", low_memory=False,
        )
    except UnicodeDecodeError:
        raise _encoding_error(path, source, encoding) from None
    except pd.errors.ParserError as exc:
        detail = " ".join(str(exc).split())  # pandas' message spans lines
        raise DataError(f"the file is not a well-formed table ({detail}).", file=source,
                        fix=f"every line must have {len(names)} fields separated by {delimiter!r}; "
                            "check for a stray delimiter or quote.") from None
    used = {"delimiter": delimiter, "decimal": decimal, "encoding": encoding}
    _check_one_separator(frame, source, delimiter)
    frame = _drop_unnamed(frame, source, used)
    return RawResponses(frame, source, 2, used)


def _check_one_separator(frame: pd.DataFrame, source: str, delimiter: str) -> None:
    """Stop at a row that holds one field containing another separator (a file of mixed separators)."""
    if frame.shape[1] < 2 or pd.api.types.is_numeric_dtype(frame.iloc[:, 0]):
        return
    others = "".join(re.escape(d) for d in _DELIMITERS if d != delimiter)
    lone = frame.iloc[:, 1:].isna().all(axis=1) & frame.iloc[:, 0].str.contains(f"[{others}]", na=False)
    if lone.any():
        position = int(np.flatnonzero(lone.to_numpy())[0])
        found = next(d for d in _DELIMITERS if d != delimiter and d in frame.iloc[position, 0])
        raise DataError(f"the row is one field holding {found!r}, while the header is separated by {delimiter!r}: "
                        "the file mixes separators.", file=source, row=position + 2,
                        fix=f"save the whole file again with one separator (e.g. {delimiter!r}), or set "
                            "`input: {delimiter: ...}` in the codebook.")


def _encoding_error(path: Path, source: str, encoding: str) -> DataError:
    """Name the first line that is not valid text in ``encoding`` (error path only)."""
    name = "UTF-8" if encoding == "utf-8-sig" else encoding
    row = None
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError:
                row = number
                break
    return DataError(f"the file is not valid {name} text.", file=source, row=row,
                     fix="save it as 'CSV UTF-8' (Excel: Save As > CSV UTF-8), or set `input: {encoding: cp1252}` "
                         "(or the file's encoding) in the codebook.")


def _read_xlsx(path: Path, source: str, options: dict[str, Any]) -> RawResponses:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise DataError(f"the file cannot be opened as an Excel workbook ({type(exc).__name__}).",
                        file=source, fix="save it again from Excel as .xlsx.") from None
    try:
        sheets = book.sheetnames
        sheet = options.get("sheet")
        if sheet is None:
            sheet = sheets[0]
            if book[sheet].sheet_state != "visible":
                visible = [name for name in sheets if book[name].sheet_state == "visible"]
                raise DataError(
                    f"the workbook's first sheet {sheet!r} is hidden; the visible sheet(s) are {visible}. "
                    "A hidden sheet is not analysed without being named.", file=source, column="input.sheet",
                    fix="name the sheet with the answers in the codebook, e.g. `input: {sheet: "
                        f"{visible[0] if visible else 'Responses'}}}` (or unhide it in Excel).")
        elif sheet not in sheets:
            raise DataError(f"the workbook has no sheet named {sheet!r}; its sheets are {sheets}.",
                            file=source, column="input.sheet",
                            fix="set `input: {sheet: ...}` in the codebook to one of these names.")
        rows = list(book[sheet].iter_rows(values_only=True))
        header_names = [("" if c is None else str(c)).strip() for c in (rows[0] if rows else ())]
        # Id and profile cells as Excel shows them: a number formatted "000" is the text "001".
        shown = {name: [_as_displayed(cell) for (cell,) in book[sheet].iter_rows(
                     min_row=2, min_col=header_names.index(name) + 1, max_col=header_names.index(name) + 1)]
                 for name in options.get("_text_columns", ()) if name in header_names}
    finally:
        book.close()
    if not rows or all(v is None for v in rows[0]):
        raise DataError(f"the sheet {sheet!r} is empty or its first row (the header) is blank.",
                        file=source, row=1, fix="put the column names in the first row.")
    header = list(rows[0])
    while header and header[-1] is None:  # openpyxl may report formatted but empty columns
        header.pop()
    names = _check_header(header, f"{source} [sheet {sheet}]")
    width = len(names)
    body = [list(r[:width]) + [None] * (width - len(r[:width])) for r in rows[1:]]
    while body and all(v is None for v in body[-1]):  # trailing formatted-but-empty rows
        body.pop()
    frame = pd.DataFrame(body, columns=names)
    for name, values in shown.items():
        frame[name] = pd.Series((values + [None] * len(frame))[: len(frame)], dtype=object)
    text_columns = set(options.get("_text_columns", ()))
    frame = frame.apply(lambda column: column.astype(object) if column.name in text_columns
                        else _infer_column(column))
    used: dict[str, Any] = {"sheet": sheet}
    frame = _drop_unnamed(frame, f"{source} [sheet {sheet}]", used)
    return RawResponses(frame, f"{source} [sheet {sheet}]", 2, used)


def _as_displayed(cell: Any) -> Any:
    """A cell of an id or profile column as text as Excel displays it: 1 formatted "000" is "001", 7.0 is "7"."""
    value = getattr(cell, "value", None)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not float(value).is_integer():
        return value
    number_format = str(getattr(cell, "number_format", "General") or "General")
    if re.fullmatch(r"0+", number_format):
        return f"{int(value):0{len(number_format)}d}"
    return str(int(value))


def _infer_column(column: pd.Series) -> pd.Series:
    """Numbers stay numbers; a column of mixed numbers and text stays object.

    Excel's logical cells (TRUE/FALSE) and dates stay as they are (bool,
    datetime), so cleaning can name them; they never become 1/0 or a day count.
    """
    column = column.where(column.notna(), None)
    if any(isinstance(v, (bool, np.bool_, datetime.date, datetime.time, datetime.timedelta)) for v in column):
        return column.astype(object)
    converted = pd.to_numeric(column, errors="coerce")
    if converted.notna().sum() == column.notna().sum():
        return converted
    return column.astype(object)


def _read_sav(path: Path, source: str, options: dict[str, Any]) -> RawResponses:
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
    except Exception as exc:  # pyreadstat.ReadstatError and friends
        raise DataError(f"the file cannot be read as an SPSS .sav file ({exc}).", file=source,
                        fix="save it again from SPSS (File > Save As > .sav).") from None
    labels: dict[str, dict[Any, str]] = {}
    for column, mapping in (meta.variable_value_labels or {}).items():
        if column not in frame.columns or not mapping:
            continue
        values = frame[column]
        if not pd.api.types.is_numeric_dtype(values):  # string codes: compared as SPSS does, trailing blanks ignored
            values = values.map(lambda v: (v.rstrip() or None) if isinstance(v, str) else v)
            mapping = {k.rstrip() if isinstance(k, str) else k: v for k, v in mapping.items()}
        labels[column] = dict(mapping)
        present = values.dropna()
        unlabelled = ~present.isin(list(mapping))
        if unlabelled.any():
            position = int(present.index[unlabelled.to_numpy()][0])
            code = present[position]
            listed = ", ".join(f"{_code(k)} = {v}" for k, v in sorted(mapping.items(), key=lambda kv: (str(type(kv[0])), kv[0])))
            raise DataError(
                f"the code {_code(code)} has no value label, though the column's other codes do (labels: {listed}).",
                file=source, row=position + 1, column=column,
                fix="add the missing value label in SPSS (Variable View > Values), or recode the cell; "
                    "declare a missing-value code in SPSS as missing.")
        # Map codes to their label text; cleaning maps the text to the codebook scale.
        frame[column] = values.map(mapping).astype(object).where(values.notna(), None)
    _check_header(list(frame.columns), source)
    return RawResponses(frame, source, 1, {}, labels)


def _code(code: Any) -> str:
    """An SPSS code as SPSS shows it: 3 (not 3.0), a string code quoted."""
    return f"{code:g}" if isinstance(code, (int, float)) else repr(code)
