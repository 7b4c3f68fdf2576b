"""The issue-title patterns paper-note collections use, read from the right.

``[Paper Note] Title, FirstAuthor+, Affiliation, Venue'YY, YYYY.MM``: every
part after the title is optional, and the title itself may hold commas, so
the pieces are taken from the right, each by a small rule:

1. :func:`read_date` — ``YYYY.MM`` (or a bare ``YYYY``): the year when the
   venue gives none;
2. :func:`read_venue` — a venue with a year (``ICLR'25``, ``ACL23``,
   ``COLING-ACL'98``, ``Tutorial at ACL 2025``), ``N_A`` (none), or a
   journal or book before a date (``Recommender Systems Handbook, 2011.09``)
   unless it names an organisation after an author, perhaps followed by a
   volume (``JMLR, Vol.13``);
3. the affiliation slot (``N_A``, ``RiiiD``, ``Google Research``), only
   between a marked author and the venue, or when it names an organisation;
4. :func:`.names.read_name` — the first author: ``Name+`` or ``Name et al.``
   (a list cut short), or a full name alone; a bracket after it
   (``（with Konstan）``) is kept as a note;
5. the paper's title: everything before, never empty.

Titles that give none of these are kept as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.text import clean_text
from ..model.venues import NO_VENUE, parse_venue
from .names import NamePiece, is_organisation, read_name

_PREFIX_RE = re.compile(r"^\s*[\[【]\s*paper\s*notes?\s*[\]】]\s*[:：]?\s*", re.IGNORECASE)
_MONTH_RE = re.compile(r"((?:19|20)\d{2})\.\d{1,2}(?:\.\d{1,2})?")
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
_GLUED_YEAR_RE = re.compile(r"([A-Za-z][A-Za-z&-]*?[A-Za-z])(\d{2})")  # ACL23
_AT_RE = re.compile(r"(tutorial|workshop|keynote|talk|invited talk)s?\s+at\s+(.+)", re.IGNORECASE)
_VOLUME_RE = re.compile(r"(?:vol|volume|no|issue|pp)\.?\s*\d+(?:\s*[-–]\s*\d+)?", re.IGNORECASE)
MAX_VENUE_LENGTH = 60


@dataclass(frozen=True)
class IssueTitle:
    """What a title gave; ``matched`` is False for titles kept as they are."""

    title: str
    authors: str | None = None  # ``Name+`` for a list cut short
    venue: str | None = None  # as the ``:venue:`` field reads it (``ICLR'25``)
    year: str | None = None  # from the date, when the venue gives none
    affiliation: str | None = None
    notes: tuple[str, ...] = ()  # bracketed author notes, volumes: kept in the body
    matched: bool = False
    had_prefix: bool = False

    @property
    def first_author(self) -> str | None:
        return self.authors.removesuffix("+") if self.authors else None


def split_pieces(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each comma-separated piece; commas in brackets do not split."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for index, ch in enumerate(text):
        if ch in "(（[":
            depth += 1
        elif ch in ")）]" and depth:
            depth -= 1
        elif ch == "," and depth == 0:
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(text)))
    return spans


def read_date(piece: str) -> str | None:
    """The year of ``2025.11``, ``2025.11.03`` or a bare ``2020``."""
    match = _MONTH_RE.fullmatch(piece) or _YEAR_RE.fullmatch(piece)
    if match is None:
        return None
    return match.group(1) if match.groups() else match.group(0)


def read_venue(piece: str) -> tuple[str | None, int | None] | None:
    """``(venue for :venue:, its year)`` of a venue that names a year, ``N_A`` or none.

    ``ACL23`` becomes ``ACL'23`` and ``Tutorial at ACL 2025`` becomes ``ACL
    2025 Tutorial``, so that the ``:venue:`` field reads the name and year a
    reader sees. ``N_A`` gives ``(None, None)``; anything else gives ``None``.
    """
    value = clean_text(piece)
    if value.casefold() in NO_VENUE:
        return None, None
    at = _AT_RE.fullmatch(value)
    if at:
        value = f"{at.group(2)} {at.group(1).title()}"
    glued = _GLUED_YEAR_RE.fullmatch(value)
    if glued:
        value = f"{glued.group(1)}'{glued.group(2)}"
    if not value[:1].isalpha() or len(value) > MAX_VENUE_LENGTH:
        return None
    venue = parse_venue(value)
    if venue.problems or not venue.value.name or venue.value.year is None:
        return None
    return value, venue.value.year


def _is_journal(piece: str) -> bool:
    """A venue without a year (before a date): starts with a letter, not too long."""
    value = clean_text(piece)
    return (
        bool(value[:1].isalpha()) and len(value) <= MAX_VENUE_LENGTH and read_date(value) is None
    )


def parse_issue_title(text: str) -> IssueTitle:
    """Split a title as described in the module docstring."""
    value = clean_text(text)
    prefix = _PREFIX_RE.match(value)
    if prefix:
        value = value[prefix.end() :]
    value = value.rstrip(" ,、，")
    plain = IssueTitle(value, had_prefix=prefix is not None)
    spans = split_pieces(value)
    pieces = [value[start:end].strip() for start, end in spans]
    count = len(pieces)  # pieces[:count] are still to read
    if count < 2:
        return plain
    notes: list[str] = []

    date_year = read_date(pieces[count - 1])
    if date_year is not None:
        count -= 1

    venue: str | None = None
    venue_year: int | None = None
    venue_found = False
    if count >= 2 and _VOLUME_RE.fullmatch(pieces[count - 1]) and count >= 3:
        notes.append(pieces[count - 1])
        count -= 1
        venue, venue_found = clean_text(pieces[count - 1]), True
        count -= 1
    elif count >= 2:
        found = read_venue(pieces[count - 1])
        if found is not None:
            (venue, venue_year), venue_found = found, True
            count -= 1
        elif date_year is not None and _is_journal(pieces[count - 1]):
            name = read_name(pieces[count - 1])
            before = read_name(pieces[count - 2]) if count >= 3 else None
            # After an author, an organisation is an affiliation (``Ann Lee+, OpenAI, 2024.05``).
            affiliation_next = before is not None and is_organisation(pieces[count - 1])
            if not affiliation_next and (
                name is None or (not name.truncated and before is not None and before.truncated)
            ):
                venue, venue_found = clean_text(pieces[count - 1]), True
                count -= 1

    author: NamePiece | None = None
    affiliation: str | None = None
    affiliation_slot = False
    if count >= 3:
        marked = read_name(pieces[count - 2])
        last = pieces[count - 1]
        if (
            marked is not None
            and read_name(last, alone_allowed=False) is None
            and (marked.truncated or last.casefold() in NO_VENUE or is_organisation(last))
        ):
            author, affiliation_slot = marked, True
            affiliation = None if last.casefold() in NO_VENUE else last.replace("_", "/")
            count -= 2
    if author is None and count >= 2:
        author = read_name(pieces[count - 1])
        if author is not None:
            count -= 1
    if not (venue_found or author or date_year):
        return plain
    title = value[: spans[count - 1][1]].strip() if count else ""
    if not title:
        return plain
    if author is not None and author.note:
        notes.insert(0, author.note)
    return IssueTitle(
        title=title,
        authors=(author.name + ("+" if author.truncated else "")) if author else None,
        venue=venue,
        year=date_year if venue_year is None else None,
        affiliation=affiliation if affiliation_slot else None,
        notes=tuple(notes),
        matched=True,
        had_prefix=prefix is not None,
    )
