"""CPU seconds of the study's HTML report, per edition (a script, never collected by pytest).

    .venv/bin/python tests/benchmarks/bench_report.py [repeats]

Builds the English report (notebooks/) and the Indonesian one (results/id/notebooks) into a
temporary folder with surveykit.report.build_report, ``repeats`` times each (default 3), and
prints the median CPU seconds (time.process_time) of one build, with the load average beside it.
nbconvert and the report module are imported first, so the figure is the rendering alone.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbconvert  # noqa: F401  (imported before timing)

from surveykit import report

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = {
    "en": (ROOT / "notebooks", ROOT / "results", ""),
    "id": (ROOT / "results" / "id" / "notebooks", ROOT / "results" / "id", "../../report/index.html"),
}


def main(repeats: int) -> None:
    for edition, (notebooks, results, other) in EDITIONS.items():
        seconds = []
        with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
            for _ in range(repeats):
                start = time.process_time()
                report.build_report(notebooks_dir=notebooks, out_dir=Path(tmp) / "report", results_dir=results,
                                    codebook_path=ROOT / "data" / "codebook.yml",
                                    reported_path=ROOT / "data" / "paper" / "reported.yml", other_edition=other)
                seconds.append(time.process_time() - start)
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"build_report ({edition}): median {statistics.median(seconds):.2f} s CPU of {repeats} "
              f"({', '.join(f'{s:.2f}' for s in seconds)}); load average {load}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
