"""``papernotes.json``: every note as data, in the schema of the SPEC (version 1)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
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
    """The whole of ``papernotes.json`` (see :func:`json_chunks`)."""
    return "".join(json_chunks(collection, urls, line))


def json_chunks(
    collection: Collection,
    urls: Mapping[str, str],
    line: Callable[[Note], str] | None = None,
) -> Iterator[str]:
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

    yield f'{{"schema": {dump(SCHEMA_VERSION)},\n "notes": [\n'
    for index, note in enumerate(collection.notes):
        yield ("  " if index == 0 else ",\n  ") + (line or own_line)(note)
    yield (
        f'\n ],\n "tags": {dump(collection.tag_counts)},\n'
        f' "venues": {dump(collection.venue_counts)}}}\n'
    )


def _inert(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
