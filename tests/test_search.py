"""Search without a browser: what the built-in index holds, and how Pagefind is run.

The browser tests (test_search_browser.py) type queries; these read the
files a search loads: ``searchindex.js`` and ``objects.inv`` of the built-in
search, ``_pagefind/`` and the page markup of the Pagefind option.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from sphinx_papernotes import pagefind_index
from sphinx_papernotes.search_ja import SearchJapaneseNgrams, ngrams, query_terms

from .helpers import MakeApp, build, build_in, build_once, copy_root, warnings_of

needs_pagefind = pytest.mark.skipif(
    pagefind_index.pagefind_missing() is not None,
    reason=f"Pagefind cannot run: {pagefind_index.pagefind_missing()} "
    "(pip install 'sphinx-papernotes[pagefind]')",
)


def read_index(outdir: Path) -> dict[str, Any]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    return dict(json.loads(text[len("Search.setIndex(") : -1]))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_once("search", tmp_path_factory)


@pytest.fixture(scope="module")
def index(built: SphinxTestApp) -> dict[str, Any]:
    return read_index(Path(built.outdir))


def docs_with(index: dict[str, Any], term: str, kind: str = "terms") -> set[str]:
    found = index[kind].get(term, [])
    return {index["docnames"][i] for i in ([found] if isinstance(found, int) else found)}


# ---- the built-in search ------------------------------------------------------------


def test_notes_sharing_a_page_are_objects_with_their_anchor(index: dict[str, Any]) -> None:
    (kind,) = [
        key for key, value in index["objnames"].items() if value[:2] == ["papernotes", "note"]
    ]
    entries = [entry for entries in index["objects"].values() for entry in entries]
    notes = [
        (index["docnames"][doc], anchor, name)
        for doc, k, _p, anchor, name in entries
        if str(k) == kind
    ]
    assert sorted(notes) == [
        ("notes/reading-group", "note-201", "Attention Is All You Need"),
        ("notes/reading-group", "note-202", "Deep Residual Learning for Image Recognition"),
    ]


def test_inventory_still_lists_every_note_by_id(built: SphinxTestApp) -> None:
    with (Path(built.outdir) / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", lambda base, uri: uri)
    notes = inventory["papernotes:note"]
    assert set(notes) == {"101", "102", "103", "104", "105", "106", "201", "202"}
    assert notes["105"].uri == "notes/105.html#note-105"
    assert notes["201"].uri == "notes/reading-group.html#note-201"


def test_indexed_text_is_the_note_only(index: dict[str, Any]) -> None:
    """Not the BibTeX block, "Referenced by", nor the previous/next links."""
    assert docs_with(index, "inproceed") == set()  # @inproceedings
    assert docs_with(index, "linguist") == set()  # the BibTeX booktitle of ACL
    # 102 is referenced by 105: 105's title words are not 102's text.
    assert "notes/102" not in docs_with(index, "autoencod")
    # 103's neighbours are 102 and 104: their titles are not 103's text.
    assert docs_with(index, "worth", "titleterms") == {"notes/102"}
    assert "notes/103" not in docs_with(index, "worth")
    # What the note shows is there: authors, venue, tags, summary, comment.
    assert docs_with(index, "bochkovskiy") == {"notes/101"}
    assert docs_with(index, "iccv") == {"notes/101"}
    assert docs_with(index, "estim") == {"notes/101"}  # the tag Depth Estimation
    assert docs_with(index, "monocular") == {"notes/101"}


def test_japanese_runs_are_indexed_as_the_queries_cut_them(index: dict[str, Any]) -> None:
    for query, expected in (
        ("自然言語処理", {"notes/103", "notes/104"}),
        ("微調整", {"notes/103"}),
    ):
        found = [
            docs_with(index, t) | docs_with(index, t, "titleterms") for t in query_terms(query)
        ]
        assert set.intersection(*found) == expected, query


def test_splitter_pieces() -> None:
    assert ngrams("推論") == ["推論"]
    assert ngrams("微調整") == ["微調", "調整", "微調整"]
    assert query_terms("BERTの事前学習") == ["BERT", "の事前", "事前学", "前学習"]
    assert query_terms("推論 Vision (ViT)") == ["推論", "Vision", "ViT"]
    language = SearchJapaneseNgrams({})
    assert language.split("LLMの推論") == ["LLM", "の推", "推論", "の推論"]
    assert language.stem("Transformers") == "transform"
    assert language.stem("推論") == "推論"


# ---- the Pagefind option ----------------------------------------------------------------


def test_filter_values_of_every_note_for_the_search_page(built: SphinxTestApp) -> None:
    """``_static/papernotes-filters.js``: each page's notes with their values."""
    text = (Path(built.outdir) / "_static" / "papernotes-filters.js").read_text(encoding="utf-8")
    prefix = "window.papernotesFilters = "
    assert text.startswith(prefix) and text.endswith(";\n")
    pages = json.loads(text[len(prefix) : -2])
    assert pages["notes/103"] == [
        {
            "anchor": "note-103",
            "tag": ["自然言語処理", "FineTuning"],
            "venue": ["ACL"],
            "year": ["2024"],
            "pick": ["no"],
        }
    ]
    assert [note["anchor"] for note in pages["notes/reading-group"]] == ["note-201", "note-202"]
    assert [note["year"] for note in pages["notes/reading-group"]] == [["2017"], ["2016"]]
    assert "index" not in pages  # no notes there
    search_page = (Path(built.outdir) / "search.html").read_text(encoding="utf-8")
    assert "_static/papernotes-search.js" in search_page


def test_filter_values_follow_edits_under_parallel_builds(
    make_app: MakeApp, tmp_path: Path, built: SphinxTestApp
) -> None:
    """A ``-j 2`` build writes the serial build's values, and an edit shows."""
    serial = (Path(built.outdir) / "_static" / "papernotes-filters.js").read_text(encoding="utf-8")
    srcdir = copy_root("search", tmp_path)
    builddir = tmp_path / "build"
    app = build(make_app, srcdir, parallel=2, builddir=builddir)
    written = Path(app.outdir) / "_static" / "papernotes-filters.js"
    assert written.read_text(encoding="utf-8") == serial
    note = srcdir / "notes" / "104.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace(":tags: 自然言語処理, Reasoning", ":tags: Reasoning"), "utf-8")
    build(make_app, srcdir, parallel=2, builddir=builddir)
    values = written.read_text(encoding="utf-8")
    assert '"anchor":"note-104","pick":["no"],"tag":["Reasoning"]' in values
    assert values.replace('"Reasoning"', '"自然言語処理","Reasoning"') == serial


def test_unknown_backend_warns_and_keeps_the_builtin(make_app: MakeApp, tmp_path: Path) -> None:
    app = build(
        make_app, copy_root("search", tmp_path), confoverrides={"papernotes_search": "lunr"}
    )
    assert "papernotes_search = 'lunr' is not one of" in warnings_of(app)
    assert "[papernotes.config]" in warnings_of(app)
    assert (Path(app.outdir) / "searchindex.js").is_file()


def test_missing_pagefind_warns_and_falls_back(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        pagefind_index, "pagefind_missing", lambda: "the pagefind package is not installed"
    )
    app = build(
        make_app, copy_root("search", tmp_path), confoverrides={"papernotes_search": "pagefind"}
    )
    warnings = warnings_of(app)
    assert "papernotes_search = 'pagefind' but the pagefind package is not installed" in warnings
    assert "[papernotes.search]" in warnings
    outdir = Path(app.outdir)
    assert not (outdir / "_pagefind").exists()
    assert "searchtools.js" in (outdir / "search.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (outdir / "notes" / "103.html").read_text(encoding="utf-8")


def test_failing_pagefind_warns_and_the_build_goes_on(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(outdir: Path, pages: list[Path], *, split: bool = False) -> None:
        raise FileNotFoundError("Could not find pagefind binary")

    monkeypatch.setattr(pagefind_index, "pagefind_missing", lambda: None)
    monkeypatch.setattr(pagefind_index, "write_index", broken)
    srcdir = copy_root("search", tmp_path)
    app = build(make_app, srcdir, confoverrides={"papernotes_search": "pagefind"})
    assert (
        "Pagefind could not index the site: Could not find pagefind binary [papernotes.search]"
        in warnings_of(app)
    )
    assert (Path(app.outdir) / "notes" / "103.html").is_file()


def _pagefind_app(srcdir: Path, **kwargs: Any) -> SphinxTestApp:
    return build_in(srcdir, confoverrides={"papernotes_search": "pagefind"}, **kwargs)


def _entry(outdir: Path) -> tuple[int, float]:
    path = outdir / "_pagefind" / "pagefind-entry.json"
    entry = json.loads(path.read_text(encoding="utf-8"))
    return entry["languages"]["ja"]["page_count"], path.stat().st_mtime


@needs_pagefind
def test_pagefind_marks_up_notes_and_keeps_its_index_fresh(tmp_path: Path) -> None:
    srcdir = copy_root("search", tmp_path)
    app = _pagefind_app(srcdir)
    assert warnings_of(app) == ""
    outdir = Path(app.outdir)
    count, written = _entry(outdir)
    assert count == 8  # every document; no tag, venue, index or search page

    page = BeautifulSoup(
        (outdir / "notes" / "103.html").read_text(encoding="utf-8"), "html.parser"
    )
    body = page.select_one("[data-pagefind-body]")
    assert body is not None and body.select_one("article#note-103") is not None
    filters = [span["data-pagefind-filter"] for span in body.select("[data-pagefind-filter]")]
    assert filters == ["tag:自然言語処理", "tag:FineTuning", "venue:ACL", "year:2024", "pick:no"]
    assert [s["data-pagefind-sort"] for s in body.select("[data-pagefind-sort]")] == [
        "date:2024-08-12"
    ]
    assert body.select_one(".no-search") is not None  # left out by EXCLUDE
    # The title as a literal (Pagefind's copy of the heading is split, below).
    assert body["data-pagefind-meta"] == "title:事前学習済み言語モデルの微調整を安定させる"
    tag_page = (outdir / "tags" / "reasoning.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in tag_page
    search_page = (outdir / "search.html").read_text(encoding="utf-8")
    assert "_pagefind/pagefind-ui.js" in search_page and "searchtools.js" not in search_page
    # Under the papernotes theme, Sphinx's own index is not written for nothing.
    assert not (outdir / "searchindex.js").exists()

    # Nothing written: the index is kept as it is.
    time.sleep(1.1)  # the index is kept when no page is newer than the build's start
    _pagefind_app(srcdir)
    assert _entry(outdir) == (count, written)

    # A note removed: indexed again, without it.
    (srcdir / "notes" / "106.md").unlink()
    _pagefind_app(srcdir)
    assert _entry(outdir)[0] == count - 1
    assert _entry(outdir)[1] > written


def test_pagefind_copy_sets_japanese_characters_apart() -> None:
    """Each Japanese character of the text is a word; attribute values are kept."""
    page = (
        '<html lang="ja"><body><div data-pagefind-body data-pagefind-meta="title:事前学習">'
        '<span data-pagefind-filter="tag:自然言語処理"></span>'
        '<img alt="図" src="a.png"><h1>BERTの事前学習</h1><p>微調整、ViT。<em>光</em></p>'
        "</div></body></html>"
    )
    z = pagefind_index.WORD_BREAK
    assert pagefind_index.split_japanese(page) == (
        '<html lang="ja"><body><div data-pagefind-body data-pagefind-meta="title:事前学習">'
        '<span data-pagefind-filter="tag:自然言語処理"></span>'
        f'<img alt="図" src="a.png"><h1>BERTの{z}事{z}前{z}学{z}習</h1><p>微{z}調{z}整、ViT。'
        "<em>光</em></p></div></body></html>"
    )
    assert pagefind_index.splits_japanese("ja")
    assert pagefind_index.splits_japanese("ja_JP")
    assert not pagefind_index.splits_japanese("en")
    assert not pagefind_index.splits_japanese(None)


def test_pagefind_reads_only_the_searched_body() -> None:
    """Pagefind's copy of a page: its language and searched body, not the theme's frame."""
    body = (
        f'{pagefind_index.BODY_START} data-pagefind-meta="title:T"><p>note text</p></div>'
        f"{pagefind_index.BODY_END}"
    )
    page = (
        '<!DOCTYPE html><html class="x" lang="ja" data-theme="auto"><head><title>T</title>'
        '<link rel="stylesheet" href="a.css"></head><body><nav>menu</nav>'
        f'<main>{body}</main><aside class="sidebar">tags</aside></body></html>'
    )
    copy = pagefind_index.searched_copy(page)
    assert copy is not None
    assert '<html lang="ja">' in copy and body.removesuffix(pagefind_index.BODY_END) in copy
    assert "menu" not in copy and "sidebar" not in copy and "a.css" not in copy
    # A template that leaves the body out: the page is read whole.
    assert pagefind_index.searched_copy("<html><body><p>x</p></body></html>") is None


class _Pagefind:
    """Stands in for Pagefind's ``PagefindIndex``: writes its entry file empty
    (as the real one once did at 5,000 pages) for the first ``broken`` indexes."""

    made = 0
    broken = 0

    def __init__(self, config: Any) -> None:
        self.output = Path(config["output_path"])

    async def __aenter__(self) -> _Pagefind:
        return self

    async def add_directory(self, path: str) -> None:
        pass

    async def __aexit__(self, *exc: object) -> None:
        type(self).made += 1
        self.output.mkdir(parents=True, exist_ok=True)
        whole = type(self).made > type(self).broken
        entry = json.dumps({"languages": {"en": {"page_count": 1}}}) if whole else ""
        (self.output / pagefind_index.ENTRY).write_text(entry, encoding="utf-8")


@pytest.mark.parametrize("broken", [0, 1, 2, 3])
def test_an_index_left_incomplete_is_made_again_not_published(
    broken: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pagefind.index")
    monkeypatch.setattr("pagefind.index.PagefindIndex", _Pagefind)
    monkeypatch.setattr(_Pagefind, "made", 0)
    monkeypatch.setattr(_Pagefind, "broken", broken)
    (tmp_path / "a.html").write_text("<html><body><p>a</p></body></html>", encoding="utf-8")
    old = tmp_path / pagefind_index.OUTPUT
    old.mkdir()
    (old / pagefind_index.ENTRY).write_text('{"languages": {"en": {}}}', encoding="utf-8")
    run = pagefind_index.write_index(tmp_path, [tmp_path / "a.html"])
    if broken < pagefind_index.ATTEMPTS:
        asyncio.run(run)
        assert _Pagefind.made == broken + 1
        assert pagefind_index.index_complete(old)
        assert json.loads((old / pagefind_index.ENTRY).read_text())["languages"]["en"] == {
            "page_count": 1
        }
    else:
        with pytest.raises(RuntimeError, match="incomplete"):
            asyncio.run(run)
        assert _Pagefind.made == pagefind_index.ATTEMPTS
        # The last good index is kept as it was, and nothing half-made is left.
        assert (old / pagefind_index.ENTRY).read_text() == '{"languages": {"en": {}}}'
    assert sorted(path.name for path in tmp_path.iterdir()) == [pagefind_index.OUTPUT, "a.html"]
