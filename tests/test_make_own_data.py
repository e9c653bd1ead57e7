"""Issue-level check of the own-data path: `make all DATA=... CODEBOOK=... OUT=...`, as the README says.

The whole pipeline (every notebook that applies, the report and the thesis tables) on the
synthetic example study, run once per session (the ``example_study`` fixture of
conftest.py, which other tests read too): everything lands under OUT, no
planted personal identifier reaches any output, neither raw file nor the
study's own results are written, a second `make all` does nothing, and a rerun
on the same data in another folder, older than OUT, over a copy of those
outputs in another folder, reruns everything and rewrites the same bytes
(pointing DATA= at another, older file reruns the analysis).  A second study,
in folders whose names contain spaces and with a NIP as respondent id, checks
that paths, ids and other identifiers stay out of every output.
"""

from __future__ import annotations

import csv
import html
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import StudyRun, digests, make_all

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "teacher_performance"
DATA = EXAMPLE / "responses_synthetic.csv"
CODEBOOK = EXAMPLE / "codebook.yml"
# Planted in the example's identifier columns (nama, email).
PLANTED = (b"Guru Sintetis", b"example.invalid")


def _make_all(out: Path, data: Path | str | None = None,
              codebook: Path | str | None = None) -> subprocess.CompletedProcess:
    return make_all(out, DATA.relative_to(ROOT) if data is None else data,
                    CODEBOOK.relative_to(ROOT) if codebook is None else codebook)


def _machine_paths(tmp_path: Path) -> list[bytes]:
    """Absolute folders of this machine that no output may name."""
    return [str(p).encode() for p in {ROOT, tmp_path, Path.home()} if str(p) not in ("/", "")]


def _assert_nothing_leaks(out: Path, secrets) -> None:
    """No secret in any file under OUT, nor in the uncompressed parts of the zip files (.docx, .xlsx)."""
    for path in out.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in secrets:
                assert secret not in content, f"{secret!r} leaked into {path.relative_to(out)}"
            if path.suffix in (".docx", ".xlsx"):
                with zipfile.ZipFile(path) as archive:
                    for member in archive.namelist():
                        for secret in secrets:
                            assert secret not in archive.read(member), f"{secret!r} leaked into {path.name}:{member}"


def test_make_all_on_the_example_study(example_study: StudyRun, tmp_path):
    out = example_study.out
    assert example_study.returncode == 0, example_study.stderr[-3000:]

    executed = sorted(p.name for p in (out / "notebooks").glob("*.ipynb"))
    assert executed == ["01_cleaning.ipynb", "02_descriptives.ipynb", "03_instrument_testing.ipynb",
                        "04_assumptions.ipynb", "05_regression.ipynb", "06_discussion_figures.ipynb"]
    for name in ("processed/responses.parquet", "processed/responses.csv", "processed/cleaning_log.csv",
                 "tables/05_coefficients.csv",
                 "tables/03_reliability.csv", "report/index.html", "thesis/tables.docx", "thesis/tables.xlsx"):
        assert (out / name).is_file(), name
    assert list((out / "figures").glob("*.svg")) and list((out / "figures").glob("*.png"))
    assert "synthetic" in (out / "report" / "index.html").read_text(encoding="utf-8").lower()

    _assert_nothing_leaks(out, PLANTED + tuple(_machine_paths(out.parent)))
    _assert_report_is_about_the_study(out)

    # Notebook 03 analyses the scored items: DIS alpha with DIS5 rescored (min + max - answer).
    reliability = pd.read_csv(out / "tables" / "03_reliability.csv").set_index("Construct")
    processed = pd.read_csv(out / "processed" / "responses.csv")
    dis = processed[[f"DIS{i}" for i in range(1, 6)]].to_numpy(float)
    dis[:, 4] = 1 + 5 - dis[:, 4]
    cov = np.cov(dis, rowvar=False)
    alpha = 5 / 4 * (1 - np.trace(cov) / cov.sum())
    assert reliability.loc["DIS", "Cronbach's Alpha"] == pytest.approx(alpha, abs=1e-9)
    assert reliability.loc["DIS", "Verdict"] == "reliable"

    before, after = example_study.study_before, example_study.study_after
    assert after["example data"] == before["example data"], "the example's raw file was written"
    assert after["data/raw"] == before["data/raw"], "data/raw was written"
    assert after["results"] == before["results"], "the study's results/ changed"
    assert after["notebooks"] == before["notebooks"], "the committed notebooks changed"

    # A copy of OUT in another folder (stamps and all) is as up to date as OUT: make does nothing there.
    copy = tmp_path / "teacher results copy"
    shutil.copytree(out, copy)
    again = _make_all(copy)
    assert again.returncode == 0 and "Nothing to be done" in again.stdout, again.stdout + again.stderr

    # The same data under the same name in another folder, older than every stamp: the record of the inputs
    # changed, so make reruns the whole analysis on that file, over the outputs already there, and must write
    # the same bytes: no output depends on where the inputs or OUT lie, or on what an earlier run left.
    moved = tmp_path / "the same data elsewhere" / DATA.name
    moved.parent.mkdir()
    shutil.copyfile(DATA, moved)
    os.utime(moved, (0, 0))
    rerun = _make_all(copy, moved)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert f'-p data_path "{moved}"' in rerun.stdout, rerun.stdout
    assert [line for line in rerun.stderr.splitlines() if line.startswith("ran ")] == [
        f"ran {Path(name).stem}" for name in executed], rerun.stderr[-3000:]
    assert "report written" in rerun.stderr and "thesis tables written" in rerun.stdout
    assert digests(copy) == digests(out), "a rerun from scratch changed some output's bytes"


def _visible_text(page: Path) -> str:
    """What a reader of a report page sees: the folded code, scripts and styles left out, tags stripped."""
    text = re.sub(r'<details class="compendium-code">.*?</details>', " ", page.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def _assert_report_is_about_the_study(out: Path) -> None:
    """No construct of the paper, none of its sentences and no paper comparison in an own-data report."""
    from surveykit.codebook import load_codebook

    paper_codebook = load_codebook(ROOT / "data" / "codebook.yml")
    example_text = CODEBOOK.read_text(encoding="utf-8").lower()
    reported = yaml.safe_load((ROOT / "data" / "paper" / "reported.yml").read_text(encoding="utf-8"))
    forbidden = ([f"({c.key})" for c in paper_codebook.constructs]
                 + [label for c in paper_codebook.constructs for label in (c.en, c.id)
                    if label.lower() not in example_text]
                 + [" ".join(str(entry["quote"]).split()) for entry in reported["values"] + reported.get("discussion", [])]
                 + ["the paper", "The paper", "skipped", "civil servant", "ASN", "Kuantan"])
    pages = [out / "report" / "index.html", *sorted((out / "report" / "notebooks").glob("*.html"))]
    assert len(pages) == 7
    for page in pages:
        text = _visible_text(page)
        for phrase in forbidden:
            assert phrase not in text, f"{phrase!r} in the own-data report page {page.name}"


FORMULAS = ["=1+2", "@SUM(1)", "+cmd", "-cmd"]
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?( ?%)?")


def _formula_cells(path: Path) -> list[str]:
    """Cells (header included) of a CSV file that a spreadsheet would run as a formula."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row
                if cell.startswith(("=", "+", "-", "@")) and not _PLAIN_NUMBER.fullmatch(cell)]


# 18-digit NIPs (Indonesian civil-servant numbers) planted as respondent ids.
NIPS = [f"19{80 + i % 15:02d}0{1 + i % 9}0{1 + i % 9}20{10 + i % 10:02d}0{1 + i % 9}1{i:03d}" for i in range(41)]


def test_own_study_in_folders_with_spaces_and_a_nip_as_id(tmp_path):
    """A NIP as respondent id (declared an identifier), no interpretation classes, spaces in every path,
    spreadsheet formulas in a header and in profile answers."""
    inputs = tmp_path / "my survey" / "raw data"
    inputs.mkdir(parents=True)
    lines = DATA.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(";")
    id_at = header.index("respondent")
    header[id_at] = "nip"
    # Spreadsheet formulas planted in an ignored header and in profile answers (OWASP "CSV Injection").
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
    raw_codebook = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))
    raw_codebook.update(respondent_id="nip", identifiers=["nip", "nama", "email"])
    del raw_codebook["interpretation"]
    codebook = inputs / "buku kode.yml"
    codebook.write_text(yaml.safe_dump(raw_codebook, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "hasil analisis"

    run = _make_all(out, data, codebook)
    assert run.returncode == 0, run.stderr[-3000:]
    planted = tuple(nip.encode() for nip in NIPS[:n]) + PLANTED
    _assert_nothing_leaks(out, planted + tuple(_machine_paths(tmp_path)))
    processed = pd.read_csv(out / "processed" / "responses.csv", dtype={"nip": str})
    assert list(processed["nip"][:3]) == ["R001", "R002", "R003"]
    for table in out.rglob("*.csv"):
        assert _formula_cells(table) == [], table.relative_to(out)
    assert "'=cmd|" in (out / "processed" / "cleaning_log.csv").read_text(encoding="utf-8")
    assert "'=1+2" in (out / "tables" / "02_profile.csv").read_text(encoding="utf-8")
    for name in ("tables.xlsx", "tables.docx"):
        with zipfile.ZipFile(out / "thesis" / name) as archive:
            for member in archive.namelist():
                assert b"<f>" not in archive.read(member) and b"<f " not in archive.read(member), member
    log = pd.read_csv(out / "processed" / "cleaning_log.csv")
    assert "column pseudonymised" in set(log["action"])
    descriptives = (out / "notebooks" / "02_descriptives.ipynb").read_text(encoding="utf-8")
    assert "The codebook gives no interpretation classes (`interpretation`), so they are derived" in descriptives
    assert "derived from the" in (out / "report" / "notebooks" / "02_descriptives.html").read_text(encoding="utf-8")

    again = _make_all(out, data, codebook)
    assert again.returncode == 0 and "Nothing to be done" in again.stdout, again.stdout + again.stderr
