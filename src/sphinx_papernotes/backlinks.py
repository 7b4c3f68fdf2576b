""" "Referenced by": filled into each note when its page is written.

Backlinks depend on every other document, so they are never stored in a
doctree; a placeholder is replaced at resolve time from the domain.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .domain import get_domain
from .nodes import backlinks_placeholder
from .render import Links
from .translation import _


def fill_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    collection = get_domain(app.env).collection
    links = Links(app.builder, docname, collection)
    for placeholder in list(doctree.findall(backlinks_placeholder)):
        sources = collection.referenced_by(placeholder["pn_id"])
        if not sources:
            placeholder.parent.remove(placeholder)
            continue
        paragraph = nodes.paragraph("", "", classes=["pn-backlinks", "no-search"])
        paragraph += nodes.strong("", _("Referenced by:"))
        for index, source in enumerate(sources):
            paragraph += nodes.Text(" " if index == 0 else ", ")
            paragraph += links.note(source, nodes.inline("", source.display_title))
        placeholder.replace_self(paragraph)


def setup_backlinks(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_backlinks)
