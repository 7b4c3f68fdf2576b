"""Files written into the output folder only when their bytes change.

An unchanged file keeps its mtime, so servers, ``rsync`` and browsers see
nothing new after a build that changed nothing, and a failed write leaves
the old file whole. No Sphinx here: every writer of our files uses it.
"""

from __future__ import annotations

import filecmp
import os
from collections.abc import Iterable
from pathlib import Path


def write_if_changed(path: Path, text: str | Iterable[str]) -> None:
    """Leave the file (and its mtime) alone when nothing changed.

    ``text`` may come in pieces: the large exports (every note's record or
    section) are streamed to a file beside ``path`` and compared with it on
    disk, so no copy of the whole file is held in memory at the end of a
    build (at thousands of notes, tens of megabytes at the build's peak).
    """
    if isinstance(text, str):
        data = text.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f".{path.name}.papernotes-new")
    try:
        with fresh.open("w", encoding="utf-8", newline="") as stream:
            stream.writelines(text)
        if path.is_file() and filecmp.cmp(fresh, path, shallow=False):
            return
        os.replace(fresh, path)
    finally:
        fresh.unlink(missing_ok=True)
