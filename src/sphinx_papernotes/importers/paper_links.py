"""arXiv and OpenReview links in an issue body, which become the note's link fields."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ..model.links import parse_link
from .blocks import TEXT, blocks_of

_ARXIV_RE = re.compile(
    r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/"
    r"(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)(?:\.pdf)?/?",
)
_OPENREVIEW_RE = re.compile(
    r"https?://(?:www\.)?openreview\.net/(?:forum|pdf)\?(?:[^\s)\]>]*&)?id=(?P<id>[A-Za-z0-9_-]+)"
    r"(?:&[^\s)\]>#]*)?"
)
_LIST_MARKER_RE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?")
# A short label before a link on its own line: ``arXiv:``, ``Paper link:``, ``論文：``.
_LABEL_RE = re.compile(
    r"^[^\s:：<>\[\]()`/]{1,20}(?:[ \t][^\s:：<>\[\]()`/]{1,20}){0,2}[ \t]*[:：]"
)


@dataclass(frozen=True)
class PaperLink:
    kind: str  # ``arxiv`` or ``openreview``
    ident: str
    url: str  # as written in the text


def paper_links(text: str) -> list[PaperLink]:
    """arXiv and OpenReview links outside code, in the order they appear."""
    found: list[PaperLink] = []
    kinds = blocks_of(text).kinds
    for line, kind in zip(text.split("\n"), kinds, strict=True):
        if kind != TEXT:
            continue
        matches = [(m.start(), "arxiv", m) for m in _ARXIV_RE.finditer(line)]
        matches += [(m.start(), "openreview", m) for m in _OPENREVIEW_RE.finditer(line)]
        for _, link_kind, match in sorted(matches, key=lambda item: item[0]):
            if parse_link(link_kind, match.group("id")).value:
                found.append(PaperLink(link_kind, match.group("id"), match.group(0)))
    return found


def is_link_only(line: str, urls: Collection[str]) -> bool:
    """True for a line that is one of ``urls`` (bare, ``<url>`` or a link), perhaps labelled."""
    rest = _LIST_MARKER_RE.sub("", line).strip()
    label = _LABEL_RE.match(rest)
    candidates = [rest, rest[label.end() :].strip()] if label else [rest]
    for url in urls:
        if url not in line:
            continue
        link_re = r"\[[^\[\]]*\]\(\s*<?" + re.escape(url) + r">?\s*\)"
        for candidate in candidates:
            if candidate in (url, f"<{url}>") or re.fullmatch(link_re, candidate):
                return True
    return False
