"""Listing directives and generated pages, built for real and read as HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from docutils.utils import new_document
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes import pages
from sphinx_papernotes.domain import get_domain
from sphinx_papernotes.listing_nodes import Links, entry_item

from .helpers import MakeApp, build, build_in, build_once, copy_root, status_of, warnings_of


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SphinxTestApp]:
    yield build_once("listings", tmp_path_factory)


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def listings(app: SphinxTestApp) -> list[Tag]:
    return page(app, "lists.html").select("div.pn-listing")


def titles(listing: Tag) -> list[str]:
    return [a.get_text() for a in listing.select(".pn-entry-title a.pn-note-ref")]


def test_warnings_are_located_options_only(built: SphinxTestApp) -> None:
    lists = Path(built.srcdir) / "lists.md"
    warnings = warnings_of(built)
    for line, fragment in [
        (67, "sort 'sideways' is not one of date, -date, year, -year, title, id"),
        (68, "limit 'many' is not a whole number"),
        (69, "year '20x' is not a year or a range"),
        (70, "format 'grid' is not one of list, table, cards"),
        (71, "unknown option 'colour'"),
        (74, "venue-list: :year:, :tags: and :format: apply to one venue's notes"),
    ]:
        pattern = (
            rf"{re.escape(str(lists))}:{line}: WARNING: "
            rf".*{re.escape(fragment)}.*\[papernotes\.option\]"
        )
        assert re.search(pattern, warnings), (fragment, warnings)
    unknown = (
        rf"{re.escape(str(lists))}:52: WARNING: listing filter names tag 'Nothing', "
        r"which no note has \[papernotes\.ref\]"
    )
    assert re.search(unknown, warnings)
    others = [
        line
        for line in warnings.splitlines()
        if line and str(lists) not in line and "holds HTML markup" not in line
    ]
    assert others == []


def test_tag_index(built: SphinxTestApp) -> None:
    first, by_count = listings(built)[:2]
    entries = [(a.get_text(), a["href"]) for a in first.select("a.pn-tag-ref")]
    names = [text.rsplit(" (", 1)[0] for text, _ in entries]
    assert names == ["..", "../x", "a/b", "X", "Y", "Z"]  # case ignored
    assert all(href.startswith("tags/") and ".." not in href[5:] for _, href in entries)
    assert [a.get_text() for a in by_count.select("a.pn-tag-ref")] == ["X (3)", "Y (2)", "Z (2)"]


def test_venue_lists(built: SphinxTestApp) -> None:
    all_venues, iclr, nips, iclr_y = listings(built)[2:6]
    assert all_venues.get_text(" ", strip=True) == (
        "ICLR (3) : 2024 (2) , 2023 (1) ICLR Workshop (1) : 2023 (1) NeurIPS (1) : 2022 (1)"
    )
    assert all_venues.select_one("a.pn-venue-ref")["href"] == "venues/iclr.html"  # type: ignore[index]
    groups = [g.select_one(".pn-year-heading").get_text() for g in iclr.select(".pn-year-group")]  # type: ignore[union-attr]
    assert groups == ["2024 (2)", "2023 (1)"]
    assert titles(iclr) == ["Beta", "Alpha", "Gamma"]  # newest year, newest note first
    assert titles(nips) == ["Delta"]
    assert titles(iclr_y) == ["Alpha", "Gamma"]


def test_note_lists(built: SphinxTestApp) -> None:
    found = listings(built)[6:15]
    assert titles(found[0]) == ["Alpha"]  # :tags: X, Y
    assert titles(found[1]) == ["Epsilon", "Alpha", "Gamma", "Delta"]  # any of Y, Z; newest first
    assert titles(found[2]) == ["Alpha", "Beta", "Gamma"]  # ICLR 2023-2024 by title
    assert titles(found[3]) == ["Alpha"]  # picks
    assert titles(found[4]) == ["Alpha", "Beta", "Gamma"]  # id order, limit 3
    assert titles(found[5]) == [
        "Delta",
        "Gamma",
        "Alpha",
        "Beta",
        "Epsilon",
        "Zeta",
    ]  # undated last
    assert found[6].get_text(strip=True) == "No notes."
    table = found[7].find("table")
    assert table is not None
    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in table.select("tbody tr")
    ]
    assert [row[0] for row in rows] == ["Epsilon", "Beta", "★ Alpha"]
    assert rows[2][1] == "Able and Baker"
    assert rows[2][2] == "ICLR 2024"
    cards = found[8].select(".pn-card")
    assert [card.select_one(".pn-entry-title").get_text(strip=True) for card in cards] == [
        "Epsilon",
        "Delta",
    ]  # type: ignore[union-attr]
    assert cards[0].select_one(".pn-entry-summary").get_text() == (  # type: ignore[union-attr]
        "A workshop paper with a <b>bold</b> claim & more."
    )


def test_entry_layout(built: SphinxTestApp) -> None:
    entry = listings(built)[6].select_one("li.pn-entry")
    assert entry is not None
    link = entry.select_one("a.pn-note-ref")
    assert link is not None and link["href"] == "notes.html#note-1"
    assert entry.select_one(".pn-pick-mark") is not None
    meta = entry.select_one(".pn-entry-meta")
    assert meta is not None
    assert meta.get_text(" ", strip=True) == "Able and Baker · ICLR 2024 · 2024-05-01 · X Y"
    assert [a["href"] for a in meta.select("a.pn-tag-ref")] == ["tags/x.html", "tags/y.html"]


def test_invalid_options_fall_back(built: SphinxTestApp) -> None:
    fallback = listings(built)[15]
    assert len(titles(fallback)) == 6  # defaults: every note, newest first


def test_generated_pages(built: SphinxTestApp) -> None:
    out = Path(built.outdir)
    tag_files = sorted(path.name for path in (out / "tags").glob("*.html"))
    assert "index.html" in tag_files and "x.html" in tag_files and "a-b.html" in tag_files
    # nothing escaped its folder, whatever the tag's name
    assert not (out / "x.html").exists() and not (out.parent / "x.html").exists()
    assert sorted(p.name for p in out.glob("*.html")) == [
        "genindex.html",
        "index.html",
        "lists.html",
        "notes.html",
        "search.html",
    ]
    tag_page = page(built, "tags/x.html")
    assert tag_page.title is not None and tag_page.title.get_text().startswith("Tag: X")
    assert titles(tag_page) == ["Epsilon", "Beta", "Alpha"]  # newest first
    assert tag_page.select_one("a.pn-note-ref")["href"] == "../notes.html#note-5"  # type: ignore[index]
    assert tag_page.select_one(".pn-back a")["href"] == "index.html"  # type: ignore[index]
    assert tag_page.find("search") is not None or tag_page.select_one("#searchbox") is not None
    index = page(built, "tags/index.html")
    assert [a.get_text() for a in index.select("a.pn-tag-ref")][:4] == [
        ".. (1)",
        "../x (1)",
        "a/b (1)",
        "X (3)",
    ]
    venue = page(built, "venues/iclr.html")
    assert [g["id"] for g in venue.select(".pn-year-group")] == ["year-2024", "year-2023"]
    assert titles(venue) == ["Beta", "Alpha", "Gamma"]
    assert (out / "venues" / "iclr-workshop.html").is_file()
    venues = page(built, "venues/index.html")
    hrefs = [a["href"] for a in venues.select("a.pn-venue-ref")]
    assert "iclr.html" in hrefs and "iclr.html#year-2024" in hrefs
    note_page = page(built, "notes.html")
    chip = note_page.select_one("#note-1 a.pn-tag-ref")
    assert chip is not None and chip["href"] == "tags/x.html"
    badge = note_page.select_one("#note-1 a.pn-venue-ref")
    assert badge is not None and badge["href"] == "venues/iclr.html"


def test_neighbours(built: SphinxTestApp) -> None:
    note = page(built, "notes.html").select_one("#note-2 .pn-neighbours")
    assert note is not None
    assert note.get_text(" ", strip=True) == "← Previous note: Alpha · Next note: Gamma →"


def test_feed(built: SphinxTestApp) -> None:
    feed = feedparser.parse((Path(built.outdir) / "feed.xml").read_bytes())
    assert feed.bozo == 0
    assert [entry.title for entry in feed.entries] == [
        "Epsilon",
        "Beta",
        "Alpha",
        "Gamma",
        "Delta",
    ]
    first = feed.entries[0]
    assert first.link == "https://notes.example.org/notes.html#note-5"
    assert [tag.term for tag in first.tags] == ["X", "Z"]
    assert first.summary == "A workshop paper with a <b>bold</b> claim & more."


def test_pages_off_and_no_feed_without_baseurl(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("listings", tmp_path)
    app = build(
        make_app,
        srcdir,
        confoverrides={
            "papernotes_tag_pages": False,
            "papernotes_venue_pages": False,
            "html_baseurl": "",
        },
    )
    out = Path(app.outdir)
    assert not (out / "tags").exists() and not (out / "venues").exists()
    assert not (out / "feed.xml").exists()
    # Said in verbose mode only (see test_getting_started).
    assert "feed.xml is not written" not in status_of(app)
    assert "feed.xml" not in warnings_of(app)
    chips = BeautifulSoup((out / "notes.html").read_text(), "html.parser").select(
        "#note-1 .pn-tag"
    )
    assert [chip.parent.name for chip in chips] != ["a", "a"]  # plain text, not links


def test_text_builder_lists(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = build_once("listings", tmp_path_factory, builder="text")
    text = (Path(app.outdir) / "lists.txt").read_text()
    assert "Alpha" in text and "No notes." in text
    assert "X (3)" in text
    assert not (Path(app.outdir) / "tags").exists()


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "epub", "latex", "man", "texinfo"])
def test_other_builders(tmp_path_factory: pytest.TempPathFactory, builder: str) -> None:
    app = build_once(
        "listings",
        tmp_path_factory,
        builder=builder,
        confoverrides={"version": "1", "copyright": "2026"},
    )
    unexpected = [
        line
        for line in warnings_of(app).splitlines()
        if line
        and "[papernotes.option]" not in line
        and "[papernotes.ref]" not in line
        and "holds HTML markup" not in line
    ]
    assert unexpected == []
    out = Path(app.outdir)
    if builder == "dirhtml":
        assert (out / "tags" / "x" / "index.html").is_file()
        lists = BeautifulSoup((out / "lists" / "index.html").read_text(), "html.parser")
        assert lists.select_one("a.pn-tag-ref")["href"].startswith("../tags/")  # type: ignore[index]
    else:
        assert not (out / "tags").exists()


def test_feed_is_announced_in_every_page(built: SphinxTestApp) -> None:
    for name, href in [("lists.html", "feed.xml"), ("tags/x.html", "../feed.xml")]:
        link = page(built, name).select_one("link[rel=alternate][type='application/atom+xml']")
        assert link is not None and link["href"] == href, name


def test_filters_ignore_case_like_the_roles(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("listings", tmp_path)
    (srcdir / "lists.md").write_text(
        "# Lists\n\n```{note-list}\n:tags: x\n:venue: iclr\n```\n\n"
        "```{venue-list} iclr workshop\n```\n"
    )
    app = build(make_app, srcdir)
    found = BeautifulSoup((Path(app.outdir) / "lists.html").read_text(), "html.parser")
    listings_found = found.select("div.pn-listing")
    assert titles(listings_found[0]) == ["Beta", "Alpha"]
    assert titles(listings_found[1]) == ["Epsilon"]
    assert "[papernotes.ref]" not in warnings_of(app)


def test_document_wins_over_generated_page_in_dirhtml(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("listings", tmp_path)
    (srcdir / "tags.md").write_text("# My own tags page\n")
    app = build(make_app, srcdir, builder="dirhtml")
    text = (Path(app.outdir) / "tags" / "index.html").read_text()
    assert "My own tags page" in text
    assert "the generated page 'tags/index'" in warnings_of(app)
    assert (Path(app.outdir) / "tags" / "x" / "index.html").is_file()


def _node_entry(builder: Any, links: Any, note: Any) -> str:
    """A note's entry as the HTML translator writes the node ``entry_item`` makes."""
    document = new_document("<entries>", pages._writer_settings(builder))
    items = nodes.bullet_list(classes=["pn-note-list"])
    document += items
    items += entry_item(note, links)
    visitor = builder.create_translator(document, builder)
    with pages._no_figure_numbers(builder):
        items.children[0].walkabout(visitor)
    return "".join(visitor.body)


@pytest.mark.parametrize("root", ["listings", "hostile", "allfields", "theme-ja"])
@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_generated_pages_write_entries_as_the_translator_does(
    root: str, builder: str, tmp_path: Path
) -> None:
    """The tag and venue pages' entries, written straight as HTML (entry_html), are
    exactly what the HTML translator makes of the listing node of every note: picks,
    missing venues, years, dates and authors, ten tags and more, hostile text."""
    app = build_in(copy_root(root, tmp_path), builder)
    collection = get_domain(app.env).collection
    assert collection.notes
    written = pages.render_entries(app, collection)
    links = Links(app.builder, pages.ENTRY_BASE, collection)
    for note in collection.notes:
        assert written[note.key] == _node_entry(app.builder, links, note), note.key
