"""CPU seconds of notebook 05's ordinal regression as the number of cases grows (a script, not a test).

The data are SYNTHETIC and seeded, shaped as in bench_notebooks_scale.py's survey: four constructs of
ten 1-5 items driven by one common factor, the dependent the sum of the first (41 categories, 10..50),
three predictors the sums of the others.  For each n: ``ordinal_regression`` with its likelihood-ratio
refits, and ``completely_separated`` alone; CPU seconds by time.process_time (median of --runs), the
load average beside them.

Usage: python tests/benchmarks/bench_ordinal.py [--sizes 1000 10000 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
import pandas as pd

from surveykit import ordinal

SEED = 20250501


def synthetic_scores(n: int) -> pd.DataFrame:
    """Sums of ten 1-5 items per construct: the common factor plus the construct's own factor plus noise."""
    rng = np.random.default_rng(SEED)
    factor = rng.normal(size=n)
    sums = {}
    for name in ["Y", "X1", "X2", "X3"]:
        own = rng.normal(size=n)
        items = np.clip(np.rint(3 + 0.6 * factor[:, None] + 0.6 * own[:, None] + rng.normal(size=(n, 10))), 1, 5)
        sums[name] = items.sum(axis=1)
    return pd.DataFrame(sums)


def cpu_seconds(runs: int, task, *args) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        task(*args)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ordinal.ordinal_regression(synthetic_scores(200), "Y", ["X1", "X2", "X3"])  # warm-up (imports)
    print(f"{'n':>9} {'categories':>10} {'ordinal_regression s':>21} {'separation check s':>19} {'status':>8} load")
    for n in args.sizes:
        scores = synthetic_scores(n)
        x = scores[["X1", "X2", "X3"]].to_numpy()
        codes = np.unique(scores["Y"], return_inverse=True)[1]
        fit_s = cpu_seconds(args.runs, ordinal.ordinal_regression, scores, "Y", ["X1", "X2", "X3"])
        check_s = cpu_seconds(args.runs, ordinal.completely_separated, x, codes)
        status = ordinal.ordinal_regression(scores, "Y", ["X1", "X2", "X3"]).status
        print(f"{n:>9,} {codes.max() + 1:>10} {fit_s:>21.3f} {check_s:>19.3f} {status:>8} {os.getloadavg()[0]:.1f}",
              flush=True)


if __name__ == "__main__":
    main()
