"""Venue strings such as ``ICLR'25``, ``NeurIPS 2024 Workshop`` or ``N_A``."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .parsed import Parsed
from .text import clean_text, shorten

NO_VENUE = frozenset({"n_a", "n/a", "na", "none", "-"})
MAX_VENUE_LENGTH = 200
# ``'25`` (also with a typographic apostrophe) or a four-digit year that stands
# alone or is glued to the end of the name (``ICLR2025``).
_SHORT_YEAR_RE = re.compile(r"['’‘](\d{2})(?!\d)")
_LONG_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# Two-digit years below this pivot are 20xx, others 19xx. Fixed, so a build
# gives the same result whatever day it runs.
YEAR_PIVOT = 70


@dataclass(frozen=True)
class Venue:
    """A venue name (``ICLR``, ``NeurIPS Workshop``) and the year it gave."""

    name: str | None
    year: int | None


def parse_venue(text: str | None) -> Parsed[Venue]:
    """Split a venue string into its name and year.

    ``ICLR'25``, ``ICLR 2025`` and ``ICLR2025`` all give ``("ICLR", 2025)``;
    ``NeurIPS'24 Workshop`` gives ``("NeurIPS Workshop", 2024)``; ``N_A`` and
    the empty string give no venue.
    """
    if text is None:
        return Parsed(Venue(None, None))
    value = clean_text(text)
    if not value or value.casefold() in NO_VENUE:
        return Parsed(Venue(None, None))
    years: list[tuple[int, int, int]] = []  # (start, end, year)
    for match in _SHORT_YEAR_RE.finditer(value):
        short = int(match.group(1))
        years.append(
            (match.start(), match.end(), 2000 + short if short < YEAR_PIVOT else 1900 + short)
        )
    for match in _LONG_YEAR_RE.finditer(value):
        if not any(start <= match.start() < end for start, end, _ in years):
            years.append((match.start(), match.end(), int(match.group(1))))
    problems: list[str] = []
    year: int | None = None
    name = value
    if len(years) == 1:
        start, end, year = years[0]
        name = f"{value[:start]} {value[end:]}"
    elif len(years) > 1:
        problems.append(f"venue {shorten(value)!r} names several years; the year is left out")
        for start, end, _ in sorted(years, reverse=True):
            name = f"{name[:start]} {name[end:]}"
    name = clean_text(name).strip(" ,;:")
    if name.casefold() in NO_VENUE:
        # "N_A'25": a year but no venue, as "N_A" alone is no venue (not a venue
        # named "N_A" with its own page).
        return Parsed(Venue(None, year), tuple(problems))
    if not name:
        problems.append(f"venue {shorten(value)!r} has a year but no name")
        return Parsed(Venue(None, year), tuple(problems))
    if len(name) > MAX_VENUE_LENGTH:
        problems.append(f"venue {shorten(value)!r} is longer than {MAX_VENUE_LENGTH} characters")
        return Parsed(Venue(None, year), tuple(problems))
    return Parsed(Venue(name, year), tuple(problems))


def apply_venue_alias(name: str, aliases: Mapping[str, str]) -> str:
    """Normalise a venue name through ``papernotes_venue_aliases``.

    The whole name is looked up first, then its first word, so an alias
    ``NIPS -> NeurIPS`` also turns ``NIPS Workshop`` into ``NeurIPS Workshop``.
    Matching ignores case.
    """
    if not aliases:
        return name
    folded = {key.casefold(): clean_text(value) for key, value in aliases.items()}
    whole = folded.get(name.casefold())
    if whole:
        return whole
    head, sep, rest = name.partition(" ")
    first = folded.get(head.casefold())
    if sep and first:
        return f"{first} {rest}"
    return name
