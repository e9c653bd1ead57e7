"""YAML text read through libyaml, PyYAML's C parser: the values ``yaml.safe_load`` gives, about ten times faster.

Every notebook, the check, the report and the thesis export read the codebook and reported.yml;
with PyYAML's pure-Python scanner that was about a second of CPU per edition of ``make all``.
The pinned PyYAML wheel carries libyaml (a test asserts it).
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["SafeLoader", "safe_load", "exact_error"]

#: PyYAML's safe loader on libyaml's parser (the constructor and resolver are PyYAML's own).
SafeLoader = yaml.CSafeLoader


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, parsed by libyaml; bad YAML raises PyYAML's own parser's error (:func:`exact_error`)."""
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise exact_error(text, error) from None


def exact_error(text: str, error: yaml.MarkedYAMLError) -> yaml.MarkedYAMLError:
    """PyYAML's pure-Python parser's error for a text libyaml refused, else ``error``.

    libyaml's messages name less: "found character that cannot start any token" where PyYAML
    says "found character '\\t' that cannot start any token".  Only a refused text pays for the second parse.
    """
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exact:
        return exact
    return error
