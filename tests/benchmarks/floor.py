"""The floor for re-executing the compendium: one plain Python process.

Imports the notebooks' stack once and runs the code cells of every notebook
in order, each notebook in a fresh namespace, with no kernel, no papermill and
no notebook files written: the least any way of re-executing the same
computations could cost.  Every computation, table and figure of the notebooks
is made, then the HTML report and the thesis tables are built from them, once
per edition asked for (``--languages``, default both: English into OUT_DIR,
Indonesian into OUT_DIR/id, as ``make all`` builds results/ and results/id/).
The report renders the committed executed notebooks of the edition (the floor
writes none; they are what ``make all`` would give it).  ``bench_pipeline.py``
times it beside ``make all``.

Usage: python tests/benchmarks/floor.py OUT_DIR [--languages en,id]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]


def main(out_dir: str, languages: list[str]) -> None:
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    out_dir = os.path.abspath(out_dir)
    os.chdir(ROOT / "notebooks")  # the notebooks' relative paths start there
    for language in languages:
        # Never the committed results; English with the notebooks' default language, as the study's make all runs.
        parameters = ({"out_dir": out_dir} if language == "en"
                      else {"out_dir": os.path.join(out_dir, language), "language": language})
        for path in notebooks:
            cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
            from IPython.display import display  # a kernel's builtin, which notebooks may use unimported

            namespace: dict = {"__name__": "__main__", "display": display}
            with contextlib.redirect_stdout(io.StringIO()):
                for cell in cells:
                    if cell["cell_type"] != "code":
                        continue
                    exec(compile("".join(cell["source"]), f"{path.name}", "exec"), namespace)
                    if "parameters" in cell.get("metadata", {}).get("tags", []):
                        namespace.update(parameters)
            import matplotlib.pyplot as plt

            plt.close("all")
        build_report_and_thesis(parameters["out_dir"], language)


def build_report_and_thesis(out_dir: str, language: str) -> None:
    """What `make all` builds after the notebooks: the HTML report and the thesis tables (Word, Excel)."""
    from surveykit import thesis
    from surveykit.report import build_report

    executed = ROOT / "notebooks" if language == "en" else ROOT / "results" / language / "notebooks"
    build_report(notebooks_dir=executed, out_dir=os.path.join(out_dir, "report"), results_dir=out_dir,
                 codebook_path=ROOT / "data" / "codebook.yml", reported_path=ROOT / "data" / "paper" / "reported.yml")
    with contextlib.redirect_stdout(io.StringIO()):
        thesis.main(["--results", out_dir, "--out", os.path.join(out_dir, "thesis"),
                     "--codebook", str(ROOT / "data" / "codebook.yml"), "--language", language])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--languages", default="en,id", help="editions, comma-separated (default en,id)")
    args = parser.parse_args()
    main(args.out_dir, [language for language in args.languages.split(",") if language])
