"""Dates (``YYYY-MM-DD``) and years."""

from __future__ import annotations

import datetime as dt
import re

from .parsed import Parsed
from .text import shorten

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
YEAR_RE = re.compile(r"\d{4}")
MIN_YEAR = 1000
MAX_YEAR = 2999


def parse_date(text: str | None) -> Parsed[str | None]:
    """An ISO calendar date, returned in canonical ``YYYY-MM-DD`` form."""
    if text is None or not text.strip():
        return Parsed(None)
    value = text.strip()
    if DATE_RE.fullmatch(value):
        try:
            return Parsed(dt.date.fromisoformat(value).isoformat())
        except ValueError:
            pass
    return Parsed(None, (f"invalid date {shorten(value)!r}: expected YYYY-MM-DD",))


def parse_year(text: str | None) -> Parsed[int | None]:
    """A four-digit year between 1000 and 2999."""
    if text is None or not text.strip():
        return Parsed(None)
    value = text.strip()
    if YEAR_RE.fullmatch(value) and MIN_YEAR <= int(value) <= MAX_YEAR:
        return Parsed(int(value))
    return Parsed(None, (f"invalid year {shorten(value)!r}: expected a four-digit year",))
