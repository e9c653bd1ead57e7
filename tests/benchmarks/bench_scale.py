"""How cleaning, instrument testing and the regression scale with the number of respondents.

A script, not a test.  For n = 10^3 ... 10^6 respondents x 40 items (four
constructs of ten items, one dependent), each size in a fresh process, it
times (after imports) the lib functions the notebooks call:
``cleaning.clean``, ``validity.item_total_correlations`` and
``reliability.cronbach_alpha`` / ``item_total_statistics`` per construct,
``scoring.construct_scores`` and ``regression.linear_regression``, and
reports the process's peak resident memory.

Usage: python tests/benchmarks/bench_scale.py [--sizes 1000 10000 100000 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

N_CONSTRUCTS, ITEMS_PER_CONSTRUCT = 4, 10


def one_size(n: int) -> dict:
    import resource

    import numpy as np
    import pandas as pd
    import scipy.linalg  # noqa: F401  (timed "after import": the lib imports these lazily)
    import scipy.optimize  # noqa: F401
    import scipy.stats  # noqa: F401

    from surveykit import cleaning, regression, reliability, scoring, validity
    from surveykit.codebook import codebook_from_dict

    codebook = codebook_from_dict({
        "respondent_id": "id",
        "scale": {"min": 1, "max": 5},
        "constructs": [
            {"key": f"C{c}", "role": "dependent" if c == 0 else "predictor",
             "indicators": [{"key": f"i{c}", "items": [f"X{c}_{j}" for j in range(ITEMS_PER_CONSTRUCT)]}]}
            for c in range(N_CONSTRUCTS)
        ],
    })
    rng = np.random.default_rng(20250501)
    # Correlated answers (a common factor per respondent), so alpha and R^2 are not trivial.
    factor = rng.normal(size=n)
    raw = pd.DataFrame({"id": np.arange(n)})
    for item in codebook.items:  # column by column: the generator's own memory stays small
        raw[item] = np.clip(np.rint(3 + factor + rng.normal(size=n)), 1, 5).astype(np.int64)
    del factor

    start = time.perf_counter()
    cleaned = cleaning.clean(raw, codebook, source="benchmark").data
    t_clean = time.perf_counter() - start

    start = time.perf_counter()
    for construct in codebook.constructs:
        items = list(construct.items)
        validity.item_total_correlations(cleaned, items)
        reliability.cronbach_alpha(cleaned, items)
        reliability.item_total_statistics(cleaned, items)
    t_instrument = time.perf_counter() - start

    start = time.perf_counter()
    scores = scoring.construct_scores(cleaned[list(codebook.items)], codebook)
    regression.linear_regression(scores, codebook.dependent.key, [c.key for c in codebook.predictors])
    t_regression = time.perf_counter() - start

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "clean": t_clean, "instrument": t_instrument, "regression": t_regression,
            "total": t_clean + t_instrument + t_regression, "peak_mib": peak_mib}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one)))
        return
    print(f"{'n':>10} {'clean s':>8} {'instr. s':>8} {'regr. s':>8} {'total s':>8} {'peak MiB':>9}  "
          f"load  (median of {args.runs}, 40 items; load average over the last minute after the runs)")
    for n in args.sizes:
        runs = [json.loads(subprocess.run([sys.executable, __file__, "--one", str(n)], check=True,
                                          capture_output=True, text=True).stdout) for _ in range(args.runs)]
        med = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        print(f"{n:>10,} {med['clean']:>8.2f} {med['instrument']:>8.2f} {med['regression']:>8.2f} "
              f"{med['total']:>8.2f} {med['peak_mib']:>9.0f}  {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
