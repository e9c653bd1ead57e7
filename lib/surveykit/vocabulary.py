"""The words of the compendium's tables: titles, column headers and the words in their cells.

A table's words are data (column names of a DataFrame), so the catalogue
extraction cannot find them where they are used; they are listed here, once,
marked with :func:`~surveykit.i18n.N_`, and :func:`surveykit.spss_format.spss_styled`
shows each in the notebook's language.  A header missing from this list
stops an Indonesian run (:class:`~surveykit.i18n.MissingTranslation`): add
it here, run ``python -m surveykit.i18n`` and translate it.

SPSS's own statistic names that Indonesian SPSS output keeps (Sig., B, Beta,
VIF, df, t, F) are listed too, translated as themselves.
"""

from __future__ import annotations

from .i18n import N_

__all__ = ["TABLE_WORDS"]

TABLE_WORDS: tuple[str, ...] = (
    # SPSS's statistic names and table titles
    N_("Model"), N_("Sig."), N_("B"), N_("Beta"), N_("Std. Error"), N_("t"), N_("F"), N_("df"), N_("N"),
    N_("R"), N_("R Square"), N_("Adjusted R Square"), N_("Std. Error of the Estimate"), N_("Durbin-Watson"),
    N_("Sum of Squares"), N_("Mean Square"), N_("Regression"), N_("Residual"), N_("Total"),
    N_("Model Summary"), N_("ANOVA"), N_("Coefficients"), N_("Descriptive Statistics"), N_("Collinearity Diagnostics"),
    N_("Unstandardized Coefficients"), N_("Standardized Coefficients"), N_("Collinearity Statistics"),
    N_("95.0% Confidence Interval for B"), N_("Lower Bound"), N_("Upper Bound"), N_("Tolerance"), N_("VIF"),
    N_("Correlations"), N_("Zero-order"), N_("Partial"), N_("Part"), N_("Dimension"), N_("Eigenvalue"),
    N_("Condition Index"), N_("Variance Proportions"), N_("(Constant)"),
    N_("Minimum"), N_("Maximum"), N_("Mean"), N_("Std. Deviation"),
    # notebook 01
    N_("construct"), N_("role"), N_("label"), N_("label_id"), N_("indicators"), N_("items"), N_("item columns"),
    N_("step"), N_("n"), N_("respondent"), N_("row"), N_("column"), N_("action"), N_("reason"),
    N_("dependent"), N_("predictor"),
    # notebook 07: the replication audit's tables
    N_("id"), N_("printed"), N_("relation"), N_("computed"), N_("computed_spss_rounded"), N_("verdict"),
    N_("where"), N_("target"), N_("granularity"), N_("testable"), N_("consistent"), N_("smallest_items_consistent"),
    N_("check"), N_("subject"), N_("recomputed"), N_("status"),
    # how a construct's score is formed (codebook `composite:`)
    N_("sum"), N_("mean"),
    # notebook 03: validity, reliability, omega, measurement model
    N_("Validity test"), N_("Reliability test"), N_("Item-Total Statistics"), N_("McDonald's omega"),
    N_("Omega if item deleted"), N_("Measurement model"), N_("Fornell-Larcker criterion"),
    N_("Validity: printed and computed"), N_("Reliability: printed and computed"),
    N_("Construct"), N_("Item"), N_("item"), N_("Pearson Correlation (item-total)"),
    N_("Corrected Item-Total Correlation"), N_("r table"), N_("Valid (item-total)"), N_("Valid (corrected)"),
    N_("Note"), N_("note"), N_("N of Items"), N_("Cronbach's Alpha"), N_("Cronbach's Alpha Based on Standardized Items"),
    N_("Feldt 95% CI Lower"), N_("Feldt 95% CI Upper"), N_("McDonald's Omega"), N_("Status"), N_("Verdict"),
    N_("Scale Mean if Item Deleted"), N_("Scale Variance if Item Deleted"), N_("Cronbach's Alpha if Item Deleted"),
    N_("Omega CI Lower"), N_("Omega CI Upper"), N_("Resamples Used"), N_("Mean Inter-Item Correlation"),
    N_("One-Factor Chi-Square"), N_("Omega Below Alpha"), N_("Omega if Item Deleted"),
    N_("Composite Reliability"), N_("AVE"), N_("Explanation"),
    # notebook 04: normality, multicollinearity, heteroskedasticity
    N_("One-Sample Kolmogorov-Smirnov Test"), N_("Tests of Normality"), N_("Normality: printed and computed"),
    N_("Multicollinearity: printed and computed"), N_("Breusch-Pagan and White tests"),
    N_("statistic"), N_("test"), N_("Statistic"), N_("Variable"), N_("LM"), N_("df2"), N_("F Sig."),
    # a comparison with the paper's printed numbers
    N_("id"), N_("printed"), N_("computed_rounded"), N_("verdict"), N_("status"), N_("correlation"), N_("relation"),
    N_("match"), N_("mismatch"), N_("not computable"), N_("yes"), N_("no"),
    # notebook 02: descriptives, interpretation classes, respondent profile (SPSS FREQUENCIES), printed vs computed
    N_("indicator"), N_("n_items"), N_("category"), N_("category_en"), N_("from"), N_("to"),
    N_("Interpretation Classes"), N_("Respondent Profile"), N_("variable"), N_("value"), N_("Frequency"),
    N_("Percent"), N_("Valid Percent"), N_("Cumulative Percent"), N_("Valid N (listwise)"),
    N_("Printed and Recomputed Values"), N_("target"), N_("computed"), N_("where"),
    # notebooks 05 and 06: hypotheses, critical values, contributions, HC3, bootstrap, ordinal, influence, power
    N_("Hypothesis"), N_("Predictor"), N_("Test"), N_("Supported"), N_("df1"), N_("alpha"), N_("Quantile"),
    N_("Critical value"), N_("Rule"), N_("Effective contribution"), N_("Effective contribution %"),
    N_("Relative contribution %"), N_("Zero-order r2"), N_("Unique (part2)"), N_("HC3 Std. Error"), N_("Bias"),
    N_("Bootstrap Std. Error"), N_("Bootstrap CI Lower"), N_("Bootstrap CI Upper"), N_("Beta CI Lower"),
    N_("Beta CI Upper"), N_("Threshold"), N_("Estimate"), N_("95% CI Lower"), N_("95% CI Upper"),
    N_("LR Chi-Square"), N_("LR Sig."), N_("OLS B"), N_("OLS Sig."), N_("Ordinal Estimate"),
    N_("Ordinal Sig. (Wald)"), N_("Ordinal Sig. (LR)"), N_("Ordinal Test"), N_("Same Direction"),
    N_("Significant (OLS)"), N_("Significant (ordinal)"), N_("Significant (ordinal, Wald)"), N_("Changes"),
    N_("Case Number"), N_("case"), N_("Std. Residual"), N_("Stud. Residual"), N_("Predicted Value"),
    N_("Cook's Distance"), N_("Stud. Deleted Residual"), N_("Leverage"), N_("Centered Leverage Value"),
    N_("high_leverage"), N_("influential"), N_("predictors"), N_("power"), N_("minimum detectable f2"),
    N_("minimum detectable R Square"), N_("observed f2"), N_("minimum detectable f2, one predictor"),
    N_("Scaled B CI Lower"), N_("Scaled B CI Upper"),
    # notebook 00: what the printed numbers imply, the search, every target
    N_("sums_one_item"), N_("sums_codebook_items"), N_("one_item_possible"), N_("indicators_printed"),
    N_("average_printed"), N_("construct_mean"), N_("more_indicators_needed"), N_("planned_sum"),
    N_("difference_from_first_item"), N_("composite"), N_("t_min"), N_("beta_min"), N_("sd_dependent_min"),
    N_("sd_needed"), N_("sd_possible_max"), N_("possible"), N_("alpha_printed"),
    N_("average_corrected_r_equal_variances"), N_("reconstruction_min_r_item_total"),
    N_("reconstruction_min_r_corrected"), N_("setting"), N_("interval_low"), N_("interval_high"), N_("sd"),
    # the report's first page: headers of its key tables and the words in their cells (statuses and
    # verdicts of the reliability table; the audit marks its own)
    N_("95.0% CI for B Lower Bound"), N_("95.0% CI for B Upper Bound"), N_("ok"), N_("single item"),
    N_("identical items"), N_("zero variance item"), N_("reliable"), N_("not reliable"),
    N_("not assessable (identical items)"), N_("not defined"),
)
