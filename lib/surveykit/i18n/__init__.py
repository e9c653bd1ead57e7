"""The compendium's languages: English (the source) and Bahasa Indonesia.

Every sentence a reader sees is written once, in English, where it is used,
and translated in a gettext catalogue (``locale/<language>/LC_MESSAGES/*.po``,
read with Babel), one catalogue per notebook and one for the library:

- a notebook's Markdown cells are translated block by block (a block is the
  text between two blank lines) by the notebook runner after execution
  (:func:`translate_markdown`), so the notebook itself stays an English
  narrative that reads in JupyterLab;
- a generated sentence is a template with named fields filled with computed,
  already formatted numbers: ``tr("Alpha is {alpha}.", alpha=format_number(a))``
  in the library, ``notebook.say(...)`` in a notebook; the template is the
  message id, so there is no key to look up and no number typed;
- a sentence kept in a constant is marked with :func:`N_` and translated where
  it is shown (``tr(CONSTANT)``);
- one English word that two kinds of output translate differently (a header of
  an SPSS-layout table keeps SPSS's word, an APA thesis table uses the thesis
  word) is marked with a context, ``N_("Construct", context="APA table")``, and
  looked up with it, ``gettext(word, context="APA table")`` (gettext's msgctxt);
  a word without an entry in that context is looked up without it.

A message without a translation raises :class:`MissingTranslation`, it never
falls back to English; ``python -m surveykit.i18n`` rewrites the catalogues
from the sources (keeping every translation whose English is unchanged), and
the tests require the committed catalogues to equal that extraction, with
every message translated.

Numbers: :func:`localize_number` gives a formatted number the active
language's decimal mark (Indonesian: decimal comma, thousands dot, as SPSS
prints in an Indonesian locale: ``4,10``, ``,000``).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

__all__ = [
    "LANGUAGES", "SOURCE_LANGUAGE", "LOCALE_DIR", "MissingTranslation", "use", "speaking", "active", "gettext", "tr", "N_",
    "localize_number", "decimal_mark", "markdown_blocks", "translate_markdown", "Message", "notebook_messages",
    "library_messages", "catalogue_path", "extract", "main",
]

#: The languages the compendium speaks; the first is the one its sources are written in.
LANGUAGES = ("en", "id")
SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parents[1] / "locale"
_PACKAGE = Path(__file__).parents[1]
_NOTEBOOKS = _PACKAGE.parents[1] / "notebooks"

_active = SOURCE_LANGUAGE


class MissingTranslation(LookupError):
    """A message shown to a reader has no translation in the active language."""


def use(language: str) -> None:
    """Make ``language`` the one every later :func:`tr` and number format speaks."""
    global _active
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    _active = language


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Use ``language`` inside the block and the previous language after it (for library functions)."""
    previous = _active
    use(language)
    try:
        yield
    finally:
        use(previous)


def active() -> str:
    """The language sentences and numbers are currently written in."""
    return _active


def _key(message: str, context: str | None) -> str:
    """The catalogue key of a message: gettext's ``context EOT message`` when it has a context."""
    return f"{context}\x04{message}" if context else message


@cache
def _catalogue(language: str) -> dict[str, str]:
    """msgid (with its context) -> translation, from every catalogue of ``language`` (untranslated and fuzzy
    entries left out)."""
    from babel.messages.pofile import read_po

    messages: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                if message.id and message.string and not message.fuzzy:
                    messages[_key(message.id, message.context)] = message.string
    return messages


def gettext(message: str, *, language: str | None = None, context: str | None = None) -> str:
    """``message`` in ``language`` (default: the active one); raises :class:`MissingTranslation`.

    With ``context``, the translation marked with that context (``N_(message, context=...)``) if there is
    one, else the message's translation without context.
    """
    language = language or _active
    if language == SOURCE_LANGUAGE or not message:
        return message
    catalogue = _catalogue(language)
    if context and _key(message, context) in catalogue:
        return catalogue[_key(message, context)]
    try:
        return catalogue[message]
    except KeyError:
        raise MissingTranslation(
            f"no {language!r} translation of {message!r}: run `python -m surveykit.i18n` and translate the "
            f"new entry in {LOCALE_DIR.relative_to(_PACKAGE.parent)}/{language}/LC_MESSAGES/"
        ) from None


def tr(template: str, /, **values) -> str:
    """The template in the active language, its named fields filled with ``values`` (already formatted)."""
    text = gettext(template)
    return text.format(**values) if values else text


def N_(message: str, /, *, context: str | None = None) -> str:  # noqa: N802 (gettext's name for a marked message)
    """Mark a constant sentence for the catalogue; translate it where shown, with :func:`tr` (or
    :func:`gettext` with the same ``context``)."""
    return message


def decimal_mark(language: str | None = None) -> str:
    """``.`` in English, ``,`` in Indonesian."""
    return "," if (language or _active) == "id" else "."


_SWAP_MARKS = str.maketrans({".": ",", ",": "."})


def localize_number(text: str, *, language: str | None = None) -> str:
    """A number formatted in English (``1,189.754``) with the language's marks (``1.189,754``)."""
    return text.translate(_SWAP_MARKS) if decimal_mark(language) == "," else text


# -- Markdown ---------------------------------------------------------------------------------------------
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def markdown_blocks(source: str) -> list[str]:
    """The translatable blocks of a Markdown cell: its text between blank lines, stripped.

    A heading, a paragraph, a whole list or a whole table is one block, so a
    translator sees a sentence with its neighbours.
    """
    return [block.strip() for block in _BLANK_LINE.split(source) if block.strip()]


def translate_markdown(source: str, language: str) -> str:
    """A Markdown cell in ``language``, block by block; raises :class:`MissingTranslation` naming every gap."""
    if language == SOURCE_LANGUAGE:
        return source
    missing, out = [], []
    for block in markdown_blocks(source):
        try:
            out.append(gettext(block, language=language))
        except MissingTranslation:
            missing.append(block)
    if missing:
        raise MissingTranslation(f"{len(missing)} Markdown block(s) have no {language!r} translation, e.g. "
                                 f"{missing[0][:120]!r}: run `python -m surveykit.i18n` and translate them")
    return "\n\n".join(out)


# -- Extraction -------------------------------------------------------------------------------------------
#: Calls whose first argument is a message: tr(...), N_(...), gettext(...), and a notebook's say(...).
_MESSAGE_CALLS = frozenset({"tr", "N_", "gettext", "say"})


@dataclass(frozen=True)
class Message:
    """One translatable text and where it is written (``file:line`` or ``notebook#cell``)."""

    text: str
    location: str
    context: str | None = None


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _code_messages(code: str, location: str) -> Iterator[Message]:
    """Messages of the marked calls in Python source; a marked call must pass a literal template."""
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call):
            # A table's or figure's title given as a literal is shown translated (spss_styled, Context.table).
            for keyword in node.keywords:
                if keyword.arg == "title" and isinstance(keyword.value, ast.Constant) \
                        and isinstance(keyword.value.value, str) and keyword.value.value:
                    yield Message(keyword.value.value, f"{location}:{node.lineno}")
        if isinstance(node, ast.Call) and _call_name(node) in _MESSAGE_CALLS and node.args:
            first = node.args[0]
            context = next((keyword.value for keyword in node.keywords if keyword.arg == "context"), None)
            if context is not None:
                if not (isinstance(context, ast.Constant) and isinstance(context.value, str)):
                    raise ValueError(f"{location}:{node.lineno}: {_call_name(node)}()'s context must be a literal "
                                     "string, so that it can be written into the catalogue")
                context = context.value
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield Message(first.value, f"{location}:{node.lineno}", context)
            elif isinstance(first, (ast.JoinedStr, ast.BinOp)) or (
                    isinstance(first, ast.Call) and _call_name(first) == "format"):
                # A constant marked with N_ may be passed by name; a sentence built on the spot cannot be found.
                raise ValueError(f"{location}:{node.lineno}: {_call_name(node)}() needs its English template as "
                                 "a literal string with named fields in braces, not an f-string, a sum or "
                                 ".format(), so that it can be translated")


def notebook_messages(path: str | Path) -> list[Message]:
    """Every Markdown block and every ``say``/``tr`` template of a notebook, in order."""
    path = Path(path)
    nb = json.loads(path.read_text(encoding="utf-8"))
    messages: list[Message] = []
    for number, cell in enumerate(nb["cells"], start=1):
        source = "".join(cell["source"])
        location = f"{path.name}#cell{number}"
        if cell["cell_type"] == "markdown":
            messages += [Message(block, location) for block in markdown_blocks(source)]
        elif cell["cell_type"] == "code":
            messages += _code_messages(source, location)
    return messages


def library_messages(package: Path = _PACKAGE) -> list[Message]:
    """Every ``tr``/``N_`` template in the library's modules, in file order."""
    messages: list[Message] = []
    for path in sorted(package.rglob("*.py")):
        if path.parent.name == "i18n":
            continue
        messages += _code_messages(path.read_text(encoding="utf-8"), str(path.relative_to(package.parent)))
    return messages


def catalogue_path(domain: str, language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def _domains(notebooks: Path) -> dict[str, list[Message]]:
    """Catalogue name -> its messages: one catalogue per library module that has any, one per notebook."""
    domains: dict[str, list[Message]] = {}
    for message in library_messages():
        module = message.location.rsplit(":", 1)[0].removesuffix(".py").removesuffix("/__init__").replace("/", ".")
        domains.setdefault(module, []).append(message)
    for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        domains[path.stem] = notebook_messages(path)
    return domains


def _unique(messages: Iterable[Message]) -> dict[tuple[str, str | None], list[str]]:
    seen: dict[tuple[str, str | None], list[str]] = {}
    for message in messages:
        seen.setdefault((message.text, message.context), []).append(message.location)
    return seen


def render_catalogue(domain: str, language: str, messages: list[Message],
                     old: dict[tuple[str, str | None], str]) -> bytes:
    """The .po file of one domain: every message in source order, with its old translation if any."""
    from io import BytesIO

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    fixed = datetime(2025, 5, 1, tzinfo=UTC)  # a fixed date: the same bytes on every run
    catalog = Catalog(locale=language, domain=domain, project="surveykit", version="1",
                      copyright_holder="the compendium's authors", charset="utf-8",
                      creation_date=fixed, revision_date=fixed)
    for (text, context), locations in _unique(messages).items():
        catalog.add(text, string=old.get((text, context), ""), context=context,
                    locations=[(location.rsplit(":", 1)[0], int(location.rsplit(":", 1)[1]))
                               if ":" in location else (location, None) for location in locations])
    buffer = BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, sort_by_file=False,
             include_lineno=False)
    return buffer.getvalue()


def _read_old(path: Path) -> dict[tuple[str, str | None], str]:
    from babel.messages.pofile import read_po

    if not path.exists():
        return {}
    with path.open("rb") as handle:
        return {(m.id, m.context): m.string for m in read_po(handle) if m.id and m.string}


def extract(*, notebooks: Path = _NOTEBOOKS, write: bool = True) -> dict[Path, bytes]:
    """The catalogues the sources call for, every language but the source one: path -> bytes.

    Translations of unchanged messages are kept (from any domain of the same
    language, so moving a sentence keeps its translation); new messages get an
    empty translation, which the tests refuse.  With ``write``, changed files
    are rewritten and catalogues no source calls for any more are removed.
    """
    result: dict[Path, bytes] = {}
    for language in LANGUAGES:
        if language == SOURCE_LANGUAGE:
            continue
        known: dict[tuple[str, str | None], str] = {}
        for path in sorted((LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")):
            known.update(_read_old(path))
        for domain, messages in _domains(notebooks).items():
            path = catalogue_path(domain, language)
            result[path] = render_catalogue(domain, language, messages, known)
    if write:
        for path, content in result.items():
            if not path.exists() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)
        for path in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"):
            if path not in result:
                path.unlink()
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="rewrite the translation catalogues from the sources")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a catalogue is out of date or a message untranslated")
    args = parser.parse_args(argv)
    result = extract(write=not args.check)
    stale = [path for path, content in result.items() if not path.exists() or path.read_bytes() != content]
    from babel.messages.pofile import read_po

    untranslated = 0
    for path in result:
        if path.exists():
            with path.open("rb") as handle:
                untranslated += sum(1 for message in read_po(handle) if message.id and not message.string)
    for path in stale:
        print(f"out of date: {path}")
    print(f"{len(result)} catalogues, {untranslated} untranslated message(s)")
    return 1 if args.check and (stale or untranslated) else 0
