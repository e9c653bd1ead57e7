"""The compendium's languages (surveykit.i18n): catalogues, templates, Markdown blocks, decimal marks."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.pofile import read_po

from surveykit import i18n
from surveykit.i18n import LOCALE_DIR, MissingTranslation
from surveykit.spss_format import format_number, format_p, spss_styled


@pytest.fixture
def indonesian():
    i18n.use("id")
    yield
    i18n.use("en")


def _catalogues():
    for path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        with path.open("rb") as handle:
            yield path, [m for m in read_po(handle) if m.id]


def test_catalogues_hold_exactly_the_messages_of_the_sources():
    # Rewriting the catalogues from the notebooks and the library changes no byte: no message is
    # missing from a catalogue and none is left over from a sentence that was changed or removed.
    wanted = i18n.extract(write=False)
    stale = [path.name for path, content in wanted.items() if not path.exists() or path.read_bytes() != content]
    stale += [path.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/*.po") if path not in wanted]
    assert not stale, f"run `python -m surveykit.i18n` (then translate): out of date: {stale}"


_TABLE_ROW = re.compile(r"^\|.*\|[ \t]*$", re.M)


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_every_translation_keeps_the_fields_code_and_structure_of_its_english():
    problems = []
    for path, messages in _catalogues():
        for message in messages:
            if not message.string:
                continue
            if _fields(message.id) != _fields(message.string):
                problems.append(f"{path.name}: fields {_fields(message.id)} != {_fields(message.string)} in {message.id[:60]!r}")
            for span in re.findall(r"`[^`]+`", message.id):
                if span not in message.string:
                    problems.append(f"{path.name}: code {span} missing from the translation of {message.id[:60]!r}")
            heading = re.match(r"#+ ", message.id)
            if heading and not message.string.startswith(heading.group(0)):
                problems.append(f"{path.name}: heading level changed in {message.id[:60]!r}")
            if len(_TABLE_ROW.findall(message.id)) != len(_TABLE_ROW.findall(message.string)):
                problems.append(f"{path.name}: table rows differ in {message.id[:60]!r}")
    assert not problems, "\n".join(problems)


def test_a_missing_translation_fails_and_names_the_message(indonesian):
    with pytest.raises(MissingTranslation, match="no 'id' translation of 'A sentence no catalogue holds.'"):
        i18n.tr("A sentence no catalogue holds.")


def test_english_is_the_source_and_needs_no_catalogue():
    assert i18n.tr("Alpha is {alpha}.", alpha=".705") == "Alpha is .705."


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="en, id"):
        i18n.use("fr")


def test_markdown_blocks_are_separated_by_blank_lines_and_keep_lists_and_tables_whole():
    source = "# Title\n\nA paragraph\nover two lines.\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert i18n.markdown_blocks(source) == ["# Title", "A paragraph\nover two lines.", "- one\n- two",
                                            "| a | b |\n|---|---|\n| 1 | 2 |"]


def test_untranslated_markdown_names_the_block():
    with pytest.raises(MissingTranslation, match="1 Markdown block"):
        i18n.translate_markdown("A block no catalogue holds.", "id")


@pytest.mark.parametrize(("value", "decimals", "english", "indonesian"), [
    (0.70512, 3, ".705", ",705"), (4.1034, 2, "4.10", "4,10"), (-2.0095, 3, "-2.010", "-2,010"),
    (0.0004, 3, ".000", ",000"), (1189.7544, 3, "1189.754", "1189,754"), (41.5, 0, "42", "42"),
])
def test_numbers_take_the_languages_decimal_mark(value, decimals, english, indonesian):
    assert format_number(value, decimals) == english
    i18n.use("id")
    try:
        assert format_number(value, decimals) == indonesian
    finally:
        i18n.use("en")


def test_localize_number_swaps_decimal_and_thousands_marks():
    assert i18n.localize_number("1,189.754", language="id") == "1.189,754"
    assert i18n.localize_number("1,189.754", language="en") == "1,189.754"


def test_p_in_prose_uses_the_decimal_comma(indonesian):
    assert format_p(0.00049) == "p < ,001"
    assert format_p(0.0345) == "p = ,035"


def test_code_templates_must_be_literals():
    with pytest.raises(ValueError, match="literal string"):
        list(i18n._code_messages('say(f"Alpha is {alpha}.")', "cell"))
    with pytest.raises(ValueError, match="literal string"):
        list(i18n._code_messages('tr("Alpha " + text)', "cell"))
    found = list(i18n._code_messages('notebook.say("Alpha is {alpha}.", alpha=a)\ntr(CONSTANT)\n'
                                      'ctx.table(frame, title="Cleaning log")', "cell"))
    assert sorted(m.text for m in found) == ["Alpha is {alpha}.", "Cleaning log"]


def test_table_headers_not_in_the_vocabulary_stop_an_indonesian_table(indonesian):
    import pandas as pd

    frame = pd.DataFrame({"A header nobody listed": [1.5]})
    with pytest.raises(MissingTranslation):
        spss_styled(frame, title="Model Summary", decimals={}, sig_columns=())
    shown = spss_styled(frame, title="Model Summary", decimals={"A header nobody listed": 3}, sig_columns=(),
                        names={"A header nobody listed"})
    assert "1,500" in shown.to_html()


def test_a_message_has_one_translation_in_every_catalogue():
    # The catalogues are read as one (a table word used by two modules is looked up once); a word translated
    # otherwise in one kind of output has a context of its own.
    translations: dict[tuple[str, str | None], dict[str, str]] = {}
    for path, messages in _catalogues():
        for message in messages:
            if message.string:
                translations.setdefault((message.id, message.context), {})[path.name] = message.string
    differing = {msgid: by_file for msgid, by_file in translations.items() if len(set(by_file.values())) > 1}
    assert not differing, differing


def test_a_context_tells_two_translations_of_one_word_apart():
    # An APA thesis table names a construct "Variabel"; the SPSS-layout tables keep "Konstruk".
    assert i18n.gettext("Construct", language="id", context="APA table") == "Variabel"
    assert i18n.gettext("Construct", language="id") == "Konstruk"
    # A word without an entry in the context is the word's translation without it.
    assert i18n.gettext("Table", language="id", context="APA table") == i18n.gettext("Table", language="id")
    messages = list(i18n._code_messages('N_("Construct", context="APA table")\nN_("Construct")', "x.py"))
    assert [(m.text, m.context) for m in messages] == [("Construct", "APA table"), ("Construct", None)]
    with pytest.raises(ValueError, match="literal"):
        list(i18n._code_messages('N_("Construct", context=APA)', "x.py"))


def test_every_message_has_an_indonesian_translation():
    # A missing translation fails here, not silently in a reader's page (gettext never falls back to English).
    missing = [f"{path.name}: {message.id[:80]!r}" for path, messages in _catalogues() if "/id/" in path.as_posix()
               for message in messages if not message.string or message.fuzzy]
    assert not missing, f"{len(missing)} message(s) without a translation:\n" + "\n".join(missing)


def test_speaking_restores_the_callers_language():
    with i18n.speaking("id"):
        assert format_number(0.5, 2) == ",50"
    assert i18n.active() == "en" and format_number(0.5, 2) == ".50"


def test_building_an_indonesian_report_leaves_the_callers_language(tmp_path):
    import shutil
    from pathlib import Path

    from surveykit.report import build_report

    root = Path(__file__).resolve().parents[1]
    # One Indonesian notebook is enough: the report speaks its language (its metadata), then gives English back.
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copyfile(root / "results" / "id" / "notebooks" / "02_descriptives.ipynb", notebooks / "02_descriptives.ipynb")
    build_report(notebooks_dir=notebooks, out_dir=tmp_path / "report",
                 results_dir=root / "results" / "id", codebook_path=root / "data" / "codebook.yml",
                 reported_path=root / "data" / "paper" / "reported.yml")
    assert '<html lang="id">' in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert i18n.active() == "en"
