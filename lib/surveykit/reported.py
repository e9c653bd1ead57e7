"""The numbers a paper prints, recomputed from data, and how the two compare.

``data/paper/reported.yml`` lists every number of the paper's Results
section with its decimals, the relation it states ("=", "<", ">"), what
statistic it is (``kind``), what it is about (``target``: a construct,
indicator or predictor) and the sentence it comes from.
:func:`load_reported` reads it into a tidy DataFrame.

:func:`recompute` is the one place that computes every kind of printed
number from item data and the codebook; the notebooks (through
:func:`compare_with_data` and the named :data:`GROUPS`, e.g. "the validity
numbers"), the replication audit and the reconstruction's target check all
call it.  :func:`compare` puts recomputed values beside the printed ones
and decides, with SPSS's rounding (half away from zero), whether each
matches.  A notebook never names an entry's id: it asks for a group, or for
a printed value by kind and target (:func:`printed_value`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import DataError
from .i18n import N_
from .spss_format import round_half_away

__all__ = ["load_reported", "compare", "reported_value", "printed_value", "entry", "Group", "GROUPS",
           "KINDS", "select", "recompute", "compare_with_data", "statistics_from_data"]

# The verdicts of :func:`compare`: kept in English in its table, shown translated.
MATCH, MISMATCH, NOT_COMPUTABLE = N_("match"), N_("mismatch"), N_("not computable")
#: Verbal values a ``reported.yml`` states in English for a claim no number decides (the paper's own words are
#: in its ``quote``); shown in the reader's language.  Other text values (a class word such as "baik", a
#: construct key) are shown as they are.
VERBAL_VALUES = (N_("no pattern"),)

# alpha_level: the significance level of an r_table entry (the r table's column); .05 when not given.
_COLUMNS = ["id", "kind", "target", "value", "decimals", "relation", "alpha_level", "where", "quote"]


def load_reported(path: str | Path | None) -> pd.DataFrame:
    """Read a ``reported.yml`` file into a DataFrame (one row per printed number).

    An empty or missing ``path`` (own data, no paper to compare with) gives an
    empty frame with the same columns.
    """
    from . import yaml_text

    if not path:
        return pd.DataFrame(columns=_COLUMNS)
    path = Path(path)
    if not path.exists():
        raise DataError("the file of reported numbers does not exist.", file=str(path),
                        fix="give the path of a reported.yml, or an empty reported_path for own data.")
    raw = yaml_text.safe_load(path.read_text(encoding="utf-8"))
    values = raw.get("values") if isinstance(raw, dict) else None
    if not isinstance(values, list):
        raise DataError("expected a mapping with a `values` list.", file=str(path),
                        fix="follow the layout of data/paper/reported.yml.")
    rows = []
    ids: set[str] = set()
    for entry in values:
        if "id" not in entry or "value" not in entry:
            raise DataError("every entry needs `id` and `value`.", file=str(path), column=str(entry.get("id")))
        if entry["id"] in ids:
            raise DataError(f"the id {entry['id']!r} is used twice.", file=str(path), column=entry["id"])
        ids.add(entry["id"])
        rows.append({key: entry.get(key) for key in _COLUMNS} | {"relation": entry.get("relation", "=")})
    return pd.DataFrame(rows, columns=_COLUMNS).set_index("id", drop=False)


def alpha_level(entry: pd.Series) -> float:
    """The significance level of a printed r-table value: the entry's ``alpha_level``, else .05."""
    level = entry.get("alpha_level")
    return 0.05 if level is None or pd.isna(level) else float(level)


def reported_value(reported: pd.DataFrame, key: str) -> Any:
    """The printed value of one entry (``None`` when the paper has no such number)."""
    if key not in reported.index:
        return None
    return reported.loc[key, "value"]


def _verdict(printed: Any, relation: str, decimals: Any, computed: Any) -> tuple[Any, str]:
    if computed is None or (isinstance(computed, float) and pd.isna(computed)):
        return None, NOT_COMPUTABLE
    if isinstance(printed, str) or isinstance(computed, str):
        return computed, MATCH if str(printed) == str(computed) else MISMATCH
    if relation == "<":
        return computed, MATCH if computed < printed else MISMATCH
    if relation == ">":
        return computed, MATCH if computed > printed else MISMATCH
    decimals = _decimals(decimals)
    rounded = round_half_away(float(computed), decimals)
    return rounded, MATCH if rounded == round_half_away(float(printed), decimals) else MISMATCH


def _decimals(decimals: Any) -> int:
    return int(decimals) if decimals is not None and not pd.isna(decimals) else 0


def compare(reported: pd.DataFrame, computed: Mapping[str, Any]) -> pd.DataFrame:
    """Printed versus recomputed values.

    Parameters
    ----------
    reported : DataFrame
        From :func:`load_reported`.
    computed : mapping
        Entry id -> recomputed (unrounded) value.  Ids not in ``reported``
        raise ``KeyError``; reported ids not in ``computed`` are left out.

    Returns
    -------
    DataFrame
        Columns ``id, kind, target, printed, relation, computed,
        computed_rounded, verdict, where``.  For "=" entries the verdict is
        "match" when the recomputed value, rounded half away from zero to the
        printed decimals, equals the printed value; for "<" / ">" entries when
        the recomputed value satisfies the bound.
    """
    unknown = sorted(set(computed) - set(reported.index))
    if unknown:
        raise KeyError(f"no reported number with id(s) {unknown}")
    rows = []
    for key, value in computed.items():
        entry = reported.loc[key]
        rounded, verdict = _verdict(entry["value"], entry["relation"], entry["decimals"], value)
        rows.append({
            "id": key, "kind": entry["kind"], "target": entry["target"],
            "printed": entry["value"], "relation": entry["relation"],
            "computed": value, "computed_rounded": rounded, "verdict": verdict,
            "where": entry["where"],
        })
    return pd.DataFrame(rows, columns=["id", "kind", "target", "printed", "relation", "computed", "computed_rounded",
                                       "verdict", "where"])


# -- looking a printed number up by what it is -------------------------------------------------------------------

def entry(reported: pd.DataFrame, kind: str, target: str | None = None) -> pd.Series | None:
    """The first printed entry of ``kind`` (about ``target``, when given), or None when the paper prints none."""
    chosen = reported[reported["kind"] == kind]
    if target is not None:
        chosen = chosen[chosen["target"] == target]
    return chosen.iloc[0] if len(chosen) else None


def printed_value(reported: pd.DataFrame, kind: str, target: str | None = None) -> Any:
    """The printed value of the first entry of ``kind`` (about ``target``), or None when the paper prints none.

    E.g. ``printed_value(reported, "cronbach_alpha", "WE")`` or ``printed_value(reported, "r_table")``.
    """
    found = entry(reported, kind, target)
    return None if found is None else found["value"]


# -- which printed numbers, in which order -----------------------------------------------------------------------

#: Every kind of printed number :func:`recompute` knows, and what it is.
KINDS = {
    "n": "respondents",
    "construct_mean": "mean of a construct's items (answer scale)",
    "construct_category": "interpretation class of a construct's mean (codebook)",
    "indicator_mean": "mean of an indicator's items (answer scale)",
    "r_table": "critical r of the item validity test",
    "item_total_r_min": "smallest item-total r",
    "item_total_r_max": "largest item-total r",
    "cronbach_alpha": "Cronbach's alpha of a construct",
    "decision_rule": "a threshold the paper applies (alpha, K-S Sig.)",
    "ks_asymp_sig": "K-S Asymp. Sig. of the regression residuals (SPSS NPAR TESTS)",
    "vif_bound": "the paper's bound on every VIF",
    "tolerance_bound": "the paper's bound on every tolerance",
    "f_statistic": "ANOVA F of the regression",
    "f_sig": "ANOVA Sig.",
    "r_squared": "R Square",
    "r_squared_percent": "R Square as a percentage",
    "coefficient_b": "B of a predictor",
    "coefficient_sig": "Sig. of a predictor's t",
    "claim_largest_beta": "the predictor with the largest |Beta|",
    "claim": "a visual or verbal claim no number decides (shown with the notebook that speaks to it)",
}

#: What a decision rule of ``reported.yml`` bounds (the rule holds when the recomputed statistic passes it).
_RULE_STATISTIC = {"alpha.threshold": "cronbach_alpha", "normality.threshold": "ks_asymp_sig"}

_ORDERS = ("reported", "kind", "target", "construct")


@dataclass(frozen=True)
class Group:
    """Printed numbers of some kinds, and the order their rows take in a comparison.

    ``order``: "reported" (as ``reported.yml`` lists them), "kind" (kind by
    kind in the order of ``kinds``, targets in codebook order within a kind),
    "target" (target by target: constructs, then indicators, in codebook
    order; kinds in the order of ``kinds`` within a target) or "construct"
    (construct by construct, an indicator's numbers after its construct's).
    """

    kinds: tuple[str, ...]
    order: str = "kind"

    def __post_init__(self):
        if self.order not in _ORDERS:
            raise ValueError(f"order must be one of {_ORDERS}, not {self.order!r}")
        unknown = sorted(set(self.kinds) - set(KINDS))
        if unknown:
            raise ValueError(f"unknown kind(s) {unknown}; the kinds are {sorted(KINDS)}")


#: The groups of printed numbers the notebooks compare with their own results, by name.
GROUPS = {
    "descriptives": Group(("construct_mean", "construct_category", "indicator_mean"), order="target"),
    "validity": Group(("r_table", "item_total_r_min", "item_total_r_max")),
    "item-total r": Group(("item_total_r_min", "item_total_r_max")),
    "reliability": Group(("cronbach_alpha",)),
    "normality": Group(("ks_asymp_sig",)),
    "collinearity": Group(("vif_bound", "tolerance_bound")),
    "regression": Group(("f_statistic", "f_sig", "r_squared", "r_squared_percent", "claim_largest_beta",
                         "coefficient_b", "coefficient_sig")),
}


def _groups(group: str | Group | Sequence[Group] | None) -> tuple[Group, ...] | None:
    if group is None:
        return None
    if isinstance(group, str):
        if group not in GROUPS:
            raise KeyError(f"no group of printed numbers named {group!r}; the groups are {sorted(GROUPS)}")
        return (GROUPS[group],)
    return (group,) if isinstance(group, Group) else tuple(group)


def select(reported: pd.DataFrame, codebook, group: str | Group | Sequence[Group] | None = None) -> list[str]:
    """The ids of the printed entries of a group (a name of :data:`GROUPS`, a :class:`Group` or several, one
    after the other), in the group's order; every entry, as listed, when ``group`` is None."""
    groups = _groups(group)
    if groups is None:
        return [str(key) for key in reported.index]
    constructs = [c.key for c in codebook.constructs]
    indicators = [i.key for c in codebook.constructs for i in c.indicators]
    construct_of = {i.key: c.key for c in codebook.constructs for i in c.indicators}
    position = {key: p for p, key in enumerate(constructs + indicators)}
    listed = {key: p for p, key in enumerate(reported.index)}
    ids: list[str] = []
    for chosen in groups:
        rows = reported[reported["kind"].isin(chosen.kinds)]
        ids += sorted((str(key) for key in rows.index),
                      key=lambda key, chosen=chosen: _place(chosen, key, reported.loc[key, "kind"],
                                                            reported.loc[key, "target"], position, construct_of,
                                                            listed))
    return ids


def _place(chosen: Group, key: str, kind: str, target: Any, position: Mapping[str, int],
           construct_of: Mapping[str, str], listed: Mapping[str, int]) -> tuple:
    """An entry's sort key in its group's order (an entry without a target comes first)."""
    target = target if isinstance(target, str) else None
    spot = position.get(target, -1) if target is not None else -1
    rank = chosen.kinds.index(kind)
    if chosen.order == "kind":
        return rank, spot, listed[key]
    if chosen.order == "target":
        return spot, rank, listed[key]
    if chosen.order == "construct":
        home = construct_of.get(target, target)
        return position.get(home, -1) if home is not None else -1, rank, spot, listed[key]
    return (listed[key],)


# -- the one recompute ---------------------------------------------------------------------------------------------

class _FromData:
    """The statistics behind the printed numbers, each computed once and only when asked for."""

    def __init__(self, data: pd.DataFrame, codebook, *, item_total: str):
        self.data, self.codebook, self.item_total = data, codebook, item_total
        self._alphas: dict = {}

    @cached_property
    def items(self) -> pd.DataFrame:
        from .scoring import score_items

        return score_items(self.data[list(self.codebook.items)], self.codebook)

    @cached_property
    def levels(self) -> pd.DataFrame:
        """Construct and indicator means and classes (:func:`surveykit.descriptives.level_statistics`), by key."""
        from .descriptives import level_statistics

        constructs = level_statistics(self.data, self.codebook, level="construct").set_index("construct")
        indicators = level_statistics(self.data, self.codebook, level="indicator").set_index("indicator")
        return pd.concat([constructs[["Mean", "category", "n_items"]], indicators[["Mean", "category", "n_items"]]])

    @cached_property
    def item_total_r(self) -> pd.Series:
        from .validity import item_total_correlations

        column = "r_item_total" if self.item_total == "plain" else "r_corrected"
        return pd.concat([item_total_correlations(self.items, list(c.items))
                          for c in self.codebook.constructs])[column]

    def alpha(self, target: str):
        """Cronbach's alpha of construct ``target`` (computed once: every printed alpha and the threshold rule ask)."""
        from .reliability import cronbach_alpha

        if target not in self._alphas:
            self._alphas[target] = cronbach_alpha(self.items, self.codebook.construct_items()[target])
        return self._alphas[target]

    @cached_property
    def fit(self):
        from .regression import linear_regression

        scores = self.scores
        return linear_regression(scores, self.codebook.dependent.key, [c.key for c in self.codebook.predictors])

    @cached_property
    def scores(self) -> pd.DataFrame:
        from .scoring import construct_scores

        return construct_scores(self.data[list(self.codebook.items)], self.codebook)

    @cached_property
    def coefficients(self) -> pd.DataFrame:
        return self.fit.coefficients.set_index("Model")

    @cached_property
    def ks_sig(self) -> float:
        from .normality import ks_spss

        return ks_spss(self.fit.residuals.to_numpy(dtype=float)).asymp_sig

    @cached_property
    def collinearity(self) -> tuple[pd.DataFrame | None, str]:
        from .collinearity import tolerance_vif

        try:
            return tolerance_vif(self.fit).set_index("predictor"), ""
        except ValueError as exc:  # perfectly collinear or constant predictors: said per entry
            return None, str(exc)

    def value(self, key: str, kind: str, target: Any, alpha_level: float) -> tuple[Any, str]:
        """One printed number's recomputed (unrounded) value and how it was computed, or None and why not."""
        if kind == "n":
            return len(self.data), "respondents in the cleaned data"
        if kind in ("construct_mean", "indicator_mean"):
            level = self.levels.loc[target]
            return float(level["Mean"]), f"mean of the {int(level['n_items'])} item(s) over all respondents"
        if kind == "construct_category":
            return str(self.levels.loc[target, "category"]), "interpretation class of the mean (codebook)"
        if kind == "r_table":
            from .validity import r_table

            return r_table(len(self.data), alpha=alpha_level), "t/sqrt(df + t^2), df = n - 2"
        if kind in ("item_total_r_min", "item_total_r_max"):
            extreme = "smallest" if kind.endswith("min") else "largest"
            value = self.item_total_r.min() if kind.endswith("min") else self.item_total_r.max()
            what = "total includes the item" if self.item_total == "plain" else "total without the item"
            return float(value), f"{extreme} item-total r ({what})"
        if kind == "cronbach_alpha":
            result = self.alpha(target)
            return result.alpha, "Cronbach's alpha" + (f" ({result.status})" if result.status != "ok" else "")
        if kind == "decision_rule" and _RULE_STATISTIC.get(key) == "cronbach_alpha":
            alphas = [self.alpha(c.key).alpha for c in self.codebook.constructs]
            defined = [a for a in alphas if a is not None]
            return (min(defined) if defined else None,
                    "smallest alpha (the rule holds when it exceeds the threshold)")
        if kind == "ks_asymp_sig":
            return self.ks_sig, "SPSS NPAR TESTS K-S of the unstandardized residuals"
        if kind == "decision_rule" and _RULE_STATISTIC.get(key) == "ks_asymp_sig":
            return self.ks_sig, "K-S Asymp. Sig. (the rule holds when it exceeds the threshold)"
        if kind in ("vif_bound", "tolerance_bound"):
            table, problem = self.collinearity
            if table is None:
                return None, f"not defined: {problem}"
            if kind == "vif_bound":
                return float(table["VIF"].max()), "largest VIF"
            return float(table["Tolerance"].min()), "smallest tolerance"
        fit = self.fit
        if kind == "f_statistic":
            return float(fit.anova["F"].iloc[0]), "ANOVA F of the regression"
        if kind == "f_sig":
            return float(fit.anova["Sig."].iloc[0]), "ANOVA Sig."
        if kind == "r_squared":
            return float(fit.model_summary["R Square"].iloc[0]), "Model Summary R Square"
        if kind == "r_squared_percent":
            return 100 * float(fit.model_summary["R Square"].iloc[0]), "R Square as a percentage"
        if kind == "coefficient_b":
            return float(self.coefficients.loc[target, "B"]), "Coefficients B"
        if kind == "coefficient_sig":
            return float(self.coefficients.loc[target, "Sig."]), "Coefficients Sig."
        if kind == "claim_largest_beta":
            betas = {c.key: float(self.coefficients.loc[c.key, "Beta"]) for c in self.codebook.predictors}
            return max(betas, key=lambda p: abs(betas[p])), "predictor with the largest |Beta|"
        return None, "a visual or verbal claim: not a number the data determine (see the notebooks)"


def recompute(data: pd.DataFrame, codebook, reported: pd.DataFrame, *,
              group: str | Group | Sequence[Group] | None = None, item_total: str = "plain") -> pd.DataFrame:
    """Every printed number of ``reported`` (or of a ``group``), recomputed from item data and the codebook.

    The one home of these computations: the notebooks' comparisons, the
    replication audit and the reconstruction's target check all call it.

    Parameters
    ----------
    data : DataFrame
        Cleaned item responses (one row per respondent, the codebook's item
        columns; reverse-keyed items as answered: they are rescored here).
    codebook : Codebook
    reported : DataFrame
        From :func:`load_reported`.
    group : str, Group or sequence of Group, optional
        Which printed numbers, in which order (:func:`select`); all, as listed, by default.
    item_total : {"plain", "corrected"}, default "plain"
        The item-total r behind ``item_total_r_min``/``max``: with the item in
        the total (what SPSS's CORRELATIONS gives), or without it (SPSS
        RELIABILITY's Corrected Item-Total Correlation).

    Returns
    -------
    DataFrame
        ``id, kind, target, computed, how``, indexed by id: the unrounded value
        (a float; a whole number for ``n``; a text for a class or a
        predictor's key; None where the data do not determine the number) and
        how it was computed, or why not.

    Notes
    -----
    Means and classes are :func:`surveykit.descriptives.level_statistics`'
    (the mean of all the level's item answers); alpha is
    :func:`surveykit.reliability.cronbach_alpha`; item-total r
    :func:`surveykit.validity.item_total_correlations`; r-table
    :func:`surveykit.validity.r_table` at the entry's ``alpha_level`` (.05 if
    none); the regression is of the dependent construct's composite on the
    predictors' composites (:func:`surveykit.scoring.construct_scores`,
    :func:`surveykit.regression.linear_regression`); the K-S test is SPSS NPAR
    TESTS' on the unstandardized residuals (:func:`surveykit.normality.ks_spss`);
    VIF and tolerance :func:`surveykit.collinearity.tolerance_vif`.
    """
    source = statistics_from_data(data, codebook, item_total=item_total)
    rows = []
    for key in select(reported, codebook, group):
        found = reported.loc[key]
        value, how = source.value(key, found["kind"], found["target"], alpha_level(found))
        rows.append({"id": key, "kind": found["kind"], "target": found["target"], "computed": value, "how": how})
    return pd.DataFrame(rows, columns=["id", "kind", "target", "computed", "how"]).set_index("id", drop=False)


def statistics_from_data(data: pd.DataFrame, codebook, *, item_total: str = "plain") -> _FromData:
    """The statistics :func:`recompute` reads printed numbers against, each computed once, on first use.

    ``items`` (scored answers), ``scores`` (composites), ``fit`` (the codebook's regression),
    ``coefficients``, ``alpha(construct)``, ...: for a caller that checks claims against the
    same data (:func:`surveykit.audit.claim_checks`), so that nothing is computed twice.
    """
    if item_total not in ("plain", "corrected"):
        raise ValueError(f"item_total must be 'plain' or 'corrected', not {item_total!r}")
    return _FromData(data, codebook, item_total=item_total)


def compare_with_data(data: pd.DataFrame, codebook, reported: pd.DataFrame, *,
                      group: str | Group | Sequence[Group] | None = None, item_total: str = "plain",
                      how: bool = False) -> pd.DataFrame:
    """The printed numbers of a group beside their values recomputed from ``data`` (:func:`recompute`, :func:`compare`).

    E.g. ``compare_with_data(items, codebook, reported, group="validity")``
    for the r-table and the smallest and largest item-total r.  ``how``
    adds a column saying how each value was computed.
    """
    recomputed = recompute(data, codebook, reported, group=group, item_total=item_total)
    table = compare(reported, dict(zip(recomputed["id"], recomputed["computed"])))
    if how:
        table["how"] = list(recomputed["how"])
    return table
