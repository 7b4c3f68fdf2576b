"""Reading entries of users' ``.bib`` files (pybtex) as note fields.

Shared by ``:from-bib:`` in a build and by ``papernotes import bibtex``, so
both read an entry the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import BibliographyData, Entry, PybtexError, parse_file
from pybtex.richtext import Text

from .text import clean_text
from .venue_table import VenueKind, venue_for_full_name


def latex_to_text(value: str) -> str:
    """``{JetFormer}: Caf\\'e`` -> ``JetFormer: Café``; the value as is if pybtex cannot."""
    try:
        return clean_text(str(Text.from_latex(value).render_as("text")))
    except Exception:
        return clean_text(value)


def entry_authors(entry: Entry) -> str:
    """The authors as a note writes them: ``A; B+`` (``+`` for ``and others``)."""
    names: list[str] = []
    truncated = False
    for person in entry.persons.get("author", []):
        parts = (
            person.first_names
            + person.middle_names
            + person.prelast_names
            + person.last_names
            + person.lineage_names
        )
        name = " ".join(latex_to_text(part) for part in parts)
        if name.casefold() == "others":
            truncated = True
        elif name:
            names.append(name.replace(";", ","))
    return "; ".join(names) + ("+" if truncated and names else "")


def is_arxiv(entry: Entry) -> bool:
    archive = entry.fields.get("archivePrefix", entry.fields.get("archiveprefix", ""))
    return str(archive).lower() == "arxiv"


def entry_options(entry: Entry, table: Mapping[str, VenueKind]) -> dict[str, str]:
    """The directive options an entry provides, written as a user would write them."""
    fields = entry.fields
    options: dict[str, str] = {}
    if "title" in fields:
        options["title"] = latex_to_text(fields["title"])
    authors = entry_authors(entry)
    if authors:
        options["authors"] = authors
    venue = fields.get("booktitle") or fields.get("journal")
    if venue:
        options["venue"] = venue_for_full_name(latex_to_text(venue), table)
    elif is_arxiv(entry) or "eprint" in fields:
        options["venue"] = "arXiv"
    if "year" in fields:
        options["year"] = latex_to_text(fields["year"])
    for kind, name in (("doi", "doi"), ("url", "url")):
        if name in fields:
            options[kind] = clean_text(fields[name])
    archive = fields.get("archivePrefix", fields.get("archiveprefix", ""))
    if "eprint" in fields and (is_arxiv(entry) or not archive):
        options["arxiv"] = clean_text(fields["eprint"])
    return options


@dataclass
class BibSources:
    """The project's ``.bib`` files and their parsed entries, for this process only."""

    files: list[Path] = field(default_factory=list)
    parsed: dict[Path, tuple[float, BibliographyData | None, str]] = field(default_factory=dict)

    def load(self, path: Path) -> tuple[BibliographyData | None, str]:
        """Parsed data (or ``None`` and the reason), re-read when the file changes."""
        try:
            mtime = path.stat().st_mtime
        except OSError:
            return None, f"cannot read {path}"
        cached = self.parsed.get(path)
        if cached is None or cached[0] != mtime:
            try:
                cached = (mtime, parse_file(str(path), bib_format="bibtex"), "")
            except (PybtexError, OSError, UnicodeDecodeError) as error:
                cached = (mtime, None, f"cannot parse {path.name}: {error}")
            self.parsed[path] = cached
        return cached[1], cached[2]

    def find(self, key: str) -> tuple[Entry | None, list[str]]:
        """The entry for ``key`` (BibTeX keys ignore case) and any file problems."""
        problems = []
        for path in self.files:
            data, problem = self.load(path)
            if data is None:
                problems.append(problem)
                continue
            for candidate, entry in data.entries.items():
                if candidate.lower() == key.lower():
                    return entry, problems
        return None, problems
