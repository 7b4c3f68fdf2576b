"""After a document is read: settle note titles and record its references.

Runs on ``doctree-read`` before Sphinx's title collector, so a page that holds
one note and no heading takes the note's title (toctree, ``<title>``, search).
"""

from __future__ import annotations

import dataclasses

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .diagnostics import Subtype, note_location, warn
from .domain import DOMAIN, get_domain
from .inline_markup import enforce
from .model import Note, Reference
from .model.text import clean_text
from .nodes import note_block, note_header

# Sphinx's own collectors run at the default priority (500).
BEFORE_TITLE_COLLECTOR = 400


def settle_document(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    domain = get_domain(env)
    blocks = {block["pn_key"]: block for block in doctree.findall(note_block)}
    notes = domain.notes_in(docname)
    section = next(iter(doctree.findall(nodes.section)), None)
    page_title = section[0].astext() if section is not None else doctree.get("title", "")
    settled = []
    for note in notes:
        block = blocks.get(note.key)
        note = _settle_summary(note, block)
        if block is not None and (condition := _only_condition(block)) != note.only:
            note = dataclasses.replace(note, only=condition)
        if not note.title:
            if len(notes) == 1 and page_title:
                note = dataclasses.replace(note, title=page_title)
                _title_on_page(blocks.get(note.key))
            else:
                warn(
                    Subtype.FIELD,
                    f"note {note.id!r} has no title (give :title:, or put it alone on a "
                    "page with a heading)",
                    note_location(note),
                )
        settled.append(note)
    if len(settled) == 1 and section is None:
        _make_page_title(doctree, settled[0], blocks.get(settled[0].key))
    domain.set_notes(docname, settled)
    domain.set_refs(docname, list(_references(doctree, docname)))


def _settle_summary(note: Note, block: nodes.Element | None) -> Note:
    """Apply the summary rule (see :mod:`.inline_markup`) now that docutils has
    resolved substitutions and links, and keep the text the note exports."""
    summary = (
        next(
            (node for node in block.findall(nodes.container) if "pn-summary" in node["classes"]),
            None,
        )
        if block is not None
        else None
    )
    if summary is None:
        return note
    for problem in enforce(summary):
        warn(Subtype.FIELD, f"note {note.id!r}: {problem}", summary.get("pn_where"))
    text, cites = summary_text(summary)
    if text == note.summary and cites == note.summary_cites:
        return note
    return dataclasses.replace(note, summary=text, summary_cites=cites)


# Private-use characters that mark a citation while the text is cleaned.
_OPEN, _CLOSE = "\ue000", "\ue001"


def summary_text(summary: nodes.Element) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """The summary as plain text (``astext``, cleaned), and where in it each
    ``{note}`` reference without its own text stands, with its target: the
    cited note's title is known only once every document is read."""
    targets: list[str] = []

    def text_of(node: nodes.Node) -> str:
        if isinstance(node, nodes.Text):
            return node.astext().replace(_OPEN, "").replace(_CLOSE, "")
        if (
            isinstance(node, addnodes.pending_xref)
            and node.get("refdomain") == DOMAIN
            and node.get("reftype") == "note"
            and not node.get("refexplicit")
        ):
            targets.append(str(node["reftarget"]))
            return _OPEN + node.astext().replace(_OPEN, "").replace(_CLOSE, "") + _CLOSE
        if not isinstance(node, nodes.Element):
            return node.astext()
        return node.child_text_separator.join(text_of(child) for child in node.children)

    marked = clean_text(text_of(summary))
    parts: list[str] = []
    cites: list[tuple[int, int, str]] = []
    for index, piece in enumerate(marked.split(_OPEN)):
        if index == 0:
            parts.append(piece)
            continue
        cited, _, rest = piece.partition(_CLOSE)
        start = sum(map(len, parts))
        parts += [cited, rest]
        cites.append((start, start + len(cited), targets[index - 1]))
    return "".join(parts), tuple(cites)


def _only_condition(block: nodes.Element) -> str:
    """The ``only`` conditions around a note, all of which must hold for a
    builder to render it (Sphinx drops the rest when it writes)."""
    conditions: list[str] = []
    parent = block.parent
    while parent is not None:
        if isinstance(parent, addnodes.only):
            conditions.append(f"({parent['expr']})")
        parent = parent.parent
    return " and ".join(reversed(conditions))


def _make_page_title(doctree: nodes.document, note: Note, block: nodes.Element | None) -> None:
    """Wrap a page that holds one note and no heading in a section titled by the note.

    Sphinx takes page titles, toctree entries and search titles from the first
    section, so the note's title becomes the page's ``<h1>`` instead of being
    written twice.
    """
    section = nodes.section("", ids=[f"{note.anchor}-page"], names=[])
    section += nodes.title(note.display_title, note.display_title)
    if block is not None:
        for node in (section, section[0]):
            node.source, node.line = block.source, block.line
    section.extend(doctree.children)
    doctree.children = []
    doctree += section
    _title_on_page(block)


def _title_on_page(block: nodes.Element | None) -> None:
    """The page's heading is the note's title: its header draws no heading."""
    header = next(iter(block.findall(note_header)), None) if block is not None else None
    if header is not None:
        header["pn_page_title"] = True


def _references(doctree: nodes.document, docname: str) -> list[Reference]:
    refs = []
    for xref in doctree.findall(addnodes.pending_xref):
        if xref.get("refdomain") != DOMAIN:
            continue
        source = None
        parent = xref.parent
        while parent is not None:
            if isinstance(parent, note_block):
                source = parent["pn_key"]
                break
            parent = parent.parent
        refs.append(
            Reference(
                kind=xref["reftype"],
                target=xref["reftarget"],
                docname=docname,
                lineno=xref.line or 0,
                source=source,
            )
        )
    return refs


def setup_settle_notes(app: Sphinx) -> None:
    app.connect("doctree-read", settle_document, priority=BEFORE_TITLE_COLLECTOR)
