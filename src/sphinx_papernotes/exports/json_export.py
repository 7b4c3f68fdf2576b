"""``papernotes.json``: every note as data, in the schema of the SPEC (version 1)."""

from __future__ import annotations

import json
from collections.abc import Mapping
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


def to_json(collection: Collection, urls: Mapping[str, str]) -> str:
    """Serialised export, one note per line: readable, diff-friendly and fast
    (Python's C encoder only runs without ``indent``).

    ``<``, ``>`` and ``&`` are escaped as ``\\u003c`` and so on, so the file
    stays inert even if someone pastes it into a page.
    """
    data = to_json_data(collection, urls)

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    notes = ",\n".join("  " + dump(note) for note in data["notes"])
    text = (
        f'{{"schema": {dump(data["schema"])},\n'
        f' "notes": [\n{notes}\n ],\n'
        f' "tags": {dump(data["tags"])},\n'
        f' "venues": {dump(data["venues"])}}}\n'
    )
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
