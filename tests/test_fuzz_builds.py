"""Directive fuzzing in real builds: random option values never break a build.

Each example is a small generated project (three pages of notes and a page
with every listing directive) whose option values are random text: control
characters, bidi marks, very long values, reST and MyST markup, Jinja-like
``{{ }}`` and ``{% %}``, characters outside the BMP, quotes, backslashes,
colons and ``#``. Every option of ``paper-note``, ``tag-index``,
``venue-list`` and ``note-list`` gets such values. 20 builds in a local run,
200 in CI (the "ci" hypothesis profile, see ``conftest.py``).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes.model import (
    LINK_KINDS,
    is_valid_id,
    parse_authors,
    parse_date,
    parse_link,
    parse_tags,
    parse_venue,
    parse_year,
)
from sphinx_papernotes.model.text import clean_text
from sphinx_papernotes.note_directive import KNOWN_OPTIONS, MAX_TITLE_LENGTH

from .helpers import build, warnings_of
from .strategies import FRAGMENTS, any_text, in_ci_profile

pytestmark = pytest.mark.hardening

BUILDS = 200 if in_ci_profile() else 20
# Longer than any run of colons or backticks the values can hold, so a value
# never closes the directive's fence.
FENCE_COLONS = ":" * 12
FENCE_TICKS = "`" * 12

CONF = """\
extensions = ["myst_parser", "sphinx_papernotes"]
myst_enable_extensions = ["colon_fence"]
project = "fuzz"
exclude_patterns = ["_build"]
html_baseurl = "https://fuzz.example.org/"
"""

LISTING_OPTIONS = {
    "tag-index": ("sort", "min-count"),
    "venue-list": ("year", "tags", "format"),
    "note-list": ("tags", "any-tags", "venue", "year", "pick", "sort", "limit", "format"),
}

# Values that mean something to an option, mixed with random text so that
# parsing succeeds often enough for the rest of the pipeline to see the value.
_MEANINGFUL = st.sampled_from(
    [
        "ICLR'25",
        "NeurIPS 2024 Workshop",
        "2024-02-29",
        "2021-2024",
        "2411.19722",
        "https://example.org/a?b=1&c=<2>",
        "10.1000/xyz123",
        "Transformer, Vision",
        "name",
        "count",
        "-date",
        "cards",
        "table",
        "3",
        "yes",
        "A. Author; B. Author +",
    ]
)
_VALUE = st.one_of(any_text(), _MEANINGFUL, _MEANINGFUL.map(lambda v: v + " " + FRAGMENTS[0]))
_NOTE_ID = st.one_of(
    st.integers(1, 30).map(str),
    st.sampled_from(["a.b-c_d", "x" * 250, "", " ", "1 2"]),
    any_text().map(lambda text: text.replace("\n", " ").replace("\r", " ")),
)


@dataclass
class NoteSpec:
    note_id: str
    options: dict[str, str]
    refs: list[str] = field(default_factory=list)


@dataclass
class Project:
    pages: list[list[NoteSpec]]
    listings: list[tuple[str, str | None, dict[str, str]]]


@st.composite
def projects(draw: st.DrawFn) -> Project:
    pages = []
    for _page in range(draw(st.integers(1, 3))):
        notes = []
        for _note in range(draw(st.integers(1, 2))):
            names = draw(st.lists(st.sampled_from(KNOWN_OPTIONS), max_size=8, unique=True))
            # Every option appears in some note of most projects.
            names = sorted(set(names) | set(draw(st.sampled_from([(), KNOWN_OPTIONS]))))
            options = {name: draw(_VALUE) for name in names}
            if draw(st.booleans()):
                options[draw(st.sampled_from(["colour", "Title", "x-y"]))] = draw(_VALUE)
            refs = draw(st.lists(_NOTE_ID, max_size=2))
            notes.append(NoteSpec(draw(_NOTE_ID), options, refs))
        pages.append(notes)
    listings = []
    for name, known in LISTING_OPTIONS.items():
        for _listing in range(draw(st.integers(1, 2))):
            chosen = draw(st.lists(st.sampled_from(known), max_size=len(known), unique=True))
            argument = draw(st.one_of(st.none(), _VALUE)) if name == "venue-list" else None
            listings.append((name, argument, {option: draw(_VALUE) for option in chosen}))
    return Project(pages, listings)


def option_block(options: dict[str, str]) -> str:
    """``:name: value`` lines; line breaks in a value become continuation lines."""
    lines = []
    for name, value in options.items():
        first, *rest = re.split(r"\r\n|\r|\n", value)
        lines.append(f":{name}: {first}".rstrip())
        lines.extend(f"  {line}" for line in rest if line.strip())
    return "".join(line + "\n" for line in lines)


def one_line(text: str) -> str:
    return re.sub(r"[\r\n]+", " ", text)


def write_project(root: Path, project: Project) -> None:
    root.mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    pages = [f"page{index}" for index in range(len(project.pages))]
    toctree = "\n".join(["lists", *pages])
    (root / "index.md").write_text(f"# Fuzz\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8")
    for name, notes in zip(pages, project.pages, strict=True):
        text = f"# Page {name}\n\n"
        for note in notes:
            refs = " ".join(f"{{note}}`{one_line(ref) or 'x'}`" for ref in note.refs)
            text += (
                f"{FENCE_COLONS}{{paper-note}} {one_line(note.note_id)}\n"
                f"{option_block(note.options)}\nBody. {refs}\n{FENCE_COLONS}\n\n"
            )
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    text = "# Lists\n\n"
    for directive, argument, options in project.listings:
        head = f"{FENCE_TICKS}{{{directive}}}" + (f" {one_line(argument)}" if argument else "")
        text += f"{head}\n{option_block(options)}{FENCE_TICKS}\n\n"
    (root / "lists.md").write_text(text, encoding="utf-8")


# MyST's own warnings about option blocks it reads before the directive does
# (the directive then reads the values as written; see note_directive.py).
MYST_OPTION_WARNINGS = {"myst.directive_option", "myst.directive_parse", "myst.directive_comments"}
LOCATED = re.compile(r"^(?P<file>/\S.*?\.md):\d+: (?:WARNING|ERROR): .*\[(?P<kind>[\w.]+)\]$")


def check_build(app: SphinxTestApp, project: Project) -> None:
    warnings = warnings_of(app)
    assert "Traceback" not in warnings and "Exception" not in warnings, warnings
    for line in warnings.splitlines():
        if not line.strip():
            continue
        match = LOCATED.match(line)
        assert match, f"unlocated or untyped warning: {line!r}"
        kind = match.group("kind")
        assert kind.startswith("papernotes.") or kind in MYST_OPTION_WARNINGS, line

    outdir = Path(app.outdir)
    data = json.loads((outdir / "papernotes.json").read_text(encoding="utf-8"))
    ids = [note["id"] for note in data["notes"]]
    written = [note for notes in project.pages for note in notes]
    assert len(ids) == len(written), "a note was dropped"
    for note in written:
        note_id = one_line(note.note_id).strip()
        if is_valid_id(note_id):
            assert note_id in ids
    assert sum(note_id.startswith("auto-") for note_id in ids) >= sum(
        not is_valid_id(one_line(note.note_id).strip()) for note in written
    )

    bib = (outdir / "papernotes.bib").read_text(encoding="utf-8")
    depth = 0
    for char in bib:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, "a closing brace too many in papernotes.bib"
    assert depth == 0, "unbalanced braces in papernotes.bib"
    entries = parse_string(bib, "bibtex").entries
    assert len(entries) == len(written)
    assert bibtexparser.parse_string(bib).failed_blocks == []
    for note in data["notes"]:
        assert (outdir / note["url"].partition("#")[0]).is_file()
    check_fields_as_written(data["notes"], project)


def as_read(value: str) -> str:
    """What the directive reads for an option written by :func:`option_block`:
    continuation lines joined by a space, and the quotes around a wholly quoted
    value removed, as MyST does. Markdown replaces NUL by U+FFFD (CommonMark)."""
    first, *rest = re.split(r"\r\n|\r|\n", value.replace("\x00", "\ufffd"))
    text = first.strip()
    for line in rest:
        if line.strip():
            text = f"{text} {line.strip()}".strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    return text


def check_fields_as_written(records: list[dict[str, Any]], project: Project) -> None:
    """Each note's fields are what the model makes of the option values as written:
    no value is cut short and no later option is lost, whatever characters it holds."""
    written = [
        (f"page{index}", note) for index, notes in enumerate(project.pages) for note in notes
    ]
    ids = Counter(one_line(note.note_id).strip() for _doc, note in written)
    for docname, note in written:
        note_id = one_line(note.note_id).strip()
        if not is_valid_id(note_id) or ids[note_id] > 1:
            continue
        record = next(r for r in records if r["id"] == note_id and r["docname"] == docname)
        options = {name: as_read(value) for name, value in note.options.items()}
        title = clean_text(options.get("title", ""))
        if title:
            limit = MAX_TITLE_LENGTH
            assert record["title"] == (title if len(title) <= limit else title[: limit - 1] + "…")
        tags = parse_tags(options["tags"]).value if "tags" in options else ()
        assert record["tags"] == list(tags)
        authors = parse_authors(options.get("authors")).value
        assert (record["authors"], record["authors_truncated"]) == (
            list(authors.names),
            authors.truncated,
        )
        venue = parse_venue(options.get("venue")).value
        year = parse_year(options.get("year")).value
        assert (record["venue"], record["year"]) == (venue.name, year or venue.year)
        assert record["date"] == parse_date(options.get("date")).value
        links = {kind: parse_link(kind, options.get(kind)).value for kind in LINK_KINDS}
        assert record["links"] == {kind: url for kind, url in links.items() if url}


def test_random_option_values_never_break_a_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """BUILDS generated projects build without a traceback, every problem is a located
    ``papernotes`` (or MyST) warning, and every note reaches papernotes.json and the
    .bib with its fields as written."""
    builds = []

    @settings(
        max_examples=BUILDS,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        deadline=None,
    )
    @given(projects())
    def one_build(project: Project) -> None:
        root = tmp_path_factory.mktemp("fuzz") / "src"
        write_project(root, project)
        try:
            app = build(SphinxTestApp, root)
            check_build(app, project)
        finally:
            shutil.rmtree(root.parent, ignore_errors=True)
        builds.append(root)

    one_build()
    assert len(builds) >= BUILDS
