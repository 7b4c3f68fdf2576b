"""A project's notes seen together: lookups, backlinks and aggregates.

Built once per build from the domain's plain data, never stored, so parallel
workers never have derived data to merge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from .bibkeys import DEFAULT_FORMAT, assign_bibkeys
from .ids import id_sort_key
from .note import Note
from .slugs import assign_slugs

NO_YEAR = "unknown"
# Page names the generated folders use themselves.
RESERVED_SLUGS = frozenset({"index"})


@dataclass(frozen=True)
class Reference:
    """One use of ``{note}``, ``{tag}`` or ``{venue}`` in a document.

    ``source`` is the :attr:`Note.key` of the note whose summary or body holds
    the reference, or ``None`` outside any note.
    """

    kind: str
    target: str
    docname: str
    lineno: int
    source: str | None = None


def _with_cited_titles(notes: list[Note]) -> list[Note]:
    """Notes whose summaries cite other notes, with the cited titles put in.

    An id held by two notes names the first in source order, as ``by_id``.
    """
    if not any(note.summary_cites for note in notes):
        return notes
    titles: dict[str, str] = {}
    for note in sorted(notes, key=lambda n: (n.docname, n.lineno)):
        titles.setdefault(note.id, note.display_title)
    return [note.with_cited_titles(titles) for note in notes]


class Collection:
    """Every note of a project, with the views that listings and exports need."""

    def __init__(
        self,
        notes: Iterable[Note],
        references: Iterable[Reference] = (),
        bibkey_format: str = DEFAULT_FORMAT,
        chosen_tag_slugs: Mapping[str, str] | None = None,
        chosen_venue_slugs: Mapping[str, str] | None = None,
    ) -> None:
        self.notes: list[Note] = sorted(_with_cited_titles(list(notes)), key=_note_order)
        self.references: list[Reference] = sorted(
            references, key=lambda r: (r.docname, r.lineno, r.kind, r.target)
        )
        self.bibkey_format = bibkey_format
        # Slugs set by hand (papernotes_tag_slugs / papernotes_venue_slugs).
        self.chosen_tag_slugs = _mapping(chosen_tag_slugs)
        self.chosen_venue_slugs = _mapping(chosen_venue_slugs)

    @cached_property
    def duplicates(self) -> dict[str, list[Note]]:
        """Ids held by more than one note, each with its notes in source order."""
        groups: dict[str, list[Note]] = {}
        for note in self.notes:
            groups.setdefault(note.id, []).append(note)
        return {
            note_id: sorted(group, key=lambda n: (n.docname, n.lineno))
            for note_id, group in groups.items()
            if len(group) > 1
        }

    @cached_property
    def by_id(self) -> dict[str, Note]:
        """The note an id refers to; of duplicates, the first in source order."""
        result: dict[str, Note] = {}
        for note in sorted(self.notes, key=lambda n: (n.docname, n.lineno)):
            result.setdefault(note.id, note)
        return result

    @cached_property
    def by_key(self) -> dict[str, Note]:
        return {note.key: note for note in self.notes}

    @cached_property
    def outgoing(self) -> dict[str, list[str]]:
        """Note key -> ids of the existing notes it references, first use first."""
        result: dict[str, list[str]] = {}
        for ref in self.references:
            if ref.kind != "note" or ref.source is None or ref.target not in self.by_id:
                continue
            targets = result.setdefault(ref.source, [])
            if ref.target not in targets:
                targets.append(ref.target)
        return result

    @cached_property
    def incoming(self) -> dict[str, list[Note]]:
        """Note id -> the notes that reference it (id order, no self-references)."""
        result: dict[str, dict[str, Note]] = {}
        for ref in self.references:
            source = self.by_key.get(ref.source or "")
            if ref.kind != "note" or source is None or source.id == ref.target:
                continue
            result.setdefault(ref.target, {}).setdefault(source.key, source)
        return {
            target: sorted(sources.values(), key=_note_order) for target, sources in result.items()
        }

    def references_of(self, note: Note) -> list[str]:
        return self.outgoing.get(note.key, [])

    def referenced_by(self, note_id: str) -> list[Note]:
        return self.incoming.get(note_id, [])

    @cached_property
    def tag_counts(self) -> dict[str, int]:
        """Tag -> number of notes, sorted by tag."""
        counts = Counter(tag for note in self.notes for tag in note.tags)
        return dict(sorted(counts.items(), key=lambda item: name_order(item[0])))

    @cached_property
    def venue_counts(self) -> dict[str, dict[str, int]]:
        """Venue -> year (``"unknown"`` when none) -> number of notes; newest year first."""
        result: dict[str, Counter[str]] = {}
        for note in self.notes:
            if note.venue:
                year = str(note.year) if note.year else NO_YEAR
                result.setdefault(note.venue, Counter())[year] += 1
        return {
            venue: dict(sorted(years.items(), key=lambda item: _year_order(item[0])))
            for venue, years in sorted(result.items(), key=lambda item: name_order(item[0]))
        }

    @cached_property
    def tag_slugs(self) -> dict[str, str]:
        return assign_slugs(self.tag_counts, RESERVED_SLUGS, self.chosen_tag_slugs)

    @cached_property
    def venue_slugs(self) -> dict[str, str]:
        return assign_slugs(self.venue_counts, RESERVED_SLUGS, self.chosen_venue_slugs)

    @cached_property
    def _tag_index(self) -> dict[str, list[Note]]:
        index: dict[str, list[Note]] = {}
        for note in self.notes:
            for tag in note.tags:
                index.setdefault(tag, []).append(note)
        return index

    @cached_property
    def _venue_index(self) -> dict[str, list[Note]]:
        index: dict[str, list[Note]] = {}
        for note in self.notes:
            if note.venue:
                index.setdefault(note.venue, []).append(note)
        return index

    def notes_with_tag(self, tag: str) -> list[Note]:
        """The notes of one tag, in id order."""
        return self._tag_index.get(tag, [])

    def notes_at_venue(self, venue: str) -> list[Note]:
        """The notes of one venue (exactly: workshops are venues of their own)."""
        return self._venue_index.get(venue, [])

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {note.key: index for index, note in enumerate(self.notes)}

    def position(self, note: Note) -> int:
        """The note's place in id order, to sort any set of notes the same way."""
        return self._positions[note.key]

    def neighbours(self, note: Note) -> tuple[Note | None, Note | None]:
        """The previous and next note in id order."""
        index = self._positions[note.key]
        before = self.notes[index - 1] if index > 0 else None
        after = self.notes[index + 1] if index + 1 < len(self.notes) else None
        return before, after

    @cached_property
    def _bibkeys(self) -> tuple[dict[str, str], list[tuple[Note, Note]]]:
        return assign_bibkeys(self.notes, self.bibkey_format)

    @property
    def bibkeys(self) -> dict[str, str]:
        """Note key -> its unique BibTeX key."""
        return self._bibkeys[0]

    @property
    def bibkey_clashes(self) -> list[tuple[Note, Note]]:
        """Pairs of notes whose explicit ``:bibkey:`` values clash."""
        return self._bibkeys[1]


def name_order(name: str) -> tuple[str, str]:
    """Tags and venues in dictionary order: case ignored, then exact (arXiv before CVPR)."""
    return (name.casefold(), name)


def _note_order(note: Note) -> tuple[tuple[int, int, str], str, int]:
    return (id_sort_key(note.id), note.docname, note.lineno)


def _year_order(year: str) -> tuple[int, int]:
    return (1, 0) if not year.isdigit() else (0, -int(year))


def _mapping(value: object) -> dict[str, str]:
    """Hand-set slugs as given; a value that is not a mapping sets none."""
    return dict(value) if isinstance(value, Mapping) else {}
