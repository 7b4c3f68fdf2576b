"""The :class:`Note` record: one paper note, as the rest of the package sees it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .authors import AuthorList


@dataclass(frozen=True)
class Note:
    """Everything known about one note once its directive has been read.

    Fields that were missing or could not be parsed are empty (``None``,
    ``""`` or ``()``); the note itself is always kept.
    """

    id: str
    docname: str
    lineno: int
    anchor: str
    title: str = ""
    authors: AuthorList = field(default_factory=AuthorList)
    venue: str | None = None
    year: int | None = None
    date: str | None = None
    tags: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    summary: str = ""
    pick: bool = False
    bibkey: str | None = None
    from_bib: str | None = None
    # The file the directive is in (an included file, not always the
    # document's own) and ``lineno`` is the line in it, for warnings.
    source: str = ""
    # The conditions of the ``only`` directives around the note ("" if none):
    # a builder whose tags do not match leaves the note out of its output.
    only: str = ""
    # Where ``summary`` holds a ``{note}`` reference written without its own
    # text: (start, end, target id). The text there is the id as typed until
    # the collection puts the cited note's title in (see with_cited_titles).
    summary_cites: tuple[tuple[int, int, str], ...] = ()
    # Unique within a project even when two notes share an id. Stored, not a
    # property: the exports and pages look it up some 100,000 times a build.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.docname}#{self.anchor}")

    @property
    def display_title(self) -> str:
        """The title, or a stand-in for a note whose title is missing."""
        return self.title or f"Note {self.id}"

    @property
    def venue_label(self) -> str:
        """``ICLR 2025``, ``ICLR``, ``2025`` or ``""``."""
        return " ".join(part for part in (self.venue, str(self.year or "")) if part)

    def with_cited_titles(self, titles: Mapping[str, str]) -> Note:
        """The note with each ``{note}`` reference in its summary shown as the
        cited note's title, as on its page; a target not in ``titles`` keeps
        its text. Exports, cards and feeds then read like the page."""
        if not self.summary_cites:
            return self
        parts: list[str] = []
        cites: list[tuple[int, int, str]] = []
        done = 0
        for start, end, target in self.summary_cites:
            parts.append(self.summary[done:start])
            text = titles.get(target, self.summary[start:end])
            offset = sum(map(len, parts))
            parts.append(text)
            cites.append((offset, offset + len(text), target))
            done = end
        parts.append(self.summary[done:])
        summary = "".join(parts)
        if summary == self.summary:
            return self
        return replace(self, summary=summary, summary_cites=tuple(cites))

    def citation(self) -> str:
        """``Tschannen et al., ICLR 2025``: the tooltip of a reference."""
        return ", ".join(part for part in (self.authors.short(), self.venue_label) if part)
