"""Filter values of the notes: Pagefind's filters, and the built-in search's.

Both backends filter by the same four things: ``tag``, ``venue``, ``year``
and ``pick`` (``yes``/``no``). Pagefind reads them from each page's markup
(``pagefind_index.note_markup``). Sphinx's built-in search has no metadata,
so after every HTML build the values of every note are written to
``_static/papernotes-filters.js``, from the domain (whole after incremental
and parallel builds). The papernotes theme's search page loads it only for a
query holding a ``tag:``/``venue:``/``year:``/``pick:`` term
(``papernotes-search.js``), searches the rest of the query and keeps the
results whose note has every value asked for.
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx

from .domain import get_domain
from .model import Note

FILE = "papernotes-filters.js"
BUILDERS = ("html", "dirhtml")


def note_filters(note: Note) -> list[tuple[str, str]]:
    """``(filter, value)`` pairs of one note, in a stable order."""
    values = [("tag", tag) for tag in note.tags]
    if note.venue:
        values.append(("venue", note.venue))
    if note.year:
        values.append(("year", str(note.year)))
    values.append(("pick", "yes" if note.pick else "no"))
    return values


def filters_script(notes: dict[str, list[Note]]) -> str:
    """The script defining ``papernotesFilters``: docname -> its notes' values."""
    pages: dict[str, list[dict[str, str | list[str]]]] = {}
    for docname in sorted(notes):
        for note in notes[docname]:
            grouped: dict[str, list[str]] = {}
            for key, value in note_filters(note):
                grouped.setdefault(key, []).append(value)
            pages.setdefault(docname, []).append({"anchor": note.anchor, **grouped})
    data = json.dumps(pages, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.papernotesFilters = {data};\n"


def write_filters(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the filter values of every note, for the search page."""
    if exception is not None or app.builder.name not in BUILDERS:
        return
    static = Path(app.outdir) / "_static"
    target = static / FILE
    domain = get_domain(app.env)
    if not domain.notes_changed and target.is_file():
        return  # no document read or removed: the values are the same
    static.mkdir(parents=True, exist_ok=True)
    script = filters_script(domain.notes)
    if not target.is_file() or target.read_text(encoding="utf-8") != script:
        target.write_text(script, encoding="utf-8")


def setup_search_filters(app: Sphinx) -> None:
    app.connect("build-finished", write_filters)
