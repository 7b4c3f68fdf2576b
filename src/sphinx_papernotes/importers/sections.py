"""The sections newer issue bodies are written in, and the author line of older ones.

Newer notes hold headed sections (any heading level, case ignored, a
trailing ``:`` allowed):

- ``# URL`` / ``# Links``: the paper's links; the heading goes, the links
  are read like any other (:mod:`.paper_links`);
- ``# Authors``: one name per list item (or one comma-separated line); the
  full list replaces the title's ``First+``;
- ``# Affiliations``: ``- Name, Affiliation`` items (``N/A`` for none): the
  names are the authors, and the items with an affiliation stay in the body;
- ``# Abstract`` and ``# Translation (by …)``: kept in the body, collapsed
  (see :func:`.github.render_issue`);
- ``# Summary (by …)``: the note's ``:summary:``. A section of one
  paragraph is only that; one with more (a list, code, several paragraphs)
  is also kept in the body as written, collapsed, and the summary is its
  first paragraph (a list's items joined; none when it starts with
  anything else).

A section runs to the next heading of any level. Older notes may start
with one line of comma-separated names instead (:func:`author_line`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from ..model.text import clean_text
from .blocks import BLOCK_MARKDOWN
from .names import looks_like_name, split_note

_HEADING_RE = re.compile(
    r"(?P<name>urls?|links?|authors?|affiliations?|abstract|translation|summary)"
    r"\s*(?P<by>[(（][^()（）]*[)）])?\s*[:：]?",
    re.IGNORECASE,
)
_LINK_LINE_RE = re.compile(r"^\s*(?:[-*+]\s+)?<?https?://\S+?>?\s*$")
_MAYBE_HEADING_RE = re.compile(r"^ {0,3}#|^[ \t]*(?:=+|-+)[ \t]*$", re.MULTILINE)
_ITEM_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_WIDE_RE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_NOT_AVAILABLE = frozenset({"n/a", "n_a", "na", "none", "-", ""})


@dataclass
class Sections:
    """What the known sections gave, and the body without them."""

    body: str
    authors: list[str] = field(default_factory=list)
    affiliations: list[tuple[str, str]] = field(default_factory=list)  # with one only
    collapsed: list[tuple[str, str]] = field(default_factory=list)  # (heading, Markdown)
    summary: str | None = None
    summary_heading: str = "Summary"
    summary_source: str = ""  # the section as written
    author_notes: list[tuple[str, str]] = field(default_factory=list)  # (name, bracket text)


def read_sections(body: str) -> Sections:
    """Split the known sections out of a (normalised) issue body."""
    if _MAYBE_HEADING_RE.search(body) is None:  # most older bodies: nothing to parse
        return Sections(body)
    lines = body.split("\n")
    headings: list[tuple[int, str]] = []  # (line, heading text) of top-level headings
    tokens = BLOCK_MARKDOWN.parse(body)
    for token, inline in itertools.pairwise(tokens):
        if token.type == "heading_open" and token.level == 0 and token.map is not None:
            headings.append((token.map[0], clean_text(inline.content)))
    result = Sections(body)
    kept: list[str] = []
    position = 0
    for number, (start, text) in enumerate(headings):
        match = _HEADING_RE.fullmatch(text)
        if match is None:
            continue
        end = headings[number + 1][0] if number + 1 < len(headings) else len(lines)
        kept += lines[position:start]
        position = end
        section = lines[start + 1 : end]
        name = match.group("name").casefold()
        if name in ("summary",) or name.startswith(("author", "affiliation")):
            # A link on a line of its own is a paper link, wherever it was put.
            links = [line for line in section if _LINK_LINE_RE.match(line)]
            kept += [*links, ""] if links else []
            section = [line for line in section if not _LINK_LINE_RE.match(line)]
        content = "\n".join(section).strip("\n")
        if name.startswith(("url", "link")):
            kept += [content, ""] if content else []
        elif name.startswith("author"):
            if not result.authors:
                result.authors, result.author_notes = _names(content)
        elif name.startswith("affiliation"):
            pairs = _affiliations(content)
            if not result.authors:
                result.authors = [name for name, _ in pairs]
            result.affiliations = [(name, place) for name, place in pairs if place]
        elif name == "summary":
            first, plain = _first_block(content)
            if one_paragraph(first):
                result.summary, result.summary_heading = one_paragraph(first), text
                result.summary_source = content
            if not plain:  # nothing of it is lost: the whole section stays too
                result.collapsed.append((text, content))
        elif content.strip():
            result.collapsed.append((text, content))
    kept += lines[position:]
    result.body = "\n".join(kept).strip("\n")
    return result


def _first_block(content: str) -> tuple[str, bool]:
    """The lines of a section's first paragraph or list (``""`` when it starts with
    anything else), and whether that is all the section holds."""
    blocks = [
        token
        for token in BLOCK_MARKDOWN.parse(content)
        if token.level == 0 and token.nesting >= 0 and token.map is not None
    ]
    if not blocks:
        return "", True
    first = blocks[0]
    assert first.map is not None
    lines = content.split("\n")[first.map[0] : first.map[1]]
    usable = first.type in ("paragraph_open", "bullet_list_open", "ordered_list_open")
    plain = len(blocks) == 1 and first.type == "paragraph_open"
    return ("\n".join(lines) if usable else ""), plain


def _items(content: str) -> list[str]:
    """The list items of a section, or its comma-separated pieces when it is no list."""
    lines = [line for line in content.split("\n") if line.strip()]
    if lines and all(_ITEM_RE.match(line) for line in lines):
        return [clean_text(_ITEM_RE.sub("", line)) for line in lines]
    return [clean_text(piece) for piece in " ".join(lines).split(",")]


def _names(content: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The names of an Authors section, and the bracketed notes after some of them."""
    names: list[str] = []
    notes: list[tuple[str, str]] = []
    for item in _items(content):
        name, note = split_note(item)
        name = name.rstrip(" ,")
        if name:
            names.append(name)
            if note:
                notes.append((name, note))
    return names, notes


def _affiliations(content: str) -> list[tuple[str, str]]:
    lines = [line for line in content.split("\n") if _ITEM_RE.match(line)]
    pairs: list[tuple[str, str]] = []
    for line in lines:
        name, _, place = clean_text(_ITEM_RE.sub("", line)).partition(",")
        place = clean_text(place)
        if name.strip():
            pairs.append((clean_text(name), "" if place.casefold() in _NOT_AVAILABLE else place))
    return pairs


def one_paragraph(markdown: str) -> str:
    """Markdown lines joined to one paragraph: list markers and quote marks go.

    Lines are joined with a space, except between Japanese or Chinese text
    (which is written without spaces).
    """
    text = ""
    for line in markdown.split("\n"):
        line = re.sub(r"^\s*(?:>\s*)*", "", line)
        line = _ITEM_RE.sub("", line)
        line = re.sub(r"^#{1,6}\s+", "", line).strip()
        if not line:
            continue
        glued = bool(text) and _WIDE_RE.match(text[-1]) and _WIDE_RE.match(line[0])
        text += line if glued or not text else " " + line
    return clean_text(text)


def author_line(body: str, first_author: str | None) -> tuple[list[str], str]:
    """Authors from an older body's first line ``A. Name, B. Name, …``, and the rest.

    Taken only when the line has at least two pieces, each looks like a name,
    and the first holds the family name of the title's first author (so a
    list of topics is never taken for authors).
    """
    if not first_author:
        return [], body
    first, sep, rest = body.partition("\n")
    pieces = [clean_text(piece) for piece in re.split(r"[,、，]", first)]
    pieces = [piece.removesuffix("+").strip() for piece in pieces if piece]
    family = first_author.split()[-1] if first_author.split() else ""
    if (
        len(pieces) < 2
        or not family
        or family not in pieces[0]
        or not all(looks_like_name(piece) for piece in pieces)
        or (rest.strip() and not rest.startswith("\n") and sep)
    ):
        return [], body
    return pieces, rest.strip("\n")
