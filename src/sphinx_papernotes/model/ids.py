"""Note ids: validation and the natural order used everywhere ids are sorted."""

from __future__ import annotations

import re

from .parsed import Parsed
from .text import shorten

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
MAX_ID_LENGTH = 200


def is_valid_id(text: str) -> bool:
    """True for ``[A-Za-z0-9][A-Za-z0-9_.-]*`` of reasonable length."""
    return len(text) <= MAX_ID_LENGTH and ID_RE.fullmatch(text) is not None


def parse_id(text: str | None) -> Parsed[str | None]:
    """Validate a directive argument as a note id (``None`` when unusable)."""
    if text is None or not text.strip():
        return Parsed(None, ("the note has no id (give it as the directive's argument)",))
    value = text.strip()
    if not is_valid_id(value):
        return Parsed(
            None,
            (
                f"invalid note id {shorten(value)!r}: use letters, digits, '_', '.' and '-', "
                "starting with a letter or digit",
            ),
        )
    return Parsed(value)


def id_sort_key(note_id: str) -> tuple[int, int, str]:
    """Numbers first in numeric order (``2`` before ``10``), then other ids."""
    # isdigit() alone is true for "²", which int() refuses.
    if note_id.isascii() and note_id.isdigit():
        return (0, int(note_id), note_id)
    return (1, 0, note_id)
