"""Re-execution cost of the compendium, measured side by side with its floor.

A script, not a test (``make bench`` runs it).  Prints, each the median of
``--runs`` runs on this checkout with the environment already built:

- floor: one plain Python process that imports the stack once, runs every
  notebook's code cells and builds the report and thesis tables, for both editions,
  English and Indonesian (``floor.py``);
- cold ``make all`` of both editions, as the study's ``make all`` builds results/ and results/id/:
  every notebook, table, figure, report and thesis export, into fresh output folders
  (``OUT=<tmp>/en``, then ``OUT=<tmp>/id LANGUAGE=id``; the committed results are not touched);
- the ratio cold / floor;
- no-op ``make all``: the same commands again, nothing to do;
- ``make test``: the whole test suite, wall clock and CPU seconds (user + system, all processes)
  (``--skip-tests`` leaves it out).

The machine's load average (1 minute) is printed beside each figure: on a shared machine the
wall clock also counts the others' work.

Usage: python tests/benchmarks/bench_pipeline.py [--runs 3] [--skip-tests]
"""

from __future__ import annotations

import argparse
import os
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
    load = {"floor": [], "cold": [], "tests": []}
    editions = (["OUT={}/en"], ["OUT={}/id", "LANGUAGE=id"])
    for _ in range(args.runs):
        work = Path(tempfile.mkdtemp(prefix="compendium-bench-"))
        try:
            load["floor"].append(os.getloadavg()[0])
            floor.append(timed([sys.executable, str(ROOT / "tests/benchmarks/floor.py"), str(work / "floor")]))
            commands = [["make", "all", *(word.format(work) for word in edition)] for edition in editions]
            load["cold"].append(os.getloadavg()[0])
            cold.append(sum(timed(command) for command in commands))
            noop.append(sum(timed(command) for command in commands))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if not args.skip_tests:
        for _ in range(args.runs):
            load["tests"].append(os.getloadavg()[0])
            tests.append(timed(["make", "test"], cpu=tests_cpu))

    median = statistics.median
    print(f"median of {args.runs} runs; load: the machine's 1-minute load average when each measure started")
    print(f"floor (one process, both editions)          {median(floor):6.1f} s   load {median(load['floor']):.1f}")
    print(f"cold make all (both editions)               {median(cold):6.1f} s   ratio {median(cold) / median(floor):.2f}x floor"
          f"   load {median(load['cold']):.1f}")
    print(f"no-op make all (both editions)              {median(noop):6.2f} s")
    if tests:
        print(f"make test (whole suite)                     {median(tests):6.1f} s   CPU {median(tests_cpu):.0f} s"
              f"   load {median(load['tests']):.1f}")


if __name__ == "__main__":
    main()
