"""Errors a user of the compendium can act on.

A :class:`DataError` names the file, the row (respondent) and the column at
fault and says what to do, so that a notebook can show one readable message
instead of a traceback.
"""

from __future__ import annotations


class DataError(ValueError):
    """Bad input data or codebook, described for the person who can fix it.

    Parameters
    ----------
    problem : str
        What is wrong, in one sentence.
    file : str, optional
        The file at fault.
    row : str or int, optional
        The respondent (identifier, or 1-based data row of the file).
    column : str, optional
        The column (or codebook key) at fault.
    fix : str, optional
        What the user should do about it.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        row: str | int | None = None,
        column: str | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.row = row
        self.column = column
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"file {self.file}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = self.problem
        if where:
            text = f"{', '.join(where)}: {text}"
        if self.fix:
            text = f"{text} What to do: {self.fix}"
        return text


class CodebookError(DataError):
    """The codebook (YAML) is malformed or contradicts itself."""


class NotDefinedError(ValueError):
    """A statistic is not defined for these data (e.g. alpha of one item)."""
