"""Tags: comma-separated names that may hold spaces, brackets, ``/`` and any letter."""

from __future__ import annotations

from collections.abc import Mapping

from .parsed import Parsed
from .text import clean_text, shorten

MAX_TAG_LENGTH = 100
# More tags than this on one note is a warning (all are kept: tag pages list
# the note). A listing entry shows at most ENTRY_TAGS chips, and carries
# hidden chips for filtering up to MAX_TAGS_PER_NOTE, so a page's size grows
# with its notes, not with notes times tags (2,000 tag pages each listing one note
# with 2,000 chips would be quadratic).
MAX_TAGS_PER_NOTE = 50
ENTRY_TAGS = 10


def parse_tags(text: str | None) -> Parsed[tuple[str, ...]]:
    """Split on commas, tidy white space, drop empty and repeated tags."""
    if text is None:
        return Parsed(())
    parts = [clean_text(raw) for raw in text.split(",")]
    if not any(parts):
        return Parsed((), ("the tags field is empty",))
    problems: list[str] = []
    if not all(parts[:-1]):  # a trailing comma is harmless, ",," is not
        problems.append(f"empty tag in {shorten(clean_text(text))!r} (two commas in a row?)")
    tags: dict[str, None] = {}  # ordered, and linear in the number of tags
    for tag in parts:
        if len(tag) > MAX_TAG_LENGTH:
            problems.append(
                f"tag {shorten(tag)!r} is longer than {MAX_TAG_LENGTH} characters; left out"
            )
        elif tag:
            tags.setdefault(tag)
    if len(tags) > MAX_TAGS_PER_NOTE:
        problems.append(
            f"{len(tags)} tags, more than {MAX_TAGS_PER_NOTE}: all are kept, but listings "
            f"show the first {ENTRY_TAGS}"
        )
    return Parsed(tuple(tags), tuple(problems))


def entry_tags(tags: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """The tags a listing entry shows, and how many it leaves out."""
    return tags[:ENTRY_TAGS], max(0, len(tags) - ENTRY_TAGS)


def filter_only_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    """The tags past the shown ones that a listing entry still carries, as
    hidden chips, so that the client-side tag filter finds the note by them."""
    return tags[ENTRY_TAGS:MAX_TAGS_PER_NOTE]


def apply_tag_aliases(tags: tuple[str, ...], aliases: Mapping[str, str]) -> tuple[str, ...]:
    """Normalise tags through ``papernotes_tag_aliases`` (exact match), keeping order."""
    if not aliases:
        return tags
    result: dict[str, None] = {}
    for tag in tags:
        result.setdefault(clean_text(aliases.get(tag, tag)) or tag)
    return tuple(result)
