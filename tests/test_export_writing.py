"""Writing the large exports in pieces, and the cache of rendered notes on disk."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sphinx_papernotes.export_cache import RenderCache
from sphinx_papernotes.output_files import write_if_changed

PIECES = ["# 論文メモ\n", "\n## 事前学習 <1>\n", "\n## Second & last\n"]


def test_pieces_are_written_as_their_join_and_an_unchanged_file_is_left_alone(
    tmp_path: Path,
) -> None:
    path = tmp_path / "out" / "llms-full.txt"
    write_if_changed(path, iter(PIECES))
    assert path.read_text(encoding="utf-8") == "".join(PIECES)
    os.utime(path, (1_000_000, 1_000_000))

    write_if_changed(path, iter(PIECES))  # the same text: mtime kept
    assert path.stat().st_mtime == 1_000_000

    write_if_changed(path, iter([*PIECES, "\n## Third\n"]))
    assert path.read_text(encoding="utf-8").endswith("## Third\n")
    assert path.stat().st_mtime != 1_000_000
    assert sorted(p.name for p in path.parent.iterdir()) == ["llms-full.txt"]


def test_a_failure_while_writing_leaves_the_old_file_and_no_partial_one(tmp_path: Path) -> None:
    path = tmp_path / "papernotes.json"
    path.write_text("old", encoding="utf-8")

    def broken() -> Iterator[str]:
        yield "new start"
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError):
        write_if_changed(path, broken())
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["papernotes.json"]


def test_cached_texts_come_back_from_disk_and_a_damaged_file_is_an_empty_cache(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache.pickle"
    first = RenderCache(path, "sig")
    texts = {"a": "自然言語処理の論文", "b": "plain ASCII", "c": ""}
    for key, text in texts.items():
        assert first.text(("in", key), lambda text=text: text, key=key) == text
    first.save(state="s1")

    again = RenderCache(path, "sig")
    assert again.meta == {"state": "s1"}
    assert {key: again.reuse(key) for key in texts} == texts
    # Found by inputs too, without rendering.
    assert again.text(("in", "a"), lambda: "rendered again") == texts["a"]

    assert RenderCache(path, "another signature").reuse("a") is None
    path.write_bytes(path.read_bytes()[:-3])  # cut inside the last record
    damaged = RenderCache(path, "sig")
    assert damaged.reuse("a") is None and damaged.meta == {}
