"""Which files a run reads and where it may write: checked before anything is written.

``python lib/surveykit/inputs.py --data D --codebook C [--reported R] --out O --root REPO --stamp S``

The Makefile runs this (plain Python, standard library only, so it works
before ``.venv`` exists) when it reads its rules, before any recipe.  It

* refuses, in one line, an OUT that would overwrite the compendium itself
  (the repository root, or a folder inside ``data/``, ``notebooks/``,
  ``lib/`` or ``tests/``), or the study's ``results/`` under another name;
* refuses inputs that are missing, folders, or lie where the run writes
  (``OUT/processed``, ``OUT/tables``, ...): an input is never written over;
* records which inputs are used, by the sha256 of their resolved path and of
  their content, in ``OUT/.stamps/inputs.json``, rewriting it only when the
  record changes.  The notebooks' stamps depend on that file, so pointing
  DATA= at another file reruns the analysis even when that file is older
  than OUT, and an unchanged rerun does nothing.  Paths are stored hashed:
  nothing under OUT names a folder of the machine that ran it.

A problem is printed on stdout as one line (the Makefile stops with it);
nothing is printed when all is well.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

#: Folders of the repository that hold its sources; no run may write inside them.
PROTECTED_FOLDERS = ("data", "notebooks", "lib", "tests")
#: What a run writes under OUT; no input may lie there.
GENERATED_FOLDERS = ("processed", "tables", "figures", "notebooks", "report", "thesis", ".stamps")
#: The study's own output folder, as the Makefile spells it.
STUDY_OUT = "results"


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def out_problem(out: str, root: str | Path) -> str | None:
    """Why OUT may not be written to, or None.

    Parameters
    ----------
    out : str
        OUT as given (relative to the current directory or absolute).
    root : path
        The repository root.
    """
    root = Path(root).resolve()
    resolved = Path(out).resolve()
    if resolved.exists() and not resolved.is_dir():
        return f"OUT='{out}' is a file, not a folder; give OUT= a folder of your own (it is created if missing)."
    if resolved == root or resolved in root.parents:
        return (f"OUT='{out}' is the compendium's own folder (or one above it): its notebooks and data would be "
                "overwritten; give OUT= a folder of your own, e.g. OUT=my_results.")
    for name in PROTECTED_FOLDERS:
        if _within(resolved, root / name):
            return (f"OUT='{out}' lies inside the compendium's {name}/ folder, which a run must never write; "
                    "give OUT= a folder of your own, e.g. OUT=my_results.")
    return None


def input_problem(role: str, path: str, out: str) -> str | None:
    """Why the input ``path`` (DATA, CODEBOOK or REPORTED) cannot be used with this OUT, or None."""
    resolved = Path(path).resolve()
    if not resolved.exists():
        return f"the input file {role}='{path}' does not exist; check {role}= on the command line."
    if resolved.is_dir():
        return f"{role}='{path}' is a folder, not a file; give the path of the file itself."
    out_resolved = Path(out).resolve()
    for name in GENERATED_FOLDERS:
        if _within(resolved, out_resolved / name):
            return (f"{role}='{path}' lies in OUT's {name}/ folder, which the run writes: the input would be "
                    "overwritten; move the file elsewhere or choose another OUT=.")
    return None


def sha256_of_file(path: Path) -> str:
    """The sha256 of a file's content, read in blocks of 1 MiB."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inputs_record(inputs: dict[str, str]) -> dict[str, dict[str, str]]:
    """Role -> file name, sha256 of the resolved path, sha256 of the content (empty roles left out)."""
    record = {}
    for role, path in inputs.items():
        if not path:
            continue
        resolved = Path(path).resolve()
        record[role] = {"name": resolved.name,
                        "path_sha256": hashlib.sha256(os.fsencode(resolved)).hexdigest(),
                        "sha256": sha256_of_file(resolved)}
    return record


def write_if_changed(stamp: Path, record: dict) -> bool:
    """Write ``record`` as JSON to ``stamp`` unless it already holds it; True when written."""
    text = json.dumps(record, indent=2, sort_keys=True) + "\n"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == text:
        return False
    stamp.parent.mkdir(parents=True, exist_ok=True)
    tmp = stamp.with_name(f".{stamp.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(stamp)
    return True


def check_and_record(*, data: str, codebook: str, reported: str, out: str, root: str | Path,
                     stamp: str | Path) -> str | None:
    """Check OUT and the inputs; when all is well record them in ``stamp``. Returns the problem, or None."""
    problem = out_problem(out, root)
    if problem:
        return problem
    # The Makefile runs the study (notebooks executed in place) only for OUT spelled `results`.
    if Path(out).resolve() == Path(root).resolve() / STUDY_OUT and out != STUDY_OUT:
        return (f"OUT='{out}' is the study's results/ folder under another name; write OUT={STUDY_OUT} for the "
                "study's own run, or give your own data a folder of its own.")
    inputs = {"DATA": data, "CODEBOOK": codebook, "REPORTED": reported}
    for role, path in inputs.items():
        if path:
            problem = input_problem(role, path, out)
            if problem:
                return problem
    write_if_changed(Path(stamp), inputs_record(inputs))
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--codebook", required=True)
    parser.add_argument("--reported", default="")
    parser.add_argument("--out", required=True)
    parser.add_argument("--root", default=".")
    parser.add_argument("--stamp", required=True)
    args = parser.parse_args(argv)
    try:
        problem = check_and_record(data=args.data, codebook=args.codebook, reported=args.reported, out=args.out,
                                   root=args.root, stamp=args.stamp)
    except OSError as exc:  # unreadable input, OUT not writable: one line, not a traceback
        problem = f"cannot read the inputs or write OUT='{args.out}': {exc.strerror} ({exc.filename})."
    if problem:
        print(problem.rstrip("."))  # make adds the full stop
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
