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
    line : int, optional
        The 1-based line of a text file (a codebook's YAML) at fault.
    """

    #: How :attr:`column` is named in the message.
    _column_word = "column"

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        row: str | int | None = None,
        column: str | None = None,
        fix: str | None = None,
        line: int | None = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.row = row
        self.column = column
        self.fix = fix
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = []
        if self.file is not None:
            where.append(f"file {self.file}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"{self._column_word} {self.column!r}")
        if self.line is not None:
            where.append(f"line {self.line}")
        text = self.problem
        if where:
            text = f"{', '.join(where)}: {text}"
        if self.fix:
            text = f"{text} What to do: {self.fix}"
        return text


class CodebookError(DataError):
    """The codebook (YAML) is malformed or contradicts itself; ``column`` is the key path."""

    _column_word = "key"


#: Longest free text quoted from a cell in a message.
QUOTE_LIMIT = 40


def quote_cell(value: object, *, limit: int = QUOTE_LIMIT) -> str:
    """A cell's value for a one-line message: repr of stripped text, cut to ``limit`` characters.

    Line breaks and tabs are shown escaped (repr), so the message stays on one
    line; text longer than ``limit`` ends in an ellipsis, so a paragraph typed
    into a cell is not copied whole into a message a notebook keeps.
    """
    if isinstance(value, str):
        text = value.strip()
        if len(text) > limit:
            text = text[: limit - 1].rstrip() + "\u2026"
        return repr(text)
    return str(value)


class NotDefinedError(ValueError):
    """A statistic is not defined for these data (e.g. alpha of one item)."""
