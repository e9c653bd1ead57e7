"""Write the second part of the malformed-input corpus: more_cases.yml and its files (run once; committed).

Hostile and careless inputs: a codebook with repeated keys, aliases, wrong types, the wrong encoding; data
files renamed, hidden sheets, spreadsheet TRUE/FALSE and date cells, SPSS string codes, leading-zero ids, an
identifier typed into an answer, odd digits and spacing.  It starts from the corpus's own codebook.yml and
good.csv (written by make_corpus.py), so both parts describe the same questionnaire.

Run: .venv/bin/python tests/bad_input/make_more_cases.py  (XLSX/SAV bytes carry timestamps: re-run only to
change the corpus.)
"""
from __future__ import annotations

import copy
import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import yaml

OUT = Path(__file__).parent
BASE_BOOK = yaml.safe_load((OUT / "codebook.yml").read_text(encoding="utf-8"))
BASE = pd.read_csv(OUT / "good.csv", dtype=str)
ITEMS = [c for c in BASE.columns if c != "id"]
cases: list[dict] = []


def book(**changes):
    result = copy.deepcopy(BASE_BOOK)
    result.update(changes)
    return result


def write_book(name: str, content, comment: str) -> str:
    text = content if isinstance(content, str) else yaml.safe_dump(content, sort_keys=False, allow_unicode=True)
    (OUT / name).write_text(f"# {comment}\n{text}", encoding="utf-8")
    return name


def frame() -> pd.DataFrame:
    return BASE.copy()


def write_lines(name: str, lines: list[str], *, encoding: str = "utf-8", prefix: bytes = b"") -> str:
    (OUT / name).write_bytes(prefix + ("\n".join(lines) + "\n").encode(encoding))
    return name


def csv_lines(df: pd.DataFrame, sep: str = ",") -> list[str]:
    return [sep.join(df.columns)] + [sep.join("" if pd.isna(v) else str(v) for v in row)
                                     for row in df.itertuples(index=False)]


def write_csv(name: str, df: pd.DataFrame, sep: str = ",") -> str:
    return write_lines(name, csv_lines(df, sep))


def write_xlsx(name: str, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> str:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    workbook.save(OUT / name)
    return name


def rows_of(df: pd.DataFrame, numbers: bool = True) -> list[list]:
    body = [[v if c == "id" or not numbers else int(v) for c, v in zip(df.columns, row)]
            for row in df.itertuples(index=False)]
    return [list(df.columns)] + body


def case(name, file, codebook="codebook.yml", *, error=None, exact=None, message=(), log=(), counts=None,
         columns=None, ids=None, absent=()):
    """A case: `exact` is the whole message ({corpus} stands for this folder); `message` fragments it must hold;
    `absent` texts it must not hold (identifier values); on success `columns`/`ids` of the cleaned data."""
    entry = {"name": name, "file": file, "codebook": codebook}
    if error:
        entry["error"] = error
        entry["message"] = list(message)
        if exact:
            entry["exact"] = exact
        if absent:
            entry["absent"] = list(absent)
    else:
        entry["log"] = list(log)
        if counts:
            entry["counts"] = counts
        if columns:
            entry["columns"] = columns
        if ids:
            entry["ids"] = ids
    cases.append(entry)


CB = "{corpus}/"
VALUE_FIX = ("What to do: correct the cell in the raw file (or leave it empty if the answer is really missing); "
             "if it is a label your form used, add it under `aliases` of that value in the codebook's `scale.labels`.")
LABELS = "(STS/Sangat Tidak Setuju; TS/Tidak Setuju; N/Netral; S/Setuju; SS/Sangat Setuju)"

# ---------------------------------------------------------------- codebook: YAML level
text = (OUT / "codebook.yml").read_text(encoding="utf-8")
write_book("cb_duplicate_key.yml", text.split("\n", 1)[1] + "missing: drop_respondent\n",
           "BROKEN on purpose: `missing` twice (YAML would keep the last).")
case("codebook key given twice", "good.csv", "cb_duplicate_key.yml", error="CodebookError",
     exact=f"file {CB}cb_duplicate_key.yml, key 'missing', line 62: the key `missing` appears twice in one mapping "
           "(lines 8 and 62); YAML would silently keep only the last. What to do: delete or merge one of the two "
           "entries.")
write_book("cb_duplicate_nested_key.yml", text.split("\n", 1)[1].replace("    en: Agree\n", "    en: Agree\n    en: Agreed\n"),
           "BROKEN on purpose: a label's `en` twice.")
case("codebook key given twice inside a label", "good.csv", "cb_duplicate_nested_key.yml", error="CodebookError",
     message=["cb_duplicate_nested_key.yml", "key 'en'", "appears twice", "line 32", "lines 31 and 32"])
bomb = "\n".join(["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                 + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]) + "\n"
write_book("cb_alias_bomb.yml", bomb + "scale: {min: 1, max: 5}\nconstructs: *a9\n",
           "HOSTILE on purpose: 'billion laughs' (9^10 entries if expanded).")
case("YAML alias bomb refused", "good.csv", "cb_alias_bomb.yml", error="CodebookError",
     exact=f"file {CB}cb_alias_bomb.yml, line 3: the codebook uses the YAML alias *a0; aliases are not accepted (a few "
           "lines of aliases can expand to billions of entries). What to do: write the repeated part out in full.")
(OUT / "cb_cp1252.yml").write_bytes(("# Codebook saved as Windows-1252 on purpose.\n" + text.split("\n", 1)[1]
                                     .replace("Malformed-input corpus (synthetic)", "Caf\u00e9 survey"))
                                    .encode("cp1252"))
case("codebook saved as Windows-1252", "good.csv", "cb_cp1252.yml", error="CodebookError",
     exact=f"file {CB}cb_cp1252.yml, line 3: the codebook is not UTF-8 text (it was probably saved as "
           "Windows-1252/ANSI); codebooks are read as UTF-8. What to do: re-save it as UTF-8 (Notepad: File > Save As "
           "> Encoding UTF-8; VS Code: 'Save with Encoding' > UTF-8).")
case("codebook path is a folder", "good.csv", "cb_folder", error="CodebookError",
     exact=f"file {CB}cb_folder: the codebook path is a folder, not a file. What to do: give the codebook file "
           "itself, e.g. CODEBOOK=folder/codebook.yml.")
write_book("cb_empty.yml", "", "An empty codebook.")
case("empty codebook", "good.csv", "cb_empty.yml", error="CodebookError",
     message=["cb_empty.yml", "must be a YAML mapping with at least `scale` and `constructs`"])
write_book("cb_list.yml", "- scale\n- constructs\n", "BROKEN on purpose: a list, not a mapping.")
case("codebook that is a list", "good.csv", "cb_list.yml", error="CodebookError",
     message=["cb_list.yml", "must be a YAML mapping"])
write_book("cb_tab_indent.yml", text.split("\n", 1)[1].replace("  min: 1\n", "\tmin: 1\n"),
           "BROKEN on purpose: a tab used for indentation.")
case("codebook indented with a tab", "good.csv", "cb_tab_indent.yml", error="CodebookError",
     message=["cb_tab_indent.yml", "line 10", "not valid YAML", "found character '\\t' that cannot start any token",
              "fix the YAML syntax at that line"])

# ---------------------------------------------------------------- codebook: types and shapes
labels = copy.deepcopy(BASE_BOOK["scale"]["labels"])
labels[2]["value"] = "3"
write_book("cb_label_value_text.yml", book(scale={"min": 1, "max": 5, "labels": labels}),
           'BROKEN on purpose: label value: "3".')
case("label value given as text", "good.csv", "cb_label_value_text.yml", error="CodebookError",
     exact=f"file {CB}cb_label_value_text.yml, key 'scale.labels[2].value', line 21: the text '3' is given; it must "
           "be a whole number. What to do: write the number without quotes: 3.")
write_book("cb_class_without_min.yml", book(interpretation=[{"min": 1.0, "max": 3.0, "id": "rendah"},
                                                            {"max": 5.0, "id": "tinggi"}]),
           "BROKEN on purpose: an interpretation class without min.")
case("interpretation class without min", "good.csv", "cb_class_without_min.yml", error="CodebookError",
     exact=f"file {CB}cb_class_without_min.yml, key 'interpretation[1].min', line 66: this required key is missing. "
           "What to do: correct the codebook; data/codebook.template.yml shows every key.")
write_book("cb_study_string.yml", book(study="Kinerja pegawai 2024"), "BROKEN on purpose: study: as a string.")
case("study given as a string", "good.csv", "cb_study_string.yml", error="CodebookError",
     exact=f"file {CB}cb_study_string.yml, key 'study', line 2: the text 'Kinerja pegawai 2024' is given; it must be a "
           "mapping (key: value lines). What to do: write it as indented `key: value` lines, as in "
           "data/codebook.template.yml (e.g. study: {title: ..., data_status: real}).")
write_book("cb_unknown_encoding.yml", book(input={"encoding": "utf-9"}), "BROKEN on purpose: unknown encoding.")
case("unknown encoding", "good.csv", "cb_unknown_encoding.yml", error="CodebookError",
     exact=f"file {CB}cb_unknown_encoding.yml, key 'input.encoding', line 63: the encoding 'utf-9' is not known. "
           "What to do: use the file's encoding, e.g. utf-8 (the default), cp1252 or latin-1; or remove the key.")
write_book("cb_numeric_encoding.yml", book(input={"encoding": 1252}), "BROKEN on purpose: encoding: 1252.")
case("encoding given as a number", "good.csv", "cb_numeric_encoding.yml", error="CodebookError",
     exact=f"file {CB}cb_numeric_encoding.yml, key 'input.encoding', line 63: the number 1252 is given; it must be a "
           "text. What to do: write a text (put it in quotes if YAML reads it as something else).")
labels = copy.deepcopy(BASE_BOOK["scale"]["labels"])
labels[1]["en"] = False  # what YAML makes of an unquoted `en: No`
write_book("cb_label_yes_no.yml", yaml.safe_dump(book(scale={"min": 1, "max": 5, "labels": labels}),
                                                sort_keys=False).replace("en: false", "en: No"),
           "BROKEN on purpose: an unquoted No, which YAML reads as false.")
case("label text No read by YAML as false", "good.csv", "cb_label_yes_no.yml", error="CodebookError",
     message=["key 'scale.labels[1].en'", "the yes/no value false is given; it must be a text",
              "put the text in quotes"])
write_book("cb_scale_min_text.yml", book(scale={**BASE_BOOK["scale"], "min": "1"}), "BROKEN on purpose: min: '1'.")
case("scale min given as text", "good.csv", "cb_scale_min_text.yml", error="CodebookError",
     message=["key 'scale.min'", "the text '1' is given; it must be a whole number", "without quotes: 1"])
write_book("cb_class_decimal_comma.yml", book(interpretation=[{"min": "1,00", "max": 5.0, "id": "semua"}]),
           "BROKEN on purpose: a class limit with a decimal comma.")
case("interpretation limit with a decimal comma", "good.csv", "cb_class_decimal_comma.yml", error="CodebookError",
     message=["key 'interpretation[0].min'", "the text '1,00' is given; it must be a number", "decimal point"])
write_book("cb_identifiers_string.yml", book(identifiers="nama"), "BROKEN on purpose: identifiers: nama (not a list).")
case("identifiers given as one name, not a list", "good.csv", "cb_identifiers_string.yml", error="CodebookError",
     message=["key 'identifiers'", "the text 'nama' is given; it must be a list", "[A1, A2]"])
write_book("cb_empty_respondent_id.yml", book(respondent_id=""), "BROKEN on purpose: respondent_id: ''.")
case("respondent_id empty", "good.csv", "cb_empty_respondent_id.yml", error="CodebookError",
     message=["key 'respondent_id'", "the name is empty"])
write_book("cb_delimiter_colon.yml", book(input={"delimiter": ":"}), "BROKEN on purpose: delimiter ':'.")
case("unsupported delimiter", "good.csv", "cb_delimiter_colon.yml", error="CodebookError",
     message=["key 'input.delimiter'", "the text ':' is not allowed", "[',', ';', '\\t', '|']"])
write_book("cb_missing_policy.yml", book(missing="skip"), "BROKEN on purpose: missing: skip.")
case("unknown missing policy", "good.csv", "cb_missing_policy.yml", error="CodebookError",
     message=["key 'missing'", "'skip' is not allowed", "['stop', 'drop_respondent']"])
write_book("cb_composite.yml", book(composite="average"), "BROKEN on purpose: composite: average.")
case("unknown composite", "good.csv", "cb_composite.yml", error="CodebookError",
     message=["key 'composite'", "'average' is not allowed", "['sum', 'mean']"])
constructs = copy.deepcopy(BASE_BOOK["constructs"])
constructs[2]["role"] = "outcome"
write_book("cb_role.yml", book(constructs=constructs), "BROKEN on purpose: role: outcome.")
case("unknown role", "good.csv", "cb_role.yml", error="CodebookError",
     message=["key 'constructs[Y].role'", "'outcome' is not allowed", "['predictor', 'dependent']"])
write_book("cb_constructs_empty.yml", book(constructs=[]), "BROKEN on purpose: no constructs.")
case("constructs list empty", "good.csv", "cb_constructs_empty.yml", error="CodebookError",
     message=["key 'constructs'", "the list is empty"])
write_book("cb_constructs_mapping.yml", book(constructs={"X1": ["A1"]}), "BROKEN on purpose: constructs as a mapping.")
case("constructs given as a mapping", "good.csv", "cb_constructs_mapping.yml", error="CodebookError",
     message=["key 'constructs'", "a mapping is given; it must be a list"])
constructs = copy.deepcopy(BASE_BOOK["constructs"])
constructs[1]["indicators"][0]["items"] = []
write_book("cb_indicator_no_items.yml", book(constructs=constructs), "BROKEN on purpose: an indicator without items.")
case("indicator with no items", "good.csv", "cb_indicator_no_items.yml", error="CodebookError",
     message=["key 'constructs[X2].indicators[x2a].items'", "the list is empty"])
constructs = copy.deepcopy(BASE_BOOK["constructs"])
del constructs[1]["indicators"][0]["items"]
write_book("cb_indicator_items_key_missing.yml", book(constructs=constructs),
           "BROKEN on purpose: an indicator without the items key.")
case("indicator without an items key", "good.csv", "cb_indicator_items_key_missing.yml", error="CodebookError",
     message=["key 'constructs[X2].indicators[x2a].items'", "this required key is missing"])
constructs = copy.deepcopy(BASE_BOOK["constructs"])
constructs[0]["indicators"][0]["items"] = ["A1", ""]
write_book("cb_item_empty_name.yml", book(constructs=constructs), "BROKEN on purpose: an item named ''.")
case("item with an empty name", "good.csv", "cb_item_empty_name.yml", error="CodebookError",
     message=["key 'constructs[X1].indicators[x1a].items[1]'", "the name is empty"])

# ---------------------------------------------------------------- codebook: rules
constructs = copy.deepcopy(BASE_BOOK["constructs"])
constructs[0]["role"] = "dependent"
write_book("cb_two_dependents.yml", book(constructs=constructs), "BROKEN on purpose: two dependent constructs.")
case("two dependent constructs", "good.csv", "cb_two_dependents.yml", error="CodebookError",
     message=["key 'constructs'", "exactly one construct must have role: dependent (found 2)"])
write_book("cb_no_predictor.yml", book(constructs=[BASE_BOOK["constructs"][2]]),
           "BROKEN on purpose: only the dependent construct.")
case("no predictor construct", "good.csv", "cb_no_predictor.yml", error="CodebookError",
     message=["at least one construct must have role: predictor"])
write_book("cb_scale_reversed.yml", book(scale={**BASE_BOOK["scale"], "min": 5, "max": 1}),
           "BROKEN on purpose: min 5, max 1.")
case("scale min above max", "good.csv", "cb_scale_reversed.yml", error="CodebookError",
     message=["key 'scale'", "scale min 5 and max 1: min must be smaller than max"])
labels = copy.deepcopy(BASE_BOOK["scale"]["labels"])
labels[4]["value"] = 6
write_book("cb_label_outside.yml", book(scale={"min": 1, "max": 5, "labels": labels}), "BROKEN on purpose: value 6.")
case("label value outside the scale", "good.csv", "cb_label_outside.yml", error="CodebookError",
     message=["key 'scale.labels[4].value'", "label value 6 lies outside the scale 1..5"])
labels = copy.deepcopy(BASE_BOOK["scale"]["labels"])
labels[4]["code"] = "S"
write_book("cb_label_text_twice.yml", book(scale={"min": 1, "max": 5, "labels": labels}),
           "BROKEN on purpose: code S for 4 and 5.")
case("one answer text for two values", "good.csv", "cb_label_text_twice.yml", error="CodebookError",
     message=["key 'scale.labels[4]'", "the answer text 'S' is given for two scale values (4 and 5)"])
labels = copy.deepcopy(BASE_BOOK["scale"]["labels"])
labels.append({"value": 3, "code": "R", "id": "Ragu-ragu", "en": "Unsure"})
write_book("cb_value_two_labels.yml", book(scale={"min": 1, "max": 5, "labels": labels}),
           "BROKEN on purpose: value 3 labelled twice.")
case("one value with two labels", "good.csv", "cb_value_two_labels.yml", error="CodebookError",
     message=["key 'scale.labels[5].value'", "the value 3 has two labels (scale.labels[2] and [5])", "aliases"])
write_book("cb_reverse_not_item.yml", book(reverse_keyed=["A9"]), "BROKEN on purpose: reverse_keyed names A9.")
case("reverse_keyed names a non-item", "good.csv", "cb_reverse_not_item.yml", error="CodebookError",
     message=["key 'reverse_keyed[0]'", "`reverse_keyed` names 'A9', which is not an item"])
write_book("cb_id_is_item.yml", book(respondent_id="A1"), "BROKEN on purpose: the id column is an item.")
case("respondent id column is also an item", "good.csv", "cb_id_is_item.yml", error="CodebookError",
     message=["key 'respondent_id'", "the respondent id column 'A1' is also an item"])
constructs = copy.deepcopy(BASE_BOOK["constructs"])
constructs[1]["key"] = "X1"
write_book("cb_construct_key_twice.yml", book(constructs=constructs), "BROKEN on purpose: construct key X1 twice.")
case("construct key used twice", "good.csv", "cb_construct_key_twice.yml", error="CodebookError",
     message=["key 'constructs[X1].key'", "the key 'X1' is used twice"])
constructs = copy.deepcopy(BASE_BOOK["constructs"])
constructs[0]["indicators"][0]["items"] = ["A1", "A2", "A2"]
write_book("cb_item_twice_in_indicator.yml", book(constructs=constructs), "BROKEN on purpose: A2 twice in x1a.")
case("item listed twice in one indicator", "good.csv", "cb_item_twice_in_indicator.yml", error="CodebookError",
     message=["key 'constructs[X1].indicators[x1a].items[2]'", "'A2' is listed twice"])
write_book("cb_profile_is_item.yml", book(profile=["B1"]), "BROKEN on purpose: B1 is a profile column and an item.")
case("profile column is also an item", "good.csv", "cb_profile_is_item.yml", error="CodebookError",
     message=["key 'profile[0]'", "'B1' is listed both as an item and under `profile`"])
constructs = copy.deepcopy(BASE_BOOK["constructs"])
constructs[2]["indicators"][0]["items"] = ["Y1", "Y2", "Y3"]
write_book("cb_dependent_item_absent.yml", book(constructs=constructs),
           "Corpus codebook whose dependent construct names an item the data lack.")
case("dependent variable's item missing from the data", "good.csv", "cb_dependent_item_absent.yml",
     error="DataError", message=["good.csv", "row 1 (header)", "column 'Y3'", "lacks column(s) the codebook requires: ['Y3']"])
write_book("cb_several_problems.yml", book(missing="skip", composite="average", study="x", extra_key=1),
           "BROKEN on purpose: four problems, all reported by make check.")
case("codebook with several problems: the first stops the notebook", "good.csv", "cb_several_problems.yml",
     error="CodebookError", message=["key 'study'", "line 2", "the text 'x' is given; it must be a mapping"])

# ---------------------------------------------------------------- data: files and paths
case("data path is a folder", "cb_folder", error="DataError",
     exact=f"file {CB}cb_folder: the data path is a folder, not a file. What to do: give the data file itself, "
           "e.g. DATA=folder/responses.csv.")
(OUT / "cb_folder").mkdir(exist_ok=True)
(OUT / "cb_folder" / "README").write_text("A folder, given where a file is expected (corpus case).\n", encoding="utf-8")
(OUT / "workbook_renamed.csv").write_bytes((OUT / "workbook.xlsx").read_bytes())
case("Excel workbook renamed .csv", "workbook_renamed.csv", error="DataError",
     exact=f"file {CB}workbook_renamed.csv: the file is named .csv but its content looks like an Excel workbook "
           "(.xlsx; a zip archive). What to do: rename it to .xlsx (or export it as CSV UTF-8).")
(OUT / "csv_renamed.xlsx").write_bytes((OUT / "good.csv").read_bytes())
case("CSV renamed .xlsx", "csv_renamed.xlsx", error="DataError",
     message=["csv_renamed.xlsx", "named .xlsx but its content is not an Excel workbook", "looks like text (a CSV file?)"])
(OUT / "sav_renamed.csv").write_bytes((OUT / "labelled.sav").read_bytes())
case("SPSS file renamed .csv", "sav_renamed.csv", error="DataError",
     message=["sav_renamed.csv", "content looks like an SPSS data file (.sav)", "rename it to .sav"])
write_lines("only_bom.csv", [""], prefix=b"\xef\xbb\xbf")
case("file holding only a byte-order mark", "only_bom.csv", error="DataError",
     message=["only_bom.csv", "row 1", "empty or its first line (the header) is blank"])
(OUT / "utf16.csv").write_bytes("\n".join(csv_lines(frame())).encode("utf-16"))
case("UTF-16 text (Excel 'Unicode Text')", "utf16.csv", error="DataError",
     message=["utf16.csv", "UTF-16 text", "encoding: utf-16"])
write_lines("header_only.csv", [",".join(BASE.columns)])
case("header line only", "header_only.csv", error="DataError", message=["header_only.csv", "only 0 respondent(s)"])
write_lines("blank_header.csv", [""] + csv_lines(frame()))
case("blank first line before the header", "blank_header.csv", error="DataError",
     message=["blank_header.csv", "row 1", "header", "blank"])

# ---------------------------------------------------------------- data: separators, quotes, spacing
write_csv("tabs.csv", frame(), sep="\t")
case("tab-separated file", "tabs.csv", log=[], counts={"n_respondents": 8})
lines = csv_lines(frame())
lines[4] = lines[4].replace(",", ";")
write_lines("mixed_separators.csv", lines)
case("one row with another separator", "mixed_separators.csv", error="DataError",
     exact=f"file {CB}mixed_separators.csv, row 5: the row is one field holding ';', while the header is separated by "
           "',': the file mixes separators. What to do: save the whole file again with one separator (e.g. ','), or "
           "set `input: {delimiter: ...}` in the codebook.")
lines = csv_lines(frame())
lines[2] = ",".join(f'"{v}"' for v in lines[2].split(","))
write_lines("quoted_cells.csv", lines)
case("every cell of a row in quotes", "quoted_cells.csv", log=[], counts={"n_respondents": 8})
lines = csv_lines(frame())
lines[3] = lines[3].replace(",3,", ',"3,', 1)
write_lines("unbalanced_quote.csv", lines)
case("unbalanced quote", "unbalanced_quote.csv", error="DataError", message=["unbalanced_quote.csv"])
(OUT / "crlf.csv").write_bytes("".join(line + "\r\n" for line in csv_lines(frame())).encode("utf-8"))
case("Windows line endings (CRLF)", "crlf.csv", log=[], counts={"n_respondents": 8})
df = frame()
df.columns = [f" {c} " if c in ("A1", "Y2") else c for c in df.columns]
write_csv("header_spaces.csv", df)
case("spaces around header names", "header_spaces.csv", log=[], counts={"n_respondents": 8})
write_lines("trailing_delimiters.csv", [line + "," for line in csv_lines(frame())])
case("a trailing separator on every line (empty unnamed column)", "trailing_delimiters.csv", log=[],
     counts={"n_respondents": 8})
df = frame()
df["a1"] = df["A1"]
write_csv("column_twice_other_case.csv", df)
case("a column repeated in another case", "column_twice_other_case.csv", error="DataError",
     message=["row 1 (header)", "column 'a1'", "does not declare"])
lines = csv_lines(frame())
lines[5] = lines[5].rsplit(",", 3)[0]
write_lines("short_row.csv", lines)
case("a row with fewer fields than the header", "short_row.csv", error="DataError",
     message=["R05 (file row 6)", "column 'B3'", "the answer is empty"])
df = frame()
df.loc[3, ITEMS] = None
write_csv("only_id.csv", df)
case("a row with an id and no answers", "only_id.csv", error="DataError",
     message=["R04 (file row 5)", "column 'A1'", "the answer is empty (8 empty answer(s) in 1 row(s) in all)"])
df = frame()
df.loc[5, "id"] = " R02 "
write_csv("id_spaces_duplicate.csv", df)
case("ids differing only by spaces are the same id", "id_spaces_duplicate.csv", error="DataError",
     message=["'R02' appears more than once", "file rows 3 and 7"])

# ---------------------------------------------------------------- data: answers
for name, value, row, column, fragments in (
        ("answer_arabic_digit.csv", "\u0663", 4, "A2", ["'\u0663' is written with digits other than 0-9"]),
        ("answer_fullwidth_digit.csv", "\uff14", 6, "B1", ["'\uff14' is written with digits other than 0-9"]),
        ("answer_na.csv", "NA", 3, "Y1", ["the answer 'NA' is neither a number 1..5 nor one of the scale's labels"]),
        ("answer_dash.csv", "-", 7, "B3", ["the answer '-' is neither a number 1..5"]),
        ("answer_99.csv", "99", 9, "A3", ["the answer 99 lies outside the scale 1..5"]),
        ("answer_formula.csv", "=1+2", 2, "Y2", ["the answer '=1+2' is neither a number 1..5"]),
        ("answer_two_numbers.csv", "3/4", 5, "A1", ["the answer '3/4' is neither a number 1..5"]),
        ("answer_excel_error.csv", "#N/A", 8, "B2", ["the answer '#N/A' is neither a number 1..5"]),
):
    df = frame()
    df.loc[row - 2, column] = value
    write_csv(name, df)
    case(f"answer {value!r}", name, error="DataError",
         message=[f"R0{row - 1} (file row {row})", f"column '{column}'", *fragments])
df = frame()
df.loc[2, "A1"] = "3 "
df.loc[4, "B2"] = " 4"
write_csv("answer_spaces.csv", df)
case("answers '3 ' and ' 4' read as 3 and 4", "answer_spaces.csv", log=[], counts={"n_respondents": 8})
df = frame()
df.loc[1, "A2"] = "  sangat   SETUJU "
df.loc[3, "Y1"] = "Setuju\u00a0"
write_csv("labels_odd_spacing.csv", df)
case("labels in odd case and spacing (non-breaking space too)", "labels_odd_spacing.csv",
     log=["text answer 'sangat   SETUJU' read as 5", "text answer 'Setuju' read as 4"], counts={"n_respondents": 8})
df = frame()
df.loc[4, "B1"] = "Saya tidak yakin dengan pertanyaan ini karena atasan saya sering berganti setiap tahun"
write_csv("long_text_answer.csv", df)
case("long free text shortened in the message", "long_text_answer.csv", error="DataError",
     exact=f"file {CB}long_text_answer.csv, row R05 (file row 6), column 'B1': the answer 'Saya tidak yakin dengan "
           f"pertanyaan ini\u2026' is neither a number 1..5 nor one of the scale's labels {LABELS}. {VALUE_FIX}",
     absent=["atasan saya"])
lines = csv_lines(frame())
write_lines("newline_in_answer.csv", lines[:6] + [lines[6].replace(",4,", ',"setuju\nsekali",', 1)] + lines[7:])
case("a line break inside a quoted answer stays on one message line", "newline_in_answer.csv", error="DataError",
     message=["R06 (file row 7)", "column 'A1'", "'setuju\\nsekali'"])
df = frame()
df.insert(1, "nama", [f"Responden {i}" for i in range(1, 9)])
df.loc[2, "Y2"] = "Siti Nurhaliza"
df.loc[2, "nama"] = "Siti Nurhaliza"
write_csv("identifier_in_answer.csv", df)
case("a name typed into an answer is not echoed", "identifier_in_answer.csv", error="DataError",
     exact=f"file {CB}identifier_in_answer.csv, row R03 (file row 4), column 'Y2': the answer (a text that also "
           f"appears in an identifier column; not shown) is neither a number 1..5 nor one of the scale's labels "
           f"{LABELS}. {VALUE_FIX}", absent=["Siti", "Nurhaliza"])

# ---------------------------------------------------------------- data: ids
df = frame()
df["id"] = [f"{i:03d}" for i in range(1, 9)]
write_csv("ids_leading_zeros.csv", df)
case("ids with leading zeros stay text", "ids_leading_zeros.csv", log=[], counts={"n_respondents": 8},
     ids=["001", "002", "003"])
df = frame().drop(columns=["id"]).rename(columns={"Y2": "respondent"})
write_csv("item_named_respondent.csv", df)
constructs = copy.deepcopy(BASE_BOOK["constructs"])
constructs[2]["indicators"][0]["items"] = ["Y1", "respondent"]
no_id = book(constructs=constructs)
del no_id["respondent_id"]
write_book("cb_item_named_respondent.yml", no_id, "Corpus codebook without an id column, with an item 'respondent'.")
case("item named like the placeholder id, no id column", "item_named_respondent.csv", "cb_item_named_respondent.yml",
     log=[], counts={"n_respondents": 8},
     columns=["respondent_row", "A1", "A2", "A3", "B1", "B2", "B3", "Y1", "respondent"], ids=[2, 3, 4])

# ---------------------------------------------------------------- Excel
numbers = rows_of(frame())
write_xlsx("hidden_first_sheet.xlsx", {"Old": rows_of(frame().assign(A1="1")), "Responses": numbers}, hidden=("Old",))
case("XLSX whose first sheet is hidden: refused, visible sheets named", "hidden_first_sheet.xlsx", error="DataError",
     exact=f"file {CB}hidden_first_sheet.xlsx, column 'input.sheet': the workbook's first sheet 'Old' is hidden; the "
           "visible sheet(s) are ['Responses']. A hidden sheet is not analysed without being named. What to do: name "
           "the sheet with the answers in the codebook, e.g. `input: {sheet: Responses}` (or unhide it in Excel).")
case("XLSX whose first sheet is hidden, sheet named in the codebook", "hidden_first_sheet.xlsx", "codebook_sheet.yml",
     log=[], counts={"n_respondents": 8})
rows = rows_of(frame())
rows[3][4] = True
write_xlsx("boolean_cell.xlsx", {"Responses": rows})
case("XLSX TRUE cell refused, never 1", "boolean_cell.xlsx", error="DataError",
     message=["boolean_cell.xlsx [sheet Responses]", "R03 (file row 4)", "column 'B1'",
              "the cell holds the logical value TRUE (a spreadsheet TRUE/FALSE cell), not an answer 1..5"])
rows = rows_of(frame())
rows[6][2] = datetime.datetime(2024, 3, 4)
write_xlsx("date_cell.xlsx", {"Responses": rows})
case("XLSX cell Excel turned into a date", "date_cell.xlsx", error="DataError",
     exact=f"file {CB}date_cell.xlsx [sheet Responses], row R06 (file row 7), column 'A2': the cell holds a date "
           "(2024-03-04), which the spreadsheet made of what was typed; Likert answers are whole numbers 1..5. "
           f"{VALUE_FIX}")
rows = rows_of(frame())
for r in range(1, len(rows)):
    rows[r][0] = f"{r:03d}"
write_xlsx("ids_leading_zeros.xlsx", {"Responses": rows})
case("XLSX ids with leading zeros (text cells) stay text", "ids_leading_zeros.xlsx", log=[], counts={"n_respondents": 8},
     ids=["001", "002", "003"])
rows = rows_of(frame(), numbers=False)
write_xlsx("numbers_as_text.xlsx", {"Responses": rows})
case("XLSX answers stored as text read as numbers", "numbers_as_text.xlsx", log=[], counts={"n_respondents": 8})
write_xlsx("empty_first_sheet.xlsx", {"Sheet1": [], "Responses": rows_of(frame())})
case("XLSX with an empty first sheet", "empty_first_sheet.xlsx", error="DataError",
     message=["empty_first_sheet.xlsx", "the sheet 'Sheet1' is empty", "row 1"])

# ---------------------------------------------------------------- SPSS
codes = {"1": "Sangat Tidak Setuju", "2": "Tidak Setuju", "3": "Netral", "4": "Setuju", "5": "Sangat Setuju"}
string_coded = frame()
pyreadstat.write_sav(string_coded, str(OUT / "string_codes.sav"),
                     variable_value_labels={c: dict(codes) for c in ITEMS})
case("SAV with string codes and value labels", "string_codes.sav", log=["recoded"], counts={"n_respondents": 8})
bad = frame()
bad.loc[3, "A3"] = "x"
pyreadstat.write_sav(bad, str(OUT / "string_code_unlabelled.sav"), variable_value_labels={c: dict(codes) for c in ITEMS})
case("SAV string code without a value label", "string_code_unlabelled.sav", error="DataError",
     exact=f"file {CB}string_code_unlabelled.sav, row 4, column 'A3': the code 'x' has no value label, though the "
           "column's other codes do (labels: '1' = Sangat Tidak Setuju, '2' = Tidak Setuju, '3' = Netral, "
           "'4' = Setuju, '5' = Sangat Setuju). What to do: add the missing value label in SPSS (Variable View > "
           "Values), or recode the cell; declare a missing-value code in SPSS as missing.")

header = ("# The malformed-input corpus, second part (make_more_cases.py): as cases.yml, and\n"
          "# exact: the whole message ({corpus} is this folder); absent: texts the message must not hold;\n"
          "# columns / ids: the cleaned data's columns and first ids.\n")
(OUT / "more_cases.yml").write_text(header + yaml.safe_dump({"cases": cases}, sort_keys=False, allow_unicode=True),
                                    encoding="utf-8")
print(len(cases), "cases")
