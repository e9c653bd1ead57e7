"""The malformed-input corpus (tests/bad_input/cases.yml): each file either cleans with the handling
its codebook asks for (and logs it) or stops with one message naming file, row, column and what to do."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from surveykit import cleaning, readers
from surveykit.codebook import load_codebook
from surveykit.errors import CodebookError, DataError

CORPUS = Path(__file__).parent / "bad_input"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))["cases"]
ERRORS = {"DataError": DataError, "CodebookError": CodebookError}


def _run(case: dict):
    codebook = load_codebook(CORPUS / case["codebook"])
    raw = readers.read_responses(CORPUS / case["file"], codebook)
    result = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row)
    return result


def test_corpus_is_large_enough():
    assert len(CASES) >= 30
    assert len({c["name"] for c in CASES}) == len(CASES), "case names must be unique"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case):
    path = CORPUS / case["file"]
    before = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    if "error" in case:
        with pytest.raises(ERRORS[case["error"]]) as caught:
            _run(case)
        # Exactly the class promised (a DataError is a ValueError; don't accept a looser one).
        assert type(caught.value) is ERRORS[case["error"]]
        message = str(caught.value)
        for fragment in case["message"]:
            assert fragment in message, f"{fragment!r} not in: {message}"
        assert "Traceback" not in message
        if not isinstance(caught.value, CodebookError):  # YAML syntax errors quote the offending line
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
    after = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
    assert before == after, "the raw file must never be written"


def test_well_formed_case_has_an_empty_log():
    """Guards the corpus itself: the baseline file must clean without any note."""
    case = next(c for c in CASES if c["file"] == "good.csv" and c["codebook"] == "codebook.yml")
    assert _run(case).log.empty
