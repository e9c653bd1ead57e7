"""A static HTML report of the compendium that reads without Jupyter.

``python -m surveykit.report --notebooks notebooks --out results/report``

renders every executed notebook ``NN_name.ipynb`` to ``<out>/notebooks/NN_name.html``
with nbconvert (template ``templates/compendium``: JupyterLab's static look,
code folded under "Code", nothing fetched from the network) and writes
``<out>/index.html``: what the compendium is, the data's status on the first
screen (reconstructed data are said to be reconstructed), the notebooks in
order, the key tables and every figure of ``<results>/figures`` (copied to
``<out>/figures`` and linked relatively, so the folder reads offline from the
file system or a zip).

The output is deterministic: no dates, no absolute paths, files in sorted
order; a second run over unchanged notebooks rewrites identical bytes.  The
folder is built beside the target and swapped in at the end, so a reader
never sees half a report.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import html
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import i18n
from .i18n import N_, tr

__all__ = ["NotebookPage", "KEY_TABLES", "WHAT_HOLDS_TABLE", "READABLE_COLUMNS",
           "build_report", "render_notebook", "accessible_page",
           "notebook_summary", "main"]

TEMPLATES = Path(__file__).with_name("templates")
_NOTEBOOK = re.compile(r"^\d\d_[A-Za-z0-9_-]+\.ipynb$")

#: Tables shown on the index page: (glob under ``<results>/tables``, caption, columns or None
#: for all, rows to leave out as a pandas query or None).
KEY_TABLES: tuple[tuple[str, str, tuple[str, ...] | None, str | None], ...] = (
    ("02_constructs.csv", N_("Descriptive statistics of the constructs"), None, None),
    ("03_reliability.csv", N_("Reliability (Cronbach's alpha)"), None, None),
    ("05_model_summary.csv", N_("Regression: Model Summary"), None, None),
    ("05_anova.csv", N_("Regression: ANOVA"), None, None),
    ("05_coefficients.csv", N_("Regression: Coefficients"), None, None),
    ("07_consistency_checks.csv", N_("Replication audit: consistency of the printed numbers"),
     ("check", "subject", "printed", "status"), "check == 'GRIM' and status == 'not testable'"),
    ("07_claim_checks.csv", N_("Replication audit: the paper's claims against the data"),
     ("check", "subject", "printed", "status"), None),
)
_MAX_TABLE_ROWS = 40

#: The claims summary shown on the first page (written by 07_replication_audit).
WHAT_HOLDS_TABLE = "07_what_holds.csv"

#: CSV column names shown to a reader under readable names (the CSVs keep theirs).
READABLE_COLUMNS = {
    "construct": N_("Construct"), "label": N_("Label"), "label_id": N_("Label (Indonesian)"), "n_items": N_("Items"),
    "category": N_("Category"), "category_en": N_("Category (English)"), "check": N_("Check"), "subject": N_("Printed entry"),
    "printed": N_("Printed"), "status": N_("Verdict"), "recomputed": N_("Recomputed"),
}
#: Columns whose every cell is a word to translate (a status, a verdict, a check's name).
_WORD_COLUMNS = frozenset({"status", "Status", "Verdict", "check"})
#: Columns whose cells are SPSS's words ("(Constant)", "Regression") or names (a construct's key):
#: the words are translated, the names stay.
_MIXED_COLUMNS = frozenset({"Model"})
#: Columns an edition leaves out because the table has them in the other language too.
_OTHER_LANGUAGE_COLUMNS = {"en": frozenset(), "id": frozenset({"label", "category_en"})}



_STATUS_TEXT = {
    "reconstructed": (
        N_("Reconstructed data, not the authors' data."),
        None,  # filled from surveykit.RECONSTRUCTED_NOTICE
    ),
    "synthetic": (
        N_("Synthetic example data."),
        N_("The responses were generated to exercise the pipeline; they describe no real respondents."),
    ),
    "real": (
        N_("Real questionnaire data."),
        N_("The analyses use the responses as delivered in the raw data file."),
    ),
}

_INDEX_CSS = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; line-height: 1.5; color: #111; margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 1.2em 1.4em 3em 1.4em; }
.data-status { border: 3px solid #000; background: #f2f2f2; padding: 0.8em 1em; margin: 0 0 1.2em 0; }
.data-status strong { font-size: 1.1em; }
h1 { font-size: 1.6em; margin: 0.2em 0; }
.subtitle { font-style: italic; margin-top: 0; color: #333; }
ol.notebooks li { margin-bottom: 0.5em; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.4em 0 1.4em 0; }
th, td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #e6e6e6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1em 0 2em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { font-size: 0.9em; color: #333; }
.note { font-size: 0.9em; color: #333; }
"""


@dataclass(frozen=True)
class NotebookPage:
    """One rendered notebook: its file stem, title, one-paragraph summary and page (relative to the index)."""

    stem: str
    title: str
    summary: str
    href: str


def _plain(markdown: str) -> str:
    """Markdown of a sentence or two as plain text (for the index's one-line summaries)."""
    text = re.sub(r"`([^`]*)`", r"\1", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_]{1,2}([^*_]+)[*_]{1,2}", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(text.split())


def notebook_summary(nb) -> tuple[str, str]:
    """Title (the first ``#`` heading) and first paragraph of a notebook's first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        title = next((line.lstrip("#").strip() for line in lines if line.startswith("# ")), "")
        paragraphs = [p for p in re.split(r"\n\s*\n", cell.source) if p.strip() and not p.lstrip().startswith("#")]
        first = _plain(paragraphs[0]) if paragraphs else ""
        # One sentence is enough for the index.
        match = re.search(r"(?<=[.!?])\s", first)
        return _plain(title), first[:match.start()] if match else first
    return "", ""


#: Cells tagged "paper" compare with a paper; "own-data" ones describe an own study. The report of a run
#: with a paper's reported numbers leaves out the "own-data" cells, an own-data report the "paper" cells.
PAPER_TAG, OWN_DATA_TAG = "paper", "own-data"


#: One whole start tag: attribute values may hold ">" inside their quotes.
_TAG_REST = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_DIV_TAG = re.compile(r"<div\b" + _TAG_REST + ">", re.I)
_IMG_TAG = re.compile(r"<img\b" + _TAG_REST + ">", re.I)
_ATTRIBUTE = re.compile(r"""\s([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
#: Divs a keyboard reaches with Tab (JupyterLab's input wrappers and output areas), as nbconvert makes them.
_FOCUSABLE_CLASSES = frozenset({"jp-Cell-inputWrapper", "jp-OutputArea-output"})


def _attributes(tag: str) -> list[tuple[str, str, tuple[int, int]]]:
    """A start tag's attributes: name in lower case, value as written ('' when bare), span in the tag."""
    name_end = re.match(r"<\w+", tag).end()
    return [(m.group(1).lower(), next((v for v in m.group(2, 3, 4) if v is not None), ""), m.span())
            for m in _ATTRIBUTE.finditer(tag, name_end)]


def _attribute(tag: str, name: str) -> str | None:
    """The value of a start tag's attribute (the first, as a browser reads it), or None."""
    return next((value for key, value, _ in _attributes(tag) if key == name), None)


def _with_attribute(tag: str, name: str, value: str) -> str:
    """The start tag with ``name="value"`` as its last attribute, any earlier ``name`` removed."""
    for key, _, (start, stop) in reversed(_attributes(tag)):
        if key == name:
            tag = tag[:start] + tag[stop:]
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return f'{tag[:end].rstrip()} {name}="{html.escape(value)}"{tag[end:]}'


def accessible_page(page: str, *, alt: str) -> str:
    """The page with what a reader without a mouse or without sight needs, added by a rule on start tags.

    Every ``<div>`` whose class list has ``jp-Cell-inputWrapper`` or ``jp-OutputArea-output`` gets
    ``tabindex="0"`` (focusable from the keyboard); every ``<img>`` without a non-empty ``alt`` gets
    ``alt``.  These are what nbconvert's HTMLExporter adds by parsing and re-serialising the whole
    page with BeautifulSoup (its selectors ``.jp-Notebook div.jp-Cell-inputWrapper`` and
    ``.jp-Notebook div.jp-OutputArea-output``; the lab template's ``<body>`` is the ``.jp-Notebook``,
    so every div of the body qualifies).  The rule reads start tags as written, so text that only
    looks like a tag must be escaped, as the template escapes code, outputs' text and markdown's code.
    """
    def focusable(match: re.Match) -> str:
        tag = match.group(0)
        classes = (_attribute(tag, "class") or "").split()
        return _with_attribute(tag, "tabindex", "0") if _FOCUSABLE_CLASSES.intersection(classes) else tag

    def described(match: re.Match) -> str:
        tag = match.group(0)
        return tag if (_attribute(tag, "alt") or "").strip() else _with_attribute(tag, "alt", alt)

    return _IMG_TAG.sub(described, _DIV_TAG.sub(focusable, page))


@functools.cache  # one class per process: nbconvert is imported on first use
def _exporter_class():
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class CompendiumHTMLExporter(HTMLExporter):
        """nbconvert's HTMLExporter without its BeautifulSoup pass over the rendered page.

        ``from_notebook_node`` follows ``HTMLExporter.from_notebook_node`` of nbconvert 7.17.2 (the pinned
        version) up to the template's rendering, then adds the focus and alternative text that method adds
        with BeautifulSoup through :func:`accessible_page` instead: parsing, selecting and re-serialising
        each page was more than half of the report's rendering time.  Check this method when the pin moves.
        """

        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            resources = self._init_resources(resources)
            filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self,
                                                     resources=resources)
            self.register_filter("highlight_code", highlight_code)
            self.register_filter("filter_data_type", filter_data_type)
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            alt = (resources.get("words") or {}).get("figure") or tr("Figure")
            return accessible_page(page, alt=alt), resources

    return CompendiumHTMLExporter


def _exporter(*, paper: bool = True):
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {OWN_DATA_TAG if paper else PAPER_TAG}
    exporter = _exporter_class()(config=config, template_name="compendium", extra_template_basedirs=[str(TEMPLATES)])
    exporter.language_code = i18n.active()  # <html lang="..."> of every page
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


def render_notebook(source: Path, target: Path, *, exporter=None) -> NotebookPage:
    """Render one notebook to static HTML (code folded, no network resources)."""
    import nbformat

    nb = nbformat.read(source, as_version=4)
    exporter = exporter or _exporter()
    words = {"code": tr("Code"), "index": tr("Compendium index"), "figure": tr("Figure")}
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": source.stem}, "words": words})
    target.parent.mkdir(parents=True, exist_ok=True)
    body = _shared_stylesheet(body, target.parent.parent / "static")
    target.write_text(body, encoding="utf-8", newline="\n")
    title, summary = notebook_summary(nb)
    return NotebookPage(source.stem, title or source.stem, summary, f"notebooks/{target.name}")


_HEAD_STYLE = re.compile(r'<style type="text/css">(.*?)</style>\s*', re.S)


def _shared_stylesheet(page: str, static_dir: Path) -> str:
    """Move a page's inlined <head> styles into one stylesheet that all pages link.

    nbconvert inlines JupyterLab's theme (about 0.7 MB) into every page; the
    pages' styles are identical, so one file named by its content hash serves
    them all and the report stays small.
    """
    head_end = page.index("</head>")
    head, rest = page[:head_end], page[head_end:]
    css = "\n".join(_HEAD_STYLE.findall(head))
    if not css:
        return page
    name = f"notebook-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    static_dir.mkdir(parents=True, exist_ok=True)
    sheet = static_dir / name
    if not sheet.exists():
        sheet.write_text(css, encoding="utf-8", newline="\n")
    head = _HEAD_STYLE.sub("", head) + f'<link rel="stylesheet" href="../static/{name}">\n'
    return head + rest


def _table_html(path: Path, caption: str, columns: Sequence[str] | None, leave_out: str | None = None) -> str:
    """A key table read back from its CSV, shown through :func:`surveykit.views.csv_table` (SPSS's display rules)."""
    import pandas as pd

    from .views import csv_table

    frame = pd.read_csv(path)
    if leave_out:
        try:
            frame = frame.drop(index=frame.query(leave_out).index)
        except Exception:  # a column the query names is absent: show the table whole
            pass
    if columns:
        frame = frame[[c for c in columns if c in frame.columns]]
    frame = frame[[c for c in frame.columns if c not in _OTHER_LANGUAGE_COLUMNS[i18n.active()]]]
    shown = frame.head(_MAX_TABLE_ROWS).copy()
    for c in shown.columns:
        if (c in _WORD_COLUMNS or c in _MIXED_COLUMNS) and not pd.api.types.is_numeric_dtype(shown[c]):
            shown[c] = ["" if pd.isna(v) else _cell_word(str(v), strict=c in _WORD_COLUMNS) for v in shown[c]]
    more = ('<p class="note">' + tr("First {shown} of {total} rows; the full table is {file} in the results folder.",
                                    shown=_MAX_TABLE_ROWS, total=len(frame),
                                    file=f"<code>tables/{html.escape(path.name)}</code>") + "</p>"
            ) if len(frame) > len(shown) else ""
    source = tr("Source: {file}", file=f"<code>tables/{html.escape(path.name)}</code>")
    return (f"<h3>{html.escape(tr(caption))}</h3>\n<p class=\"note\">{source}</p>\n"
            + csv_table(shown, title=caption, readable=READABLE_COLUMNS).to_html() + "\n" + more)


def _cell_word(text: str, *, strict: bool) -> str:
    """A table cell's word in the report's language; a name (``strict=False``) stays as it is."""
    if not text:
        return text
    try:
        return i18n.gettext(text)
    except i18n.MissingTranslation:
        if strict:
            raise
        return text


def _what_holds_html(path: Path, pages: Sequence[NotebookPage]) -> str:
    """The claims summary (claim, verdict, reason, link to the notebook), for the first page."""
    import pandas as pd

    from .views import what_holds

    frame = pd.read_csv(path)
    # The claim and the verdict are the audit's fixed words (translated here); the reason is a sentence
    # the notebook wrote in its language.
    frame["Claim"] = [i18n.gettext(str(v)) for v in frame["Claim"]]
    frame["Verdict"] = [i18n.gettext(str(v)) for v in frame["Verdict"]]
    table = what_holds(frame, pages={page.stem: page.href for page in pages})
    note = tr("Each claim of the paper, the verdict of the replication audit, one line of reason, and the notebook "
              "that shows it (source: {file}).", file=f"<code>tables/{html.escape(path.name)}</code>")
    return (f'<h2 id="what-holds">{html.escape(tr("What holds and what does not"))}</h2>\n'
            f'<p class="note">{note}</p>\n' + table.to_html() + "\n")


def _figure_caption(stem: str) -> str:
    """The figure's sentence (surveykit.figures.CAPTIONS), then the notebook that draws it."""
    from .figures import caption

    if re.match(r"^\d\d_", stem):
        return tr("{caption} Drawn in notebook {number}.", caption=caption(stem), number=stem[:2])
    return caption(stem)


def _status_block(codebook) -> str:
    from . import RECONSTRUCTED_NOTICE

    status = codebook.data_status if codebook is not None else "real"
    heading, text = _STATUS_TEXT.get(status, _STATUS_TEXT["real"])
    if status == "reconstructed":
        text = RECONSTRUCTED_NOTICE
    heading, text = tr(heading), tr(text)
    return (f'<div class="data-status {html.escape(status)}" role="note" id="data-status">'
            f"<strong>{html.escape(heading)}</strong> {html.escape(text)}</div>")


def _index_html(*, pages: Sequence[NotebookPage], codebook, paper: str | None, tables: Sequence[str],
                figures: Sequence[Path], summary: str = "", other_edition: str = "") -> str:
    study = dict(codebook.study) if codebook is not None else {}
    language = i18n.active()
    english, indonesian = str(study.get("title") or ""), str(study.get("title_id") or "")
    # The title in the page's language, the other one below it.
    title, subtitle = (indonesian, english) if language == "id" and indonesian else (english, indonesian)
    title = title or tr("Research compendium")
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
        f"<title>{html.escape(tr('{title}: research compendium', title=title))}</title>",
        f"<style>{_INDEX_CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        _status_block(codebook),
    ]
    if other_edition:
        parts.append(f'<p class="note"><a href="{html.escape(other_edition)}" hreflang="{_OTHER[language]}" '
                     f'lang="{_OTHER[language]}">{html.escape(_OTHER_EDITION[language])}</a></p>')
    parts.append(f"<h1>{html.escape(title)}</h1>")
    if subtitle:
        parts.append(f'<p class="subtitle" lang="{"en" if subtitle == english else "id"}">{html.escape(subtitle)}</p>')
    about = html.escape(tr(
        "This is a research compendium: the statistical analysis of a published questionnaire study, "
        "re-executed from the item-level data and a codebook of the instrument, with every table and "
        "figure produced by the notebooks below and every number in their text computed, not typed."))
    if paper:
        about += " " + html.escape(tr("The study: {paper}", paper=paper))
    about += " " + tr(
        "These pages are static renderings of the executed notebooks (the code is folded under \u201c{code}\u201d); "
        "they read offline. To re-run the analysis, open the notebooks in Jupyter or run {command}.",
        code=html.escape(tr("Code")), command="<code>make all</code>")
    parts.append(f"<p>{about}</p>")
    if summary:
        parts.append(summary)
    parts.append(f"<h2>{html.escape(tr('Notebooks, in order'))}</h2>")
    parts.append('<ol class="notebooks">')
    for page in pages:
        # Every notebook numbered by its file number (the list's own numbers), its title without one.
        title = re.sub(r"^\d\d\s*[·.:-]?\s*", "", page.title)
        line = f" &mdash; {html.escape(page.summary)}" if page.summary else ""
        parts.append(f'<li value="{int(page.stem[:2])}"><a href="{html.escape(page.href)}">'
                     f"{html.escape(title)}</a>{line}</li>")
    parts.append("</ol>")
    if tables:
        parts.append(f"<h2>{html.escape(tr('Key tables'))}</h2>")
        parts.extend(tables)
    if figures:
        parts.append(f"<h2>{html.escape(tr('Figures'))}</h2>")
        for fig in figures:
            caption = _figure_caption(fig.stem)
            svg = fig.with_suffix(".svg").name
            parts.append(
                f'<figure><img src="figures/{html.escape(fig.name)}" alt="{html.escape(caption)}">'
                f"<figcaption>{html.escape(caption)} "
                f'<a href="figures/{html.escape(svg)}">SVG</a></figcaption></figure>'
                if (fig.with_suffix(".svg")).exists() else
                f'<figure><img src="figures/{html.escape(fig.name)}" alt="{html.escape(caption)}">'
                f"<figcaption>{html.escape(caption)}</figcaption></figure>"
            )
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


#: The other edition's language, and the link to it, written in that language (a reader of it finds it).
_OTHER = {"en": "id", "id": "en"}
_OTHER_EDITION = {"en": "Edisi bahasa Indonesia", "id": "English edition"}


def build_report(*, notebooks_dir: str | Path, out_dir: str | Path, results_dir: str | Path | None = None,
                 codebook_path: str | Path | None = None, reported_path: str | Path | None = None,
                 other_edition: str = "") -> Path:
    """Render the notebooks and write the index; returns the path of ``index.html``.

    Parameters
    ----------
    notebooks_dir : path
        Folder with the executed notebooks ``NN_name.ipynb``.
    out_dir : path
        The report folder (replaced as a whole).
    results_dir : path, optional
        Where ``tables/`` and ``figures/`` are; default: the parent of ``out_dir``.
    codebook_path : path, optional
        For the study's title and data status; default
        ``<notebooks_dir>/../data/codebook.yml`` when it exists.
    reported_path : path, optional
        For the paper's citation; default ``<notebooks_dir>/../data/paper/reported.yml``
        when it exists.  Empty: no citation.
    other_edition : str, optional
        Relative link to the same report in the other language, shown on the first page.

    The report speaks the notebooks' language (``metadata.surveykit.language``,
    written by :mod:`surveykit.execute`; English when absent).
    """
    from . import yaml_text
    from .codebook import load_codebook

    notebooks_dir, out_dir = Path(notebooks_dir), Path(out_dir)
    results_dir = Path(results_dir) if results_dir else out_dir.parent
    if codebook_path is None:
        guess = notebooks_dir.parent / "data" / "codebook.yml"
        codebook_path = guess if guess.exists() else None
    codebook = load_codebook(codebook_path) if codebook_path else None
    if reported_path is None:
        guess = notebooks_dir.parent / "data" / "paper" / "reported.yml"
        reported_path = guess if guess.exists() else None
    paper = None
    if reported_path:
        raw = yaml_text.safe_load(Path(reported_path).read_text(encoding="utf-8")) or {}
        paper = (raw.get("source") or {}).get("paper")

    sources = sorted(p for p in notebooks_dir.glob("*.ipynb") if _NOTEBOOK.match(p.name))
    if not sources:
        raise FileNotFoundError(f"no notebooks NN_name.ipynb in {notebooks_dir}")
    # The notebooks' language while the report is written; the caller's language after it.
    with i18n.speaking(_notebooks_language(sources)):
        staging = out_dir.with_name(f".{out_dir.name}.building")
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
        try:
            exporter = _exporter(paper=bool(reported_path))
            pages = [render_notebook(src, staging / "notebooks" / f"{src.stem}.html", exporter=exporter) for src in sources]
            figures = sorted((results_dir / "figures").glob("*.png")) if (results_dir / "figures").is_dir() else []
            if figures:
                (staging / "figures").mkdir()
                for fig in figures:
                    shutil.copyfile(fig, staging / "figures" / fig.name)
                    if fig.with_suffix(".svg").exists():
                        shutil.copyfile(fig.with_suffix(".svg"), staging / "figures" / fig.with_suffix(".svg").name)
            tables = []
            for pattern, caption, columns, leave_out in KEY_TABLES:
                for path in sorted((results_dir / "tables").glob(pattern)):
                    tables.append(_table_html(path, caption, columns, leave_out))
            what_holds = results_dir / "tables" / WHAT_HOLDS_TABLE
            summary = _what_holds_html(what_holds, pages) if what_holds.exists() else ""
            index = _index_html(pages=pages, codebook=codebook, paper=paper, tables=tables,
                                figures=[staging / "figures" / f.name for f in figures], summary=summary,
                                other_edition=other_edition)
            (staging / "index.html").write_text(index, encoding="utf-8", newline="\n")
            old = out_dir.with_name(f".{out_dir.name}.old")
            if old.exists():
                shutil.rmtree(old)
            if out_dir.exists():
                out_dir.rename(old)
            staging.rename(out_dir)
            if old.exists():
                shutil.rmtree(old)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return out_dir / "index.html"


def _notebooks_language(sources: Sequence[Path]) -> str:
    """The one language the executed notebooks were written in (they must agree)."""
    import json

    languages = {json.loads(p.read_text(encoding="utf-8")).get("metadata", {}).get("surveykit", {}).get("language", "en")
                 for p in sources}
    if len(languages) != 1:
        raise ValueError(f"the notebooks in one report must speak one language, found {sorted(languages)}: "
                         "re-run them all with one LANGUAGE=")
    return languages.pop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=Path, default=Path("notebooks"), help="folder of executed notebooks")
    parser.add_argument("--out", type=Path, default=Path("results/report"), help="report folder (replaced)")
    parser.add_argument("--results", type=Path, default=None, help="folder with tables/ and figures/ "
                        "(default: the parent of --out)")
    parser.add_argument("--codebook", type=Path, default=None, help="codebook YAML (title, data status)")
    parser.add_argument("--reported", default=None, help="reported.yml of the paper ('' for none)")
    parser.add_argument("--other-edition", default="", help="relative link to the report in the other language")
    args = parser.parse_args(argv)
    reported = args.reported if args.reported is None else (Path(args.reported) if args.reported else "")
    index = build_report(notebooks_dir=args.notebooks, out_dir=args.out, results_dir=args.results,
                         codebook_path=args.codebook, reported_path=reported, other_edition=args.other_edition)
    print(f"report written: {index}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
