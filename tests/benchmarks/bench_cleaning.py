"""Timing of cleaning at scale (a script, not a test: run it with the venv's python).

1,000,000 respondents x 40 items should clean in a few seconds, whether the
answers are numbers or (for a quarter of the items) text labels such as "SS".
"""

import time

import numpy as np
import pandas as pd

from surveykit import cleaning
from surveykit.codebook import codebook_from_dict

N_RESPONDENTS, N_CONSTRUCTS, ITEMS_PER_CONSTRUCT = 1_000_000, 4, 10
codes = ["STS", "TS", "N", "S", "SS"]
codebook = codebook_from_dict({
    "respondent_id": "id",
    "scale": {"min": 1, "max": 5, "labels": [{"value": v, "code": c} for v, c in zip(range(1, 6), codes)]},
    "constructs": [
        {"key": f"C{c}", "role": "dependent" if c == 0 else "predictor",
         "indicators": [{"key": f"i{c}", "items": [f"X{c}_{j}" for j in range(ITEMS_PER_CONSTRUCT)]}]}
        for c in range(N_CONSTRUCTS)
    ],
})
rng = np.random.default_rng(1)
numbers = pd.DataFrame(rng.integers(1, 6, size=(N_RESPONDENTS, len(codebook.items))), columns=list(codebook.items))
numbers.insert(0, "id", np.arange(N_RESPONDENTS))
texts = numbers.copy()
labels = np.array(codes, dtype=object)
for column in list(codebook.items)[:ITEMS_PER_CONSTRUCT]:
    texts[column] = labels[numbers[column].to_numpy() - 1]

for name, raw in (("numbers", numbers), ("a quarter as text labels", texts)):
    start = time.perf_counter()
    result = cleaning.clean(raw, codebook, source="benchmark")
    elapsed = time.perf_counter() - start
    print(f"{N_RESPONDENTS:,} x {len(codebook.items)} items, {name}: {elapsed:.2f} s "
          f"({result.n_respondents:,} kept)")
