"""Docutils nodes for listings: note entries, tag clouds, venue tables.

Used at resolve time by the listing directives and by the generated tag and
venue pages, so both show a note the same way. Links are made relative to
the page being written by a :class:`Links` helper.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.builders import Builder
from sphinx.errors import NoUri

from .addresses import note_uri
from .model import Collection, Note
from .model.chips import VENUE_BADGE_CLASSES, chip_classes, tag_weight
from .model.external import is_external
from .model.listing import TagRow, VenueRow, YearGroup
from .model.tags import entry_tags, filter_only_tags
from .nodes import pick_mark
from .nodes import tag_chip as chip_node
from .page_addresses import page_uri
from .translation import _


class Links:
    """Builds links from one page (a document or a generated page)."""

    def __init__(
        self,
        builder: Builder,
        fromdocname: str,
        collection: Collection,
        cached_entries: dict[str, str] | None = None,
        external: dict[str, str] | None = None,
    ) -> None:
        self.builder = builder
        self.fromdocname = fromdocname
        self.collection = collection
        # Note key -> address, for notes of other collections (other_collections.py).
        self.external = external or {}
        # HTML of list entries already rendered for pages of this folder
        # (generated pages show each note on many pages; see pages.py).
        self.cached_entries = cached_entries

    def entry(self, note: Note) -> nodes.Element:
        """A note's list entry, from the cache when there is one."""
        if self.cached_entries is not None and note.key in self.cached_entries:
            return nodes.raw("", self.cached_entries[note.key], format="html")
        return entry_item(note, self)

    def note(self, note: Note, child: nodes.Node) -> nodes.Node:
        """A link to the note, or just ``child`` where the builder has no page for it
        (LaTeX and texinfo leave out documents outside the toctree)."""
        if is_external(note):
            url = self.external.get(note.key)
            if url is None:
                return child
            ref = nodes.reference("", "", child, refuri=url, reftitle=note.citation())
            ref["classes"] += ["pn-note-ref", "pn-external"]
            return ref
        uri = note_uri(self.builder, self.fromdocname, note)
        if uri is None:
            return child
        ref = nodes.reference("", "", child, internal=True, refuri=uri, reftitle=note.citation())
        ref["classes"].append("pn-note-ref")
        return ref

    def page(self, kind: str, name: str, child: nodes.Node, anchor: str = "") -> nodes.Node:
        try:
            uri = page_uri(self.builder, self.fromdocname, kind, name, self.collection)
        except NoUri:
            uri = None
        if uri is None:
            return child
        ref = nodes.reference("", "", child, internal=True, refuri=uri + anchor)
        ref["classes"].append(f"pn-{kind}-ref")
        return ref


def tag_chip(tag: str, links: Links) -> nodes.Node:
    try:
        uri = page_uri(links.builder, links.fromdocname, "tag", tag, links.collection)
    except NoUri:
        uri = None
    return chip_node("", tag, pn_uri=uri, pn_classes=chip_classes(tag))


def venue_badge(note: Note, links: Links) -> nodes.Node:
    badge = nodes.inline("", "", classes=list(VENUE_BADGE_CLASSES))
    if note.venue:
        badge += links.page("venue", note.venue, nodes.Text(note.venue))
    if note.year:
        badge += nodes.Text(f" {note.year}" if note.venue else str(note.year))
    return badge


def no_notes() -> nodes.paragraph:
    return nodes.paragraph("", _("No notes."), classes=["pn-empty"])


def _meta_line(note: Note, links: Links) -> list[nodes.Node]:
    """Authors · venue · date · tags, separated for every builder."""
    parts: list[nodes.Node] = []
    if note.authors.names:
        parts.append(nodes.inline("", note.authors.short(), classes=["pn-entry-authors"]))
    if note.venue or note.year:
        parts.append(venue_badge(note, links))
    if note.date:
        parts.append(nodes.inline("", note.date, classes=["pn-entry-date"]))
    result: list[nodes.Node] = []
    for part in parts:
        result += [nodes.Text(" · ")] if result else []
        result.append(part)
    if note.tags:
        tags = nodes.inline("", "", classes=["pn-entry-tags"])
        _add_chips(tags, note.tags, links)
        result += [nodes.Text(" · ")] if result else []
        result.append(tags)
    return result


def _add_chips(holder: nodes.Element, tags: tuple[str, ...], links: Links) -> None:
    """At most ``ENTRY_TAGS`` chips, then "+N" and the hidden chips the tag
    filter reads (see :mod:`.model.tags`)."""
    shown, hidden = entry_tags(tags)
    for index, tag in enumerate(shown):
        if index:
            holder += nodes.Text(" ")
        holder += tag_chip(tag, links)
    if hidden:
        holder += nodes.inline("", f" +{hidden}", classes=["pn-entry-more-tags"])
    for tag in filter_only_tags(tags):
        holder += chip_node("", tag, pn_uri=None, pn_classes=chip_classes(tag), pn_hidden=True)


def _title_line(note: Note, links: Links) -> nodes.paragraph:
    line = nodes.paragraph("", "", classes=["pn-entry-title"])
    if note.pick:
        line += pick_mark("", "★ ", classes=["pn-pick-mark"])
    line += links.note(note, nodes.Text(note.display_title))
    return line


def entry_item(note: Note, links: Links) -> nodes.list_item:
    item = nodes.list_item(
        "",
        classes=["pn-entry"] + (["pn-pick"] if note.pick else []),
    )
    item += _title_line(note, links)
    meta = _meta_line(note, links)
    if meta:
        item += nodes.paragraph("", "", *meta, classes=["pn-entry-meta"])
    return item


def note_list(notes: Sequence[Note], links: Links, fmt: str = "list") -> list[nodes.Node]:
    if not notes:
        return [no_notes()]
    if fmt == "table":
        return [_note_table(notes, links)]
    if fmt == "cards":
        return [_note_cards(notes, links)]
    items = nodes.bullet_list(classes=["pn-note-list"])
    for note in notes:
        items += links.entry(note)
    return [items]


def _note_table(notes: Sequence[Note], links: Links) -> nodes.table:
    headers = [_("Title"), _("Authors"), _("Venue"), _("Date"), _("Tags")]
    table = nodes.table(classes=["pn-note-table"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (40, 20, 15, 10, 15):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.paragraph("", header) for header in headers])
    group += head
    body = nodes.tbody()
    for note in notes:
        tags = nodes.paragraph("")
        _add_chips(tags, note.tags, links)
        body += _row(
            [
                _title_line(note, links),
                nodes.paragraph("", note.authors.short()),
                nodes.paragraph("", "", venue_badge(note, links))
                if note.venue_label
                else nodes.paragraph(""),
                nodes.paragraph("", note.date or ""),
                tags,
            ]
        )
    group += body
    return table


def _row(cells: Sequence[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", cell)
    return row


def _note_cards(notes: Sequence[Note], links: Links) -> nodes.container:
    grid = nodes.container(classes=["pn-cards", "sd-container-fluid", "sd-sphinx-override"])
    row = nodes.container(classes=["sd-row", "sd-row-cols-1", "sd-row-cols-md-2", "sd-g-3"])
    grid += row
    for note in notes:
        card = nodes.container(
            classes=["pn-card", "sd-card", "sd-sphinx-override", "sd-shadow-sm", "sd-w-100"]
            + (["pn-pick"] if note.pick else [])
        )
        body = nodes.container(classes=["sd-card-body"])
        body += _title_line(note, links)
        meta = _meta_line(note, links)
        if meta:
            body += nodes.paragraph("", "", *meta, classes=["pn-entry-meta"])
        if note.summary:
            body += nodes.paragraph("", note.summary, classes=["pn-entry-summary", "sd-card-text"])
        card += body
        row += nodes.container("", card, classes=["sd-col", "sd-d-flex-row"])
    return grid


def tag_cloud(rows: Sequence[TagRow], links: Links) -> list[nodes.Node]:
    """Every tag with its count, sized by how often it is used."""
    if not rows:
        return [no_notes()]
    top = max(row.count for row in rows)
    cloud = nodes.bullet_list(classes=["pn-tag-cloud"])
    for row in rows:
        weight = tag_weight(row.count, top)
        label = nodes.inline("", "", classes=["pn-tag"])
        label += nodes.Text(row.tag)
        label += nodes.inline("", f" ({row.count})", classes=["pn-count"])
        item = nodes.list_item("", classes=[f"pn-weight-{weight}"])
        item += nodes.paragraph("", "", links.page("tag", row.tag, label))
        cloud += item
    return [cloud]


def venue_table(rows: Sequence[VenueRow], links: Links) -> list[nodes.Node]:
    """Every venue with its years and counts."""
    if not rows:
        return [no_notes()]
    items = nodes.bullet_list(classes=["pn-venue-index"])
    for row in rows:
        line = nodes.paragraph("")
        line += links.page("venue", row.venue, nodes.strong("", row.venue))
        line += nodes.inline("", f" ({row.count})", classes=["pn-count"])
        line += nodes.Text(": ")
        for index, (year, count) in enumerate(row.years):
            if index:
                line += nodes.Text(", ")
            label = nodes.inline("", "", classes=["pn-year"])
            label += nodes.Text(year if year.isdigit() else _("year unknown"))
            label += nodes.inline("", f" ({count})", classes=["pn-count"])
            line += links.page("venue", row.venue, label, anchor=f"#year-{year}")
        items += nodes.list_item("", line)
    return [items]


def year_sections(
    groups: Sequence[YearGroup], links: Links, fmt: str = "list", anchors: bool = False
) -> list[nodes.Node]:
    """One venue's notes under a heading per year, newest first."""
    if not groups:
        return [no_notes()]
    result: list[nodes.Node] = []
    for group in groups:
        block = nodes.container(classes=["pn-year-group"])
        if anchors:
            block["ids"] = [f"year-{group.year}"]
        heading = group.year if group.year.isdigit() else _("Year unknown")
        block += nodes.rubric("", f"{heading} ({len(group.notes)})", classes=["pn-year-heading"])
        block += note_list(group.notes, links, fmt)
        result.append(block)
    return result
