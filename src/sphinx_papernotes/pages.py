"""Generated tag and venue pages: ``tags/``, ``venues/`` in html and dirhtml builds.

Each page is a :class:`Listing` drawn in the active theme's ``page.html``
through ``html-collect-pages`` on every build. Nothing is ever written into
the source folder (that is what made sphinx-tags loop under sphinx-autobuild).

A page is only written again when what it shows, or the site's layout,
changed since the last build: with 600 tags, rewriting every page on every
build would make a no-op build slow. The digests of the last build are kept
beside the doctrees.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.display import status_iterator

from . import __version__
from .diagnostics import Subtype, warn
from .domain import get_domain
from .entry_html import EntryWriter
from .freshness import listing_digest, state_file
from .listing_nodes import Links
from .listings import render_listing
from .model import Collection
from .model.collection import RESERVED_SLUGS
from .model.listing import NOTES, TAGS, VENUE, VENUES, Listing
from .model.selection import NoteQuery
from .model.slugs import MAX_SLUG_BASE, is_slug
from .page_addresses import index_uri, page_name, pages_enabled
from .translation import _


@dataclass(frozen=True)
class Page:
    """A page to write: its name, title, what it lists and its way back."""

    name: str
    title: str
    listing: Listing
    back: tuple[str, str] | None = None  # (kind, label) of the index page


def planned_pages(app: Sphinx, collection: Collection) -> list[Page]:
    pages: list[Page] = []
    if pages_enabled(app.builder, "tag"):
        pages.append(Page(page_name("tag", "index"), _("Tags"), Listing(TAGS)))
        for tag, slug in collection.tag_slugs.items():
            listing = Listing(NOTES, query=NoteQuery(tags=(tag,)))
            title = _("Tag: %s") % tag
            pages.append(Page(page_name("tag", slug), title, listing, ("tag", _("All tags"))))
    if pages_enabled(app.builder, "venue"):
        pages.append(Page(page_name("venue", "index"), _("Venues"), Listing(VENUES)))
        for venue, slug in collection.venue_slugs.items():
            listing = Listing(VENUE, query=NoteQuery(venue=venue))
            title = _("Venue: %s") % venue
            pages.append(
                Page(page_name("venue", slug), title, listing, ("venue", _("All venues")))
            )
    # A document wins over a generated page that would be written to the same
    # file (in dirhtml, the document "tags" is written to tags/index.html).
    # Only documents in the pages' own folders can be written to their files.
    builder: Any = app.builder
    folders = {page.name.split("/")[0] for page in pages}
    doc_files = {
        builder.get_outfilename(doc) for doc in app.env.found_docs if doc.split("/")[0] in folders
    }
    taken = [page for page in pages if builder.get_outfilename(page.name) in doc_files]
    for page in taken:
        warn(
            Subtype.CONFIG,
            f"a document is written to the file of the generated page {page.name!r}; the "
            "generated "
            "page is not written (rename the document, or turn the pages off with "
            "papernotes_tag_pages / papernotes_venue_pages)",
        )
    return [page for page in pages if page not in taken]


# Where list entries are drawn from: a folder beside tags/ and venues/, so the
# same relative links ("../notes/1.html", "../tags/x.html") work on the pages
# of both folders and each entry is drawn once per build for all of them.
ENTRY_BASE = "_papernotes/-"


def _writer_settings(builder: Any) -> Any:
    """The writer settings the builder renders pages with (Sphinx 9 keeps them
    in ``_settings``, older versions in ``docsettings``), or ``None``."""
    return getattr(builder, "_settings", None) or getattr(builder, "docsettings", None)


class Fragments:
    """HTML of lone nodes, written by one translator for the whole build.

    Sphinx's ``render_partial`` sets up a document, its transforms and a new
    translator for every call; the generated pages need none of that, and
    there are hundreds of them.
    """

    def __init__(self, builder: Any) -> None:
        self.builder = builder
        settings = _writer_settings(builder)
        self.visitor = None
        if settings is not None:
            self.document = new_document("<papernotes pages>", settings)
            self.visitor = builder.create_translator(self.document, builder)

    def render(self, node: nodes.Element) -> str:
        if self.visitor is None:
            return str(self.builder.render_partial(node)["fragment"])
        self.document += node  # writers look at a node's document and parent
        start = len(self.visitor.body)
        with _no_figure_numbers(self.builder):
            node.walkabout(self.visitor)
        html = "".join(self.visitor.body[start:])
        del self.visitor.body[start:]
        self.document.remove(node)
        return html


def render_entries(app: Sphinx, collection: Collection) -> dict[str, str]:
    """Every note's list entry as HTML, for the generated pages.

    A note appears on the page of each of its tags and of its venue; its entry
    is the same on all of them, so it is drawn once per build, straight as
    HTML (:mod:`.entry_html`), not once per page.
    """
    builder: Any = app.builder
    # Without the writer settings, no cache: pages then draw their entries themselves.
    settings = _writer_settings(builder)
    if settings is None:
        return {}
    links = Links(builder, ENTRY_BASE, collection)
    document = new_document("<papernotes entries>", settings)
    writer = EntryWriter(links, builder.create_translator(document, builder))
    return {note.key: writer.entry(note) for note in collection.notes}


@contextmanager
def _no_figure_numbers(builder: Any) -> Iterator[None]:
    """The HTML writer reads figure numbers, which Sphinx only sets while it
    writes a document; a generated page has none."""
    saved = getattr(builder, "fignumbers", None)
    builder.fignumbers = {}
    try:
        yield
    finally:
        if saved is None:
            del builder.fignumbers
        else:
            builder.fignumbers = saved


def render_page(
    app: Sphinx,
    page: Page,
    collection: Collection,
    entries: dict[str, str] | None = None,
    fragments: Fragments | None = None,
) -> dict[str, Any]:
    """The template context of one page: its title and HTML body."""
    links = Links(app.builder, page.name, collection, entries)
    section = nodes.section("", ids=["pn-generated"])
    section += nodes.title(page.title, page.title)
    if page.back is not None:
        kind, label = page.back
        uri = index_uri(app.builder, page.name, kind)
        if uri:
            back = nodes.reference("", label, internal=True, refuri=uri)
            section += nodes.paragraph("", "", back, classes=["pn-back"])
    content = render_listing(page.listing, links, anchors=True)
    section += nodes.container("", *content, classes=["pn-listing"])
    body = (fragments or Fragments(app.builder)).render(section)
    # Templates take ``title`` as HTML (for documents Sphinx renders it from the
    # title node), and the relbar prints it unescaped: a tag named
    # "<img onerror=...>" must arrive escaped.
    return {"title": html.escape(page.title), "body": body}


def layout_signature(app: Sphinx) -> str:
    """What every page's frame depends on: config, templates, toctree, titles."""
    builder = app.builder
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    env = app.env
    parts = (
        __version__,
        builder.name,
        getattr(info, "config_hash", ""),
        getattr(info, "tags_hash", ""),
        templates.newest_template_mtime() if templates is not None else 0,
        sorted((doc, title.astext()) for doc, title in env.titles.items()),
        sorted((doc, list(children)) for doc, children in env.toctree_includes.items()),
    )
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def _state_file(app: Sphinx) -> Path:
    return state_file(app, "pages", ".json")


def _load_state(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("pages"), dict) else {}


def page_digests(
    pages: list[Page], collection: Collection, layout: str, old: dict[str, str], reuse: bool
) -> dict[str, str]:
    """A digest of what each page shows. With ``reuse`` (no note changed and
    the same layout) the last build's digests still hold, which spares
    selecting every tag's notes again in a no-op build."""
    if reuse and all(page.name in old for page in pages):
        return {page.name: old[page.name] for page in pages}
    return {
        page.name: hashlib.sha1(
            repr(
                (layout, page.title, page.back, listing_digest(page.listing, collection))
            ).encode()
        ).hexdigest()
        for page in pages
    }


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    domain = get_domain(app.env)
    collection = domain.collection
    pages = planned_pages(app, collection)
    state_path = _state_file(app)
    state = _load_state(state_path)
    old = state.get("pages", {})
    layout = layout_signature(app)
    reuse = not domain.notes_changed and state.get("layout") == layout
    new = page_digests(pages, collection, layout, old, reuse)
    outdir = Path(app.outdir)
    stale = [
        page
        for page in pages
        if old.get(page.name) != new[page.name]
        or not (outdir / app.builder.get_outfilename(page.name)).is_file()  # type: ignore[attr-defined]
    ]
    entries: dict[str, str] | None = None
    fragments: Fragments | None = None
    for page in status_iterator(
        stale,
        "writing tag and venue pages... ",
        "darkgreen",
        len(stale),
        app.verbosity,
        stringify_func=lambda page: page.name,
    ):
        if entries is None or fragments is None:
            entries = render_entries(app, collection)
            fragments = Fragments(app.builder)
        yield page.name, render_page(app, page, collection, entries, fragments), "page.html"
    # Only once every page is written: a build that fails half-way must not
    # leave digests that claim pages are up to date.
    state_path.parent.mkdir(parents=True, exist_ok=True)
    state_path.write_text(json.dumps({"layout": layout, "pages": new}, sort_keys=True), "utf-8")


def check_chosen_slugs(app: Sphinx, config: Config) -> None:
    """Slugs set by hand that cannot be used: said once, at start-up."""
    for setting in ("papernotes_tag_slugs", "papernotes_venue_slugs"):
        chosen = getattr(config, setting)
        if not isinstance(chosen, dict):
            continue  # a value of the wrong type: Sphinx's own check says so
        seen: dict[str, str] = {}
        for name, slug in sorted(chosen.items(), key=str):
            if not is_slug(slug) or slug in RESERVED_SLUGS:
                warn(
                    Subtype.CONFIG,
                    f"{setting}[{name!r}] = {slug!r} must be lower-case ASCII letters and "
                    f"digits joined by '-' (at most {MAX_SLUG_BASE}), and not 'index'; "
                    "the page keeps its own slug",
                )
            elif slug in seen:
                warn(
                    Subtype.CONFIG,
                    f"{setting}[{name!r}] = {slug!r} is already the slug of {seen[slug]!r}; "
                    "the page keeps its own slug",
                )
            else:
                seen[slug] = name


def setup_pages(app: Sphinx) -> None:
    app.connect("config-inited", check_chosen_slugs)
    app.connect("html-collect-pages", collect_pages)
