"""Timing of `make check` on a 10,000-row file (a script, not a test: run it with the venv's python).

`python -m surveykit.check` must validate a codebook and 10,000 respondents x 40 items in under 2 s, in
one plain process (imports included), for a sound file and for a file with a problem in every column.
Prints the median wall time of 3 runs and its CPU time (user + system), which a busy machine inflates less.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

N_RESPONDENTS, N_CONSTRUCTS, ITEMS_PER_CONSTRUCT, RUNS = 10_000, 4, 10, 3
LIMIT_SECONDS = 2.0


def _write_inputs(folder: Path) -> tuple[Path, Path, Path]:
    codes = ["STS", "TS", "N", "S", "SS"]
    codebook = {
        "respondent_id": "id",
        "scale": {"min": 1, "max": 5, "labels": [{"value": v, "code": c} for v, c in zip(range(1, 6), codes)]},
        "constructs": [
            {"key": f"C{c}", "role": "dependent" if c == 0 else "predictor",
             "indicators": [{"key": f"i{c}", "items": [f"X{c}_{j}" for j in range(ITEMS_PER_CONSTRUCT)]}]}
            for c in range(N_CONSTRUCTS)],
    }
    items = [item for c in codebook["constructs"] for item in c["indicators"][0]["items"]]
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(rng.integers(1, 6, size=(N_RESPONDENTS, len(items))), columns=items).astype(object)
    for column in items[:ITEMS_PER_CONSTRUCT]:  # a quarter as text labels, as forms export them
        frame[column] = np.array(codes, dtype=object)[frame[column].to_numpy(dtype=int) - 1]
    frame.insert(0, "id", [f"R{i:05d}" for i in range(1, N_RESPONDENTS + 1)])
    (folder / "codebook.yml").write_text(yaml.safe_dump(codebook), encoding="utf-8")
    frame.to_csv(folder / "sound.csv", index=False)
    broken = frame.copy()
    for j, column in enumerate(items):  # one invalid answer in every item column
        broken.loc[(j * 251) % N_RESPONDENTS, column] = "7"
    broken.to_csv(folder / "broken.csv", index=False)
    return folder / "codebook.yml", folder / "sound.csv", folder / "broken.csv"


def _time(data: Path, codebook: Path) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "surveykit.check", "--data", str(data), "--codebook", str(codebook)],
                         capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, len(run.stderr.splitlines()) - 1 if run.returncode else 0


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        codebook, sound, broken = _write_inputs(Path(tmp))
        slow = False
        for name, data in (("sound", sound), ("a problem in each of 40 columns", broken)):
            runs = [_time(data, codebook) for _ in range(RUNS)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            slow |= cpu > LIMIT_SECONDS
            print(f"make check, {N_RESPONDENTS:,} rows x {N_CONSTRUCTS * ITEMS_PER_CONSTRUCT} items, {name}: "
                  f"{wall:.2f} s wall, {cpu:.2f} s CPU (median of {RUNS}); {runs[0][2]} problem line(s)")
    print(f"{'SLOW: over' if slow else 'within'} the limit of {LIMIT_SECONDS} s of CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
