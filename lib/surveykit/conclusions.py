"""Bottom lines: one verdict per question, worded as what a test can show.

Each function turns computed results into one paragraph: the decision
rule the paper (or the usual thesis) applies, what the better-suited test
says, and what follows for the inference.  The wording rules live here, in
one place:

- a test that does not reject says "not rejected", never "normal" or
  "no heteroskedasticity" (absence of evidence is not evidence of absence,
  least of all at small n);
- p-values in prose are written ``p = .034`` or ``p < .001``
  (:func:`surveykit.spss_format.format_p`), never "Sig. = .000";
- a cross-sectional survey shows association, not effect
  (:data:`ASSOCIATION_NOT_EFFECT`, said once, in the regression notebook).

The decision rule of every assumption test is here too, :func:`rejects`
(normality, homoskedasticity: "Sig. > .05"); the bounds of multicollinearity
are :func:`surveykit.collinearity.within_bounds`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from .i18n import N_, tr
from .spss_format import format_number, format_p

__all__ = [
    "ASSOCIATION_NOT_EFFECT",
    "rejects",
    "outcome_phrase",
    "normality_bottom_line",
    "collinearity_bottom_line",
    "heteroskedasticity_bottom_line",
]

#: Shown once, in the regression notebook, through ``tr()``.
ASSOCIATION_NOT_EFFECT = N_(
    "**Association, not effect.** The hypotheses are worded as theses word them, as an \"effect\" (*pengaruh*), "
    "but a cross-sectional survey measures every construct once, at the same time: its regression shows "
    "association, not effect. A significant B says that respondents who score higher on a predictor also score higher on the "
    "dependent variable, the other predictors held equal; it does not show that raising the predictor would "
    "raise the dependent variable, nor in which direction the influence runs."
)

#: The tests suited to residuals, as the bottom line on normality names them.
_LILLIEFORS = N_("the Lilliefors-corrected K-S")
_SHAPIRO = N_("Shapiro-Wilk")


def _level(significance: float) -> str:
    return format_number(significance, 2, leading_zero=False)


def rejects(p: float, significance: float) -> bool:
    """The decision rule of an assumption test: its null hypothesis (normality, homoskedasticity) is
    rejected when Sig. <= ``significance``, not rejected when Sig. > ``significance``, as theses state it
    ("normal when K-S Sig. > .05").

    A p that is not defined (NaN: the test was not computed) rejects nothing; the caller says so.
    """
    return bool(p <= significance)


def outcome_phrase(p: float, significance: float, *, hypothesis: str) -> str:
    """``"<hypothesis> not rejected (p = .342)"`` or ``"<hypothesis> rejected (p < .001)"``.

    The null hypothesis is rejected by :func:`rejects` (Sig. <= significance);
    a p that is not defined (NaN) is said to be so.
    ``hypothesis`` is an English phrase marked with ``N_`` by the caller
    ("normality is"); it is shown in the active language.
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return tr("{hypothesis}: test not computed", hypothesis=tr(hypothesis))
    if rejects(p, significance):
        return tr("{hypothesis} rejected ({p})", hypothesis=tr(hypothesis), p=format_p(p))
    return tr("{hypothesis} not rejected ({p})", hypothesis=tr(hypothesis), p=format_p(p))


def normality_bottom_line(*, ks_p: float, lilliefors_p: float, shapiro_p: float, significance: float, n: int,
                          k: int, rule_name: str) -> str:
    """The bottom line on normality of the residuals.

    Parameters
    ----------
    ks_p : float
        SPSS's one-sample K-S Asymp. Sig. (parameters estimated, no Lilliefors correction).
    lilliefors_p, shapiro_p : float
        The tests suited to residuals (Shapiro-Wilk NaN where not computed).
    significance : float
    n, k : int
        Cases and predictors of the regression.
    rule_name : str
        "the paper's rule" or "the usual thesis rule", in the active language.
    """
    rule = tr("By {rule_name} (SPSS's K-S without the Lilliefors correction, normality accepted when Sig. > "
              "{level}), {outcome}.", rule_name=rule_name, level=_level(significance),
              outcome=outcome_phrase(ks_p, significance, hypothesis=N_("normality is")))
    better = [(tr(_LILLIEFORS), lilliefors_p), (tr(_SHAPIRO), shapiro_p)]
    computed = [(name, p) for name, p in better if not (isinstance(p, float) and math.isnan(p))]
    rejecting = [name for name, p in computed if rejects(p, significance)]
    shown = "; ".join(f"{name}, {format_p(p)}" for name, p in computed)
    if rejecting:
        keeping = [name for name, _ in computed if name not in rejecting]
        if keeping:
            tests = tr("The tests made for residuals, whose mean and SD are estimated from the same data ({shown}), "
                       "disagree: {rejecting} rejects normality, {keeping} does not: the compendium's verdict is that "
                       "normality of the errors is **rejected**.", shown=shown, rejecting=", ".join(rejecting),
                       keeping=", ".join(keeping))
        elif len(computed) > 1:
            tests = tr("The tests made for residuals, whose mean and SD are estimated from the same data ({shown}), "
                       "reject normality: the compendium's verdict is that normality of the errors is **rejected**.",
                       shown=shown)
        else:
            tests = tr("The tests made for residuals, whose mean and SD are estimated from the same data ({shown}), "
                       "rejects normality: the compendium's verdict is that normality of the errors is **rejected**.",
                       shown=shown)
        follows = (tr("For the inference, with n = {n} and 1 predictor, the t and F tests are approximately valid for "
                      "moderately non-normal errors, but their p-values are then approximations: the HC3 standard "
                      "errors and the bootstrap intervals of notebook 05, which do not assume normal errors, are the "
                      "check, and a conclusion is drawn where they agree.", n=n)
                   if k == 1 else
                   tr("For the inference, with n = {n} and {k} predictors, the t and F tests are approximately valid "
                      "for moderately non-normal errors, but their p-values are then approximations: the HC3 standard "
                      "errors and the bootstrap intervals of notebook 05, which do not assume normal errors, are the "
                      "check, and a conclusion is drawn where they agree.", n=n, k=k))
    else:
        tests = tr("The tests made for residuals ({shown}) do not reject it either: normality is **not rejected**, "
                   "which does not show the errors to be normal (at n = {n} these tests detect only marked "
                   "departures).", shown=shown, n=n)
        follows = tr("For the inference, nothing here argues against the t and F tests; the HC3 standard errors and "
                     "bootstrap intervals of notebook 05 remain the check that assumes the least.")
    return " ".join([tr("**Bottom line: normality.**"), rule, tests, follows])


def collinearity_bottom_line(*, min_tolerance: float, max_vif: float, tolerance_limit: float, vif_limit: float,
                             rule_name: str, worst: str) -> str:
    """The bottom line on multicollinearity (a description, not a test: no p-value).

    ``worst`` names the predictor with the largest VIF; ``rule_name`` is in the active language.
    """
    from .collinearity import within_bounds

    inflation = math.sqrt(max_vif)
    within = within_bounds(tolerance=[min_tolerance], vif=[max_vif], tolerance_limit=tolerance_limit,
                           vif_limit=vif_limit)
    values = dict(rule_name=rule_name, tolerance_limit=_level(tolerance_limit), vif_limit=format_number(vif_limit, 0),
                  min_tolerance=format_number(min_tolerance, 3), max_vif=format_number(max_vif, 3), worst=worst)
    rule = (tr("By {rule_name} (every tolerance > {tolerance_limit} and VIF < {vif_limit}), the predictors are within "
               "the bounds: smallest tolerance {min_tolerance}, largest VIF {max_vif} ({worst}).", **values)
            if within else
            tr("By {rule_name} (every tolerance > {tolerance_limit} and VIF < {vif_limit}), the predictors are outside "
               "the bounds: smallest tolerance {min_tolerance}, largest VIF {max_vif} ({worst}).", **values))
    meaning = tr("The VIF says by how much collinearity inflates a coefficient's variance; its standard error grows "
                 "by √VIF, here at most by a factor {factor}.", factor=format_number(inflation, 2, leading_zero=True))
    follows = (tr("For the inference, collinearity does not blur the individual t tests.")
               if max_vif < 2.5 else
               tr("For the inference, the individual coefficients, {worst}'s above all, are estimated less precisely "
                  "than uncorrelated predictors would allow; the F test and R² are not affected.", worst=worst))
    return " ".join([tr("**Bottom line: multicollinearity.**"), rule, meaning, follows])


def _hc3_sentence(hc3_changed: Sequence[str], hc3_undefined: Sequence[str]) -> str:
    """What HC3 standard errors do to the verdicts: one whole sentence per case."""
    values = dict(changed=", ".join(hc3_changed), undefined=", ".join(hc3_undefined))
    if not hc3_undefined and hc3_changed:
        return tr("For the inference, HC3 standard errors (notebook 05) are valid whether or not the variance is "
                  "constant; with them the verdict changes for {changed}, so those verdicts are fragile.", **values)
    if not hc3_undefined:
        return tr("For the inference, HC3 standard errors (notebook 05) are valid whether or not the variance is "
                  "constant; with them no predictor's verdict changes.")
    if len(hc3_undefined) == 1 and hc3_changed:
        return tr("For the inference, HC3 standard errors (notebook 05) are valid whether or not the variance is "
                  "constant; here they are not defined for {undefined} (a respondent with leverage 1 leaves no "
                  "residual to weigh), so for that predictor the inference cannot be made robust; for {changed} the "
                  "verdict changes with them, so those verdicts are fragile.", **values)
    if len(hc3_undefined) == 1:
        return tr("For the inference, HC3 standard errors (notebook 05) are valid whether or not the variance is "
                  "constant; here they are not defined for {undefined} (a respondent with leverage 1 leaves no "
                  "residual to weigh), so for that predictor the inference cannot be made robust.", **values)
    if hc3_changed:
        return tr("For the inference, HC3 standard errors (notebook 05) are valid whether or not the variance is "
                  "constant; here they are not defined for {undefined} (a respondent with leverage 1 leaves no "
                  "residual to weigh), so for those predictors the inference cannot be made robust; for {changed} "
                  "the verdict changes with them, so those verdicts are fragile.", **values)
    return tr("For the inference, HC3 standard errors (notebook 05) are valid whether or not the variance is "
              "constant; here they are not defined for {undefined} (a respondent with leverage 1 leaves no "
              "residual to weigh), so for those predictors the inference cannot be made robust.", **values)


def heteroskedasticity_bottom_line(*, glejser_p: Mapping[str, float], breusch_pagan_p: float, white_p: float,
                                   hc3_changed: Sequence[str], n_values: int, n: int, significance: float,
                                   rule_name: str, scatterplot_rule: bool, hc3_undefined: Sequence[str] = ()) -> str:
    """The bottom line on heteroskedasticity.

    Parameters
    ----------
    glejser_p : mapping
        Predictor -> Sig. of its coefficient in the Glejser regression.
    breusch_pagan_p, white_p : float
    hc3_changed : sequence of str
        Predictors whose significance verdict changes with HC3 standard errors.
    hc3_undefined : sequence of str, default ()
        Predictors whose HC3 standard error is not defined (a respondent with
        leverage 1): for them HC3 cannot make the inference robust, and no
        "verdict unchanged" may be claimed.
    n_values : int
        Distinct values of the dependent variable (few values make the residual
        scatterplot show parallel bands whatever the variance).
    n : int
    significance : float
    rule_name : str
        In the active language.
    scatterplot_rule : bool
        Whether the rule is the scatterplot ("shows no pattern"), as in the paper.
    """
    level = _level(significance)
    if scatterplot_rule and n_values <= 10:
        rule = tr("By {rule_name}, homoskedasticity rests on the residual scatterplot showing \"no pattern\", a visual "
                  "judgement no test stands behind; with a dependent variable of {n_values} distinct values the plot "
                  "shows parallel bands by construction, so it cannot show the absence of a pattern.",
                  rule_name=rule_name, n_values=n_values)
    elif scatterplot_rule:
        rule = tr("By {rule_name}, homoskedasticity rests on the residual scatterplot showing \"no pattern\", a visual "
                  "judgement no test stands behind.", rule_name=rule_name)
    else:
        rule = tr("By {rule_name}, homoskedasticity is accepted when every Glejser Sig. > {level}.",
                  rule_name=rule_name, level=level)
    glejser_rejects = [name for name, p in glejser_p.items() if rejects(p, significance)]
    glejser = (tr("Glejser rejects homoskedasticity for {predictors}", predictors=", ".join(glejser_rejects))
               if glejser_rejects else
               tr("Glejser does not reject it for any predictor (smallest {p})", p=format_p(min(glejser_p.values()))))
    tests = tr("{glejser}; {breusch_pagan}; {white}.", glejser=glejser,
               breusch_pagan=outcome_phrase(breusch_pagan_p, significance,
                                            hypothesis=N_("Breusch-Pagan (Koenker): homoskedasticity")),
               white=outcome_phrase(white_p, significance, hypothesis=N_("White: homoskedasticity")))
    any_rejects = bool(glejser_rejects) or rejects(breusch_pagan_p, significance) or rejects(white_p, significance)
    verdict = (tr("The compendium's verdict: homoskedasticity is **rejected** by at least one test.")
               if any_rejects else
               tr("The compendium's verdict: homoskedasticity is **not rejected**, which at n = {n} does not show "
                  "the variance to be constant.", n=n))
    return " ".join([tr("**Bottom line: heteroskedasticity.**"), rule, tests, verdict,
                     _hc3_sentence(hc3_changed, hc3_undefined)])
