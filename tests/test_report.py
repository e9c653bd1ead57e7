"""The static HTML report: deterministic bytes, offline links, data status first, code folded."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from surveykit.report import build_report, notebook_summary

ROOT = Path(__file__).resolve().parents[1]


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _mini_compendium(tmp_path: Path, data_status: str) -> Path:
    """Two tiny executed notebooks, a figure, a key table and a codebook with the given data status."""
    root = tmp_path / "compendium"
    (root / "notebooks").mkdir(parents=True)
    for name, title in (("01_first", "01 · First step"), ("02_second", "02 · Second step")):
        nb = new_notebook(cells=[
            new_markdown_cell(f"# {title}\n\nWhat this step does. A second sentence.", id="md-00"),
            new_code_cell("x = 1\nx", id="cell-01", execution_count=1,
                          outputs=[new_output("execute_result", {"text/plain": "1"}, execution_count=1)]),
        ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
        nbformat.write(nb, root / "notebooks" / f"{name}.ipynb")
    (root / "notebooks" / "scratch.ipynb").write_text("not a numbered notebook")
    codebook = yaml.safe_load((ROOT / "data" / "codebook.yml").read_text(encoding="utf-8"))
    codebook["study"]["data_status"] = data_status
    (root / "data").mkdir()
    (root / "data" / "codebook.yml").write_text(yaml.safe_dump(codebook, allow_unicode=True), encoding="utf-8")
    (root / "results" / "figures").mkdir(parents=True)
    (root / "results" / "tables").mkdir(parents=True)
    png = next((ROOT / "results" / "figures").glob("06_*.png"), None)
    if png is None:
        pytest.skip("no committed figure to copy")
    (root / "results" / "figures" / "02_example_plot.png").write_bytes(png.read_bytes())
    (root / "results" / "tables" / "07_claim_checks.csv").write_text(
        "check,subject,printed,recomputed,status,verdict,method\nclaim: VIF,vif,all VIF < 10,1.2,supported,ok,m\n",
        encoding="utf-8")
    return root


def _build(root: Path, out: Path) -> Path:
    return build_report(notebooks_dir=root / "notebooks", out_dir=out, results_dir=root / "results",
                        codebook_path=root / "data" / "codebook.yml", reported_path="")


def test_two_builds_write_identical_bytes(tmp_path):
    root = _mini_compendium(tmp_path, "reconstructed")
    first = _tree(_build(root, tmp_path / "a" / "report").parent)
    second = _tree(_build(root, tmp_path / "b" / "report").parent)
    assert first == second
    sheets = {name for name in first if name.startswith("static/")}
    assert len(sheets) == 1 and next(iter(sheets)).endswith(".css")
    assert set(first) - sheets == {"index.html", "notebooks/01_first.html", "notebooks/02_second.html",
                                   "figures/02_example_plot.png"}


def test_notebook_pages_share_one_stylesheet_instead_of_inlining_it(tmp_path):
    root = _mini_compendium(tmp_path, "reconstructed")
    out = _build(root, tmp_path / "report").parent
    (sheet,) = (out / "static").iterdir()
    assert sheet.stat().st_size > 50_000  # JupyterLab's theme, written once
    for page in (out / "notebooks").iterdir():
        text = page.read_text(encoding="utf-8")
        assert f'href="../static/{sheet.name}"' in text
        assert '<style type="text/css">' not in text.split("</head>")[0]


def test_rebuilding_in_place_replaces_the_folder(tmp_path):
    root = _mini_compendium(tmp_path, "reconstructed")
    out = tmp_path / "report"
    _build(root, out)
    (out / "stale.html").write_text("old")
    _build(root, out)
    assert not (out / "stale.html").exists()
    assert not list(tmp_path.glob(".report.*"))


def test_index_says_reconstructed_before_anything_else(tmp_path):
    root = _mini_compendium(tmp_path, "reconstructed")
    index = _build(root, tmp_path / "report").read_text(encoding="utf-8")
    body = index.split("<main>", 1)[1]
    status = body.index('id="data-status"')
    assert status < body.index("<h1>") < body.index("notebooks/01_first.html")
    assert "RECONSTRUCTED" in body[status:body.index("</div>", status)]


def test_index_of_real_data_does_not_claim_reconstruction(tmp_path):
    root = _mini_compendium(tmp_path, "real")
    index = _build(root, tmp_path / "report").read_text(encoding="utf-8")
    assert "reconstructed" not in index.lower()
    assert 'class="data-status real"' in index


def test_links_are_relative_and_resolve_offline(tmp_path):
    root = _mini_compendium(tmp_path, "reconstructed")
    index_path = _build(root, tmp_path / "report")
    out = index_path.parent
    for page in [index_path, *sorted((out / "notebooks").glob("*.html"))]:
        text = page.read_text(encoding="utf-8")
        assert str(tmp_path) not in text and str(ROOT) not in text, f"{page.name} embeds an absolute path"
        assert not re.search(r"<script[^>]+src=", text), f"{page.name} loads a script"
        assert not re.search(r'(?:src|href)="(?:https?:)?//', text), f"{page.name} links to the network"
        for target in re.findall(r'(?:src|href)="([^"#]+)"', text):
            assert (page.parent / target).exists(), f"{page.name}: broken link {target}"


def test_notebooks_listed_in_order_with_code_folded(tmp_path):
    root = _mini_compendium(tmp_path, "reconstructed")
    out = _build(root, tmp_path / "report").parent
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("01_first.html") < index.index("02_second.html")
    assert "scratch" not in index
    assert "What this step does." in index and "A second sentence" not in index
    page = (out / "notebooks" / "01_first.html").read_text(encoding="utf-8")
    assert '<details class="compendium-code"><summary>Code</summary>' in page
    assert "No description has been provided" not in page
    assert "../index.html" in page
    assert "<table " in index and "claim: VIF" in index
    assert "row_heading" not in index   # key tables through the Styler, no pandas row index


def test_no_notebooks_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no notebooks"):
        build_report(notebooks_dir=tmp_path / "empty", out_dir=tmp_path / "report", reported_path="")


def test_summary_takes_the_title_and_first_sentence():
    nb = new_notebook(cells=[new_markdown_cell("# 03 · Title *x*\n\nOne `code` sentence. Two.\n\n## More")])
    assert notebook_summary(nb) == ("03 · Title x", "One code sentence.")


def test_the_committed_report_is_what_the_builder_writes(tmp_path):
    # The real notebooks and results, rendered as `make all` renders them (results/report, linking the
    # Indonesian edition): the same bytes as the committed report, which CI also rebuilds and compares.
    # The notebooks are copied first, so that a notebook re-executed meanwhile cannot change during the build.
    import shutil

    sources = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    snapshot = tmp_path / "notebooks"
    snapshot.mkdir()
    for source in sources:
        shutil.copyfile(source, snapshot / source.name)
    index = build_report(notebooks_dir=snapshot, out_dir=tmp_path / "report", results_dir=ROOT / "results",
                         codebook_path=ROOT / "data" / "codebook.yml",
                         reported_path=ROOT / "data" / "paper" / "reported.yml", other_edition="../id/report/index.html")
    assert _tree(index.parent) == _tree(ROOT / "results" / "report")


def test_first_page_shows_what_holds_with_links_and_readable_names(tmp_path):
    root = _mini_compendium(tmp_path, "reconstructed")
    (root / "results" / "tables" / "07_what_holds.csv").write_text(
        "Claim,Verdict,Reason,Notebook\nNo multicollinearity,supported,All VIF are below 10.,02_second\n"
        "Residuals are normal,not supported,Lilliefors rejects.,04_absent\n", encoding="utf-8")
    (root / "results" / "tables" / "02_constructs.csv").write_text(
        "construct,label_id,n_items,Mean\nWE,Keterlibatan kerja,10,4.1\n", encoding="utf-8")
    page = _build(root, tmp_path / "report").read_text(encoding="utf-8")
    summary = page.index('id="what-holds"')
    assert page.index('id="data-status"') < summary < page.index("Notebooks, in order") < page.index("Key tables")
    what_holds = page[summary:page.index("Notebooks, in order")]
    assert "<caption>What holds and what does not</caption>" in what_holds and "row_heading" not in what_holds
    assert re.search(r'>supported</td>\s*<td [^>]*>All VIF are below 10.</td>\s*<td [^>]*>'
                     r'<a href="notebooks/02_second.html">02</a></td>', what_holds)
    assert re.search(r">04_absent</td>", what_holds)          # no page to link: the name stays
    assert re.search(r">Label \(Indonesian\)</th>", page) and re.search(r">Items</th>", page) and "n_items" not in page
    assert re.search(r">4.10</td>", page)                     # means to two decimals, as the paper prints them
    assert '<li value="1"><a href="notebooks/01_first.html">First step</a>' in page


def test_no_what_holds_table_means_no_summary(tmp_path):
    root = _mini_compendium(tmp_path, "synthetic")
    page = _build(root, tmp_path / "report").read_text(encoding="utf-8")
    assert "What holds" not in page


@pytest.fixture
def indonesian():
    from surveykit import i18n

    i18n.use("id")
    yield
    i18n.use("en")


def test_indonesian_key_tables_translate_headers_and_cell_words_and_keep_names(tmp_path, indonesian):
    from surveykit.report import _table_html, _what_holds_html

    tables = Path(__file__).resolve().parents[1] / "results" / "tables"
    reliability = _table_html(tables / "03_reliability.csv", "Reliability (Cronbach's alpha)", None)
    # The key tables go through the Styler (surveykit.views): each cell's text stands between its tags.
    def cell(text):
        return re.compile(r">" + re.escape(text) + r"</t[dh]>")

    assert cell("N of Items").search(reliability) and cell("Kesimpulan").search(reliability)   # SPSS's header stays
    assert cell("reliabel").search(reliability) and cell("tidak dapat dinilai (butir identik)").search(reliability)
    assert cell(",628").search(reliability)                                                     # decimal comma
    anova = _table_html(tables / "05_coefficients.csv", "Regression: Coefficients", None)
    assert cell("WE").search(anova)                                                             # a key stays a key
    constructs = _table_html(tables / "02_constructs.csv", "Descriptive statistics of the constructs", None)
    assert "Training" not in constructs and "Pelatihan" in constructs and not cell("Kategori (Inggris)").search(constructs)
    checks = _table_html(tables / "07_consistency_checks.csv", "Replication audit: consistency of the printed numbers",
                         ("check", "status"))
    assert re.search(r">kategori interpretasi</td>\s*<td [^>]*>konsisten</td>", checks)
    (tmp_path / "07_what_holds.csv").write_text(
        "Claim,Verdict,Reason,Notebook\nNo multicollinearity (VIF below the bound),supported,Semua VIF di bawah 10.,"
        "04_assumptions\n", encoding="utf-8")
    summary = _what_holds_html(tmp_path / "07_what_holds.csv", [])
    assert re.search(r">Tidak terjadi multikolinearitas \(VIF di bawah batas\)</td>\s*<td [^>]*>didukung</td>\s*"
                     r"<td [^>]*>Semua VIF di bawah 10.</td>", summary)


def test_figure_captions_speak_the_report_language(indonesian):
    from surveykit.report import _figure_caption

    assert _figure_caption("06_indicator_means") == (
        "Rata-rata setiap indikator menurut konstruk, dengan kategori interpretasi sebagai pita latar; indikator "
        "terendah dan tertinggi pada setiap konstruk diberi tanda. Digambar di notebook 06.")


def _every_output_kind() -> nbformat.NotebookNode:
    """One notebook with each output the lab template draws: text, stderr, error, HTML, Markdown, images."""
    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    outputs = [
        new_output("stream", name="stdout", text="printed > 1 & < 2\n"),
        new_output("stream", name="stderr", text="a warning\n"),
        new_output("error", ename="ValueError", evalue="bad", traceback=["ValueError: bad"]),
        new_output("display_data", {"text/html": '<div class="note" title="a > b">HTML &amp; more</div>'}),
        new_output("display_data", {"text/markdown": "Some *Markdown*."}),
        new_output("display_data", {"image/png": png}, metadata={"image/png": {"alt": 'A "quoted" figure'}}),
        new_output("display_data", {"image/png": png}),
        new_output("display_data", {"image/svg+xml": '<svg xmlns="http://www.w3.org/2000/svg"/>'}),
        new_output("display_data", {"image/jpeg": png}),
        new_output("execute_result", {"text/plain": "'<div class=\"jp-OutputArea-output\">'"}, execution_count=1),
    ]
    return new_notebook(cells=[
        new_markdown_cell("# 01 · Outputs\n\nText with `<div class=\"jp-Cell-inputWrapper\">` as code.", id="md-00"),
        new_code_cell("show()", id="cell-01", execution_count=1, outputs=outputs),
        new_code_cell("pass", id="cell-02", execution_count=2),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


def _accessibility_gaps(page: str) -> list[str]:
    """What a page lacks, found by lxml: images without a non-empty alt, input wrappers and output areas
    without tabindex="0"; also an error when the page has none of them to check."""
    import lxml.html

    root = lxml.html.document_fromstring(page.encode("utf-8"))
    images = root.xpath("//img")
    focusable = root.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' jp-Cell-inputWrapper ') or "
                           "contains(concat(' ', normalize-space(@class), ' '), ' jp-OutputArea-output ')]")
    gaps = [f"img {lxml.html.tostring(e)[:80]!r} has no alt" for e in images if not (e.get("alt") or "").strip()]
    gaps += [f"div.{e.get('class')} is not focusable" for e in focusable if e.get("tabindex") != "0"]
    return gaps + (["no input wrapper or output area"] if not focusable else [])


def test_pages_are_nbconvert_pages_without_its_reserialisation(tmp_path):
    # nbconvert's own HTMLExporter.from_notebook_node (with its BeautifulSoup pass) on the same exporter is the
    # reference: our page, re-serialised by BeautifulSoup as nbconvert does, must be its page, except the
    # alternative text nbconvert gives an image without one (ours is the report's word for a figure).
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    from surveykit.report import _exporter

    def resources():
        return {"metadata": {"name": "01_outputs"}, "words": {"code": "Code", "index": "Index", "figure": "Figure"}}

    exporter = _exporter()
    ours, _ = exporter.from_notebook_node(_every_output_kind(), resources=resources())
    reference, _ = HTMLExporter.from_notebook_node(exporter, _every_output_kind(), resources=resources())
    assert "BeautifulSoup" not in type(exporter).from_notebook_node.__code__.co_names
    assert reference.count("No description has been provided for this image") == 2   # the SVG and the JPEG
    assert str(BeautifulSoup(ours, "html.parser")) == reference.replace(
        "No description has been provided for this image", "Figure")
    assert _accessibility_gaps(ours) == []
    assert 'alt="A &quot;quoted&quot; figure"' in ours and ours.count('alt="Figure"') == 3


def test_the_accessibility_rule_reads_whole_start_tags():
    from surveykit.report import accessible_page

    page = accessible_page(
        '<div title="a > b" class="x jp-OutputArea-output"><img src="a.png" title="alt=x">'
        "<DIV CLASS='jp-Cell-inputWrapper' tabindex=-1></DIV>"
        '<div class="jp-OutputArea-output-like">&lt;div class="jp-OutputArea-output"&gt;</div>'
        '<img alt="" src="b.png"/><img alt="kept" src="c.png"></div>', alt='Fig "1"')
    assert page == (
        '<div title="a > b" class="x jp-OutputArea-output" tabindex="0"><img src="a.png" title="alt=x" '
        'alt="Fig &quot;1&quot;"><DIV CLASS=\'jp-Cell-inputWrapper\' tabindex="0"></DIV>'
        '<div class="jp-OutputArea-output-like">&lt;div class="jp-OutputArea-output"&gt;</div>'
        '<img src="b.png" alt="Fig &quot;1&quot;"/><img alt="kept" src="c.png"></div>')


@pytest.mark.parametrize("edition", ["results/report", "results/id/report"])
def test_committed_pages_describe_every_image_and_focus_every_cell_part(edition):
    pages = sorted((ROOT / edition / "notebooks").glob("*.html"))
    assert len(pages) == 8
    for page in pages:
        assert _accessibility_gaps(page.read_text(encoding="utf-8")) == [], page.name
