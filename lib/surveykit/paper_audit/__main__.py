"""``python -m surveykit.paper_audit PAPER OUT [--language en|id]``: audit pasted SPSS tables."""

from __future__ import annotations

import argparse
import sys

from ..errors import DataError
from . import audit_file
from .report import LANGUAGES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m surveykit.paper_audit", description=__doc__)
    parser.add_argument("paper", help="text file with the SPSS tables as copied from the PDF")
    parser.add_argument("out", help="folder for audit.csv, audit.md and audit.html")
    parser.add_argument("--language", default="en", choices=LANGUAGES, help="language of the report (en, id)")
    args = parser.parse_args(argv)
    try:
        result = audit_file(args.paper, args.out, language=args.language)
    except DataError as exc:
        print(f"audit: {exc.message}", file=sys.stderr)
        return 2
    counts = {v: sum(f.verdict == v for f in result.findings) for v in ("inconsistent", "consistent", "not checkable")}
    print(f"audit: {len(result.document.tables)} tables, {len(result.findings)} checks: "
          f"{counts['inconsistent']} inconsistent, {counts['consistent']} consistent, "
          f"{counts['not checkable']} not checkable; {len(result.document.unread)} lines not read. "
          f"Report: {args.out}/audit.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
