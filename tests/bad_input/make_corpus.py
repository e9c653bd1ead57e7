"""Write the malformed-input corpus in this folder (run once; the files it writes are committed).

Run: .venv/bin/python tests/bad_input/make_corpus.py  (XLSX/SAV bytes carry timestamps, so only re-run
it to change the corpus.)
"""
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

OUT = Path(__file__).parent

LABELS = [
    {"value": 1, "code": "STS", "id": "Sangat Tidak Setuju", "en": "Strongly disagree"},
    {"value": 2, "code": "TS", "id": "Tidak Setuju", "en": "Disagree"},
    {"value": 3, "code": "N", "id": "Netral", "en": "Neutral", "aliases": ["KS", "Kurang Setuju"]},
    {"value": 4, "code": "S", "id": "Setuju", "en": "Agree"},
    {"value": 5, "code": "SS", "id": "Sangat Setuju", "en": "Strongly agree"},
]


def codebook(**changes):
    base = {
        "study": {"title": "Malformed-input corpus (synthetic)", "data_status": "synthetic"},
        "respondent_id": "id",
        "identifiers": ["nama"],
        "missing": "stop",
        "scale": {"min": 1, "max": 5, "labels": LABELS},
        "constructs": [
            {"key": "X1", "role": "predictor", "indicators": [
                {"key": "x1a", "items": ["A1", "A2"]}, {"key": "x1b", "items": ["A3"]}]},
            {"key": "X2", "role": "predictor", "indicators": [{"key": "x2a", "items": ["B1", "B2", "B3"]}]},
            {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1", "Y2"]}]},
        ],
    }
    base.update(changes)
    return base


def write_codebook(name, book, comment):
    text = f"# {comment}\n" + yaml.safe_dump(book, sort_keys=False, allow_unicode=True)
    (OUT / name).write_text(text, encoding="utf-8")


ITEMS = ["A1", "A2", "A3", "B1", "B2", "B3", "Y1", "Y2"]
rng = np.random.default_rng(20250501)
base = pd.DataFrame(rng.integers(2, 6, size=(8, len(ITEMS))), columns=ITEMS)
base.insert(0, "id", [f"R{i:02d}" for i in range(1, 9)])


def frame():
    return base.copy().astype(object)


def write_csv(name, df, *, sep=",", bom=False, encoding="utf-8", lines=None):
    if lines is None:
        lines = [sep.join(map(str, df.columns))] + [sep.join("" if v is None else str(v) for v in row)
                                                    for row in df.itertuples(index=False)]
    text = "\n".join(lines) + "\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    (OUT / name).write_bytes(data)


cases = []


def case(name, file, *, codebook_file="codebook.yml", error=None, message=(), log=(), counts=None, note=""):
    entry = {"name": name, "file": file, "codebook": codebook_file}
    if note:
        entry["note"] = note
    if error:
        entry["error"] = error
        entry["message"] = list(message)
    else:
        entry["log"] = list(log)
        if counts:
            entry["counts"] = counts
    cases.append(entry)


write_codebook("codebook.yml", codebook(), "Codebook of the malformed-input corpus: 2 predictors, 8 items.")
write_csv("good.csv", frame())
case("well-formed file", "good.csv", log=[], counts={"n_rows": 8, "n_respondents": 8})

df = frame().drop(columns=["A3"])
write_csv("missing_column.csv", df)
case("item column missing", "missing_column.csv", error="DataError",
     message=["missing_column.csv", "row 1", "'A3'", "lacks column"])

df = frame().drop(columns=["B1", "Y2"])
write_csv("two_missing_columns.csv", df)
case("two item columns missing", "two_missing_columns.csv", error="DataError", message=["['B1', 'Y2']", "'B1'"])

df = frame().rename(columns={"B2": "B_2"})
write_csv("misspelt_item.csv", df)
case("item column misspelt", "misspelt_item.csv", error="DataError",
     message=["'B2'", "'B_2' in the file looks like 'B2'"])

df = frame().rename(columns={"Y1": "y1"})
write_csv("item_wrong_case.csv", df)
case("item column in the wrong case", "item_wrong_case.csv", error="DataError", message=["'y1' in the file looks like 'Y1'"])

df = frame()
df["comment"] = "ok"
write_csv("extra_column.csv", df)
case("undeclared extra column", "extra_column.csv", error="DataError",
     message=["extra_column.csv", "'comment'", "does not declare", "extra_columns: ignore"])

write_codebook("codebook_extra_ignore.yml", codebook(input={"extra_columns": "ignore"}),
               "Corpus codebook that ignores undeclared columns.")
case("extra column ignored as the codebook asks", "extra_column.csv", codebook_file="codebook_extra_ignore.yml",
     log=["column ignored"], counts={"n_respondents": 8})

df = frame()
df.insert(1, "nama", [f"Person {i}" for i in range(8)])
write_csv("identifier_column.csv", df)
case("identifier column dropped", "identifier_column.csv", log=["column dropped", "personal identifier"])

for bad, row in ((0, 3), (6, 5), (7, 9), (-1, 6)):
    df = frame()
    df.loc[row - 2, "B2"] = bad
    write_csv(f"value_{bad}.csv".replace("-", "minus"), df)
    case(f"out-of-range answer {bad}", f"value_{bad}.csv".replace("-", "minus"), error="DataError",
         message=[f"row R{row - 1:02d} (file row {row})", "'B2'", f"answer {bad} lies outside the scale 1..5"])

df = frame()
df.loc[3, "A2"] = 3.5
write_csv("non_integer.csv", df)
case("non-integer answer", "non_integer.csv", error="DataError",
     message=["R04 (file row 5)", "'A2'", "3.5 is not a whole number"])

df = frame()
df.loc[1, "Y1"] = "Setuju sekali"
write_csv("unknown_text.csv", df)
case("unknown text answer", "unknown_text.csv", error="DataError",
     message=["R02 (file row 3)", "'Y1'", "'Setuju sekali'", "aliases"])

df = frame()
df.loc[1, "Y1"] = "Setuju sekali"
df.loc[4, "A1"] = 9
write_csv("two_bad_cells.csv", df)
case("two bad cells: the first is named, the other counted", "two_bad_cells.csv", error="DataError",
     message=["R02 (file row 3)", "'Y1'", "1 other cell(s)", "A1 row 6"])

df = frame()
texts = {1: "STS", 2: "tidak setuju", 3: "KS", 4: "Agree", 5: "SANGAT SETUJU"}
for column in ("A1", "B3"):
    df[column] = [texts[int(v)] for v in base[column]]
write_csv("text_labels.csv", df)
case("text labels mapped to numbers", "text_labels.csv", log=["recoded", "read as"], counts={"n_respondents": 8})

df = frame()
df.loc[2, "B1"] = None
write_csv("empty_cell.csv", df)
case("empty answer stops (missing: stop)", "empty_cell.csv", error="DataError",
     message=["R03 (file row 4)", "'B1'", "empty", "drop_respondent"])

df = frame()
df.loc[2, "B1"] = "   "
write_csv("blank_text_cell.csv", df)
case("answer of spaces counts as empty", "blank_text_cell.csv", error="DataError", message=["R03 (file row 4)", "'B1'", "empty"])

write_codebook("codebook_drop.yml", codebook(missing="drop_respondent"),
               "Corpus codebook that excludes respondents with empty answers.")
case("empty answer excludes the respondent (missing: drop_respondent)", "empty_cell.csv",
     codebook_file="codebook_drop.yml", log=["respondent excluded", "B1"],
     counts={"n_rows": 8, "n_excluded": 1, "n_respondents": 7})

lines = [",".join(base.columns)] + [",".join(map(str, r)) for r in base.itertuples(index=False)]
lines.insert(4, "," * len(ITEMS))
write_csv("empty_row.csv", None, lines=lines)
case("row of empty cells dropped and logged", "empty_row.csv", log=["row dropped", "fully empty row"],
     counts={"n_rows": 9, "n_empty_rows": 1, "n_respondents": 8})

lines = [",".join(base.columns)] + [",".join(map(str, r)) for r in base.itertuples(index=False)]
lines.insert(3, "")
write_csv("blank_line.csv", None, lines=lines)
case("blank line dropped and logged", "blank_line.csv", log=["fully empty row"],
     counts={"n_rows": 9, "n_empty_rows": 1, "n_respondents": 8})

df = frame()
df.loc[5, "id"] = "R02"
write_csv("duplicate_id.csv", df)
case("duplicated respondent id", "duplicate_id.csv", error="DataError",
     message=["'R02' appears more than once", "file rows 3 and 7", "'id'"])

df = frame()
df.loc[6, "id"] = None
write_csv("missing_id.csv", df)
case("missing respondent id", "missing_id.csv", error="DataError", message=["file row 8", "'id'", "respondent id is empty"])

df = frame()
df["B3"] = 4
write_csv("constant_item.csv", df)
case("constant item noted", "constant_item.csv", log=["warning", "constant item"])

write_codebook("codebook_single_item.yml", codebook(constructs=[
    {"key": "X1", "role": "predictor", "indicators": [{"key": "x1a", "items": ["A1", "A2", "A3"]}]},
    {"key": "X2", "role": "predictor", "indicators": [{"key": "x2a", "items": ["B1", "B2", "B3"]}]},
    {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1"]}]},
], input={"extra_columns": "ignore"}), "Corpus codebook whose dependent construct has one item.")
case("construct with one item noted", "good.csv", codebook_file="codebook_single_item.yml",
     log=["note", "single item"])

write_csv("too_few.csv", frame().iloc[:3])
case("fewer respondents than predictors + 2", "too_few.csv", error="DataError",
     message=["too_few.csv", "only 3 respondent(s)", "predictors + 2"])

df = frame()
for a, b in (("A1", "B1"), ("A2", "B2"), ("A3", "B3")):
    df[b] = df[a]
write_csv("collinear.csv", df)
case("two perfectly collinear predictors", "collinear.csv", error="DataError",
     message=["collinear.csv", "perfectly collinear", "X1, X2"])

df = frame()
write_csv("semicolon.csv", df, sep=";")
case("semicolon-separated CSV", "semicolon.csv", log=[], counts={"n_respondents": 8})

df = frame()
df.loc[0, "A1"] = "3,5"
write_csv("semicolon_decimal_comma.csv", df, sep=";")
case("decimal comma in a semicolon CSV read as a number", "semicolon_decimal_comma.csv", error="DataError",
     message=["R01 (file row 2)", "'A1'", "3.5 is not a whole number"])

write_csv("bom.csv", frame(), bom=True)
case("UTF-8 with byte-order mark", "bom.csv", log=[], counts={"n_respondents": 8})

df = frame()
df.insert(1, "nama", ["Siti Aisyah"] + [f"P{i}" for i in range(7)])
write_csv("cp1252.csv", df, encoding="cp1252")
(OUT / "cp1252.csv").write_bytes((OUT / "cp1252.csv").read_bytes().replace(b"Siti Aisyah", b"Andr\xe9"))
case("not UTF-8 (Windows-1252)", "cp1252.csv", error="DataError", message=["cp1252.csv", "row 2", "not valid UTF-8", "encoding"])

lines = [",".join(base.columns)] + [",".join(map(str, r)) for r in base.itertuples(index=False)]
lines[3] = lines[3] + ",5"
write_csv("ragged.csv", None, lines=lines)
case("a line with one field too many", "ragged.csv", error="DataError", message=["ragged.csv", "well-formed", "fields"])

lines = [",".join(list(base.columns[:-1]) + ["A1"])] + [",".join(map(str, r)) for r in base.itertuples(index=False)]
write_csv("duplicate_header.csv", None, lines=lines)
case("a column name twice in the header", "duplicate_header.csv", error="DataError",
     message=["row 1", "'A1'", "appears twice"])

(OUT / "empty.csv").write_text("", encoding="utf-8")
case("empty file", "empty.csv", error="DataError", message=["empty.csv", "empty"])

(OUT / "responses.json").write_text("{}", encoding="utf-8")
case("unsupported file type", "responses.json", error="DataError", message=["responses.json", "'.json'"])

case("data file does not exist", "no_such_file.csv", error="DataError", message=["no_such_file.csv", "does not exist"])

# Excel
with pd.ExcelWriter(OUT / "workbook.xlsx", engine="openpyxl") as writer:
    pd.DataFrame({"note": ["read me"]}).to_excel(writer, sheet_name="Info", index=False)
    base.to_excel(writer, sheet_name="Responses", index=False)
write_codebook("codebook_sheet.yml", codebook(input={"sheet": "Responses"}),
               "Corpus codebook reading the sheet 'Responses' of a workbook.")
write_codebook("codebook_wrong_sheet.yml", codebook(input={"sheet": "Jawaban"}),
               "Corpus codebook naming a sheet the workbook does not have.")
case("XLSX, named sheet", "workbook.xlsx", codebook_file="codebook_sheet.yml", log=[], counts={"n_respondents": 8})
case("XLSX, wrong sheet name", "workbook.xlsx", codebook_file="codebook_wrong_sheet.yml", error="DataError",
     message=["workbook.xlsx", "no sheet named 'Jawaban'", "['Info', 'Responses']", "input.sheet"])

df = frame()
df.loc[4, "Y2"] = 8
with pd.ExcelWriter(OUT / "workbook_bad_value.xlsx", engine="openpyxl") as writer:
    df.to_excel(writer, sheet_name="Responses", index=False)
case("XLSX, out-of-range answer", "workbook_bad_value.xlsx", codebook_file="codebook_sheet.yml", error="DataError",
     message=["workbook_bad_value.xlsx [sheet Responses]", "R05 (file row 6)", "'Y2'", "answer 8"])

# SPSS
import pyreadstat  # noqa: E402

coded = base.copy()
for column in ITEMS:
    coded[column] = coded[column].astype(float) - 1  # coded 0..4
value_labels = {column: {0.0: "Sangat Tidak Setuju", 1.0: "Tidak Setuju", 2.0: "Netral", 3.0: "Setuju",
                         4.0: "Sangat Setuju"} for column in ITEMS}
pyreadstat.write_sav(coded, str(OUT / "labelled.sav"), variable_value_labels=value_labels)
case("SAV coded 0..4 with value labels", "labelled.sav", log=["recoded"], counts={"n_respondents": 8})
coded_bad = coded.copy()
coded_bad.loc[2, "B3"] = 9.0
pyreadstat.write_sav(coded_bad, str(OUT / "unlabelled_code.sav"), variable_value_labels=value_labels)
case("SAV with a code that has no value label", "unlabelled_code.sav", error="DataError",
     message=["unlabelled_code.sav", "row 3", "'B3'", "code 9 has no value label"])
plain = base.copy()
for column in ITEMS:
    plain[column] = plain[column].astype(float)
pyreadstat.write_sav(plain, str(OUT / "unlabelled.sav"))
case("SAV without value labels: numbers used as they are", "unlabelled.sav", log=[], counts={"n_respondents": 8})

# Codebooks
text = (OUT / "codebook.yml").read_text(encoding="utf-8").replace("- B3\n", "- A1\n", 1)
(OUT / "codebook_duplicate_item.yml").write_text(text.replace("# Codebook of", "# BROKEN on purpose: A1 twice. Codebook of"),
                                                 encoding="utf-8")
case("codebook names a column twice", "good.csv", codebook_file="codebook_duplicate_item.yml", error="CodebookError",
     message=["codebook_duplicate_item.yml", "'A1'", "listed twice"])
write_codebook("codebook_unknown_key.yml", codebook(missings="stop"), "BROKEN on purpose: misspelt key `missings`.")
case("codebook with an unknown key", "good.csv", codebook_file="codebook_unknown_key.yml", error="CodebookError",
     message=["codebook_unknown_key.yml", "'missings'", "unknown key"])
write_codebook("codebook_unknown_input_key.yml", codebook(input={"sheets": "Responses"}),
               "BROKEN on purpose: misspelt input option `sheets`.")
case("codebook with an unknown input option", "good.csv", codebook_file="codebook_unknown_input_key.yml",
     error="CodebookError", message=["codebook_unknown_input_key.yml", "input.sheets"])
write_codebook("codebook_no_dependent.yml", codebook(constructs=[
    {"key": "X1", "role": "predictor", "indicators": [{"key": "x1a", "items": ["A1", "A2", "A3"]}]},
    {"key": "X2", "role": "predictor", "indicators": [{"key": "x2a", "items": ["B1", "B2", "B3"]}]},
]), "BROKEN on purpose: no dependent construct.")
case("codebook without a dependent construct", "good.csv", codebook_file="codebook_no_dependent.yml",
     error="CodebookError", message=["codebook_no_dependent.yml", "role: dependent"])
(OUT / "codebook_not_yaml.yml").write_text("scale: {min: 1, max: 5\nconstructs: [\n", encoding="utf-8")
case("codebook that is not YAML", "good.csv", codebook_file="codebook_not_yaml.yml", error="CodebookError",
     message=["codebook_not_yaml.yml", "not valid YAML"])

header = ("# The malformed-input corpus: each case is a small data file (+ codebook) and what must happen.\n"
          "# error: the exception class and `message`: fragments its message must contain (file, row, column, what).\n"
          "# Otherwise cleaning must succeed, its log must contain every `log` fragment and `counts` must hold.\n"
          "# Written by make_corpus.py in this folder; the files are committed as they are.\n")
(OUT / "cases.yml").write_text(header + yaml.safe_dump({"cases": cases}, sort_keys=False, allow_unicode=True),
                               encoding="utf-8")
print(len(cases), "cases")
