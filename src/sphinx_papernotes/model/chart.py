"""What a chart of the collection counts, as plain data, no Sphinx.

The numbers are computed once, here; the picture, its text description, the
table for text builders and the freshness digest are all drawn from them, so
they can never disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .collection import NO_YEAR, name_order
from .note import Note

BY = ("year", "month", "venue", "tag")
DEFAULT_TOP = 10
# A time axis has no gaps, so its length is set by the oldest and newest
# note: it is cut to the most recent years or months (older notes are left
# out, and the directive warns), so one odd date cannot make a huge chart.
MAX_YEARS = 100
MAX_MONTHS = 120


@dataclass(frozen=True)
class ChartSpec:
    """What a ``note-chart`` asks for, besides its note filter."""

    by: str = "year"
    top: int = DEFAULT_TOP


@dataclass(frozen=True)
class ChartData:
    """Bars (``categories``), each split into stacked ``series`` of counts.

    ``left_out`` counts the notes not in any bar: no year, no date, no venue,
    no tag, beyond the ``top`` venues or tags, or older than a time axis
    cut to its maximum length (``cut`` of them).
    """

    by: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]
    notes: int
    left_out: int
    cut: int = 0

    def totals(self) -> tuple[int, ...]:
        return tuple(
            sum(counts[index] for _name, counts in self.series)
            for index in range(len(self.categories))
        )


def chart_data(spec: ChartSpec, notes: Sequence[Note]) -> ChartData:
    """Count ``notes`` as ``spec`` says."""
    if spec.by == "venue":
        return _by_venue(spec.top, notes)
    if spec.by == "tag":
        counts = Counter(tag for note in notes for tag in note.tags)
        top = sorted(counts, key=lambda tag: (-counts[tag], name_order(tag)))[: spec.top]
        kept = set(top)
        left_out = sum(1 for note in notes if not kept.intersection(note.tags))
        series = (("notes", tuple(counts[tag] for tag in top)),)
        return ChartData("tag", tuple(top), series, len(notes), left_out)
    if spec.by == "month":
        keys = [note.date[:7] for note in notes if note.date]
        categories = _months(keys)
    else:
        keys = [str(note.year) for note in notes if note.year]
        categories = [str(year) for year in _span(keys)]
    counts = Counter(keys)
    shown = sum(counts[key] for key in categories)
    return ChartData(
        spec.by,
        tuple(categories),
        (("notes", tuple(counts[key] for key in categories)),),
        len(notes),
        len(notes) - shown,
        len(keys) - shown,
    )


def _span(years: list[str]) -> range:
    """Every year from the first to the last (at most ``MAX_YEARS``, the most recent):
    a time axis without gaps."""
    if not years:
        return range(0)
    numbers = [int(year) for year in years]
    last = max(numbers)
    return range(max(min(numbers), last - MAX_YEARS + 1), last + 1)


def _months(months: list[str]) -> list[str]:
    """Every month from the first to the last ``YYYY-MM`` (at most ``MAX_MONTHS``,
    the most recent)."""
    if not months:
        return []
    first, last = (int(key[:4]) * 12 + int(key[5:7]) - 1 for key in (min(months), max(months)))
    start = max(first, last - MAX_MONTHS + 1)
    return [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(start, last + 1)]


def _by_venue(top: int, notes: Sequence[Note]) -> ChartData:
    """The ``top`` venues, each bar stacked by year (oldest at the bottom)."""
    counts = Counter(note.venue for note in notes if note.venue)
    venues = sorted(counts, key=lambda venue: (-counts[venue], name_order(venue)))[:top]
    index = {venue: position for position, venue in enumerate(venues)}
    by_year: dict[str, list[int]] = {}
    for note in notes:
        if note.venue in index:
            year = str(note.year) if note.year else NO_YEAR
            by_year.setdefault(year, [0] * len(venues))[index[note.venue]] += 1
    years = sorted(by_year, key=lambda year: (not year.isdigit(), year))
    shown = sum(counts[venue] for venue in venues)
    return ChartData(
        "venue",
        tuple(venues),
        tuple((year, tuple(by_year[year])) for year in years),
        len(notes),
        len(notes) - shown,
    )
