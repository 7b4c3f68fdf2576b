"""The ``papernotes`` command: scaffold a note, import GitHub issues or a ``.bib`` file.

Exit codes: 0 when everything went well (skipping pull requests or issues of
another state is not an error), 1 when something was skipped because of an
error (listed in the summary), 2 on bad usage (argparse's convention).

Only the model and the importers are imported here, never Sphinx.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .importers.bibtex import import_bibtex
from .importers.fetch import (
    DEFAULT_TIMEOUT,
    Fetcher,
    FetchError,
    Identifier,
    Paper,
    cache_folder,
    fetch_paper,
    identify,
)
from .importers.files import create_new
from .importers.github import STATES, GithubOptions, import_github
from .importers.new_note import NewNote, render_new_note
from .importers.report import Report
from .importers.scan import next_free_number, note_ids_in, note_with_paper
from .model import parse_authors, parse_date, parse_tags, parse_venue
from .model.ids import is_valid_id
from .model.text import clean_text, holds_html

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A bad command line that argparse itself cannot see (exit code 2)."""


def _add_force(parser: argparse.ArgumentParser) -> None:
    """``--force``, the same for every import."""
    parser.add_argument(
        "--force",
        action="store_true",
        help="overwrite files edited by hand or not written by an import",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="papernotes",
        description="Write paper notes for sphinx-papernotes: start a new note, or import "
        "notes kept as GitHub issues or as a BibTeX file.",
        epilog="Run 'papernotes COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "new",
        help="write a new note file from a template, or from an arXiv id, DOI or OpenReview id",
        description="Write DIR/<id>.md holding one paper-note directive with the fields "
        "given. Given an arXiv id, a DOI, an OpenReview id or a URL of one, the paper's "
        "title, authors, venue, year, links and abstract are fetched from arXiv, doi.org "
        "or OpenReview (fields given as options win). The id is the next free number in "
        "DIR unless --id is given. An existing file is never overwritten, and an id "
        "already used by a note in DIR is refused.",
    )
    new.add_argument(
        "identifier",
        nargs="?",
        default=None,
        metavar="ID-OR-URL",
        help="an arXiv id (2411.19722), a DOI (10.…), or a URL of arXiv, doi.org or OpenReview",
    )
    new.add_argument(
        "--id", dest="note_id", metavar="ID", help="the note id (default: next free number)"
    )
    new.add_argument("--title", default="", help="the paper's title")
    new.add_argument("--authors", default="", help="authors, e.g. 'Ada Lovelace; Alan Turing'")
    new.add_argument("--venue", default="", help='venue and year, e.g. "ICLR\'25"')
    new.add_argument("--tags", default="", help="comma-separated tags")
    new.add_argument("--arxiv", default="", help="arXiv id or URL, e.g. 2411.19722")
    new.add_argument("--doi", default="", help="a DOI or doi.org URL, e.g. 10.1000/xyz123")
    new.add_argument("--openreview", default="", help="OpenReview id or URL, e.g. sgAp2qG86e")
    new.add_argument(
        "--offline",
        action="store_true",
        help="fetch nothing: write the note from the options and the identifier only",
    )
    new.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"how long to wait for an answer (default: {DEFAULT_TIMEOUT:g})",
    )
    new.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="ask the service again instead of using an answer kept from an earlier run",
    )
    new.add_argument("--date", default="", help="the note's date, YYYY-MM-DD (default: today)")
    new.add_argument(
        "--force",
        action="store_true",
        help="write the note even when a note in DIR already links the same paper",
    )
    new.add_argument(
        "--dir", type=Path, default=Path(), metavar="DIR", help="folder of the notes (default: .)"
    )
    new.set_defaults(handler=run_new)

    importing = commands.add_parser(
        "import",
        help="import notes from GitHub issues or a .bib file",
        description="Convert notes kept elsewhere into MyST note files. Imports can be run "
        "again: unchanged notes are left alone, and files edited by hand are kept.",
    )
    sources = importing.add_subparsers(dest="source", metavar="SOURCE")

    github = sources.add_parser(
        "github",
        help="one note per GitHub issue (REST API JSON or gh issue list --json)",
        description="Write DIR/<number>.md for every issue in ISSUES.json: the JSON the GitHub "
        "REST API returns for a repository's issues (one array, or pages back to back), or "
        "what 'gh issue list --json number,title,body,labels,createdAt,comments,url,author,"
        "state' writes (comments embedded). Pull requests are skipped.",
    )
    github.add_argument("issues", type=Path, metavar="ISSUES.json", help="the issues")
    github.add_argument(
        "--comments",
        type=Path,
        metavar="COMMENTS.json",
        help="the repository's issue comments; the issue author's are appended to each note",
    )
    github.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to write into"
    )
    github.add_argument(
        "--state",
        choices=STATES,
        default="all",
        help="import only open or closed issues (default: all)",
    )
    github.add_argument(
        "--drop-label",
        action="append",
        default=[],
        metavar="LABEL",
        help="a label that is not a tag (repeatable; * and ? match any text)",
    )
    github.add_argument(
        "--venue-label",
        action="append",
        default=[],
        metavar="LABEL=VENUE",
        help="a label that names a venue, used when the title gives none (repeatable)",
    )
    github.add_argument(
        "--pick-label",
        action="append",
        default=[],
        metavar="LABEL",
        help="a label that marks a pick: the note gets :pick: and the label is no tag "
        "(repeatable, case ignored)",
    )
    github.add_argument(
        "--all-authors",
        "--all-comments",
        dest="all_comments",
        action="store_true",
        help="keep comments by everyone, not only by the issue's author",
    )
    _add_force(github)
    github.set_defaults(handler=run_import_github)

    bibtex = sources.add_parser(
        "bibtex",
        help="one stub note per entry of a .bib file",
        description="Write DIR/<key>.md for every entry in REFS.bib: a note that names the entry "
        "with :from-bib: and holds the fields found in it.",
    )
    bibtex.add_argument("bib", type=Path, metavar="REFS.bib", help="the BibTeX file")
    bibtex.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to write into"
    )
    bibtex.add_argument(
        "--no-from-bib",
        dest="from_bib",
        action="store_false",
        help="leave out :from-bib: (for projects that do not list the .bib in bibtex_bibfiles)",
    )
    _add_force(bibtex)
    bibtex.set_defaults(handler=run_import_bibtex)

    parser.set_defaults(handler=None, parser=parser)
    new.set_defaults(parser=new)
    importing.set_defaults(handler=None, parser=importing)
    github.set_defaults(parser=github)
    bibtex.set_defaults(parser=bibtex)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; the return value is the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    if args.handler is None:
        args.parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.handler(args)
    except UsageError as error:
        args.parser.print_usage(sys.stderr)
        print(f"{args.parser.prog}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return code


def _checked(name: str, problems: Sequence[str]) -> None:
    if problems:
        raise UsageError(f"--{name}: {'; '.join(problems)}")


def run_new(args: argparse.Namespace) -> int:
    folder: Path = args.dir
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--dir {folder} is not a folder")
    for name in ("title", "authors", "venue", "tags"):
        setattr(args, name, clean_text(getattr(args, name)))
    for name in ("title", "authors", "venue", "tags"):
        if holds_html(getattr(args, name)):
            # The directive would show it as plain text, with a papernotes.field warning.
            _checked(name, ["holds HTML markup, which a note shows as plain text"])
    _checked("authors", parse_authors(args.authors).problems if args.authors else ())
    _checked("venue", parse_venue(args.venue).problems)
    _checked("tags", parse_tags(args.tags).problems if args.tags else ())
    identifier = _identifier(args)
    if not args.timeout > 0:
        raise UsageError(f"--timeout {args.timeout:g}: must be a positive number of seconds")
    date = parse_date(args.date or dt.date.today().isoformat())
    _checked("date", date.problems)
    existing = note_ids_in(folder)
    note_id = (
        clean_text(args.note_id) if args.note_id is not None else str(next_free_number(existing))
    )
    if not is_valid_id(note_id):
        raise UsageError(
            f"--id {note_id!r} is not a valid note id (letters, digits, '_', '.' and '-', "
            "starting with a letter or digit)"
        )
    path = folder / f"{note_id}.md"
    holder = existing.get(note_id)
    if holder is not None and holder.resolve() != path.resolve():
        print(f"papernotes new: note id {note_id} is already used by {holder}", file=sys.stderr)
        return EXIT_SKIPPED
    if identifier is not None and not args.force:
        noted = note_with_paper(folder, identifier.kind, identifier.value)
        if noted is not None:
            print(
                f"papernotes new: {identifier.kind} {identifier.value} is already noted in "
                f"{noted}; nothing written (--force writes another note)",
                file=sys.stderr,
            )
            return EXIT_SKIPPED
    paper = Paper()
    if identifier is not None and not args.offline:
        cache = cache_folder() if args.cache else None
        try:
            paper = fetch_paper(identifier, Fetcher(timeout=args.timeout, cache=cache))
        except FetchError as error:
            print(f"papernotes new: {error}", file=sys.stderr)
            return EXIT_SKIPPED
    links = dict(paper.links)
    if identifier is not None:
        links.setdefault(identifier.kind, identifier.value)
    text, altered = render_new_note(
        NewNote(
            note_id=note_id,
            date=date.value or "",
            title=args.title or paper.title,
            authors=args.authors or author_list(paper.authors),
            venue=args.venue or paper.venue,
            tags=args.tags,
            # A venue given on the command line carries its own year.
            year=str(paper.year) if paper.year and not args.venue else "",
            arxiv=links.get("arxiv", ""),
            doi=links.get("doi", ""),
            openreview=links.get("openreview", ""),
            abstract=paper.abstract,
        )
    )
    folder.mkdir(parents=True, exist_ok=True)
    if not create_new(path, text):
        print(f"papernotes new: {path} exists; nothing written", file=sys.stderr)
        return EXIT_SKIPPED
    for name in altered:
        print(
            f"papernotes new: the {name} holds both quote kinds; its ' became ’", file=sys.stderr
        )
    print(path)
    return EXIT_OK


def _identifier(args: argparse.Namespace) -> Identifier | None:
    """The one paper identifier given, as a positional argument or an option."""
    given = [
        (kind, value)
        for kind, value in (
            (None, args.identifier),
            ("arxiv", args.arxiv),
            ("doi", args.doi),
            ("openreview", args.openreview),
        )
        if value
    ]
    if not given:
        return None
    if len(given) > 1:
        raise UsageError("give one paper identifier (ID-OR-URL, --arxiv, --doi or --openreview)")
    kind, value = given[0]
    try:
        return identify(value, kind)
    except FetchError as error:
        name = f"--{kind}" if kind else "ID-OR-URL"
        raise UsageError(f"{name}: {error}") from None


def author_list(names: Sequence[str]) -> str:
    """Names as one ``:authors:`` value: ``;`` between them, none inside one."""
    return "; ".join(clean_text(name.replace(";", ",")) for name in names if name.strip())


def _input_file(path: Path, what: str) -> None:
    if not path.is_file():
        raise UsageError(f"{what} {path}: no such file")


def _finish(report: Report) -> int:
    print(report.summary())
    return report.exit_code


def run_import_github(args: argparse.Namespace) -> int:
    _input_file(args.issues, "ISSUES.json")
    if args.comments is not None:
        _input_file(args.comments, "--comments")
    venue_labels: list[tuple[str, str]] = []
    for mapping in args.venue_label:
        label, sep, venue = mapping.partition("=")
        if not sep or not label.strip() or not venue.strip():
            raise UsageError(f"--venue-label {mapping!r}: expected LABEL=VENUE")
        _checked("venue-label", parse_venue(venue).problems)
        venue_labels.append((label.strip(), venue.strip()))
    options = GithubOptions(
        state=args.state,
        drop_labels=tuple(args.drop_label),
        venue_labels=tuple(venue_labels),
        all_comments=args.all_comments,
        force=args.force,
        pick_labels=tuple(label.strip() for label in args.pick_label if label.strip()),
    )
    return _finish(import_github(args.issues, args.out, args.comments, options))


def run_import_bibtex(args: argparse.Namespace) -> int:
    _input_file(args.bib, "REFS.bib")
    return _finish(import_bibtex(args.bib, args.out, from_bib=args.from_bib, force=args.force))


if __name__ == "__main__":
    sys.exit(main())
