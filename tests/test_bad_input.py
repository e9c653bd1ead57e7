"""The malformed-input corpus (tests/bad_input/cases.yml and more_cases.yml): each file either cleans with the
handling its codebook asks for (and logs it) or stops with one message naming file, row, column and what to do;
`make check` (surveykit.check) finds the same problem by the same rules."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from surveykit import cleaning, readers
from surveykit.check import check_inputs
from surveykit.codebook import load_codebook
from surveykit.errors import CodebookError, DataError

CORPUS = Path(__file__).parent / "bad_input"
CASES = [case for name in ("cases.yml", "more_cases.yml")
         for case in yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))["cases"]]
ERRORS = {"DataError": DataError, "CodebookError": CodebookError}


def _run(case: dict):
    codebook = load_codebook(CORPUS / case["codebook"])
    raw = readers.read_responses(CORPUS / case["file"], codebook)
    result = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row)
    return result


def test_corpus_is_large_enough():
    assert len(CASES) >= 120
    assert len({c["name"] for c in CASES}) == len(CASES), "case names must be unique"


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    path = CORPUS / case["file"]
    codebook_path = CORPUS / case["codebook"]
    before = _digest(path), _digest(codebook_path)
    if "error" in case:
        with pytest.raises(ERRORS[case["error"]]) as caught:
            _run(case)
        # Exactly the class promised (a DataError is a ValueError; don't accept a looser one).
        assert type(caught.value) is ERRORS[case["error"]]
        message = str(caught.value)
        for fragment in case["message"]:
            assert fragment in message, f"{fragment!r} not in: {message}"
        if "exact" in case:
            assert message == case["exact"].replace("{corpus}", str(CORPUS))
        for secret in case.get("absent", []):
            assert secret not in message
        assert "Traceback" not in message
        assert "\n" not in message
        if isinstance(caught.value, DataError):
            assert caught.value.file is not None, "a user's error must name the file"
            assert caught.value.fix, "a user's error must say what to do"
    else:
        result = _run(case)
        log_text = result.log.to_csv(index=False)
        for fragment in case["log"]:
            assert fragment in log_text, f"{fragment!r} not in the cleaning log:\n{log_text}"
        for key, value in (case.get("counts") or {}).items():
            assert getattr(result, key) == value, key
        assert result.n_rows == result.n_empty_rows + result.n_excluded + result.n_respondents
        # Every excluded or dropped row is in the log, with its reason.
        dropped = result.log[result.log["action"].isin(["row dropped", "respondent excluded"])]
        assert len(dropped) == result.n_empty_rows + result.n_excluded
        assert (dropped["reason"].str.len() > 0).all()
        assert len(result.data) == result.n_respondents
        assert "nama" not in result.data.columns
        if "columns" in case:
            assert list(result.data.columns) == case["columns"]
        if "ids" in case:
            assert list(result.data.iloc[: len(case["ids"]), 0]) == case["ids"]
    assert (_digest(path), _digest(codebook_path)) == before, "an input must never be written"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_check_finds_what_the_notebook_stops_at(case):
    """One home for each rule: `make check` reports the problem the cleaning notebook stops with, or none."""
    report = check_inputs(CORPUS / case["file"], CORPUS / case["codebook"])
    if "error" not in case:
        assert report.ok, [str(p) for p in report.problems]
        return
    with pytest.raises(DataError) as caught:
        _run(case)
    stopped = caught.value
    assert report.problems, "make check must report what stops the notebook"
    assert all("\n" not in str(p) for p in report.problems)
    assert any((p.file, p.column, type(p)) == (stopped.file, stopped.column, type(stopped))
               for p in report.problems), (str(stopped), [str(p) for p in report.problems])


def test_well_formed_case_has_an_empty_log():
    """Guards the corpus itself: the baseline file must clean without any note."""
    case = next(c for c in CASES if c["file"] == "good.csv" and c["codebook"] == "codebook.yml")
    assert _run(case).log.empty
