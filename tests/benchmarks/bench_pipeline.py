"""Re-execution cost of the compendium, measured side by side with its floor.

A script, not a test (``make bench`` runs it).  Prints, each the median of
``--runs`` runs on this checkout with the environment already built:

- floor: one plain Python process that imports the stack once and runs every
  notebook's code cells (``floor.py``);
- cold ``make all``: every notebook, table, figure and the report, into a
  fresh output folder (the committed results are not touched);
- the ratio cold / floor;
- no-op ``make all``: the same command again, nothing to do;
- ``make test``: the whole test suite, wall clock and CPU seconds (user + system, all processes)
  (``--skip-tests`` leaves it out).

Usage: python tests/benchmarks/bench_pipeline.py [--runs 3] [--skip-tests]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def timed(command: list[str], *, cpu: list[float] | None = None, **kwargs) -> float:
    """Wall-clock seconds of ``command``; with ``cpu``, also append the CPU seconds (user + system) it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    took = time.perf_counter() - start
    if cpu is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-tests", action="store_true")
    args = parser.parse_args()

    floor, cold, noop, tests, tests_cpu = [], [], [], [], []
    for _ in range(args.runs):
        work = Path(tempfile.mkdtemp(prefix="compendium-bench-"))
        try:
            floor.append(timed([sys.executable, str(ROOT / "tests/benchmarks/floor.py"), str(work / "floor")]))
            out = f"OUT={work / 'out'}"
            cold.append(timed(["make", "all", out]))
            noop.append(timed(["make", "all", out]))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if not args.skip_tests:
        tests = [timed(["make", "test"], cpu=tests_cpu) for _ in range(args.runs)]

    median = statistics.median
    print(f"median of {args.runs} runs")
    print(f"floor (one process, same computations)   {median(floor):6.1f} s")
    print(f"cold make all (notebooks, tables, report) {median(cold):6.1f} s   ratio {median(cold) / median(floor):.1f}x floor")
    print(f"no-op make all                            {median(noop):6.2f} s")
    if tests:
        # CPU seconds beside the wall clock: on a shared machine the wall clock also counts the others' work.
        print(f"make test (whole suite)                   {median(tests):6.1f} s   CPU {median(tests_cpu):.0f} s")


if __name__ == "__main__":
    main()
