"""The audit as a reviewer reads it: ``audit.csv``, ``audit.md`` and ``audit.html``.

Every sentence the report prints lives in :data:`TEMPLATES`, in English, keyed
by a sentence id; its translations are in the gettext catalogues
(:mod:`surveykit.i18n`).  A check without a sentence of its own uses ``generic``.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

import pandas as pd

from ..i18n import LANGUAGES, N_, gettext
from .checks import CHECKS, INCONSISTENT, Finding
from .document import Document

__all__ = ["TEMPLATES", "LANGUAGES", "findings_table", "sentence", "markdown", "html_report", "write_report"]

TEMPLATES: dict[str, str] = {
    "title": N_("Audit of the SPSS tables in {source}"),
    "summary": N_("{checks} checks: {inconsistent} inconsistent, {consistent} consistent, {unchecked} not "
                  "checkable."),
    "method": N_("Each printed number stands for the interval SPSS's rounding (half away from zero) allows; a "
                 "check is inconsistent only when no values inside those intervals satisfy the identity, so an "
                 "inconsistency is certain, not a rounding artefact."),
    "facts": N_("n = {n}{n_source}; predictors k = {k}; residual df = {df_res}{df_source}."),
    "facts_unknown": N_("unknown"),
    "inconsistencies": N_("Inconsistencies"),
    "none_found": N_("No inconsistency found."),
    "tables": N_("Tables as parsed"),
    "all_checks": N_("All checks"),
    "unread": N_("Lines not read"),
    "unread_none": N_("Every table line was read."),
    "unread_row_count": N_("line {line}: a row with a number of values that fits no column layout of the table: "
                           "\"{text}\""),
    "unread_interrupted": N_("line {line}: words or numbers inside the table that are not a row (a page break, a "
                             "note), skipped: \"{text}\""),
    "unread_implausible": N_("line {line}: a row whose values cannot be the table's columns (e.g. a Sig. above 1, "
                             "a df with decimals), so it was not read: \"{text}\""),
    "unread_title_without_table": N_("line {line}: a table title with no table after it (an image, or a mention "
                                     "in the text): \"{text}\""),
    "columns": N_("table|check|subject|printed|recomputed|verdict"),
    "consistent": N_("consistent"),
    "inconsistent": N_("inconsistent"),
    "not checkable": N_("not checkable"),
    "generic": N_("{where}: {target} is printed as {target_printed}, but the other printed numbers allow only "
                  "{implied} ({check})."),
    "t_b_se": N_("{where}: t is printed as {target_printed}, but B / SE = {b} / {se} allows only t in {implied}."),
    "sig_t": N_("{where}: Sig. is printed as {target_printed}, but t = {t} on {df} df ({df_source}) gives a "
                "two-tailed p in {implied}."),
    "sig_t_df_range": N_("{where}: no number of degrees of freedom turns t = {t} into a two-tailed Sig. of "
                         "{target_printed}."),
    "one_df": N_("{where}: the predictors' t and Sig. need different residual df ({listing}), yet one model has "
                 "one df."),
    "vif_tolerance": N_("{where}: VIF is printed as {target_printed}, but 1 / Tolerance = 1 / {tolerance} lies in "
                        "{implied}."),
    "equal_tolerance": N_("{where}: with two predictors both tolerances equal 1 - r12^2, but they are printed as "
                          "{printed}."),
    "beta_sign": N_("{where}: B = {b} and Beta = {beta} have opposite signs, but Beta = B s_x / s_y keeps the "
                    "sign of B."),
    "ss_sum": N_("{where}: SS total is printed as {target_printed}, but SS regression + SS residual lies in "
                 "{implied}."),
    "df_sum": N_("{where}: df total is printed as {target_printed}, but df regression + df residual = {implied}."),
    "ms_ss_df": N_("{where}: Mean Square is printed as {target_printed}, but Sum of Squares / df lies in {implied}."),
    "f_ms": N_("{where}: F is printed as {target_printed}, but MS regression / MS residual lies in {implied}."),
    "sig_f": N_("{where}: Sig. is printed as {target_printed}, but F on ({df}) df gives p in {implied}."),
    "df_n": N_("{where}: df total is printed as {target_printed}, but n = {n} ({source}) makes it n - 1 = "
               "{implied}."),
    "df_k": N_("{where}: df regression is printed as {target_printed}, but the Coefficients table has {implied} "
               "predictors."),
    "r_square": N_("{where}: R Square is printed as {target_printed}, but the square of the printed R lies in "
                   "{implied}."),
    "adjusted": N_("{where}: Adjusted R Square is printed as {target_printed}, but 1 - (1 - R2)(n - 1)/(n - k - "
                   "1) with n = {n}, k = {k} lies in {implied}."),
    "see": N_("{where}: the Std. Error of the Estimate is printed as {target_printed}, but the square root of the "
              "ANOVA's MS residual lies in {implied}."),
    "r2_ss": N_("{where}: R Square is printed as {target_printed}, but SS regression / SS total from the ANOVA "
                "lies in {implied}."),
    "f_r2": N_("{where}: F is printed as {target_printed}, but the Model Summary's R Square on ({df}) df gives F "
               "in {implied}."),
    "same_predictors": N_("{where} lists the predictors {mine}, but {other} has {theirs}: the tables do not "
                          "describe one model."),
    "n_items": N_("{where}: N of Items is printed as {target_printed}, but the Item-Total Statistics table has "
                  "{implied} rows."),
    "alpha_item_total": N_("{where}: Cronbach's Alpha is printed as {target_printed}, but the Scale Variance and "
                           "Alpha if Item Deleted columns of its {k} items imply alpha in {implied}."),
    "grim": N_("{where}: {target_printed} cannot be a mean of {n} whole-number totals (nearest possible: "
               "{implied}); n, the scoring or the printed mean is wrong."),
    "ks_z": N_("{where}: Kolmogorov-Smirnov Z is printed as {target_printed}, but D sqrt(n) with n = {n} lies in "
               "{implied}."),
    "ks_sig_z": N_("{where}: Asymp. Sig. is printed as {target_printed}, but Kolmogorov's distribution gives p in "
                   "{implied} for the printed Z."),
    "ks_sig_lilliefors": N_("{where}: Asymp. Sig. (Lilliefors) is printed as {target_printed}, but the printed D "
                            "with n = {n} gives a Lilliefors p in {implied}."),
    "ks_residual_mean": N_("{where}: the mean of the unstandardized residuals of a regression with a constant is "
                           "0, but it is printed as {target_printed}."),
    "ks_lilliefors_verdict": N_("{where}: SPSS's uncorrected Asymp. Sig. {target_printed} and the "
                                "Lilliefors-corrected p in {implied} for the printed D (n = {n}) fall on opposite "
                                "sides of .05: the normality verdict reverses once the estimated mean and SD are "
                                "accounted for."),
    "r_sig": N_("{where}: Sig. is printed as {target_printed}, but the printed r with N = {n} gives a two-tailed "
                "p in {implied}."),
    "text": N_("{where}: the text quotes {target} as {target_printed} (\"{quote}\"), but the table prints "
               "{implied}."),
}


@functools.cache
def _templates(language: str) -> dict[str, str]:
    """Every sentence in ``language`` (translated once per language: every finding's sentence asks)."""
    if language not in LANGUAGES:
        raise ValueError(f"LANGUAGE must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return {key: gettext(template, language=language) for key, template in TEMPLATES.items()}


def _where(finding: Finding) -> str:
    return f"{finding.table}, {finding.subject}" if finding.subject else finding.table


def sentence(finding: Finding, language: str = "en") -> str:
    """The one-sentence explanation of a finding, with its arithmetic."""
    templates = _templates(language)
    values = {"target": "", "target_printed": finding.printed, "implied": finding.recomputed, **finding.values,
              "where": _where(finding), "check": CHECKS[finding.check], "printed": finding.printed}
    template = templates.get(finding.check, templates["generic"])
    try:
        return template.format(**values)
    except KeyError:
        return templates["generic"].format(**values)


def findings_table(findings: list[Finding], language: str = "en") -> pd.DataFrame:
    """One row per check: ``table, check, subject, printed, recomputed, verdict`` (verdict in English, exact)."""
    rows = [{"table": f.table, "check": CHECKS[f.check], "subject": f.subject, "printed": f.printed,
             "recomputed": f.recomputed, "verdict": f.verdict} for f in findings]
    return pd.DataFrame(rows, columns=["table", "check", "subject", "printed", "recomputed", "verdict"])


def _counts(findings: list[Finding]) -> dict[str, int]:
    return {"checks": len(findings), "inconsistent": sum(f.verdict == INCONSISTENT for f in findings),
            "consistent": sum(f.verdict == "consistent" for f in findings),
            "unchecked": sum(f.verdict == "not checkable" for f in findings)}


def _facts(facts: dict, language: str) -> str:
    unknown = _templates(language)["facts_unknown"]
    shown = {key: (unknown if value is None else value) for key, value in facts.items() if not key.endswith("_source")}
    for key in ("n_source", "df_source"):
        shown[key] = f" ({facts[key]})" if facts.get(key) else ""
    return _templates(language)["facts"].format(**shown)


def _unread_lines(document: Document, language: str) -> list[str]:
    templates = _templates(language)
    return [templates[f"unread_{u.reason}"].format(line=u.line, text=u.text) for u in document.unread]


def _parsed_tables(document: Document) -> list[tuple[str, list[str], list[list[str]], list[str]]]:
    out = []
    for table in document.tables:
        columns = table.columns
        rows = [[row, *[cells[c].printed.text if c in cells else "" for c in columns]]
                for row, cells in table.rows.items()]
        out.append((f"{table.key} (line {table.line})", columns, rows, table.footnotes))
    return out


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|")


def markdown(document: Document, findings: list[Finding], facts: dict, *, source: str,
             language: str = "en") -> str:
    """The Markdown report."""
    t = _templates(language)
    lines = [f"# {t['title'].format(source=source)}", "", t["summary"].format(**_counts(findings)), "",
             t["method"], "", _facts(facts, language), "", f"## {t['inconsistencies']}", ""]
    bad = [f for f in findings if f.verdict == INCONSISTENT]
    lines += [f"- {sentence(f, language)}" for f in bad] or [t["none_found"]]
    lines += ["", f"## {t['unread']}", ""]
    lines += [f"- {text}" for text in _unread_lines(document, language)] or [t["unread_none"]]
    lines += ["", f"## {t['tables']}", ""]
    for name, columns, rows, notes in _parsed_tables(document):
        lines += [f"### {name}", "", "| | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
        lines += ["| " + " | ".join(_md_escape(v) for v in row) + " |" for row in rows]
        lines += [""] + [f"{note}  " for note in notes] + ([""] if notes else [])
    lines += [f"## {t['all_checks']}", "", "| " + " | ".join(t["columns"].split("|")) + " |",
              "|---" * 6 + "|"]
    for f in findings:
        lines.append("| " + " | ".join(_md_escape(v) for v in (f.table, CHECKS[f.check], f.subject, f.printed,
                                                                 f.recomputed, t[f.verdict])) + " |")
    return "\n".join(lines) + "\n"


def html_report(document: Document, findings: list[Finding], facts: dict, *, source: str,
                language: str = "en") -> str:
    """The HTML report (self-contained, no scripts)."""
    t = _templates(language)
    e = html.escape
    parts = ["<!DOCTYPE html>", f'<html lang="{language}"><head><meta charset="utf-8">',
             f"<title>{e(t['title'].format(source=source))}</title>",
             "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
             "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em .5em;"
             "text-align:right}td:first-child,th:first-child{text-align:left}"
             ".inconsistent{background:#fde2e2}.footnote{font-size:.9em;color:#444}</style></head><body>",
             f"<h1>{e(t['title'].format(source=source))}</h1>",
             f"<p>{e(t['summary'].format(**_counts(findings)))}</p>", f"<p>{e(t['method'])}</p>",
             f"<p>{e(_facts(facts, language))}</p>", f"<h2>{e(t['inconsistencies'])}</h2>"]
    bad = [f for f in findings if f.verdict == INCONSISTENT]
    if bad:
        parts.append("<ul>" + "".join(f"<li>{e(sentence(f, language))}</li>" for f in bad) + "</ul>")
    else:
        parts.append(f"<p>{e(t['none_found'])}</p>")
    parts.append(f"<h2>{e(t['unread'])}</h2>")
    unread = _unread_lines(document, language)
    parts.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in unread) + "</ul>" if unread
                 else f"<p>{e(t['unread_none'])}</p>")
    parts.append(f"<h2>{e(t['tables'])}</h2>")
    for name, columns, rows, notes in _parsed_tables(document):
        parts.append(f"<h3>{e(name)}</h3><table><tr><th></th>" + "".join(f"<th>{e(c)}</th>" for c in columns)
                     + "</tr>")
        parts += ["<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in rows]
        parts.append("</table>")
        parts += [f'<p class="footnote">{e(note)}</p>' for note in notes]
    parts.append(f"<h2>{e(t['all_checks'])}</h2><table><tr>"
                 + "".join(f"<th>{e(c)}</th>" for c in t["columns"].split("|")) + "</tr>")
    for f in findings:
        css = ' class="inconsistent"' if f.verdict == INCONSISTENT else ""
        parts.append(f"<tr{css}>" + "".join(f"<td>{e(v)}</td>" for v in (f.table, CHECKS[f.check], f.subject,
                                                                             f.printed, f.recomputed, t[f.verdict]))
                     + "</tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"


def write_report(document: Document, findings: list[Finding], facts: dict, out_dir: str | Path, *, source: str,
                 language: str = "en") -> dict[str, Path]:
    """Write ``audit.csv``, ``audit.md`` and ``audit.html`` into ``out_dir``; returns their paths."""
    from ..notebook import save_table

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"csv": save_table(findings_table(findings, language), out / "audit.csv")}
    for kind, text in (("md", markdown(document, findings, facts, source=source, language=language)),
                       ("html", html_report(document, findings, facts, source=source, language=language))):
        path = out / f"audit.{kind}"
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(path)
        paths[kind] = path
    return paths
