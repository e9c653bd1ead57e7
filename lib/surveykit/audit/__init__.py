"""Replication audit: is a paper consistent with itself, and with the data?

Two kinds of check on SPSS-style results, usable on any paper's
``reported.yml`` (see :func:`surveykit.reported.load_reported`):

*Internal consistency* uses only the printed numbers, in the spirit of
statcheck (Nuijten et al. 2016, which recomputes p from a reported test
statistic and its degrees of freedom) and GRIM (Brown & Heathers 2017, which
asks whether a mean of integer answers can take the printed value at all):

- :func:`grim` - can a mean of ``n`` respondents x ``k`` items of integer
  answers round to the printed value?  Under which rounding conventions?
- :func:`f_from_r_squared` / :func:`check_f_from_r_squared` - F recomputed from
  R-squared, n and the number of predictors, with both printed numbers
  treated as the intervals their rounding allows.
- :func:`check_sig` - a printed significance against one recomputed from F
  (or t) and its degrees of freedom; SPSS's ``.000`` means p < .0005.
  :func:`check_sig_from_b_se` does the same from a printed B and standard error.
- :func:`check_normality_claim` - a printed K-S "Asymp. Sig." (SPSS NPAR
  TESTS, no Lilliefors correction) turned back into the K-S distance D, and
  that D judged with the Lilliefors correction.

- :func:`check_category` - the printed interpretation class ("baik") of a
  printed mean on the codebook's interval scale.
- :func:`check_contribution_from_printed` - "X contributes most": the
  semipartial correlations implied by the printed Sig. values, R2 and n.

*Claims against the numbers* (need the data): the largest standardized
Beta, "all VIF < 10", "alpha > .60 so reliable" (and what an alpha of 1.000
really means), the normality verdict, and which indicator is lowest or
highest (:func:`check_rank_claims`).  Every number of ``reported.yml`` is
recomputed from item-level data by :func:`surveykit.reported.recompute`.

Modules: :mod:`~surveykit.audit.checks` (the :class:`Check` every check returns, the
statuses, the table of checks), :mod:`~surveykit.audit.means` (GRIM),
:mod:`~surveykit.audit.printed` (the other checks on printed numbers alone,
which the audit of pasted SPSS tables can reuse) and
:mod:`~surveykit.audit.data_claims` (claims checked against the data).

Every check returns a :class:`Check`; :func:`checks_table` stacks them into
one tidy table with a verdict written for a reader who knows SPSS.

Rounding is SPSS's: half away from zero (:mod:`surveykit.spss_format`).
Nothing here computes on a rounded value except where the printed
(rounded) number is the object being checked.

The identities between printed numbers (F from R2, Sig. from t or F, t from
B and SE, the Lilliefors p of a K-S distance) live in
:mod:`surveykit.paper_audit.identities`, which the audit of pasted SPSS
tables (:mod:`surveykit.paper_audit`) uses too; the audit words their
verdicts for a paper's ``reported.yml``.
"""

# Every public name of the four modules, as `surveykit.audit.X` (the notebooks' and the report's way in).
from . import checks, data_claims, means, printed
from .checks import *  # noqa: F403
from .data_claims import *  # noqa: F403
from .means import *  # noqa: F403
from .printed import *  # noqa: F403

__all__ = [*checks.__all__, *means.__all__, *printed.__all__, *data_claims.__all__]
