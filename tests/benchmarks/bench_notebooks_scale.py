"""How the own-data path (``make all DATA=... CODEBOOK=... OUT=...``) scales with the number of respondents.

A script, not a test.  For each n it writes, into a temporary folder, a
SYNTHETIC survey (seeded): a CSV with a respondent id and 40 Likert items,
four constructs of ten items (one dependent, three predictors), and a
codebook marked ``data_status: synthetic``.  It then runs

    make all DATA=<tmp>/responses.csv CODEBOOK=<tmp>/codebook.yml OUT=<tmp>/out

from the repository root (notebooks 01-06 and the HTML report, exactly what a
user running their own questionnaire gets) and reports:

* wall seconds of the whole ``make all`` (including starting the driver and
  the kernels and importing the stack, so it is NOT "after import": subtract
  the n = 1,000 row for the fixed cost), and the CPU seconds (user + system)
  of its whole process tree, which depend less on what else the shared
  machine runs (every process of the tree is waited for, so
  ``RUSAGE_CHILDREN`` counts them all);
* peak memory: the largest SUM of resident set sizes over the whole process
  tree under make (make, the papermill driver, every kernel running side by
  side, the report renderer), sampled with psutil every 50 ms.  Sampling can
  miss a peak shorter than the interval, so this is a lower bound of the true
  peak; ``--interval`` makes it finer.  Shared pages (the same library mapped
  in two kernels) are counted once per process, so the sum over-states the
  physical memory in use: the two errors go in opposite directions and the
  figure is what the machine must be able to hold.  The largest single
  process's peak RSS (sampled the same way) is printed beside it: the kernels
  run one notebook at a time each, so this is the heaviest notebook.

Usage: python tests/benchmarks/bench_notebooks_scale.py [--sizes 1000 10000 100000 1000000] [--runs 1]
       [--keep DIR]   (keep the synthetic inputs and outputs of the last size under DIR)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parents[2]
N_CONSTRUCTS, ITEMS_PER_CONSTRUCT = 4, 10
SEED = 20250501

CODEBOOK = """\
# SYNTHETIC survey written by tests/benchmarks/bench_notebooks_scale.py (seed {seed}):
# {n} respondents, four constructs of ten items driven by one common factor.
study:
  title: "Synthetic survey of {n} respondents (scaling benchmark)"
  title_id: "Survei sintetis {n} responden (uji skala)"
  data_status: synthetic
respondent_id: id
missing: drop_respondent
composite: sum
scale:
  min: 1
  max: 5
  labels:
    - {{value: 1, code: STS, id: Sangat Tidak Setuju, en: Strongly disagree}}
    - {{value: 2, code: TS, id: Tidak Setuju, en: Disagree}}
    - {{value: 3, code: N, id: Netral, en: Neutral}}
    - {{value: 4, code: S, id: Setuju, en: Agree}}
    - {{value: 5, code: SS, id: Sangat Setuju, en: Strongly agree}}
constructs:
{constructs}"""


def write_survey(folder: Path, n: int) -> tuple[Path, Path]:
    """Write ``responses.csv`` and ``codebook.yml`` of a seeded synthetic survey of ``n`` respondents."""
    constructs = []
    for c in range(N_CONSTRUCTS):
        role = "dependent" if c == 0 else "predictor"
        indicators = []
        for half in range(2):  # two indicators of five items each
            items = ", ".join(f"C{c}_{j + 1}" for j in range(half * 5, half * 5 + 5))
            indicators.append(f"      - {{key: c{c}_ind{half + 1}, en: Indicator {half + 1}, "
                              f"id: Indikator {half + 1}, items: [{items}]}}")
        constructs.append(f"  - key: C{c}\n    role: {role}\n    en: Construct {c}\n    id: Konstruk {c}\n"
                          "    indicators:\n" + "\n".join(indicators))
    codebook = folder / "codebook.yml"
    codebook.write_text(CODEBOOK.format(seed=SEED, n=n, constructs="\n".join(constructs) + "\n"))

    rng = np.random.default_rng(SEED)
    factor = rng.normal(size=n)
    columns = [np.arange(1, n + 1)]
    for _ in range(N_CONSTRUCTS):
        # Each construct: the common factor plus its own factor, so the predictors are
        # correlated but not collinear and R^2 is not trivial.
        own = rng.normal(size=n)
        for _ in range(ITEMS_PER_CONSTRUCT):
            columns.append(np.clip(np.rint(3 + 0.6 * factor + 0.6 * own + rng.normal(size=n)), 1, 5).astype(np.int8))
    header = ["id"] + [f"C{c}_{j + 1}" for c in range(N_CONSTRUCTS) for j in range(ITEMS_PER_CONSTRUCT)]
    data = np.column_stack(columns)
    csv = folder / "responses.csv"
    with open(csv, "w") as handle:
        handle.write(",".join(header) + "\n")
        np.savetxt(handle, data, fmt="%d", delimiter=",")
    return csv, codebook


class TreeSampler(threading.Thread):
    """Largest sum of RSS over a process and all its descendants, sampled every ``interval`` s."""

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.root, self.interval, self.done = psutil.Process(pid), interval, threading.Event()
        self.peak = self.peak_single = 0
        self.at_peak: list[tuple[int, str]] = []  # (MiB, what) of every process when the sum peaked

    def run(self) -> None:
        while not self.done.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            total, seen = 0, []
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                    seen.append((rss // 2**20, " ".join(proc.cmdline()[1:4])[:70]))
                except psutil.Error:
                    continue
                total += rss
                self.peak_single = max(self.peak_single, rss)
            if total > self.peak:
                self.peak, self.at_peak = total, seen
            self.done.wait(self.interval)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(n: int, folder: Path, interval: float, show_peak: bool = False) -> tuple[float, float, float, float]:
    """Seconds, CPU seconds, peak MiB of the tree and of its largest process, of one own-data ``make all``."""
    csv, codebook = write_survey(folder, n)
    out = folder / "out"
    shutil.rmtree(out, ignore_errors=True)
    start, cpu_start = time.perf_counter(), _children_cpu()
    make = subprocess.Popen(["make", "all", f"DATA={csv}", f"CODEBOOK={codebook}", f"OUT={out}"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = TreeSampler(make.pid, interval)
    sampler.start()
    try:
        log, _ = make.communicate()
    except BaseException:  # interrupted: stop what this run started (make's children first)
        for proc in sampler.root.children(recursive=True) + [sampler.root]:
            try:
                proc.kill()
            except psutil.Error:
                pass
        raise
    seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu_start
    sampler.done.set()
    sampler.join()
    if make.returncode != 0:
        raise SystemExit(f"make all failed for n = {n}:\n{log[-4000:]}")
    if show_peak:
        print("\n".join(f"    {mib:>6} MiB  {what}" for mib, what in sampler.at_peak), flush=True)
    return seconds, cpu, sampler.peak / 2**20, sampler.peak_single / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--keep", type=Path, help="keep the last size's inputs and outputs here")
    parser.add_argument("--show-peak", action="store_true", help="list the processes when the summed RSS peaked")
    args = parser.parse_args()
    print(f"{'n':>10} {'make all s':>10} {'CPU s':>6} {'tree MiB':>9} {'process MiB':>11}  load  (own-data path, "
          f"notebooks 01-06 + report, 40 items, median of {args.runs}; CPU of the whole tree; peak RSS summed over "
          "the process tree / of its largest process; load average over the last minute after the runs)",
          flush=True)
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench_nb_{n}_") as tmp:
            folder = Path(tmp)
            runs = [one_run(n, folder, args.interval, args.show_peak) for _ in range(args.runs)]
            if args.keep:
                shutil.rmtree(args.keep, ignore_errors=True)
                shutil.copytree(folder, args.keep)
        print(f"{n:>10,} {statistics.median(r[0] for r in runs):>10.1f} {statistics.median(r[1] for r in runs):>6.1f} "
              f"{statistics.median(r[2] for r in runs):>9.0f} {statistics.median(r[3] for r in runs):>11.0f}  "
              f"{os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
