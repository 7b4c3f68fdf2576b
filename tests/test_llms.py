"""llms.txt, llms-full.txt and llms/tags/*.md: content, safety and freshness.

The Markdown is read back with markdown-it-py (CommonMark, plus GFM tables
and strikethrough), the parser MyST itself uses, to check that no note field
becomes HTML, a link or a heading it did not ask for.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes.exports.llms import Site, escape_inline, escape_line, llms_full
from sphinx_papernotes.model import Collection, Note, parse_authors

from .helpers import MakeApp, build, copy_root, warnings_of

NASTY_TITLE = "<script>alert(1)</script> *Bold* [x](javascript:y) &amp; ~~gone~~ `tick` \\"
NASTY_NOTE = f"""\
:::{{paper-note}} 99
:title: {NASTY_TITLE}
:authors: Ada Lovelace+
:venue: arXiv'23
:date: 2023-01-02
:tags: PEFT(Adaptor/LoRA), 自然言語処理
:url: https://example.org/paper_(v2)
:summary: Uses <img src=x onerror=alert(1)> and __under__ & more.

# Not a heading of the file

- cites {{note}}`2432` and {{note}}`the flow paper <1834>` and a [web link](https://example.org/x)
- `code` and *emphasis*

\\# hash at the start of a paragraph

```python
print("```")
```

<div onclick="alert(1)">raw html</div>
:::
"""


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _html(text: str) -> BeautifulSoup:
    return BeautifulSoup(_markdown().render(text), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = copy_root("basic", tmp_path_factory.mktemp("llms"))
    (srcdir / "notes" / "99.md").write_text(NASTY_NOTE, encoding="utf-8")
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        status=StringIO(),
        warning=StringIO(),
        confoverrides={"html_baseurl": "https://notes.example.org/"},
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


def test_index_lists_every_tag_file_and_the_full_file(site: Path) -> None:
    text = (site / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# basic\n\n> Notes on 3 papers, filed under 6 tags")
    soup = _html(text)
    links = {a.get_text(): a["href"] for a in soup.find_all("a")}
    assert links["Every note"] == "https://notes.example.org/llms-full.txt"
    assert links["PEFT(Adaptor/LoRA)"] == (
        "https://notes.example.org/llms/tags/peft-adaptor-lora.md"
    )
    tag_files = sorted(path.name for path in (site / "llms" / "tags").iterdir())
    assert len(tag_files) == 6
    assert {href.rpartition("/")[2] for href in links.values()} == {
        "llms-full.txt",
        *tag_files,
    }


def test_full_file_has_every_field_and_resolved_references(site: Path) -> None:
    text = (site / "llms-full.txt").read_text(encoding="utf-8")
    soup = _html(text)
    titles = [h2.get_text() for h2 in soup.find_all("h2")]
    # Id order; each title exactly as written, nothing of it turned into markup.
    assert titles == [
        NASTY_TITLE,
        "Density estimation using Real NVP",
        "JetFormer: An Autoregressive Generative Model of Raw Images and Text",
    ]
    jet = text.split("## JetFormer")[1]
    assert "- Authors: Michael Tschannen, André Susano Pinto, Alexander Kolesnikov" in jet
    assert "- Venue: ICLR 2025\n- Date: 2025-08-17\n" in jet
    assert "- Tags: ComputerVision, Transformer, TextToImageGeneration, NormalizingFlow" in jet
    assert "[arxiv](https://arxiv.org/abs/2411.19722)" in jet
    assert "Summary: A decoder-only transformer" in jet
    nasty = text.split("## Density")[0]
    assert "- Authors: Ada Lovelace et al.\n- Venue: arXiv 2023" in nasty
    hrefs = {a.get_text(): a["href"] for a in soup.find_all("a")}
    # References inside a comment: the cited note's title (or the text given) and address.
    assert hrefs["JetFormer: An Autoregressive Generative Model of Raw Images and Text"] == (
        "https://notes.example.org/notes/2432.html#note-2432"
    )
    assert hrefs["the flow paper"] == "https://notes.example.org/notes/1834.html#note-1834"
    assert hrefs["web link"] == "https://example.org/x"
    assert hrefs["url"] == "https://example.org/paper_%28v2%29"
    assert soup.find("pre").get_text() == 'print("```")\n'


def test_no_field_becomes_html_or_a_foreign_link(site: Path) -> None:
    for path in [site / "llms.txt", site / "llms-full.txt", *(site / "llms").rglob("*.md")]:
        soup = _html(path.read_text(encoding="utf-8"))
        allowed = {"h1", "h2", "h3", "p", "ul", "ol", "li", "a", "code", "pre", "em", "strong"}
        allowed.add("blockquote")
        assert {tag.name for tag in soup.find_all(True)} <= allowed, path
        for anchor in soup.find_all("a"):
            assert anchor["href"].startswith("https://"), (path, anchor)
    full = _html((site / "llms-full.txt").read_text(encoding="utf-8"))
    assert "raw html" not in full.get_text()
    assert "Not a heading of the file" in full.find("strong").get_text()
    assert "# hash at the start of a paragraph" in [p.get_text() for p in full.find_all("p")]


def test_tag_file_holds_the_notes_of_its_tag(site: Path) -> None:
    text = (site / "llms" / "tags" / "normalizingflow.md").read_text(encoding="utf-8")
    assert text.startswith("# Notes tagged NormalizingFlow\n")
    assert [h2.get_text() for h2 in _html(text).find_all("h2")] == [
        "Density estimation using Real NVP",
        "JetFormer: An Autoregressive Generative Model of Raw Images and Text",
    ]


@pytest.mark.parametrize(
    "text",
    ["# x", "- x", "+ x", "> x", "1. x", "12) x", "=== x", "::: x", "% x", "<b>", "[a](b)"],
)
def test_escaped_text_reads_back_as_itself(text: str) -> None:
    soup = _html(escape_line(text))
    assert [tag.name for tag in soup.find_all(True)] == ["p"]
    assert soup.get_text().strip() == text


def test_escape_inline_drops_reference_placeholders() -> None:
    assert escape_inline("a\ue000b\ue001c\ue002") == "abc"


def _note(**fields: Any) -> Note:
    return Note(id="1", docname="n", lineno=1, anchor="note-1", **fields)


def test_missing_fields_are_left_out() -> None:
    site = Site("p", urls={}, comments={}, resolve=lambda target: None)
    text = llms_full(Collection([_note(authors=parse_authors("").value)]), site)
    assert text == "# p: every note\n\n## Note 1\n\n- Id: 1\n"


def test_freshness_and_setting(make_app: MakeApp, tmp_path: Path) -> None:
    srcdir = copy_root("basic", tmp_path)
    builddir = tmp_path / "build"
    first = build(make_app, srcdir, builddir=builddir)
    full = Path(first.outdir) / "llms-full.txt"
    before = full.stat().st_mtime_ns
    build(make_app, srcdir, builddir=builddir)
    assert full.stat().st_mtime_ns == before  # a no-op build writes nothing
    # A file deleted by hand is written again by the next (no-op) build.
    tag_file = next((Path(first.outdir) / "llms" / "tags").glob("*.md"))
    full.unlink()
    build(make_app, srcdir, builddir=builddir)
    assert full.is_file()
    before = full.stat().st_mtime_ns
    tag_file.unlink()
    build(make_app, srcdir, builddir=builddir)
    assert tag_file.is_file() and full.stat().st_mtime_ns == before
    note = srcdir / "notes" / "1834.md"
    note.write_text(
        note.read_text(encoding="utf-8").replace("keep half", "keep one half"), encoding="utf-8"
    )
    build(make_app, srcdir, builddir=builddir)
    assert "keep one half of the input" in full.read_text(encoding="utf-8")
    note.write_text(
        note.read_text(encoding="utf-8").replace(":tags: NormalizingFlow", ":tags: Flows"),
        encoding="utf-8",
    )
    build(make_app, srcdir, builddir=builddir)
    tags = Path(first.outdir) / "llms" / "tags"
    flows = (tags / "flows.md").read_text(encoding="utf-8")
    assert "Density estimation" in flows
    # Without html_baseurl, addresses are relative to the file that holds them.
    assert "- Page: [note page](../../notes/1834.html#note-1834)" in flows
    assert "[Every note](llms-full.txt)" in (Path(first.outdir) / "llms.txt").read_text()
    assert "## Density estimation" not in (tags / "normalizingflow.md").read_text(encoding="utf-8")
    off = build(make_app, srcdir, confoverrides={"papernotes_llms": False})
    assert not (Path(off.outdir) / "llms.txt").exists()


def test_output_inside_the_sources_is_never_read_back(make_app: MakeApp, tmp_path: Path) -> None:
    """``sphinx-build docs docs/_build/html`` with no ``exclude_patterns``: the llms
    tag files (Markdown) in the output are not sources of the next build."""
    srcdir = copy_root("basic", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace('exclude_patterns = ["_build"]\n', ""),
        encoding="utf-8",
    )
    first = build(make_app, srcdir, builddir=srcdir / "_build")
    assert list((Path(first.outdir) / "llms" / "tags").glob("*.md"))
    again = build(make_app, srcdir, builddir=srcdir / "_build", freshenv=True)
    assert warnings_of(again) == ""
    assert not [name for name in again.env.found_docs if name.startswith("_build")]
    assert not (Path(again.outdir) / "_build").exists()


def _llms_files(outdir: Path) -> dict[str, str]:
    paths = [outdir / "llms.txt", outdir / "llms-full.txt", *(outdir / "llms").rglob("*.md")]
    return {str(path.relative_to(outdir)): path.read_text(encoding="utf-8") for path in paths}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_comment_edits_give_what_a_clean_build_gives(
    make_app: MakeApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a comment-only edit, the sections of notes in documents not read
    again are taken back by key (nothing else is digested), and the files are
    the clean build's, also when another builder shared the doctrees between."""
    from sphinx_papernotes.export_cache import RenderCache

    srcdir = copy_root("basic", tmp_path)
    builddir = tmp_path / "build"
    build(make_app, srcdir, builddir=builddir)
    digested: list[str | None] = []
    text = RenderCache.text

    def counting(self: RenderCache, inputs: object, render: Any, key: str | None = None) -> str:
        digested.append(key)
        return text(self, inputs, render, key)

    monkeypatch.setattr(RenderCache, "text", counting)
    _edit(srcdir / "notes" / "1834.md", "keep half", "keep one half")
    html = build(make_app, srcdir, builddir=builddir)
    assert digested == ["notes/1834#note-1834"]  # 2432's section is reused by key
    assert "keep one half" in (Path(html.outdir) / "llms-full.txt").read_text(encoding="utf-8")
    # dirhtml reads the next edit into the shared environment; html, reading
    # only 1834 again, must not take 2432's section back from its own last build.
    _edit(srcdir / "notes" / "2432.md", "any MyST content", "any MyST content at all")
    build(make_app, srcdir, "dirhtml", builddir=builddir)
    _edit(srcdir / "notes" / "1834.md", "keep one half", "keep a half")
    html = build(make_app, srcdir, builddir=builddir)
    clean = build(make_app, srcdir, builddir=tmp_path / "clean")
    incremental = _llms_files(Path(html.outdir))
    assert "any MyST content at all" in incremental["llms-full.txt"]
    assert incremental == _llms_files(Path(clean.outdir))
