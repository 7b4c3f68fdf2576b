"""``note-graph`` and ``note-chart`` on real builds: the SVG drawn, the numbers, the fallbacks."""

from __future__ import annotations

import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from sphinx.testing.util import SphinxTestApp

from .corpus import write_corpus
from .helpers import MakeApp, build, build_once, copy_root, html_pages, warnings_of
from .test_incremental import assert_same_as_clean, edit

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
NEEDS_DOT = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed"
)
pytest.importorskip("matplotlib", reason="the charts extra (matplotlib) is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_once("pictures", tmp_path_factory)


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def graphs(app: SphinxTestApp, name: str) -> list[tuple[Tag, ET.Element]]:
    """Each graph of a page: its container and its parsed SVG file."""
    found = []
    for container in page(app, name).select("div.pn-graph"):
        drawn = container.select_one("object.graphviz")
        assert drawn is not None, container
        svg = Path(app.outdir, Path(name).parent, str(drawn["data"]))
        found.append((container, ET.parse(svg).getroot()))
    return found


def nodes_of(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if g.get("class") == "node"]


def edges_of(svg: ET.Element) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if g.get("class") == "edge"]


def links_of(svg: ET.Element) -> list[tuple[str, str]]:
    """(href, tooltip) of every node."""
    return [(a.get(f"{XLINK}href", ""), a.get(f"{XLINK}title", "")) for a in svg.iter(f"{SVG}a")]


@NEEDS_DOT
def test_graph_around_a_note_links_every_node(site: SphinxTestApp) -> None:
    (around, svg), (_, svg2), (_, svg3), (cut, svg4) = graphs(site, "graphs.html")
    # Note 1 cites 2 and 3 and is cited by 5; 2 cites 3.
    assert len(nodes_of(svg)) == 4
    assert len(edges_of(svg)) == 4
    outdir = Path(site.outdir)
    images = outdir / "_images"
    for href, _tip in links_of(svg):
        target, _sep, anchor = href.partition("#")
        # Links in an SVG file are relative to the file; they open the note's page.
        html = (images / target).resolve()
        assert html.is_file(), href
        assert f'id="{anchor}"' in html.read_text(encoding="utf-8")
    tips = dict(links_of(svg))
    # A backslash is drawn as a look-alike: Graphviz versions differ on escapes.
    assert tips["../notes/1.html#note-1"] == (
        'Seeing <b>Through</b> "Quotes" & Back∖slashes ∖N\nQuill and Ren\nICLR 2021'
    )
    assert [a.get("target") for a in svg.iter(f"{SVG}a")] == ["_top"] * 4
    drawn = around.select_one("object.graphviz")
    assert drawn is not None
    assert drawn["role"] == "img"
    assert str(drawn["aria-label"]).startswith("References around “Seeing <b>Through</b>")
    assert drawn["style"] == "color-scheme: light"  # transparent on a dark page too
    caption = around.select_one("p.pn-graph-caption")
    assert caption is not None
    assert caption.get_text() == (
        'References around “Seeing <b>Through</b> "Quotes" & Back\\slashes \\N”: '
        "4 notes, 4 references."
    )
    # depth 2 reaches note 6 through 5; labels are the ids.
    labels = sorted(t.text or "" for t in svg2.iter(f"{SVG}text"))
    assert labels == ["1", "2", "3", "5", "6"]
    assert len(edges_of(svg2)) == 5
    # The Vision tag: notes 1, 5 and 6 and the references among them.
    assert len(nodes_of(svg3)) == 3
    # Whole titles (:label: title), markup in them drawn as text, never as markup.
    lines = [t.text for t in svg3.iter(f"{SVG}text")]
    assert "Seeing <b>Through</b>" in lines
    assert "<b>" not in "".join(str(c) for c in page(site, "graphs.html").select("div.pn-graph"))
    assert len(edges_of(svg3)) == 2
    assert len(nodes_of(svg4)) == 2
    assert "3 more notes are left out." in cut.get_text()


@NEEDS_DOT
def test_size_cap_warns_with_location(site: SphinxTestApp) -> None:
    text = warnings_of(site)
    assert re.search(
        r"graphs\.md:26: WARNING: note-graph shows 2 of 5 notes \(max-nodes 2\); "
        r"left out: notes 3, 5, 6 and 4 references \[papernotes\.graph\]",
        text,
    )


def test_bad_options_warn_where_they_are(site: SphinxTestApp) -> None:
    text = warnings_of(site)
    expected = [
        r"bad\.md:13: .*unknown option 'colour'.*\[papernotes\.option\]",
        r"bad\.md:11: .*depth '3' is not one of 1, 2; using 1 \[papernotes\.option\]",
        r"bad\.md:12: .*label 'long' is not one of short, title, id",
        r"bad\.md:14: .*max-nodes must be at least 1; using 150",
        r"bad\.md:18: .*by 'decade' is not one of year, month, venue, tag; using year",
        r"bad\.md:19: .*:top: keeps the largest venue or tag bars",
        r"bad\.md:6: .*note-graph: no note has id '999' \[papernotes\.ref\]",
        r"bad\.md:17: .*note-chart filter names tag 'NoSuchTag'.*\[papernotes\.ref\]",
    ]
    for pattern in expected:
        assert re.search(pattern, text), pattern
    assert "Traceback" not in text


@NEEDS_DOT
def test_note_pages_get_their_graph(site: SphinxTestApp) -> None:
    # papernotes_note_graph = True: notes with references or backlinks only.
    first = graphs(site, "notes/1.html")
    assert len(first) == 1
    assert len(nodes_of(first[0][1])) == 4
    assert page(site, "notes/4.html").select("div.pn-graph") == []
    # The graph follows "Referenced by" inside the note.
    article = page(site, "notes/1.html").select_one("article.pn-note")
    assert article is not None
    assert article.select_one("p.pn-backlinks + div.pn-graph") is not None


def chart_data(app: SphinxTestApp, name: str) -> list[dict[str, Any]]:
    return [
        json.loads(str(figure["data-pn-chart"]))
        for figure in page(app, name).select("figure.pn-chart-figure")
    ]


def test_charts_count_the_notes(site: SphinxTestApp) -> None:
    year, month, venue, tag = chart_data(site, "charts.html")
    assert year["categories"] == [str(y) for y in range(2017, 2024)]
    assert year["series"] == {"notes": [1, 0, 1, 0, 1, 0, 2]}
    assert year["left_out"] == 1  # the note without a year
    assert month["categories"] == [f"2024-{month:02d}" for month in range(1, 7)]
    assert month["series"] == {"notes": [2, 0, 2, 0, 1, 1]}
    assert venue["categories"] == ["ICLR", "ACL"]
    assert venue["series"] == {"2019": [0, 1], "2021": [1, 0], "2023": [1, 0]}
    assert tag["categories"] == ["Vision", "Robustness"]
    assert tag["series"] == {"notes": [3, 2]}
    assert tag["notes"] == 3


def test_chart_svg_is_accessible_and_follows_the_page_colour(site: SphinxTestApp) -> None:
    figure = page(site, "charts.html").select_one("figure.pn-chart-figure")
    assert figure is not None
    svg = figure.select_one("svg")
    assert svg is not None
    assert svg["role"] == "img"
    label = str(svg["aria-label"])
    assert label.startswith("Notes per year: 2017: 1; 2018: 0; 2019: 1;")
    assert "1 of 6 notes are in no bar." in label
    caption = figure.select_one("figcaption")
    assert caption is not None and "2023: 2" in caption.get_text()
    drawn = str(svg)
    assert "currentColor" in drawn  # text and axes take the theme's text colour
    assert "<dc:date>" not in drawn  # no timestamp: builds are reproducible
    bars = re.findall(r"fill: #4c8bd6", drawn)
    assert len(bars) == 7  # one bar per year, empty years included


def test_text_builder_shows_numbers_and_edges(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = build_once("pictures", tmp_path_factory, builder="text")
    charts = (Path(app.outdir) / "charts.txt").read_text(encoding="utf-8")
    assert re.search(r"\|\s*2023\s*\|\s*2\s*\|", charts) or re.search(r"2023\s+2", charts)
    assert "Notes per venue and year" in charts
    graphs_text = (Path(app.outdir) / "graphs.txt").read_text(encoding="utf-8")
    # Text builders wrap lines, Japanese without a space: compare without any.
    assert "AttentionIsEverythingYouCouldWant→日本語のタイトル：画像と言語の対応" in re.sub(
        r"\s+", "", graphs_text
    )
    assert "papernotes.chart" not in warnings_of(app)


def test_chart_over_extreme_dates_warns_what_it_cut(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_papernotes"]\n'
        'myst_enable_extensions = ["colon_fence"]\n',
        encoding="utf-8",
    )
    notes = "".join(
        f":::{{paper-note}} {number}\n:title: Paper {number}\n:date: {date}\n:::\n\n"
        for number, date in ((1, "1000-01-01"), (2, "9999-12-31"))
    )
    (srcdir / "index.md").write_text(
        f"# Dates\n\n{notes}```{{note-chart}}\n:by: month\n```\n", encoding="utf-8"
    )
    app = build(make_app, srcdir, "text")
    assert re.search(
        r"index\.md:\d+: WARNING: note-chart :by: month: the axis is cut to the 120 most "
        r"recent months \(9990-01 to 9999-12\); 1 older note is left out \[papernotes\.chart\]",
        warnings_of(app),
    ), warnings_of(app)
    assert "9999-12" in (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")


def test_without_dot_the_references_are_a_list(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("pictures", tmp_path)
    app = build(make_app, srcdir, confoverrides={"graphviz_dot": str(tmp_path / "no-dot")})
    text = warnings_of(app)
    assert re.search(
        r"graphs\.md:5: WARNING: note-graph: Graphviz's dot .* cannot be run; "
        r"the references are shown as a list \[papernotes\.graph\]",
        text,
    )
    assert "dot command" not in text  # never reached Sphinx's own attempt
    soup = page(app, "graphs.html")
    first = soup.select_one("div.pn-graph ul.pn-graph-edges")
    assert first is not None
    items = [li.get_text(" ", strip=True) for li in first.select("li")]
    assert "Attention Is Everything You Could Want → 日本語のタイトル：画像と言語の対応" in items
    assert len(items) == 4
    hrefs = [a["href"] for a in first.select("li a")]
    assert hrefs[:2] == ["notes/1.html#note-1", "notes/2.html#note-2"]
    assert soup.select("object.graphviz") == []


def test_without_matplotlib_charts_are_tables(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [name for name in sys.modules if name.split(".")[0] == "matplotlib"]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib fails
    srcdir = copy_root("pictures", tmp_path)
    app = build(make_app, srcdir, confoverrides={"graphviz_dot": str(tmp_path / "no-dot")})
    assert re.search(
        r"charts\.md:3: WARNING: note-chart: matplotlib is not installed "
        r"\(pip install 'sphinx-papernotes\[charts\]'\); the numbers are shown as a table "
        r"\[papernotes\.chart\]",
        warnings_of(app),
    )
    soup = page(app, "charts.html")
    assert soup.select("svg") == []
    first = soup.select_one("div.pn-chart table")
    assert first is not None
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in first.select("tr")]
    assert ["2023", "2"] in rows
    venue = soup.select("div.pn-chart table")[2]
    assert [th.get_text(strip=True) for th in venue.select("th")] == [
        "Venue",
        "2019",
        "2021",
        "2023",
        "Total",
    ]


@NEEDS_DOT
def test_latex_includes_graph_and_chart_pdfs(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = build_once("pictures", tmp_path_factory, builder="latex")
    outdir = Path(app.outdir)
    tex = next(outdir.glob("*.tex")).read_text(encoding="utf-8")
    included = re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{([^}]+)\}", tex)
    charts = [name for name in included if name.startswith("papernotes-chart-")]
    drawn = [name for name in included if name.startswith("graphviz-")]
    assert len(charts) == 5  # four on charts.md, one on fresh.md
    assert len(drawn) >= 5  # graphs.md, fresh.md and the note pages
    for name in charts + drawn:
        assert (outdir / name).read_bytes().startswith(b"%PDF"), name
    # The chart's words are text in the PDF, escaped for LaTeX.
    assert "Notes per venue and year" in tex


def pictures(outdir: Path) -> dict[str, bytes]:
    """Every drawn picture file of a build."""
    return {
        path.name: path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.name.startswith(("graphviz-", "papernotes-chart-"))
    }


@NEEDS_DOT
def test_pictures_are_rewritten_exactly_when_what_they_show_changes(
    make_app: MakeApp, tmp_path: Path
) -> None:
    srcdir = copy_root("pictures", tmp_path)
    notes = srcdir / "notes"
    builddir = tmp_path / "build"
    app = build(make_app, srcdir, builddir=builddir)
    fresh = Path(app.outdir) / "fresh.html"  # the graph around note 2 and a chart per year

    def stamp() -> int:
        return fresh.stat().st_mtime_ns

    # 1. Note 6 is not in fresh.md's graph, and its new title changes no count.
    before = stamp()
    edit(notes / "6.md", "Two hops away", "Two hops further away")
    app = build(make_app, srcdir, builddir=builddir)
    assert stamp() == before
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    # ... but the graph on note 5's page shows it.
    ((_, svg),) = graphs(app, "notes/5.html")
    assert "Two hops further away" in [t.text for t in svg.iter(f"{SVG}text")]

    # 2. Note 3 is in the graph: its new title is drawn there.
    edit(notes / "3.md", "日本語のタイトル：画像と言語の対応", "A retitled neighbour")
    app = build(make_app, srcdir, builddir=builddir)
    assert stamp() != before
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    ((_, svg),) = graphs(app, "fresh.html")
    assert "A retitled neighbour" in [t.text for t in svg.iter(f"{SVG}text")]

    # 3. A note's year moves: the chart's numbers change.
    before = stamp()
    edit(notes / "6.md", ":venue: ICLR'23", ":venue: ICLR'20")
    app = build(make_app, srcdir, builddir=builddir)
    assert stamp() != before
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    (year,) = chart_data(app, "fresh.html")
    assert year["series"] == {"notes": [1, 0, 1, 1, 1, 0, 1]}


@NEEDS_DOT
def test_parallel_build_draws_the_same_pictures(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = write_corpus(tmp_path / "src", 30)
    (srcdir / "pictures.md").write_text(
        "---\norphan: true\n---\n# Pictures\n\n"
        "```{note-graph}\n:note: 1\n:depth: 2\n```\n\n"
        "```{note-graph}\n:tag: Transformer\n```\n\n"
        "```{note-chart}\n:by: venue\n```\n\n"
        "```{note-chart}\n:by: month\n```\n",
        encoding="utf-8",
    )
    settings = {"papernotes_note_graph": True, "graphviz_output_format": "svg"}
    serial = build(make_app, srcdir, builddir=tmp_path / "serial", confoverrides=settings)
    parallel = build(
        make_app, srcdir, builddir=tmp_path / "parallel", parallel=2, confoverrides=settings
    )
    assert warnings_of(serial) == warnings_of(parallel) == ""
    got, want = html_pages(Path(parallel.outdir)), html_pages(Path(serial.outdir))
    assert got == want
    drawn = pictures(Path(serial.outdir))
    assert len(drawn) > 20  # the note pages' graphs and the two on pictures.md
    assert pictures(Path(parallel.outdir)) == drawn
    assert "pn-chart-figure" in want["pictures.html"]


@NEEDS_DOT
def test_demo_site_shows_its_own_graph_and_chart(docs_site: Any) -> None:
    built = docs_site("papernotes")
    assert built.returncode == 0, built.stderr
    pictures_page = BeautifulSoup(
        (built.html / "pictures.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert len(pictures_page.select("div.pn-graph object.graphviz")) == 3
    year = json.loads(str(pictures_page.select("figure.pn-chart-figure")[0]["data-pn-chart"]))
    assert sum(year["series"]["notes"]) == 12  # the twelve example notes
    # papernotes_note_graph is on in docs/conf.py: a note page draws its references.
    note = BeautifulSoup(
        (built.html / "notes/102.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert note.select_one("article.pn-note div.pn-graph object.graphviz") is not None


@NEEDS_DOT
def test_png_graphs_have_one_image_map_each(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("pictures", tmp_path)
    app = build(make_app, srcdir, confoverrides={"graphviz_output_format": "png"})
    soup = page(app, "graphs.html")
    images = soup.select("div.pn-graph img.graphviz")
    assert len(images) == 4
    maps = [str(image["usemap"]).lstrip("#") for image in images]
    assert len(set(maps)) == 4
    for name in maps:
        image_map = soup.find("map", id=name)
        assert isinstance(image_map, Tag)
        for area in image_map.select("area"):
            target = Path(app.outdir, str(area["href"]).partition("#")[0])
            assert target.is_file(), area["href"]
            assert area["title"]  # the tooltip
    assert "References around “Seeing &lt;b&gt;" in str(images[0])
