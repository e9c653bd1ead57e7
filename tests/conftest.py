"""Runs the suite shares: the example study's `make all` is made once per session.

Several tests inspect what `make all DATA=... CODEBOOK=... OUT=...` writes for
the synthetic example study (data/examples/teacher_performance). Each used to
start its own kernels for it; now the first test that asks for
:func:`example_study` runs it, and every other test, in this process or in the
other pytest-xdist worker, reads the same folder. A test that changes
anything copies it first. The folder lies in the session's temporary root,
so every session proves it anew: no output is carried over from an earlier run.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# Before nbformat: it keeps nbformat's imports light (surveykit/__init__.py); `make test` loads it before
# pytest's plugins too (-p surveykit), as nbval's plugin imports nbformat before any conftest.
import surveykit  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "teacher_performance"
EXAMPLE_DATA = EXAMPLE / "responses_synthetic.csv"
EXAMPLE_CODEBOOK = EXAMPLE / "codebook.yml"
# The compendium's own folders that a run on other data must leave as they are.
STUDY_FOLDERS = ("results", "notebooks", "data/raw")
_WAIT_SECONDS = 900
# A nested `make all` starts one kernel, not two (the Makefile's KERNELS): pytest's two workers already keep
# both cores busy, and each kernel more costs a start and an import of the whole stack.
os.environ.setdefault("KERNELS", "1")


def digests(folder: Path, *, skip: tuple[str, ...] = (".stamps",), settled: bool = False) -> dict[str, str]:
    """sha256 of every file under ``folder`` (by relative path), leaving out the parts named in ``skip``.

    ``settled``: only the files that stay.  nbval may be re-executing the study's notebooks meanwhile, and
    they write each file under a hidden temporary name first, then move it into place: hidden files are
    left out, and a file moved away between listing and reading is skipped.
    """
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if set(skip) & set(relative.parts) or not path.is_file():
            continue
        if settled and any(part.startswith(".") for part in relative.parts):
            continue
        try:
            found[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
        except FileNotFoundError:
            if not settled:
                raise
    return found


# Planted in the example study's identifier columns (nama, email).
PLANTED = (b"Guru Sintetis", b"example.invalid")


def machine_paths(tmp_path: Path) -> list[bytes]:
    """Absolute folders of this machine that no output may name."""
    return [str(p).encode() for p in {ROOT, tmp_path, Path.home()} if str(p) not in ("/", "")]


def assert_nothing_leaks(out: Path, secrets) -> None:
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


def make_all(out: Path, data: Path | str, codebook: Path | str, *settings: str) -> subprocess.CompletedProcess:
    """`make all DATA=... CODEBOOK=... OUT=... [settings, e.g. LANGUAGE=id]` in the compendium, output captured."""
    return subprocess.run(["make", "all", f"DATA={data}", f"CODEBOOK={codebook}", f"OUT={out}", *settings],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)


@dataclass(frozen=True)
class StudyRun:
    """One `make all` of the example study: its OUT, what make printed, the study's folders before and after."""

    out: Path
    returncode: int
    stdout: str
    stderr: str
    study_before: dict[str, dict[str, str]]
    study_after: dict[str, dict[str, str]]


def _study_state() -> dict[str, dict[str, str]]:
    state = {name: digests(ROOT / name, skip=(), settled=True) for name in STUDY_FOLDERS}
    state["example data"] = {EXAMPLE_DATA.name: hashlib.sha256(EXAMPLE_DATA.read_bytes()).hexdigest()}
    return state


def _run_example_study(folder: Path) -> dict:
    out = folder / "teacher_results"
    before = _study_state()
    # Paths relative to the compendium, as the README tells a user to type them.
    run = make_all(out, EXAMPLE_DATA.relative_to(ROOT), EXAMPLE_CODEBOOK.relative_to(ROOT))
    return {"out": str(out), "returncode": run.returncode, "stdout": run.stdout, "stderr": run.stderr,
            "study_before": before, "study_after": _study_state()}


def _once(folder: Path, build) -> dict:
    """``build(folder)``'s JSON record, made by the first process to get here; the others wait for it.

    The lock is a file created exclusively (atomic on every platform); the
    record is written to a temporary name and renamed, so a reader never sees half of it.
    """
    record = folder / "record.json"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(folder / "lock", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        deadline = time.monotonic() + _WAIT_SECONDS
        while not record.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"no record in {folder} after {_WAIT_SECONDS} s") from None
            time.sleep(0.2)
        return json.loads(record.read_text(encoding="utf-8"))
    try:
        result = build(folder)
    except Exception as exc:  # the waiting process must not wait for ever
        result = {"error": f"{type(exc).__name__}: {exc}"}
    partial = folder / "record.json.partial"
    partial.write_text(json.dumps(result), encoding="utf-8")
    partial.replace(record)
    return result


@pytest.fixture(scope="session")
def example_study(tmp_path_factory) -> StudyRun:
    """`make all` on the example study, once per session; read it, copy it before changing anything."""
    base = tmp_path_factory.getbasetemp()
    # Under pytest-xdist every worker has its own base folder in the session's common one.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    record = _once(shared / "example_study", _run_example_study)
    if "error" in record:
        pytest.fail(f"the example study's make all could not be run: {record['error']}")
    return StudyRun(out=Path(record["out"]), returncode=record["returncode"], stdout=record["stdout"],
                    stderr=record["stderr"], study_before=record["study_before"], study_after=record["study_after"])


# `make test` runs pytest-xdist with --dist loadfile --no-loadscope-reorder: each file goes whole to one of
# two workers, in the order below.  The files that run `make all`, a kernel or a long notebook start first, so
# that neither worker ends on a long one while the other idles.  test_own_data (a warm kernel, and it reads the
# example study's run) comes after the notebooks, when that run has been made (about 15 s in; a worker that asks
# for it earlier waits for the other to finish it); test_report, which also reads it, goes last.
FIRST = ("tests/test_make_own_data.py", "tests/test_make_own_data_nip.py", "tests/test_make_tiny_data.py",
         "notebooks/03_instrument_testing.ipynb", "notebooks/06_discussion_figures.ipynb",
         "notebooks/04_assumptions.ipynb", "notebooks/05_regression.ipynb", "tests/test_own_data.py")
LAST = ("tests/test_report.py",)


def _file_rank(item: pytest.Item) -> int:
    path = item.nodeid.split("::", 1)[0]
    if path in FIRST:
        return FIRST.index(path)
    if path in LAST:
        return len(FIRST) + 1 + LAST.index(path)
    return len(FIRST)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_file_rank)  # stable: within a rank, the order of collection


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """Every test starts and ends in English: a test that switches to Indonesian cannot change another's numbers."""
    from surveykit import i18n

    i18n.use(i18n.SOURCE_LANGUAGE)
    yield
    i18n.use(i18n.SOURCE_LANGUAGE)
