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


# --- Tables styled as SPSS's viewer prints them -------------------------------------------------

def test_regression_tables_show_every_digit_spss_printed_for_hsb2():
    # Real SPSS output (UCLA's annotated hsb2 regression): each printed cell, as SPSS printed it.
    from pathlib import Path

    import yaml

    from surveykit import regression

    fixtures = Path(__file__).parent / "fixtures"
    spss = yaml.safe_load((fixtures / "spss_reference.yml").read_text(encoding="utf-8"))["hsb2_regression"]
    fit = regression.linear_regression(pd.read_csv(fixtures / "hsb2.csv"), spss["dependent"], spss["predictors"])
    tables = regression.spss_tables(fit)
    summary = tables["Model Summary"].cells.iloc[0]
    for column, printed in spss["model_summary"].items():
        assert summary[column] == printed, column
    assert summary["Model"] == "1"
    anova = tables["ANOVA"].cells.set_index("")
    for source, cells in spss["anova"].items():
        for column, printed in cells.items():
            assert anova.loc[source, column] == str(printed), (source, column)
    assert anova.loc["Residual", "F"] == "" and anova.loc["Total", "Sig."] == ""   # empty as in SPSS
    coefficients = tables["Coefficients"].cells.set_index("")
    names = {"B": "Unstandardized Coefficients / B", "Std. Error": "Unstandardized Coefficients / Std. Error",
             "Beta": "Standardized Coefficients / Beta", "t": "t", "Sig.": "Sig.",
             "lower": "95.0% Confidence Interval for B / Lower Bound",
             "upper": "95.0% Confidence Interval for B / Upper Bound"}
    for term, cells in spss["coefficients"].items():
        for column, printed in cells.items():
            assert coefficients.loc[term, names[column]] == printed, (term, column)
    assert list(coefficients["Model"]) == ["1", "", "", "", ""]
    assert tables["Coefficients"].footnotes == ("a. Dependent Variable: science",)
    assert tables["ANOVA"].footnotes[1] == "b. Predictors: (Constant), math, female, socst, read"


def test_styled_table_has_title_above_grouped_headers_no_index_and_stable_html():
    from surveykit.spss_format import spss_styled

    table = pd.DataFrame({"Model": ["(Constant)", "x"], "B": [1.23456, -0.0004], "Sig.": [0.00001, 0.5],
                          "Beta": [np.nan, 0.25]})
    styled = spss_styled(table, title="Coefficients", decimals={"B": 3, "Beta": 3}, model=1, term_column="Model",
                         groups={"Unstandardized Coefficients": ["B"]}, footnotes=("a. Dependent Variable: y",))
    html = styled.to_html()
    assert "<caption>Coefficients</caption>" in html and "Unstandardized Coefficients" in html
    assert html.split("</thead>")[0].count("<tr>") == 2   # the group header spans a row above the names
    assert "row_heading" not in html                       # no pandas row index
    assert html.endswith('<div class="spss-footnote">a. Dependent Variable: y</div>')
    assert html == spss_styled(table, title="Coefficients", decimals={"B": 3, "Beta": 3}, model=1,
                               term_column="Model", groups={"Unstandardized Coefficients": ["B"]},
                               footnotes=("a. Dependent Variable: y",)).to_html()
    cells = styled.cells
    assert list(cells["Unstandardized Coefficients / B"]) == ["1.235", ".000"]   # half away; never "-.000"
    assert list(cells["Sig."]) == [".000", ".500"] and list(cells["Beta"]) == ["", ".250"]
    assert repr(styled).splitlines()[0] == "Coefficients"
    with pytest.raises(KeyError, match="no column"):
        spss_styled(table, title="t", decimals={}, groups={"g": ["nope"]})
