"""The audit as a reviewer reads it: ``audit.csv``, ``audit.md`` and ``audit.html``.

Every sentence the report prints lives in :data:`TEMPLATES`, keyed by a
sentence id per language ("en", "id"), so a translation is made in one
place.  A check without a sentence of its own uses ``generic``.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .checks import CHECKS, INCONSISTENT, Finding
from .parse import Document

__all__ = ["TEMPLATES", "LANGUAGES", "findings_table", "sentence", "markdown", "html_report", "write_report"]

LANGUAGES = ("en", "id")

TEMPLATES: dict[str, dict[str, str]] = {
    "en": {
        "title": "Audit of the SPSS tables in {source}",
        "summary": "{checks} checks: {inconsistent} inconsistent, {consistent} consistent, {unchecked} not checkable.",
        "method": ("Each printed number stands for the interval SPSS's rounding (half away from zero) allows; a "
                   "check is inconsistent only when no values inside those intervals satisfy the identity, so an "
                   "inconsistency is certain, not a rounding artefact."),
        "facts": "n = {n}{n_source}; predictors k = {k}; residual df = {df_res}{df_source}.",
        "facts_unknown": "unknown",
        "inconsistencies": "Inconsistencies",
        "none_found": "No inconsistency found.",
        "tables": "Tables as parsed",
        "all_checks": "All checks",
        "unread": "Lines not read",
        "unread_none": "Every table line was read.",
        "unread_row_count": "line {line}: a row with a number of values that fits no column layout of the table: \"{text}\"",
        "unread_interrupted": "line {line}: words or numbers inside the table that are not a row (a page break, a note), skipped: \"{text}\"",
        "unread_implausible": "line {line}: a row whose values cannot be the table's columns (e.g. a Sig. above 1, a df with decimals), so it was not read: \"{text}\"",
        "unread_title_without_table": "line {line}: a table title with no table after it (an image, or a mention in the text): \"{text}\"",
        "columns": "table|check|subject|printed|recomputed|verdict",
        "consistent": "consistent",
        "inconsistent": "inconsistent",
        "not checkable": "not checkable",
        "generic": "{where}: {target} is printed as {target_printed}, but the other printed numbers allow only {implied} ({check}).",
        "t_b_se": "{where}: t is printed as {target_printed}, but B / SE = {b} / {se} allows only t in {implied}.",
        "sig_t": "{where}: Sig. is printed as {target_printed}, but t = {t} on {df} df ({df_source}) gives a two-tailed p in {implied}.",
        "sig_t_df_range": "{where}: no number of degrees of freedom turns t = {t} into a two-tailed Sig. of {target_printed}.",
        "one_df": "{where}: the predictors' t and Sig. need different residual df ({listing}), yet one model has one df.",
        "vif_tolerance": "{where}: VIF is printed as {target_printed}, but 1 / Tolerance = 1 / {tolerance} lies in {implied}.",
        "equal_tolerance": "{where}: with two predictors both tolerances equal 1 - r12^2, but they are printed as {printed}.",
        "beta_sign": "{where}: B = {b} and Beta = {beta} have opposite signs, but Beta = B s_x / s_y keeps the sign of B.",
        "ss_sum": "{where}: SS total is printed as {target_printed}, but SS regression + SS residual lies in {implied}.",
        "df_sum": "{where}: df total is printed as {target_printed}, but df regression + df residual = {implied}.",
        "ms_ss_df": "{where}: Mean Square is printed as {target_printed}, but Sum of Squares / df lies in {implied}.",
        "f_ms": "{where}: F is printed as {target_printed}, but MS regression / MS residual lies in {implied}.",
        "sig_f": "{where}: Sig. is printed as {target_printed}, but F on ({df}) df gives p in {implied}.",
        "df_n": "{where}: df total is printed as {target_printed}, but n = {n} ({source}) makes it n - 1 = {implied}.",
        "df_k": "{where}: df regression is printed as {target_printed}, but the Coefficients table has {implied} predictors.",
        "r_square": "{where}: R Square is printed as {target_printed}, but the square of the printed R lies in {implied}.",
        "adjusted": "{where}: Adjusted R Square is printed as {target_printed}, but 1 - (1 - R2)(n - 1)/(n - k - 1) with n = {n}, k = {k} lies in {implied}.",
        "see": "{where}: the Std. Error of the Estimate is printed as {target_printed}, but the square root of the ANOVA's MS residual lies in {implied}.",
        "r2_ss": "{where}: R Square is printed as {target_printed}, but SS regression / SS total from the ANOVA lies in {implied}.",
        "f_r2": "{where}: F is printed as {target_printed}, but the Model Summary's R Square on ({df}) df gives F in {implied}.",
        "same_predictors": "{where} lists the predictors {mine}, but {other} has {theirs}: the tables do not describe one model.",
        "n_items": "{where}: N of Items is printed as {target_printed}, but the Item-Total Statistics table has {implied} rows.",
        "alpha_item_total": "{where}: Cronbach's Alpha is printed as {target_printed}, but the Scale Variance and Alpha if Item Deleted columns of its {k} items imply alpha in {implied}.",
        "grim": "{where}: {target_printed} cannot be a mean of {n} whole-number totals (nearest possible: {implied}); n, the scoring or the printed mean is wrong.",
        "ks_z": "{where}: Kolmogorov-Smirnov Z is printed as {target_printed}, but D sqrt(n) with n = {n} lies in {implied}.",
        "ks_sig_z": "{where}: Asymp. Sig. is printed as {target_printed}, but Kolmogorov's distribution gives p in {implied} for the printed Z.",
        "ks_sig_lilliefors": "{where}: Asymp. Sig. (Lilliefors) is printed as {target_printed}, but the printed D with n = {n} gives a Lilliefors p in {implied}.",
        "ks_residual_mean": "{where}: the mean of the unstandardized residuals of a regression with a constant is 0, but it is printed as {target_printed}.",
        "ks_lilliefors_verdict": "{where}: SPSS's uncorrected Asymp. Sig. {target_printed} and the Lilliefors-corrected p in {implied} for the printed D (n = {n}) fall on opposite sides of .05: the normality verdict reverses once the estimated mean and SD are accounted for.",
        "r_sig": "{where}: Sig. is printed as {target_printed}, but the printed r with N = {n} gives a two-tailed p in {implied}.",
        "text": "{where}: the text quotes {target} as {target_printed} (\"{quote}\"), but the table prints {implied}.",
    },
    "id": {
        "title": "Audit tabel SPSS dalam {source}",
        "summary": "{checks} pemeriksaan: {inconsistent} tidak konsisten, {consistent} konsisten, {unchecked} tidak dapat diperiksa.",
        "method": ("Setiap angka tercetak mewakili interval yang dimungkinkan oleh pembulatan SPSS (setengah menjauhi "
                   "nol); sebuah pemeriksaan dinyatakan tidak konsisten hanya jika tidak ada nilai di dalam interval "
                   "tersebut yang memenuhi identitasnya, sehingga ketidakkonsistenan itu pasti, bukan akibat pembulatan."),
        "facts": "n = {n}{n_source}; jumlah prediktor k = {k}; df residual = {df_res}{df_source}.",
        "facts_unknown": "tidak diketahui",
        "inconsistencies": "Ketidakkonsistenan",
        "none_found": "Tidak ditemukan ketidakkonsistenan.",
        "tables": "Tabel sebagaimana terbaca",
        "all_checks": "Semua pemeriksaan",
        "unread": "Baris yang tidak terbaca",
        "unread_none": "Semua baris tabel terbaca.",
        "unread_row_count": "baris {line}: jumlah angka dalam baris tidak cocok dengan susunan kolom tabel mana pun: \"{text}\"",
        "unread_interrupted": "baris {line}: kata atau angka di dalam tabel yang bukan baris (pergantian halaman, catatan), dilewati: \"{text}\"",
        "unread_implausible": "baris {line}: nilai dalam baris tidak mungkin merupakan kolom tabel (mis. Sig. di atas 1, df berdesimal), sehingga tidak dibaca: \"{text}\"",
        "unread_title_without_table": "baris {line}: judul tabel tanpa tabel sesudahnya (gambar, atau sebutan dalam teks): \"{text}\"",
        "columns": "tabel|pemeriksaan|subjek|tercetak|dihitung ulang|putusan",
        "consistent": "konsisten",
        "inconsistent": "tidak konsisten",
        "not checkable": "tidak dapat diperiksa",
        "generic": "{where}: {target} tercetak {target_printed}, padahal angka tercetak lainnya hanya memungkinkan {implied} ({check}).",
        "t_b_se": "{where}: t tercetak {target_printed}, padahal B / SE = {b} / {se} hanya memungkinkan t dalam {implied}.",
        "sig_t": "{where}: Sig. tercetak {target_printed}, padahal t = {t} dengan df {df} ({df_source}) memberi p dua sisi dalam {implied}.",
        "sig_t_df_range": "{where}: tidak ada derajat bebas yang membuat t = {t} menghasilkan Sig. dua sisi {target_printed}.",
        "one_df": "{where}: t dan Sig. para prediktor memerlukan df residual yang berbeda ({listing}), padahal satu model hanya punya satu df.",
        "vif_tolerance": "{where}: VIF tercetak {target_printed}, padahal 1 / Tolerance = 1 / {tolerance} berada dalam {implied}.",
        "equal_tolerance": "{where}: dengan dua prediktor kedua tolerance sama dengan 1 - r12^2, tetapi tercetak {printed}.",
        "beta_sign": "{where}: B = {b} dan Beta = {beta} berlawanan tanda, padahal Beta = B s_x / s_y mempertahankan tanda B.",
        "ss_sum": "{where}: SS total tercetak {target_printed}, padahal SS regresi + SS residual berada dalam {implied}.",
        "df_sum": "{where}: df total tercetak {target_printed}, padahal df regresi + df residual = {implied}.",
        "ms_ss_df": "{where}: Mean Square tercetak {target_printed}, padahal Sum of Squares / df berada dalam {implied}.",
        "f_ms": "{where}: F tercetak {target_printed}, padahal MS regresi / MS residual berada dalam {implied}.",
        "sig_f": "{where}: Sig. tercetak {target_printed}, padahal F dengan df ({df}) memberi p dalam {implied}.",
        "df_n": "{where}: df total tercetak {target_printed}, padahal n = {n} ({source}) berarti n - 1 = {implied}.",
        "df_k": "{where}: df regresi tercetak {target_printed}, padahal tabel Coefficients memuat {implied} prediktor.",
        "r_square": "{where}: R Square tercetak {target_printed}, padahal kuadrat R yang tercetak berada dalam {implied}.",
        "adjusted": "{where}: Adjusted R Square tercetak {target_printed}, padahal 1 - (1 - R2)(n - 1)/(n - k - 1) dengan n = {n}, k = {k} berada dalam {implied}.",
        "see": "{where}: Std. Error of the Estimate tercetak {target_printed}, padahal akar MS residual pada ANOVA berada dalam {implied}.",
        "r2_ss": "{where}: R Square tercetak {target_printed}, padahal SS regresi / SS total pada ANOVA berada dalam {implied}.",
        "f_r2": "{where}: F tercetak {target_printed}, padahal R Square pada Model Summary dengan df ({df}) memberi F dalam {implied}.",
        "same_predictors": "{where} memuat prediktor {mine}, tetapi {other} memuat {theirs}: tabel-tabel itu tidak menggambarkan satu model.",
        "n_items": "{where}: N of Items tercetak {target_printed}, padahal tabel Item-Total Statistics memuat {implied} baris.",
        "alpha_item_total": "{where}: Cronbach's Alpha tercetak {target_printed}, padahal kolom Scale Variance dan Alpha if Item Deleted dari {k} butirnya memberi alpha dalam {implied}.",
        "grim": "{where}: {target_printed} tidak mungkin merupakan rata-rata {n} skor bilangan bulat (terdekat yang mungkin: {implied}); n, penskoran, atau rata-rata tercetak keliru.",
        "ks_z": "{where}: Kolmogorov-Smirnov Z tercetak {target_printed}, padahal D akar(n) dengan n = {n} berada dalam {implied}.",
        "ks_sig_z": "{where}: Asymp. Sig. tercetak {target_printed}, padahal distribusi Kolmogorov memberi p dalam {implied} untuk Z yang tercetak.",
        "ks_sig_lilliefors": "{where}: Asymp. Sig. (Lilliefors) tercetak {target_printed}, padahal D tercetak dengan n = {n} memberi p Lilliefors dalam {implied}.",
        "ks_residual_mean": "{where}: rata-rata residual tak terstandar dari regresi dengan konstanta adalah 0, tetapi tercetak {target_printed}.",
        "ks_lilliefors_verdict": "{where}: Asymp. Sig. SPSS tanpa koreksi {target_printed} dan p terkoreksi Lilliefors dalam {implied} untuk D tercetak (n = {n}) berada di sisi .05 yang berlawanan: kesimpulan normalitas berbalik bila estimasi rata-rata dan SD diperhitungkan.",
        "r_sig": "{where}: Sig. tercetak {target_printed}, padahal r tercetak dengan N = {n} memberi p dua sisi dalam {implied}.",
        "text": "{where}: teks menyebut {target} sebesar {target_printed} (\"{quote}\"), padahal tabel mencetak {implied}.",
    },
}


def _templates(language: str) -> dict[str, str]:
    if language not in TEMPLATES:
        raise ValueError(f"LANGUAGE must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return TEMPLATES[language]


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
