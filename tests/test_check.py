"""`make check` (surveykit.check) and the codebook's published JSON Schema.

The check lists every problem of a codebook or a data file at once, one line each, by the rules the
cleaning notebook applies (tests/test_bad_input.py compares both on the whole corpus); the schema file is
what the loader validates with, and jsonschema agrees with the loader's walk of it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from surveykit import cleaning, processed, readers
from surveykit.check import check_inputs
from surveykit.codebook import load_codebook, read_codebook
from surveykit.codebook_rules import SCHEMA_PATH, codebook_schema, parse_yaml, schema_violations
from surveykit.errors import CodebookError, DataError, quote_cell

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "bad_input"


def _bomb(levels: int, width: int = 9) -> str:
    """'Billion laughs': `levels` anchors, each a list of `width` aliases of the one before."""
    lines = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + f"\nscale: {{min: 1, max: 5}}\nconstructs: *a{levels}\n"


@pytest.mark.parametrize("levels", [3, 9, 30])
def test_alias_bomb_is_refused_before_it_expands(tmp_path, levels):
    """9 levels of 9 are 9^10 (3.5 billion) entries if expanded; 30 levels would never finish.  Refused at the
    first alias, whatever the size; the time is printed, not asserted (a loaded machine must not fail it)."""
    path = tmp_path / "bomb.yml"
    path.write_text(_bomb(levels), encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    print(f"{levels} levels refused in {time.perf_counter() - start:.4f} s")
    assert caught.value.line == 2
    assert str(caught.value) == (f"file {path}, line 2: the codebook uses the YAML alias *a0; aliases are not "
                                 "accepted (a few lines of aliases can expand to billions of entries). What to do: "
                                 "write the repeated part out in full.")


def test_anchor_without_alias_is_harmless(tmp_path):
    text = (CORPUS / "codebook.yml").read_text(encoding="utf-8").replace("missing: stop", "missing: &m stop")
    path = tmp_path / "codebook.yml"
    path.write_text(text, encoding="utf-8")
    assert load_codebook(path).missing == "stop"


def test_every_codebook_problem_is_listed_in_file_order():
    codebook, problems = read_codebook(CORPUS / "cb_several_problems.yml")
    assert codebook is None
    assert [(p.column, p.line) for p in problems] == [
        ("study", 2), ("missing", 6), ("composite", 60), ("extra_key", 61)]
    with pytest.raises(CodebookError) as caught:  # the notebook stops at the first
        load_codebook(CORPUS / "cb_several_problems.yml")
    assert str(caught.value) == str(problems[0])


def _many_problems(tmp_path: Path) -> Path:
    frame = pd.read_csv(CORPUS / "good.csv", dtype=str).drop(columns=["A3"])
    frame["comment"] = "x"
    frame.loc[1, "B2"] = "6"
    frame.loc[4, "B2"] = "6"
    frame.loc[6, "B2"] = "7"
    frame.loc[2, "Y1"] = "Setuju sekali"
    frame.loc[3, "A1"] = None
    frame.loc[6, "id"] = "R01"
    path = tmp_path / "many.csv"
    frame.to_csv(path, index=False)
    return path


def test_check_lists_every_data_problem_at_once(tmp_path):
    path = _many_problems(tmp_path)
    report = check_inputs(path, CORPUS / "codebook.yml")
    assert [(p.row, p.column) for p in report.problems] == [
        ("1 (header)", "A3"),
        ("1 (header)", "comment"),
        ("R01 (file row 8)", "id"),
        ("R02 (file row 3)", "B2"),
        ("R03 (file row 4)", "Y1"),
        ("R01 (file row 8)", "B2"),
        ("R04 (file row 5)", "A1"),
    ]
    messages = [p.problem for p in report.problems]
    assert "the answer 6 lies outside the scale 1..5. The same answer is in 1 other row(s) of this column " \
           "(file rows 6)." in messages
    assert "the respondent id 'R01' appears more than once (file rows 2 and 8)." in messages
    assert all(p.file == str(path) and p.fix for p in report.problems)
    # The notebook stops at the first of them, with its own one-line message.
    with pytest.raises(DataError) as caught:
        raw = readers.read_responses(path, load_codebook(CORPUS / "codebook.yml"))
        cleaning.clean(raw.data, load_codebook(CORPUS / "codebook.yml"), source=raw.source)
    assert (caught.value.row, caught.value.column) == ("1 (header)", "A3")


def test_check_command_prints_one_line_per_problem_and_fails(tmp_path):
    path = _many_problems(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    run = subprocess.run([sys.executable, "-m", "surveykit.check", "--data", str(path),
                          "--codebook", str(CORPUS / "codebook.yml")], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert run.returncode == 1
    assert [p.name for p in tmp_path.iterdir()] == ["many.csv"], "the check writes nothing"
    lines = run.stderr.splitlines()
    assert len(lines) == 8 and all(line.startswith("check: file ") for line in lines[:7])
    assert lines[-1].startswith("check: 7 problem(s) in ")
    assert run.stdout == ""
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_check_command_on_sound_inputs_says_what_cleaning_will_log():
    example = ROOT / "data" / "examples" / "teacher_performance"
    run = subprocess.run([sys.executable, "-m", "surveykit.check", "--data", str(example / "responses_synthetic.csv"),
                          "--codebook", str(example / "codebook.yml")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("check: OK: ")
    assert "39 respondent(s) kept" in run.stdout and "5 recoded" in run.stdout and "2 column dropped" in run.stdout


def test_check_with_a_broken_codebook_still_checks_the_data_path(tmp_path):
    report = check_inputs(tmp_path, CORPUS / "codebook_not_yaml.yml")
    assert [type(p) for p in report.problems] == [CodebookError, DataError]
    assert "is a folder" in report.problems[1].problem


def test_make_check_and_make_help(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    assert "make check " in subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    path = _many_problems(tmp_path)
    run = subprocess.run(["make", "check", f"DATA={path}", f"CODEBOOK={CORPUS / 'codebook.yml'}"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert sum(line.startswith("check: file ") for line in run.stderr.splitlines()) == 7


def test_make_all_stops_at_the_check_before_any_notebook(tmp_path):
    """`make all` runs the same check first: every problem listed, no kernel started, nothing but stamps under OUT."""
    if shutil.which("make") is None:
        pytest.skip("GNU make is not installed")
    path = _many_problems(tmp_path)
    out = tmp_path / "out"
    run = subprocess.run(["make", "all", f"DATA={path}", f"CODEBOOK={CORPUS / 'codebook.yml'}", f"OUT={out}"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    assert sum(line.startswith("check: file ") for line in run.stderr.splitlines()) == 7
    assert "ran 01_cleaning" not in run.stderr + run.stdout
    assert not (out / "notebooks").exists() and not (out / "processed").exists()


def _corpus_codebooks():
    for path in sorted(CORPUS.glob("c*.yml")):
        if path.name == "cases.yml":
            continue
        try:  # the compendium's loader: yaml.safe_load would expand the alias bomb and walking it never ends
            raw = parse_yaml(path.read_text(encoding="utf-8"))[0]
        except (CodebookError, UnicodeDecodeError):
            continue  # not acceptable YAML: no instance to validate
        yield pytest.param(raw, id=path.name)


@pytest.mark.parametrize("raw", list(_corpus_codebooks()) + [
    pytest.param({"scale": {"min": 1.0, "max": True}, "constructs": [{"key": "", "indicators": [{}]}]}, id="mixed")])
def test_schema_walk_agrees_with_jsonschema(raw):
    """The loader's walk of codebook.schema.json finds what jsonschema (Draft 2020-12) finds, on every corpus codebook."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(codebook_schema())
    validator.check_schema(codebook_schema())
    expected = sorted((tuple(map(str, e.absolute_path)), e.validator) for e in validator.iter_errors(raw))
    found = sorted((tuple(map(str, v.absolute_path)), v.validator) for v in schema_violations(raw))
    assert found == expected


def test_schema_is_published_beside_the_loader_and_named_in_the_template():
    assert SCHEMA_PATH.parent.name == "surveykit" and SCHEMA_PATH.name == "codebook.schema.json"
    template = (ROOT / "data" / "codebook.template.yml").read_text(encoding="utf-8")
    assert "lib/surveykit/codebook.schema.json" in template
    package_data = (ROOT / "lib" / "pyproject.toml").read_text(encoding="utf-8")
    assert "*.json" in package_data


def test_quote_cell_shortens_long_text_and_keeps_one_line():
    assert quote_cell("  Setuju  ") == "'Setuju'"
    assert quote_cell("x" * 40) == repr("x" * 40)
    assert quote_cell("y" * 41) == repr("y" * 39 + "\u2026")
    assert quote_cell("a\nb") == "'a\\nb'"
    assert quote_cell(3) == "3"


def test_leading_zero_ids_survive_the_processed_file(tmp_path):
    """`001` is read as text, cleaned as text, written and read back as text: never the number 1."""
    from surveykit.notebook import save_table

    codebook = load_codebook(CORPUS / "codebook.yml")
    raw = readers.read_responses(CORPUS / "ids_leading_zeros.csv", codebook)
    result = cleaning.clean(raw.data, codebook, source=raw.source)
    save_table(result.data, tmp_path / "responses.csv")
    assert (tmp_path / "responses.csv").read_text(encoding="utf-8").splitlines()[1].startswith("001,")
    assert list(processed.read_processed(tmp_path / "responses.csv", codebook)["id"][:2]) == ["001", "002"]


# -- the check's result, kept for notebook 01 (make all: --keep OUT/.stamps/checked) -------------------

EXAMPLE = ROOT / "data" / "examples" / "teacher_performance"


def _pseudonymised_example(folder: Path) -> Path:
    """The example study's codebook with its respondent id declared personal data (ids replaced by R001...)."""
    text = (EXAMPLE / "codebook.yml").read_text(encoding="utf-8")
    codebook = folder / "codebook.yml"
    codebook.write_text(text.replace("identifiers: [nama, email]", "identifiers: [nama, email, respondent]"),
                        encoding="utf-8")
    return codebook


def _kept_cases(folder: Path):
    yield EXAMPLE / "responses_synthetic.csv", EXAMPLE / "codebook.yml"  # recoded text, identifiers, exclusions
    yield EXAMPLE / "responses_synthetic.csv", _pseudonymised_example(folder)
    yield CORPUS / "ids_leading_zeros.csv", CORPUS / "codebook.yml"  # ids as text, "001"


def _assert_same_cleaning(kept, fresh) -> None:
    assert (kept.source, kept.n_rows, kept.n_columns, kept.options) == (
        fresh.source, fresh.n_rows, fresh.n_columns, fresh.options)
    a, b = kept.clean(), fresh.clean()
    pd.testing.assert_frame_equal(a.data, b.data, check_dtype=True)
    pd.testing.assert_frame_equal(a.log, b.log, check_dtype=True)
    assert a.log_messages == b.log_messages
    for name in ("source", "n_rows", "n_empty_rows", "n_excluded", "n_respondents", "identifiers_dropped",
                 "columns_ignored"):
        assert getattr(a, name) == getattr(b, name), name


def test_the_kept_result_is_what_reading_and_cleaning_give(tmp_path):
    from surveykit import check

    for number, (data, codebook_path) in enumerate(_kept_cases(tmp_path)):
        kept_dir = tmp_path / f"kept{number}"
        assert check.main(["--data", str(data), "--codebook", str(codebook_path), "--keep", str(kept_dir)]) == 0
        codebook = load_codebook(codebook_path)
        kept = check.read_once(data, codebook, codebook_path=codebook_path, kept=kept_dir)
        fresh = check.read_once(data, codebook, codebook_path=codebook_path)
        assert kept.kept is not None and kept.raw is None, "the kept result is used for the same inputs"
        assert fresh.kept is None and fresh.raw is not None
        _assert_same_cleaning(kept, fresh)
        # Nothing kept names the machine's folders (OUT holds no path), nor a declared identifier.
        for path in kept_dir.iterdir():
            content = path.read_bytes()
            assert str(ROOT).encode() not in content and str(tmp_path).encode() not in content, path.name
            assert b"Sintetis" not in content and b"example.invalid" not in content, path.name  # nama, email
            if codebook_path.parent == tmp_path:  # the pseudonymised ids: S001 never kept
                assert b"S001" not in content, path.name


def test_the_kept_result_is_not_used_when_a_byte_differs(tmp_path):
    import json

    from surveykit import check

    data = tmp_path / "responses.csv"
    shutil.copy(EXAMPLE / "responses_synthetic.csv", data)
    codebook_path = tmp_path / "codebook.yml"
    shutil.copy(EXAMPLE / "codebook.yml", codebook_path)
    kept_dir = tmp_path / "kept"
    assert check.main(["--data", str(data), "--codebook", str(codebook_path), "--keep", str(kept_dir)]) == 0
    codebook = load_codebook(codebook_path)
    assert check.read_once(data, codebook, codebook_path=codebook_path, kept=kept_dir).kept is not None
    # One answer changed: the file is read and cleaned again, and the result says so.
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace(";Netral;", ";Setuju;", 1), encoding="utf-8")
    changed = check.read_once(data, codebook, codebook_path=codebook_path, kept=kept_dir)
    assert changed.kept is None and changed.raw is not None
    assert not changed.clean().data.equals(check.read_once(EXAMPLE / "responses_synthetic.csv", codebook,
                                                           codebook_path=codebook_path).clean().data)
    # The codebook changed by a byte (a comment), or the library (its digest in the key): not used either.
    shutil.copy(EXAMPLE / "responses_synthetic.csv", data)
    assert check.read_once(data, codebook, codebook_path=codebook_path, kept=kept_dir).kept is not None
    codebook_path.write_text(codebook_path.read_text(encoding="utf-8") + "# another run\n", encoding="utf-8")
    assert check.read_once(data, codebook, codebook_path=codebook_path, kept=kept_dir).kept is None
    shutil.copy(EXAMPLE / "codebook.yml", codebook_path)
    key = json.loads((kept_dir / "key.json").read_text(encoding="utf-8"))
    (kept_dir / "key.json").write_text(json.dumps({**key, "library": "0" * 64}), encoding="utf-8")
    assert check.read_once(data, codebook, codebook_path=codebook_path, kept=kept_dir).kept is None


class _Planted:
    """What a planted pickle could do: call any importable function when loaded (here, create a file)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_with_a_matching_key_runs_nothing(tmp_path):
    """Anyone who can write OUT can write a key that matches the inputs; the result file is then loaded
    only if it is built from what a cleaning result is made of. Otherwise 01 reads the file itself."""
    import pickle

    from surveykit import check

    data, codebook_path = EXAMPLE / "responses_synthetic.csv", EXAMPLE / "codebook.yml"
    kept_dir = tmp_path / "kept"
    assert check.main(["--data", str(data), "--codebook", str(codebook_path), "--keep", str(kept_dir)]) == 0
    codebook = load_codebook(codebook_path)
    marker = tmp_path / "code ran"
    for planted in ({"n_rows": 1, "n_columns": 1, "options": {}, "narrowed": [], "result": _Planted(marker)},
                    _Planted(marker), b"not a pickle"):
        (kept_dir / "result.pickle").write_bytes(planted if isinstance(planted, bytes) else pickle.dumps(planted))
        read = check.read_once(data, codebook, codebook_path=codebook_path, kept=kept_dir)
        assert not marker.exists(), "loading the kept result ran code"
        assert read.kept is None and read.raw is not None
        _assert_same_cleaning(read, check.read_once(data, codebook, codebook_path=codebook_path))


def test_a_failed_check_keeps_nothing(tmp_path):
    from surveykit import check

    kept_dir = tmp_path / "kept"
    assert check.main(["--data", str(EXAMPLE / "responses_synthetic.csv"), "--codebook", str(EXAMPLE / "codebook.yml"),
                       "--keep", str(kept_dir)]) == 0
    assert (kept_dir / "key.json").is_file()
    assert check.main(["--data", str(_many_problems(tmp_path)), "--codebook", str(CORPUS / "codebook.yml"),
                       "--keep", str(kept_dir)]) == 1
    assert not kept_dir.exists()


def test_make_all_keeps_the_result_where_notebook_01_looks_for_it(tmp_path):
    # The Makefile's check writes under $(STAMPS_DIR)/checked; notebook.setup names the same folder for 01.
    import re

    from surveykit import notebook

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^STAMPS_DIR := \$\(OUT\)/\.stamps$", makefile, re.MULTILINE)
    rule = makefile.split("$(STAMPS)/inputs.checked:", 1)[1].split("\n\n", 1)[0]
    assert '-m surveykit.check --data "$(DATA)" --codebook "$(CODEBOOK)" --keep "$(STAMPS_DIR)/checked"' in rule
    ctx = notebook.setup(codebook_path=EXAMPLE / "codebook.yml", out_dir=str(tmp_path / "out"))
    assert ctx.kept_check_dir == tmp_path / "out" / ".stamps" / "checked"
