"""Readers: the same answers come out of every file format a questionnaire is exported in."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import cleaning, readers
from surveykit.codebook import codebook_from_dict
from surveykit.errors import DataError

LABELS = [
    {"value": 1, "code": "STS", "id": "Sangat Tidak Setuju", "en": "Strongly disagree"},
    {"value": 2, "code": "TS", "id": "Tidak Setuju", "en": "Disagree"},
    {"value": 3, "code": "N", "id": "Netral", "en": "Neutral"},
    {"value": 4, "code": "S", "id": "Setuju", "en": "Agree"},
    {"value": 5, "code": "SS", "id": "Sangat Setuju", "en": "Strongly agree"},
]
ITEMS = ["P1", "P2", "Q1", "Q2", "Y1"]


def make_codebook(**input_options):
    return codebook_from_dict({
        "respondent_id": "responden",
        "profile": ["unit"],
        "scale": {"min": 1, "max": 5, "labels": LABELS},
        "input": input_options,
        "constructs": [
            {"key": "P", "role": "predictor", "indicators": [{"key": "p", "items": ["P1", "P2"]}]},
            {"key": "Q", "role": "predictor", "indicators": [{"key": "q", "items": ["Q1", "Q2"]}]},
            {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1"]}]},
        ],
    }, source="codebook.yml")


@pytest.fixture
def answers():
    rng = np.random.default_rng(11)
    frame = pd.DataFrame(rng.integers(1, 6, size=(9, len(ITEMS))), columns=ITEMS)
    frame.insert(0, "responden", [f"A{i}" for i in range(1, 10)])
    frame.insert(1, "unit", ["Dinas Kependudukan", "BPKAD", "Sekretariat Daerah"] * 3)
    return frame


def clean_file(path, codebook):
    raw = readers.read_responses(path, codebook)
    return cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row), raw


def assert_same_answers(result, answers):
    pd.testing.assert_frame_equal(result.data[ITEMS], answers[ITEMS], check_dtype=False)
    assert list(result.data["responden"]) == list(answers["responden"])
    assert list(result.data["unit"]) == list(answers["unit"])


def test_comma_csv(tmp_path, answers):
    path = tmp_path / "r.csv"
    answers.to_csv(path, index=False)
    result, raw = clean_file(path, make_codebook())
    assert raw.options["delimiter"] == "," and raw.first_row == 2
    assert_same_answers(result, answers)


@pytest.mark.parametrize("bom", [False, True])
def test_semicolon_decimal_comma_csv_with_or_without_bom(tmp_path, answers, bom):
    path = tmp_path / "r.csv"
    text = answers.to_csv(index=False, sep=";")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    result, raw = clean_file(path, make_codebook())
    assert raw.options["delimiter"] == ";" and raw.options["decimal"] == ","
    assert raw.data.columns[0] == "responden"  # no BOM glued to the first name
    assert_same_answers(result, answers)


def test_decimal_comma_is_read_as_a_number(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("x;y\n1;2,5\n", encoding="utf-8")
    raw = readers.read_responses(path)
    assert raw.data["y"].iloc[0] == 2.5
    path.write_text("x,y\n1,2.5\n", encoding="utf-8")
    assert readers.read_responses(path).data["y"].iloc[0] == 2.5


def test_explicit_options_override_guessing(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert readers.read_responses(path).options["delimiter"] == "\t"
    path.write_text("a;b,c\n1;2,3\n", encoding="utf-8")
    raw = readers.read_responses(path, delimiter=",", decimal=".")
    assert list(raw.data.columns) == ["a;b", "c"]


def test_text_labels_in_csv(tmp_path, answers):
    path = tmp_path / "r.csv"
    coded = answers.copy().astype(object)
    names = {1: "Sangat Tidak Setuju", 2: "tidak setuju", 3: "NETRAL", 4: "S", 5: "Strongly agree"}
    coded["P2"] = [names[v] for v in answers["P2"]]
    coded.to_csv(path, index=False)
    result, _ = clean_file(path, make_codebook())
    assert_same_answers(result, answers)


def test_blank_lines_keep_file_row_numbers(tmp_path, answers):
    path = tmp_path / "r.csv"
    lines = answers.to_csv(index=False).splitlines()
    lines.insert(3, "")
    lines[6] = lines[6].replace(",3,", ",7,", 1) if ",3," in lines[6] else lines[6].rsplit(",", 1)[0] + ",7"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        clean_file(path, make_codebook())
    assert "file row 7" in caught.value.row


def test_cp1252_with_encoding_option(tmp_path, answers):
    path = tmp_path / "r.csv"
    answers.assign(unit="Dinas Pendidikan é").to_csv(path, index=False, encoding="cp1252")
    with pytest.raises(DataError, match="not valid UTF-8") as caught:
        readers.read_responses(path, make_codebook())
    assert caught.value.row == 2
    result, _ = clean_file(path, make_codebook(encoding="cp1252"))
    assert result.data["unit"].iloc[0] == "Dinas Pendidikan é"


def test_xlsx_named_sheet(tmp_path, answers):
    path = tmp_path / "r.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame({"a": [1]}).to_excel(writer, sheet_name="Petunjuk", index=False)
        answers.to_excel(writer, sheet_name="Jawaban", index=False)
    result, raw = clean_file(path, make_codebook(sheet="Jawaban"))
    assert raw.source.endswith("[sheet Jawaban]")
    assert_same_answers(result, answers)
    with pytest.raises(DataError, match=r"no sheet named 'Responses'.*\['Petunjuk', 'Jawaban'\]"):
        readers.read_responses(path, make_codebook(sheet="Responses"))


def test_xlsx_text_answers_and_blank_row(tmp_path, answers):
    import openpyxl

    path = tmp_path / "r.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(answers.columns))
    for i, row in enumerate(answers.itertuples(index=False)):
        values = list(row)
        values[2] = {1: "STS", 2: "TS", 3: "N", 4: "S", 5: "SS"}[values[2]]
        sheet.append(values)
        if i == 2:
            sheet.append([None] * len(values))
    book.save(path)
    result, _ = clean_file(path, make_codebook())
    assert_same_answers(result, answers)
    assert list(result.log.loc[result.log["action"] == "row dropped", "row"]) == [5]  # header, 3 rows, blank


def test_sav_value_labels_map_codes(tmp_path, answers):
    import pyreadstat

    path = tmp_path / "r.sav"
    coded = answers.copy()
    for column in ITEMS:
        coded[column] = (answers[column] - 1).astype(float)  # stored 0..4
    labels = {c: {float(k - 1): lab["id"] for k, lab in zip(range(1, 6), LABELS)} for c in ITEMS}
    pyreadstat.write_sav(coded, str(path), variable_value_labels=labels)
    result, raw = clean_file(path, make_codebook())
    assert raw.first_row == 1 and set(raw.value_labels) == set(ITEMS)
    assert_same_answers(result, answers)


def test_sav_without_labels_keeps_numbers(tmp_path, answers):
    import pyreadstat

    path = tmp_path / "r.sav"
    pyreadstat.write_sav(answers.astype({c: float for c in ITEMS}), str(path))
    result, raw = clean_file(path, make_codebook())
    assert raw.value_labels == {}
    assert_same_answers(result, answers)


def test_sav_unlabelled_code_in_labelled_column(tmp_path, answers):
    import pyreadstat

    path = tmp_path / "r.sav"
    coded = answers.astype({c: float for c in ITEMS})
    coded.loc[4, "Q1"] = 9.0
    labels = {"Q1": {float(k): lab["code"] for k, lab in zip(range(1, 6), LABELS)}}
    pyreadstat.write_sav(coded, str(path), variable_value_labels=labels)
    with pytest.raises(DataError, match="code 9 has no value label") as caught:
        readers.read_responses(path)
    assert caught.value.row == 5 and caught.value.column == "Q1"


@pytest.mark.parametrize("name, content, fragment", [
    ("r.csv", "a,b,a\n1,2,3\n", "appears twice"),
    ("r.csv", "", "header"),
    ("r.csv", "a,,c\n1,2,3\n", "no name but holds values"),
    ("r.ods", "x", "cannot read files of type '.ods'"),
    ("r.xlsx", "not a zip", r"named \.xlsx but its content is not an Excel workbook.*looks like text"),
    ("r.sav", "not spss", r"named \.sav but its content is not an SPSS data file"),
])
def test_unreadable_files(tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=fragment) as caught:
        readers.read_responses(path)
    assert caught.value.file == str(path)


def test_unknown_input_option_and_missing_file(tmp_path):
    with pytest.raises(DataError, match="input.sep"):
        readers.read_responses(tmp_path / "x.csv", make_codebook(sep=";"))
    with pytest.raises(DataError, match="does not exist"):
        readers.read_responses(tmp_path / "x.csv")


def test_reader_never_writes(tmp_path, answers):
    path = tmp_path / "r.csv"
    answers.to_csv(path, index=False)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    clean_file(path, make_codebook())
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in Path(tmp_path).iterdir()) == ["r.csv"]


def test_codebook_template_loads_and_describes_a_clean_file(tmp_path):
    """data/codebook.template.yml is a working codebook: a file with its columns cleans."""
    from surveykit.codebook import load_codebook

    template = load_codebook(Path(__file__).resolve().parents[1] / "data" / "codebook.template.yml")
    assert set(readers.INPUT_KEYS) >= set(template.input)
    rng = np.random.default_rng(2)
    frame = pd.DataFrame(rng.integers(1, 6, size=(6, len(template.items))), columns=list(template.items))
    frame.insert(0, template.respondent_id, range(1, 7))
    path = tmp_path / "own.csv"
    frame.to_csv(path, index=False)
    result, _ = clean_file(path, template)
    assert result.n_respondents == 6 and result.log.empty


def test_empty_unnamed_trailing_columns_are_dropped(tmp_path, answers):
    path = tmp_path / "r.csv"
    lines = [line + ";;" for line in answers.to_csv(index=False, sep=";").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, raw = clean_file(path, make_codebook())
    assert raw.options["empty_unnamed_columns_dropped"] == [len(answers.columns) + 1, len(answers.columns) + 2]
    assert_same_answers(result, answers)
    lines[3] = lines[3] + "4"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="has no name but holds values"):
        readers.read_responses(path)


def test_sav_user_missing_code_counts_as_an_empty_answer(tmp_path, answers):
    """A code declared missing in SPSS (e.g. 9 = no answer) is an empty answer, handled by `missing:`."""
    import pyreadstat

    path = tmp_path / "r.sav"
    coded = answers.astype({c: float for c in ITEMS})
    coded.loc[6, "P1"] = 9.0
    pyreadstat.write_sav(coded, str(path), missing_ranges={"P1": [9.0]})
    with pytest.raises(DataError, match="the answer is empty") as caught:
        clean_file(path, make_codebook())
    assert caught.value.row == "A7 (file row 7)" and caught.value.column == "P1"


def test_xlsx_ids_keep_the_zeros_excel_shows(tmp_path):
    """An id typed as a number in a column formatted "000" shows as 001 in Excel; it is read as "001", not 1."""
    import openpyxl

    from surveykit.codebook import load_codebook

    corpus = Path(__file__).parent / "bad_input"
    good = pd.read_csv(corpus / "good.csv", dtype=str)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(good.columns))
    for number, row in enumerate(good.itertuples(index=False), start=1):
        sheet.append([number] + [int(v) for v in row[1:]])
        sheet.cell(row=number + 1, column=1).number_format = "000"
    sheet.cell(row=9, column=1).number_format = "General"  # the last id unformatted: shown as 8
    path = tmp_path / "ids.xlsx"
    book.save(path)
    codebook = load_codebook(corpus / "codebook.yml")
    raw = readers.read_responses(path, codebook)
    assert list(raw.data["id"]) == ["001", "002", "003", "004", "005", "006", "007", "8"]
    result = cleaning.clean(raw.data, codebook, source=raw.source)
    assert list(result.data["id"][:2]) == ["001", "002"]
