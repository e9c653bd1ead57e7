"""The text's claims that no single printed number decides, checked against what the design can show.

:mod:`surveykit.audit` checks the printed numbers and the claims they carry.
This module checks the sentences of the discussion and the results that go
beyond them: a claim of proof or of a "main driver" from a cross-section,
what "respondents stated" in a closed questionnaire, a mean described with
two different category words, a residual scatterplot said to show "no
pattern" for a dependent variable of few values, and what the printed alphas
imply about the corrected item-total correlations.  The quoted sentences are
the ``discussion`` list of ``reported.yml``; each check returns an
:class:`surveykit.audit.Check`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from .audit.checks import CONSISTENT, INCONSISTENT, MISLEADING, NOT_SUPPORTED, Check, _list
from .i18n import N_, tr
from .spss_format import format_number

__all__ = [
    "load_discussion",
    "check_proof_claim",
    "check_respondents_said",
    "check_category_wording",
    "check_scatterplot_claim",
    "check_implied_corrected_r",
    "discussion_checks",
]

_COLUMNS = ["id", "kind", "target", "value", "compare_with", "where", "quote"]


def load_discussion(path: str | Path | None) -> pd.DataFrame:
    """The ``discussion`` list of a ``reported.yml``: quoted claims that are not numbers.

    Returns an empty frame (same columns) for an empty path or a file without the list.
    """
    from . import yaml_text

    if not path:
        return pd.DataFrame(columns=_COLUMNS)
    raw = yaml_text.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    rows = [{key: entry.get(key) for key in _COLUMNS} for entry in raw.get("discussion", []) or []]
    return pd.DataFrame(rows, columns=_COLUMNS).set_index("id", drop=False)


def _excerpt(quote: str, limit: int = 110) -> str:
    quote = " ".join(str(quote).split())
    return quote if len(quote) <= limit else quote[: limit - 1].rsplit(" ", 1)[0] + " …"


def check_proof_claim(entry: Mapping, *, n: int, label: str) -> Check:
    """"The study proves that X is a main driver": a claim of proof and of cause from one cross-section."""
    return Check(
        N_("claim: proof and main driver"), str(entry["id"]), _excerpt(entry["quote"]),
        tr("cross-sectional survey, n = {n}, every construct measured once", n=n), NOT_SUPPORTED,
        tr("A survey that measures {label} and the outcome once, at the same time, shows that they are associated; "
           "it cannot prove (\"membuktikan\") an effect, nor that one construct drives (\"pendorong\") another: the "
           "direction and a common cause are left open. At most: the association is significant in these data.",
           label=label),
        "design: association from a cross-section (e.g. Shadish, Cook & Campbell 2002, ch. 1)")


def check_respondents_said(entry: Mapping, *, method_quote: str) -> Check:
    """"Some respondents stated ...": a closed questionnaire records ratings, not statements."""
    return Check(
        N_("claim: what respondents said"), str(entry["id"]), _excerpt(entry["quote"]),
        tr("method: {quote}", quote=_excerpt(method_quote, 90)), NOT_SUPPORTED,
        tr("The paper's data come from a closed questionnaire on a five-point scale; it reports no open question and "
           "no interview. Ratings cannot show what respondents stated, so the sentence reports evidence the paper "
           "does not present (it may be the authors' impression, but then it should say so)."),
        "the paper's method section")


def check_category_wording(entry: Mapping, results_entry: Mapping, codebook) -> Check:
    """The discussion's category word for a mean against the results' word and the interpretation scale."""
    mean = float(results_entry["mean"])
    computed = codebook.interpret(mean)
    results_word, discussion_word = str(results_entry["value"]), str(entry["value"])
    classes = [str(c.id) for c in codebook.interpretation]
    on_scale = discussion_word in classes
    same = discussion_word == results_word
    status = CONSISTENT if same else INCONSISTENT
    fields = dict(mean=format_number(mean, 2, leading_zero=True), results=results_word, classes=len(classes),
                  computed=computed, discussion=discussion_word)
    if same:
        verdict = tr("The results call the mean {mean} \"{results}\" (its class on the codebook's {classes}-class "
                     "scale is \"{computed}\"); the discussion calls the same mean \"{discussion}\".", **fields)
    elif not on_scale:
        verdict = tr("The results call the mean {mean} \"{results}\" (its class on the codebook's {classes}-class "
                     "scale is \"{computed}\"); the discussion calls the same mean \"{discussion}\", a word that is "
                     "not a class of that scale ({scale}).", scale=", ".join(classes), **fields)
    else:
        verdict = tr("The results call the mean {mean} \"{results}\" (its class on the codebook's {classes}-class "
                     "scale is \"{computed}\"); the discussion calls the same mean \"{discussion}\", another class "
                     "of the same scale.", **fields)
    if not same:
        verdict += " " + tr("One mean, one word: the discussion should repeat the class the results give.")
    return Check(N_("claim: category wording"), f"{entry['id']}, {results_entry['id']}",
                 tr("\"{results}\" (results) vs \"{discussion}\" (discussion)", **fields),
                 tr("class of {mean}: {computed}", **fields), status, verdict,
                 "the codebook's interpretation scale")


def check_scatterplot_claim(entry: Mapping, *, dependent: str, printed_alpha: float | None, scale_points: int,
                            n_values: int | None, reconstructed: bool) -> Check:
    """"The residual scatterplot shows no pattern": impossible to see for a dependent variable of few values.

    For each value y of the dependent variable the residual e = y - y_hat lies
    on a line of slope -1 against the prediction, so the scatterplot of
    residuals against predicted values shows as many parallel bands as the
    dependent variable has values: a pattern by construction.
    """
    forced = printed_alpha is not None and printed_alpha >= 0.9995
    alpha_text = format_number(printed_alpha, 3, leading_zero=True) if printed_alpha is not None else ""
    recomputed, values = [], []
    if forced:
        recomputed.append(tr("printed alpha {alpha}: items in lockstep, so {dependent} takes at most about {points} "
                             "values", alpha=alpha_text, dependent=dependent, points=scale_points))
        values.append(tr("at most about {points} from its printed alpha alone", points=scale_points))
    if n_values is not None:
        recomputed.append(tr("in this reconstruction {n} values", n=n_values) if reconstructed else
                          tr("in the data {n} values", n=n_values))
        values.append(tr("{n} in this reconstruction", n=n_values) if reconstructed else
                      tr("{n} in the data", n=n_values))
    few = (n_values is not None and n_values <= 10) or forced
    status = NOT_SUPPORTED if few else CONSISTENT
    values_text = tr("{first} and {last}", first=values[0], last=values[1]) if len(values) == 2 else "".join(values)
    if few:
        verdict = tr("{dependent} takes few values ({values}), so the residual scatterplot shows parallel bands by "
                     "construction: \"no pattern\" cannot be seen in it, and it cannot show homoskedasticity.",
                     dependent=dependent, values=values_text)
        verdict += " " + (
            tr("For each value of {dependent} the residuals lie on a straight line against the predicted values; a "
               "printed alpha of {alpha} makes its items move (almost) in lockstep, so their sum takes about as few "
               "values as one item.", dependent=dependent, alpha=alpha_text) if forced else
            tr("For each value of {dependent} the residuals lie on a straight line against the predicted values.",
               dependent=dependent))
        verdict += " " + tr("The tests of notebook 04 (Glejser, Breusch-Pagan, White) are the check.")
    else:
        verdict = tr("The dependent variable takes many values; the scatterplot can be read, though a test is the "
                     "check.")
    return Check(N_("claim: residual scatterplot shows no pattern"), str(entry["id"]), _excerpt(entry["quote"]),
                 "; ".join(recomputed), status, verdict, "residual geometry of a discrete dependent variable")


def check_implied_corrected_r(construct: str, *, printed_alpha: float, r_table: float, n_items: int,
                              label: str, reconstructed_items: bool) -> Check:
    """What a printed alpha implies for the average corrected item-total r, against the printed r-table.

    With equal item variances and covariances, alpha fixes the average
    inter-item r and hence every item's corrected item-total r
    (:func:`surveykit.reconstruction.equal_variance_corrected_r`).  If that r
    is below r-table, "all items valid" can hold only with the plain
    item-total r (which includes the item itself).  The implied r falls as the
    number of items grows, so the verdict states the smallest item count for
    which it is below r-table.
    """
    from .reconstruction import equal_variance_corrected_r

    implied = equal_variance_corrected_r(printed_alpha, n_items)
    below_from = next((k for k in range(2, 1000) if equal_variance_corrected_r(printed_alpha, k) < r_table), None)
    below = implied < r_table
    count = (tr("with {n} items (the codebook's count, a choice of the reconstruction)", n=n_items)
             if reconstructed_items else tr("with {n} items", n=n_items))
    fields = dict(alpha=format_number(printed_alpha, 3, leading_zero=True), count=count,
                  implied=format_number(implied, 3, leading_zero=True), r_table=format_number(r_table, 4, leading_zero=True))
    verdict = (tr("From the printed alpha {alpha} alone (equal item variances): the average corrected item-total r "
                  "{count} is {implied}, below the printed r-table {r_table}.", **fields) if below else
               tr("From the printed alpha {alpha} alone (equal item variances): the average corrected item-total r "
                  "{count} is {implied}, above the printed r-table {r_table}.", **fields))
    if below_from is not None:
        verdict += " " + tr("It is below r-table for {k} or more items.", k=below_from)
    verdict += " " + (tr("So \"all items valid\" holds for {label} only with the plain item-total r, which counts the "
                         "item in its own total; by SPSS's corrected r, some items must fall below r-table.",
                         label=label) if below else
                      tr("The printed numbers do not decide here which correlation was used."))
    return Check(N_("claim: all items valid (corrected r implied by alpha)"), f"alpha.{construct}, validity.r_table",
                 tr("alpha {alpha}, r-table {r_table}", **fields),
                 tr("implied average corrected r {implied} ({n} items)", implied=fields["implied"], n=n_items),
                 MISLEADING if below else CONSISTENT, verdict,
                 "Spearman-Brown inverted; corrected r of equal-covariance items")


def discussion_checks(reported: pd.DataFrame, discussion: pd.DataFrame, codebook, *, n_values: int | None,
                      labels: Mapping[str, str] | None = None) -> list[Check]:
    """Every check of this module that the reported numbers and quoted sentences allow.

    Parameters
    ----------
    reported : DataFrame
        :func:`surveykit.reported.load_reported`.
    discussion : DataFrame
        :func:`load_discussion`.
    codebook : Codebook
    n_values : int or None
        Distinct values of the dependent variable in the data analysed.
    labels : mapping, optional
        Construct key -> readable name.
    """
    labels = dict(labels or {})
    checks: list[Check] = []
    n = int(reported.loc["n", "value"]) if "n" in reported.index else None
    reconstructed = codebook.data_status == "reconstructed"
    method = discussion[discussion["kind"] == "method"]
    for row in discussion.itertuples(index=False):
        entry = row._asdict()
        if row.kind == "causal_claim" and n is not None:
            checks.append(check_proof_claim(entry, n=n, label=labels.get(row.target, str(row.target))))
        elif row.kind == "respondents_said" and len(method):
            checks.append(check_respondents_said(entry, method_quote=str(method["quote"].iloc[0])))
        elif row.kind == "category_wording" and row.compare_with in reported.index:
            results = reported.loc[row.compare_with]
            mean_id = f"mean.{results['target']}"
            if mean_id in reported.index:
                checks.append(check_category_wording(
                    entry, {"id": results["id"], "value": results["value"],
                            "mean": float(reported.loc[mean_id, "value"])}, codebook))
    if "heteroskedasticity.scatterplot" in reported.index:
        dependent = codebook.dependent.key
        alpha_id = f"alpha.{dependent}"
        checks.append(check_scatterplot_claim(
            reported.loc["heteroskedasticity.scatterplot"], dependent=dependent,
            printed_alpha=float(reported.loc[alpha_id, "value"]) if alpha_id in reported.index else None,
            scale_points=int(codebook.scale.max - codebook.scale.min + 1), n_values=n_values,
            reconstructed=reconstructed))
    if "validity.r_table" in reported.index:
        r_table = float(reported.loc["validity.r_table", "value"])
        for construct in codebook.constructs:
            alpha_id = f"alpha.{construct.key}"
            if alpha_id not in reported.index:
                continue
            alpha = float(reported.loc[alpha_id, "value"])
            if math.isclose(alpha, 1.0) or len(construct.items) < 2:
                continue   # copies: the correlations are 1, nothing to imply
            checks.append(check_implied_corrected_r(construct.key, printed_alpha=alpha, r_table=r_table,
                                                    n_items=len(construct.items),
                                                    label=labels.get(construct.key, construct.key),
                                                    reconstructed_items=reconstructed))
    return checks


#: The summary's rows: (check name, the claim in general words, the notebook that shows it,
#: which sentence of the check's verdict gives the reason: 0 the first, -1 the last).
SUMMARY_ROWS: tuple[tuple[str, str, str, int], ...] = (
    ("claim: all items valid (corrected r implied by alpha)", N_("Every item is valid (item-total r > r-table)"),
     "03_instrument_testing", 0),
    ("claim: alpha > threshold", N_("Every scale is reliable (alpha above the threshold)"), "03_instrument_testing", 0),
    ("claim: normality (K-S vs Lilliefors)", N_("The residuals are normal (K-S Sig. above the threshold)"),
     "04_assumptions", -1),
    ("claim: VIF", N_("No multicollinearity (VIF below the bound)"), "04_assumptions", 0),
    ("claim: residual scatterplot shows no pattern", N_("Homoskedasticity (the residual scatterplot shows no pattern)"),
     "04_assumptions", 0),
    ("claim: significant effects", N_("Each predictor has a significant positive effect (t tests)"), "05_regression", 0),
    ("claim: largest contribution (printed numbers)", N_("The predictor named contributes most"),
     "06_discussion_figures", 0),
    ("claim: proof and main driver", N_("The study proves a main driver"), "05_regression", 0),
    ("claim: what respondents said", N_("Respondents stated reasons"), "02_descriptives", 0),
    ("claim: category wording", N_("The mean's category, in the results and in the discussion"), "02_descriptives", 0),
)
_SEVERITY = {NOT_SUPPORTED: 0, INCONSISTENT: 0, MISLEADING: 1}


def check_significant_effects(reported: pd.DataFrame, *, significance: float, labels: Mapping[str, str]) -> Check | None:
    """"X has a significant positive effect": the printed Sig. and sign decide the association, not the effect."""
    sigs = reported[reported["kind"] == "coefficient_sig"]
    if sigs.empty:
        return None
    targets = list(sigs["target"])
    significant = [t for t, p in zip(targets, sigs["value"]) if float(p) < significance]
    b_ids = {t: f"regression.B.{t}" for t in targets}
    positive = [t for t in significant if b_ids[t] in reported.index and float(reported.loc[b_ids[t], "value"]) > 0]
    names = ", ".join(labels.get(t, t) for t in positive)
    all_hold = len(positive) == len(targets)
    if not positive:
        verdict = tr("No printed coefficient is both positive and significant.")
    elif len(positive) == 1:
        verdict = tr("From the printed numbers alone, {names} is significantly and positively associated with the "
                     "dependent variable; a cross-sectional survey shows association, not effect.", names=names)
    else:
        verdict = tr("From the printed numbers alone, {names} are significantly and positively associated with the "
                     "dependent variable; a cross-sectional survey shows association, not effect.", names=names)
    return Check(N_("claim: significant effects"), ", ".join(sigs["id"]),
                 _list(f"Sig. {format_number(float(p), 3)}" for p in sigs["value"]),
                 tr("{positive} of {total} printed B positive with Sig. < {level}", positive=len(positive),
                    total=len(targets), level=format_number(significance, 2, leading_zero=True)),
                 MISLEADING if all_hold else NOT_SUPPORTED, verdict,
                 "t tests as printed; design: cross-section")


def _sentences(text: str) -> list[str]:
    """Sentences, split at a full stop followed by a capital (not at "Sig. 0.05" or "e.g. the")."""
    text = " ".join(str(text).split())
    sentences, start = [], 0
    for stop in range(len(text)):
        if text[stop] == "." and stop + 2 < len(text) and text[stop + 1] == " " and text[stop + 2].isupper():
            sentences.append(text[start: stop + 1])
            start = stop + 2
    sentences.append(text[start:])
    return [sentence for sentence in sentences if sentence]


def what_holds(checks: pd.DataFrame) -> pd.DataFrame:
    """The reader's summary: one row per claim of the paper, its verdict, one line of reason, the notebook.

    Parameters
    ----------
    checks : DataFrame
        :func:`surveykit.audit.checks_table` of every check (consistency, claims,
        discussion); the rows of :data:`SUMMARY_ROWS` whose check is present are
        used, and where a check has several rows the least favourable decides
        (its reason is shown).

    Returns
    -------
    DataFrame
        "Claim", "Verdict", "Reason", "Notebook".
    """
    rows = []
    for name, claim, notebook, sentence in SUMMARY_ROWS:
        matching = checks[checks["check"] == name]
        if matching.empty:
            continue
        order = matching["status"].map(lambda s: _SEVERITY.get(s, 2))
        worst = matching.loc[order.sort_values(kind="stable").index[0]]
        rows.append({"Claim": claim, "Verdict": worst["status"], "Reason": _sentences(worst["verdict"])[sentence],
                     "Notebook": notebook})
    return pd.DataFrame(rows, columns=["Claim", "Verdict", "Reason", "Notebook"])
