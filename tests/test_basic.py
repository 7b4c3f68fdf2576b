"""The SPEC's example note, built for real: HTML, doctree, JSON, search, inventory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from sphinx_papernotes.nodes import note_block

from .helpers import MakeApp, build, build_once, read_json, warnings_of


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / page).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def app_built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    app = build_once("basic", tmp_path_factory)
    yield app


def test_no_warnings(app_built: SphinxTestApp) -> None:
    assert warnings_of(app_built) == ""


def test_json_matches_schema(app_built: SphinxTestApp) -> None:
    data = read_json(app_built)
    assert list(data) == ["schema", "notes", "tags", "venues"]
    assert data["schema"] == 1
    assert [note["id"] for note in data["notes"]] == ["1834", "2432"]
    jet = data["notes"][1]
    assert jet == {
        "id": "2432",
        "title": "JetFormer: An Autoregressive Generative Model of Raw Images and Text",
        "authors": ["Michael Tschannen", "André Susano Pinto", "Alexander Kolesnikov"],
        "authors_truncated": False,
        "venue": "ICLR",
        "year": 2025,
        "date": "2025-08-17",
        "tags": ["ComputerVision", "Transformer", "TextToImageGeneration", "NormalizingFlow"],
        "links": {
            "arxiv": "https://arxiv.org/abs/2411.19722",
            "openreview": "https://openreview.net/forum?id=sgAp2qG86e",
        },
        "summary": "A decoder-only transformer that models raw images and text jointly by "
        "turning images into soft tokens with a normalizing flow.",
        "pick": False,
        "bibkey": "tschannen2025jetformer",
        "docname": "notes/2432",
        "url": "notes/2432.html#note-2432",
        "references": ["1834"],
        "referenced_by": [],
    }
    flow = data["notes"][0]
    assert flow["pick"] is True
    assert flow["authors"] == ["Laurent Dinh", "Jascha Sohl-Dickstein", "Samy Bengio"]
    assert flow["referenced_by"] == ["2432"]
    assert flow["references"] == []
    assert data["tags"] == {
        "ComputerVision": 1,
        "NormalizingFlow": 2,
        "TextToImageGeneration": 1,
        "Transformer": 1,
    }
    assert data["venues"] == {"ICLR": {"2025": 1, "2017": 1}}
    assert list(data["venues"]["ICLR"]) == ["2025", "2017"]


def test_note_page(app_built: SphinxTestApp) -> None:
    page = soup(app_built, "notes/2432.html")
    title = "JetFormer: An Autoregressive Generative Model of Raw Images and Text"
    assert page.title is not None and page.title.get_text().startswith(title)
    h1 = page.find("h1")
    assert h1 is not None and h1.get_text().rstrip("¶") == title
    article = page.find("article", id="note-2432")
    assert article is not None and "pn-note" in article["class"]
    assert article.find(class_="pn-note-title") is None  # the page heading is the title
    meta = {
        dt.get_text().rstrip(":"): dd
        for dt, dd in zip(article.select("dt"), article.select("dd"), strict=True)
    }
    assert list(meta) == ["Authors", "Venue", "Date", "Tags", "Links"]
    assert meta["Authors"].get_text(strip=True) == (
        "Michael Tschannen, André Susano Pinto, Alexander Kolesnikov"
    )
    assert meta["Venue"].get_text(" ", strip=True) == "ICLR 2025"
    assert meta["Date"].get_text(strip=True) == "2025-08-17"
    tags = [a.get_text() for a in meta["Tags"].select("a.pn-tag-ref")]
    assert tags == ["ComputerVision", "Transformer", "TextToImageGeneration", "NormalizingFlow"]
    links = {a.get_text(): a["href"] for a in meta["Links"].find_all("a")}
    assert links == {
        "arXiv": "https://arxiv.org/abs/2411.19722",
        "OpenReview": "https://openreview.net/forum?id=sgAp2qG86e",
    }
    summary = article.find(class_="pn-summary")
    assert summary is not None
    assert summary.get_text(" ", strip=True).endswith("soft tokens with a normalizing flow.")
    body = article.find(class_="pn-body")
    assert body is not None
    ref = body.find("a", class_="pn-note-ref")
    assert ref is not None
    assert ref.get_text() == "Density estimation using Real NVP"
    assert ref["href"] == "1834.html#note-1834"
    assert ref["title"] == "Dinh et al., ICLR 2017"
    assert article.find(class_="pn-backlinks") is None


def test_backlinks_and_pick(app_built: SphinxTestApp) -> None:
    article = soup(app_built, "notes/1834.html").find("article", id="note-1834")
    assert article is not None
    assert "pn-pick" in article["class"]
    assert article.find(class_="pn-pick-mark") is not None
    backlinks = article.find(class_="pn-backlinks")
    assert backlinks is not None
    assert backlinks.get_text(" ", strip=True).startswith("Referenced by:")
    links = backlinks.find_all("a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        (
            "JetFormer: An Autoregressive Generative Model of Raw Images and Text",
            "2432.html#note-2432",
        )
    ]


def test_index_roles_and_toctree(app_built: SphinxTestApp) -> None:
    page = soup(app_built, "index.html")
    refs = [(a.get_text(), a["href"]) for a in page.select("a.pn-note-ref")]
    assert refs == [
        (
            "JetFormer: An Autoregressive Generative Model of Raw Images and Text",
            "notes/2432.html#note-2432",
        ),
        ("the flow paper", "notes/1834.html#note-1834"),
    ]
    toc = [a.get_text() for a in page.select("li.toctree-l1 > a")]
    assert "Density estimation using Real NVP" in toc
    assert "JetFormer: An Autoregressive Generative Model of Raw Images and Text" in toc


def test_doctree(app_built: SphinxTestApp) -> None:
    doctree = app_built.env.get_doctree("notes/2432")
    blocks = list(doctree.findall(note_block))
    assert len(blocks) == 1
    assert blocks[0]["ids"] == ["note-2432"]


def test_search_index_and_inventory(app_built: SphinxTestApp) -> None:
    index = (Path(app_built.outdir) / "searchindex.js").read_text(encoding="utf-8")
    assert "JetFormer: An Autoregressive Generative Model of Raw Images and Text" in index
    assert "papernotes" in index  # notes are searchable objects
    inventory_path = Path(app_built.outdir) / "objects.inv"
    with inventory_path.open("rb") as stream:
        inventory = InventoryFile.load(
            stream, "https://example.org", lambda base, uri: f"{base}/{uri}"
        )
    data = inventory.data if hasattr(inventory, "data") else inventory  # Sphinx 8 vs 9
    notes = data["papernotes:note"]
    entry = notes["2432"]
    uri = entry.uri if hasattr(entry, "uri") else entry[2]
    assert uri == "https://example.org/notes/2432.html#note-2432"


def test_continuation_lines_then_more_options(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_papernotes"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
        'papernotes_venue_aliases = {"NIPS": "NeurIPS"}\n'
        'suppress_warnings = ["papernotes.bibtex"]\n'
    )
    (srcdir / "index.md").write_text(
        ":::{paper-note} 1\n"
        ":title: A title that goes\n"
        "  on over two lines\n"
        ":venue: NIPS'17 Workshop\n"
        ":summary: first part\n"
        "  second part\n"
        ":pick:\n"
        "\n"
        "Body text {venue}`nips workshop` and {tag}`flows`.\n"
        ":::\n"
        ":::{paper-note} 2\n:title: Two\n:tags: Flows\n:::\n"
    )
    app = build(make_app, srcdir)
    assert warnings_of(app) == ""
    note = read_json(app)["notes"][0]
    assert note["title"] == "A title that goes on over two lines"
    assert note["summary"] == "first part second part"
    assert note["venue"] == "NeurIPS Workshop"
    assert note["pick"] is True
    body = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    article = body.find("article", id="note-1")
    assert article is not None
    assert article.select_one(".pn-body").get_text(strip=True).startswith("Body text")  # type: ignore[union-attr]


def test_json_file_setting(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_papernotes"]\npapernotes_json_file = "../escape.json"\n'
    )
    (srcdir / "index.rst").write_text("Title\n=====\n\n.. paper-note:: 1\n   :title: T\n")
    app = build(make_app, srcdir)
    assert "papernotes_json_file = '../escape.json' must be a file name" in warnings_of(app)
    assert "[papernotes.config]" in warnings_of(app)
    assert not (Path(app.outdir).parent / "escape.json").exists()
    app = build(make_app, srcdir, confoverrides={"papernotes_json_file": None}, freshenv=True)
    assert not (Path(app.outdir) / "papernotes.json").exists()
    app = build(make_app, srcdir, confoverrides={"papernotes_json_file": "data/notes.json"})
    assert (Path(app.outdir) / "data" / "notes.json").is_file()
