"""Check a codebook and a data file before any notebook runs: every problem at once, one line each.

``python -m surveykit.check --data DATA --codebook CODEBOOK`` (``make check``;
``make all`` runs it before the cleaning notebook).

It runs in one plain Python process (no Jupyter kernel) and applies the same
rules as the notebooks, through the same functions: the codebook's
(:func:`surveykit.codebook.read_codebook`), the reader's
(:func:`surveykit.readers.read_responses`) and cleaning's
(:func:`surveykit.cleaning.find_problems`, the rules of
:func:`surveykit.cleaning.clean`).  Where the notebook stops at the first
problem, the check lists all it can find: every codebook problem; when the
codebook is sound, every problem of the data (a file that cannot be read at
all is one problem).  The exit status is 1 when there is any problem, 0
otherwise; on success it says what cleaning will log.

With ``--keep FOLDER`` (``make all`` passes ``OUT/.stamps/checked``) a sound
check also keeps its cleaning result there, so that notebook 01 does not read
and clean the file a second time: :func:`read_once` gives 01 that result when
the data file, the codebook and the library are byte for byte those the check
used (their sha256), and reads the file itself in every other case.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError

if TYPE_CHECKING:
    from .cleaning import CleaningResult
    from .codebook import Codebook
    from .readers import RawResponses

__all__ = ["CheckReport", "check_inputs", "ReadOnce", "read_once", "keep_result", "main"]


@dataclass(frozen=True)
class CheckReport:
    """What :func:`check_inputs` found.

    Attributes
    ----------
    problems : list of DataError
        Every problem found, codebook first; empty when the inputs are sound.
    summary : str
        One line: what was checked, and (when sound) what cleaning will keep and log.
    logged : list of str
        When sound: the cleaning log's actions with their counts (e.g. ``2 recoded``).
    """

    problems: list[DataError]
    summary: str
    logged: list[str] = field(default_factory=list)
    #: When sound: the file as read and its cleaning result (what :func:`keep_result` keeps).
    raw: RawResponses | None = field(default=None, repr=False, compare=False)
    result: CleaningResult | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_inputs(data_path: str | Path, codebook_path: str | Path) -> CheckReport:
    """Validate a codebook and a data file; return every problem found.

    Parameters
    ----------
    data_path, codebook_path : str or Path
        As given to ``make`` (DATA=, CODEBOOK=) or the notebooks' parameters.

    Returns
    -------
    CheckReport
    """
    from . import cleaning, readers
    from .codebook import read_codebook

    codebook, problems = read_codebook(codebook_path)
    problems: list[DataError] = list(problems)
    if codebook is None:
        # Without a codebook only the file itself can be checked (exists, is a file, content matches suffix).
        try:
            readers.check_data_path(data_path)
        except DataError as error:
            problems.append(error)
        return CheckReport(problems, f"{len(problems)} problem(s); the data were not checked against the codebook "
                                     "until it is sound.")
    try:
        raw = readers.read_responses(data_path, codebook)
    except DataError as error:
        problems.append(error)
        return CheckReport(problems, f"{len(problems)} problem(s) in {data_path} (the file could not be read).")
    found, result = cleaning.clean_listing_problems(raw.data, codebook, source=raw.source, first_row=raw.first_row)
    problems += found
    if problems or result is None:
        return CheckReport(problems, f"{len(problems)} problem(s) in {raw.source} and {codebook_path}.")
    counts = Counter(result.log["action"])
    logged = [f"{n} {action}" for action, n in counts.items()]
    summary = (f"{raw.source} meets {codebook_path}: {result.n_rows} data row(s), {result.n_respondents} "
               f"respondent(s) kept; the cleaning log will have {len(result.log)} entr"
               f"{'y' if len(result.log) == 1 else 'ies'}" + (f" ({', '.join(logged)})." if logged else "."))
    return CheckReport([], summary, logged, raw, result)


# -- the check's result, kept for notebook 01 ----------------------------------------------------------

_KEY_FILE, _RESULT_FILE = "key.json", "result.pickle"
# Every class and function a kept cleaning result is built from (numpy arrays, pandas frames with their
# nullable integers and Arrow-backed text, the result class); a column of another kind (dates,
# categories) is not kept this way, and 01 reads the file itself.
_KEPT_GLOBALS = frozenset({
    ("builtins", "slice"), ("numpy", "dtype"), ("numpy", "ndarray"), ("numpy._core.multiarray", "_reconstruct"),
    ("numpy._core.numeric", "_frombuffer"), ("pandas", "DataFrame"), ("pandas", "Index"), ("pandas", "Int64Dtype"),
    ("pandas", "RangeIndex"), ("pandas", "StringDtype"), ("pandas._libs.internals", "_unpickle_block"),
    ("pandas.arrays", "ArrowStringArray"), ("pandas.arrays", "IntegerArray"),
    ("pandas.core.indexes.base", "_new_Index"), ("pandas.core.internals.managers", "BlockManager"),
    ("pyarrow.lib", "_restore_array"), ("pyarrow.lib", "py_buffer"), ("pyarrow.lib", "type_for_alias"),
    ("surveykit.cleaning", "CleaningResult"),
})


def _load_kept(path: Path) -> dict[str, Any] | None:
    """The kept result at ``path``, built only from :data:`_KEPT_GLOBALS`; None for anything else.

    A pickle may name any importable function, so one planted under OUT could run code when
    loaded; this unpickler refuses every other name (Python's pickle documentation, "Restricting
    Globals"), and a refused or damaged file is simply not used.
    """
    import pickle

    class KeptResultUnpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if (module, name) not in _KEPT_GLOBALS:
                raise pickle.UnpicklingError(f"{module}.{name} is not part of a kept cleaning result")
            return super().find_class(module, name)

    try:
        with path.open("rb") as handle:
            stored = KeptResultUnpickler(handle).load()
    except Exception:  # refused, damaged or from another version: 01 reads the file itself
        return None
    from .cleaning import CleaningResult

    if not (isinstance(stored, dict) and set(stored) == {"n_rows", "n_columns", "options", "narrowed", "result"}
            and isinstance(stored["result"], CleaningResult)):
        return None
    return stored


def _key(data_path: str | Path, codebook_path: str | Path) -> dict[str, str]:
    """What decides a cleaning result: the two inputs' bytes, the library's sources and the versions it runs on."""
    import numpy as np
    import pandas as pd

    from .inputs import sha256_of_file

    package = Path(__file__).resolve().parent
    library = hashlib.sha256()
    for source in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json") and p.is_file()):
        library.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes() + b"\0")
    return {"data": sha256_of_file(Path(data_path)), "codebook": sha256_of_file(Path(codebook_path)),
            "library": library.hexdigest(),
            "versions": f"python {sys.version.split()[0]}, numpy {np.__version__}, pandas {pd.__version__}"}


def keep_result(folder: str | Path, report: CheckReport, *, data_path: str | Path, codebook_path: str | Path) -> None:
    """Keep a sound check's cleaning result in ``folder`` for :func:`read_once`, with the key it holds for.

    What is kept: the file's size and reading options, and the :class:`~surveykit.cleaning.CleaningResult`
    without its source (the data file's path, which nothing under OUT may name; :func:`read_once` gives it
    back as 01 names the file).  Item answers are kept as 8-bit integers where they fit (48 MB at 10^6
    respondents x 40 items instead of 330) and widened back on reading.  Written atomically, key last.
    """
    import pickle

    import numpy as np

    from .processed import int8_columns

    if not report.ok or report.raw is None or report.result is None:
        raise ValueError("only a sound check's result is kept")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / _KEY_FILE).unlink(missing_ok=True)  # no key while the result is being replaced
    result, raw = report.result, report.raw
    data = result.data
    narrow = int8_columns(data, [c for c in data.columns if data[c].dtype == np.int64])
    kept = {"n_rows": len(raw.data), "n_columns": raw.data.shape[1], "options": dict(raw.options),
            "narrowed": sorted(narrow), "result": _without_source(result, data.astype(narrow))}
    tmp = folder / f".{_RESULT_FILE}.tmp"
    with tmp.open("wb") as handle:
        pickle.dump(kept, handle, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(folder / _RESULT_FILE)
    key = folder / f".{_KEY_FILE}.tmp"
    key.write_text(json.dumps(_key(data_path, codebook_path), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    key.replace(folder / _KEY_FILE)


def _without_source(result: CleaningResult, data: Any, source: str = "") -> CleaningResult:
    from dataclasses import replace

    return replace(result, data=data, source=source)


@dataclass(frozen=True)
class ReadOnce:
    """A data file as notebook 01 reads it: its size and reading options, and (:meth:`clean`) its cleaning.

    Either the file was read here (``raw``), or a check of these very inputs kept its result (``kept``).
    """

    source: str
    n_rows: int
    n_columns: int
    options: dict[str, Any]
    codebook: Codebook = field(repr=False)
    raw: RawResponses | None = field(default=None, repr=False)
    kept: CleaningResult | None = field(default=None, repr=False)

    def clean(self) -> CleaningResult:
        """:func:`surveykit.cleaning.clean` of the file as read, or the result the check kept of it (the same)."""
        from .cleaning import clean

        if self.kept is not None:
            return self.kept
        assert self.raw is not None
        return clean(self.raw.data, self.codebook, source=self.raw.source, first_row=self.raw.first_row)


def read_once(data_path: str | Path, codebook: Codebook, *, codebook_path: str | Path,
              kept: str | Path | None = None) -> ReadOnce:
    """Read a data file for cleaning, unless a check of the same inputs kept its result in ``kept``.

    The kept result is used only when its key (:func:`keep_result`) equals that of these inputs: the
    sha256 of the data file and of the codebook file, of the library's source files, and the Python,
    numpy and pandas versions.  Otherwise (no folder, no key, any byte different) the file is read
    here (:func:`surveykit.readers.read_responses`) and :meth:`ReadOnce.clean` cleans it; both ways
    give the same result, which ``tests/test_check.py`` checks.

    Raises
    ------
    DataError
        As :func:`surveykit.readers.read_responses`.
    """
    import numpy as np

    from .readers import read_responses

    source = str(Path(data_path))
    folder = Path(kept) if kept else None
    key_file = folder / _KEY_FILE if folder is not None else None
    if key_file is not None and key_file.is_file() and (folder / _RESULT_FILE).is_file():
        try:
            key = json.loads(key_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            key = None
        stored = _load_kept(folder / _RESULT_FILE) if key == _key(data_path, codebook_path) else None
        if stored is not None:
            result = stored["result"]
            data = result.data.astype({c: np.int64 for c in stored["narrowed"]})
            return ReadOnce(source, stored["n_rows"], stored["n_columns"], stored["options"], codebook,
                            kept=_without_source(result, data, source))
    raw = read_responses(data_path, codebook)
    return ReadOnce(raw.source, len(raw.data), raw.data.shape[1], dict(raw.options), codebook, raw=raw)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="the raw data file (CSV, XLSX or SAV)")
    parser.add_argument("--codebook", required=True, help="the codebook YAML file")
    parser.add_argument("--keep", default=None, metavar="FOLDER",
                        help="when sound, keep the cleaning result here for notebook 01 (make all: OUT/.stamps/checked)")
    args = parser.parse_args(argv)
    report = check_inputs(args.data, args.codebook)
    if args.keep:
        if report.ok:
            keep_result(args.keep, report, data_path=args.data, codebook_path=args.codebook)
        else:
            shutil.rmtree(args.keep, ignore_errors=True)
    for problem in report.problems:
        print(f"check: {problem}", file=sys.stderr)
    if report.ok:
        print(f"check: OK: {report.summary}")
        return 0
    print(f"check: {report.summary} Nothing was run; correct them and run `make check` again.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
