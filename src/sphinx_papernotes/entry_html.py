"""A note's list entry written straight as HTML, for the generated pages.

The tag and venue pages show every note's entry some six times; drawing
those entries as docutils nodes and translating them cost seconds at
thousands of notes. This writes the very markup the HTML translator makes
of :func:`.listing_nodes.entry_item` (a test holds the two equal), escaped
by the translator's own ``encode`` and ``attval``. Listings inside
documents stay nodes, so every builder draws them.
"""

from __future__ import annotations

from sphinx.errors import NoUri
from sphinx.writers.html5 import HTML5Translator

from .addresses import note_uri
from .listing_nodes import Links
from .model import Note
from .model.chips import CHIP_CLASSES, VENUE_BADGE_CLASSES, chip_classes
from .model.tags import entry_tags, filter_only_tags
from .page_addresses import page_uri

_CHIP = " ".join(CHIP_CLASSES)
_VENUE_BADGE = " ".join(VENUE_BADGE_CLASSES)


class EntryWriter:
    """Writes entries from one page, each tag's and venue's address found once."""

    def __init__(self, links: Links, translator: HTML5Translator) -> None:
        self.links = links
        self.out = translator
        self._pages: dict[tuple[str, str], str | None] = {}

    def _page(self, kind: str, name: str) -> str | None:
        key = (kind, name)
        if key not in self._pages:
            links = self.links
            try:
                uri = page_uri(links.builder, links.fromdocname, kind, name, links.collection)
            except NoUri:
                uri = None
            self._pages[key] = uri
        return self._pages[key]

    def _chip(self, tag: str) -> str:
        css = " ".join((_CHIP, *chip_classes(tag)))
        text = self.out.encode(tag)
        uri = self._page("tag", tag)
        if uri is None:
            return f'<span class="{css}">{text}</span>'
        return f'<a class="pn-tag-ref {css}" href="{self.out.attval(uri)}">{text}</a>'

    def _title(self, note: Note) -> str:
        out = self.out
        mark = '<span class="pn-pick-mark">★ </span>' if note.pick else ""
        text = out.encode(note.display_title)
        uri = note_uri(self.links.builder, self.links.fromdocname, note)
        if uri is not None:
            text = (
                f'<a class="pn-note-ref reference internal" href="{out.attval(uri)}" '
                f'title="{out.attval(note.citation())}">{text}</a>'
            )
        return f'<p class="pn-entry-title">{mark}{text}</p>\n'

    def _venue(self, note: Note) -> str:
        inner = ""
        if note.venue:
            text = self.out.encode(note.venue)
            uri = self._page("venue", note.venue)
            inner = (
                text
                if uri is None
                else f'<a class="pn-venue-ref reference internal" '
                f'href="{self.out.attval(uri)}">{text}</a>'
            )
        if note.year:
            inner += f" {note.year}" if note.venue else str(note.year)
        return f'<span class="{_VENUE_BADGE}">{inner}</span>'

    def _meta(self, note: Note) -> str:
        out = self.out
        parts: list[str] = []
        if note.authors.names:
            authors = out.encode(note.authors.short())
            parts.append(f'<span class="pn-entry-authors">{authors}</span>')
        if note.venue or note.year:
            parts.append(self._venue(note))
        if note.date:
            parts.append(f'<span class="pn-entry-date">{out.encode(note.date)}</span>')
        if note.tags:
            shown, hidden = entry_tags(note.tags)
            chips = " ".join(self._chip(tag) for tag in shown)
            if hidden:
                chips += f'<span class="pn-entry-more-tags"> +{hidden}</span>'
            for tag in filter_only_tags(note.tags):
                css = " ".join((_CHIP, *chip_classes(tag)))
                chips += f'<span class="{css}" hidden>{self.out.encode(tag)}</span>'
            parts.append(f'<span class="pn-entry-tags">{chips}</span>')
        if not parts:
            return ""
        return f'<p class="pn-entry-meta">{" · ".join(parts)}</p>\n'

    def entry(self, note: Note) -> str:
        """The ``<li>`` of one note, as the translator writes ``entry_item``."""
        classes = ["pn-entry"] + (["pn-pick"] if note.pick else [])
        title, meta = self._title(note), self._meta(note)
        if not meta:  # the translator ends a list item's only paragraph without a newline
            title = title.removesuffix("\n")
        return f'<li class="{" ".join(classes)}">{title}{meta}</li>\n'
