"""Same bytes on every machine: last-bit noise never reaches a written file.

Two CPUs (or two BLAS kernels) computing the same statistic can differ in the
last bits (relative 1e-16 to 1e-15).  This test needs no second machine: it
computes the study's tables and figures with the analysis functions the
notebooks call, perturbs every number handed to the writers by a relative
1e-13 (about a hundred times the noise seen between machines; seeded signs),
and requires identical bytes from the table writer (``notebook.save_table``),
the figure writer (``figures.save_figure``, PNG and SVG) and the text the
notebooks display (SPSS-formatted tables, pandas' rendering).
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from surveykit import (
    cleaning,
    collinearity,
    descriptives,
    figures,
    heteroskedasticity,
    normality,
    readers,
    regression,
    reliability,
    scoring,
    stable,
    validity,
)
from surveykit.codebook import load_codebook
from surveykit.notebook import save_table
from surveykit.spss_format import spss_table

ROOT = Path(__file__).resolve().parents[1]
RELATIVE = 1e-13


@pytest.fixture(scope="module")
def study():
    codebook = load_codebook(ROOT / "data" / "codebook.yml")
    raw = readers.read_responses(ROOT / "data" / "raw" / "responses.csv", codebook)
    items = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row).data
    if codebook.respondent_id:
        items = items.set_index(codebook.respondent_id)
    scores = scoring.construct_scores(items, codebook)
    dependent = codebook.dependent.key
    predictors = [c.key for c in codebook.predictors]
    fit = regression.linear_regression(scores, dependent, predictors)
    return codebook, items, scores, dependent, predictors, fit


@pytest.fixture(scope="module")
def tables(study) -> dict[str, pd.DataFrame]:
    """Every kind of table notebooks 02-06 write, computed as they compute it."""
    codebook, items, scores, dependent, predictors, fit = study
    constructs = codebook.construct_items()
    described = descriptives.describe(items.reset_index(drop=True), codebook)
    return {
        "items": described.items, "indicators": described.indicators, "constructs": described.constructs,
        "validity": validity.validity_table(items, constructs),
        "reliability": reliability.reliability_table(items, constructs),
        "item_total": reliability.item_total_statistics_table(items, constructs),
        "ks": normality.ks_spss(fit.residuals).table(),
        "normality": normality.normality_tests(fit),
        "collinearity": collinearity.tolerance_vif(fit),
        "correlations": collinearity.correlation_matrix(scores, predictors).reset_index(),
        "glejser": heteroskedasticity.glejser(fit),
        "bp_white": pd.concat([heteroskedasticity.breusch_pagan(fit), heteroskedasticity.white(fit)],
                              ignore_index=True),
        "model_summary": fit.model_summary, "anova": fit.anova, "coefficients": fit.coefficients,
        "hc3": regression.hc3_coefficients(fit),
        "bootstrap": regression.bootstrap_coefficients(fit, n_resamples=500, seed=1).table,
        "influence": regression.influence_table(fit),
        "betas": regression.beta_intervals(fit),
        "partial": regression.partial_regression_data(fit),
    }


def _perturb_value(value, sign):
    if isinstance(value, (float, np.floating)) and np.isfinite(value):
        return float(value) * (1 + sign * RELATIVE)
    return value


def _perturbed(table: pd.DataFrame, seed: int) -> pd.DataFrame:
    """A copy with every finite float multiplied by 1 +- 1e-13 (seeded signs)."""
    rng = np.random.default_rng(seed)
    out = table.copy()
    for position in range(out.shape[1]):
        column = out.iloc[:, position]
        signs = rng.choice([-1.0, 1.0], size=len(column))
        if pd.api.types.is_float_dtype(column.dtype):
            out.isetitem(position, column * (1 + signs * RELATIVE))
        elif column.dtype == object:
            out.isetitem(position, pd.Series([_perturb_value(v, s) for v, s in zip(column, signs)],
                                             index=out.index, dtype=object))
    return out


def _array(values, seed: int) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    return values * (1 + np.random.default_rng(seed).choice([-1.0, 1.0], size=values.shape) * RELATIVE)


def _count_floats(table: pd.DataFrame) -> int:
    return sum(isinstance(v, float) and np.isfinite(v) for v in table.to_numpy().ravel())


def test_the_perturbation_reaches_the_values(tables):
    # Guard against a test that cannot fail: the perturbed numbers differ from the originals.
    assert sum(_count_floats(t) for t in tables.values()) > 500
    changed = sum(int((_perturbed(t, 1).to_numpy() != t.to_numpy()).sum()) for t in tables.values())
    assert changed > 400


@pytest.mark.parametrize("name", ["items", "indicators", "constructs", "validity", "reliability", "item_total",
                                  "ks", "normality", "collinearity", "correlations", "glejser", "bp_white",
                                  "model_summary", "anova", "coefficients", "hc3", "bootstrap", "influence",
                                  "betas", "partial"])
def test_table_bytes_ignore_last_bit_noise(tables, tmp_path, name):
    table = tables[name]
    original = save_table(table, tmp_path / "original.csv").read_bytes()
    for seed in (1, 2, 3):
        assert save_table(_perturbed(table, seed), tmp_path / "perturbed.csv").read_bytes() == original, \
            f"{name}: a 1e-13 relative change moved the written bytes (seed {seed})"


def test_residual_ks_table_ignores_noise_in_the_residuals(study, tmp_path):
    # The residuals' mean is zero in exact arithmetic: a relative change of each residual moves it
    # by absolute noise (another CPU gives another -8e-16), which significant digits cannot bound.
    fit = study[-1]
    original = normality.ks_spss(fit.residuals).table()
    written = save_table(original, tmp_path / "original.csv").read_bytes()
    means = set()
    for seed in (1, 2, 3):
        noisy = normality.ks_spss(_array(fit.residuals, seed))
        means.add(noisy.mean)
        assert save_table(noisy.table(), tmp_path / "noisy.csv").read_bytes() == written, f"seed {seed}"
    assert len(means) > 1  # the noise reached the mean
    assert original.loc[original["statistic"] == "Normal Parameters Mean", "value"].item() == 0.0


def test_full_repr_would_not_survive_the_noise(tables, tmp_path):
    # Without the bound the same perturbation changes the file: the test above measures something.
    table = tables["coefficients"]
    plain = io.StringIO()
    table.to_csv(plain, index=False)
    noisy = io.StringIO()
    _perturbed(table, 1).to_csv(noisy, index=False)
    assert plain.getvalue() != noisy.getvalue()


@pytest.mark.parametrize("name", ["validity", "reliability", "item_total", "normality", "collinearity",
                                  "glejser", "model_summary", "anova", "coefficients", "hc3", "influence"])
def test_displayed_text_ignores_last_bit_noise(tables, name):
    table = tables[name]
    numeric = {c: 3 for c in table.columns if pd.api.types.is_float_dtype(table[c].dtype) and c != "Sig."}
    for seed in (1, 2):
        noisy = _perturbed(table, seed)
        assert spss_table(noisy, numeric).to_string() == spss_table(table, numeric).to_string()
        assert noisy.to_string() == table.to_string()
        assert noisy.to_html() == table.to_html()


def _figure_bytes(fig, folder: Path) -> tuple[bytes, bytes]:
    png, svg = figures.save_figure(fig, folder / "figure", close=True)
    return png.read_bytes(), svg.read_bytes()


def _figures(study, tables, perturb: bool, seed: int) -> dict:
    codebook, items, scores, dependent, predictors, fit = study

    def arr(values):
        return _array(values, seed) if perturb else np.asarray(values, dtype=float)

    def frame(table):
        return _perturbed(table, seed) if perturb else table

    means = pd.DataFrame([{"construct": c.key, "indicator": i.key, "label": i.key,
                           "mean": float(scoring.indicator_scores(items, codebook)[i.key].mean())}
                          for c in codebook.constructs for i in c.indicators])
    corr = scores[[c.key for c in codebook.constructs]].corr()
    indicator_corr = scoring.indicator_scores(items, codebook).corr()
    groups = {c.key: [i.key for i in c.indicators] for c in codebook.constructs}
    return {
        "histogram": lambda: figures.residual_histogram(arr(fit.zresid)),
        "pp": lambda: figures.normal_pp_plot(arr(fit.zresid)),
        "qq": lambda: figures.normal_qq_plot(arr(fit.zresid)),
        "zpred_sresid": lambda: figures.zpred_sresid_plot(arr(fit.zpred), arr(fit.sresid)),
        "partial": lambda: figures.partial_regression_plots(frame(tables["partial"])),
        "coefficients": lambda: figures.coefficient_plot(frame(tables["betas"])),
        "indicator_means": lambda: figures.indicator_means(frame(means), scale=(1, 5),
                                                           classes=descriptives.interpretation_table(codebook)),
        "heatmap": lambda: figures.correlation_heatmap(frame(corr)),
        "zpred_sresid_bands": lambda: figures.zpred_sresid_plot(
            arr(fit.zpred), arr(fit.sresid), dependent_label=dependent,
            bands=descriptives.residual_bands(scores[dependent], arr(fit.zpred), arr(fit.sresid))),
        "indicator_blocks": lambda: figures.correlation_blocks(
            frame(indicator_corr), groups, summary=reliability.correlation_blocks(frame(indicator_corr), groups)),
    }


# residual_diagnostics is left out: it draws the four residual panels tested one by one here.
@pytest.mark.parametrize("name", ["histogram", "pp", "qq", "zpred_sresid", "partial",
                                  "coefficients", "indicator_means", "heatmap", "zpred_sresid_bands",
                                  "indicator_blocks"])
def test_figure_bytes_ignore_last_bit_noise(study, tables, tmp_path, name):
    figures.use_style()
    original = _figure_bytes(_figures(study, tables, False, 0)[name](), tmp_path)
    perturbed = _figure_bytes(_figures(study, tables, True, 1)[name](), tmp_path)
    assert perturbed[0] == original[0], f"{name}: PNG bytes moved"
    assert perturbed[1] == original[1], f"{name}: SVG bytes moved"


def test_residual_mean_is_shown_as_its_exact_value(study, tmp_path):
    # SPSS would print the mean of the standardized residuals as noise such as -9.79E-16.
    fit = study[-1]
    figures.use_style()
    fig = figures.residual_histogram(fit.zresid)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("Mean = 0.000\n") for t in texts), texts
    assert not any("E-" in t for t in texts)


def test_svg_ids_do_not_depend_on_coordinates():
    svg = (b'<clipPath id="p39d8c721a9"><rect/></clipPath><g clip-path="url(#p39d8c721a9)"/>'
           b'<path id="C0_0_57897cf986"/><use xlink:href="#C0_0_57897cf986"/><path id="DejaVuSans-41"/>')
    other = svg.replace(b"39d8c721a9", b"96393adfe1")
    assert figures._renumber_svg_ids(svg) == figures._renumber_svg_ids(other)
    renumbered = figures._renumber_svg_ids(svg)
    assert b'id="p0001"' in renumbered and b"url(#p0001)" in renumbered
    assert b'id="C0_0_0002"' in renumbered and b'href="#C0_0_0002"' in renumbered
    assert b'id="DejaVuSans-41"' in renumbered


def test_bounded_keeps_nine_significant_digits():
    assert stable.SIGNIFICANT_DIGITS == 9
    assert stable.bounded(0.6457718506945505) == 0.645771851
    assert stable.bounded(3.5800461105949244e-10) == 3.58004611e-10
    assert stable.bounded(-1e-300 * 1e-30) == 0.0 and str(stable.bounded(-0.0)) == "0.0"
    assert stable.bounded(56) == 56 and stable.bounded("x") == "x"
    assert np.isnan(stable.bounded(float("nan")))


@pytest.mark.parametrize("text, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3+cmd|x", "'-2+3+cmd|x"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("-.123", "-.123"), ("+4,10", "+4,10"), ("-1.2E-3", "-1.2E-3"), ("-", "'-"), ("WE", "WE"), ("", ""),
])
def test_formula_cells_are_neutralised(text, expected):
    assert stable.neutralise_formula(text) == expected


def test_save_table_neutralises_headers_cells_and_index(tmp_path):
    table = pd.DataFrame({"=cmd": ["@x", "ok"], "value": [1.0, -0.5]}, index=pd.Index(["+a", "b"], name="-k"))
    written = save_table(table, tmp_path / "t.csv", index=True).read_text(encoding="utf-8")
    assert written.splitlines() == ["'-k,'=cmd,value", "'+a,'@x,1.0", "b,ok,-0.5"]
