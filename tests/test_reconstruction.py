"""The reconstructed dataset meets every printed number; the search is seeded and deterministic.

The targets are recomputed from the committed ``data/raw/responses.csv`` with
the ANALYSIS functions (validity, reliability, regression, collinearity,
normality), not with the search's internal formulas, and compared with
``data/paper/reported.yml`` under SPSS's rounding (half away from zero) by
:func:`surveykit.reported.compare`.  No printed number is typed here.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from surveykit import collinearity, normality, regression, reliability, scoring, validity
from surveykit import reconstruction as rc
from surveykit.codebook import load_codebook
from surveykit.reconstruction import search as rc_search
from surveykit.reported import compare, load_reported
from surveykit.spss_format import round_half_away

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "raw" / "responses.csv"
RECORD = ROOT / "data" / "raw" / "reconstruction.yml"
CODEBOOK = ROOT / "data" / "codebook.yml"
REPORTED = ROOT / "data" / "paper" / "reported.yml"


@pytest.fixture(scope="module")
def codebook():
    return load_codebook(CODEBOOK)


@pytest.fixture(scope="module")
def reported():
    return load_reported(REPORTED)


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(DATA)


@pytest.fixture(scope="module")
def recomputed(data, codebook, reported):
    """Every target the item data determine, recomputed with the analysis functions."""
    out: dict[str, object] = {"n": len(data)}
    for c in codebook.constructs:
        items = list(c.items)
        out[f"mean.{c.key}"] = float(data[items].to_numpy(dtype=float).mean())
        if f"category.{c.key}" in reported.index:
            out[f"category.{c.key}"] = codebook.interpret(out[f"mean.{c.key}"], lang="id")
        out[f"alpha.{c.key}"] = reliability.cronbach_alpha(data, items).alpha
        for ind in c.indicators:
            if f"mean.{ind.key}" in reported.index:
                out[f"mean.{ind.key}"] = float(data[list(ind.items)].to_numpy(dtype=float).mean())
    r = pd.concat([validity.item_total_correlations(data, list(c.items)) for c in codebook.constructs])
    out["validity.r_table"] = validity.r_table(len(data))
    out["validity.item_total_min"] = float(r["r_item_total"].min())
    out["validity.item_total_max"] = float(r["r_item_total"].max())
    scores = scoring.construct_scores(data, codebook)
    predictors = [c.key for c in codebook.predictors]
    fit = regression.linear_regression(scores, codebook.dependent.key, predictors)
    coef = fit.coefficients.set_index("Model")
    for key in predictors:
        out[f"regression.B.{key}"] = float(coef.loc[key, "B"])
        out[f"regression.sig.{key}"] = float(coef.loc[key, "Sig."])
    out["regression.R2"] = float(fit.model_summary["R Square"].iloc[0])
    out["regression.R2_percent"] = 100 * out["regression.R2"]
    out["regression.F"] = float(fit.anova["F"].iloc[0])
    out["regression.F_sig"] = float(fit.anova["Sig."].iloc[0])
    out["regression.largest_beta"] = str(coef.loc[predictors, "Beta"].astype(float).idxmax())
    out["normality.ks_sig"] = normality.ks_spss(fit.residuals.to_numpy()).asymp_sig
    # Collinearity from its own module (statsmodels' VIF through the fit).
    col = collinearity.tolerance_vif(fit)
    out["collinearity.vif_max"] = float(col["VIF"].max())
    out["collinearity.tolerance_min"] = float(col["Tolerance"].min())
    return out


# ---------------------------------------------------------------------------
# The committed file
# ---------------------------------------------------------------------------
def test_committed_file_matches_recorded_sha256():
    record = yaml.safe_load(RECORD.read_text(encoding="utf-8"))
    assert hashlib.sha256(DATA.read_bytes()).hexdigest() == record["sha256"]


def test_file_shape_follows_the_codebook(data, codebook, reported):
    n = int(reported.loc["n", "value"])
    assert list(data.columns) == [codebook.respondent_id, *codebook.items]
    assert data[codebook.respondent_id].tolist() == [f"R{i:03d}" for i in range(1, n + 1)]
    values = data[list(codebook.items)]
    assert all(str(t).startswith("int") for t in values.dtypes)
    assert values.to_numpy().min() >= codebook.scale.min
    assert values.to_numpy().max() <= codebook.scale.max
    raw = DATA.read_bytes()
    assert b"\r" not in raw and raw.endswith(b"\n")


def test_every_printed_number_is_reproduced(recomputed, reported):
    table = compare(reported, recomputed)
    missed = table[table["verdict"] != "match"]
    assert missed.empty, missed[["id", "printed", "computed", "computed_rounded"]].to_string()
    # Every printed number with a value the data determine is covered (the claims
    # about decision rules and the scatterplot are not numbers of the data).
    skipped = set(reported.index) - set(recomputed)
    assert all(reported.loc[k, "kind"] in {"decision_rule", "claim"} for k in skipped), skipped


def test_every_item_is_valid_against_the_r_table(data, codebook, reported):
    critical = float(reported.loc["validity.r_table", "value"])
    for c in codebook.constructs:
        r = validity.item_total_correlations(data, list(c.items))
        assert (r["r_item_total"] > critical).all(), c.key


def test_printed_minimum_is_the_plain_item_total_r(data, codebook, reported):
    """The corrected item-total r of the reconstruction falls below the printed minimum:
    only the plain r reaches it (the codebook's rationale gives the general argument)."""
    printed_min = float(reported.loc["validity.item_total_min", "value"])
    corrected = pd.concat([validity.item_total_correlations(data, list(c.items))
                           for c in codebook.constructs if reported.loc[f"alpha.{c.key}", "value"] < 1])
    assert corrected["r_corrected"].min() < printed_min <= round_half_away(corrected["r_item_total"].min(), 3)


def test_record_lists_every_target_as_met():
    record = yaml.safe_load(RECORD.read_text(encoding="utf-8"))
    assert record["targets"] and {t["verdict"] for t in record["targets"]} == {"match"}


# ---------------------------------------------------------------------------
# What the printed numbers imply (the plan)
# ---------------------------------------------------------------------------
def test_grim_sums_are_exactly_the_sums_that_print_the_mean():
    # Brute force over every possible sum of a 7 x 2 block on a 1..5 scale.
    for printed in (3.5, 3.57, 4.14, 2.21):
        expected = [s for s in range(14, 71) if round_half_away(s / 14, 2) == printed]
        assert rc.grim_sums(7, 2, printed, 2) == expected


def test_lockstep_offsets_reproduce_the_printed_means(codebook, reported):
    n = int(reported.loc["n", "value"])
    for c in codebook.constructs:
        if round_half_away(float(reported.loc[f"alpha.{c.key}", "value"]), 3) != 1.0:
            continue
        k = len(c.items)
        printed = float(reported.loc[f"mean.{c.key}", "value"])
        plan = rc.lockstep_offsets(n, k, printed, 2)
        assert plan is not None
        grand = (k * plan.base_sum + n * sum(plan.offsets)) / (n * k)
        assert round_half_away(grand, 2) == printed
        if any(plan.offsets):
            # Exact copies cannot give this mean: no base sum of one item prints it.
            assert rc.grim_sums(n, 1, printed, 2) == []


def test_plan_indicator_sums_print_the_reported_means(codebook, reported):
    plan = rc.plan_instrument(codebook, reported)
    for c in codebook.constructs:
        if c.key in plan.lockstep:
            continue
        cells = plan.n * len(c.items)
        assert round_half_away(plan.construct_sums[c.key] / cells, 2) == float(reported.loc[f"mean.{c.key}", "value"])
        assert sum(plan.indicator_sums[i.key] for i in c.indicators) == plan.construct_sums[c.key]
        for ind in c.indicators:
            if f"mean.{ind.key}" in reported.index:
                mean = plan.indicator_sums[ind.key] / (plan.n * len(ind.items))
                assert round_half_away(mean, 2) == float(reported.loc[f"mean.{ind.key}", "value"])


def test_plan_rejects_a_mean_no_integer_data_can_give(codebook, reported):
    bad = reported.copy()
    n = int(bad.loc["n", "value"])
    # An indicator whose printed mean no single item can give at this n (GRIM) ...
    target = next(i for c in codebook.constructs for i in c.indicators if f"mean.{i.key}" in bad.index
                  and rc.grim_sums(n, 1, float(bad.loc[f"mean.{i.key}", "value"]), 2) == [])
    from surveykit.codebook import codebook_from_dict

    raw = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))
    for c in raw["constructs"]:
        for ind in c["indicators"]:
            if ind["key"] == target.key:     # ... given a single item
                ind["items"] = ind["items"][:1]
    with pytest.raises(ValueError, match="GRIM"):
        rc.plan_instrument(codebook_from_dict(raw), bad)


# ---------------------------------------------------------------------------
# The search is seeded
# ---------------------------------------------------------------------------
def _run_item_search(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    totals = np.array([12, 15, 9, 18, 14, 11, 16, 13, 10, 17, 12, 15])
    search = rc_search._ItemSearch(totals, [[0, 1], [2, 3]], [int(totals.sum() // 2), int(totals.sum() - totals.sum() // 2)],
                            alpha=rc.Interval("alpha", 0.55, 0.65), r_lo=0.3, r_min_hi=None, smin=1, smax=5,
                            item_total="plain", rng=rng)
    settings = rc.Settings(seed=seed, cycle=200)
    rc_search._anneal(search, rng, settings, 300)
    return search.X.copy()


def test_search_is_deterministic_for_a_seed():
    first, second = _run_item_search(7), _run_item_search(7)
    np.testing.assert_array_equal(first, second)
    # Row totals are kept by every move.
    np.testing.assert_array_equal(first.sum(axis=1), [12, 15, 9, 18, 14, 11, 16, 13, 10, 17, 12, 15])
    assert not np.array_equal(first, _run_item_search(8))


def test_totals_search_is_deterministic_for_a_seed(codebook, reported):
    plan = rc.plan_instrument(codebook, reported)
    settings = rc.Settings(seed=3)
    targets = rc.regression_targets(codebook, reported, n=plan.n, margin=settings.margin)

    def run() -> np.ndarray:
        rng = np.random.default_rng(settings.seed)
        search = rc_search._TotalsSearch(codebook, plan, targets, rng, settings, "PL")
        rc_search._anneal(search, rng, settings, 200)
        return search.V.copy()

    first = run()
    np.testing.assert_array_equal(first, run())
    # Every move keeps each construct's planned grand sum.
    for i, key in enumerate(plan.constructs):
        expected = plan.lockstep[key].base_sum if key in plan.lockstep else plan.construct_sums[key]
        assert first[i].sum() == expected


# ---------------------------------------------------------------------------
# The arguments of notebook 00
# ---------------------------------------------------------------------------
def test_extreme_sd_matches_brute_force():
    from itertools import product

    for n, total in ((4, 9), (5, 17), (3, 12)):
        sds = [np.std(v, ddof=1) for v in product(range(1, 6), repeat=n) if sum(v) == total]
        low, high = rc.extreme_sd(n, total, 1, 5)
        assert low == pytest.approx(min(sds), abs=1e-12)
        assert high == pytest.approx(max(sds), abs=1e-12)


def test_equal_variance_corrected_r_against_a_compound_symmetric_matrix():
    # Independent route: build the covariance matrix of k parallel items, compute alpha and the
    # corrected item-total r by linear algebra, and invert.
    for k, r in ((10, 0.15), (18, 0.09), (4, 0.4)):
        cov = np.full((k, k), r) + np.eye(k) * (1 - r)
        alpha = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
        rest = cov[0, 1:].sum() / np.sqrt(cov[0, 0] * cov[1:, 1:].sum())
        assert rc.equal_variance_corrected_r(alpha, k) == pytest.approx(rest, abs=1e-12)


def test_only_sum_composites_can_give_the_printed_b(codebook, reported):
    bounds = rc.composite_bounds(codebook, reported)
    verdict = bounds.groupby("composite")["possible"].all()
    assert bool(verdict["sum"]) and not bool(verdict["mean"])
    assert codebook.composite == "sum"


def test_training_scale_is_at_least_the_proven_minimum(codebook, reported):
    bound = rc.lockstep_length_bound(codebook, reported, "PL")
    assert bound["slope_min"] / (bound["items_min"] - 1) > bound["B_max"] >= bound["slope_min"] / bound["items_min"]
    assert len(codebook.construct("PL").items) >= bound["items_min"]


def test_qwl_needs_more_indicators_than_printed(codebook, reported):
    table = rc.printed_indicator_average(codebook, reported).set_index("construct")
    assert bool(table.loc["QWL", "more_indicators_needed"])
    assert len(codebook.construct("QWL").indicators) > table.loc["QWL", "indicators_printed"]
