"""A note's header and chrome in LaTeX, text, man and texinfo.

These writers get the same data as HTML (:mod:`.note_view`) as a few
ordinary docutils nodes (paragraphs, strong labels, references) built while
the page is written and handed straight to the builder's own translator, so
its escaping, URL breaking and cross-reference rules apply; nothing of it is
stored in a doctree. LaTeX also gets what print needs around them: a label
for every note (``\\label{doc:note-<id>}``, the target of every reference), a
PDF bookmark at the note's level and a star its fonts can draw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes

from .note_bibtex import entry_text
from .note_view import Link, backlinks, collection_of, header, neighbours, note_of
from .settings import settings
from .translation import _

Visitors = dict[str, tuple[Callable[..., None], Callable[..., None] | None]]
PRINT_FORMATS = ("latex", "text", "man", "texinfo")
STAR = "★"
LATEX_STAR = r"\ensuremath{\star}"


def _page(self: Any) -> str:
    return str(getattr(self.builder, "current_docname", "") or "")


def _walk(self: Any, leaf: nodes.Element, parts: list[nodes.Element]) -> None:
    """Write transient nodes with the translator, located at the leaf node.

    They sit in a container of their own, hung under the leaf's parent
    without being its child: writers look at a node's parent and siblings.
    """
    # The empty first child makes each part a paragraph that follows another
    # (man starts a new paragraph only there).
    holder = nodes.container("", nodes.inline(), *parts)
    holder.parent = leaf.parent
    for node in holder.findall(nodes.Element):
        node.document = self.document
        node.source, node.line = leaf.source, leaf.line
    for part in parts:
        part.walkabout(self)


def _linked(link: Link) -> nodes.Node:
    if link.uri is None:
        return nodes.inline("", link.text)
    return nodes.reference(
        "", link.text, internal=True, refuri=link.uri, reftitle=link.title or None
    )


def _line(label: str, *content: nodes.Node, classes: str = "") -> nodes.paragraph:
    paragraph = nodes.paragraph("", "", classes=[classes] if classes else [])
    paragraph += nodes.strong("", label)
    paragraph += nodes.Text(" ")
    paragraph.extend(content)
    return paragraph


def _joined(items: list[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    result: list[nodes.Node] = []
    for item in items:
        if result:
            result.append(nodes.Text(separator))
        result.append(item)
    return result


def meta_lines(self: Any, leaf: nodes.Element) -> list[nodes.Element]:
    """The metadata, one line per field; tags on one line; URLs in full."""
    note = note_of(self.builder, leaf["pn_key"])
    if note is None:
        return []
    view = header(self.builder, _page(self), note)
    lines: list[nodes.Element] = []
    for css, label in view.fields():
        label = f"{label}:"
        if css == "pn-authors":
            lines.append(_line(label, nodes.Text(note.authors.full())))
        elif css == "pn-venue-field":
            lines.append(_line(label, nodes.Text(note.venue_label)))
        elif css == "pn-date":
            lines.append(_line(label, nodes.Text(note.date or "")))
        elif css == "pn-tags-field":
            lines.append(_line(label, nodes.Text(", ".join(note.tags))))
        else:
            links: list[nodes.Node] = [
                nodes.inline("", "", nodes.Text(f"{name} "), nodes.reference("", url, refuri=url))
                for _kind, name, url in view.links
            ]
            lines.append(_line(label, *_joined(links, "; ")))
    return lines


# -- LaTeX ----------------------------------------------------------------------


def visit_block_latex(self: Any, node: nodes.Element) -> None:
    # The target of every link to the note (Sphinx labels sections, not containers).
    self.body.append("\n" + self.hypertarget_to(node, anchor=True) + "\n")


def depart_nothing(self: Any, node: nodes.Element) -> None:
    pass


def visit_header_latex(self: Any, node: nodes.Element) -> None:
    note = note_of(self.builder, node["pn_key"])
    if note is None:
        raise nodes.SkipNode
    star = f"~{LATEX_STAR}" if note.pick else ""
    if node.get("pn_page_title"):
        if note.pick:
            self.body.append(f"\n\\par\\noindent{LATEX_STAR}\\par\n")
    else:
        # Imported here: only LaTeX builds need the LaTeX writer.
        from sphinx.writers.latex import LATEXSECTIONNAMES

        # One level below the section the note is in, unnumbered, and in the
        # PDF outline at that level.
        names = self.sectionnames
        command = names[min(max(self.sectionlevel + 1, 0), len(names) - 1)]
        level = LATEXSECTIONNAMES.index(command) - 1
        title = self.encode(note.display_title)
        self.pn_bookmarks = getattr(self, "pn_bookmarks", 0) + 1
        self.body.append(
            f"\n\\pdfbookmark[{level}]{{{title}}}{{pn.bookmark.{self.pn_bookmarks}}}\n"
            f"\\{command}*{{{title}{star}}}\n"
        )
    _walk(self, node, meta_lines(self, node))
    raise nodes.SkipNode


def visit_pick_latex(self: Any, node: nodes.Element) -> None:
    self.body.append(self.encode(node.astext()).replace(STAR, LATEX_STAR))
    raise nodes.SkipNode


# -- text, man, texinfo -----------------------------------------------------------


def visit_block_texinfo(self: Any, node: nodes.Element) -> None:
    for node_id in node["ids"]:
        self.add_anchor(node_id, node)


def visit_header_plain(self: Any, node: nodes.Element) -> None:
    note = note_of(self.builder, node["pn_key"])
    if note is None:
        raise nodes.SkipNode
    parts: list[nodes.Element] = []
    star = f" {STAR}" if note.pick else ""
    if not node.get("pn_page_title"):
        parts.append(nodes.rubric("", note.display_title + star))
    elif note.pick:
        parts.append(nodes.paragraph("", STAR))
    _walk(self, node, parts + meta_lines(self, node))
    raise nodes.SkipNode


# -- shared by every print format -----------------------------------------------


def visit_bibtex_print(self: Any, node: nodes.Element) -> None:
    note = note_of(self.builder, node["pn_key"])
    if note is None:
        raise nodes.SkipNode
    if self.builder.format == "latex" and not settings(self.builder.config).latex_bibtex:
        raise nodes.SkipNode
    text = entry_text(self.builder, collection_of(self.builder), note)
    block = nodes.literal_block(text, text, language="none", classes=["pn-bibtex-entry"])
    _walk(self, node, [block])
    raise nodes.SkipNode


def visit_backlinks_print(self: Any, node: nodes.Element) -> None:
    note = note_of(self.builder, node["pn_key"])
    sources = backlinks(self.builder, _page(self), note) if note is not None else []
    if sources:
        items = [_linked(link) for link in sources]
        _walk(self, node, [_line(_("Referenced by:"), *_joined(items))])
    raise nodes.SkipNode


def visit_neighbours_print(self: Any, node: nodes.Element) -> None:
    note = note_of(self.builder, node["pn_key"])
    before, after = neighbours(self.builder, _page(self), note) if note else (None, None)
    parts: list[nodes.Node] = []
    if before is not None:
        parts += [nodes.Text(_("Previous note:") + " "), _linked(before)]
    if after is not None:
        parts += [nodes.Text(" · " if parts else ""), nodes.Text(_("Next note:") + " ")]
        parts.append(_linked(after))
    if parts:
        _walk(self, node, [nodes.paragraph("", "", *parts)])
    raise nodes.SkipNode


def visit_part_man(self: Any, node: nodes.Element) -> None:
    # A summary or body starts a paragraph of its own, not the previous one's.
    self.ensure_eol()
    self.body.append(".sp\n")


def part_visitors() -> Visitors:
    return {"man": (visit_part_man, depart_nothing)}


def block_visitors() -> Visitors:
    return {
        "latex": (visit_block_latex, depart_nothing),
        "texinfo": (visit_block_texinfo, depart_nothing),
    }


def pick_visitors() -> Visitors:
    return {"latex": (visit_pick_latex, None)}


def visit_chip_print(self: Any, node: nodes.Element) -> None:
    # A chip kept only for the HTML tag filter is not part of the printed entry.
    if node.get("pn_hidden"):
        raise nodes.SkipNode
    self.visit_inline(node)


def depart_chip_print(self: Any, node: nodes.Element) -> None:
    self.depart_inline(node)


def chip_visitors() -> Visitors:
    return {
        fmt: (visit_chip_print, depart_chip_print) for fmt in ("latex", "text", "man", "texinfo")
    }


def leaf_visitors(name: str) -> Visitors:
    if name == "header":
        return {
            "latex": (visit_header_latex, None),
            **{fmt: (visit_header_plain, None) for fmt in ("text", "man", "texinfo")},
        }
    visit = {
        "bibtex": visit_bibtex_print,
        "backlinks": visit_backlinks_print,
        "neighbours": visit_neighbours_print,
    }[name]
    return {fmt: (visit, None) for fmt in PRINT_FORMATS}
