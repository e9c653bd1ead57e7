"""Audit SPSS tables pasted from a paper: every identity the printed digits allow.

``python -m surveykit.paper_audit PAPER OUT [--language id]`` (or ``make audit
PAPER=... OUT=...``) reads text copied from a PDF, finds the SPSS tables in it
(:mod:`.parse`, with the row layouts of :mod:`.layouts`, into :mod:`.document`),
checks every identity between their printed numbers on the intervals SPSS's
rounding allows (:mod:`.identities`; :mod:`.checks`, with the checks of each
table in :mod:`.regression_checks` and :mod:`.scale_checks`), and writes
``OUT/audit.csv``, ``OUT/audit.md`` and ``OUT/audit.html`` (:mod:`.report`).

>>> result = audit_text("ANOVA a Model Sum of Squares df Mean Square F Sig. "
...                     "1 Regression 100,000 2 50,000 25,000 ,000 Residual 94,000 47 2,000 Total 194,000 49")
>>> sorted({f.verdict for f in result.findings})
['consistent']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import regression_checks, scale_checks
from .checks import Finding, model_facts, model_of
from .document import Document
from .parse import parse_text
from .report import findings_table, write_report

__all__ = ["AuditResult", "audit_text", "audit_file", "run_checks"]


def run_checks(document: Document) -> list[Finding]:
    """Every check the parsed tables allow, table by table, then the text against the tables."""
    model = model_of(document)
    out: list[Finding] = []
    for table in document.tables:
        if table.kind == "coefficients":
            out.extend(regression_checks.check_coefficients(table, model))
        elif table.kind == "anova":
            out.extend(regression_checks.check_anova(table, model, document))
        elif table.kind == "model_summary":
            out.extend(regression_checks.check_model_summary(table, model, document))
        elif table.kind == "ks":
            out.extend(regression_checks.check_ks(table, document))
        elif table.kind == "descriptives":
            out.extend(scale_checks.check_descriptives(table))
        elif table.kind == "correlations":
            out.extend(scale_checks.check_correlations(table))
    out.extend(scale_checks.check_reliability(document, model))
    out.extend(regression_checks.check_text(document))
    return out


@dataclass(frozen=True)
class AuditResult:
    """Parsed document, its findings, and the n / k / df the checks used."""

    document: Document
    findings: list[Finding]
    facts: dict

    def table(self, language: str = "en"):
        """The findings as the tidy table written to ``audit.csv``."""
        return findings_table(self.findings, language)


def audit_text(text: str) -> AuditResult:
    """Parse ``text`` and run every check."""
    document = parse_text(text)
    return AuditResult(document, run_checks(document), model_facts(document))


def audit_file(paper: str | Path, out_dir: str | Path | None = None, *, language: str = "en") -> AuditResult:
    """Audit a text file; with ``out_dir``, write the CSV, Markdown and HTML reports there.

    Raises
    ------
    DataError
        The file does not exist, is not UTF-8 text, or holds no SPSS table.
    """
    from ..errors import DataError

    path = Path(paper)
    if not path.is_file():
        raise DataError("the paper's text file does not exist.", file=str(path),
                        fix="give PAPER= the path of a .txt file holding the text copied from the PDF.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"the file is not UTF-8 text (byte {exc.start}).", file=str(path),
                        fix="save the pasted text as UTF-8 (any text editor can).") from None
    result = audit_text(text)
    if not result.document.tables:
        raise DataError("no SPSS table was found (no title such as 'Coefficients', 'ANOVA', 'Model Summary', "
                        "'Item-Total Statistics' or 'One-Sample Kolmogorov-Smirnov Test').", file=str(path),
                        fix="paste the tables with their titles and header rows, as they appear in the PDF.")
    if out_dir is not None:
        write_report(result.document, result.findings, result.facts, out_dir, source=path.name, language=language)
    return result
