"""Timing of the bootstraps (a script, not a test: run it with the venv's python).

1. 10,000 case resamples of a 56-respondent, 3-predictor regression should take well under a second;
   the same at 1,000 and 10,000 respondents (notebooks 05 and 06 bootstrap up to bootstrap_max_n = 10,000),
   CPU seconds: the cost grows as n x resamples.
2. Notebook 03's omega table of the study (1,000 resamples per construct with a defined omega, each
   refitting the one-factor model): CPU seconds, median of 3, with the load average beside it.
"""

import os
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from surveykit import processed, reliability, scoring
from surveykit.codebook import load_codebook
from surveykit.regression import bootstrap_coefficients, linear_regression

rng = np.random.default_rng(1)
data = pd.DataFrame(rng.normal(size=(56, 4)), columns=["y", "a", "b", "c"])
fit = linear_regression(data, "y", ["a", "b", "c"])
bootstrap_coefficients(fit, n_resamples=1000, seed=1)  # warm-up
start = time.perf_counter()
result = bootstrap_coefficients(fit, n_resamples=10_000, seed=20250501)
elapsed = time.perf_counter() - start
print(f"10,000 resamples, n = 56, k = 3: {elapsed:.3f} s ({result.n_used} usable)")
for n in (1_000, 10_000):
    large = pd.DataFrame(rng.normal(size=(n, 4)), columns=["y", "a", "b", "c"])
    large_fit = linear_regression(large, "y", ["a", "b", "c"])
    start = time.process_time()
    bootstrap_coefficients(large_fit, n_resamples=10_000, seed=20250501)
    print(f"10,000 resamples, n = {n:,}, k = 3: {time.process_time() - start:.2f} s of CPU "
          f"(load {os.getloadavg()[0]:.1f})")

root = Path(__file__).resolve().parents[2]
book = load_codebook(root / "data" / "codebook.yml")
parquet = root / "results" / "processed" / "responses.parquet"
if parquet.exists():
    items = scoring.score_items(processed.read_processed(parquet, book), book)
    constructs = book.construct_items()
    reliability.omega_table(items, constructs, n_resamples=100, seed=1)  # warm-up (imports)
    cpu = []
    for _ in range(3):
        start = time.process_time()
        table = reliability.omega_table(items, constructs, n_resamples=1000, seed=20250501)
        cpu.append(time.process_time() - start)
    used = ", ".join(f"{key} {n}" for key, n in zip(table["Construct"], table["Resamples Used"]) if n)
    print(f"omega table of the study (1,000 resamples; used: {used}): {statistics.median(cpu):.2f} s CPU, "
          f"median of 3 (load average {os.getloadavg()[0]:.1f})")
else:
    print("omega table: no processed data (run make all first)")
