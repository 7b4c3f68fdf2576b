"""A paper's metadata from its arXiv id, DOI or OpenReview id, for ``papernotes new``.

Each service is asked through its own public API, with the standard library's
HTTP client, a timeout and a User-Agent naming the package:

- arXiv: the query API (``/api/query?id_list=ID``), an Atom feed;
- a DOI: content negotiation at ``doi.org`` for CSL-JSON, which Crossref,
  DataCite and mEDRA all answer;
- OpenReview: API v2 (``/notes?id=ID``), JSON with ``{"value": ...}`` fields.

The base addresses come from ``PAPERNOTES_ARXIV_API``, ``PAPERNOTES_DOI_API``
and ``PAPERNOTES_OPENREVIEW_API`` when set (the tests point them at a server
on the loopback address). Answers are cached as files, one per request
address, under ``PAPERNOTES_CACHE_DIR`` or the user's cache folder
(``$XDG_CACHE_HOME/sphinx-papernotes/metadata``, by default
``~/.cache/sphinx-papernotes/metadata``), for :data:`CACHE_DAYS` days.

Everything that goes wrong is a :class:`FetchError` with a one-line message.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .. import __version__
from ..model.links import parse_link
from ..model.text import clean_text

ARXIV_API = "https://export.arxiv.org/api/query"
DOI_API = "https://doi.org/"
OPENREVIEW_API = "https://api2.openreview.net"
ENV_BASES = {
    "arxiv": ("PAPERNOTES_ARXIV_API", ARXIV_API),
    "doi": ("PAPERNOTES_DOI_API", DOI_API),
    "openreview": ("PAPERNOTES_OPENREVIEW_API", OPENREVIEW_API),
}
CACHE_ENV = "PAPERNOTES_CACHE_DIR"
CACHE_DAYS = 30
DEFAULT_TIMEOUT = 20.0
CSL_JSON = "application/vnd.citationstyles.csl+json"
USER_AGENT = f"sphinx-papernotes/{__version__} (papernotes new)"
MAX_BYTES = 5_000_000

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV_NS = "{http://arxiv.org/schemas/atom}"

_ARXIV_ID = r"(?:\d{4}\.\d{4,5}|[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
_ARXIV_ID_RE = re.compile(rf"(?:arxiv:)?({_ARXIV_ID})", re.IGNORECASE)
_ARXIV_URL_RE = re.compile(
    rf"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/({_ARXIV_ID})(?:\.pdf)?/?(?:[?#].*)?$"
)
_DOI_RE = re.compile(r"(?:doi:\s*)?(10\.\d{4,9}/\S+)", re.IGNORECASE)
_DOI_URL_RE = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_OPENREVIEW_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_OPENREVIEW_URL_RE = re.compile(r"^https?://(?:www\.)?openreview\.net/(?:forum|pdf)\?(.+)$")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


class FetchError(Exception):
    """Metadata could not be had; the message is one line for the user."""


@dataclass(frozen=True)
class Identifier:
    """Which service to ask, and the paper's id there."""

    kind: str  # "arxiv", "doi" or "openreview"
    value: str


@dataclass(frozen=True)
class Paper:
    """What a service told about a paper; empty where it said nothing."""

    title: str = ""
    authors: tuple[str, ...] = ()
    venue: str = ""
    year: int | None = None
    abstract: str = ""
    links: dict[str, str] = field(default_factory=dict)


def identify(text: str, kind: str | None = None) -> Identifier:
    """The identifier in ``text``: an id or URL of arXiv, a DOI, or OpenReview.

    ``kind`` is set by ``--arxiv``, ``--doi`` or ``--openreview``; without it,
    a bare id is an arXiv id or a DOI by its shape, and an OpenReview paper
    must be given by its URL (its ids have no shape of their own).
    """
    value = clean_text(text)
    for candidate in (kind,) if kind else ("arxiv", "doi", "openreview"):
        found = _match(candidate, value, bare_openreview=kind is not None)
        if found is not None:
            return Identifier(candidate, found)
    if kind:
        example = {"arxiv": "2411.19722", "doi": "10.1000/xyz123", "openreview": "sgAp2qG86e"}
        raise FetchError(f"{value!r} is not an {_site(kind)} id or URL (e.g. {example[kind]})")
    raise FetchError(
        f"{value!r} is neither an arXiv id, a DOI, nor a URL of arXiv, doi.org or "
        "OpenReview (use --openreview ID for a bare OpenReview id)"
    )


def _match(kind: str, value: str, bare_openreview: bool) -> str | None:
    if kind == "arxiv":
        url = _ARXIV_URL_RE.match(value)
        bare = _ARXIV_ID_RE.fullmatch(value)
        return url.group(1) if url else bare.group(1) if bare else None
    if kind == "doi":
        url = _DOI_URL_RE.match(value)
        bare = _DOI_RE.fullmatch(value)
        doi = url.group(1) if url else bare.group(1) if bare else None
        return urllib.parse.unquote(doi) if doi else None
    url = _OPENREVIEW_URL_RE.match(value)
    if url:
        ids = urllib.parse.parse_qs(url.group(1)).get("id", [])
        return ids[0] if ids and _OPENREVIEW_ID_RE.fullmatch(ids[0]) else None
    return value if bare_openreview and _OPENREVIEW_ID_RE.fullmatch(value) else None


def _site(kind: str) -> str:
    return {"arxiv": "arXiv", "doi": "DOI", "openreview": "OpenReview"}[kind]


# -- fetching ------------------------------------------------------------------


def base_url(kind: str) -> str:
    name, default = ENV_BASES[kind]
    return os.environ.get(name) or default


def cache_folder() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    root = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    base = Path(root) if root else Path.home() / ".cache"
    return base / "sphinx-papernotes" / "metadata"


@dataclass(frozen=True)
class Fetcher:
    """Gets a URL's body: from the cache when fresh, else from the network."""

    timeout: float = DEFAULT_TIMEOUT
    cache: Path | None = None  # None: no cache

    def get(self, url: str, accept: str, what: str) -> bytes:
        path = self._cache_path(url, accept)
        if path is not None and path.is_file():
            age = time.time() - path.stat().st_mtime
            if age < CACHE_DAYS * 86400:
                return path.read_bytes()
        body = self._download(url, accept, what)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_suffix(".part")
                partial.write_bytes(body)
                partial.replace(path)
            except OSError:
                pass  # a cache that cannot be written only costs a download next time
        return body

    def _cache_path(self, url: str, accept: str) -> Path | None:
        if self.cache is None:
            return None
        digest = hashlib.sha256(f"{accept}\n{url}".encode()).hexdigest()[:32]
        return self.cache / f"{digest}.body"

    def _download(self, url: str, accept: str, what: str) -> bytes:
        request = urllib.request.Request(url, headers={"Accept": accept, "User-Agent": USER_AGENT})
        host = urllib.parse.urlsplit(url).netloc
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body: bytes = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as error:
            if error.code in (404, 410):
                raise FetchError(f"{what}: not found ({host} answered {error.code})") from None
            raise FetchError(f"{what}: {host} answered HTTP {error.code}") from None
        except TimeoutError:
            raise FetchError(f"{what}: {host} did not answer within {self.timeout:g} s") from None
        except urllib.error.URLError as error:
            reason = getattr(error.reason, "strerror", None) or str(error.reason)
            raise FetchError(
                f"{what}: cannot reach {host} ({reason}); use --offline to write the note "
                "without fetching"
            ) from None
        except http.client.HTTPException as error:
            # A reply that is not HTTP (BadStatusLine, IncompleteRead, too many headers...).
            raise FetchError(
                f"{what}: the answer of {host} is not valid HTTP ({type(error).__name__})"
            ) from None
        except (OSError, ValueError) as error:
            # Everything else urlopen and read raise: sockets, TLS, a malformed URL.
            raise FetchError(f"{what}: cannot reach {host} ({error})") from None
        if len(body) > MAX_BYTES:
            raise FetchError(f"{what}: the answer of {host} is too large")
        return body


def fetch_paper(identifier: Identifier, fetcher: Fetcher) -> Paper:
    """Ask the identifier's service about the paper."""
    if identifier.kind == "arxiv":
        return fetch_arxiv(identifier.value, fetcher)
    if identifier.kind == "doi":
        return fetch_doi(identifier.value, fetcher)
    return fetch_openreview(identifier.value, fetcher)


# -- arXiv -------------------------------------------------------------------------


def fetch_arxiv(arxiv_id: str, fetcher: Fetcher) -> Paper:
    query = urllib.parse.urlencode({"id_list": arxiv_id, "max_results": "1"})
    what = f"arXiv {arxiv_id}"
    body = fetcher.get(f"{base_url('arxiv')}?{query}", "application/atom+xml", what)
    return parse_arxiv(body, arxiv_id)


def parse_arxiv(body: bytes, arxiv_id: str) -> Paper:
    """The first entry of an arXiv API feed (an ``Error`` entry means a bad id)."""
    what = f"arXiv {arxiv_id}"
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        raise FetchError(f"{what}: the arXiv API did not answer with an Atom feed") from None
    entry = root.find(f"{ATOM}entry")
    if entry is None:
        raise FetchError(f"{what}: not found on arXiv")
    entry_id = _text(entry, f"{ATOM}id")
    title = _text(entry, f"{ATOM}title")
    if "/api/errors" in entry_id or (title == "Error" and not entry.findall(f"{ATOM}author")):
        detail = _text(entry, f"{ATOM}summary")
        raise FetchError(f"{what}: not found on arXiv ({detail or 'no such paper'})")
    if not title:
        raise FetchError(f"{what}: not found on arXiv")
    authors = tuple(
        name for author in entry.findall(f"{ATOM}author") if (name := _text(author, f"{ATOM}name"))
    )
    published = _text(entry, f"{ATOM}published")
    year = _year(published)
    links = {"arxiv": _arxiv_id_of(entry_id) or arxiv_id}
    doi = _text(entry, f"{ARXIV_NS}doi")
    if doi and _DOI_RE.fullmatch(doi):
        links["doi"] = doi
    return Paper(
        title=title,
        authors=authors,
        venue=f"arXiv'{year % 100:02d}" if year else "arXiv",
        year=year,
        abstract=_text(entry, f"{ATOM}summary"),
        links=links,
    )


def _arxiv_id_of(entry_id: str) -> str | None:
    """``http://arxiv.org/abs/2411.19722v2`` -> ``2411.19722`` (the latest version)."""
    match = _ARXIV_URL_RE.match(entry_id)
    return re.sub(r"v\d+$", "", match.group(1)) if match else None


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return clean_text("".join(found.itertext())) if found is not None else ""


# -- DOI -----------------------------------------------------------------------------


def fetch_doi(doi: str, fetcher: Fetcher) -> Paper:
    url = base_url("doi").rstrip("/") + "/" + urllib.parse.quote(doi, safe="/:;()._-+~")
    return parse_csl(fetcher.get(url, CSL_JSON, f"DOI {doi}"), doi)


def parse_csl(body: bytes, doi: str) -> Paper:
    """A CSL-JSON record: title, authors, container title, issued year, abstract."""
    data = _json(body, f"DOI {doi}", "CSL-JSON")
    if not isinstance(data, dict):
        raise FetchError(f"DOI {doi}: the answer is not a CSL-JSON record")
    title = clean_text(_plain(_first(data.get("title"))))
    if not title:
        raise FetchError(f"DOI {doi}: the record has no title")
    authors = tuple(name for person in _list(data.get("author")) if (name := _csl_name(person)))
    year = None
    for key in ("issued", "published-print", "published-online", "published", "created"):
        year = _csl_year(data.get(key))
        if year:
            break
    venue = _plain(_first(data.get("container-title")))
    if not venue and data.get("type") == "posted-content":
        venue = _plain(_first(data.get("publisher")))
    # The server's spelling of the DOI, if it is one; else the DOI asked for.
    served = clean_text(str(data.get("DOI") or ""))
    links = {"doi": served if served and parse_link("doi", served).value else doi}
    return Paper(
        title=title,
        authors=authors,
        venue=venue,
        year=year,
        abstract=_plain(str(data.get("abstract") or "")),
        links=links,
    )


def _csl_name(person: Any) -> str:
    if not isinstance(person, dict):
        return ""
    if person.get("literal"):
        return clean_text(str(person["literal"]))
    parts = (person.get("given"), person.get("non-dropping-particle"), person.get("family"))
    return clean_text(" ".join(str(part) for part in parts if part))


def _csl_year(value: Any) -> int | None:
    if not isinstance(value, dict):
        return None
    parts: Any = value.get("date-parts")
    try:
        year = int(parts[0][0])
    except (TypeError, ValueError, IndexError, KeyError):
        match = _YEAR_RE.search(str(value.get("raw", "")))
        return int(match.group(0)) if match else None
    return year if 1000 <= year <= 9999 else None


# -- OpenReview ---------------------------------------------------------------------------


def fetch_openreview(forum: str, fetcher: Fetcher) -> Paper:
    query = urllib.parse.urlencode({"id": forum})
    url = f"{base_url('openreview').rstrip('/')}/notes?{query}"
    return parse_openreview(fetcher.get(url, "application/json", f"OpenReview {forum}"), forum)


def parse_openreview(body: bytes, forum: str) -> Paper:
    """The note of an OpenReview API v2 answer: ``{"notes": [{"content": ...}]}``."""
    what = f"OpenReview {forum}"
    data = _json(body, what, "JSON")
    notes = data.get("notes") if isinstance(data, dict) else None
    if not isinstance(notes, list) or not notes or not isinstance(notes[0], dict):
        raise FetchError(f"{what}: not found on OpenReview")
    note = notes[0]
    content: dict[str, Any] = note["content"] if isinstance(note.get("content"), dict) else {}

    def value(name: str) -> Any:
        entry = content.get(name)
        return entry.get("value") if isinstance(entry, dict) else entry

    title = clean_text(_plain(str(value("title") or "")))
    if not title:
        raise FetchError(f"{what}: the note has no title")
    authors = tuple(clean_text(str(name)) for name in _list(value("authors")) if name)
    venue, year = openreview_venue(str(value("venueid") or ""), str(value("venue") or ""))
    if year is None:
        year = _timestamp_year(note.get("pdate") or note.get("cdate"))
    return Paper(
        title=title,
        authors=authors,
        venue=venue,
        year=year,
        abstract=_plain(str(value("abstract") or "")),
        links={"openreview": str(note.get("forum") or forum)},
    )


def openreview_venue(venue_id: str, venue: str) -> tuple[str, int | None]:
    """``ICLR.cc/2025/Conference`` -> ``("ICLR'25", 2025)``; a submission has no venue.

    OpenReview names the venue that accepted a paper in ``venueid``; rejected,
    withdrawn and pending papers carry ``.../Submission`` or similar there,
    and ``venue`` says "Submitted to ...": those get a year but no venue.
    """
    parts = [part for part in venue_id.split("/") if part]
    years = [int(part) for part in parts if _YEAR_RE.fullmatch(part)]
    year = years[0] if years else None
    if year is None:
        match = _YEAR_RE.search(venue)
        year = int(match.group(0)) if match else None
    submitted = any("submission" in part.lower() for part in parts) or venue.lower().startswith(
        "submitted"
    )
    if not parts or submitted:
        return "", year
    name = parts[0].removesuffix(".cc").split(".")[0]
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", name):
        return "", year
    workshop = " Workshop" if any(part.lower() == "workshop" for part in parts) else ""
    return (f"{name}'{year % 100:02d}{workshop}" if year else f"{name}{workshop}"), year


def _timestamp_year(value: Any) -> int | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        return time.gmtime(value / 1000).tm_year
    except (OverflowError, OSError, ValueError):
        return None


# -- shared ------------------------------------------------------------------------------


def _json(body: bytes, what: str, kind: str) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise FetchError(f"{what}: the answer is not {kind}") from None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _first(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def _year(timestamp: str) -> int | None:
    match = _YEAR_RE.match(timestamp)
    return int(match.group(0)) if match else None


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.rpartition(":")[2] in ("p", "sec", "br", "title"):
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(text: str) -> str:
    """Markup-free text: JATS or HTML tags in CSL titles and abstracts dropped.

    A leading "Abstract" heading (JATS ``<jats:title>``) is dropped too.
    Paragraphs are kept apart by a blank line.
    """
    if "<" not in text and "&" not in text:
        return clean_text(text)
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    paragraphs = [clean_text(part) for part in "".join(parser.parts).split("\n\n")]
    paragraphs = [part for part in paragraphs if part]
    if len(paragraphs) > 1 and paragraphs[0].casefold() == "abstract":
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)
