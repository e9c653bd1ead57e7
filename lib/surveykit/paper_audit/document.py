"""What parsing pasted SPSS tables yields: tokens with their lines, groups of label words and numbers,
cells, tables, quoted numbers, unread lines and the document (:func:`surveykit.paper_audit.parse.parse_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .intervals import Printed, parse_number

__all__ = ["Token", "Group", "Cell", "Table", "Quote", "Unread", "Document", "clean_word", "FOOTNOTE_LETTERS"]

#: Footnote letters after a number or a title (".627 a", ",000b").
FOOTNOTE_LETTERS = re.compile(r"^[a-f](?:,[a-f])*$")


@dataclass(frozen=True)
class Token:
    text: str
    line: int
    index: int = 0  # position in the document's token stream

    @property
    def number(self) -> Printed | None:
        return parse_number(self.text)


@dataclass(frozen=True)
class Cell:
    """One printed number of a table, with where it stood."""

    printed: Printed
    line: int
    id: str  # "<table key>|<row>|<column>": what the perturbation test and the report refer to
    token: int = 0  # position of the number in the document's token stream

    @property
    def value(self) -> float:
        return self.printed.value


@dataclass
class Table:
    """A parsed SPSS table: rows (in order) of named cells, and its footnotes."""

    kind: str
    title: str
    line: int
    key: str
    columns: list[str] = field(default_factory=list)
    rows: dict[str, dict[str, Cell]] = field(default_factory=dict)
    footnotes: list[str] = field(default_factory=list)
    header: str = ""  # the header words before the first row, as pasted
    complete: bool = True  # False when a line inside the table could not be read

    def cell(self, row: str, column: str) -> Cell | None:
        return self.rows.get(row, {}).get(column)

    def add(self, row: str, column: str, printed: Printed, line: int, token: int = 0) -> None:
        if column not in self.columns:
            self.columns.append(column)
        self.rows.setdefault(row, {})[column] = Cell(printed, line, f"{self.key}|{row}|{column}", token)

    def footnote(self, keyword: str) -> str | None:
        """Text after ``keyword`` ("Predictors:", "Dependent Variable:") in the first footnote having it."""
        for note in self.footnotes:
            at = note.lower().find(keyword.lower())
            if at >= 0:
                return note[at + len(keyword):].strip()
        return None


@dataclass(frozen=True)
class Quote:
    """A number the prose attributes to a table statistic."""

    statistic: str  # "constant", "r", "r_square", "adjusted_r_square", "f", "coefficient"
    printed: Printed
    line: int
    text: str
    position: int = 0  # for "coefficient": the 1-based predictor order in an equation
    percent: bool = False


@dataclass(frozen=True)
class Unread:
    line: int
    text: str
    reason: str  # key into the report's sentence templates


@dataclass
class Document:
    tables: list[Table]
    unread: list[Unread]
    n_statements: list[tuple[int, int, str]]  # (line, n, sentence)
    quotes: list[Quote]

    def of_kind(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]


def clean_word(word: str) -> str:
    return word.strip().lower()


@dataclass
class Group:
    """Label words followed by a run of numbers: one row (or header) of a table as pasted."""

    label: list[Token]
    numbers: list[tuple[Printed, Token]]
    end: int = 0  # index of the token after the group

    @property
    def label_text(self) -> str:
        return " ".join(t.text for t in self.label)

    @property
    def line(self) -> int:
        if self.label:
            return self.label[0].line
        return self.numbers[0][1].line if self.numbers else 0

    def text(self) -> str:
        return " ".join([t.text for t in self.label] + [tok.text for _, tok in self.numbers])
