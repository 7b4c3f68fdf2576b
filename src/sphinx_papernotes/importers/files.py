"""Idempotent writing of generated notes, and detection of hand edits.

Every file an importer writes starts with one header line::

    <!-- papernotes-import: github issue 1234, sha256 <hex> -->

The hash is that of everything after the header line, as written. On the
next import:

- the same content again: the file is not touched (same bytes, same mtime);
- new content, and the file still hashes to its header: it is rewritten;
- the file no longer hashes to its header (someone edited it), or it has no
  header (someone wrote it): it is kept, and reported, unless ``force``.

MyST reads the header as an HTML comment: it renders nothing visible and
raises no warning, and GitHub's Markdown preview hides it as well.
"""

from __future__ import annotations

import enum
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

HEADER_PREFIX = "<!-- papernotes-import: "
_HEADER_RE = re.compile(
    r"<!-- papernotes-import: (?P<source>.*), sha256 (?P<hash>[0-9a-f]{64}) -->"
)


class Outcome(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    KEPT_EDITED = "kept-edited"  # written by an import, edited since
    KEPT_FOREIGN = "kept-foreign"  # not written by an import


@dataclass(frozen=True)
class Written:
    outcome: Outcome
    path: Path


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def header_line(source: str, content: bytes) -> str:
    """``<!-- papernotes-import: <source>, sha256 <hex> -->``; ``source`` on one line."""
    source = " ".join(source.replace("--", "-").split())
    return f"{HEADER_PREFIX}{source}, sha256 {content_hash(content)} -->"


def read_header(data: bytes) -> tuple[str, str, bytes] | None:
    """``(source, recorded hash, rest)`` of a file an import wrote, else ``None``."""
    first, sep, rest = data.partition(b"\n")
    if not sep:
        return None
    match = _HEADER_RE.fullmatch(first.decode("utf-8", errors="replace").rstrip("\r"))
    if match is None:
        return None
    return match.group("source"), match.group("hash"), rest


def write_generated(path: Path, source: str, text: str, force: bool = False) -> Written:
    """Write ``text`` under an import header to ``path``, unless that would lose work.

    Raises :class:`OSError` when the file cannot be read or written.
    """
    content = text.encode("utf-8")
    data = header_line(source, content).encode("utf-8") + b"\n" + content
    if not path.exists():
        _replace(path, data)
        return Written(Outcome.CREATED, path)
    old = path.read_bytes()
    if old == data:
        return Written(Outcome.UNCHANGED, path)
    header = read_header(old)
    if not force:
        if header is None:
            return Written(Outcome.KEPT_FOREIGN, path)
        if content_hash(header[2]) != header[1]:
            return Written(Outcome.KEPT_EDITED, path)
    _replace(path, data)
    return Written(Outcome.UPDATED, path)


def create_new(path: Path, text: str) -> bool:
    """Write a new file; ``False`` (and nothing written) when it already exists."""
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    return True


def _replace(path: Path, data: bytes) -> None:
    """Write through a temporary file, so an interrupted import leaves no half note."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
