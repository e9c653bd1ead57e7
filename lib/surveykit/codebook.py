"""The codebook: the instrument a dataset is checked and scored against.

A codebook is a YAML file (see ``data/codebook.yml`` and
``data/codebook.template.yml``) naming the respondent-identifier column, the
personal-data columns to drop, the Likert scale and its text labels, and the
constructs with their indicators and item columns, one construct marked as
the dependent variable.  :func:`load_codebook` validates it and returns an
immutable :class:`Codebook`; every problem is reported as a
:class:`~surveykit.errors.CodebookError` naming the file and the key.

This module holds the instrument (the :class:`Codebook` and its parts, the
interpretation classes) and its loading; what a codebook file must be (its
YAML, the JSON Schema, the rules a schema cannot state, each problem's
message) is :mod:`surveykit.codebook_rules`, imported only when a codebook is
read, so that modules which merely use a :class:`Codebook` do not load YAML.
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
    "read_codebook",
    "codebook_from_dict",
    "equal_width_classes",
    "check_classes_cover_scale",
    "normalise_text",
]


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
    def id_column(self) -> str:
        """The respondent-id column of the processed data: ``respondent_id``, or a name for row numbers.

        Without ``respondent_id`` respondents are numbered by file row in a
        column ``respondent`` -- or ``respondent_row`` (``_2`` ...) when an
        item or profile column already has that name, which is never replaced.
        """
        if self.respondent_id:
            return self.respondent_id
        taken = set(self.items) | set(self.profile) | set(self.identifiers)
        name, n = "respondent", 1
        while name in taken:
            name = "respondent_row" if n == 1 else f"respondent_row_{n}"
            n += 1
        return name

    @property
    def data_status(self) -> str:
        return str(self.study.get("data_status", "real"))

    @property
    def language(self) -> str:
        """The language the study's notebooks and report speak unless LANGUAGE= says otherwise (default "en")."""
        return str(self.study.get("language", "en"))

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


#: The codebook's JSON Schema (shapes and types); editors can validate a codebook with it as it is typed.


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook YAML file.

    Raises
    ------
    CodebookError
        The first problem :func:`read_codebook` finds: the message names the
        file, the key (and line) and says what to do.
    """
    codebook, problems = read_codebook(path)
    if problems:
        raise problems[0]
    assert codebook is not None
    return codebook


def read_codebook(path: str | Path) -> tuple[Codebook | None, list[CodebookError]]:
    """Read a codebook YAML file and return it with **every** problem found.

    The file must be UTF-8 YAML without repeated keys and without aliases
    (``*name``: refused, because a few lines of aliases can expand to
    billions of entries); its content must match :data:`surveykit.codebook_rules.SCHEMA_PATH`, then
    the rules a schema cannot state (see :func:`surveykit.codebook_rules.codebook_problems`).

    Returns
    -------
    codebook : Codebook or None
        None when there is any problem.
    problems : list of CodebookError
        Each names the file, the key path (list entries by their ``key``,
        else by index from 0) and the line, and says what to do.
    """
    from .codebook_rules import codebook_problems, parse_yaml

    path = Path(path)
    source = str(path)
    if not path.exists():
        return None, [CodebookError("the codebook file does not exist.", file=source,
                                    fix="check the codebook path (the `codebook_path` parameter or CODEBOOK=...).")]
    if path.is_dir():
        return None, [CodebookError("the codebook path is a folder, not a file.", file=source,
                                    fix="give the codebook file itself, e.g. CODEBOOK=folder/codebook.yml.")]
    try:
        content = path.read_bytes()
    except OSError as exc:
        return None, [CodebookError(f"the codebook cannot be read ({exc.strerror}).", file=source,
                                    fix="check the file's permissions.")]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[:exc.start].count(b"\n") + 1
        return None, [CodebookError(
            "the codebook is not UTF-8 text (it was probably saved as Windows-1252/ANSI); codebooks are read "
            "as UTF-8.", file=source, line=line,
            fix="re-save it as UTF-8 (Notepad: File > Save As > Encoding UTF-8; VS Code: 'Save with Encoding' "
                "> UTF-8).")]
    try:
        raw, duplicates, line_of = parse_yaml(text)
    except CodebookError as exc:
        exc.file = source
        return None, [CodebookError(exc.problem, file=source, line=exc.line, fix=exc.fix)]
    problems = [CodebookError(f"the key `{key}` appears twice in one mapping (lines {first} and {line}); YAML "
                              "would silently keep only the last.", file=source, column=str(key), line=line,
                              fix="delete or merge one of the two entries.")
                for key, first, line in duplicates]
    problems += codebook_problems(raw, source=source, line_of=line_of)
    if problems:
        return None, sorted(problems, key=lambda problem: problem.line or 0)  # in the order of the file
    return _build(raw, source), []


def codebook_from_dict(raw: Any, *, source: str | None = None) -> Codebook:
    """Validate a parsed codebook mapping and build a :class:`Codebook` (raises the first problem)."""
    from .codebook_rules import codebook_problems

    problems = codebook_problems(raw, source=source)
    if problems:
        raise problems[0]
    return _build(raw, source)


def _classes(raw: dict[str, Any]) -> tuple[Category, ...]:
    """The codebook's own interpretation classes, as given (none: they are derived from the scale)."""
    return tuple(Category(float(c["min"]), float(c["max"]), str(c["id"]), str(c.get("en", c["id"])))
                 for c in raw.get("interpretation") or [])


def _build(raw: dict[str, Any], source: str | None) -> Codebook:
    """The :class:`Codebook` of a mapping that :func:`~surveykit.codebook_rules.codebook_problems` found without
    problem."""
    scale = raw["scale"]
    labels = tuple(
        ScaleLabel(int(e["value"]), str(e.get("code", int(e["value"]))), str(e.get("id", "")), str(e.get("en", "")),
                   tuple(str(a) for a in e.get("aliases") or []))
        for e in scale.get("labels") or [])
    constructs = tuple(
        Construct(c["key"], c.get("role", "predictor"), str(c.get("en", c["key"])),
                  str(c.get("id", c.get("en", c["key"]))),
                  tuple(Indicator(i["key"], str(i.get("en", i["key"])), str(i.get("id", i.get("en", i["key"]))),
                                  tuple(i["items"])) for i in c["indicators"]))
        for c in raw["constructs"])
    interpretation = _classes(raw)
    derived = not interpretation
    if derived:
        interpretation = equal_width_classes(Scale(int(scale["min"]), int(scale["max"])))
    return Codebook(
        constructs=constructs,
        scale=Scale(int(scale["min"]), int(scale["max"]), labels),
        respondent_id=raw.get("respondent_id"),
        identifiers=tuple(raw.get("identifiers") or []),
        profile=tuple(raw.get("profile") or []),
        missing=raw.get("missing", "stop"),
        composite=raw.get("composite", "sum"),
        reverse_keyed=tuple(raw.get("reverse_keyed") or []),
        interpretation=interpretation,
        interpretation_derived=derived,
        study=dict(raw.get("study") or {}),
        rationale=tuple(raw.get("rationale") or []),
        input=dict(raw.get("input") or {}),
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
