"""Every builder of the SPEC builds a project using every field and role."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdf
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx import addnodes
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes.nodes import note_block

from .helpers import build_once, warnings_of

BUILDERS = ["html", "dirhtml", "singlehtml", "epub", "latex", "text", "man", "texinfo"]


@pytest.fixture(scope="module", params=BUILDERS)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SphinxTestApp]:
    yield build_once("allfields", tmp_path_factory, builder=request.param)


def all_output(app: SphinxTestApp) -> str:
    texts = []
    for path in Path(app.outdir).rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xhtml", ".tex", ".txt", ".1", ".texi"}:
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def test_builds_without_warnings(built: SphinxTestApp) -> None:
    assert warnings_of(built) == ""
    text = all_output(built)
    assert "Attention Is All You Need" in text
    assert "A third note on the index page" in text
    assert "Vaswani" in text
    assert "BERT" in text


def test_site_builders_write_json_with_their_urls(built: SphinxTestApp) -> None:
    path = Path(built.outdir) / "papernotes.json"
    if built.builder.name not in ("html", "dirhtml", "singlehtml"):
        assert not path.exists()
        return
    notes = {note["id"]: note for note in json.loads(path.read_text())["notes"]}
    expected = {
        "html": "notes/101.html#note-101",
        "dirhtml": "notes/101/#note-101",
        "singlehtml": "index.html#note-101",
    }[built.builder.name]
    assert notes["101"]["url"] == expected
    assert notes["102"]["title"] == "BERT"
    assert notes["103"]["year"] == 1843 and notes["103"]["venue"] is None
    assert notes["104"]["references"] == ["103"]
    assert notes["103"]["referenced_by"] == ["104"]
    assert notes["101"]["bibkey"] == "vaswani2017attention"
    assert set(notes["101"]["links"]) == {"arxiv", "openreview", "doi", "url", "code", "pdf"}


# -- The print project: every directive and role, compiled and checked by the
# tools a user runs next (latexmk, a PDF reader, epubcheck). -----------------

PRINT_TITLES = [
    "Attention Is All You Need",
    "BERT",
    "Adam: A Method for Stochastic Optimization",
    "Costs & trade-offs: 50% of item#1_best {braces} ~ tilde",
    "A workshop note",
]


@pytest.fixture(scope="module")
def printer(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], SphinxTestApp]:
    """The print project built once per builder, on first use."""
    built: dict[str, SphinxTestApp] = {}

    def build(builder: str) -> SphinxTestApp:
        if builder not in built:
            built[builder] = build_once("print", tmp_path_factory, builder=builder)
        return built[builder]

    return build


@pytest.mark.parametrize("builder", BUILDERS)
def test_print_project_builds_without_warnings(
    printer: Callable[[str], SphinxTestApp], builder: str
) -> None:
    printed = printer(builder)
    assert warnings_of(printed) == ""
    text = all_output(printed)
    for title in ("Attention Is All You Need", "A workshop note", "Kingma"):
        assert title in text


def test_singlehtml_note_links_resolve_on_the_page(
    printer: Callable[[str], SphinxTestApp],
) -> None:
    page = BeautifulSoup(
        (Path(printer("singlehtml").outdir) / "index.html").read_text("utf-8"), "html.parser"
    )
    ids = {tag["id"] for tag in page.find_all(id=True)}
    hrefs = [a["href"] for a in page.find_all("a", href=True) if "note-" in a["href"]]
    assert len(hrefs) > 20
    assert all(href.startswith("#note-") for href in hrefs), hrefs
    assert {href[1:] for href in hrefs} <= ids


def test_dirhtml_note_links_point_at_the_note_page(
    printer: Callable[[str], SphinxTestApp],
) -> None:
    outdir = Path(printer("dirhtml").outdir)
    page = BeautifulSoup((outdir / "notes/202/index.html").read_text("utf-8"), "html.parser")
    backlink = page.select_one(".pn-backlinks a.pn-note-ref")
    assert backlink is not None and backlink["href"] == "../201/#note-201"
    assert (outdir / "notes/201/index.html").is_file()


@pytest.mark.parametrize("builder", ["text", "man"])
def test_plain_text_has_no_fragments_and_keeps_summary_apart(
    printer: Callable[[str], SphinxTestApp], builder: str
) -> None:
    text = all_output(printer(builder))
    assert "<#" not in text and "#note-" not in text
    assert "Referenced by:" in text and "Next note:" in text
    if builder == "man":
        # The summary is a paragraph of its own (".sp"), not the end of the tags line.
        assert "\\fBTags:\\fP History\n.sp\nCites Costs" in text
        assert ".sp\nThe body cites BERT" in text
    else:
        assert "see *BERT* and *emphasis*.\n\nThe body cites *BERT*" in text


def test_epub_passes_epubcheck(printer: Callable[[str], SphinxTestApp]) -> None:
    epubcheck, java = shutil.which("epubcheck"), shutil.which("java")
    if epubcheck is None or java is None:
        pytest.skip("epubcheck is not installed (Debian package epubcheck; .ci/run installs it)")
    epub = Path(printer("epub").outdir) / "handbook.epub"
    # Debian's epubcheck is the jar itself.
    command = [java, "-jar", str(Path(epubcheck).resolve()), str(epub)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_html_search_index_sees_the_header_not_the_chrome(
    printer: Callable[[str], SphinxTestApp],
) -> None:
    index = (Path(printer("html").outdir) / "searchindex.js").read_text("utf-8")
    terms = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    # Title, authors, venue, tags and summary are indexed (as stems) ...
    for word in ("attent", "vaswani", "neurip", "languagemodel", "kingma", "bias"):
        assert word in terms, word
    # ... the BibTeX block, "Referenced by" and previous/next are not.
    for word in ("archiveprefix", "booktitl", "inproceed", "referenc", "previou"):
        assert word not in terms, word


def test_latex_writes_labels_and_leaves_the_bibtex_block_out(
    printer: Callable[[str], SphinxTestApp],
) -> None:
    tex = (Path(printer("latex").outdir) / "handbook.tex").read_text("utf-8")
    for note_id in ("201", "202", "203", "204", "205"):
        assert f"\\label{{\\detokenize{{{_doc(note_id)}:note-{note_id}}}}}" in tex
    assert "★" not in tex and r"\ensuremath{\star}" in tex
    assert r"\sphinxstylestrong{Tags:} Transformer, PEFT(Adaptor/LoRA)" in tex
    # The two notes under a section heading are bookmarks one level below it.
    assert r"\pdfbookmark[1]{A workshop note}" in tex
    assert "vaswani2017attention" not in tex


def _doc(note_id: str) -> str:
    return "index" if note_id in ("204", "205") else f"notes/{note_id}"


def test_latex_prints_the_bibtex_block_when_asked(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    app = build_once(
        "print",
        tmp_path_factory,
        builder="latex",
        confoverrides={"papernotes_latex_bibtex": True},
    )
    tex = (Path(app.outdir) / "handbook.tex").read_text("utf-8")
    assert r"@inproceedings\PYGZob{}vaswani2017attention," in tex


@pytest.mark.parametrize(
    ("root", "engine", "titles"),
    [
        ("print", "pdflatex", PRINT_TITLES),
        ("print-ja", "uplatex", ["大規模言語モデルの事前学習について", "二本目のメモ：評価"]),
    ],
)
def test_latexpdf_compiles_with_working_links(
    tmp_path_factory: pytest.TempPathFactory, root: str, engine: str, titles: list[str]
) -> None:
    for tool in ("latexmk", "make", engine):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (.ci/run installs latexmk and TeX Live)")
    app = build_once(root, tmp_path_factory, builder="latex")
    assert warnings_of(app) == ""
    assert app.config.latex_engine == engine  # what Sphinx picks for the language
    outdir = Path(app.outdir)
    result = subprocess.run(
        ["make", "all-pdf", "LATEXMKOPTS=-silent -interaction=nonstopmode"],
        cwd=outdir,
        capture_output=True,
        text=True,
        check=False,
    )
    stem = app.config.latex_documents[0][1].removesuffix(".tex")
    log = (outdir / f"{stem}.log").read_text("utf-8", errors="replace")
    assert result.returncode == 0, result.stdout[-3000:] + log[-3000:]
    assert "undefined" not in re.sub(r"Kanji font shape .* undefined", "", log)
    reader = pypdf.PdfReader(outdir / f"{stem}.pdf")
    assert set(titles) <= set(_outline_titles(reader.outline))
    destinations = set(reader.named_destinations)
    internal = [_destination(annot) for annot in _link_annotations(reader)]
    internal = [dest for dest in internal if dest is not None]
    # Every note reference, backlink, listing entry and previous/next link.
    assert len(internal) >= 2 * len(titles)
    assert set(internal) <= destinations


def _outline_titles(items: list[Any]) -> Iterator[str]:
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item)
        else:
            yield str(item.title)


def _link_annotations(reader: pypdf.PdfReader) -> Iterator[Any]:
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link":
                yield annot


def _destination(annot: Any) -> str | None:
    action = annot.get("/A")
    dest = annot.get("/Dest") or (action.get("/D") if action is not None else None)
    return None if dest is None else str(dest)


def test_a_note_is_a_few_located_leaf_nodes(printer: Callable[[str], SphinxTestApp]) -> None:
    app = printer("html")
    doctree = app.env.get_doctree("notes/203")
    block = next(iter(doctree.findall(note_block)))
    kinds = [type(child).__name__ for child in block.children]
    assert kinds == [
        "note_header",
        "note_part",
        "note_part",
        "note_bibtex",
        "note_backlinks",
        "note_neighbours",
    ]
    # No field list, chips or references built for the metadata ...
    assert not list(doctree.findall(nodes.field_list))
    assert not [x for x in doctree.findall(addnodes.pending_xref) if x["reftype"] != "note"]
    # ... the header's text is there for the search index; the rest has none.
    assert "Kingma" in block[0].astext() and "Optimisation" in block[0].astext()
    assert all(not leaf.astext() for leaf in block[3:])
    # Every node the directive made is located.
    for node in block.findall(nodes.Element):
        assert node.source and node.line, node
