"""``papernotes.json``: every note as data, in the schema of the SPEC (version 1)."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from ..model import Collection, Note

SCHEMA_VERSION = 1


def note_record(note: Note, collection: Collection, url: str | None) -> dict[str, Any]:
    """One note as a JSON object; missing fields are ``null``, ``""`` or empty."""
    return {
        "id": note.id,
        "title": note.title,
        "authors": list(note.authors.names),
        "authors_truncated": note.authors.truncated,
        "venue": note.venue,
        "year": note.year,
        "date": note.date,
        "tags": list(note.tags),
        "links": dict(note.links),
        "summary": note.summary,
        "pick": note.pick,
        "bibkey": collection.bibkeys.get(note.key),
        "docname": note.docname,
        "url": url,
        "references": collection.references_of(note),
        "referenced_by": [source.id for source in collection.referenced_by(note.id)],
    }


def to_json_data(collection: Collection, urls: Mapping[str, str]) -> dict[str, Any]:
    """The whole export; ``urls`` maps :attr:`Note.key` to the note's page address."""
    return {
        "schema": SCHEMA_VERSION,
        "notes": [note_record(note, collection, urls.get(note.key)) for note in collection.notes],
        "tags": collection.tag_counts,
        "venues": collection.venue_counts,
    }


def note_line(note: Note, collection: Collection, url: str | None) -> str:
    """One note's record as the single line ``papernotes.json`` holds it."""
    return _inert(json.dumps(note_record(note, collection, url), ensure_ascii=False))


def to_json(
    collection: Collection,
    urls: Mapping[str, str],
    line: Callable[[Note], str] | None = None,
) -> str:
    """Serialised export, one note per line: readable, diff-friendly and fast
    (Python's C encoder only runs without ``indent``).

    ``line`` gives a note's line (:func:`note_line` unless a cache has it).
    ``<``, ``>`` and ``&`` are escaped as ``\\u003c`` and so on, so the file
    stays inert even if someone pastes it into a page.
    """

    def own_line(note: Note) -> str:
        return note_line(note, collection, urls.get(note.key))

    def dump(value: Any) -> str:
        return _inert(json.dumps(value, ensure_ascii=False))

    notes = ",\n".join("  " + (line or own_line)(note) for note in collection.notes)
    return (
        f'{{"schema": {dump(SCHEMA_VERSION)},\n'
        f' "notes": [\n{notes}\n ],\n'
        f' "tags": {dump(collection.tag_counts)},\n'
        f' "venues": {dump(collection.venue_counts)}}}\n'
    )


def _inert(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
