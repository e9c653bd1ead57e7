"""The tables as the notebooks and the report show them (surveykit.views): SPSS's layout, no index, words, footnotes."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import normality, views
from surveykit.reported import load_reported

ROOT = Path(__file__).resolve().parents[1]
TABLES = ROOT / "results" / "tables"
FIXTURES = Path(__file__).parent / "fixtures"
# A number shown as Python prints a float (0.2632 from .2632, 1.511925, 0.0, 4.1875): never in a view.
PYTHON_FLOAT = re.compile(r"^-?\d*\.\d{5,}$|^-?0\.\d+$|^(True|False|nan|NaN|None)$")


def _cells(table) -> list[str]:
    return [str(v) for v in table.cells.to_numpy().ravel()]


def _assert_shown_as_spss(table, *, title: str, long_decimals_ok: tuple[str, ...] = ()):
    html = table.to_html()
    assert f"<caption>{title}</caption>" in html
    assert "row_heading" not in html and "blank level0" not in html     # no pandas row index
    for column in table.cells.columns:
        if column in long_decimals_ok:
            continue
        for text in table.cells[column]:
            assert not PYTHON_FLOAT.match(str(text)), (title, column, text)


def test_ks_test_is_laid_out_as_spss_prints_it():
    # The USU thesis's SPSS output (tests/fixtures/papers/usu_normalitas_169.txt), with its decimal commas:
    # Mean ,0000000  Std. Deviation ,21240122  Absolute ,092  Positive ,092  Negative -,092  Z 1,191  Sig. ,117
    printed = (FIXTURES / "papers" / "usu_normalitas_169.txt").read_text(encoding="utf-8")
    assert "Mean ,0000000 Std. Deviation ,21240122" in printed
    ks = normality.KSResult(n=169, mean=-3.1e-17, std_deviation=0.212401223, d_absolute=0.0921, d_positive=0.0921,
                            d_negative=-0.0921, z=1.1911, asymp_sig=0.1168)
    table = views.ks_test(ks)
    _assert_shown_as_spss(table, title="One-Sample Kolmogorov-Smirnov Test", long_decimals_ok=("Unstandardized Residual",))
    column = list(table.cells["Unstandardized Residual"])
    spss = [c.replace(",", ".") for c in ("169", ",0000000", ",21240122", ",092", ",092", "-,092", "1,191", ",117")]
    assert column == spss
    assert list(table.cells[""]) == ["N", "Normal Parametersᵃ,ᵇ", "", "Most Extreme Differences", "", "",
                                     "Kolmogorov-Smirnov Z", "Asymp. Sig. (2-tailed)"]
    assert list(table.cells[" "]) == ["", "Mean", "Std. Deviation", "Absolute", "Positive", "Negative", "", ""]
    assert table.footnotes == ("a. Test distribution is Normal.", "b. Calculated from data.")


def test_ks_test_of_computed_residuals():
    rng = np.random.default_rng(1)
    ks = normality.ks_spss(rng.normal(size=40))
    cells = views.ks_test(ks).cells["Unstandardized Residual"]
    assert cells.iloc[0] == "40" and re.match(r"^-?\.\d{3}$|^-?\d\.\d{3}$", cells.iloc[-2])


def test_validity_shows_verdicts_in_words_and_notes_as_footnotes():
    table = pd.DataFrame({
        "Construct": ["A", "A", "B"], "Item": ["A1", "A2", "B1"],
        "Pearson Correlation (item-total)": [0.61234, 0.2, 1.0], "Corrected Item-Total Correlation": [0.4, 0.05, np.nan],
        "r table": [0.263209, 0.263209, 0.263209], "Valid (item-total)": [True, False, True],
        "Valid (corrected)": [True, False, None], "Note": ["", "", "copy of the other items"],
    })
    shown = views.validity(table)
    _assert_shown_as_spss(shown, title="Item-Total Correlations (Validity)")
    cells = shown.cells
    assert list(cells["Valid (item-total)"]) == ["Valid", "Not valid", "Valid"]
    assert list(cells["Valid (corrected)"]) == ["Valid", "Not valid", ""]
    assert list(cells["r table"]) == [".2632"] * 3 and list(cells["Pearson Correlation (item-total)"])[0] == ".612"
    assert list(cells[" "]) == ["A1", "A2", "B1ᵃ"] and shown.footnotes == ("a. copy of the other items",)
    assert "Note" not in cells.columns


def test_reliability_statistics_spss_columns_first_then_beyond_spss():
    table = pd.read_csv(TABLES / "03_reliability.csv")
    shown = views.reliability_statistics(table)
    _assert_shown_as_spss(shown, title="Reliability Statistics")
    headers = list(shown.cells.columns)
    assert headers[1:4] == ["As SPSS prints it / Cronbach's Alpha",
                            "As SPSS prints it / Cronbach's Alpha Based on Standardized Items",
                            "As SPSS prints it / N of Items"]
    assert "Explanation" not in " ".join(headers) and "Status" not in " ".join(headers)
    alphas = dict(zip(table["Construct"], shown.cells.iloc[:, 1]))
    assert alphas["WE"] == ".628" and alphas["PL"] == "1.000"
    assert len(shown.footnotes) == int((table["Explanation"].fillna("") != "").sum())   # one letter per explanation
    assert shown.cells.iloc[1, 0] == "PLᵃ"


def test_item_total_statistics_one_block_per_construct():
    table = pd.read_csv(TABLES / "03_item_total_statistics.csv")
    shown = views.item_total_statistics(table)
    _assert_shown_as_spss(shown, title="Item-Total Statistics")
    assert list(shown.cells.columns[2:]) == ["Scale Mean if Item Deleted", "Scale Variance if Item Deleted",
                                             "Corrected Item-Total Correlation", "Cronbach's Alpha if Item Deleted"]
    constructs = [c for c in shown.cells[""] if c]
    assert constructs == list(dict.fromkeys(table["Construct"]))             # named once, on its first item
    assert shown.cells["Scale Mean if Item Deleted"].iloc[0] == "37.161"


def test_paper_comparison_shows_both_numbers_with_the_printed_decimals():
    reported = pd.DataFrame({"id": ["r_table", "sig", "vif", "mean", "cat"], "decimals": [4, 3, 0, 2, None]}
                            ).set_index("id", drop=False)
    comparison = pd.DataFrame({
        "id": ["r_table", "sig", "vif", "mean", "cat"], "printed": [0.2632, 0.0, 10.0, 4.1, "baik"],
        "relation": ["=", "=", "<", "=", "="], "computed": [0.263209212, 7.8e-14, 1.511925, 4.1875, "baik"],
        "verdict": ["match", "match", "match", "mismatch", "match"], "where": ["p. 6"] * 5,
    })
    shown = views.paper_comparison(comparison, reported)
    _assert_shown_as_spss(shown, title="Printed and Recomputed Values")
    cells = shown.cells
    assert list(cells["Printed"]) == [".2632", ".000", "< 10", "4.10", "baik"]
    assert list(cells["Computed"]) == [".2632", ".000", "1.512", "4.19", "baik"]
    assert list(cells["Verdict"]) == ["Match", "Match", "Match", "Mismatch", "Match"]


def test_paper_comparison_of_the_study():
    reported = load_reported(ROOT / "data" / "paper" / "reported.yml")
    shown = views.paper_comparison(pd.read_csv(TABLES / "07_reported_vs_recomputed.csv"), reported)
    _assert_shown_as_spss(shown, title="Printed and Recomputed Values")
    row = shown.cells.set_index("").loc["regression.F_sig"]
    assert (row["Printed"], row["Computed"]) == (".000", ".000")


@pytest.mark.parametrize("kind,csv", [
    ("profile", "02_profile"), ("item_descriptives", "02_items"), ("level_descriptives", "02_constructs"),
    ("omega", "03_omega"), ("omega_if_deleted", "03_omega_if_item_deleted"),
    ("measurement_model", "03_measurement_model"), ("fornell_larcker", "03_fornell_larcker"),
    ("tests_of_normality", "04_normality_tests"), ("collinearity", "04_collinearity"),
    ("correlations", "04_predictor_correlations"), ("glejser", "04_glejser"), ("lm_tests", "04_breusch_pagan_white"),
    ("hypotheses", "05_hypotheses"), ("critical_values", "05_critical_values"), ("contribution", "05_contribution"),
    ("hc3", "05_hc3"), ("bootstrap", "05_bootstrap"), ("ordinal_thresholds", "05_ordinal_thresholds"),
    ("ordinal_coefficients", "05_ordinal_coefficients"), ("ordinal_vs_ols", "05_ordinal_vs_ols"),
    ("casewise", "05_casewise"), ("influence", "05_influence"), ("power", "05_power"),
    ("beta_intervals", "06_beta_intervals"), ("grim", "07_grim"), ("zpp", "05_correlations"),
    ("collinearity_diagnostics", "05_collinearity_diagnostics"),
])
def test_every_view_has_its_title_no_index_words_and_spss_numbers(kind, csv):
    table = pd.read_csv(TABLES / f"{csv}.csv")
    shown = views.view(kind, table, decimals={"KIN": 0}, dependent="KIN",
                       reported=load_reported(ROOT / "data" / "paper" / "reported.yml"))
    # The GRIM granularity (1/560 = .00179) needs five decimals to be told apart.
    _assert_shown_as_spss(shown, title=views.WORDS[views.VIEWS[kind].title], long_decimals_ok=("granularity",))
    spec = views.VIEWS[kind]
    if spec.notes and spec.notes[1] in table:
        assert spec.notes[1] not in shown.cells.columns
        assert len(shown.footnotes) == len({t for t in table[spec.notes[1]].dropna() if str(t).strip()})
    for column in spec.verdicts:
        if column in table:
            assert set(shown.cells[column]) <= {"Yes", "No", "Supported", "Not supported", ""}


def test_views_words_come_from_one_dictionary():
    for spec in views.VIEWS.values():
        assert spec.title in views.WORDS
        for group in spec.groups or {}:
            assert group in views.WORDS
    assert all(isinstance(v, str) and v for v in views.WORDS.values())


def test_hypotheses_verdict_in_words():
    table = pd.read_csv(TABLES / "05_hypotheses.csv")
    cells = views.view("hypotheses", table).cells
    assert set(cells["Supported"]) <= {"Supported", "Not supported"}
    assert cells["Sig."].iloc[1] == ".000"


def test_checks_move_what_was_recomputed_into_footnotes():
    table = pd.DataFrame({"check": ["claim: VIF", "claim: alpha"], "subject": ["vif", "alpha"],
                          "printed": ["all VIF < 10", "all alpha > 0.60"],
                          "recomputed": ["WE 1.512, PL 1.027", "WE .628"], "status": ["supported", "supported"],
                          "verdict": ["long sentence", "long sentence"]})
    shown = views.checks(table, kind="claims")
    _assert_shown_as_spss(shown, title="The Paper's Claims Against the Data")
    assert list(shown.cells.columns) == ["", "Printed entry", "Printed", "Verdict"]
    assert list(shown.cells[""]) == ["claim: VIFᵃ", "claim: alphaᵇ"]
    assert shown.footnotes == ("a. Recomputed: WE 1.512, PL 1.027", "b. Recomputed: WE .628")


def test_csv_table_for_the_report_reads_as_spss():
    frame = pd.DataFrame({"construct": ["WE"], "n_items": [10], "Mean": [4.1], "Std. Deviation": [0.650594],
                          "Cronbach's Alpha": [1.0], "Sig.": [0.00001], "flag": [True]})
    shown = views.csv_table(frame, title="Key", readable={"construct": "Construct", "n_items": "Items"})
    _assert_shown_as_spss(shown, title="Key")
    assert shown.cells.iloc[0].to_dict() == {"Construct": "WE", "Items": "10", "Mean": "4.10", "Std. Deviation": ".65",
                                             "Cronbach's Alpha": "1.000", "Sig.": ".000", "flag": "Yes"}


def test_own_words_are_shown_not_interpreted():
    frame = pd.DataFrame({"<b>Claim</b>": ["<script>alert(1)</script>"], "Mean": [4.0]})
    html = views.csv_table(frame, title="<i>t</i>").to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html and "<i>t" not in html


def test_spss_footnotes_come_first_and_name_the_dependent():
    table = pd.read_csv(TABLES / "05_collinearity_diagnostics.csv")
    shown = views.view("collinearity_diagnostics", table, dependent="KIN")
    assert shown.footnotes == ("a. Dependent Variable: KIN",)
    headers = list(shown.cells.columns)
    assert headers[:4] == ["Model", "Dimension", "Eigenvalue", "Condition Index"]
    assert headers[4:] == [f"Variance Proportions / {c}" for c in table.columns[3:]]
    assert shown.cells["Variance Proportions / (Constant)"].iloc[0] == ".00"


def test_an_indonesian_view_translates_its_words_and_keeps_the_datas_names():
    from surveykit import i18n

    i18n.use("id")
    try:
        table = pd.read_csv(TABLES / "04_predictor_correlations.csv")
        shown = views.view("correlations", table)
        assert shown.styler.caption == i18n.gettext("Correlations")
        assert list(shown.cells.columns) == ["", "WE", "PL", "QWL"]       # the data's names, untranslated
        assert shown.cells["PL"].iloc[0] == ",148"                          # decimal comma
        hypotheses = views.view("hypotheses", pd.DataFrame({"Supported": [True, False]}))
        assert list(hypotheses.cells.iloc[:, 0]) == [i18n.gettext("Supported"), i18n.gettext("Not supported")]
        ks = views.ks_test(normality.ks_spss(np.arange(10.0)))
        assert ks.footnotes[0] == "a. Test distribution is Normal."        # as Indonesian SPSS prints it
    finally:
        i18n.use("en")
