"""``feed.xml``: an Atom 1.0 feed of the most recently written notes.

feedgen builds the XML (through lxml), so every text is escaped by the XML
writer and never by hand. The output depends on the notes alone: the feed's
``updated`` is the newest note's date, never the clock, so an unchanged
project gives a byte-identical file and feed readers see nothing new.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from urllib.parse import quote

from ..model import Collection, Note, id_sort_key
from ..model.links import site_base

FEED_FILE = "feed.xml"
GENERATOR = "sphinx-papernotes"

# The feed of a project with no dated notes still needs an ``updated``; a
# fixed instant keeps it reproducible.
_NO_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

# Code points XML 1.0 forbids. The model drops control characters, but
# U+FFFE, U+FFFF and lone surrogates would still make lxml refuse the feed.
_NOT_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def to_atom(
    collection: Collection,
    base_url: str,
    urls: Mapping[str, str],
    title: str,
    length: int = 30,
    language: str | None = None,
) -> str:
    """The feed of the ``length`` newest notes that have a date, newest first.

    ``base_url`` is the site's absolute root (``html_baseurl``); ``urls`` maps
    :attr:`Note.key` to the note's address relative to that root. Notes with
    no date or no address are left out. Raises :class:`ValueError` when
    ``base_url`` is not an absolute http(s) URL, since a feed of relative
    links is useless to a reader.
    """
    root = site_root(base_url)
    entries = recent_notes(collection, urls, length)

    # Imported here: feedgen pulls in lxml and dateutil, which every build
    # would otherwise pay for at start-up, feed or not (a no-op rebuild too).
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    # feedgen's default generator names its own version, which would change
    # the file whenever feedgen is upgraded.
    feed.generator(GENERATOR)
    feed.id(root)
    # Atom requires a non-empty title; the site address stands in for none.
    feed_title = _xml(title).strip() or root
    feed.title(feed_title)
    # Atom needs an author on the feed unless every entry has one; this one
    # stands in for notes whose paper has no authors listed.
    feed.author(name=feed_title)
    feed.link(href=root, rel="alternate", type="text/html")
    feed.link(href=root + FEED_FILE, rel="self", type="application/atom+xml")
    if language:
        feed.language(_xml(language))
    feed.updated(entries[0][2] if entries else _NO_DATE)

    for note, url, when in entries:
        link = root + _uri(url)
        # feedgen prepends entries by default; append keeps newest first.
        entry = feed.add_entry(order="append")
        entry.id(link)
        entry.title(_xml(note.display_title).strip() or f"Note {note.id}")
        entry.link(href=link, rel="alternate", type="text/html")
        # Both default to the current time in feedgen when left unset.
        entry.updated(when)
        entry.published(when)
        for name in note.authors.names:
            entry.author(name=_xml(name))
        if summary := _xml(note.summary).strip():
            entry.summary(summary, type="text")
        for tag in note.tags:
            if term := _xml(tag).strip():
                entry.category(term=term)

    xml: bytes = feed.atom_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return xml.decode("utf-8")


def site_root(base_url: str) -> str:
    """``base_url`` with exactly one trailing ``/``, checked to be absolute http(s)."""
    root = site_base(base_url)
    if root is None:
        raise ValueError(
            f"the feed needs an absolute http(s) base URL such as 'https://example.org/docs/', "
            f"got {base_url!r}"
        )
    return root


def recent_notes(
    collection: Collection, urls: Mapping[str, str], length: int
) -> list[tuple[Note, str, dt.datetime]]:
    """The notes of the feed with their relative addresses and dates, newest first.

    Ties on the date go to the higher id (natural order), then by source
    position, so the order never depends on the order notes were read in.
    Two notes at one address (possible only with duplicate ids) would give
    two entries with one Atom id; the second is left out.
    """
    dated: list[tuple[Note, str, dt.datetime]] = []
    for note in collection.notes:
        when = _timestamp(note.date)
        url = urls.get(note.key, "").lstrip("/")
        if when is not None and url:
            dated.append((note, url, when))
    dated.sort(
        key=lambda item: (item[2], id_sort_key(item[0].id), item[0].docname, item[0].lineno),
        reverse=True,
    )
    result: list[tuple[Note, str, dt.datetime]] = []
    seen: set[str] = set()
    for note, url, when in dated:
        if len(result) >= length:
            break
        if url not in seen:
            seen.add(url)
            result.append((note, url, when))
    return result


def _timestamp(date: str | None) -> dt.datetime | None:
    """Midnight UTC of a ``YYYY-MM-DD`` date; ``None`` for no or a bad date."""
    if not date:
        return None
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _xml(text: str) -> str:
    """``text`` without the code points XML cannot hold; escaping is lxml's job."""
    return _NOT_XML_RE.sub("", text)


def _uri(path: str) -> str:
    """A relative address as URI text: spaces and non-ASCII percent-encoded,
    reserved characters and existing escapes kept."""
    return quote(path, safe="/:@!$&'()*+,;=?#%~")
