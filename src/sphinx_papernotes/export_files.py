"""Writing the export files into the output folder at the end of a build."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config

from . import __version__, config
from .addresses import SITE_BUILDERS, note_address
from .diagnostics import Subtype, logger, warn
from .domain import get_domain
from .export_cache import RenderCache
from .exports.bibtex import bibtex_chunks
from .exports.feed import to_atom
from .exports.json_export import json_chunks, note_line
from .freshness import state_file
from .model import Collection, Note
from .model.links import site_base
from .note_bibtex import bibtex_entry
from .output_files import write_if_changed
from .settings import settings

FEED_FILE = "feed.xml"


def note_urls(builder: Builder, collection: Collection) -> dict[str, str]:
    """Note key -> address of the note relative to the output folder."""
    return {note.key: note_address(builder, note) for note in collection.notes}


def bibtex_text(
    cfg: Config,
    collection: Collection,
    relative_urls: dict[str, str],
    cache: RenderCache | None = None,
) -> Iterator[str]:
    """The ``.bib`` file in pieces (see :func:`write_if_changed`)."""
    ascii_only = bool(settings(cfg).bibtex_ascii)

    def render(note: Note) -> str:
        relative = relative_urls.get(note.key)
        if cache is None:
            return bibtex_entry(cfg, collection, note, relative)
        page_url = config.bibtex_page_url(cfg, relative)
        return cache.text(
            ("bibtex", note, collection.bibkeys[note.key], page_url),
            lambda: bibtex_entry(cfg, collection, note, relative),
        )

    return bibtex_chunks(map(render, collection.notes), ascii_only)


def json_text(collection: Collection, urls: dict[str, str], cache: RenderCache) -> Iterator[str]:
    """``papernotes.json`` in pieces (see :func:`write_if_changed`)."""

    def line(note: Note) -> str:
        url = urls.get(note.key)
        inputs = (
            "json",
            note,
            collection.bibkeys.get(note.key),
            url,
            tuple(collection.references_of(note)),
            tuple(source.id for source in collection.referenced_by(note.id)),
        )
        return cache.text(inputs, lambda: note_line(note, collection, url))

    return json_chunks(collection, urls, line)


def write_bibtex(
    cfg: Config, outdir: Path, collection: Collection, urls: dict[str, str], cache: RenderCache
) -> None:
    name = settings(cfg).bibtex_file
    if name:
        write_if_changed(output_path(outdir, name), bibtex_text(cfg, collection, urls, cache))


def output_path(outdir: Path, name: str) -> Path:
    """Where an export named in ``conf.py`` goes (the name was checked when the
    configuration was read: inside the output folder, clashing with nothing)."""
    return outdir / name


def exports_signature(app: Sphinx) -> str:
    """What the export files depend on besides the notes: the configuration
    (Sphinx's hash of its ``html`` values, and our settings, some of which
    rebuild nothing), the builder and the output folder."""
    info = getattr(app.builder, "build_info", None)
    cfg = app.config
    parts = (
        __version__,
        app.builder.name,
        str(app.outdir),
        getattr(info, "config_hash", ""),
        [(setting.name, repr(config.get(cfg, setting.name))) for setting in config.SETTINGS],
        (cfg.html_baseurl, cfg.project, cfg.language),
    )
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def exported_files(app: Sphinx) -> list[str]:
    """The export files this configuration asks for, relative to the output folder."""
    names = [
        settings(app.config).json_file,
        settings(app.config).bibtex_file,
    ]
    if app.builder.name != "singlehtml" and feed_enabled(app):
        names.append(FEED_FILE)
    return [str(name) for name in names if name]


def _state_file(app: Sphinx) -> Path:
    return state_file(app, "exports", ".txt")


def export_cache_file(app: Sphinx) -> Path:
    return state_file(app, "exports", ".pickle")


def exports_up_to_date(app: Sphinx, signature: str) -> bool:
    """No note changed, the configuration is the same and every file is there:
    a no-op build need not compute the exports again."""
    if get_domain(app.env).notes_changed:
        return False
    try:
        if _state_file(app).read_text(encoding="utf-8") != signature:
            return False
    except OSError:
        return False
    outdir = Path(app.outdir)
    return all((outdir / name).is_file() for name in exported_files(app))


def write_exports(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in SITE_BUILDERS:
        return
    make_search_index_inert(Path(app.outdir))
    signature = exports_signature(app)
    if exports_up_to_date(app, signature):
        return
    _state_file(app).unlink(missing_ok=True)
    collection = get_domain(app.env).collection
    urls = note_urls(app.builder, collection)
    cache = RenderCache(export_cache_file(app), signature)
    json_name = settings(app.config).json_file
    if json_name:
        path = output_path(Path(app.outdir), json_name)
        write_if_changed(path, json_text(collection, urls, cache))
    write_bibtex(app.config, Path(app.outdir), collection, urls, cache)
    write_feed(app, collection, urls)
    cache.save()
    # Only once every file is written, as for the generated pages.
    state = _state_file(app)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(signature, encoding="utf-8")


def make_search_index_inert(outdir: Path) -> None:
    """Escape ``<``, ``>`` and ``&`` in ``searchindex.js``, as in papernotes.json.

    Sphinx writes page titles into the index as raw JSON strings, and a note's
    title (the page title of a one-note page) is user text such as
    ``</script>``: harmless while the file is loaded by ``src``, but not if a
    theme or tool inlines it into a page. ``\\u003c`` means the same character
    in a JSON string, so search (and Sphinx reading the index back) is unchanged.
    """
    path = outdir / "searchindex.js"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    inert = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    if inert != text:
        path.write_text(inert, encoding="utf-8")


def write_feed(app: Sphinx, collection: Collection, urls: dict[str, str]) -> None:
    """``feed.xml`` needs absolute links, so only with ``html_baseurl`` set."""
    if app.builder.name == "singlehtml":
        return
    length = settings(app.config).feed_length
    if not length or length <= 0:
        return
    base_url = app.config.html_baseurl
    if not feed_enabled(app):
        if not base_url:  # a base URL that is set but unusable was reported already
            logger.verbose(
                "papernotes: feed.xml is not written because html_baseurl is not set "
                "(feeds need absolute links)."
            )
        return
    try:
        text = to_atom(collection, base_url, urls, app.config.project, length, app.config.language)
    except ValueError as error:
        warn(Subtype.CONFIG, f"feed.xml is not written: {error}")
        return
    write_if_changed(Path(app.outdir) / FEED_FILE, text)


def feed_enabled(app: Sphinx) -> bool:
    length = settings(app.config).feed_length
    return site_base(app.config.html_baseurl) is not None and bool(length) and length > 0


def link_feed(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Announce the feed in every page's ``<head>`` so feed readers find it."""
    if app.builder.name not in ("html", "dirhtml") or not feed_enabled(app):
        return
    href = context["pathto"](FEED_FILE, 1)
    title = html.escape(str(app.config.project), quote=True)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="{title}" '
        f'href="{html.escape(href, quote=True)}" />'
    )


def setup_exports(app: Sphinx) -> None:
    app.connect("build-finished", write_exports)
    app.connect("html-page-context", link_feed)
