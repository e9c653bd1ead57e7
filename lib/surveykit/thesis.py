"""The key tables and figures as a thesis pastes them: APA 7 tables in Word, one sheet per table in Excel.

``python -m surveykit.thesis --results OUT --out OUT/thesis --codebook CODEBOOK``

reads the tables the notebooks wrote (``OUT/tables/*.csv``) and the figures
(``OUT/figures/*.png``) and writes

* ``tables.docx``: every key table as an APA 7 table (bold number, italic
  title above, horizontal rules only, a *Note.* below; *p* < .001 rather than
  Sig. = .000; *B*, *SE*, *β*, *t*, *p*), then the main figures, each with
  its number, italic title and note; a student opens it in Word or LibreOffice
  and copies a table into the chapter;
* ``tables.xlsx``: one sheet per table, the numbers stored as numbers with a
  number format (so Excel shows them in the reader's locale, decimal comma
  included), not as text.

Every word a reader sees (titles, column headers, notes, captions, verdict
words) comes from :data:`TEXT`, in English, keyed by table id; :func:`words_in`
gives it in a language, from the gettext catalogues (:mod:`surveykit.i18n`).  The files are
byte-identical on rerun: the zip entries carry a fixed date and the document
properties a fixed created/modified time.
"""

from __future__ import annotations

import argparse
import io
import math
import re
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from . import i18n
from .i18n import N_, tr
from .spss_format import format_number

__all__ = ["TableSpec", "TABLES", "FIGURES", "TEXT", "words_in", "thesis_tables", "write_docx", "write_xlsx", "main"]

#: The date written into the documents' properties and zip entries (a constant, so bytes do not change).
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# Display formats: (decimals, leading zero) for the Word text; the Excel number format beside it.
# "p" is APA's p: three decimals, no leading zero, "< .001" below .001.  "bounded" values (r, R²,
# β, proportions, p) have no leading zero in APA style; others keep it.
_FORMATS = {
    "int": (0, True, "0"),
    "dec1": (1, True, "0.0"),
    "dec2": (2, True, "0.00"),
    "dec3": (3, True, "0.000"),
    "bounded2": (2, False, "#.00;-#.00;.00"),
    "bounded3": (3, False, "#.000;-#.000;.000"),
    "p": (3, False, '[<0.001]"{p_below}";#.000'),
}


@dataclass(frozen=True)
class TableSpec:
    """One exported table: where its numbers come from and how each column is shown.

    ``columns`` lists (CSV column, header key in :data:`TEXT`, format); a format
    is a key of the display formats, ``"text"`` (names, shown as they are),
    ``"word"`` (SPSS's words such as "(Constant)" and verdicts such as
    "reliable", shown in the language of the export; names among them stay as
    they are), or ``"verdict"`` (a True/False column shown in words from :data:`TEXT`).  ``rest`` formats every CSV column
    not listed (its header is the CSV name), for tables with one column per
    predictor.  ``footnotes_from`` names a column of long explanations shown as
    lettered notes under the table instead of as a column.
    """

    id: str
    csv: str
    columns: tuple[tuple[str, str, str], ...]
    rest: str | None = None
    footnotes_from: tuple[str, str] | None = None  # (label column, explanation column)


_COEFFICIENT_COLUMNS = (
    ("Model", "term", "word"), ("B", "B", "dec3"), ("Std. Error", "SE", "dec3"), ("Beta", "beta", "bounded3"),
    ("t", "t", "dec3"), ("Sig.", "p", "p"),
)

#: The key tables, in the order of a results chapter.
TABLES: tuple[TableSpec, ...] = (
    TableSpec("descriptives", "02_construct_scores.csv", (
        ("label", "variable", "text"), ("n_items", "items", "int"), ("Possible Minimum", "possible_min", "dec2"),
        ("Possible Maximum", "possible_max", "dec2"), ("N", "N", "int"), ("Minimum", "min", "dec2"),
        ("Maximum", "max", "dec2"), ("Mean", "M", "dec2"), ("Std. Deviation", "SD", "dec2"))),
    TableSpec("validity", "03_validity.csv", (
        ("Construct", "construct", "text"), ("Item", "item", "text"),
        ("Pearson Correlation (item-total)", "r_item_total", "bounded3"),
        ("Corrected Item-Total Correlation", "r_corrected", "bounded3"), ("r table", "r_table", "bounded3"),
        ("Valid (item-total)", "valid_item_total", "verdict"), ("Valid (corrected)", "valid_corrected", "verdict")),
        footnotes_from=("Item", "Note")),
    TableSpec("reliability", "03_reliability.csv", (
        ("Construct", "construct", "text"), ("N of Items", "items", "int"), ("Cronbach's Alpha", "alpha", "bounded3"),
        ("Feldt 95% CI Lower", "ci_lower", "bounded3"), ("Feldt 95% CI Upper", "ci_upper", "bounded3"),
        ("McDonald's Omega", "omega", "bounded3"), ("Verdict", "verdict", "word")),
        footnotes_from=("Construct", "Explanation")),
    TableSpec("normality", "04_normality_tests.csv", (
        ("test", "test", "word"), ("Statistic", "statistic", "dec3"), ("df", "df", "int"), ("Sig.", "p", "p")),
        footnotes_from=("test", "note")),
    TableSpec("collinearity", "04_collinearity.csv", (
        ("predictor", "predictor", "text"), ("Tolerance", "tolerance", "dec3"), ("VIF", "VIF", "dec3"))),
    TableSpec("collinearity_diagnostics", "05_collinearity_diagnostics.csv", (
        ("Dimension", "dimension", "int"), ("Eigenvalue", "eigenvalue", "dec3"),
        ("Condition Index", "condition_index", "dec2")), rest="bounded2"),
    TableSpec("heteroskedasticity", "04_glejser.csv", _COEFFICIENT_COLUMNS),
    TableSpec("model_summary", "05_model_summary.csv", (
        ("R", "R", "bounded3"), ("R Square", "R2", "bounded3"), ("Adjusted R Square", "adj_R2", "bounded3"),
        ("Std. Error of the Estimate", "SEE", "dec3"), ("Durbin-Watson", "DW", "dec3"))),
    TableSpec("anova", "05_anova.csv", (
        ("Model", "source", "word"), ("Sum of Squares", "SS", "dec3"), ("df", "df", "int"),
        ("Mean Square", "MS", "dec3"), ("F", "F", "dec3"), ("Sig.", "p", "p"))),
    TableSpec("coefficients", "05_coefficients.csv", _COEFFICIENT_COLUMNS + (
        ("95.0% CI for B Lower Bound", "ci_b_lower", "dec3"), ("95.0% CI for B Upper Bound", "ci_b_upper", "dec3"),
        ("Tolerance", "tolerance", "dec3"), ("VIF", "VIF", "dec3"))),
    TableSpec("correlations", "05_correlations.csv", (
        ("Model", "predictor", "text"), ("Zero-order", "zero_order", "bounded3"), ("Partial", "partial", "bounded3"),
        ("Part", "part", "bounded3"))),
    TableSpec("hypotheses", "05_hypotheses.csv", (
        ("Hypothesis", "hypothesis", "text"), ("Predictor", "predictor", "text"), ("Test", "test", "text"),
        ("Statistic", "statistic", "dec3"), ("df", "df", "text"), ("B", "B", "dec3"), ("Sig.", "p", "p"),
        ("Supported", "supported", "verdict"))),
    TableSpec("contribution", "05_contribution.csv", (
        ("Model", "predictor", "text"), ("Beta", "beta", "bounded3"), ("Zero-order", "zero_order", "bounded3"),
        ("Effective contribution %", "effective", "dec1"), ("Relative contribution %", "relative", "dec1"),
        ("Unique (part2)", "unique", "bounded3")),
        footnotes_from=("Model", "explanation")),
)

#: The main figures: id -> file under ``<results>/figures`` (PNG).
FIGURES: dict[str, str] = {
    "indicator_means": "06_indicator_means.png",
    "residual_pp_plot": "04_normal_pp_plot.png",
    "residual_scatterplot": "04_zpred_sresid.png",
    "standardized_coefficients": "06_standardized_coefficients.png",
    "partial_regression": "06_partial_regression.png",
}

#: Every word a reader sees, in English; its translations are in the gettext catalogues (locale/).  Headers are
#: (text, italic): APA italicises statistical symbols.  A word that an APA table words otherwise than the
#: SPSS-layout tables (Indonesian theses: "Variabel", not "Konstruk") carries the context "APA table".
TEXT: dict[str, Any] = {
    "table": N_("Table"),
    "figure": N_("Figure"),
    "note": N_("Note."),
    "p_below": N_("< .001"),
    "verdict": {
        "valid_item_total": (N_("Valid"), N_("Not valid", context="APA table")),
        "valid_corrected": (N_("Valid"), N_("Not valid", context="APA table")),
        "supported": (N_("Supported"), N_("Not supported", context="APA table")),
    },
    "reconstructed": N_("Data reconstructed from the summary statistics the paper prints, not the authors' data; "
                        "the numbers describe the reconstruction."),
    "titles": {
        "descriptives": N_("Descriptive Statistics of the Construct Scores"),
        "validity": N_("Item-Total Correlations of the Questionnaire Items"),
        "reliability": N_("Internal Consistency of the Constructs"),
        "normality": N_("Normality Tests of the Unstandardized Residuals"),
        "collinearity": N_("Tolerance and Variance Inflation Factors of the Predictors"),
        "collinearity_diagnostics": N_("Collinearity Diagnostics: Eigenvalues, Condition Indices and Variance "
                                       "Proportions"),
        "heteroskedasticity": N_("Glejser Test: Absolute Residuals Regressed on the Predictors"),
        "model_summary": N_("Summary of the Multiple Regression Model"),
        "anova": N_("Analysis of Variance of the Regression Model (Simultaneous F Test)"),
        "coefficients": N_("Coefficients of the Multiple Regression (Partial t Tests)"),
        "correlations": N_("Zero-Order, Partial and Part Correlations of the Predictors with {dependent}"),
        "hypotheses": N_("Tests of the Hypotheses"),
        "contribution": N_("Effective and Relative Contribution of the Predictors to R²"),
    },
    "notes": {
        "descriptives": N_("N = respondents; M = mean; SD = standard deviation (n - 1). Each score is the "
                           "{composite} of the construct's items; the possible minimum and maximum are the bounds "
                           "of the score."),
        "validity": N_("An item is valid when its correlation with the construct total exceeds the r table value "
                       "(two-tailed, alpha = .05, df = N - 2). The corrected correlation leaves the item out of "
                       "the total."),
        "reliability": N_("Alpha = Cronbach's alpha; CI = Feldt 95% confidence interval; omega = McDonald's omega "
                          "(one-factor model)."),
        "normality": N_("Tests of the unstandardized residuals of the regression of {dependent}."),
        "collinearity": N_("Tolerance = 1 - R² of the predictor on the other predictors; VIF = 1 / tolerance."),
        "collinearity_diagnostics": N_("Eigenvalues of the cross-product matrix of the design (constant included, "
                                       "columns scaled to unit length); the last columns are the proportions of "
                                       "each coefficient's variance on each dimension."),
        "heteroskedasticity": N_("Dependent variable: absolute unstandardized residual. SE = standard error."),
        "model_summary": N_("Predictors: (constant), {predictors}. Dependent variable: {dependent}. DW = "
                            "Durbin-Watson, which tests serial correlation in the row order of the data file; "
                            "survey rows have no meaningful order."),
        "anova": N_("Predictors: (constant), {predictors}. Dependent variable: {dependent}."),
        "coefficients": N_("Dependent variable: {dependent}. B = unstandardized coefficient; SE = standard error; "
                           "β = standardized coefficient; CI = confidence interval for B; VIF = variance "
                           "inflation factor."),
        "correlations": N_("Partial: the other predictors removed from both variables; part: removed from the "
                           "predictor only (part² is the predictor's unique share of R²)."),
        "hypotheses": N_("A partial hypothesis is supported when p < .05 (two-tailed t test) and B has the "
                         "hypothesised sign; the simultaneous hypothesis when the F test gives p < .05."),
        "contribution": N_("Effective contribution = β × zero-order r (sums to R²); relative contribution = "
                           "effective contribution / R². The split is a convention (Pratt's measure), not "
                           "variance that belongs to one predictor."),
    },
    "headers": {
        "variable": (N_("Variable"), False), "items": (N_("Items", context="APA table"), False),
        "possible_min": (N_("Possible min"), False), "possible_max": (N_("Possible max"), False),
        "N": (N_("N"), True), "min": (N_("Min"), False), "max": (N_("Max"), False), "M": (N_("M"), True),
        "SD": (N_("SD"), True), "construct": (N_("Construct", context="APA table"), False),
        "item": (N_("Item"), False), "r_item_total": (N_("Item-total r"), False),
        "r_corrected": (N_("Corrected r"), False), "r_table": (N_("r table"), False),
        "valid_item_total": (N_("Item-total"), False), "valid_corrected": (N_("Corrected"), False),
        "alpha": (N_("α"), True), "ci_lower": (N_("95% CI LL"), False), "ci_upper": (N_("95% CI UL"), False),
        "omega": (N_("ω"), True), "verdict": (N_("Verdict", context="APA table"), False), "test": (N_("Test"), False),
        "statistic": (N_("Statistic", context="APA table"), False), "df": (N_("df"), True), "p": (N_("p"), True),
        "predictor": (N_("Predictor"), False), "tolerance": (N_("Tolerance"), False), "VIF": (N_("VIF"), False),
        "dimension": (N_("Dimension", context="APA table"), False), "eigenvalue": (N_("Eigenvalue"), False),
        "condition_index": (N_("Condition index"), False), "term": (N_("Term"), False), "B": (N_("B"), True),
        "SE": (N_("SE"), True), "beta": (N_("β"), True), "t": (N_("t"), True), "R": (N_("R"), True),
        "R2": (N_("R²"), True), "adj_R2": (N_("Adjusted R²"), False), "SEE": (N_("SE of the estimate"), False),
        "DW": (N_("DW"), False), "source": (N_("Source"), False), "SS": (N_("SS"), True), "MS": (N_("MS"), True),
        "F": (N_("F"), True), "ci_b_lower": (N_("95% CI LL"), False), "ci_b_upper": (N_("95% CI UL"), False),
        "zero_order": (N_("Zero-order r"), False), "partial": (N_("Partial", context="APA table"), False),
        "part": (N_("Part"), False), "hypothesis": (N_("Hypothesis"), False), "supported": (N_("Decision"), False),
        "effective": (N_("Effective %"), False), "relative": (N_("Relative %"), False),
        "unique": (N_("Unique (part²)"), False),
    },
    "figures": {
        "indicator_means": (N_("Mean of Each Indicator on the Answer Scale, by Construct"),
                            N_("Means of the respondents' answers to the indicator's items, over the "
                               "interpretation classes drawn as bands; the lowest and highest indicator of each "
                               "construct are marked.")),
        "residual_pp_plot": (N_("Normal P-P Plot of the Standardized Residuals"),
                             N_("Standardized residuals of the regression of {dependent}; normal residuals lie on "
                                "the diagonal.")),
        "residual_scatterplot": (N_("Studentized Residuals Against Standardized Predicted Values"),
                                 N_("Regression of {dependent}. Each band holds the respondents with one value of "
                                    "{dependent}; its label gives their number.")),
        "standardized_coefficients": (N_("Standardized Regression Coefficients with 95% Confidence Intervals"),
                                      N_("Dependent variable: {dependent}.")),
        "partial_regression": (N_("Partial Regression Plots of {dependent} on Each Predictor"),
                               N_("Each panel shows the residuals of {dependent} and of the predictor after the "
                                  "other predictors are removed; the slope is the predictor's B.")),
    },
}


def words_in(language: str) -> dict[str, Any]:
    """:data:`TEXT` in ``language``: every text translated (in the context "APA table" where one is marked)."""
    def translated(value):
        if isinstance(value, str):
            return i18n.gettext(value, language=language, context="APA table")
        if isinstance(value, tuple):
            return tuple(translated(item) for item in value)
        if isinstance(value, dict):
            return {key: translated(item) for key, item in value.items()}
        return value

    return translated(TEXT)


@dataclass
class ThesisTable:
    """A table ready to write: header keys, formatted text for Word, raw values and formats for Excel."""

    id: str
    number: int
    title: str
    headers: list[tuple[str, bool]]
    formats: list[str]
    values: list[list[object]]
    verdicts: list[tuple[str, str] | None]
    notes: list[str] = field(default_factory=list)


def _text(value: object, fmt: str, verdicts: tuple[str, str] | None, p_below: str) -> str:
    if fmt == "word":
        return "" if value is None or (isinstance(value, float) and math.isnan(value)) else _word(str(value))
    if fmt == "verdict":
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        return verdicts[0] if str(value) in ("True", "1", "1.0") else verdicts[1]
    if fmt == "text":
        return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    decimals, leading_zero, _ = _FORMATS[fmt]
    if fmt == "p" and float(value) < 0.001:
        return p_below
    return format_number(float(value), decimals, leading_zero=leading_zero)


def _word(text: str) -> str:
    """A table word in the active language (:mod:`surveykit.vocabulary`); a name (a construct's key) stays."""
    try:
        return i18n.gettext(text)
    except i18n.MissingTranslation:
        return text


#: CSV columns an edition reads instead of the English one: the Indonesian edition names the
#: constructs by their Indonesian labels.
_LANGUAGE_COLUMNS = {"en": {}, "id": {"label": "label_id"}}


def thesis_tables(results: str | Path, *, codebook=None, language: str = "en") -> list[ThesisTable]:
    """The key tables read from ``<results>/tables``, numbered in order; a missing CSV is reported, not hidden.

    Raises
    ------
    KeyError
        A CSV lacks a column its table needs (the notebook that writes it changed).
    FileNotFoundError
        None of the tables exists (the notebooks have not run).
    """
    with i18n.speaking(language):  # words and numbers in the export's language
        words = words_in(language)
        context = _context(codebook)
        tables, missing = [], []
        for spec in TABLES:
            path = Path(results) / "tables" / spec.csv
            if not path.exists():
                missing.append(spec.csv)
                continue
            frame = pd.read_csv(path, keep_default_na=True)
            for column, replacement in _LANGUAGE_COLUMNS[language].items():
                if column in frame.columns and replacement in frame.columns:
                    frame[column] = frame[replacement]
            absent = [c for c, _, _ in spec.columns if c not in frame.columns]
            if absent:
                raise KeyError(f"{path}: column(s) {absent} are missing; the table {spec.id!r} needs them")
            columns = list(spec.columns)
            if spec.rest:
                listed = {c for c, _, _ in spec.columns}
                columns += [(c, None, spec.rest) for c in frame.columns if c not in listed]
            headers = [words["headers"][key] if key else (_word(column), False) for column, key, _ in columns]
            values = [[row[column] for column, _, _ in columns] for _, row in frame.iterrows()]
            verdict_words = [words["verdict"].get(key) for _, key, _ in columns]
            notes = [words["notes"][spec.id].format(**context)] if spec.id in words["notes"] else []
            if spec.footnotes_from:
                label, explanation = spec.footnotes_from
                if label in frame.columns and explanation in frame.columns:
                    explained = frame[frame[explanation].notna() & (frame[explanation].astype(str) != "")]
                    # One note per distinct explanation, naming the rows it applies to.
                    # An explanation kept in English in the CSV (a marked constant) is shown in the export's language.
                    for text, group in explained.groupby(explanation, sort=False):
                        notes.append(f"{', '.join(map(str, group[label]))}: {_word(str(text))}")
            if context["reconstructed"]:
                notes.append(words["reconstructed"])
            tables.append(ThesisTable(
                id=spec.id, number=len(tables) + 1, title=words["titles"][spec.id].format(**context),
                headers=headers, formats=[fmt for _, _, fmt in columns],
                values=[[_cell(v, fmt) for v, (_, _, fmt) in zip(row, columns)] for row in values],
                verdicts=verdict_words, notes=notes,
            ))
        if not tables:
            raise FileNotFoundError(f"no table of the thesis export exists under {Path(results) / 'tables'}: "
                                    "run the notebooks first (make all)")
        if missing:
            print(f"thesis: not exported (no such table under {Path(results) / 'tables'}): {', '.join(missing)}",
                  file=sys.stderr)
        return tables


def _cell(value: object, fmt: str) -> object:
    if fmt in ("text", "word", "verdict"):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    return float(value)


def _context(codebook) -> dict[str, object]:
    if codebook is None:
        return {"dependent": tr("the dependent variable"), "predictors": tr("the predictors"),
                "composite": tr("composite"), "reconstructed": False}
    return {"dependent": codebook.dependent.key, "predictors": ", ".join(c.key for c in codebook.predictors),
            "composite": tr(codebook.composite), "reconstructed": codebook.data_status == "reconstructed"}


# ---------------------------------------------------------------------------------------------- Word

def _set_borders(cell, **edges: str) -> None:
    """Set a cell's borders, e.g. ``top="single"``, ``bottom="nil"`` (APA: horizontal rules only)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    borders = properties.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        properties.append(borders)
    for edge, style in edges.items():
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), style)
        if style != "nil":
            element.set(qn("w:sz"), "8")
            element.set(qn("w:color"), "000000")
        borders.append(element)


def _caption(document, label: str, number: int, title: str) -> None:
    number_line = document.add_paragraph()
    number_line.add_run(f"{label} {number}").bold = True
    title_line = document.add_paragraph()
    title_line.add_run(title).italic = True


def _note(document, words: dict, notes: Sequence[str]) -> None:
    if not notes:
        return
    paragraph = document.add_paragraph()
    paragraph.add_run(words["note"]).italic = True
    paragraph.add_run(" " + " ".join(notes))


def write_docx(tables: Sequence[ThesisTable], path: str | Path, *, figures_dir: str | Path | None = None,
               codebook=None, language: str = "en") -> Path:
    """APA 7 tables (and the main figures, if ``figures_dir`` is given) in a Word document."""
    with i18n.speaking(language):  # words and numbers in the export's language
        from docx import Document
        from docx.shared import Inches, Pt

        words = words_in(language)
        document = Document()
        document.styles["Normal"].font.name = "Times New Roman"
        document.styles["Normal"].font.size = Pt(12)
        for table in tables:
            _caption(document, words["table"], table.number, table.title)
            grid = document.add_table(rows=1 + len(table.values), cols=len(table.headers))
            for j, (text, italic) in enumerate(table.headers):
                cell = grid.rows[0].cells[j]
                cell.text = ""
                cell.paragraphs[0].add_run(text).italic = italic
                _set_borders(cell, top="single", bottom="single", left="nil", right="nil")
            for i, row in enumerate(table.values, start=1):
                last = i == len(table.values)
                for j, (value, fmt) in enumerate(zip(row, table.formats)):
                    cell = grid.rows[i].cells[j]
                    cell.text = _text(value, fmt, table.verdicts[j], words["p_below"])
                    _set_borders(cell, top="nil", bottom="single" if last else "nil", left="nil", right="nil")
            _note(document, words, table.notes)
            document.add_paragraph()
        if figures_dir is not None:
            context = _context(codebook)
            number = 0
            for figure_id, file_name in FIGURES.items():
                image = Path(figures_dir) / file_name
                if not image.exists():
                    print(f"thesis: figure not exported (no file {image})", file=sys.stderr)
                    continue
                number += 1
                title, note = words["figures"][figure_id]
                _caption(document, words["figure"], number, title.format(**context))
                document.add_picture(str(image), width=Inches(6))
                notes = [note.format(**context)] + ([words["reconstructed"]] if context["reconstructed"] else [])
                _note(document, words, notes)
        properties = document.core_properties
        properties.created = properties.modified = properties.last_printed = FIXED_TIME
        properties.author = properties.last_modified_by = ""
        properties.revision = 1
        buffer = io.BytesIO()
        document.save(buffer)
        return _write_fixed_zip(buffer.getvalue(), Path(path))


# --------------------------------------------------------------------------------------------- Excel

def write_xlsx(tables: Sequence[ThesisTable], path: str | Path, *, language: str = "en") -> Path:
    """One sheet per table: number and title above, headers, numbers as numbers with a number format, notes."""
    with i18n.speaking(language):  # words and numbers in the export's language
        from openpyxl import Workbook
        from openpyxl.styles import Font

        words = words_in(language)
        workbook = Workbook()
        workbook.remove(workbook.active)
        for table in tables:
            sheet = workbook.create_sheet(f"{words['table']} {table.number}")
            sheet.cell(row=1, column=1, value=f"{words['table']} {table.number}").font = Font(bold=True)
            sheet.cell(row=2, column=1, value=table.title).font = Font(italic=True)
            for j, (text, italic) in enumerate(table.headers, start=1):
                sheet.cell(row=3, column=j, value=text).font = Font(italic=italic, bold=False)
            for i, row in enumerate(table.values, start=4):
                for j, (value, fmt) in enumerate(zip(row, table.formats), start=1):
                    if fmt in ("text", "word", "verdict"):
                        sheet.cell(row=i, column=j, value=_text(value, fmt, table.verdicts[j - 1], words["p_below"]) or None)
                    elif value is not None:
                        cell = sheet.cell(row=i, column=j, value=value)
                        cell.number_format = _FORMATS[fmt][2].format(p_below=words["p_below"])
            first_note_row = 4 + len(table.values) + 1
            for k, note in enumerate(table.notes):
                sheet.cell(row=first_note_row + k, column=1, value=f"{words['note']} {note}" if k == 0 else note)
        workbook.properties.created = FIXED_TIME
        workbook.properties.creator = ""
        buffer = io.BytesIO()
        workbook.save(buffer)
        return _write_fixed_zip(buffer.getvalue(), Path(path))


# ----------------------------------------------------------------------------------------- same bytes

_CORE_TIME = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _write_fixed_zip(data: bytes, path: Path) -> Path:
    """Rewrite an Office zip with fixed entry dates and fixed document times, atomically."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl sets "modified" to the time of saving; both programs get the fixed time.
                content = _CORE_TIME.sub(lambda m: m.group(1) + stamp + m.group(3), content)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(out.getvalue())
    tmp.replace(path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m surveykit.thesis", description=__doc__.splitlines()[0])
    parser.add_argument("--results", required=True, help="folder with tables/ and figures/ written by the notebooks")
    parser.add_argument("--out", required=True, help="folder for tables.docx and tables.xlsx")
    parser.add_argument("--codebook", default=None, help="the codebook (names the variables in notes and titles)")
    parser.add_argument("--language", default="", choices=["", *i18n.LANGUAGES],
                        help="en or id (default: the codebook's study: language:, else en)")
    args = parser.parse_args(argv)
    codebook = None
    if args.codebook:
        from .codebook import load_codebook

        codebook = load_codebook(args.codebook)
    # The notebooks' language: LANGUAGE= if given, else the codebook's, as the notebook runner decides it.
    args.language = args.language or (codebook.language if codebook is not None else "en")
    tables = thesis_tables(args.results, codebook=codebook, language=args.language)
    out = Path(args.out)
    write_docx(tables, out / "tables.docx", figures_dir=Path(args.results) / "figures", codebook=codebook,
               language=args.language)
    write_xlsx(tables, out / "tables.xlsx", language=args.language)
    print(f"thesis tables written: {out / 'tables.docx'}, {out / 'tables.xlsx'} ({len(tables)} tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
