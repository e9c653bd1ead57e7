"""The floor for re-executing the compendium: one plain Python process.

Imports the notebooks' stack once and runs the code cells of every notebook
in order, each notebook in a fresh namespace, with no kernel, no papermill and
no notebook files written: the least any way of re-executing the same
computations could cost.  ``bench_pipeline.py`` times it beside ``make all``.

Usage: python tests/benchmarks/floor.py OUT_DIR
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]


def main(out_dir: str) -> None:
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    os.chdir(ROOT / "notebooks")  # the notebooks' relative paths start there
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
                    namespace["out_dir"] = out_dir  # never touch the committed results
        import matplotlib.pyplot as plt

        plt.close("all")


if __name__ == "__main__":
    main(sys.argv[1])
