"""Ways between notes without a toctree: orphan pages (previous/next links: note_view).

Large collections are read through listings, tag and venue pages and links,
not a toctree (a theme that draws the whole toctree on every page makes the
build quadratic). So pages holding notes may stay out of every toctree
without a warning, and each note links to the notes before and after it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .domain import get_domain
from .settings import settings


def mark_orphan(app: Sphinx, doctree: nodes.document) -> None:
    """A page holding notes needs no toctree entry (``papernotes_orphan_notes``)."""
    if settings(app.config).orphan_notes and get_domain(app.env).notes_in(app.env.docname):
        app.env.metadata[app.env.docname].setdefault("orphan", True)


def setup_orphan_pages(app: Sphinx) -> None:
    app.connect("doctree-read", mark_orphan)
