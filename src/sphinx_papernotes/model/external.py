"""Notes of another collection, read from its ``papernotes.json`` (schema 1).

The other site's export is data from elsewhere: every field is checked, a
note without a usable id or address is skipped, and a wrong field is left
empty, as for our own notes. The notes become :class:`Note` records (so
listings select, sort and show them like ours) whose ``docname`` names the
collection; the address of each is kept beside them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

from .authors import AuthorList
from .dates import parse_date
from .ids import is_valid_id
from .note import Note
from .text import clean_text

SCHEMA = 1
# No document of a project can be named so: a NUL is never in a file name.
EXTERNAL_PREFIX = "\x00collection/"


class SchemaError(ValueError):
    """The data is not a schema-1 ``papernotes.json``."""


@dataclass(frozen=True)
class ExternalCollection:
    """The notes of one other collection, with the address of each."""

    name: str
    notes: tuple[Note, ...] = ()
    urls: dict[str, str] = field(default_factory=dict)  # note id -> address
    skipped: int = 0  # entries that could not be read
    origin: str = ""  # a digest of the text it was read from (see other_collections)

    @cached_property
    def by_id(self) -> dict[str, Note]:
        return {note.id: note for note in self.notes}

    @cached_property
    def digest(self) -> str:
        """Changes whenever anything shown of the collection does."""
        return self.origin or hashlib.sha1(repr((self.notes, self.urls)).encode()).hexdigest()

    def url_of(self, note: Note) -> str | None:
        return self.urls.get(note.id)


def external_docname(name: str) -> str:
    return f"{EXTERNAL_PREFIX}{name}"


def is_external(note: Note) -> bool:
    return note.docname.startswith(EXTERNAL_PREFIX)


def read_collection(name: str, data: Any, base: str) -> ExternalCollection:
    """The notes of a schema-1 export; ``base`` is the address its ``url`` values are
    relative to (the other site's root, ending in ``/``).

    Raises :class:`SchemaError` when ``data`` is not such an export at all.
    """
    if not isinstance(data, dict):
        raise SchemaError("not a JSON object")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise SchemaError(f"schema {schema!r}, expected {SCHEMA}")
    entries = data.get("notes")
    if not isinstance(entries, list):
        raise SchemaError("no 'notes' list")
    notes: list[Note] = []
    urls: dict[str, str] = {}
    skipped = 0
    for entry in entries:
        note, url = _note(name, entry, base)
        if note is None or url is None or note.id in urls:
            skipped += 1
            continue
        notes.append(note)
        urls[note.id] = url
    return ExternalCollection(name, tuple(notes), urls, skipped)


def _note(name: str, entry: Any, base: str) -> tuple[Note | None, str | None]:
    if not isinstance(entry, dict):
        return None, None
    note_id = entry.get("id")
    if not isinstance(note_id, str) or not is_valid_id(note_id):
        return None, None
    url = _address(entry.get("url"), base)
    if url is None:
        return None, None
    authors = tuple(clean_text(a) for a in _strings(entry.get("authors")) if clean_text(a))
    year = entry.get("year")
    date = entry.get("date")
    note = Note(
        id=note_id,
        docname=external_docname(name),
        lineno=0,
        anchor=f"note-{note_id}",
        title=_text(entry.get("title")),
        authors=AuthorList(authors, entry.get("authors_truncated") is True),
        venue=_text(entry.get("venue")) or None,
        year=year if isinstance(year, int) and not isinstance(year, bool) else None,
        date=parse_date(date).value if isinstance(date, str) else None,
        tags=tuple(dict.fromkeys(t for t in map(_text, _strings(entry.get("tags"))) if t)),
        summary=_text(entry.get("summary")),
        pick=entry.get("pick") is True,
    )
    return note, url


def _address(value: Any, base: str) -> str | None:
    """The note's address: relative ones joined to ``base``; only http(s) or relative."""
    if not isinstance(value, str) or not value or any(ch.isspace() for ch in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme:
        return value if parts.scheme in ("http", "https") and parts.netloc else None
    if value.startswith("/") or ".." in value.split("#")[0].split("/"):
        return None  # stays inside the other site
    if base.startswith(("http://", "https://")):
        return urljoin(base, value)
    return base + value  # a folder relative to our output: joined as text, "../" kept


def _text(value: Any) -> str:
    return clean_text(value) if isinstance(value, str) else ""


def _strings(value: Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
