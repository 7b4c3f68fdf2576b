"""Where a note lives in the output of each builder: the one place for its address.

Note references, backlinks, listing entries and previous/next links all take
their link from :func:`note_uri`; exports (JSON, feed, BibTeX) and the
per-note BibTeX block take the page address from :func:`note_address`.
Builders without pages (``bibtex``) use the address the ``html`` builder
would give.
"""

from __future__ import annotations

from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.errors import NoUri

from .model import Note
from .model.links import site_base

# Builders whose output folder is a website.
SITE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})
# Builders that put every document on one page, where a note is found by its id.
SINGLE_PAGE_BUILDERS = frozenset({"singlehtml"})
# Builders whose output has no links at all (plain lines of text).
PLAIN_BUILDERS = frozenset({"text", "man"})
_SINGLE_PAGE_CACHE = "_papernotes_single_page"


def note_uri(builder: Builder, fromdocname: str, note: Note) -> str | None:
    """The link from ``fromdocname`` to ``note``, or ``None`` where there can be none.

    ``2432.html#note-2432`` in html and epub, ``../2432/#note-2432`` in dirhtml,
    ``#note-2432`` in singlehtml (every note is on the one page),
    ``%notes/2432#note-2432`` in LaTeX and texinfo (their writers turn it into an
    internal reference); ``None`` in text and man, and for documents a builder
    leaves out (LaTeX and texinfo keep only the documents of their toctree).
    """
    if builder.name in PLAIN_BUILDERS:
        return None
    if builder.name in SINGLE_PAGE_BUILDERS:
        return f"#{note.anchor}" if note.docname in on_single_page(builder) else None
    try:
        page = builder.get_relative_uri(fromdocname, note.docname)
    except NoUri:
        return None
    return f"{page}#{note.anchor}"


def note_uri_from_root(builder: Builder, note: Note) -> str | None:
    """The link to ``note`` from the output's root, for blocks drawn once and
    joined to each page's way back to the root (the theme's sidebar)."""
    if builder.name in SINGLE_PAGE_BUILDERS:
        # Every note of the page is found by its id; the others are not written.
        return note_uri(builder, builder.config.root_doc, note)
    try:
        uri = builder.get_target_uri(note.docname)
    except NoUri:
        return None
    return f"{uri}#{note.anchor}"


def on_single_page(builder: Builder) -> frozenset[str]:
    """The documents singlehtml puts on its page: the root document and what its
    toctrees reach (a note page outside every toctree is not written at all)."""
    cached: tuple[int, frozenset[str]] | None = getattr(builder, _SINGLE_PAGE_CACHE, None)
    env = builder.env
    if cached is not None and cached[0] == id(env):
        return cached[1]
    reached: set[str] = set()
    todo = [builder.config.root_doc]
    while todo:
        docname = todo.pop()
        if docname in reached:
            continue
        reached.add(docname)
        todo.extend(env.toctree_includes.get(docname, ()))
    result = frozenset(reached)
    setattr(builder, _SINGLE_PAGE_CACHE, (id(env), result))
    return result


def note_address(builder: Builder, note: Note) -> str:
    """``notes/2432.html#note-2432`` (or the dirhtml/singlehtml form), from the site's root."""
    if builder.name in SITE_BUILDERS:
        page = builder.get_target_uri(note.docname).partition("#")[0]
        # singlehtml puts every document into the root document's page.
        page = page or f"{builder.config.root_doc}{getattr(builder, 'out_suffix', '.html')}"
    else:
        page = f"{note.docname}{builder.config.html_file_suffix or '.html'}"
    return f"{page}#{note.anchor}"


def latex_label(uri: str) -> str | None:
    """The LaTeX label a ``%doc#anchor`` address names (``doc:anchor``), as Sphinx writes it."""
    if not uri.startswith("%") or "#" not in uri:
        return None
    return uri[1:].replace("#", ":", 1)


def absolute(cfg: Config, address: str) -> str | None:
    """The address under ``html_baseurl``, or ``None`` unless that is an
    absolute http(s) URL (a bad one is reported when the configuration is read)."""
    base = site_base(cfg.html_baseurl)
    return None if base is None else base + address
