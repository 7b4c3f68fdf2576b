"""Doctree nodes of a rendered note, and their HTML form.

The nodes subclass standard docutils nodes, so builders without an HTML
visitor (LaTeX, text, man, texinfo) render them as plain structured content:
Sphinx's translators fall back along the class hierarchy.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from .translation import _


class note_block(nodes.container):
    """One note: ``<article class="pn-note" id="note-<id>">`` in HTML."""


class note_title(nodes.rubric):
    """The note's title: a heading in HTML, a rubric elsewhere."""


class backlinks_placeholder(nodes.General, nodes.Element):
    """Replaced by "Referenced by" once every document has been read."""


def visit_note_block_html(self: HTML5Translator, node: note_block) -> None:
    self.body.append(self.starttag(node, "article", "", CLASS="pn-note"))


def depart_note_block_html(self: HTML5Translator, node: note_block) -> None:
    self.body.append("</article>\n")


def _heading_level(node: nodes.Element) -> int:
    if node.get("page_title"):
        return 1
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(6, max(2, depth + 1))


def visit_note_title_html(self: HTML5Translator, node: note_title) -> None:
    level = _heading_level(node)
    self.body.append(self.starttag(node, f"h{level}", "", CLASS="pn-note-title"))


def depart_note_title_html(self: HTML5Translator, node: note_title) -> None:
    block = node.parent
    if self.config.html_permalinks and isinstance(block, note_block) and block["ids"]:
        self.body.append(
            f'<a class="headerlink" href="#{block["ids"][0]}" '
            f'title="{self.attval(_("Link to this note"))}">'
            f"{self.config.html_permalinks_icon}</a>"
        )
    self.body.append(f"</h{_heading_level(node)}>\n")


def skip_node(self: object, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    app.add_node(
        note_block,
        html=(visit_note_block_html, depart_note_block_html),
    )
    app.add_node(
        note_title,
        html=(visit_note_title_html, depart_note_title_html),
    )
    skip = (skip_node, None)
    app.add_node(
        backlinks_placeholder,
        html=skip,
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
