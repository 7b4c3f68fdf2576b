"""Pagefind as the search of an HTML build (``papernotes_search = "pagefind"``).

Pagefind segments Japanese, loads its index in small chunks and filters by
metadata. Each document's body is marked ``data-pagefind-body`` (so menus,
sidebars, generated tag pages and the search page stay out), with the notes
of the page as filters (``tag``, ``venue``, ``year``, ``pick``) and a sort
(``date``). Blocks Sphinx's own index skips (class ``no-search``: the BibTeX
block, "Referenced by", previous/next) are skipped by Pagefind too.

After a build that wrote at least one document (or removed one), the HTML
files of the current documents are indexed again into ``_pagefind/``; a build
that wrote none keeps the index it has. Without the ``pagefind`` package
(``pip install "sphinx-papernotes[pagefind]"``) the option warns and the
build keeps Sphinx's built-in search.

Japanese (``language = "ja"``): Pagefind cuts the indexed text with its
dictionary and the query with the browser's segmenter, and where the two
disagree a compound word is missed or found in pieces. So Pagefind is given
a copy of each page in which every Japanese character stands alone (set off
by zero-width spaces, which Pagefind treats as word breaks and drops from
the text it shows), and the search page cuts a Japanese query into its
characters and asks for them as an exact phrase (``papernotesPagefindTerm``
in the theme's search page): a page is found exactly when it holds the
query contiguously.
"""

from __future__ import annotations

import html
import json
import math
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.display import progress_message

from .diagnostics import Subtype, warn
from .domain import get_domain
from .model import Note
from .search_filters import note_filters
from .search_ja import JAPANESE
from .settings import settings

OUTPUT = "_pagefind"
ENTRY = "pagefind-entry.json"  # what a search loads first
ATTEMPTS = 3
# What Pagefind leaves out of a page's text: what Sphinx's indexer leaves out,
# the theme's previous/next links and the headings' pilcrows.
EXCLUDE = (".no-search", ".pn-prev-next", ".headerlink")
BUILDERS = ("html", "dirhtml")
# Pagefind's word break for the languages it segments (it drops it from text).
WORD_BREAK = "\u200b"
# A run of Japanese characters in text: the next angle bracket opens a tag
# (in a tag's attribute values, ``<`` and ``>`` are escaped in Sphinx's HTML).
# Scripts, styles and comments are cut too, harmlessly: Pagefind skips them.
_JAPANESE_TEXT = re.compile(f"[{JAPANESE}]{{2,}}(?=[^<>]*<)")
# Where the searched part of a page ends: the copy Pagefind reads is the
# page's language and that part, without the theme's head, menus and sidebars.
BODY_START = "<div data-pagefind-body"
BODY_END = "<!-- papernotes: end of the searched body -->"
_LANG = re.compile(r"<html[^>]*?\slang=\"([^\"]*)\"")


def pagefind_missing() -> str | None:
    """Why Pagefind cannot run here, or ``None`` when it can."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return "the pagefind package is not installed"
    if get_executable() is None:
        return "the pagefind package has no binary (install pagefind[extended])"
    return None


def wanted(app: Sphinx) -> bool:
    """Whether this build should use Pagefind, warning when it cannot."""
    backend = settings(app.config).search  # checked at config-inited
    if backend != "pagefind" or app.builder.name not in BUILDERS:
        return False
    missing = pagefind_missing()
    if missing is not None:
        warn(
            Subtype.SEARCH,
            f"papernotes_search = 'pagefind' but {missing}; the built-in search is used "
            '(pip install "sphinx-papernotes[pagefind]")',
        )
        return False
    return True


def split_japanese(page: str) -> str:
    """``page`` (HTML) with each Japanese character of its text a word of its own."""
    return _JAPANESE_TEXT.sub(lambda run: WORD_BREAK.join(run.group()), page)


def searched_copy(page: str) -> str | None:
    """What Pagefind needs of ``page``: its language and its searched body.

    Pagefind parses every byte it is given; the theme's frame (head, menus,
    sidebars) is most of a note page and none of it is indexed, so handing
    over this copy halves the indexing time. ``None`` when the page has no
    searched body (a template that leaves out ``body``): it is read whole.
    """
    start, end = page.find(BODY_START), page.rfind(BODY_END)
    if start < 0 or end < start:
        return None
    lang = _LANG.search(page, 0, start)
    lang_attribute = f' lang="{lang.group(1)}"' if lang else ""
    return (
        f'<!DOCTYPE html>\n<html{lang_attribute}><head><meta charset="utf-8"></head>'
        f"<body>{page[start:end]}</body></html>\n"
    )


def splits_japanese(language: str | None) -> bool:
    """Whether pages in ``language`` are indexed character by character."""
    return (language or "").replace("_", "-").split("-")[0].lower() == "ja"


def note_markup(notes: list[Note]) -> str:
    """Hidden elements carrying the filters and sort of a page's notes."""
    values = [("filter", f"{key}:{value}") for note in notes for key, value in note_filters(note)]
    dates = sorted(note.date for note in notes if note.date)
    if dates:
        values.append(("sort", f"date:{dates[-1]}"))
    spans = "".join(
        f'<span data-pagefind-{kind}="{html.escape(value, quote=True)}"></span>'
        for kind, value in dict.fromkeys(values)
    )
    return f'<div hidden="hidden">{spans}</div>' if spans else ""


@dataclass
class PagefindBuild:
    """One build with Pagefind: the markup of its pages, then the index.

    Whether a document was written is read from the files' times, not from
    ``html-page-context``: with ``-j`` that event fires in the writing
    processes, and what they note is lost to the main one.
    """

    started: float = field(default_factory=time.time)
    removed: bool = False

    def page_context(
        self,
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        context["papernotes_pagefind"] = True
        if splits_japanese(app.config.language):
            context["papernotes_pagefind_japanese"] = JAPANESE  # the search page cuts these
        if doctree is None or "body" not in context:
            return  # generated pages, the search page, the index: not searched
        markup = note_markup(get_domain(app.env).notes_in(pagename))
        # The title as a literal: the heading's text is split in Pagefind's copy.
        heading = app.env.titles.get(pagename)
        title = heading.astext() if heading is not None else ""
        meta = f' data-pagefind-meta="title:{html.escape(title, quote=True)}"' if title else ""
        context["body"] = f"{BODY_START}{meta}>{markup}{context['body']}</div>{BODY_END}"

    def purged(self, app: Sphinx, env: Any, docname: str) -> None:
        self.removed = True  # read again or removed: either way the index may change

    def finished(self, app: Sphinx, exception: Exception | None) -> None:
        if exception is not None:
            return
        outdir = Path(app.outdir)
        builder = cast(StandaloneHTMLBuilder, app.builder)
        pages = [Path(builder.get_outfilename(name)) for name in sorted(app.env.found_docs)]
        pages = [page for page in pages if page.is_file()]
        # Some filesystems keep whole seconds: when in doubt, index again.
        written = any(page.stat().st_mtime >= math.floor(self.started) for page in pages)
        if not written and not self.removed and (outdir / OUTPUT).is_dir():
            return  # no page changed: the index on disk is still right
        import asyncio  # only here: a no-op build need not load it

        try:
            with progress_message(f"indexing {len(pages)} pages with Pagefind"):
                japanese = splits_japanese(app.config.language)
                asyncio.run(write_index(outdir, pages, split=japanese))
        except Exception as error:  # any failure of the binary or its pipe
            warn(Subtype.SEARCH, f"Pagefind could not index the site: {error}")


async def write_index(outdir: Path, pages: list[Path], *, split: bool = False) -> None:
    """Index ``pages`` (HTML files inside ``outdir``) into ``outdir/_pagefind``.

    Pagefind reads them as a folder (one request; its Python API answers each
    request at best every 0.1 s, so a request per file would take minutes at
    thousands of notes). The folder holds the searched part of the current
    documents only (:func:`searched_copy`), so the pages of removed
    documents, which Sphinx leaves in the output, are not found. With
    ``split``, each Japanese character of the copies is a word of its own
    (:func:`split_japanese`).
    """
    from pagefind.index import IndexConfig, PagefindIndex

    target, staging, site = (outdir / f"{OUTPUT}{suffix}" for suffix in ("", ".new", ".pages"))
    for folder in (staging, site):
        shutil.rmtree(folder, ignore_errors=True)
    for page in pages:
        copy = site / page.relative_to(outdir)
        copy.parent.mkdir(parents=True, exist_ok=True)
        text = page.read_text(encoding="utf-8")
        text = searched_copy(text) or text
        copy.write_text(split_japanese(text) if split else text, encoding="utf-8")
    settings = IndexConfig(exclude_selectors=list(EXCLUDE), output_path=str(staging))
    try:
        for _attempt in range(ATTEMPTS):
            shutil.rmtree(staging, ignore_errors=True)
            async with PagefindIndex(config=settings) as index:
                await index.add_directory(str(site))
            if index_complete(staging):
                break
        else:
            shutil.rmtree(staging, ignore_errors=True)
            raise RuntimeError(f"its {ENTRY} was left incomplete {ATTEMPTS} times")
    finally:
        shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)


def index_complete(folder: Path) -> bool:
    """Whether Pagefind's entry file in ``folder`` was written whole.

    Pagefind's Python API stops the binary as soon as it answers that the
    files are written, and at thousands of pages the entry file, written
    last, was once found empty: a search that cannot start. Such an index
    is made again rather than published.
    """
    try:
        entry = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(entry, dict) and bool(entry.get("languages"))


def search_page(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """The theme's search page, which Sphinx writes only with its own index."""
    return [("search", {}, "search.html")]


def start(app: Sphinx) -> None:
    """At ``builder-inited``: hook in only when this build uses Pagefind."""
    if not wanted(app):
        return
    if app.config.html_theme == "papernotes":
        # The theme's search page is Pagefind's: Sphinx's own index (a sixth of
        # a clean build) would be written for nothing. Other themes keep it for
        # their search boxes.
        cast(StandaloneHTMLBuilder, app.builder).search = False
        app.connect("html-collect-pages", search_page)
    build = PagefindBuild()
    app.connect("html-page-context", build.page_context)
    app.connect("env-purge-doc", build.purged)
    app.connect("build-finished", build.finished)


def setup_pagefind(app: Sphinx) -> None:
    app.connect("builder-inited", start)
