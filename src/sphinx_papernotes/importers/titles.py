"""The issue-title pattern many paper-note collections use.

``[Paper Note] Title, FirstAuthor+, Venue'YY, YYYY.MM``: an optional
``[Paper Note]`` prefix, the paper's title, its first author (``+`` marks a
truncated author list), the venue with its year, and optionally the month the
paper appeared. The title itself may hold commas: the pattern is read from
the right. Titles that do not follow it are kept as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.text import clean_text
from ..model.venues import NO_VENUE, parse_venue

_PREFIX_RE = re.compile(r"^\s*[\[【]\s*paper\s*notes?\s*[\]】]\s*[:：]?\s*", re.IGNORECASE)
_MONTH_RE = re.compile(r"(\d{4})\.\d{1,2}(?:\.\d{1,2})?")
_COMMA_RE = re.compile(r"\s*,\s*")
_HAS_LETTER_RE = re.compile(r"[^\W\d_]")
MAX_AUTHORS_LENGTH = 100
MAX_VENUE_LENGTH = 60


@dataclass(frozen=True)
class IssueTitle:
    """What a title gave; ``matched`` is False for titles kept as they are."""

    title: str
    authors: str | None = None
    venue: str | None = None  # as written (``ICLR'25``); None for N_A
    year: str | None = None  # from ``YYYY.MM`` when the venue gives no year
    matched: bool = False
    had_prefix: bool = False


def parse_issue_title(text: str) -> IssueTitle:
    """Split a title written as ``[Paper Note] Title, FirstAuthor+, Venue'YY[, YYYY.MM]``.

    The pattern matches when, read from the right, there is an optional
    ``YYYY.MM``, then a venue that names a year (``ICLR'25``, ``NeurIPS 2024
    Workshop``, ``arXiv'23``) or says there is none (``N_A``), then a first
    author, then a non-empty title. A year comes from ``YYYY.MM`` only when
    the venue gives none.
    """
    value = clean_text(text)
    prefix = _PREFIX_RE.match(value)
    if prefix:
        value = value[prefix.end() :]
    plain = IssueTitle(value, had_prefix=prefix is not None)
    # Pieces between commas, and where each starts, so the title keeps its own commas.
    separators = list(_COMMA_RE.finditer(value))
    starts = [0, *(match.end() for match in separators)]
    ends = [*(match.start() for match in separators), len(value)]
    pieces = [value[start:end] for start, end in zip(starts, ends, strict=True)]
    month_year: str | None = None
    month = _MONTH_RE.fullmatch(pieces[-1])
    if len(pieces) >= 4 and month:
        month_year = month.group(1)
        pieces.pop()
    if len(pieces) < 3:
        return plain
    venue_text, authors = pieces[-1], pieces[-2]
    title = value[: ends[len(pieces) - 3]].strip()
    if not title or not _is_author(authors):
        return plain
    venue_name: str | None
    if venue_text.casefold() in NO_VENUE:
        venue_name, venue_year = None, None
    else:
        venue = parse_venue(venue_text)
        if venue.problems or not venue.value.name or venue.value.year is None:
            return plain
        if len(venue_text) > MAX_VENUE_LENGTH:
            return plain
        venue_name, venue_year = venue_text, venue.value.year
    return IssueTitle(
        title=title,
        authors=authors,
        venue=venue_name,
        year=month_year if venue_year is None else None,
        matched=True,
        had_prefix=prefix is not None,
    )


def _is_author(text: str) -> bool:
    """A name (or ``Name+``): letters, no digits, not too long."""
    return (
        0 < len(text) <= MAX_AUTHORS_LENGTH
        and _HAS_LETTER_RE.search(text) is not None
        and not any(ch.isdigit() for ch in text)
    )
