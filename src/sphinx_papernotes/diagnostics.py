"""Warnings about users' notes: one type, ``papernotes``, and documented subtypes.

Every problem found in a project's notes goes through :func:`warn`, so
``-W`` fails the build and ``suppress_warnings = ["papernotes.field"]``
silences one kind. The docs page ``reference/warnings`` lists each subtype.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

if TYPE_CHECKING:
    from .model import Note

logger = logging.getLogger("sphinx_papernotes")

WARNING_TYPE = "papernotes"


class Subtype(enum.StrEnum):
    """What went wrong; the part after ``papernotes.`` in the warning."""

    ID = "id"
    """A note has no id, or an id with characters that are not allowed."""
    DUPLICATE = "duplicate"
    """Two notes share an id, or two explicit ``:bibkey:`` values clash."""
    FIELD = "field"
    """A field could not be used: venue, year, date, authors, tags, pick, title."""
    LINK = "link"
    """A link field is not an id of its site or not an http(s) URL."""
    OPTION = "option"
    """A directive was given an option it does not know, or a value it cannot use."""
    REF = "ref"
    """A ``{note}``, ``{tag}`` or ``{venue}`` reference names nothing."""
    BIB = "bib"
    """A ``:from-bib:`` key is not in the project's ``bibtex_bibfiles``, or they cannot be read."""
    BIBTEX = "bibtex"
    """A note lacks what its BibTeX entry type needs (authors, year); it is still exported."""
    CONFIG = "config"
    """A ``papernotes_*`` setting in ``conf.py`` has a value that cannot be used."""
    SEARCH = "search"
    """``papernotes_search = "pagefind"`` cannot be honoured (Pagefind missing or failing)."""
    COLLECTION = "collection"
    """Another collection's ``papernotes.json`` cannot be read, or is not a schema-1 export."""
    GRAPH = "graph"
    """A ``note-graph`` left notes out (its size cap), or Graphviz's ``dot`` cannot be run."""
    CHART = "chart"
    """A ``note-chart`` is shown as a table: matplotlib (the ``charts`` extra) is not installed."""
    ANCHOR = "anchor"
    """A label on a page has the HTML id of a note's anchor; the note keeps it."""


def warn(subtype: Subtype, message: str, location: Any = None) -> None:
    """Log a located warning of type ``papernotes``."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)


def note_location(note: Note) -> Any:
    """Where a note's warning points: its own file (an included one too) and line."""
    if note.source:
        return f"{note.source}:{note.lineno}"
    return (note.docname, note.lineno)
