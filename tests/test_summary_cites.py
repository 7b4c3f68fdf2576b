"""A ``{note}`` reference in a summary reads as the cited note's title
everywhere the summary goes, not only on the page: the JSON and BibTeX
exports, the files for agents and note cards; and it follows a renamed note
in an incremental build as in a clean one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_string

from sphinx_papernotes.model import Note

from .helpers import build_in, read_json, warnings_of

CONF = """\
extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "cites"
"""

INDEX = """\
# Notes

```{toctree}
:glob:

notes/*
```

:::{note-list}
:format: cards
:::
"""


def _note(note_id: str, title: str, summary: str = "") -> str:
    lines = [f":::{{paper-note}} {note_id}", f":title: {title}", ":authors: Ada Lovelace"]
    lines.append(":year: 2024")
    lines += [f":summary: {summary}"] if summary else []
    return "\n".join([*lines, ":::", ""])


CITING = "Builds on {note}`1`, unlike {note}`the other one <3>`; compare {note}`3`."


def _write(src: Path, first_title: str) -> Path:
    (src / "notes").mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "notes" / "a.md").write_text(_note("1", first_title), encoding="utf-8")
    (src / "notes" / "b.md").write_text(_note("2", "Citing", CITING), encoding="utf-8")
    (src / "notes" / "c.md").write_text(_note("3", "Third Paper"), encoding="utf-8")
    return src


def _summary(outdir: Path) -> str:
    data = json.loads((outdir / "papernotes.json").read_text(encoding="utf-8"))
    return str({note["id"]: note for note in data["notes"]}["2"]["summary"])


def _card_summary(outdir: Path) -> str:
    page = BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    texts = [p.get_text() for p in page.select(".pn-card .pn-entry-summary")]
    assert len(texts) == 1
    return texts[0]


EXPECTED = "Builds on First Paper, unlike the other one; compare Third Paper."


def test_exports_and_cards_show_the_cited_titles(tmp_path: Path) -> None:
    app = build_in(_write(tmp_path / "src", "First Paper"))
    assert warnings_of(app) == ""
    out = Path(app.outdir)
    assert _summary(out) == EXPECTED
    notes = {note["id"]: note for note in read_json(app)["notes"]}
    bib = parse_string((out / "papernotes.bib").read_text(encoding="utf-8"), "bibtex")
    assert bib.entries[str(notes["2"]["bibkey"])].fields["abstract"] == EXPECTED
    assert f"Summary: {EXPECTED}" in (out / "llms-full.txt").read_text(encoding="utf-8")
    assert _card_summary(out) == EXPECTED
    # The note's own page links each reference, with the same text.
    page = BeautifulSoup((out / "notes" / "b.html").read_text(encoding="utf-8"), "html.parser")
    summary = page.select_one(".pn-summary")
    assert summary is not None and summary.get_text().strip() == EXPECTED


def test_a_renamed_note_is_renamed_in_the_summaries_citing_it(tmp_path: Path) -> None:
    src = _write(tmp_path / "src", "First Paper")
    out = tmp_path / "out"
    build_in(src, builddir=out)
    # Only the cited note's document changes; the citing one is not read again.
    (src / "notes" / "a.md").write_text(_note("1", "Renamed Paper"), encoding="utf-8")
    again = build_in(src, builddir=out)
    assert warnings_of(again) == ""
    renamed = EXPECTED.replace("First Paper", "Renamed Paper")
    incremental = Path(again.outdir)
    assert _summary(incremental) == renamed
    assert _card_summary(incremental) == renamed
    assert f"Summary: {renamed}" in (incremental / "llms-full.txt").read_text(encoding="utf-8")

    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src)
    clean = Path(build_in(clean_src, builddir=tmp_path / "clean-out").outdir)
    compared = ("papernotes.json", "papernotes.bib", "llms-full.txt", "index.html", "notes/b.html")
    for name in compared:
        assert (incremental / name).read_text("utf-8") == (clean / name).read_text("utf-8")


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        ({"1": "A", "3": "The Third"}, "x A y The Third z"),
        ({"3": "T"}, "x 1 y T z"),  # a target not in the collection keeps its text
        ({}, "x 1 y 3 z"),
    ],
)
def test_cited_titles_go_in_at_their_places(titles: dict[str, str], expected: str) -> None:
    note = Note(
        id="2",
        docname="b",
        lineno=1,
        anchor="note-2",
        summary="x 1 y 3 z",
        summary_cites=((2, 3, "1"), (6, 7, "3")),
    )
    resolved = note.with_cited_titles(titles)
    assert resolved.summary == expected
    # Applying the titles again changes nothing: the places moved with the text.
    assert resolved.with_cited_titles(titles) == resolved
