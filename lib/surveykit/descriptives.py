"""Descriptive statistics of Likert items, indicators and constructs, with their interpretation.

What SPSS ``DESCRIPTIVES VARIABLES=... /STATISTICS=MEAN STDDEV MIN MAX``
prints (N, Minimum, Maximum, Mean, Std. Deviation with the n - 1
denominator), at three levels:

* **item**: the answers to one question;
* **indicator** and **construct**: the respondent's mean over the level's
  items (SPSS ``COMPUTE x = MEAN(item1, item2, ...)``), so that the level's
  Mean is the mean of all its item responses -- the figure Indonesian theses
  print as "rata-rata" of an indicator or variable -- and Minimum, Maximum
  and Std. Deviation describe respondents on the 1..5 scale.

Each mean is classed with the codebook's interpretation scale (the usual
five-class interval scale, class width (max - min) / 5: "sangat tidak
baik" .. "sangat baik"), Indonesian and English.  Reverse-keyed items are
rescored first (:func:`surveykit.scoring.score_items`), so a high mean is
always favourable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .codebook import Codebook
from .errors import DataError
from .i18n import N_, tr
from .scoring import construct_scores, score_items

__all__ = [
    "Descriptives",
    "describe",
    "item_statistics",
    "level_statistics",
    "construct_score_statistics",
    "extremes",
    "profile_frequencies",
    "interpretation_table",
    "for_reader",
    "coincident_points",
    "residual_bands",
    "BAND_MAX_VALUES",
]

#: A dependent variable with at most this many distinct values draws one band per value in a residual scatterplot.
BAND_MAX_VALUES = 15

_STAT_COLUMNS = ["N", "Minimum", "Maximum", "Mean", "Std. Deviation"]


@dataclass(frozen=True)
class Descriptives:
    """Item, indicator and construct tables of one dataset."""

    items: pd.DataFrame
    indicators: pd.DataFrame
    constructs: pd.DataFrame


def _item_block(data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    missing = [c for c in codebook.items if c not in data.columns]
    if missing:
        raise DataError(f"the data lack item column(s) {missing}.", column=missing[0],
                        fix="pass the cleaned data (notebook 01) for this codebook.")
    block = data[list(codebook.items)]
    for column in block.columns:
        if not pd.api.types.is_numeric_dtype(block[column]) or block[column].isna().any():
            raise DataError("the item column is not complete numeric data.", column=column,
                            fix="describe the cleaned data written by notebook 01.")
    if len(block) < 2:
        raise ValueError(f"need at least 2 respondents for a standard deviation, got {len(block)}")
    return score_items(block, codebook)


def _stats(values: np.ndarray) -> dict[str, Any]:
    """N, min, max, mean and n - 1 standard deviation of each column of a 2-D float array.

    ``values`` is overwritten (by the squared deviations): every caller passes a
    float copy of its own (``copy=True``), and at 10^6 respondents x 40 items a second array of
    deviations would be another 320 MB.
    """
    n = values.shape[0]
    mean = values.mean(axis=0)
    minimum, maximum = values.min(axis=0), values.max(axis=0)
    # Two-pass (centred) sum of squares, as SPSS computes it: no cancellation for Likert data.
    deviations = np.subtract(values, mean, out=values)
    sd = np.sqrt(np.square(deviations, out=deviations).sum(axis=0) / (n - 1))
    return {"N": np.full(values.shape[1], n, dtype=np.int64), "Minimum": minimum,
            "Maximum": maximum, "Mean": mean, "Std. Deviation": sd}


def _categorise(table: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    table["category"] = [codebook.interpret(m, "id") for m in table["Mean"]]
    table["category_en"] = [codebook.interpret(m, "en") for m in table["Mean"]]
    return table


def item_statistics(data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Per item: construct, indicator, N, Minimum, Maximum, Mean, Std. Deviation, category.

    Parameters
    ----------
    data : DataFrame
        Cleaned responses (one row per respondent, integer item columns).
    codebook : Codebook

    Returns
    -------
    DataFrame
        One row per item in codebook order; SPSS DESCRIPTIVES columns plus
        ``category`` (Indonesian) and ``category_en``.
    """
    block = _item_block(data, codebook)
    values = block.to_numpy(dtype=float, copy=True)
    where = [(c.key, i.key, item) for c in codebook.constructs for i in c.indicators for item in i.items]
    table = pd.DataFrame(where, columns=["construct", "indicator", "item"])
    for key, column in _stats(values).items():
        table[key] = column
    return _categorise(table, codebook)


def level_statistics(data: pd.DataFrame, codebook: Codebook, *, level: str) -> pd.DataFrame:
    """Per indicator (``level="indicator"``) or construct (``level="construct"``).

    The respondent's score at the level is the mean of the level's items;
    ``Mean`` is the mean of those scores, i.e. the mean of all item
    responses of the level.  ``n_items`` gives the number of items.

    Returns
    -------
    DataFrame
        ``construct, [indicator,] label, label_id, n_items, N, Minimum,
        Maximum, Mean, Std. Deviation, category, category_en``.
    """
    if level not in ("indicator", "construct"):
        raise ValueError(f"level must be 'indicator' or 'construct', not {level!r}")
    block = _item_block(data, codebook)
    rows, scores = [], []
    for construct in codebook.constructs:
        groups = construct.indicators if level == "indicator" else (construct,)
        for group in groups:
            items = list(group.items)
            row = {"construct": construct.key}
            if level == "indicator":
                row["indicator"] = group.key
            row.update({"label": group.en, "label_id": group.id, "n_items": len(items)})
            rows.append(row)
            scores.append(block[items].to_numpy(dtype=float).mean(axis=1))
    table = pd.DataFrame(rows)
    for key, column in _stats(np.column_stack(scores)).items():
        table[key] = column
    return _categorise(table, codebook)


def construct_score_statistics(data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Descriptive statistics of the construct scores the regression uses (SPSS DESCRIPTIVES).

    The score is the codebook's ``composite`` of the construct's items (sum
    or mean, reverse-keyed items rescored first), exactly the variable
    :func:`surveykit.regression.linear_regression` is given, so its Mean and
    Std. Deviation are in the units in which B is read.  ``Possible
    Minimum``/``Possible Maximum`` are the score's bounds (items x scale
    minimum/maximum for a sum).

    Returns
    -------
    DataFrame
        ``construct, label, label_id, role, n_items, composite, Possible
        Minimum, Possible Maximum, N, Minimum, Maximum, Mean, Std.
        Deviation``, one row per construct in codebook order.
    """
    _item_block(data, codebook)  # the checks; construct_scores rescores the raw answers itself
    scores = construct_scores(data[list(codebook.items)], codebook)
    low, high = codebook.scale.min, codebook.scale.max
    rows = []
    for construct in codebook.constructs:
        k = len(construct.items)
        per_item = k if codebook.composite == "sum" else 1
        rows.append({"construct": construct.key, "label": construct.en, "label_id": construct.id,
                     "role": construct.role, "n_items": k, "composite": codebook.composite,
                     "Possible Minimum": low * per_item, "Possible Maximum": high * per_item})
    table = pd.DataFrame(rows)
    stats = _stats(scores[[c.key for c in codebook.constructs]].to_numpy(dtype=float, copy=True))
    for key, column in stats.items():
        table[key] = column
    return table


def describe(data: pd.DataFrame, codebook: Codebook) -> Descriptives:
    """Item, indicator and construct tables in one call."""
    return Descriptives(
        items=item_statistics(data, codebook),
        indicators=level_statistics(data, codebook, level="indicator"),
        constructs=level_statistics(data, codebook, level="construct"),
    )


#: Relative difference below which two means are the same mean computed with different rounding.
#: Means of integer answers that really differ do so by at least 1 / (respondents x items),
#: far above this for any survey; last-bit noise (about 1e-16) is far below it.
TIE_TOLERANCE = 1e-10


def ties(means) -> tuple[np.ndarray, np.ndarray, bool]:
    """Which means are the lowest and which the highest, ties included: the compendium's one tie rule.

    Returns
    -------
    (lowest, highest, all_equal)
        Boolean masks over ``means`` (every mean within :data:`TIE_TOLERANCE`,
        relative, of the minimum / maximum), and whether all means are equal.
    """
    means = np.asarray(means, dtype=float)
    low, high = means.min(), means.max()
    scale = TIE_TOLERANCE * max(1.0, float(np.abs(means).max()))
    return np.abs(means - low) <= scale, np.abs(means - high) <= scale, bool(high - low <= scale)


def extremes(indicators: pd.DataFrame) -> pd.DataFrame:
    """Lowest and highest indicator of each construct (by unrounded mean), ties named.

    Two indicators tie when their unrounded means are equal up to
    floating-point noise (:func:`ties`); indicators that only print the same
    (e.g. 3.786 and 3.789 both as 3.79) are not a tie.

    Returns
    -------
    DataFrame
        ``construct, n_indicators, lowest, lowest_mean, lowest_tied,
        highest, highest_mean, highest_tied, all_equal``; constructs with a
        single indicator are left out.  ``lowest``/``highest`` is the first
        such indicator in codebook order; ``lowest_tied``/``highest_tied``
        lists every indicator with that mean, in codebook order, joined by
        "; " (one name when there is no tie).  ``all_equal`` is True when
        every indicator has the same mean (then no indicator is lowest or
        highest).
    """
    rows = []
    for construct, group in indicators.groupby("construct", sort=False):
        if len(group) < 2:
            continue
        means = group["Mean"].to_numpy(float)
        lowest, highest, all_equal = ties(means)
        lowest_tied = group.loc[lowest, "indicator"].tolist()
        highest_tied = group.loc[highest, "indicator"].tolist()
        rows.append({"construct": construct, "n_indicators": len(group),
                     "lowest": lowest_tied[0], "lowest_mean": float(means.min()),
                     "lowest_tied": "; ".join(lowest_tied),
                     "highest": highest_tied[0], "highest_mean": float(means.max()),
                     "highest_tied": "; ".join(highest_tied), "all_equal": all_equal})
    return pd.DataFrame(rows, columns=["construct", "n_indicators", "lowest", "lowest_mean", "lowest_tied",
                                       "highest", "highest_mean", "highest_tied", "all_equal"])


#: The value label of empty answers in a frequency table, as SPSS prints it.
MISSING = N_("Missing")


def profile_frequencies(data: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Frequencies of the codebook's ``profile`` columns (SPSS FREQUENCIES layout).

    Returns
    -------
    DataFrame
        ``variable, value, Frequency, Percent, Valid Percent, Cumulative
        Percent``; empty answers are a row ``value = "Missing"`` counted in
        Percent but not in Valid Percent, as SPSS does.  Values are sorted
        as SPSS sorts them (ascending).  Empty when the codebook has no profile.
    """
    columns = ["variable", "value", "Frequency", "Percent", "Valid Percent", "Cumulative Percent"]
    rows = []
    for variable in codebook.profile:
        if variable not in data.columns:
            raise DataError("the profile column is not in the data.", column=variable,
                            fix="pass the cleaned data of notebook 01, which keeps profile columns.")
        values = data[variable]
        n = len(values)
        valid = values.dropna()
        counts = valid.value_counts(sort=False).sort_index()
        cumulative = 0.0
        for value, count in counts.items():
            valid_percent = 100.0 * count / len(valid)
            cumulative += valid_percent
            rows.append({"variable": variable, "value": str(value), "Frequency": int(count),
                         "Percent": 100.0 * count / n, "Valid Percent": valid_percent,
                         "Cumulative Percent": cumulative})
        if len(valid) < n:
            rows.append({"variable": variable, "value": MISSING, "Frequency": n - len(valid),
                         "Percent": 100.0 * (n - len(valid)) / n, "Valid Percent": np.nan,
                         "Cumulative Percent": np.nan})
    return pd.DataFrame(rows, columns=columns)


def interpretation_table(codebook: Codebook) -> pd.DataFrame:
    """The codebook's interpretation classes (the decision rule), for display before any verdict."""
    return pd.DataFrame(
        [{"from": c.min, "to": c.max, "category": c.id, "category_en": c.en} for c in codebook.interpretation],
        columns=["from", "to", "category", "category_en"],
    )


def for_reader(table: pd.DataFrame, *, language: str) -> pd.DataFrame:
    """A descriptives table (items, indicators, constructs, classes, profile) as a reader of ``language`` sees it.

    The English edition shows the codebook's Indonesian label and category
    beside the English ones; the Indonesian edition shows its own words only,
    under the headers ``label`` and ``category``, and the profile's "Missing"
    in its words.  For display: the tables saved as CSV keep every column.
    """
    if language != "id":
        return table
    shown = table.drop(columns=[c for c in ("label", "category_en") if c in table.columns])
    if "value" in shown.columns:
        shown["value"] = [tr(v) if v == MISSING else v for v in shown["value"]]
    return shown.rename(columns={"label_id": "label"})


def coincident_points(x, y, *, decimals: int = 9) -> pd.DataFrame:
    """Distinct (x, y) points and how many cases sit on each (for a scatterplot of few-valued scores).

    Scores that are sums of a few Likert items take few values, so many
    respondents share one point of a residual scatterplot and a plain scatter
    hides them.  Coordinates are compared after rounding to ``decimals`` (so
    values equal up to floating-point noise count as one point).

    Parameters
    ----------
    x, y : array-like
        Same length, finite.
    decimals : int, default 9

    Returns
    -------
    DataFrame
        Columns ``x``, ``y`` (the first case's unrounded values) and ``count``,
        one row per distinct point, in order of first appearance.
    """
    x = np.asarray(x, dtype=float).ravel()
    y = np.asarray(y, dtype=float).ravel()
    if len(x) != len(y):
        raise ValueError(f"coincident_points: {len(x)} x values but {len(y)} y values")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("coincident_points: missing or infinite coordinates; leave such cases out first")
    keys = pd.DataFrame({"kx": np.round(x, decimals) + 0.0, "ky": np.round(y, decimals) + 0.0, "x": x, "y": y})
    grouped = keys.groupby(["kx", "ky"], sort=False)
    return pd.DataFrame({"x": grouped["x"].first().to_numpy(), "y": grouped["y"].first().to_numpy(),
                         "count": grouped.size().to_numpy()})


def residual_bands(observed, zpred, sresid, *, max_values: int = BAND_MAX_VALUES) -> pd.DataFrame:
    """The bands of a residual scatterplot of a few-valued dependent variable, and how many respondents each holds.

    For a fixed observed value y, the residual is y minus the prediction, so
    the points of all respondents with that value fall on one straight band of
    negative slope in the ZPRED-SRESID plot.  With a sum of a few Likert items
    the plot is a handful of such bands, and the eye cannot count the
    respondents on a crowded one.

    Parameters
    ----------
    observed, zpred, sresid : array-like
        The dependent variable's values, the standardized predicted values
        and the studentized residuals, case by case.  Cases without a defined
        SRESID are left out, as the plot leaves them out.
    max_values : int, default :data:`BAND_MAX_VALUES`
        Above this many distinct values there are no visible bands: an empty
        frame is returned.

    Returns
    -------
    DataFrame
        One row per distinct observed value, ascending: ``value``, ``count``
        (respondents in the plot with that value) and ``x``, ``y`` (the
        band's point with the smallest predicted value, where a label can go).
    """
    frame = pd.DataFrame({"value": np.asarray(observed, dtype=float).ravel(),
                          "x": np.asarray(zpred, dtype=float).ravel(), "y": np.asarray(sresid, dtype=float).ravel()})
    frame = frame[np.isfinite(frame["y"]) & np.isfinite(frame["x"])]
    columns = ["value", "count", "x", "y"]
    if frame.empty or frame["value"].nunique() > max_values:
        return pd.DataFrame(columns=columns)
    rows = []
    for value, band in frame.groupby("value", sort=True):
        first = band.sort_values("x", kind="stable").iloc[0]
        rows.append({"value": float(value), "count": len(band), "x": float(first["x"]), "y": float(first["y"])})
    return pd.DataFrame(rows, columns=columns)
