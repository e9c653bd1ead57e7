"""What a reader sees on a report page, and which of it is English (for the Indonesian edition's tests).

The visible text of a page is its text outside scripts, styles, code and the
folded code cells, plus the alternative texts of its images; text inside an
element marked ``lang="en"`` (the English title under the Indonesian one, the
link to the English edition) is English by declaration and left out.  A passage is
English when it contains an English function word ("the", "of", "is", ...)
that Indonesian never uses, after removing the names a translation keeps on
purpose: SPSS's table words that translate as themselves in the catalogues
(e.g. "Std. Error of the Estimate") and the proper names listed here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

from surveykit.i18n import LOCALE_DIR

#: English words that do not occur in Indonesian prose.
STOP_WORDS = frozenset("""
the of and is are was were be been being with for to from this that these those which who whose when where
than then there their its it into onto only each every not no but or if as at by an on has have had will would
should could may might must can cannot does do did done what why how about between both either neither
""".split())
#: Proper names that contain such words and stay as they are in Indonesian.
KEPT_NAMES = ("Quality of Work Life", "quality of work life", "Work Engagement", "work engagement")
_SKIPPED_TAGS = {"script", "style", "code", "pre", "kbd", "samp"}
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._details_code = 0
        self._open: list[tuple[str, bool]] = []  # open elements: (tag, marked English)

    def _english(self) -> bool:
        return any(english for _, english in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in _VOID_TAGS:
            self._open.append((tag, (attrs.get("lang") or "").startswith("en")))
        if tag in _SKIPPED_TAGS:
            self._skip += 1
        if tag == "details" and "compendium-code" in (attrs.get("class") or ""):
            self._details_code += 1
        elif tag == "details" and self._details_code:
            self._details_code += 1
        if tag == "img" and attrs.get("alt") and not self._english():
            self.parts.append(attrs["alt"])

    def handle_endtag(self, tag):
        for depth in range(len(self._open) - 1, -1, -1):  # close up to the matching open element
            if self._open[depth][0] == tag:
                del self._open[depth:]
                break
        if tag in _SKIPPED_TAGS and self._skip:
            self._skip -= 1
        if tag == "details" and self._details_code:
            self._details_code -= 1

    def handle_data(self, data):
        if not self._skip and not self._details_code and not self._english() and data.strip():
            self.parts.append(data.strip())


def visible_text(page: str) -> list[str]:
    parser = _Visible()
    parser.feed(page)
    return parser.parts


def kept_names() -> list[str]:
    """Texts an Indonesian page may show in English: identical translations and the proper names."""
    kept = set(KEPT_NAMES)
    for path in LOCALE_DIR.glob("id/LC_MESSAGES/*.po"):
        with path.open("rb") as handle:
            kept |= {m.id for m in read_po(handle) if m.id and m.id == m.string}
    return sorted(kept, key=len, reverse=True)


def english_passages(page: str, kept: list[str] | None = None) -> list[str]:
    """The visible passages of ``page`` that contain an English function word."""
    kept = kept_names() if kept is None else kept
    # Whole words only: a kept "t" or "N" must not cut "indikator" into "indika" and "or".
    names = re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in kept), re.IGNORECASE)
    found = []
    for passage in visible_text(page):
        text = names.sub(" ", passage)
        words = set(re.findall(r"[a-z]+", text.lower()))
        if words & STOP_WORDS:
            found.append(f"{sorted(words & STOP_WORDS)}: {passage[:160]}")
    return found


def report_pages(report: Path) -> list[Path]:
    """The pages of a report folder: its index, then each notebook's page."""
    pages = [report / "index.html", *sorted((report / "notebooks").glob("*.html"))]
    assert all(page.exists() for page in pages) and len(pages) > 1, f"no report under {report}"
    return pages


def assert_indonesian(report: Path) -> None:
    """Every page of the report says it is Indonesian (``<html lang="id">``) and shows no English passage."""
    kept = kept_names()
    problems = []
    for page in report_pages(report):
        text = page.read_text(encoding="utf-8")
        if '<html lang="id">' not in text:
            problems.append(f"{page.name}: not marked <html lang=\"id\">")
        problems += [f"{page.name}: {passage}" for passage in english_passages(text, kept)]
    assert not problems, f"{len(problems)} English passage(s):\n" + "\n".join(problems[:40])
