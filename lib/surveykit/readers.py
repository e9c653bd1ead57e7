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
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .codebook import Codebook
from .errors import DataError

__all__ = ["RawResponses", "read_responses", "INPUT_KEYS", "SUFFIXES"]

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
    if not path.exists():
        raise DataError("the data file does not exist.", file=source,
                        fix="check the path (the `data_path` parameter, or DATA=... for make).")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return _read_csv(path, source, options)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, source, options)
    if suffix == ".sav":
        return _read_sav(path, source, options)
    raise DataError(f"cannot read files of type {suffix or '(no suffix)'!r}; use one of {list(SUFFIXES)}.",
                    file=source, fix="export the responses as CSV, XLSX or SPSS .sav.")


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
    try:
        frame = pd.read_csv(
            path, sep=delimiter, decimal=decimal, encoding=encoding,
            header=0, names=names,
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
    frame = _drop_unnamed(frame, source, used)
    return RawResponses(frame, source, 2, used)


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
        elif sheet not in sheets:
            raise DataError(f"the workbook has no sheet named {sheet!r}; its sheets are {sheets}.",
                            file=source, column="input.sheet",
                            fix="set `input: {sheet: ...}` in the codebook to one of these names.")
        rows = list(book[sheet].iter_rows(values_only=True))
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
    frame = frame.apply(_infer_column)
    used: dict[str, Any] = {"sheet": sheet}
    frame = _drop_unnamed(frame, f"{source} [sheet {sheet}]", used)
    return RawResponses(frame, f"{source} [sheet {sheet}]", 2, used)


def _infer_column(column: pd.Series) -> pd.Series:
    """Numbers stay numbers; a column of mixed numbers and text stays object."""
    column = column.where(column.notna(), None)
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
        labels[column] = dict(mapping)
        values = frame[column]
        present = values.dropna()
        unlabelled = ~present.isin(list(mapping))
        if unlabelled.any():
            position = int(present.index[unlabelled.to_numpy()][0])
            code = present[position]
            raise DataError(
                f"the code {code:g} has no value label, though the column's other codes do "
                f"(labels: {', '.join(f'{k:g} = {v}' for k, v in sorted(mapping.items()))}).",
                file=source, row=position + 1, column=column,
                fix="add the missing value label in SPSS (Variable View > Values), or recode the cell; "
                    "declare a missing-value code in SPSS as missing.")
        # Map codes to their label text; cleaning maps the text to the codebook scale.
        frame[column] = values.map(mapping).astype(object).where(values.notna(), None)
    _check_header(list(frame.columns), source)
    return RawResponses(frame, source, 1, {}, labels)
