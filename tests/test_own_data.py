"""Own data: notebooks 01 and 02 run on the synthetic example study through papermill parameters,
write everything under OUT, touch nothing of the study's results, and leak no personal identifier."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pandas as pd

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
