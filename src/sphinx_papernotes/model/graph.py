"""Which notes and references a reference graph shows, as plain data, no Sphinx.

A graph is the notes around one note (its references and backlinks, one or
two steps away) or a filtered set of notes, with the ``{note}`` references
between them as edges from the citing note to the cited one. Large graphs
are cut to a size cap; what was cut is kept so it can be reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .collection import Collection
from .note import Note
from .selection import NoteQuery, select

LABELS = ("short", "title", "id")
DEPTHS = ("1", "2")
DEFAULT_MAX_NODES = 150
_SHORT_WORDS = 4
_SHORT_CHARS = 28
_LINE_CHARS = 24


@dataclass(frozen=True)
class GraphSpec:
    """What a ``note-graph`` asks for, besides its note filter."""

    centre: str | None = None
    depth: int = 1
    label: str = "short"
    max_nodes: int = DEFAULT_MAX_NODES


@dataclass(frozen=True)
class Graph:
    """The notes shown (the centre first), the edges between them, and what was cut."""

    notes: tuple[Note, ...]
    edges: tuple[tuple[str, str], ...]  # (citing note key, cited note key)
    centre: Note | None = None
    left_out: tuple[Note, ...] = ()
    edges_left_out: int = 0


def build_graph(spec: GraphSpec, query: NoteQuery, collection: Collection) -> Graph:
    """The graph ``spec`` describes over the notes ``query`` allows."""
    if spec.centre is not None:
        centre = collection.by_id.get(spec.centre)
        if centre is None:
            return Graph((), ())
        candidates = _around(centre, spec.depth, query, collection)
    else:
        centre = None
        chosen = select(
            NoteQuery(query.tags, query.any_tags, query.venue, query.years, query.pick),
            collection.notes,
            collection.notes_with_tag,
            collection.notes_at_venue,
        )
        candidates = _most_connected(chosen, collection)
    every_edge = _edges(candidates, collection)
    shown = candidates[: spec.max_nodes]
    keys = {note.key for note in shown}
    edges = tuple(edge for edge in every_edge if edge[0] in keys and edge[1] in keys)
    return Graph(
        tuple(shown),
        edges,
        centre,
        tuple(candidates[spec.max_nodes :]),
        len(every_edge) - len(edges),
    )


def _neighbours(note: Note, collection: Collection) -> list[Note]:
    """The notes ``note`` cites and the notes citing it, in id order."""
    found = {
        cited.key: cited
        for cited in (collection.by_id[target] for target in collection.references_of(note))
    }
    for citing in collection.referenced_by(note.id):
        found.setdefault(citing.key, citing)
    found.pop(note.key, None)
    return sorted(found.values(), key=collection.position)


def _around(centre: Note, depth: int, query: NoteQuery, collection: Collection) -> list[Note]:
    """The centre, then notes one step away, then two: breadth first, id order."""
    result = [centre]
    seen = {centre.key}
    frontier = [centre]
    for _step in range(depth):
        step: list[Note] = []
        for note in frontier:
            for other in _neighbours(note, collection):
                if other.key not in seen and query.matches(other):
                    seen.add(other.key)
                    step.append(other)
        step.sort(key=collection.position)
        result.extend(step)
        frontier = step
    return result


def _most_connected(notes: list[Note], collection: Collection) -> list[Note]:
    """Notes with the most references among themselves first (so a cap keeps the web)."""
    degree = dict.fromkeys((note.key for note in notes), 0)
    for citing, cited in _edges(notes, collection):
        degree[citing] += 1
        degree[cited] += 1
    return sorted(notes, key=lambda note: (-degree[note.key], collection.position(note)))


def _edges(notes: Iterable[Note], collection: Collection) -> list[tuple[str, str]]:
    """Every reference from one of ``notes`` to another, citing note's order first."""
    notes = list(notes)
    keys = {note.key for note in notes}
    edges = []
    for note in notes:
        for target in collection.references_of(note):
            cited = collection.by_id[target]
            if cited.key in keys and cited.key != note.key:
                edges.append((note.key, cited.key))
    return edges


def node_label(note: Note, label: str) -> str:
    """The text in a node: the id, the title in short lines, or its first words."""
    if label == "id":
        return note.id
    title = note.display_title
    if label == "title":
        return "\n".join(_wrap(title))
    words = title.split()
    short: list[str] = []
    for word in words:
        if short and (len(short) == _SHORT_WORDS or len(" ".join([*short, word])) > _SHORT_CHARS):
            return " ".join(short) + "…"
        short.append(word)
    text = " ".join(short)
    return text if len(text) <= _SHORT_CHARS else text[: _SHORT_CHARS - 1] + "…"


def _wrap(text: str) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= _LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [text]


def tooltip(note: Note) -> str:
    """Title, authors and venue: what a reader wants before following a node."""
    lines = [note.display_title]
    if note.authors.names:
        lines.append(note.authors.short())
    if note.venue_label:
        lines.append(note.venue_label)
    return "\n".join(lines)
