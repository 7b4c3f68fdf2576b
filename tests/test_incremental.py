"""Incremental builds equal clean builds, and a no-change build does nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from .corpus import write_corpus
from .helpers import MakeApp, build, html_pages, read_json, status_of, warnings_of


def outputs(app: SphinxTestApp) -> dict[str, str]:
    pages = html_pages(Path(app.outdir))
    for export in ("papernotes.json", "papernotes.bib"):
        pages[export] = (Path(app.outdir) / export).read_text(encoding="utf-8")
    return pages


def assert_same_as_clean(
    make_app: MakeApp, srcdir: Path, incremental: SphinxTestApp, tmp: Path
) -> None:
    clean_dir = tmp / "clean-build"
    shutil.rmtree(clean_dir, ignore_errors=True)
    clean = build(make_app, srcdir, builddir=clean_dir)
    got, want = outputs(incremental), outputs(clean)
    # Sphinx never deletes the page of a deleted document; all else must match.
    assert set(want) <= set(got)
    for name in want:
        assert got[name] == want[name], f"{name} differs from a clean build"


def read_counts(app: SphinxTestApp) -> tuple[int, int, int]:
    match = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", status_of(app))
    assert match, status_of(app)
    added, changed, removed = (int(group) for group in match.groups())
    return added, changed, removed


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_no_change_rebuild_reads_and_writes_nothing(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = write_corpus(tmp_path / "src", 24)
    builddir = tmp_path / "build"
    first = build(make_app, srcdir, builddir=builddir)
    outdir = Path(first.outdir)
    mtimes = {path: path.stat().st_mtime_ns for path in outdir.rglob("*.html")}
    json_mtime = (outdir / "papernotes.json").stat().st_mtime_ns
    second = build(make_app, srcdir, builddir=builddir)
    assert read_counts(second) == (0, 0, 0)
    rewritten = [
        path.name
        for path, mtime in mtimes.items()
        if path.stat().st_mtime_ns != mtime and path.name not in ("genindex.html", "search.html")
    ]
    assert rewritten == []
    assert (outdir / "papernotes.json").stat().st_mtime_ns == json_mtime


def test_edits_match_clean_builds(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = write_corpus(tmp_path / "src", 24)
    builddir = tmp_path / "build"
    build(make_app, srcdir, builddir=builddir)
    notes = srcdir / "notes"
    data = read_json(build(make_app, srcdir, builddir=builddir))
    target = next(n for n in data["notes"] if len(n["referenced_by"]) >= 2)
    target_id = target["id"]

    # 1. A referenced note changes its title: referencing pages show the new title.
    edit(notes / f"{target_id}.md", f"Paper number {target_id}\n", "A renamed paper\n")
    app = build(make_app, srcdir, builddir=builddir)
    assert read_counts(app) == (0, 1, 0)
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    referrer = target["referenced_by"][0]
    page = (Path(app.outdir) / "notes" / f"{referrer}.html").read_text()
    assert "A renamed paper" in page

    # 2. A body drops its references: the targets lose a backlink.
    referrer_path = notes / f"{referrer}.md"
    text = referrer_path.read_text()
    referrer_path.write_text(re.sub(r"See \{note\}`\d+`\.", "", text))
    app = build(make_app, srcdir, builddir=builddir)
    assert read_counts(app) == (0, 1, 0)
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    assert (
        referrer not in {n["id"]: n for n in read_json(app)["notes"]}[target_id]["referenced_by"]
    )

    # 3. A new note cites an old one.
    (notes / "900.md").write_text(
        ":::{paper-note} 900\n:title: Brand new\n:tags: Fresh\n\nCites {note}`1`.\n:::\n"
    )
    app = build(make_app, srcdir, builddir=builddir)
    assert assert_counts_added(app)
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    assert "Brand new" in (Path(app.outdir) / "notes" / "1.html").read_text()

    # 4. A note is deleted: references to it become plain text (and warn).
    (notes / "900.md").unlink()
    app = build(make_app, srcdir, builddir=builddir)
    assert read_counts(app)[2] == 1
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    assert "Brand new" not in (Path(app.outdir) / "notes" / "1.html").read_text()

    # 5. A note's id changes: references to the old id break, the JSON follows.
    edit(notes / "2.md", "{paper-note} 2\n", "{paper-note} 2b\n")
    app = build(make_app, srcdir, builddir=builddir)
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    ids = [n["id"] for n in read_json(app)["notes"]]
    assert "2b" in ids and "2" not in ids

    # 6. Authors and venue change: the tooltips of references follow.
    edit(notes / f"{target_id}.md", f"Author{target_id} Alpha", "Zed Zulu")
    app = build(make_app, srcdir, builddir=builddir)
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    page = (Path(app.outdir) / "notes" / f"{target['referenced_by'][-1]}.html").read_text()
    if target["referenced_by"][-1] != referrer:
        assert 'title="Zulu and Beta' in page

    # 7. A new note sorts first and clashes with note 1's BibTeX key, which
    # moves: note 1's entry, on its page and in the exports (kept between
    # builds), follows.
    keys = {n["id"]: n["bibkey"] for n in read_json(app)["notes"]}
    first = (notes / "1.md").read_text(encoding="utf-8")
    (notes / "0.md").write_text(first.replace("{paper-note} 1\n", "{paper-note} 0\n"), "utf-8")
    app = build(make_app, srcdir, builddir=builddir)
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
    moved = {n["id"]: n["bibkey"] for n in read_json(app)["notes"]}
    assert moved["1"] != keys["1"] and moved["0"] != moved["1"]
    assert moved["1"] in (Path(app.outdir) / "notes" / "1.html").read_text(encoding="utf-8")


def test_broken_export_cache_is_ignored(make_app: MakeApp, tmp_path: Path) -> None:
    """The exports' cache of rendered notes is a speed-up only: a damaged file
    or one from another version is dropped, and the exports stay exact."""
    srcdir = write_corpus(tmp_path / "src", 8)
    builddir = tmp_path / "build"
    build(make_app, srcdir, builddir=builddir)
    caches = list(builddir.rglob("papernotes-exports-*.pickle"))
    assert caches
    for cache in caches:
        cache.write_bytes(b"not a pickle")
    edit(srcdir / "notes" / "3.md", "Summary of paper 3.", "A new summary.")
    app = build(make_app, srcdir, builddir=builddir)
    assert not warnings_of(app)
    assert "A new summary." in (Path(app.outdir) / "papernotes.bib").read_text(encoding="utf-8")
    assert_same_as_clean(make_app, srcdir, app, tmp_path)


def assert_counts_added(app: SphinxTestApp) -> bool:
    added, _changed, _removed = read_counts(app)
    return added == 1


def test_exports_follow_settings_and_deleted_files_without_note_changes(
    make_app: MakeApp, tmp_path: Path
) -> None:
    """A build where no note changed skips the exports only while they are
    still what a clean build would write."""
    srcdir = write_corpus(tmp_path / "src", 12)
    builddir = tmp_path / "build"
    base = {"html_baseurl": "https://example.org/notes/"}
    first = build(make_app, srcdir, builddir=builddir, confoverrides=base)
    outdir = Path(first.outdir)
    bib = outdir / "papernotes.bib"
    assert "@" in bib.read_text(encoding="utf-8")

    # A setting that rebuilds no document still changes the files.
    ascii_on = base | {"papernotes_bibtex_ascii": True}
    build(make_app, srcdir, builddir=builddir, confoverrides=ascii_on)
    clean = build(make_app, srcdir, builddir=tmp_path / "clean", confoverrides=ascii_on)
    assert bib.read_text(encoding="utf-8") == (Path(clean.outdir) / "papernotes.bib").read_text(
        encoding="utf-8"
    )
    assert bib.read_text(encoding="utf-8").isascii()

    feed = outdir / "feed.xml"
    assert feed.read_text(encoding="utf-8").count("<entry>") == 12
    build(
        make_app, srcdir, builddir=builddir, confoverrides=ascii_on | {"papernotes_feed_length": 3}
    )
    assert feed.read_text(encoding="utf-8").count("<entry>") == 3

    # A deleted export file comes back in a build where nothing changed.
    (outdir / "papernotes.json").unlink()
    again = build(
        make_app, srcdir, builddir=builddir, confoverrides=ascii_on | {"papernotes_feed_length": 3}
    )
    assert read_counts(again) == (0, 0, 0)
    assert len(read_json(again)["notes"]) == 12


def test_comment_edit_rewrites_only_its_page(make_app: MakeApp, tmp_path: Path) -> None:
    """Editing a note's comments changes nothing another page or an export
    shows: the note's page is written again, with what Sphinx itself rewrites
    (the page whose toctree lists it, the index and search pages), and the
    tag and venue pages and the export files are left as they are."""
    srcdir = write_corpus(tmp_path / "src", 16)
    builddir = tmp_path / "build"
    first = build(make_app, srcdir, builddir=builddir)
    outdir = Path(first.outdir)
    watched = [*outdir.rglob("*.html"), outdir / "papernotes.json", outdir / "papernotes.bib"]
    mtimes = {path: path.stat().st_mtime_ns for path in watched}
    note = srcdir / "notes" / "7.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace("\n:::\n", "\nA second thought.\n:::\n"),
        encoding="utf-8",
    )
    app = build(make_app, srcdir, builddir=builddir)
    assert read_counts(app) == (0, 1, 0)
    rewritten = {
        path.relative_to(outdir).as_posix()
        for path, mtime in mtimes.items()
        if path.stat().st_mtime_ns != mtime
    }
    assert rewritten == {"notes/7.html", "index.html", "genindex.html", "search.html"}
    assert "A second thought." in (outdir / "notes" / "7.html").read_text(encoding="utf-8")
    assert_same_as_clean(make_app, srcdir, app, tmp_path)

    # The next change that other pages do show is still seen, from the
    # listings' digests as they stand after the edit above.
    edit(note, ":title: Paper number 7\n", ":title: Paper seven\n")
    app = build(make_app, srcdir, builddir=builddir)
    tag_pages = [page.read_text(encoding="utf-8") for page in (outdir / "tags").glob("*.html")]
    assert any("Paper seven" in page for page in tag_pages)
    assert_same_as_clean(make_app, srcdir, app, tmp_path)
