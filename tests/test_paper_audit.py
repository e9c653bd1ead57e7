"""The audit of pasted SPSS tables (surveykit.paper_audit).

Independent references:
- the identities: exact tables computed from real data (hsb2 regression and
  its residuals' K-S test; the ten work-engagement items for reliability)
  with the library, checked against SPSS's own printed hsb2 output in
  tests/test_regression.py; printed with SPSS's rounding they must audit
  with zero inconsistencies;
- the perturbation test: a second implementation of each monotone identity
  (evaluation at every corner of the inputs' rounding intervals) decides
  whether a perturbed digit must be flagged;
- alpha from the item-deleted columns against surveykit.reliability's alpha
  on the same items (exact identity, point intervals);
- real published tables (tests/fixtures/papers/, sources and hand-worked
  verdicts in its README).
"""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from scipy import special, stats

from surveykit.errors import DataError
from surveykit.paper_audit import audit_file, audit_text
from surveykit.paper_audit import identities as ident
from surveykit.paper_audit.intervals import Interval, parse_number
from surveykit.paper_audit.spss_text import ks_text, regression_text, reliability_text
from surveykit.regression import linear_regression
from surveykit.reliability import cronbach_alpha, item_total_statistics

FIXTURES = Path(__file__).parent / "fixtures"
PAPERS = FIXTURES / "papers"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def hsb_fit():
    data = pd.read_csv(FIXTURES / "hsb2.csv")
    return linear_regression(data, "science", ["math", "female", "socst", "read"])


@pytest.fixture(scope="module")
def we_items():
    return pd.read_csv(FIXTURES / "we_items_reconstructed.csv")


@pytest.fixture(scope="module")
def synthetic_text(hsb_fit, we_items):
    items = [c for c in we_items.columns if c.startswith("WE")]
    return (regression_text(hsb_fit, confidence=True) + "\n" + ks_text(hsb_fit.residuals) + "\n"
            + reliability_text(we_items, items))


# -- reading numbers -----------------------------------------------------------------

@pytest.mark.parametrize("token, value, decimals", [
    (",212", 0.212, 3), ("1189,754", 1189.754, 3), (".627", 0.627, 3), ("-,065", -0.065, 3),
    ("\u2212.101", -0.101, 3), ("\u2013,101", -0.101, 3), (".627a", 0.627, 3), (",000b", 0.0, 3),
    (".200c,d", 0.2, 3), ("1.189,754", 1189.754, 3), ("1,189.754", 1189.754, 3), ("74", 74.0, 0),
    ("100,0", 100.0, 1), (".0000000", 0.0, 7), (".404**", 0.404, 3),
])
def test_parse_number_reads_pdf_numbers(token, value, decimals):
    number = parse_number(token)
    assert number.value == pytest.approx(value) and number.decimals == decimals


@pytest.mark.parametrize("token", ["Sig.", "X1.1", "(Constant)", "95.0%", "1.2.3", "a", "2-tailed"])
def test_parse_number_refuses_words(token):
    assert parse_number(token) is None


def test_printed_interval_is_half_a_unit_of_the_last_digit():
    assert parse_number(",705").interval == Interval(0.7045, 0.7055)
    assert parse_number("-2.010").interval.lo == pytest.approx(-2.0105)


def test_interval_arithmetic_encloses_every_value():
    a, b = Interval(1.0, 2.0), Interval(-3.0, 0.5)
    values = [x * y for x in (1.0, 1.5, 2.0) for y in (-3.0, -1.0, 0.5)]
    product = a * b
    assert product.lo <= min(values) and product.hi >= max(values)
    assert (a / Interval(-1.0, 1.0)).hi == math.inf
    assert Interval(-2.0, 1.0).square() == Interval(0.0, 4.0)


# -- the identities, against independent computations -------------------------------------------

def test_alpha_from_item_deleted_columns_is_cronbachs_alpha(we_items):
    items = [c for c in we_items.columns if c.startswith("WE")]
    table = item_total_statistics(we_items, items)
    point = lambda v: Interval.point(float(v))  # noqa: E731
    variances = [point(v) for v in table["Scale Variance if Item Deleted"]]
    alphas = [point(v) for v in table["Cronbach's Alpha if Item Deleted"]]
    alpha = cronbach_alpha(we_items, items).alpha
    implied = ident.alpha_from_item_total(variances, alphas)
    assert implied.lo == pytest.approx(alpha, abs=1e-10) and implied.hi == pytest.approx(alpha, abs=1e-10)
    total = we_items[items].sum(axis=1)
    assert ident.scale_variance(variances, point(alpha)).mid == pytest.approx(total.var(ddof=1), rel=1e-10)


def test_df_range_contains_the_true_df_and_rejects_impossible_pairs(hsb_fit):
    t = parse_number("5.252").interval
    found = ident.df_range_for_sig(t, Interval(0.0, 0.0005))
    assert found[0] <= 195 <= found[1]
    found = ident.df_range_for_sig(parse_number("-1.965").interval, parse_number(".051").interval)
    assert found[0] <= 195 <= found[1] and found[1] < 10**7
    # |t| = 0.5 never gives p = .01, whatever df
    assert ident.df_range_for_sig(Interval(0.4995, 0.5005), Interval(0.0095, 0.0105)) is None


def test_f_from_r_squared_is_the_audits_formula():
    from surveykit import audit

    implied = ident.f_from_r_squared(Interval.point(0.489), n=200, k=4)
    assert implied.lo == pytest.approx(audit.f_from_r_squared(0.489, n=200, k=4), rel=1e-12)


# -- synthetic evidence: exact tables from real data -------------------------------------------------

def test_exact_tables_from_real_data_have_no_inconsistency(synthetic_text):
    result = audit_text(synthetic_text)
    kinds = sorted(t.kind for t in result.document.tables)
    assert kinds == sorted(["model_summary", "anova", "coefficients", "ks", "case_processing", "reliability",
                            "item_statistics", "item_total", "scale_statistics"])
    verdicts = result.table()["verdict"]
    assert set(verdicts) == {"consistent"}, result.table()[verdicts != "consistent"].to_string()
    assert len(verdicts) >= 90
    assert result.document.unread == []


def test_comma_decimals_flattened_and_split_pastes_read_the_same(hsb_fit, synthetic_text):
    reference = audit_text(synthetic_text)
    cells = {c.id: c.printed.value for t in reference.document.tables for r in t.rows.values() for c in r.values()}
    comma = regression_text(hsb_fit, comma=True, confidence=True) + "\n" + ks_text(hsb_fit.residuals, comma=True)
    flattened = " ".join(synthetic_text.split())  # a whole table as one paragraph
    split = "\n".join(synthetic_text.split())  # every word on its own line
    for text in (comma, flattened, split):
        result = audit_text(text)
        got = {c.id: c.printed.value for t in result.document.tables for r in t.rows.values() for c in r.values()}
        assert {k: v for k, v in cells.items() if k in got} == got
        assert len(got) >= 60
        assert set(result.table()["verdict"]) == {"consistent"}


# -- the perturbation test ----------------------------------------------------------------------

def _kolmogorov(z):
    return float(special.kolmogorov(z))


def _corner_relations(finding):
    """Second implementation: check id -> f(inputs) for the identities monotone in each input."""
    v = finding.values
    df = v.get("df")
    relations = {
        "t_b_se": lambda b, se: b / se,
        "vif_tolerance": lambda tol: 1 / tol,
        "equal_tolerance": lambda first: first,
        "ss_sum": lambda reg, res: reg + res,
        "ms_ss_df": lambda ss, d: ss / d,
        "f_ms": lambda a, b: a / b,
        "sig_f": lambda f, d1, d2: stats.f.sf(f, d1, d2),
        "sig_t": lambda t, *_: 2 * stats.t.sf(abs(t), df),
        "r_square": lambda r: r * r,
        "adjusted": lambda r2, *_: 1 - (1 - r2) * (v["n"] - 1) / (v["n"] - v["k"] - 1),
        "see": lambda ms: math.sqrt(ms),
        "r2_ss": lambda reg, tot: reg / tot,
        "f_r2": lambda r2, d1, d2: (r2 / d1) / ((1 - r2) / d2),
        "ks_z": lambda d, n: d * math.sqrt(n),
        "ks_sig_z": _kolmogorov,
        "ks_absolute": lambda pos, neg: max(pos, abs(neg)),
        "ks_residual_sd": lambda ss, n: math.sqrt(ss / (n - 1)),
        "ci_centre": lambda lo, up: (lo + up) / 2,
        "ci_width": lambda lo, up, *_: (up - lo) / 2 / stats.t.isf(0.025, df),
        "scale_sd": lambda var: math.sqrt(var),
        "scale_mean": lambda *smid: sum(smid) / (len(smid) - 1),
    }
    return relations.get(finding.check)


def _must_flag(finding, cells):
    """By corners: is the target's printed interval disjoint from the inputs' image?"""
    relation = _corner_relations(finding)
    target, *inputs = (cells[c].printed for c in finding.cells)
    ranges = [[p.value] if p.decimals == 0 else [p.interval.lo, p.interval.hi] for p in inputs]
    images = [relation(*corner) for corner in itertools.product(*ranges)]
    lo, hi = min(images), max(images)
    t_lo, t_hi = target.interval.lo, target.interval.hi
    if finding.check in ("sig_t", "sig_f", "ks_sig_z"):
        t_lo = max(t_lo, 0.0)
    slack = 1e-9 * max(1.0, abs(lo), abs(hi), abs(t_lo), abs(t_hi))
    return t_hi < lo - slack or t_lo > hi + slack


def _variants(token: str):
    digits = [i for i, ch in enumerate(token) if ch.isdigit()]
    last = digits[-1]
    first = next((i for i in digits if token[i] != "0"), digits[0])
    out = set()
    for position, step in ((last, 1), (first, 1)):
        digit = int(token[position])
        new = (digit + step) % 10 if digit < 9 else digit - 1
        if position == digits[0] and new == 0 and len(digits) > 1 and token[position + 1:position + 2].isdigit():
            new = digit - 1 if digit > 1 else 2  # keep the number of digits
        out.add(token[:position] + str(new) + token[position + 1:])
    out.discard(token)
    return sorted(out)


def test_each_perturbed_digit_is_flagged_by_exactly_the_checks_it_enters(synthetic_text):
    base = audit_text(synthetic_text)
    lines = synthetic_text.split("\n")
    words = [line.split() for line in lines]
    positions = {}
    index = 0
    for li, line in enumerate(words):
        for wi, _ in enumerate(line):
            positions[index] = (li, wi)
            index += 1
    cells = [c for t in base.document.tables for r in t.rows.values() for c in r.values()]
    assert len(cells) > 130
    flagged_total = required_total = 0
    for cell in cells:
        li, wi = positions[cell.token]
        for variant in _variants(words[li][wi]):
            changed = [list(w) for w in words]
            changed[li][wi] = variant
            text = "\n".join(" ".join(w) for w in changed)
            result = audit_text(text)
            by_id = {c.id: c for t in result.document.tables for r in t.rows.values() for c in r.values()}
            if cell.id not in by_id:  # a value impossible in its column (a % above 100): the row is reported
                assert "implausible" in [u.reason for u in result.document.unread], (cell.id, variant)
                continue
            assert by_id[cell.id].printed.text == variant
            for finding in result.findings:
                enters = cell.id in finding.cells
                flagged = finding.verdict == "inconsistent"
                if not enters:
                    assert not flagged, (cell.id, variant, finding)
                elif _corner_relations(finding) is not None:
                    must = _must_flag(finding, by_id)
                    assert flagged == must, (cell.id, variant, finding)
                    required_total += int(must)
                flagged_total += flagged
    assert required_total > 100 and flagged_total >= required_total


# -- real published tables ---------------------------------------------------------------------

_EXPECTED = yaml.safe_load((PAPERS / "expected.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(_EXPECTED))
def test_real_paper_gives_the_hand_worked_verdicts(name):
    expected = _EXPECTED[name]
    result = audit_file(PAPERS / f"{name}.txt")
    assert sorted(t.key for t in result.document.tables) == sorted(expected["tables"])
    inconsistent = sorted(f"{f.table} | {f.check} | {f.subject}" for f in result.findings
                          if f.verdict == "inconsistent")
    assert inconsistent == sorted(expected.get("inconsistent", []))
    assert len(result.document.unread) == expected.get("unread", 0)
    for key, value in expected.get("facts", {}).items():
        assert result.facts[key] == value


def test_at_least_ten_real_sources_some_consistent_some_not():
    assert len(_EXPECTED) >= 10
    assert any(e.get("inconsistent") for e in _EXPECTED.values())
    assert any(not e.get("inconsistent") for e in _EXPECTED.values())
    readme = (PAPERS / "README.md").read_text(encoding="utf-8")
    for name in _EXPECTED:
        assert f"`{name}.txt`" in readme


# -- prose, unread lines, output ----------------------------------------------------------------

def test_n_from_prose_and_quoted_numbers_against_the_table():
    text = ("Jumlah sampel (n) adalah 74.\n"
            "Coefficients a\nModel Unstandardized Coefficients Standardized Coefficients t Sig.\n"
            "B Std. Error Beta\n1 (Constant) 3,139 1,832 1,713 ,091\nX1 ,201 ,097 ,278 2,072 ,042\n"
            "a. Dependent Variable: Y\nnilai konstanta a adalah 3,319 dan Y = 3,139 + 0,201 X1\n")
    result = audit_text(text)
    assert result.facts["n"] == 74 and result.facts["df_res"] == 72
    bad = [f for f in result.findings if f.verdict == "inconsistent"]
    assert [(f.check, f.values["target_printed"]) for f in bad] == [("text", "3,319")]


def test_a_row_that_fits_no_layout_is_reported_not_guessed():
    text = ("ANOVA a\nModel Sum of Squares df Mean Square F Sig.\n1 Regression 100,000 2 50,000 25,000\n"
            "Residual 94,000 47 2,000\nTotal 194,000 49\nCoefficients a\nsee the image\n")
    result = audit_text(text)
    reasons = [(u.line, u.reason) for u in result.document.unread]
    assert reasons == [(3, "row_count"), (6, "title_without_table")]


def test_make_audit_writes_csv_markdown_and_html_in_both_languages(tmp_path):
    """The command line (what `make audit` runs) once, in Indonesian; English in this process. The same audit
    in this process writes the command's bytes."""
    paper = PAPERS / "usu_budaya_kerja.txt"
    subprocess.run([sys.executable, "-m", "surveykit.paper_audit", str(paper), str(tmp_path / "id"), "--language", "id"],
                   check=True, capture_output=True)
    audit_file(paper, tmp_path / "en")
    for language in ("en", "id"):
        out = tmp_path / language
        table = pd.read_csv(out / "audit.csv")
        assert list(table.columns) == ["table", "check", "subject", "printed", "recomputed", "verdict"]
        assert set(table["verdict"]) <= {"consistent", "inconsistent", "not checkable"}
        html = (out / "audit.html").read_text(encoding="utf-8")
        assert "3,319" in html and "3.139" in html
    assert "tidak konsisten" in (tmp_path / "id" / "audit.md").read_text(encoding="utf-8")
    assert "inconsistent" in (tmp_path / "en" / "audit.md").read_text(encoding="utf-8")
    audit_file(paper, tmp_path / "again", language="id")
    for name in ("audit.csv", "audit.md", "audit.html"):
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "id" / name).read_bytes(), name


def test_missing_or_tableless_paper_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        audit_file(tmp_path / "nope.txt")
    prose = tmp_path / "prose.txt"
    prose.write_text("Penelitian ini tidak memuat tabel.\n", encoding="utf-8")
    with pytest.raises(DataError, match="no SPSS table"):
        audit_file(prose)


def test_correlations_and_descriptives_of_real_data_are_consistent():
    """hsb2's correlation matrix and descriptives printed as SPSS does; Sig. from scipy's pearsonr."""
    from surveykit.spss_format import format_number

    data = pd.read_csv(FIXTURES / "hsb2.csv")
    names = ["math", "socst", "read", "science"]
    n = len(data)
    lines = ["Correlations", " ".join(names)]
    for a in names:
        r_row, sig_row = [], []
        for b in names:
            r, p = stats.pearsonr(data[a], data[b])
            r_row.append("1" if a == b else format_number(r, 3) + ("**" if p < 0.01 else ""))
            if a != b:
                sig_row.append(format_number(p, 3))
        lines += [f"{a} Pearson Correlation {' '.join(r_row)}", f"Sig. (2-tailed) {' '.join(sig_row)}",
                  f"N {' '.join([str(n)] * len(names))}"]
    lines += ["**. Correlation is significant at the 0.01 level (2-tailed).", "", "Descriptive Statistics",
              "N Minimum Maximum Mean Std. Deviation Skewness Kurtosis",
              "Statistic Statistic Statistic Statistic Statistic Statistic Std. Error Statistic Std. Error"]
    for name in names:
        x = data[name]
        lines.append(f"{name} {n} {x.min()} {x.max()} {format_number(x.mean(), 2)} {format_number(x.std(), 3)} "
                     f"{format_number(stats.skew(x, bias=False), 3)} {format_number(ident.skewness_se(n), 3)} "
                     f"{format_number(stats.kurtosis(x, bias=False), 3)} {format_number(ident.kurtosis_se(n), 3)}")
    lines.append(f"Valid N (listwise) {n}")
    result = audit_text("\n".join(lines))
    assert sorted(t.key for t in result.document.tables) == ["Correlations", "Descriptive Statistics"]
    table = result.table()
    assert set(table["verdict"]) == {"consistent"}, table[table["verdict"] != "consistent"].to_string()
    assert (table["check"] == "Sig. from r and N").sum() == 12
    assert (table["check"] == "Std. Error of Skewness from N").sum() == 4
    # SPSS's own standard errors for n = 446 (tests/fixtures/papers/scribd_umur.txt): .116 and .231
    assert format_number(ident.skewness_se(446), 3) == ".116" and format_number(ident.kurtosis_se(446), 3) == ".231"


def test_coefficients_with_correlation_columns(hsb_fit):
    text = regression_text(hsb_fit, confidence=True, correlations=True)
    result = audit_text(text)
    assert [t.key for t in result.document.tables] == ["Model Summary", "ANOVA", "Coefficients"]
    table = result.table()
    assert set(table["verdict"]) == {"consistent"}, table[table["verdict"] != "consistent"].to_string()
    assert (table["check"] == "partial r = t / sqrt(t^2 + df)").sum() == 4
    assert (table["check"] == "part r = t sqrt((1 - R^2) / df)").sum() == 4
    wrong = text.replace(".631 .352 .269", ".631 .452 .269", 1)
    assert wrong != text
    flagged = [(f.check, f.subject) for f in audit_text(wrong).findings if f.verdict == "inconsistent"]
    assert flagged == [("partial_t", "math")]
