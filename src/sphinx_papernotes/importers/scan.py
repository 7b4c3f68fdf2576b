"""The note ids already present in a folder of notes.

Used by ``papernotes new`` (the next free number, and never a second note
with an id in use) and by the GitHub import (``#1234`` becomes a note
reference only when note 1234 exists). An id is taken by every
``paper-note`` directive in a ``.md`` or ``.rst`` file, and a number also by a
file named ``<number>.md`` (a draft without its directive yet).
Folders whose name starts with ``_`` or ``.`` (build output, caches) are
not searched. ``papernotes new`` also asks which note already holds a paper
(its ``:arxiv:``, ``:doi:`` or ``:openreview:`` field).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..model.ids import is_valid_id
from ..model.links import parse_link

SOURCE_SUFFIXES = (".md", ".rst")
_DIRECTIVE_RE = re.compile(
    r"^[ \t]*(?:(?::{3,}|`{3,}|~{3,})[ \t]*\{paper-note\}|\.\.[ \t]+paper-note::)[ \t]+(\S+)",
    re.MULTILINE,
)


def note_ids_in(folder: Path) -> dict[str, Path]:
    """Every note id used under ``folder``, with the first file that uses it."""
    found: dict[str, Path] = {}
    for path in _source_files(folder):
        if path.stem.isascii() and path.stem.isdigit():  # "²" is a digit int() refuses
            found.setdefault(path.stem, path)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in _DIRECTIVE_RE.finditer(text):
            if is_valid_id(match.group(1)):
                found.setdefault(match.group(1), path)
    return found


_LINK_FIELD_RE = re.compile(r"^[ \t]*:(arxiv|doi|openreview):[ \t]*(\S+)", re.MULTILINE)
_ARXIV_VERSION_RE = re.compile(r"v\d+$")


def paper_key(kind: str, value: str) -> str | None:
    """One spelling of a paper's id (the link the model makes; any arXiv version)."""
    url = parse_link(kind, value).value
    if url is None:
        return None
    return _ARXIV_VERSION_RE.sub("", url) if kind == "arxiv" else url.casefold()


def note_with_paper(folder: Path, kind: str, value: str) -> Path | None:
    """The first file under ``folder`` whose note links the same paper, if any."""
    wanted = paper_key(kind, value)
    if wanted is None:
        return None
    for path in _source_files(folder):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in _LINK_FIELD_RE.finditer(text):
            if match.group(1) == kind and paper_key(kind, match.group(2)) == wanted:
                return path
    return None


def next_free_number(ids: Mapping[str, Path] | set[str]) -> int:
    """One more than the largest numeric id, or 1 in an empty folder."""
    numbers = [int(note_id) for note_id in ids if note_id.isascii() and note_id.isdigit()]
    return max(numbers, default=0) + 1


def _source_files(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.iterdir()):
        if path.name.startswith(("_", ".")):
            continue
        if path.is_dir():
            yield from _source_files(path)
        elif path.suffix in SOURCE_SUFFIXES:
            yield path
