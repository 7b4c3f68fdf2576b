"""Project-wide checks that need every document: duplicate ids and BibTeX keys.

They run on ``env-check-consistency``, after each build that read anything,
so the warning stays visible until the duplicate is gone.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .diagnostics import Subtype, warn
from .domain import get_domain


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


def setup_checks(app: Sphinx) -> None:
    app.connect("env-check-consistency", check_duplicates)
