"""The paper-note model: plain Python records and parsers, no Sphinx.

Everything a directive reads from a user is turned into a :class:`Note` here,
so the rules for ids, venues, authors, tags, dates, links and slugs can be
tested without building a project.
"""

from .authors import AuthorList, parse_authors
from .collection import Collection, Reference
from .dates import parse_date, parse_year
from .ids import id_sort_key, is_valid_id, parse_id
from .links import LINK_KINDS, parse_link
from .note import Note
from .parsed import Parsed
from .slugs import assign_slugs, slug_base
from .tags import apply_tag_aliases, parse_tags
from .venues import Venue, apply_venue_alias, parse_venue

__all__ = [
    "LINK_KINDS",
    "AuthorList",
    "Collection",
    "Note",
    "Parsed",
    "Reference",
    "Venue",
    "apply_tag_aliases",
    "apply_venue_alias",
    "assign_slugs",
    "id_sort_key",
    "is_valid_id",
    "parse_authors",
    "parse_date",
    "parse_id",
    "parse_link",
    "parse_tags",
    "parse_venue",
    "parse_year",
    "slug_base",
]
