"""Item-total correlations and the r-table value."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import validity
from surveykit.reported import load_reported, reported_value
from surveykit.spss_format import round_half_away

REPORTED = Path(__file__).resolve().parents[1] / "data" / "paper" / "reported.yml"


@pytest.mark.parametrize("n", [5, 30, 56, 100, 1000])
def test_r_table_equals_beta_quantile(n):
    # Under H0, r^2 ~ Beta(1/2, (n-2)/2): a second route to the critical r.
    from scipy import stats

    expected = np.sqrt(stats.beta.isf(0.05, 0.5, (n - 2) / 2))
    assert validity.r_table(n) == pytest.approx(expected, rel=1e-10)


def test_r_table_for_the_study_matches_the_printed_value():
    reported = load_reported(REPORTED)
    printed = reported_value(reported, "validity.r_table")
    n = reported_value(reported, "n")
    assert round_half_away(validity.r_table(int(n)), 4) == printed


def test_r_table_rejects_bad_input():
    with pytest.raises(ValueError):
        validity.r_table(2)
    with pytest.raises(ValueError):
        validity.r_table(56, alpha=1.5)


def test_item_total_correlations_against_pandas():
    rng = np.random.default_rng(11)
    data = pd.DataFrame(rng.integers(1, 6, size=(40, 4)).astype(float), columns=list("ABCD"))
    table = validity.item_total_correlations(data, list("ABCD")).set_index("item")
    total = data.sum(axis=1)
    for item in "ABCD":
        assert table.loc[item, "r_item_total"] == pytest.approx(data[item].corr(total), abs=1e-12)
        assert table.loc[item, "r_corrected"] == pytest.approx(data[item].corr(total - data[item]), abs=1e-12)
        assert table.loc[item, "valid_item_total"] == (table.loc[item, "r_item_total"] > validity.r_table(40))
    assert (table["r_table"] == validity.r_table(40)).all()


def test_single_item_and_zero_variance_are_explained():
    data = pd.DataFrame({"A": [1.0, 2.0, 3.0, 4.0, 5.0], "B": [3.0] * 5})
    single = validity.item_total_correlations(data, ["A"])
    assert single["r_item_total"].iloc[0] == pytest.approx(1.0)
    assert np.isnan(single["r_corrected"].iloc[0]) and single["valid_corrected"].isna().iloc[0]
    assert "single-item" in single["note"].iloc[0]
    both = validity.item_total_correlations(data, ["A", "B"]).set_index("item")
    assert np.isnan(both.loc["B", "r_item_total"]) and "zero variance" in both.loc["B", "note"]


def test_validity_table_stacks_constructs():
    rng = np.random.default_rng(12)
    data = pd.DataFrame(rng.integers(1, 6, size=(30, 5)).astype(float), columns=list("ABCDE"))
    table = validity.validity_table(data, {"P": ["A", "B", "C"], "Q": ["D", "E"]})
    assert list(table["Construct"]) == ["P", "P", "P", "Q", "Q"]
    assert table["Pearson Correlation (item-total)"].iloc[3] == pytest.approx(data["D"].corr(data["D"] + data["E"]))


def test_copied_items_are_flagged_not_taken_as_validity():
    rng = np.random.default_rng(3)
    base = rng.integers(1, 6, size=40).astype(float)
    other = np.clip(base + rng.integers(-1, 2, size=40), 1, 5)
    data = pd.DataFrame({"A1": base, "A2": base + 1, "A3": base - 2,  # all copies
                         "B1": base, "B2": base, "B3": other})       # two copies and a distinct item
    all_copies = validity.item_total_correlations(data, ["A1", "A2", "A3"])
    np.testing.assert_allclose(all_copies["r_item_total"], 1.0)
    assert all_copies["note"].str.contains("copy of the others").all()
    assert all_copies["note"].str.contains("not from validity").all()
    partial = validity.item_total_correlations(data, ["B1", "B2", "B3"]).set_index("item")["note"]
    assert "copy (up to a constant) of B2" in partial["B1"]
    assert "copy (up to a constant) of B1" in partial["B2"]
    assert partial["B3"] == ""
    distinct = validity.item_total_correlations(data, ["A1", "B3"])
    assert (distinct["note"] == "").all()


def test_identical_item_groups_look_at_every_row():
    # Copies up to a constant over all 5,000 rows are grouped; an item that copies another over its first
    # 4,000 rows only (more than the rows compared first) is not.
    from surveykit.reliability import identical_item_groups

    rng = np.random.default_rng(7)
    base, other = rng.integers(1, 6, size=(2, 5_000))
    late = base.copy()
    late[4_000] += 1
    values = np.column_stack([base, base + 1, other, late, other, base]).astype(float)
    assert identical_item_groups(values) == [[0, 1, 5], [2, 4]]
    assert identical_item_groups(values[:56]) == [[0, 1, 3, 5], [2, 4]]
