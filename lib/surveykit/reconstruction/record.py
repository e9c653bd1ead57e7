"""The reconstruction's record: the file written beside the responses, and its helpers."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

from ..stable import bounded

__all__ = ["RECORD_NAME", "sha256_of", "write_atomic", "plain"]

#: Written beside the responses CSV: seed, settings, plan, search log, targets, sha256.
RECORD_NAME = "reconstruction.yml"


def sha256_of(path: str | Path) -> str:
    """Hex sha256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text with ``\\n`` line ends through a temporary file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)


def plain(value):
    """YAML-friendly scalar: floats bounded as every written number is (:mod:`surveykit.stable`),
    NaN as null, infinities as strings."""
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return bounded(value)
    if hasattr(value, "item"):
        return plain(value.item())
    return value
