"""The discussion's claims: proof from a cross-section, what respondents "said", category words, the
scatterplot of a few-valued dependent variable, and the corrected r the printed alphas imply."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from surveykit import claims
from surveykit.audit import CONSISTENT, INCONSISTENT, MISLEADING, NOT_SUPPORTED
from surveykit.codebook import load_codebook
from surveykit.reported import load_reported

ROOT = Path(__file__).resolve().parents[1]
REPORTED = ROOT / "data" / "paper" / "reported.yml"


@pytest.fixture(scope="module")
def study():
    return (load_codebook(ROOT / "data" / "codebook.yml"), load_reported(REPORTED), claims.load_discussion(REPORTED))


def test_every_quoted_sentence_is_in_the_paper(study):
    _, _, discussion = study
    text = " ".join((Path("/work/shared/paper/000_337ea7138f50a135.txt").read_text(encoding="utf-8")
                     if Path("/work/shared/paper/000_337ea7138f50a135.txt").exists() else "").replace("*", "").split())
    if not text:
        pytest.skip("the paper's text is not on this machine")
    for quote in discussion["quote"]:
        assert " ".join(quote.split()) in text


def test_study_checks(study):
    codebook, reported, discussion = study
    checks = {c.subject.split(",")[0]: c for c in claims.discussion_checks(reported, discussion, codebook, n_values=3)}
    assert checks["discussion.proof_main_driver"].status == NOT_SUPPORTED
    assert "n = 56" in checks["discussion.proof_main_driver"].recomputed
    assert checks["discussion.respondents_said"].status == NOT_SUPPORTED
    assert "kuesioner tertutup" in checks["discussion.respondents_said"].recomputed
    wording = checks["discussion.category_sedang"]
    assert wording.status == INCONSISTENT and "class of 3.14: cukup" in wording.recomputed
    assert "not a class of that scale" in wording.verdict
    scatter = checks["heteroskedasticity.scatterplot"]
    assert scatter.status == NOT_SUPPORTED and "parallel bands" in scatter.verdict
    assert "at most about 5 values" in scatter.recomputed and "in this reconstruction 3 values" in scatter.recomputed
    assert scatter.verdict.startswith(
        "KIN takes few values (at most about 5 from its printed alpha alone and 3 in this reconstruction)")
    qwl = checks["alpha.QWL"]
    assert qwl.status == MISLEADING and "plain item-total r" in qwl.verdict
    assert "a choice of the reconstruction" in qwl.verdict
    assert checks["alpha.WE"].status == CONSISTENT
    assert "alpha.PL" not in checks and "alpha.KIN" not in checks   # alpha 1: copies, nothing implied


def implied_r_by_simulation_free_formula(alpha: float, k: int) -> float:
    """Independent route: build the equal-covariance correlation matrix and correlate item 1 with the rest."""
    import numpy as np

    r = alpha / (k - alpha * (k - 1))
    corr = np.full((k, k), r)
    np.fill_diagonal(corr, 1.0)
    weights = np.r_[0.0, np.ones(k - 1)]
    cov_item_rest = corr[0] @ weights
    var_rest = weights @ corr @ weights
    return float(cov_item_rest / math.sqrt(var_rest))


@pytest.mark.parametrize("alpha, k", [(0.653, 18), (0.628, 10), (0.653, 9)])
def test_implied_corrected_r_against_the_correlation_matrix(alpha, k):
    check = claims.check_implied_corrected_r("X", printed_alpha=alpha, r_table=0.2632, n_items=k, label="X",
                                             reconstructed_items=False)
    implied = implied_r_by_simulation_free_formula(alpha, k)
    assert f"{implied:.3f}".lstrip("0") in check.recomputed or f"{implied:.3f}" in check.recomputed
    assert (check.status == MISLEADING) == (implied < 0.2632)
    if check.status == MISLEADING:
        smallest = next(n for n in range(2, 100) if implied_r_by_simulation_free_formula(alpha, n) < 0.2632)
        assert f"below r-table for {smallest} or more items" in check.verdict


def test_scatterplot_claim_with_many_values_is_not_refuted():
    check = claims.check_scatterplot_claim({"id": "h", "quote": "no pattern"}, dependent="Y", printed_alpha=0.8,
                                           scale_points=5, n_values=40, reconstructed=False)
    assert check.status == CONSISTENT and "in the data 40 values" in check.recomputed


def test_no_discussion_list_gives_no_checks(tmp_path, study):
    codebook, reported, _ = study
    path = tmp_path / "reported.yml"
    path.write_text("values: []\n", encoding="utf-8")
    assert claims.load_discussion(path).empty and claims.load_discussion("").empty
    assert claims.discussion_checks(load_reported(path), claims.load_discussion(path), codebook, n_values=None) == []


def test_what_holds_takes_the_least_favourable_row_and_the_named_sentence():
    from surveykit.audit import Check, checks_table

    table = checks_table([
        Check("claim: VIF", "a", "", "", "supported", "All VIF are below 10. Fine."),
        Check("claim: all items valid (corrected r implied by alpha)", "b", "", "", CONSISTENT, "Above. Ok."),
        Check("claim: all items valid (corrected r implied by alpha)", "c", "", "", MISLEADING,
              "Below r-table 0.2632. So only the plain r."),
        Check("claim: normality (K-S vs Lilliefors)", "d", "", "", NOT_SUPPORTED, "D is 0.165. Corrected, p < .001."),
    ])
    summary = claims.what_holds(table).set_index("Notebook", drop=False)
    assert list(summary["Claim"]) == ["Every item is valid (item-total r > r-table)",
                                      "The residuals are normal (K-S Sig. above the threshold)",
                                      "No multicollinearity (VIF below the bound)"]
    assert list(summary["Verdict"]) == [MISLEADING, NOT_SUPPORTED, "supported"]
    assert list(summary["Reason"]) == ["Below r-table 0.2632.", "Corrected, p < .001.", "All VIF are below 10."]
    assert list(summary["Notebook"]) == ["03_instrument_testing", "04_assumptions", "04_assumptions"]


def test_significant_effects_say_association(study):
    _, reported, _ = study
    check = claims.check_significant_effects(reported, significance=0.05, labels={})
    assert check.status == MISLEADING and "association, not effect" in check.verdict
    assert check.recomputed.startswith("3 of 3 printed B positive")


@pytest.fixture
def indonesian():
    from surveykit import i18n

    i18n.use("id")
    yield
    i18n.use("en")


def test_indonesian_verdicts_keep_their_sentences_numbers_and_english_keys(study, indonesian):
    # Sentences are written in the active language with the decimal comma; the status and the check's name stay
    # English keys (translated where shown), and the summary still finds its reason sentence.
    from surveykit import audit, figures

    codebook, reported, discussion = study
    labels = figures.construct_labels(codebook, language="id")
    assert labels["PL"] == "Pelatihan"
    checks = claims.discussion_checks(reported, discussion, codebook, n_values=3, labels=labels)
    checks += audit.consistency_checks(reported, codebook, labels=labels)
    table = audit.checks_table(checks)
    assert set(table["status"]) <= {CONSISTENT, INCONSISTENT, MISLEADING, NOT_SUPPORTED, audit.SUPPORTED,
                                    audit.NOT_TESTABLE, audit.NOT_COMPUTABLE}
    alpha = table[table["check"] == "claim: alpha > threshold"].iloc[0]
    assert alpha["verdict"].startswith("Semua alpha melebihi 0,60, tetapi alpha Pelatihan dan Kinerja tercetak 1,000.")
    summary = claims.what_holds(table).set_index("Claim")
    assert summary.loc["Every scale is reliable (alpha above the threshold)", "Reason"] == \
        "Semua alpha melebihi 0,60, tetapi alpha Pelatihan dan Kinerja tercetak 1,000."
    shown = audit.checks_view(table)
    assert "klaim: alpha > batas" in set(shown["check"]) and "didukung secara formal, tetapi menyesatkan secara " \
        "substansi" in set(shown["status"])


def test_comparison_shows_the_printed_decimals_in_the_language(study, indonesian):
    from surveykit import views
    from surveykit.i18n import gettext
    from surveykit.reported import compare

    _, reported, _ = study
    shown = views.paper_comparison(compare(reported, {"mean.WE": 4.1, "alpha.QWL": 0.652957, "n": 56.0,
                                                      "heteroskedasticity.scatterplot": None}), reported).cells
    header = {key: gettext(views.WORDS[f"header.{key}"]) for key in ("printed", "computed", "verdict")}
    rows = shown.set_index(shown.columns[0])  # the entry, as SPSS's row labels, without a header
    assert rows.loc["heteroskedasticity.scatterplot", header["printed"]] == "tidak membentuk pola"   # a verbal value
    assert rows.loc["heteroskedasticity.scatterplot", header["verdict"]] == gettext(
        views.WORDS["verdict.not_computable"])
    assert rows.loc["mean.WE", header["printed"]] == "4,10" and rows.loc["alpha.QWL", header["computed"]] == ",653"
    assert rows.loc["n", header["printed"]] == "56"
    numbers = rows.drop(index="heteroskedasticity.scatterplot")
    assert set(numbers[header["verdict"]]) == {gettext(views.WORDS["verdict.match"])}
