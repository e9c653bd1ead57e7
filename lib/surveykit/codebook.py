"""The codebook: the instrument a dataset is checked and scored against.

A codebook is a YAML file (see ``data/codebook.yml`` and
``data/codebook.template.yml``) naming the respondent-identifier column, the
personal-data columns to drop, the Likert scale and its text labels, and the
constructs with their indicators and item columns, one construct marked as
the dependent variable.  :func:`load_codebook` validates it and returns an
immutable :class:`Codebook`; every problem is reported as a
:class:`~surveykit.errors.CodebookError` naming the file and the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import CodebookError

__all__ = [
    "ScaleLabel",
    "Scale",
    "Category",
    "Indicator",
    "Construct",
    "Codebook",
    "load_codebook",
    "codebook_from_dict",
]

_TOP_KEYS = {
    "study", "respondent_id", "identifiers", "profile", "missing", "composite",
    "scale", "interpretation", "reverse_keyed", "constructs", "rationale", "input",
}
_CONSTRUCT_KEYS = {"key", "role", "en", "id", "indicators", "description"}
_INDICATOR_KEYS = {"key", "en", "id", "items", "description"}
_LABEL_KEYS = {"value", "code", "id", "en", "aliases"}
_MISSING_POLICIES = ("stop", "drop_respondent")
# Options of the raw-file reader and the cleaning (see surveykit.readers).
_INPUT_KEYS = {"sheet", "delimiter", "decimal", "encoding", "extra_columns"}
_EXTRA_COLUMNS = ("stop", "ignore")
_COMPOSITES = ("sum", "mean")
_ROLES = ("predictor", "dependent")


@dataclass(frozen=True)
class ScaleLabel:
    value: int
    code: str
    id: str
    en: str
    aliases: tuple[str, ...] = ()

    def texts(self) -> tuple[str, ...]:
        """Every text that maps to this value (compared case-insensitively)."""
        return (self.code, self.id, self.en, *self.aliases)


@dataclass(frozen=True)
class Scale:
    min: int
    max: int
    labels: tuple[ScaleLabel, ...] = ()

    def text_to_value(self) -> dict[str, int]:
        """Lower-cased, whitespace-normalised answer text -> scale value."""
        mapping: dict[str, int] = {}
        for label in self.labels:
            for text in label.texts():
                mapping[normalise_text(text)] = label.value
        return mapping


@dataclass(frozen=True)
class Category:
    min: float
    max: float
    id: str
    en: str


@dataclass(frozen=True)
class Indicator:
    key: str
    en: str
    id: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Construct:
    key: str
    role: str
    en: str
    id: str
    indicators: tuple[Indicator, ...]

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(item for ind in self.indicators for item in ind.items)


@dataclass(frozen=True)
class Codebook:
    constructs: tuple[Construct, ...]
    scale: Scale
    respondent_id: str | None = None
    identifiers: tuple[str, ...] = ()
    profile: tuple[str, ...] = ()
    missing: str = "stop"
    composite: str = "sum"
    reverse_keyed: tuple[str, ...] = ()
    interpretation: tuple[Category, ...] = ()
    #: True when the codebook gave no ``interpretation`` and the classes were derived from the scale.
    interpretation_derived: bool = False
    study: Mapping[str, Any] = field(default_factory=dict)
    rationale: tuple[str, ...] = ()
    input: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None

    # -- lookups ---------------------------------------------------------
    @property
    def items(self) -> tuple[str, ...]:
        """All item columns, construct by construct, in codebook order."""
        return tuple(item for c in self.constructs for item in c.items)

    @property
    def dependent(self) -> Construct:
        return next(c for c in self.constructs if c.role == "dependent")

    @property
    def predictors(self) -> tuple[Construct, ...]:
        return tuple(c for c in self.constructs if c.role == "predictor")

    @property
    def pseudonymised_ids(self) -> bool:
        """True when the respondent id is itself personal data (declared under ``identifiers``).

        Outputs then carry pseudonymous ids (R001, R002, ... in file order), never the id itself.
        """
        return bool(self.respondent_id) and self.respondent_id in self.identifiers

    @property
    def data_status(self) -> str:
        return str(self.study.get("data_status", "real"))

    def construct(self, key: str) -> Construct:
        for c in self.constructs:
            if c.key == key:
                return c
        raise KeyError(f"no construct {key!r} in the codebook; known: {[c.key for c in self.constructs]}")

    def construct_items(self) -> dict[str, list[str]]:
        """Construct key -> its item columns."""
        return {c.key: list(c.items) for c in self.constructs}

    def indicator_items(self) -> dict[str, list[str]]:
        """Indicator key -> its item columns."""
        return {i.key: list(i.items) for c in self.constructs for i in c.indicators}

    def label(self, key: str, lang: str = "en") -> str:
        """English (or Indonesian, ``lang="id"``) label of a construct or indicator key."""
        for c in self.constructs:
            if c.key == key:
                return getattr(c, lang)
            for i in c.indicators:
                if i.key == key:
                    return getattr(i, lang)
        raise KeyError(key)

    def interpret(self, mean: float, lang: str = "id") -> str:
        """Interpretation category of a mean (five-class interval scale)."""
        if not self.interpretation:
            return ""
        # Class limits are printed to 2 dp, so classify on the mean rounded to 2 dp
        # (half away from zero), as a thesis reading its SPSS output would.
        from .spss_format import round_half_away

        value = round_half_away(mean, 2)
        for cat in self.interpretation:
            if cat.min <= value <= cat.max:
                return getattr(cat, lang)
        return ""


def normalise_text(text: Any) -> str:
    return " ".join(str(text).strip().lower().split())


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook YAML file.

    Raises
    ------
    CodebookError
        The file is missing, not YAML, or breaks a rule; the message names
        the file and the key and says what to do.
    """
    import yaml

    path = Path(path)
    if not path.exists():
        raise CodebookError("the codebook file does not exist.", file=str(path),
                            fix="check the codebook path (the `codebook_path` parameter or CODEBOOK=...).")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as exc:
        raise CodebookError(f"the codebook is not valid YAML ({exc}).", file=str(path),
                            fix="fix the YAML syntax; compare with data/codebook.template.yml.") from None
    return codebook_from_dict(raw, source=str(path))


def codebook_from_dict(raw: Any, *, source: str | None = None) -> Codebook:
    """Validate a parsed codebook mapping and build a :class:`Codebook`."""

    def fail(problem: str, key: str | None = None, fix: str | None = None) -> CodebookError:
        return CodebookError(problem, file=source, column=key,
                             fix=fix or "correct the codebook; data/codebook.template.yml shows every key.")

    if not isinstance(raw, dict):
        raise fail("the codebook must be a YAML mapping with at least `scale` and `constructs`.")
    unknown = sorted(set(raw) - _TOP_KEYS)
    if unknown:
        raise fail(f"unknown key(s) {unknown}; allowed keys are {sorted(_TOP_KEYS)}.", unknown[0],
                   fix="remove or rename the key (a typo?).")
    for key in ("scale", "constructs"):
        if key not in raw:
            raise fail(f"the required key `{key}` is missing.", key)

    scale = _parse_scale(raw["scale"], fail)
    constructs = _parse_constructs(raw["constructs"], fail)

    missing = raw.get("missing", "stop")
    if missing not in _MISSING_POLICIES:
        raise fail(f"`missing` is {missing!r}; it must be one of {list(_MISSING_POLICIES)}.", "missing")
    composite = raw.get("composite", "sum")
    if composite not in _COMPOSITES:
        raise fail(f"`composite` is {composite!r}; it must be one of {list(_COMPOSITES)}.", "composite")

    identifiers = tuple(_str_list(raw.get("identifiers", []), "identifiers", fail))
    profile = tuple(_str_list(raw.get("profile", []), "profile", fail))
    reverse = tuple(_str_list(raw.get("reverse_keyed", []), "reverse_keyed", fail))
    respondent_id = raw.get("respondent_id")
    if respondent_id is not None and not isinstance(respondent_id, str):
        raise fail("`respondent_id` must be a column name.", "respondent_id")

    items = [item for c in constructs for item in c.items]
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise fail(f"the item column {item!r} is listed twice.", item,
                       fix="each item column may belong to exactly one indicator; remove the duplicate.")
        seen.add(item)
    for name, group in (("identifiers", identifiers), ("profile", profile)):
        clash = sorted(set(group) & seen)
        if clash:
            raise fail(f"{clash} are listed both as items and under `{name}`.", clash[0])
    if respondent_id and respondent_id in seen:
        raise fail(f"the respondent id column {respondent_id!r} is also an item.", respondent_id)
    # Personal data must never reach an output: a column cannot be both dropped and described.
    # The respondent id may be an identifier (a NIP is common): outputs then use pseudonymous ids.
    personal_profile = sorted(set(identifiers) & set(profile))
    if personal_profile:
        raise fail(f"{personal_profile} are listed both under `identifiers` (personal data, never written) and "
                   "under `profile` (described in the outputs).", "profile",
                   fix=f"remove {personal_profile[0]!r} from `profile` (or from `identifiers` if it is not "
                       "personal data).")
    if respondent_id and respondent_id in profile:
        raise fail(f"the respondent id column {respondent_id!r} is also listed under `profile`.", "profile",
                   fix=f"remove {respondent_id!r} from `profile`; if the id is personal data (a NIP, a name), "
                       "list it under `identifiers` and the outputs will use pseudonymous ids R001, R002, ...")
    stray = sorted(set(reverse) - seen)
    if stray:
        raise fail(f"`reverse_keyed` names {stray}, which are not items of any construct.", stray[0])

    roles = [c.role for c in constructs]
    if roles.count("dependent") != 1:
        raise fail(f"exactly one construct must have role: dependent (found {roles.count('dependent')}).", "role")
    if roles.count("predictor") < 1:
        raise fail("at least one construct must have role: predictor.", "role")

    input_options = raw.get("input", {}) or {}
    if not isinstance(input_options, dict):
        raise fail("`input` must be a mapping, e.g. {sheet: Responses, delimiter: ';'}.", "input")
    unknown = sorted(set(input_options) - _INPUT_KEYS)
    if unknown:
        raise fail(f"unknown `input` option(s) {unknown}; allowed are {sorted(_INPUT_KEYS)}.",
                   f"input.{unknown[0]}", fix="remove or rename the option (a typo?).")
    if input_options.get("extra_columns", "stop") not in _EXTRA_COLUMNS:
        raise fail(f"`input: extra_columns` is {input_options['extra_columns']!r}; use one of {list(_EXTRA_COLUMNS)}.",
                   "input.extra_columns")

    interpretation = tuple(
        Category(float(c["min"]), float(c["max"]), str(c["id"]), str(c.get("en", c["id"])))
        for c in raw.get("interpretation", []) or []
    )
    derived = not interpretation
    if derived:
        interpretation = equal_width_classes(scale)
    else:
        check_classes_cover_scale(interpretation, scale, fail)
    return Codebook(
        constructs=constructs,
        scale=scale,
        respondent_id=respondent_id,
        identifiers=identifiers,
        profile=profile,
        missing=missing,
        composite=composite,
        reverse_keyed=reverse,
        interpretation=interpretation,
        interpretation_derived=derived,
        study=dict(raw.get("study", {}) or {}),
        rationale=tuple(raw.get("rationale", []) or []),
        input=dict(input_options),
        source=source,
    )


#: Labels of the derived classes, lowest first (the neutral wording of Indonesian theses).
DERIVED_CLASS_LABELS = (("sangat rendah", "very low"), ("rendah", "low"), ("sedang", "moderate"),
                        ("tinggi", "high"), ("sangat tinggi", "very high"))
#: Class limits are written, and means classified, to two decimals.
CLASS_DECIMALS = 2


def _hundredths(value: float) -> int:
    return int(round(value * 10**CLASS_DECIMALS))


def equal_width_classes(scale: Scale, k: int = len(DERIVED_CLASS_LABELS)) -> tuple[Category, ...]:
    """Equal-width interpretation classes of a scale: width = (max - min) / k.

    The interval rule of Indonesian theses: class ``i`` (0-based) runs from
    min + i * width to min + (i + 1) * width, limits to two decimals, each
    class after the first starting .01 above the previous one's end, so
    every mean rounded to two decimals falls in exactly one class
    (1..5: 1.00-1.80, 1.81-2.60, 2.61-3.40, 3.41-4.20, 4.21-5.00).
    """
    from .spss_format import round_half_away

    if k != len(DERIVED_CLASS_LABELS):
        raise ValueError(f"labels exist for {len(DERIVED_CLASS_LABELS)} classes, not {k}")
    width = (scale.max - scale.min) / k
    step = 10.0**-CLASS_DECIMALS
    classes = []
    for i, (label_id, label_en) in enumerate(DERIVED_CLASS_LABELS):
        low = float(scale.min) if i == 0 else round_half_away(scale.min + i * width + step, CLASS_DECIMALS)
        high = float(scale.max) if i == k - 1 else round_half_away(scale.min + (i + 1) * width, CLASS_DECIMALS)
        classes.append(Category(low, high, label_id, label_en))
    return tuple(classes)


def check_classes_cover_scale(classes: tuple[Category, ...], scale: Scale, fail) -> None:
    """Raise ``fail(...)`` unless the classes cover scale.min..scale.max exactly once at two decimals.

    Means are classified on their value rounded to two decimals, so classes
    must start at the scale's minimum, end at its maximum, and each must
    start exactly .01 above the end of the one below it: a larger step is a
    gap (some means get no class), a smaller one an overlap (some get two).
    """
    ordered = sorted(enumerate(classes), key=lambda pair: (pair[1].min, pair[1].max))
    lo, hi = _hundredths(scale.min), _hundredths(scale.max)

    def where(position: int, end: str) -> str:
        return f"interpretation[{position}].{end}"

    for position, c in ordered:
        if _hundredths(c.min) > _hundredths(c.max):
            raise fail(f"the interpretation class {c.id!r} runs from {c.min:.2f} down to {c.max:.2f}.",
                       where(position, "min"), fix="give each class min <= max; " + _CLASS_FIX)
        if _hundredths(c.min) < lo or _hundredths(c.max) > hi:
            raise fail(f"the interpretation class {c.id!r} ({c.min:.2f}-{c.max:.2f}) reaches beyond the scale "
                       f"{scale.min}..{scale.max}.", where(position, "min" if _hundredths(c.min) < lo else "max"),
                       fix=_CLASS_FIX)
    first_position, first = ordered[0]
    if _hundredths(first.min) != lo:
        raise fail(f"the interpretation classes start at {first.min:.2f}, not at the scale minimum {scale.min}: "
                   f"means from {scale.min:.2f} to {first.min - 0.01:.2f} would get no class.",
                   where(first_position, "min"), fix=_CLASS_FIX)
    for (_, below), (position, above) in zip(ordered, ordered[1:]):
        step = _hundredths(above.min) - _hundredths(below.max)
        if step > 1:
            raise fail(f"gap between the interpretation classes {below.id!r} (to {below.max:.2f}) and {above.id!r} "
                       f"(from {above.min:.2f}): means from {below.max + 0.01:.2f} to {above.min - 0.01:.2f} would "
                       "get no class.", where(position, "min"), fix=_CLASS_FIX)
        if step < 1:
            raise fail(f"the interpretation classes {below.id!r} (to {below.max:.2f}) and {above.id!r} "
                       f"(from {above.min:.2f}) overlap: a mean of {above.min:.2f} would fall in both.",
                       where(position, "min"), fix=_CLASS_FIX)
    last_position, last = ordered[-1]
    if _hundredths(last.max) != hi:
        raise fail(f"the interpretation classes end at {last.max:.2f}, not at the scale maximum {scale.max}: "
                   f"means from {last.max + 0.01:.2f} to {scale.max:.2f} would get no class.",
                   where(last_position, "max"), fix=_CLASS_FIX)


_CLASS_FIX = ("make the classes cover the scale's min..max exactly once, each class starting .01 above the end "
              "of the one below (1..5: 1.00-1.80, 1.81-2.60, 2.61-3.40, 3.41-4.20, 4.21-5.00); or delete "
              "`interpretation` to have equal-width classes derived from the scale.")


def _str_list(value: Any, key: str, fail) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"`{key}` must be a list of column names.", key)
    return value


def _parse_scale(raw: Any, fail) -> Scale:
    if not isinstance(raw, dict) or "min" not in raw or "max" not in raw:
        raise fail("`scale` must give `min` and `max` (e.g. 1 and 5).", "scale")
    lo, hi = raw["min"], raw["max"]
    if not (isinstance(lo, int) and isinstance(hi, int) and lo < hi):
        raise fail(f"scale min {lo!r} and max {hi!r} must be integers with min < max.", "scale")
    labels = []
    for entry in raw.get("labels", []) or []:
        if not isinstance(entry, dict) or "value" not in entry:
            raise fail("each scale label needs a `value` (and code, id, en).", "scale.labels")
        unknown = sorted(set(entry) - _LABEL_KEYS)
        if unknown:
            raise fail(f"unknown key(s) {unknown} in a scale label.", f"scale.labels.{unknown[0]}")
        if not lo <= entry["value"] <= hi:
            raise fail(f"label value {entry['value']} lies outside the scale {lo}..{hi}.", "scale.labels")
        labels.append(ScaleLabel(int(entry["value"]), str(entry.get("code", entry["value"])),
                                 str(entry.get("id", "")), str(entry.get("en", "")),
                                 tuple(str(a) for a in entry.get("aliases", []) or [])))
    texts: dict[str, int] = {}
    for label in labels:
        for text in label.texts():
            t = normalise_text(text)
            if t and texts.setdefault(t, label.value) != label.value:
                raise fail(f"the answer text {text!r} is given for two scale values.", "scale.labels")
    return Scale(lo, hi, tuple(labels))


def _parse_constructs(raw: Any, fail) -> tuple[Construct, ...]:
    if not isinstance(raw, list) or not raw:
        raise fail("`constructs` must be a non-empty list.", "constructs")
    constructs = []
    keys: set[str] = set()
    for c in raw:
        if not isinstance(c, dict) or "key" not in c:
            raise fail("each construct needs a `key`.", "constructs")
        unknown = sorted(set(c) - _CONSTRUCT_KEYS)
        if unknown:
            raise fail(f"unknown key(s) {unknown} in construct {c['key']!r}.", f"{c['key']}.{unknown[0]}",
                       fix="remove or rename the key (a typo?).")
        if c["key"] in keys:
            raise fail(f"the construct key {c['key']!r} is used twice.", c["key"])
        keys.add(c["key"])
        role = c.get("role", "predictor")
        if role not in _ROLES:
            raise fail(f"construct {c['key']!r} has role {role!r}; use one of {list(_ROLES)}.", c["key"])
        indicators = []
        raw_ind = c.get("indicators")
        if not isinstance(raw_ind, list) or not raw_ind:
            raise fail(f"construct {c['key']!r} needs a list of `indicators`, each with `items`.", c["key"])
        for i in raw_ind:
            if not isinstance(i, dict) or "key" not in i:
                raise fail(f"each indicator of {c['key']!r} needs a `key` and `items`.", c["key"])
            unknown = sorted(set(i) - _INDICATOR_KEYS)
            if unknown:
                raise fail(f"unknown key(s) {unknown} in indicator {i['key']!r}.", f"{i['key']}.{unknown[0]}",
                           fix="remove or rename the key (a typo?).")
            if i["key"] in keys:
                raise fail(f"the key {i['key']!r} is used twice.", i["key"])
            keys.add(i["key"])
            items = _str_list(i.get("items"), f"{i['key']}.items", fail)
            if not items:
                raise fail(f"indicator {i['key']!r} has no items.", i["key"])
            indicators.append(Indicator(str(i["key"]), str(i.get("en", i["key"])),
                                        str(i.get("id", i.get("en", i["key"]))), tuple(items)))
        constructs.append(Construct(str(c["key"]), role, str(c.get("en", c["key"])),
                                    str(c.get("id", c.get("en", c["key"]))), tuple(indicators)))
    return tuple(constructs)
