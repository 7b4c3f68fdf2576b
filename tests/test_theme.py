"""The papernotes theme's HTML, parsed: frame, sidebar blocks, chips, options, language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes.model.chips import HUES, hue_class, tag_hue
from sphinx_papernotes.theme import sidebar
from sphinx_papernotes.theme.context import colour

from .helpers import MakeApp, build, build_once, copy_root, warnings_of


def soup(app: SphinxTestApp, name: str) -> BeautifulSoup:
    path = Path(app.outdir) / name
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_once("theme", tmp_path_factory)


def test_builds_without_warnings(site: SphinxTestApp) -> None:
    assert warnings_of(site) == ""


def test_frame_header_sidebar_and_content(site: SphinxTestApp) -> None:
    page = soup(site, "notes/1.html")
    html = page.find("html")
    assert html is not None
    assert html["data-theme"] == "light" and html["data-pn-mode"] == "auto"
    # the mode is applied by an inline script in <head>, before the body is painted
    head_scripts = [script.get_text() for script in page.head.find_all("script")]
    assert any('localStorage.getItem("pn-mode")' in text for text in head_scripts)
    assert page.select_one("a.pn-skip-link[href='#pn-content']") is not None
    form = page.select_one("header.pn-header form.pn-search")
    assert form is not None and form["action"] == "../search.html"
    assert form.select_one("label[for=pn-search-input]") is not None
    assert page.select_one("button.pn-menu-button[aria-controls=pn-sidebar]") is not None
    assert page.select_one("button.pn-mode-button[aria-label]") is not None
    assert page.select_one("aside#pn-sidebar") is not None
    assert page.select_one("#pn-content div.body[role=main] article.pn-note") is not None
    assert page.select_one("div.related") is None  # no relbars


def test_sidebar_blocks_link_from_every_depth(site: SphinxTestApp) -> None:
    pages = (("index.html", "./"), ("notes/1.html", "../"), ("tags/transformer.html", "../"))
    for name, prefix in pages:
        page = soup(site, name)
        cloud = page.select("#pn-sidebar .pn-block-tags li a.pn-tag")
        assert cloud, name
        links = {a.get_text(" ", strip=True): a["href"] for a in cloud}
        assert links["Transformer 3"] == f"{prefix}tags/transformer.html"
        more = page.select_one("#pn-sidebar .pn-block-tags a.pn-more-link")
        assert more is not None and more["href"] == f"{prefix}tags/index.html"
        venues = page.select("#pn-sidebar .pn-block-venues li")
        assert venues[0].get_text(" ", strip=True) == "CVPR 1"
        recent = page.select("#pn-sidebar .pn-block-recent li a")
        assert recent[0]["href"] == f"{prefix}notes/4.html#note-4"
        assert [a.get_text() for a in recent] == [
            "An Image is Worth 16x16 Words",
            "Deep Residual Learning for Image Recognition",
            "BERT: Pre-training of Deep Bidirectional Transformers",
            "Attention Is All You Need",
        ]


def test_toctree_is_limited(site: SphinxTestApp) -> None:
    page = soup(site, "index.html")
    nav = page.select_one("#pn-sidebar nav.pn-block-nav")
    assert nav is not None
    assert [a.get_text() for a in nav.select("a")] == ["Recent", "Cards"]


def test_a_tag_has_one_colour_everywhere(site: SphinxTestApp) -> None:
    seen: dict[str, set[str]] = {}
    for name in ("index.html", "notes/1.html", "notes/4.html", "cards.html", "tags/index.html"):
        for chip in soup(site, name).select(".pn-tag"):
            hues = [css for css in chip.get("class", []) if css.startswith("pn-hue-")]
            if hues:
                seen.setdefault(chip.get_text(" ", strip=True).split(" ")[0], set()).update(hues)
    assert seen["Transformer"] == {hue_class("Transformer")}
    assert seen["ComputerVision"] == {hue_class("ComputerVision")}
    assert all(len(hues) == 1 for hues in seen.values()), seen


def test_entries_and_cards_carry_their_tags(site: SphinxTestApp) -> None:
    # The tag filter reads an entry's tags from its coloured chips, by their text.
    page = soup(site, "cards.html")
    card = page.select_one(".pn-card.pn-pick")
    assert card is not None
    chips = {chip.get_text(): chip["class"] for chip in card.select(".pn-tag")}
    assert {"Transformer", "Attention"} <= set(chips)
    assert hue_class("Attention") in chips["Attention"]
    entry = soup(site, "index.html").select_one("li.pn-entry.pn-pick")
    assert entry is not None
    assert "Attention" in [chip.get_text() for chip in entry.select(".pn-tag")]
    assert not [c for c in entry["class"] + card["class"] if c.startswith("pn-t-")]


def test_note_card_parts(site: SphinxTestApp) -> None:
    note = soup(site, "notes/1.html").select_one("article.pn-note")
    assert note is not None
    assert "pn-pick" in note["class"]
    assert note.select_one(".pn-venue").get_text(" ", strip=True) == "NeurIPS 2017"
    assert [a.get_text() for a in note.select("a.pn-link")] == ["arXiv", "PDF"]
    assert note.select_one(".pn-summary") is not None
    assert note.select_one("details.pn-bibtex button.pn-copy") is not None
    assert note.select_one(".pn-backlinks") is not None


def test_chip_classes_are_stable() -> None:
    assert tag_hue("Transformer") == tag_hue("Transformer")
    assert all(0 <= tag_hue(f"tag {n}") < HUES for n in range(200))
    assert len({tag_hue(f"tag {n}") for n in range(200)}) == HUES


def test_accent_colour_is_sanitised() -> None:
    assert colour("#2f6db5") == "#2f6db5"
    assert colour("oklch(60% 0.1 250)") == "oklch(60% 0.1 250)"
    assert colour("red; } body { display: none") == ""
    assert colour("</style><script>") == ""


def test_theme_options(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("theme", tmp_path)
    options = {
        "tag_cloud_size": 2,
        "venue_count": 0,
        "recent_count": "1",
        "show_navigation": False,
        "accent_color": "#aa3377",
        "default_mode": "dark",
        "show_mode_toggle": "false",
    }
    app = build(make_app, srcdir, confoverrides={"html_theme_options": options})
    assert warnings_of(app) == ""
    page = soup(app, "index.html")
    cloud = [a.get_text(" ", strip=True) for a in page.select(".pn-block-tags li a")]
    assert cloud == ["ComputerVision 2", "Transformer 3"]  # the two most used, by name
    assert page.select_one(".pn-block-venues") is None
    assert len(page.select(".pn-block-recent li")) == 1
    assert page.select_one(".pn-block-nav") is None
    assert page.select_one(".pn-mode-button") is None
    assert "--pn-accent: #aa3377" in str(page.head)
    html = page.find("html")
    assert html is not None and html["data-pn-default-mode"] == "dark"


def test_sidebar_is_rendered_once_per_build(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = sidebar.render_tags

    def counting(*args: Any) -> Any:
        calls.append(1)
        return original(*args)

    monkeypatch.setattr(sidebar, "render_tags", counting)
    srcdir = copy_root("theme", tmp_path)
    app = build(make_app, srcdir)
    pages = list(Path(app.outdir).rglob("*.html"))
    assert len(pages) > 10
    assert calls == [1]
    # a second build in the same folder has a new builder, so it computes again
    (srcdir / "notes" / "5.md").write_text(
        ":::{paper-note} 5\n:title: New\n:tags: Fresh\n:date: 2025-01-01\n:::\n",
        encoding="utf-8",
    )
    again = build(make_app, srcdir)
    assert calls == [1, 1]
    recent = soup(again, "cards.html").select(".pn-block-recent li a")
    assert recent[0].get_text() == "New"


@pytest.mark.parametrize(
    ("builder", "page_name", "more_href", "recent_href"),
    [
        ("dirhtml", "notes/1/index.html", "../../tags/", "../../notes/4/#note-4"),
        # The theme root's notes are outside every toctree, so singlehtml does
        # not write them: the sidebar names them without a (dead) link.
        ("singlehtml", "index.html", None, None),
    ],
)
def test_sidebar_links_under_other_builders(
    make_app: MakeApp,
    tmp_path: Path,
    builder: str,
    page_name: str,
    more_href: str | None,
    recent_href: str | None,
) -> None:
    srcdir = copy_root("theme", tmp_path)
    app = build(make_app, srcdir, builder=builder)
    page = soup(app, page_name)
    if more_href is not None:
        more = page.select_one(".pn-block-tags a.pn-more-link")
        assert more is not None and more["href"] == more_href
    recent = page.select_one(".pn-block-recent li a")
    if recent_href is None:
        assert recent is None and page.select_one(".pn-block-recent li span.pn-note-ref")
    else:
        assert recent is not None and recent["href"] == recent_href


def test_theme_without_the_extension(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = tmp_path / "plain"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('html_theme = "papernotes"\n', encoding="utf-8")
    (srcdir / "index.rst").write_text("Plain\n=====\n\nNo notes here.\n", encoding="utf-8")
    app = build(make_app, srcdir)
    assert warnings_of(app) == ""
    page = soup(app, "index.html")
    assert page.select_one("header.pn-header") is not None
    assert page.select_one(".pn-block-tags") is None


def test_japanese_interface(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = build_once("theme-ja", tmp_path_factory)
    assert warnings_of(app) == ""
    page = soup(app, "notes/1.html")
    assert page.find("html")["lang"] == "ja"  # type: ignore[index]
    assert page.select_one("#pn-block-tags").get_text() == "タグ"  # type: ignore[union-attr]
    assert page.select_one("#pn-block-recent").get_text() == "最近のノート"  # type: ignore[union-attr]
    assert page.select_one("a.pn-skip-link").get_text() == "本文へ移動"  # type: ignore[union-attr]
    labels = [dt.get_text(strip=True).rstrip(":") for dt in page.select("dl.pn-meta > dt")]
    assert labels[:2] == ["著者", "会議・論文誌"]
    assert page.select_one("button.pn-copy").get_text() == "コピー"  # type: ignore[union-attr]
    # The filter's labels come in a file of their own, loaded before papernotes.js.
    sources = [str(script.get("src", "")).split("?")[0] for script in page.find_all("script")]
    assert sources.index("../_static/papernotes-labels.js") < sources.index(
        "../_static/papernotes.js"
    )
    assert "PAPERNOTES_LABELS" not in page.decode()
    script = (Path(app.outdir) / "_static" / "papernotes-labels.js").read_text("utf-8")
    assert script.startswith("window.PAPERNOTES_LABELS = {")
    assert "ノートを絞り込む".encode("unicode_escape").decode("ascii") in script
    tag_page = soup(app, "tags/index.html")
    assert tag_page.find("h1").get_text().startswith("タグ")  # type: ignore[union-attr]
