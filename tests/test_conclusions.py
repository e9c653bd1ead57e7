"""Bottom lines: the wording rules (not rejected, p < .001, association not effect) and computed numbers."""

from __future__ import annotations

import re

from surveykit import conclusions

FORBIDDEN = re.compile(r"\bare normal\b|\bis normal\b|no heteroskedasticity|Sig\. = \.000|\bproves?\b")


def test_outcome_phrase():
    assert conclusions.outcome_phrase(0.342, 0.05, hypothesis="normality is") == "normality is not rejected (p = .342)"
    assert conclusions.outcome_phrase(0.0001, 0.05, hypothesis="H") == "H rejected (p < .001)"
    # The notebooks' stated rule, "not rejected when Sig. > .05", in one place (conclusions.rejects):
    # at .05 exactly the hypothesis is rejected, just above it is not.
    assert conclusions.outcome_phrase(0.05, 0.05, hypothesis="H") == "H rejected (p = .050)"
    assert conclusions.outcome_phrase(0.0501, 0.05, hypothesis="H") == "H not rejected (p = .050)"
    assert "not computed" in conclusions.outcome_phrase(float("nan"), 0.05, hypothesis="H")


def test_rejects_is_the_rule_of_every_assumption_test():
    assert conclusions.rejects(0.05, 0.05) and conclusions.rejects(0.001, 0.05)
    assert not conclusions.rejects(0.0501, 0.05)
    assert not conclusions.rejects(float("nan"), 0.05)  # not computed rejects nothing


def test_normality_when_the_better_tests_reject():
    text = conclusions.normality_bottom_line(ks_p=0.2, lilliefors_p=0.0012, shapiro_p=0.0003, significance=0.05,
                                             n=56, k=3, rule_name="the paper's rule")
    assert "By the paper's rule" in text and "normality is not rejected (p = .200)" in text
    assert "Lilliefors-corrected K-S, p = .001" in text and "Shapiro-Wilk, p < .001" in text
    assert "reject normality" in text and "**rejected**" in text
    assert "n = 56 and 3 predictors" in text and "HC3" in text and "bootstrap" in text
    assert not FORBIDDEN.search(text)


def test_normality_when_nothing_rejects_and_shapiro_is_not_computed():
    text = conclusions.normality_bottom_line(ks_p=0.9, lilliefors_p=0.5, shapiro_p=float("nan"), significance=0.05,
                                             n=6000, k=2, rule_name="the usual thesis rule")
    assert "**not rejected**" in text and "does not show the errors to be normal" in text
    assert "Shapiro-Wilk" not in text
    assert not FORBIDDEN.search(text)


def test_normality_when_the_better_tests_disagree():
    text = conclusions.normality_bottom_line(ks_p=0.3, lilliefors_p=0.2, shapiro_p=0.01, significance=0.05,
                                             n=80, k=2, rule_name="the usual thesis rule")
    assert "disagree: Shapiro-Wilk rejects normality, the Lilliefors-corrected K-S does not" in text


def test_collinearity():
    low = conclusions.collinearity_bottom_line(min_tolerance=0.661, max_vif=1.512, tolerance_limit=0.1, vif_limit=10,
                                               rule_name="the paper's rule", worst="WE")
    assert "within the bounds" in low and "largest VIF 1.512 (WE)" in low and "factor 1.23" in low
    assert "does not blur" in low
    high = conclusions.collinearity_bottom_line(min_tolerance=0.05, max_vif=20.0, tolerance_limit=0.1, vif_limit=10,
                                                rule_name="the paper's rule", worst="X2")
    assert "outside the bounds" in high and "X2's above all" in high and "factor 4.47" in high


def test_heteroskedasticity():
    text = conclusions.heteroskedasticity_bottom_line(
        glejser_p={"WE": 0.4, "PL": 0.6}, breusch_pagan_p=0.3, white_p=0.02, hc3_changed=[], n_values=3, n=56,
        significance=0.05, rule_name="the paper's rule", scatterplot_rule=True)
    assert "3 distinct values" in text and "parallel bands" in text
    assert "smallest p = .400" in text and "White: homoskedasticity rejected (p = .020)" in text
    assert "**rejected** by at least one test" in text and "no predictor's verdict changes" in text
    assert not FORBIDDEN.search(text)
    quiet = conclusions.heteroskedasticity_bottom_line(
        glejser_p={"A": 0.4}, breusch_pagan_p=0.3, white_p=0.5, hc3_changed=["A"], n_values=40, n=200,
        significance=0.05, rule_name="the usual thesis rule", scatterplot_rule=False)
    assert "**not rejected**" in quiet and "does not show the variance to be constant" in quiet
    assert "changes for A" in quiet and "parallel bands" not in quiet


def test_heteroskedasticity_claims_nothing_for_undefined_hc3():
    # A leverage-1 respondent leaves HC3 undefined: no "no verdict changes" may be claimed for it.
    text = conclusions.heteroskedasticity_bottom_line(
        glejser_p={"A": 0.4, "B": 0.5}, breusch_pagan_p=float("nan"), white_p=float("nan"), hc3_changed=[],
        hc3_undefined=["A", "B"], n_values=4, n=4, significance=0.05, rule_name="the usual thesis rule",
        scatterplot_rule=False)
    assert "not defined for A, B" in text and "cannot be made robust" in text
    assert "no predictor's verdict changes" not in text
    assert "Breusch-Pagan (Koenker): homoskedasticity: test not computed" in text
    one = conclusions.heteroskedasticity_bottom_line(
        glejser_p={"A": 0.4}, breusch_pagan_p=0.3, white_p=0.5, hc3_changed=["B"], hc3_undefined=["A"], n_values=9,
        n=30, significance=0.05, rule_name="the usual thesis rule", scatterplot_rule=False)
    assert "for that predictor" in one and "for B the verdict changes" in one


def test_association_not_effect_says_so():
    assert "association" in conclusions.ASSOCIATION_NOT_EFFECT and "not effect" in conclusions.ASSOCIATION_NOT_EFFECT
