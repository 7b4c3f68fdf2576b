"""Where a tag or a venue links to: its generated page, when there is one.

Tag and venue pages are written by the ``html`` and ``dirhtml`` builders
(see :mod:`.pages`); elsewhere, or with the pages turned off, tags and venues
are plain text.
"""

from __future__ import annotations

from sphinx.builders import Builder

from .model.collection import Collection
from .settings import settings

PAGE_BUILDERS = frozenset({"html", "dirhtml"})
TAG_FOLDER = "tags"
VENUE_FOLDER = "venues"


def pages_enabled(builder: Builder, kind: str) -> bool:
    """Whether this build writes pages for ``kind`` (``tag`` or ``venue``)."""
    chosen = settings(builder.config)
    return builder.name in PAGE_BUILDERS and (
        chosen.tag_pages if kind == "tag" else chosen.venue_pages
    )


def page_name(kind: str, slug: str) -> str:
    """``tags/<slug>`` or ``venues/<slug>``: slugs are safe, so never outside the folder."""
    return f"{TAG_FOLDER if kind == 'tag' else VENUE_FOLDER}/{slug}"


def page_docname(
    builder: Builder, kind: str, name: str | None, collection: Collection
) -> str | None:
    """The page of tag or venue ``name`` (``None``: the index of all of them), as a
    document name, or ``None`` when this build writes no such page: the one rule
    every link to a tag or venue page follows."""
    if not pages_enabled(builder, kind):
        return None
    if name is None:
        return page_name(kind, "index")
    slugs = collection.tag_slugs if kind == "tag" else collection.venue_slugs
    slug = slugs.get(name)
    return None if slug is None else page_name(kind, slug)


def page_uri(
    builder: Builder, fromdocname: str, kind: str, name: str, collection: Collection
) -> str | None:
    """A relative URI for the page of tag or venue ``name``, or ``None`` for plain text."""
    docname = page_docname(builder, kind, name, collection)
    return None if docname is None else builder.get_relative_uri(fromdocname, docname)


def index_uri(builder: Builder, fromdocname: str, kind: str) -> str | None:
    """The URI of ``tags/index`` or ``venues/index`` when it is written."""
    if not pages_enabled(builder, kind):
        return None
    return builder.get_relative_uri(fromdocname, page_name(kind, "index"))
