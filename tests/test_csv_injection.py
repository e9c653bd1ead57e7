"""Spreadsheet formula injection (OWASP "CSV Injection") through own data: text that begins with
=, +, - or @ in a header, a profile answer or a construct or indicator key reaches no CSV the
compendium writes as a formula, and the analysis still finds its columns."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import yaml

from surveykit import cleaning, descriptives, processed, readers, reliability, scoring, validity
from surveykit.codebook import codebook_from_dict
from surveykit.notebook import Context, save_table

CORPUS = Path(__file__).parent / "bad_input"
FORMULA_START = ("=", "+", "-", "@")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?( ?%)?")
# Hostile texts a tired student's form export (or an attacker) can carry.
HOSTILE_PROFILE = ['=HYPERLINK("http://example.invalid","klik")', "+62 812 0000", "-cmd|' /C calc'!A0", "@SUM(1+1)"]
HOSTILE_EXTRA_HEADER = "=cmd|' /C calc'!A0"
HOSTILE_PROFILE_HEADER = "@unit kerja"


def formula_cells(path: Path) -> list[str]:
    """Every cell (header included) of a CSV file that a spreadsheet would run as a formula."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row
                if cell.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(cell)]


def hostile_study(tmp_path: Path):
    raw = yaml.safe_load((CORPUS / "codebook.yml").read_text(encoding="utf-8"))
    raw["profile"] = [HOSTILE_PROFILE_HEADER]
    raw["input"] = {"extra_columns": "ignore"}
    raw["constructs"][0]["key"] = "=X1"            # construct key
    raw["constructs"][0]["indicators"][0]["key"] = "+x1a"  # indicator key
    raw["constructs"][1]["indicators"][0]["key"] = "-x2a"
    raw["constructs"][2]["key"] = "@Y"
    codebook = codebook_from_dict(raw, source="codebook.yml")
    data = pd.read_csv(CORPUS / "good.csv", dtype=str)
    data.insert(1, HOSTILE_PROFILE_HEADER, (HOSTILE_PROFILE * 2)[: len(data)])
    data[HOSTILE_EXTRA_HEADER] = "x"
    path = tmp_path / "hostile.csv"
    data.to_csv(path, index=False)
    return codebook, path


def test_hostile_headers_values_and_keys_are_neutralised_in_every_csv(tmp_path):
    codebook, path = hostile_study(tmp_path)
    raw = readers.read_responses(path, codebook)
    result = cleaning.clean(raw.data, codebook, source=raw.source, first_row=raw.first_row)
    out = tmp_path / "out"
    ctx = Context(codebook=codebook, out_dir=out, processed_path=out / "processed" / "responses.csv",
                  cleaning_log_path=out / "processed" / "cleaning_log.csv", tables_dir=out / "tables",
                  figures_dir=out / "figures", reported_path="")
    processed.write_processed(result, ctx)

    # The later notebooks read the processed file back and find every column by its codebook name.
    data = processed.read_processed(ctx.processed_path, codebook)
    assert list(data.columns) == [codebook.id_column, HOSTILE_PROFILE_HEADER, *codebook.items]
    scored = scoring.score_items(data, codebook)
    summary = descriptives.describe(data, codebook)
    tables = {
        "02_items.csv": summary.items, "02_indicators.csv": summary.indicators,
        "02_constructs.csv": summary.constructs, "02_profile.csv": descriptives.profile_frequencies(data, codebook),
        "03_validity.csv": validity.validity_table(scored, codebook.construct_items()),
        "03_reliability.csv": reliability.reliability_table(scored, codebook.construct_items()),
    }
    for name, table in tables.items():
        save_table(table, ctx.tables_dir / name)

    written = sorted(out.rglob("*.csv"))
    assert len(written) == 8
    for csv_path in written:
        assert formula_cells(csv_path) == [], csv_path.name
    log = ctx.cleaning_log_path.read_text(encoding="utf-8")
    assert "'" + HOSTILE_EXTRA_HEADER in log  # the ignored header, logged, neutralised
    constructs = pd.read_csv(ctx.tables_dir / "02_constructs.csv")
    assert list(constructs["construct"]) == ["'=X1", "X2", "'@Y"]
    indicators = pd.read_csv(ctx.tables_dir / "02_indicators.csv")
    assert {"'+x1a", "'-x2a"} <= set(indicators["indicator"])
    profile = pd.read_csv(ctx.tables_dir / "02_profile.csv", dtype=str, keep_default_na=False)
    shown = set(profile["value"])
    assert {"'" + text for text in HOSTILE_PROFILE} <= shown
    processed_header = ctx.processed_path.read_text(encoding="utf-8").splitlines()[0]
    assert processed_header.split(",")[1] == "'" + HOSTILE_PROFILE_HEADER
