"""Time the exports alone: JSON and BibTeX of N notes, no Sphinx involved.

    python benchmarks/export.py --notes 5000 --runs 5

The notes come from the same seeded generator as the build benchmark and go
through the same parsers a build uses, then :class:`Collection` (keys,
backlinks, counts) and both exporters run; the median of the runs is printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate_notes
from sphinx_papernotes.exports.bibtex import entries, to_bibtex
from sphinx_papernotes.exports.json_export import to_json
from sphinx_papernotes.model import (
    Collection,
    Note,
    Reference,
    parse_authors,
    parse_date,
    parse_link,
    parse_tags,
    parse_venue,
)


def model_notes(count: int, seed: int) -> tuple[list[Note], list[Reference]]:
    notes = []
    refs = []
    for data in generate_notes(count, seed):
        venue = parse_venue(data.venue).value
        arxiv = parse_link("arxiv", data.arxiv).value
        authors = "; ".join(data.authors) + ("+" if data.truncated else "")
        note = Note(
            id=str(data.id),
            docname=f"notes/{data.id}",
            lineno=1,
            anchor=f"note-{data.id}",
            title=data.title,
            authors=parse_authors(authors).value,
            venue=venue.name,
            year=venue.year,
            date=parse_date(data.date).value,
            tags=parse_tags(", ".join(data.tags)).value,
            links=(("arxiv", arxiv),) if arxiv else (),
            summary=data.summary,
        )
        notes.append(note)
        refs += [
            Reference("note", str(segment[1]), note.docname, 2, note.key)
            for paragraph in data.paragraphs
            for segment in paragraph
            if isinstance(segment, tuple) and segment[0] == "ref"
        ]
    return notes, refs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    notes, refs = model_notes(args.notes, args.seed)
    timings: dict[str, list[float]] = {"collection": [], "json": [], "bibtex": [], "total": []}
    for _ in range(args.runs):
        start = time.perf_counter()
        collection = Collection(notes, refs)
        _ = collection.bibkeys, collection.incoming, collection.tag_counts
        built = time.perf_counter()
        to_json(collection, {note.key: f"{note.docname}.html#{note.anchor}" for note in notes})
        json_done = time.perf_counter()
        to_bibtex(entries(collection))
        bib_done = time.perf_counter()
        timings["collection"].append(built - start)
        timings["json"].append(json_done - built)
        timings["bibtex"].append(bib_done - json_done)
        timings["total"].append(bib_done - start)
    median = {name: statistics.median(values) for name, values in timings.items()}
    table = (
        "| notes | collection (s) | JSON (s) | BibTeX (s) | total (s) |\n"
        "|---:|---:|---:|---:|---:|\n"
        f"| {args.notes} | {median['collection']:.3f} | {median['json']:.3f} "
        f"| {median['bibtex']:.3f} | {median['total']:.3f} |\n"
    )
    print(table, end="")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(
            f"Median of {args.runs} runs, Python {sys.version.split()[0]}.\n\n{table}"
        )


if __name__ == "__main__":
    main()
