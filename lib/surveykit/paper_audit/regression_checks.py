"""The checks of a regression's SPSS tables: Coefficients, ANOVA, Model Summary (with the predictors the
three name), the K-S test of the residuals, and the numbers the text quotes from them.

Each function takes one parsed table (and the model facts, :func:`surveykit.paper_audit.checks.model_of`)
and returns its :class:`~surveykit.paper_audit.checks.Finding` list; what the verdicts mean and where n and
the residual df come from is in :mod:`surveykit.paper_audit.checks`.
"""

from __future__ import annotations

import math
import re

from . import identities as ident
from .checks import Finding, ModelFacts, _compare, _iv, _prose_n, _show, _verdict, _with_cells
from .document import Cell, Document, Table
from .intervals import Interval

__all__ = ["check_coefficients", "check_anova", "check_model_summary", "check_ks", "check_text"]

# -- Coefficients -------------------------------------------------------------------


def check_coefficients(table: Table, model: ModelFacts) -> list[Finding]:
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


# -- ANOVA ------------------------------------------------------------------------


def check_anova(table: Table, model: ModelFacts, document: Document) -> list[Finding]:
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


def check_model_summary(table: Table, model: ModelFacts, document: Document) -> list[Finding]:
    out: list[Finding] = []
    anova = document.of_kind("anova")
    anova = anova[0] if len(anova) == 1 and len(table.rows) == 1 else None
    mine = _predictor_list(table.footnote("Predictors:"))
    theirs = _predictor_list(anova.footnote("Predictors:")) if anova is not None else None
    if mine is not None and theirs is not None and not _lists_match(mine, theirs):
        anova = None  # different models: the "same predictors" check says so; no cross-table arithmetic
        n_model = ModelFacts(n=_prose_n(document)[0])
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


# -- K-S ---------------------------------------------------------------------------------


def check_ks(table: Table, document: Document) -> list[Finding]:
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


# -- text against tables -----------------------------------------------------------------------

_QUOTE_TARGETS = {"r_square": ("model_summary", "R Square"), "adjusted_r_square": ("model_summary", "Adjusted R Square"),
                  "f": ("anova", "F"), "constant": ("coefficients", "B")}


def check_text(document: Document) -> list[Finding]:
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
