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
perturbation test) can tell which printed digit enters which check.

Sources of n and of the residual df, in order: the ANOVA table (df), the
prose ("jumlah sampel (n) adalah 74"), the N of a K-S test of the
residuals.  A reliability table's n (Case Processing Summary) serves GRIM on
that table only: reliability is often tested on a try-out sample.  When the Coefficients' df is
unknown, the Sig. check reports the df range that makes t and Sig. agree
(:func:`~surveykit.paper_audit.identities.df_range_for_sig`), and all
predictors must share one df.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from . import identities as ident
from .intervals import Interval
from .parse import Cell, Document, Table

__all__ = ["Finding", "CONSISTENT", "INCONSISTENT", "NOT_CHECKABLE", "run_checks", "CHECKS"]

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
class _Model:
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


def _model(document: Document) -> _Model:
    model = _Model()
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


# -- Coefficients -------------------------------------------------------------------

def _coefficients(table: Table, model: _Model) -> list[Finding]:
    out: list[Finding] = []
    df = model.df_res if (model.k is None or model.k == len(table.rows) - 1) else None
    ranges: list[tuple[str, tuple[int, int], tuple[str, ...]]] = []
    predictors = [row for row in table.rows if row != "(Constant)"]
    for row, cells in table.rows.items():
        b, se, t, sig = cells.get("B"), cells.get("Std. Error"), cells.get("t"), cells.get("Sig.")
        if b and se and t:
            out.append(_compare(table, "t_b_se", row, t, ident.ratio(_iv(b), _iv(se)), [b, se],
                                names={"B": b, "SE": se, "t": t}, target_name="t", b=_show(b), se=_show(se)))
        if t and sig:
            sig_iv = ident.probability(_iv(sig))
            if df is not None and df >= 1:
                out.append(_compare(table, "sig_t", row, sig, ident.p_from_t(_iv(t), df), [t],
                                    names={"t": t, "Sig.": sig}, target_name="Sig.", df=df, df_source=model.df_source,
                                    t=_show(t), extra_cells=model.df_cells))
                out[-1] = _with_cells(out[-1], model.df_cells)
            else:
                found = ident.df_range_for_sig(_iv(t), sig_iv)
                text = "none" if found is None else _df_text(found)
                out.append(Finding(table.key, "sig_t_df_range", row, f"t = {_show(t)}, Sig. = {_show(sig)}", text,
                                   _verdict(found is not None), (sig.id, t.id),
                                   {"t": _show(t), "target_printed": _show(sig), "df_range": text}))
                if found is not None:
                    ranges.append((row, found, (sig.id, t.id)))
        tol, vif = cells.get("Tolerance"), cells.get("VIF")
        if tol and vif:
            out.append(_compare(table, "vif_tolerance", row, vif, ident.ratio(Interval.point(1.0), _iv(tol)), [tol],
                                names={"Tolerance": tol, "VIF": vif}, target_name="VIF", tolerance=_show(tol)))
        beta = cells.get("Beta")
        if b and beta:
            signs = {_sign(_iv(b)), _sign(_iv(beta))}
            ok = None if 0 in signs else len(signs) == 1
            out.append(Finding(table.key, "beta_sign", row, f"B = {_show(b)}, Beta = {_show(beta)}",
                               "", _verdict(ok), (b.id, beta.id), {"b": _show(b), "beta": _show(beta)}))
        lower, upper = cells.get("Lower Bound"), cells.get("Upper Bound")
        if b and lower and upper:
            out.append(_compare(table, "ci_centre", row, b, (_iv(lower) + _iv(upper)) * 0.5, [lower, upper],
                                names={"B": b, "Lower": lower, "Upper": upper}, target_name="B"))
            if se and df is not None and df >= 1:
                half = (_iv(upper) - _iv(lower)) * 0.5
                found = _compare(table, "ci_width", row, se, half / ident.t_critical(df), [lower, upper],
                                 names={"SE": se, "Lower": lower, "Upper": upper}, target_name="SE", df=df)
                out.append(_with_cells(found, model.df_cells))
        partial = cells.get("Partial")
        if t and partial and df is not None and df >= 1:
            out.append(_with_cells(_compare(table, "partial_t", row, partial, ident.partial_from_t(_iv(t), df), [t],
                                            names={"t": t, "Partial": partial}, target_name="Partial", df=df),
                                   model.df_cells))
        part = cells.get("Part")
        if t and part and df is not None and df >= 1 and model.r_squared is not None:
            found = _compare(table, "part_t", row, part, ident.part_from_t(_iv(t), _iv(model.r_squared), df),
                             [t, model.r_squared], names={"t": t, "R Square": model.r_squared, "Part": part},
                             target_name="Part", df=df)
            out.append(_with_cells(found, model.df_cells))
    if len(predictors) == 2:
        for column, check in (("Tolerance", "equal_tolerance"),):
            first, second = (table.cell(p, column) for p in predictors)
            if first and second:
                out.append(_compare(table, check, "", second, _iv(first), [first],
                                    names={predictors[0]: first, predictors[1]: second}, target_name=column))
    if len(ranges) >= 2:
        common = (max(r[1][0] for r in ranges), min(r[1][1] for r in ranges))
        ok = common[0] <= common[1]
        cells_used = tuple(c for r in ranges for c in r[2])
        listing = "; ".join(f"{row}: {_df_text(found)}" for row, found, _ in ranges)
        out.append(Finding(table.key, "one_df", "", listing, _df_text(common) if ok else "none", _verdict(ok),
                           cells_used, {"listing": listing}))
    return out


def _df_text(found: tuple[int, int]) -> str:
    low, high = found
    return f"df >= {low}" if high >= 10**7 else (f"df = {low}" if low == high else f"df {low} to {high}")


def _sign(interval: Interval) -> int:
    return 1 if interval.lo > 0 else (-1 if interval.hi < 0 else 0)


def _with_cells(finding: Finding, extra: tuple[str, ...]) -> Finding:
    if not extra:
        return finding
    values = dict(finding.values)
    values.pop("extra_cells", None)
    return Finding(finding.table, finding.check, finding.subject, finding.printed, finding.recomputed,
                   finding.verdict, finding.cells + tuple(c for c in extra if c not in finding.cells), values)


# -- ANOVA ------------------------------------------------------------------------

def _anova(table: Table, model: _Model, document: Document) -> list[Finding]:
    out: list[Finding] = []
    cell = table.cell
    ss_reg, ss_res, ss_tot = cell("Regression", "Sum of Squares"), cell("Residual", "Sum of Squares"), \
        cell("Total", "Sum of Squares")
    df_reg, df_res, df_tot = cell("Regression", "df"), cell("Residual", "df"), cell("Total", "df")
    ms_reg, ms_res = cell("Regression", "Mean Square"), cell("Residual", "Mean Square")
    f, sig = cell("Regression", "F"), cell("Regression", "Sig.")
    if ss_reg and ss_res and ss_tot:
        out.append(_compare(table, "ss_sum", "", ss_tot, _iv(ss_reg) + _iv(ss_res), [ss_reg, ss_res],
                            names={"SS regression": ss_reg, "SS residual": ss_res, "SS total": ss_tot},
                            target_name="SS total", digits=7))
    if df_reg and df_res and df_tot:
        ok = df_reg.value + df_res.value == df_tot.value
        out.append(Finding(table.key, "df_sum", "", f"{_show(df_reg)} + {_show(df_res)}; {_show(df_tot)}",
                           f"{int(df_reg.value + df_res.value)}", _verdict(ok), (df_tot.id, df_reg.id, df_res.id),
                           {"target_printed": _show(df_tot), "implied": f"{int(df_reg.value + df_res.value)}"}))
    for row, ss, df, ms in (("Regression", ss_reg, df_reg, ms_reg), ("Residual", ss_res, df_res, ms_res)):
        if ss and df and ms and df.value > 0:
            out.append(_compare(table, "ms_ss_df", row, ms, _iv(ss) / df.value, [ss, df],
                                names={"SS": ss, "df": df, "Mean Square": ms}, target_name="Mean Square",
                                digits=7))
    if ms_reg and ms_res and f:
        out.append(_compare(table, "f_ms", "", f, ident.ratio(_iv(ms_reg), _iv(ms_res)), [ms_reg, ms_res],
                            names={"MS regression": ms_reg, "MS residual": ms_res, "F": f}, target_name="F"))
    if f and sig and df_reg and df_res and df_res.value > 0:
        out.append(_compare(table, "sig_f", "", sig, ident.p_from_f(_iv(f), df_reg.value, df_res.value),
                            [f, df_reg, df_res], names={"F": f, "Sig.": sig}, target_name="Sig.",
                            df=f"{int(df_reg.value)}, {int(df_res.value)}"))
    if df_tot:
        n, source = _prose_n(document)
        others = [(n, source, ())] if n is not None else []
        # a K-S test of the regression's residuals has the regression's n (a reliability
        # table may come from a try-out sample, so it is not compared)
        for other in document.of_kind("ks"):
            c = next(iter(other.rows.get("N", {}).values()), None)
            if c is not None and "residual" in other.header.lower():
                others.append((int(c.value), other.key, (c.id,)))
        for n_value, source, cells_used in others:
            ok = int(df_tot.value) == n_value - 1
            out.append(Finding(table.key, "df_n", "", f"df total = {_show(df_tot)}; n = {n_value} ({source})",
                               str(n_value - 1), _verdict(ok), (df_tot.id, *cells_used),
                               {"target_printed": _show(df_tot), "implied": str(n_value - 1), "n": n_value,
                                "source": source}))
    coefficients = document.of_kind("coefficients")
    if df_reg and len(coefficients) == 1:
        k = len(coefficients[0].rows) - 1
        ok = int(df_reg.value) == k
        out.append(Finding(table.key, "df_k", "", f"df regression = {_show(df_reg)}; {k} predictors",
                           str(k), _verdict(ok), (df_reg.id,), {"target_printed": _show(df_reg), "implied": str(k)}))
    return out


# -- Model Summary -------------------------------------------------------------------

def _model_summary(table: Table, model: _Model, document: Document) -> list[Finding]:
    out: list[Finding] = []
    anova = document.of_kind("anova")
    anova = anova[0] if len(anova) == 1 and len(table.rows) == 1 else None
    mine = _predictor_list(table.footnote("Predictors:"))
    theirs = _predictor_list(anova.footnote("Predictors:")) if anova is not None else None
    if mine is not None and theirs is not None and not _lists_match(mine, theirs):
        anova = None  # different models: the "same predictors" check says so; no cross-table arithmetic
        n_model = _Model(n=_prose_n(document)[0])
    else:
        n_model = model
    for row, cells in table.rows.items():
        r, r2, adj, see = (cells.get(c) for c in ("R", "R Square", "Adjusted R Square", "Std. Error of the Estimate"))
        if r and r2:
            out.append(_compare(table, "r_square", row, r2, _iv(r).square(), [r],
                                names={"R": r, "R Square": r2}, target_name="R Square"))
        n, k = n_model.n, (len(mine) if mine is not None else model.k)
        if r2 and adj and n is not None and k is not None and n - k - 1 >= 1 and len(table.rows) == 1:
            found = _compare(table, "adjusted", row, adj, ident.adjusted_r_squared(_iv(r2), n=n, k=k), [r2],
                             names={"R Square": r2, "Adjusted R Square": adj}, target_name="Adjusted R Square",
                             n=n, k=k)
            out.append(_with_cells(found, n_model.n_cells + n_model.df_cells))
        if anova is None:
            continue
        ms_res = anova.cell("Residual", "Mean Square")
        if see and ms_res:
            out.append(_compare(table, "see", row, see, _iv(ms_res).clip(0.0).sqrt(), [ms_res],
                                names={"Std. Error of the Estimate": see, "MS residual": ms_res},
                                target_name="Std. Error of the Estimate"))
        ss_reg, ss_tot = anova.cell("Regression", "Sum of Squares"), anova.cell("Total", "Sum of Squares")
        if r2 and ss_reg and ss_tot:
            out.append(_compare(table, "r2_ss", row, r2, ident.ratio(_iv(ss_reg), _iv(ss_tot)), [ss_reg, ss_tot],
                                names={"R Square": r2, "SS regression": ss_reg, "SS total": ss_tot},
                                target_name="R Square"))
        f, df_reg, df_res = anova.cell("Regression", "F"), anova.cell("Regression", "df"), anova.cell("Residual", "df")
        if r2 and f and df_reg and df_res and df_reg.value >= 1 and df_res.value >= 1:
            n_a, k_a = int(df_reg.value + df_res.value + 1), int(df_reg.value)
            out.append(_compare(anova, "f_r2", "", f, ident.f_from_r_squared(_iv(r2), n=n_a, k=k_a),
                                [r2, df_reg, df_res], names={"R Square": r2, "F": f}, target_name="F",
                                df=f"{k_a}, {n_a - k_a - 1}"))
        change, f_change = cells.get("R Square Change"), cells.get("F Change")
        if change and r2:
            out.append(_compare(table, "r2_change", row, change, _iv(r2), [r2],
                                names={"R Square": r2, "R Square Change": change}, target_name="R Square Change"))
        if f_change and f:
            out.append(_compare(table, "f_change", row, f_change, _iv(f), [f],
                                names={"F": f, "F Change": f_change}, target_name="F Change"))
    out.extend(_same_predictors(table, document))
    return out


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _predictor_list(note: str | None) -> list[str] | None:
    if note is None:
        return None
    items = [item.strip() for item in note.split(",")]
    items = [item for item in items if item and _normal(item) not in ("constant", "konstanta")]
    return items or None


def _same_predictors(table: Table, document: Document) -> list[Finding]:
    """Model Summary, ANOVA and Coefficients about the same predictors (their footnotes, its rows).

    The last item of a footnote may run on into whatever followed it on the
    page, so it matches when it *starts with* the other name.
    """
    mine = _predictor_list(table.footnote("Predictors:"))
    if mine is None:
        return []
    out = []
    others: list[tuple[str, list[str]]] = []
    for other in document.of_kind("anova"):
        theirs = _predictor_list(other.footnote("Predictors:"))
        if theirs is not None:
            others.append((other.key, theirs))
    for other in document.of_kind("coefficients"):
        others.append((other.key, [row for row in other.rows if row != "(Constant)"]))
    for key, theirs in others:
        ok = _lists_match(mine, theirs)
        out.append(Finding(table.key, "same_predictors", "", f"{', '.join(mine)} | {key}: {', '.join(theirs)}",
                           "", _verdict(ok), (), {"mine": ", ".join(mine), "theirs": ", ".join(theirs), "other": key}))
    return out


def _lists_match(first: list[str], second: list[str]) -> bool:
    """Same names in any order; one left-over pair may differ by a run-on tail (prefix match)."""
    if len(first) != len(second):
        return False
    rest_a, rest_b = [_normal(x) for x in first], [_normal(x) for x in second]
    for name in list(rest_a):
        if name in rest_b:
            rest_a.remove(name)
            rest_b.remove(name)
    if not rest_a:
        return True
    return len(rest_a) == 1 and (rest_a[0].startswith(rest_b[0]) or rest_b[0].startswith(rest_a[0]))


# -- reliability -------------------------------------------------------------------

def _reliability(document: Document, model: _Model) -> list[Finding]:
    out: list[Finding] = []
    reliability, item_total = document.of_kind("reliability"), document.of_kind("item_total")
    scale, items = document.of_kind("scale_statistics"), document.of_kind("item_statistics")
    # each Item-Total table goes with the nearest Reliability, Scale and Item Statistics (each used once)
    rel_of, scale_of, items_of = _pair(item_total, reliability), _pair(item_total, scale), _pair(item_total, items)
    for total in item_total:
        rel, sc, it = rel_of.get(total.key), scale_of.get(total.key), items_of.get(total.key)
        rows = list(total.rows.values())
        k = len(rows)
        alpha = rel.cell("Scale", "Cronbach's Alpha") if rel else None
        n_items = rel.cell("Scale", "N of Items") if rel else None
        if n_items is not None:
            # rows the parser skipped make the count uncertain: then it is not checkable
            ok = None if not total.complete else int(n_items.value) == k
            out.append(Finding(total.key, "n_items", "", f"N of Items = {_show(n_items)}; {k} rows", str(k),
                               _verdict(ok), (n_items.id,), {"target_printed": _show(n_items), "implied": str(k)}))
            if int(n_items.value) != k:
                alpha = None  # the alpha describes another set of items than the rows read
        svid = [r.get("Scale Variance if Item Deleted") for r in rows]
        aiid = [r.get("Cronbach's Alpha if Item Deleted") for r in rows]
        smid = [r.get("Scale Mean if Item Deleted") for r in rows]
        if alpha is not None and k >= 3 and all(svid) and all(aiid):
            implied = ident.alpha_from_item_total([_iv(c) for c in svid], [_iv(c) for c in aiid])
            out.append(_compare(total, "alpha_item_total", "", alpha, implied, [*svid, *aiid],
                                names={"Cronbach's Alpha": alpha}, target_name="Cronbach's Alpha", k=k))
        if sc is not None:
            mean, variance, sd = (sc.cell("Scale", c) for c in ("Mean", "Variance", "Std. Deviation"))
            if mean and all(smid) and k >= 2:
                total_iv = Interval.point(0.0)
                for c in smid:
                    total_iv = total_iv + _iv(c)
                out.append(_compare(total, "scale_mean", "", mean, total_iv / (k - 1), smid,
                                    names={"Mean": mean}, target_name="Mean", k=k))
            if variance and alpha is not None and all(svid) and k >= 2:
                out.append(_compare(total, "scale_variance", "", variance,
                                    ident.scale_variance([_iv(c) for c in svid], _iv(alpha)), [alpha, *svid],
                                    names={"Variance": variance, "Cronbach's Alpha": alpha}, target_name="Variance",
                                    k=k))
            if variance and sd:
                out.append(_compare(sc, "scale_sd", "", sd, _iv(variance).clip(0.0).sqrt(), [variance],
                                    names={"Variance": variance, "Std. Deviation": sd}, target_name="Std. Deviation"))
        if it is not None and len(it.rows) == k and all(smid) and k >= 2:
            item_rows = list(it.rows.items())
            for j, (label, cells) in enumerate(item_rows):
                mean_j = cells.get("Mean")
                if mean_j is None:
                    continue
                # m_j = (sum_{i != j} M_i - (k - 2) M_j) / (k - 1): each printed M once
                others = Interval.point(0.0)
                for i, c in enumerate(smid):
                    if i != j:
                        others = others + _iv(c)
                implied = (others - _iv(smid[j]) * (k - 2)) / (k - 1)
                out.append(_compare(total, "item_mean", label, mean_j, implied, smid,
                                    names={"Mean": mean_j, "Scale Mean if Item Deleted": smid[j]}, target_name="Mean"))
            sds = [cells.get("Std. Deviation") for _, cells in item_rows]
            if all(sds) and all(svid) and all(aiid) and k >= 3:
                variances = [_iv(c).clip(0.0).square() for c in sds]
                for j, label in enumerate(total.rows):
                    s_minus = Interval.point(0.0)
                    for i, v in enumerate(variances):
                        if i != j:
                            s_minus = s_minus + v
                    # a_j = (k-1)/(k-2) (1 - (S - s_j^2) / V_j)
                    implied = (1 - s_minus / _iv(svid[j])) * ((k - 1) / (k - 2))
                    out.append(_compare(total, "alpha_deleted", label, aiid[j], implied,
                                        [svid[j], *[c for i, c in enumerate(sds) if i != j]],
                                        names={"Cronbach's Alpha if Item Deleted": aiid[j]},
                                        target_name="Cronbach's Alpha if Item Deleted"))
        n = _reliability_n(document, total, model)
        if n is not None:
            for label, c in zip(total.rows, smid):
                if c is not None:
                    out.append(_grim(total, label, c, n[0], n[1]))
            if sc is not None and sc.cell("Scale", "Mean") is not None:
                out.append(_grim(sc, "Scale", sc.cell("Scale", "Mean"), n[0], n[1]))
            if it is not None:
                for label, cells in it.rows.items():
                    if cells.get("Mean") is not None:
                        out.append(_grim(it, label, cells["Mean"], n[0], n[1]))
    return out


def _reliability_n(document: Document, total: Table, model: _Model) -> tuple[int, tuple[str, ...]] | None:
    case = _pair([total], document.of_kind("case_processing")).get(total.key)
    if case is not None and case.cell("Valid", "N") is not None:
        cell = case.cell("Valid", "N")
        return int(cell.value), (cell.id,)
    items = _pair([total], document.of_kind("item_statistics")).get(total.key)
    if items is not None:
        cells = [c for c in (r.get("N") for r in items.rows.values()) if c is not None]
        if cells and len({c.value for c in cells}) == 1:
            return int(cells[0].value), tuple(c.id for c in cells)
    return None  # the regression's n need not be the reliability sample's (try-outs): no GRIM


def _grim(table: Table, row: str, cell: Cell, n: int, n_cells: tuple[str, ...]) -> Finding:
    """GRIM (Brown & Heathers 2017) by :func:`surveykit.audit.grim`: a mean of n whole-number totals."""
    from ..audit import grim

    result = grim(cell.value, n=n, items=1, decimals=cell.printed.decimals)
    if not result.testable:
        verdict = NOT_CHECKABLE
    else:
        verdict = CONSISTENT if result.consistent else INCONSISTENT
    near = ", ".join(f"{t}/{n} = {m:.4f}" for t, m in zip(result.nearest_sums, result.nearest_means))
    return Finding(table.key, "grim", row, _show(cell), near, verdict, (cell.id, *n_cells),
                   {"target_printed": _show(cell), "n": n, "implied": near})


def _pair(anchors: list[Table], others: list[Table]) -> dict[str, Table]:
    """Pair tables by nearness in the text, nearest pairs first, each table used once."""
    pairs = sorted((abs(a.line - o.line), a.line, o.line, a.key, o.key) for a in anchors for o in others)
    by_key = {o.key: o for o in others}
    taken_a: set[str] = set()
    taken_o: set[str] = set()
    out: dict[str, Table] = {}
    for _, _, _, a_key, o_key in pairs:
        if a_key not in taken_a and o_key not in taken_o:
            out[a_key] = by_key[o_key]
            taken_a.add(a_key)
            taken_o.add(o_key)
    return out


# -- K-S ---------------------------------------------------------------------------------

def _ks(table: Table, document: Document) -> list[Finding]:
    out: list[Finding] = []
    rows = table.rows
    lilliefors_footnote = any("lilliefors" in note.lower() for note in table.footnotes)
    columns = list(next(iter(rows.values())).keys()) if rows else []
    for column in columns:
        def get(row: str, column: str = column) -> Cell | None:
            return rows.get(row, {}).get(column)

        n_cell, absolute, positive, negative = get("N"), get("Absolute"), get("Positive"), get("Negative")
        z, statistic, sig = get("Kolmogorov-Smirnov Z"), get("Test Statistic"), get("Asymp. Sig. (2-tailed)")
        subject = "" if column == "value" else column
        n = int(n_cell.value) if n_cell is not None else None
        if absolute and positive and negative:
            implied = Interval(max(_iv(positive).lo, _iv(negative).abs().lo), max(_iv(positive).hi,
                                                                                  _iv(negative).abs().hi))
            out.append(_compare(table, "ks_absolute", subject, absolute, implied, [positive, negative],
                                names={"Absolute": absolute, "Positive": positive, "Negative": negative},
                                target_name="Absolute"))
        if statistic and absolute:
            out.append(_compare(table, "ks_statistic", subject, statistic, _iv(absolute), [absolute],
                                names={"Absolute": absolute, "Test Statistic": statistic},
                                target_name="Test Statistic"))
        d = absolute or statistic
        if z and d and n:
            out.append(_compare(table, "ks_z", subject, z, _iv(d) * math.sqrt(n), [d, n_cell],
                                names={"D": d, "N": n_cell, "Z": z}, target_name="Z", n=n))
        if z and sig:
            out.append(_compare(table, "ks_sig_z", subject, sig, ident.ks_p_from_z(_iv(z)), [z],
                                names={"Z": z, "Asymp. Sig.": sig}, target_name="Asymp. Sig."))
        elif sig and d and n and (statistic is not None or lilliefors_footnote):
            implied = ident.lilliefors_p_interval(_iv(d), n)
            # SPSS prints .200 as a lower bound ("This is a lower bound of the true significance")
            sig_iv = _iv(sig)
            if sig.value >= 0.2 - 1e-9:
                ok = implied.hi >= 0.1995
            else:
                ok = sig_iv.overlaps(implied)
            out.append(Finding(table.key, "ks_sig_lilliefors", subject, f"D = {_show(d)}, N = {n}, Sig. = {_show(sig)}",
                               implied.text(3), _verdict(ok), (sig.id, d.id, n_cell.id),
                               {"target_printed": _show(sig), "implied": implied.text(3), "n": n}))
        if d and n and (z is not None or statistic is None) and sig is not None and not lilliefors_footnote:
            corrected = ident.lilliefors_p_interval(_iv(d), n)
            printed_normal = sig.value > 0.05
            if corrected.lo > 0.05:
                ok: bool | None = printed_normal
            elif corrected.hi < 0.05:
                ok = not printed_normal
            else:
                ok = None
            out.append(Finding(table.key, "ks_lilliefors_verdict", subject,
                               f"D = {_show(d)}, N = {n}, Sig. = {_show(sig)}", corrected.text(3), _verdict(ok),
                               (sig.id, d.id, n_cell.id),
                               {"target_printed": _show(sig), "implied": corrected.text(3), "n": n}))
        mean, sd = get("Mean"), get("Std. Deviation")
        residual = "residual" in table.header.lower()
        if residual and mean:
            ok = _iv(mean).contains(0.0)
            out.append(Finding(table.key, "ks_residual_mean", subject, f"Mean = {_show(mean)}", "0", _verdict(ok),
                               (mean.id,), {"target_printed": _show(mean), "implied": "0"}))
        anova = document.of_kind("anova")
        if residual and sd and n and len(anova) == 1 and anova[0].cell("Residual", "Sum of Squares"):
            ss = anova[0].cell("Residual", "Sum of Squares")
            out.append(_compare(table, "ks_residual_sd", subject, sd, (_iv(ss) / (n - 1)).clip(0.0).sqrt(),
                                [ss, n_cell], names={"Std. Deviation": sd, "SS residual": ss, "N": n_cell},
                                target_name="Std. Deviation", n=n, digits=6))
    return out


# -- Descriptive Statistics -------------------------------------------------------------------

def _descriptives(table: Table) -> list[Finding]:
    out: list[Finding] = []
    ns = []
    for row, cells in table.rows.items():
        if row == "Valid N (listwise)":
            continue
        n, low, high, mean, sd = (cells.get(c) for c in ("N", "Minimum", "Maximum", "Mean", "Std. Deviation"))
        if n is not None:
            ns.append(n)
        if low and high and mean:
            implied = Interval(_iv(low).lo, _iv(high).hi)
            out.append(_compare(table, "mean_range", row, mean, implied, [low, high],
                                names={"Minimum": low, "Mean": mean, "Maximum": high}, target_name="Mean"))
        if low and high and sd and n and n.value >= 2:
            bound = ident.max_sd(_iv(low).lo, _iv(high).hi, int(n.value))
            out.append(_compare(table, "sd_bound", row, sd, Interval(0.0, bound), [low, high, n],
                                names={"Std. Deviation": sd, "Minimum": low, "Maximum": high, "N": n},
                                target_name="Std. Deviation"))
        for column, check, function in (("Skewness", "skewness_se", ident.skewness_se),
                                        ("Kurtosis", "kurtosis_se", ident.kurtosis_se)):
            se = cells.get(f"Std. Error of {column}")
            if se and n and n.value >= 4:
                out.append(_compare(table, check, row, se, Interval.point(function(int(n.value))), [n],
                                    names={"N": n, f"Std. Error of {column}": se},
                                    target_name=f"Std. Error of {column}", n=int(n.value)))
    listwise = table.cell("Valid N (listwise)", "N")
    if listwise is not None and ns:
        smallest = min(ns, key=lambda c: c.value)
        ok = listwise.value <= smallest.value
        out.append(Finding(table.key, "listwise_n", "", f"Valid N (listwise) = {_show(listwise)}; smallest N = "
                           f"{_show(smallest)}", f"<= {_show(smallest)}", _verdict(ok), (listwise.id, smallest.id),
                           {"target_printed": _show(listwise), "implied": f"<= {_show(smallest)}"}))
    return out


def _correlations(table: Table) -> list[Finding]:
    """Sig. (2-tailed) of each Pearson r from r and N; the matrix symmetric."""
    out: list[Finding] = []
    rows = list(table.rows)
    names = [c[2:] for c in table.columns if c.startswith("r ")]
    for i, row in enumerate(rows):
        cells = table.rows[row]
        for j, name in enumerate(names):
            if i == j:
                continue
            r, sig, n = cells.get(f"r {name}"), cells.get(f"Sig. {name}"), cells.get(f"N {name}")
            if r and sig and n and n.value >= 3:
                out.append(_compare(table, "r_sig", f"{row} ~ {name}", sig, ident.p_from_r(_iv(r), int(n.value)),
                                    [r, n], names={"r": r, "N": n, "Sig.": sig}, target_name="Sig.",
                                    n=int(n.value)))
            if j > i and j < len(rows):
                other = table.rows[rows[j]].get(f"r {names[i]}") if i < len(names) else None
                if r and other:
                    out.append(_compare(table, "r_symmetric", f"{row} ~ {name}", other, _iv(r), [r],
                                        names={f"r({row}, {name})": r, f"r({rows[j]}, {names[i]})": other},
                                        target_name="r"))
    return out


# -- text against tables -----------------------------------------------------------------------

_QUOTE_TARGETS = {"r_square": ("model_summary", "R Square"), "adjusted_r_square": ("model_summary", "Adjusted R Square"),
                  "f": ("anova", "F"), "constant": ("coefficients", "B")}


def _text(document: Document) -> list[Finding]:
    out: list[Finding] = []
    for quote in document.quotes:
        candidates: list[Cell] = []
        if quote.statistic == "coefficient":
            for table in document.of_kind("coefficients"):
                predictors = [row for row in table.rows if row != "(Constant)"]
                if quote.position <= len(predictors):
                    candidates.append(table.cell(predictors[quote.position - 1], "B"))
            target_name = f"B{quote.position}"
        else:
            kind, column = _QUOTE_TARGETS[quote.statistic]
            for table in document.of_kind(kind):
                row = "(Constant)" if kind == "coefficients" else next(iter(table.rows))
                candidates.append(table.cell(row if kind != "anova" else "Regression", column))
            target_name = column
        candidates = [c for c in candidates if c is not None]
        if not candidates:
            continue
        quoted = quote.printed.interval
        if quote.percent:
            quoted = quoted * 0.01
        ok = any(quoted.overlaps(_iv(c)) for c in candidates)
        if not ok and quote.statistic == "coefficient":
            # the equation's X numbering need not follow the table's row order: inconsistent only
            # when the number is no predictor's B at all
            others = [c for t in document.of_kind("coefficients") for row, cells in t.rows.items()
                      if row != "(Constant)" and (c := cells.get("B")) is not None]
            if any(quoted.overlaps(_iv(c)) for c in others):
                continue
        shown = quote.printed.text + ("%" if quote.percent else "")
        listing = " or ".join(_show(c) for c in candidates)
        out.append(Finding(candidates[0].id.split("|")[0], "text", f"line {quote.line}",
                           f"text: {shown}; table: {listing}", listing, _verdict(ok), tuple(c.id for c in candidates),
                           {"target_printed": shown, "implied": listing, "target": target_name, "line": quote.line,
                            "quote": quote.text}))
    return out


# -- the driver -----------------------------------------------------------------------

def run_checks(document: Document) -> list[Finding]:
    """Every check the parsed tables allow, table by table, then the text against the tables."""
    model = _model(document)
    out: list[Finding] = []
    for table in document.tables:
        if table.kind == "coefficients":
            out.extend(_coefficients(table, model))
        elif table.kind == "anova":
            out.extend(_anova(table, model, document))
        elif table.kind == "model_summary":
            out.extend(_model_summary(table, model, document))
        elif table.kind == "ks":
            out.extend(_ks(table, document))
        elif table.kind == "descriptives":
            out.extend(_descriptives(table))
        elif table.kind == "correlations":
            out.extend(_correlations(table))
    out.extend(_reliability(document, model))
    out.extend(_text(document))
    return out


def model_facts(document: Document) -> dict[str, Any]:
    """n, k and the residual df the checks used, and where each came from (for the report)."""
    model = _model(document)
    return {"n": model.n, "n_source": model.n_source, "k": model.k, "df_res": model.df_res,
            "df_source": model.df_source}
