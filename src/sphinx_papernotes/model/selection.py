"""Which notes a listing shows: filters, ranges and sort orders, no Sphinx."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .ids import id_sort_key
from .note import Note
from .parsed import Parsed
from .text import clean_text, shorten

SORT_ORDERS = ("date", "-date", "year", "-year", "title", "id")
DEFAULT_SORT = "-date"
FORMATS = ("list", "table", "cards")
_RANGE_RE = re.compile(r"(\d{4})\s*(?:-|–|\.\.)\s*(\d{4})")


@dataclass(frozen=True)
class NoteQuery:
    """A filter and order over notes; every field empty means "all notes"."""

    tags: tuple[str, ...] = ()
    any_tags: tuple[str, ...] = ()
    venue: str | None = None
    years: tuple[int, int] | None = None
    pick: bool | None = None
    sort: str = DEFAULT_SORT
    limit: int | None = None

    def matches(self, note: Note) -> bool:
        if self.tags and not all(tag in note.tags for tag in self.tags):
            return False
        if self.any_tags and not any(tag in note.tags for tag in self.any_tags):
            return False
        if self.venue is not None and note.venue != self.venue:
            return False
        if self.years is not None and (
            note.year is None or not self.years[0] <= note.year <= self.years[1]
        ):
            return False
        return self.pick is None or note.pick == self.pick


def select(
    query: NoteQuery,
    all_notes: Sequence[Note],
    by_tag: Callable[[str], Sequence[Note]],
    by_venue: Callable[[str], Sequence[Note]],
) -> list[Note]:
    """The notes a query shows, in its order, at most ``limit`` of them.

    Starts from the smallest index that applies (a tag's or a venue's notes)
    so a listing costs about the notes it shows, not the whole collection.
    """
    candidates: Sequence[Note] = all_notes
    if query.venue is not None:
        candidates = by_venue(query.venue)
    if query.tags:
        smallest = min((by_tag(tag) for tag in query.tags), key=len)
        if len(smallest) < len(candidates):
            candidates = smallest
    chosen = sort_notes([note for note in candidates if query.matches(note)], query.sort)
    return chosen if query.limit is None else chosen[: query.limit]


def sort_notes(notes: Iterable[Note], order: str = DEFAULT_SORT) -> list[Note]:
    """Sort by ``order``; notes missing the sort field come last, ties by id."""
    by_id = sorted(notes, key=lambda n: (id_sort_key(n.id), n.docname, n.lineno))
    descending = order.startswith("-")
    field = order.lstrip("-")
    key: Callable[[Note], Any]
    if field == "date":
        key = lambda n: n.date or ""  # noqa: E731
    elif field == "year":
        key = lambda n: n.year or 0  # noqa: E731
    elif field == "title":
        key = lambda n: n.display_title.casefold()  # noqa: E731
    else:
        return by_id[::-1] if descending else by_id
    present = [note for note in by_id if key(note)]
    missing = [note for note in by_id if not key(note)]
    # sorted() is stable, so equal keys keep id order in both directions.
    return sorted(present, key=key, reverse=descending) + missing


def parse_year_range(text: str | None) -> Parsed[tuple[int, int] | None]:
    """``2024`` or ``2021-2024`` (also ``2021..2024``)."""
    value = clean_text(text or "")
    if not value:
        return Parsed(None)
    # isdecimal(), not isdigit(): "²²²²" is digits that int() refuses.
    if value.isdecimal() and len(value) == 4:
        return Parsed((int(value), int(value)))
    match = _RANGE_RE.fullmatch(value)
    if match:
        low, high = sorted((int(match.group(1)), int(match.group(2))))
        return Parsed((low, high))
    return Parsed(None, (f"year {shorten(value)!r} is not a year or a range like 2021-2024",))


def parse_choice(name: str, text: str | None, choices: Sequence[str], default: str) -> Parsed[str]:
    value = clean_text(text or "")
    if not value:
        return Parsed(default)
    if value in choices:
        return Parsed(value)
    return Parsed(
        default,
        (f"{name} {shorten(value)!r} is not one of {', '.join(choices)}; using {default}",),
    )


def parse_count(name: str, text: str | None) -> Parsed[int | None]:
    """A whole number >= 0 (``limit``, ``min-count``)."""
    value = clean_text(text or "")
    if not value:
        return Parsed(None)
    if value.isdecimal():  # not isdigit(): int() refuses "²"
        return Parsed(int(value))
    return Parsed(None, (f"{name} {shorten(value)!r} is not a whole number; ignored",))


def parse_flag(name: str, text: str | None) -> Parsed[bool | None]:
    """An option given alone means yes; ``yes``/``no`` spelled out also work.

    Anything else is ``None`` (with a problem): the caller decides what an
    unreadable flag means (a note is not a pick; a listing does not filter).
    """
    value = clean_text(text or "").lower()
    if value in ("", "yes", "true", "on", "1"):
        return Parsed(True)
    if value in ("no", "false", "off", "0"):
        return Parsed(False)
    return Parsed(None, (f"{name} takes no value (or yes/no), not {shorten(value)!r}",))
