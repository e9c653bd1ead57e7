"""Regenerate the reconstructed item-level dataset: ``python -m surveykit.reconstruction``.

``python -m surveykit.reconstruction --codebook data/codebook.yml --reported data/paper/reported.yml
--out data/raw/responses.csv [--seed 20250501]``

Runs :func:`surveykit.reconstruction.reconstruct`, checks every target
with the analysis functions (:func:`~surveykit.reconstruction.target_table`)
and writes, atomically,

* the responses CSV (UTF-8, ``\\n`` line ends), and
* beside it ``reconstruction.yml``: seed and settings, the plan (what the
  printed numbers imply), how many attempts and batches the search used,
  every target with its recomputed value and verdict, and the CSV's sha256.

Nothing run-dependent (time, host) is written, so the same seed gives the
same bytes.  Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .record import RECORD_NAME, plain, sha256_of, write_atomic

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    import yaml

    from ..codebook import load_codebook
    from ..reported import load_reported
    from .search import Settings, reconstruct
    from .targets import target_table

    parser = argparse.ArgumentParser(prog="python -m surveykit.reconstruction", description=__doc__.split("\n\n")[0])
    parser.add_argument("--codebook", required=True)
    parser.add_argument("--reported", required=True)
    parser.add_argument("--out", required=True, help="the responses CSV to write")
    parser.add_argument("--seed", type=int, default=Settings.seed)
    args = parser.parse_args(argv)

    codebook = load_codebook(args.codebook)
    reported = load_reported(args.reported)
    settings = Settings(seed=args.seed)
    result = reconstruct(codebook, reported, settings=settings)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    result.data.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
    tmp.replace(out)

    table = target_table(result.data, codebook, reported)
    record = {
        "what": ("RECONSTRUCTED item-level responses: not the authors' data. Found by a seeded search so "
                 "that the compendium's SPSS-exact functions reproduce every number the paper prints, "
                 "within its rounding."),
        "file": out.name,
        "sha256": sha256_of(out),
        "command": (f"python -m surveykit.reconstruction --codebook {args.codebook} --reported {args.reported} "
                    f"--out {args.out} --seed {args.seed}"),
        "settings": {k: plain(v) for k, v in settings.as_dict().items()},
        "search": {"attempts": result.attempts, "batches_construct_totals": result.batches_totals,
                   "batches_items": result.batches_items, "log": list(result.log)},
        "plan": list(result.plan.notes),
        "composite": codebook.composite,
        "items_per_construct": {c.key: len(c.items) for c in codebook.constructs},
        "targets": [
            {key: plain(row[key]) for key in ("id", "printed", "relation", "interval_low", "interval_high",
                                               "computed", "verdict")}
            for _, row in table.iterrows()
        ],
    }
    text = ("# Written by `python -m surveykit.reconstruction`; do not edit.\n"
            + yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100))
    write_atomic(out.with_name(RECORD_NAME), text)

    missed = table[table["verdict"] != "match"]
    print(f"wrote {out} (sha256 {record['sha256'][:12]}...) after {result.attempts} attempt(s); "
          f"{len(table) - len(missed)}/{len(table)} targets met")
    if len(missed):
        print(missed.to_string(index=False), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
