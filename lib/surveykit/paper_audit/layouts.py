"""The row layouts of each SPSS table kind, and the readers that fit a table's groups to them.

A Coefficients predictor row has B, SE, Beta, t, Sig. and, if printed, the
confidence interval, correlations and collinearity statistics; the constant
row lacks Beta and the last two blocks; an ANOVA's Regression row has five
numbers, its Residual row three; and so on for every table kind.  Each reader
takes the groups of one table (:class:`~surveykit.paper_audit.document.Group`),
infers the columns present from the counts and the header words, and records
every group it cannot place as :class:`~surveykit.paper_audit.document.Unread`.
"""

from __future__ import annotations

from .document import FOOTNOTE_LETTERS, Group, Table, Token, Unread, clean_word
from .intervals import Printed

__all__ = ["Reader", "READERS"]

_CONSTANT = {"(constant)", "constant", "(konstanta)", "konstanta", "(constant", "constant)"}


class Reader:
    """Reads one table from its groups; records what it could not read."""

    def __init__(self, table: Table, unread: list[Unread]):
        self.table = table
        self.unread = unread

    def skip(self, group: Group, reason: str) -> None:
        self.unread.append(Unread(group.line, group.text(), reason))
        self.table.complete = False

    def fits(self, columns: list[str], numbers: list[tuple[Printed, Token]]) -> bool:
        """Could these numbers be these columns?  (A Sig. above 1 or a df with decimals means a misread row.)"""
        return all(_plausible(column, value) for column, (value, _) in zip(columns, numbers))

    def put(self, row: str, columns: list[str], numbers: list[tuple[Printed, Token]], group: Group | None = None) -> bool:
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


def _read_coefficients(reader: Reader, groups: list[Group]) -> int:
    """Returns the number of groups consumed."""
    table = reader.table
    start = next((g for g, group in enumerate(groups)
                  if group.label and clean_word(group.label[-1].text) in _CONSTANT), None)
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


def _read_anova(reader: Reader, groups: list[Group]) -> int:
    used = 0
    seen = set()
    for g, group in enumerate(groups):
        word = clean_word(group.label[-1].text) if group.label else ""
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


def _read_model_summary(reader: Reader, groups: list[Group]) -> int:
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


def _read_single_row(reader: Reader, groups: list[Group], layouts: dict[int, list[str]], row: str) -> int:
    for g, group in enumerate(groups):
        if not group.numbers:
            continue
        if len(group.numbers) in layouts:
            reader.put(row, layouts[len(group.numbers)], group.numbers, group)
        else:
            reader.skip(group, "row_count")
        return g + 1
    return 0


def _read_reliability(reader: Reader, groups: list[Group]) -> int:
    return _read_single_row(reader, groups, {2: ["Cronbach's Alpha", "N of Items"],
                                             3: ["Cronbach's Alpha", "Cronbach's Alpha Based on Standardized Items",
                                                 "N of Items"]}, "Scale")


def _read_scale_statistics(reader: Reader, groups: list[Group]) -> int:
    return _read_single_row(reader, groups, {4: ["Mean", "Variance", "Std. Deviation", "N of Items"]}, "Scale")


def _strip_header(label: list[Token], last_header_words: tuple[str, ...]) -> list[Token]:
    """The part of a first row's label after the table's header words."""
    cut = 0
    for i, token in enumerate(label):
        if clean_word(token.text) in last_header_words:
            cut = i + 1
    return label[cut:]


def _read_item_rows(reader: Reader, groups: list[Group], layouts: dict[int, list[str]],
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


def _rows_resume(following: list[Group], count: int | None) -> bool:
    """Do item rows of ``count`` values follow within the next groups (after a page break's debris)?"""
    return count is not None and any(len(g.numbers) == count and 1 <= len(g.label) <= 3 for g in following)


def _read_item_total(reader: Reader, groups: list[Group]) -> int:
    base = ["Scale Mean if Item Deleted", "Scale Variance if Item Deleted", "Corrected Item-Total Correlation"]
    return _read_item_rows(reader, groups, {
        4: [*base, "Cronbach's Alpha if Item Deleted"],
        5: [*base, "Squared Multiple Correlation", "Cronbach's Alpha if Item Deleted"]}, ("deleted",))


def _read_item_statistics(reader: Reader, groups: list[Group]) -> int:
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


def _read_descriptives(reader: Reader, groups: list[Group]) -> int:
    if not groups:
        return 0
    header_words = [clean_word(t.text) for t in groups[0].label]
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


def _read_case_processing(reader: Reader, groups: list[Group]) -> int:
    used = 0
    for g, group in enumerate(groups):
        words = [clean_word(t.text) for t in group.label if not FOOTNOTE_LETTERS.match(t.text)]
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


def _read_ks(reader: Reader, groups: list[Group]) -> int:
    used = 0
    width = None
    for g, group in enumerate(groups):
        if not group.label or not group.numbers:
            if used:
                break
            continue
        last = clean_word(group.label[-1].text)
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


def _read_correlations(reader: Reader, groups: list[Group]) -> int:
    """SPSS CORRELATIONS: per variable a Pearson row (m values, 1 on the diagonal), Sig. (m - 1) and N (m)."""
    used = 0
    names: list[str] | None = None
    row_index = 0
    current: str | None = None
    expect = "pearson"
    for g, group in enumerate(groups):
        words = [clean_word(t.text) for t in group.label]
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


READERS = {
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
