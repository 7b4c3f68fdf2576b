"""Round trip of a 160-issue collection shaped like real ones (``data/github/collection.py``).

The fixture is imported from the REST shape, built once for real, and every
note's fields in ``papernotes.json`` and what its page shows are compared
with the expectations written next to the fixture's inputs. A table of
per-field agreement is printed; every field must agree for every note. The
``gh issue list --json`` shape must give the very same files.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterator
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes.cli import main

from .helpers import read_json, warnings_of
from .test_cli import build_project, make_project

COLLECTION = Path(__file__).parent / "data" / "github" / "collection.py"
OPTIONS = [
    *("--drop-label", "status:*"),
    *("--pick-label", "Admin'sPick", "--pick-label", "Selected Papers/Blogs"),
]
FIELDS = (
    "title",
    "first_author",
    "authors_truncated",
    "authors",
    "venue",
    "year",
    "date",
    "tags",
    "summary",
    *(f"links.{kind}" for kind in ("arxiv", "openreview", "doi", "url", "code", "pdf")),
    "references",
    "pick",
    "collapsed",
    "rubrics",
    "text",
    "html",
    "absent",
)


def load_collection() -> ModuleType:
    spec = importlib.util.spec_from_file_location("collection_fixture", COLLECTION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def import_into(out: Path, *inputs: str | Path) -> str:
    stdout = StringIO()
    with redirect_stdout(stdout):
        code = main(["import", "github", *map(str, inputs), "--out", str(out), *OPTIONS])
    assert code == 0, stdout.getvalue()
    return stdout.getvalue()


@pytest.fixture(scope="module")
def imported(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Path, Path, str, SphinxTestApp, dict[str, Any]]]:
    """The fixture written, imported from the REST shape, and built once."""
    data = tmp_path_factory.mktemp("collection-data")
    load_collection().write(data)
    project = make_project(
        tmp_path_factory.mktemp("collection") / "src",
        # Notes whose title gives no author: docs/cli.md recommends this.
        'suppress_warnings = ["papernotes.bibtex"]\n',
    )
    summary = import_into(
        project / "notes",
        data / "collection-rest.json",
        "--comments",
        data / "collection-rest-comments.json",
    )
    expected = read_expected(data)
    yield project, data, summary, build_project(project), expected


def read_expected(data: Path) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(
        (data / "collection-expected.json").read_text(encoding="utf-8")
    )
    return value


def observed(note: dict[str, Any], page: BeautifulSoup, html: str) -> dict[str, Any]:
    """The fields of one built note, in the fixture's terms."""
    body = page.select_one(".pn-body") or page
    rubrics = [rubric.get_text(" ", strip=True) for rubric in body.select(".rubric")]
    collapsed = [
        summary.get_text(" ", strip=True) for summary in page.select("details.sd-dropdown summary")
    ]
    values = {
        "title": note["title"],
        "first_author": note["authors"][0] if note["authors"] else None,
        "authors_truncated": note["authors_truncated"],
        "authors": note["authors"],
        "venue": note["venue"],
        "year": note["year"],
        "date": note["date"],
        "tags": note["tags"],
        "summary": note["summary"],
        "references": sorted(note["references"]),
        "pick": note["pick"],
        "collapsed": collapsed,
        "rubrics": rubrics,
        "page_text": " ".join(page.get_text(" ").split()),
        "html": html,
    }
    for kind in ("arxiv", "openreview", "doi", "url", "code", "pdf"):
        values[f"links.{kind}"] = note["links"].get(kind)
    return values


def agrees(name: str, got: dict[str, Any], want: dict[str, Any]) -> bool:
    if name.startswith("links."):
        return bool(got[name] == want["links"].get(name.removeprefix("links.")))
    if name == "text":
        return all(" ".join(text.split()) in got["page_text"] for text in want["text"])
    if name == "html":
        return all(snippet in got["html"] for snippet in want["html"])
    if name == "absent":
        return not any(text in got["page_text"] for text in want["absent"])
    return bool(got[name] == want[name])


def test_every_field_of_every_note(
    imported: tuple[Path, Path, str, SphinxTestApp, dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, _, summary, app, expected = imported
    assert warnings_of(app) == ""  # as with -W: the build must not warn at all
    notes = {note["id"]: note for note in read_json(app)["notes"]}
    assert sorted(notes, key=int) == sorted(expected, key=int)
    assert len(notes) >= 150
    failures: dict[str, list[str]] = {name: [] for name in FIELDS}
    for note_id, want in expected.items():
        html = (Path(app.outdir) / "notes" / f"{note_id}.html").read_text(encoding="utf-8")
        got = observed(notes[note_id], BeautifulSoup(html, "html.parser"), html)
        for name in FIELDS:
            if not agrees(name, got, want):
                shown = got.get(name, "(see the page)")
                failures[name].append(f"{note_id}: got {shown!r}")
    lines = [f"{'field':<20} agreement over {len(expected)} notes"]
    for name in FIELDS:
        share = 100 * (len(expected) - len(failures[name])) / len(expected)
        lines.append(f"{name:<20} {share:6.1f}%")
    with capsys.disabled():  # the report is part of the test's output, even when it passes
        print("\n" + "\n".join(lines))
    wrong = {name: found[:5] for name, found in failures.items() if found}
    assert not wrong, "\n".join(lines) + "\n" + repr(wrong)
    assert "pull request" in summary
    assert "comments by others than the issue's author left out" in summary


def test_gh_shape_gives_the_same_notes(
    imported: tuple[Path, Path, str, SphinxTestApp, dict[str, Any]], tmp_path: Path
) -> None:
    """``gh issue list --json`` output (comments embedded) writes byte-identical notes."""
    project, data, _, _, _ = imported
    out = tmp_path / "notes"
    import_into(out, data / "collection-gh.json")
    rest = {path.name: path.read_bytes() for path in (project / "notes").iterdir()}
    gh = {path.name: path.read_bytes() for path in out.iterdir()}
    assert sorted(gh) == sorted(rest)
    different = [name for name in rest if rest[name] != gh[name]]
    assert different == []
    # Comments given twice (embedded, and in --comments) are kept once.
    both = tmp_path / "both"
    import_into(
        both, data / "collection-gh.json", "--comments", data / "collection-rest-comments.json"
    )
    assert {path.name: path.read_bytes() for path in both.iterdir()} == rest


def test_reimport_is_idempotent_and_keeps_hand_edits(
    imported: tuple[Path, Path, str, SphinxTestApp, dict[str, Any]], tmp_path: Path
) -> None:
    _, data, _, _, expected = imported
    out = tmp_path / "notes"
    import_into(out, data / "collection-gh.json")
    edited = out / f"{next(iter(expected))}.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nMy own words.\n", encoding="utf-8")
    stamp = 1_000_000_000_000_000_000
    for path in out.iterdir():
        os.utime(path, ns=(stamp, stamp))
    summary = import_into(out, data / "collection-gh.json")
    assert summary.splitlines()[0] == (
        f"Imported 0, updated 0, unchanged {len(expected) - 1}, skipped 1."
    )
    assert "was edited by hand since it was imported; kept" in summary
    assert edited.read_text(encoding="utf-8").endswith("My own words.\n")
    assert all(path.stat().st_mtime_ns == stamp for path in out.iterdir())


def test_all_authors_keeps_everyones_comments(
    imported: tuple[Path, Path, str, SphinxTestApp, dict[str, Any]], tmp_path: Path
) -> None:
    _, data, _, _, expected = imported
    out = tmp_path / "notes"
    summary = import_into(out, data / "collection-gh.json", "--all-authors")
    assert "comments by others than the issue's author left out" not in summary
    kept = [note_id for note_id, want in expected.items() if want["absent"]]
    assert kept
    for note_id in kept:
        text = (out / f"{note_id}.md").read_text(encoding="utf-8")
        assert "Comment by drive-by-reader, " in text
        assert expected[note_id]["absent"][0] in text  # the other reader's words
