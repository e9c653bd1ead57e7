"""How long the figures take on a large file (a script, never collected by pytest).

    .venv/bin/python tests/benchmarks/bench_figures.py [n]

Draws and saves every figure type of surveykit.figures for n respondents
(default 1,000,000): above figures.LARGE_N points scatter plots are hexbinned and
probability plots thinned, so the time and the file sizes stay flat in n.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from surveykit import figures, regression


def main(n: int) -> None:
    rng = np.random.default_rng(20250501)
    data = pd.DataFrame(rng.normal(size=(n, 3)), columns=["WE", "PL", "QWL"])
    data["KIN"] = data @ np.array([0.3, 0.2, 0.4]) + rng.normal(size=n)
    figures.use_style()
    out = Path(tempfile.mkdtemp(prefix="bench-figures-"))
    fit = regression.linear_regression(data, "KIN", ["WE", "PL", "QWL"])
    steps = {
        "beta intervals + plot": lambda: figures.coefficient_plot(regression.beta_intervals(fit)),
        "partial regression": lambda: figures.partial_regression_plots(
            regression.partial_regression_data(fit)),
        "residual diagnostics": lambda: figures.residual_diagnostics(
            rng.normal(size=n), rng.normal(size=n), rng.normal(size=n)),
        "correlation heatmap": lambda: figures.correlation_heatmap(data.corr()),
    }
    for name, draw in steps.items():
        start = time.perf_counter()
        png, svg = figures.save_figure(draw(), out / name.replace(" ", "_"), close=True)
        took = time.perf_counter() - start
        print(f"{name:24s} {took:6.2f} s   png {png.stat().st_size / 1e3:7.1f} kB   svg {svg.stat().st_size / 1e3:7.1f} kB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
