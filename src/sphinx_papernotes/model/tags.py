"""Tags: comma-separated names that may hold spaces, brackets, ``/`` and any letter."""

from __future__ import annotations

from collections.abc import Mapping

from .parsed import Parsed
from .text import clean_text, shorten

MAX_TAG_LENGTH = 100


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
    tags: list[str] = []
    for tag in parts:
        if len(tag) > MAX_TAG_LENGTH:
            problems.append(
                f"tag {shorten(tag)!r} is longer than {MAX_TAG_LENGTH} characters; left out"
            )
        elif tag and tag not in tags:
            tags.append(tag)
    return Parsed(tuple(tags), tuple(problems))


def apply_tag_aliases(tags: tuple[str, ...], aliases: Mapping[str, str]) -> tuple[str, ...]:
    """Normalise tags through ``papernotes_tag_aliases`` (exact match), keeping order."""
    result: list[str] = []
    for tag in tags:
        target = clean_text(aliases.get(tag, tag)) or tag
        if target not in result:
            result.append(target)
    return tuple(result)
