"""What every audit check returns, and the helpers all checks share.

:class:`Check` is one check and its verdict; :func:`checks_table` stacks
checks into a tidy table (statuses and check names kept in English, as keys)
and :func:`checks_view` shows it in the active language.  The statuses, the
references the checks cite, and the small helpers that write numbers and
listings in the active language and look entries of a ``reported.yml`` up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from .. import i18n
from ..i18n import N_, tr
from ..spss_format import format_number

__all__ = [
    "GRIM_REFERENCE",
    "STATCHECK_REFERENCE",
    "LILLIEFORS_REFERENCE",
    "CONSISTENT",
    "INCONSISTENT",
    "NOT_TESTABLE",
    "NOT_COMPUTABLE",
    "SUPPORTED",
    "NOT_SUPPORTED",
    "MISLEADING",
    "Check",
    "checks_table",
    "checks_view",
]


GRIM_REFERENCE = (
    "Brown, N. J. L., & Heathers, J. A. J. (2017). The GRIM test: A simple technique detects numerous "
    "anomalies in the reporting of results in psychology. Social Psychological and Personality Science, "
    "8(4), 363-369. doi:10.1177/1948550616673876"
)
STATCHECK_REFERENCE = (
    "Nuijten, M. B., Hartgerink, C. H. J., van Assen, M. A. L. M., Epskamp, S., & Wicherts, J. M. (2016). "
    "The prevalence of statistical reporting errors in psychology (1985-2013). Behavior Research Methods, "
    "48(4), 1205-1226. doi:10.3758/s13428-015-0664-2"
)
LILLIEFORS_REFERENCE = (
    "Lilliefors, H. W. (1967). On the Kolmogorov-Smirnov test for normality with mean and variance "
    "unknown. Journal of the American Statistical Association, 62(318), 399-402."
)


# A check's status is kept in English in the tables it writes (a key others filter on) and shown
# translated (:func:`surveykit.i18n.tr`).
CONSISTENT = N_("consistent")
INCONSISTENT = N_("inconsistent")
NOT_TESTABLE = N_("not testable")
NOT_COMPUTABLE = N_("not computable")
SUPPORTED = N_("supported")
NOT_SUPPORTED = N_("not supported")
MISLEADING = N_("supported in form, misleading in substance")


@dataclass(frozen=True)
class Check:
    """One audit check and its verdict.

    Attributes
    ----------
    check : str
        What kind of check ("GRIM", "F from R squared", "claim: largest Beta", ...).
    subject : str
        The reported id(s) checked.
    printed : str
        The printed number(s), as the paper shows them.
    recomputed : str
        What the check derived (an interval, a p-value, a list of Betas ...).
    status : str
        "consistent", "inconsistent", "not testable", "not computable",
        "supported", "not supported" or "supported in form, misleading in substance".
    verdict : str
        One or two sentences for a reader who knows SPSS but not the forensic literature.
    method : str
        The method and its reference.
    """

    check: str
    subject: str
    printed: str
    recomputed: str
    status: str
    verdict: str
    method: str = ""


def checks_table(checks: Iterable[Check]) -> pd.DataFrame:
    """Stack checks into a table with columns ``check, subject, printed, recomputed, status, verdict, method``."""
    rows = [c.__dict__ for c in checks]
    return pd.DataFrame(rows, columns=["check", "subject", "printed", "recomputed", "status", "verdict", "method"])


def checks_view(table: pd.DataFrame) -> pd.DataFrame:
    """A :func:`checks_table` as a reader sees it: check, subject, printed, recomputed, status, the check's name
    and status in the active language (the table itself keeps them in English, as keys)."""
    shown = table[["check", "subject", "printed", "recomputed", "status"]]
    return shown.assign(check=[tr(c) for c in shown["check"]], status=[tr(s) for s in shown["status"]])


def _fmt(value: float, decimals: int) -> str:
    return format_number(value, decimals, leading_zero=True)


def _num(text: str) -> str:
    """A number written the English way (``f"{x:.3f}"``) with the active language's decimal mark."""
    return i18n.localize_number(text)


def _list(parts: Iterable[str]) -> str:
    """A listing's items joined: ", " in English, "; " where the comma is the decimal mark."""
    return ("; " if i18n.decimal_mark() == "," else ", ").join(parts)


def _join(words: Iterable[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else tr("{first} and {last}", first=", ".join(words[:-1]), last=words[-1])


def _interval(printed: float, decimals: int) -> tuple[float, float]:
    half = 0.5 * 10.0 ** (-decimals)
    return printed - half, printed + half


def _decimals(reported: pd.DataFrame, key: str) -> int:
    return int(reported.loc[key, "decimals"])


def _first(reported: pd.DataFrame, kind: str) -> str | None:
    ids = reported.index[reported["kind"] == kind]
    return str(ids[0]) if len(ids) else None


def _reported_n(reported: pd.DataFrame) -> int | None:
    if "n" in reported.index:
        return int(reported.loc["n", "value"])
    return None
