"""Reading entries of users' ``.bib`` files (pybtex) as note fields.

Shared by ``:from-bib:`` in a build and by ``papernotes import bibtex``, so
both read an entry the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from pybtex.database import Entry
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
