"""Own data without silent harm, the output and result side: every statistic on the scored items,
interpretation classes that cover the scale, identifiers that never reach an output, no machine path
in the outputs, no write over an input or into the compendium, and a rerun decided by the inputs'
content.  Fast checks of the lib; the make runs are in tests/test_make_own_data.py."""

from __future__ import annotations

import ast
import json
import os
import subprocess
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
import yaml

from surveykit import cleaning, execute, inputs, processed, readers, reliability, scoring, validity
from surveykit.codebook import codebook_from_dict, equal_width_classes, load_codebook
from surveykit.errors import CodebookError, DataError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "teacher_performance"
CORPUS = ROOT / "tests" / "bad_input"


def independent_alpha(block: np.ndarray) -> float:
    """Cronbach's alpha from the covariance matrix: k/(k-1) * (1 - trace(C) / sum(C))."""
    cov = np.cov(block, rowvar=False)
    k = cov.shape[0]
    return k / (k - 1) * (1 - np.trace(cov) / cov.sum())


def corpus_codebook(**changes) -> dict:
    raw = yaml.safe_load((CORPUS / "codebook.yml").read_text(encoding="utf-8"))
    raw.update(changes)
    return raw


# -- 1. reverse-keyed items: one scoring for every statistic ----------------------------------

@pytest.fixture(scope="module")
def example_clean():
    codebook = load_codebook(EXAMPLE / "codebook.yml")
    raw = readers.read_responses(EXAMPLE / "responses_synthetic.csv", codebook)
    result = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row)
    return codebook, result.data


def test_example_dis_alpha_uses_the_rescored_item(example_clean):
    codebook, data = example_clean
    assert codebook.reverse_keyed == ("DIS5",)
    items = list(codebook.construct("DIS").items)
    scored = scoring.score_items(data, codebook)  # what notebook 03 analyses
    table = reliability.reliability_table(scored, codebook.construct_items()).set_index("Construct")

    by_hand = data[items].to_numpy(float).copy()
    by_hand[:, items.index("DIS5")] = codebook.scale.min + codebook.scale.max - by_hand[:, items.index("DIS5")]
    expected = independent_alpha(by_hand)
    unscored = independent_alpha(data[items].to_numpy(float))
    assert table.loc["DIS", "Cronbach's Alpha"] == pytest.approx(expected, abs=1e-12)
    assert expected - unscored > 0.5, "the example's DIS5 must matter: rescoring it changes alpha"
    assert table.loc["DIS", "Verdict"] == "reliable"
    assert table.loc["DIS", "Status"] == "ok"
    # The item-total tables of 03 see the same scored item.
    item_stats = reliability.item_total_statistics(scored, items).set_index("item")
    rest = by_hand.sum(axis=1) - by_hand[:, items.index("DIS5")]
    assert item_stats.loc["DIS5", "Corrected Item-Total Correlation"] == pytest.approx(
        np.corrcoef(by_hand[:, items.index("DIS5")], rest)[0, 1], abs=1e-12)
    assert item_stats.loc["DIS5", "Corrected Item-Total Correlation"] > 0


def test_notebook_03_scores_items_before_every_statistic():
    nb = nbformat.read(ROOT / "notebooks" / "03_instrument_testing.ipynb", as_version=4)
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    loading = next(src for src in code if "read_processed" in src)
    assert "answers = processed.read_processed(" in loading and "items = scoring.score_items(answers, codebook)" in loading
    # No other cell reads the unscored data, and the unscored answers go only to the comparison with the paper
    # (surveykit.reported.compare_with_data rescores them itself, as every statistic there is of scored items).
    assert sum("read_processed" in src for src in code) == 1
    readers_of_answers = []
    for tree in (ast.parse(src) for src in code):
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            if any(isinstance(arg, ast.Name) and arg.id == "answers" for arg in call.args):
                readers_of_answers.append(ast.unparse(call.func))
        loads = [node for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id == "answers"
                 and isinstance(node.ctx, ast.Load)]
        assert len(loads) == sum(isinstance(arg, ast.Name) and arg.id == "answers"
                                 for node in ast.walk(tree) if isinstance(node, ast.Call) for arg in node.args)
    assert readers_of_answers and set(readers_of_answers) <= {"scoring.score_items", "paper.compare_with_data"}, \
        readers_of_answers


def _reverse_worded(n=40, seed=3):
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=n)
    answers = {f"Q{j}": np.clip(np.round(3 + 1.2 * trait + rng.normal(scale=0.6, size=n)), 1, 5) for j in range(1, 4)}
    answers["Q4"] = 6 - answers["Q1"]  # worded the other way round, not declared
    answers["Q5"] = 6 - answers["Q2"]
    return pd.DataFrame(answers)


def test_negative_alpha_names_the_likely_cause():
    data = _reverse_worded()
    items = list(data.columns)
    result = reliability.cronbach_alpha(data, items)
    assert result.alpha == pytest.approx(independent_alpha(data.to_numpy(float)), abs=1e-12)
    assert result.alpha < 0
    assert result.status == reliability.STATUS_NEGATIVE
    assert "not declared under the codebook's `reverse_keyed`" in result.explanation
    assert "Q4" in result.explanation and "Q5" in result.explanation
    table = reliability.reliability_table(data, {"S": items})
    assert table.loc[0, "Status"] == "negative alpha" and "reverse_keyed" in table.loc[0, "Explanation"]


def test_negative_corrected_item_total_r_gets_a_note():
    data = _reverse_worded()
    items = list(data.columns)
    stats = reliability.item_total_statistics(data, items).set_index("item")
    corr = validity.item_total_correlations(data, items).set_index("item")
    for item in items:
        negative = stats.loc[item, "Corrected Item-Total Correlation"] < 0
        assert (reliability.NEGATIVE_R_NOTE in stats.loc[item, "note"]) == negative, item
        assert (reliability.NEGATIVE_R_NOTE in corr.loc[item, "note"]) == (corr.loc[item, "r_corrected"] < 0), item
    assert stats.loc["Q4", "Corrected Item-Total Correlation"] < 0


def test_declaring_the_item_reverse_keyed_makes_alpha_positive():
    data = _reverse_worded()
    codebook = codebook_from_dict({
        "scale": {"min": 1, "max": 5}, "reverse_keyed": ["Q4", "Q5"],
        "constructs": [{"key": "S", "indicators": [{"key": "s", "items": list(data.columns)}]},
                       {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1"]}]}]})
    scored = scoring.score_items(data, codebook)
    result = reliability.cronbach_alpha(scored, list(data.columns))
    assert result.status == "ok" and result.alpha > 0.8


# -- 2. interpretation classes cover the scale exactly once -----------------------------------

def test_derived_classes_of_a_five_point_scale_are_the_study_classes():
    study = load_codebook(ROOT / "data" / "codebook.yml")
    assert not study.interpretation_derived
    derived = equal_width_classes(study.scale)
    assert [(c.min, c.max) for c in derived] == [(c.min, c.max) for c in study.interpretation]


@pytest.mark.parametrize("low,high", [(1, 5), (1, 7), (1, 4), (0, 10), (1, 6), (1, 2), (0, 100)])
def test_derived_classes_cover_every_two_decimal_mean_exactly_once(low, high):
    raw = corpus_codebook(scale={"min": low, "max": high})
    codebook = codebook_from_dict(raw, source="codebook.yml")
    assert codebook.interpretation_derived
    assert len(codebook.interpretation) == 5
    width = (high - low) / 5
    for i, c in enumerate(codebook.interpretation):  # the (max - min) / k rule
        assert c.max == pytest.approx(round(low + (i + 1) * width, 2))
    for hundredths in range(low * 100, high * 100 + 1):
        mean = hundredths / 100
        hits = [c for c in codebook.interpretation if c.min <= mean <= c.max]
        assert len(hits) == 1, mean
        assert codebook.interpret(mean) == hits[0].id


def _with_classes(classes, scale=(1, 5)):
    return corpus_codebook(scale={"min": scale[0], "max": scale[1]},
                           interpretation=[{"min": a, "max": b, "id": f"c{i}"} for i, (a, b) in enumerate(classes)])


TEMPLATE_CLASSES = [(1.00, 1.80), (1.81, 2.60), (2.61, 3.40), (3.41, 4.20), (4.21, 5.00)]


@pytest.mark.parametrize("classes,scale,key,fragment", [
    (TEMPLATE_CLASSES, (1, 7), "interpretation[4].max", "means from 5.01 to 7.00 would get no class"),
    ([(1.0, 1.8), (1.9, 2.6), (2.61, 3.4), (3.41, 4.2), (4.21, 5.0)], (1, 5), "interpretation[1].min",
     "means from 1.81 to 1.89 would get no class"),
    ([(1.0, 1.8), (1.8, 2.6), (2.61, 3.4), (3.41, 4.2), (4.21, 5.0)], (1, 5), "interpretation[1].min", "overlap"),
    ([(1.0, 2.0), (1.5, 2.6), (2.61, 3.4), (3.41, 4.2), (4.21, 5.0)], (1, 5), "interpretation[1].min", "overlap"),
    ([(0.0, 1.8), (1.81, 2.6), (2.61, 3.4), (3.41, 4.2), (4.21, 5.0)], (1, 5), "interpretation[0].min",
     "beyond the scale"),
    ([(1.0, 1.8), (1.81, 2.6), (2.61, 3.4), (3.41, 4.2), (4.21, 5.5)], (1, 5), "interpretation[4].max",
     "beyond the scale"),
    ([(1.2, 1.8), (1.81, 2.6), (2.61, 3.4), (3.41, 4.2), (4.21, 5.0)], (1, 5), "interpretation[0].min",
     "not at the scale minimum 1"),
    ([(1.0, 1.8), (2.6, 1.81)], (1, 5), "interpretation[1].min", "down to"),
])
def test_classes_that_do_not_cover_the_scale_exactly_once_are_refused(classes, scale, key, fragment):
    with pytest.raises(CodebookError) as caught:
        codebook_from_dict(_with_classes(classes, scale), source="my_codebook.yml")
    error = caught.value
    assert isinstance(error, DataError)
    assert error.column == key and error.file == "my_codebook.yml"
    assert fragment in error.message and "\n" not in error.message
    assert "delete `interpretation`" in error.fix


def test_classes_in_any_order_that_cover_the_scale_are_accepted():
    codebook = codebook_from_dict(_with_classes(list(reversed(TEMPLATE_CLASSES))), source="c.yml")
    assert codebook.interpret(4.2) == "c1" and codebook.interpret(4.21) == "c0"


def test_seven_point_scale_never_labels_a_mean_with_five_point_classes():
    codebook = codebook_from_dict(corpus_codebook(scale={"min": 1, "max": 7}), source="c.yml")
    # The derived class of 4.2 is the one whose limits (computed from the scale) contain it.
    hit = next(c for c in codebook.interpretation if c.min <= 4.2 <= c.max)
    assert codebook.interpret(4.2) == hit.id != "sangat tinggi"
    assert codebook.interpret(6.9) == codebook.interpretation[-1].id


# -- 4. identifiers never reach an output ----------------------------------------------------

def test_identifier_also_under_profile_is_refused_naming_the_key_to_remove():
    with pytest.raises(CodebookError) as caught:
        codebook_from_dict(corpus_codebook(identifiers=["nama", "nip"], profile=["nip", "unit"]), source="c.yml")
    assert caught.value.column == "profile"
    assert "remove 'nip' from `profile`" in caught.value.fix


def test_respondent_id_under_profile_is_refused():
    with pytest.raises(CodebookError) as caught:
        codebook_from_dict(corpus_codebook(profile=["id"]), source="c.yml")
    assert caught.value.column == "profile" and "remove 'id' from `profile`" in caught.value.fix


NIPS = ["198501012010011001", "198602022011022002", "198703032012033003", "198804042013044004",
        "198905052014055005", "199006062015066006", "199107072016077007", "199208082017088008"]


def _nip_data(tmp_path, *, blank_row=False, duplicate=False):
    data = pd.read_csv(CORPUS / "good.csv", dtype=str)
    data.insert(0, "nip", NIPS[: len(data)])
    data = data.drop(columns="id")
    if duplicate:
        data.loc[5, "nip"] = data.loc[2, "nip"]
    path = tmp_path / "nip.csv"
    text = data.to_csv(index=False)
    if blank_row:
        lines = text.splitlines()
        text = "\n".join(lines[:3] + [","] * 0 + [""] + lines[3:]) + "\n"
    path.write_text(text, encoding="utf-8")
    codebook = codebook_from_dict(corpus_codebook(respondent_id="nip", identifiers=["nip", "nama"]),
                                  source="codebook.yml")
    raw = readers.read_responses(path, codebook)
    return codebook, raw


def test_respondent_id_declared_identifier_is_pseudonymised(tmp_path):
    codebook, raw = _nip_data(tmp_path, blank_row=True)
    assert codebook.pseudonymised_ids
    result = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row)
    ids = list(result.data["nip"])
    assert ids == [f"R{i:03d}" for i in range(1, len(ids) + 1)]
    written = result.data.to_csv(index=False) + result.log.to_csv(index=False)
    assert not any(nip in written for nip in NIPS)
    line = result.log[result.log["action"] == "column pseudonymised"]
    assert list(line["column"]) == ["nip"] and f"R001..R{len(ids):03d} in file order" in line["reason"].iloc[0]
    assert "nip" not in set(result.log.loc[result.log["action"] == "column dropped", "column"])


def test_duplicate_personal_id_is_not_echoed(tmp_path):
    codebook, raw = _nip_data(tmp_path, duplicate=True)
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row)
    assert "appears more than once (file rows 4 and 7)" in caught.value.message
    assert not any(nip in caught.value.message for nip in NIPS)


def test_pseudonyms_widen_beyond_999_respondents():
    named = np.ones(1200, dtype=bool)
    named[5] = False
    ids = cleaning.pseudonymous_ids(named)
    assert ids.iloc[0] == "R0001" and ids.iloc[5] == "" and ids.iloc[-1] == "R1199"


# -- 5. no path of the machine in the outputs ------------------------------------------------

def test_executed_notebooks_show_paths_relative_to_out_or_bare_names(tmp_path):
    out = tmp_path / "my results"
    params = {"data_path": "/home/someone/survey data/responses.csv", "codebook_path": str(tmp_path / "cb.yml"),
              "out_dir": str(out), "reported_path": ""}
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("\n".join(f'{k} = "{v}"' for k, v in params.items()),
                                          metadata={"tags": ["injected-parameters"]}),
                nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
                    "stream", text=f"file {params['data_path']}: bad\nwrote {out}/tables/a.csv\n"
                                   f"{ROOT}/lib/surveykit/cleaning.py line 3\n{Path.home()}/x\n")])]
    execute.redact_paths(nb, execute.path_redactions(params))
    text = nbformat.writes(nb)
    for absolute in ("/home/someone", str(tmp_path), str(ROOT), str(Path.home()) + "/"):
        assert absolute not in text
    assert 'data_path = "responses.csv"' in nb.cells[0].source and 'out_dir = "."' in nb.cells[0].source
    shown = nb.cells[1].outputs[0].text
    assert shown == "file responses.csv: bad\nwrote tables/a.csv\nlib/surveykit/cleaning.py line 3\n~/x\n"
    assert nb.cells[0].source.startswith("# Paths as make passed them")


def test_path_parameters_are_resolved_against_the_current_folder():
    resolved = execute.resolve_path_parameters({"data_path": "a b/c.csv", "reported_path": "", "alpha": "0.05"})
    assert resolved == {"data_path": os.path.abspath("a b/c.csv"), "reported_path": "", "alpha": "0.05"}


# -- 6. where files are written --------------------------------------------------------------

@pytest.mark.parametrize("out,fragment", [
    (".", "compendium's own folder"), ("..", "compendium's own folder"), ("data/raw", "inside the compendium's data/"),
    ("data", "inside the compendium's data/"), ("notebooks", "notebooks/"), ("lib/out", "lib/"),
    ("tests/bad_input/x", "tests/"), ("README.md", "is a file"),
])
def test_out_inside_the_compendium_is_refused(out, fragment, monkeypatch):
    monkeypatch.chdir(ROOT)
    problem = inputs.out_problem(out, ROOT)
    assert problem and fragment in problem and f"OUT='{out}'" in problem


def test_out_of_ones_own_is_accepted(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert inputs.out_problem("results", ROOT) is None
    assert inputs.out_problem(str(tmp_path / "a folder with spaces"), ROOT) is None


def test_study_results_under_another_name_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    problem = inputs.check_and_record(data=str(EXAMPLE / "responses_synthetic.csv"),
                                      codebook=str(EXAMPLE / "codebook.yml"), reported="",
                                      out=str(ROOT / "results"), root=ROOT, stamp=tmp_path / "s.json")
    assert "the study's results/ folder under another name" in problem
    assert not (tmp_path / "s.json").exists()


def test_input_where_the_run_writes_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "P"
    (out / "processed").mkdir(parents=True)
    data = out / "processed" / "responses.csv"
    data.write_bytes((EXAMPLE / "responses_synthetic.csv").read_bytes())
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    problem = inputs.check_and_record(data=str(data), codebook=str(EXAMPLE / "codebook.yml"), reported="",
                                      out=str(out), root=ROOT, stamp=out / ".stamps" / "inputs.json")
    assert problem == (f"DATA='{data}' lies in OUT's processed/ folder, which the run writes: the input would be "
                       "overwritten; move the file elsewhere or choose another OUT=.")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("make_path,fragment", [
    (lambda tmp: tmp / "missing.csv", "does not exist"), (lambda tmp: tmp, "is a folder, not a file")])
def test_missing_or_folder_input_is_refused(tmp_path, make_path, fragment):
    problem = inputs.input_problem("DATA", str(make_path(tmp_path)), str(tmp_path / "out"))
    assert fragment in problem and "DATA=" in problem


def test_cleaning_never_writes_over_its_input(tmp_path):
    codebook = load_codebook(CORPUS / "codebook.yml")
    out = tmp_path / "out"
    (out / "processed").mkdir(parents=True)
    data = out / "processed" / "responses.csv"
    original = (CORPUS / "good.csv").read_bytes()
    data.write_bytes(original)
    raw = readers.read_responses(data, codebook)
    result = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row)
    from surveykit.notebook import Context

    ctx = Context(codebook=codebook, out_dir=out, processed_path=data,
                  cleaning_log_path=out / "processed" / "cleaning_log.csv", tables_dir=out / "tables",
                  figures_dir=out / "figures", reported_path="")
    with pytest.raises(DataError, match="would overwrite the raw data file; nothing was written"):
        processed.write_processed(result, ctx)
    assert data.read_bytes() == original
    assert not ctx.cleaning_log_path.exists()


def test_notebook_setup_refuses_an_out_dir_in_the_compendium(tmp_path):
    from surveykit import notebook

    with pytest.raises(DataError, match="out_dir='.*data/raw' lies inside the compendium's data/ folder"):
        notebook.setup(codebook_path=str(CORPUS / "codebook.yml"), out_dir=str(ROOT / "data" / "raw"))


# -- 3. which data are used: a record of paths and contents ----------------------------------

def test_inputs_record_is_rewritten_only_when_paths_or_contents_change(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("id,A1\n1,3\n")
    second.write_text("id,A1\n1,4\n")
    os.utime(second, (0, 0))  # older than anything under OUT
    stamp = tmp_path / "out" / ".stamps" / "inputs.json"
    codebook = str(CORPUS / "codebook.yml")

    def record(data):
        return inputs.check_and_record(data=str(data), codebook=codebook, reported="", out=str(tmp_path / "out"),
                                       root=ROOT, stamp=stamp)

    assert record(first) is None
    written = stamp.read_text()
    os.utime(stamp, (1, 1))
    assert record(first) is None
    assert stamp.stat().st_mtime == 1, "an unchanged record must not be rewritten"
    assert record(second) is None  # another, older file: the record changes
    assert stamp.stat().st_mtime > 1 and stamp.read_text() != written
    os.utime(stamp, (1, 1))
    second.write_text("id,A1\n1,5\n")  # same path, new content
    os.utime(second, (0, 0))
    assert record(second) is None and stamp.stat().st_mtime > 1
    content = json.loads(stamp.read_text())
    assert content["DATA"]["name"] == "b.csv" and set(content) == {"DATA", "CODEBOOK"}
    assert str(tmp_path) not in stamp.read_text(), "the record names no folder of the machine"


# -- 6. the Makefile refuses before writing anything -----------------------------------------

@pytest.mark.parametrize("out", [".", "data/raw", "notebooks", "lib/x", "tests/out"])
def test_make_refuses_out_in_one_line_before_writing(out):
    before = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=ROOT, capture_output=True,
                            text=True).stdout
    run = subprocess.run(["make", "all", f"DATA={EXAMPLE.relative_to(ROOT)}/responses_synthetic.csv",
                          f"CODEBOOK={EXAMPLE.relative_to(ROOT)}/codebook.yml", f"OUT={out}"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60,
                         env={k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")})
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and f"OUT='{out}'" in lines[0], run.stderr
    assert run.stdout == ""
    after = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=ROOT, capture_output=True,
                           text=True).stdout
    assert after == before, "a refused run wrote something"


# -- 7. too few respondents, degenerate diagnostics ------------------------------------------

def test_too_few_respondents_stop_cleaning_in_one_line_naming_file_and_rule():
    codebook = load_codebook(CORPUS / "codebook.yml")
    raw = pd.read_csv(CORPUS / "good.csv").head(3)
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw, codebook, source="tiny.csv")
    message = caught.value.message
    assert message.startswith("file tiny.csv: only 3 respondent(s) remain after cleaning")
    assert "n > predictors + 1, i.e. at least 4" in message and "SPSS would print an exact fit" in message
    assert "collect at least 4 complete responses" in caught.value.fix and "\n" not in message


def _leverage_one_scores() -> pd.DataFrame:
    # The first three cases lie on the line X1 = X2, the fourth off it: its leverage is 1 (n = 4, k = 2).
    return pd.DataFrame({"X1": [9.0, 12.0, 6.0, 15.0], "X2": [9.0, 12.0, 6.0, 3.0], "Y": [5.0, 8.0, 5.0, 9.0]},
                        index=["R01", "R02", "R03", "R04"])


def test_leverage_one_is_not_computable_never_a_number_nor_a_crash():
    import statsmodels.api as sm

    from surveykit import regression

    scores = _leverage_one_scores()
    fit = regression.linear_regression(scores, "Y", ["X1", "X2"])
    reference = sm.OLS(scores["Y"], sm.add_constant(scores[["X1", "X2"]])).fit()
    hat = reference.get_influence().hat_matrix_diag
    assert hat[3] == pytest.approx(1.0) and fit.leverage["R04"] == pytest.approx(hat[3])
    assert fit.df_resid == 1
    for series in (fit.sresid, fit.sdresid, fit.cooks_distance):
        assert np.isnan(series["R04"])
    assert fit.sdresid.isna().all(), "one residual df: no deleted residual is defined (never 0)"
    assert fit.sresid[["R01", "R02", "R03"]].notna().all()
    assert fit.diagnostics_status == "not computable"
    assert "Case(s) R04 have leverage 1" in fit.diagnostics_explanation
    assert "1 residual degree of freedom" in fit.diagnostics_explanation
    assert "shown empty, not as 0" in fit.diagnostics_explanation
    hc3 = regression.hc3_coefficients(fit)
    assert hc3.attrs["status"] == "not computable" and "R04" in hc3.attrs["explanation"]
    assert hc3["HC3 Std. Error"].isna().all() and np.allclose(hc3["B"], reference.params)
    influence = regression.influence_table(fit)
    assert np.isnan(influence.loc[3, "Cook's Distance"]) and not influence["influential"].iloc[3]


def test_ordinary_fit_has_computable_diagnostics():
    from surveykit import regression

    rng = np.random.default_rng(5)
    scores = pd.DataFrame(rng.normal(size=(30, 3)), columns=["X1", "X2", "Y"])
    fit = regression.linear_regression(scores, "Y", ["X1", "X2"])
    assert fit.diagnostics_status == "ok" and fit.diagnostics_explanation == ""
    assert fit.sdresid.notna().all() and regression.hc3_coefficients(fit).attrs["status"] == "ok"


def test_exact_fit_leaves_standardized_residuals_undefined():
    from surveykit import regression

    scores = pd.DataFrame({"X1": [1.0, 2.0, 3.0, 4.0, 6.0], "X2": [2.0, 1.0, 4.0, 3.0, 5.0]})
    scores["Y"] = 2 * scores["X1"] - scores["X2"] + 1
    fit = regression.linear_regression(scores, "Y", ["X1", "X2"])
    assert fit.diagnostics_status == "not computable" and "fits every case exactly" in fit.diagnostics_explanation
    assert fit.zresid.isna().all() and fit.sresid.isna().all() and fit.cooks_distance.isna().all()


def test_residual_scatterplot_leaves_out_cases_without_a_studentized_residual():
    from surveykit import figures, regression

    fit = regression.linear_regression(_leverage_one_scores(), "Y", ["X1", "X2"])
    fig = figures.zpred_sresid_plot(fit.zpred, fit.sresid)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["1 case(s) without a defined SRESID not shown"]
    assert len(fig.axes[0].collections[0].get_offsets()) == 3
