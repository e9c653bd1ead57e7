"""The thesis exports (Word, Excel): read back, compared with the CSV tables, and the same bytes on rerun."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from surveykit import i18n, thesis
from surveykit.spss_format import format_number

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "results"
CODEBOOK = ROOT / "data" / "codebook.yml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("thesis")
    assert thesis.main(["--results", str(RESULTS), "--out", str(out), "--codebook", str(CODEBOOK)]) == 0
    return out


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(RESULTS / "tables" / name)


def test_committed_exports_are_current_and_carry_no_date(built):
    # The committed files were written by another process at another time: equal bytes mean no byte depends
    # on the clock (zip entries carry a date, Word its creation time) or on the process.
    for name in ("tables.docx", "tables.xlsx"):
        assert (RESULTS / "thesis" / name).read_bytes() == (built / name).read_bytes(), \
            f"results/thesis/{name} is not what the committed tables give: run make all"
        with zipfile.ZipFile(built / name) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = archive.read("docProps/core.xml").decode()
            assert "2000-01-01T00:00:00Z" in core


def test_docx_tables_read_back(built):
    import docx

    document = docx.Document(built / "tables.docx")
    assert len(document.tables) == len(thesis.TABLES)
    assert len(document.inline_shapes) == len(thesis.FIGURES)
    words = thesis.words_in("en")
    titles = [p.text for p in document.paragraphs]
    for number, spec in enumerate(thesis.TABLES, start=1):
        position = titles.index(f"Table {number}")
        title = document.paragraphs[position + 1]
        assert title.text == words["titles"][spec.id].format(dependent="KIN")
        assert all(run.italic for run in title.runs)
    coefficients = document.tables[[s.id for s in thesis.TABLES].index("coefficients")]
    assert [c.text for c in coefficients.rows[0].cells] == [words["headers"][key][0] for _, key, _ in
                                                             next(s for s in thesis.TABLES if s.id == "coefficients").columns]
    csv = _csv("05_coefficients.csv").set_index("Model")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in coefficients.rows[1:]}
    assert rows["WE"][1] == format_number(csv.loc["WE", "B"], 3, leading_zero=True)
    assert rows["WE"][3] == format_number(csv.loc["WE", "Beta"], 3)       # beta: no leading zero (APA)
    assert rows["WE"][5] == format_number(csv.loc["WE", "Sig."], 3)
    assert rows["PL"][5] == "< .001"                                       # not "Sig. = .000"
    assert rows["(Constant)"][3] == ""                                     # SPSS leaves the constant's Beta empty
    contribution = document.tables[[s.id for s in thesis.TABLES].index("contribution")]
    effective = _csv("05_contribution.csv").set_index("Model")["Effective contribution %"]
    assert {r.cells[0].text: r.cells[3].text for r in contribution.rows[1:]} == \
        {k: format_number(v, 1, leading_zero=True) for k, v in effective.items()}
    hypotheses = document.tables[[s.id for s in thesis.TABLES].index("hypotheses")]
    assert {r.cells[-1].text for r in hypotheses.rows[1:]} <= set(words["verdict"]["supported"])


def test_docx_tables_have_horizontal_rules_only(built):
    import docx
    from docx.oxml.ns import qn

    table = docx.Document(built / "tables.docx").tables[0]
    for row_number, row in enumerate(table.rows):
        for cell in row.cells:
            borders = {b.tag.split("}")[1]: b.get(qn("w:val")) for b in cell._tc.tcPr.find(qn("w:tcBorders"))}
            assert borders["left"] == borders["right"] == "nil"
            if row_number == 0:
                assert borders["top"] == borders["bottom"] == "single"


def test_xlsx_numbers_are_numbers_with_a_format(built):
    from openpyxl import load_workbook

    workbook = load_workbook(built / "tables.xlsx")
    assert workbook.sheetnames == [f"Table {i}" for i in range(1, len(thesis.TABLES) + 1)]
    sheet = workbook[f"Table {[s.id for s in thesis.TABLES].index('coefficients') + 1}"]
    assert sheet["A2"].value == thesis.words_in("en")["titles"]["coefficients"]
    assert [c.value for c in sheet[3]][:3] == ["Term", "B", "SE"]
    csv = _csv("05_coefficients.csv")
    for i, row in enumerate(csv.itertuples(index=False), start=4):
        assert sheet.cell(row=i, column=1).value == row[0]
        b = sheet.cell(row=i, column=2)
        assert isinstance(b.value, float) and b.value == row[1] and b.number_format == "0.000"
    sig = sheet.cell(row=5, column=6)
    assert isinstance(sig.value, float) and "< .001" in sig.number_format
    anova = workbook[f"Table {[s.id for s in thesis.TABLES].index('anova') + 1}"]
    assert anova.cell(row=4, column=3).value == 3 and anova.cell(row=4, column=3).number_format == "0"
    assert anova.cell(row=6, column=5).value is None                         # an empty SPSS cell stays empty


def test_every_table_and_figure_has_its_words_in_every_language():
    for language in i18n.LANGUAGES:
        words = thesis.words_in(language)
        for spec in thesis.TABLES:
            assert spec.id in words["titles"] and spec.id in words["notes"], (language, spec.id)
            for _, key, fmt in spec.columns:
                assert key in words["headers"], (language, key)
                if fmt == "verdict":
                    assert key in words["verdict"], (language, key)
        assert set(thesis.FIGURES) <= set(words["figures"]), language


def test_a_missing_table_is_reported_and_a_missing_column_stops(tmp_path, capsys):
    (tmp_path / "tables").mkdir()
    shutil.copy(RESULTS / "tables" / "05_anova.csv", tmp_path / "tables")
    tables = thesis.thesis_tables(tmp_path)
    assert [t.id for t in tables] == ["anova"] and tables[0].number == 1
    assert "02_construct_scores.csv" in capsys.readouterr().err
    _csv("05_anova.csv").drop(columns="F").to_csv(tmp_path / "tables" / "05_anova.csv", index=False)
    with pytest.raises(KeyError, match="F"):
        thesis.thesis_tables(tmp_path)
    with pytest.raises(FileNotFoundError, match="make all"):
        thesis.thesis_tables(tmp_path / "nothing")


def test_indonesian_tables_name_constructs_and_verdicts_in_indonesian_with_the_decimal_comma():
    i18n.use("id")
    try:
        from surveykit.codebook import load_codebook

        tables = {t.id: t for t in thesis.thesis_tables(RESULTS, codebook=load_codebook(CODEBOOK), language="id")}
        words = thesis.words_in("id")
        descriptives = tables["descriptives"]
        assert [row[0] for row in descriptives.values] == list(_csv("02_construct_scores.csv")["label_id"])
        reliability = tables["reliability"]
        verdicts = [thesis._text(row[-1], "word", None, words["p_below"]) for row in reliability.values]
        assert "reliabel" in verdicts and "tidak dapat dinilai (butir identik)" in verdicts
        assert thesis._text(0.705, "bounded3", None, words["p_below"]) == ",705"
        assert "gabungan (jumlah)" in descriptives.notes[0]  # the codebook's composite (sum), in Indonesian
        from surveykit.contribution import STATUS_EXPLANATIONS

        explained = i18n.gettext(STATUS_EXPLANATIONS["ok"])  # kept in English in the CSV, shown in Indonesian
        assert any(note.endswith(explained) for note in tables["contribution"].notes)
    finally:
        i18n.use("en")


def test_word_file_opens_in_libreoffice(built, tmp_path):
    # A student opens tables.docx in Word or LibreOffice: LibreOffice, headless, must read it and render
    # every table and figure caption (converted to PDF, and to text to read the captions back).
    import shutil as which_tool
    import subprocess

    soffice = which_tool.which("soffice") or which_tool.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed (Debian: libreoffice-writer-nogui; .ci/run installs it)")
    profile = (tmp_path / "profile").as_uri()   # a profile of its own: parallel runs do not share a lock
    for target in ("pdf", "txt:Text (encoded):UTF8"):
        run = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                              "--outdir", str(tmp_path), str(built / "tables.docx")],
                             capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
    pdf = (tmp_path / "tables.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/Type /Page" in pdf.replace(b"/Type/Page", b"/Type /Page")
    text = (tmp_path / "tables.txt").read_text(encoding="utf-8-sig")
    words = thesis.words_in("en")
    for number in range(1, len(thesis.TABLES) + 1):
        assert f"Table {number}" in text
    for number in range(1, len(thesis.FIGURES) + 1):
        assert f"Figure {number}" in text
    assert words["titles"]["model_summary"] in text
