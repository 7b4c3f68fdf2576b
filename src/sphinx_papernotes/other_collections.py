"""Notes of other collections: ``papernotes_collections``, ``{note}`lab:1834```, ``:collection:``.

Each named collection is another site built with this package; its
``papernotes.json`` is read once per build (``builder-inited``), as
intersphinx reads ``objects.inv``:

- a URL is fetched, and the answer kept in the doctree folder
  (``papernotes-collections/<name>.json``) for
  ``papernotes_collections_cache_days``; links go to that site;
- a local path (a built site's output folder, or its ``papernotes.json``) is
  read at every build, so it is always current; links are relative, for
  sites served side by side.

When the data cannot be had or is not a schema-1 export, a
``papernotes.collection`` warning names the collection and its source, and
the last copy kept is used (none on a first build).

Pages that show notes of a collection (a reference, or a listing with
``:collection:``) are written again when what was loaded differs from the
last build: a digest of each collection is kept on the environment and
compared in ``env-get-updated``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from . import __version__
from .addresses import SITE_BUILDERS
from .diagnostics import Subtype, warn
from .domain import DOMAIN, get_domain
from .model import Collection, Note
from .model.external import ExternalCollection, SchemaError, read_collection
from .model.text import shorten
from .settings import settings

ALL = "all"
CACHE_FOLDER = "papernotes-collections"
JSON_NAME = "papernotes.json"
TIMEOUT = 20.0
MAX_BYTES = 50_000_000
USER_AGENT = f"sphinx-papernotes/{__version__}"
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")


@dataclass(frozen=True)
class Source:
    """Where a collection's data comes from, and how its links are written."""

    name: str
    location: str  # the URL of papernotes.json, or the file's path
    is_url: bool
    base: str  # the site root: a URL, or the folder relative to our output


@dataclass(frozen=True)
class Loaded:
    """Every collection of this build, by name; the links of local ones are relative."""

    collections: dict[str, ExternalCollection]
    relative: frozenset[str]  # names whose links are relative to our output root

    def find(self, target: str) -> tuple[ExternalCollection, Note] | None:
        """``lab:1834`` -> the collection and its note."""
        name, sep, note_id = target.partition(":")
        found = self.collections.get(name) if sep else None
        note = found.by_id.get(note_id) if found is not None else None
        return (found, note) if found is not None and note is not None else None


def loaded(env: BuildEnvironment) -> Loaded:
    found = getattr(env, "papernotes_collections", None)
    return found if isinstance(found, Loaded) else Loaded({}, frozenset())


# -- configuration ---------------------------------------------------------


def sources(app: Sphinx) -> list[Source]:
    """The usable entries of ``papernotes_collections``; others are warned about."""
    result: list[Source] = []
    configured = settings(app.config).collections
    if not isinstance(configured, dict):
        warn(Subtype.CONFIG, "papernotes_collections must be a dict of name -> URL or path")
        return result
    for name, value in configured.items():
        if not isinstance(name, str) or not name or ":" in name or name == ALL:
            warn(
                Subtype.CONFIG,
                f"papernotes_collections: {shorten(str(name))!r} is not a usable collection "
                f"name (no ':', not {ALL!r}); it is ignored",
            )
            continue
        if not isinstance(value, str) or not value.strip():
            warn(
                Subtype.CONFIG,
                f"papernotes_collections[{name!r}] must be a URL or a path; it is ignored",
            )
            continue
        value = value.strip()
        scheme = _SCHEME_RE.match(value)
        if scheme and scheme.group(1).casefold() == "file":
            parts = urllib.parse.urlsplit(value)
            if parts.netloc not in ("", "localhost"):
                warn(
                    Subtype.CONFIG,
                    f"papernotes_collections[{name!r}] = {shorten(repr(value))}: a file URL "
                    "must name a file on this machine (file:///path); it is ignored",
                )
                continue
            value = urllib.request.url2pathname(parts.path)  # file:///srv/lab -> /srv/lab
        elif scheme and scheme.group(1).casefold() not in ("http", "https"):
            warn(
                Subtype.CONFIG,
                f"papernotes_collections[{name!r}] = {shorten(repr(value))}: only http(s) "
                "and file URLs, or paths, can be read; it is ignored",
            )
            continue
        result.append(_source(app, name, value))
    return result


def _source(app: Sphinx, name: str, value: str) -> Source:
    if value.casefold().startswith(("http://", "https://")):
        if value.endswith(".json"):
            base = value.rpartition("/")[0] + "/"
            return Source(name, value, True, base)
        base = value if value.endswith("/") else value + "/"
        return Source(name, base + JSON_NAME, True, base)
    path = (Path(app.confdir) / Path(value).expanduser()).resolve()
    site = path.parent if path.suffix == ".json" else path
    location = path if path.suffix == ".json" else path / JSON_NAME
    base = os.path.relpath(site.resolve(), Path(app.outdir).resolve()).replace(os.sep, "/")
    return Source(name, str(location), False, base + "/")


# -- loading ---------------------------------------------------------------


def load_collections(app: Sphinx) -> None:
    """``builder-inited``: read every collection, from the cache or its source."""
    days = settings(app.config).collections_cache_days
    max_age = float(days) * 86400 if isinstance(days, int | float) else 7 * 86400
    collections: dict[str, ExternalCollection] = {}
    relative = set()
    # What the last build read (kept with the environment): the same text is
    # not parsed again.
    known = {c.origin: c for c in loaded(app.env).collections.values() if c.origin}
    for source in sources(app):
        collections[source.name] = load_one(app, source, max_age, known)
        if not source.is_url:
            relative.add(source.name)
    app.env.papernotes_collections = Loaded(collections, frozenset(relative))  # type: ignore[attr-defined]


def _cache_file(app: Sphinx, name: str) -> Path:
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return Path(app.doctreedir) / CACHE_FOLDER / f"{digest}.json"


def _read_cache(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("text"), str) else None


def load_one(
    app: Sphinx,
    source: Source,
    max_age: float,
    known: dict[str, ExternalCollection] | None = None,
) -> ExternalCollection:
    found = _load(app, source, max_age, known or {})
    if found.skipped:
        warn(
            Subtype.COLLECTION,
            f"collection {source.name!r}: {found.skipped} "
            f"{'entry' if found.skipped == 1 else 'entries'} without a valid id and address "
            "left out",
            _where(source),
        )
    return found


def _load(
    app: Sphinx, source: Source, max_age: float, known: dict[str, ExternalCollection]
) -> ExternalCollection:
    cache_path = _cache_file(app, source.name)
    cached = _read_cache(cache_path)
    if cached is not None and cached.get("location") != source.location:
        cached = None  # the collection now comes from elsewhere
    fresh = (
        cached is not None
        and source.is_url
        and time.time() - float(cached.get("fetched", 0)) < max_age
    )
    if fresh and cached is not None:
        parsed = _parse(source, cached["text"], known)
        if isinstance(parsed, ExternalCollection):
            return parsed
    text, problem = _read_source(source)
    if text is not None:
        parsed = _parse(source, text, known)
        if isinstance(parsed, ExternalCollection):
            if cached is None or cached.get("text") != text or source.is_url:
                _write_cache(cache_path, source, text)
            return parsed
        problem = parsed
    if cached is not None:
        old = _parse(source, cached["text"], known)
        if isinstance(old, ExternalCollection):
            when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(float(cached["fetched"])))
            warn(
                Subtype.COLLECTION,
                f"collection {source.name!r}: {problem}; using the copy from {when}",
                _where(source),
            )
            return old
    fallback = "; its notes are unknown in this build"
    warn(Subtype.COLLECTION, f"collection {source.name!r}: {problem}{fallback}", _where(source))
    return ExternalCollection(source.name)


def _where(source: Source) -> str:
    """The warning's location: the URL, or the file (Sphinx reads a name without
    ``:`` as a document name, so a file gets its first line)."""
    return source.location if source.is_url else f"{source.location}:1"


def _read_source(source: Source) -> tuple[str | None, str]:
    if not source.is_url:
        try:
            return Path(source.location).read_text(encoding="utf-8"), ""
        except FileNotFoundError:
            return None, "no such file (build that site first)"
        except (OSError, UnicodeDecodeError) as error:
            return None, f"cannot read the file ({error})"
    request = urllib.request.Request(
        source.location, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        return None, f"the server answered HTTP {error.code}"
    except urllib.error.URLError as error:
        return None, f"unreachable ({getattr(error.reason, 'strerror', None) or error.reason})"
    except http.client.HTTPException as error:
        # A reply that is not HTTP (BadStatusLine, IncompleteRead, too many headers...).
        return None, f"the server's answer is not valid HTTP ({type(error).__name__})"
    except (OSError, ValueError) as error:
        # Everything else urlopen and read raise: sockets, TLS, a malformed URL.
        return None, f"unreachable ({error})"
    if len(body) > MAX_BYTES:
        return None, "the file is too large"
    try:
        return body.decode("utf-8"), ""
    except UnicodeDecodeError:
        return None, "the file is not UTF-8"


def _parse(
    source: Source, text: str, known: dict[str, ExternalCollection]
) -> ExternalCollection | str:
    """The collection, or why the text is not one."""
    origin = hashlib.sha1(repr((source, text)).encode("utf-8")).hexdigest()
    if origin in known:
        return known[origin]
    try:
        data = json.loads(text)
    except ValueError:
        return "the file is not JSON"
    except RecursionError:
        return "the file is not JSON this package reads (nested too deeply)"
    try:
        found = read_collection(source.name, data, source.base)
    except SchemaError as error:
        return f"not a papernotes.json export ({error})"
    return dataclasses.replace(found, origin=origin)


def _write_cache(path: Path, source: Source, text: str) -> None:
    data = {"location": source.location, "fetched": time.time(), "text": text}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)
    except OSError:
        pass  # without a cache the next build reads the source again


# -- references ------------------------------------------------------------


def external_url(app: Sphinx, found: Loaded, collection: str, url: str, fromdocname: str) -> str:
    """The address to write on page ``fromdocname``: absolute, or relative to that page."""
    if collection not in found.relative:
        return url
    page = app.builder.get_target_uri(fromdocname)
    path, sep, fragment = url.partition("#")
    return relative_uri(page, path) + sep + fragment


def links_out(app: Sphinx, collection: str) -> bool:
    """Relative links only make sense between sites; other builders show text."""
    return collection not in loaded(app.env).relative or app.builder.name in SITE_BUILDERS


def resolve_external(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: Element
) -> nodes.Element | None:
    """``missing-reference``: ``{note}`lab:1834``` links to the note in collection ``lab``."""
    if node.get("refdomain") != DOMAIN or node.get("reftype") != "note":
        return None
    found = loaded(env)
    hit = found.find(str(node["reftarget"]))
    if hit is None:
        return None  # an unknown note: the usual papernotes.ref warning
    collection, note = hit
    if not node.get("refexplicit"):
        contnode = nodes.inline("", note.display_title, classes=contnode["classes"])
    url = collection.url_of(note)
    if url is None or not links_out(app, collection.name):
        return contnode
    uri = external_url(app, found, collection.name, url, node.get("refdoc", env.docname))
    ref = nodes.reference("", "", contnode, internal=False, refuri=uri, reftitle=note.citation())
    ref["classes"] += ["pn-note-ref", "pn-external"]
    return ref


# -- listings --------------------------------------------------------------


def listing_collection(env: BuildEnvironment, name: str) -> Collection:
    """The notes a ``:collection:`` listing shows: one collection, or ours and every other."""
    found = loaded(env)
    if name == ALL:
        notes: Iterable[Note] = [
            *get_domain(env).collection.notes,
            *(note for c in found.collections.values() for note in c.notes),
        ]
    else:
        picked = found.collections.get(name)
        notes = picked.notes if picked is not None else ()
    return Collection(notes)


def external_urls(app: Sphinx, fromdocname: str) -> dict[str, str]:
    """Note key -> address on page ``fromdocname``, for every note of every collection."""
    found = loaded(app.env)
    result = {}
    for name, collection in found.collections.items():
        if not links_out(app, name):
            continue
        for note in collection.notes:
            url = collection.url_of(note)
            if url is not None:
                result[note.key] = external_url(app, found, name, url, fromdocname)
    return result


def known_name(app: Sphinx, name: str) -> bool:
    return name == ALL or name in loaded(app.env).collections


# -- freshness -------------------------------------------------------------


def collection_digest(collection: ExternalCollection) -> str:
    return collection.digest


def stale_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: pages showing a collection whose data changed."""
    found = loaded(env)
    new = {name: collection_digest(c) for name, c in found.collections.items()}
    old = cast(dict[str, str], getattr(env, "papernotes_collection_digests", {}))
    env.papernotes_collection_digests = new  # type: ignore[attr-defined]
    changed = {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}
    if not changed or not old:
        return []
    domain = get_domain(env)
    pages = set()
    for docname, refs in domain.refs.items():
        if any(ref.kind == "note" and ref.target.partition(":")[0] in changed for ref in refs):
            pages.add(docname)
    for docname, listings in domain.listings.items():
        if any(
            listing.collection in changed | {ALL} for listing in listings if listing.collection
        ):
            pages.add(docname)
    return sorted(pages & env.found_docs)


def setup_collections(app: Sphinx) -> None:
    app.connect("builder-inited", load_collections)
    # Before intersphinx (500), which would read "lab:" as an inventory name.
    app.connect("missing-reference", resolve_external, priority=400)
    app.connect("env-get-updated", stale_pages)
