"""Hostile notes (tests/roots/test-hostile): nothing dropped, nothing unsafe, warnings located.

Option mistakes in reST and MyST, summaries with unknown roles, undefined or
raw substitutions and non-http links, anchors taken by headings and labels,
invisible characters, a YAML tag list, notes in ``only`` blocks and in
included files, and a note with too many tags.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from sphinx_papernotes.model.tags import ENTRY_TAGS, MAX_TAGS_PER_NOTE

from .helpers import build_once, has_located_warning, read_json, warnings_of


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_once("hostile", tmp_path_factory)


@pytest.fixture(scope="module")
def latex(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build_once("hostile", tmp_path_factory, "latex")


def notes_by_id(app: SphinxTestApp) -> dict[str, dict[str, object]]:
    return {str(note["id"]): note for note in read_json(app)["notes"]}


def page(app: SphinxTestApp, name: str) -> BeautifulSoup:
    html = (Path(app.outdir) / name).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def everything_written(app: SphinxTestApp) -> str:
    outdir = Path(app.outdir)
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(outdir.rglob("*"))
        if path.suffix in (".html", ".json", ".bib", ".xml") and "_static" not in path.parts
    )


LOCATED = [
    # (file, line, subtype, fragment)
    ("rst-options.rst", 6, "option", "note '301': option 'title' is given twice"),
    ("rst-options.rst", 11, "option", "option ':authors:' needs a space after it"),
    ("rst-options.rst", 17, "option", "no blank line between the options and the body"),
    ("myst-options.md", 5, "option", "note '320': option ':authors:' needs a space after it"),
    ("myst-options.md", 13, "option", "note '321': option 'title' is given twice"),
    ("rst-summary.rst", 16, "field", "note '311': summary holds HTML markup"),
    ("rst-summary.rst", 16, "field", "summary link 'javascript:alert(2)' is not an http(s) URL"),
    ("summaries.md", 12, "field", "note '341': summary holds HTML markup"),
    ("anchors.md", 10, "anchor", "the label 'note-331' is also the anchor of note '331'"),
    ("invisible.md", 14, "field", f"120 tags, more than {MAX_TAGS_PER_NOTE}"),
    ("parts/part.md", 5, "field", "note '370': invalid year 'twenty'"),
    ("parts/part.rst.txt", 5, "field", "note '371': invalid year 'twenty'"),
    ("parts/part.md", 3, "bibtex", "note '370': its BibTeX entry"),
    ("parts/part.rst.txt", 3, "bibtex", "note '371': its BibTeX entry"),
]


@pytest.mark.parametrize(("filename", "line", "subtype", "fragment"), LOCATED)
def test_warnings_name_the_file_and_line_of_the_mistake(
    built: SphinxTestApp, filename: str, line: int, subtype: str, fragment: str
) -> None:
    assert has_located_warning(built, filename, line, subtype, fragment), warnings_of(built)


def test_no_traceback_and_no_false_markup_warning(built: SphinxTestApp) -> None:
    warnings = warnings_of(built)
    assert "Traceback" not in warnings and "Exception" not in warnings
    # The documented {note}`text <id>` form and an autolink are valid summaries.
    assert "note '340'" not in warnings
    # MyST no longer reads the options itself, so it has nothing to say about them.
    assert "[myst." not in warnings


def test_option_mistakes_never_drop_a_note(built: SphinxTestApp) -> None:
    notes = notes_by_id(built)
    assert notes["301"]["title"] == "Twice titled"
    assert notes["301"]["tags"] == ["Parsing"]
    assert notes["302"]["authors"] == ["Grace Hopper", "Alan Turing"]
    assert notes["302"]["year"] == 2021
    assert notes["303"]["year"] == 2022
    assert notes["320"]["authors"] == ["Ada Lovelace"]
    # Options after the typo are kept too.
    assert (notes["320"]["venue"], notes["320"]["year"]) == ("NeurIPS", 2023)
    assert notes["320"]["tags"] == ["Kept"]
    assert notes["321"]["title"] == "First title"
    body = page(built, "rst-options.html").find(id="note-303")
    assert body is not None
    assert "The body starts right after the options." in body.get_text()
    assert "And goes on." in body.get_text()


def test_a_yaml_tag_list_gives_its_items(built: SphinxTestApp) -> None:
    assert notes_by_id(built)["322"]["tags"] == ["alpha", "beta gamma", "delta"]


def test_summaries_hold_no_error_text_raw_html_or_unsafe_links(built: SphinxTestApp) -> None:
    notes = notes_by_id(built)
    assert notes["310"]["summary"] == "Uses :nosuchrole:`x` and |nosuchsub| in one line."
    assert notes["311"]["summary"].startswith('Hello <script>alert("subst")</script> and click')
    written = everything_written(built)
    assert str(built.srcdir) not in written  # no machine path from an error message
    assert "Unknown interpreted text role" not in written
    assert "javascript:" not in written.lower()
    for path in Path(built.outdir).rglob("*.html"):
        assert "<script>alert(" not in path.read_text(encoding="utf-8"), path
    soup = page(built, "rst-summary.html")
    hrefs = [str(link["href"]) for link in soup.select(".pn-summary a[href]")]
    assert hrefs == ["https://example.org/ok"]
    assert not soup.select(".pn-summary .problematic")


def test_valid_summary_markup_is_kept(built: SphinxTestApp) -> None:
    summary = page(built, "summaries.html").select_one("#note-340 .pn-summary")
    assert summary is not None
    hrefs = [str(link["href"]) for link in summary.find_all("a", href=True)]
    assert "anchors.html#note-331" in hrefs
    assert "https://example.org/autolink" in hrefs


def test_note_anchors_are_unique_and_links_land_on_the_note(built: SphinxTestApp) -> None:
    soup = page(built, "anchors.html")
    ids = [str(tag["id"]) for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), ids
    for note_id in ("330", "331"):
        holder = soup.find(id=f"note-{note_id}")
        assert holder is not None and "pn-note" in holder["class"]
    same_page = [link for link in soup.select("a.pn-note-ref") if link["href"][0] == "#"]
    assert len(same_page) >= 2
    for link in same_page:
        target = soup.find(id=str(link["href"])[1:])
        assert target is not None and "pn-note" in target["class"]


def test_invisible_characters_are_removed_but_emoji_joiners_stay(built: SphinxTestApp) -> None:
    note = notes_by_id(built)["350"]
    assert note["title"] == "Bidievil title with marks"
    assert note["authors"] == ["Ann Smith"]
    assert note["tags"] == ["SafeTag", "Family \U0001f468\u200d\U0001f469\u200d\U0001f467"]
    assert note["summary"] == "A summary with marks."
    written = everything_written(built)
    for char in "\u202e\u2066\u2067\u2069\u200b\ufeff\u00ad":
        assert char not in written, hex(ord(char))


def test_listing_entries_show_a_bounded_number_of_tags(built: SphinxTestApp) -> None:
    assert len(notes_by_id(built)["351"]["tags"]) == 120  # every tag is kept
    for name in ("index.html", "tags/t000.html"):
        soup = page(built, name)
        for entry in soup.select(".pn-entry, .pn-card"):
            if "Too many tags" in entry.get_text():
                assert len(entry.select(".pn-tag:not([hidden])")) == ENTRY_TAGS
                assert "+110" in entry.get_text()
                # The tag filter still finds the note by its next tags, up to the cap.
                hidden = [chip.get_text() for chip in entry.select(".pn-tag[hidden]")]
                assert hidden == [f"T{n:03d}" for n in range(ENTRY_TAGS, MAX_TAGS_PER_NOTE)]
    # Each of the 120 tag pages lists the note once with ENTRY_TAGS chips, so
    # a tag page's size does not grow with the number of tags on the note.
    sizes = [path.stat().st_size for path in (Path(built.outdir) / "tags").glob("t*.html")]
    assert len(sizes) == 120 and max(sizes) < 3 * min(sizes)


def test_a_note_the_builder_does_not_render_is_nowhere_linked(built: SphinxTestApp) -> None:
    assert "360" not in notes_by_id(built)
    assert "361" in notes_by_id(built)
    written = everything_written(built)
    assert "note-360" not in written and "Only in LaTeX" not in written
    feed = (Path(built.outdir) / "feed.xml").read_text(encoding="utf-8")
    assert "Only in HTML" in feed
    # The reference to it is plain text, without a warning.
    assert "'360'" not in warnings_of(built)
    text = page(built, "only.html").get_text()
    assert "References: 360, Only in HTML." in " ".join(text.split())


def test_the_latex_builder_renders_its_own_only_notes(latex: SphinxTestApp) -> None:
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "Only in LaTeX" in tex
    assert "Only in HTML" not in tex
    assert "Traceback" not in warnings_of(latex)
    assert "'361'" not in warnings_of(latex)
    # Listing entries print their first ENTRY_TAGS tags; the chips HTML keeps
    # hidden for the tag filter are not printed (T020 is one, T100 never is).
    assert tex.count("T005") > tex.count("T020") == tex.count("T100") >= 1


def test_the_json_stays_valid(built: SphinxTestApp) -> None:
    raw = (Path(built.outdir) / "papernotes.json").read_text(encoding="utf-8")
    assert json.loads(raw)["schema"] == 1
