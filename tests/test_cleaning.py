"""Cleaning: the vectorised cleaner against a naive cell-by-cell reference, and each contract rule."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from surveykit import cleaning, processed
from surveykit.codebook import codebook_from_dict
from surveykit.errors import DataError

LABELS = [
    {"value": 1, "code": "STS", "id": "Sangat Tidak Setuju", "en": "Strongly disagree"},
    {"value": 2, "code": "TS", "id": "Tidak Setuju", "en": "Disagree"},
    {"value": 3, "code": "N", "id": "Netral", "en": "Neutral", "aliases": ["KS"]},
    {"value": 4, "code": "S", "id": "Setuju", "en": "Agree"},
    {"value": 5, "code": "SS", "id": "Sangat Setuju", "en": "Strongly agree"},
]
ITEMS = ["A1", "A2", "A3", "B1", "B2", "Y1", "Y2"]


def make_codebook(**changes):
    raw = {
        "respondent_id": "id",
        "identifiers": ["nama"],
        "profile": ["unit"],
        "scale": {"min": 1, "max": 5, "labels": LABELS},
        "constructs": [
            {"key": "X1", "role": "predictor", "indicators": [{"key": "x1", "items": ["A1", "A2", "A3"]}]},
            {"key": "X2", "role": "predictor", "indicators": [{"key": "x2", "items": ["B1", "B2"]}]},
            {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1", "Y2"]}]},
        ],
    }
    raw.update(changes)
    return codebook_from_dict(raw, source="codebook.yml")


def make_raw(n=12, seed=1):
    rng = np.random.default_rng(seed)
    raw = pd.DataFrame(rng.integers(1, 6, size=(n, len(ITEMS))), columns=ITEMS)
    raw.insert(0, "id", [f"R{i:03d}" for i in range(1, n + 1)])
    raw.insert(1, "unit", rng.choice(["BPKAD", "Disdukcapil"], size=n))
    return raw


# -- an independent, deliberately naive reference ------------------------------------------

def reference_clean(raw: pd.DataFrame, codebook) -> pd.DataFrame:
    """Cell-by-cell cleaning with plain Python, for complete, valid inputs with text labels."""
    texts = {}
    for label in codebook.scale.labels:
        for text in (label.code, label.id, label.en, *label.aliases):
            texts[" ".join(text.lower().split())] = label.value
    rows = []
    for _, record in raw.iterrows():
        if all(v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == "" for v in record):
            continue
        row = {codebook.respondent_id: record[codebook.respondent_id]}
        for column in codebook.profile:
            row[column] = record[column]
        for item in codebook.items:
            value = record[item]
            if isinstance(value, str):
                key = " ".join(value.lower().split())
                row[item] = texts[key] if key in texts else int(float(key))
            else:
                row[item] = int(value)
        rows.append(row)
    return pd.DataFrame(rows)


def test_matches_naive_reference_on_mixed_numbers_and_labels():
    codebook = make_codebook()
    raw = make_raw(200, seed=7).astype(object)
    rng = np.random.default_rng(3)
    spellings = {1: ["STS", "sangat tidak setuju", "Strongly Disagree"], 2: ["TS", " tidak  setuju "],
                 3: ["KS", "Netral", "neutral"], 4: ["S", "setuju", "AGREE"], 5: ["SS", "Sangat Setuju"]}
    for item in ("A2", "B1", "Y2"):
        raw[item] = [rng.choice(spellings[int(v)]) if rng.random() < 0.7 else str(v) for v in raw[item]]
    raw.loc[len(raw)] = [None] * raw.shape[1]  # a fully empty row, last
    result = cleaning.clean(raw, codebook, source="mixed.csv")
    expected = reference_clean(raw, codebook)
    pd.testing.assert_frame_equal(result.data.astype({"unit": object}), expected.astype({"unit": object}),
                                  check_dtype=False)
    assert result.data[list(codebook.items)].dtypes.eq(np.int64).all()
    assert result.n_empty_rows == 1 and result.n_respondents == 200
    recoded = result.log[result.log["action"] == "recoded"]
    # One line per distinct text; the cell counts add up to the text cells of the file.
    n_text = sum(isinstance(v, str) and not v.strip().isdigit() for c in ("A2", "B1", "Y2") for v in raw[c])
    assert recoded["reason"].str.extract(r"in (\d+) cell")[0].astype(int).sum() == n_text
    assert recoded["reason"].str.contains("A2, B1, Y2").any()


def test_raw_frame_is_not_modified():
    raw = make_raw()
    raw["A1"] = raw["A1"].map({1: "STS", 2: "TS", 3: "N", 4: "S", 5: "SS"})
    before = raw.copy()
    cleaning.clean(raw, make_codebook(), source="x.csv")
    pd.testing.assert_frame_equal(raw, before)


@pytest.mark.parametrize("bad", [0, 6, 7, -2, 3.5, "Setuju sekali", "6", "2.5"])
def test_invalid_answer_names_row_and_column(bad):
    raw = make_raw().astype(object)
    raw.loc[4, "B2"] = bad
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw, make_codebook(), source="data.csv")
    error = caught.value
    assert error.file == "data.csv" and error.column == "B2"
    assert error.row == "R005 (file row 6)"
    assert error.fix


def test_first_offending_cell_is_reported_in_file_order():
    raw = make_raw().astype(object)
    raw.loc[8, "A1"] = 9
    raw.loc[2, "Y2"] = 0
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw, make_codebook(), source="d.csv")
    assert caught.value.column == "Y2" and "file row 4" in caught.value.row
    assert "1 other cell(s)" in caught.value.problem


def test_first_row_offset_is_used_for_spss_case_numbers():
    raw = make_raw().astype(object)
    raw.loc[0, "A1"] = 9
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw, make_codebook(), source="d.sav", first_row=1)
    assert caught.value.row == "R001 (file row 1)"


def test_missing_answer_stop_and_drop():
    raw = make_raw().astype(object)
    raw.loc[3, "A3"] = None
    raw.loc[7, "Y1"] = ""
    raw.loc[7, "B1"] = np.nan
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw, make_codebook(), source="d.csv")
    assert caught.value.column == "A3" and caught.value.row == "R004 (file row 5)"
    result = cleaning.clean(raw, make_codebook(missing="drop_respondent"), source="d.csv")
    assert result.n_excluded == 2 and result.n_respondents == 10
    excluded = result.log[result.log["action"] == "respondent excluded"]
    assert list(excluded["respondent"]) == ["R004", "R008"]
    assert list(excluded["row"]) == [5, 9]
    assert "B1, Y1" in excluded["reason"].iloc[1]
    assert "R004" not in set(result.data["id"])


def test_empty_rows_are_logged_with_their_file_row():
    raw = make_raw().astype(object)
    blank = pd.DataFrame([[None] * raw.shape[1], ["  "] + [None] * (raw.shape[1] - 1)], columns=raw.columns)
    raw = pd.concat([raw.iloc[:5], blank, raw.iloc[5:]], ignore_index=True)
    result = cleaning.clean(raw, make_codebook(), source="d.csv")
    dropped = result.log[result.log["action"] == "row dropped"]
    assert list(dropped["row"]) == [7, 8]
    assert result.n_rows == 14 and result.n_empty_rows == 2 and result.n_respondents == 12
    counts = result.counts()
    assert counts["n"].iloc[0] == counts["n"].iloc[1:].sum()


def test_duplicate_and_missing_ids():
    raw = make_raw().astype(object)
    raw.loc[9, "id"] = "R003"
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw, make_codebook(), source="d.csv")
    assert "file rows 4 and 11" in caught.value.problem and caught.value.column == "id"
    raw = make_raw().astype(object)
    raw.loc[2, "id"] = " "
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw, make_codebook(), source="d.csv")
    assert caught.value.row == "file row 4"


def test_numeric_ids_with_blank_rows_stay_integers():
    raw = make_raw().astype(object)
    raw["id"] = range(101, 113)
    raw.loc[12] = [None] * raw.shape[1]
    raw["id"] = pd.to_numeric(raw["id"])  # float because of the blank row, as read_csv gives it
    result = cleaning.clean(raw, make_codebook(), source="d.csv")
    assert list(result.data["id"]) == list(range(101, 113))


def test_columns_missing_extra_identifier():
    raw = make_raw().rename(columns={"B2": "b 2"})
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw, make_codebook(), source="d.csv")
    assert caught.value.column == "B2" and "'b 2' in the file looks like 'B2'" in caught.value.problem
    raw = make_raw()
    raw["remark"] = "x"
    with pytest.raises(DataError) as caught:
        cleaning.clean(raw, make_codebook(), source="d.csv")
    assert caught.value.column == "remark"
    result = cleaning.clean(raw, make_codebook(input={"extra_columns": "ignore"}), source="d.csv")
    assert "remark" not in result.data.columns and result.columns_ignored == ("remark",)
    raw = make_raw()
    raw["nama"] = "Budi"
    result = cleaning.clean(raw, make_codebook(), source="d.csv")
    assert "nama" not in result.data.columns and result.identifiers_dropped == ("nama",)
    assert not result.data.astype(str).apply(lambda c: c.str.contains("Budi")).any().any()


def test_output_layout_and_profile():
    raw = make_raw()
    raw = raw[["Y1", "unit", "A1", "id", "A2", "A3", "B2", "B1", "Y2"]]  # any column order
    result = cleaning.clean(raw, make_codebook(), source="d.csv")
    assert list(result.data.columns) == ["id", "unit", *ITEMS]
    assert result.log.columns.tolist() == cleaning.LOG_COLUMNS


def test_notes_constant_item_single_item_construct_and_collinearity():
    codebook = make_codebook(constructs=[
        {"key": "X1", "role": "predictor", "indicators": [{"key": "x1", "items": ["A1", "A2", "A3"]}]},
        {"key": "X2", "role": "predictor", "indicators": [{"key": "x2", "items": ["B1", "B2"]}]},
        {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1"]}]},
    ], input={"extra_columns": "ignore"})
    raw = make_raw()
    raw["A3"] = 4
    result = cleaning.clean(raw, codebook, source="d.csv")
    log = result.log
    assert ((log["action"] == "warning") & (log["column"] == "A3")).any()
    assert ((log["action"] == "note") & log["reason"].str.contains("construct Y has a single item")).any()
    raw = make_raw()
    raw["B1"], raw["B2"], raw["A3"] = raw["A1"], raw["A2"], 1
    # X1 = A1 + A2 + 1 and X2 = A1 + A2: perfectly collinear with the constant.
    with pytest.raises(DataError, match="perfectly collinear") as caught:
        cleaning.clean(raw, make_codebook(), source="d.csv")
    assert caught.value.file == "d.csv" and caught.value.fix


def test_too_few_respondents():
    with pytest.raises(DataError, match=r"only 3 respondent\(s\).*at least 4"):
        cleaning.clean(make_raw(3), make_codebook(), source="d.csv")


def test_codebook_options_are_checked():
    with pytest.raises(DataError, match="extra_columns"):
        cleaning.clean(make_raw(), make_codebook(input={"extra_columns": "drop"}), source="d.csv")
    with pytest.raises(TypeError):
        cleaning.clean(make_raw().to_numpy(), make_codebook(), source="d.csv")


def test_one_pass_lists_problems_or_cleans_as_clean_does():
    # make check's single pass: on sound data clean's very result, on broken data every breach.
    codebook = make_codebook()
    raw = make_raw().astype(object)
    raw.loc[3, "A1"] = "SS"
    found, result = cleaning.clean_listing_problems(raw, codebook, source="d.csv")
    expected = cleaning.clean(raw, codebook, source="d.csv")
    assert found == [] and result is not None
    pd.testing.assert_frame_equal(result.data, expected.data)
    pd.testing.assert_frame_equal(result.log, expected.log)
    assert result.counts().equals(expected.counts())
    bad = raw.copy()
    bad.loc[2, "B1"], bad.loc[5, "Y2"] = 9, "often"
    found, result = cleaning.clean_listing_problems(bad, codebook, source="d.csv")
    with pytest.raises(DataError) as first:
        cleaning.clean(bad, codebook, source="d.csv")
    assert result is None and {(error.row, error.column) for error in found} == {
        ("R003 (file row 4)", "B1"), ("R006 (file row 7)", "Y2")}
    assert (first.value.row, first.value.column) == ("R003 (file row 4)", "B1")

def test_write_and_read_processed_round_trip(tmp_path):
    from surveykit.notebook import Context

    codebook = make_codebook()
    raw = make_raw().astype(object)
    raw.loc[3, "A1"] = "SS"
    result = cleaning.clean(raw, codebook, source="d.csv")
    ctx = Context(codebook=codebook, out_dir=tmp_path, processed_path=tmp_path / "p" / "responses.csv",
                  cleaning_log_path=tmp_path / "p" / "cleaning_log.csv", tables_dir=tmp_path, figures_dir=tmp_path,
                  reported_path="")
    processed.write_processed(result, ctx)
    back = processed.read_processed(ctx.processed_path, codebook)
    pd.testing.assert_frame_equal(back, result.data.astype({"id": object, "unit": object}), check_dtype=False)
    log = pd.read_csv(ctx.cleaning_log_path)
    assert list(log.columns) == cleaning.LOG_COLUMNS and len(log) == len(result.log)
    assert not list(tmp_path.glob("**/.*.tmp"))
    with pytest.raises(DataError, match="run notebooks/01_cleaning"):
        processed.read_processed(tmp_path / "nothing.csv", codebook)


def _processed_context(tmp_path, codebook):
    from surveykit.notebook import Context

    folder = tmp_path / "processed"
    return Context(codebook=codebook, out_dir=tmp_path, processed_path=folder / "responses.parquet",
                   processed_csv_path=folder / "responses.csv", cleaning_log_path=folder / "cleaning_log.csv",
                   tables_dir=tmp_path, figures_dir=tmp_path, reported_path="")


def test_parquet_reads_back_what_the_csv_copy_reads(tmp_path):
    # The notebooks read the Parquet file; the user gets the CSV: both hold the same data, read alike.
    codebook = make_codebook()
    raw = make_raw().astype(object)
    raw.loc[3, "A1"] = "SS"
    result = cleaning.clean(raw, codebook, source="d.csv")
    ctx = _processed_context(tmp_path, codebook)
    assert processed.write_processed(result, ctx) is True
    from_parquet = processed.read_processed(ctx.processed_path, codebook)
    pd.testing.assert_frame_equal(from_parquet, processed.read_processed(ctx.processed_csv_path, codebook))
    assert all(from_parquet[item].dtype == np.int64 for item in codebook.items)
    # Only the columns asked for are read (in the order asked).
    some = processed.read_processed(ctx.processed_path, codebook, columns=["A2", "id"])
    assert list(some.columns) == ["A2", "id"] and some["A2"].dtype == np.int64
    pd.testing.assert_series_equal(some["A2"], from_parquet["A2"])
    assert not list(tmp_path.glob("**/.*.tmp"))


def test_read_processed_keeps_the_column_order_of_the_file(tmp_path):
    # Items widened to int64 in one block; the other columns stay where they were, in the file's order.
    codebook = make_codebook()
    data = cleaning.clean(make_raw(), codebook, source="d.csv").data
    order = ["id", "Y2", "A1", "unit", "B2", "A3", "Y1", "B1", "A2"]
    path = tmp_path / "responses.parquet"
    data[order].to_parquet(path, index=False)
    back = processed.read_processed(path, codebook)
    assert list(back.columns) == order
    assert all(back[item].dtype == np.int64 for item in codebook.items)
    pd.testing.assert_frame_equal(back, data[order], check_dtype=False)
    assert list(processed.read_processed(path, codebook, columns=["unit", "B1", "id"]).columns) == ["unit", "B1", "id"]

def test_parquet_bytes_are_the_same_on_every_write(tmp_path):
    codebook = make_codebook()
    result = cleaning.clean(make_raw(), codebook, source="d.csv")
    blobs = []
    for name in ("a", "b"):
        ctx = _processed_context(tmp_path / name, codebook)
        processed.write_processed(result, ctx)
        blobs.append(ctx.processed_path.read_bytes())
    assert blobs[0] == blobs[1]
    assert blobs[0][:4] == b"PAR1"
    import pyarrow.parquet as pq

    schema = pq.read_schema(ctx.processed_path)
    assert {str(schema.field(item).type) for item in codebook.items} == {"int8"}  # a Likert answer fits 8 bits
    # Uncompressed: every id stays findable in the bytes (the tests that look for identifiers in every output).
    assert all(str(value).encode() in blobs[0] for value in result.data["id"])


def test_no_csv_copy_above_the_limit_and_no_stale_one(tmp_path):
    codebook = make_codebook()
    result = cleaning.clean(make_raw(), codebook, source="d.csv")
    ctx = _processed_context(tmp_path, codebook)
    assert processed.write_processed(result, ctx, csv_max_n=result.n_respondents) is True
    assert ctx.processed_csv_path.is_file()
    assert processed.write_processed(result, ctx, csv_max_n=result.n_respondents - 1) is False
    assert not ctx.processed_csv_path.exists()  # the earlier run's copy is gone with it
    assert ctx.processed_path.is_file() and ctx.cleaning_log_path.is_file()


def test_parquet_lacking_an_item_column_is_a_data_error(tmp_path):
    codebook = make_codebook()
    result = cleaning.clean(make_raw(), codebook, source="d.csv")
    path = tmp_path / "responses.parquet"
    result.data.drop(columns=["A2"]).to_parquet(path, index=False)
    with pytest.raises(DataError, match=r"lack item column\(s\) \['A2'\]"):
        processed.read_processed(path, codebook)


def test_study_data_clean_without_notes():
    """The committed (reconstructed) study data meet the contract with nothing to log."""
    from pathlib import Path

    from surveykit import readers
    from surveykit.codebook import load_codebook

    root = Path(__file__).resolve().parents[1]
    codebook = load_codebook(root / "data" / "codebook.yml")
    raw = readers.read_responses(root / "data" / "raw" / "responses.csv", codebook)
    result = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row)
    assert result.n_respondents == len(raw.data)
    assert set(result.log["action"]) <= {"note"}


def test_the_log_is_shown_in_the_active_language_and_kept_in_english():
    """Every kind of log line: the shown log is the log in English, and all Indonesian in Indonesian."""
    from surveykit import i18n

    codebook = make_codebook(constructs=[
        {"key": "X1", "role": "predictor", "indicators": [{"key": "x1", "items": ["A1", "A2", "A3"]}]},
        {"key": "X2", "role": "predictor", "indicators": [{"key": "x2", "items": ["B1", "B2"]}]},
        {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1"]}]},
    ], input={"extra_columns": "ignore"}, missing="drop_respondent")
    raw = make_raw(14).astype(object)
    raw["A3"] = "TS"  # a constant item, and a text in six columns
    raw["Timestamp"], raw["nama"] = "x", "Budi"
    raw.loc[2, "A1"], raw.loc[3, "B1"] = "SS", "Netral"
    raw.loc[[4, 5, 6, 7, 8, 9], ["A1", "A2", "B1", "B2", "Y1", "Y2"]] = "TS"
    raw.loc[1, "A2"] = None
    raw.loc[len(raw)] = [None] * raw.shape[1]
    result = cleaning.clean(raw, codebook, source="d.csv")
    assert set(result.log["action"]) == {"column ignored", "column dropped", "row dropped", "recoded",
                                         "respondent excluded", "warning", "note"}
    assert any("6 columns, A1 to Y1" in reason for reason in result.log["reason"])
    pd.testing.assert_frame_equal(result.shown_log(), result.log)
    i18n.use("id")
    try:
        shown = result.shown_log()
    finally:
        i18n.use("en")
    pd.testing.assert_frame_equal(shown[["respondent", "row", "column"]], result.log[["respondent", "row", "column"]])
    assert "dikode ulang" in set(shown["action"]) and not set(shown["action"]) & set(result.log["action"])
    for english, indonesian in zip(result.log["reason"], shown["reason"]):
        assert indonesian != english
        assert not {"the", "of", "in", "to", "read", "row"} & set(indonesian.replace("(", " ").split()), indonesian


def test_blank_mask_of_a_column_of_many_distinct_values():
    # Over 10,000 distinct values: every cell tested as text, whether the first 20,000 cells show it or not.
    ids = [f"R{i:06d}" for i in range(25_000)]
    ids[3], ids[20_500] = "   ", None
    for values in (pd.Series(ids, dtype="str"), pd.Series([""] * 20_000 + ids, dtype="str")):
        expected = np.array([cleaning._is_blank(value) for value in values])
        np.testing.assert_array_equal(cleaning._blank_mask(values), expected)


def _wide_scale_study(tmp_path):
    """A processed Parquet file whose answers are stored in 8 bits but whose scores are not: a construct of
    30 items (sums up to 150) and a reverse-keyed item on a 0..200 scale (200 - 10 = 190)."""
    from surveykit.notebook import Context

    a_items = [f"A{j}" for j in range(1, 31)]
    codebook = codebook_from_dict({
        "respondent_id": "id", "scale": {"min": 0, "max": 200}, "reverse_keyed": ["A2"],
        "constructs": [{"key": "X1", "role": "predictor", "indicators": [{"key": "x1", "items": a_items}]},
                       {"key": "X2", "role": "predictor", "indicators": [{"key": "x2", "items": ["B1", "B2"]}]},
                       {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1", "Y2"]}]}]},
        source="codebook.yml")
    rng = np.random.default_rng(7)
    raw = pd.DataFrame(rng.integers(0, 101, size=(40, len(codebook.items))), columns=list(codebook.items))
    raw.loc[0, a_items] = 100  # X1 = 29 x 100 + (200 - 100): far above 127
    raw.loc[1, "A2"] = 10  # rescored 190
    raw.insert(0, "id", [f"R{i:03d}" for i in range(1, 41)])
    result = cleaning.clean(raw, codebook, source="d.csv")
    ctx = Context(codebook=codebook, out_dir=tmp_path, processed_path=tmp_path / "processed" / "responses.parquet",
                  cleaning_log_path=tmp_path / "processed" / "cleaning_log.csv", tables_dir=tmp_path,
                  figures_dir=tmp_path, reported_path="")
    processed.write_processed(result, ctx)
    return codebook, ctx, raw


def test_answers_read_as_stored_are_8_bit_and_score_as_the_64_bit_ones(tmp_path):
    from surveykit.scoring import construct_scores, score_items

    codebook, ctx, raw = _wide_scale_study(tmp_path)
    stored = processed.read_processed(ctx.processed_path, codebook, as_stored=True)
    wide = processed.read_processed(ctx.processed_path, codebook)
    assert all(stored[c].dtype == np.int8 for c in codebook.items)
    assert all(wide[c].dtype == np.int64 for c in codebook.items)
    pd.testing.assert_frame_equal(stored, wide, check_dtype=False)
    # Independent reference: the same sums and means in 64-bit numpy from the raw answers.
    answers = raw[list(codebook.items)].to_numpy(np.int64, copy=True)
    answers[:, list(codebook.items).index("A2")] = 200 - answers[:, list(codebook.items).index("A2")]
    assert score_items(stored, codebook)["A2"].iloc[1] == 190
    for how in ("sum", "mean"):
        narrow_scores = construct_scores(stored, codebook, how=how)
        pd.testing.assert_frame_equal(narrow_scores, construct_scores(wide, codebook, how=how))
        for key, columns in codebook.construct_items().items():
            block = answers[:, [list(codebook.items).index(c) for c in columns]]
            expected = block.sum(axis=1) if how == "sum" else block.sum(axis=1) / len(columns)
            np.testing.assert_array_equal(narrow_scores[key].to_numpy(), expected)
    assert construct_scores(stored, codebook)["X1"].iloc[0] == 3000


def test_study_model_without_items_fits_the_same_model(tmp_path):
    from surveykit.notebook import study_model

    codebook, ctx, _ = _wide_scale_study(tmp_path)
    with_items, without = study_model(ctx), study_model(ctx, items=False)
    stored = study_model(ctx, as_stored=True)
    assert without.items is None and with_items.items[list(codebook.items)].dtypes.eq(np.int64).all()
    assert stored.items[list(codebook.items)].dtypes.eq(np.int8).all()
    for other in (without, stored):
        pd.testing.assert_frame_equal(other.scores, with_items.scores)
        pd.testing.assert_frame_equal(other.fit.coefficients, with_items.fit.coefficients)
        pd.testing.assert_series_equal(other.fit.residuals, with_items.fit.residuals)


def test_indicator_scores_and_means_of_answers_as_stored_are_those_of_64_bit_ones(tmp_path):
    # What notebook 06 computes from the answers it reads as stored (8-bit), on sums above 127 and a rescored 190
    # (its rank-claim check compares these level statistics).
    from surveykit import descriptives
    from surveykit.scoring import indicator_scores

    codebook, ctx, raw = _wide_scale_study(tmp_path)
    stored = processed.read_processed(ctx.processed_path, codebook, as_stored=True)
    wide = processed.read_processed(ctx.processed_path, codebook)
    for how in ("mean", "sum"):
        pd.testing.assert_frame_equal(indicator_scores(stored, codebook, how=how), indicator_scores(wide, codebook, how=how))
    assert indicator_scores(stored, codebook, how="sum")["x1"].iloc[0] == 3000
    for level in ("indicator", "construct"):
        pd.testing.assert_frame_equal(descriptives.level_statistics(stored, codebook, level=level),
                                      descriptives.level_statistics(wide, codebook, level=level))
    means = descriptives.level_statistics(stored, codebook, level="indicator").set_index("indicator")["Mean"]
    answers = raw[list(codebook.items)].to_numpy(np.int64, copy=True)
    answers[:, list(codebook.items).index("A2")] = 200 - answers[:, list(codebook.items).index("A2")]
    assert means["x1"] == answers[:, :30].astype(float).mean(axis=1).mean()


def test_instrument_statistics_of_answers_as_stored_are_those_of_64_bit_ones(tmp_path):
    # Notebook 03 reads the answers as stored (8-bit): every statistic takes them as float64 (numeric_block).
    from surveykit import factor, reliability, validity
    from surveykit.scoring import score_items

    codebook, ctx, _ = _wide_scale_study(tmp_path)
    stored = score_items(processed.read_processed(ctx.processed_path, codebook, as_stored=True), codebook)
    wide = score_items(processed.read_processed(ctx.processed_path, codebook), codebook)
    assert stored["A1"].dtype == np.int8 and stored["A2"].dtype == np.int64  # A2 rescored in 64 bits
    constructs = codebook.construct_items()
    for table in (lambda d: validity.validity_table(d, constructs), lambda d: reliability.reliability_table(d, constructs),
                  lambda d: reliability.item_total_statistics_table(d, constructs),
                  lambda d: reliability.omega_table(d, constructs, n_resamples=100, seed=1),
                  lambda d: factor.measurement_model(d, constructs)[1]):
        pd.testing.assert_frame_equal(table(stored), table(wide))
