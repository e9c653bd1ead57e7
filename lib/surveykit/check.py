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
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError

__all__ = ["CheckReport", "check_inputs", "main"]


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
    return CheckReport([], summary, logged)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="the raw data file (CSV, XLSX or SAV)")
    parser.add_argument("--codebook", required=True, help="the codebook YAML file")
    args = parser.parse_args(argv)
    report = check_inputs(args.data, args.codebook)
    for problem in report.problems:
        print(f"check: {problem}", file=sys.stderr)
    if report.ok:
        print(f"check: OK: {report.summary}")
        return 0
    print(f"check: {report.summary} Nothing was run; correct them and run `make check` again.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
