"""SPSS tables pasted from a PDF: text in, tables out, and every line it could not read named.

A PDF copy-paste keeps an SPSS table's words and numbers in order but not
its layout: a row may be split over several lines, or a whole table may
arrive as one paragraph.  The parser therefore reads a *token stream*:

1. Every whitespace-separated token is kept with its line number.  Numbers
   are read by :func:`~surveykit.paper_audit.intervals.parse_number` (dot or
   comma decimals, dropped leading zeros, either minus sign); footnote
   letters that follow a number or a title (``.627 a``, ``,000b``) are
   dropped.
2. A table starts at its SPSS title ("Model Summary", "ANOVA",
   "Coefficients", "Reliability Statistics", "Item-Total Statistics",
   "Item Statistics", "Scale Statistics", "Case Processing Summary",
   "One-Sample Kolmogorov-Smirnov Test", "Descriptive Statistics") and runs
   to its footnotes or the next title.
3. Inside a table the stream is cut into *groups*: label words followed by
   a run of numbers.  Each table kind knows how many numbers each of its
   rows has (a Coefficients predictor row has B, SE, Beta, t, Sig. and, if
   printed, the confidence interval, correlations and collinearity
   statistics; the constant row lacks Beta and the last two blocks), so
   the columns present are inferred from the counts and the header words.

Whatever does not fit - a row with the wrong number of values, a title
with no table after it, two different sample sizes in the prose - is listed
in :attr:`Document.unread` with its line number, never guessed.

The sample size may be stated in prose ("jumlah sampel (n) adalah 74",
"n = 74", "sebanyak 74 responden"); :attr:`Document.n_statements` keeps each
statement with its line.  Numbers the prose quotes from the tables
("konstanta a adalah 3,319", "Adjusted R Square sebesar 0,571") are kept in
:attr:`Document.quotes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .intervals import Printed, parse_number

__all__ = ["Token", "Cell", "Table", "Quote", "Unread", "Document", "parse_text", "TABLE_KINDS"]


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


# -- tokens ------------------------------------------------------------------

_FOOTNOTE_LETTERS = re.compile(r"^[a-f](?:,[a-f])*$")
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})


def _tokens(text: str) -> list[Token]:
    tokens = []
    for number, line in enumerate(text.splitlines(), start=1):
        for word in line.translate(_MINUS).split():
            tokens.append(Token(word, number, len(tokens)))
    return tokens


def _clean_word(word: str) -> str:
    return word.strip().lower()


# Title patterns: token sequences (lower case, footnote letters glued to the
# last word allowed).  Order matters: longer titles before their prefixes.
TABLE_KINDS = {
    "case_processing": ("case", "processing", "summary"),
    "model_summary": ("model", "summary"),
    "anova": ("anova",),
    "coefficients": ("coefficients",),
    "reliability": ("reliability", "statistics"),
    "item_total": ("item-total", "statistics"),
    "item_statistics": ("item", "statistics"),
    "scale_statistics": ("scale", "statistics"),
    "ks": ("one-sample", "kolmogorov-smirnov", "test"),
    "descriptives": ("descriptive", "statistics"),
    "correlations": ("correlations",),
}
_TITLE_WORDS = {kind: words for kind, words in TABLE_KINDS.items()}


def _title_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """(kind, number of tokens) when a table title starts at token ``i``."""
    for kind, words in _TITLE_WORDS.items():
        n = len(words)
        if i + n > len(tokens):
            continue
        got = [_clean_word(t.text) for t in tokens[i:i + n]]
        # a footnote letter may be glued to the title's last word ("Coefficientsa", "ANOVAb")
        last = got[-1]
        if last != words[-1] and re.fullmatch(re.escape(words[-1]) + r"[a-f]", last):
            got[-1] = words[-1]
        if got != list(words):
            continue
        before = _clean_word(tokens[i - 1].text) if i > 0 else ""
        if kind == "coefficients" and before in ("unstandardized", "standardized", "coefficients", "coefficientsa",
                                                 "coefficientsb"):
            continue
        if kind == "item_statistics" and before in ("corrected", "scale"):
            continue
        if kind == "model_summary" and before == "processing":
            continue
        if kind == "correlations":
            ahead = [_clean_word(t.text) for t in tokens[i + 1:i + 80]]
            # the Coefficients header's "... t Sig. Correlations Collinearity ... Zero-order Partial Part"
            if before in ("sig.", "sig", "t", "b", "bound") or "zero-order" in ahead[:12] or "pearson" not in ahead:
                continue  # the Coefficients header's "Correlations", or a word in the text
        return kind, n
    return None


# -- groups: label words followed by numbers ------------------------------------

@dataclass
class _Group:
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


_FOOTNOTE_START = re.compile(r"^[a-f]\.$")
_FOOTNOTE_KEYWORDS = ("dependent", "predictors:", "predictors", "test", "calculated", "lilliefors", "this",
                      "listwise", "all", "based", "correlation", "variabel", "prediktor", "t")


def _is_footnote_start(tokens: list[Token], i: int) -> bool:
    if not _FOOTNOTE_START.match(tokens[i].text.lower()):
        return False
    return i + 1 < len(tokens) and _clean_word(tokens[i + 1].text).rstrip(":") in {
        k.rstrip(":") for k in _FOOTNOTE_KEYWORDS}


def _groups(tokens: list[Token], start: int, end: int) -> tuple[list[_Group], int]:
    """Cut tokens[start:end] into groups; stop at a footnote.  Returns (groups, index where it stopped)."""
    groups: list[_Group] = []
    label: list[Token] = []
    numbers: list[tuple[Printed, Token]] = []
    i = start
    previous_was_number = False
    while i < end:
        token = tokens[i]
        if _is_footnote_start(tokens, i):
            break
        value = token.number
        if value is not None:
            numbers.append((value, token))
            previous_was_number = True
        elif previous_was_number and _FOOTNOTE_LETTERS.match(token.text) or token.text in ("*", "**"):
            pass  # a footnote letter or stars after a number (".627 a")
        else:
            if numbers:
                groups.append(_Group(label, numbers, i))
                label, numbers = [], []
            label.append(token)
            previous_was_number = False
        i += 1
    if label or numbers:
        groups.append(_Group(label, numbers, i))
    return groups, i


def _footnotes(tokens: list[Token], start: int, end: int) -> tuple[list[str], int]:
    """Footnotes from ``start``: each runs to the end of its line or the next footnote."""
    notes: list[str] = []
    i = start
    while i < end and _is_footnote_start(tokens, i):
        line = tokens[i].line
        words = []
        i += 1
        while i < end and tokens[i].line == line and not _is_footnote_start(tokens, i):
            words.append(tokens[i].text)
            i += 1
        # a footnote wrapped onto the next line: its continuation starts lower-case or after a comma
        while (i < end and not _is_footnote_start(tokens, i) and words and words[-1].endswith(",")
               and tokens[i].line == line + 1):
            line = tokens[i].line
            while i < end and tokens[i].line == line and not _is_footnote_start(tokens, i):
                words.append(tokens[i].text)
                i += 1
        notes.append(" ".join(words))
    return notes, i


# -- the table readers -----------------------------------------------------------

_CONSTANT = {"(constant)", "constant", "(konstanta)", "konstanta", "(constant", "constant)"}


class _Reader:
    """Reads one table from its groups; records what it could not read."""

    def __init__(self, table: Table, unread: list[Unread]):
        self.table = table
        self.unread = unread

    def skip(self, group: _Group, reason: str) -> None:
        self.unread.append(Unread(group.line, group.text(), reason))
        self.table.complete = False

    def fits(self, columns: list[str], numbers: list[tuple[Printed, Token]]) -> bool:
        """Could these numbers be these columns?  (A Sig. above 1 or a df with decimals means a misread row.)"""
        return all(_plausible(column, value) for column, (value, _) in zip(columns, numbers))

    def put(self, row: str, columns: list[str], numbers: list[tuple[Printed, Token]], group: _Group | None = None) -> bool:
        if not self.fits(columns, numbers):
            if group is not None:
                self.skip(group, "implausible")
            return False
        for column, (value, token) in zip(columns, numbers):
            self.table.add(row, column, value, token.line, token.index)
        return True


_PROBABILITY = {"Sig.", "Sig. F Change", "Asymp. Sig. (2-tailed)", "R", "R Square", "Tolerance",
                "Absolute", "Positive", "%"}
_COUNT = {"df", "df1", "df2", "N", "N of Items"}
_NON_NEGATIVE = {"Std. Error", "Sum of Squares", "Mean Square", "F", "Std. Error of the Estimate", "VIF",
                 "Scale Mean if Item Deleted", "Scale Variance if Item Deleted", "Variance", "Std. Deviation",
                 "F Change", "Kolmogorov-Smirnov Z", "Test Statistic", "Durbin-Watson"}
_CORRELATION = {"Corrected Item-Total Correlation", "Squared Multiple Correlation", "Zero-order", "Partial", "Part",
                "Cronbach's Alpha if Item Deleted", "Cronbach's Alpha", "Adjusted R Square", "R Square Change",
                "Cronbach's Alpha Based on Standardized Items", "Negative"}


def _plausible(column: str, value: Printed) -> bool:
    if column in _COUNT:
        return value.decimals == 0 and value.value >= 0
    if column in _PROBABILITY:
        return 0 <= value.value <= (100 if column == "%" else 1)
    if column in _NON_NEGATIVE:
        return value.value >= 0 and not (column == "VIF" and value.value < 0.999)
    if column in _CORRELATION:
        return value.value <= 1 and (column != "Negative" or value.value <= 0) and \
            (column in ("Cronbach's Alpha", "Cronbach's Alpha if Item Deleted", "Adjusted R Square",
                        "Cronbach's Alpha Based on Standardized Items") or value.value >= -1)
    return True


_HEADER_WORDS = {"model", "unstandardized", "standardized", "cronbach's", "cronbachs", "scale", "mean", "n",
                 "sum", "r", "b", "coefficients", "statistics", "item", "cases", "minimum"}


def _looks_like_table(following: list[Token]) -> bool:
    """A title followed by a footnote letter ("Coefficients a") or a header word starts a table."""
    for token in following[:2]:
        word = _clean_word(token.text)
        if _FOOTNOTE_LETTERS.match(word) or word in _HEADER_WORDS:
            return True
    return False


def _unique_row(table: Table, label: str) -> str:
    name, k = label, 2
    while name in table.rows:
        name, k = f"{label} ({k})", k + 1
    return name


def _strip_model_number(numbers, expected: set[int]):
    """Drop SPSS's model number ("1") in front of a row's values when the count says it is there."""
    if len(numbers) - 1 in expected and numbers and numbers[0][0].decimals == 0 and len(numbers) not in expected:
        return numbers[1:]
    return numbers


def _read_coefficients(reader: _Reader, groups: list[_Group]) -> int:
    """Returns the number of groups consumed."""
    table = reader.table
    start = next((g for g, group in enumerate(groups)
                  if group.label and _clean_word(group.label[-1].text) in _CONSTANT), None)
    if start is None:
        return 0
    header = " ".join(g.label_text for g in groups[:start]).lower()
    constant = _strip_model_number(groups[start].numbers, {4, 6})
    if len(constant) not in (4, 6):
        reader.skip(groups[start], "row_count")
        return start + 1
    has_ci = len(constant) == 6
    ci = ["Lower Bound", "Upper Bound"] if has_ci else []
    if not reader.put("(Constant)", ["B", "Std. Error", "t", "Sig.", *ci], constant, groups[start]):
        return start + 1
    extra_blocks = {0: [], 2: ["Tolerance", "VIF"], 3: ["Zero-order", "Partial", "Part"],
                    5: ["Zero-order", "Partial", "Part", "Tolerance", "VIF"]}
    used = start + 1
    expected_extra: int | None = None
    for group in groups[start + 1:]:
        count = len(group.numbers)
        numbers = group.numbers
        base = 5 + len(ci)
        extra = count - base
        label = group.label_text
        # a label ending in a detached subscript ("X 1") leaves its digit as an extra integer
        if extra - 1 in extra_blocks and numbers and numbers[0][0].decimals == 0 and extra not in extra_blocks:
            label = f"{label} {numbers[0][1].text}"
            numbers = numbers[1:]
            extra -= 1
        if not group.label or extra not in extra_blocks or (expected_extra is not None and extra != expected_extra):
            if group.label and len(group.label) <= 4 and count >= 2:
                reader.skip(group, "row_count")
                used += 1
            break
        if "tolerance" not in header and extra in (2, 5) and "vif" not in header and header:
            pass  # counts decide; the header may be garbled by the PDF
        expected_extra = extra
        reader.put(_unique_row(table, label), ["B", "Std. Error", "Beta", "t", "Sig.", *ci, *extra_blocks[extra]],
                   numbers, group)
        used += 1
    return used


_ANOVA_ROWS = {"regression": ("Regression", 5), "regresi": ("Regression", 5), "residual": ("Residual", 3),
               "residu": ("Residual", 3), "sisa": ("Residual", 3), "total": ("Total", 2)}
_ANOVA_COLUMNS = ["Sum of Squares", "df", "Mean Square", "F", "Sig."]


def _read_anova(reader: _Reader, groups: list[_Group]) -> int:
    used = 0
    seen = set()
    for g, group in enumerate(groups):
        word = _clean_word(group.label[-1].text) if group.label else ""
        if word not in _ANOVA_ROWS:
            if seen:
                if group.label and len(group.label) <= 4 and len(group.numbers) >= 2:
                    reader.skip(group, "row_count")
                    used = g + 1
                break
            continue
        row, count = _ANOVA_ROWS[word]
        numbers = _strip_model_number(group.numbers, {count})
        if len(numbers) != count or row in seen:
            reader.skip(group, "row_count")
        else:
            reader.put(row, _ANOVA_COLUMNS[:count], numbers, group)
        seen.add(row)
        used = g + 1
        if row == "Total":
            break
    return used


_SUMMARY_BASE = ["R", "R Square", "Adjusted R Square", "Std. Error of the Estimate"]
_SUMMARY_CHANGE = ["R Square Change", "F Change", "df1", "df2", "Sig. F Change"]


def _read_model_summary(reader: _Reader, groups: list[_Group]) -> int:
    if not groups:
        return 0
    header = " ".join(g.label_text for g in groups).lower()
    columns = list(_SUMMARY_BASE)
    if "change" in header:
        columns += _SUMMARY_CHANGE
    if "durbin" in header:
        columns += ["Durbin-Watson"]
    width = len(columns)
    for g, group in enumerate(groups):
        numbers = group.numbers
        if not numbers:
            continue
        # one or more models: "1 r r2 adj see [dw]  2 r r2 ..."
        if len(numbers) % (width + 1) == 0 and all(numbers[i][0].decimals == 0
                                                    for i in range(0, len(numbers), width + 1)):
            for m in range(0, len(numbers), width + 1):
                reader.put(f"Model {numbers[m][1].text}", columns, numbers[m + 1:m + 1 + width], group)
            return g + 1
        if len(numbers) == width:
            reader.put("Model 1", columns, numbers, group)
            return g + 1
        if "square" in group.label_text.lower() and len(group.label) <= 16:  # a header, then the wrong count
            reader.skip(group, "row_count")
            return g + 1
        return 0
    return 0


def _read_single_row(reader: _Reader, groups: list[_Group], layouts: dict[int, list[str]], row: str) -> int:
    for g, group in enumerate(groups):
        if not group.numbers:
            continue
        if len(group.numbers) in layouts:
            reader.put(row, layouts[len(group.numbers)], group.numbers, group)
        else:
            reader.skip(group, "row_count")
        return g + 1
    return 0


def _read_reliability(reader: _Reader, groups: list[_Group]) -> int:
    return _read_single_row(reader, groups, {2: ["Cronbach's Alpha", "N of Items"],
                                             3: ["Cronbach's Alpha", "Cronbach's Alpha Based on Standardized Items",
                                                 "N of Items"]}, "Scale")


def _read_scale_statistics(reader: _Reader, groups: list[_Group]) -> int:
    return _read_single_row(reader, groups, {4: ["Mean", "Variance", "Std. Deviation", "N of Items"]}, "Scale")


def _strip_header(label: list[Token], last_header_words: tuple[str, ...]) -> list[Token]:
    """The part of a first row's label after the table's header words."""
    cut = 0
    for i, token in enumerate(label):
        if _clean_word(token.text) in last_header_words:
            cut = i + 1
    return label[cut:]


def _read_item_rows(reader: _Reader, groups: list[_Group], layouts: dict[int, list[str]],
                    header_end: tuple[str, ...]) -> int:
    used = 0
    layout_count = None
    for g, group in enumerate(groups):
        label = _strip_header(group.label, header_end) if g == 0 or used == 0 else group.label
        if not group.numbers:
            if used:
                break
            continue
        count = len(group.numbers)
        numbers = group.numbers
        name = " ".join(t.text for t in label)
        # a label ending in a detached number ("Pertanyaan 1", "X1 1") leaves an extra integer in front
        if count - 1 in layouts and count not in layouts and numbers[0][0].decimals == 0 and label:
            name, numbers, count = f"{name} {numbers[0][1].text}", numbers[1:], count - 1
        elif (count in layouts and count - 1 in layouts and numbers[0][0].decimals == 0 and label
              and not reader.fits(layouts[count], numbers) and reader.fits(layouts[count - 1], numbers[1:])):
            name, numbers, count = f"{name} {numbers[0][1].text}", numbers[1:], count - 1
        if count not in layouts or not label or (layout_count is not None and count != layout_count):
            if used and _rows_resume(groups[g + 1:g + 4], layout_count):
                reader.skip(group, "interrupted")  # a page break or a note inside the table
                used = g + 1
                continue
            if (label and len(label) <= 4 and count >= 2) or (not used and count >= 2):
                reader.skip(group, "row_count")
                used = g + 1
                if layout_count is None:
                    continue
            if used:
                break
            continue
        if not reader.fits(layouts[count], numbers):
            reader.skip(group, "implausible")
            used = g + 1
            continue
        layout_count = count
        reader.put(_unique_row(reader.table, name), layouts[count], numbers)
        used = g + 1
    return used


def _rows_resume(following: list[_Group], count: int | None) -> bool:
    """Do item rows of ``count`` values follow within the next groups (after a page break's debris)?"""
    return count is not None and any(len(g.numbers) == count and 1 <= len(g.label) <= 3 for g in following)


def _read_item_total(reader: _Reader, groups: list[_Group]) -> int:
    base = ["Scale Mean if Item Deleted", "Scale Variance if Item Deleted", "Corrected Item-Total Correlation"]
    return _read_item_rows(reader, groups, {
        4: [*base, "Cronbach's Alpha if Item Deleted"],
        5: [*base, "Squared Multiple Correlation", "Cronbach's Alpha if Item Deleted"]}, ("deleted",))


def _read_item_statistics(reader: _Reader, groups: list[_Group]) -> int:
    return _read_item_rows(reader, groups, {3: ["Mean", "Std. Deviation", "N"]}, ("n", "deviation"))


_DESCRIPTIVE_COLUMNS = [("n", "N"), ("range", "Range"), ("minimum", "Minimum"), ("maximum", "Maximum"),
                        ("sum", "Sum"), ("mean", "Mean"), ("deviation", "Std. Deviation"), ("variance", "Variance"),
                        ("skewness", "Skewness"), ("kurtosis", "Kurtosis")]


def _descriptive_columns(header: list[str]) -> list[str] | None:
    """Descriptive Statistics' columns from its header words; None when the header is unclear."""
    names = [column for word, column in _DESCRIPTIVE_COLUMNS if word in header]
    errors = header.count("error")
    if not names or not errors:
        return names or None
    # a two-level header: "Statistic" everywhere, "Std. Error" beside Mean (if asked), Skewness, Kurtosis
    with_error = [c for c in ("Mean", "Skewness", "Kurtosis") if c in names]
    if errors == len(with_error):
        pass
    elif errors == len([c for c in with_error if c != "Mean"]):
        with_error = [c for c in with_error if c != "Mean"]
    else:
        return None
    out = []
    for column in names:
        out.append(column)
        if column in with_error:
            out.append(f"Std. Error of {column}")
    return out


def _read_descriptives(reader: _Reader, groups: list[_Group]) -> int:
    if not groups:
        return 0
    header_words = [_clean_word(t.text) for t in groups[0].label]
    ends = ("deviation", "variance", "sum", "error", "kurtosis", "skewness", "mean", "maximum", "statistic")
    cut = max((i + 1 for i, w in enumerate(header_words) if w in ends), default=0)
    columns = _descriptive_columns(header_words[:cut])
    if columns is None:
        reader.skip(groups[0], "row_count")
        return 1
    used = _read_item_rows(reader, groups, {len(columns): columns}, ends)
    # "Valid N (listwise) 74": one number
    if used < len(groups) and groups[used].label_text.lower().startswith("valid n") and groups[used].numbers:
        reader.put("Valid N (listwise)", ["N"], groups[used].numbers[:1], groups[used])
        used += 1
    return used


def _read_case_processing(reader: _Reader, groups: list[_Group]) -> int:
    used = 0
    for g, group in enumerate(groups):
        words = [_clean_word(t.text) for t in group.label if not _FOOTNOTE_LETTERS.match(t.text)]
        word = words[-1].rstrip("a") if words else ""
        if word in ("valid", "exclude", "excluded", "total") and len(group.numbers) == 2:
            reader.put("Excluded" if word.startswith("exclude") else word.capitalize(), ["N", "%"], group.numbers,
                       group)
            used = g + 1
        elif used:
            break
    return used


_KS_ROWS = [  # (row name, words that end its label)
    ("N", ("n",)),
    ("Mean", ("mean",)),
    ("Std. Deviation", ("deviation",)),
    ("Absolute", ("absolute",)),
    ("Positive", ("positive",)),
    ("Negative", ("negative",)),
    ("Kolmogorov-Smirnov Z", ("z",)),
    ("Test Statistic", ("statistic",)),
    ("Asymp. Sig. (2-tailed)", ("(2-tailed)", "2-tailed)", "(2-tailed", "tailed)", "2-tailed")),
]


def _read_ks(reader: _Reader, groups: list[_Group]) -> int:
    used = 0
    width = None
    for g, group in enumerate(groups):
        if not group.label or not group.numbers:
            if used:
                break
            continue
        last = _clean_word(group.label[-1].text)
        row = next((name for name, words in _KS_ROWS if last in words), None)
        if row is None or row in reader.table.rows:
            if used and len(group.label) <= 8:
                reader.skip(group, "row_count")  # a row whose label the PDF scrambled: not placed, not guessed
                used = g + 1
                continue
            if used:
                break
            continue
        if width is None:
            width = len(group.numbers)
        if len(group.numbers) != width:
            reader.skip(group, "row_count")
        else:
            columns = ["value"] if width == 1 else [f"variable {j + 1}" for j in range(width)]
            for column, number in zip(columns, group.numbers):
                reader.table.add(row, column, number[0], number[1].line, number[1].index)
        used = g + 1
        if row.startswith("Asymp"):
            break
    return used


def _read_correlations(reader: _Reader, groups: list[_Group]) -> int:
    """SPSS CORRELATIONS: per variable a Pearson row (m values, 1 on the diagonal), Sig. (m - 1) and N (m)."""
    used = 0
    names: list[str] | None = None
    row_index = 0
    current: str | None = None
    expect = "pearson"
    for g, group in enumerate(groups):
        words = [_clean_word(t.text) for t in group.label]
        if expect == "pearson":
            if "pearson" not in words or not group.numbers:
                if used:
                    break
                continue
            at = words.index("pearson")
            m = len(group.numbers)
            if names is None:
                before = [t.text for t in group.label[:at]]
                names = before[-(m + 1):-1] if len(before) >= m + 1 else [f"V{j + 1}" for j in range(m)]
                if len(names) != m:
                    names = [f"V{j + 1}" for j in range(m)]
            if m != len(names) or row_index >= m:
                reader.skip(group, "row_count")
                break
            current = group.label[at - 1].text if at > 0 else names[row_index]
            diagonal = group.numbers[row_index][0]
            if diagonal.value != 1:
                reader.skip(group, "implausible")
                break
            reader.put(current, [f"r {name}" for name in names], group.numbers, group)
            expect, used = "sig", g + 1
        elif expect == "sig":
            others = [name for j, name in enumerate(names) if j != row_index]
            if "sig." not in words or len(group.numbers) != len(others):
                reader.skip(group, "row_count")
                break
            reader.put(current, [f"Sig. {name}" for name in others], group.numbers, group)
            expect, used = "n", g + 1
        else:
            if not words or words[-1] != "n" or len(group.numbers) != len(names):
                reader.skip(group, "row_count")
                break
            reader.put(current, [f"N {name}" for name in names], group.numbers, group)
            expect, used, row_index = "pearson", g + 1, row_index + 1
    return used


_READERS = {
    "coefficients": _read_coefficients,
    "anova": _read_anova,
    "model_summary": _read_model_summary,
    "reliability": _read_reliability,
    "scale_statistics": _read_scale_statistics,
    "item_total": _read_item_total,
    "item_statistics": _read_item_statistics,
    "descriptives": _read_descriptives,
    "case_processing": _read_case_processing,
    "ks": _read_ks,
    "correlations": _read_correlations,
}

_TITLES = {
    "case_processing": "Case Processing Summary", "model_summary": "Model Summary", "anova": "ANOVA",
    "coefficients": "Coefficients", "reliability": "Reliability Statistics", "item_total": "Item-Total Statistics",
    "item_statistics": "Item Statistics", "scale_statistics": "Scale Statistics",
    "ks": "One-Sample Kolmogorov-Smirnov Test", "descriptives": "Descriptive Statistics",
    "correlations": "Correlations",
}


# -- prose ---------------------------------------------------------------------

_N_PATTERNS = [
    re.compile(r"\b(?:jumlah\s+(?:sampel|responden)|ukuran\s+sampel|sample\s+size|sampel)\s*(?:\(n\)\s*)?"
               r"(?:adalah|sebesar|sebanyak|berjumlah|yaitu|was|is|of|=|:)\s*(\d{1,6})\b", re.IGNORECASE),
    re.compile(r"(?<![\w.,])n\s*=\s*(\d{1,6})\b(?![.,]\d)"),
    re.compile(r"\b(?:sebanyak|terhadap|kepada|dari)\s+(\d{1,6})\s+(?:orang\s+)?(?:responden|pegawai|karyawan|ASN|"
               r"guru|siswa|mahasiswa|nasabah|orang)\b", re.IGNORECASE),
    re.compile(r"\b(\d{1,6})\s+(?:respondents|participants)\b", re.IGNORECASE),
]

_NUM = r"(-?\d*[.,]?\d+)"
_QUOTE_PATTERNS = [
    ("adjusted_r_square", re.compile(r"adjusted\s+r\s*(?:square|2|²)\s*(?:\(R2\)\s*)?(?:sebesar|adalah|of|=|:|yaitu)?"
                                     r"\s*" + _NUM + r"\s*(%?)", re.IGNORECASE)),
    ("r_square", re.compile(r"(?<!adjusted )\b(?:r\s*square|r2|r²|koefisien\s+determinasi(?:\s*\(r2?\))?)\s*"
                            r"(?:\(r2\)\s*)?(?:sebesar|adalah|of|=|:|yaitu)?\s*" + _NUM + r"\s*(%?)", re.IGNORECASE)),
    ("f", re.compile(r"\bF\s*-?\s*(?:hitung|value)?\s*(?:sebesar|adalah|of|=|:)\s*" + _NUM, re.IGNORECASE)),
    ("constant", re.compile(r"\b(?:konstanta|constant)\s*(?:\(?a\)?)?\s*(?:sebesar|adalah|of|=|:|yaitu)\s*" + _NUM,
                            re.IGNORECASE)),
]
_EQUATION = re.compile(r"\bY\s*=\s*(-?\s*\d*[.,]?\d+)((?:\s*[+\-\u2212]\s*\d*[.,]?\d+\s*X\s*[₁₂₃₄₅₆₇₈₉\d]*)+)")
_EQ_TERM = re.compile(r"([+\-])\s*(\d*[.,]?\d+)\s*X\s*([₁₂₃₄₅₆₇₈₉\d]*)")
_SUBSCRIPTS = str.maketrans("₁₂₃₄₅₆₇₈₉", "123456789")


def _prose_items(words: list[Token]) -> tuple[list[tuple[int, int, str]], list[Quote]]:
    """n statements and quoted numbers in the prose, which may run over line breaks."""
    parts, starts = [], []
    position = 0
    for token in words:
        starts.append(position)
        parts.append(token.text)
        position += len(token.text) + 1
    text = " ".join(parts).translate(_MINUS)

    def line_at(offset: int) -> int:
        import bisect

        return words[max(bisect.bisect_right(starts, offset) - 1, 0)].line if words else 0

    statements: list[tuple[int, int, str]] = []
    quotes: list[Quote] = []
    for pattern in _N_PATTERNS:
        for match in pattern.finditer(text):
            statements.append((line_at(match.start()), int(match.group(1)), match.group(0).strip()))
    taken: list[tuple[int, int]] = []
    for statistic, pattern in _QUOTE_PATTERNS:
        for match in pattern.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            value = parse_number(match.group(1).replace(" ", ""))
            if value is None:
                continue
            taken.append((match.start(), match.end()))
            percent = len(match.groups()) > 1 and match.group(2) == "%"
            quotes.append(Quote(statistic, value, line_at(match.start()), match.group(0).strip(), percent=percent))
    for match in _EQUATION.finditer(text):
        line = line_at(match.start())
        constant = parse_number(match.group(1).replace(" ", ""))
        if constant is not None:
            quotes.append(Quote("constant", constant, line, match.group(0).strip()))
        for order, term in enumerate(_EQ_TERM.finditer(match.group(2)), start=1):
            value = parse_number(("-" if term.group(1) == "-" else "") + term.group(2))
            subscript = term.group(3).translate(_SUBSCRIPTS)
            position = int(subscript) if subscript.isdigit() else order
            if value is not None:
                quotes.append(Quote("coefficient", value, line, match.group(0).strip(), position=position))
    # one statement per (line, n); a number quoted twice on a line (prose and equation) counts once
    unique_quotes = list({(q.statistic, q.printed, q.line, q.position, q.percent): q for q in quotes}.values())
    return sorted(set(statements)), unique_quotes


# -- the document ----------------------------------------------------------------

def parse_text(text: str) -> Document:
    """Parse pasted text: the SPSS tables it holds, the prose's n and quoted numbers, and what was unread.

    Parameters
    ----------
    text : str
        The paper's text (or any part of it) as copied from a PDF.

    Returns
    -------
    Document
    """
    tokens = _tokens(text)
    starts = []
    i = 0
    while i < len(tokens):
        found = _title_at(tokens, i)
        if found:
            starts.append((i, *found))
            i += found[1]
        else:
            i += 1
    tables: list[Table] = []
    unread: list[Unread] = []
    consumed: set[int] = set()
    counts: dict[str, int] = {}
    for s, (begin, kind, width) in enumerate(starts):
        end = starts[s + 1][0] if s + 1 < len(starts) else len(tokens)
        title_tokens = tokens[begin:begin + width]
        title = _TITLES[kind]
        counts[kind] = counts.get(kind, 0) + 1
        key = title if counts[kind] == 1 else f"{title} ({counts[kind]})"
        table = Table(kind, title, title_tokens[0].line, key)
        groups, stop = _groups(tokens, begin + width, end)
        table.header = groups[0].label_text if groups else ""
        reader = _Reader(table, unread)
        used = _READERS[kind](reader, groups)
        if used == len(groups):
            table.footnotes, after = _footnotes(tokens, stop, end)
        else:
            after = groups[used - 1].end if used else begin + width
        if not table.rows:
            counts[kind] -= 1
            if not _looks_like_table(tokens[begin + width:min(begin + width + 3, end)]):
                continue  # the title's words in a sentence ("uji ANOVA ..."): prose
            unread.append(Unread(title_tokens[0].line,
                                 " ".join(t.text for t in tokens[begin:min(begin + width + 12, end)]),
                                 "title_without_table"))
            continue
        tables.append(table)
        consumed.update(range(begin, after))
    statements, quotes = _prose_items([token for index, token in enumerate(tokens) if index not in consumed])
    unread.sort(key=lambda u: u.line)
    return Document(tables, unread, statements, quotes)
