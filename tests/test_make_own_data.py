"""Issue-level check of the own-data path: `make all DATA=... CODEBOOK=... OUT=...`, as the README says.

The whole pipeline (every notebook that applies, the report and the thesis tables) on the
synthetic example study, run once per session (the ``example_study`` fixture of
conftest.py, which other tests read too): everything lands under OUT, no
planted personal identifier reaches any output, neither raw file nor the
study's own results are written, a second `make all` does nothing, and a rerun
on the same data in another folder, older than OUT, over a copy of those
outputs in another folder, reruns everything and rewrites the same bytes
(pointing DATA= at another, older file reruns the analysis).  A second study
(NIP ids, spaces in every path, in Indonesian) is in test_make_own_data_nip.py.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import PLANTED, StudyRun, assert_nothing_leaks, digests, machine_paths, make_all

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "teacher_performance"
DATA = EXAMPLE / "responses_synthetic.csv"
CODEBOOK = EXAMPLE / "codebook.yml"


def _make_all(out: Path, data: Path | str | None = None,
              codebook: Path | str | None = None) -> subprocess.CompletedProcess:
    return make_all(out, DATA.relative_to(ROOT) if data is None else data,
                    CODEBOOK.relative_to(ROOT) if codebook is None else codebook)


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

    assert_nothing_leaks(out, PLANTED + tuple(machine_paths(out.parent)))
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
