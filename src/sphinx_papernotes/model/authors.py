"""Author lists: ``A; B``, ``A and B``, ``A, B, C``, and truncated lists."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parsed import Parsed
from .text import clean_text

_AND_RE = re.compile(r"\s+and\s+")
_TRAILING_MARKERS = ("and others", "others", "et al.", "et al", "etc.", "+")
_SUFFIX_RE = re.compile(r"\s*(?:\+|\bet\s+al\.?|\band\s+others)$", re.IGNORECASE)


@dataclass(frozen=True)
class AuthorList:
    """The names as written, and whether the list was cut short."""

    names: tuple[str, ...] = ()
    truncated: bool = False

    def full(self) -> str:
        """Every name, then ``et al.`` for a truncated list."""
        text = ", ".join(self.names)
        if self.truncated:
            text = f"{text} et al." if text else "et al."
        return text

    def short(self) -> str:
        """``Tschannen``, ``Vaswani and Shazeer`` or ``Tschannen et al.``."""
        if not self.names:
            return "et al." if self.truncated else ""
        first = surname(self.names[0])
        if len(self.names) == 1 and not self.truncated:
            return first
        if len(self.names) == 2 and not self.truncated:
            return f"{first} and {surname(self.names[1])}"
        return f"{first} et al."


def surname(name: str) -> str:
    """The family name: before the comma of ``Last, First``, else the last word."""
    if "," in name:
        return name.split(",", 1)[0].strip() or name
    words = name.split()
    return words[-1] if words else name


def parse_authors(text: str | None) -> Parsed[AuthorList]:
    """Split an author string.

    ``;`` separates when present, else `` and ``, else commas. A trailing
    ``+``, ``et al.`` or ``and others`` marks the list as truncated.
    """
    if text is None:
        return Parsed(AuthorList())
    value = clean_text(text)
    if not value:
        return Parsed(AuthorList())
    if ";" in value:
        parts = value.split(";")
    elif _AND_RE.search(value):
        parts = _AND_RE.split(value)
    else:
        parts = value.split(",")
    names = [clean_text(part) for part in parts]
    names = [name for name in names if name]
    truncated = False
    if names and names[-1].casefold() in _TRAILING_MARKERS:
        names.pop()
        truncated = True
    if names and _SUFFIX_RE.search(names[-1]):
        names[-1] = _SUFFIX_RE.sub("", names[-1]).strip()
        truncated = True
        if not names[-1]:
            names.pop()
    if not names:
        return Parsed(AuthorList(), (f"authors {value!r} name nobody; the field is left out",))
    return Parsed(AuthorList(tuple(names), truncated))
