"""The compendium's tables as the notebooks and the report show them: SPSS's layout through pandas' Styler.

Every function takes a table the computing modules return (unrounded, SPSS's
column names) and returns a :class:`~surveykit.spss_format.SpssTable`: the
title above as SPSS names the table, no row index, every number with SPSS's
display rules (half away from zero, no leading zero, Sig. as ``.000``), verdicts
in words, and long explanations as lettered footnotes below instead of a column.
The CSVs under ``tables/`` keep the unrounded values; these views only display.

Every word a reader sees here (titles, headers that differ from the CSV's,
verdict words, footnote sentences) is in :data:`WORDS`, one string per entry,
marked for the translation catalogues (:func:`surveykit.i18n.N_`): titles and
headers are translated by :func:`~surveykit.spss_format.spss_styled`, the
words in cells and footnotes here (:func:`_t`).  Column names that are the
data's own (construct keys, the dependent variable) are shown as they are.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from .i18n import N_, gettext
from .reported import MATCH, MISMATCH, NOT_COMPUTABLE
from .spss_format import SpssTable, format_number, format_sig, spss_styled

__all__ = ["WORDS", "VIEWS", "View", "view", "ks_test", "validity", "reliability_statistics",
           "item_total_statistics", "paper_comparison", "checks", "csv_table", "what_holds", "REST"]

#: Every word the views show, in one place: titles, headers, verdict words, footnote sentences.
WORDS: dict[str, str] = {
    # titles (SPSS's own where SPSS prints the table)
    "title.ks": N_("One-Sample Kolmogorov-Smirnov Test"),
    "title.validity": N_("Item-Total Correlations (Validity)"),
    "title.reliability": N_("Reliability Statistics"),
    "title.item_total": N_("Item-Total Statistics"),
    "title.comparison": N_("Printed and Recomputed Values"),
    "title.interpretation_classes": N_("Interpretation Classes"),
    "title.profile": N_("Respondent Profile"),
    "title.descriptives": N_("Descriptive Statistics"),
    "title.omega": N_("McDonald's Omega"),
    "title.omega_if_deleted": N_("Omega if Item Deleted"),
    "title.measurement_model": N_("Measurement Model"),
    "title.fornell_larcker": N_("Fornell-Larcker Criterion"),
    "title.tests_of_normality": N_("Tests of Normality"),
    "title.coefficients": N_("Coefficients"),
    "title.collinearity_diagnostics": N_("Collinearity Diagnostics"),
    "title.correlations": N_("Correlations"),
    "title.lm_tests": N_("Breusch-Pagan and White Tests"),
    "title.hypotheses": N_("Hypothesis Tests"),
    "title.critical_values": N_("Critical Values"),
    "title.contribution": N_("Effective and Relative Contribution"),
    "title.hc3": N_("Coefficients with Robust (HC3) Standard Errors"),
    "title.bootstrap": N_("Bootstrap for Coefficients"),
    "title.ordinal_thresholds": N_("Parameter Estimates: Thresholds"),
    "title.ordinal_coefficients": N_("Parameter Estimates: Location"),
    "title.ordinal_vs_ols": N_("Ordinal and Linear Regression Compared"),
    "title.casewise": N_("Casewise Diagnostics"),
    "title.influence": N_("Most Influential Cases"),
    "title.power": N_("Sensitivity Power Analysis"),
    "title.beta_intervals": N_("Confidence Intervals for Beta"),
    "title.grim": N_("GRIM Test of the Printed Means"),
    "title.consistency": N_("Consistency of the Printed Numbers"),
    "title.claims": N_("The Paper's Claims Against the Data"),
    "title.discussion": N_("The Discussion's Claims"),
    "title.what_holds": N_("What holds and what does not"),
    # headers
    "header.unstandardized_residual": N_("Unstandardized Residual"),
    "header.item": N_("Item"),
    "header.construct": N_("Construct"),
    "header.printed_entry": N_("Printed entry"),
    "header.printed": N_("Printed"),
    "header.computed": N_("Computed"),
    "header.interval": N_("Rounding interval"),
    "header.verdict": N_("Verdict"),
    "header.where": N_("Where"),
    "header.correlation": N_("Correlation"),
    "header.check": N_("Check"),
    "header.recomputed": N_("Recomputed"),
    "header.feldt": N_("Feldt 95% Confidence Interval"),
    "header.lower": N_("Lower"),
    "header.upper": N_("Upper"),
    "header.spss": N_("As SPSS prints it"),
    "header.beyond_spss": N_("Beyond SPSS"),
    "header.collinearity_statistics": N_("Collinearity Statistics"),
    "header.correlations": N_("Correlations"),
    "header.variance_proportions": N_("Variance Proportions"),
    "header.status": N_("Status"),
    "header.unstandardized": N_("Unstandardized Coefficients"),
    "header.standardized": N_("Standardized Coefficients"),
    "header.claim": N_("Claim"),
    "header.reason": N_("Reason"),
    "header.notebook": N_("Notebook"),
    # words in cells
    "cell.n": N_("N"),
    "cell.mean": N_("Mean"),
    "cell.std_deviation": N_("Std. Deviation"),
    "cell.normal_parameters": N_("Normal Parameters"),
    "cell.most_extreme": N_("Most Extreme Differences"),
    "cell.absolute": N_("Absolute"),
    "cell.positive": N_("Positive"),
    "cell.negative": N_("Negative"),
    "cell.ks_z": N_("Kolmogorov-Smirnov Z"),
    "cell.asymp_sig": N_("Asymp. Sig. (2-tailed)"),
    # verdict words
    "verdict.supported": N_("Supported"),
    "verdict.not_supported": N_("Not supported"),
    "verdict.yes": N_("Yes"),
    "verdict.no": N_("No"),
    "verdict.match": N_("Match"),
    "verdict.mismatch": N_("Mismatch"),
    "verdict.not_computable": N_("Not computable"),
    # footnote sentences
    "note.ks_normal": N_("Test distribution is Normal."),
    "note.ks_from_data": N_("Calculated from data."),
    "note.dependent": N_("Dependent Variable: {dependent}"),
    "note.absolute_residual": N_("Dependent Variable: the absolute unstandardized residual (Glejser test)."),
    "note.recomputed": N_("Recomputed: {text}"),
    "note.comparison": N_("Printed: the number as the paper prints it; computed: the recomputed value rounded as "
                        "SPSS rounds (half away from zero) to the printed decimals, or, for a bound, to three "
                        "decimals."),
}

def _t(key: str, **values) -> str:
    """A word or sentence of :data:`WORDS` in the active language, its fields filled."""
    text = gettext(WORDS[key])
    return text.format(**values) if values else text


# A footnote's letter beside a cell, as SPSS sets it (superscript).
_SUPERSCRIPT = dict(zip("abcdefghijklmnoprstuvwxyz", "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"))


def _letter(i: int) -> str:
    return "abcdefghijklmnoprstuvwxyz"[i] if i < 25 else f"n{i}"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _notes_from(frame: pd.DataFrame, label_column: str, text_column: str,
                first: int = 0, template: str = "{text}") -> tuple[pd.DataFrame, list[str]]:
    """Move a column of long explanations into lettered footnotes, the letter set beside the row's label.

    Rows with the same explanation share one letter; empty explanations get none.
    """
    letters: dict[str, str] = {}
    labels = []
    for label, text in zip(frame[label_column], frame[text_column]):
        text = "" if _missing(text) else str(text).strip()
        if text and text not in letters:
            letters[text] = _letter(first + len(letters))
        mark = _SUPERSCRIPT.get(letters[text], f"({letters[text]})") if text else ""
        labels.append(f"{label}{mark}")
    shown = frame.drop(columns=[text_column]).assign(**{label_column: labels})
    return shown, [f"{letter}. {template.format(text=text)}" for text, letter in letters.items()]


def _words(frame: pd.DataFrame, columns: Mapping[str, tuple[str, str]]) -> pd.DataFrame:
    """True/False columns shown in words; a missing verdict stays empty."""
    shown = frame.copy()
    for column, (yes, no) in columns.items():
        if column in shown.columns:
            shown[column] = ["" if _missing(v) else (_t(yes) if bool(v) else _t(no)) for v in shown[column]]
    return shown


_YES_NO = ("verdict.yes", "verdict.no")


@dataclass(frozen=True)
class View:
    """How one kind of table is shown: SPSS's title, decimals per column, verdict words, footnote column."""

    title: str
    decimals: Mapping[str, int] = field(default_factory=dict)
    sig_columns: tuple[str, ...] = ("Sig.",)
    groups: Mapping[str, object] | None = None
    term_column: str | tuple[str, ...] | None = None
    verdicts: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    notes: tuple[str, str] | None = None            # (label column, explanation column)
    drop: tuple[str, ...] = ()
    leading_zero: bool = False
    model: int | None = None
    decimals_rest: int | None = None                # decimals of every numeric column not named
    footnote_keys: tuple[str, ...] = ()             # SPSS's own footnotes (keys of WORDS), lettered first
    data_columns: bool = False                      # columns not named here are the data's own (construct keys)
    word_columns: tuple[str, ...] = ()              # columns of catalogued words, shown in the active language


#: A group's members: every column the view does not otherwise name (the terms of Variance Proportions).
REST = "__rest__"


#: The tables shown with a fixed layout, by kind; :func:`view` shows one.
VIEWS: dict[str, View] = {
    "interpretation_classes": View("title.interpretation_classes", {"from": 2, "to": 2}, sig_columns=(),
                                   leading_zero=True),
    "profile": View("title.profile", {"Frequency": 0, "Percent": 1, "Valid Percent": 1, "Cumulative Percent": 1},
                    sig_columns=(), term_column=("variable", "value"), leading_zero=True),
    "item_descriptives": View("title.descriptives", {"N": 0, "Minimum": 0, "Maximum": 0, "Mean": 2,
                                                     "Std. Deviation": 3}, sig_columns=()),
    "level_descriptives": View("title.descriptives", {"n_items": 0, "N": 0, "Minimum": 2, "Maximum": 2, "Mean": 2,
                                                      "Std. Deviation": 3}, sig_columns=()),
    "omega": View("title.omega", {"N of Items": 0, "Resamples Used": 0, "df": 0}, decimals_rest=3,
                  verdicts={"Omega Below Alpha": _YES_NO}, notes=("Construct", "Comment"), drop=("Status",)),
    "omega_if_deleted": View("title.omega_if_deleted", {"Omega if Item Deleted": 3}, sig_columns=(),
                             notes=("item", "note")),
    "measurement_model": View("title.measurement_model", {"N of Items": 0, "Composite Reliability": 3, "AVE": 3},
                              sig_columns=(), notes=("Construct", "Explanation"), drop=("Status",)),
    "fornell_larcker": View("title.fornell_larcker", sig_columns=(), term_column="Construct", decimals_rest=3,
                            data_columns=True),
    "tests_of_normality": View("title.tests_of_normality", {"Statistic": 3, "df": 0}, notes=("test", "note"),
                               term_column="test", word_columns=("test",)),
    "collinearity": View("title.coefficients", {"Tolerance": 3, "VIF": 3}, sig_columns=(), term_column="predictor",
                         groups={"header.collinearity_statistics": ["Tolerance", "VIF"]}, model=1,
                         footnote_keys=("note.dependent",)),
    "correlations": View("title.correlations", sig_columns=(), term_column="Variable", decimals_rest=3,
                         data_columns=True),
    "glejser": View("title.coefficients", {"B": 3, "Std. Error": 3, "Beta": 3, "t": 3}, term_column="Model",
                    groups={"header.unstandardized": ["B", "Std. Error"], "header.standardized": ["Beta"]}, model=1,
                    footnote_keys=("note.absolute_residual",)),
    "zpp": View("title.coefficients", {"Zero-order": 3, "Partial": 3, "Part": 3}, sig_columns=(), term_column="Model",
                groups={"header.correlations": ["Zero-order", "Partial", "Part"]}, model=1,
                footnote_keys=("note.dependent",)),
    "collinearity_diagnostics": View("title.collinearity_diagnostics", {"Dimension": 0, "Eigenvalue": 3,
                                                                        "Condition Index": 3},
                                     sig_columns=(), decimals_rest=2, groups={"header.variance_proportions": REST},
                                     model=1, footnote_keys=("note.dependent",), data_columns=True),
    "lm_tests": View("title.lm_tests", {"LM": 3, "df": 0, "F": 3, "df2": 0}, sig_columns=("Sig.", "F Sig."),
                     term_column="test", notes=("test", "explanation"), drop=("status",)),
    "hypotheses": View("title.hypotheses", {"Statistic": 3, "B": 3}, verdicts={"Supported": (
        "verdict.supported", "verdict.not_supported")}),
    "critical_values": View("title.critical_values", {"df1": 0, "df2": 0, "alpha": 2, "Quantile": 3,
                                                      "Critical value": 3}, sig_columns=(),
                            notes=("Test", "Rule"), term_column="Test"),
    "contribution": View("title.contribution", {"Beta": 3, "Zero-order": 3, "Effective contribution": 3,
                                                "Effective contribution %": 1, "Relative contribution %": 1,
                                                "Zero-order r2": 3, "Unique (part2)": 3}, sig_columns=(),
                         term_column="Model", notes=("Model", "explanation"), drop=("status",), model=1),
    "hc3": View("title.hc3", term_column="Model", decimals_rest=3, model=1, footnote_keys=("note.dependent",)),
    "bootstrap": View("title.bootstrap", sig_columns=(), term_column="Model", decimals_rest=3, model=1),
    "ordinal_thresholds": View("title.ordinal_thresholds", {"df": 0}, term_column="Threshold", decimals_rest=3),
    "ordinal_coefficients": View("title.ordinal_coefficients", {"df": 0}, sig_columns=("Sig.", "LR Sig."),
                                 term_column="Model", decimals_rest=3),
    "ordinal_vs_ols": View("title.ordinal_vs_ols", {"OLS B": 3, "Ordinal Estimate": 3},
                           sig_columns=("OLS Sig.", "Ordinal Sig. (Wald)", "Ordinal Sig. (LR)"),
                           verdicts={c: _YES_NO for c in ("Same Direction", "Significant (OLS)",
                                                          "Significant (ordinal)", "Significant (ordinal, Wald)")}),
    "casewise": View("title.casewise", {"Case Number": 0}, sig_columns=(), decimals_rest=3),
    "influence": View("title.influence", {"Case Number": 0}, sig_columns=(), decimals_rest=3,
                      verdicts={"high_leverage": _YES_NO, "influential": _YES_NO}),
    "power": View("title.power", {"n": 0, "predictors": 0, "alpha": 2, "power": 2}, sig_columns=(),
                  decimals_rest=3),
    "beta_intervals": View("title.beta_intervals", sig_columns=(), term_column="Predictor", decimals_rest=3),
    "grim": View("title.grim", {"n": 0, "items": 0, "granularity": 5, "smallest_items_consistent": 0},
                 sig_columns=(), verdicts={"testable": _YES_NO, "consistent": _YES_NO}, drop=("conventions",)),
}


def _printed_decimals(value) -> int:
    """Decimals of a number as shown (for columns whose values vary in precision)."""
    text = repr(float(value))
    return 0 if "e" in text or text.endswith(".0") else len(text.split(".")[1])


def view(kind: str, table: pd.DataFrame, *, footnotes: Sequence[str] = (), decimals: Mapping[str, int] | None = None,
         reported: pd.DataFrame | None = None, **context) -> SpssTable:
    """One of the tables in :data:`VIEWS`, shown as SPSS shows it.

    Parameters
    ----------
    kind : str
        A key of :data:`VIEWS`.
    table : DataFrame
        As the computing module returns it (unrounded).
    footnotes : sequence of str
        Footnotes of SPSS's own ("a. Dependent Variable: ..."), listed before
        the explanations moved out of the table.
    decimals : mapping, optional
        Decimals of columns the view does not know in advance (a column named
        after the dependent variable); their names are shown as they are.
    reported : DataFrame, optional
        The paper's printed numbers (:func:`surveykit.reported.load_reported`):
        a ``printed`` column is then shown with each number's printed decimals.
    context : str
        Values filled into the words' ``{placeholders}``.
    """
    spec = VIEWS[kind]
    footnotes = [f"{_letter(i)}. {_t(key, **context)}" for i, key in enumerate(spec.footnote_keys)] + list(footnotes)
    shown = table.drop(columns=[c for c in spec.drop if c in table.columns]).reset_index(drop=True)
    if reported is not None and {"id", "printed"} <= set(shown.columns):
        shown["printed"] = [_shown_number(value, _decimals_of(key, value, reported))
                            for key, value in zip(shown["id"], shown["printed"])]
    for column in spec.word_columns:
        if column in shown:
            shown[column] = ["" if _missing(v) else gettext(str(v)) for v in shown[column]]
    notes = list(footnotes)
    if spec.notes and spec.notes[1] in shown.columns:
        shown, moved = _notes_from(shown, *spec.notes, first=len(notes))
        notes += moved
    shown = _words(shown, spec.verdicts)
    places = dict(spec.decimals) | dict(decimals or {})
    if spec.decimals_rest is not None:
        for column in shown.columns:
            if (column not in places and column not in spec.sig_columns and column not in spec.verdicts
                    and pd.api.types.is_numeric_dtype(shown[column]) and not pd.api.types.is_bool_dtype(shown[column])):
                places[column] = spec.decimals_rest
    groups = None
    if spec.groups:
        listed = {m for members in spec.groups.values() if members != REST for m in members}
        term = {spec.term_column} if isinstance(spec.term_column, str) else set(spec.term_column or ())
        rest = [c for c in shown.columns if c not in listed and c not in term and c not in spec.decimals]
        groups = {WORDS[name]: (rest if members == REST else members) for name, members in spec.groups.items()}
    numeric = {c for c in shown.columns if pd.api.types.is_numeric_dtype(shown[c])}
    names = set(decimals or {})
    if spec.data_columns:
        term = {spec.term_column} if isinstance(spec.term_column, str) else set(spec.term_column or ())
        names |= {c for c in shown.columns if c not in spec.decimals and c not in term}
    return spss_styled(shown, title=WORDS[spec.title], decimals={c: d for c, d in places.items() if c in numeric},
                       sig_columns=tuple(c for c in spec.sig_columns if c in numeric), groups=groups,
                       footnotes=notes, term_column=spec.term_column, leading_zero=spec.leading_zero,
                       model=spec.model, names=names)


def ks_test(ks, *, variable: str | None = None) -> SpssTable:
    """SPSS 21's One-Sample Kolmogorov-Smirnov Test, laid out as NPAR TESTS /K-S(NORMAL) prints it.

    One column for the variable; rows N, Normal Parameters (Mean, Std.
    Deviation), Most Extreme Differences (Absolute, Positive, Negative),
    Kolmogorov-Smirnov Z and Asymp. Sig. (2-tailed), with footnotes a and b.
    The normal parameters of a residual are shown as SPSS shows them (mean to
    seven decimals, SD to eight: ``,0000000`` and ``,21240122`` in the thesis
    cited in ``tests/fixtures/papers/usu_normalitas_169.txt``); the differences
    and Z to three decimals, Sig. as ``.000``.

    Parameters
    ----------
    ks : normality.KSResult
    variable : str, optional
        The column header; default "Unstandardized Residual".
    """
    name = variable or WORDS["header.unstandardized_residual"]
    a, b = _SUPERSCRIPT["a"], _SUPERSCRIPT["b"]
    rows = [
        (_t("cell.n"), "", str(int(ks.n))),
        (f"{_t('cell.normal_parameters')}{a},{b}", _t("cell.mean"), format_number(ks.mean, 7)),
        ("", _t("cell.std_deviation"), format_number(ks.std_deviation, 8)),
        (_t("cell.most_extreme"), _t("cell.absolute"), format_number(ks.d_absolute, 3)),
        ("", _t("cell.positive"), format_number(ks.d_positive, 3)),
        ("", _t("cell.negative"), format_number(ks.d_negative, 3)),
        (_t("cell.ks_z"), "", format_number(ks.z, 3)),
        (_t("cell.asymp_sig"), "", format_sig(ks.asymp_sig)),
    ]
    frame = pd.DataFrame(rows, columns=["__row__", "__part__", name])
    return spss_styled(frame, title=WORDS["title.ks"], decimals={}, sig_columns=(),
                       term_column=("__row__", "__part__"),
                       footnotes=(f"a. {_t('note.ks_normal')}", f"b. {_t('note.ks_from_data')}"))


def validity(table: pd.DataFrame, *, r_table_decimals: int = 4) -> SpssTable:
    """Item-total validity: each item's r beside r table, the verdicts in words, flags as footnotes.

    ``table`` is :func:`surveykit.validity.validity_table`'s; its Note column
    becomes lettered footnotes on the item.
    """
    from .validity import verdict_word

    shown, notes = _notes_from(table.reset_index(drop=True), "Item", "Note") if "Note" in table else (table, [])
    for column in ("Valid (item-total)", "Valid (corrected)"):
        if column in shown:
            shown[column] = [verdict_word(v) for v in shown[column]]
    return spss_styled(shown, title=WORDS["title.validity"], sig_columns=(), footnotes=notes,
                       term_column=("Construct", "Item"),
                       decimals={"Pearson Correlation (item-total)": 3, "Corrected Item-Total Correlation": 3,
                                 "r table": r_table_decimals})


def reliability_statistics(table: pd.DataFrame) -> SpssTable:
    """SPSS's Reliability Statistics per construct, then what SPSS does not print (Feldt CI, omega, verdict).

    ``table`` is :func:`surveykit.reliability.reliability_table`'s; its
    Explanation column becomes lettered footnotes on the construct.
    """
    shown = table.drop(columns=[c for c in ("Status",) if c in table]).reset_index(drop=True)
    notes: list[str] = []
    if "Explanation" in shown:
        shown, notes = _notes_from(shown, "Construct", "Explanation")
    if "Verdict" in shown:
        shown["Verdict"] = [gettext(str(v)) if not _missing(v) else "" for v in shown["Verdict"]]
    spss = ["Cronbach's Alpha", "Cronbach's Alpha Based on Standardized Items", "N of Items"]
    shown = shown[["Construct", *spss, *[c for c in shown.columns if c not in ("Construct", *spss)]]]
    beyond = {c: c for c in shown.columns if c not in ("Construct", *spss)}
    return spss_styled(shown, title=WORDS["title.reliability"], sig_columns=(), footnotes=notes,
                       term_column="Construct",
                       decimals={"Cronbach's Alpha": 3, "Cronbach's Alpha Based on Standardized Items": 3,
                                 "N of Items": 0, "Feldt 95% CI Lower": 3, "Feldt 95% CI Upper": 3,
                                 "McDonald's Omega": 3},
                       groups={WORDS["header.spss"]: spss, WORDS["header.beyond_spss"]: beyond})


def item_total_statistics(table: pd.DataFrame) -> SpssTable:
    """SPSS's Item-Total Statistics (RELIABILITY /SUMMARY=TOTAL), one block of rows per construct.

    ``table`` is :func:`surveykit.reliability.item_total_statistics_table`'s;
    its note column becomes lettered footnotes on the item.
    """
    shown = table.reset_index(drop=True)
    notes: list[str] = []
    if "note" in shown:
        shown, notes = _notes_from(shown, "item", "note")
    shown["Construct"] = [c if i == 0 or c != prev else "" for i, (c, prev) in
                          enumerate(zip(shown["Construct"], [None, *shown["Construct"][:-1]]))]
    return spss_styled(shown, title=WORDS["title.item_total"], sig_columns=(), footnotes=notes,
                       term_column=("Construct", "item"),
                       decimals={"Scale Mean if Item Deleted": 3, "Scale Variance if Item Deleted": 3,
                                 "Corrected Item-Total Correlation": 3, "Cronbach's Alpha if Item Deleted": 3})


# Columns whose words the computing modules mark for translation (a construct's reliability status).
_TRANSLATED_CELLS = frozenset({"status"})


def _decimals_of(key: str, value, reported: pd.DataFrame) -> int:
    """The decimals the paper printed a number with (reported.yml's ``decimals``), else those of its value."""
    places = reported.loc[key, "decimals"] if key in reported.index else None
    if not _missing(places):
        return int(places)
    return _printed_decimals(value) if isinstance(value, (int, float)) else 0


def _shown_number(value, decimals: int) -> str:
    if _missing(value):
        return ""
    if isinstance(value, str):
        from .reported import VERBAL_VALUES

        try:  # a number read back from a CSV as text
            value = float(value)
        except ValueError:
            return gettext(value) if value in VERBAL_VALUES else value   # "no pattern" in the reader's language
    return format_number(float(value), decimals)


def _interval_shown(low, high, decimals: int) -> str:
    """A printed number's rounding interval, one decimal finer than printed (empty for a bound or a word)."""
    if _missing(low) or _missing(high) or isinstance(low, str) or not math.isfinite(float(low)) \
            or not math.isfinite(float(high)):
        return ""
    return f"{_shown_number(low, decimals)} – {_shown_number(high, decimals)}"


def paper_comparison(comparison: pd.DataFrame, reported: pd.DataFrame, *,
                     extra: Sequence[str] = (), title: str | None = None) -> SpssTable:
    """Printed beside recomputed values, both shown with SPSS's display rules, the verdict in words.

    The one display of printed against recomputed numbers (notebooks 00 and
    02-07).  ``comparison`` is :func:`surveykit.reported.compare`'s (07
    renames ``computed_rounded``; only ``computed`` is read), or the
    reconstruction's :func:`~surveykit.reconstruction.target_table`, whose
    rounding interval (``interval_low``, ``interval_high``) is shown one
    decimal finer than printed.  A number the paper prints with ``d``
    decimals is shown with ``d`` decimals, and the recomputed value rounded
    to the same ``d`` (half away from zero, no leading zero), so the two
    read alike; a bound ("< 10") is shown with its relation, the recomputed
    value to three decimals.  ``extra`` names further columns shown after the
    entry (e.g. which correlation); ``title`` replaces the usual one.
    """
    printed, computed, interval = [], [], []
    lows = comparison["interval_low"] if "interval_low" in comparison else [None] * len(comparison)
    highs = comparison["interval_high"] if "interval_high" in comparison else [None] * len(comparison)
    for key, value, relation, recomputed, low, high in zip(comparison["id"], comparison["printed"],
                                                           comparison["relation"], comparison["computed"], lows, highs):
        places = _decimals_of(key, value, reported)
        if relation in ("<", ">"):
            printed.append(f"{relation} {_shown_number(value, places)}")
            computed.append(_shown_number(recomputed, max(places, 3)))
        else:
            printed.append(_shown_number(value, places))
            computed.append(_shown_number(recomputed, places))
        interval.append(_interval_shown(low, high, places + 1))
    verdicts = {MATCH: _t("verdict.match"), MISMATCH: _t("verdict.mismatch"),
                NOT_COMPUTABLE: _t("verdict.not_computable")}
    where = (list(comparison["where"]) if "where" in comparison else
             [reported.loc[key, "where"] if key in reported.index else "" for key in comparison["id"]])
    shown = pd.DataFrame({
        WORDS["header.printed_entry"]: list(comparison["id"]),
        **{WORDS.get(f"header.{c}", c): [gettext(str(v)) if c in _TRANSLATED_CELLS else v for v in comparison[c]]
           for c in extra},
        WORDS["header.printed"]: printed,
        WORDS["header.computed"]: computed,
        **({WORDS["header.interval"]: interval} if "interval_low" in comparison else {}),
        WORDS["header.verdict"]: [verdicts.get(v, v) for v in comparison["verdict"]],
        WORDS["header.where"]: where,
    })
    return spss_styled(shown, title=title or WORDS["title.comparison"], decimals={}, sig_columns=(),
                       term_column=WORDS["header.printed_entry"], footnotes=(f"a. {_t('note.comparison')}",))


def checks(table: pd.DataFrame, *, kind: str) -> SpssTable:
    """An audit's checks (:func:`surveykit.audit.checks_table`): check, entry, printed, verdict; what was recomputed below.

    ``kind`` names the title: "consistency", "claims" or "discussion"
    (:data:`WORDS`' ``title.<kind>``).  What was recomputed is often a sentence or a list,
    so it is a lettered footnote on the check, not a column; the long verdict
    sentences are not repeated (the notebook lists them under the table).
    """
    from .audit import checks_view

    columns = {"check": "header.check", "subject": "header.printed_entry", "printed": "header.printed",
               "status": "header.verdict", "recomputed": "header.recomputed"}
    # The check's name and status in the active language (the audit's table keeps them in English, as keys).
    table = checks_view(table) if {"check", "subject", "printed", "recomputed", "status"} <= set(table) else table
    shown = table[[c for c in columns if c in table]].reset_index(drop=True).astype(str)
    notes: list[str] = []
    if "recomputed" in shown:
        shown, notes = _notes_from(shown, "check", "recomputed", template=gettext(WORDS["note.recomputed"]))
    shown.columns = [WORDS[columns[c]] for c in shown.columns]
    return spss_styled(shown, title=WORDS[f"title.{kind}"], decimals={}, sig_columns=(), term_column=WORDS["header.check"],
                       footnotes=notes)


# --- the report's index page: any CSV of tables/, read back --------------------------------

#: Columns shown with two decimals, as the paper prints means.
_TWO_DECIMALS = frozenset({"Mean", "Std. Deviation", "Minimum", "Maximum"})
# Statistics shown with decimals even when a value happens to be whole (an alpha of 1 prints 1.000).
_ALWAYS_DECIMAL = frozenset({"Cronbach's Alpha", "Cronbach's Alpha Based on Standardized Items", "alpha",
                             "Feldt 95% CI Lower", "Feldt 95% CI Upper", "R", "R Square", "Beta", "Sig.",
                             "McDonald's Omega"})


def csv_table(frame: pd.DataFrame, *, title: str, readable: Mapping[str, str] | None = None) -> SpssTable:
    """A table read back from its CSV, shown with SPSS's display rules under readable headers.

    Whole-number columns as integers, means and their spread to two decimals
    (as the paper prints them), other numbers to three, Sig. as ``.000``;
    True/False as Yes/No; no row index.  ``readable`` maps a CSV column name
    to the header shown (the report's :data:`~surveykit.report.READABLE_COLUMNS`).
    """
    frame = frame.reset_index(drop=True)
    places = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
            continue
        whole = bool(((values.dropna() % 1) == 0).all())
        if column in _TWO_DECIMALS:
            places[column] = 2
        elif whole and column not in _ALWAYS_DECIMAL:
            places[column] = 0
        else:
            places[column] = 3
    shown = _words(frame, {c: _YES_NO for c in frame.columns if pd.api.types.is_bool_dtype(frame[c])})
    renamed = {c: (readable or {}).get(str(c), str(c)) for c in shown.columns}
    shown = shown.rename(columns=renamed)
    return spss_styled(shown, title=title, decimals={renamed[c]: d for c, d in places.items() if c != "Sig."},
                       sig_columns=("Sig.",) if "Sig." in places else ())


def what_holds(frame: pd.DataFrame, *, pages: Mapping[str, str] | None = None) -> SpssTable:
    """The claims summary of the replication audit (claim, verdict, reason, notebook), no row index.

    ``pages`` maps a notebook's file stem to its page: the notebook cell then
    shows the notebook's number linked to that page (the stem itself when the
    notebook has no page).
    """
    shown = frame[["Claim", "Verdict", "Reason", "Notebook"]].reset_index(drop=True).astype(str)
    shown.columns = [WORDS[key] for key in ("header.claim", "header.verdict", "header.reason", "header.notebook")]
    pages = pages or {}
    links = {stem[:2]: href for stem, href in pages.items()}
    notebook = WORDS["header.notebook"]
    shown[notebook] = [stem[:2] if stem in pages else stem for stem in shown[notebook]]
    return spss_styled(shown, title=WORDS["title.what_holds"], decimals={}, sig_columns=(), links={notebook: links})
