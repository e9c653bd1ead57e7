"""A student's own study as it is most often run: NIP ids, spaces in every path, in Bahasa Indonesia.

`make all DATA=... CODEBOOK=... OUT=... LANGUAGE=id` on the synthetic example study rewritten as a student
would have it: an 18-digit NIP (Indonesian civil-servant number) as respondent id, declared an identifier,
spaces in the names of every folder and file, no interpretation classes in the codebook, and
spreadsheet formulas planted in an ignored header and in profile answers (OWASP "CSV Injection").
One run checks that ids, planted identifiers and the machine's paths stay out of every output, that no
table can run as a formula in a spreadsheet, that every page of the report and the thesis tables are in
Indonesian (an own study has one edition, so no link to another), and that a second `make all` does nothing.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import EXAMPLE_CODEBOOK, EXAMPLE_DATA, PLANTED, assert_nothing_leaks, machine_paths, make_all
from language_check import assert_indonesian, report_pages

from surveykit.i18n import gettext

# 18-digit NIPs planted as respondent ids.
NIPS = [f"19{80 + i % 15:02d}0{1 + i % 9}0{1 + i % 9}20{10 + i % 10:02d}0{1 + i % 9}1{i:03d}" for i in range(41)]
FORMULAS = ["=1+2", "@SUM(1)", "+cmd", "-cmd"]
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?( ?%)?")
# 02's sentence when the codebook gives no interpretation classes (its English source; the test reads the Indonesian).
DERIVED_CLASSES = ("The codebook gives no interpretation classes (`interpretation`), so they are derived from the "
                   "scale {low}..{high}: {k} classes of equal width, the usual interval rule of Indonesian theses. "
                   "Class width = ({high} - {low}) / {k} = {width}.")


def _formula_cells(path: Path) -> list[str]:
    """Cells (header included) of a CSV file that a spreadsheet would run as a formula."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row
                if cell.startswith(("=", "+", "-", "@")) and not _PLAIN_NUMBER.fullmatch(cell)]


@pytest.fixture(scope="module")
def nip_study(tmp_path_factory):
    """The student's inputs, OUT, the planted NIPs and the `make all` run (LANGUAGE=id)."""
    folder = tmp_path_factory.mktemp("nip")
    inputs = folder / "my survey" / "raw data"
    inputs.mkdir(parents=True)
    lines = EXAMPLE_DATA.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    id_at = header.index("respondent")
    header[id_at] = "nip"
    header[header.index("Timestamp")] = "=cmd|' /C calc'!A0"
    school_at = header.index("sekolah")
    rows, n = [";".join(header)], 0
    for line in lines[1:]:
        cells = line.split(";")
        if cells[id_at]:
            cells[id_at] = NIPS[n]
            cells[school_at] = FORMULAS[n % len(FORMULAS)]
            n += 1
        rows.append(";".join(cells))
    data = inputs / "jawaban responden.csv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    raw_codebook = yaml.safe_load(EXAMPLE_CODEBOOK.read_text(encoding="utf-8"))
    raw_codebook.update(respondent_id="nip", identifiers=["nip", "nama", "email"])
    del raw_codebook["interpretation"]
    codebook = inputs / "buku kode.yml"
    codebook.write_text(yaml.safe_dump(raw_codebook, allow_unicode=True), encoding="utf-8")
    out = folder / "hasil analisis"
    run = make_all(out, data, codebook, "LANGUAGE=id")
    return {"folder": folder, "data": data, "codebook": codebook, "out": out, "planted": NIPS[:n], "run": run}


def test_it_runs_and_no_id_path_or_identifier_reaches_an_output(nip_study):
    run, out = nip_study["run"], nip_study["out"]
    assert run.returncode == 0, run.stderr[-3000:]
    planted = tuple(nip.encode() for nip in nip_study["planted"]) + PLANTED
    assert_nothing_leaks(out, planted + tuple(machine_paths(nip_study["folder"])))
    processed = pd.read_csv(out / "processed" / "responses.csv", dtype={"nip": str})
    assert list(processed["nip"][:3]) == ["R001", "R002", "R003"]
    log = pd.read_csv(out / "processed" / "cleaning_log.csv")
    assert "column pseudonymised" in set(log["action"])  # the log's actions are keys, in every edition


def test_no_table_cell_runs_as_a_spreadsheet_formula(nip_study):
    out = nip_study["out"]
    assert nip_study["run"].returncode == 0, nip_study["run"].stderr[-3000:]
    for table in out.rglob("*.csv"):
        assert _formula_cells(table) == [], table.relative_to(out)
    assert "'=cmd|" in (out / "processed" / "cleaning_log.csv").read_text(encoding="utf-8")
    assert "'=1+2" in (out / "tables" / "02_profile.csv").read_text(encoding="utf-8")
    for name in ("tables.xlsx", "tables.docx"):
        with zipfile.ZipFile(out / "thesis" / name) as archive:
            for member in archive.namelist():
                assert b"<f>" not in archive.read(member) and b"<f " not in archive.read(member), member


def test_the_report_and_thesis_tables_are_indonesian(nip_study):
    out = nip_study["out"]
    assert nip_study["run"].returncode == 0, nip_study["run"].stderr[-3000:]
    pages = report_pages(out / "report")
    assert len(pages) == 7
    assert_indonesian(out / "report")
    assert "hreflang" not in pages[0].read_text(encoding="utf-8")  # an own study has one edition
    # Without interpretation classes in the codebook, 02 derives them and says so, in Indonesian.
    derived = gettext(DERIVED_CLASSES, language="id").split("{low}")[0]
    assert derived != DERIVED_CLASSES.split("{low}")[0]
    assert derived in (out / "notebooks" / "02_descriptives.ipynb").read_text(encoding="utf-8")
    assert derived.split("`), ")[-1] in pages[2].read_text(encoding="utf-8")  # after the code, as HTML shows it
    with zipfile.ZipFile(out / "thesis" / "tables.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert "Tabel 1" in document and not re.search(r"\bTable \d", document)


def test_a_second_make_all_does_nothing(nip_study):
    assert nip_study["run"].returncode == 0, nip_study["run"].stderr[-3000:]
    again = make_all(nip_study["out"], nip_study["data"], nip_study["codebook"], "LANGUAGE=id")
    assert again.returncode == 0 and "Nothing to be done" in again.stdout, again.stdout + again.stderr
