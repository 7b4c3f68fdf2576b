"""Edit-sequence equivalence: after every edit, an incremental build equals a clean one.

A 200-note project (``tests/corpus.py``, with every listing on ``lists.md``
and ``html_baseurl`` set so ``feed.xml`` is written) goes through a script
of edits of every kind a collection sees. After each step the incremental
build's HTML pages, ``papernotes.json``, ``feed.xml`` and ``papernotes.bib``
must equal those of a clean build of the same sources. The same script then
runs again with ``-j 2`` incremental builds, compared with the clean builds
of the first pass (the sources are identical step by step).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from .corpus import write_corpus
from .helpers import build, html_pages, read_json, warnings_of

pytestmark = pytest.mark.hardening

NOTES = 200
EXPORTS = ("papernotes.json", "feed.xml", "papernotes.bib")
# Large collections navigate by listings, tag and venue pages and prev/next
# links, not by a global toctree in every sidebar, which makes every build
# quadratic (DESIGN.md, "Navigation at scale"). Sphinx's own toctree is not
# what this test is about; relations (prev/next) stay, they are ours to keep fresh.
CONF_EXTRA = """
html_baseurl = "https://notes.example.org/"
html_sidebars = {"**": ["relations.html", "searchbox.html"]}
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def new_note(number: int, tags: str, body: str) -> str:
    return (
        f":::{{paper-note}} {number}\n:title: Added paper {number}\n:authors: New Writer\n"
        f":venue: COLM'25\n:date: 2026-01-0{number % 9 + 1}\n:tags: {tags}\n\n{body}\n:::\n"
    )


# Each step: a description and the edit it makes to the source folder.
Step = tuple[str, Callable[[Path], None]]
STEPS: list[Step] = [
    (
        "add a note that cites others, with a new tag and venue",
        lambda src: (src / "notes" / "201.md").write_text(
            new_note(201, "Brand New Tag, Transformer", "Cites {note}`1` and {note}`7`."),
            encoding="utf-8",
        ),
    ),
    ("delete a note that others cite", lambda src: (src / "notes" / "7.md").unlink()),
    (
        "rename a document (move notes/5.md to notes/five.md)",
        lambda src: (src / "notes" / "5.md").rename(src / "notes" / "five.md"),
    ),
    (
        "change a note's id",
        lambda src: edit(src / "notes" / "10.md", "{paper-note} 10\n", "{paper-note} 10b\n"),
    ),
    (
        "change a note's tags",
        lambda src: re_sub(src / "notes" / "11.md", r":tags: .*", ":tags: Theory, Only Eleven"),
    ),
    (
        "change a note's venue",
        lambda src: re_sub(src / "notes" / "12.md", r":venue: .*", ":venue: NewConf'24"),
    ),
    (
        "change a note's date (it becomes the newest: the feed changes)",
        lambda src: re_sub(src / "notes" / "13.md", r":date: .*", ":date: 2027-12-31"),
    ),
    (
        "add references",
        lambda src: edit(
            src / "notes" / "14.md",
            "\n:::\n",
            "\nAlso {note}`15`, {note}`100` and {note}`10b`.\n:::\n",
        ),
    ),
    (
        "remove every reference of a note",
        lambda src: re_sub(src / "notes" / "26.md", r"See \{note\}`\d+`\.", ""),
    ),
    (
        "introduce a duplicate id",
        lambda src: edit(src / "notes" / "20.md", "{paper-note} 20\n", "{paper-note} 21\n"),
    ),
    (
        "fix the duplicate id",
        lambda src: edit(src / "notes" / "20.md", "{paper-note} 21\n", "{paper-note} 20\n"),
    ),
    (
        "change config: tag aliases and feed length",
        lambda src: append(
            src / "conf.py",
            'papernotes_tag_aliases = {"RL": "ReinforcementLearning"}\n'
            "papernotes_feed_length = 5\n",
        ),
    ),
]


def re_sub(path: Path, pattern: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, count=1)
    assert changed != text, (path, pattern)
    path.write_text(changed, encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def write_sources(src: Path) -> Path:
    shutil.rmtree(src, ignore_errors=True)
    write_corpus(src, NOTES)
    append(src / "conf.py", CONF_EXTRA)
    return src


def outputs(app: SphinxTestApp) -> dict[str, str]:
    outdir = Path(app.outdir)
    result = html_pages(outdir)
    for name in EXPORTS:
        result[name] = (outdir / name).read_text(encoding="utf-8")
    return result


def assert_same(got: dict[str, str], want: dict[str, str], src: Path, step: str) -> None:
    """Every file of the clean build, identical; extra files only for vanished sources."""
    assert set(want) <= set(got), (step, sorted(set(want) - set(got)))
    for name in sorted(set(got) - set(want)):
        # Sphinx never deletes the page of a deleted document, nor we the page of a
        # tag or venue no note has any more.
        assert (
            name.startswith(("tags/", "venues/"))
            or not (src / name.replace(".html", ".md")).exists()
        ), (step, name)
    different = [name for name in sorted(want) if got[name] != want[name]]
    assert not different, f"after '{step}', differ from a clean build: {different[:10]}"


def test_edit_sequence_serial_then_parallel(tmp_path: Path) -> None:
    """12 edits of every kind, each checked against a clean build; then again with -j 2."""
    src = write_sources(tmp_path / "src")
    incremental_dir = tmp_path / "incremental"
    build(SphinxTestApp, src, builddir=incremental_dir)
    clean_outputs: list[dict[str, str]] = []
    for number, (step, change) in enumerate(STEPS):
        change(src)
        incremental = build(SphinxTestApp, src, builddir=incremental_dir)
        assert "Traceback" not in warnings_of(incremental)
        clean_dir = tmp_path / f"clean-{number}"
        clean = build(SphinxTestApp, src, builddir=clean_dir)
        want = outputs(clean)
        shutil.rmtree(clean_dir)
        assert_same(outputs(incremental), want, src, step)
        clean_outputs.append(want)
        if step == "introduce a duplicate id":
            assert "duplicate note id '21'" in warnings_of(incremental)
    ids = {note["id"] for note in read_json(incremental)["notes"]}
    assert {"201", "10b"} <= ids and not {"7", "10"} & ids
    assert "tags/reinforcementlearning.html" in want

    # The same sources, step by step, built incrementally with two processes.
    shutil.rmtree(incremental_dir)
    src = write_sources(src)
    parallel_dir = tmp_path / "parallel"
    build(SphinxTestApp, src, builddir=parallel_dir, parallel=2)
    for (step, change), want in zip(STEPS, clean_outputs, strict=True):
        change(src)
        incremental = build(SphinxTestApp, src, builddir=parallel_dir, parallel=2)
        assert "Traceback" not in warnings_of(incremental)
        assert_same(outputs(incremental), want, src, f"{step} (-j 2)")
