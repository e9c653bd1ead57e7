"""What a codebook file must be, checked before a :class:`~surveykit.codebook.Codebook` is built.

The YAML is read with the line of every key (aliases refused, repeated keys
found), its content checked against the JSON Schema ``codebook.schema.json``
(walked here, without jsonschema), then against the rules a schema cannot
state (:func:`codebook_problems`); every problem becomes a one-line
:class:`~surveykit.errors.CodebookError` naming the file, the key path and
the line, and saying what to do.  :func:`surveykit.codebook.read_codebook`
is the entry point.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .codebook import Scale, _classes, check_classes_cover_scale, normalise_text
from .errors import CodebookError, quote_cell
from .yaml_text import SafeLoader, exact_error

__all__ = ["parse_yaml", "codebook_problems", "codebook_schema", "schema_violations", "SchemaViolation", "SCHEMA_PATH"]

#: The codebook's JSON Schema (shapes and types); editors can validate a codebook with it as it is typed.
SCHEMA_PATH = Path(__file__).with_name("codebook.schema.json")
_TEMPLATE_HINT = "correct the codebook; data/codebook.template.yml shows every key."


class _Loader(SafeLoader):
    """Safe YAML loader (libyaml's parser) that records repeated mapping keys; aliases are refused before it runs."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[Any, int, int]] = []

    def construct_mapping(self, node, deep=False):  # noqa: ANN001
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                if key in seen:
                    self.duplicates.append((key, seen[key], line))
                else:
                    seen[key] = line
            except TypeError:  # an unhashable key: PyYAML reports it below
                pass
        return super().construct_mapping(node, deep=deep)


def _refuse_aliases(text: str) -> None:
    """CodebookError at the first alias: a few lines of aliases can expand to billions of entries.

    A pass over libyaml's events, before any node is composed: libyaml composes in C, past the
    reach of a Python ``compose_node``.
    """
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise CodebookError(
                f"the codebook uses the YAML alias *{event.anchor}; aliases are not accepted (a few lines of "
                "aliases can expand to billions of entries).", line=event.start_mark.line + 1,
                fix="write the repeated part out in full.")


def parse_yaml(text: str):
    """(data, repeated keys, path -> line) of a YAML text; CodebookError for bad YAML or an alias."""
    loader = _Loader(text)
    try:
        try:
            _refuse_aliases(text)
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.MarkedYAMLError as libyaml_error:
            exc = exact_error(text, libyaml_error)
            mark = exc.problem_mark or exc.context_mark
            detail = "; ".join(str(part) for part in (exc.context, exc.problem) if part)
            raise CodebookError(f"the codebook is not valid YAML ({detail}).",
                                line=mark.line + 1 if mark is not None else None,
                                fix="fix the YAML syntax at that line; compare with data/codebook.template.yml.") \
                from None
        except yaml.YAMLError as exc:
            raise CodebookError(f"the codebook is not valid YAML ({' '.join(str(exc).split())}).",
                                fix="fix the YAML syntax; compare with data/codebook.template.yml.") from None
    finally:
        loader.dispose()

    def line_of(path: tuple[Any, ...]) -> int | None:
        current = node
        if current is None:
            return None
        line = current.start_mark.line + 1
        for part in path:
            if isinstance(current, yaml.MappingNode):
                match = next(((k, v) for k, v in current.value if getattr(k, "value", None) == str(part)), None)
                if match is None:
                    break
                line = match[0].start_mark.line + 1
                current = match[1]
            elif isinstance(current, yaml.SequenceNode) and isinstance(part, int) and part < len(current.value):
                current = current.value[part]
                line = current.start_mark.line + 1
            else:
                break
        return line

    return data, loader.duplicates, line_of


_TYPE_WORDS = {"integer": "a whole number", "number": "a number", "string": "a text", "array": "a list",
               "object": "a mapping (key: value lines)", "null": "empty", "boolean": "true or false"}


def _key_path(raw: Any, path: Sequence[Any]) -> str:
    """``constructs[X2].indicators[x2a].items[2]``: list entries by their `key`, else by index (from 0)."""
    text = ""
    node = raw
    for part in path:
        if isinstance(part, int):
            entry = node[part] if isinstance(node, list) and part < len(node) else None
            key = entry.get("key") if isinstance(entry, dict) else None
            text += f"[{key}]" if isinstance(key, str) and key.strip() else f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return text or "(top level)"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if value is None:
        return "empty"
    if isinstance(value, str):
        return f"the text {quote_cell(value)}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _schema_problem(error, raw: Any, source: str | None, line_of) -> list[CodebookError]:
    """One-line CodebookError(s) of a jsonschema ValidationError: key path, line, what to do."""
    path = list(error.absolute_path)
    kind = error.validator
    instance = error.instance

    def problem(text: str, at: list[Any], fix: str) -> CodebookError:
        return CodebookError(text, file=source, column=_key_path(raw, at), fix=fix,
                             line=line_of(tuple(at)) if line_of else None)

    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        return [problem(f"unknown key; allowed here are {allowed}.", path + [k],
                        "remove or rename the key (a typo?).")
                for k in instance if k not in error.schema.get("properties", {})]
    if kind == "required" and isinstance(instance, dict):
        return [problem("this required key is missing.", path + [k], _TEMPLATE_HINT)
                for k in error.validator_value if k not in instance]
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted if w != "null")
        text = f"{_describe(instance)} is given; it must be {words}."
        if isinstance(instance, bool):
            fix = ("YAML reads unquoted yes/no/true/false/on/off as a yes/no value: put the text in quotes "
                   "(e.g. en: \"No\").")
        elif isinstance(instance, str) and "integer" in wanted and instance.strip().lstrip("+-").isdigit():
            fix = f"write the number without quotes: {instance.strip()}."
        elif isinstance(instance, str) and "number" in wanted:
            fix = "write the number without quotes, with a decimal point (e.g. 1.80)."
        elif "object" in wanted:
            fix = ("write it as indented `key: value` lines, as in data/codebook.template.yml "
                   "(e.g. study: {title: ..., data_status: real}).")
        elif "array" in wanted:
            fix = "write a list, e.g. [A1, A2] or one `- entry` per line."
        elif "string" in wanted:
            fix = "write a text (put it in quotes if YAML reads it as something else)."
        else:
            fix = _TEMPLATE_HINT
        return [problem(text, path, fix)]
    if kind == "enum":
        return [problem(f"{_describe(instance)} is not allowed; use one of {list(error.validator_value)}.", path,
                        "use one of the listed values (a typo?).")]
    if kind == "minItems":
        return [problem("the list is empty; it needs at least one entry.", path,
                        "add the entries (an indicator needs its item columns, a construct its indicators) "
                        "or remove the key.")]
    if kind in ("minLength", "pattern"):
        return [problem("the name is empty.", path, "write the column or key name.")]
    return [problem(" ".join(error.message.split()), path, _TEMPLATE_HINT)]


@dataclass(frozen=True)
class SchemaViolation:
    """One breach of the codebook's JSON Schema, with jsonschema's ``ValidationError`` attribute names."""

    validator: str
    validator_value: Any
    instance: Any
    absolute_path: tuple[Any, ...]
    schema: Mapping[str, Any]
    message: str


@lru_cache(maxsize=1)
def codebook_schema() -> dict[str, Any]:
    """The codebook's JSON Schema (:data:`SCHEMA_PATH`) as a mapping."""
    import json

    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


_JSON_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


def schema_violations(instance: Any, schema: Mapping[str, Any] | None = None,
                      path: tuple[Any, ...] = ()) -> list[SchemaViolation]:
    """Every violation of the codebook schema, by the JSON Schema 2020-12 rules of the keywords it uses.

    The schema uses only ``$ref`` (local), ``type``, ``enum``, ``required``,
    ``properties``, ``additionalProperties: false``, ``items``, ``minItems``,
    ``minLength`` and ``pattern``; this walk implements exactly these, so that
    ``make check`` needs no jsonschema import (about 2 s here, through its
    format checkers).  tests/test_check.py shows that jsonschema finds the same
    violations on every codebook of the test corpus.  Below a value of the
    wrong type nothing further is checked.
    """
    root = codebook_schema()
    schema = root if schema is None else schema
    while "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    found: list[SchemaViolation] = []

    def add(kind: str, message: str) -> None:
        found.append(SchemaViolation(kind, schema[kind], instance, path, schema, message))

    if "type" in schema:
        wanted = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_JSON_TYPES[w](instance) for w in wanted):
            add("type", f"{instance!r} is not of type {', '.join(map(repr, wanted))}")
            return found
    if "enum" in schema and not any(instance == v and type(instance) is type(v) for v in schema["enum"]):
        add("enum", f"{instance!r} is not one of {schema['enum']!r}")
    if isinstance(instance, dict):
        for key in schema.get("required", []):
            if key not in instance:
                add("required", f"{key!r} is a required property")
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is False and set(instance) - set(properties):
            add("additionalProperties", "Additional properties are not allowed")
        for key, value in instance.items():
            if key in properties:
                found += schema_violations(value, properties[key], path + (key,))
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            add("minItems", f"{instance!r} should be non-empty")
        if "items" in schema:
            for n, value in enumerate(instance):
                found += schema_violations(value, schema["items"], path + (n,))
    if isinstance(instance, str):
        if len(instance) < schema.get("minLength", 0):
            add("minLength", f"{instance!r} should be non-empty")
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            add("pattern", f"{instance!r} does not match {schema['pattern']!r}")
    return found


def codebook_problems(raw: Any, *, source: str | None = None, line_of=None) -> list[CodebookError]:
    """Every problem of a parsed codebook: its shape (the JSON Schema), then its rules.

    The rules checked after the schema: construct and indicator keys unique,
    each item column in one indicator only, items not also identifiers,
    profile columns or the respondent id, ``reverse_keyed`` naming items,
    exactly one dependent construct and at least one predictor, scale
    ``min < max`` with each label inside it and no answer text for two
    values, a known ``input.encoding``.
    """
    if not isinstance(raw, dict):
        return [CodebookError("the codebook must be a YAML mapping with at least `scale` and `constructs`.",
                              file=source, fix=_TEMPLATE_HINT)]
    problems = [p for error in schema_violations(raw) for p in _schema_problem(error, raw, source, line_of)]
    if problems:
        return problems  # the rules below assume the shape is right

    def fail(text: str, path: Sequence[Any], fix: str = _TEMPLATE_HINT) -> None:
        problems.append(CodebookError(text, file=source, column=_key_path(raw, path), fix=fix,
                                      line=line_of(tuple(path)) if line_of else None))

    scale = raw["scale"]
    lo, hi = scale["min"], scale["max"]
    if not lo < hi:
        fail(f"scale min {lo} and max {hi}: min must be smaller than max.", ["scale"])
    texts: dict[str, int] = {}
    values: dict[int, int] = {}
    for n, entry in enumerate(scale.get("labels") or []):
        value = entry["value"]
        if not lo <= value <= hi:
            fail(f"label value {value} lies outside the scale {lo}..{hi}.", ["scale", "labels", n, "value"])
        if value in values:
            fail(f"the value {value} has two labels (scale.labels[{values[value]}] and [{n}]).",
                 ["scale", "labels", n, "value"], "merge the two labels (put extra texts under `aliases`).")
        values.setdefault(value, n)
        for text in (entry.get("code", value), entry.get("id", ""), entry.get("en", ""), *(entry.get("aliases") or [])):
            normal = normalise_text(text)
            if normal and texts.setdefault(normal, value) != value:
                fail(f"the answer text {str(text)!r} is given for two scale values ({texts[normal]} and {value}).",
                     ["scale", "labels", n], "each answer text may stand for one value only.")

    keys: dict[str, list[Any]] = {}
    items: dict[str, list[Any]] = {}
    for c_n, construct in enumerate(raw["constructs"]):
        key = construct["key"]
        if key in keys:
            fail(f"the key {key!r} is used twice.", ["constructs", c_n, "key"], "give every construct and "
                 "indicator its own key.")
        keys.setdefault(key, ["constructs", c_n])
        for i_n, indicator in enumerate(construct["indicators"]):
            at = ["constructs", c_n, "indicators", i_n]
            if indicator["key"] in keys:
                fail(f"the key {indicator['key']!r} is used twice.", at + ["key"],
                     "give every construct and indicator its own key.")
            keys.setdefault(indicator["key"], at)
            for t_n, item in enumerate(indicator["items"]):
                if item in items:
                    fail(f"the item column {item!r} is listed twice.", at + ["items", t_n],
                         "each item column may belong to exactly one indicator; remove the duplicate.")
                items.setdefault(item, at + ["items", t_n])
    for name in ("identifiers", "profile"):
        for n, column in enumerate(raw.get(name) or []):
            if column in items:
                fail(f"{column!r} is listed both as an item and under `{name}`.", [name, n],
                     f"remove it from `{name}` or from the construct's items.")
    respondent_id = raw.get("respondent_id")
    if respondent_id and respondent_id in items:
        fail(f"the respondent id column {respondent_id!r} is also an item.", ["respondent_id"],
             "name the id column under `respondent_id` and the answers under the constructs' items.")
    # Personal data must never reach an output: a column cannot be both dropped and described.
    # The respondent id may be an identifier (a NIP is common): outputs then use pseudonymous ids.
    identifiers, profile = raw.get("identifiers") or [], raw.get("profile") or []
    personal_profile = sorted(set(identifiers) & set(profile))
    if personal_profile:
        fail(f"{personal_profile} are listed both under `identifiers` (personal data, never written) and "
             "under `profile` (described in the outputs).", ["profile"],
             f"remove {personal_profile[0]!r} from `profile` (or from `identifiers` if it is not personal data).")
    if respondent_id and respondent_id in profile:
        fail(f"the respondent id column {respondent_id!r} is also listed under `profile`.", ["profile"],
             f"remove {respondent_id!r} from `profile`; if the id is personal data (a NIP, a name), list it under "
             "`identifiers` and the outputs will use pseudonymous ids R001, R002, ...")
    for n, column in enumerate(raw.get("reverse_keyed") or []):
        if column not in items:
            fail(f"`reverse_keyed` names {column!r}, which is not an item of any construct.", ["reverse_keyed", n],
                 "correct the column name or remove it from `reverse_keyed`.")
    roles = [c.get("role", "predictor") for c in raw["constructs"]]
    if roles.count("dependent") != 1:
        fail(f"exactly one construct must have role: dependent (found {roles.count('dependent')}).", ["constructs"],
             "mark the outcome construct with `role: dependent` and the others `role: predictor`.")
    if roles.count("predictor") < 1:
        fail("at least one construct must have role: predictor.", ["constructs"],
             "add the predictor constructs (role: predictor).")
    if raw.get("interpretation") and lo < hi:
        def class_error(text: str, key: str, fix: str = _TEMPLATE_HINT) -> CodebookError:
            position, end = re.fullmatch(r"interpretation\[(\d+)\]\.(\w+)", key).groups()
            at = ("interpretation", int(position), end)
            return CodebookError(text, file=source, column=key, fix=fix, line=line_of(at) if line_of else None)

        try:
            check_classes_cover_scale(_classes(raw), Scale(int(lo), int(hi)), class_error)
        except CodebookError as error:
            problems.append(error)
    encoding = (raw.get("input") or {}).get("encoding")
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            fail(f"the encoding {encoding!r} is not known.", ["input", "encoding"],
                 "use the file's encoding, e.g. utf-8 (the default), cp1252 or latin-1; or remove the key.")
    return problems
