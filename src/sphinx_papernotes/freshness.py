"""Never stale: which already-read pages must be written again after a change.

A page shows data from other documents: titles of the notes it references,
the notes that reference its notes ("Referenced by"), whether a tag or venue
exists. After reading, we compare what each of those looks like now with what
the last build showed (a small digest per item, kept in the domain) and hand
Sphinx, through ``env-get-updated``, every page that shows a changed item.
Those pages are re-resolved from their stored doctrees, not re-read.

Most edits touch only a note's comments. When every document read again holds
the same notes and references as before (kept by the domain as it clears
them), nothing shown elsewhere can differ, and the comparison is skipped.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from pathlib import Path
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import Held, PaperNotesDomain, Pending, get_domain, resolve_names
from .model import Collection, Note
from .model.listing import Listing, entry_data, shown


def state_file(app: Sphinx, what: str, suffix: str) -> Path:
    """Where a feature keeps what it wrote last, to skip work the next build:
    beside the doctrees, one file per feature and builder,
    ``papernotes-<what>-<builder><suffix>``. Deleting the doctrees forgets it."""
    return Path(app.doctreedir) / f"papernotes-{what}-{app.builder.name}{suffix}"


def _digest(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:16]


def _shown(note: Note) -> tuple[str, str, str, str]:
    """What another page shows of a note: its title, citation and address."""
    return (note.display_title, note.citation(), note.docname, note.anchor)


_ENTRY_DIGESTS: WeakKeyDictionary[Collection, dict[str, str]] = WeakKeyDictionary()


def entry_digests(collection: Collection) -> dict[str, str]:
    """Note key -> a digest of the note's entry in a listing, once per collection.

    A note is listed on the page of each of its tags and of its venue; digesting
    its entry once and listings as lists of these digests keeps comparing 700
    pages proportional to the number of notes, not to notes times tags.
    """
    digests = _ENTRY_DIGESTS.get(collection)
    if digests is None:
        digests = {note.key: _digest(entry_data(note, collection)) for note in collection.notes}
        _ENTRY_DIGESTS[collection] = digests
    return digests


def listing_digest(listing: Listing, collection: Collection) -> str:
    """A digest of everything a listing shows."""
    digests = entry_digests(collection)
    return _digest(shown(listing, collection, lambda note: digests[note.key]))


def snapshot(collection: Collection) -> dict[str, str]:
    """A digest of every item that pages other than its own display."""
    result: dict[str, str] = {}
    seen = {note.key: _digest(_shown(note)) for note in collection.notes}
    for note_id, note in collection.by_id.items():
        result[f"note:{note_id}"] = seen[note.key]
    for note_id, sources in collection.incoming.items():
        result[f"backlinks:{note_id}"] = _digest([seen[source.key] for source in sources])
    for note in collection.notes:
        before, after = collection.neighbours(note)
        result[f"nav:{note.key}"] = _digest(
            [seen[other.key] if other else None for other in (before, after)]
        )
        # The entry on the note's own page: all but its key come from the note
        # itself, whose page is written again whenever it changes.
        result[f"bibtex:{note.key}"] = collection.bibkeys[note.key]
    for tag, slug in collection.tag_slugs.items():
        result[f"tag:{tag}"] = slug
    for venue, slug in collection.venue_slugs.items():
        result[f"venue:{venue}"] = slug
    return result


def listing_digests(domain: PaperNotesDomain) -> dict[str, str]:
    """A digest of what each listing on each page shows right now."""
    collection = domain.collection
    return {
        f"listing:{docname}:{index}": listing_digest(resolve_names(listing, domain)[0], collection)
        for docname, listings in domain.listings.items()
        for index, listing in enumerate(listings)
    }


def dependencies(domain: PaperNotesDomain) -> Iterator[tuple[str, set[str]]]:
    """Each document with the snapshot keys its rendered page depends on."""
    canonical = {"tag": domain.canonical_tag, "venue": domain.canonical_venue}
    seen: dict[tuple[str, str], str] = {}  # (kind, target) -> its snapshot key
    for docname in set(domain.notes) | set(domain.refs) | set(domain.listings):
        keys: set[str] = set()
        # The targets the page links to: its references, and its notes' own
        # tag chips and venue badges.
        targets = [(ref.kind, ref.target) for ref in domain.refs.get(docname, ())]
        for note in domain.notes_in(docname):
            keys.update((f"backlinks:{note.id}", f"nav:{note.key}", f"bibtex:{note.key}"))
            targets.extend(("tag", tag) for tag in note.tags)
            if note.venue:
                targets.append(("venue", note.venue))
        keys.update(
            f"listing:{docname}:{index}" for index in range(len(domain.listings.get(docname, ())))
        )
        for kind, target in targets:
            key = seen.get((kind, target))
            if key is None:
                if kind == "note":
                    key = f"note:{target}"
                elif kind in canonical:
                    key = f"{kind}:{canonical[kind](target)}"
                else:
                    continue
                seen[(kind, target)] = key
            keys.add(key)
        yield docname, keys


def remember_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: note what the toctree neighbours will need.

    Sphinx writes a page's "previous"/"next" links from its neighbours'
    titles, but does not rewrite the neighbours when a page is added, deleted
    or retitled. Paper notes are mostly one long chain of such pages, so we
    keep those links fresh too: neighbours of deleted pages are taken now,
    while the toctree still holds them; the rest after reading.
    """
    pending = get_domain(env).pending
    pending.touched = bool(removed)
    pending.added = set(added)
    pending.old_titles = {doc: env.titles[doc].astext() for doc in changed if doc in env.titles}
    if removed:
        relations = env.collect_relations()
        pending.neighbours = {
            doc for docname in removed for doc in relations.get(docname, [])[1:] if doc
        }
    return []


def remember_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the final list of documents this build reads."""
    if docnames:
        get_domain(env).pending.touched = True


def _neighbours_after_reading(env: BuildEnvironment, pending: Pending) -> set[str]:
    retitled = {
        doc
        for doc, old in pending.old_titles.items()
        if doc in env.titles and env.titles[doc].astext() != old
    }
    moved = pending.added | retitled
    if not moved:
        return set(pending.neighbours)
    relations = env.collect_relations()
    found = {doc for docname in moved for doc in relations.get(docname, [])[1:] if doc}
    return found | pending.neighbours


def _refresh_listings(domain: PaperNotesDomain, before: dict[str, Held]) -> None:
    """Keep the digests of the read documents' own listings current, so a later
    comparison starts from what their pages show now."""
    collection = domain.collection
    for docname, held in before.items():
        for index in range(len(held.listings)):
            domain.snapshot.pop(f"listing:{docname}:{index}", None)
        for index, listing in enumerate(domain.listings.get(docname, ())):
            resolved = resolve_names(listing, domain)[0]
            domain.snapshot[f"listing:{docname}:{index}"] = listing_digest(resolved, collection)


def changed_documents(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages whose shown data changed since the last build."""
    domain = get_domain(env)
    pending, domain.pending = domain.pending, Pending()
    domain.previous_state, domain.reread = domain.state, None
    domain.notes_changed = pending.touched or not domain.snapshot
    if not domain.notes_changed:
        return []  # a no-op build: skip recomputing every digest
    domain.data["state"] = secrets.token_hex(8)
    neighbours = _neighbours_after_reading(env, pending)
    if domain.snapshot and all(
        held.shows_same_as(domain.held(docname)) for docname, held in pending.before.items()
    ):
        # Say, a note's comments were edited: its page is written again, and
        # nothing any other page shows (or the exports hold) has changed.
        domain.notes_changed = False
        domain.reread = frozenset(pending.before)
        _refresh_listings(domain, pending.before)
        return sorted(neighbours & env.found_docs)
    collection = domain.collection
    new = snapshot(collection) | listing_digests(domain)
    old = domain.snapshot
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    domain.data["snapshot"] = new
    stale = {docname for docname, keys in dependencies(domain) if keys & changed}
    return sorted((stale | neighbours) & env.found_docs)


def setup_freshness(app: Sphinx) -> None:
    app.connect("env-get-outdated", remember_outdated)
    app.connect("env-before-read-docs", remember_reading)
    app.connect("env-get-updated", changed_documents)
