"""The one recompute of the printed numbers (surveykit.reported.recompute) and the comparisons built on it.

Independent references: statsmodels' OLS for the regression numbers, numpy for
means, a second, plain implementation of Cronbach's alpha and of the item-total
r; the study's own reported.yml for coverage.  No printed number is typed here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from surveykit import audit, cleaning, readers
from surveykit import reconstruction as rc
from surveykit import reported as paper
from surveykit.codebook import codebook_from_dict, load_codebook

ROOT = Path(__file__).resolve().parents[1]
CODEBOOK = ROOT / "data" / "codebook.yml"
REPORTED = ROOT / "data" / "paper" / "reported.yml"


def _codebook():
    return codebook_from_dict({
        "scale": {"min": 1, "max": 5},
        "reverse_keyed": ["A2"],
        "interpretation": [{"min": 1.00, "max": 3.00, "id": "rendah", "en": "low"},
                           {"min": 3.01, "max": 5.00, "id": "tinggi", "en": "high"}],
        "constructs": [
            {"key": "X1", "role": "predictor", "indicators": [{"key": "x1a", "items": ["A1", "A2"]}]},
            {"key": "X2", "role": "predictor", "indicators": [{"key": "x2a", "items": ["B1"]},
                                                              {"key": "x2b", "items": ["B2"]}]},
            {"key": "Y", "role": "dependent", "indicators": [{"key": "ya", "items": ["C1"]}]},
        ],
    })


def _reported(tmp_path, values):
    path = tmp_path / "reported.yml"
    path.write_text(yaml.safe_dump({"values": values}), encoding="utf-8")
    return paper.load_reported(path)


@pytest.fixture
def data():
    rng = np.random.default_rng(11)
    n = 80
    data = pd.DataFrame(rng.integers(1, 6, size=(n, 5)), columns=["A1", "A2", "B1", "B2", "C1"])
    data["C1"] = np.clip(np.round((data["A1"] + data["B2"]) / 2 + rng.normal(0, 0.7, n)), 1, 5).astype(int)
    return data


EVERY_KIND = [
    {"id": "size", "kind": "n", "value": 80, "decimals": 0},
    {"id": "m.X1", "kind": "construct_mean", "target": "X1", "value": 3.0, "decimals": 2},
    {"id": "c.X1", "kind": "construct_category", "target": "X1", "value": "tinggi"},
    {"id": "m.x2b", "kind": "indicator_mean", "target": "x2b", "value": 3.0, "decimals": 2},
    {"id": "rt", "kind": "r_table", "value": 0.22, "decimals": 4},
    {"id": "rmin", "kind": "item_total_r_min", "value": 0.3, "decimals": 3},
    {"id": "rmax", "kind": "item_total_r_max", "value": 0.9, "decimals": 3},
    {"id": "a.X1", "kind": "cronbach_alpha", "target": "X1", "value": 0.5, "decimals": 3},
    {"id": "ks", "kind": "ks_asymp_sig", "value": 0.2, "decimals": 3},
    {"id": "vif", "kind": "vif_bound", "value": 10, "relation": "<"},
    {"id": "tol", "kind": "tolerance_bound", "value": 0.1, "relation": ">"},
    {"id": "F", "kind": "f_statistic", "value": 1.0, "decimals": 3},
    {"id": "F_sig", "kind": "f_sig", "value": 0.0, "decimals": 3},
    {"id": "R2", "kind": "r_squared", "value": 0.5, "decimals": 3},
    {"id": "R2pc", "kind": "r_squared_percent", "value": 50.0, "decimals": 1},
    {"id": "B.X2", "kind": "coefficient_b", "target": "X2", "value": 0.1, "decimals": 3},
    {"id": "sig.X2", "kind": "coefficient_sig", "target": "X2", "value": 0.1, "decimals": 3},
    {"id": "largest", "kind": "claim_largest_beta", "value": "X1"},
    {"id": "look", "kind": "claim", "value": "no pattern"},
]


def test_recompute_against_independent_references(tmp_path, data):
    import statsmodels.api as sm
    from scipy import stats

    reported = _reported(tmp_path, EVERY_KIND)
    values = paper.recompute(data, _codebook(), reported)["computed"]
    scored = data.assign(A2=6 - data["A2"])  # the reverse-keyed item, rescored
    scores = pd.DataFrame({"X1": scored["A1"] + scored["A2"], "X2": scored["B1"] + scored["B2"], "Y": scored["C1"]})
    fit = sm.OLS(scores["Y"], sm.add_constant(scores[["X1", "X2"]])).fit()
    assert values["size"] == len(data)
    assert values["m.X1"] == pytest.approx(scored[["A1", "A2"]].to_numpy().mean(), rel=1e-12)
    assert values["c.X1"] == ("rendah" if round(values["m.X1"], 2) <= 3.0 else "tinggi")
    assert values["m.x2b"] == pytest.approx(scored["B2"].mean(), rel=1e-12)
    t = stats.t.ppf(0.975, len(data) - 2)
    assert values["rt"] == pytest.approx(t / np.sqrt(len(data) - 2 + t * t), rel=1e-12)
    totals = {"A1": scores["X1"], "A2": scores["X1"], "B1": scores["X2"], "B2": scores["X2"], "C1": scores["Y"]}
    plain = [np.corrcoef(scored[item], total)[0, 1] for item, total in totals.items() if item != "C1"]
    assert values["rmin"] == pytest.approx(min(plain), rel=1e-9)
    assert values["rmax"] == pytest.approx(1.0)  # the single-item construct Y: its item is its total
    k_items = scored[["A1", "A2"]]
    alpha = 2 * (1 - k_items.var(ddof=1).sum() / k_items.sum(axis=1).var(ddof=1))
    assert values["a.X1"] == pytest.approx(alpha, rel=1e-9)
    # SPSS NPAR TESTS: Kolmogorov's asymptotic distribution of sqrt(n) D, mean and SD from the residuals.
    distance = stats.kstest(fit.resid, "norm", args=(0, fit.resid.std(ddof=1))).statistic
    assert values["ks"] == pytest.approx(stats.kstwobign.sf(np.sqrt(len(data)) * distance), rel=1e-6)
    r2_x = sm.OLS(scores["X1"], sm.add_constant(scores["X2"])).fit().rsquared
    assert values["vif"] == pytest.approx(1 / (1 - r2_x), rel=1e-9)
    assert values["tol"] == pytest.approx(1 - r2_x, rel=1e-9)
    assert values["F"] == pytest.approx(fit.fvalue, rel=1e-9)
    assert values["F_sig"] == pytest.approx(fit.f_pvalue, rel=1e-6)
    assert values["R2"] == pytest.approx(fit.rsquared, rel=1e-9)
    assert values["R2pc"] == pytest.approx(100 * fit.rsquared, rel=1e-9)
    assert values["B.X2"] == pytest.approx(fit.params["X2"], rel=1e-9)
    assert values["sig.X2"] == pytest.approx(fit.pvalues["X2"], rel=1e-6)
    betas = fit.params[["X1", "X2"]] * scores[["X1", "X2"]].std() / scores["Y"].std()
    assert values["largest"] == betas.abs().idxmax()
    assert values["look"] is None


def test_r_table_at_the_entrys_alpha_level(tmp_path, data):
    from scipy import stats

    reported = _reported(tmp_path, [{"id": "rt", "kind": "r_table", "value": 0.29, "decimals": 4, "alpha_level": 0.01}])
    t = stats.t.ppf(0.995, len(data) - 2)
    assert paper.recompute(data, _codebook(), reported)["computed"]["rt"] == pytest.approx(
        t / np.sqrt(len(data) - 2 + t * t), rel=1e-12)


def test_corrected_item_total_r_leaves_the_item_out(tmp_path, data):
    reported = _reported(tmp_path, EVERY_KIND)
    corrected = paper.recompute(data, _codebook(), reported, group="item-total r", item_total="corrected")
    scored = data.assign(A2=6 - data["A2"])
    rest = [np.corrcoef(scored[a], scored[b])[0, 1] for a, b in (("A1", "A2"), ("B1", "B2"))]
    assert list(corrected["kind"]) == ["item_total_r_min", "item_total_r_max"]
    assert corrected.loc["rmin", "computed"] == pytest.approx(min(rest), rel=1e-9)
    with pytest.raises(ValueError, match="item_total"):
        paper.recompute(data, _codebook(), reported, item_total="adjusted")


def test_groups_keep_their_order_and_reject_unknown_names(tmp_path, data):
    reported = _reported(tmp_path, EVERY_KIND)
    assert paper.select(reported, _codebook(), "regression") == ["F", "F_sig", "R2", "R2pc", "largest", "B.X2",
                                                                "sig.X2"]
    assert paper.select(reported, _codebook(), "descriptives") == ["m.X1", "c.X1", "m.x2b"]
    assert paper.select(reported, _codebook()) == [v["id"] for v in EVERY_KIND]
    with pytest.raises(KeyError, match="validity"):
        paper.select(reported, _codebook(), "validty")
    with pytest.raises(ValueError, match="unknown kind"):
        paper.Group(("mean",))


def test_printed_value_by_kind_and_target(tmp_path):
    reported = _reported(tmp_path, EVERY_KIND)
    assert paper.printed_value(reported, "cronbach_alpha", "X1") == 0.5
    assert paper.printed_value(reported, "r_table") == 0.22
    assert paper.printed_value(reported, "cronbach_alpha", "X2") is None
    assert paper.entry(reported, "claim")["id"] == "look"


@pytest.fixture(scope="module")
def study():
    codebook = load_codebook(CODEBOOK)
    reported = paper.load_reported(REPORTED)
    raw = readers.read_responses(ROOT / "data" / "raw" / "responses.csv", codebook)
    data = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row).data
    return data, codebook, reported


def test_every_printed_number_of_the_study_has_a_computed_value(study):
    data, codebook, reported = study
    recomputed = paper.recompute(data, codebook, reported)
    assert list(recomputed["id"]) == list(reported.index)
    undetermined = recomputed[recomputed["computed"].isna()]
    # Only the verbal claims (the scatterplot's "no pattern") are not numbers the data determine.
    assert set(undetermined["kind"]) <= {"claim"}, undetermined
    assert (recomputed["how"] != "").all()


def test_notebook_groups_cover_every_printed_number_the_data_determine(study):
    data, codebook, reported = study
    grouped = {key for name in paper.GROUPS for key in paper.select(reported, codebook, name)}
    determined = set(reported.index[~reported["kind"].isin(["claim", "decision_rule", "n"])])
    assert determined <= grouped


def test_the_audit_and_the_reconstruction_agree_because_they_share_the_recompute(study, monkeypatch):
    data, codebook, reported = study
    audit_table = paper.compare_with_data(data, codebook, reported).set_index("id")
    targets = rc.target_table(data, codebook, reported).set_index("id")
    assert set(targets.index) <= set(audit_table.index)
    for key, row in targets.iterrows():
        assert row["computed"] == audit_table.loc[key, "computed"], key
        assert row["verdict"] == audit_table.loc[key, "verdict"], key
    # One function: a change to it shows in both.
    calls = []
    original = paper.recompute

    def spy(*args, **kwargs):
        calls.append(kwargs.get("group"))
        return original(*args, **kwargs)

    monkeypatch.setattr(paper, "recompute", spy)
    rc.target_table(data, codebook, reported)
    paper.compare_with_data(data, codebook, reported, how=True)
    assert calls == [rc.TARGETS, None]
    assert not hasattr(audit, "recompute_reported") and not hasattr(rc, "recompute_targets")


def test_alphas_and_the_fit_are_computed_once_for_the_recompute_and_the_claims(study, monkeypatch):
    # Every printed alpha and the threshold rule read one alpha per construct; the paper's verbal claims
    # (largest Beta, VIF bound, alphas, normality) read the recompute's statistics, not a fit of their own.
    from surveykit import regression, reliability

    data, codebook, reported = study
    calls = {"alpha": 0, "fit": 0}
    alpha, fit = reliability.cronbach_alpha, regression.linear_regression

    def count(name, function):
        return lambda *args, **kwargs: calls.__setitem__(name, calls[name] + 1) or function(*args, **kwargs)

    monkeypatch.setattr(reliability, "cronbach_alpha", count("alpha", alpha))
    monkeypatch.setattr(regression, "linear_regression", count("fit", fit))
    paper.recompute(data, codebook, reported)
    assert calls == {"alpha": len(codebook.constructs), "fit": 1}
    calls.update(alpha=0, fit=0)
    expected = [check.status for check in audit.claim_checks(data, codebook, reported)]
    assert calls == {"alpha": len(codebook.constructs), "fit": 1} and expected
