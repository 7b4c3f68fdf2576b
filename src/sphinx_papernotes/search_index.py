"""Sphinx's built-in search: one result per note, landing on the note.

Two things in Sphinx's search index go wrong for notes. Its page rebuilds an
object's anchor from the *display* name when the anchor is ``<type>-<name>``
(so ``#note-105`` became ``#note-An Image is Worth …``), and a page holding a
single note was listed twice: as a page and as a note object.

So the index sees the notes through :class:`_NotesForSearch`: a note alone on
its page is left out of the object results (the page result is the note: its
title is the note's title, its text the note), and a note sharing its page
with others is listed as an object whose anchor is written out in full.
``objects.inv`` (intersphinx) still lists every note by its id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from sphinx.application import Sphinx

from .domain import DOMAIN, PaperNotesDomain, get_domain
from .search_ja import SearchJapaneseNgrams

ObjectEntry = tuple[str, str, str, str, str, int]


def search_objects(domain: PaperNotesDomain) -> Iterator[ObjectEntry]:
    """The note objects as the search index should see them.

    The name is the display title, never equal to the anchor's tail, so
    Sphinx keeps the anchor as it is; priority -1 hides a note that is the
    only one of its page.
    """
    per_page = Counter(note.docname for note in domain.collection.notes)
    for _fullname, dispname, kind, docname, anchor, _prio in domain.get_objects():
        priority = 1 if per_page[docname] > 1 else -1
        yield (dispname, dispname, kind, docname, anchor, priority)


class _NotesForSearch:
    """Our domain as the indexer sees it: everything delegated but the objects."""

    def __init__(self, domain: PaperNotesDomain) -> None:
        self._domain = domain

    def __getattr__(self, name: str) -> Any:
        return getattr(self._domain, name)

    def get_objects(self) -> Iterator[ObjectEntry]:
        return search_objects(self._domain)


class _DomainsForSearch:
    """The project's domains, with ours replaced by :class:`_NotesForSearch`."""

    def __init__(self, domains: Any, ours: PaperNotesDomain) -> None:
        self._domains = domains
        self._ours = _NotesForSearch(ours)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._domains, name)

    def sorted(self) -> list[Any]:
        return [self._ours if d.name == DOMAIN else d for d in self._domains.sorted()]


def use_note_objects(app: Sphinx) -> list[Any]:
    """At ``html-collect-pages`` (every build, before the index is written)."""
    indexer = getattr(app.builder, "indexer", None)
    domains = getattr(indexer, "_domains", None)
    if domains is not None and not isinstance(domains, _DomainsForSearch):
        indexer._domains = _DomainsForSearch(domains, get_domain(app.env))  # type: ignore[union-attr]
    return []


def setup_search_index(app: Sphinx) -> None:
    app.add_search_language(SearchJapaneseNgrams)
    app.connect("html-collect-pages", use_note_objects)
