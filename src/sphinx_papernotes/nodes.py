"""The doctree nodes of a note, and which writer draws each of them.

A note is a :class:`note_block` holding its summary and body (ordinary
content) and four leaf nodes for everything else: its header, BibTeX block,
"Referenced by" and previous/next links. The leaf nodes carry only the note's
key; each builder's visitors draw them when the page is written, from the
collection (:mod:`.note_view`). A handful of nodes per note instead of a
tree of field lists and cross-references keeps every transform, the reference
resolver and the writers cheap, and what they show is never stale.

The header also holds the note's title, authors, venue and tags as text
children, which every writer skips: Sphinx's search indexer reads them. The
other leaf nodes hold no text, so the index does not see them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


class note_block(nodes.container):
    """One note: ``<article class="pn-note" id="note-<id>">`` in HTML."""


class note_part(nodes.container):
    """The note's summary or body: ordinary content in a container of its own."""


class note_header(nodes.General, nodes.Element):
    """Title line and metadata of the note ``pn_key``; ``pn_page_title`` when the
    page's heading is the note's title."""


class note_bibtex(nodes.General, nodes.Element):
    """The note's BibTeX entry (collapsed in HTML, left out of print by default)."""


class note_backlinks(nodes.General, nodes.Element):
    """ "Referenced by": the notes whose text references this one."""


class note_neighbours(nodes.General, nodes.Element):
    """Links to the previous and next note (id order)."""


class pick_mark(nodes.inline):
    """The ★ of a pick; LaTeX fonts lack the character, so it has its own visitor."""


class tag_chip(nodes.inline):
    """A tag in a listing entry: a link to its page (``pn_uri``) where there is one.

    HTML gets one compact ``<a class="pn-tag …">`` (listings repeat every
    note's chips on many pages); other writers show the tag's text. A chip
    with ``pn_hidden`` is one of the tags an entry does not show: HTML keeps it
    hidden for the tag filter, other writers leave it out.
    """


def skip_node(self: object, node: nodes.Element) -> None:
    """Every writer's visitor of a placeholder: filled at ``doctree-resolved``,
    one left over (its filling failed) is skipped rather than crash a writer."""
    raise nodes.SkipNode


def add_placeholder(app: Sphinx, node: type[nodes.Element]) -> None:
    """Register a placeholder node that every writer skips."""
    skip = (skip_node, None)
    app.add_node(node, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)


def _add(app: Sphinx, node: type[nodes.Element], *visitors: dict[str, Any]) -> None:
    """Register a node with the visitors of every writer that draws it."""
    handlers: dict[str, Any] = {}
    for part in visitors:
        handlers.update(part)
    app.add_node(node, **handlers)


def setup_nodes(app: Sphinx) -> None:
    # The writers are imported here, not at the top: the read-phase modules
    # (directives) import these node classes and need no writer.
    from . import note_html, note_print

    _add(app, note_block, note_html.block_visitors(), note_print.block_visitors())
    _add(app, note_part, note_print.part_visitors())
    _add(app, pick_mark, note_print.pick_visitors())
    _add(app, tag_chip, note_html.chip_visitors(), note_print.chip_visitors())
    for node, name in (
        (note_header, "header"),
        (note_bibtex, "bibtex"),
        (note_backlinks, "backlinks"),
        (note_neighbours, "neighbours"),
    ):
        _add(app, node, note_html.leaf_visitors(name), note_print.leaf_visitors(name))
