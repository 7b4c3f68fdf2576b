"""Paper links in an issue body, which become the note's link fields, by kind.

arXiv (abs, pdf, html) and OpenReview (forum, pdf) links are found anywhere
in the text. Other links count only on a line of their own (perhaps after
a list marker or a short label such as ``pj page:``), since a link inside a
sentence is part of what was written about the paper: ``doi.org/…`` ->
``doi``, a GitHub repository -> ``code``, an address ending in ``.pdf`` ->
``pdf``, anything else -> ``url``. Posts on X/Twitter, pictures, GitHub
attachments and issues are never paper links.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urlsplit

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
_DOI_RE = re.compile(r"https?://(?:dx\.)?doi\.org/(?P<id>10\.\d{4,9}/\S+)", re.IGNORECASE)
_URL_RE = re.compile(r"https?://[^\s<>()\[\]`\"\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]+")
_TRAILING = ".,:;!?'\"*_~"
_REPO_PATH_RE = re.compile(r"/[\w.-]+/[\w.-]+/?(?:tree/[^?#]*)?")
_NOT_PAPERS = ("x.com", "twitter.com", "mobile.twitter.com", "www.x.com", "www.twitter.com")
_PICTURE_RE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp)$", re.IGNORECASE)
_LIST_MARKER_RE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?")
# A short label before a link on its own line: ``arXiv:``, ``Paper link:``, ``論文：``.
_LABEL_RE = re.compile(
    r"^[^\s:：<>\[\]()`/]{1,20}(?:[ \t][^\s:：<>\[\]()`/]{1,20}){0,2}[ \t]*[:：]"
)


@dataclass(frozen=True)
class PaperLink:
    kind: str  # ``arxiv``, ``openreview``, ``doi``, ``code``, ``pdf`` or ``url``
    ident: str
    url: str  # as written in the text


def paper_links(text: str) -> list[PaperLink]:
    """The paper links outside code, in the order they appear (see the module docstring)."""
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
        if matches or "http" not in line:
            continue
        for url in (trim_url(match.group(0)) for match in _URL_RE.finditer(line)):
            web = web_link(url)
            if web is not None and is_link_only(line, [url]):
                found.append(web)
    return found


def trim_url(url: str) -> str:
    """A bare URL without the trailing punctuation and unbalanced ``)`` around it."""
    while url and (url[-1] in _TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url


def web_link(url: str) -> PaperLink | None:
    """The link field a paper URL other than arXiv or OpenReview becomes, if any."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host or host in _NOT_PAPERS or _PICTURE_RE.search(parts.path):
        return None
    doi = _DOI_RE.fullmatch(url)
    if doi:
        return PaperLink("doi", doi.group("id"), url) if parse_link("doi", url).value else None
    if host in ("github.com", "www.github.com"):
        if not _REPO_PATH_RE.fullmatch(parts.path) or parts.path.startswith(
            ("/user-attachments/", "/orgs/", "/settings/")
        ):
            return None
        return PaperLink("code", url, url)
    if host.endswith("githubusercontent.com"):
        return None
    kind = "pdf" if parts.path.lower().endswith(".pdf") else "url"
    return PaperLink(kind, url, url) if parse_link(kind, url).value else None


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
