"""Where a tag or a venue links to.

Until tag and venue pages exist, a tag links to the site's search for it,
which is never a broken link in an HTML build; other builders show plain text.
"""

from __future__ import annotations

from urllib.parse import quote

from sphinx.builders import Builder

from .model.collection import Collection

SEARCH_BUILDERS = frozenset({"html", "dirhtml"})


def page_uri(
    builder: Builder, fromdocname: str, kind: str, name: str, collection: Collection
) -> str | None:
    """A relative URI for the tag or venue ``name``, or ``None`` for plain text."""
    if builder.name not in SEARCH_BUILDERS or not getattr(builder, "search", False):
        return None
    search = builder.get_relative_uri(fromdocname, "search")
    return f"{search}?q={quote(name, safe='')}"
