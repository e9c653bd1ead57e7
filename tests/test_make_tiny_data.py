"""Too few respondents for the model, through `make all`: the check before any notebook stops in one
line naming the file and the rule; at the smallest n it accepts (one residual degree of freedom, a case with leverage 1)
every notebook runs and reports what is not computable instead of crashing or printing 0."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pandas as pd
from conftest import make_all

ROOT = Path(__file__).resolve().parents[1]
CODEBOOK = ROOT / "tests" / "bad_input" / "codebook.yml"  # 2 predictors
HEADER = "id,A1,A2,A3,B1,B2,B3,Y1,Y2"
# X1 and X2 (item sums) are equal for R01-R03 and differ for R04: R04 has leverage 1; n = 4 leaves 1 residual df.
LEVERAGE_ONE = [HEADER, "R01,3,4,2,4,3,2,2,3", "R02,4,4,4,5,4,3,4,4", "R03,2,1,3,1,2,3,3,2", "R04,5,5,5,1,1,1,5,4"]


def _make_all(data: Path, out: Path) -> subprocess.CompletedProcess:
    return make_all(out, data, CODEBOOK)


def test_too_few_respondents_stop_in_cleaning(tmp_path):
    data = tmp_path / "three.csv"
    data.write_text("\n".join(LEVERAGE_ONE[:4]) + "\n", encoding="utf-8")
    run = _make_all(data, tmp_path / "out")
    assert run.returncode != 0
    # The check before any kernel (make check, run first by make all) stops it, one line for the problem.
    stopped = [line for line in run.stderr.splitlines() if "only 3 respondent(s)" in line]
    assert len(stopped) == 1, run.stderr[-2000:]
    assert stopped[0].startswith("check: file ") and "three.csv: only 3 respondent(s)" in stopped[0]
    assert "n > predictors + 1, i.e. at least 4" in stopped[0] and "What to do: collect at least 4" in stopped[0]
    assert "Traceback" not in run.stderr
    written = [p.relative_to(tmp_path / "out") for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert all(p.parts[0] == ".stamps" for p in written), written


def test_degenerate_diagnostics_are_reported_not_computable(tmp_path):
    data = tmp_path / "four.csv"
    data.write_text("\n".join(LEVERAGE_ONE) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run = _make_all(data, out)
    assert run.returncode == 0, run.stderr[-3000:]
    regression = (out / "notebooks" / "05_regression.ipynb").read_text(encoding="utf-8")
    assert "**HC3 not computable.** Case(s) R04 have leverage 1" in regression
    assert "**Not computable.** Case(s) R04 have leverage 1" in regression
    assert "SDRESID) are not defined. They are shown empty, not as 0." in regression
    assert "White: not computable (the auxiliary regression has 4 parameters for 4 cases" in (
        out / "notebooks" / "04_assumptions.ipynb").read_text(encoding="utf-8")
    assumptions = (out / "notebooks" / "04_assumptions.ipynb").read_text(encoding="utf-8")
    assert "RuntimeWarning" not in regression + assumptions
    # With HC3 undefined, 04's bottom line claims no robustness it does not have.
    assert "the inference cannot be made robust" in assumptions
    assert "no predictor's verdict changes" not in assumptions
    influence = pd.read_csv(out / "tables" / "05_influence.csv").set_index("case")
    assert influence["Stud. Deleted Residual"].isna().all()
    assert influence.loc["R04", ["Stud. Residual", "Cook's Distance"]].isna().all()
    assert pd.read_csv(out / "tables" / "05_hc3.csv")["HC3 Std. Error"].isna().all()
