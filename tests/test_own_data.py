"""Own data: notebooks 01 and 02 run on the synthetic example study through papermill parameters,
write everything under OUT, touch nothing of the study's results, and leak no personal identifier;
a broken copy of the study's data stops 01 with a message, not a traceback; without a paper, 07 stops
politely and the report says the data are synthetic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import StudyRun

from surveykit import execute

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "teacher_performance"
DATA = EXAMPLE / "responses_synthetic.csv"
CODEBOOK = EXAMPLE / "codebook.yml"
# Planted in the example's identifier columns (nama, email): must appear in no output.
PLANTED = ("Guru Sintetis", "example.invalid")


def test_example_study_runs_into_its_own_output_folder(example_study: StudyRun):
    """Notebooks 01 and 02 of the example study's `make all` (conftest.py), through papermill parameters."""
    out = example_study.out
    assert example_study.returncode == 0, example_study.stderr[-3000:]
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

    before, after = example_study.study_before, example_study.study_after
    assert after["example data"] == before["example data"], "the raw file was written"
    assert after["results"] == before["results"], "the study's results/ changed"
    assert after["notebooks"] == before["notebooks"], "the committed notebooks changed"


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


@pytest.fixture(scope="module")
def warm_kernel():
    """One kernel for the broken-data cases, started, and reset between notebooks, as `make all`'s driver does."""
    execute._start_worker_kernel(str(ROOT / "notebooks"), "python3")
    yield
    execute._stop_worker_kernel()


def _run_in_warm_kernel(name: str, output: Path, **parameters: str) -> tuple[str | None, str | None]:
    """Notebook ``name`` run by the driver's code in the module's warm kernel: (user error, other error)."""
    _, user_error, other_error = execute._run_in_worker(
        (str(ROOT / "notebooks" / f"{name}.ipynb"), str(output), execute.resolve_path_parameters(parameters)))
    return user_error, other_error


def _run_cleaning_in_warm_kernel(broken: Path, out: Path) -> str:
    """The message with which 01 stops in the warm kernel: what the driver prints after "01_cleaning stopped:"."""
    user_error, other_error = _run_in_warm_kernel(
        "01_cleaning", out / "nb" / "01_cleaning.ipynb", data_path=str(broken),
        codebook_path=str(ROOT / "data" / "codebook.yml"), out_dir=str(out), reported_path="")
    assert user_error is not None, f"01 did not stop on a DataError: {other_error}"
    return user_error


# The first case goes through the command `make all` runs (exit status 2, the message on stderr);
# the others through the same driver code in one warm kernel, which saves a kernel start each.
@pytest.mark.parametrize("kind, fragments", [
    ("missing column", ["lacks column", "'QWL7'", "row 1 (header)"]),
    ("seven", ["R010 (file row 11)", "'WE4'", "answer 7 lies outside the scale 1..5"]),
    ("unknown text", ["R021 (file row 22)", "'KIN2'", "'Setuju sekali'"]),
    ("duplicate respondent", ["'R005' appears more than once", "file rows 6 and 58", "'respondent'"]),
])
def test_cleaning_notebook_stops_with_a_message_not_a_traceback(tmp_path, request, kind, fragments):
    """Issue 2's acceptance: a broken copy of the study's data stops 01 with a message naming what and where."""
    study = pd.read_csv(ROOT / "data" / "raw" / "responses.csv")
    broken = tmp_path / "responses.csv"
    _break(kind, study).to_csv(broken, index=False)
    out = tmp_path / "out"
    if kind == "missing column":
        run = subprocess.run(
            [sys.executable, "-m", "surveykit.execute", "notebooks/01_cleaning.ipynb", "--output-dir", str(out / "nb"),
             "-p", "data_path", str(broken), "-p", "codebook_path", str(ROOT / "data" / "codebook.yml"),
             "-p", "out_dir", str(out), "-p", "reported_path", ""],
            cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert run.returncode == 2, run.stderr[-2000:]
        assert "Traceback" not in run.stderr
        message = run.stderr.split("01_cleaning stopped:", 1)[1]
    else:
        request.getfixturevalue("warm_kernel")
        message = _run_cleaning_in_warm_kernel(broken, out)
        assert "Traceback" not in message
    assert str(broken) in message
    for fragment in fragments:
        assert fragment in message, message
    assert not (out / "processed" / "responses.csv").exists()


def test_own_data_figures_audit_and_report(example_study, tmp_path, warm_kernel):
    """The example study (synthetic, no paper): 06 draws its figures, 07 stops politely, the report says synthetic.

    06 comes from the session's `make all` of the example (conftest.py); 07, which `make all` leaves out
    without a paper, is run here into a copy of those outputs, in the module's warm kernel.
    """
    import shutil

    from surveykit.report import build_report

    assert example_study.returncode == 0, example_study.stderr[-3000:]
    out = tmp_path / "out"
    shutil.copytree(example_study.out, out, ignore=shutil.ignore_patterns(".stamps", "report", "thesis"))
    user_error, other_error = _run_in_warm_kernel(
        "07_replication_audit", out / "notebooks" / "07_replication_audit.ipynb", data_path=str(DATA),
        codebook_path=str(CODEBOOK), out_dir=str(out), reported_path="")
    assert user_error is None and other_error is None, other_error
    for name in ("06_indicator_means", "06_standardized_coefficients", "06_partial_regression",
                 "06_indicator_correlations", "06_construct_correlations"):
        assert (out / "figures" / f"{name}.png").is_file() and (out / "figures" / f"{name}.svg").is_file(), name
    assert not (out / "figures" / "06_residual_diagnostics.png").exists()   # the residual plots are drawn in 04
    assert not (out / "tables" / "06_rank_claims.csv").exists()  # no paper: no claims to check
    assert not list((out / "tables").glob("07_*"))
    audit_nb = (out / "notebooks" / "07_replication_audit.ipynb").read_text(encoding="utf-8")
    assert "No reported numbers were given" in audit_nb

    index = build_report(notebooks_dir=out / "notebooks", out_dir=out / "report", codebook_path=CODEBOOK,
                         reported_path="")
    text = index.read_text(encoding="utf-8")
    assert 'class="data-status synthetic"' in text and "reconstructed" not in text.lower()
    assert text.index("06_discussion_figures.html") < text.index("07_replication_audit.html")
    assert (out / "report" / "figures" / "06_indicator_means.png").is_file()
