"""Timing of the vectorised bootstrap (a script, not a test: run it with the venv's python).

10,000 case resamples of a 56-respondent, 3-predictor regression should take well under a second.
"""

import time

import numpy as np
import pandas as pd

from surveykit.regression import bootstrap_coefficients, linear_regression

rng = np.random.default_rng(1)
data = pd.DataFrame(rng.normal(size=(56, 4)), columns=["y", "a", "b", "c"])
fit = linear_regression(data, "y", ["a", "b", "c"])
bootstrap_coefficients(fit, n_resamples=1000, seed=1)  # warm-up
start = time.perf_counter()
result = bootstrap_coefficients(fit, n_resamples=10_000, seed=20250501)
elapsed = time.perf_counter() - start
print(f"10,000 resamples, n = 56, k = 3: {elapsed:.3f} s ({result.n_used} usable)")
