"""Writing ``llms.txt``, ``llms-full.txt`` and ``llms/tags/*.md`` after an HTML build.

Like the other exports they are written only when something they show may
have changed: a note or a comment (the domain's state changes whenever a
build reads or removes a document), the configuration, or any of its files
gone missing. A no-op build writes nothing.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import partial
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .addresses import SITE_BUILDERS, absolute, note_address
from .comments import all_comments
from .domain import get_domain
from .export_cache import RenderCache
from .export_files import exports_signature
from .exports.llms import (
    FULL_FILE,
    LLMS_FILE,
    TAG_FOLDER,
    Site,
    Target,
    llms_full_chunks,
    llms_index,
    note_markdown,
    referenced,
    tag_document,
    tag_files,
)
from .model import Collection
from .other_collections import collection_digest, links_out, loaded
from .output_files import write_if_changed
from .settings import settings


def llms_enabled(app: Sphinx) -> bool:
    return app.builder.name in SITE_BUILDERS and settings(app.config).llms


def _state_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"papernotes-llms-{app.builder.name}.txt"


def context_signature(app: Sphinx) -> str:
    """Configuration and the notes of other collections that comments cite."""
    digest = hashlib.sha1(exports_signature(app).encode("utf-8"))
    for name, other in sorted(loaded(app.env).collections.items()):
        digest.update(f"\0{name}\0{collection_digest(other)}".encode())
    return digest.hexdigest()


def llms_signature(context: str, state: str) -> str:
    """The context and the state of the notes and comments (see the domain's
    ``state``: it changes whenever a build reads or removes a document)."""
    return hashlib.sha1(f"{context}\0{state}".encode()).hexdigest()


def site_of(app: Sphinx, collection: Collection, comments: dict[str, str]) -> Site:
    """Addresses absolute under ``html_baseurl``, else relative to the output root."""
    cfg = app.config

    def address(relative: str) -> str:
        return absolute(cfg, relative) or relative

    urls = {note.key: address(note_address(app.builder, note)) for note in collection.notes}

    others = loaded(app.env)

    def resolve(target: str) -> Target | None:
        note = collection.by_id.get(target)
        if note is not None:
            return Target(note.display_title, urls.get(note.key))
        hit = others.find(target)  # a note of another collection (lab:1834)
        if hit is None:
            return None
        other, found = hit
        url = other.url_of(found)
        return Target(found.display_title, url if links_out(app, other.name) else None)

    return Site(
        project=str(cfg.project or ""),
        urls=urls,
        comments=comments,
        resolve=resolve,
        base_url=str(cfg.html_baseurl or ""),
    )


def rendered_notes(
    app: Sphinx, collection: Collection, site: Site, context: str
) -> tuple[dict[str, str], dict[str, bytes]]:
    """Each note's section, and a digest of what it was rendered from.

    Sections rendered from the same inputs last time are reused (see
    export_cache: after one edit, all other notes come out the same). When
    the last build's sections were made from the data as this build found
    it, and this build read documents again without changing any note (a
    comment edit), the other documents' notes cannot have changed: their
    sections are taken back without digesting their inputs again.
    """
    domain = get_domain(app.env)
    cache = RenderCache(
        Path(app.doctreedir) / f"papernotes-llms-{app.builder.name}.pickle",
        exports_signature(app),
    )
    reread = domain.reread
    same_start = (
        reread is not None
        and cache.meta.get("state") == domain.previous_state
        and cache.meta.get("context") == context
    )
    result = {}
    for note in collection.notes:
        if same_start and note.docname not in reread:  # type: ignore[operator]
            kept = cache.reuse(note.key)
            if kept is not None:
                result[note.key] = kept
                continue
        comment = site.comments.get(note.key, "")
        inputs = (
            "llms",
            note,
            site.urls.get(note.key),
            comment,
            tuple(site.resolve(target) for target in referenced(comment)),
        )
        result[note.key] = cache.text(inputs, partial(note_markdown, note, site), key=note.key)
    cache.save(state=domain.state, context=context)
    return result, cache.digests


def write_tag_files(
    app: Sphinx, collection: Collection, rendered: dict[str, str], digests: dict[str, bytes]
) -> set[str]:
    """Write each tag's file, skipping those made of the same sections as last time
    (after one edit, only the edited note's tags have anything new).

    A section is known by the digest of its inputs (the same inputs and
    configuration give the same section), so no section is digested again.
    """
    outdir = Path(app.outdir)
    state = Path(app.doctreedir) / f"papernotes-llms-tags-{app.builder.name}.pickle"
    try:
        with state.open("rb") as stream:
            old: Any = pickle.load(stream)
    except Exception:  # a missing or foreign file: write every file
        old = {}
    old = old if isinstance(old, dict) else {}
    signature = exports_signature(app).encode("utf-8")
    new: dict[str, bytes] = {}
    for file in tag_files(collection):
        sections = (digests[note.key] for note in file.notes)
        parts = [signature, file.title.encode("utf-8"), *sections]
        fingerprint = hashlib.blake2b(b"\0".join(parts), digest_size=16).digest()
        new[file.path] = fingerprint
        if old.get(file.path) != fingerprint or not (outdir / file.path).is_file():
            write_if_changed(outdir / file.path, tag_document(file, rendered))
    state.parent.mkdir(parents=True, exist_ok=True)
    with state.open("wb") as stream:
        pickle.dump(new, stream, protocol=pickle.HIGHEST_PROTOCOL)
    return set(new)


def write_llms(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not llms_enabled(app):
        return
    domain = get_domain(app.env)
    context = context_signature(app)
    signature = llms_signature(context, domain.state)
    outdir = Path(app.outdir)
    state = _state_file(app)
    # The state is the signature, then every file written last time: a
    # no-op build checks they all still exist (a stat each), so one that was
    # deleted is written again.
    try:
        kept = state.read_text(encoding="utf-8").splitlines()
    except OSError:
        kept = []
    unchanged = bool(kept) and kept[0] == signature
    if unchanged and not domain.notes_changed and all((outdir / p).is_file() for p in kept[1:]):
        return
    state.unlink(missing_ok=True)
    collection = domain.collection
    site = site_of(app, collection, all_comments(app.env))
    write_if_changed(outdir / LLMS_FILE, llms_index(collection, site))
    rendered, digests = rendered_notes(app, collection, site, context)
    write_if_changed(outdir / FULL_FILE, llms_full_chunks(collection, site, rendered))
    tags = write_tag_files(app, collection, rendered, digests)
    # A tag no note has any more leaves no file behind (the folder is ours).
    folder = outdir / TAG_FOLDER
    if folder.is_dir():
        for path in folder.glob("*.md"):
            if f"{TAG_FOLDER}/{path.name}" not in tags:
                path.unlink()
    state.parent.mkdir(parents=True, exist_ok=True)
    owned = [LLMS_FILE, FULL_FILE, *sorted(tags)]
    state.write_text("\n".join([signature, *owned]), encoding="utf-8")


def exclude_output(app: Sphinx, cfg: Config) -> None:
    """``config-inited``: never read the output or doctree folder as sources.

    Sphinx finds sources by walking the source folder with only
    ``exclude_patterns`` left out; the llms tag files are Markdown, so an
    output folder inside the source folder (``sphinx-build docs docs/_build``
    without ``exclude_patterns = ["_build"]``) would be read back, one level
    deeper at each build.
    """
    srcdir = Path(app.srcdir).resolve()
    patterns = list(cfg.exclude_patterns)
    for folder in (Path(app.outdir).resolve(), Path(app.doctreedir).resolve()):
        if folder != srcdir and folder.is_relative_to(srcdir):
            relative = folder.relative_to(srcdir).as_posix()
            if relative not in patterns:
                patterns.append(relative)
    cfg.exclude_patterns = patterns


def setup_llms(app: Sphinx) -> None:
    app.connect("config-inited", exclude_output)
    app.connect("build-finished", write_llms)
