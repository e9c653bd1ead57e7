"""Descriptives against exact rational arithmetic (Python's statistics on Fractions) and the paper's printed means."""

from __future__ import annotations

import statistics
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import cleaning, descriptives, readers
from surveykit.codebook import codebook_from_dict, load_codebook
from surveykit.errors import DataError
from surveykit.reported import compare_with_data, load_reported

ROOT = Path(__file__).resolve().parents[1]
INTERPRETATION = [
    {"min": 1.00, "max": 1.80, "id": "sangat tidak baik", "en": "very poor"},
    {"min": 1.81, "max": 2.60, "id": "tidak baik", "en": "poor"},
    {"min": 2.61, "max": 3.40, "id": "cukup", "en": "fair"},
    {"min": 3.41, "max": 4.20, "id": "baik", "en": "good"},
    {"min": 4.21, "max": 5.00, "id": "sangat baik", "en": "very good"},
]


def make_codebook(**changes):
    raw = {
        "respondent_id": "id",
        "profile": ["unit", "sex"],
        "scale": {"min": 1, "max": 5},
        "interpretation": INTERPRETATION,
        "constructs": [
            {"key": "X", "role": "predictor", "en": "Engagement", "id": "Keterlibatan", "indicators": [
                {"key": "x_a", "items": ["X1", "X2"]}, {"key": "x_b", "items": ["X3", "X4", "X5"]}]},
            {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1", "Y2"]}]},
        ],
    }
    raw.update(changes)
    return codebook_from_dict(raw)


def make_data(n=37, seed=5):
    rng = np.random.default_rng(seed)
    items = ["X1", "X2", "X3", "X4", "X5", "Y1", "Y2"]
    data = pd.DataFrame(rng.integers(1, 6, size=(n, len(items))), columns=items)
    data.insert(0, "id", range(1, n + 1))
    data.insert(1, "unit", rng.choice(["B", "A", "C"], size=n))
    sex = rng.choice(["L", "P"], size=n).astype(object)
    sex[[3, 9]] = None
    data.insert(2, "sex", sex)
    return data


def exact(values):
    """Mean and n - 1 SD from Fractions (the SD's square root taken last, in float)."""
    fractions = [Fraction(v) for v in values]
    return float(statistics.mean(fractions)), float(statistics.variance(fractions)) ** 0.5


def test_items_against_exact_arithmetic():
    codebook = make_codebook()
    data = make_data()
    table = descriptives.item_statistics(data, codebook)
    assert list(table["item"]) == list(codebook.items)
    for row in table.to_dict("records"):
        column = data[row["item"]].tolist()
        mean, sd = exact(column)
        assert row["N"] == len(column) and row["Minimum"] == min(column) and row["Maximum"] == max(column)
        assert row["Mean"] == pytest.approx(mean, rel=0, abs=1e-13)
        assert row["Std. Deviation"] == pytest.approx(sd, rel=0, abs=1e-13)


@pytest.mark.parametrize("level", ["indicator", "construct"])
def test_levels_are_respondent_means_of_their_items(level):
    codebook = make_codebook()
    data = make_data()
    table = descriptives.level_statistics(data, codebook, level=level)
    groups = codebook.indicator_items() if level == "indicator" else codebook.construct_items()
    assert list(table[level]) == list(groups)
    for (_, items), row in zip(groups.items(), table.to_dict("records")):
        scores = [Fraction(sum(int(data.at[i, c]) for c in items), len(items)) for i in data.index]
        all_answers = [Fraction(int(data.at[i, c])) for i in data.index for c in items]
        assert row["n_items"] == len(items)
        # The level's mean is both the mean of respondent scores and the mean of all its answers.
        assert row["Mean"] == pytest.approx(float(statistics.mean(scores)), abs=1e-13)
        assert row["Mean"] == pytest.approx(float(statistics.mean(all_answers)), abs=1e-13)
        assert row["Std. Deviation"] == pytest.approx(float(statistics.variance(scores)) ** 0.5, abs=1e-13)
        assert row["Minimum"] == float(min(scores)) and row["Maximum"] == float(max(scores))


def test_hand_computed_example():
    codebook = make_codebook(profile=[])
    data = pd.DataFrame({"id": range(5), "X1": [1, 2, 3, 4, 5], "X2": [5, 5, 5, 5, 5], "X3": [1, 1, 1, 1, 1],
                         "X4": [2, 2, 2, 2, 2], "X5": [3, 3, 3, 3, 3], "Y1": [4, 4, 4, 4, 5], "Y2": [1, 2, 1, 2, 1]})
    items = descriptives.item_statistics(data, codebook).set_index("item")
    assert items.loc["X1", "Mean"] == 3.0 and items.loc["X1", "Std. Deviation"] == pytest.approx(2.5 ** 0.5)
    assert items.loc["X2", "Std. Deviation"] == 0.0
    assert items.loc["X1", "category"] == "cukup" and items.loc["X2", "category_en"] == "very good"
    indicators = descriptives.level_statistics(data, codebook, level="indicator").set_index("indicator")
    assert indicators.loc["x_a", "Mean"] == 4.0  # (15 + 25) / 10
    assert indicators.loc["x_b", "Mean"] == 2.0


def test_categories_use_the_printed_two_decimals():
    """Means 1.805 and 4.205 print as 1.81 and 4.21 (half away from zero), so they fall in the upper class."""
    codebook = make_codebook(profile=[])
    n = 200
    data = pd.DataFrame({"id": range(n)})
    for item in codebook.items:
        data[item] = 3
    data["X1"] = [2] * 161 + [1] * 39  # 361 / 200 = 1.805
    data["X2"] = [4] * 159 + [5] * 41  # 841 / 200 = 4.205
    data["X3"] = [2] * 160 + [1] * 40  # 360 / 200 = 1.800
    table = descriptives.item_statistics(data, codebook).set_index("item")
    assert table.loc["X1", "category"] == "tidak baik"
    assert table.loc["X2", "category"] == "sangat baik"
    assert table.loc["X3", "category"] == "sangat tidak baik"


def test_reverse_keyed_items_are_rescored():
    codebook = make_codebook(profile=[], reverse_keyed=["X2"])
    data = make_data().drop(columns=["unit", "sex"])
    table = descriptives.item_statistics(data, codebook).set_index("item")
    assert table.loc["X2", "Mean"] == pytest.approx(6 - data["X2"].mean())


def test_extremes_and_ties():
    codebook = make_codebook(profile=[])
    data = make_data().drop(columns=["unit", "sex"])
    indicators = descriptives.level_statistics(data, codebook, level="indicator")
    ranking = descriptives.extremes(indicators).set_index("construct")
    x = indicators[indicators["construct"] == "X"].set_index("indicator")["Mean"]
    assert ranking.loc["X", "highest"] == x.idxmax() and ranking.loc["X", "lowest"] == x.idxmin()
    assert "Y" not in ranking.index  # one indicator: nothing to rank
    two_by_two = make_codebook(profile=[], constructs=[
        {"key": "X", "role": "predictor", "indicators": [
            {"key": "x_a", "items": ["X1", "X2"]}, {"key": "x_b", "items": ["X3", "X4"]}]},
        {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1", "Y2"]}]}])
    same = data.assign(X3=data["X2"], X4=data["X1"]).drop(columns=["X5"])
    tied = descriptives.extremes(descriptives.level_statistics(same, two_by_two, level="indicator"))
    assert bool(tied.set_index("construct").loc["X", "all_equal"])
    assert not bool(ranking.loc["X", "all_equal"])


def test_profile_frequencies_like_spss():
    codebook = make_codebook()
    data = make_data()
    table = descriptives.profile_frequencies(data, codebook)
    sex = table[table["variable"] == "sex"].set_index("value")
    n = len(data)
    valid = data["sex"].dropna()
    assert list(sex.index) == ["L", "P", "Missing"]
    assert sex.loc["L", "Frequency"] == (valid == "L").sum()
    assert sex.loc["Missing", "Frequency"] == 2
    assert sex["Percent"].sum() == pytest.approx(100.0)
    assert sex.loc["L", "Valid Percent"] == pytest.approx(100 * (valid == "L").sum() / len(valid))
    assert sex.loc["P", "Cumulative Percent"] == pytest.approx(100.0)
    unit = table[table["variable"] == "unit"]
    assert list(unit["value"]) == ["A", "B", "C"] and unit["Frequency"].sum() == n
    assert descriptives.profile_frequencies(data, make_codebook(profile=[])).empty


def test_input_errors():
    codebook = make_codebook(profile=[])
    data = make_data()
    with pytest.raises(DataError, match="lack item"):
        descriptives.item_statistics(data.drop(columns=["Y2"]), codebook)
    with pytest.raises(DataError) as caught:
        descriptives.item_statistics(data.assign(X3=data["X3"].astype(float).where(data.index != 4)), codebook)
    assert caught.value.column == "X3"
    with pytest.raises(ValueError, match="at least 2"):
        descriptives.item_statistics(data.iloc[:1], codebook)
    with pytest.raises(ValueError, match="level"):
        descriptives.level_statistics(data, codebook, level="item")


def test_interpretation_table_is_the_codebook_rule():
    table = descriptives.interpretation_table(make_codebook())
    assert table["category"].tolist() == [c["id"] for c in INTERPRETATION]
    assert table["from"].tolist() == [c["min"] for c in INTERPRETATION]


def test_study_reproduces_every_printed_mean_and_category():
    """The reconstructed data reproduce each mean/category the paper prints (values read from reported.yml)."""
    codebook = load_codebook(ROOT / "data" / "codebook.yml")
    reported = load_reported(ROOT / "data" / "paper" / "reported.yml")
    raw = readers.read_responses(ROOT / "data" / "raw" / "responses.csv", codebook)
    data = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row).data
    comparison = compare_with_data(data, codebook, reported, group="descriptives")
    printed = reported[reported["kind"].isin(["construct_mean", "indicator_mean", "construct_category"])]
    assert set(comparison["id"]) == set(printed["id"])
    assert (comparison["verdict"] == "match").all(), comparison[comparison["verdict"] != "match"]


def test_comparison_detects_a_mismatch_and_handles_no_paper():
    codebook = load_codebook(ROOT / "data" / "codebook.yml")
    reported = load_reported(ROOT / "data" / "paper" / "reported.yml")
    raw = readers.read_responses(ROOT / "data" / "raw" / "responses.csv", codebook)
    data = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row).data
    shifted = data.copy()
    shifted.loc[0, "WE1"] = 1 if shifted.loc[0, "WE1"] != 1 else 5  # moves mean.we_supervisor by 1/112
    comparison = compare_with_data(shifted, codebook, reported, group="descriptives")
    assert comparison.set_index("id").loc["mean.we_supervisor", "verdict"] == "mismatch"
    assert compare_with_data(data, codebook, load_reported(""), group="descriptives").empty


def test_extremes_name_every_tied_indicator():
    indicators = pd.DataFrame({
        "construct": ["K"] * 4 + ["L"] * 2,
        "indicator": ["k_a", "k_b", "k_c", "k_d", "l_a", "l_b"],
        "Mean": [212 / 56, 4.5, 212 / 56, 3.789, 3.0, 3.0 + 1e-9],
    })
    ranking = descriptives.extremes(indicators).set_index("construct")
    assert ranking.loc["K", "lowest_tied"] == "k_a; k_c"  # equal unrounded means tie
    assert ranking.loc["K", "lowest"] == "k_a"
    assert ranking.loc["K", "highest_tied"] == "k_b"
    # 3.789 and 212/56 = 3.7857 print alike (3.79) but are not a tie
    assert "k_d" not in ranking.loc["K", "lowest_tied"]
    assert ranking.loc["L", "lowest_tied"] == "l_a" and ranking.loc["L", "highest_tied"] == "l_b"
    assert not bool(ranking.loc["L", "all_equal"])


@pytest.mark.parametrize("composite", ["sum", "mean"])
def test_construct_scores_described_as_spss_descriptives(composite):
    # The score is the codebook's composite (reverse-keyed items rescored); N, min, max, mean and
    # the n - 1 SD from exact (Fraction) arithmetic on sums computed here by hand.
    codebook = make_codebook(composite=composite, reverse_keyed=["X2"])
    data = make_data()
    table = descriptives.construct_score_statistics(data, codebook).set_index("construct")
    members = {"X": ["X1", "X2", "X3", "X4", "X5"], "Y": ["Y1", "Y2"]}
    for key, columns in members.items():
        sums = [sum((6 - row[c]) if c == "X2" else row[c] for c in columns) for _, row in data.iterrows()]
        scores = [Fraction(s) if composite == "sum" else Fraction(s, len(columns)) for s in sums]
        mean, sd = exact(scores)
        row = table.loc[key]
        assert row["N"] == len(data) and row["n_items"] == len(columns) and row["composite"] == composite
        assert row["Minimum"] == pytest.approx(float(min(scores)), abs=1e-13)
        assert row["Maximum"] == pytest.approx(float(max(scores)), abs=1e-13)
        assert row["Mean"] == pytest.approx(mean, rel=0, abs=1e-12)
        assert row["Std. Deviation"] == pytest.approx(sd, rel=0, abs=1e-12)
        per_item = len(columns) if composite == "sum" else 1
        assert (row["Possible Minimum"], row["Possible Maximum"]) == (per_item, 5 * per_item)
    assert list(table["role"]) == ["predictor", "dependent"]


def test_tables_for_a_reader_show_the_languages_own_words():
    from surveykit import i18n

    codebook = make_codebook()
    data = make_data()
    result = descriptives.describe(data, codebook)
    for table in (result.items, result.indicators, result.constructs, descriptives.interpretation_table(codebook)):
        assert descriptives.for_reader(table, language="en") is table
        shown = descriptives.for_reader(table, language="id")
        assert "category_en" not in shown.columns and "label_id" not in shown.columns
        assert shown["category"].tolist() == table["category"].tolist()
    constructs = descriptives.for_reader(result.constructs, language="id")
    assert constructs["label"].tolist() == ["Keterlibatan", "Y"]
    profile = descriptives.profile_frequencies(data, codebook)
    i18n.use("id")
    try:
        shown = descriptives.for_reader(profile, language="id")
    finally:
        i18n.use("en")
    assert shown["value"].tolist() == [i18n.gettext(v, language="id") if v == "Missing" else v
                                       for v in profile["value"]]


def test_paper_comparison_prints_the_printed_decimals_in_the_active_language():
    from surveykit import i18n, views

    codebook = load_codebook(ROOT / "data" / "codebook.yml")
    reported = load_reported(ROOT / "data" / "paper" / "reported.yml")
    raw = readers.read_responses(ROOT / "data" / "raw" / "responses.csv", codebook)
    data = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row).data
    comparison = compare_with_data(data, codebook, reported, group="descriptives")
    cells = views.paper_comparison(comparison, reported).cells
    shown = cells.set_index(cells.columns[0])  # the entry, as SPSS's row labels
    assert shown.loc["mean.PL", ["Printed", "Computed", "Verdict"]].tolist() == ["3.14", "3.14", "Match"]
    assert shown.loc["mean.WE", "Printed"] == "4.10" and shown.loc["category.WE", "Printed"] == "baik"
    i18n.use("id")
    try:
        indonesian = views.paper_comparison(comparison, reported).cells
        printed = i18n.gettext(views.WORDS["header.printed"])
    finally:
        i18n.use("en")
    assert indonesian.set_index(indonesian.columns[0]).loc["mean.PL", printed] == "3,14"


def test_paper_comparison_gives_a_rounding_interval_one_decimal_more():
    from surveykit import views

    reported = load_reported(ROOT / "data" / "paper" / "reported.yml")
    targets = pd.DataFrame({"id": ["mean.PL", "alpha.WE", "category.WE", "collinearity.vif_max"],
                            "printed": [3.14, 0.628, "baik", 10], "relation": ["=", "=", "=", "<"],
                            "interval_low": [3.135, 0.6275, None, -np.inf],
                            "interval_high": [3.145, 0.6285, None, 10.0],
                            "computed": [3.142857, 0.62754, "baik", 1.5119],
                            "computed_rounded": [3.14, 0.628, "baik", 1.5119],
                            "verdict": ["match", "match", "match", "match"]})
    shown = views.paper_comparison(targets, reported, title="Every Target: Printed, Recomputed and Interval").cells
    assert shown["Rounding interval"].tolist() == ["3.135 – 3.145", ".6275 – .6285", "", ""]
    assert shown["Printed"].tolist() == ["3.14", ".628", "baik", "< 10"]
    assert shown["Where"].tolist() == [reported.loc[key, "where"] for key in targets["id"]]  # from reported.yml
