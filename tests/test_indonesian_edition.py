"""The Indonesian edition of the study: its committed pages (an own-data run with LANGUAGE=id: test_make_own_data_nip.py).

Every page of an Indonesian report says so (``<html lang="id">``) and shows no
English sentence: no English function word in its visible text once the names
a translation keeps on purpose are set aside (tests/language_check.py).  Its
numbers carry the decimal comma, and the two editions of the study link each
other from their first pages.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from language_check import assert_indonesian, report_pages

ROOT = Path(__file__).resolve().parents[1]
ENGLISH_REPORT = ROOT / "results" / "report"
INDONESIAN = ROOT / "results" / "id"
INDONESIAN_REPORT = INDONESIAN / "report"


def test_the_study_has_an_indonesian_edition_with_every_notebook():
    english = sorted(p.name for p in (ENGLISH_REPORT / "notebooks").glob("*.html"))
    assert sorted(p.name for p in (INDONESIAN_REPORT / "notebooks").glob("*.html")) == english


def test_every_page_of_the_studys_indonesian_report_is_indonesian():
    assert_indonesian(INDONESIAN_REPORT)


def test_english_pages_stay_english():
    for page in report_pages(ENGLISH_REPORT):
        assert '<html lang="en">' in page.read_text(encoding="utf-8"), page.name


def test_the_two_editions_link_each_other_from_their_first_page():
    english = (ENGLISH_REPORT / "index.html").read_text(encoding="utf-8")
    indonesian = (INDONESIAN_REPORT / "index.html").read_text(encoding="utf-8")
    to_id = re.search(r'href="([^"]+)" hreflang="id"', english)
    to_en = re.search(r'href="([^"]+)" hreflang="en"', indonesian)
    assert to_id and (ENGLISH_REPORT / to_id.group(1)).resolve() == (INDONESIAN_REPORT / "index.html").resolve()
    assert to_en and (INDONESIAN_REPORT / to_en.group(1)).resolve() == (ENGLISH_REPORT / "index.html").resolve()


def test_indonesian_numbers_carry_the_decimal_comma():
    # The regression's R Square, as 05 prints it: ,705 in Indonesian where English prints .705.
    english = (ROOT / "notebooks" / "05_regression.ipynb").read_text(encoding="utf-8")
    indonesian = (INDONESIAN / "notebooks" / "05_regression.ipynb").read_text(encoding="utf-8")
    english_values = set(re.findall(r"(?<![\d,.])\.\d{3}(?!\d)", english))
    assert english_values
    assert {value.replace(".", ",") for value in english_values} & set(re.findall(r"(?<![\d,.]),\d{3}(?!\d)",
                                                                                     indonesian))


def test_indonesian_thesis_tables_are_in_indonesian():
    with zipfile.ZipFile(INDONESIAN / "thesis" / "tables.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert "Tabel 1" in document and "Catatan." in document
    assert not re.search(r"\bTable \d", document)
