"""What a listing shows, as plain data: the same for directives, pages and freshness.

A listing is described by a :class:`Listing`; :func:`shown` turns it and a
:class:`Collection` into the exact data a reader sees. Renderers draw that
data, and the incremental-build check compares digests of it, so a page is
rewritten exactly when what it shows changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from .chart import ChartSpec, chart_data
from .collection import NO_YEAR, Collection
from .graph import GraphSpec, build_graph
from .note import Note
from .selection import NoteQuery, select, sort_notes

NOTES = "notes"  # note-list
TAGS = "tags"  # tag-index
VENUES = "venues"  # venue-list without argument
VENUE = "venue"  # venue-list ICLR: one venue's notes by year
GRAPH = "graph"  # note-graph
CHART = "chart"  # note-chart


@dataclass(frozen=True)
class Listing:
    """One listing on a page: its kind, filter and presentation."""

    kind: str
    query: NoteQuery = field(default_factory=NoteQuery)
    format: str = "list"
    tag_sort: str = "name"
    min_count: int = 0
    # "" for this project's notes, else a name of papernotes_collections or "all".
    collection: str = ""
    # What a note-graph or note-chart draws besides its filter.
    picture: GraphSpec | ChartSpec | None = None


@dataclass(frozen=True)
class TagRow:
    tag: str
    count: int


@dataclass(frozen=True)
class VenueRow:
    venue: str
    years: tuple[tuple[str, int], ...]

    @property
    def count(self) -> int:
        return sum(count for _year, count in self.years)


@dataclass(frozen=True)
class YearGroup:
    year: str
    notes: tuple[Note, ...]


def notes_of(listing: Listing, collection: Collection) -> list[Note]:
    return select(
        listing.query, collection.notes, collection.notes_with_tag, collection.notes_at_venue
    )


def tag_rows(listing: Listing, collection: Collection) -> list[TagRow]:
    rows = [
        TagRow(tag, count)
        for tag, count in collection.tag_counts.items()
        if count >= listing.min_count
    ]
    if listing.tag_sort == "count":
        rows.sort(key=lambda row: -row.count)  # stable: ties stay in name order
    return rows


def venue_rows(collection: Collection) -> list[VenueRow]:
    return [
        VenueRow(venue, tuple(years.items())) for venue, years in collection.venue_counts.items()
    ]


def year_groups(listing: Listing, collection: Collection) -> list[YearGroup]:
    """One venue's notes by year: newest year first, newest note first inside it."""
    groups: dict[str, list[Note]] = {}
    for note in notes_of(listing, collection):
        groups.setdefault(str(note.year) if note.year else NO_YEAR, []).append(note)
    order = sorted(
        groups, key=lambda year: (not year.isdigit(), -int(year or 0) if year.isdigit() else 0)
    )
    return [YearGroup(year, tuple(sort_notes(groups[year], "-date"))) for year in order]


def shown(
    listing: Listing, collection: Collection, entry: Callable[[Note], Any] | None = None
) -> Any:
    """Everything the listing displays, as comparable plain data.

    ``entry`` stands in for :func:`entry_data` of each note: the freshness
    check passes a per-note digest computed once, so that 700 pages listing
    the same notes do not gather each note's data again.
    """
    if entry is None:
        entry = partial(entry_data, collection=collection)
    if listing.kind == TAGS:
        return [
            (row.tag, row.count, collection.tag_slugs[row.tag])
            for row in tag_rows(listing, collection)
        ]
    if listing.kind == VENUES:
        return [(row, collection.venue_slugs[row.venue]) for row in venue_rows(collection)]
    if listing.kind == VENUE:
        return [
            (group.year, [entry(note) for note in group.notes])
            for group in year_groups(listing, collection)
        ]
    if isinstance(listing.picture, GraphSpec):
        graph = build_graph(listing.picture, listing.query, collection)
        return (
            [entry(note) for note in graph.notes],
            graph.edges,
            [note.id for note in graph.left_out],
            graph.edges_left_out,
        )
    if isinstance(listing.picture, ChartSpec):
        return chart_data(listing.picture, notes_of(listing, collection))
    return [entry(note) for note in notes_of(listing, collection)]


def entry_data(note: Note, collection: Collection) -> tuple[Any, ...]:
    """What an entry of a listing shows of a note."""
    return (
        note.key,
        note.display_title,
        note.authors.short(),
        note.venue,
        note.year,
        note.date,
        note.pick,
        note.summary,
        tuple((tag, collection.tag_slugs.get(tag)) for tag in note.tags),
        collection.venue_slugs.get(note.venue or ""),
    )
