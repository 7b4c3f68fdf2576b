"""Search in a real browser, under both backends, over ``tests/roots/test-search``.

The project (``language = "ja"``: English and Japanese notes, one page holding
two notes) is built twice, with Sphinx's built-in search and with Pagefind,
and served over HTTP on 127.0.0.1 (Pagefind cannot load from ``file://``),
each under a folder of its own, as a site under a sub-path is.

A result is named by the note it lands on: ``103`` for ``notes/103.html``,
``201`` for ``...#note-201``; a page result of the two-note page is
``reading-group``. Every query must list exactly its notes, once each.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from sphinx_papernotes.pagefind_index import pagefind_missing
from sphinx_papernotes.search_ja import query_terms

from .test_browser import Tab, browser, serve_folder

__all__ = ["browser"]  # the module-scoped Playwright browser, shared with test_browser

ROOT = Path(__file__).parent / "roots" / "test-search"
BACKENDS = ("sphinx", "pagefind")

pytestmark = pytest.mark.browser

# (query, filters, the notes it must list); the built-in search is given the
# filters as terms of the query (``tag:NAME year:YYYY``, see filter_terms)
QUERIES = [
    ("dense prediction", {}, {"101"}),  # English title words
    ("Dosovitskiy", {}, {"102"}),  # an author
    ("Kaiming", {}, {"105", "reading-group"}),  # an author of notes on two pages
    ("Vision Transformer (ViT)", {}, {"101", "102", "105"}),  # a tag with spaces, parentheses
    ("事前学習", {}, {"103", "105"}),  # a compound word (title, summary, comment)
    ("微調整", {}, {"103"}),  # not 106's 微妙な調整
    ("自然言語処理", {}, {"103", "104"}),  # a Japanese tag; not 106's 自然な言語の処理
    ("推論", {}, {"104"}),  # a two-character word
    ("田中美咲", {}, {"103"}),  # a Japanese author
]
FILTERED = ("言語", {"tag": "自然言語処理", "year": "2024"}, {"103"})


def _build(out: Path, backend: str) -> None:
    command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(ROOT), str(out)]
    result = subprocess.run(
        [*command, "-D", f"papernotes_search={backend}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``<base>/sphinx/`` and ``<base>/pagefind/``: the project under each backend."""
    folder = tmp_path_factory.mktemp("search-site")
    _build(folder / "sphinx", "sphinx")
    if pagefind_missing() is None:
        _build(folder / "pagefind", "pagefind")
    with serve_folder(folder) as url:
        yield url


@pytest.fixture(scope="module")
def search_tab(browser: object) -> Iterator[Tab]:
    opened = Tab(browser, viewport={"width": 1280, "height": 900})  # type: ignore[arg-type]
    yield opened
    opened.close()


def note_of(href: str) -> str:
    """The note a result link lands on (see the module docstring)."""
    parts = urlsplit(href)
    if parts.fragment.startswith("note-"):
        return parts.fragment.removeprefix("note-")
    return Path(parts.path).stem


def sphinx_results(tab: Tab, site: str, query: str) -> list[str]:
    """The result links Sphinx's search page lists for ``query``, in order."""
    page = tab.open(f"{site}/sphinx/search.html?q={quote(query)}")
    # Finished when the heading says so (the Japanese catalogue has no text
    # for the count line, so that line stays empty).
    page.wait_for_function(
        "() => Search.title && Search.title.innerText === Documentation.gettext('Search Results')"
    )
    return [
        str(link)
        for link in page.eval_on_selector_all(
            "#search-results ul.search li > a", "links => links.map(a => a.href)"
        )
    ]


def pagefind_results(
    tab: Tab, site: str, query: str, filters: dict[str, str], sort: dict[str, str] | None = None
) -> list[str]:
    """The result URLs Pagefind's own JavaScript finds for ``query``.

    Pagefind is loaded as the search page loads it, and the query goes through
    the search page's ``papernotesPagefindTerm`` as its UI's queries do.
    """
    page = tab.open(f"{site}/pagefind/search.html")
    urls = page.evaluate(
        """async ([query, filters, sort]) => {
            const pagefind = await import("./_pagefind/pagefind.js");
            await pagefind.options({ baseUrl: "/pagefind/" });
            const term = papernotesPagefindTerm(query);
            const search = await pagefind.search(term, sort ? { filters, sort } : { filters });
            const data = await Promise.all(search.results.map((r) => r.data()));
            return data.map((d) => new URL(d.url, location.href).href);
        }""",
        [query, filters, sort],
    )
    return [str(url) for url in urls]


def _need(backend: str) -> None:
    if backend == "pagefind" and (missing := pagefind_missing()) is not None:
        pytest.skip(f"Pagefind cannot run: {missing} (pip install 'sphinx-papernotes[pagefind]')")


def _cases() -> list[object]:
    return [
        pytest.param(backend, query, filters, expected, id=f"{backend}-{query}")
        for backend in BACKENDS
        for query, filters, expected in QUERIES
    ]


@pytest.mark.parametrize(("backend", "query", "filters", "expected"), _cases())
def test_query_lists_exactly_its_notes(
    backend: str,
    query: str,
    filters: dict[str, str],
    expected: set[str],
    search_tab: Tab,
    search_site: str,
) -> None:
    _need(backend)
    if backend == "sphinx":
        links = sphinx_results(search_tab, search_site, query)
    else:
        links = pagefind_results(search_tab, search_site, query, filters)
    notes = [note_of(link) for link in links]
    assert len(notes) == len(set(notes)), links  # one result per note
    assert set(notes) == expected


def filter_terms(filters: dict[str, str]) -> str:
    """The built-in search's spelling of Pagefind's filters."""
    return "".join(f' {key}:"{value}"' for key, value in filters.items())


def search_results(
    backend: str, tab: Tab, site: str, query: str, filters: dict[str, str]
) -> list[str]:
    """The result links ``backend`` lists for ``query`` with ``filters``."""
    if backend == "sphinx":
        return sphinx_results(tab, site, query + filter_terms(filters))
    return pagefind_results(tab, site, query, filters)


@pytest.mark.parametrize("backend", BACKENDS)
def test_filters_by_tag_and_year(backend: str, search_tab: Tab, search_site: str) -> None:
    _need(backend)
    query, filters, expected = FILTERED
    unfiltered = search_results(backend, search_tab, search_site, query, {})
    assert {note_of(link) for link in unfiltered} > expected
    filtered = search_results(backend, search_tab, search_site, query, filters)
    assert {note_of(link) for link in filtered} == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('Transformer tag:"vision transformer (vit)" year:2021', {"101", "102"}),  # any case
        ("Kaiming year:2016", {"reading-group"}),  # the page of 202, not 105
        ("Attention year:2016", {"reading-group"}),  # the page (202's year), not 201's own
        ("Attention year:2017", {"201", "reading-group"}),
        ("tag:自然言語処理 pick:no", {"103", "104"}),  # filter terms only
        ("venue:CVPR", {"105", "reading-group"}),
    ],
)
def test_builtin_search_reads_filter_terms(
    query: str, expected: set[str], search_tab: Tab, search_site: str
) -> None:
    links = sphinx_results(search_tab, search_site, query)
    assert {note_of(link) for link in links} == expected
    assert search_tab.page.input_value("#pn-search-input") == query


def test_pagefind_sorts_by_date(search_tab: Tab, search_site: str) -> None:
    _need("pagefind")
    newest_first = pagefind_results(search_tab, search_site, "Vision", {}, {"date": "desc"})
    assert [note_of(url) for url in newest_first] == ["105", "101", "102"]


def test_object_result_lands_on_its_note(search_tab: Tab, search_site: str) -> None:
    """A note sharing its page is an object result with its real anchor."""
    links = sphinx_results(search_tab, search_site, "Attention Is All You Need")
    anchored = [link for link in links if "#" in link]
    assert [
        urlsplit(link).path.rsplit("/", 1)[-1] + "#" + urlsplit(link).fragment for link in anchored
    ] == ["reading-group.html#note-201"]
    page = search_tab.page
    page.goto(anchored[0], wait_until="load")
    assert page.locator("article.pn-note:target").get_attribute("id") == "note-201"


def test_a_note_alone_on_its_page_is_one_result(search_tab: Tab, search_site: str) -> None:
    """Its title finds the page once, and no object result beside it."""
    links = sphinx_results(
        search_tab, search_site, "Masked Autoencoders Are Scalable Vision Learners"
    )
    assert [urlsplit(link).path.rsplit("/", 1)[-1] for link in links] == ["105.html"]
    assert "#" not in links[0]


def test_query_splitter_is_the_index_splitter(search_tab: Tab, search_site: str) -> None:
    """The search page's JavaScript cuts a query exactly as the Python twin does."""
    page = search_tab.open(f"{search_site}/sphinx/search.html")
    for query in (
        "事前学習と微調整",
        "BERTの事前学習",
        "推論",
        "Vision Transformer (ViT)",
        "ﾃｽﾄ_x1",
    ):
        assert page.evaluate("q => splitQuery(q)", query) == query_terms(query), query


def test_pagefind_search_page_shows_results_and_filters(search_tab: Tab, search_site: str) -> None:
    """The papernotes theme's search page is Pagefind's UI, reading ``?q=``."""
    _need("pagefind")
    page = search_tab.open(f"{search_site}/pagefind/search.html?q=事前学習")
    page.wait_for_selector(".pagefind-ui__result-link")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "ls => ls.map(a => a.href)")
    assert {note_of(str(link)) for link in links} == {"103", "105"}
    assert all(str(link).startswith(f"{search_site}/pagefind/notes/") for link in links)
    filter_names = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {"tag", "venue", "year", "pick"} <= {name.strip().lower() for name in filter_names}


def test_pagefind_search_page_finds_a_japanese_word_whole(
    search_tab: Tab, search_site: str
) -> None:
    """The UI's query is cut as the index is: 微調整 is 103's, not 106's 微妙な調整.

    Its excerpt shows the word highlighted and unspaced (the word breaks of
    Pagefind's copy of the page are not shown), and the title is the note's.
    """
    _need("pagefind")
    page = search_tab.open(f"{search_site}/pagefind/search.html?q=微調整")
    page.wait_for_selector(".pagefind-ui__result-link")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "ls => ls.map(a => a.href)")
    assert [note_of(str(link)) for link in links] == ["103"]
    title = page.locator(".pagefind-ui__result-title").first.inner_text()
    assert title.strip() == "事前学習済み言語モデルの微調整を安定させる"
    excerpt = page.locator(".pagefind-ui__result-excerpt").first
    assert "微調整" in excerpt.inner_text() and "\u200b" not in excerpt.inner_text()
    assert "".join(excerpt.locator("mark").all_inner_texts()).startswith("微調整")
