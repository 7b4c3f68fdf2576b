"""Unit tests of the Atom feed exporter, read back with feedparser and ElementTree."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import feedparser
import pytest

from sphinx_papernotes.exports.feed import to_atom
from sphinx_papernotes.model import Collection, Note, parse_authors

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://example.org/docs/"
NASTY = "<script>alert(1)</script> & \"double\" 'single' ]]> 😀 𝔘"


def _note(note_id: str, docname: str | None = None, **fields: Any) -> Note:
    return Note(
        id=note_id,
        docname=docname or f"notes/{note_id}",
        lineno=1,
        anchor=f"note-{note_id}",
        **fields,
    )


def _urls(notes: list[Note]) -> dict[str, str]:
    return {note.key: f"{note.docname}.html#{note.anchor}" for note in notes}


def _feed(notes: list[Note], **options: Any) -> str:
    options.setdefault("title", "Paper notes")
    return to_atom(Collection(notes), options.pop("base_url", BASE), _urls(notes), **options)


def _parse(text: str) -> Any:
    parsed = feedparser.parse(text)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


JET = _note(
    "2432",
    title="JetFormer: An Autoregressive Generative Model of Raw Images and Text",
    authors=parse_authors("Michael Tschannen; André Susano Pinto; Alexander Kolesnikov").value,
    date="2025-08-17",
    tags=("ComputerVision", "Transformer"),
    summary="A decoder-only transformer that models raw images and text jointly.",
)
OLDER = _note("1834", title="An older note", date="2024-01-05", tags=("自然言語処理",))
UNDATED = _note("7", title="No date")


def test_entries_and_fields() -> None:
    parsed = _parse(_feed([OLDER, JET, UNDATED]))

    assert parsed.feed.title == "Paper notes"
    assert parsed.feed.id == BASE
    assert parsed.feed.updated == "2025-08-17T00:00:00+00:00"
    links = {(link.rel, link.href) for link in parsed.feed.links}
    assert links == {("alternate", BASE), ("self", BASE + "feed.xml")}

    assert [entry.title for entry in parsed.entries] == [JET.title, OLDER.title]
    jet, older = parsed.entries
    url = BASE + "notes/2432.html#note-2432"
    assert jet.id == url
    assert jet.link == url
    assert jet.updated == jet.published == "2025-08-17T00:00:00+00:00"
    assert tuple(jet.updated_parsed)[:6] == (2025, 8, 17, 0, 0, 0)
    assert [author.name for author in jet.authors] == list(JET.authors.names)
    assert [tag.term for tag in jet.tags] == ["ComputerVision", "Transformer"]
    assert jet.summary == JET.summary
    assert jet.summary_detail.type == "text/plain"

    assert older.link == BASE + "notes/1834.html#note-1834"
    assert [tag.term for tag in older.tags] == ["自然言語処理"]
    assert "summary" not in older
    assert "authors" not in older


def test_required_atom_elements() -> None:
    """RFC 4287: feed id/title/updated/author, entry id/title/updated/alternate link."""
    root = ET.fromstring(_feed([JET, OLDER, _note("9", date="2023-03-03")]).encode())
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    for entry in entries:
        for name in ("id", "title", "updated", "link"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        # An entry link without rel is rel="alternate" (RFC 4287 4.2.7.2).
        assert entry.find(f"{ATOM}link").get("rel", "alternate") == "alternate"  # type: ignore[union-attr]
    assert entries[2].find(f"{ATOM}title").text == "Note 9"  # type: ignore[union-attr]
    assert entries[2].find(f"{ATOM}author") is None


def test_order_and_ties() -> None:
    same_day = [_note(n, title=f"T{n}", date="2025-01-01") for n in ("2", "10", "abc", "1")]
    newest = _note("3", title="T3", date="2025-02-01")
    parsed = _parse(_feed([*same_day, newest]))
    # Newest first; on one day the higher id (natural order) first.
    assert [entry.title for entry in parsed.entries] == ["T3", "Tabc", "T10", "T2", "T1"]


def test_length_limits_entries() -> None:
    notes = [_note(str(n), title=f"T{n}", date=f"2025-01-{n:02d}") for n in range(1, 21)]
    parsed = _parse(_feed(notes, length=5))
    assert [entry.title for entry in parsed.entries] == ["T20", "T19", "T18", "T17", "T16"]
    assert len(_parse(_feed(notes)).entries) == 20
    assert len(_parse(_feed(notes, length=0)).entries) == 0


def test_undated_notes_are_left_out() -> None:
    parsed = _parse(_feed([UNDATED, _note("8", title="Also none", date="")]))
    assert parsed.entries == []
    # No entries: ``updated`` is still set, and never the clock.
    assert parsed.feed.updated == "1970-01-01T00:00:00+00:00"


def test_notes_without_address_are_left_out() -> None:
    text = to_atom(Collection([JET, OLDER]), BASE, {OLDER.key: "o.html"}, "T")
    assert [entry.link for entry in _parse(text).entries] == [BASE + "o.html"]


def test_hostile_text_round_trips() -> None:
    note = _note(
        "1",
        title=NASTY,
        authors=parse_authors(f"{NASTY}; Plain Name").value,
        date="2025-08-17",
        tags=(NASTY, "A&B"),
        summary=NASTY,
    )
    text = _feed([note], title=NASTY)
    parsed = _parse(text)
    assert parsed.feed.title == NASTY
    (entry,) = parsed.entries
    assert entry.title == NASTY
    assert entry.summary == NASTY
    assert [tag.term for tag in entry.tags] == [NASTY, "A&B"]
    assert [author.name for author in entry.authors] == list(note.authors.names)
    assert note.authors.names[0] == NASTY

    root = ET.fromstring(text.encode("utf-8"))
    assert all(element.tag.rsplit("}", 1)[-1] != "script" for element in root.iter())
    assert "<script" not in text
    entry_element = root.find(f"{ATOM}entry")
    assert entry_element is not None
    assert entry_element.findtext(f"{ATOM}title") == NASTY
    assert entry_element.findtext(f"{ATOM}summary") == NASTY


def test_characters_xml_cannot_hold_are_dropped() -> None:
    # The model strips control characters but not these noncharacters.
    note = _note("1", title="a\ufffeb\uffffc", date="2025-08-17", summary="\ufffe")
    (entry,) = _parse(_feed([note])).entries
    assert entry.title == "abc"
    assert "summary" not in entry


def test_reproducible_and_order_independent() -> None:
    notes = [JET, OLDER, UNDATED, *(_note(str(n), date="2025-01-01") for n in range(5))]
    first = _feed(notes)
    assert first == _feed(notes)
    assert first == _feed(list(reversed(notes)))
    assert first == _feed(notes[3:] + notes[:3])
    assert "python-feedgen" not in first


@pytest.mark.parametrize("base", ["https://example.org/docs", "https://example.org/docs/"])
def test_base_url_joined_with_one_slash(base: str) -> None:
    parsed = _parse(_feed([JET], base_url=base))
    assert parsed.feed.id == "https://example.org/docs/"
    assert parsed.entries[0].link == "https://example.org/docs/notes/2432.html#note-2432"
    self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
    assert self_link == "https://example.org/docs/feed.xml"


def test_addresses_are_percent_encoded() -> None:
    note = _note("1", docname="my notes/ü", date="2025-08-17")
    (entry,) = _parse(_feed([note])).entries
    assert entry.link == BASE + "my%20notes/%C3%BC.html#note-1"


def test_language() -> None:
    text = _feed([JET], language="en")
    assert ET.fromstring(text.encode()).get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert _parse(text).feed.language == "en"


@pytest.mark.parametrize(
    "base",
    [
        "",
        "docs/",
        "/docs/",
        "file:///tmp/docs/",
        "ftp://example.org/",
        "javascript:alert(1)",
        "https://",
        "https://example.org/docs/?q=1",
        "https://example.org/my docs/",
    ],
)
def test_non_http_base_url_is_rejected(base: str) -> None:
    with pytest.raises(ValueError, match="absolute http"):
        _feed([JET], base_url=base)
