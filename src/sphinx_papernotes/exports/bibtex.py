"""``papernotes.bib``: one BibTeX entry per note, valid for bibtex, biber and pybtex.

The rules were checked against the real tools: brace-delimited values with
balanced braces whatever the input, the ten LaTeX specials escaped in text
fields, capitals protected in titles, ``and others`` for truncated author
lists, braced organisations, ``url``/``doi``/``eprint`` written raw, no
``year`` unless it is a number, and a ``key`` field when there are no
authors so styles can still sort the entry.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from ..model import Collection, Note
from ..model.links import arxiv_id
from ..model.venue_table import ARTICLE, DEFAULT_VENUES, INPROCEEDINGS, MISC, VenueKind, venue_kind

# Brace-balanced forms: BibTeX counts "\{" as an opening brace, so braces
# must be written as commands, never as "\{".
_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_ORGANISATION_WORDS = re.compile(
    r"\b(team|group|lab|labs|laboratory|consortium|inc|ltd|llc|corporation|university|"
    r"institute|foundation|collaboration)\b",
    re.IGNORECASE,
)
_INNER_CAPITAL = re.compile(r".[A-Z]")
# BibTeX splits author lists on "and" in any case ("A AND B" is two names);
# a name that starts or ends with the word makes "and and" once joined.
_AND_WORD = re.compile(r"(?:^|\s)and(?:\s|$)", re.IGNORECASE)
FIELD_ORDER = (
    "author",
    "title",
    "booktitle",
    "journal",
    "howpublished",
    "year",
    "doi",
    "url",
    "eprint",
    "archiveprefix",
    "keywords",
    "abstract",
    "note",
    "key",
)


@dataclass(frozen=True)
class Entry:
    """One BibTeX entry, fields already encoded."""

    key: str
    entry_type: str
    fields: tuple[tuple[str, str], ...]

    def render(self) -> str:
        width = max((len(name) for name, _ in self.fields), default=0)
        lines = [f"@{self.entry_type}{{{self.key},"]
        lines += [f"  {name.ljust(width)} = {{{value}}}," for name, value in self.fields]
        lines.append("}")
        return "\n".join(lines)


# A regular expression finds the few specials faster than str.translate walks
# every character of a long (often Japanese) abstract.
_SPECIALS_RE = re.compile("[" + re.escape("".join(_SPECIALS)) + "]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# What ``\url`` cannot read back once biblatex has stored the field in a macro.
_URL_UNSAFE = re.compile(r"[%#\\{}\s]")


def _latex_accent(match: re.Match[str]) -> str:
    # latexcodec registers the "latex" codec when imported; only ASCII-only
    # output needs it, so builds that never write it do not pay for loading it.
    import latexcodec  # noqa: F401

    # Braced ({\'e}, {\L}) so a command never runs into the next letter,
    # and BibTeX sorts it as one special character.
    encoded = codecs.encode(match.group(0), "latex", "replace").decode("ascii").strip()
    if encoded.startswith("{\\char"):
        return "?"  # no 8-bit TeX font has it (CJK, emoji): pdfLaTeX would stop
    balanced = encoded.count("{") == encoded.count("}")
    return "{" + encoded + "}" if encoded and balanced else "?"


def escape(text: str, ascii_only: bool = False) -> str:
    """LaTeX for plain text: specials escaped; accents as commands when ``ascii_only``.

    Characters an 8-bit TeX font cannot show (CJK, emoji) become ``?``.
    """
    escaped = _SPECIALS_RE.sub(lambda match: _SPECIALS[match.group()], text)
    if ascii_only and not escaped.isascii():
        escaped = _NON_ASCII.sub(_latex_accent, escaped)
    return escaped


def protect_title(title: str, ascii_only: bool = False) -> str:
    """Escape a title and brace words with inner capitals (``{JetFormer}``, ``{LLMs}``)
    so styles that lower-case titles keep them."""
    words = re.split(r"(\s+)", title)
    result = []
    for word in words:
        encoded = escape(word, ascii_only)
        if word.strip() and _INNER_CAPITAL.search(word):
            encoded = "{" + encoded + "}"
        result.append(encoded)
    return "".join(result)


def author_field(note: Note, ascii_only: bool = False) -> str:
    """``A and B and others``; organisations, one-word names and names BibTeX
    would misread braced."""
    names = []
    for name in note.authors.names:
        encoded = escape(name, ascii_only)
        if (
            " " not in name.strip()
            or ("," not in name and _ORGANISATION_WORDS.search(name) and len(name.split()) > 1)
            or _misread(name)
        ):
            encoded = "{" + encoded + "}"
        names.append(encoded)
    if note.authors.truncated and names:
        names.append("others")
    return " and ".join(names)


def _misread(name: str) -> bool:
    """Whether BibTeX would not read ``name`` as one person: an "and" in any case
    splits it, and more than two commas or an empty part around a comma is an
    error ("Too many commas"). Braced, it is one name, kept as written."""
    parts = [part.strip() for part in name.split(",")]
    return bool(_AND_WORD.search(name)) or len(parts) > 3 or (len(parts) > 1 and not all(parts))


def needed_fields(entry_type: str) -> list[str]:
    """Fields an entry of this type must have.

    biber wants a title and a date for every type, ``@misc`` included, and an
    author for ``@inproceedings`` and ``@article``, as BibTeX's ``plain`` does
    (checked with both).
    """
    needed = ["title", "year"]
    if entry_type == INPROCEEDINGS:
        needed += ["author", "booktitle"]
    elif entry_type == ARTICLE:
        needed += ["author", "journal"]
    return needed


def entry_gaps(
    note: Note, table: Mapping[str, VenueKind] = DEFAULT_VENUES
) -> tuple[str, list[str]]:
    """The type of the note's entry and the needed fields it lacks, without
    encoding the entry: the check runs over every note after each change."""
    entry_type = _entry_type(venue_kind(note.venue, table))
    present = {"booktitle", "journal"}  # written whenever the type needs them
    if note.title:
        present.add("title")
    if note.year:
        present.add("year")
    if note.authors.names:
        present.add("author")
    return entry_type, [name for name in needed_fields(entry_type) if name not in present]


def _entry_type(kind: VenueKind) -> str:
    return kind.entry_type if kind.entry_type in (INPROCEEDINGS, ARTICLE) else MISC


def note_entry(
    note: Note,
    key: str,
    table: Mapping[str, VenueKind] = DEFAULT_VENUES,
    page_url: str | None = None,
    ascii_only: bool = False,
) -> Entry:
    """The entry of one note. ``page_url`` is the note's absolute address, if known."""
    links = dict(note.links)
    kind = venue_kind(note.venue, table)
    arxiv = arxiv_id(links["arxiv"]) if "arxiv" in links else None
    fields: list[tuple[str, str]] = []
    if note.authors.names:
        fields.append(("author", author_field(note, ascii_only)))
    if note.title:
        fields.append(("title", protect_title(note.title, ascii_only)))
    if kind.entry_type == INPROCEEDINGS:
        fields.append(("booktitle", escape(kind.full_name, ascii_only)))
    elif kind.entry_type == ARTICLE:
        fields.append(("journal", escape(kind.full_name, ascii_only)))
    elif note.venue and note.venue.casefold() != "arxiv":
        fields.append(("howpublished", protect_title(kind.full_name or note.venue, ascii_only)))
    if note.year:
        fields.append(("year", str(note.year)))
    if "doi" in links:
        fields.append(("doi", _raw(unquote(links["doi"].removeprefix("https://doi.org/")))))
    url = links.get("url") or links.get("arxiv") or links.get("openreview") or links.get("pdf")
    if url or page_url:
        fields.append(("url", _raw(url or page_url or "")))
    if arxiv:
        fields.append(("eprint", arxiv))
        fields.append(("archiveprefix", "arXiv"))
    if note.tags:
        fields.append(("keywords", escape(", ".join(note.tags), ascii_only)))
    if note.summary:
        fields.append(("abstract", escape(note.summary, ascii_only)))
    if page_url and url:
        fields.append(("note", note_link(page_url, ascii_only)))
    if not note.authors.names:
        fields.append(("key", escape(note.display_title, ascii_only)))
    order = {name: index for index, name in enumerate(FIELD_ORDER)}
    fields.sort(key=lambda item: order[item[0]])
    return Entry(key, _entry_type(kind), tuple(fields))


def note_link(page_url: str, ascii_only: bool = False) -> str:
    r"""``Paper note: \url{…}``: the note's page where styles print it, as a link
    that breaks across lines (plain text made overfull lines of 200 pt and more).

    The ``#note-…`` fragment is left out: biblatex keeps a field in a macro,
    where ``#`` is an error, and inside ``\url`` no escape of it prints right
    under both bibtex and biber. The page still opens on the note (one note,
    one page, as notes are written). An address that ``\url`` could not take
    in a field (``%`` from a non-ASCII file name) stays plain text.
    """
    address = page_url.split("#", 1)[0]
    if address.isascii() and not _URL_UNSAFE.search(address):
        return "Paper note: \\url{" + address + "}"
    return "Paper note: " + escape(page_url, ascii_only)


def _raw(value: str) -> str:
    """URLs and DOIs are written raw, except what could unbalance the entry."""
    return value.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def entries(
    collection: Collection,
    page_urls: Mapping[str, str] | None = None,
    table: Mapping[str, VenueKind] = DEFAULT_VENUES,
    ascii_only: bool = False,
) -> list[Entry]:
    """Every note's entry, in id order (the order of the JSON export)."""
    urls = page_urls or {}
    return [
        note_entry(note, collection.bibkeys[note.key], table, urls.get(note.key), ascii_only)
        for note in collection.notes
    ]


def to_bibtex(items: Iterable[Entry], ascii_only: bool = False) -> str:
    """The ``.bib`` file: a comment header, then the entries separated by blank lines."""
    return bibtex_document((entry.render() for entry in items), ascii_only)


def bibtex_document(rendered: Iterable[str], ascii_only: bool = False) -> str:
    """The ``.bib`` file from entries already rendered."""
    return "".join(bibtex_chunks(rendered, ascii_only))


def bibtex_chunks(rendered: Iterable[str], ascii_only: bool = False) -> Iterator[str]:
    """:func:`bibtex_document` in pieces, for writing without holding the whole file."""
    yield "% Written by sphinx-papernotes. Encoding: " + ("ASCII" if ascii_only else "UTF-8")
    yield "\n\n"
    for index, entry in enumerate(rendered):
        yield entry if index == 0 else "\n\n" + entry
    yield "\n"
