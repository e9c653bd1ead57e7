"""Figures of the compendium: one style, stable names, byte-identical files.

Every figure is drawn with the style in ``compendium.mplstyle`` (greyscale-safe,
fixed font DejaVu Sans, fixed resolution) and written by :func:`save_figure`
as PNG and SVG whose bytes do not change between runs: no ``Software`` or
date metadata, SVG ids numbered in order (matplotlib's hash them from
full-precision coordinates, which differ in the last bits between CPUs),
text drawn as paths.

Plot functions take tidy DataFrames or plain arrays, label axes with the
construct names a reader knows (never the column codes), and return the
:class:`matplotlib.figure.Figure`.  Above ``LARGE_N`` points, scatter plots
switch to hexagonal binning and probability plots draw evenly spaced order
statistics, so a file of 100,000 respondents stays fast and readable.

The residual plots follow what SPSS 21 ``REGRESSION /RESIDUALS
HISTOGRAM(ZRESID) NORMPROB(ZRESID) /SCATTERPLOT=(*SRESID, *ZPRED)`` draws.

Over 600 lines: one drawing function for each figure the notebooks make,
all on the style, labels and saving above them, so a new figure is added
here and nowhere else.  If it grows further, the saving half (style,
:func:`save_figure`, stable SVG ids) is the part to move into a module of
its own.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import tempfile
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .i18n import N_, localize_number, tr

__all__ = [
    "STYLE_PATH",
    "LARGE_N",
    "use_style",
    "save_figure",
    "save_and_show",
    "construct_labels",
    "localize_ticks",
    "indicator_means",
    "coefficient_plot",
    "partial_regression_plots",
    "residual_histogram",
    "normal_pp_plot",
    "normal_qq_plot",
    "zpred_sresid_plot",
    "residual_diagnostics",
    "correlation_heatmap",
    "correlation_blocks",
    "CAPTIONS",
    "caption",
]

#: The style file shipped with the library.
STYLE_PATH = Path(__file__).with_name("compendium.mplstyle")
#: Above this many points scatter plots are binned (hexbin) and probability plots thinned.
LARGE_N = 5000
_SVG_HASHSALT = "surveykit-compendium"

#: What each figure of the notebooks shows, as a sentence, by file name (without suffix).  The
#: notebooks store it as the image's alternative text and the report prints it under the figure.
CAPTIONS: dict[str, str] = {
    "04_residual_histogram": N_("Histogram of the standardized residuals of the regression, with the normal curve "
                              "they would follow if they were normal."),
    "04_normal_pp_plot": N_("Normal P-P plot of the standardized residuals: normal residuals lie on the diagonal."),
    "04_normal_qq_plot": N_("Normal Q-Q plot of the standardized residuals against the quantiles of the normal "
                          "distribution, which shows departures in the tails."),
    "04_zpred_sresid": N_("Studentized residuals against standardized predicted values; each band holds the "
                        "respondents with one value of the dependent variable, and its label says how many they are."),
    "06_indicator_means": N_("Mean of each indicator, by construct, over the interpretation classes drawn as bands; "
                           "the lowest and highest indicator of each construct are marked."),
    "06_standardized_coefficients": N_("Standardized regression coefficients (Beta) of the predictors with their "
                                     "95% confidence intervals."),
    "06_partial_regression": N_("Partial regression plots: the dependent variable and each predictor after the other "
                              "predictors are removed; the slope of the line is the predictor's B."),
    "06_construct_correlations": N_("Pearson correlations between the construct scores."),
    "06_indicator_correlations": N_("Pearson correlations between the indicators of each construct, one panel per "
                                  "construct, with the mean correlation in the panel's title."),
}


def caption(stem: str) -> str:
    """The sentence that says what the figure ``stem`` shows (:data:`CAPTIONS`, in the active language), or its file
    name in words."""
    if stem in CAPTIONS:
        return tr(CAPTIONS[stem])
    words = (stem.split("_", 1)[-1] if stem[:2].isdigit() else stem).replace("_", " ")
    return f"{words[:1].upper()}{words[1:]}."


def _mpl():
    import matplotlib

    # Headless and deterministic: select Agg unless a notebook backend is already active.
    backend = matplotlib.get_backend().lower()
    if "inline" not in backend and backend != "agg":
        matplotlib.use("Agg")
    return matplotlib


def use_style() -> None:
    """Apply the compendium's matplotlib style (``compendium.mplstyle``).

    Resets matplotlib's defaults first, so a figure looks the same whatever
    was set before.
    """
    mpl = _mpl()
    import matplotlib.pyplot as plt

    mpl.rcdefaults()
    plt.style.use(str(STYLE_PATH))
    mpl.rcParams["svg.hashsalt"] = _SVG_HASHSALT


# matplotlib names SVG clip paths (and markers, hatches) by a hash of their full-precision
# coordinates, so a last-bit difference in an axes position renames every id.
_SVG_HASHED_ID = re.compile(r'id="([A-Za-z]+(?:\d+_\d+_)?)([0-9a-f]{10})"')


def _renumber_svg_ids(svg: bytes) -> bytes:
    """Replace matplotlib's hashed SVG ids by ids numbered in order of appearance."""
    text = svg.decode("utf-8")
    names: dict[str, str] = {}
    for match in _SVG_HASHED_ID.finditer(text):
        hashed = match.group(1) + match.group(2)
        names.setdefault(hashed, f"{match.group(1)}{len(names) + 1:04d}")
    if names:
        pattern = re.compile("|".join(re.escape(h) for h in names))
        text = pattern.sub(lambda m: names[m.group(0)], text)
    return text.encode("utf-8")


def _atomic_savefig(fig, path: Path, fmt: str, metadata: dict, bbox_inches=None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        buffer = io.BytesIO()
        fig.savefig(buffer, format=fmt, metadata=metadata, bbox_inches=bbox_inches)
        blob = buffer.getvalue()
        with os.fdopen(fd, "wb") as handle:
            handle.write(_renumber_svg_ids(blob) if fmt == "svg" else blob)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _laid_out_once(fig):
    """Lay ``fig`` out once and yield the ``bbox_inches`` that saves it, for every file format.

    savefig with a tight bounding box (the style's ``savefig.bbox``) or a layout engine draws the figure twice
    per file: once to measure, once to write.  Here the figure's layout engine (constrained; a placeholder after
    ``tight_layout``) runs once and its tight bounding box is measured once, at the saving resolution; while
    the block saves, the figure has no layout engine and the box is given, so each format costs one draw and
    PNG and SVG share one layout.  The layout engine is given back afterwards.
    """
    mpl = _mpl()
    engine = fig.get_layout_engine()
    get_renderer = getattr(fig.canvas, "get_renderer", None)
    if mpl.rcParams["savefig.bbox"] != "tight" or get_renderer is None:
        yield None  # another style, or a canvas that cannot measure without drawing: savefig decides
        return
    shown_dpi, saved_dpi = fig.dpi, mpl.rcParams["savefig.dpi"]
    fig.set_dpi(shown_dpi if saved_dpi == "figure" else saved_dpi)
    try:
        if engine is not None:
            engine.execute(fig)
        bbox = fig.get_tightbbox(get_renderer()).padded(mpl.rcParams["savefig.pad_inches"])
    finally:
        fig.set_dpi(shown_dpi)
    # savefig resets the layout engine through set_layout_engine(None), which reads these two settings.
    try:
        with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
            fig.set_layout_engine(None)
            yield bbox
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)


def save_figure(fig, path_without_suffix: str | Path, *, close: bool = False) -> tuple[Path, Path]:
    """Write ``fig`` as ``<path>.png`` and ``<path>.svg`` with reproducible bytes.

    PNG is written without the ``Software`` text chunk; SVG without ``Date``
    and ``Creator`` and with its ids (clip paths, markers) renumbered in order of
    appearance, so saving the same figure twice, or on another CPU, gives identical files.  Each file is written
    to a temporary name and moved into place (safe when notebooks run in
    parallel).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path_without_suffix : str or Path
        E.g. ``results/figures/06_indicator_means``.
    close : bool, default False
        Close the figure afterwards (frees memory in long scripts).

    Returns
    -------
    (png_path, svg_path)
    """
    mpl = _mpl()
    base = Path(path_without_suffix)
    if base.suffix.lower() in {".png", ".svg"}:
        base = base.with_suffix("")
    png, svg = base.with_name(base.name + ".png"), base.with_name(base.name + ".svg")
    with mpl.rc_context({"svg.hashsalt": _SVG_HASHSALT, "svg.fonttype": "path"}), _laid_out_once(fig) as bbox:
        _atomic_savefig(fig, png, "png", {"Software": None}, bbox)
        _atomic_savefig(fig, svg, "svg", {"Date": None, "Creator": None}, bbox)
    if close:
        import matplotlib.pyplot as plt

        plt.close(fig)
    return png, svg


def save_and_show(fig, path_without_suffix: str | Path, *, width: int | None = None,
                  alt: str | None = None) -> tuple[Path, Path]:
    """Save ``fig`` with :func:`save_figure`, close it, and display the saved PNG.

    In a notebook the figure shown is the very file written to the results
    folder (same bytes), not a second rendering by the inline backend.
    ``alt`` (default: the figure's sentence in :data:`CAPTIONS`) is stored as
    the output's alternative text, which the HTML report uses.
    """
    png, svg = save_figure(fig, path_without_suffix, close=True)
    if alt is None:
        alt = caption(png.stem)
    try:
        from IPython.display import Image, display

        display(Image(filename=str(png), width=width), metadata={"image/png": {"alt": alt}})
    except ImportError:  # plain Python: saving is all there is to do
        pass
    return png, svg


# -- language --------------------------------------------------------------

def localize_ticks(*axes) -> None:
    """Tick labels with the active language's decimal mark (Indonesian: ``0,5``).

    Only in a language whose mark is not the point: English figures keep
    matplotlib's own formatter, and so their bytes.  Applied to both axes of
    each given :class:`~matplotlib.axes.Axes` (a colorbar's axes included).
    """
    if localize_number("0.5") == "0.5":
        return
    from matplotlib.ticker import ScalarFormatter

    class _Localized(ScalarFormatter):
        def __call__(self, x, pos=None):
            return localize_number(super().__call__(x, pos))

    for ax in axes:
        for axis in (ax.xaxis, ax.yaxis):
            if isinstance(axis.get_major_formatter(), ScalarFormatter):
                axis.set_major_formatter(_Localized())


# -- labels ----------------------------------------------------------------

def construct_labels(codebook, *, bilingual: bool = True, language: str | None = None) -> dict[str, str]:
    """Construct and indicator key -> a label a reader knows, in ``language`` (default: the active one).

    In English, ``bilingual=True`` gives the English name with the paper's
    Indonesian term, e.g. ``"Training (Pelatihan)"``; the Indonesian term is
    left out when it repeats the English one.  In Indonesian the label is the
    codebook's Indonesian name (``"Pelatihan"``), with no English gloss.
    """
    from .i18n import active

    language = language or active()
    labels: dict[str, str] = {}
    for construct in codebook.constructs:
        for obj in (construct, *construct.indicators):
            # "Performance (SKP achievement)" -> "Performance": the gloss belongs in the text, not on an axis.
            en, idn = _strip_gloss(obj.en), _strip_gloss(obj.id)
            if language == "id":
                labels[obj.key] = idn or en
            elif bilingual and idn and idn.lower() not in en.lower() and en.lower() not in idn.lower():
                labels[obj.key] = f"{en} ({idn})"
            else:
                labels[obj.key] = en
    return labels


def _strip_gloss(text: str) -> str:
    head = text.split(" (", 1)[0].strip()
    return head or text


def _label(labels: Mapping[str, str] | None, key: str) -> str:
    return (labels or {}).get(key, key)


def _require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} needs the column(s) {missing}; it has {list(frame.columns)}")


def _finite(values, what: str) -> np.ndarray:
    array = np.asarray(values, dtype=float).ravel()
    if array.size == 0:
        raise ValueError(f"{what}: no values to plot")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{what}: {int((~np.isfinite(array)).sum())} value(s) are missing or infinite")
    return array


# -- descriptives ----------------------------------------------------------

def indicator_means(
    means: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    decimals: int = 2,
    scale: tuple[float, float] | None = None,
    classes: pd.DataFrame | None = None,
):
    """Mean of each indicator, one panel per construct, lowest and highest marked.

    Parameters
    ----------
    means : DataFrame
        Tidy, one row per indicator, columns ``construct``, ``indicator`` and
        ``mean`` (unrounded).  Row order is kept within each construct.
    labels : mapping, optional
        Key -> label for constructs and indicators (see :func:`construct_labels`).
    decimals : int, default 2
        Decimals of the printed value beside each bar (rounded half away from
        zero, as SPSS prints).
    scale : (min, max), optional
        Limits of the x axis, e.g. the Likert scale (1, 5).
    classes : DataFrame, optional
        The interpretation classes (:func:`surveykit.descriptives.interpretation_table`:
        ``from``, ``to``, ``category`` and optionally ``category_en``), drawn
        as alternating bands behind the bars, each band from its class's
        lower bound to the next class's, named above the first panel: the
        descriptive argument of a thesis is the class a mean falls in.

    Returns
    -------
    matplotlib.figure.Figure
        The highest indicator of each construct is drawn in black, the lowest
        hatched; both are labelled in words, so the marks survive greyscale print.
        Tied indicators share the mark; a construct whose indicators all have
        the same mean gets none.
    """
    _require_columns(means, ["construct", "indicator", "mean"], "indicator_means")
    mpl = _mpl()
    import matplotlib.pyplot as plt

    from .descriptives import ties
    from .spss_format import format_number

    constructs = list(dict.fromkeys(means["construct"]))
    counts = [int((means["construct"] == c).sum()) for c in constructs]
    bands = _class_bands(classes) if classes is not None else []
    # The classes' names stand in a strip of their own above the panels.
    strip = [2.2] if bands else []
    height = 0.9 + 0.28 * (sum(counts) + sum(strip)) + 0.45 * len(constructs)
    fig, all_axes = plt.subplots(len(constructs) + len(strip), 1, figsize=(mpl.rcParams["figure.figsize"][0], height),
                                 sharex=True, squeeze=False,
                                 gridspec_kw={"height_ratios": strip + [max(c, 1) for c in counts]})
    axes = all_axes[len(strip):]
    values_all = _finite(means["mean"], "indicator_means")
    lo = scale[0] if scale else max(0.0, np.floor(values_all.min()) - 1)
    hi = scale[1] if scale else np.ceil(values_all.max())
    if bands:
        header = all_axes[0, 0]
        for k, (start, end, name) in enumerate(bands):
            header.axvspan(start, end, color="#e4e4e4" if k % 2 == 0 else "#f7f7f7", linewidth=0, zorder=0)
            header.text((start + end) / 2, 0.5, name, ha="center", va="center", fontsize=6.5, linespacing=1.1)
        header.set_ylim(0, 1)
        header.set_yticks([])
        header.tick_params(axis="x", length=0, labelbottom=False)
        header.spines[:].set_visible(False)
        header.set_title(tr("Interpretation classes"), fontsize=9)
    for ax, construct in zip(axes[:, 0], constructs):
        for k, (start, end, _) in enumerate(bands):
            ax.axvspan(start, end, color="#e4e4e4" if k % 2 == 0 else "#f7f7f7", linewidth=0, zorder=0)
        block = means[means["construct"] == construct]
        values = block["mean"].to_numpy(dtype=float)
        y = np.arange(len(block))[::-1]
        # Ties share the mark (the tie rule of descriptives.extremes); when all means are equal nothing is marked.
        lowest, highest, all_equal = ties(values)
        marked = len(values) > 1 and not all_equal
        for value, yy, is_lowest, is_highest in zip(values, y, lowest, highest):
            text = format_number(value, decimals, leading_zero=True)
            face, hatch, note = "#bbbbbb", None, text
            if marked and is_highest:
                face, note = "#222222", tr("{mean}  highest", mean=text)
            if marked and is_lowest:
                face, hatch, note = "white", "////", tr("{mean}  lowest", mean=text)
            ax.barh(yy, value - lo, left=lo, height=0.65, color=face, hatch=hatch, edgecolor="black")
            ax.text(value + 0.02 * (hi - lo), yy, note, va="center", fontsize=8)
        ax.set_yticks(y)
        ax.set_yticklabels([_label(labels, k) for k in block["indicator"]])
        ax.set_title(_label(labels, construct), fontsize=9)
        ax.set_xlim(lo, hi + 0.22 * (hi - lo))
        localize_ticks(ax)
    axes[-1, 0].set_xlabel(tr("Mean score (item mean of the indicator)"))
    fig.tight_layout()
    return fig


def _class_bands(classes: pd.DataFrame) -> list[tuple[float, float, str]]:
    """(start, end, name) of each interpretation class: from its lower bound to the next class's."""
    _require_columns(classes, ["from", "to", "category"], "indicator_means (classes)")
    ordered = classes.sort_values("from", kind="stable").reset_index(drop=True)
    starts = ordered["from"].to_numpy(dtype=float)
    ends = [*starts[1:], float(ordered["to"].iloc[-1])]
    english = ordered["category_en"] if "category_en" in ordered else ordered["category"]
    # A class name in lines of a band's width; the English gloss below it in brackets.
    names = ["\n".join(textwrap.wrap(str(c), 8) + ([f"({e})"] if isinstance(e, str) and e and e != c else []))
             for c, e in zip(ordered["category"], english)]
    return list(zip(starts, ends, names))


# -- regression ------------------------------------------------------------

def coefficient_plot(
    betas: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    confidence: float = 0.95,
):
    """Standardized coefficients with their confidence intervals (a dot-and-whisker plot).

    Parameters
    ----------
    betas : DataFrame
        Columns ``predictor``, ``Beta``, ``lower``, ``upper`` (from
        :func:`surveykit.regression.beta_intervals`).
    """
    _require_columns(betas, ["predictor", "Beta", "lower", "upper"], "coefficient_plot")
    _mpl()
    import matplotlib.pyplot as plt

    from .spss_format import format_number

    fig, ax = plt.subplots(figsize=(6.3, 0.9 + 0.55 * len(betas)))
    y = np.arange(len(betas))[::-1]
    beta = betas["Beta"].to_numpy(dtype=float)
    lower, upper = betas["lower"].to_numpy(dtype=float), betas["upper"].to_numpy(dtype=float)
    ax.errorbar(beta, y, xerr=[beta - lower, upper - beta], fmt="o", color="black",
                ecolor="black", capsize=3, linestyle="none")
    for value, yy in zip(beta, y):
        ax.annotate(format_number(value, 3), (value, yy), xytext=(0, 6), textcoords="offset points",
                    ha="center", fontsize=8)
    ax.axvline(0, color="#777777", linewidth=0.8, linestyle="--")
    ax.set_yticks(y)
    ax.set_yticklabels([_label(labels, k) for k in betas["predictor"]])
    ax.set_ylim(-0.6, len(betas) - 0.4)
    ax.set_xlabel(tr("Standardized coefficient (Beta) with {level} confidence interval",
                     level=localize_number(f"{confidence:.0%}")))
    localize_ticks(ax)
    fig.tight_layout()
    return fig


def _counted_scatter(ax, x, y):
    """One marker per distinct point, its area proportional to the cases on it, the count beside it."""
    from .descriptives import coincident_points

    points = coincident_points(x, y)
    ax.scatter(points["x"], points["y"], s=14 * points["count"], facecolors=(0, 0, 0, 0.25), edgecolors="black",
               linewidths=0.5)
    shared = points[points["count"] > 1]
    for px, py, count in zip(shared["x"], shared["y"], shared["count"]):
        ax.annotate(str(int(count)), (px, py), xytext=(3, 3), textcoords="offset points", fontsize=6)
    if len(shared):
        ax.text(0.98, 0.98, tr("number beside a marker: respondents with identical values"), transform=ax.transAxes,
                ha="right", va="top", fontsize=6, color="#444444")


def _scatter(ax, x, y, *, gridsize: int = 40):
    """Scatter, or hexbin above LARGE_N points (fast, and readable where points overlap)."""
    if len(x) > LARGE_N:
        ax.hexbin(x, y, gridsize=gridsize, cmap="Greys", mincnt=1, linewidths=0.2, bins="log")
    else:
        ax.scatter(x, y, s=12, facecolors="none", edgecolors="black", linewidths=0.6)


def partial_regression_plots(
    partial: pd.DataFrame,
    *,
    dependent_label: str | None = None,
    labels: Mapping[str, str] | None = None,
):
    """Added-variable plots, one panel per predictor, with the least-squares line.

    Parameters
    ----------
    partial : DataFrame
        From :func:`surveykit.regression.partial_regression_data`.
    dependent_label : str, optional
        How to name the dependent variable on the y axes (default: "dependent", in the active language).
    """
    _require_columns(partial, ["predictor", "x_residual", "y_residual"], "partial_regression_plots")
    _mpl()
    import matplotlib.pyplot as plt

    names = list(partial["predictor"].unique())  # in order of appearance; vectorised (3 x 10^6 rows at 10^6 cases)
    dependent_label = tr("dependent") if dependent_label is None else dependent_label
    fig, axes = plt.subplots(1, len(names), figsize=(2.6 * len(names) + 0.6, 2.9), squeeze=False)
    for ax, name in zip(axes[0], names):
        block = partial[partial["predictor"] == name]
        x = block["x_residual"].to_numpy(dtype=float)
        y = block["y_residual"].to_numpy(dtype=float)
        _scatter(ax, x, y)
        if np.ptp(x) > 0:
            slope = (x @ y) / (x @ x)  # both residual vectors have mean zero
            grid = np.array([x.min(), x.max()])
            ax.plot(grid, slope * grid, color="black", linewidth=1.0, marker="none")
        # No panel title: the x label names the predictor, and long names would collide.
        ax.set_xlabel(tr("{variable}\n| other predictors", variable=_label(labels, name)), fontsize=8)
        localize_ticks(ax)
    axes[0, 0].set_ylabel(tr("{variable} | other predictors", variable=dependent_label))
    fig.tight_layout()
    return fig


# -- residual diagnostics --------------------------------------------------

def _thin_sorted(values: np.ndarray, limit: int = LARGE_N) -> tuple[np.ndarray, np.ndarray]:
    """Sorted values and their 1-based ranks; evenly spaced order statistics above ``limit``."""
    ordered = np.sort(values)
    ranks = np.arange(1, len(ordered) + 1)
    if len(ordered) > limit:
        keep = np.unique(np.linspace(0, len(ordered) - 1, limit).round().astype(int))
        return ordered[keep], ranks[keep]
    return ordered, ranks


def residual_histogram(zresid, *, ax=None, dependent_label: str | None = None):
    """Histogram of the standardized residuals with the N(0, 1) density, as SPSS ``HISTOGRAM(ZRESID)``.

    The curve is scaled to counts (n times bin width), as SPSS overlays it,
    and the panel states the mean, standard deviation and N of the residuals
    (the mean to three decimals, where SPSS prints its rounding noise, e.g. -9.79E-16).
    """
    from scipy import stats

    values = _finite(zresid, "residual_histogram")
    fig, ax = _axes(ax)
    counts, edges, _ = ax.hist(values, bins="auto", color="#bbbbbb", edgecolor="black")
    width = edges[1] - edges[0]
    grid = np.linspace(min(edges[0], -3.5), max(edges[-1], 3.5), 400)
    ax.plot(grid, stats.norm.pdf(grid) * len(values) * width, color="black", linewidth=1.2, marker="none")
    ax.set_xlabel(tr("Regression standardized residual"))
    ax.set_ylabel(tr("Frequency"))
    ax.set_title(tr("Histogram (dependent: {dependent})", dependent=dependent_label) if dependent_label
                 else tr("Histogram"), fontsize=9)
    localize_ticks(ax)
    mean, sd = values.mean(), values.std(ddof=1) if len(values) > 1 else float("nan")
    # SPSS prints this mean as e.g. -9.79E-16: rounding noise around the exact value 0 (OLS
    # residuals of a model with a constant sum to zero), different on every CPU.  Three
    # decimals, like the SD, show the exact result and make the noise invisible.
    ax.text(0.98, 0.97, tr("Mean = {mean}\nStd. Dev. = {sd}\nN = {n}", mean=localize_number(f"{round(mean, 3) + 0.0:.3f}"),
                           sd=localize_number(f"{sd:.3f}"), n=len(values)),
            transform=ax.transAxes, ha="right", va="top", fontsize=7)
    return fig


def normal_pp_plot(zresid, *, ax=None):
    """Normal P-P plot of the standardized residuals, drawn as SPSS ``NORMPROB(ZRESID)``.

    x: observed cumulative probability of the i-th smallest residual; y:
    expected cumulative probability ``Phi(z_(i))`` under N(0, 1); the
    diagonal is where normal residuals fall.  SPSS labels the axes "Observed
    Cum Prob" and "Expected Cum Prob" but does not document its plotting
    position; ``i / (n + 1)`` is used here (it keeps both ends inside the
    unit square), so the points may sit a fraction of 1/n from SPSS's.
    """
    from scipy import stats

    values = _finite(zresid, "normal_pp_plot")
    fig, ax = _axes(ax)
    ordered, ranks = _thin_sorted(values)
    observed = ranks / (len(values) + 1)
    expected = stats.norm.cdf(ordered)
    ax.plot([0, 1], [0, 1], color="#777777", linewidth=0.8, marker="none")
    ax.scatter(observed, expected, s=10, facecolors="none", edgecolors="black", linewidths=0.6,
               rasterized=len(values) > LARGE_N)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel(tr("Observed cumulative probability"))
    ax.set_ylabel(tr("Expected cumulative probability"))
    ax.set_title(tr("Normal P-P plot"), fontsize=9)
    localize_ticks(ax)
    return fig


def normal_qq_plot(zresid, *, ax=None):
    """Normal Q-Q plot: ordered residuals against normal quantiles (Blom, ``(i - 3/8)/(n + 1/4)``).

    Blom's plotting positions are SPSS's default for ``PPLOT``.
    """
    from scipy import stats

    values = _finite(zresid, "normal_qq_plot")
    fig, ax = _axes(ax)
    ordered, ranks = _thin_sorted(values)
    theoretical = stats.norm.ppf((ranks - 0.375) / (len(values) + 0.25))
    lim = float(np.max(np.abs(np.concatenate([ordered, theoretical])))) * 1.05
    ax.plot([-lim, lim], [-lim, lim], color="#777777", linewidth=0.8, marker="none")
    ax.scatter(theoretical, ordered, s=10, facecolors="none", edgecolors="black", linewidths=0.6,
               rasterized=len(values) > LARGE_N)
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel(tr("Expected normal quantile"))
    ax.set_ylabel(tr("Observed standardized residual"))
    ax.set_title(tr("Normal Q-Q plot"), fontsize=9)
    localize_ticks(ax)
    return fig


def zpred_sresid_plot(zpred, sresid, *, ax=None, bands: pd.DataFrame | None = None, dependent_label: str | None = None):
    """Studentized residual against standardized predicted value (SPSS ``SCATTERPLOT=(*SRESID, *ZPRED)``).

    The usual visual check of homoskedasticity: a band of even width around
    zero and no funnel or curve.  Markers are filled half-transparent, so
    where respondents crowd the grey darkens; respondents with identical
    values share one marker, its area proportional to their number, which is
    written beside it (:func:`surveykit.descriptives.coincident_points`).

    Parameters
    ----------
    bands : DataFrame, optional
        :func:`surveykit.descriptives.residual_bands`: each band of a
        few-valued dependent variable is labelled with its value and the
        number of respondents on it.
    dependent_label : str, optional
        The dependent variable's name in the band labels.
    """
    x = _finite(zpred, "zpred_sresid_plot (ZPRED)")
    y = np.asarray(sresid, dtype=float).ravel()
    if len(x) != len(y):
        raise ValueError(f"zpred_sresid_plot: {len(x)} predicted values but {len(y)} residuals")
    # A case with leverage 1 has no studentized residual (NaN); SPSS leaves such cases out of the plot.
    defined = np.isfinite(y)
    fig, ax = _axes(ax)
    if defined.sum() > LARGE_N:
        _scatter(ax, x[defined], y[defined])
    else:
        _counted_scatter(ax, x[defined], y[defined])
    if not defined.all():
        ax.text(0.02, 0.02, tr("{cases} case(s) without a defined SRESID not shown", cases=int((~defined).sum())),
                transform=ax.transAxes, fontsize=7, color="#444444")
    ax.axhline(0, color="#777777", linewidth=0.8, linestyle="--")
    for value, count, bx, by in zip(*(bands[c] for c in ("value", "count", "x", "y"))) if bands is not None else ():
        ax.annotate(tr("{variable} = {value}: n = {count}", variable=dependent_label or "Y", value=f"{value:g}",
                       count=int(count)), (bx, by), xytext=(5, 5),
                    textcoords="offset points", ha="left", fontsize=7)
    ax.set_xlabel(tr("Regression standardized predicted value (ZPRED)"))
    ax.set_ylabel(tr("Regression studentized residual (SRESID)"))
    ax.set_title(tr("Scatterplot"), fontsize=9)
    localize_ticks(ax)
    return fig


def residual_diagnostics(zresid, zpred, sresid, *, dependent_label: str | None = None):
    """The four residual plots in one figure: histogram, P-P, Q-Q, ZPRED vs SRESID."""
    _mpl()
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(6.3, 6.0))
    residual_histogram(zresid, ax=axes[0, 0], dependent_label=None)
    normal_pp_plot(zresid, ax=axes[0, 1])
    normal_qq_plot(zresid, ax=axes[1, 0])
    zpred_sresid_plot(zpred, sresid, ax=axes[1, 1])
    for ax in axes.ravel():
        ax.xaxis.label.set_size(8)
        ax.yaxis.label.set_size(8)
    localize_ticks(*axes.ravel())
    if dependent_label:
        fig.suptitle(tr("Residuals of the regression of {dependent}", dependent=dependent_label), fontsize=10)
    fig.tight_layout()
    return fig


def _axes(ax):
    _mpl()
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(3.6, 3.3))
        return fig, ax
    return ax.figure, ax


# -- correlations ----------------------------------------------------------

def correlation_heatmap(
    corr: pd.DataFrame,
    *,
    labels: Mapping[str, str] | None = None,
    annotate: bool | None = None,
    title: str | None = None,
):
    """Heatmap of a correlation matrix (lower triangle and diagonal).

    Parameters
    ----------
    corr : DataFrame
        Square, same labels on rows and columns (e.g. ``scores.corr()``).
    labels : mapping, optional
        Column key -> reader's label.
    annotate : bool, optional
        Print r in each cell; default when there are at most 12 variables.

    Notes
    -----
    The colour map is ``cividis`` from -1 to 1, whose lightness rises
    monotonically, so the figure reads correctly in greyscale.
    """
    if corr.shape[0] != corr.shape[1] or list(corr.index) != list(corr.columns):
        raise ValueError("correlation_heatmap needs a square matrix with the same labels on rows and columns")
    _mpl()
    import matplotlib.pyplot as plt

    from .spss_format import format_number

    values = corr.to_numpy(dtype=float)
    p = len(corr)
    annotate = p <= 12 if annotate is None else annotate
    masked = np.where(np.tril(np.ones((p, p), dtype=bool)), values, np.nan)
    size = min(2.2 + 0.55 * p, 9.0)
    fig, ax = plt.subplots(figsize=(size + 1.2, size))
    image = ax.imshow(masked, cmap="cividis", vmin=-1, vmax=1, interpolation="nearest")
    names = [_label(labels, str(k)) for k in corr.columns]
    ax.set_xticks(range(p))
    ax.set_xticklabels(names, rotation=45, ha="right")
    ax.set_yticks(range(p))
    ax.set_yticklabels(names)
    ax.spines[:].set_visible(False)
    if annotate:
        for i in range(p):
            for j in range(i + 1):
                value = values[i, j]
                # Dark text on the light (high r) end of cividis, light text on the dark end.
                colour = "black" if value > 0.2 else "white"
                ax.text(j, i, format_number(value, 2), ha="center", va="center", fontsize=7, color=colour)
    colorbar = fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label=tr("Pearson r"))
    localize_ticks(colorbar.ax)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


def correlation_blocks(
    corr: pd.DataFrame,
    groups: Mapping[str, Sequence[str]],
    *,
    labels: Mapping[str, str] | None = None,
    summary: pd.DataFrame | None = None,
):
    """The correlations among each construct's indicators, one annotated panel per construct.

    A full indicator matrix (22 x 22 here) is unreadable; what it is read for
    is whether each construct's indicators hang together.  Each panel shows
    the lower triangle of one construct's block (without the diagonal) with r
    printed in every cell (two decimals, rounded half away from zero); a
    construct with one indicator has no panel.

    Parameters
    ----------
    corr : DataFrame
        Square indicator correlation matrix.
    groups : mapping
        Construct key -> its indicator keys, in the order to draw.
    labels : mapping, optional
        Key -> label for constructs and indicators.
    summary : DataFrame, optional
        :func:`surveykit.reliability.correlation_blocks`; each panel's title
        then gives the mean r within the construct and with the other
        constructs' indicators.
    """
    _mpl()
    import matplotlib.pyplot as plt

    from .spss_format import format_number

    blocks = [(key, list(members)) for key, members in groups.items() if len(members) > 1]
    if not blocks:
        raise ValueError("correlation_blocks: no construct has two or more indicators")
    means = summary.set_index("construct") if summary is not None else None
    ncols = 2 if len(blocks) > 1 else 1
    nrows = -(-len(blocks) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(7.2, 0.6 + 3.6 * nrows), squeeze=False, layout="constrained")
    image = None
    for ax, (key, members) in zip(axes.ravel(), blocks):
        # The lower triangle without the diagonal: rows 2..k against columns 1..k-1.
        values = corr.loc[members[1:], members[:-1]].to_numpy(dtype=float)
        k = len(members) - 1
        lower = np.tril(np.ones((k, k), dtype=bool))
        image = ax.imshow(np.where(lower, values, np.nan), cmap="cividis", vmin=-1, vmax=1, interpolation="nearest")
        for i in range(k):
            for j in range(i + 1):
                colour = "black" if values[i, j] > 0.2 else "white"
                ax.text(j, i, format_number(values[i, j], 2), ha="center", va="center", fontsize=6, color=colour)
        ax.set_xticks(range(k))
        ax.set_xticklabels([_label(labels, m) for m in members[:-1]], fontsize=6.5, rotation=40, ha="right",
                           rotation_mode="anchor")
        ax.set_yticks(range(k))
        ax.set_yticklabels([_label(labels, m) for m in members[1:]], fontsize=6.5)
        ax.tick_params(length=0)
        ax.spines[:].set_visible(False)
        title = _label(labels, key)
        if means is not None and key in means.index:
            row = means.loc[key]
            title = tr("{construct}\nmean r {within} within, {between} with other constructs", construct=title,
                       within=format_number(row["within_mean"], 2), between=format_number(row["between_mean"], 2))
        ax.set_title(title, fontsize=8)
    for ax in axes.ravel()[len(blocks):]:
        ax.set_visible(False)
    fig.colorbar(image, ax=axes.ravel().tolist(), orientation="horizontal", fraction=0.04, aspect=40,
                 label=tr("Pearson r"))
    return fig
