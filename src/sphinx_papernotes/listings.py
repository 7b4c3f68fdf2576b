"""The listing directives: ``tag-index``, ``venue-list`` and ``note-list``.

Each directive only records *what* to list (a :class:`Listing`) and leaves a
placeholder; the placeholder is filled when the page is written, from every
note of the project, so listings are never stale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .diagnostics import Subtype, warn
from .directive_options import option_lines, text_options
from .domain import get_domain, resolved_listing
from .listing_nodes import Links, note_list, tag_cloud, venue_table, year_sections
from .model import Collection, Parsed, apply_tag_aliases, apply_venue_alias, parse_tags
from .model.listing import (
    NOTES,
    TAGS,
    VENUE,
    VENUES,
    Listing,
    notes_of,
    tag_rows,
    venue_rows,
    year_groups,
)
from .model.selection import (
    DEFAULT_SORT,
    FORMATS,
    SORT_ORDERS,
    NoteQuery,
    parse_choice,
    parse_count,
    parse_flag,
    parse_year_range,
)
from .model.text import clean_text, shorten
from .nodes import add_placeholder
from .other_collections import external_urls, listing_collection
from .settings import settings


class listing_placeholder(nodes.General, nodes.Element):
    """Where a listing goes; holds its :class:`Listing`, replaced at write time."""


class ListingDirective(SphinxDirective):
    """Shared option checking: every problem is a located warning, never an error."""

    known: ClassVar[tuple[str, ...]] = ()
    placeholder: ClassVar[type[nodes.Element]] = listing_placeholder
    has_content = False

    def run(self) -> list[nodes.Node]:
        # The line in the directive's own file (an included one too).
        self._lines = option_lines(self.block_text, self.get_source_info()[1] or self.lineno)
        for name in self.options:
            if name not in self.known:
                self.problem(
                    f"unknown option {shorten(name)!r} (known: {', '.join(self.known)})", name
                )
        listing = self.listing()
        get_domain(self.env).add_listing(self.env.docname, listing)
        node = self.placeholder("", listing=listing)
        self.set_source_info(node)
        return [node]

    def listing(self) -> Listing:
        raise NotImplementedError

    def problem(self, message: str, option: str | None = None) -> None:
        where = self.get_location()
        if option in self._lines:
            where = f"{self.get_source_info()[0]}:{self._lines[option]}"
        warn(Subtype.OPTION, f"{self.name}: {message}", where)

    def checked(self, option: str, parsed: Parsed[Any]) -> Any:
        for message in parsed.problems:
            self.problem(message, option)
        return parsed.value

    def text(self, option: str) -> str | None:
        value = self.options.get(option)
        return clean_text(value) if value else None

    def tags(self, option: str) -> tuple[str, ...]:
        if not self.text(option):
            return ()
        tags = self.checked(option, parse_tags(self.options[option]))
        return apply_tag_aliases(tags, settings(self.config).tag_aliases)

    def collection(self) -> str:
        """``:collection: NAME|all``: notes of other collections (see other_collections)."""
        name = self.text("collection")
        if not name:
            return ""
        known = settings(self.config).collections
        known = known if isinstance(known, dict) else {}
        if name != "all" and name not in known:
            names = ", ".join([*map(repr, known), "'all'"])
            self.problem(f"unknown collection {shorten(name)!r} (known: {names})", "collection")
            return ""
        return name

    def venue(self, text: str | None) -> str | None:
        if not text:
            return None
        return apply_venue_alias(text, settings(self.config).venue_aliases)


class TagIndexDirective(ListingDirective):
    """Every tag with its note count: ``:sort: name|count``, ``:min-count: N``."""

    known = ("sort", "min-count", "collection")
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = text_options(known)  # type: ignore[assignment]

    def listing(self) -> Listing:
        sort = self.checked(
            "sort", parse_choice("sort", self.options.get("sort"), ("name", "count"), "name")
        )
        min_count = self.checked(
            "min-count", parse_count("min-count", self.options.get("min-count"))
        )
        return Listing(TAGS, tag_sort=sort, min_count=min_count or 0, collection=self.collection())


class VenueListDirective(ListingDirective):
    """All venues, or with an argument one venue's notes grouped by year."""

    optional_arguments = 1
    final_argument_whitespace = True
    known = ("year", "tags", "format", "collection")
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = text_options(known)  # type: ignore[assignment]

    def listing(self) -> Listing:
        venue = self.venue(clean_text(self.arguments[0]) if self.arguments else None)
        query = NoteQuery(
            venue=venue,
            years=self.checked("year", parse_year_range(self.options.get("year"))),
            tags=self.tags("tags"),
        )
        fmt = self.checked(
            "format", parse_choice("format", self.options.get("format"), FORMATS, "list")
        )
        if venue is None:
            if query.years or query.tags or "format" in self.options:
                self.problem(
                    ":year:, :tags: and :format: apply to one venue's notes; give a venue name"
                )
            return Listing(VENUES, collection=self.collection())
        return Listing(VENUE, query=query, format=fmt, collection=self.collection())


class NoteListDirective(ListingDirective):
    """A filtered, sorted list of notes as a list, a table or cards."""

    known: ClassVar[tuple[str, ...]] = (
        "tags", "any-tags", "venue", "year", "pick", "sort", "limit", "format", "collection"
    )  # fmt: skip
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = text_options(known)  # type: ignore[assignment]

    def listing(self) -> Listing:
        query = self.query()
        fmt = self.checked(
            "format", parse_choice("format", self.options.get("format"), FORMATS, "list")
        )
        return Listing(NOTES, query=query, format=fmt, collection=self.collection())

    def query(self) -> NoteQuery:
        """The note filter of the options (shared with ``note-graph`` and ``note-chart``)."""
        pick = None
        if "pick" in self.options:
            pick = self.checked("pick", parse_flag("pick", self.options.get("pick")))
        return NoteQuery(
            tags=self.tags("tags"),
            any_tags=self.tags("any-tags"),
            venue=self.venue(self.text("venue")),
            years=self.checked("year", parse_year_range(self.options.get("year"))),
            pick=pick,
            sort=self.checked(
                "sort", parse_choice("sort", self.options.get("sort"), SORT_ORDERS, DEFAULT_SORT)
            ),
            limit=self.checked("limit", parse_count("limit", self.options.get("limit"))),
        )


def render_listing(
    listing: Listing, links: Links, anchors: bool = False, data: Collection | None = None
) -> Sequence[nodes.Node]:
    """The nodes that show ``listing`` on the page ``links`` writes from.

    ``anchors`` gives year groups ids (``#year-2025``), for the venue pages
    only: two listings on one document page would clash. ``data`` is the
    collection listed when it is not this project's (``:collection:``).
    """
    collection = data if data is not None else links.collection
    if listing.kind == TAGS:
        return tag_cloud(tag_rows(listing, collection), links)
    if listing.kind == VENUES:
        return venue_table(venue_rows(collection), links)
    if listing.kind == VENUE:
        return year_sections(year_groups(listing, collection), links, listing.format, anchors)
    return note_list(notes_of(listing, collection), links, listing.format)


def fill_listings(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(listing_placeholder))
    if not placeholders:
        return
    domain = get_domain(app.env)
    links = Links(app.builder, docname, domain.collection)
    for placeholder in placeholders:
        listing = placeholder["listing"]
        data = None
        page_links = links
        if listing.collection:
            # Tags and venues of other collections have no page here: plain text.
            data = listing_collection(app.env, listing.collection)
            page_links = Links(
                app.builder, docname, Collection([]), external=external_urls(app, docname)
            )
        listing = resolved_listing(listing, domain, placeholder, "listing", data)
        rendered = render_listing(listing, page_links, data=data)
        container = nodes.container("", *rendered, classes=["pn-listing", "no-search"])
        placeholder.replace_self(container)


def setup_listings(app: Sphinx) -> None:
    app.add_directive("tag-index", TagIndexDirective)
    app.add_directive("venue-list", VenueListDirective)
    app.add_directive("note-list", NoteListDirective)
    add_placeholder(app, listing_placeholder)
    app.connect("doctree-resolved", fill_listings)
