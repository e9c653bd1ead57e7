"""Numbers printed the way SPSS 21 prints them.

SPSS rounds half away from zero (2.5 -> 3, -1.125 -> -1.13); Python's
built-in :func:`round` rounds half to even (``round(2.5) == 2``) and is
therefore wrong for reproducing an SPSS table.  SPSS drops the leading zero
of a number whose magnitude is below one (``.705``, ``-.101``) and shows a
significance below .0005 as ``.000``.

These functions only *display*.  Nothing in the compendium computes on a
rounded value.  They write the active language's decimal mark
(:func:`surveykit.i18n.localize_number`): ``.705`` in English, ``,705`` in
Indonesian, as SPSS prints in an Indonesian locale; a table's words are
translated from :data:`surveykit.vocabulary.TABLE_WORDS`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from .i18n import gettext, localize_number

__all__ = [
    "round_half_away",
    "format_number",
    "format_sig",
    "format_p",
    "rounding_interval",
    "spss_table",
    "SpssTable",
    "spss_styled",
]


def round_half_away(value: float, decimals: int = 3) -> float:
    """Round half away from zero, as SPSS displays.

    The value is rounded from its shortest decimal representation (``repr``),
    so 0.125 -> 0.13 and -1.125 -> -1.13, whereas ``round`` gives 0.12 and
    -1.12.

    Parameters
    ----------
    value : float
    decimals : int, default 3

    Returns
    -------
    float
        NaN and infinities are returned unchanged.
    """
    if value is None or not math.isfinite(value):
        return value
    quantum = Decimal(1).scaleb(-decimals)
    # Decimal's ROUND_HALF_UP rounds ties away from zero for both signs.
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def format_number(
    value: float,
    decimals: int = 3,
    *,
    leading_zero: bool = False,
) -> str:
    """Format a number as an SPSS output table shows it.

    Parameters
    ----------
    value : float
    decimals : int, default 3
    leading_zero : bool, default False
        SPSS prints ``.705``; set True for ``0.705`` (e.g. in prose).

    Examples
    --------
    >>> format_number(0.70512)
    '.705'
    >>> format_number(-2.0095)
    '-2.010'
    >>> format_number(-0.0004)
    '.000'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    rounded = Decimal(repr(float(value))).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )
    if rounded == 0:
        rounded = abs(rounded)  # SPSS never prints "-.000"
    text = f"{rounded:.{decimals}f}"
    if not leading_zero and decimals > 0:
        if text.startswith("0."):
            text = text[1:]
        elif text.startswith("-0."):
            text = "-" + text[2:]
    return localize_number(text)


def format_sig(p: float, *, leading_zero: bool = False) -> str:
    """Format a p-value as SPSS's "Sig." column: three decimals, ``.000`` below .0005.

    >>> format_sig(0.00049)
    '.000'
    >>> format_sig(0.0945)
    '.095'
    """
    return format_number(p, 3, leading_zero=leading_zero)


def format_p(p: float, *, decimals: int = 3) -> str:
    """A p-value for prose, as APA style writes it: ``p = .034``, or ``p < .001`` where SPSS prints ``.000``.

    SPSS's "Sig. = .000" means p < .0005, not zero; in a sentence it is written
    ``p < .001`` (APA Publication Manual, 7th ed., 6.36).  Rounding is SPSS's
    (half away from zero), no leading zero.  Markdown is left to the caller.

    >>> format_p(0.00049)
    'p < .001'
    >>> format_p(0.0345)
    'p = .035'
    >>> format_p(0.0005)
    'p = .001'
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        raise ValueError("p is not defined (NaN): say why instead of printing a p-value")
    if not 0 <= p <= 1:
        raise ValueError(f"a p-value lies between 0 and 1, got {p!r}")
    text = format_number(p, decimals)
    floor = 10.0 ** -decimals
    if round_half_away(p, decimals) < floor:
        return f"p < {format_number(floor, decimals)}"
    return f"p = {text}"


def rounding_interval(printed: float, decimals: int) -> tuple[float, float]:
    """The interval of true values that SPSS would print as ``printed``.

    Half away from zero: for a positive printed value ``v`` the interval is
    ``[v - h, v + h)`` with ``h = 0.5 * 10**-decimals``; mirrored for a
    negative one.  Returned as ``(low, high)``; membership is
    ``low <= x < high`` for positive and ``low < x <= high`` for negative
    values (use :func:`round_half_away` to test a value exactly).
    """
    half = 0.5 * 10.0 ** (-decimals)
    return printed - half, printed + half


def spss_table(table, decimals: dict, *, sig_columns=("Sig.",), leading_zero: bool = False):
    """A copy of ``table`` with numeric columns formatted as SPSS prints them (for display only).

    Parameters
    ----------
    table : DataFrame
    decimals : dict
        Column -> number of decimals.  Columns not named are left as they are.
    sig_columns : sequence of str, default ("Sig.",)
        Columns formatted with :func:`format_sig` (three decimals, ``.000``).
    leading_zero : bool, default False

    Returns
    -------
    DataFrame
        Strings; NaN (a cell SPSS leaves empty) becomes ``""``.
    """
    shown = table.copy()
    for column in shown.columns:
        if column in sig_columns:
            shown[column] = [format_sig(v, leading_zero=leading_zero) if v is not None else "" for v in shown[column]]
        elif column in decimals:
            places = decimals[column]
            shown[column] = [format_number(float(v), places, leading_zero=leading_zero)
                             if v is not None else "" for v in shown[column]]
    return shown


# --- Tables as SPSS's viewer prints them ----------------------------------------------------

_SPSS_CSS = [
    {"selector": "caption", "props": "caption-side: top; text-align: center; font-weight: bold; padding: 4px;"},
    {"selector": "th", "props": "text-align: center; font-weight: normal; padding: 2px 8px;"},
    {"selector": "td", "props": "text-align: right; padding: 2px 8px;"},
    {"selector": "", "props": "border-collapse: collapse;"},
]


class SpssTable:
    """A table shown as SPSS's viewer shows it: a pandas Styler plus SPSS's lettered footnotes.

    Rendered in a notebook as the Styler's HTML (title above, grouped headers,
    no row index) followed by the footnotes; its plain-text form is the same
    cells as text.  ``styler`` is the pandas Styler, for further styling;
    ``cells`` the shown strings (columns "group / header").
    """

    def __init__(self, styler, footnotes: tuple[str, ...], cells):
        self.styler = styler
        self.footnotes = footnotes
        self.cells = cells
        import html

        self._text = "\n".join([html.unescape(styler.caption), cells.to_string(index=False), *footnotes])

    def to_html(self) -> str:
        import html

        notes = "".join(f'<div class="spss-footnote">{html.escape(note)}</div>' for note in self.footnotes)
        return self.styler.to_html() + notes

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return self._text


def spss_styled(table, *, title: str, decimals: dict, sig_columns=("Sig.",), groups: dict | None = None,
                footnotes=(), model: int | None = None, term_column: str | Sequence[str] | None = None,
                leading_zero: bool = False, names=(), links: dict | None = None) -> SpssTable:
    """A table styled as SPSS prints it (pandas Styler), for display only.

    Parameters
    ----------
    table : DataFrame
        Unrounded values, SPSS's column names.
    title : str
        SPSS's table title, shown above ("Coefficients").  The title, the
        spanning and column headers and "Model" are shown in the active
        language (each must be in :data:`surveykit.vocabulary.TABLE_WORDS`);
        footnotes come translated from the caller.
    decimals : dict
        Column -> decimals (:func:`format_number`: half away from zero, no
        leading zero); ``sig_columns`` use :func:`format_sig` (``.000``).
        NaN shows as an empty cell, as SPSS leaves it.
    groups : dict, optional
        Spanning header -> {column: shown name} (or a list of columns kept
        as named), e.g. ``{"Unstandardized Coefficients": ["B", "Std.
        Error"]}``; other columns have an empty spanning header.
    footnotes : sequence of str
        SPSS's footnotes, shown below in order ("a. Dependent Variable: Y").
    model : int, optional
        Adds SPSS's "Model" column with this number in the first row.
    term_column : str or sequence of str, optional
        The column(s) of row labels ("(Constant)", the predictors, the
        variables), shown with an empty header as SPSS does.
    leading_zero : bool, default False
    names : collection of str
        Column headers that are names of the data (item, construct and
        indicator keys), shown as they are in every language.
    links : dict, optional
        Column -> {cell text: relative address}: such a cell is shown as a
        link (the report's first page links each claim to its notebook).

    Returns
    -------
    SpssTable
        Renders as HTML (the Styler, then the footnotes) and as plain text.
        Cell text and headers are HTML-escaped (a questionnaire's own words
        are shown, never interpreted).
    """
    import hashlib
    import html
    import math

    import pandas as pd

    shown = table.copy()
    renamed: dict[str, tuple[str, str]] = {}
    for group, members in (groups or {}).items():
        names = members if isinstance(members, dict) else {m: m for m in members}
        for column, name in names.items():
            if column not in shown.columns:
                raise KeyError(f"group {group!r}: no column {column!r} in the table")
            renamed[column] = (group, name)
    for column in list(decimals) + list(sig_columns):
        if column in shown.columns and not pd.api.types.is_numeric_dtype(shown[column]):
            raise TypeError(f"column {column!r} is not numeric")
    terms = [term_column] if isinstance(term_column, str) else list(term_column or ())
    # Row-label columns have an empty header, as in SPSS; several are told apart by invisible widths of space.
    headers = [renamed.get(c, ("", " " * terms.index(c) if c in terms else str(c))) for c in shown.columns]
    names = frozenset(names)
    headers = [(gettext(group) if group else "", name if name in names or not name.strip() else gettext(name))
               for group, name in headers]
    title = gettext(title)

    def formatter(column):
        def show(value):
            if value is None or (isinstance(value, float) and math.isnan(value)):
                return ""
            if column in sig_columns:
                return format_sig(float(value), leading_zero=leading_zero)
            if column in decimals:
                return format_number(float(value), decimals[column], leading_zero=leading_zero)
            return str(value)
        return show

    sources = list(shown.columns)
    shows = [formatter(c) for c in sources]
    label_flags = [not pd.api.types.is_numeric_dtype(shown[c]) or c in terms for c in sources]
    if model is not None:
        shown.insert(0, "__model__", [str(model)] + [""] * (len(shown) - 1))
        headers, sources, shows, label_flags = [("", gettext("Model")), *headers], ["__model__", *sources], [str, *shows], \
            [True, *label_flags]
    columns = [h if groups else h[1] for h in headers]
    if len(set(columns)) != len(columns):
        raise ValueError(f"two columns of {title!r} would show the same header: {columns}")
    shown.columns = pd.MultiIndex.from_tuples(headers) if groups else pd.Index(columns)

    def linked(show, targets):
        def cell(value):
            text = show(value)
            if text in targets:
                return f'<a href="{html.escape(targets[text])}">{html.escape(text, quote=False)}</a>'
            return html.escape(text, quote=False)
        return cell

    escaped = {h: linked(f, (links or {}).get(c, {})) for h, f, c in zip(columns, shows, sources)}
    # A fixed uuid (from title and headers) instead of pandas' random one: the same table renders the same
    # bytes, and two tables of one page (two "Coefficients") keep apart.
    uuid = hashlib.sha256(repr((title, headers)).encode("utf-8")).hexdigest()[:8]
    labels = [h for h, flag in zip(columns, label_flags) if flag]
    styler = (shown.style.format(escaped).format_index(lambda h: html.escape(str(h), quote=False), axis=1).hide(axis="index")
              .set_caption(html.escape(title, quote=False))
              .set_table_styles(_SPSS_CSS).set_uuid(uuid)
              .set_properties(subset=labels, **{"text-align": "left"}))
    text_frame = pd.DataFrame({i: [show(v) for v in shown.iloc[:, i]] for i, show in enumerate(shows)})
    text_frame.columns = [" / ".join(p for p in (h if isinstance(h, tuple) else (h,)) if p) for h in headers]
    return SpssTable(styler, tuple(footnotes), text_frame)
