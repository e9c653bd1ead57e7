"""Issue-level check of the own-data path: `make all DATA=... CODEBOOK=... OUT=...`, as the README says.

Runs the whole pipeline (every notebook that applies, and the report) on the
synthetic example study and checks that everything lands under OUT, that no
planted personal identifier reaches any output, that neither raw file nor the
study's own results are written, that a second `make all` does nothing, and
that a rerun from scratch rewrites the same bytes.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "teacher_performance"
DATA = EXAMPLE / "responses_synthetic.csv"
CODEBOOK = EXAMPLE / "codebook.yml"
# Planted in the example's identifier columns (nama, email).
PLANTED = (b"Guru Sintetis", b"example.invalid")


def _digests(folder: Path, *, skip: tuple[str, ...] = (".stamps",)) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not set(skip) & set(p.parts)}


def _make_all(out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "all", f"DATA={DATA.relative_to(ROOT)}", f"CODEBOOK={CODEBOOK.relative_to(ROOT)}", f"OUT={out}"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_make_all_on_the_example_study(tmp_path):
    study_before = {"results": _digests(ROOT / "results"), "notebooks": _digests(ROOT / "notebooks"),
                    "raw": _digests(ROOT / "data" / "raw")}
    example_before = hashlib.sha256(DATA.read_bytes()).hexdigest()
    out = tmp_path / "teacher_results"

    run = _make_all(out)
    assert run.returncode == 0, run.stderr[-3000:]

    executed = sorted(p.name for p in (out / "notebooks").glob("*.ipynb"))
    assert executed == ["01_cleaning.ipynb", "02_descriptives.ipynb", "03_instrument_testing.ipynb",
                        "04_assumptions.ipynb", "05_regression.ipynb", "06_discussion_figures.ipynb"]
    for name in ("processed/responses.csv", "processed/cleaning_log.csv", "tables/05_coefficients.csv",
                 "tables/03_reliability.csv", "report/index.html", "thesis/tables.docx", "thesis/tables.xlsx"):
        assert (out / name).is_file(), name
    assert list((out / "figures").glob("*.svg")) and list((out / "figures").glob("*.png"))
    assert "synthetic" in (out / "report" / "index.html").read_text(encoding="utf-8").lower()

    for path in out.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in PLANTED:
                assert secret not in content, f"{secret!r} leaked into {path.relative_to(out)}"
    for name in ("thesis/tables.docx", "thesis/tables.xlsx"):  # zip files: search their uncompressed parts
        with zipfile.ZipFile(out / name) as archive:
            for member in archive.namelist():
                for secret in PLANTED:
                    assert secret not in archive.read(member), f"{secret!r} leaked into {name}:{member}"

    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == example_before, "the example's raw file was written"
    assert _digests(ROOT / "data" / "raw") == study_before["raw"], "data/raw was written"
    assert _digests(ROOT / "results") == study_before["results"], "the study's results/ changed"
    assert _digests(ROOT / "notebooks") == study_before["notebooks"], "the committed notebooks changed"

    again = _make_all(out)
    assert again.returncode == 0 and "Nothing to be done" in again.stdout, again.stdout + again.stderr

    first = _digests(out)
    shutil.rmtree(out / ".stamps")
    assert _make_all(out).returncode == 0
    assert _digests(out) == first, "a rerun from scratch changed some output's bytes"
