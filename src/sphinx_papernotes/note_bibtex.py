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

from . import config
from .addresses import note_address
from .exports.bibtex import note_entry
from .model import Collection, Note


def entry_text(builder: Builder, collection: Collection, note: Note) -> str:
    """The note's entry exactly as ``papernotes.bib`` has it."""
    cfg = builder.config
    return note_entry(
        note,
        collection.bibkeys[note.key],
        config.venue_table(cfg),
        config.bibtex_page_url(cfg, note_address(builder, note)),
        bool(config.get(cfg, "papernotes_bibtex_ascii")),
    ).render()


def setup_note_bibtex(app: Sphinx) -> None:
    # The copy button of the HTML block (see note_html).
    app.add_js_file("papernotes.js", loading_method="defer")
