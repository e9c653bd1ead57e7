"""The installed environment is the one environment.yml pins, and the nbval sanitize file is well-formed."""

from __future__ import annotations

import configparser
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins_from_yaml() -> dict[str, str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_lists = [d["pip"] for d in environment["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(pip_lists) == 1, "environment.yml must have exactly one `pip:` list"
    pins = {}
    for requirement in pip_lists[0]:
        name, sep, version = requirement.partition("==")
        assert sep == "==" and version, f"{requirement!r} is not pinned exactly (name==version)"
        assert _normalise(name) not in pins, f"{name} is pinned twice"
        pins[_normalise(name)] = version
    return pins


def _pins_as_make_reads_them() -> list[str]:
    """The Makefile's awk: lines after `  - pip:` that start with spaces and '- '."""
    lines, inside = [], False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("  - pip:"):
            inside = True
            continue
        if inside and re.match(r"^ +- ", line):
            lines.append(line.split()[1])
    return lines


def test_makefile_reads_the_same_pins_as_conda():
    pins = _pins_from_yaml()
    make = _pins_as_make_reads_them()
    assert {_normalise(r.split("==")[0]): r.split("==")[1] for r in make} == pins
    assert len(make) == len(pins)


def test_installed_packages_equal_the_pins():
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable",
                             "--disable-pip-version-check"], capture_output=True, text=True, check=True).stdout
    installed = {}
    for line in frozen.splitlines():
        if not line or line.startswith("#"):
            continue
        name, sep, version = line.partition("==")
        assert sep, f"unexpected pip freeze line {line!r} (a package installed from a URL or path?)"
        installed[_normalise(name)] = version
    pins = _pins_from_yaml()
    # uv is the installer, not part of the analysis: the Makefile's plain-pip fallback goes without it.
    missing = {n: v for n, v in pins.items() if n not in installed and n != "uv"}
    different = {n: (v, installed[n]) for n, v in pins.items() if n in installed and installed[n] != v}
    # Only the pins are checked: an image that adds its own packages (Binder's jupyterhub, a
    # system site) must not fail this test, while every pinned version must be the one installed.
    assert not missing, f"pinned but not installed: {missing}"
    assert not different, f"pinned vs installed versions differ: {different}"


def test_one_python_version_everywhere():
    """environment.yml, lib/pyproject.toml and the Makefile's check name the same Python."""
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda_python = [d for d in environment["dependencies"] if isinstance(d, str) and d.startswith("python=")]
    assert len(conda_python) == 1, "environment.yml must pin python=X.Y once"
    version = conda_python[0].split("=", 1)[1]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^PYTHON_VERSION := {re.escape(version)}$", makefile, re.M), \
        f"the Makefile's PYTHON_VERSION must be {version}"
    major, minor = version.split(".")
    pyproject = (ROOT / "lib" / "pyproject.toml").read_text(encoding="utf-8")
    assert f'requires-python = ">={version},<{major}.{int(minor) + 1}"' in pyproject
    assert f"{sys.version_info[0]}.{sys.version_info[1]}" == version, "the tests run under another Python than the pinned one"


def test_surveykit_is_the_editable_lib():
    import surveykit

    assert Path(surveykit.__file__).resolve().parent == ROOT / "lib" / "surveykit"


def test_nbval_sanitize_file_parses():
    # nbval silently ignores a malformed file, so check it here.
    parser = configparser.ConfigParser()
    read = parser.read(SANITIZE, encoding="utf-8")
    assert read, f"{SANITIZE} cannot be read"
    assert parser.sections(), "the sanitize file has no sections"
    for section in parser.sections():
        keys = set(parser[section])
        assert keys == {"regex", "replace"}, f"[{section}] must have exactly `regex` and `replace`, has {keys}"
        pattern = re.compile(parser[section]["regex"])
        # A sanitizer that matches nothing-in-particular would blank outputs and make nbval unable to fail.
        assert not pattern.fullmatch(""), f"[{section}] matches the empty string"
        for ordinary in ("Mean 4.10", "R Square .489", "56 respondents", "baik", "Sig. .000"):
            assert pattern.sub(parser[section]["replace"], ordinary) == ordinary, \
                f"[{section}] would rewrite ordinary output {ordinary!r}"
