"""What every notebook of the compendium does first, in one call.

Notebooks narrate and call the lib; this module gives them the shared
set-up (display options, output folders, the data-status banner, readable
errors) and :func:`md`, which shows a sentence whose numbers were computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from . import i18n
from .codebook import Codebook, load_codebook
from .errors import DataError
from .i18n import N_, tr

if TYPE_CHECKING:
    import pandas as pd

    from .regression import RegressionResult

__all__ = ["Context", "setup", "StudyModel", "study_model", "md", "say", "save_table", "reconstruction_only"]

_BANNERS = {
    "reconstructed": N_(
        "**Reconstructed data, not the authors' data.** The item-level responses analysed "
        "here were reconstructed from the numbers printed in the paper (the raw data were "
        "never published). They reproduce the published summary statistics; anything "
        "computed beyond those describes the reconstruction, not the 56 civil servants."
    ),
    "synthetic": N_(
        "**Synthetic example data.** The responses were generated to exercise the pipeline; "
        "they describe no real respondents."
    ),
    "real": N_("Data: real questionnaire responses, as delivered in the raw data file."),
}


@dataclass(frozen=True)
class Context:
    """Paths and codebook shared by a notebook's cells."""

    codebook: Codebook
    out_dir: Path
    processed_path: Path
    cleaning_log_path: Path
    tables_dir: Path
    figures_dir: Path
    reported_path: str
    language: str = "en"
    #: The processed data as CSV for the user (a spreadsheet, another program); None: not written.
    processed_csv_path: Path | None = None
    #: Where `make all`'s check keeps its cleaning result for 01 (surveykit.check.read_once); None: nowhere.
    kept_check_dir: Path | None = None

    def table(self, frame, *, title: str, decimals: dict | None = None) -> None:
        """Show a table in the notebook's language: ``title`` above, no row index.

        Headers and title are translated (:mod:`surveykit.vocabulary`; the
        codebook's keys stay as they are); numbers are shown with the
        language's decimal mark, floats to three decimals unless ``decimals``
        (column -> places) says otherwise.
        """
        import pandas as pd
        from IPython.display import display

        from .spss_format import spss_styled

        places = {column: 3 for column in frame.columns
                  if pd.api.types.is_float_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])}
        places.update(decimals or {})
        keys = {*self.codebook.items, *(c.key for c in self.codebook.constructs),
                *(i.key for c in self.codebook.constructs for i in c.indicators), *self.codebook.profile}
        if self.codebook.respondent_id:
            keys.add(self.codebook.respondent_id)
        display(spss_styled(frame.reset_index(drop=True), title=title, decimals=places, sig_columns=(),
                            names=keys))


def _show_data_error(shell, etype, evalue, tb, tb_offset=None):
    # A user's input error is shown as its one-line message, not as a traceback,
    # but still reported as an error, so papermill stops and the runner can name it.
    shell._showtraceback(etype, evalue, [f"{etype.__name__}: {evalue}"])
    return None


def _refuse_protected_out(out_dir: str) -> None:
    """Stop before anything is written when out_dir is the compendium's own folder or lies in its sources."""
    from .inputs import out_problem

    root = Path(__file__).resolve().parents[2]
    if (root / "Makefile").is_file() and (root / "lib" / "surveykit").is_dir():  # running from the repository
        problem = out_problem(out_dir, root)
        if problem:
            raise DataError(problem.replace("OUT=", "out_dir=", 1), column="out_dir",
                            fix="set the notebook's `out_dir` parameter to a folder of your own.")


def setup(*, codebook_path: str, out_dir: str, reported_path: str = "", language: str = "") -> Context:
    """Prepare a notebook: options, folders, codebook, language, banner.

    ``language`` ("en" or "id") is the language of every sentence and number
    the notebook shows; empty means the codebook's ``study: language:``, else
    English (:mod:`surveykit.i18n`).  Returns a :class:`Context` whose paths all derive from ``out_dir``:
    ``processed/responses.parquet`` (written by 01, read by the later notebooks), its CSV copy
    ``processed/responses.csv``, ``processed/cleaning_log.csv``, ``tables/`` and ``figures/``.
    """
    import pandas as pd

    pd.set_option("display.width", 120)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_rows", 200)
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            shell.set_custom_exc((DataError,), _show_data_error)
    except ImportError:  # plain Python: nothing to configure
        pass

    _refuse_protected_out(out_dir)
    codebook = load_codebook(codebook_path)
    language = language or codebook.language
    i18n.use(language)
    out = Path(out_dir)
    ctx = Context(
        codebook=codebook,
        out_dir=out,
        processed_path=out / "processed" / "responses.parquet",
        processed_csv_path=out / "processed" / "responses.csv",
        cleaning_log_path=out / "processed" / "cleaning_log.csv",
        tables_dir=out / "tables",
        figures_dir=out / "figures",
        reported_path=reported_path or "",
        language=language,
        kept_check_dir=out / ".stamps" / "checked",  # the Makefile's $(STAMPS_DIR)/checked
    )
    for folder in (ctx.processed_path.parent, ctx.tables_dir, ctx.figures_dir):
        folder.mkdir(parents=True, exist_ok=True)
    md(tr(_BANNERS.get(codebook.data_status, _BANNERS["real"])))
    return ctx


class StudyModel(NamedTuple):
    """The study's regression and what it is fitted from, as notebooks 04, 05 and 06 use them.

    A named tuple, so a notebook unpacks it in one line
    (``items, scores, dependent, predictors, labels, reported, fit = notebook.study_model(ctx)``).
    """

    items: pd.DataFrame | None
    scores: pd.DataFrame
    dependent: str
    predictors: list[str]
    labels: dict[str, str]
    reported: pd.DataFrame
    fit: RegressionResult


def study_model(ctx: Context, *, items: bool = True, as_stored: bool = False) -> StudyModel:
    """Read the cleaned data, score the constructs and fit the codebook's regression.

    ``items``: the processed responses written by notebook 01, indexed by the
    codebook's respondent id when it has one; None when ``items=False`` (a
    notebook that needs the answers only for the comparison with the paper
    asks for them only when there is one: at 10^6 respondents x 40 items
    they hold 320 MB, and scoring then reads them as stored, 8-bit, and lets
    them go); with ``as_stored=True`` the answers as the file stores them
    (8-bit, :func:`surveykit.processed.read_processed`), for a notebook that
    only scores and averages them (06: indicator scores and means, which
    sum in 64 bits or in float64); ``scores``: each construct's
    composite (:func:`surveykit.scoring.construct_scores`); the dependent
    construct's key and the predictors' keys in codebook order; ``labels``:
    the constructs' names in the notebook's language; ``reported``: the
    paper's printed numbers (empty for own data); ``fit``: SPSS REGRESSION
    /METHOD=ENTER of the dependent on the predictors
    (:func:`surveykit.regression.linear_regression`).
    """
    from .figures import construct_labels
    from .processed import read_processed
    from .regression import linear_regression
    from .reported import load_reported
    from .scoring import construct_scores

    codebook = ctx.codebook
    # The id and the answers: the profile columns are not used here, and every column read is held.
    # Answers kept for the notebook are 64-bit unless asked for as stored; answers only scored stay as stored
    # (scoring sums in 64 bits).
    answers = read_processed(ctx.processed_path, codebook, columns=[codebook.id_column, *codebook.items],
                             as_stored=as_stored or not items)
    if codebook.respondent_id and codebook.respondent_id in answers.columns:
        answers = answers.set_index(codebook.respondent_id)
    scores = construct_scores(answers, codebook)
    dependent = codebook.dependent.key
    predictors = [construct.key for construct in codebook.predictors]
    fit = linear_regression(scores, dependent, predictors)
    return StudyModel(items=answers if items else None, scores=scores, dependent=dependent, predictors=predictors,
                      labels=construct_labels(codebook, language=ctx.language),
                      reported=load_reported(ctx.reported_path), fit=fit)


def reconstruction_only(codebook: Codebook, sentence: str) -> str:
    """``sentence`` marked as a finding of the reconstruction when the data are reconstructed.

    A result that depends on item-level detail the paper did not print (which
    items, which respondents, anything beyond the printed summary) describes
    the reconstruction, not the respondents; the sentence itself says so
    ("In this reconstruction, ..."), since a page banner is easily skipped.
    On other data the sentence is returned unchanged.
    """
    if codebook.data_status != "reconstructed" or not sentence:
        return sentence
    # Lower the first letter of an ordinary word, not of an acronym ("WE", "QWL") or a number.
    first = sentence[:1].lower() if sentence[1:2].islower() else sentence[:1]
    return tr("In this reconstruction, {sentence}", sentence=f"{first}{sentence[1:]}")


def md(text: str) -> None:
    """Display Markdown whose numbers were computed in the cell (no typed numbers)."""
    try:
        from IPython.display import Markdown, display

        display(Markdown(text))
    except ImportError:
        print(text)


def say(template: str, /, **values) -> None:
    """Show a sentence: ``template`` (English, named fields in braces) in the notebook's language, filled.

    The values are the computed numbers, already formatted (``format_number``
    writes the language's decimal mark); the template is the translation
    catalogue's message id (:mod:`surveykit.i18n`), so it must be a literal.
    """
    md(tr(template, **values))


def save_table(table, path: str | Path, *, index: bool = False) -> Path:
    """Write a table as CSV with stable bytes (UTF-8, ``\\n`` line ends), atomically.

    Numbers are written to :data:`stable.SIGNIFICANT_DIGITS` significant digits
    and formula-like text is neutralised (:func:`stable.bounded_frame`), so the
    file is the same on every machine and safe to open in a spreadsheet.
    """
    from .stable import bounded_frame

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    bounded_frame(table).to_csv(tmp, index=index, lineterminator="\n", encoding="utf-8")
    tmp.replace(path)
    return path
