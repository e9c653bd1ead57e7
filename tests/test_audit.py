"""The replication audit's checks on cases built to pass and cases built to fail.

Independent references:
- GRIM: a brute-force second implementation with Python's ``decimal``
  rounding modes (ROUND_HALF_UP is half away from zero, ROUND_HALF_EVEN,
  ROUND_DOWN is truncation, ROUND_HALF_UP on positives equals half up).
- F, Sig.: real SPSS output for the hsb2 regression and three SPSS NPAR
  TESTS K-S outputs (fixture ``tests/fixtures/spss_reference.yml``; sources
  in ``tests/fixtures/README.md``).
"""

from __future__ import annotations

import math
import random
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from surveykit import audit
from surveykit.codebook import codebook_from_dict
from surveykit.reported import load_reported

FIXTURES = Path(__file__).parent / "fixtures"
_REF = yaml.safe_load((FIXTURES / "spss_reference.yml").read_text(encoding="utf-8"))
_HSB = _REF["hsb2_regression"]
# The printed SPSS strings (".489", "-1.965") as numbers, in the shape the tests use.
SPSS = {
    "regression": {
        "n": 200,
        "k": len(_HSB["predictors"]),
        "R_square": float(_HSB["model_summary"]["R Square"]),
        "F": float(_HSB["anova"]["Regression"]["F"]),
        "F_sig": float(_HSB["anova"]["Regression"]["Sig."]),
        "ss_regression_unrounded": float(_HSB["anova_unrounded"]["Regression"]),
        "ss_residual_unrounded": float(_HSB["anova_unrounded"]["Residual"]),
    },
    "coefficients": [{"term": term, "t": float(row["t"]), "sig": float(row["Sig."])}
                     for term, row in _HSB["coefficients"].items()],
    "ks": [{"n": int(r["n"]), "z": float(r["z"]), "sig": float(r["asymp_sig"])} for r in _REF["ks_npar_tests"]["rows"]],
}
assert _HSB["anova"]["Regression"]["df"] + _HSB["anova"]["Residual"]["df"] + 1 == SPSS["regression"]["n"]


# -- rounding and GRIM -----------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("4.125", {"half away from zero": "4.13", "half up": "4.13", "half to even": "4.12", "truncation": "4.12"}),
    ("-1.125", {"half away from zero": "-1.13", "half up": "-1.12", "half to even": "-1.12", "truncation": "-1.12"}),
    ("4.135", {"half away from zero": "4.14", "half up": "4.14", "half to even": "4.14", "truncation": "4.13"}),
    ("3.4464", {"half away from zero": "3.45", "half up": "3.45", "half to even": "3.45", "truncation": "3.44"}),
])
def test_round_fraction_conventions_on_exact_ties(value, expected):
    for convention, result in expected.items():
        assert audit.round_fraction(Fraction(value), 2, convention) == Fraction(result), convention


def test_unknown_convention_is_refused():
    with pytest.raises(ValueError, match="convention"):
        audit.round_fraction(Fraction(1, 3), 2, "bankers")


def test_grim_rejects_a_mean_no_whole_number_total_can_give():
    # 56 respondents, one item: 234/56 = 4.1786 and 235/56 = 4.1964, so 4.19 is impossible.
    result = audit.grim(4.19, n=56, items=1)
    assert result.testable and not result.consistent
    assert result.conventions == ("truncation",)  # 235/56 = 4.1964 truncates to 4.19
    assert result.nearest_sums == (234, 235)


def test_grim_accepts_a_reachable_mean():
    # 3.45 at n = 56 is reachable (193/56 = 3.4464 prints as 3.45): GRIM-consistent.
    result = audit.grim(3.45, n=56, items=1)
    assert result.testable and result.consistent
    assert 193 in result.nearest_sums


def test_grim_depends_on_the_rounding_convention():
    # n = 8: means are multiples of .125; 25/8 = 3.125 is an exact tie.
    spss = audit.grim(3.13, n=8)
    assert spss.consistent and spss.conventions == ("half away from zero", "half up")
    even = audit.grim(3.12, n=8)
    assert not even.consistent and even.conventions == ("half to even", "truncation")


def test_grim_is_not_testable_when_granularity_is_below_the_printed_precision():
    result = audit.grim(4.19, n=56, items=2)  # 112 answers >= 100
    assert not result.testable and result.consistent
    assert result.granularity == pytest.approx(1 / 112)


def _brute_force_grim(printed: str, n: int, items: int, decimals: int) -> dict[str, bool]:
    quantum = Decimal(1).scaleb(-decimals)
    target = Decimal(printed).quantize(quantum)
    modes = {"half away from zero": ROUND_HALF_UP, "half to even": ROUND_HALF_EVEN, "truncation": ROUND_DOWN}
    out = {}
    for name, mode in modes.items():
        out[name] = any(
            (Decimal(total) / Decimal(n * items)).quantize(quantum, rounding=mode) == target
            for total in range(0, 5 * n * items + 1)
        )
    return out


def test_grim_agrees_with_a_brute_force_implementation():
    rng = random.Random(20250501)
    for _ in range(300):
        n, items, decimals = rng.randint(3, 60), rng.randint(1, 3), 2
        printed = f"{rng.uniform(1, 5):.2f}"
        ours = audit.grim(float(printed), n=n, items=items, decimals=decimals)
        reference = _brute_force_grim(printed, n, items, decimals)
        assert ours.consistent == reference["half away from zero"], (printed, n, items)
        for name in reference:
            assert (name in ours.conventions) == reference[name], (printed, n, items, name)


def test_grim_refuses_nonsense_counts():
    with pytest.raises(ValueError):
        audit.grim(3.5, n=0)
    with pytest.raises(ValueError):
        audit.grim(3.5, n=10, items=1.5)


# -- F, Sig., r-table --------------------------------------------------------

def test_f_from_r_squared_matches_spss_hsb2():
    s = SPSS["regression"]
    r2 = s["ss_regression_unrounded"] / (s["ss_regression_unrounded"] + s["ss_residual_unrounded"])
    f = audit.f_from_r_squared(r2, n=s["n"], k=s["k"])
    assert round(f, 3) == pytest.approx(s["F"], abs=0.0005)


def test_f_check_passes_on_spss_output_and_fails_on_a_wrong_f():
    s = SPSS["regression"]
    good = audit.check_f_from_r_squared(s["R_square"], 3, s["F"], 3, n=s["n"], k=s["k"])
    assert good.status == "consistent"
    bad = audit.check_f_from_r_squared(s["R_square"], 3, s["F"] + 10, 3, n=s["n"], k=s["k"])
    assert bad.status == "inconsistent"
    wrong_k = audit.check_f_from_r_squared(s["R_square"], 3, s["F"], 3, n=s["n"], k=s["k"] + 3)
    assert wrong_k.status == "inconsistent"


def test_f_check_uses_both_rounding_intervals():
    # R2 = .7045 exactly gives F(3, 52) = 41.3238...; printed R2 .705 allows it.
    f = audit.f_from_r_squared(0.7046, n=56, k=3)
    assert audit.check_f_from_r_squared(0.705, 3, round(f, 3), 3, n=56, k=3).status == "consistent"
    f_out = audit.f_from_r_squared(0.7040, n=56, k=3)
    assert audit.check_f_from_r_squared(0.705, 3, round(f_out, 3), 3, n=56, k=3).status == "inconsistent"


def test_sig_of_f_from_spss_output():
    s = SPSS["regression"]
    ok = audit.check_sig(s["F_sig"], statistic="F", value=s["F"], df=(s["k"], s["n"] - s["k"] - 1), value_decimals=3)
    assert ok.status == "consistent" and "p < .0005" in ok.verdict
    bad = audit.check_sig(0.003, statistic="F", value=s["F"], df=(s["k"], s["n"] - s["k"] - 1), value_decimals=3)
    assert bad.status == "inconsistent"


@pytest.mark.parametrize("row", SPSS["coefficients"], ids=lambda r: r["term"])
def test_sig_of_t_from_spss_output(row):
    df = SPSS["regression"]["n"] - SPSS["regression"]["k"] - 1
    ok = audit.check_sig(row["sig"], statistic="t", value=row["t"], df=(df,), value_decimals=3)
    assert ok.status == "consistent"
    wrong = 0.5 if row["sig"] < 0.3 else 0.01
    assert audit.check_sig(wrong, statistic="t", value=row["t"], df=(df,), value_decimals=3).status == "inconsistent"


def test_sig_printed_as_000_means_below_0005():
    assert audit.sig_consistent(0.0, 0.0004)
    assert not audit.sig_consistent(0.0, 0.0006)
    assert audit.sig_consistent(0.051, 0.0512)
    assert not audit.sig_consistent(0.051, 0.0496)


def test_r_table():
    assert audit.check_r_table(0.2632, 4, n=56).status == "consistent"  # README: r-table for n = 56
    assert audit.check_r_table(0.2732, 4, n=56).status == "inconsistent"
    assert audit.check_r_table(0.2632, 4, n=40).status == "inconsistent"


def test_percent():
    assert audit.check_percent(0.705, 3, 70.5, 1).status == "consistent"
    assert audit.check_percent(0.705, 3, 75.0, 1).status == "inconsistent"


# -- normality ---------------------------------------------------------------

@pytest.mark.parametrize("row", SPSS["ks"], ids=lambda r: f"n{r['n']}")
def test_ks_d_from_printed_sig_recovers_spss_z(row):
    d = audit.ks_d_from_sig(row["sig"], row["n"])
    # Sig. is printed to 3 decimals, so Z is recovered to about 0.01.
    assert d * math.sqrt(row["n"]) == pytest.approx(row["z"], abs=0.01)


def test_normality_claim_fails_after_lilliefors_and_passes_when_far_from_the_edge():
    rows = {r["n"]: r for r in SPSS["ks"]}
    edge = audit.check_normality_claim(rows[97]["sig"], 3, n=97)  # D = .136: Lilliefors rejects
    assert edge.status == "not supported"
    safe = audit.check_normality_claim(rows[98]["sig"], 3, n=98)  # D = .059: nowhere near
    assert safe.status == "supported"


def test_lilliefors_p_agrees_with_statsmodels_on_data():
    from statsmodels.stats.diagnostic import lilliefors

    from surveykit.normality import ks_spss, lilliefors_p

    x = np.random.default_rng(4).exponential(size=60)
    sig = ks_spss(x).asymp_sig
    d = audit.ks_d_from_sig(sig, 60)
    d_ref, p_ref = lilliefors(x, dist="norm", pvalmethod="approx")
    assert d == pytest.approx(d_ref, rel=1e-6)
    assert lilliefors_p(d, 60) == pytest.approx(p_ref, rel=1e-6)


# -- claims ----------------------------------------------------------------

def test_largest_beta_by_absolute_value():
    assert audit.check_largest_beta({"A": 0.2, "B": 0.5, "C": 0.1}, "B").status == "supported"
    no = audit.check_largest_beta({"A": -0.6, "B": 0.5}, "B")
    assert no.status == "not supported" and "A" in no.verdict
    with pytest.raises(KeyError):
        audit.check_largest_beta({"A": 0.1}, "Z")


def test_vif_bound():
    assert audit.check_vif_bound({"A": 2.0, "B": 9.9}).status == "supported"
    assert audit.check_vif_bound({"A": 2.0, "B": 12.0}).status == "not supported"


def test_alpha_claim_flags_one_as_copies():
    ok = audit.check_alpha_claim({"A": 0.71, "B": 0.82})
    assert ok.status == "supported"
    ones = audit.check_alpha_claim({"A": 0.628, "B": 0.99996})
    assert ones.status == "supported in form, misleading in substance" and "copies" in ones.verdict
    low = audit.check_alpha_claim({"A": 0.55, "B": 1.0})
    assert low.status == "not supported"


# -- drivers on a constructed paper ------------------------------------------

def _codebook_dict():
    return {
        "scale": {"min": 1, "max": 5},
        "constructs": [
            {"key": "X1", "role": "predictor", "indicators": [{"key": "x1a", "items": ["A1", "A2"]}]},
            {"key": "X2", "role": "predictor", "indicators": [{"key": "x2a", "items": ["B1", "B2"]}]},
            {"key": "Y", "role": "dependent", "indicators": [{"key": "ya", "items": ["C1"]}]},
        ],
    }


def _codebook():
    return codebook_from_dict(_codebook_dict())


def _reported(tmp_path, values):
    path = tmp_path / "reported.yml"
    path.write_text(yaml.safe_dump({"values": values}), encoding="utf-8")
    return load_reported(path)


def test_consistency_checks_find_the_planted_errors(tmp_path):
    reported = _reported(tmp_path, [
        {"id": "n", "kind": "n", "value": 56, "decimals": 0},
        {"id": "mean.Y", "kind": "construct_mean", "target": "Y", "value": 4.19, "decimals": 2},   # impossible
        {"id": "mean.ya", "kind": "indicator_mean", "target": "ya", "value": 3.45, "decimals": 2},  # possible
        {"id": "F", "kind": "f_statistic", "value": 30.0, "decimals": 3},                         # wrong
        {"id": "R2", "kind": "r_squared", "value": 0.5, "decimals": 3},
        {"id": "F_sig", "kind": "f_sig", "value": 0.0, "decimals": 3},
    ])
    table = audit.checks_table(audit.consistency_checks(reported, _codebook())).set_index("subject")
    assert table.loc["mean.Y", "status"] == "inconsistent"
    assert table.loc["mean.ya", "status"] == "consistent"
    assert table.loc["F, R2", "status"] == "inconsistent"  # (.5/2)/(.5/53) = 26.5, not 30
    assert table.loc["F_sig, F", "status"] == "consistent"
    assert all("GRIM" in m for m in table.loc[["mean.Y", "mean.ya"], "method"])


def test_grim_table_reports_the_smallest_item_count(tmp_path):
    reported = _reported(tmp_path, [
        {"id": "n", "kind": "n", "value": 56, "decimals": 0},
        {"id": "mean.X1", "kind": "construct_mean", "target": "X1", "value": 4.19, "decimals": 2},
        {"id": "mean.ya", "kind": "indicator_mean", "target": "ya", "value": 3.45, "decimals": 2},
    ])
    table = audit.grim_table(reported, _codebook()).set_index("id")
    assert table.loc["mean.X1", "smallest_items_consistent"] == 2  # one item cannot give 4.19
    assert table.loc["mean.ya", "smallest_items_consistent"] == 1
    assert not table.loc["mean.X1", "testable"]


def test_category_follows_from_the_printed_mean(tmp_path):
    codebook = codebook_from_dict({
        "scale": {"min": 1, "max": 5},
        "interpretation": [
            {"min": 1.00, "max": 2.60, "id": "rendah"},
            {"min": 2.61, "max": 3.40, "id": "cukup"},
            {"min": 3.41, "max": 5.00, "id": "baik"},
        ],
        "constructs": _codebook_dict()["constructs"],
    })
    assert audit.check_category(3.14, "cukup", codebook).status == "consistent"
    assert audit.check_category(3.14, "baik", codebook).status == "inconsistent"
    assert audit.check_category(3.405, "baik", codebook).status == "consistent"  # 3.41 after SPSS rounding


def test_rank_claims_hold_fail_and_share_ties(tmp_path):
    codebook = codebook_from_dict({
        "scale": {"min": 1, "max": 5},
        "constructs": [
            {"key": "X", "role": "predictor", "indicators": [
                {"key": "a", "items": ["A1"]}, {"key": "b", "items": ["B1"]}, {"key": "c", "items": ["C1"]}]},
            {"key": "Y", "role": "dependent", "indicators": [{"key": "y", "items": ["Y1"]}]},
        ],
    })
    # Indicator means a 3.5, b 3.5, c 4.0, y 2.0.
    data = pd.DataFrame({"A1": [3, 4], "B1": [4, 3], "C1": [4, 4], "Y1": [2, 2]})
    claims = pd.DataFrame({"id": ["r1", "r2", "r3", "r4"], "kind": "indicator_mean",
                           "target": ["a", "c", "c", "Y"], "rank": ["lowest", "lowest", "highest", "lowest_construct"],
                           "value": None})
    result = audit.checks_table(audit.check_rank_claims(claims, data, codebook)).set_index("subject")
    assert result.loc["r1", "status"] == "supported" and "tied with b" in result.loc["r1", "verdict"]
    assert result.loc["r2", "status"] == "not supported"
    assert result.loc["r3", "status"] == "supported"
    assert result.loc["r4", "status"] == "supported"


def test_no_reported_numbers_means_no_checks():
    empty = load_reported("")
    assert audit.consistency_checks(empty, _codebook()) == []
    assert audit.load_rank_claims("").empty


@pytest.mark.parametrize("term", ["math", "female", "socst", "read"])
def test_sig_from_b_and_se_of_spss_output(term):
    # SPSS prints B and SE to 3 decimals; their ratio must give the printed Sig.
    row = _HSB["coefficients"][term]
    df = _HSB["anova"]["Residual"]["df"]
    lo, hi = audit.t_interval_from_b_se(float(row["B"]), 3, float(row["Std. Error"]), 3)
    assert lo <= abs(float(row["t"])) <= hi
    ok = audit.check_sig_from_b_se(float(row["Sig."]), b=float(row["B"]), b_decimals=3,
                                   se=float(row["Std. Error"]), se_decimals=3, df=df)
    assert ok.status == "consistent"
    wrong = 0.5 if float(row["Sig."]) < 0.3 else 0.001
    bad = audit.check_sig_from_b_se(wrong, b=float(row["B"]), b_decimals=3, se=float(row["Std. Error"]),
                                    se_decimals=3, df=df)
    assert bad.status == "inconsistent"


def test_standard_error_printed_as_zero_is_refused():
    with pytest.raises(ValueError, match="zero"):
        audit.t_interval_from_b_se(0.5, 3, 0.0, 3)


def test_driver_uses_t_or_b_and_se_when_printed(tmp_path):
    reported = _reported(tmp_path, [
        {"id": "n", "kind": "n", "value": 56, "decimals": 0},
        {"id": "sig.X1", "kind": "coefficient_sig", "target": "X1", "value": 0.003, "decimals": 3},
        {"id": "t.X1", "kind": "coefficient_t", "target": "X1", "value": 3.1, "decimals": 3},
        {"id": "sig.X2", "kind": "coefficient_sig", "target": "X2", "value": 0.003, "decimals": 3},
        {"id": "B.X2", "kind": "coefficient_b", "target": "X2", "value": 0.066, "decimals": 3},
        {"id": "se.X2", "kind": "coefficient_se", "target": "X2", "value": 0.010, "decimals": 3},
        {"id": "sig.Y", "kind": "coefficient_sig", "target": "Y", "value": 0.003, "decimals": 3},
    ])
    table = audit.checks_table(audit.consistency_checks(reported, _codebook())).set_index("subject")
    # t(53) = 3.1 gives p = .0031: consistent; B/SE = 6.6 gives p < .0005: not .003.
    assert table.loc["sig.X1, t.X1", "status"] == "consistent"
    assert table.loc["sig.X2, B.X2, se.X2", "status"] == "inconsistent"
    assert table.loc["sig.Y", "status"] == "not computable"


@pytest.mark.parametrize("term", ["math", "female", "socst", "read"])
def test_t_interval_from_printed_sig_contains_spss_t(term):
    row = _HSB["coefficients"][term]
    lo, hi = audit.t_interval_from_sig(float(row["Sig."]), _HSB["anova"]["Residual"]["df"])
    assert lo <= abs(float(row["t"])) <= hi
    if float(row["Sig."]) == 0:
        assert hi == math.inf


def test_contribution_from_printed_sigs():
    # Semipartial r from t: check against a regression computed here (statsmodels).
    import statsmodels.api as sm

    rng = np.random.default_rng(5)
    x = rng.normal(size=(120, 3))
    y = x @ [0.2, 0.6, 0.25] + rng.normal(size=120)
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    sigs = {name: round(float(p), 3) for name, p in zip(["a", "b", "c"], fit.pvalues[1:])}
    r2 = round(fit.rsquared, 3)
    full = fit.rsquared
    sr = {}
    for j, name in enumerate(["a", "b", "c"]):
        reduced = sm.OLS(y, sm.add_constant(np.delete(x, j, axis=1))).fit().rsquared
        sr[name] = math.sqrt(full - reduced)
        assert audit.semipartial_from_t(fit.tvalues[j + 1], full, 116) == pytest.approx(sr[name], rel=1e-9)
    strongest = max(sr, key=sr.get)
    assert audit.check_contribution_from_printed(strongest, sigs, r2, n=120).status in ("supported", "not testable")
    # a clear case built by hand: .000 against two .400s
    assert audit.check_contribution_from_printed("b", {"a": 0.4, "b": 0.0, "c": 0.4}, 0.5, n=60).status == "supported"
    assert audit.check_contribution_from_printed("a", {"a": 0.4, "b": 0.0, "c": 0.4}, 0.5, n=60).status == "not supported"
    assert audit.check_contribution_from_printed("a", {"a": 0.041, "b": 0.040, "c": 0.4}, 0.5, n=60).status == "not testable"


def test_edge_cases_are_reported_not_crashed():
    # R2 printed as 1.000: F is unbounded above, so any large F is consistent, a small one is not.
    assert audit.check_f_from_r_squared(1.0, 3, 50000.0, 3, n=56, k=3).status == "consistent"  # F >= 34,650
    assert audit.check_f_from_r_squared(1.0, 3, 10.0, 3, n=56, k=3).status == "inconsistent"
    assert audit.check_alpha_claim({}).status == "not computable"


def test_semipartial_bounds_stay_within_r_squared_when_sig_prints_as_zero():
    """A Sig. of .000 leaves |t| unbounded, but a semipartial r^2 is part of R^2: |sr| <= sqrt(R^2)."""
    import math
    import re

    check = audit.check_contribution_from_printed("b", {"a": 0.4, "b": 0.0, "c": 0.4}, 0.5, n=60)
    assert "inf" not in check.recomputed
    highs = [float(x) for x in re.findall(r"to (\d\.\d+)", check.recomputed)]
    assert highs and max(highs) <= math.sqrt(0.5005) + 1e-9


def test_rank_claims_and_the_extremes_table_follow_one_tie_rule():
    from surveykit import cleaning, descriptives, readers
    from surveykit.codebook import load_codebook

    root = Path(__file__).resolve().parents[1]
    codebook = load_codebook(root / "data" / "codebook.yml")
    raw = readers.read_responses(root / "data" / "raw" / "responses.csv", codebook)
    data = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row).data
    claims = audit.load_rank_claims(root / "data" / "paper" / "reported.yml")
    checks = audit.checks_table(audit.check_rank_claims(claims, data, codebook)).set_index("subject")
    ranking = descriptives.extremes(descriptives.level_statistics(data, codebook, level="indicator"))
    tied = {(row.construct, "lowest"): row.lowest_tied.split("; ") for row in ranking.itertuples()}
    tied |= {(row.construct, "highest"): row.highest_tied.split("; ") for row in ranking.itertuples()}
    construct_of = {i.key: c.key for c in codebook.constructs for i in c.indicators}
    indicator_claims = claims[~claims["rank"].str.endswith("_construct")]
    assert len(indicator_claims)
    for claim in indicator_claims.itertuples():
        expected = claim.target in tied[(construct_of[claim.target], claim.rank)]
        assert (checks.loc[claim.id, "status"] == "supported") == expected, claim.id


def test_the_reconstruction_and_the_audit_share_one_grim_table():
    from surveykit import reconstruction as rc
    from surveykit.codebook import load_codebook

    root = Path(__file__).resolve().parents[1]
    codebook = load_codebook(root / "data" / "codebook.yml")
    reported = load_reported(root / "data" / "paper" / "reported.yml")
    audit_table = audit.grim_table(reported, codebook).set_index("target")
    indicators = rc.indicator_grim(codebook, reported).set_index("indicator")
    assert set(indicators.index) == set(reported.loc[reported["kind"] == "indicator_mean", "target"])
    for key, row in indicators.iterrows():
        # One item possible by the answer totals (float rounding) <=> by GRIM's exact fractions.
        assert row["one_item_possible"] == (audit_table.loc[key, "smallest_items_consistent"] == 1), key
    assert not hasattr(rc, "grim_table")


def test_the_checks_on_printed_numbers_need_no_data_and_every_audit_module_stays_small():
    import ast

    data_modules = {"scoring", "regression", "normality", "collinearity", "reliability", "descriptives", "validity",
                    "cleaning", "readers"}
    folder = Path(audit.__file__).parent
    for module in ("means", "printed"):
        tree = ast.parse((folder / f"{module}.py").read_text(encoding="utf-8"))
        imported = {node.module.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & data_modules, (module, imported & data_modules)
    for path in folder.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 600, path.name
    # The names the notebooks use are where they were.
    assert {"grim_table", "consistency_checks", "claim_checks", "check_rank_claims", "load_rank_claims",
            "checks_table", "checks_view", "SUPPORTED"} <= set(dir(audit))
