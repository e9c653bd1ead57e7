"""Figures: byte-identical files, no volatile metadata, what the plots draw.

The numbers behind the coefficient and partial regression plots are computed in
:mod:`surveykit.regression` and tested in tests/test_regression.py.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest

from surveykit import figures, regression
from surveykit.codebook import load_codebook

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _style():
    import matplotlib.pyplot as plt

    figures.use_style()
    yield
    plt.close("all")


def _data(n: int = 56, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    data = pd.DataFrame(rng.normal(size=(n, 3)) * [2.0, 5.0, 1.0] + [40, 30, 70], columns=["WE", "PL", "QWL"])
    data["KIN"] = 0.2 * data["WE"] + 0.1 * data["PL"] + 0.5 * data["QWL"] + rng.normal(size=n)
    return data


def _png_text_keys(path: Path) -> list[str]:
    """Keywords of the tEXt/iTXt/zTXt chunks of a PNG file."""
    blob = path.read_bytes()
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    keys, pos = [], 8
    while pos < len(blob):
        (length,) = struct.unpack(">I", blob[pos:pos + 4])
        kind = blob[pos + 4:pos + 8]
        if kind in (b"tEXt", b"iTXt", b"zTXt"):
            keys.append(blob[pos + 8:pos + 8 + length].split(b"\0", 1)[0].decode("latin-1"))
        pos += 12 + length
    return keys


def test_saving_the_same_figure_twice_gives_identical_bytes(tmp_path):
    fig = figures.correlation_heatmap(_data().corr())
    png1, svg1 = figures.save_figure(fig, tmp_path / "a" / "heat")
    png2, svg2 = figures.save_figure(fig, tmp_path / "b" / "heat")
    assert png1.read_bytes() == png2.read_bytes()
    assert svg1.read_bytes() == svg2.read_bytes()
    assert (png1.name, svg1.name) == ("heat.png", "heat.svg")


def test_two_processes_write_identical_bytes(tmp_path):
    # A fresh interpreter with a hash seed of its own, and this one (which has drawn other figures already):
    # nothing (hash seeds, ids, caches) may leak into the files.
    script = textwrap.dedent("""
        import sys, numpy as np, pandas as pd
        from surveykit import figures
        figures.use_style()
        rng = np.random.default_rng(3)
        z = rng.normal(size=80)
        fig = figures.residual_diagnostics(z, rng.normal(size=80), z, dependent_label="Performance")
        figures.save_figure(fig, sys.argv[1])
    """)
    subprocess.run([sys.executable, "-c", script, str(tmp_path / "one")], check=True,
                   env={"PYTHONHASHSEED": "random", "PATH": "/usr/bin:/bin"})
    with mock.patch.object(sys, "argv", ["-c", str(tmp_path / "two")]):
        exec(script, {"__name__": "__main__"})
    for suffix in (".png", ".svg"):
        assert (tmp_path / f"one{suffix}").read_bytes() == (tmp_path / f"two{suffix}").read_bytes()


def test_files_carry_no_date_or_software_metadata(tmp_path):
    png, svg = figures.save_figure(figures.coefficient_plot(regression.beta_intervals(
        regression.linear_regression(_data(), "KIN", ["WE", "PL", "QWL"]))),
                                   tmp_path / "beta")
    text = svg.read_text(encoding="utf-8")
    assert "<dc:date>" not in text
    assert "Matplotlib v" not in text  # the Creator field
    assert "Software" not in _png_text_keys(png)
    assert not list(tmp_path.glob(".*tmp"))  # the atomic write left no temporary file


def _constrained_with_colorbar():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(layout="constrained")
    fig.colorbar(ax.imshow(_data().corr().to_numpy()), ax=ax, label="r")
    ax.set_title("A title longer than the axes are wide, so the saved box must grow to hold it")
    return fig


@pytest.mark.parametrize("build", [
    lambda: figures.coefficient_plot(regression.beta_intervals(
        regression.linear_regression(_data(), "KIN", ["WE", "PL", "QWL"]))),  # tight_layout
    lambda: figures.normal_qq_plot(_data()["KIN"].to_numpy()),  # no layout engine
    _constrained_with_colorbar,  # constrained layout
], ids=["tight_layout", "no_engine", "constrained"])
def test_each_format_is_drawn_once_in_one_layout(tmp_path, monkeypatch, build):
    # savefig with a tight box or a layout engine draws twice per file; save_figure lays the figure out and
    # measures it once, then draws it once per format (issue 17).
    from matplotlib.figure import Figure
    from PIL import Image

    draws = []
    draw = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: (draws.append(type(renderer).__name__),
                                                                 draw(self, renderer))[1])
    fig = build()
    engine = fig.get_layout_engine()
    draws.clear()
    png, svg = figures.save_figure(fig, tmp_path / "figure")
    assert draws == ["RendererAgg", "MixedModeRenderer"]  # PNG, then SVG: nothing measured by drawing
    assert fig.get_layout_engine() is engine  # given back
    # One box for both formats: the SVG's size in points is the PNG's in pixels at the saving resolution.
    import matplotlib as mpl

    width_px, height_px = Image.open(png).size
    match = re.search(r'<svg [^>]*width="([0-9.]+)pt" height="([0-9.]+)pt"', svg.read_text(encoding="utf-8"))
    scale = 72 / mpl.rcParams["savefig.dpi"]
    assert float(match.group(1)) == pytest.approx(width_px * scale, abs=scale)
    assert float(match.group(2)) == pytest.approx(height_px * scale, abs=scale)
    # and the box holds everything drawn (the tight box the style asks for): the title is not clipped.
    renderer = fig.canvas.get_renderer()
    title = fig.axes[0].title.get_window_extent(renderer)
    assert title.width / fig.dpi <= width_px / mpl.rcParams["savefig.dpi"]


def test_suffix_given_by_mistake_is_not_doubled(tmp_path):
    png, svg = figures.save_figure(figures.correlation_heatmap(_data().corr()), tmp_path / "x.png")
    assert (png.name, svg.name) == ("x.png", "x.svg")


def test_large_n_is_binned_not_scattered():
    from matplotlib.collections import PolyCollection

    rng = np.random.default_rng(0)
    n = figures.LARGE_N * 4
    fig = figures.zpred_sresid_plot(rng.normal(size=n), rng.normal(size=n))
    ax = fig.axes[0]
    assert any(isinstance(c, PolyCollection) for c in ax.collections)  # hexbin
    small = figures.zpred_sresid_plot(rng.normal(size=50), rng.normal(size=50))
    assert not any(isinstance(c, PolyCollection) for c in small.axes[0].collections)
    # probability plots draw at most LARGE_N points
    pp = figures.normal_pp_plot(rng.normal(size=n))
    assert max(len(c.get_offsets()) for c in pp.axes[0].collections) <= figures.LARGE_N


def test_indicator_means_marks_lowest_and_highest_in_words():
    means = pd.DataFrame({
        "construct": ["WE", "WE", "WE", "PL", "PL"],
        "indicator": ["a", "b", "c", "d", "e"],
        "mean": [3.955, 4.1875, 4.0, 3.1, 3.3],
    })
    fig = figures.indicator_means(means, labels={"WE": "Work engagement", "a": "With supervisor"}, scale=(1, 5))
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "3.96  lowest" in texts  # 3.955 printed half away from zero, as SPSS does
    assert "4.19  highest" in texts
    assert "4.00" in texts
    assert fig.axes[0].get_title(loc="left") == "Work engagement"
    assert "With supervisor" in [t.get_text() for t in fig.axes[0].get_yticklabels()]


def test_construct_labels_use_words_not_codes():
    labels = figures.construct_labels(load_codebook(ROOT / "data" / "codebook.yml"))
    assert labels["PL"] == "Training (Pelatihan)"
    assert labels["we_supervisor"].startswith("Engagement with supervisor")
    assert all(code not in labels.values() for code in ("WE", "PL", "QWL", "KIN"))


def test_construct_labels_speak_the_language():
    from surveykit import i18n

    codebook = load_codebook(ROOT / "data" / "codebook.yml")
    indonesian = figures.construct_labels(codebook, language="id")
    assert indonesian["PL"] == "Pelatihan" and indonesian["KIN"] == codebook.construct("KIN").id.split(" (")[0]
    assert figures.construct_labels(codebook, language="en") == figures.construct_labels(codebook)
    i18n.use("id")
    try:
        assert figures.construct_labels(codebook) == indonesian  # the active language by default
    finally:
        i18n.use("en")


@pytest.mark.parametrize("bad", [[1.0, np.nan, 2.0], []])
def test_missing_or_empty_residuals_are_refused(bad):
    with pytest.raises(ValueError):
        figures.normal_qq_plot(bad)


def test_style_is_greyscale_and_uses_the_shipped_font():
    import matplotlib as mpl
    from matplotlib.colors import to_rgb

    colours = [to_rgb(c["color"]) for c in mpl.rcParams["axes.prop_cycle"]]
    assert all(r == g == b for r, g, b in colours)  # nothing is told apart by hue alone
    assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert mpl.rcParams["svg.fonttype"] == "path" and mpl.rcParams["svg.hashsalt"]
    from matplotlib import font_manager

    assert "DejaVuSans" in Path(font_manager.findfont("DejaVu Sans", fallback_to_default=False)).name


# -- figures a thesis can use ----------------------------------------------------------------

def test_indicator_means_draw_the_interpretation_classes_as_named_bands():
    from surveykit import descriptives

    codebook = load_codebook(ROOT / "data" / "codebook.yml")
    classes = descriptives.interpretation_table(codebook)
    means = pd.DataFrame({"construct": ["WE", "WE"], "indicator": ["a", "b"], "mean": [3.2, 4.3]})
    fig = figures.indicator_means(means, scale=(1, 5), classes=classes)
    strip = fig.axes[0]
    names = [t.get_text() for t in strip.texts]
    assert len(names) == len(classes)
    assert names[0].split("\n")[0] == classes["category"].iloc[0].split()[0]
    assert all(f"({english})" in name for name, english in zip(names, classes["category_en"]))
    # one band per class behind the bars of every construct panel, from its lower bound to the next class's
    spans = [p for p in fig.axes[1].patches if p.get_height() == 1 and p.get_y() == 0]   # axvspan, axes height
    starts = sorted(round(p.get_x(), 6) for p in spans)
    assert starts == [round(v, 6) for v in classes["from"]]


def test_residual_scatterplot_labels_each_band_with_its_respondents():
    from surveykit import descriptives, regression

    rng = np.random.default_rng(3)
    data = pd.DataFrame({"x1": rng.normal(size=40), "x2": rng.normal(size=40)})
    data["y"] = np.where(data["x1"] + rng.normal(size=40) > 0, 13.0, 10.0)
    data.loc[:4, "y"] = 7.0
    fit = regression.linear_regression(data, "y", ["x1", "x2"])
    bands = descriptives.residual_bands(data["y"], fit.zpred, fit.sresid)
    assert list(bands["value"]) == [7.0, 10.0, 13.0]
    assert list(bands["count"]) == [int((data["y"] == v).sum()) for v in (7.0, 10.0, 13.0)]
    fig = figures.zpred_sresid_plot(fit.zpred, fit.sresid, bands=bands, dependent_label="KIN")
    texts = [t.get_text() for t in fig.axes[0].texts]
    for value, count in zip(bands["value"], bands["count"]):
        assert f"KIN = {value:g}: n = {count}" in texts
    # a dependent variable with many values has no bands
    assert descriptives.residual_bands(rng.normal(size=40), fit.zpred, fit.sresid).empty


def test_identical_points_share_one_marker_sized_and_counted():
    from surveykit import descriptives

    x = np.array([0.0, 0.0, 0.0, 1.0, 1.0 + 1e-12, 2.0])
    y = np.array([1.0, 1.0, 1.0, -1.0, -1.0, 0.5])
    points = descriptives.coincident_points(x, y)
    assert list(points["count"]) == [3, 2, 1]
    fig = figures.zpred_sresid_plot(x, y)
    ax = fig.axes[0]
    sizes = ax.collections[0].get_sizes()
    assert list(sizes / sizes.min()) == [3, 2, 1]
    assert {"3", "2"} <= {t.get_text() for t in ax.texts}


def test_indicator_correlations_per_construct_with_values_and_message():
    from surveykit import reliability

    rng = np.random.default_rng(5)
    common = rng.normal(size=(80, 1))
    frame = pd.DataFrame(np.hstack([common + rng.normal(size=(80, 3)), rng.normal(size=(80, 2))]),
                         columns=["a1", "a2", "a3", "b1", "b2"])
    corr = frame.corr()
    groups = {"A": ["a1", "a2", "a3"], "B": ["b1", "b2"], "C": []}
    summary = reliability.correlation_blocks(corr, groups)
    # an independent computation of the summary: plain numpy over the matrix
    r = np.corrcoef(frame.to_numpy().T)
    within_a = [r[0, 1], r[0, 2], r[1, 2]]
    between_a = r[:3, 3:].ravel()
    row = summary.set_index("construct").loc["A"]
    assert row["within_mean"] == pytest.approx(np.mean(within_a), abs=1e-12)
    assert row["within_min"] == pytest.approx(min(within_a)) and row["within_max"] == pytest.approx(max(within_a))
    assert row["between_mean"] == pytest.approx(between_a.mean(), abs=1e-12)
    assert not row["copies"] and np.isnan(summary.set_index("construct").loc["C", "within_mean"])
    fig = figures.correlation_blocks(corr, groups, labels={"A": "Alpha"}, summary=summary)
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.images]
    assert len(panels) == 2                                   # constructs with two or more indicators
    assert panels[0].get_title(loc="left").startswith("Alpha\nmean r ")
    cells = sorted(t.get_text() for t in panels[0].texts)
    from surveykit.spss_format import format_number
    assert cells == sorted(format_number(v, 2) for v in within_a)   # every r printed, half away from zero


def test_copies_are_flagged_in_the_correlation_blocks():
    from surveykit import reliability

    x = np.arange(10.0)
    frame = pd.DataFrame({"a": x, "b": x + 1, "c": np.r_[x[:5], x[5:][::-1]]})
    summary = reliability.correlation_blocks(frame.corr(), {"AB": ["a", "b"], "C": ["c"]})
    assert list(summary["copies"]) == [True, False]


def test_every_figure_of_the_study_has_a_caption_sentence():
    stems = {p.stem for p in (ROOT / "results" / "figures").glob("*.png")}
    assert stems and stems <= set(figures.CAPTIONS)
    for stem in stems:
        text = figures.caption(stem)
        assert text[:1].isupper() and text.endswith(".") and "_" not in text, stem
    assert figures.caption("09_new_plot") == "New plot."
