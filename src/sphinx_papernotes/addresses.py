"""Where a note lives on the built site, relative to its root or absolute.

Exports (JSON, feed, BibTeX) and the per-note BibTeX block all need the
address of a note's page; the HTML builders know it, and builders without
pages (``bibtex``) use the address the ``html`` builder would give.
"""

from __future__ import annotations

from sphinx.builders import Builder
from sphinx.config import Config

from .model import Note
from .model.links import site_base

# Builders whose output folder is a website.
SITE_BUILDERS = frozenset({"html", "dirhtml", "singlehtml"})


def note_address(builder: Builder, note: Note) -> str:
    """``notes/2432.html#note-2432`` (or the dirhtml/singlehtml form)."""
    if builder.name in SITE_BUILDERS:
        page = builder.get_target_uri(note.docname).partition("#")[0]
        # singlehtml puts every document into the root document's page.
        page = page or f"{builder.config.root_doc}{getattr(builder, 'out_suffix', '.html')}"
    else:
        page = f"{note.docname}{builder.config.html_file_suffix or '.html'}"
    return f"{page}#{note.anchor}"


def absolute(cfg: Config, address: str) -> str | None:
    """The address under ``html_baseurl``, or ``None`` unless that is an
    absolute http(s) URL (a bad one is reported when the configuration is read)."""
    base = site_base(cfg.html_baseurl)
    return None if base is None else base + address
