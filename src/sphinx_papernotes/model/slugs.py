"""Slugs: the file names of tag and venue pages.

A slug is lower-case ASCII letters, digits and ``-``. Names in other scripts
are spelled in ASCII by anyascii (ISC licence, pure Python, tables only):
accents go (``Café`` -> ``cafe``), Greek, Cyrillic, Hangul and kana get their
readings (``トランスフォーマー`` -> ``toransufuoma``). Chinese characters are
left out: anyascii reads them in Mandarin, which is wrong for Japanese
(``自然言語処理`` would become ``ziranyanyuchuli``), and the libraries that
read them in Japanese are GPL (pykakasi) or bring a 200 MB dictionary
(janome, MeCab). A name whose slug leaves letters out gets a short hash of
itself, so it is still safe, distinct and the same in every build; a user
can give any name a slug of their own (``papernotes_tag_slugs``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping

from anyascii import anyascii

_NON_SLUG_RE = re.compile(r"[^a-z0-9]+")
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_SLUG_BASE = 60
# Marks that repeat or stand for a Chinese character: read like one.
_HAN_MARKS = frozenset("々〻〆")


def text_hash(text: str, length: int = 8) -> str:
    """A short, stable hex digest of ``text``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def _is_han(char: str) -> bool:
    return char in _HAN_MARKS or unicodedata.name(char, "").startswith(
        ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")
    )


def _reading(char: str) -> str:
    """The ASCII spelling of one character; empty when it has none we trust."""
    if char.isascii():
        return char
    return "" if _is_han(char) else anyascii(char)


def _spelled(text: str) -> tuple[str, bool]:
    """The ASCII spelling of ``text``, and whether every letter and digit has one."""
    if text.isascii():  # most names: spelled as they are (a no-op build pays for each)
        return text, True
    parts: list[str] = []
    complete = True
    for char in unicodedata.normalize("NFKC", text):
        reading = _reading(char)
        # Letters and digits must be spelled; modifiers (the long-vowel ー) need not.
        category = unicodedata.category(char)
        if category[0] in "LN" and category != "Lm" and not any(c.isalnum() for c in reading):
            complete = False
        parts.append(f" {reading} " if _is_spaced(char, reading) else reading)
    return "".join(parts), complete


def _is_spaced(char: str, reading: str) -> bool:
    """Readings of whole words (emoji, ``:rocket:``) stand apart from their neighbours."""
    return not char.isascii() and unicodedata.category(char)[0] == "S" and bool(reading)


def _slug_parts(text: str) -> tuple[str, bool]:
    """The whole readable slug of ``text``, and whether it drops nothing but case,
    accents and punctuation."""
    spelled, complete = _spelled(text)
    full = _NON_SLUG_RE.sub("-", spelled.lower()).strip("-")
    return full, complete and len(full) <= MAX_SLUG_BASE


def slug_base(text: str) -> str:
    """The readable part of a slug; may be empty, never unsafe."""
    return _slug_parts(text)[0][:MAX_SLUG_BASE].strip("-")


def _dropped(text: str) -> int:
    """How many characters of ``text`` its slug leaves out."""
    return len(text) - sum(ch.isalnum() and ch.isascii() for ch in text)


def slugify(text: str) -> str:
    """The slug of one name, before collisions with other names are settled."""
    full, lossless = _slug_parts(text)
    base = full[:MAX_SLUG_BASE].strip("-")
    if base and lossless:
        return base
    return f"{base}-{text_hash(text)}" if base else text_hash(text)


def is_slug(text: object) -> bool:
    """True for a slug a user may set by hand: ``[a-z0-9]`` words joined by ``-``."""
    return isinstance(text, str) and len(text) <= MAX_SLUG_BASE and bool(SLUG_RE.fullmatch(text))


def assign_slugs(
    names: Iterable[str], reserved: Iterable[str] = (), chosen: Mapping[str, str] | None = None
) -> dict[str, str]:
    """A unique slug for every distinct name.

    ``chosen`` holds slugs set by hand (``papernotes_tag_slugs``): each valid
    one that is not reserved and not already chosen for a name that sorts
    first is used as it is, and no other name gets it. Names that share a
    slug (``X`` and ``../x``) are told apart by a hash suffix on all but one:
    the name its slug spells most closely (fewest characters dropped), then
    the first in sorted order. The result depends only on the set of names,
    never on the order they were read in. ``reserved`` slugs (``index``) are
    never given out.
    """
    distinct = set(names)
    result: dict[str, str] = {}
    taken: set[str] = set(reserved)
    for name, slug in sorted((chosen or {}).items()):
        if name in distinct and is_slug(slug) and slug not in taken:
            taken.add(slug)
            result[name] = slug
    for name in sorted(distinct - result.keys(), key=lambda n: (_dropped(n), n)):
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
