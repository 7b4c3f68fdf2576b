"""Project-wide checks that need every document: duplicate ids and BibTeX keys.

They run on ``env-check-consistency``, after each build that read anything,
so the warning stays visible until the duplicate is gone.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .diagnostics import Subtype, note_location, warn
from .domain import get_domain
from .exports.bibtex import entry_gaps
from .model import Note
from .settings import settings


def check_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    collection = get_domain(env).collection
    for note_id, notes in sorted(collection.duplicates.items()):
        first = notes[0]
        where = _place(env, first)
        for other in notes[1:]:
            warn(
                Subtype.DUPLICATE,
                f"duplicate note id {note_id!r}: also used at {where}; references go to that note",
                note_location(other),
            )
    for kept, clash in collection.bibkey_clashes:
        warn(
            Subtype.DUPLICATE,
            f"bibkey {clash.bibkey!r} of note {clash.id!r} is already used by note "
            f"{kept.id!r} ({_place(env, kept)}); a key is "
            "generated instead",
            note_location(clash),
        )


def check_bibtex(app: Sphinx, env: BuildEnvironment) -> None:
    """Notes whose entry type needs fields they lack: exported anyway, but said."""
    if not settings(app.config).bibtex_file:
        return
    collection = get_domain(env).collection
    table = settings(app.config).venue_table
    for note in collection.notes:
        entry_type, missing = entry_gaps(note, table)
        if missing:
            warn(
                Subtype.BIBTEX,
                f"note {note.id!r}: its BibTeX entry (@{entry_type}) has no "
                f"{' or '.join(missing)}; BibTeX styles will complain about it",
                note_location(note),
            )


def _place(env: BuildEnvironment, note: Note) -> str:
    """``file:line`` of a note for a message, relative to the project as before."""
    path = Path(note.source) if note.source else env.doc2path(note.docname)
    if path.is_relative_to(env.srcdir):
        path = path.relative_to(env.srcdir)
    return f"{path}:{note.lineno}"


def setup_checks(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_duplicates)
    app.connect("env-check-consistency", check_bibtex)
