"""Run the compendium's notebooks with papermill and make their bytes reproducible.

``python -m surveykit.execute NOTEBOOK [...] [--output-dir DIR] [-p NAME VALUE ...]``

Each notebook is executed with its own folder as working directory (as
nbval and JupyterLab do, so relative paths mean the same everywhere) and
written to ``--output-dir`` (default: in place).  Volatile metadata that
papermill and nbclient record (start and end times, durations) are removed,
so an unchanged analysis rewrites identical bytes.

Several notebooks given on one command line run in this one process, so the
cost of importing papermill and nbformat is paid once.

A :class:`~surveykit.errors.DataError` raised inside a notebook is reported
as its one-line message (file, row, column, what to do) with exit status 2,
not as a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_VOLATILE_CELL_KEYS = ("papermill", "execution")


def strip_volatile(nb) -> None:
    """Remove timings and other run-dependent metadata from an executed notebook, in place."""
    meta = nb.metadata
    meta.pop("papermill", None)
    for cell in nb.cells:
        for key in _VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)


def execute_notebook(
    source: Path,
    output: Path,
    parameters: dict[str, str] | None = None,
    *,
    kernel_name: str = "python3",
) -> None:
    """Execute ``source`` with papermill into ``output`` and strip volatile metadata."""
    import nbformat
    import papermill as pm

    source = Path(source).resolve()
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.running")
    try:
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters=parameters or None,
            cwd=str(source.parent),
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
        )
    finally:
        if tmp.exists():
            nb = nbformat.read(tmp, as_version=4)
            strip_volatile(nb)
            nbformat.write(nb, tmp)
            tmp.replace(output)


def _user_error(exc: BaseException) -> str | None:
    """The one-line message of a DataError raised inside a notebook, if that is what failed."""
    ename = getattr(exc, "ename", "")
    if ename in {"DataError", "CodebookError", "NotDefinedError"}:
        return _ANSI.sub("", str(getattr(exc, "evalue", exc)))
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--output-dir", type=Path, default=None,
                        help="where executed notebooks are written (default: in place)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                        metavar=("NAME", "VALUE"), help="papermill parameter (string value)")
    args = parser.parse_args(argv)
    parameters = dict(args.parameter)
    for source in args.notebooks:
        output = (args.output_dir or source.parent) / source.name
        print(f"running {source} -> {output}", file=sys.stderr, flush=True)
        try:
            execute_notebook(source, output, parameters)
        except Exception as exc:  # papermill wraps the kernel's exception
            message = _user_error(exc)
            if message is None:
                raise
            print(f"\n{source.name} stopped: {message}", file=sys.stderr)
            print(f"(the executed notebook, with the failing cell, is at {output})", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
