"""What a note's header and chrome show on one page of one builder, as plain data.

The note's doctree keeps only a few leaf nodes naming the note by key (see
:mod:`.nodes`); when a page is written, each builder's visitors ask this
module what to draw (titles, labels, where every link points) and write it in
their own format (:mod:`.note_html`, :mod:`.note_print`). So what a note shows
is decided once, from the collection as it is when the page is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx.builders import Builder

from .addresses import note_uri
from .domain import get_domain
from .model import Collection, Note
from .model.chips import chip_classes
from .page_addresses import page_uri
from .translation import _

LINK_LABELS = {
    "arxiv": "arXiv",
    "openreview": "OpenReview",
    "doi": "DOI",
    "url": "Web",
    "code": "Code",
    "pdf": "PDF",
}


@dataclass(frozen=True)
class Link:
    """Text and where it leads; ``uri`` is ``None`` where the builder has no target."""

    text: str
    uri: str | None
    title: str = ""


@dataclass(frozen=True)
class Tag:
    name: str
    uri: str | None
    classes: tuple[str, ...]


@dataclass(frozen=True)
class Header:
    """The note's title line and metadata, every field already settled."""

    note: Note
    venue: Link | None
    tags: tuple[Tag, ...]

    @property
    def links(self) -> list[tuple[str, str, str]]:
        """``(kind, label, url)`` of each paper link; only http(s) URLs reach a note."""
        return [(kind, LINK_LABELS.get(kind, kind), url) for kind, url in self.note.links]

    def fields(self) -> list[tuple[str, str]]:
        """``(css class, translated label)`` of the metadata fields present, in order."""
        note = self.note
        result = []
        if note.authors.names:
            result.append(("pn-authors", _("Authors")))
        if note.venue or note.year:
            result.append(("pn-venue-field", _("Venue") if note.venue else _("Year")))
        if note.date:
            result.append(("pn-date", _("Date")))
        if note.tags:
            result.append(("pn-tags-field", _("Tags")))
        if note.links:
            result.append(("pn-links-field", _("Links")))
        return result


def collection_of(builder: Builder) -> Collection:
    return get_domain(builder.env).collection


def note_of(builder: Builder, key: str) -> Note | None:
    return collection_of(builder).by_key.get(key)


def note_link(builder: Builder, fromdocname: str, note: Note) -> Link:
    return Link(note.display_title, note_uri(builder, fromdocname, note), note.citation())


def header(builder: Builder, fromdocname: str, note: Note) -> Header:
    collection = collection_of(builder)
    venue = None
    if note.venue:
        venue = Link(note.venue, page_uri(builder, fromdocname, "venue", note.venue, collection))
    tags = tuple(
        Tag(tag, page_uri(builder, fromdocname, "tag", tag, collection), tuple(chip_classes(tag)))
        for tag in note.tags
    )
    return Header(note, venue, tags)


def backlinks(builder: Builder, fromdocname: str, note: Note) -> list[Link]:
    """The notes that reference this one, in id order."""
    return [
        note_link(builder, fromdocname, source)
        for source in collection_of(builder).referenced_by(note.id)
    ]


def neighbours(builder: Builder, fromdocname: str, note: Note) -> tuple[Link | None, Link | None]:
    """The previous and next note in id order."""
    before, after = collection_of(builder).neighbours(note)
    return (
        note_link(builder, fromdocname, before) if before is not None else None,
        note_link(builder, fromdocname, after) if after is not None else None,
    )
