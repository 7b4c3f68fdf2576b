"""Each note's own BibTeX entry, shown on its page.

In HTML a collapsed ``<details>`` block with a copy button, as plain text
(highlighting it on every page cost seconds); in text, man and texinfo a
literal block; in LaTeX only with ``papernotes_latex_bibtex``. The entry
depends on every note (keys are made unique across the project), so it is
drawn when the page is written (see :mod:`.note_html`, :mod:`.note_print`).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config

from . import config
from .addresses import note_address
from .exports.bibtex import note_entry
from .model import Collection, Note
from .settings import settings


def bibtex_entry(
    cfg: Config,
    collection: Collection,
    note: Note,
    address: str | None,
) -> str:
    """The note's entry: the one place both its page and ``papernotes.bib`` get it.

    ``address`` is the note's page relative to the output folder.
    """
    return note_entry(
        note,
        collection.bibkeys[note.key],
        settings(cfg).venue_table,
        config.bibtex_page_url(cfg, address),
        bool(settings(cfg).bibtex_ascii),
    ).render()


def entry_text(builder: Builder, collection: Collection, note: Note) -> str:
    """The note's entry exactly as ``papernotes.bib`` has it."""
    return bibtex_entry(builder.config, collection, note, note_address(builder, note))


def setup_note_bibtex(app: Sphinx) -> None:
    # The copy button of the HTML block (see note_html).
    app.add_js_file("papernotes.js", loading_method="defer")
