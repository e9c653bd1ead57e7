"""Own data: notebooks 01 and 02 run on the synthetic example study through papermill parameters,
write everything under OUT, touch nothing of the study's results, and leak no personal identifier."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "teacher_performance"
DATA = EXAMPLE / "responses_synthetic.csv"
CODEBOOK = EXAMPLE / "codebook.yml"
# Planted in the example's identifier columns (nama, email): must appear in no output.
PLANTED = ("Guru Sintetis", "example.invalid")


def _tree_digest(folder: Path) -> dict[str, str]:
    """Digests of every file that notebooks 01-02 could write under ``folder``.

    (Limited to those files, so that other notebooks being re-executed meanwhile
    cannot make this test fail.)
    """
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".stamps" not in p.parts
            and (p.name.startswith(("01_", "02_")) or "processed" in p.parts)}


def test_example_study_runs_into_its_own_output_folder(tmp_path):
    results_before = _tree_digest(ROOT / "results")
    notebooks_before = _tree_digest(ROOT / "notebooks")
    raw_before = hashlib.sha256(DATA.read_bytes()).hexdigest()
    out = tmp_path / "out"
    command = [
        sys.executable, "-m", "surveykit.execute",
        "--stage", "notebooks/01_cleaning.ipynb", "--stage", "notebooks/02_descriptives.ipynb",
        "--output-dir", str(out / "notebooks"),
        "-p", "data_path", str(DATA), "-p", "codebook_path", str(CODEBOOK),
        "-p", "out_dir", str(out), "-p", "reported_path", "",
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]

    for name in ("notebooks/01_cleaning.ipynb", "notebooks/02_descriptives.ipynb", "processed/responses.csv",
                 "processed/cleaning_log.csv", "tables/01_counts.csv", "tables/02_items.csv",
                 "tables/02_indicators.csv", "tables/02_constructs.csv", "tables/02_profile.csv"):
        assert (out / name).is_file(), name
    assert not (out / "tables" / "02_paper_comparison.csv").exists()  # no paper to compare with

    processed = pd.read_csv(out / "processed" / "responses.csv")
    assert len(processed) == 39 and "nama" not in processed and "email" not in processed
    assert list(processed.columns[:3]) == ["respondent", "jenis_kelamin", "sekolah"]
    log = pd.read_csv(out / "processed" / "cleaning_log.csv")
    assert {"row dropped", "respondent excluded", "column dropped", "column ignored", "recoded"} <= set(log["action"])
    constructs = pd.read_csv(out / "tables" / "02_constructs.csv")
    assert list(constructs["construct"]) == ["MOT", "DIS", "KG"]

    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            for secret in PLANTED:
                assert secret not in text, f"{secret!r} leaked into {path.relative_to(out)}"

    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == raw_before, "the raw file was written"
    assert _tree_digest(ROOT / "results") == results_before, "the study's results/ changed"
    assert _tree_digest(ROOT / "notebooks") == notebooks_before, "the committed notebooks changed"


def test_example_data_are_what_the_generator_writes(tmp_path):
    """The committed synthetic file is reproducible from its seed (and so honestly labelled synthetic)."""
    import shutil

    copy = tmp_path / "teacher_performance"
    shutil.copytree(EXAMPLE, copy)
    (copy / "responses_synthetic.csv").unlink()
    subprocess.run([sys.executable, str(copy / "generate.py")], check=True, cwd=ROOT, timeout=120)
    assert (copy / "responses_synthetic.csv").read_bytes() == DATA.read_bytes()


def _break(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy().astype(object)
    if kind == "missing column":
        return frame.drop(columns=["QWL7"])
    if kind == "seven":
        frame.loc[9, "WE4"] = 7
    elif kind == "unknown text":
        frame.loc[20, "KIN2"] = "Setuju sekali"
    elif kind == "duplicate respondent":
        frame = pd.concat([frame, frame.iloc[[4]]], ignore_index=True)
    return frame


@pytest.mark.parametrize("kind, fragments", [
    ("missing column", ["lacks column", "'QWL7'", "row 1 (header)"]),
    ("seven", ["R010 (file row 11)", "'WE4'", "answer 7 lies outside the scale 1..5"]),
    ("unknown text", ["R021 (file row 22)", "'KIN2'", "'Setuju sekali'"]),
    ("duplicate respondent", ["'R005' appears more than once", "file rows 6 and 58", "'respondent'"]),
])
def test_cleaning_notebook_stops_with_a_message_not_a_traceback(tmp_path, kind, fragments):
    """Issue 2's acceptance: a broken copy of the study's data stops 01 with a message naming what and where."""
    study = pd.read_csv(ROOT / "data" / "raw" / "responses.csv")
    broken = tmp_path / "responses.csv"
    _break(kind, study).to_csv(broken, index=False)
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, "-m", "surveykit.execute", "notebooks/01_cleaning.ipynb", "--output-dir", str(out / "nb"),
         "-p", "data_path", str(broken), "-p", "codebook_path", str(ROOT / "data" / "codebook.yml"),
         "-p", "out_dir", str(out), "-p", "reported_path", ""],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 2, run.stderr[-2000:]
    message = run.stderr.split("01_cleaning stopped:", 1)[1]
    assert str(broken) in message
    for fragment in fragments:
        assert fragment in message, message
    assert "Traceback" not in run.stderr
    assert not (out / "processed" / "responses.csv").exists()
