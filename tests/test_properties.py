"""Property tests for every parser of the model and the field encodings of the exports.

Each property runs on hostile text (see ``strategies.py``): 200 examples in a
local run, at least 10,000 in CI (the "ci" hypothesis profile, chosen when
the environment variable ``CI`` is set; see ``conftest.py``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
import unicodedata
from collections import Counter
from urllib.parse import urlsplit

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from pybtex.database import Person
from pybtex.database.input.bibtex import Parser

from sphinx_papernotes.exports.bibtex import (
    entry_gaps,
    escape,
    needed_fields,
    note_entry,
    protect_title,
)
from sphinx_papernotes.exports.json_export import to_json, to_json_data
from sphinx_papernotes.model import (
    LINK_KINDS,
    AuthorList,
    Collection,
    Note,
    Venue,
    apply_tag_aliases,
    apply_venue_alias,
    assign_slugs,
    id_sort_key,
    is_valid_id,
    parse_authors,
    parse_date,
    parse_id,
    parse_link,
    parse_tags,
    parse_venue,
    parse_year,
    slug_base,
)
from sphinx_papernotes.model.bibkeys import DEFAULT_FORMAT, assign_bibkeys
from sphinx_papernotes.model.links import arxiv_id
from sphinx_papernotes.model.selection import (
    FORMATS,
    SORT_ORDERS,
    parse_choice,
    parse_count,
    parse_flag,
    parse_year_range,
)
from sphinx_papernotes.model.text import clean_text
from sphinx_papernotes.model.venue_table import DEFAULT_VENUES, venue_for_full_name, venue_kind

from .strategies import FRAGMENTS, any_text, hostile_text
from .test_bibtex import decode

pytestmark = pytest.mark.hardening

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
GENERATED_KEY_RE = re.compile(r"[a-z0-9_:-]+")
# Characters clean_text removes: no field value may keep one.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
# BibTeX specials that must never appear unescaped in a text field.
_ESCAPES_RE = re.compile(
    r"\\textbackslash\{\}|\\textbraceleft\{\}|\\textbraceright\{\}|\\textasciitilde\{\}"
    r"|\\textasciicircum\{\}|\\[$%&#_]"
)

optional_text = st.one_of(st.none(), any_text())


def is_clean(value: str) -> bool:
    """What every text field of a note looks like after parsing."""
    return (
        value == value.strip()
        and not CONTROL_RE.search(value)
        and "  " not in value
        and "\n" not in value
        and unicodedata.is_normalized("NFC", value)
    )


def braces_balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def make_note(number: int = 1, **fields: object) -> Note:
    return Note(
        id=str(number),
        docname=f"notes/{number}",
        lineno=1,
        anchor=f"note-{number}",
        **fields,  # type: ignore[arg-type]
    )


# -- every field parser, on any text --------------------------------------------


@given(optional_text)
@example("e\x00\u0301")  # NFC once the NUL is gone
@example("NA'00")  # no venue, with a year
@example("²")  # a digit int() refuses
def test_field_parsers_never_fail(text: str | None) -> None:
    """Any text, given to any field of a note or option of a listing, parses without an
    exception into clean values (or nothing, with a reason)."""
    parsed_id = parse_id(text)
    if parsed_id.value is None:
        assert parsed_id.problems
    else:
        assert is_valid_id(parsed_id.value) and parsed_id.value == (text or "").strip()
    id_sort_key(text or "")

    venue = parse_venue(text).value
    if venue.name is not None:
        assert venue.name and is_clean(venue.name) and len(venue.name) <= 200
        assert venue.name == venue.name.strip(" ,;:")
        # A parsed name, read again (alone or with its year), gives the same venue.
        assert parse_venue(venue.name).value.name == venue.name
        if venue.year is not None:
            assert parse_venue(f"{venue.name} {venue.year}").value == venue
    assert venue.year is None or 1900 <= venue.year <= 2099

    authors = parse_authors(text).value
    assert all(name and is_clean(name) for name in authors.names)
    assert isinstance(authors.short(), str) and isinstance(authors.full(), str)

    tags = parse_tags(text).value
    assert len(set(tags)) == len(tags)
    assert all(tag and is_clean(tag) and "," not in tag and len(tag) <= 100 for tag in tags)

    date = parse_date(text).value
    assert date is None or dt.date.fromisoformat(date).isoformat() == date
    year = parse_year(text).value
    assert year is None or 1000 <= year <= 2999

    years = parse_year_range(text).value
    assert years is None or years[0] <= years[1]
    count = parse_count("limit", text).value
    assert count is None or count >= 0
    assert parse_choice("sort", text, SORT_ORDERS, "-date").value in SORT_ORDERS
    assert parse_choice("format", text, FORMATS, "list").value in FORMATS
    assert parse_flag("pick", text).value in (True, False, None)

    for kind in LINK_KINDS:
        # Whatever is written, a link is an http(s) URL with nothing to escape, or none.
        url = parse_link(kind, text).value
        if url is not None:
            parts = urlsplit(url)
            assert parts.scheme in ("http", "https") and parts.netloc
            assert url.isascii() and url.isprintable()
            assert not any(char in url for char in ' "<>\\{}^`|')

    base = slug_base(text or "")
    assert base == "" or SLUG_RE.fullmatch(base)


# Cheap strategies (a fixed alphabet, few draws): the CI profile runs 10,000
# examples, and generation is most of the cost of a property.
_LETTERS = "abcxyzABCXYZéÉßøŁıİ自然言語ΣσЖжأب"
_ID_START = string.ascii_letters + string.digits
_WORD = st.text(_LETTERS, min_size=1, max_size=8)
_NAME = st.text(_LETTERS + "-. ", min_size=1, max_size=16).map(clean_text).filter(bool)
_TAG = st.text(_LETTERS + " ()/'&<>\"{}%#_$~^-\u200f😀", min_size=1, max_size=14)
_ARXIV = st.tuples(st.integers(0, 9999), st.integers(0, 99999), st.integers(0, 3)).map(
    lambda p: f"{p[0]:04d}.{p[1]:05d}" + (f"v{p[2]}" if p[2] else "")
)
_VENUE_FORMS = ["{name}'{yy}", "{name} {year}", "{name}{year}", "{name}’{yy} Workshop"]
_TRAILING_MARKER = re.compile(r"(?i)^(?:others|et al\.?|etc\.|\+)$|\bet al\.?$|\band others$|\+$")


@given(
    st.tuples(st.sampled_from(_ID_START), st.text(_ID_START + "_.-", max_size=30)).map("".join),
    st.tuples(st.lists(_WORD, min_size=1, max_size=3).map(" ".join), st.integers(1970, 2069)),
    st.sampled_from(_VENUE_FORMS),
    st.tuples(st.lists(_NAME, min_size=1, max_size=4), st.booleans()),
    st.lists(_TAG.map(clean_text).filter(bool), max_size=4),
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)),
    _ARXIV,
)
def test_values_as_users_write_them_parse_back(
    note_id: str,
    venue: tuple[str, int],
    venue_form: str,
    author_list: tuple[list[str], bool],
    tags: list[str],
    date: dt.date,
    arxiv: str,
) -> None:
    """Ids, ``ICLR'25``-style venues, ``A; B +`` author lists, comma-separated tags,
    ISO dates and arXiv ids give back exactly what was written."""
    assert parse_id(f"  {note_id} ").value == note_id

    name, year = clean_text(venue[0]), venue[1]
    assume(name.casefold() not in ("n_a", "n/a", "na", "none"))
    text = venue_form.format(name=name, yy=f"{year % 100:02d}", year=year)
    expected = f"{name} Workshop" if "Workshop" in venue_form else name
    assert parse_venue(text).value == Venue(expected, year)

    names, truncated = author_list
    assume(not any(_TRAILING_MARKER.search(name) for name in names))
    written = "; ".join(names) + (" et al." if truncated else "")
    assert parse_authors(written).value == AuthorList(tuple(names), truncated)

    assert list(parse_tags(", ".join(tags)).value) == list(dict.fromkeys(tags))

    assert parse_date(f" {date.isoformat()} ").value == date.isoformat()
    assert parse_year(str(date.year)).value == date.year

    for form in ("{id}", "arXiv:{id}", "https://arxiv.org/abs/{id}"):
        url = parse_link("arxiv", form.format(id=arxiv)).value
        assert url is not None and arxiv_id(url) == arxiv


_PIECE = st.one_of(st.text(max_size=10), st.sampled_from(FRAGMENTS))


@given(
    st.lists(_PIECE, max_size=4),
    _PIECE,
    st.dictionaries(_PIECE, _PIECE, max_size=3),
)
def test_aliases_never_fail(tags: list[str], venue: str, aliases: dict[str, str]) -> None:
    """Any ``papernotes_tag_aliases`` / ``papernotes_venue_aliases`` mapping is usable."""
    aliases.update(dict(zip(tags[:2], reversed(tags), strict=False)))  # some that apply
    result = apply_tag_aliases(tuple(tags), aliases)
    assert len(set(result)) == len(result)
    assert isinstance(apply_venue_alias(venue, aliases), str)


@given(st.lists(st.integers(0, 10**12).map(str), max_size=6), st.lists(_PIECE, max_size=6))
def test_id_order_is_numeric_then_text(numbers: list[str], others: list[str]) -> None:
    """Sorting any ids never fails; numeric ids come first, in numeric order."""
    ordered = sorted(numbers + others, key=id_sort_key)
    digits = [note_id for note_id in ordered if note_id.isascii() and note_id.isdigit()]
    assert ordered[: len(digits)] == digits
    assert [int(n) for n in digits] == sorted(int(n) for n in digits)


# -- slugs ----------------------------------------------------------------------


@given(st.lists(_PIECE, max_size=8), st.randoms(use_true_random=False))
def test_slugs_are_safe_unique_and_stable(names: list[str], random: object) -> None:
    """Any names get safe slugs (``[a-z0-9-]``, no leading or trailing ``-``, never
    empty, never ``index``), one per distinct name even ignoring case, the same in
    any order."""
    names += [name.upper() for name in names[:2]]  # X and x: two files, also on macOS
    slugs = assign_slugs(names, reserved={"index"})
    assert set(slugs) == set(names)
    assert all(SLUG_RE.fullmatch(slug) for slug in slugs.values())
    assert len({slug.lower() for slug in slugs.values()}) == len(slugs)
    assert "index" not in slugs.values()
    shuffled = list(names)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert assign_slugs(shuffled + shuffled[:3], reserved={"index"}) == slugs


# -- BibTeX keys ----------------------------------------------------------------

# Small pools, so that generated keys collide (with each other and with
# explicit keys, also ignoring case) as often as they can.
_KEY_TITLES = ("Scaling laws", "Scaling Laws!", "On X", "", "自然言語", "The {A} & B", "Über")
_KEY_AUTHORS = ("Jane Doe", "J. Doe", "Zoë Doe; X", "", "et al.", "自然", "Doe, Jane +")
_KEY_FORMATS = (
    DEFAULT_FORMAT,
    "{id}",
    "{title}{title}",
    "{author",
    "{nope}",
    "{0}",
    "{author!r}",
    "{year:>10}",
    "",
    "%s-{year}",
)
_EXPLICIT_KEYS = (None, None, "doe2023scaling", "Doe2023Scaling", "anon", "note1", "a:b.c-d_e")


@st.composite
def notes_for_keys(draw: st.DrawFn) -> list[Note]:
    notes = []
    for index in range(draw(st.integers(0, 6))):
        notes.append(
            Note(
                id=draw(st.sampled_from(["1", "2", "10", "a", str(index)])),
                docname=f"doc{index}",
                lineno=draw(st.integers(1, 3)),
                anchor=f"note-{index}",
                title=draw(st.sampled_from(_KEY_TITLES)),
                authors=parse_authors(draw(st.sampled_from(_KEY_AUTHORS))).value,
                year=draw(st.sampled_from([None, 2023, 1999, 2999])),
                bibkey=draw(st.sampled_from(_EXPLICIT_KEYS)),
            )
        )
    return notes


@given(
    notes_for_keys(),
    st.randoms(use_true_random=False),
    st.one_of(st.sampled_from(_KEY_FORMATS), st.text(max_size=12)),
)
def test_bibkeys_are_unique_valid_and_order_independent(
    notes: list[Note], random: object, fmt: str
) -> None:
    """Keys are unique ignoring case; explicit ones are kept unless they clash; the
    same notes in any order get the same keys; any ``papernotes_bibkey_format``
    (even a broken one) gives usable keys."""
    keys, clashes = assign_bibkeys(notes, fmt)
    assert set(keys) == {note.key for note in notes}
    assert len({key.lower() for key in keys.values()}) == len(keys)
    clashing = {clash.key for _kept, clash in clashes}
    for note in notes:
        if note.bibkey and note.key not in clashing:
            assert keys[note.key] == note.bibkey
        else:
            assert GENERATED_KEY_RE.fullmatch(keys[note.key])
    shuffled = list(notes)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert assign_bibkeys(shuffled, fmt) == (keys, clashes)


# -- BibTeX field encoding ------------------------------------------------------


@given(any_text(), st.booleans())
def test_escape_is_balanced_and_reversible(text: str, ascii_only: bool) -> None:
    """No special is left bare, braces balance, and the text reads back (UTF-8)."""
    for encoded in (escape(text, ascii_only), protect_title(text, ascii_only)):
        assert braces_balanced(encoded)
        bare = _ESCAPES_RE.sub("", encoded)
        if ascii_only:
            assert encoded.isascii()
            # What latexcodec wrote for other characters ({\'e}, {\L}, {~}, {$^\circ$})
            # is inside braces; outside them no special may be left bare.
            while re.search(r"\{[^{}]*\}", bare):
                bare = re.sub(r"\{[^{}]*\}", "", bare)
        assert not re.search(r"[\\%&#_$~^]", bare)
    # decode() marks characters with NUL internally; no field holds NUL (clean_text).
    text = text.replace("\x00", "")
    assert decode(escape(text)) == text
    assert decode(protect_title(text)) == text


def person_words(persons: list[Person]) -> list[Counter[str]]:
    """The words of each name BibTeX sees, read back to plain text.

    BibTeX reorders ``Last, First`` and drops the comma, so names are compared
    as their words, not their spelling.
    """
    parts = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")
    return [
        words(" ".join(decode(part) for name in parts for part in getattr(person, name)))
        for person in persons
    ]


def words(name: str) -> Counter[str]:
    return Counter(word for word in re.split(r"[\s,]+", name) if word)


# -- round trips through the exports --------------------------------------------


def venue_from_entry(fields: dict[str, str], entry_type: str) -> str | None:
    """The venue a reader of the ``.bib`` entry would name."""
    if entry_type == "inproceedings":
        return venue_for_full_name(decode(fields["booktitle"]), DEFAULT_VENUES)
    if entry_type == "article":
        return venue_for_full_name(decode(fields["journal"]), DEFAULT_VENUES)
    if "howpublished" in fields:
        return decode(fields["howpublished"])
    return "arXiv" if fields.get("archiveprefix") == "arXiv" else None


@given(optional_text, optional_text, hostile_text())
@example(None, "Ann A AND Bo B", "")  # BibTeX splits on "and" in any case
@example(None, "Ann A and ;Bo B", "")  # "... and and ..." once joined
@example(None, "A, B, C, D; Bo B", "")  # too many commas for one BibTeX name
def test_venue_and_authors_round_trip_through_json_and_bibtex(
    venue_text: str | None, author_text: str | None, other_text: str
) -> None:
    """parse -> Note -> papernotes.json and papernotes.bib -> read back -> same values.

    The note's other text fields get hostile text too, so the whole entry is
    checked: it parses, in UTF-8 and in ASCII, and the title and abstract read back.
    """
    venue = parse_venue(venue_text).value
    authors = parse_authors(author_text).value
    other = clean_text(other_text)
    note = make_note(
        title=other,
        summary=other,
        tags=parse_tags(other_text).value,
        venue=venue.name,
        year=venue.year,
        authors=authors,
    )
    collection = Collection([note])

    record = json.loads(to_json(collection, {note.key: "n.html"}))["notes"][0]
    assert (record["venue"], record["year"]) == (venue.name, venue.year)
    assert (record["authors"], record["authors_truncated"]) == (
        list(authors.names),
        authors.truncated,
    )

    text = note_entry(note, "key").render()
    assert braces_balanced(text)
    entry = bibtex_parser().parse_string(text).entries["key"]
    fields = {name.lower(): value for name, value in entry.fields.items()}
    assert fields.get("year") == (str(venue.year) if venue.year else None)
    back = venue_from_entry(fields, entry.type)
    if venue.name is None:
        assert back is None
    elif venue.name.casefold() == "arxiv":
        assert back in (None, "arXiv")  # arXiv is a @misc with no howpublished
    else:
        # Table venues come back as the table spells them (ICLR for iclr; NeurIPS
        # for NIPS, which BibTeX cannot tell apart): the same entry type and name.
        assert venue_kind(back, DEFAULT_VENUES) == venue_kind(venue.name, DEFAULT_VENUES)
        if entry.type == "misc":
            assert back == venue.name

    # The check that warns about missing fields reads the note, not the entry;
    # both must agree.
    present = set(fields) | ({"author"} if entry.persons.get("author") else set())
    assert entry_gaps(note) == (
        entry.type,
        [name for name in needed_fields(entry.type) if name not in present],
    )

    expected = list(authors.names) + (["others"] if authors.truncated and authors.names else [])
    assert person_words(entry.persons.get("author", [])) == [words(name) for name in expected]
    if other:
        assert decode(fields["title"]) == other and decode(fields["abstract"]) == other

    ascii_text = note_entry(note, "key", ascii_only=True).render()
    assert ascii_text.isascii() and braces_balanced(ascii_text)
    ascii_entry = bibtex_parser().parse_string(ascii_text).entries["key"]
    assert len(ascii_entry.persons.get("author", [])) == len(expected)


def bibtex_parser() -> Parser:
    """pybtex's BibTeX parser (``parse_string(..., "bibtex")`` without the plugin
    look-up, which costs fifteen times the parse itself)."""
    return Parser()


_JSON_TEXT = st.one_of(st.text(max_size=12), hostile_text(3))


@given(st.lists(st.tuples(_JSON_TEXT, st.sampled_from(LINK_KINDS), _JSON_TEXT), max_size=3))
def test_json_export_parses_and_is_inert(records: list[tuple[str, str, str]]) -> None:
    """papernotes.json is valid JSON, equal to the data, with no raw ``<``, ``>``, ``&``."""
    notes = []
    for index, (text, kind, link) in enumerate(records):
        url = parse_link(kind, link).value
        notes.append(
            make_note(
                index,
                title=clean_text(text),
                summary=clean_text(link),
                authors=parse_authors(text).value,
                tags=parse_tags(text).value,
                links=((kind, url),) if url else (),
            )
        )
    collection = Collection(notes)
    urls = {note.key: f"{note.docname}.html#{note.anchor}" for note in notes}
    text = to_json(collection, urls)
    assert not re.search("[<>&]", text)
    assert json.loads(text) == json.loads(json.dumps(to_json_data(collection, urls)))
