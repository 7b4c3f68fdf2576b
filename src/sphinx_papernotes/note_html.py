"""A note's header and chrome written straight as HTML (html, dirhtml, singlehtml, epub).

The markup is what the theme and its stylesheet expect (``article.pn-note``,
``dl.pn-meta``, chips with sphinx-design's badge classes); it is written by
the visitors of the note's leaf nodes, so no field list, chip or reference
node is ever built for it. Every field is escaped by the translator.
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from .model.chips import CHIP_CLASSES, VENUE_BADGE_CLASSES
from .note_bibtex import entry_text
from .note_view import (
    Header,
    Link,
    Tag,
    backlinks,
    collection_of,
    header,
    neighbours,
    note_of,
)
from .translation import _

Visitors = dict[str, tuple[Callable[..., None], Callable[..., None] | None]]


def _page(self: HTML5Translator) -> str:
    return str(self.builder.current_docname)


def _heading_level(node: nodes.Element) -> int:
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(6, max(2, depth + 1))


def _link(self: HTML5Translator, link: Link, css: str) -> str:
    text = self.encode(link.text)
    if link.uri is None:
        return f'<span class="{css}">{text}</span>'
    title = f' title="{self.attval(link.title)}"' if link.title else ""
    return f'<a class="{css} reference internal" href="{self.attval(link.uri)}"{title}>{text}</a>'


_VENUE_BADGE = " ".join(VENUE_BADGE_CLASSES)


def chip_html(
    self: HTML5Translator,
    name: str,
    uri: str | None,
    classes: tuple[str, ...],
    hidden: bool = False,
) -> str:
    """A tag chip: its colour comes from its hue class (papernotes.css), its shape
    from sphinx-design's badge. A hidden chip only tells the tag filter
    (papernotes.js) that the entry has that tag."""
    css = " ".join((*CHIP_CLASSES, *classes))
    text = self.encode(name)
    if hidden:
        return f'<span class="{css}" hidden>{text}</span>'
    if uri is None:
        return f'<span class="{css}">{text}</span>'
    return f'<a class="pn-tag-ref {css}" href="{self.attval(uri)}">{text}</a>'


def _chip(self: HTML5Translator, tag: Tag) -> str:
    return chip_html(self, tag.name, tag.uri, tag.classes)


def visit_chip(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(
        chip_html(
            self,
            node.astext(),
            node.get("pn_uri"),
            tuple(node.get("pn_classes", ())),
            bool(node.get("pn_hidden")),
        )
    )
    raise nodes.SkipNode


def visit_block(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append(self.starttag(node, "article", "", CLASS="pn-note"))


def depart_block(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</article>\n")


def visit_header(self: HTML5Translator, node: nodes.Element) -> None:
    note = note_of(self.builder, node["pn_key"])
    if note is None:
        raise nodes.SkipNode
    view = header(self.builder, _page(self), note)
    out = self.body
    star = '<span class="pn-pick-mark" title="{}"> ★</span>'.format(self.attval(_("Pick")))
    if node.get("pn_page_title"):
        if note.pick:
            out.append(f'<p class="pn-pick-line">{star}</p>\n')
    else:
        level = _heading_level(node)
        out.append(f'<h{level} class="pn-note-title">{self.encode(note.display_title)}')
        if note.pick:
            out.append(star)
        if self.config.html_permalinks:
            out.append(
                f'<a class="headerlink" href="#{note.anchor}" '
                f'title="{self.attval(_("Link to this note"))}">'
                f"{self.config.html_permalinks_icon}</a>"
            )
        out.append(f"</h{level}>\n")
    fields = view.fields()
    if not fields:
        raise nodes.SkipNode
    out.append('<dl class="pn-meta field-list simple">\n')
    for index, (css, label) in enumerate(fields):
        parity = "field-odd" if index % 2 == 0 else "field-even"
        out.append(
            f'<dt class="{css} {parity}">{self.encode(label)}<span class="colon">:</span></dt>\n'
            f'<dd class="{css} {parity}">{_field_html(self, css, view)}</dd>\n'
        )
    out.append("</dl>\n")
    raise nodes.SkipNode


def _field_html(self: HTML5Translator, css: str, view: Header) -> str:
    note = view.note
    if css == "pn-authors":
        return f"<p>{self.encode(note.authors.full())}</p>"
    if css == "pn-venue-field":
        inner = _link(self, view.venue, "pn-venue-ref") if view.venue else ""
        if note.year:
            inner += f" {note.year}" if note.venue else str(note.year)
        return f'<p><span class="{_VENUE_BADGE}">{inner}</span></p>'
    if css == "pn-date":
        return f"<p>{self.encode(note.date)}</p>"
    if css == "pn-tags-field":
        chips = "".join(f"<li>{_chip(self, tag)}</li>\n" for tag in view.tags)
        return f'<ul class="pn-tags simple">\n{chips}</ul>\n'
    links = "".join(
        f'<li><a class="pn-link pn-link-{kind} reference external" '
        f'href="{self.attval(url)}">{self.encode(label)}</a></li>\n'
        for kind, label, url in view.links
    )
    return f'<ul class="pn-links simple">\n{links}</ul>\n'


def visit_bibtex(self: HTML5Translator, node: nodes.Element) -> None:
    note = note_of(self.builder, node["pn_key"])
    if note is None:
        raise nodes.SkipNode
    # Plain text, not highlighted: Pygments on every note page cost seconds.
    text = entry_text(self.builder, collection_of(self.builder), note)
    self.body.append(
        '<details class="pn-bibtex no-search"><summary>BibTeX</summary>'
        f'<button type="button" class="pn-copy" data-pn-copied="{self.attval(_("Copied"))}">'
        f"{self.encode(_('Copy'))}</button>"
        '<div class="pn-bibtex-entry highlight-bibtex notranslate"><div class="highlight">'
        f"<pre>{self.encode(text)}</pre></div></div></details>\n"
    )
    raise nodes.SkipNode


def visit_backlinks(self: HTML5Translator, node: nodes.Element) -> None:
    note = note_of(self.builder, node["pn_key"])
    sources = backlinks(self.builder, _page(self), note) if note is not None else []
    if sources:
        links = ", ".join(_link(self, link, "pn-note-ref") for link in sources)
        self.body.append(
            '<p class="pn-backlinks no-search">'
            f"<strong>{self.encode(_('Referenced by:'))}</strong> {links}</p>\n"
        )
    raise nodes.SkipNode


def visit_neighbours(self: HTML5Translator, node: nodes.Element) -> None:
    note = note_of(self.builder, node["pn_key"])
    before, after = neighbours(self.builder, _page(self), note) if note else (None, None)
    if before is None and after is None:
        raise nodes.SkipNode
    parts = []
    if before is not None:
        parts.append(
            '<span class="pn-prev-mark">← </span>'
            f'<span class="pn-nav-label">{self.encode(_("Previous note:"))} </span>'
            + _link(self, before, "pn-note-ref")
        )
    if after is not None:
        parts.append(
            f'<span class="pn-nav-label">{self.encode(_("Next note:"))} </span>'
            + _link(self, after, "pn-note-ref")
            + '<span class="pn-next-mark"> →</span>'
        )
    self.body.append(f'<p class="pn-neighbours no-search">{" · ".join(parts)}</p>\n')
    raise nodes.SkipNode


_LEAVES = {
    "header": visit_header,
    "bibtex": visit_bibtex,
    "backlinks": visit_backlinks,
    "neighbours": visit_neighbours,
}


def chip_visitors() -> Visitors:
    return {"html": (visit_chip, None)}


def block_visitors() -> Visitors:
    return {"html": (visit_block, depart_block)}


def leaf_visitors(name: str) -> Visitors:
    return {"html": (_LEAVES[name], None)}
