"""Run the compendium's notebooks with papermill and make their bytes reproducible.

``python -m surveykit.execute NOTEBOOK [...] [--output-dir DIR] [-p NAME VALUE ...]``

Each notebook is parameterised and executed by papermill with the notebook's
own folder as working directory (as nbval and JupyterLab do, so relative
paths mean the same everywhere) and written to ``--output-dir`` (default: in
place).  Volatile metadata (start and end times, durations) are removed and
execution counts renumbered from 1, so an unchanged analysis rewrites
identical bytes.

Speed.  Nearly all the time of re-executing a notebook of a 56-row analysis is
overhead: starting a kernel and importing pandas, SciPy, statsmodels and
matplotlib in it.  So the notebooks of one command run in a small pool of
worker processes (``--workers``, default 2 = this machine's cores), each
keeping one warm kernel for all the notebooks it runs; between two notebooks
the kernel's namespace, matplotlib settings, pandas options and warning
filters are reset to their state at start-up.  ``--stage`` groups notebooks
that may run side by side; stages run in order (the Makefile passes the
cleaning notebook as the first stage, as every later notebook reads its
output).  That reuse cannot change an output unnoticed: nbval re-executes
every committed notebook in a fresh kernel and compares.

Language.  With ``-p language id`` the notebook's sentences are written in
Indonesian by the kernel (:func:`surveykit.notebook.setup`), and its Markdown
cells are translated here after execution, block by block, from the
catalogues (:func:`surveykit.i18n.translate_markdown`); a block without a
translation stops the run.  An executed notebook in another language than
English records it in ``metadata.surveykit.language``, which the report reads.

A :class:`~surveykit.errors.DataError` raised inside a notebook is reported
as its one-line message (file, row, column, what to do) with exit status 2,
not as a traceback.

No path of the machine in the outputs.  The path parameters (``data_path``,
``codebook_path``, ``reported_path``, ``out_dir``) are resolved against the
current directory before the run, and every executed notebook is then
rewritten to show them relative to ``out_dir`` (inputs by their file name),
with the repository and the home folder shortened likewise
(:func:`redact_paths`), so that neither the notebooks nor the HTML rendered
from them name a folder of the user's machine.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_VOLATILE_CELL_KEYS = ("papermill", "execution")
#: Notebook parameters that are paths: resolved before the run, shown relative in the outputs.
PATH_PARAMETERS = ("data_path", "codebook_path", "reported_path", "out_dir")
_REPO_ROOT = Path(__file__).resolve().parents[2]
_REDACTED_NOTE = ("# Paths as make passed them, shown relative to OUT (out_dir) or by file name: "
                  "the outputs name no folder of the machine that ran them.\n")

# Imported silently when a worker's kernel starts, so notebooks find them loaded.
_WARM_UP = """
import numpy, pandas, scipy.stats, scipy.linalg, matplotlib, yaml
import matplotlib.pyplot
import warnings as _warnings
import numpy as _np
_warnings._surveykit_filters = list(_warnings.filters)
_np._surveykit_printoptions = _np.get_printoptions()
"""

# Run silently between two notebooks in one kernel: back to the start-up state.  One shell reset at the
# end clears the previous notebook's names and these helpers' alike and collects garbage once (the
# `%reset -f` magic, run twice, collected it four times: 0.4 s of CPU between every two notebooks).
_RESET = """
import warnings as _warnings, matplotlib as _mpl, matplotlib.pyplot as _plt, numpy as _np, pandas as _pd
_plt.close("all")
with _warnings.catch_warnings():
    _warnings.simplefilter("ignore")
    _mpl.rcdefaults()  # keeps the inline backend
    _pd.reset_option("all")
_np.set_printoptions(**_np._surveykit_printoptions)
_warnings.filters[:] = _warnings._surveykit_filters
_warnings._filters_mutated()
get_ipython().reset(new_session=False)
# What the notebook freed goes back to the system: glibc's heap and Arrow's pool (pandas' text columns) keep it
# otherwise, up to a GiB after a notebook on 10^6 respondents, for the rest of the run.
__import__("pyarrow").default_memory_pool().release_unused()
try:
    __import__("ctypes").CDLL("libc.so.6").malloc_trim(0)
except (OSError, AttributeError):  # not glibc: nothing to do
    pass
"""


def strip_volatile(nb) -> None:
    """Remove run-dependent metadata from an executed notebook, in place.

    Drops papermill's and nbclient's timings, gives the cell papermill
    injects a fixed id, and renumbers execution counts 1, 2, ... in cell
    order, as a fresh kernel numbers them.
    """
    nb.metadata.pop("papermill", None)
    count = 0
    for cell in nb.cells:
        for key in _VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill draws a random id for it
        if cell.cell_type == "code" and cell.get("execution_count") is not None:
            count += 1
            cell.execution_count = count
            for output in cell.get("outputs", []):
                if output.get("output_type") == "execute_result":
                    output["execution_count"] = count


def path_redactions(parameters: dict[str, str]) -> dict[str, str]:
    """Absolute path -> what the outputs show instead, longest path first.

    ``out_dir`` becomes ``.`` (and paths under it relative to it), an input
    file its bare name, the repository root and the home folder are dropped
    or shortened to ``~``.
    """
    def spellings(path: str) -> set[str]:  # as given and with symbolic links resolved
        return {path.rstrip("/"), str(Path(path).resolve())}

    redactions: dict[str, str] = {}
    out = parameters.get("out_dir", "")
    if out and Path(out).is_absolute():
        for spelling in spellings(out):
            redactions[spelling + "/"] = ""
            redactions[spelling] = "."
    for name in ("data_path", "codebook_path", "reported_path"):
        value = parameters.get(name, "")
        if value and Path(value).is_absolute():
            for spelling in spellings(value):
                redactions[spelling] = Path(value).name
    redactions[str(_REPO_ROOT) + "/"] = ""
    home = str(Path.home())
    if home not in ("/", ""):
        for spelling in spellings(home):
            redactions[spelling + "/"] = "~/"
    return dict(sorted(redactions.items(), key=lambda item: (-len(item[0]), item[0])))


def redact_paths(nb, redactions: dict[str, str]) -> None:
    """Replace each absolute path of ``redactions`` in every cell source and output, in place."""
    if not redactions:
        return
    pattern = re.compile("|".join(re.escape(path) for path in redactions))

    def clean(value):
        if isinstance(value, str):
            return pattern.sub(lambda match: redactions[match.group(0)], value)
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, dict):
            for key in value:
                value[key] = clean(value[key])
        return value

    for cell in nb.cells:
        before = cell.source
        cell.source = clean(cell.source)
        if cell.source != before and "injected-parameters" in cell.metadata.get("tags", []):
            cell.source = _REDACTED_NOTE + cell.source
        for output in cell.get("outputs", []):
            clean(output)


def translate_cells(nb, language: str) -> None:
    """Translate every Markdown cell of ``nb`` into ``language`` and record the language, in place."""
    from .i18n import SOURCE_LANGUAGE, translate_markdown

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = translate_markdown(cell.source, language)
    if language != SOURCE_LANGUAGE:
        nb.metadata["surveykit"] = {"language": language}


def notebook_language(parameters: dict[str, str]) -> str:
    """The language a run speaks: the ``language`` parameter, else the codebook's, else English."""
    if parameters.get("language"):
        return parameters["language"]
    if parameters.get("codebook_path"):
        from .codebook import load_codebook

        return load_codebook(parameters["codebook_path"]).language
    return "en"


def resolve_path_parameters(parameters: dict[str, str]) -> dict[str, str]:
    """The parameters with every non-empty path parameter made absolute (against the current folder)."""
    import os

    return {name: (os.path.abspath(value) if name in PATH_PARAMETERS and value else value)
            for name, value in parameters.items()}


def execute_notebook(
    source: Path,
    output: Path,
    parameters: dict[str, str] | None = None,
    *,
    kernel_name: str = "python3",
    km=None,
) -> None:
    """Execute ``source`` with papermill into ``output``; strip volatile metadata and machine paths.

    ``km`` is an optional running kernel manager to execute in (kept running).
    Path parameters must be absolute (:func:`resolve_path_parameters`): the
    kernel runs in the notebook's folder.  In the written notebook they, and
    any path derived from them, are shown relative (:func:`redact_paths`).
    """
    import nbformat
    import papermill as pm

    source = Path(source).resolve()
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.stem}.running.ipynb")
    extra = {"km": km} if km is not None else {}
    try:
        pm.execute_notebook(
            str(source),
            str(tmp),
            parameters=parameters or None,
            cwd=str(source.parent),
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            # Written once at the end (and on failure, with the error): saving after every cell rewrote
            # and revalidated the whole notebook, figures included, twice per cell.
            request_save_on_cell_execute=False,
            **extra,
        )
    finally:
        if tmp.exists():
            nb = nbformat.read(tmp, as_version=4)
            strip_volatile(nb)
            if sys.exc_info()[0] is None:  # a failed run keeps its own error
                translate_cells(nb, (parameters or {}).get("language") or "en")
            redact_paths(nb, path_redactions(parameters or {}))
            nbformat.write(nb, tmp)
            tmp.replace(output)


# -- worker pool ---------------------------------------------------------------
_worker_kernel = None
_worker_socket_dir = None
_worker_client = None  # the pool's own client of the kernel, for the set-up and reset code


def _start_worker_kernel(cwd: str, kernel_name: str) -> None:
    """Pool initializer: start this worker's kernel and import the stack in it."""
    global _worker_kernel, _worker_socket_dir, _worker_client
    from multiprocessing.util import Finalize

    # papermill imports pyarrow (and with it numpy) for an HDFS handler no run uses: about 60 MiB in each
    # worker. A worker reads no data (its kernel does, in a process of its own), so pyarrow stays out of it.
    sys.modules.setdefault("pyarrow", None)

    from jupyter_client.manager import KernelManager

    # IPC (a Unix socket in a private folder) rather than TCP on localhost: no open port, and
    # no "running over TCP without encryption" warning from every kernel.
    _worker_socket_dir = tempfile.mkdtemp(prefix="surveykit-kernel-")
    km = KernelManager(kernel_name=kernel_name, transport="ipc", ip=os.path.join(_worker_socket_dir, "kernel"))
    km.start_kernel(cwd=cwd)
    _worker_kernel = km
    _worker_client = _silent_client(km)
    _run_silently(km, _WARM_UP)
    # Pool workers leave through multiprocessing's exit path, which runs Finalize, not atexit.
    Finalize(None, _stop_worker_kernel, exitpriority=10)


def _stop_worker_kernel() -> None:
    global _worker_kernel, _worker_socket_dir, _worker_client
    if _worker_client is not None:
        _worker_client.stop_channels()
    if _worker_kernel is not None:
        _worker_kernel.shutdown_kernel(now=True)
    if _worker_socket_dir is not None:
        shutil.rmtree(_worker_socket_dir, ignore_errors=True)
    _worker_kernel = _worker_socket_dir = _worker_client = None  # stopped once, whoever calls it again


def _silent_client(km):
    """A client of the kernel with a session of its own, connected and ready.

    Clients sharing the kernel manager's session share a ZeroMQ identity, and
    the kernel's replies would go to whichever connected last (papermill's
    client).  The worker keeps this one open for all its notebooks: connecting
    anew waits for the kernel's output channel to fall silent (0.2 s) every time.
    """
    from jupyter_client.session import Session

    session = Session(key=km.session.key, signature_scheme=km.session.signature_scheme)
    kc = km.client(session=session)
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
    except Exception:
        kc.stop_channels()
        raise
    return kc


def _run_silently(km, code: str) -> None:
    """Run code in the kernel outside any notebook: through the worker's client when ``km`` is the worker's
    kernel, else through a client made for the call."""
    from queue import Empty

    own = _worker_client is not None and km is _worker_kernel
    kc = _worker_client if own else _silent_client(km)
    try:
        if own:  # what the kernel broadcast while papermill ran a notebook: not ours, dropped unread
            while True:
                try:
                    kc.iopub_channel.get_msg(timeout=0)
                except Empty:
                    break
        reply = kc.execute_interactive(code, silent=True, store_history=False, timeout=120,
                                       output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"kernel set-up code failed: {reply['content'].get('evalue')}")
    finally:
        if not own:
            kc.stop_channels()


def _run_in_worker(job: tuple[str, str, dict[str, str]]) -> tuple[str, str | None, str | None]:
    """Execute one notebook in this worker's warm kernel; returns (name, user error, other error)."""
    source, output, parameters = job
    km = _worker_kernel
    try:
        execute_notebook(Path(source), Path(output), parameters, km=km)
        return source, None, None
    except Exception as exc:  # papermill wraps the kernel's exception
        return source, _user_error(exc), f"{type(exc).__name__}: {exc}"
    finally:
        _run_silently(km, _RESET)


def run_stages(
    stages: list[list[Path]],
    output_dir: Path | None,
    parameters: dict[str, str],
    *,
    workers: int = 2,
    stamps_dir: Path | None = None,
    kernel_name: str = "python3",
) -> int:
    """Run stages of notebooks in order, the notebooks of a stage side by side.

    Returns 0, or 2 when a notebook stopped on a user's input error, 1 on any
    other failure.  With ``stamps_dir``, ``<stamps_dir>/<name>.done`` is
    touched for each notebook that succeeded (the Makefile's record).
    """
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    jobs = [[(str(s), str((output_dir or s.parent) / s.name), parameters) for s in stage] for stage in stages]
    total = sum(len(stage) for stage in jobs)
    if total == 0:
        return 0
    cwd = str(Path(stages[0][0] if stages[0] else next(s for st in stages for s in st)).resolve().parent)
    workers = max(1, min(workers, max(len(stage) for stage in jobs)))
    context = mp.get_context("spawn")  # no fork after zmq threads exist
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker_kernel,
                             initargs=(cwd, kernel_name)) as pool:
        for stage in jobs:
            for source, user_error, other_error in pool.map(_run_in_worker, stage):
                name = Path(source).stem
                if user_error is not None:
                    print(f"\n{name} stopped: {user_error}", file=sys.stderr)
                    return 2
                if other_error is not None:
                    print(f"\n{name} failed: {other_error}", file=sys.stderr)
                    return 1
                print(f"ran {name}", file=sys.stderr, flush=True)
                if stamps_dir is not None:
                    stamps_dir.mkdir(parents=True, exist_ok=True)
                    (stamps_dir / f"{name}.done").touch()
    return 0


def _user_error(exc: BaseException) -> str | None:
    """The one-line message of a DataError raised inside a notebook, if that is what failed."""
    ename = getattr(exc, "ename", "")
    if ename in {"DataError", "CodebookError", "NotDefinedError", "MissingTranslation"}:
        return _ANSI.sub("", str(getattr(exc, "evalue", exc)))
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (one stage)")
    parser.add_argument("--stage", action="append", default=[], metavar="NB[,NB...]",
                        help="comma-separated notebooks that may run side by side; stages run in order")
    parser.add_argument("--output-dir", type=Path, default=None,
                        help="where executed notebooks are written (default: in place)")
    parser.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                        metavar=("NAME", "VALUE"), help="papermill parameter (string value)")
    parser.add_argument("--workers", type=int, default=2, help="kernels run side by side (default 2)")
    parser.add_argument("--stamps", type=Path, default=None, help="touch <STAMPS>/<name>.done per success")
    parser.add_argument("--queue", type=Path, default=None,
                        help="file of notebook names (one per line) that make found out of date")
    parser.add_argument("--first-stage", default="", metavar="NAME[,NAME...]",
                        help="with --queue: names that run before all others (their outputs are read later)")
    parser.add_argument("--notebook-dir", type=Path, default=Path("notebooks"),
                        help="with --queue: folder of the source notebooks")
    args = parser.parse_args(argv)
    stages = [[Path(p) for p in stage.split(",") if p] for stage in args.stage]
    if args.queue is not None:
        queued = sorted(set(args.queue.read_text().split())) if args.queue.exists() else []
        first = set(args.first_stage.split(","))
        stages.append([args.notebook_dir / f"{name}.ipynb" for name in queued if name in first])
        stages.append([args.notebook_dir / f"{name}.ipynb" for name in queued if name not in first])
    if args.notebooks:
        stages.append(list(args.notebooks))
    stages = [stage for stage in stages if stage]
    parameters = resolve_path_parameters(dict(args.parameter))
    if "language" in parameters or "codebook_path" in parameters:  # the study's own run keeps its defaults
        parameters["language"] = notebook_language(parameters)
    return run_stages(stages, args.output_dir, parameters, workers=args.workers, stamps_dir=args.stamps)


if __name__ == "__main__":
    sys.exit(main())
