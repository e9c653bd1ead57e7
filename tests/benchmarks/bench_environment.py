"""The first step of a fresh clone: building .venv, from empty package caches.

A script, not a test (``make bench`` runs it).  Copies the files the build
reads (Makefile, environment.yml, lib/) into a temporary folder, points uv's
and pip's caches at empty temporary folders, and times ``make env`` there:
what a new user waits for on a fresh machine, downloads included.  With
``--pip`` it also times the plain-pip fallback (minutes; off by default).

Usage: python tests/benchmarks/bench_environment.py [--runs 1] [--pip]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_once(*, use_pip: bool) -> float:
    work = Path(tempfile.mkdtemp(prefix="compendium-env-bench-"))
    try:
        shutil.copy2(ROOT / "Makefile", work / "Makefile")
        shutil.copy2(ROOT / "environment.yml", work / "environment.yml")
        shutil.copytree(ROOT / "lib", work / "lib", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        env = dict(os.environ, UV_CACHE_DIR=str(work / "uv-cache"), PIP_CACHE_DIR=str(work / "pip-cache"),
                   PIP_NO_CACHE_DIR="1", PYTHON=os.environ.get("PYTHON", "python3"))
        if use_pip:
            # The fallback: make uv's own installation fail, so the Makefile installs with pip.
            env["PIP_CONSTRAINT"] = str(work / "no-uv.txt")
            (work / "no-uv.txt").write_text("uv<0\n", encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(["make", "env"], cwd=work, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--pip", action="store_true", help="also time the plain-pip fallback")
    args = parser.parse_args()
    pins = sum(1 for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
               if line.startswith("      - ") and "==" in line)
    uv = statistics.median(build_once(use_pip=False) for _ in range(args.runs))
    print(f"make env from empty caches, {pins} pins, uv   {uv:6.1f} s  (median of {args.runs})")
    if args.pip:
        pip = statistics.median(build_once(use_pip=True) for _ in range(args.runs))
        print(f"make env from empty caches, {pins} pins, pip  {pip:6.1f} s  (median of {args.runs})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
