"""Project-wide checks that need every document: duplicate ids and BibTeX keys.

They run on ``env-check-consistency``, after each build that read anything,
so the warning stays visible until the duplicate is gone.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from . import config
from .diagnostics import Subtype, warn
from .domain import get_domain
from .exports.bibtex import entry_gaps


def check_duplicates(app: Sphinx, env: BuildEnvironment) -> None:
    collection = get_domain(env).collection
    for note_id, notes in sorted(collection.duplicates.items()):
        first = notes[0]
        where = f"{env.doc2path(first.docname, False)}:{first.lineno}"
        for other in notes[1:]:
            warn(
                Subtype.DUPLICATE,
                f"duplicate note id {note_id!r}: also used at {where}; references go to that note",
                (other.docname, other.lineno),
            )
    for kept, clash in collection.bibkey_clashes:
        warn(
            Subtype.DUPLICATE,
            f"bibkey {clash.bibkey!r} of note {clash.id!r} is already used by note "
            f"{kept.id!r} ({env.doc2path(kept.docname, False)}:{kept.lineno}); a key is "
            "generated instead",
            (clash.docname, clash.lineno),
        )


def check_bibtex(app: Sphinx, env: BuildEnvironment) -> None:
    """Notes whose entry type needs fields they lack: exported anyway, but said."""
    if not config.get(app.config, "papernotes_bibtex_file"):
        return
    collection = get_domain(env).collection
    table = config.venue_table(app.config)
    for note in collection.notes:
        entry_type, missing = entry_gaps(note, table)
        if missing:
            warn(
                Subtype.BIBTEX,
                f"note {note.id!r}: its BibTeX entry (@{entry_type}) has no "
                f"{' or '.join(missing)}; BibTeX styles will complain about it",
                (note.docname, note.lineno),
            )


def setup_checks(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_duplicates)
    app.connect("env-check-consistency", check_bibtex)
