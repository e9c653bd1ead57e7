"""SPSS display rules: half away from zero, three-decimal Sig., leading zero dropped."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from surveykit.spss_format import format_number, format_sig, round_half_away, rounding_interval, spss_table


@pytest.mark.parametrize("value,decimals,expected", [
    (2.5, 0, 3.0), (-2.5, 0, -3.0), (-1.125, 2, -1.13), (1.125, 2, 1.13), (0.125, 2, 0.13),
    (0.0005, 3, 0.001), (2.675, 2, 2.68),
])
def test_round_half_away_from_zero(value, decimals, expected):
    assert round_half_away(value, decimals) == expected


def test_python_round_would_be_wrong_here():
    # The reason the module exists: built-in round is half-to-even.
    assert round(2.5) == 2 and round_half_away(2.5, 0) == 3


@pytest.mark.parametrize("value,decimals,expected", [
    (0.70512, 3, ".705"), (-0.1013, 3, "-.101"), (-2.0095, 3, "-2.010"), (-0.0004, 3, ".000"),
    (46.69477, 3, "46.695"), (12.3252, 3, "12.325"), (2.5, 0, "3"), (-1.125, 2, "-1.13"),
])
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_sig():
    assert format_sig(0.00049) == ".000"
    assert format_sig(0.0005) == ".001"
    assert format_sig(0.0945) == ".095"
    assert format_sig(0.05082) == ".051"
    assert format_sig(0.5, leading_zero=True) == "0.500"


def test_empty_cells():
    assert format_number(float("nan")) == ""
    assert format_number(math.inf) == "inf"


def test_rounding_interval():
    low, high = rounding_interval(0.705, 3)
    assert low == pytest.approx(0.7045) and high == pytest.approx(0.7055)


def test_spss_table():
    table = pd.DataFrame({"Model": ["(Constant)", "x"], "B": [12.3252, 0.3893], "Beta": [np.nan, 0.3684],
                          "Sig.": [0.000154, 0.0508]})
    shown = spss_table(table, {"B": 3, "Beta": 3})
    assert shown.to_dict("list") == {"Model": ["(Constant)", "x"], "B": ["12.325", ".389"],
                                     "Beta": ["", ".368"], "Sig.": [".000", ".051"]}
    assert table["B"].iloc[0] == 12.3252  # the input is not modified


def test_format_p_writes_p_less_than_001_where_spss_prints_000():
    from surveykit.spss_format import format_p, format_sig

    assert format_sig(0.00049) == ".000" and format_p(0.00049) == "p < .001"
    assert format_p(0.0) == "p < .001"
    assert format_p(0.0005) == "p = .001"          # rounds half away from zero, as SPSS
    assert format_p(0.0345) == "p = .035"
    assert format_p(1.0) == "p = 1.000"
    assert format_p(0.04, decimals=2) == "p = .04" and format_p(0.004, decimals=2) == "p < .01"
    for bad in (float("nan"), -0.1, 1.5):
        with pytest.raises(ValueError):
            format_p(bad)
