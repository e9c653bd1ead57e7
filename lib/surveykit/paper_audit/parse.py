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
   the columns present are inferred from the counts and the header words
   (:mod:`.layouts`).

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

from .document import FOOTNOTE_LETTERS, Document, Group, Quote, Table, Token, Unread, clean_word
from .intervals import Printed, parse_number
from .layouts import READERS, Reader

__all__ = ["parse_text", "TABLE_KINDS"]


# -- tokens ------------------------------------------------------------------

_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2014": "-"})


def _tokens(text: str) -> list[Token]:
    tokens = []
    for number, line in enumerate(text.splitlines(), start=1):
        for word in line.translate(_MINUS).split():
            tokens.append(Token(word, number, len(tokens)))
    return tokens


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
# The words a title can start with: most tokens start none, and are passed over at once.
_FIRST_WORDS = frozenset(words[0] for words in TABLE_KINDS.values())


def _title_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """(kind, number of tokens) when a table title starts at token ``i``."""
    first = clean_word(tokens[i].text)
    if first not in _FIRST_WORDS and first[:-1] not in _FIRST_WORDS:  # [:-1]: "Coefficientsa", "ANOVAb"
        return None
    for kind, words in TABLE_KINDS.items():
        n = len(words)
        if i + n > len(tokens):
            continue
        got = [clean_word(t.text) for t in tokens[i:i + n]]
        # a footnote letter may be glued to the title's last word ("Coefficientsa", "ANOVAb")
        last = got[-1]
        if last != words[-1] and re.fullmatch(re.escape(words[-1]) + r"[a-f]", last):
            got[-1] = words[-1]
        if got != list(words):
            continue
        before = clean_word(tokens[i - 1].text) if i > 0 else ""
        if kind == "coefficients" and before in ("unstandardized", "standardized", "coefficients", "coefficientsa",
                                                 "coefficientsb"):
            continue
        if kind == "item_statistics" and before in ("corrected", "scale"):
            continue
        if kind == "model_summary" and before == "processing":
            continue
        if kind == "correlations":
            ahead = [clean_word(t.text) for t in tokens[i + 1:i + 80]]
            # the Coefficients header's "... t Sig. Correlations Collinearity ... Zero-order Partial Part"
            if before in ("sig.", "sig", "t", "b", "bound") or "zero-order" in ahead[:12] or "pearson" not in ahead:
                continue  # the Coefficients header's "Correlations", or a word in the text
        return kind, n
    return None


_TITLES = {
    "case_processing": "Case Processing Summary", "model_summary": "Model Summary", "anova": "ANOVA",
    "coefficients": "Coefficients", "reliability": "Reliability Statistics", "item_total": "Item-Total Statistics",
    "item_statistics": "Item Statistics", "scale_statistics": "Scale Statistics",
    "ks": "One-Sample Kolmogorov-Smirnov Test", "descriptives": "Descriptive Statistics",
    "correlations": "Correlations",
}


_HEADER_WORDS = {"model", "unstandardized", "standardized", "cronbach's", "cronbachs", "scale", "mean", "n",
                 "sum", "r", "b", "coefficients", "statistics", "item", "cases", "minimum"}


def _looks_like_table(following: list[Token]) -> bool:
    """A title followed by a footnote letter ("Coefficients a") or a header word starts a table."""
    for token in following[:2]:
        word = clean_word(token.text)
        if FOOTNOTE_LETTERS.match(word) or word in _HEADER_WORDS:
            return True
    return False


# -- groups: label words followed by numbers ------------------------------------

_FOOTNOTE_START = re.compile(r"^[a-f]\.$")
_FOOTNOTE_KEYWORDS = ("dependent", "predictors:", "predictors", "test", "calculated", "lilliefors", "this",
                      "listwise", "all", "based", "correlation", "variabel", "prediktor", "t")


def _is_footnote_start(tokens: list[Token], i: int) -> bool:
    if not _FOOTNOTE_START.match(tokens[i].text.lower()):
        return False
    return i + 1 < len(tokens) and clean_word(tokens[i + 1].text).rstrip(":") in {
        k.rstrip(":") for k in _FOOTNOTE_KEYWORDS}


def _groups(tokens: list[Token], start: int, end: int) -> tuple[list[Group], int]:
    """Cut tokens[start:end] into groups; stop at a footnote.  Returns (groups, index where it stopped)."""
    groups: list[Group] = []
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
        elif previous_was_number and FOOTNOTE_LETTERS.match(token.text) or token.text in ("*", "**"):
            pass  # a footnote letter or stars after a number (".627 a")
        else:
            if numbers:
                groups.append(Group(label, numbers, i))
                label, numbers = [], []
            label.append(token)
            previous_was_number = False
        i += 1
    if label or numbers:
        groups.append(Group(label, numbers, i))
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
        reader = Reader(table, unread)
        used = READERS[kind](reader, groups)
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
