"""The checks of an instrument's SPSS tables: Reliability Statistics with Item-Total, Item and Scale
Statistics (and GRIM on their means), Descriptive Statistics, and Correlations.

Each function takes parsed tables and returns their :class:`~surveykit.paper_audit.checks.Finding` list;
what the verdicts mean and where n comes from is in :mod:`surveykit.paper_audit.checks`.
"""

from __future__ import annotations

from . import identities as ident
from .checks import CONSISTENT, INCONSISTENT, NOT_CHECKABLE, Finding, ModelFacts, _compare, _iv, _show, _verdict
from .document import Cell, Document, Table
from .intervals import Interval

__all__ = ["check_reliability", "check_descriptives", "check_correlations"]

# -- reliability -------------------------------------------------------------------


def check_reliability(document: Document, model: ModelFacts) -> list[Finding]:
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


def _reliability_n(document: Document, total: Table, model: ModelFacts) -> tuple[int, tuple[str, ...]] | None:
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


# -- Descriptive Statistics -------------------------------------------------------------------


def check_descriptives(table: Table) -> list[Finding]:
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


def check_correlations(table: Table) -> list[Finding]:
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
