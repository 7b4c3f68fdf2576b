"""Ways between notes without a toctree: previous/next links and orphan pages.

Large collections are read through listings, tag and venue pages and links,
not a toctree (a theme that draws the whole toctree on every page makes the
build quadratic). So pages holding notes may stay out of every toctree
without a warning, and each note links to the notes before and after it.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from . import config
from .domain import get_domain
from .render import Links
from .translation import _


class neighbours_placeholder(nodes.General, nodes.Element):
    """Replaced at write time by links to the previous and next note (id order)."""


def fill_neighbours(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(neighbours_placeholder))
    if not placeholders:
        return
    collection = get_domain(app.env).collection
    links = Links(app.builder, docname, collection)
    for placeholder in placeholders:
        note = collection.by_key.get(placeholder["pn_key"])
        before, after = collection.neighbours(note) if note else (None, None)
        if before is None and after is None:
            placeholder.parent.remove(placeholder)
            continue
        line = nodes.paragraph("", "", classes=["pn-neighbours", "no-search"])
        if before is not None:
            line += nodes.inline("", "← ", classes=["pn-prev-mark"])
            line += nodes.inline("", _("Previous note:") + " ", classes=["pn-nav-label"])
            line += links.note(before, nodes.inline("", before.display_title))
        if before is not None and after is not None:
            line += nodes.Text(" · ")
        if after is not None:
            line += nodes.inline("", _("Next note:") + " ", classes=["pn-nav-label"])
            line += links.note(after, nodes.inline("", after.display_title))
            line += nodes.inline("", " →", classes=["pn-next-mark"])
        placeholder.replace_self(line)


def mark_orphan(app: Sphinx, doctree: nodes.document) -> None:
    """A page holding notes needs no toctree entry (``papernotes_orphan_notes``)."""
    if config.get(app.config, "papernotes_orphan_notes") and get_domain(app.env).notes_in(
        app.env.docname
    ):
        app.env.metadata[app.env.docname].setdefault("orphan", True)


def _skip(self: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_navigation(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(neighbours_placeholder, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.connect("doctree-read", mark_orphan)
    app.connect("doctree-resolved", fill_neighbours)
