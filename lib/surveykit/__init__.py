"""surveykit: SPSS-exact analysis of Likert questionnaires.

The library behind the research compendium on Satria, Zulfadil & Rifqi,
"Pengaruh Work Engagement, Pelatihan dan Quality of Work Life (QWL)
terhadap Kinerja ASN".  One module per statistical domain; every function
takes a plain DataFrame and returns a tidy DataFrame or a small frozen
result object.

The package imports nothing heavy at top level, so ``import surveykit`` is
cheap; import the module you need (``from surveykit import reliability``).
"""

import sys

__version__ = "0.1.0"

from .i18n import N_

# jsonschema imports `rfc3987_syntax` when present (JupyterLab's dependencies
# install it) and that module builds a parser at import: about 1 s for anything
# that imports nbformat (the notebook driver, the report, the tests).  Notebook
# validation never uses the IRI formats it serves, so surveykit declares it
# absent (jsonschema handles the ImportError).
sys.modules.setdefault("rfc3987_syntax", None)

#: Printed wherever the study's own dataset is shown.
RECONSTRUCTED_NOTICE = N_(
    "The item-level data analysed here are RECONSTRUCTED from the numbers "
    "printed in the paper; they are not the authors' data. They reproduce the "
    "published summary statistics, and anything computed beyond those "
    "describes the reconstruction, not the 56 civil servants."
)
