"""A ``.bib`` file to one stub note per entry.

Each entry becomes ``DIR/<id>.md``, the id being the entry's key made a
valid note id. The stub names its entry with ``:from-bib:`` (so a project
that lists the file in ``bibtex_bibfiles`` keeps reading it) and writes the
fields found in it, so the note is complete on its own too.

The file is parsed with pybtex, one entry at a time: a broken entry is
reported and the others are still imported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pybtex.database import Entry
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError

from ..model.bib_entries import entry_authors, latex_to_text
from ..model.bibkeys import EXPLICIT_KEY_RE
from ..model.dates import parse_year
from ..model.ids import MAX_ID_LENGTH, is_valid_id
from ..model.links import parse_link
from ..model.tags import parse_tags
from ..model.text import clean_text
from ..model.venue_table import DEFAULT_VENUES, venue_for_full_name
from .files import write_generated
from .myst import render_note
from .progress import ProgressBar
from .report import Report
from .scan import note_ids_in

_ENTRY_START_RE = re.compile(r"^[ \t]*@", re.MULTILINE)
_ENTRY_HEAD_RE = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]*)")
_NOT_ID_RE = re.compile(r"[^A-Za-z0-9_.-]+")
_NON_ENTRIES = frozenset({"comment", "preamble", "string"})


@dataclass(frozen=True)
class BibEntry:
    key: str
    entry: Entry
    line: int


def read_entries(path: Path, report: Report) -> list[BibEntry]:
    """The entries of a ``.bib`` file; broken ones are reported, the rest kept.

    The text is cut before every line that starts with ``@`` and each piece
    is parsed on its own (``@string`` macros carry over), so an unbalanced
    brace costs one entry, not the rest of the file.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        report.errors.append(f"{path}: cannot read: {error.strerror or error}")
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        report.notices.append(f"{path.name}: not UTF-8; read as Latin-1")
    starts = [match.start() for match in _ENTRY_START_RE.finditer(text)]
    parser = Parser()
    entries: list[BibEntry] = []
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        chunk = text[begin:end]
        line = text.count("\n", 0, begin) + 1
        head = _ENTRY_HEAD_RE.match(chunk.lstrip())
        kind = head.group(1).lower() if head else ""
        key = head.group(2) if head else ""
        where = f"{path.name}:{line}" + (f" ({key})" if key and kind not in _NON_ENTRIES else "")
        before = set(parser.data.entries.keys())
        try:
            parser.parse_string(chunk)
        except PybtexError as error:
            report.skip(where, f"cannot parse the entry: {error}", error=True)
            continue
        except Exception as error:  # pybtex raises a few plain errors on odd input
            report.skip(where, f"cannot parse the entry: {error}", error=True)
            continue
        for new_key in parser.data.entries:
            if new_key not in before:
                entries.append(BibEntry(new_key, parser.data.entries[new_key], line))
    return entries


def note_id_for(key: str, taken: set[str]) -> str:
    """The key as a valid note id, distinct (ignoring case) from those in ``taken``."""
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    base = _NOT_ID_RE.sub("-", ascii_key).strip("-._")[: MAX_ID_LENGTH - 4] or "entry"
    if not is_valid_id(base):
        base = f"entry-{base}"
    note_id = base
    suffix = 2
    while note_id.casefold() in taken:
        note_id = f"{base}-{suffix}"
        suffix += 1
    taken.add(note_id.casefold())
    return note_id


def entry_fields(entry: BibEntry, from_bib: bool) -> tuple[list[tuple[str, str]], list[str]]:
    """The options of a stub note, in the order written, and notices about the entry."""
    fields = entry.entry.fields
    notices: list[str] = []
    options: list[tuple[str, str]] = []
    if from_bib:
        options.append(("from-bib", entry.key))
    title = latex_to_text(fields["title"]) if "title" in fields else ""
    if not title:
        notices.append("no title; the note will warn until it has one")
    options.append(("title", title))
    options.append(("authors", entry_authors(entry.entry)))
    venue = fields.get("booktitle") or fields.get("journal")
    archive = fields.get("archivePrefix", fields.get("archiveprefix", "")).lower()
    if venue:
        options.append(("venue", venue_for_full_name(latex_to_text(venue), DEFAULT_VENUES)))
    elif archive == "arxiv" or "eprint" in fields:
        options.append(("venue", "arXiv"))
    if "year" in fields:
        year = parse_year(latex_to_text(fields["year"]))
        notices += year.problems
        options.append(("year", str(year.value) if year.value else ""))
    if "keywords" in fields:
        tags = parse_tags(latex_to_text(fields["keywords"]))
        options.append(("tags", ", ".join(tags.value)))
    for kind, value in (
        ("doi", fields.get("doi", "")),
        ("url", fields.get("url", "")),
        ("arxiv", fields.get("eprint", "") if archive in ("arxiv", "") else ""),
    ):
        value = clean_text(value)
        if not value:
            continue
        link = parse_link(kind, value)
        if link.value is None:
            notices += [f"{message}; left out" for message in link.problems]
            continue
        options.append((kind, value))
    if EXPLICIT_KEY_RE.fullmatch(entry.key):
        options.append(("bibkey", entry.key))
    return options, notices


def import_bibtex(
    bib_path: Path,
    out: Path,
    from_bib: bool = True,
    force: bool = False,
    progress_stream: TextIO | None = None,
) -> Report:
    """Write one stub note per entry of ``bib_path`` into ``out``."""
    report = Report()
    entries = read_entries(bib_path, report)
    out.mkdir(parents=True, exist_ok=True)
    existing = note_ids_in(out)
    taken: set[str] = set()
    with ProgressBar(len(entries), "Importing entries", progress_stream) as bar:
        for entry in entries:
            key = entry.key
            note_id = note_id_for(key, taken)
            item = f"{bib_path.name}:{entry.line} ({key})"
            if note_id != key:
                report.notices.append(f"{item}: written as note {note_id!r} ({note_id}.md)")
            path = out / f"{note_id}.md"
            holder = existing.get(note_id)
            if holder is not None and holder.resolve() != path.resolve():
                report.skip(item, f"note id {note_id!r} is already used by {holder}", error=True)
                bar.advance()
                continue
            options, notices = entry_fields(entry, from_bib)
            report.notices += [f"{item}: {notice}" for notice in notices]
            text, altered = render_note(note_id, options)
            for name in altered:
                report.notices.append(f"{item}: the {name} holds both quote kinds; its ' became ’")
            try:
                written = write_generated(path, f"bibtex entry {key}", text, force)
            except OSError as error:
                report.skip(item, f"cannot write {path}: {error.strerror or error}", error=True)
            else:
                report.record(item, written)
            bar.advance()
    if not entries and not report.errors and not report.skipped:
        report.notices.append(f"{bib_path.name}: no entries")
    return report
