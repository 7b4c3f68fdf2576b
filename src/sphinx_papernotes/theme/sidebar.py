"""The theme's shared sidebar blocks: tag cloud, venues and recent notes.

Every page shows the same blocks, so they are computed and rendered once per
build and reused: with 5,000 notes, rendering them per page (or drawing the
whole tag list into every page) would make the build quadratic. Links are
kept relative to the output root and joined with each page's way back to the
root (``content_root``) when the page is written: a string join per page.

The cache lives on the builder, keyed by the domain's :class:`Collection`
object (a new one is made whenever the notes change) and the options, so a
new build, or new notes, recompute it. Nothing is kept in module globals.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from sphinx.builders import Builder
from sphinx.errors import NoUri

from ..addresses import note_uri_from_root
from ..model import Collection, Note
from ..model.chips import CLOUD_CHIP_CLASSES, chip_classes, tag_weight
from ..model.selection import sort_notes
from ..page_addresses import page_docname
from ..translation import _

CACHE_ATTRIBUTE = "_papernotes_sidebar_cache"


@dataclass(frozen=True)
class SidebarOptions:
    """How many entries each block shows; 0 leaves the block out."""

    tags: int = 30
    venues: int = 10
    recent: int = 5


class Fragment:
    """HTML whose links are relative to the output root.

    Held as the text between the places where the page's root prefix goes,
    so no marker can ever clash with a tag name.
    """

    def __init__(self) -> None:
        self._parts: list[str] = [""]

    def text(self, html: str) -> None:
        self._parts[-1] += html

    def root(self) -> None:
        """The page's way back to the output root goes here."""
        self._parts.append("")

    def render(self, content_root: str) -> str:
        return content_root.join(self._parts)


@dataclass(frozen=True)
class SidebarBlocks:
    tags: Fragment
    venues: Fragment
    recent: Fragment


def top_tags(collection: Collection, size: int) -> list[tuple[str, int]]:
    """The ``size`` most used tags (ties in name order), shown in name order."""
    counts = collection.tag_counts  # already in name order
    if size <= 0 or not counts:
        return []
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:size]  # stable
    chosen = {tag for tag, _count in ranked}
    return [(tag, count) for tag, count in counts.items() if tag in chosen]


def top_venues(collection: Collection, size: int) -> list[tuple[str, int]]:
    """The ``size`` venues with the most notes, most first (ties in name order)."""
    if size <= 0:
        return []
    totals = [(venue, sum(years.values())) for venue, years in collection.venue_counts.items()]
    return sorted(totals, key=lambda item: -item[1])[:size]


def recent_notes(collection: Collection, size: int) -> list[Note]:
    """The ``size`` most recently written notes (by ``:date:``)."""
    if size <= 0:
        return []
    return [note for note in sort_notes(collection.notes, "-date") if note.date][:size]


class _Uris:
    """Root-relative URIs of notes and generated pages for one builder."""

    def __init__(self, builder: Builder, collection: Collection) -> None:
        self.builder = builder
        self.collection = collection

    def page(self, kind: str, name: str | None) -> str | None:
        docname = page_docname(self.builder, kind, name, self.collection)
        if docname is None:
            return None
        try:
            return self.builder.get_target_uri(docname)
        except NoUri:
            return None

    def note(self, note: Note) -> str | None:
        return note_uri_from_root(self.builder, note)


def _link(out: Fragment, uri: str | None, inner: str, css: str) -> None:
    if uri is None:
        out.text(f'<span class="{css}">{inner}</span>')
        return
    out.text(f'<a class="{css}" href="')
    if not uri.startswith("#"):
        out.root()
    out.text(f'{escape(uri)}">{inner}</a>')


def _open_block(out: Fragment, ident: str, label: str, list_classes: str) -> None:
    """A block's section, its heading (which names the section) and its list."""
    out.text(f'<section class="pn-block {ident}" aria-labelledby="{ident}">')
    out.text(f'<h2 class="pn-block-title" id="{ident}">{escape(label)}</h2>')
    out.text(f'<ul class="{list_classes}">')


def _close_block(out: Fragment, more_uri: str | None, more_label: str) -> None:
    out.text("</ul>")
    _more(out, more_uri, more_label)
    out.text("</section>")


def _more(out: Fragment, uri: str | None, label: str) -> None:
    if uri is not None:
        out.text('<p class="pn-block-more">')
        _link(out, uri, escape(label) + ' <span aria-hidden="true">→</span>', "pn-more-link")
        out.text("</p>")


def render_tags(rows: Sequence[tuple[str, int]], uris: _Uris) -> Fragment:
    out = Fragment()
    if not rows:
        return out
    top = max(count for _tag, count in rows)
    _open_block(out, "pn-block-tags", _("Tags"), "pn-side-cloud")
    for tag, count in rows:
        classes = " ".join([*CLOUD_CHIP_CLASSES, *chip_classes(tag)])
        inner = f'{escape(tag)} <span class="pn-count">{count}</span>'
        out.text(f'<li class="pn-weight-{tag_weight(count, top)}">')
        _link(out, uris.page("tag", tag), inner, classes)
        out.text("</li>")
    _close_block(out, uris.page("tag", None), _("All tags"))
    return out


def render_venues(rows: Sequence[tuple[str, int]], uris: _Uris) -> Fragment:
    out = Fragment()
    if not rows:
        return out
    _open_block(out, "pn-block-venues", _("Venues"), "pn-side-list")
    for venue, count in rows:
        out.text("<li>")
        _link(out, uris.page("venue", venue), escape(venue), "pn-venue-ref")
        out.text(f' <span class="pn-count">{count}</span></li>')
    _close_block(out, uris.page("venue", None), _("All venues"))
    return out


def render_recent(notes: Sequence[Note], uris: _Uris) -> Fragment:
    out = Fragment()
    if not notes:
        return out
    _open_block(out, "pn-block-recent", _("Recent notes"), "pn-side-list pn-side-recent")
    for note in notes:
        out.text("<li>")
        _link(out, uris.note(note), escape(note.display_title), "pn-note-ref")
        details = " · ".join(part for part in (note.venue_label, note.date) if part)
        if details:
            out.text(f'<span class="pn-side-meta">{escape(details)}</span>')
        out.text("</li>")
    _close_block(out, None, "")
    return out


def sidebar_blocks(
    builder: Builder, collection: Collection, options: SidebarOptions
) -> SidebarBlocks:
    """The blocks of this build: computed on first use, then reused for every page."""
    cached: Any = getattr(builder, CACHE_ATTRIBUTE, None)
    if cached is not None and cached[0] is collection and cached[1] == options:
        return cached[2]  # type: ignore[no-any-return]
    uris = _Uris(builder, collection)
    blocks = SidebarBlocks(
        tags=render_tags(top_tags(collection, options.tags), uris),
        venues=render_venues(top_venues(collection, options.venues), uris),
        recent=render_recent(recent_notes(collection, options.recent), uris),
    )
    # The collection itself is part of the key (compared by identity): the
    # domain makes a new one whenever notes change.
    setattr(builder, CACHE_ATTRIBUTE, (collection, options, blocks))
    return blocks
