"""``python -m surveykit.i18n [--check]``: rewrite the translation catalogues from the sources."""

from . import main

raise SystemExit(main())
