"""Every identity the printed digits of parsed SPSS tables allow, checked on rounding intervals.

Each check compares a printed cell's interval (:class:`Printed.interval`)
with the interval the other printed cells imply (through
:mod:`surveykit.paper_audit.identities`).  The verdict is

- ``inconsistent`` when the two intervals do not meet: no set of true values
  that SPSS would print as these digits satisfies the identity;
- ``consistent`` when they meet;
- ``not checkable`` when the identity needs a number the paper does not give
  (n, the residual df) or the interval is unbounded (a standard error
  printed as ``.000``).

A :class:`Finding` names the cells it used (``cells``), so a reader (and the
perturbation test) can tell which printed digit enters which check.  This
module holds what a check yields and the model facts every check reads; the
checks of each table are in :mod:`.regression_checks` (Coefficients, ANOVA,
Model Summary, the K-S test of the residuals, the numbers the text quotes) and
:mod:`.scale_checks` (reliability tables with GRIM, Descriptive Statistics,
Correlations).

Sources of n and of the residual df, in order: the ANOVA table (df), the
prose ("jumlah sampel (n) adalah 74"), the N of a K-S test of the
residuals.  A reliability table's n (Case Processing Summary) serves GRIM on
that table only: reliability is often tested on a try-out sample.  When the Coefficients' df is
unknown, the Sig. check reports the df range that makes t and Sig. agree
(:func:`~surveykit.paper_audit.identities.df_range_for_sig`), and all
predictors must share one df.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .document import Cell, Document, Table
from .intervals import Interval

__all__ = ["Finding", "CONSISTENT", "INCONSISTENT", "NOT_CHECKABLE", "CHECKS", "ModelFacts", "model_of", "model_facts"]

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
NOT_CHECKABLE = "not checkable"

#: check id -> the check's name in the CSV (a formula, the same in every language).
CHECKS = {
    "t_b_se": "t = B / SE",
    "sig_t": "Sig. from t and df",
    "sig_t_df_range": "Sig. from t (df unknown)",
    "one_df": "one residual df for all coefficients",
    "vif_tolerance": "VIF = 1 / Tolerance",
    "equal_tolerance": "equal tolerances (two predictors)",
    "beta_sign": "sign of Beta = sign of B",
    "ci_centre": "CI for B centred on B",
    "ci_width": "CI half-width = t(.975, df) SE",
    "partial_t": "partial r = t / sqrt(t^2 + df)",
    "part_t": "part r = t sqrt((1 - R^2) / df)",
    "ss_sum": "SS total = SS regression + SS residual",
    "df_sum": "df total = df regression + df residual",
    "ms_ss_df": "Mean Square = SS / df",
    "f_ms": "F = MS regression / MS residual",
    "sig_f": "Sig. from F and df",
    "df_n": "df total = n - 1",
    "df_k": "df regression = number of predictors",
    "r_square": "R Square = R^2",
    "adjusted": "Adjusted R Square from R Square, n, k",
    "see": "Std. Error of the Estimate = sqrt(MS residual)",
    "r2_ss": "R Square = SS regression / SS total",
    "f_r2": "F from R Square",
    "same_predictors": "same predictors",
    "r2_change": "R Square Change = R Square (model 1)",
    "f_change": "F Change = F",
    "n_items": "N of Items = rows of Item-Total Statistics",
    "alpha_item_total": "alpha from Scale Variance and Alpha if Item Deleted",
    "scale_mean": "scale mean = sum of Scale Mean if Item Deleted / (k - 1)",
    "scale_variance": "scale variance from alpha and Scale Variance if Item Deleted",
    "scale_sd": "Std. Deviation = sqrt(Variance)",
    "item_mean": "item mean = scale mean - Scale Mean if Item Deleted",
    "alpha_deleted": "Alpha if Item Deleted from item variances",
    "grim": "GRIM (mean of n whole-number answers)",
    "ks_z": "K-S Z = D sqrt(n)",
    "ks_sig_z": "Asymp. Sig. from Z (Kolmogorov, no correction)",
    "ks_sig_lilliefors": "Asymp. Sig. from D and n (Lilliefors)",
    "ks_absolute": "Absolute = max(Positive, |Negative|)",
    "ks_statistic": "Test Statistic = Absolute",
    "ks_residual_mean": "mean of unstandardized residuals = 0",
    "ks_residual_sd": "SD of residuals = sqrt(SS residual / (n - 1))",
    "ks_lilliefors_verdict": "normality verdict with the Lilliefors correction",
    "n_agree": "same n",
    "mean_range": "Minimum <= Mean <= Maximum",
    "skewness_se": "Std. Error of Skewness from N",
    "kurtosis_se": "Std. Error of Kurtosis from N",
    "listwise_n": "Valid N (listwise) <= every N",
    "r_sig": "Sig. from r and N",
    "r_symmetric": "r(x, y) = r(y, x)",
    "sd_bound": "Std. Deviation <= sqrt(n/(n-1)) (Max - Min)/2",
    "text": "number in the text = number in the table",
}


@dataclass(frozen=True)
class Finding:
    """One check on parsed tables.

    Attributes
    ----------
    table : str
        The table (key) the check is about.
    check : str
        Check id (a key of :data:`CHECKS`).
    subject : str
        The row (predictor, item) or "" for the whole table.
    printed : str
        The printed numbers used, as printed.
    recomputed : str
        The interval the identity gives for the checked number.
    verdict : str
        ``consistent``, ``inconsistent`` or ``not checkable``.
    cells : tuple of str
        Ids of the printed cells the check uses.
    values : dict
        What the report's sentence for this check needs.
    """

    table: str
    check: str
    subject: str
    printed: str
    recomputed: str
    verdict: str
    cells: tuple[str, ...] = ()
    values: dict = field(default_factory=dict, hash=False, compare=False)


def _verdict(ok: bool | None) -> str:
    return NOT_CHECKABLE if ok is None else (CONSISTENT if ok else INCONSISTENT)


def _show(cell: Cell) -> str:
    return cell.printed.text


def _iv(cell: Cell) -> Interval:
    return cell.printed.interval


def _compare(table: Table, check: str, subject: str, target: Cell, implied: Interval | None, inputs: list[Cell],
             *, names: dict[str, Cell], target_name: str, digits: int = 4, **values: Any) -> Finding:
    """A finding: is ``target`` (printed) inside what ``inputs`` imply?"""
    printed = ", ".join(f"{name} = {_show(cell)}" for name, cell in names.items())
    if implied is None:
        return Finding(table.key, check, subject, printed, "unbounded", NOT_CHECKABLE,
                       tuple(c.id for c in [target, *inputs]), {"target": target_name, **values})
    ok = _iv(target).overlaps(implied)
    return Finding(table.key, check, subject, printed, implied.text(digits), _verdict(ok),
                   tuple(c.id for c in [target, *inputs]),
                   {"target": target_name, "target_printed": _show(target), "implied": implied.text(digits),
                    **values})


# -- the model the tables describe --------------------------------------------


@dataclass
class ModelFacts:
    """n, k, the residual df (each with its source and cells) and R Square: what the tables say of their model."""

    n: int | None = None
    n_source: str = ""
    n_cells: tuple[str, ...] = ()
    k: int | None = None
    df_res: int | None = None
    df_source: str = ""
    df_cells: tuple[str, ...] = ()
    r_squared: Cell | None = None


def _prose_n(document: Document) -> tuple[int | None, str]:
    values = sorted({n for _, n, _ in document.n_statements})
    if len(values) == 1:
        line = next(line for line, n, _ in document.n_statements if n == values[0])
        return values[0], f"text, line {line}"
    return None, ""


def model_of(document: Document) -> ModelFacts:
    """The model facts of a document, from its tables first, then its prose (see the module's docstring)."""
    model = ModelFacts()
    anova = document.of_kind("anova")
    coefficients = document.of_kind("coefficients")
    if len(coefficients) == 1:
        model.k = len(coefficients[0].rows) - 1
    if len(anova) == 1:
        table = anova[0]
        reg, res, tot = table.cell("Regression", "df"), table.cell("Residual", "df"), table.cell("Total", "df")
        if res is not None:
            model.df_res, model.df_source, model.df_cells = int(res.value), "ANOVA", (res.id,)
        if tot is not None:
            model.n, model.n_source, model.n_cells = int(tot.value) + 1, "ANOVA df total + 1", (tot.id,)
        elif reg is not None and res is not None:
            model.n, model.n_source = int(reg.value + res.value) + 1, "ANOVA df + 1"
            model.n_cells = (reg.id, res.id)
        if model.k is None and reg is not None:
            model.k = int(reg.value)
    if model.n is None:
        n, source = _prose_n(document)
        if n is not None:
            model.n, model.n_source = n, source
    if model.n is None:
        # the K-S test of the regression's residuals has the regression's n
        for table in document.of_kind("ks"):
            cell = next(iter(table.rows.get("N", {}).values()), None)
            if cell is not None and "residual" in table.header.lower():
                model.n, model.n_source, model.n_cells = int(cell.value), table.key, (cell.id,)
                break
    if model.df_res is None and model.n is not None and model.k is not None:
        model.df_res = model.n - model.k - 1
        model.df_source, model.df_cells = f"n - k - 1 (n from {model.n_source})", model.n_cells
    summaries = document.of_kind("model_summary")
    if len(summaries) == 1 and len(summaries[0].rows) == 1:
        model.r_squared = next(iter(summaries[0].rows.values())).get("R Square")
    return model


def _with_cells(finding: Finding, extra: tuple[str, ...]) -> Finding:
    if not extra:
        return finding
    values = dict(finding.values)
    values.pop("extra_cells", None)
    return Finding(finding.table, finding.check, finding.subject, finding.printed, finding.recomputed,
                   finding.verdict, finding.cells + tuple(c for c in extra if c not in finding.cells), values)


def model_facts(document: Document) -> dict[str, Any]:
    """n, k and the residual df the checks used, and where each came from (for the report)."""
    model = model_of(document)
    return {"n": model.n, "n_source": model.n_source, "k": model.k, "df_res": model.df_res,
            "df_source": model.df_source}
