"""Benchmark: seconds for the reconstruction search to meet every printed target, per seed.

    .venv/bin/python tests/benchmarks/bench_reconstruction.py [--seeds 1 2 3 4 5 6] [--pl-items 25]

Not collected by pytest (not a timed test).  For each seed it runs
:func:`surveykit.reconstruction.reconstruct` on the study's codebook and
reported numbers, checks every target with the analysis functions, and
prints wall-clock seconds, restarts and annealing batches; then the median.
``--pl-items K`` reshapes the training scale to K items (5 indicators of K/5
items, all copies) to compare scale lengths; seeds that exhaust
``--max-attempts`` are reported as failures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    from surveykit import reconstruction as rc
    from surveykit.codebook import codebook_from_dict
    from surveykit.reported import load_reported

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5, 6])
    parser.add_argument("--pl-items", type=int, default=None, help="training items (multiple of 5)")
    parser.add_argument("--max-attempts", type=int, default=rc.Settings.max_attempts)
    args = parser.parse_args(argv)

    raw = yaml.safe_load((ROOT / "data" / "codebook.yml").read_text(encoding="utf-8"))
    if args.pl_items:
        training = next(c for c in raw["constructs"] if c["key"] == "PL")
        per = args.pl_items // len(training["indicators"])
        start = 1
        for ind in training["indicators"]:
            ind["items"] = [f"PL{j}" for j in range(start, start + per)]
            start += per
    codebook = codebook_from_dict(raw)
    reported = load_reported(ROOT / "data" / "paper" / "reported.yml")
    k = len(codebook.construct("PL").items)
    print(f"training items: {k}; seeds: {args.seeds}")
    seconds = []
    for seed in args.seeds:
        settings = rc.Settings(seed=seed, max_attempts=args.max_attempts)
        start = time.perf_counter()
        try:
            result = rc.reconstruct(codebook, reported, settings=settings)
        except RuntimeError:
            elapsed = time.perf_counter() - start
            print(f"seed {seed:>4}: FAILED after {elapsed:6.1f} s ({args.max_attempts} attempts)", flush=True)
            seconds.append(float("inf"))
            continue
        elapsed = time.perf_counter() - start
        table = rc.target_table(result.data, codebook, reported)
        met = int((table["verdict"] == "match").sum())
        print(f"seed {seed:>4}: {elapsed:6.1f} s  attempts {result.attempts}  "
              f"batches (totals/items) {result.batches_totals}/{result.batches_items}  "
              f"targets met {met}/{len(table)}", flush=True)
        seconds.append(elapsed)
    print(f"median {statistics.median(seconds):.1f} s over {len(seconds)} seeds; "
          f"max {max(seconds):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
