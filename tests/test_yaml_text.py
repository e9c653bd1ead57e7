"""yaml_text reads YAML through libyaml: the same values as PyYAML's pure-Python safe_load, and its exact errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from surveykit import yaml_text
from surveykit.codebook_rules import parse_yaml

ROOT = Path(__file__).resolve().parents[1]
# Every YAML file the compendium ships or tests with, the bad-input corpus included.
FILES = sorted(p for folder in ("data", "tests") for p in (ROOT / folder).rglob("*.yml"))


def test_the_pinned_pyyaml_carries_libyaml():
    assert yaml.__with_libyaml__
    assert yaml_text.SafeLoader is yaml.CSafeLoader


def _pure(text: str):
    try:
        return ("value", yaml.load(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as error:
        return ("error", str(error))


def _fast(text: str):
    try:
        return ("value", yaml_text.safe_load(text))
    except yaml.YAMLError as error:
        return ("error", str(error))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_values_and_errors_are_pure_pyyamls(path):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        pytest.skip("not UTF-8 text (a bad-input case for the reader)")
    if "*a" in text and "&a" in text:
        pytest.skip("an alias bomb: the codebook loader refuses it before either parser expands it")
    assert _fast(text) == _pure(text)


@pytest.mark.parametrize("text", [
    "scale:\n\tmin: 1\n",                 # a tab where indentation is expected
    "a: [1, 2\nb: 3\n",                   # an unclosed flow sequence
    "a: 1\n  b: 2\n",                     # a mapping value where none may start
    "key: 'unclosed\n",
])
def test_bad_yaml_raises_pure_pyyamls_error(text):
    assert _fast(text) == _pure(text)
    assert _fast(text)[0] == "error"


def test_the_codebook_loader_names_the_tab():
    from surveykit.errors import CodebookError

    with pytest.raises(CodebookError, match=r"found character '\\t' that cannot start any token") as caught:
        parse_yaml("scale:\n  min: 1\n\tmax: 5\n")
    assert caught.value.line == 3
