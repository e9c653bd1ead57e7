"""The paper's verbal claims checked against numbers recomputed from the item data.

The largest standardized Beta, "all VIF < 10", "alpha > .60 so reliable"
with the recomputed alphas, normality of the residuals by SPSS's K-S and by
the Lilliefors-corrected K-S (:func:`claim_checks`), and which indicator
or construct is lowest or highest (:func:`check_rank_claims`, with the means
and the tie rule of :mod:`surveykit.descriptives`).  The printed numbers
themselves are recomputed by :func:`surveykit.reported.recompute`.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..i18n import N_, tr
from ..reported import reported_value, statistics_from_data
from ..spss_format import format_number, format_sig
from .checks import (
    LILLIEFORS_REFERENCE,
    NOT_SUPPORTED,
    SUPPORTED,
    Check,
    _first,
    _join,
    _list,
    _num,
)
from .printed import check_alpha_claim

__all__ = [
    "check_largest_beta",
    "check_vif_bound",
    "load_rank_claims",
    "check_rank_claims",
    "claim_checks",
]


def check_largest_beta(betas: Mapping[str, float], claimed: str, *, labels: Mapping[str, str] | None = None,
                       printed_b: Mapping[str, float] | None = None, subject: str = "regression.largest_beta") -> Check:
    """"Predictor X contributes most by Beta": compare the standardized coefficients (by absolute size)."""
    if claimed not in betas:
        raise KeyError(f"the claimed predictor {claimed!r} is not among {list(betas)}")
    name = (lambda k: (labels or {}).get(k, k))
    ranked = sorted(betas, key=lambda k: -abs(betas[k]))
    largest = ranked[0]
    listing = _list(f"{name(k)} {format_number(betas[k], 3)}" for k in ranked)
    note = ""
    if printed_b:
        by_b = max(printed_b, key=lambda k: abs(printed_b[k]))
        note = " " + tr("The paper prints only unstandardized B, by which {name} is largest; Beta rescales B by "
                        "s_x/s_y, so the claim cannot be checked from the printed numbers alone.", name=name(by_b))
    ok = largest == claimed
    verdict = (tr("{name} has the largest Beta ({listing}).", name=name(claimed), listing=listing) if ok else
               tr("{name} does not have the largest Beta; {largest} does ({listing}).", name=name(claimed),
                  largest=name(largest), listing=listing)) + note
    return Check(N_("claim: largest Beta"), subject, tr("largest Beta: {name}", name=name(claimed)), listing,
                 SUPPORTED if ok else NOT_SUPPORTED, verdict, "SPSS Coefficients, Standardized Coefficients Beta")


def check_vif_bound(vif: Mapping[str, float], bound: float = 10.0, *, labels: Mapping[str, str] | None = None,
                    subject: str = "collinearity.vif_max") -> Check:
    """"All VIF < bound" against the recomputed VIFs (tolerance > 1/bound is the same claim)."""
    name = (lambda k: (labels or {}).get(k, k))
    from ..collinearity import within_bounds

    listing = _list(f"{name(k)} {format_number(v, 3)}" for k, v in vif.items())
    worst = max(vif, key=vif.get)
    ok = within_bounds(vif=vif.values(), vif_limit=bound)
    fields = dict(bound=_num(f"{bound:g}"), name=name(worst), vif=format_number(vif[worst], 3))
    verdict = (tr("All VIF are below {bound} (largest: {name} {vif}), so all tolerances exceed {tolerance}.",
                  tolerance=_num(f"{1 / bound:.2f}"), **fields) if ok else
               tr("{name} has VIF {vif}, not below {bound}.", **fields))
    return Check(N_("claim: VIF"), subject, tr("all VIF < {bound}", bound=fields["bound"]), listing,
                 SUPPORTED if ok else NOT_SUPPORTED,
                 verdict, "VIF = 1/(1 - R2 of the predictor on the others), SPSS Collinearity Statistics")


def load_rank_claims(path) -> pd.DataFrame:
    """The "highest"/"lowest" claims of a ``reported.yml`` (its entries' ``rank`` field).

    Returns
    -------
    DataFrame
        ``id, kind, target, rank, value`` (empty for an empty ``path``); ``rank`` is
        "highest" or "lowest" (among the indicators of the target's construct) or
        "highest_construct" / "lowest_construct" (among the constructs).
    """
    from pathlib import Path

    from .. import yaml_text

    columns = ["id", "kind", "target", "rank", "value"]
    if not path:
        return pd.DataFrame(columns=columns)
    raw = yaml_text.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    rows = [{key: entry.get(key) for key in columns} for entry in raw.get("values", []) if entry.get("rank")]
    return pd.DataFrame(rows, columns=columns)


def check_rank_claims(claims: pd.DataFrame, data: pd.DataFrame, codebook, *,
                      labels: Mapping[str, str] | None = None) -> list[Check]:
    """Is the indicator (construct) the paper calls lowest/highest the lowest/highest in the data?

    Parameters
    ----------
    claims : DataFrame
        From :func:`load_rank_claims`.
    data : DataFrame
        Cleaned item responses; the means are
        :func:`surveykit.descriptives.level_statistics`' and ties follow
        :func:`surveykit.descriptives.ties` (the rule of the extremes table
        and of the indicator figure).
    codebook : Codebook
    """
    from ..descriptives import level_statistics, ties

    labels = labels or {}
    name = (lambda k: labels.get(k, k))
    if claims.empty:
        return []
    construct_of = {i.key: c.key for c in codebook.constructs for i in c.indicators}
    construct_means = level_statistics(data, codebook, level="construct").set_index("construct")["Mean"]
    indicator_mean = level_statistics(data, codebook, level="indicator").set_index("indicator")["Mean"]
    checks = []
    for _, claim in claims.iterrows():
        rank, target = str(claim["rank"]), str(claim["target"])
        want_low = rank.startswith("lowest")
        if rank.endswith("_construct"):
            pool = construct_means
            rank_phrase = tr("the lowest of all constructs") if want_low else tr("the highest of all constructs")
        else:
            if target not in construct_of:
                raise KeyError(f"rank claim {claim['id']!r} names {target!r}, which the codebook does not define")
            members = [i.key for i in codebook.construct(construct_of[target]).indicators]
            pool = indicator_mean[members]
            construct = name(construct_of[target])
            rank_phrase = (tr("the lowest of the indicators of {construct}", construct=construct) if want_low else
                           tr("the highest of the indicators of {construct}", construct=construct))
        lowest, highest, _ = ties(pool.to_numpy(dtype=float))
        actual = list(pool.index[lowest if want_low else highest])  # ties share the rank
        ok = target in actual
        listing = _list(f"{name(k)} {format_number(v, 2)}" for k, v in pool.sort_values().items())
        if ok and len(actual) > 1:
            verdict = tr("{name} is {rank} in the data analysed, tied with {others}.", name=name(target),
                         rank=rank_phrase, others=_join(name(k) for k in actual if k != target))
        elif ok:
            verdict = tr("{name} is {rank} in the data analysed.", name=name(target), rank=rank_phrase)
        else:
            verdict = tr("The paper calls {name} {rank}; in the data analysed it is {actual}.", name=name(target),
                         rank=rank_phrase, actual=_join(name(k) for k in actual))
        name_of_check = N_("claim: lowest") if want_low else N_("claim: highest")
        printed = (tr("{name} lowest", name=name(target)) if want_low else tr("{name} highest", name=name(target)))
        checks.append(Check(name_of_check, str(claim["id"]), printed, listing,
                            SUPPORTED if ok else NOT_SUPPORTED, verdict, "comparison of unrounded means"))
    return checks


def claim_checks(data: pd.DataFrame, codebook, reported: pd.DataFrame, *,
                 labels: Mapping[str, str] | None = None) -> list[Check]:
    """The paper's verbal claims checked against numbers recomputed from the data.

    Largest Beta, all VIF < bound, alpha > threshold (recomputed alphas), and
    normality of the residuals by SPSS's K-S and by the Lilliefors-corrected
    K-S (:func:`surveykit.normality.normality_tests`).
    """
    from ..collinearity import tolerance_vif
    from ..conclusions import rejects
    from ..normality import KS_SPSS, LILLIEFORS, SHAPIRO_WILK, normality_tests

    labels = labels or {}
    # The recompute's own statistics (scores, fit, alphas), computed once each.
    source = statistics_from_data(data, codebook)
    predictors = [c.key for c in codebook.predictors]
    checks: list[Check] = []
    claim = _first(reported, "claim_largest_beta")
    if claim:
        printed_b = {row["target"]: float(row["value"])
                     for _, row in reported[reported["kind"] == "coefficient_b"].iterrows()}
        betas = {p: float(source.coefficients.loc[p, "Beta"]) for p in predictors}
        checks.append(check_largest_beta(betas, str(reported_value(reported, claim)), labels=labels,
                                         printed_b=printed_b or None, subject=claim))
    vif_id = _first(reported, "vif_bound")
    if vif_id:
        vif = tolerance_vif(source.fit).set_index("predictor")["VIF"]
        checks.append(check_vif_bound(vif.to_dict(), float(reported_value(reported, vif_id)), labels=labels, subject=vif_id))
    if len(reported[reported["kind"] == "cronbach_alpha"]):
        threshold = reported_value(reported, "alpha.threshold")
        alphas = {}
        for construct in codebook.constructs:
            result = source.alpha(construct.key)
            if result.alpha is not None:
                alphas[construct.key] = result.alpha
        checks.append(check_alpha_claim(alphas, float(threshold) if threshold is not None else 0.60,
                                        labels=labels, subject="alpha.* (recomputed)"))
    ks_id = _first(reported, "ks_asymp_sig")
    if ks_id:
        threshold = reported_value(reported, "normality.threshold")
        alpha = float(threshold) if threshold is not None else 0.05
        tests = normality_tests(source.fit).set_index("test")["Sig."]
        spss_p, lf_p, sw_p = float(tests[KS_SPSS]), float(tests[LILLIEFORS]), float(tests[SHAPIRO_WILK])
        recomputed = (f"SPSS K-S Sig. {format_sig(spss_p, leading_zero=True)}; Lilliefors "
                      f"{format_sig(lf_p, leading_zero=True)}; Shapiro-Wilk {format_sig(sw_p, leading_zero=True)}")
        if not rejects(lf_p, alpha) and not rejects(spss_p, alpha):
            status, verdict = SUPPORTED, tr("The residuals of the data analysed pass K-S both uncorrected and with "
                                            "the Lilliefors correction ({recomputed}).", recomputed=recomputed)
        elif not rejects(spss_p, alpha):
            status, verdict = NOT_SUPPORTED, tr("SPSS's uncorrected K-S passes, the Lilliefors-corrected K-S rejects "
                                                "normality at {alpha} ({recomputed}).", alpha=_num(f"{alpha}"),
                                                recomputed=recomputed)
        else:
            status, verdict = NOT_SUPPORTED, tr("The residuals fail even SPSS's uncorrected K-S ({recomputed}).",
                                                recomputed=recomputed)
        checks.append(Check(N_("claim: normality (data)"), ks_id, format_sig(float(reported_value(reported, ks_id)),
                                                                          leading_zero=True),
                            recomputed, status, verdict, LILLIEFORS_REFERENCE))
    return checks
