"""Slugs: the file names of tag and venue pages.

A slug is lower-case ASCII letters, digits and ``-``. Latin text keeps a
readable slug (``PEFT(Adaptor/LoRA)`` -> ``peft-adaptor-lora``); text whose
letters have no ASCII form (``自然言語処理``) gets a short hash of itself, so
it is still safe, distinct and the same in every build.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_NON_SLUG_RE = re.compile(r"[^a-z0-9]+")
MAX_SLUG_BASE = 60


def text_hash(text: str, length: int = 8) -> str:
    """A short, stable hex digest of ``text``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def slug_base(text: str) -> str:
    """The readable part of a slug; may be empty, never unsafe."""
    folded = unicodedata.normalize("NFKD", text)
    ascii_only = "".join(ch for ch in folded if ch.isascii())
    base = _NON_SLUG_RE.sub("-", ascii_only.lower()).strip("-")
    return base[:MAX_SLUG_BASE].strip("-")


def _is_lossless(text: str) -> bool:
    """True when the slug drops nothing but case, accents and ASCII punctuation."""
    folded = unicodedata.normalize("NFKD", text)
    if not all(ch.isascii() or unicodedata.category(ch) == "Mn" for ch in folded):
        return False
    full = _NON_SLUG_RE.sub("-", folded.encode("ascii", "ignore").decode().lower()).strip("-")
    return len(full) <= MAX_SLUG_BASE


def _dropped(text: str) -> int:
    """How many characters of ``text`` its slug leaves out."""
    return len(text) - sum(ch.isalnum() and ch.isascii() for ch in text)


def slugify(text: str) -> str:
    """The slug of one name, before collisions with other names are settled."""
    base = slug_base(text)
    if base and _is_lossless(text):
        return base
    return f"{base}-{text_hash(text)}" if base else text_hash(text)


def assign_slugs(names: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """A unique slug for every distinct name.

    Names that share a slug (``X`` and ``../x``) are told apart by a hash
    suffix on all but one: the name its slug spells most closely (fewest
    characters dropped), then the first in sorted order. The result depends
    only on the set of names, never on the order they were read in.
    ``reserved`` slugs (``index``) are never given out.
    """
    result: dict[str, str] = {}
    taken: set[str] = set(reserved)
    for name in sorted(set(names), key=lambda n: (_dropped(n), n)):
        slug = slugify(name)
        if slug in taken:
            slug = f"{slug}-{text_hash(name)}"
            counter = 2
            while slug in taken:  # a hash collision: vanishingly rare, still handled
                slug = f"{slugify(name)}-{text_hash(name)}-{counter}"
                counter += 1
        taken.add(slug)
        result[name] = slug
    return result
