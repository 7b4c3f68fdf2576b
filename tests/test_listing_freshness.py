"""Listings and generated pages after edits: incremental equals clean, every time."""

from __future__ import annotations

from pathlib import Path

from .corpus import write_corpus
from .helpers import MakeApp, build, read_json
from .test_incremental import assert_same_as_clean, edit, read_counts


def test_listing_edit_sequence(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = write_corpus(tmp_path / "src", 32)
    builddir = tmp_path / "build"
    notes = srcdir / "notes"
    first = build(make_app, srcdir, builddir=builddir)
    outdir = Path(first.outdir)
    before = read_json(first)["notes"]
    note3 = next(n for n in before if n["id"] == "3")

    steps = [
        # (description, change)
        ("tags", lambda: edit(notes / "3.md", ":tags: ", ":tags: Brand New Tag, ")),
        (
            "venue",
            lambda: edit(notes / "4.md", ":venue: ", ":venue: ICLR'19 Workshop\n:x-old-venue: "),
        ),
        ("date", lambda: edit(notes / "6.md", ":date: 2025-", ":date: 2026-")),
        ("pick", lambda: edit(notes / "7.md", ":summary:", ":pick:\n:summary:")),
        (
            "add",
            lambda: (notes / "99.md").write_text(
                ":::{paper-note} 99\n:title: Added later\n:venue: ICLR'24\n"
                ":date: 2027-01-01\n:tags: Transformer, Late\n:::\n"
            ),
        ),
        ("delete", lambda: (notes / "9.md").unlink()),
        ("title", lambda: edit(notes / "10.md", "Paper number 10", "Tenth paper, renamed")),
        ("remove tag", lambda: edit(notes / "3.md", "Brand New Tag, ", "")),
    ]
    for name, change in steps:
        change()
        app = build(make_app, srcdir, builddir=builddir)
        assert_same_as_clean(make_app, srcdir, app, tmp_path)
        if name == "tags":
            assert read_counts(app) == (0, 1, 0)  # only the edited note is re-read
            assert (outdir / "tags" / "brand-new-tag.html").is_file()
            assert "Brand New Tag" in (outdir / "lists.html").read_text()
        if name == "add":
            page = (outdir / "tags" / "transformer.html").read_text()
            assert "Added later" in page
        if name == "delete":
            assert "Paper number 9<" not in (outdir / "lists.html").read_text()
        if name == "remove tag":
            assert "Brand New Tag" not in (outdir / "tags" / "index.html").read_text()
    assert note3["id"] == "3"


def test_body_edit_rewrites_only_that_page(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = write_corpus(tmp_path / "src", 30)
    builddir = tmp_path / "build"
    first = build(make_app, srcdir, builddir=builddir)
    outdir = Path(first.outdir)
    mtimes = {path: path.stat().st_mtime_ns for path in outdir.rglob("*.html")}
    edit(srcdir / "notes" / "12.md", "\n:::\n", "\nOne more sentence of comment.\n:::\n")
    app = build(make_app, srcdir, builddir=builddir)
    assert read_counts(app) == (0, 1, 0)
    rewritten = sorted(
        str(path.relative_to(outdir))
        for path, mtime in mtimes.items()
        if path.stat().st_mtime_ns != mtime
    )
    # Sphinx itself rewrites the page whose toctree lists the note, and its indices.
    assert rewritten == ["genindex.html", "index.html", "notes/12.html", "search.html"]
    assert_same_as_clean(make_app, srcdir, app, tmp_path)


def test_missing_generated_page_is_written_again(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = write_corpus(tmp_path / "src", 12)
    builddir = tmp_path / "build"
    first = build(make_app, srcdir, builddir=builddir)
    page = Path(first.outdir) / "tags" / "index.html"
    expected = page.read_text()
    page.unlink()
    build(make_app, srcdir, builddir=builddir)  # nothing else changed
    assert page.read_text() == expected
