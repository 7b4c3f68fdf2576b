"""Links of a note: ids turned into URLs, and only ``http(s)`` let through."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from .parsed import Parsed
from .text import clean_text, shorten

# The order links are shown and exported in.
LINK_KINDS = ("arxiv", "openreview", "doi", "url", "code", "pdf")

_ARXIV_NEW_RE = re.compile(r"\d{4}\.\d{4,5}(?:v\d+)?")
_ARXIV_OLD_RE = re.compile(r"[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?")
_ARXIV_URL_RE = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$")
_OPENREVIEW_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_OPENREVIEW_URL_RE = re.compile(r"^https?://(?:www\.)?openreview\.net/(?:forum|pdf)\?id=([^&#]+)")
_DOI_RE = re.compile(r"10\.\d{4,9}/\S+")
_DOI_URL_RE = re.compile(r"^https?://(?:dx\.)?doi\.org/(.+)$", re.IGNORECASE)
MAX_URL_LENGTH = 2000


def parse_link(kind: str, text: str | None) -> Parsed[str | None]:
    """The ``http(s)`` URL for a link field, or ``None`` with a reason.

    ``arxiv``, ``openreview`` and ``doi`` take an id (or the site's own URL);
    ``url``, ``code`` and ``pdf`` take an absolute ``http``/``https`` URL.
    """
    if text is None:
        return Parsed(None)
    value = clean_text(text)
    if not value:
        return Parsed(None)
    if kind == "arxiv":
        return _arxiv(value)
    if kind == "openreview":
        return _openreview(value)
    if kind == "doi":
        return _doi(value)
    return _web_url(kind, value)


def site_base(url: str | None) -> str | None:
    """A site's root (``html_baseurl``) with one trailing ``/``, or ``None``
    unless it is an absolute http(s) URL: every export that writes absolute
    addresses checks the base here, so none writes ``javascript:`` or ``//``."""
    text = str(url or "")
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or any(char.isspace() or not char.isprintable() for char in text)
    ):
        return None
    return text.rstrip("/") + "/"


def arxiv_id(url: str) -> str | None:
    """The arXiv id inside an ``arxiv.org/abs/...`` URL this module built."""
    match = _ARXIV_URL_RE.match(url)
    return match.group(1) if match else None


def _arxiv(value: str) -> Parsed[str | None]:
    match = _ARXIV_URL_RE.match(value)
    ident = match.group(1) if match else value.removeprefix("arXiv:").removeprefix("arxiv:")
    if _ARXIV_NEW_RE.fullmatch(ident) or _ARXIV_OLD_RE.fullmatch(ident):
        return Parsed(f"https://arxiv.org/abs/{ident}")
    return Parsed(None, (f"invalid arXiv id {shorten(value)!r} (expected e.g. 2411.19722)",))


def _openreview(value: str) -> Parsed[str | None]:
    match = _OPENREVIEW_URL_RE.match(value)
    ident = match.group(1) if match else value
    if _OPENREVIEW_RE.fullmatch(ident):
        return Parsed(f"https://openreview.net/forum?id={ident}")
    return Parsed(None, (f"invalid OpenReview id {shorten(value)!r} (expected e.g. sgAp2qG86e)",))


def _doi(value: str) -> Parsed[str | None]:
    match = _DOI_URL_RE.match(value)
    ident = match.group(1) if match else value.removeprefix("doi:").strip()
    if _DOI_RE.fullmatch(ident):
        return Parsed("https://doi.org/" + quote(ident, safe="/:;()._-+~"))
    return Parsed(None, (f"invalid DOI {shorten(value)!r} (expected e.g. 10.1000/xyz123)",))


def _web_url(kind: str, value: str) -> Parsed[str | None]:
    problem = f"{kind} link {shorten(value)!r} is not an absolute http(s) URL; left out"
    if len(value) > MAX_URL_LENGTH or any(ch.isspace() for ch in value):
        return Parsed(None, (problem,))
    try:
        parts = urlsplit(value)
    except ValueError:
        return Parsed(None, (problem,))
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return Parsed(None, (problem,))
    # Characters that would need escaping anywhere a URL is written raw.
    return Parsed(quote(value, safe=":/?#[]@!$&'()*+,;=%~-._"))
